//! The minimum conditions of the locations serving the municipality: their
//! location rules' outcomes, measured value and norm (in words, [`Measures`]).
//! These are about the location, not a family, so they are shown in full,
//! except as the rule's declared kind ([`Counts`]) asks: a count of families
//! below `min_count` shows as `<min_count` (else rounded to a multiple of
//! `round_to`), one hidden to protect a municipality's small count as `x`, and
//! a mean over fewer than `min_count` families as "too few".

use super::model::{ConditionRow, HIDDEN, LocationConditions};
use super::shared::published_families;
use super::suppress::Mark;
use crate::report::measures::Measures;
use crate::results::{Audit, Outcome, RuleResult, Severity};
use crate::rulebook::{Counts, Rulebook, config::Scope};
use crate::rules::registry::spec;

/// The conditions of one location (id, name, and how its number of families
/// is shown across the municipality reports), in the formatter's language.
/// `too_few` is the report's text for a mean over too few families. `own`
/// holds the location's own results (subject none), in the audit's order:
/// the caller groups them once, so this costs O(rules x own results).
pub fn conditions(
    audit: &Audit,
    own: &[&RuleResult],
    rulebook: &Rulebook,
    location: (&str, &str, Mark),
    measures: &Measures,
    too_few: &str,
) -> LocationConditions {
    let fmt = measures.values.fmt;
    let (location_id, name, families_mark) = location;
    let policy = rulebook.privacy;
    let few_families = published_families(audit, location_id).is_none_or(|n| n < policy.min_count);
    let rows: Vec<ConditionRow> = rulebook
        .rules
        .iter()
        .filter(|rule| rule.enabled && rule.scope == Scope::Location)
        .filter_map(|rule| {
            let r = own.iter().find(|r| r.rule_id == rule.id)?;
            // A rule the code does not know is taken to count families.
            let kind = spec(&rule.id).map_or(Counts::Families, |s| s.counts);
            let measured = r.measured.filter(|m| m.is_finite()).map(|m| match kind {
                Counts::Families if families_mark == Mark::Hidden => HIDDEN.to_string(),
                Counts::Families => {
                    let n = m.max(0.0).round() as u64;
                    if policy.is_small(n) {
                        format!("<{}", policy.min_count)
                    } else {
                        measures.measured(&rule.id, policy.round(n) as f64)
                    }
                }
                Counts::PerFamily if few_families => too_few.to_string(),
                _ => measures.measured(&rule.id, m),
            });
            Some(ConditionRow {
                rule_id: rule.id.clone(),
                title: rule.title.get(fmt.lang).to_string(),
                severity: r.severity.as_str(),
                outcome: r.outcome.as_str(),
                measured,
                norm: r.expected.as_deref().map(|e| measures.norm(&rule.id, e)),
            })
        })
        .collect();
    let missed: Vec<String> = own
        .iter()
        .filter(|r| r.severity == Severity::Error && r.outcome == Outcome::Fail)
        .map(|r| r.rule_id.to_string())
        .collect();
    LocationConditions {
        location_id: location_id.to_string(),
        name: name.to_string(),
        meets_conditions: missed.is_empty(),
        missed,
        rules: rows,
    }
}
