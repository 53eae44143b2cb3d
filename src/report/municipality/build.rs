//! Builds the municipality report's model from the audit: picks the
//! municipality's families (names matched as sheet names are), the locations
//! serving them, and hands each part to the file that counts and suppresses it.

use crate::report::location::values::Values;
use crate::report::measures::Measures;
use std::collections::BTreeMap;

use super::conditions::conditions;
use super::families::{Serving, family_tables};
use super::model::{MunicipalityReport, Period, PrivacyRef, RulebookRef, Tool};
use super::shared::{SharedMarks, shared_marks};
use super::suppress::Mark;
use super::timeliness::{TIMELINESS_RULES, outcomes, timeliness};
use crate::report::RenderContext;
use crate::results::Audit;
use crate::results::facts::TrajectoryFacts;
use crate::tables::normalize::normalize_name;

/// The model's schema version (in `results.json` for this audience).
pub const SCHEMA_VERSION: u32 = 1;

/// The trajectories of families living in `asked` (an empty name matches none).
pub fn families_of<'a>(audit: &'a Audit, asked: &str) -> Vec<&'a TrajectoryFacts> {
    let key = normalize_name(asked);
    if key.is_empty() {
        return Vec::new();
    }
    audit.trajectories.iter().filter(|f| f.gemeente.as_deref().is_some_and(|g| normalize_name(g) == key)).collect()
}

/// The municipality's name as the exports spell it most often (ties: the
/// first in sort order); the name as asked when no family matched.
fn spelling(ours: &[&TrajectoryFacts], asked: &str) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in ours {
        if let Some(g) = f.gemeente.as_deref() {
            *counts.entry(g.trim()).or_default() += 1;
        }
    }
    let best = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(name, _)| name.to_string());
    best.unwrap_or_else(|| asked.trim().to_string())
}

pub fn build(audit: &Audit, asked: &str, ctx: &RenderContext) -> MunicipalityReport {
    let t = |key: &str| ctx.catalogue.get(key, ctx.lang);
    let ours = families_of(audit, asked);
    let municipality = spelling(&ours, asked);
    let key = normalize_name(asked);
    let policy = ctx.rulebook.privacy;
    let shared = if ours.is_empty() { SharedMarks::default() } else { shared_marks(audit, policy) };
    let total = shared.totals.get(&key).copied().unwrap_or(Mark::Hidden);

    // Every location with at least one family of the municipality, in id order.
    let mut ids: Vec<&str> = ours.iter().map(|f| f.location_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let serving: Vec<Serving> = ids
        .iter()
        .map(|id| {
            let name = audit.locations.iter().find(|l| l.location_id == *id).map_or(*id, |l| l.name.as_str());
            let mark = shared.cells.get(&(id.to_string(), key.clone())).copied().unwrap_or(Mark::Hidden);
            Serving { id, name, mark }
        })
        .collect();
    // The serving locations' own results, grouped in one pass over the audit.
    let mut own_results: BTreeMap<&str, Vec<&crate::results::RuleResult>> =
        ids.iter().map(|id| (*id, Vec::new())).collect();
    for r in audit.results.iter().filter(|r| r.subject_id.is_none()) {
        if let Some(own) = own_results.get_mut(r.location_id.as_str()) {
            own.push(r);
        }
    }

    let supported: Vec<&TrajectoryFacts> = ours.iter().copied().filter(|f| f.active_in_period).collect();
    let category = |table: &str, row: &str| {
        let found = shared.categories.iter().find(|((m, tb, r), _)| *m == key && *tb == table && *r == row);
        found.map_or(Mark::Hidden, |(_, mark)| *mark)
    };
    let tables = family_tables(&supported, &serving, total, &category, &|key| t(key), &t("mun_total"), policy);
    let rules: Vec<(String, String)> = TIMELINESS_RULES
        .iter()
        .filter_map(|id| ctx.rulebook.rule(id).filter(|r| r.enabled))
        .map(|r| (r.id.clone(), r.title.get(ctx.lang).to_string()))
        .collect();
    let domain_label = |key: &str| {
        let k = format!("mun_domain_{key}");
        ctx.catalogue.contains(&k).then(|| t(&k))
    };
    let too_few = t("mun_marker_too_few");
    let values = Values { fmt: ctx.fmt, catalogue: ctx.catalogue, lang: ctx.lang };
    let measures = Measures { values: &values, as_of: audit.as_of };

    MunicipalityReport {
        schema_version: SCHEMA_VERSION,
        report: "municipality",
        tool: Tool { name: "hs-audit", version: audit.tool_version.clone() },
        lang: ctx.lang.code(),
        title: t("mun_title").replace("{municipality}", &municipality),
        municipality,
        period: Period { start: iso(audit.period_start), end: iso(audit.period_end) },
        as_of: iso(audit.as_of),
        rulebook: RulebookRef {
            id: audit.rulebook_id.clone(),
            version: audit.rulebook_version.clone(),
            title: ctx.rulebook.title.get(ctx.lang).to_string(),
        },
        privacy: PrivacyRef { min_count: policy.min_count, round_to: policy.round_to },
        has_families: !ours.is_empty(),
        locations: serving
            .iter()
            .map(|s| {
                let mark = shared.locations.get(s.id).copied().unwrap_or(Mark::Shown);
                let own = own_results.get(s.id).map_or(&[][..], Vec::as_slice);
                conditions(audit, own, ctx.rulebook, (s.id, s.name, mark), &measures, &too_few)
            })
            .collect(),
        families: tables.families,
        age_groups: tables.age_groups,
        duration: tables.duration,
        timeliness: if ours.is_empty() { Vec::new() } else { timeliness(&audit.results, &ours, &rules, policy) },
        outcomes: outcomes(&supported, &domain_label, policy),
        trends: None,
    }
}

fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
