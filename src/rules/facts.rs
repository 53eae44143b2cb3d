//! Facts per trajectory for the aggregated reports: who was supported, how
//! long, how many hours, at what age, and how the parents' ratings changed.
//!
//! Computed beside the rules from the same model and context, so the
//! municipality report never has to read a family's row itself.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::context::Context;
use super::dates::{days_between, whole_years};
use super::model::{Location, Trajectory};
use crate::results::facts::{AgeGroup, TrajectoryFacts};

/// Facts for every trajectory of every location.
pub fn trajectory_facts(locations: &[Location], ctx: &Context) -> Vec<TrajectoryFacts> {
    locations
        .iter()
        .flat_map(|loc| {
            let trajectories: &[Trajectory] = loc.trajectories.as_deref().unwrap_or(&[]);
            trajectories.iter().map(move |t| facts(&loc.id, t, ctx))
        })
        .collect()
}

fn facts(location_id: &str, t: &Trajectory, ctx: &Context) -> TrajectoryFacts {
    let start = t.start.value();
    let einde = t.einde.value();
    let duration_days = start.map(|s| days_between(s, einde.unwrap_or(ctx.window_end()).min(ctx.window_end())).max(0));
    TrajectoryFacts {
        location_id: location_id.to_string(),
        subject_id: t.id.to_string(),
        gemeente: t.gemeente.as_deref().map(str::to_string),
        active_in_period: ctx.trajectory_active(start, einde),
        closed_in_period: start.is_some() && einde.is_some_and(|e| e >= ctx.period.start && e <= ctx.as_of),
        hours: t.uren.value(),
        age_group: age_group(t),
        duration_days,
        outcome_change: outcome_change(t, ctx.as_of),
    }
}

fn age_group(t: &Trajectory) -> Option<AgeGroup> {
    let registered: NaiveDate = t.aanmelding.value()?;
    if let Some(birth) = t.geboortedatum_jongste.value() {
        return Some(whole_years(birth, registered).map_or(AgeGroup::Pregnancy, AgeGroup::of_years));
    }
    if let Some(months) = t.leeftijd_jongste_maanden.value() {
        return Some(AgeGroup::of_years(months.div_euclid(12)));
    }
    t.uitgerekende_datum.value().map(|_| AgeGroup::Pregnancy)
}

fn outcome_change(t: &Trajectory, as_of: NaiveDate) -> BTreeMap<String, f64> {
    let mut scores: BTreeMap<(&str, &str), Vec<i64>> = BTreeMap::new();
    for m in t.measurements.iter().flatten().filter(|m| m.date.is_none_or(|d| d <= as_of)) {
        scores.entry((m.domain.as_str(), m.moment.as_str())).or_default().push(m.score);
    }
    let mean = |v: &Vec<i64>| v.iter().sum::<i64>() as f64 / v.len() as f64;
    let domains: Vec<&str> = scores.keys().map(|(d, _)| *d).collect();
    domains
        .into_iter()
        .filter_map(|d| {
            let start = scores.get(&(d, "start"))?;
            let end = scores.get(&(d, "eind"))?;
            Some((d.to_string(), mean(end) - mean(start)))
        })
        .collect()
}
