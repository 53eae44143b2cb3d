//! The minimum conditions of the locations serving the municipality: their
//! location rules' outcomes, measured value and norm (in words, [`Measures`]). These are about the
//! location, not a family, so they are shown in full, except that a count of
//! families below 5 shows as `<5`, one hidden to protect a municipality's
//! small count as `x`, and a mean over fewer than 5 families as "too few".

use super::model::{ConditionRow, HIDDEN, LocationConditions, SMALL};
use super::suppress::Mark;
use crate::report::measures::Measures;
use crate::results::{Audit, Outcome, Severity};
use crate::rulebook::{Rulebook, config::Scope};

/// Location rules whose measurement is a number of families.
const FAMILY_COUNT_RULES: [&str; 2] = ["HS-L04", "HS-L05"];
/// Location rules whose measurement is a mean over the location's families.
const FAMILY_MEAN_RULES: [&str; 1] = ["HS-L06"];

/// The conditions of one location (id, name, and how its number of families
/// is shown across the municipality reports), in the formatter's language.
/// `too_few` is the report's text for a mean over too few families.
pub fn conditions(
    audit: &Audit,
    rulebook: &Rulebook,
    location: (&str, &str, Mark),
    measures: &Measures,
    too_few: &str,
) -> LocationConditions {
    let fmt = measures.values.fmt;
    let (location_id, name, families_mark) = location;
    let families_at_location = audit
        .results
        .iter()
        .find(|r| r.location_id == location_id && r.rule_id == "HS-L04" && r.subject_id.is_none())
        .and_then(|r| r.measured);
    let few_families = families_at_location.is_none_or(|n| n < 5.0);
    let rows: Vec<ConditionRow> = rulebook
        .rules
        .iter()
        .filter(|rule| rule.enabled && rule.scope == Scope::Location)
        .filter_map(|rule| {
            let r = audit
                .results
                .iter()
                .find(|r| r.location_id == location_id && r.rule_id == rule.id && r.subject_id.is_none())?;
            let measured = r.measured.filter(|m| m.is_finite()).map(|m| {
                if FAMILY_COUNT_RULES.contains(&rule.id.as_str()) && families_mark == Mark::Hidden {
                    HIDDEN.to_string()
                } else if FAMILY_COUNT_RULES.contains(&rule.id.as_str()) && (1.0..5.0).contains(&m) {
                    SMALL.to_string()
                } else if FAMILY_MEAN_RULES.contains(&rule.id.as_str()) && few_families {
                    too_few.to_string()
                } else {
                    measures.measured(&rule.id, m)
                }
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
    let missed: Vec<String> = audit
        .results
        .iter()
        .filter(|r| r.location_id == location_id && r.subject_id.is_none())
        .filter(|r| r.severity == Severity::Error && r.outcome == Outcome::Fail)
        .map(|r| r.rule_id.clone())
        .collect();
    LocationConditions {
        location_id: location_id.to_string(),
        name: name.to_string(),
        meets_conditions: missed.is_empty(),
        missed,
        rules: rows,
    }
}
