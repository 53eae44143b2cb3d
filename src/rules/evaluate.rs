//! Evaluation: every enabled rule over every location of the run, in one pass.
//!
//! Cost: O(rules x records) over all locations, locations in parallel, each
//! location's results sorted where they are made (O(r log r) for its r
//! results), then the locations put in order: O(locations log locations).
//! Passes that are not kept are counted per location as they are made
//! (`PassTally`), never held for the whole run. A run that reads nothing of
//! the model afterwards frees each location's records once its rules have run
//! ([`evaluate_releasing`]): the results take the model's place in memory.

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
    evaluate_each(locations.par_iter(), rulebook, ctx, keep_passes, only)
}

/// As [`evaluate`], and each location's records (its coordinators,
/// volunteers and trajectories) are freed once its rules have run: for a
/// run that reads nothing else of them afterwards, the results take the
/// memory the model held, instead of adding to it (peak memory).
pub fn evaluate_releasing(
    locations: &mut [Location],
    rulebook: &Rulebook,
    ctx: &Context,
    keep_passes: bool,
    only: Option<Lang>,
) -> Results {
    evaluate_each(locations.par_iter_mut(), rulebook, ctx, keep_passes, only)
}

/// A location to evaluate: read, then done with.
trait ToEvaluate: Send {
    fn location(&self) -> &Location;
    /// Called once the location's rules have run.
    fn done(self);
}

impl ToEvaluate for &Location {
    fn location(&self) -> &Location {
        self
    }
    fn done(self) {}
}

impl ToEvaluate for &mut Location {
    fn location(&self) -> &Location {
        self
    }
    fn done(self) {
        self.release_records();
    }
}

fn evaluate_each<E: ToEvaluate>(
    locations: impl IndexedParallelIterator<Item = E>,
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
        .map(|item| {
            let loc = item.location();
            let made = in_language(only, || {
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
            });
            item.done();
            made
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::build_model::build_locations;
    use crate::rules::testkit::ctx_2026;

    #[test]
    fn releasing_the_records_gives_the_same_results_and_frees_them() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"));
        let paths = [root.join("demo-csv"), root.join("conventions/multi_location.xlsx")];
        let mut exports = crate::tables::read_paths(&paths);
        let mut locations = build_locations(&mut exports);
        assert!(locations.len() >= 3, "{}", locations.len());
        let Ok(rulebook) = crate::rulebook::load_rulebook(None, registry::RULES) else { panic!("default rulebook") };
        let ctx = ctx_2026(None);
        let kept = evaluate(&locations, &rulebook, &ctx, false, Some(Lang::En));
        let families: usize = locations.iter().map(|l| l.trajectories.as_ref().map_or(0, Vec::len)).sum();
        assert!(families > 0 && !kept.is_empty());
        let released = evaluate_releasing(&mut locations, &rulebook, &ctx, false, Some(Lang::En));
        assert_eq!(released, kept);
        for l in &locations {
            assert!(!l.id.is_empty());
            assert!(l.trajectories.as_ref().map_or(true, Vec::is_empty), "{}", l.id);
            assert!(l.volunteers.as_ref().map_or(true, Vec::is_empty), "{}", l.id);
            assert!(l.coordinators.as_ref().map_or(true, Vec::is_empty), "{}", l.id);
        }
    }
}
