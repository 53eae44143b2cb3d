//! Evaluation: every enabled rule over every location of the run, in one pass.

use rayon::prelude::*;

use super::context::Context;
use super::model::Location;
use super::registry;
use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::{RuleConfig, Rulebook};

/// Every result of every enabled rule for every location, sorted by
/// location, rule and subject, so outputs are deterministic.
pub fn evaluate(locations: &[Location], rulebook: &Rulebook, ctx: &Context) -> Vec<RuleResult> {
    let rules: Vec<&RuleConfig> = rulebook.rules.iter().filter(|r| r.enabled).collect();
    let mut results: Vec<RuleResult> = locations
        .par_iter()
        .flat_map_iter(|loc| rules.iter().flat_map(move |cfg| evaluate_rule(loc, cfg, ctx)).collect::<Vec<_>>())
        .collect();
    results.sort_by(|a, b| {
        (&a.location_id, &a.rule_id, a.row, &a.subject_id).cmp(&(&b.location_id, &b.rule_id, b.row, &b.subject_id))
    });
    results
}

fn evaluate_rule(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    match registry::spec(&cfg.id) {
        // A rule that panics on one location gives `not_evaluated` there; every other location and rule goes on.
        Some(spec) => crate::ingest::isolate::or_else(
            || (spec.evaluate)(loc, cfg, ctx),
            |reason| {
                let text = Text::new(
                    format!("regel {} kon hier niet worden berekend ({reason})", cfg.id),
                    format!("rule {} could not be computed here ({reason})", cfg.id),
                );
                vec![RuleResult::new(&cfg.id, &loc.id, None, Outcome::NotEvaluated, cfg.severity, text)]
            },
        ),
        // Validation rejects unknown ids; should one slip through, say so.
        None => vec![RuleResult::new(
            &cfg.id,
            &loc.id,
            None,
            Outcome::NotEvaluated,
            cfg.severity,
            Text::new(
                format!("regel {} is niet bekend in deze versie van hs-audit", cfg.id),
                format!("rule {} is not known to this version of hs-audit", cfg.id),
            ),
        )],
    }
}
