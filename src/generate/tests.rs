//! Tests of the generated data: determinism, realistic ranges, clean input, and violations exactly as injected.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::oracle::{Audit, Family, Outcome, add_months, rows};
use super::{GeneratedExport, VIOLATIONS, generate_location, rate};
use crate::tables::SheetKind;
use crate::tables::schema::{ColumnType, Required};
use crate::tables::{Value, normalize::same_name};

const YEAR: i32 = 2026;
const SEED: u64 = 20_260_101;

fn locations(seed: u64, n: usize, year: i32) -> Vec<GeneratedExport> {
    (0..n).map(|i| generate_location(seed, i, year)).collect()
}

fn all_rules() -> Vec<String> {
    let l = (1..=8).map(|i| format!("HS-L{i:02}"));
    l.chain((1..=12).map(|i| format!("HS-G{i:02}"))).collect()
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

#[test]
fn every_rule_has_a_rate() {
    let ids: Vec<String> = VIOLATIONS.iter().map(|(id, _, _)| id.to_string()).collect();
    assert_eq!(ids, all_rules());
    for (id, r, what) in VIOLATIONS {
        assert!(*r > 0.0 && *r < 0.5, "{id}: {r}");
        assert!(!what.is_empty());
        assert_eq!(rate(id), *r);
    }
}

#[test]
fn same_seed_same_export_other_seed_other_export() {
    for i in [0, 1, 57] {
        assert_eq!(generate_location(SEED, i, YEAR), generate_location(SEED, i, YEAR));
        assert_ne!(generate_location(SEED, i, YEAR), generate_location(SEED + 1, i, YEAR));
    }
    assert_ne!(generate_location(SEED, 0, YEAR).sheets, generate_location(SEED, 1, YEAR).sheets);
    assert_eq!(generate_location(SEED, 3, YEAR).location_id, "L004");
}

#[test]
fn ranges_are_realistic() {
    let exports = locations(SEED, 150, YEAR);
    let (mut birth, mut months, mut due, mut with_metingen, mut accents) = (0, 0, 0, 0, 0);
    let mut names = BTreeSet::new();
    for e in &exports {
        let families = rows(e, SheetKind::Gezinnen);
        let volunteers = rows(e, SheetKind::Vrijwilligers).len();
        let coordinators = rows(e, SheetKind::Coordinatoren);
        assert!((25..=35).contains(&families.len()), "{}: {} families", e.location_id, families.len());
        assert!((20..=40).contains(&volunteers), "{}: {volunteers} volunteers", e.location_id);
        assert!((1..=2).contains(&coordinators.len()), "{}", e.location_id);
        let fte: f64 = coordinators
            .iter()
            .map(|(s, r)| {
                s.value(r, "fte")
                    .as_number()
                    .or(s.value(r, "uren_per_week").as_number().map(|h| h / 36.0))
                    .unwrap_or(0.0)
            })
            .sum();
        assert!((0.3..=0.85).contains(&fte), "{}: {fte} fte", e.location_id);
        let locatie = rows(e, SheetKind::Locatie);
        let (s, r) = locatie[0];
        let name = s.value(r, "naam").as_text().unwrap_or_default().to_string();
        assert!(name.starts_with("Home-Start "), "{name}");
        assert!(names.insert(name));
        if let Some(cost) = s.value(r, "kosten").as_number() {
            assert!((48_000.0..=68_000.0).contains(&cost), "{cost}");
        }
        let mut municipalities = BTreeSet::new();
        for (s, r) in &families {
            municipalities.insert(s.value(r, "gemeente").as_text().unwrap_or_default().to_string());
            birth += usize::from(!s.value(r, "geboortedatum_jongste").is_empty());
            months += usize::from(!s.value(r, "leeftijd_jongste_maanden").is_empty());
            due += usize::from(!s.value(r, "uitgerekende_datum").is_empty());
            let (Some(start), end) = (s.value(r, "start").as_date(), s.value(r, "einde").as_date()) else {
                continue;
            };
            let until = end.unwrap_or(ymd(YEAR, 12, 31));
            assert!(until <= add_months(start, 20), "{}: {start} - {until}", e.location_id);
            if end.is_some() {
                assert!(until >= add_months(start, 3), "{}: {start} - {until}", e.location_id);
            }
        }
        assert!((1..=4).contains(&municipalities.len()), "{municipalities:?}");
        accents += usize::from(municipalities.contains("Súdwest-Fryslân"));
        with_metingen += usize::from(e.sheet(SheetKind::Metingen).is_some());
    }
    let total = (birth + months + due) as f64;
    assert!(birth as f64 / total > 0.7 && months as f64 / total > 0.1 && due > 0 && (due as f64) / total < 0.05);
    assert!(with_metingen > 100 && with_metingen < 150, "{with_metingen}");
    assert!(accents >= 3, "{accents}");
}

/// Values are typed as the schema says, required cells are filled, ids are
/// unique and refer to something, nothing ends before it starts, and nothing
/// happened after the as-of date: `inspect` has nothing to report.
#[test]
fn exports_are_clean_input() {
    for e in locations(SEED, 80, YEAR) {
        assert_clean(&e, YEAR);
    }
}

/// `inspect` has nothing to report on `e`, generated for `year`.
pub(super) fn assert_clean(e: &GeneratedExport, year: i32) {
    let a = ymd(year, 12, 31);
    {
        for sheet in &e.sheets {
            let spec = sheet.kind.spec();
            let names: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
            assert_eq!(sheet.columns, names, "{}", spec.name);
            for row in &sheet.rows {
                assert_eq!(row.len(), sheet.columns.len());
                for (col, v) in spec.columns.iter().zip(row) {
                    let fits = match (col.ty, v) {
                        (_, Value::Empty) => col.required != Required::Yes,
                        (ColumnType::Text, Value::Text(t)) => !t.trim().is_empty() && t.trim() == t,
                        (ColumnType::Code(codes), Value::Text(t)) => codes.iter().any(|c| c.code == t),
                        (ColumnType::Date, Value::Date(_)) | (ColumnType::Bool, Value::Bool(_)) => true,
                        (ColumnType::Number, Value::Number(n)) => *n >= 0.0 && (n * 100.0).round() / 100.0 == *n,
                        (ColumnType::Integer { min, max }, Value::Int(i)) => {
                            min.is_none_or(|m| *i >= m) && max.is_none_or(|m| *i <= m)
                        }
                        _ => false,
                    };
                    assert!(fits, "{} {}.{} = {v:?}", e.location_id, spec.name, col.name);
                }
                for group in ["uren", "leeftijd"] {
                    let members: Vec<_> =
                        spec.columns.iter().zip(row).filter(|(c, _)| c.required == Required::OneOf(group)).collect();
                    if !members.is_empty() {
                        assert_eq!(members.iter().filter(|(_, v)| !v.is_empty()).count(), 1, "{}", spec.name);
                    }
                }
                let (start, end) = (sheet.value(row, "start").as_date(), sheet.value(row, "einde").as_date());
                if let (Some(s), Some(en)) = (start, end) {
                    assert!(s <= en, "{} {}: {s} > {en}", e.location_id, spec.name);
                }
                assert!(!(start.is_none() && end.is_some()), "{} {}", e.location_id, spec.name);
                for c in sheet.columns.iter().filter(|c| !matches!(**c, "licentie_geldig_tot" | "uitgerekende_datum")) {
                    if let Some(d) = sheet.value(row, c).as_date() {
                        assert!(d <= a, "{} {}.{c} = {d}", e.location_id, spec.name);
                    }
                }
            }
        }
        let ids = |kind: SheetKind, col: &str| -> Vec<String> {
            rows(e, kind).iter().filter_map(|(s, r)| s.value(r, col).as_text().map(str::to_string)).collect()
        };
        let families = ids(SheetKind::Gezinnen, "gezin_id");
        let volunteers = ids(SheetKind::Vrijwilligers, "vrijwilliger_id");
        for list in [&families, &volunteers, &ids(SheetKind::Coordinatoren, "coordinator_id")] {
            let unique: BTreeSet<&String> = list.iter().collect();
            assert_eq!(unique.len(), list.len(), "{}: duplicate ids", e.location_id);
        }
        for (kind, col, targets) in [
            (SheetKind::Contacten, "gezin_id", &families),
            (SheetKind::Metingen, "gezin_id", &families),
            (SheetKind::Gezinnen, "vrijwilliger_id", &volunteers),
        ] {
            for id in ids(kind, col) {
                assert!(targets.contains(&id), "{}: {} {id} refers to nothing", e.location_id, kind.name());
            }
        }
        assert!(families.iter().all(|id| id.len() == 6 && id.starts_with("G-")));
        assert!(volunteers.iter().all(|id| id.len() == 5 && id.starts_with("V-")));
        // No column looks like a person's name, address or other direct identifier.
        for sheet in &e.sheets {
            for c in &sheet.columns {
                for bad in ["naam_ouder", "adres", "postcode", "telefoon", "email", "bsn", "achternaam", "voornaam"] {
                    assert!(!same_name(c, bad));
                }
            }
        }
    }
}

/// Whether a trajectory is due for a rule: covered, and past the rule's
/// deadline on the as-of date, so the rule can fail (the rate's denominator).
fn due(audit: &Audit, rule: &str, f: &Family) -> bool {
    let Some(outcome) = audit.trajectory(rule, f) else { return false };
    let a = audit.a;
    let plus = |d: NaiveDate, n: i64| d + chrono::Duration::days(n);
    let decided = matches!(outcome, Outcome::Pass | Outcome::Fail);
    match rule {
        "HS-G04" | "HS-G10" | "HS-G11" => decided,
        "HS-G05" => f.start.is_some_and(|s| (f.end.filter(|e| *e <= a).unwrap_or(a) - s).num_days() >= 280),
        "HS-G06" | "HS-G07" => f.end.is_some_and(|e| a >= plus(e, 30)),
        "HS-G08" => f.end.is_some_and(|e| a >= plus(add_months(e, 3), 30)),
        "HS-G09" => f.start.is_some_and(|s| a >= plus(s, 30)) || f.end.is_some_and(|e| e <= a && a >= plus(e, 30)),
        _ => true,
    }
}

/// What the oracle says broke, per rule: the location (`None`) or the family ids.
pub(super) fn broken(audit: &Audit) -> BTreeSet<(String, Option<String>)> {
    let mut out = BTreeSet::new();
    for rule in all_rules() {
        if rule.starts_with("HS-L") {
            let bad = if rule == "HS-L08" { Outcome::NotEvaluated } else { Outcome::Fail };
            if audit.location(&rule) == bad {
                out.insert((rule.clone(), None));
            }
            continue;
        }
        for f in &audit.families {
            let outcome = audit.trajectory(&rule, f);
            assert_ne!(outcome, Some(Outcome::NotEvaluated), "{rule} {}", f.id);
            if outcome == Some(Outcome::Fail) {
                out.insert((rule.clone(), Some(f.id.clone())));
            }
        }
    }
    out
}

pub(super) fn injected(e: &GeneratedExport) -> BTreeSet<(String, Option<String>)> {
    e.violations.iter().map(|v| (v.rule.to_string(), v.subject.clone())).collect()
}

/// The rules fail for exactly the subjects the generator broke them for: each
/// breach really breaks its rule as rules.md words it, and nothing else fails.
#[test]
fn rules_fail_exactly_where_violations_were_injected() {
    for (seed, n, year) in [(SEED, 150, YEAR), (7, 60, 2024), (99, 40, 2025)] {
        for e in locations(seed, n, year) {
            let audit = Audit::new(&e, year);
            let expected = injected(&e);
            let found = broken(&audit);
            let missing: Vec<_> = expected.difference(&found).collect();
            let extra: Vec<_> = found.difference(&expected).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{} ({year}): not failing {missing:?}, also failing {extra:?}",
                e.location_id
            );
        }
    }
}

/// Across 150 locations every rule is broken, at close to its rate among the
/// subjects due for it.
#[test]
fn violation_frequencies_match_their_rates() {
    let exports = locations(SEED, 150, YEAR);
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for e in &exports {
        let audit = Audit::new(e, YEAR);
        let hit = injected(e);
        for rule in all_rules() {
            let entry = tally.entry(rule.clone()).or_default();
            if rule.starts_with("HS-L") {
                entry.1 += 1;
                entry.0 += usize::from(hit.contains(&(rule.clone(), None)));
                continue;
            }
            for f in audit.families.iter().filter(|f| due(&audit, &rule, f)) {
                entry.1 += 1;
                entry.0 += usize::from(hit.contains(&(rule.clone(), Some(f.id.clone()))));
            }
            let not_due = audit.families.iter().filter(|f| !due(&audit, &rule, f));
            for f in not_due {
                assert!(!hit.contains(&(rule.clone(), Some(f.id.clone()))), "{rule} {} breached but not due", f.id);
            }
        }
    }
    for (rule, (k, n)) in &tally {
        let r = rate(rule);
        let observed = *k as f64 / *n as f64;
        let tolerance = 4.0 * (r * (1.0 - r) / *n as f64).sqrt() + 0.01;
        assert!(*k > 0, "{rule} never violated");
        assert!((observed - r).abs() <= tolerance, "{rule}: {k}/{n} = {observed:.3}, rate {r}");
        assert!(*n >= 150, "{rule}: only {n} subjects due");
    }
}

#[test]
fn the_documentation_lists_every_rate() {
    let doc = include_str!("../../docs/generator.md");
    for (id, r, what) in VIOLATIONS {
        let unit = if id.starts_with("HS-L") { "location" } else { "due trajectory" };
        let line = format!("| {id} | {}% | {unit} | {what} |", (r * 100.0).round());
        assert!(doc.lines().any(|l| l == line), "docs/generator.md lacks: {line}");
    }
}

/// Three years of a history: every export is clean input, the rules fail
/// exactly where the generator broke them, and a family running over the
/// turn of a year is the same family the next year.
#[test]
fn a_history_continues_its_families_and_keeps_its_ground_truth() {
    use super::history::{exists, generate_in_year};
    let (n, last) = (3, 2026);
    let mut continued = 0;
    for i in 0..30 {
        let years: Vec<Option<GeneratedExport>> =
            (0..n).map(|k| exists(SEED, i, k, n).then(|| generate_in_year(SEED, i, k, n, last))).collect();
        for (k, e) in years.iter().enumerate() {
            let Some(e) = e else { continue };
            let year = last - (n - 1 - k) as i32;
            assert_clean(e, year);
            let (expected, found) = (injected(e), broken(&Audit::new(e, year)));
            assert_eq!(expected, found, "{} in {year}", e.location_id);
        }
        for (k, pair) in years.windows(2).enumerate() {
            let [Some(before), Some(after)] = pair else { continue };
            let year = last - (n - 1 - k) as i32;
            let end_of = ymd(year, 12, 31);
            let before_audit = Audit::new(before, year);
            let after_audit = Audit::new(after, year + 1);
            for f in before_audit.families.iter().filter(|f| f.start.is_some() && f.end.is_none()) {
                let Some(g) = after_audit.families.iter().find(|g| g.id == f.id) else {
                    // Only a family already near 18 months (or past them) is not carried.
                    let start = f.start.unwrap_or(end_of);
                    assert!(
                        add_months(start, 18) < end_of + chrono::Duration::days(31),
                        "{} {}",
                        before.location_id,
                        f.id
                    );
                    continue;
                };
                assert_eq!((g.start, g.registered), (f.start, f.registered), "{} {}", after.location_id, f.id);
                assert!(
                    g.end.is_none_or(|e| e > end_of),
                    "{}: {} ends after the turn of the year",
                    after.location_id,
                    f.id
                );
                continued += 1;
            }
            // New families are numbered on: no id of the year before is given to another family.
            let before_ids: BTreeSet<&str> = before_audit.families.iter().map(|f| f.id.as_str()).collect();
            for g in after_audit.families.iter().filter(|g| before_ids.contains(g.id.as_str())) {
                let f = before_audit.families.iter().find(|f| f.id == g.id);
                assert_eq!(f.map(|f| f.start), Some(g.start), "{} {} is another family", after.location_id, g.id);
            }
        }
    }
    assert!(continued > 100, "{continued} families continued");
}
