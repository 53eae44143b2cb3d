//! The trends across periods under random audits and policies: for three
//! periods of random families, each shown under a random policy, and this
//! run under another, the trends show every figure exactly as its own
//! period's output did, only periods that do not overlap, and only periods
//! shown at least as strictly as this run: every count shown is a multiple
//! of this run's `round_to`, and, unrounded, none lies below its
//! `min_count` and no line of a period leaves one hidden member to work out.
//! `POLICY_CASES=N` runs N / 2 cases (default 100).

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::model::{Count, Figure, MunicipalityReport};
use super::policy_tests::{Family, audit, family, reports};
use super::trends::{Cell, earlier_of, trends};
use crate::rulebook::Privacy;

/// The report of municipality `Aa` (the first) for `year`, under `policy`.
fn report(families: &[Family], year: i32, policy: Privacy) -> MunicipalityReport {
    let mut a = audit(families);
    a.period_start = chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    a.period_end = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    a.as_of = a.period_end;
    reports(&a, policy).swap_remove(0)
}

fn policy() -> impl Strategy<Value = Privacy> {
    (prop_oneof![Just(1u64), 3u64..=7], prop_oneof![3 => Just(1u64), 1 => 2u64..=5])
        .prop_map(|(min_count, round_to)| Privacy { min_count, round_to })
}

/// The parts of each line of a period's figures (by key) and its total.
fn lines(keys: &[&str]) -> Vec<(Vec<String>, String)> {
    let with = |p: &str| keys.iter().filter(|k| k.starts_with(p)).map(|k| k.to_string()).collect::<Vec<_>>();
    let mut out = vec![(with("age:"), "families".to_string()), (with("duration:"), "families".to_string())];
    for rule in keys.iter().filter_map(|k| k.strip_prefix("total:")) {
        let parts = ["pass", "fail", "not_yet_due", "other"].iter().map(|f| format!("{f}:{rule}")).collect();
        out.push((parts, format!("total:{rule}")));
    }
    out
}

fn check(years: &[(Vec<Family>, Privacy)], now: Privacy) -> Result<(), TestCaseError> {
    let (last, earlier) = years.split_last().ok_or_else(|| TestCaseError::reject("no year"))?;
    let current = report(&last.0, 2026, now);
    let outputs: Vec<(String, MunicipalityReport)> = earlier
        .iter()
        .enumerate()
        .map(|(i, (families, policy))| (format!("y{i}"), report(families, 2026 - (earlier.len() - i) as i32, *policy)))
        .collect();
    let given: Vec<_> = outputs.iter().map(|(name, m)| earlier_of(m, name)).collect();
    let label = |key: &str| key.to_string();
    let Some(tr) = trends(&current, &given, &label) else {
        prop_assert!(!current.has_families);
        return Ok(());
    };
    // Each kept period is disjoint from the others and shown at least as strictly.
    for w in tr.periods.windows(2) {
        prop_assert!(w[0].end < w[1].start, "{} {}", w[0].label, w[1].label);
    }
    let own: BTreeMap<&str, &MunicipalityReport> = outputs.iter().map(|(n, m)| (n.as_str(), m)).collect();
    for p in tr.periods.iter().filter(|p| !p.source.is_empty()) {
        let m = own.get(p.source.as_str()).ok_or_else(|| TestCaseError::fail("unknown source"))?;
        prop_assert!(m.privacy.min_count >= now.min_count && m.privacy.round_to % now.round_to == 0);
    }
    prop_assert_eq!(tr.periods.len() + tr.left_out_policy.len() + tr.left_out.len(), given.len() + 1);
    // Every figure as its own output showed it; no count finer than this run's policy.
    for (i, p) in tr.periods.iter().enumerate() {
        let m = if p.source.is_empty() { &current } else { own.get(p.source.as_str()).copied().unwrap_or(&current) };
        let mine = earlier_of(m, "");
        let single = trends(m, std::slice::from_ref(&mine), &label);
        for row in &tr.rows {
            let v = row.values.get(i).copied();
            if let Some(Cell::Count(Count::Shown(n))) = v {
                // Unrounded, a count shown is 0 or at least `min_count` (rounded, it may round below it).
                if m.privacy.round_to == 1 {
                    prop_assert!(n == 0 || n >= now.min_count, "{} = {n} under min_count {}", row.key, now.min_count);
                }
                prop_assert!(n % now.round_to == 0, "{} = {n} under round_to {}", row.key, now.round_to);
            }
            // The same figure in the period's own output (read alone, it is the first column there).
            let alone = single.as_ref().and_then(|s| s.rows.iter().find(|r| r.key == row.key)).map(|r| r.values[0]);
            if let (Some(v), Some(alone)) = (v, alone) {
                prop_assert_eq!(v, alone, "{} in {}", row.key, p.label);
            }
        }
        if now.round_to == 1 && m.privacy.round_to == 1 {
            let keys: Vec<&str> = tr.rows.iter().map(|r| r.key.as_str()).collect();
            let value = |k: &str| tr.rows.iter().find(|r| r.key == k).and_then(|r| r.values.get(i).copied());
            for (parts, total) in lines(&keys) {
                // A row the period's output does not have (`null`) is no member of its line.
                let absent = |c: &Option<Cell>| matches!(c, None | Some(Cell::Figure(Figure::NoData)));
                let members: Vec<Option<Cell>> = parts.iter().map(|k| value(k)).chain([value(&total)]).collect();
                let members: Vec<Option<Cell>> = members.into_iter().filter(|c| !absent(c)).collect();
                let hidden = members.iter().filter(|c| !matches!(c, Some(Cell::Count(Count::Shown(_))))).count();
                prop_assert!(hidden != 1, "one hidden member of {parts:?} / {total} in {}", p.label);
            }
        }
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("POLICY_CASES").ok().and_then(|v| v.parse().ok()).map_or(100, |n: u32| n / 2)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn no_hidden_figure_is_shown_or_derivable_across_periods(
        years in proptest::collection::vec((proptest::collection::vec(family(), 0..50), policy()), 2..=4),
        now in policy(),
    ) {
        check(&years, now)?;
    }
}
