//! Timeliness of checks and evaluations (HS-G04, HS-G05, HS-G06) and the
//! change in the parents' ratings, over the municipality's families: the
//! rules' results joined to the families by location and family id, counted,
//! and suppressed. No id leaves this file.

use std::collections::{BTreeMap, BTreeSet};

use super::model::{Count, Figure, OutcomeRow, TimelinessRow, kinds};
use super::suppress::{CountTable, Mark, Member, suppress_forced};
use crate::results::facts::TrajectoryFacts;
use crate::results::{Outcome, RuleResult};
use crate::rulebook::Privacy;
use crate::tables::normalize::normalize_name;

/// The rules whose outcomes say whether checks and evaluations were on time.
pub const TIMELINESS_RULES: [&str; 3] = ["HS-G04", "HS-G05", "HS-G06"];

/// Per timeliness rule (id, title) the outcomes of these families' results.
/// `families` are the municipality's trajectories (all of them: each rule
/// covers whom it covers). Every count is a count of families
/// ([`kinds::FAMILIES`]): one result per family.
pub fn timeliness<'r>(
    results: impl IntoIterator<Item = &'r RuleResult> + Clone,
    families: &[&TrajectoryFacts],
    rules: &[(String, String)],
    policy: Privacy,
) -> Vec<TimelinessRow> {
    let keys: BTreeSet<(&str, &str)> =
        families.iter().map(|f| (f.location_id.as_str(), f.subject_id.as_str())).collect();
    let counts: Vec<[u64; 4]> = rules
        .iter()
        .map(|(id, _)| {
            let mut c = [0u64; 4];
            let ours = results
                .clone()
                .into_iter()
                .filter(|r| r.rule_id == id)
                .filter(|r| r.subject_id.as_deref().is_some_and(|s| keys.contains(&(r.location_id.as_str(), s))));
            for r in ours {
                let column = match r.outcome {
                    Outcome::Pass => 0,
                    Outcome::Fail => 1,
                    Outcome::NotYetDue => 2,
                    Outcome::NotApplicable | Outcome::NotEvaluated | Outcome::Waived => 3,
                };
                c[column] += 1;
            }
            c
        })
        .collect();
    let table =
        CountTable { cells: counts.iter().map(|c| c.to_vec()).collect(), row_totals: true, column_totals: false };
    let p = suppress_forced(&table, &[], policy);
    rules
        .iter()
        .zip(&counts)
        .enumerate()
        .map(|(r, ((id, title), c))| {
            let cell = |col: usize| Count::new(c[col], p.mark(Member::Cell(r, col)), kinds::FAMILIES, &policy);
            let (pass, fail) = (cell(0), cell(1));
            TimelinessRow {
                rule_id: id.clone(),
                title: title.clone(),
                pass,
                fail,
                not_yet_due: cell(2),
                other: cell(3),
                total: Count::new(c.iter().sum(), p.mark(Member::RowTotal(r)), kinds::FAMILIES, &policy),
                on_time: on_time(pass, fail),
            }
        })
        .collect()
}

/// pass / (pass + fail), from the counts as shown (rounded), when both are
/// shown; also when one is 0 and the other hidden as `x` (`min_count` or
/// more), which makes it 100% or 0% all the same.
fn on_time(pass: Count, fail: Count) -> Figure {
    match (pass, fail) {
        (Count::Shown(0), Count::Shown(0)) => Figure::NoData,
        (Count::Shown(p), Count::Shown(f)) => Figure::Shown(p as f64 / (p + f) as f64),
        (Count::Hidden, Count::Shown(0)) => Figure::Shown(1.0),
        (Count::Shown(0), Count::Hidden) => Figure::Shown(0.0),
        (Count::Small(_), _) | (_, Count::Small(_)) => Figure::TooFew,
        _ => Figure::Hidden,
    }
}

/// Per domain of the ratings, the families with a start and an end score and
/// their mean change. `label(normalised domain)` gives a known domain's label;
/// a domain it does not know keeps the export's spelling, and is left out
/// when fewer than `min_count` families have it (its name alone would single
/// them out). The mean change ([`kinds::OVER_FAMILIES`]) needs `min_count`
/// families.
pub fn outcomes(
    supported: &[&TrajectoryFacts],
    label: &dyn Fn(&str) -> Option<String>,
    policy: Privacy,
) -> Vec<OutcomeRow> {
    let mut by_domain: BTreeMap<String, (BTreeSet<String>, Vec<f64>)> = BTreeMap::new();
    for f in supported {
        for (domain, change) in &f.outcome_change {
            let key = normalize_name(domain);
            if key.is_empty() || !change.is_finite() {
                continue;
            }
            let entry = by_domain.entry(key).or_default();
            entry.0.insert(domain.clone());
            entry.1.push(*change);
        }
    }
    by_domain
        .into_iter()
        .filter_map(|(key, (spellings, changes))| {
            let n = changes.len() as u64;
            let known = label(&key);
            if known.is_none() && n < policy.min_count {
                return None;
            }
            let spelling = spellings.into_iter().next().unwrap_or_default();
            let mark = if policy.is_small(n) { Mark::Small } else { Mark::Shown };
            let mean_change = if n >= policy.min_count.max(1) {
                Figure::Shown(changes.iter().sum::<f64>() / n as f64)
            } else {
                Figure::TooFew
            };
            Some(OutcomeRow {
                domain: key,
                label: known.unwrap_or(spelling),
                families: Count::new(n, mark, kinds::FAMILIES, &policy),
                mean_change,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{Severity, Text};

    fn fact(loc: &str, id: &str, changes: &[(&str, f64)]) -> TrajectoryFacts {
        TrajectoryFacts {
            location_id: loc.into(),
            subject_id: id.into(),
            gemeente: Some("Epe".into()),
            active_in_period: true,
            closed_in_period: false,
            hours: None,
            age_group: None,
            duration_days: None,
            outcome_change: changes.iter().map(|(d, c)| (d.to_string(), *c)).collect(),
        }
    }

    fn result(rule: &str, loc: &str, id: &str, outcome: Outcome) -> RuleResult {
        RuleResult::new(rule, loc, Some((id, 2)), outcome, Severity::Warning, Text::default())
    }

    #[test]
    fn results_are_joined_by_location_and_family() {
        let facts: Vec<TrajectoryFacts> = (0..12).map(|i| fact("L001", &format!("G-{i:04}"), &[])).collect();
        let ours: Vec<&TrajectoryFacts> = facts.iter().collect();
        let mut results: Vec<RuleResult> =
            (0..12).map(|i| result("HS-G04", "L001", &format!("G-{i:04}"), Outcome::Pass)).collect();
        // The same id at another location is another family.
        results.push(result("HS-G04", "L002", "G-0001", Outcome::Fail));
        let rules = vec![("HS-G04".to_string(), "Eerste check".to_string())];
        let rows = timeliness(&results, &ours, &rules, Privacy::default());
        assert_eq!(rows[0].pass, Count::Shown(12));
        assert_eq!(rows[0].fail, Count::Shown(0));
        assert_eq!(rows[0].on_time, Figure::Shown(1.0));
    }

    #[test]
    fn a_small_fail_hides_its_rate_and_another_cell() {
        let facts: Vec<TrajectoryFacts> = (0..20).map(|i| fact("L001", &format!("G-{i:04}"), &[])).collect();
        let ours: Vec<&TrajectoryFacts> = facts.iter().collect();
        let outcome = |i: usize| {
            if i < 2 {
                Outcome::Fail
            } else if i < 8 {
                Outcome::NotYetDue
            } else {
                Outcome::Pass
            }
        };
        let results: Vec<RuleResult> =
            (0..20).map(|i| result("HS-G05", "L001", &format!("G-{i:04}"), outcome(i))).collect();
        let rows = timeliness(&results, &ours, &[("HS-G05".into(), "t".into())], Privacy::default());
        let r = &rows[0];
        assert_eq!(
            (r.pass, r.fail, r.not_yet_due, r.total),
            (Count::Shown(12), Count::Small(5), Count::Hidden, Count::Shown(20))
        );
        assert_eq!(r.on_time, Figure::TooFew);
    }

    #[test]
    fn a_rate_that_a_hidden_count_cannot_change_is_shown() {
        assert_eq!(on_time(Count::Hidden, Count::Shown(0)), Figure::Shown(1.0));
        assert_eq!(on_time(Count::Shown(0), Count::Hidden), Figure::Shown(0.0));
        assert_eq!(on_time(Count::Hidden, Count::Shown(7)), Figure::Hidden);
        assert_eq!(on_time(Count::Small(5), Count::Shown(0)), Figure::TooFew);
    }

    #[test]
    fn outcome_means_need_five_families() {
        let facts: Vec<TrajectoryFacts> = (0..6)
            .map(|i| {
                fact("L001", &format!("G-{i:04}"), &[("opvoeding", 1.0), ("Welzijn ouder", 0.5), ("zeldzaam", 2.0)])
            })
            .chain((0..2).map(|i| fact("L001", &format!("H-{i:04}"), &[("welzijn_kind", 1.0), ("eigen", 1.0)])))
            .collect();
        let ours: Vec<&TrajectoryFacts> = facts.iter().collect();
        let label = |k: &str| (k != "zeldzaam" && k != "eigen").then(|| format!("[{k}]"));
        let rows = outcomes(&ours, &label, Privacy::default());
        let got: Vec<(&str, Count, Figure)> =
            rows.iter().map(|r| (r.domain.as_str(), r.families, r.mean_change)).collect();
        assert_eq!(
            got,
            vec![
                ("opvoeding", Count::Shown(6), Figure::Shown(1.0)),
                ("welzijnkind", Count::Small(5), Figure::TooFew),
                ("welzijnouder", Count::Shown(6), Figure::Shown(0.5)),
                // An unknown domain keeps its spelling when 5 or more families have it;
                // `eigen`, with 2, is left out.
                ("zeldzaam", Count::Shown(6), Figure::Shown(2.0)),
            ]
        );
        assert_eq!(rows[3].label, "zeldzaam");
    }
}
