//! Families supported, volunteer hours, age groups and duration: counted over
//! the municipality's families and suppressed together, since the tables
//! share one total (the families supported). The families per location come
//! suppressed already, consistently across all municipality reports.

use std::collections::BTreeMap;

use super::model::{CategoryRow, CategoryTable, Count, FamiliesRow, FamiliesTable, Figure, kinds};
use super::suppress::{CountTable, Mark, Member, Protected, suppress_forced};
use crate::results::facts::{AgeGroup, TrajectoryFacts};
use crate::rulebook::Privacy;

/// Duration groups in whole months of support (a month is 365 / 12 days):
/// (catalogue key, lowest month of the group).
pub const DURATION_GROUPS: [(&str, i64); 4] =
    [("mun_duration_under_6", 0), ("mun_duration_6_12", 6), ("mun_duration_12_18", 12), ("mun_duration_18_plus", 18)];

/// The catalogue key of the group of a trajectory's duration.
pub fn duration_key(days: Option<i64>) -> &'static str {
    let Some(days) = days else { return "mun_unknown" };
    let months = days.max(0).saturating_mul(12) / 365;
    DURATION_GROUPS.iter().rev().find(|(_, from)| months >= *from).map_or("mun_unknown", |(key, _)| key)
}

/// The catalogue key of an age group (`mun_` and the group's own key), or of "unknown".
pub fn age_key(group: Option<AgeGroup>) -> &'static str {
    match group {
        None => "mun_unknown",
        Some(AgeGroup::Pregnancy) => "mun_age_pregnancy",
        Some(AgeGroup::Under1) => "mun_age_under_1",
        Some(AgeGroup::From1To3) => "mun_age_1_3",
        Some(AgeGroup::From4To6) => "mun_age_4_6",
        Some(AgeGroup::From7) => "mun_age_7_plus",
    }
}

/// A location serving the municipality: id, name, and how its number of
/// families from the municipality is shown (decided across all municipality
/// reports at once: see [`super::shared`]).
pub struct Serving<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub mark: Mark,
}

/// The three tables over the supported families, suppressed together (with
/// every other municipality's, see [`super::shared`]) so that their shared
/// total is shown (or hidden) alike in all three.
pub struct FamilyTables {
    pub families: FamiliesTable,
    pub age_groups: CategoryTable,
    pub duration: CategoryTable,
}

/// The families by age group and by duration: (keys, counts) each.
pub type Categories = ((Vec<&'static str>, Vec<u64>), (Vec<&'static str>, Vec<u64>));

/// The two category tables of a municipality's supported families, as the
/// report shows them: (keys, counts) by age group and by duration.
pub fn categories(supported: &[&TrajectoryFacts]) -> Categories {
    let age_keys: Vec<&'static str> = AgeGroup::ALL.iter().map(|&g| age_key(Some(g))).chain(["mun_unknown"]).collect();
    let duration_keys: Vec<&'static str> = DURATION_GROUPS.iter().map(|(k, _)| *k).chain(["mun_unknown"]).collect();
    let ages = count_by(supported, &age_keys, |f| age_key(f.age_group));
    let durations = count_by(supported, &duration_keys, |f| duration_key(f.duration_days));
    (without_empty_unknown(age_keys, ages), without_empty_unknown(duration_keys, durations))
}

/// An empty "unknown" row says nothing and is left out of the report, so it
/// is left out of the table suppressed too (a reader knows it is 0).
fn without_empty_unknown(keys: Vec<&'static str>, counts: Vec<u64>) -> (Vec<&'static str>, Vec<u64>) {
    keys.into_iter().zip(counts).filter(|(key, n)| !(*key == "mun_unknown" && *n == 0)).unzip()
}

/// `total` is how the municipality's number of families supported is shown,
/// `category(table, key)` how a row of the age (`"age"`) or duration
/// (`"duration"`) table is (both decided across all reports); `label(key)`
/// gives a category's label; `total_label` the total row's.
pub fn family_tables(
    supported: &[&TrajectoryFacts],
    serving: &[Serving],
    total: Mark,
    category: &dyn Fn(&str, &str) -> Mark,
    label: &dyn Fn(&str) -> String,
    total_label: &str,
    policy: Privacy,
) -> FamilyTables {
    let per_location: Vec<u64> =
        serving.iter().map(|s| supported.iter().filter(|f| f.location_id == s.id).count() as u64).collect();
    let ((age_keys, ages), (duration_keys, durations)) = categories(supported);
    let families = families_table(supported, serving, &per_location, total, total_label, policy);
    let ages_marks: Vec<Mark> = age_keys.iter().map(|k| category("age", k)).collect();
    let duration_marks: Vec<Mark> = duration_keys.iter().map(|k| category("duration", k)).collect();
    FamilyTables {
        families,
        age_groups: category_table(&age_keys, &ages, (&ages_marks, total), label, policy),
        duration: category_table(&duration_keys, &durations, (&duration_marks, total), label, policy),
    }
}

fn count_by(facts: &[&TrajectoryFacts], keys: &[&str], key_of: impl Fn(&TrajectoryFacts) -> &'static str) -> Vec<u64> {
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    for f in facts {
        *counts.entry(key_of(f)).or_default() += 1;
    }
    keys.iter().map(|k| counts.get(k).copied().unwrap_or(0)).collect()
}

/// Suppresses a one-way table (one column with its total).
fn one_way_forced(counts: &[u64], forced: &[Member], policy: Privacy) -> Protected {
    let table = CountTable { cells: counts.iter().map(|&n| vec![n]).collect(), row_totals: false, column_totals: true };
    suppress_forced(&table, forced, policy)
}

fn cell_mark(p: &Protected, row: usize) -> Mark {
    p.mark(Member::Cell(row, 0))
}

fn total_mark(p: &Protected) -> Mark {
    p.mark(Member::ColumnTotal(0))
}

fn category_table(
    keys: &[&'static str],
    counts: &[u64],
    (marks, total_mark): (&[Mark], Mark),
    label: &dyn Fn(&str) -> String,
    policy: Privacy,
) -> CategoryTable {
    let total: u64 = counts.iter().sum();
    let total_count = Count::new(total, total_mark, kinds::FAMILIES, &policy);
    let rows = keys
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(i, (key, &n))| {
            let families = Count::new(n, marks.get(i).copied().unwrap_or(Mark::Hidden), kinds::FAMILIES, &policy);
            CategoryRow { key, label: label(key), families, share: share(families, total_count) }
        })
        .collect();
    CategoryTable { rows, total: total_count }
}

/// A count's share of its total, shown only when both are: computed from the
/// counts as shown (rounded).
pub fn share(part: Count, total: Count) -> Figure {
    match (part, total) {
        (_, Count::Shown(0)) => Figure::NoData,
        (Count::Shown(p), Count::Shown(t)) => Figure::Shown(p as f64 / t as f64),
        (Count::Small(_), _) => Figure::TooFew,
        _ => Figure::Hidden,
    }
}

/// Families per location and in total, with the hours given to them. Hours
/// of a group are shown only when its family count is, and when at least `min_count`
/// of its families have hours filled in; a second suppression over the counts of
/// families with hours keeps the hidden hours from being the total minus the
/// shown ones.
fn families_table(
    supported: &[&TrajectoryFacts],
    serving: &[Serving],
    per_location: &[u64],
    total: Mark,
    total_label: &str,
    policy: Privacy,
) -> FamiliesTable {
    let hours_of = |id: Option<&str>| -> (u64, f64) {
        let hours: Vec<f64> = supported
            .iter()
            .filter(|f| id.is_none_or(|id| f.location_id == id))
            .filter_map(|f| f.hours)
            .filter(|h| h.is_finite())
            .collect();
        (hours.len() as u64, hours.iter().sum())
    };
    let per_location_hours: Vec<(u64, f64)> = serving.iter().map(|s| hours_of(Some(s.id))).collect();
    let with_hours: Vec<u64> = per_location_hours.iter().map(|(n, _)| *n).collect();
    let mut forced: Vec<Member> =
        serving.iter().enumerate().filter(|(_, s)| !s.mark.is_shown()).map(|(i, _)| Member::Cell(i, 0)).collect();
    if !total.is_shown() {
        forced.push(Member::ColumnTotal(0));
    }
    let hours_p = one_way_forced(&with_hours, &forced, policy);

    let rows = serving
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let families = Count::new(per_location[i], s.mark, kinds::FAMILIES, &policy);
            let (hours, per_family) = hours_figures(families, per_location_hours[i], cell_mark(&hours_p, i));
            FamiliesRow {
                location_id: s.id.to_string(),
                label: s.name.to_string(),
                families,
                hours,
                hours_per_family: per_family,
            }
        })
        .collect();
    let total_families = Count::new(per_location.iter().sum(), total, kinds::FAMILIES, &policy);
    let (hours, per_family) = hours_figures(total_families, hours_of(None), total_mark(&hours_p));
    let total = FamiliesRow {
        location_id: String::new(),
        label: total_label.to_string(),
        families: total_families,
        hours,
        hours_per_family: per_family,
    };
    FamiliesTable { rows, total }
}

/// Hours and hours per family of a group, given its family count, its
/// (families with hours, hours) and the mark of its families with hours.
fn hours_figures(families: Count, (with_hours, hours): (u64, f64), mark: Mark) -> (Figure, Figure) {
    let hidden = match families {
        Count::Small(_) => Some(Figure::TooFew),
        Count::Hidden => Some(Figure::Hidden),
        Count::Shown(_) => match mark {
            Mark::Small | Mark::Withheld => Some(Figure::TooFew),
            Mark::Hidden => Some(Figure::Hidden),
            Mark::Shown if with_hours == 0 => Some(Figure::NoData),
            Mark::Shown => None,
        },
    };
    match hidden {
        Some(f) => (f, f),
        None => (Figure::Shown(hours), Figure::Shown(hours / with_hours as f64)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_group_has_a_label_in_both_languages() {
        let c = crate::report::Catalogue::embedded();
        for g in AgeGroup::ALL {
            assert_eq!(age_key(Some(g)), format!("mun_{}", g.key()));
        }
        let keys = AgeGroup::ALL.map(|g| age_key(Some(g))).into_iter().chain(DURATION_GROUPS.map(|(k, _)| k));
        for key in keys.chain(["mun_unknown"]) {
            assert!(c.contains(key), "{key}");
        }
    }

    #[test]
    fn duration_groups_by_whole_months() {
        assert_eq!(duration_key(None), "mun_unknown");
        assert_eq!(duration_key(Some(0)), "mun_duration_under_6");
        assert_eq!(duration_key(Some(182)), "mun_duration_under_6");
        assert_eq!(duration_key(Some(183)), "mun_duration_6_12");
        assert_eq!(duration_key(Some(365)), "mun_duration_12_18");
        assert_eq!(duration_key(Some(547)), "mun_duration_12_18");
        assert_eq!(duration_key(Some(548)), "mun_duration_18_plus");
        assert_eq!(duration_key(Some(-3)), "mun_duration_under_6");
    }

    #[test]
    fn shares_only_of_shown_counts() {
        assert_eq!(share(Count::Shown(5), Count::Shown(20)), Figure::Shown(0.25));
        assert_eq!(share(Count::Small(5), Count::Shown(20)), Figure::TooFew);
        assert_eq!(share(Count::Hidden, Count::Shown(20)), Figure::Hidden);
        assert_eq!(share(Count::Shown(5), Count::Hidden), Figure::Hidden);
        assert_eq!(share(Count::Shown(0), Count::Shown(0)), Figure::NoData);
    }

    #[test]
    fn hours_need_five_families_with_hours() {
        assert_eq!(hours_figures(Count::Shown(9), (3, 30.0), Mark::Small), (Figure::TooFew, Figure::TooFew));
        assert_eq!(hours_figures(Count::Small(5), (3, 30.0), Mark::Small), (Figure::TooFew, Figure::TooFew));
        assert_eq!(hours_figures(Count::Shown(9), (0, 0.0), Mark::Shown), (Figure::NoData, Figure::NoData));
        assert_eq!(hours_figures(Count::Shown(9), (6, 60.0), Mark::Shown), (Figure::Shown(60.0), Figure::Shown(10.0)));
    }
}
