//! Evaluation: every enabled rule over every location of the run, in one pass.
//!
//! Cost: O(rules x records) over all locations, locations in parallel, each
//! location's results sorted where they are made (O(r log r) for its r
//! results), then the locations put in order: O(locations log locations).
//! Passes that are not kept are counted per location as they are made
//! (`PassTally`), never held for the whole run.

use rayon::prelude::*;

use super::context::Context;
use super::model::Location;
use super::registry;
use super::trajectory::wording::{plain, say};
use crate::i18n::Lang;
use crate::results::result::in_language;
use crate::results::results_list::PassTally;
use crate::results::{Outcome, Results, RuleResult};
use crate::rulebook::{RuleConfig, Rulebook};

/// Every result of every enabled rule for every location, sorted by
/// location, rule and subject, so outputs are deterministic. Without
/// `keep_passes`, the passes of trajectory rules are counted as each
/// location's results are made and not kept ([`PassTally`]). With `only`,
/// messages are made in that language only (the other one left empty).
pub fn evaluate(
    locations: &[Location],
    rulebook: &Rulebook,
    ctx: &Context,
    keep_passes: bool,
    only: Option<Lang>,
) -> Results {
    let rules: Vec<&RuleConfig> = rulebook.rules.iter().filter(|r| r.enabled).collect();
    // Each location's results are sorted where they are made (small, in
    // parallel); then whole locations are put in order. Moving the large
    // results through one global sort cost more than the rules themselves.
    let mut chunks: Vec<(Vec<RuleResult>, Option<PassTally>)> = locations
        .par_iter()
        .map(|loc| {
            in_language(only, || {
                // About one result per rule and trajectory: room for them at once.
                let families = loc.trajectories.as_ref().map_or(0, Vec::len);
                let mut own: Vec<RuleResult> = Vec::with_capacity(rules.len() * (families + 1));
                for cfg in &rules {
                    // Passes keep only what is read of them, as they are made (memory).
                    let keep_deadline = registry::facts(&cfg.id).pass_deadline.is_some();
                    let mut results = evaluate_rule(loc, cfg, ctx);
                    results.iter_mut().for_each(|r| r.compact(keep_deadline));
                    own.append(&mut results);
                }
                own.sort_by(|a, b| (&a.rule_id, a.row, &a.subject_id).cmp(&(&b.rule_id, b.row, &b.subject_id)));
                let tally = (!keep_passes).then(|| PassTally::take_passes(&mut own));
                (own, tally)
            })
        })
        .collect();
    // Stable: locations with the same id stay in export order.
    // (A location whose results were all passes not kept is placed by its tally.)
    let place = |(chunk, tally): &(Vec<RuleResult>, Option<PassTally>)| {
        location_of(chunk).map(str::to_string).or_else(|| tally.as_ref().map(|t| t.location_id.to_string()))
    };
    chunks.sort_by_cached_key(place);
    let (chunks, tallies): (Vec<Vec<RuleResult>>, Vec<Option<PassTally>>) = chunks.into_iter().unzip();
    // Each location's results stay where they were made (one part each, no
    // copy: peak memory); chunks of one location id (rare) become one part.
    let mut parts: Vec<Vec<RuleResult>> = Vec::with_capacity(chunks.len());
    let mut run_chunks = 0;
    for chunk in chunks {
        match parts.last_mut() {
            Some(last) if !chunk.is_empty() && location_of(last) == location_of(&chunk) => {
                last.extend(chunk);
                run_chunks += 1;
            }
            _ => {
                if let Some(last) = parts.last_mut() {
                    sort_run(last, run_chunks);
                }
                parts.push(chunk);
                run_chunks = 1;
            }
        }
    }
    if let Some(last) = parts.last_mut() {
        sort_run(last, run_chunks);
    }
    if keep_passes {
        Results::from_parts(parts)
    } else {
        Results::from_parts_and_tallies(parts, tallies.into_iter().flatten().collect())
    }
}

fn sort_run(run: &mut [RuleResult], chunks: usize) {
    if chunks > 1 {
        run.sort_by(|a, b| (&a.rule_id, a.row, &a.subject_id).cmp(&(&b.rule_id, b.row, &b.subject_id)));
    }
}

fn location_of(chunk: &[RuleResult]) -> Option<&str> {
    chunk.first().map(|r| r.location_id.as_str())
}

fn evaluate_rule(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    match registry::spec(&cfg.id) {
        // A rule that panics on one location gives `not_evaluated` there; every other location and rule goes on.
        Some(spec) => crate::ingest::isolate::or_else(
            || (spec.evaluate)(loc, cfg, ctx),
            |reason| {
                let text = say("hs_rule_panicked", &[("rule", &plain(&cfg.id)), ("reason", &plain(reason))]);
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
            say("hs_rule_unknown", &[("rule", &plain(&cfg.id))]),
        )],
    }
}
