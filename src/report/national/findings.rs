//! The findings sheet of the workbook: per location and rule, a location
//! rule's own result or a trajectory rule's counts.
//!
//! Cost: one pass over the grid, O(locations x rules).

use super::grid::Grid;
use super::matrix;
use super::model::{Counts, FindingRow};
use super::text::{fill, norm_in_words, t};
use crate::report::RenderContext;
use crate::results::{LocationEntry, RuleResult};
use crate::rulebook::{RuleConfig, Scope};

/// Every row of the findings sheet: per location (by id), per rule (in matrix order).
/// The locations are taken side by side; the rows keep their order.
pub fn findings(ctx: &RenderContext, grid: &Grid) -> Vec<FindingRow> {
    use rayon::prelude::*;
    // The texts every row repeats are looked up once: per rule and per outcome.
    let rules: Vec<RuleTexts> = grid.rules.iter().map(|rule| RuleTexts::new(ctx, rule)).collect();
    let words = matrix::Words::new(ctx);
    let shared = Shared { ctx, as_of: grid.as_of, words: &words };
    grid.locations
        .par_iter()
        .enumerate()
        .flat_map_iter(|(row, loc)| {
            let shared = &shared;
            grid.rules.iter().zip(&rules).enumerate().map(move |(col, (rule, texts))| {
                finding_row(shared, loc, rule, texts, grid.counts(row, col), grid.own(row, col))
            })
        })
        .collect()
}

/// The texts of one rule every row of it shows.
struct RuleTexts {
    title: String,
    scope_label: String,
    severity_label: String,
}

impl RuleTexts {
    fn new(ctx: &RenderContext, rule: &RuleConfig) -> RuleTexts {
        let trajectory = rule.scope == Scope::Trajectory;
        RuleTexts {
            title: rule.title.get(ctx.lang).to_string(),
            scope_label: t(ctx, if trajectory { "nat_scope_trajectory" } else { "nat_scope_location" }),
            severity_label: super::text::severity_label(ctx, rule.severity),
        }
    }
}

/// What every row reads: the context, the audit's date and the matrix's outcome words (looked up once).
struct Shared<'a> {
    ctx: &'a RenderContext<'a>,
    as_of: chrono::NaiveDate,
    words: &'a matrix::Words,
}

/// A row of the findings sheet: a location rule's result, or a trajectory rule's counts.
fn finding_row(
    shared: &Shared<'_>,
    loc: &LocationEntry,
    rule: &RuleConfig,
    texts: &RuleTexts,
    counts: Counts,
    own: Option<&RuleResult>,
) -> FindingRow {
    let (ctx, as_of) = (shared.ctx, shared.as_of);
    let trajectory = rule.scope == Scope::Trajectory;
    let outcome = matrix::deciding_outcome(&counts);
    let (measured_value, expected_text, message) = match own {
        Some(r) if !trajectory => (
            r.measured.filter(|m| m.is_finite()),
            r.expected.as_deref().map(|e| norm_in_words(ctx, as_of, &rule.id, e)).unwrap_or_default(),
            r.message.get(ctx.lang).to_string(),
        ),
        _ if trajectory && outcome.is_some() => {
            let judged = counts.pass + counts.fail + counts.waived;
            let text = fill(
                ctx,
                "nat_trajectory_counts",
                &[("fail", ctx.fmt.count(counts.fail)), ("judged", ctx.fmt.count(judged))],
            );
            (None, String::new(), text)
        }
        _ => (None, String::new(), String::new()),
    };
    FindingRow {
        location_id: loc.location_id.clone(),
        name: loc.name.clone(),
        rule_id: rule.id.clone(),
        title: texts.title.clone(),
        scope_label: texts.scope_label.clone(),
        severity_label: texts.severity_label.clone(),
        outcome_label: shared.words.outcome_word(outcome).to_string(),
        measured: measured_value,
        expected: expected_text,
        message,
        counts,
    }
}
