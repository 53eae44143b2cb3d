//! The privacy policy end to end: for random audits and every policy
//! (`min_count` 1 and 3 to 10, `round_to` 1 to 10), all municipality reports of one
//! audit are built, and a reader who puts them side by side (every count
//! they show, every total they share, each location's own number of
//! families) attacks them together. No count below `min_count` may be shown
//! or worked out, and every count shown is a multiple of `round_to`.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::attack::{Bounds, Seen, narrow_over_lines, seen_bounds};
use super::build;
use super::model::{Count, MunicipalityReport};
use crate::i18n::Lang;
use crate::report::engine::Engine;
use crate::report::format::Formatter;
use crate::report::{Catalogue, Format, RenderContext};
use crate::results::facts::{AgeGroup, TrajectoryFacts};
use crate::results::{Audit, Outcome, RuleResult, Severity, Text, WaiverReport};
use crate::rulebook::{Privacy, Rulebook, load_rulebook};
use crate::rules::registry::RULES;

const MUNICIPALITIES: [&str; 4] = ["Aa", "Bb", "Cc", "Dd"];
const OUTCOMES: [Outcome; 4] = [Outcome::Pass, Outcome::Fail, Outcome::NotYetDue, Outcome::NotApplicable];

/// One family: location, municipality (index, or none), active in the
/// period, age group, duration group, and its HS-G04..06 outcomes.
pub(super) type Family = (usize, Option<usize>, bool, usize, usize, [usize; 3]);

pub(super) fn audit(families: &[Family]) -> Audit {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default();
    let mut trajectories = Vec::new();
    let mut results = Vec::new();
    for (i, &(loc, mun, active, age, duration, outcomes)) in families.iter().enumerate() {
        let location_id = format!("L{loc}");
        let subject_id = format!("G-{i:04}");
        trajectories.push(TrajectoryFacts {
            location_id: location_id.clone(),
            subject_id: subject_id.clone(),
            gemeente: mun.map(|m| MUNICIPALITIES[m].to_string()),
            active_in_period: active,
            closed_in_period: false,
            hours: Some(10.0),
            age_group: AgeGroup::ALL.get(age).copied(),
            duration_days: Some([30, 200, 400, 600][duration % 4]),
            outcome_change: BTreeMap::new(),
        });
        for (rule, o) in ["HS-G04", "HS-G05", "HS-G06"].iter().zip(outcomes) {
            let subject = Some((subject_id.as_str(), 2));
            results.push(RuleResult::new(rule, &location_id, subject, OUTCOMES[o], Severity::Warning, Text::default()));
        }
    }
    for loc in 0..3 {
        let id = format!("L{loc}");
        let n = families.iter().filter(|f| f.0 == loc && f.2).count() as f64;
        for rule in ["HS-L04", "HS-L05"] {
            results.push(
                RuleResult::new(rule, &id, None, Outcome::Pass, Severity::Error, Text::default()).measured(n, ">= 25"),
            );
        }
    }
    Audit {
        tool_version: "0".into(),
        rulebook_id: "homestart-nl".into(),
        rulebook_version: "1".into(),
        period_start: date,
        period_end: date,
        as_of: date,
        locations: Vec::new(),
        results: results.into(),
        summary: Vec::new(),
        verdicts: Vec::new(),
        comparison: None,
        input_findings: Vec::new(),
        waivers: WaiverReport::default(),
        trajectories,
    }
}

/// Every municipality report of the audit, under `policy`.
pub(super) fn reports(audit: &Audit, policy: Privacy) -> Vec<MunicipalityReport> {
    let mut rulebook: Rulebook = load_rulebook(None, RULES).unwrap_or_else(|d| panic!("{d:?}"));
    rulebook.privacy = policy;
    let catalogue = Catalogue::embedded();
    let engine = Engine::new(Lang::En, &catalogue, None).unwrap_or_else(|e| panic!("{e}"));
    let fmt = Formatter::new(&catalogue, Lang::En);
    let formats = [Format::Json];
    let ctx = RenderContext {
        lang: Lang::En,
        engine: &engine,
        catalogue: &catalogue,
        fmt: &fmt,
        rulebook: &rulebook,
        formats: &formats,
    };
    MUNICIPALITIES.iter().map(|m| build(audit, m, &ctx)).collect()
}

/// The reader's side of the audit: every count published anywhere, with
/// what the reports show of it and its true value, and the sums a reader
/// knows hold between them.
#[derive(Default)]
struct Published {
    seen: Vec<(String, Seen, u64)>,
    lines: Vec<(Vec<usize>, usize)>,
    /// The same count shown in several places: one member.
    shared: BTreeMap<String, usize>,
}

impl Published {
    fn member(&mut self, name: String, seen: Seen, value: u64) -> usize {
        if let Some(&i) = self.shared.get(&name) {
            assert_eq!(self.seen[i].1, seen, "{name} is shown alike wherever it is shown");
            return i;
        }
        self.seen.push((name.clone(), seen, value));
        self.shared.insert(name, self.seen.len() - 1);
        self.seen.len() - 1
    }
}

fn seen(c: Count) -> Seen {
    match c {
        Count::Shown(d) => Seen::Number(d),
        Count::Small(_) => Seen::Small,
        Count::Hidden => Seen::Hidden,
    }
}

/// A condition's measured text: `x`, `<m`, or a phrase that starts with the
/// number (`18 families supported`).
fn seen_text(text: &str) -> Seen {
    match text {
        "x" => Seen::Hidden,
        t if t.starts_with('<') => Seen::Small,
        t => {
            let number: String = t.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',').collect();
            Seen::Number(number.replace([',', '.'], "").parse().unwrap_or_else(|_| panic!("a count: {t}")))
        }
    }
}

fn publish(audit: &Audit, models: &[MunicipalityReport]) -> Published {
    let mut p = Published::default();
    let facts = &audit.trajectories;
    let active: Vec<&TrajectoryFacts> = facts.iter().filter(|f| f.active_in_period).collect();
    // Each location's own number of families, as its conditions show it.
    let mut location_lines: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (m, model) in MUNICIPALITIES.iter().zip(models) {
        if !model.has_families {
            continue;
        }
        let ours: Vec<&TrajectoryFacts> = facts.iter().filter(|f| f.gemeente.as_deref() == Some(m)).collect();
        let supported: Vec<&TrajectoryFacts> = ours.iter().copied().filter(|f| f.active_in_period).collect();
        let total_value = supported.len() as u64;
        let total = p.member(format!("{m} total"), seen(model.families.total.families), total_value);
        let mut cells = Vec::new();
        for row in &model.families.rows {
            let value = supported.iter().filter(|f| f.location_id == row.location_id).count() as u64;
            let i = p.member(format!("{m} at {}", row.location_id), seen(row.families), value);
            location_lines.entry(row.location_id.clone()).or_default().push(i);
            cells.push(i);
        }
        p.lines.push((cells, total));
        for (what, table) in [("age", &model.age_groups), ("duration", &model.duration)] {
            assert_eq!(seen(table.total), p.seen[total].1, "{m}: one total, shown alike");
            let mut cells = Vec::new();
            for row in &table.rows {
                let value = supported
                    .iter()
                    .filter(|f| {
                        let key = match what {
                            "age" => super::families::age_key(f.age_group),
                            _ => super::families::duration_key(f.duration_days),
                        };
                        key == row.key
                    })
                    .count() as u64;
                cells.push(p.member(format!("{m} {what} {}", row.key), seen(row.families), value));
            }
            p.lines.push((cells, total));
        }
        for row in &model.timeliness {
            let mut counts = [0u64; 4];
            for r in audit.results.iter().filter(|r| r.rule_id == row.rule_id) {
                let ours = ours
                    .iter()
                    .any(|f| Some(f.subject_id.as_str()) == r.subject_id.as_deref() && f.location_id == r.location_id);
                if ours {
                    counts[OUTCOMES.iter().position(|o| *o == r.outcome).unwrap_or(3)] += 1;
                }
            }
            let shown = [row.pass, row.fail, row.not_yet_due, row.other];
            let cells: Vec<usize> = (0..4)
                .map(|c| p.member(format!("{m} {} column {c}", row.rule_id), seen(shown[c]), counts[c]))
                .collect();
            let t = p.member(format!("{m} {} total", row.rule_id), seen(row.total), counts.iter().sum());
            p.lines.push((cells, t));
        }
        for loc in &model.locations {
            let value = active.iter().filter(|f| f.location_id == loc.location_id).count() as u64;
            for r in loc.rules.iter().filter(|r| r.rule_id == "HS-L04" || r.rule_id == "HS-L05") {
                let text = r.measured.as_deref().unwrap_or_else(|| panic!("{} measures", r.rule_id));
                p.member(format!("{} families", loc.location_id), seen_text(text), value);
            }
        }
    }
    // A location's number is the sum of its families per municipality, and of
    // its families without one (shown nowhere).
    for (loc, mut cells) in location_lines {
        let Some(&total) = p.shared.get(&format!("{loc} families")) else { continue };
        let nowhere = active.iter().filter(|f| f.location_id == loc && f.gemeente.is_none()).count();
        cells.push(p.member(format!("{loc} without municipality"), Seen::Nowhere, nowhere as u64));
        // Municipalities served that have no report member here: all zero and known.
        p.lines.push((cells, total));
    }
    p
}

/// Suppression ran out of counts to hide (see `suppress`): the reports then
/// still give a small count away, and the test says how often that happens
/// instead ([`unresolved_audits_are_rare`]).
fn unresolved(audit: &Audit, policy: Privacy) -> bool {
    super::shared::shared_marks(audit, policy).unresolved
}

fn check(audit: &Audit, policy: Privacy) -> Result<(), TestCaseError> {
    let models = reports(audit, policy);
    let p = publish(audit, &models);
    for (name, seen, value) in &p.seen {
        if let Seen::Number(d) = seen {
            prop_assert_eq!(d % policy.round_to, 0, "{} shown as {}: not a multiple of {}", name, d, policy.round_to);
            prop_assert_eq!(*d, policy.round(*value), "{} = {} is shown rounded", name, value);
            prop_assert!(!policy.is_small(*value), "{} = {} is shown although below {}", name, value, policy.min_count);
        }
    }
    if unresolved(audit, policy) {
        return Ok(());
    }
    let in_small_line =
        |i: usize| p.lines.iter().any(|(cells, total)| cells.contains(&i) && p.seen[*total].1 == Seen::Small);
    let bounds: Vec<Bounds> = p
        .seen
        .iter()
        .enumerate()
        .map(|(i, (_, s, v))| {
            let s = if *s == Seen::Small && in_small_line(i) { Seen::SmallInSmallLine } else { *s };
            seen_bounds(s, *v, &policy)
        })
        .collect();
    let known = narrow_over_lines(bounds, &p.lines);
    for ((name, _, value), b) in p.seen.iter().zip(&known) {
        prop_assert!(
            b.lo <= *value && b.hi.is_none_or(|h| *value <= h),
            "{} = {} outside what a reader knows: {:?}",
            name,
            value,
            b
        );
        if policy.is_small(*value) {
            prop_assert!(
                !b.is_point(),
                "{} = {} can be worked out from the reports together: {:?} {:?} {:?}",
                name,
                value,
                p.seen,
                known,
                p.lines
            );
        }
    }
    Ok(())
}

pub(super) fn family() -> impl Strategy<Value = Family> {
    (
        0usize..3,
        prop_oneof![1 => Just(None), 6 => (0usize..4).prop_map(Some)],
        prop_oneof![5 => Just(true), 1 => Just(false)],
        0usize..6,
        0usize..4,
        [0usize..4, 0usize..4, 0usize..4],
    )
}

fn policy() -> impl Strategy<Value = Privacy> {
    // `min_count` 2 is allowed but protects nothing (`<2` can only be 1), so
    // no policy with it can pass this test: it is left out.
    (prop_oneof![Just(1u64), 3u64..=10], 1u64..=10).prop_map(|(min_count, round_to)| Privacy { min_count, round_to })
}

/// 200 random audits a run; `POLICY_CASES=20000` for a long search.
fn cases() -> u32 {
    std::env::var("POLICY_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn no_count_below_min_count_is_shown_or_derivable_across_all_reports(
        families in proptest::collection::vec(family(), 0..70),
        policy in policy(),
    ) {
        check(&audit(&families), policy)?;
    }
}

/// Of 2000 random audits (seeded, so the figure is the same each run), how
/// many the suppression cannot fully protect.
#[test]
fn unresolved_audits_are_rare() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = (proptest::collection::vec(family(), 0..70), policy());
    let mut count = 0;
    for _ in 0..2000 {
        let (families, policy) = strategy.new_tree(&mut runner).map(|t| t.current()).unwrap_or_default();
        if unresolved(&audit(&families), policy) {
            count += 1;
        }
    }
    eprintln!("unresolved: {count} of 2000 random audits");
    assert!(count <= 40, "{count} of 2000 random audits give a small count away");
}

/// A shape suppression cannot protect (see `suppress`): one family from each
/// of four municipalities, all at L0 and none elsewhere. Each municipality's
/// `<5` is its only cell, L0's own `<5` (HS-L04) is their sum: each is 1.
/// Everything in it is hidden already; `unresolved` says so.
#[test]
fn four_municipalities_of_one_family_each_at_one_location_are_unresolved() {
    use super::suppress::Mark;
    let families: Vec<Family> = (0..4).map(|m| (0, Some(m), true, 1, 1, [0, 0, 0])).collect();
    let marks = super::shared::shared_marks(&audit(&families), Privacy::default());
    assert!(marks.unresolved, "{marks:?}");
    assert_eq!(marks.locations.get("L0"), Some(&Mark::Small));
    assert!(marks.totals.values().all(|&m| m == Mark::Small), "{marks:?}");
    assert!(marks.cells.values().all(|&m| m == Mark::Withheld), "{marks:?}");
}

/// The same families with `n` of them in municipality Aa at location L0.
fn with_aa(n: usize, others: usize) -> Audit {
    let mut families: Vec<Family> = (0..n).map(|_| (0, Some(0), true, 1, 1, [0, 0, 0])).collect();
    families.extend((0..others).map(|i| (1, Some(1), true, 2, 2, [i % 2, 0, 0])));
    audit(&families)
}

#[test]
fn at_the_edges_of_min_count() {
    let policy = Privacy { min_count: 7, round_to: 1 };
    let model = &reports(&with_aa(6, 20), policy)[0];
    assert_eq!(model.families.total.families, Count::Small(7), "6 = min_count - 1 is small");
    let model = &reports(&with_aa(7, 20), policy)[0];
    assert_eq!(model.families.total.families, Count::Shown(7), "7 = min_count is shown");
}

#[test]
fn rounding_to_five_as_statistics_netherlands_does() {
    let cbs = Privacy { min_count: 5, round_to: 5 };
    let shown = |n: usize| reports(&with_aa(n, 20), cbs)[0].families.total.families;
    assert_eq!(shown(4), Count::Small(5));
    assert_eq!(shown(5), Count::Shown(5));
    assert_eq!(shown(7), Count::Shown(5));
    assert_eq!(shown(8), Count::Shown(10));
    assert_eq!(shown(12), Count::Shown(10));
    assert_eq!(shown(13), Count::Shown(15));
    // Shares come from the rounded counts: 13 families, all of one age group: 15 of 15.
    let model = &reports(&with_aa(13, 20), cbs)[0];
    let row = model.age_groups.rows.iter().find(|r| r.families == Count::Shown(15));
    assert_eq!(row.map(|r| r.share), Some(super::model::Figure::Shown(1.0)));
}

#[test]
fn the_json_says_which_policy_it_was_shown_under() {
    let model = &reports(&with_aa(13, 20), Privacy { min_count: 10, round_to: 5 })[0];
    let json = serde_json::to_value(model).unwrap_or_default();
    assert_eq!(json["privacy"], serde_json::json!({"min_count": 10, "round_to": 5}));
    assert_eq!(json["families"]["total"]["families"], serde_json::json!(15));
    let model = &reports(&with_aa(9, 20), Privacy { min_count: 10, round_to: 5 })[0];
    let json = serde_json::to_value(model).unwrap_or_default();
    assert_eq!(json["families"]["total"]["families"], serde_json::json!("<10"));
}
