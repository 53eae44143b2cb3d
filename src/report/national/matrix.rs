//! The matrix of locations x rules: per cell the outcome of a location rule,
//! or the number of failing trajectories of a trajectory rule; each row
//! with the location's standing; the same cells drawn as a heatmap.
//!
//! Cost: one pass over the grid, O(locations x rules) (the matrix's size);
//! the standing looks the locations at risk up in a hash set.

use foldhash::HashSet;

use super::grid::Grid;
use super::model::{Counts, LegendItem, MatrixCell, MatrixRow, RiskLocation, RuleColumn, Status};
use super::summary::status_label;
use super::text::{fill, in_words, outcome_label, severity_label, t};
use crate::report::RenderContext;
use crate::report::charts::{self, CellState, ChartText};
use crate::results::{Outcome, RuleResult};
use crate::rulebook::{RuleConfig, Scope};

/// Which outcome decides a cell, first match wins: an unwaived failure
/// outweighs everything, a waiver the rest, and so on.
const PRIORITY: [Outcome; 6] =
    [Outcome::Fail, Outcome::Waived, Outcome::Pass, Outcome::NotYetDue, Outcome::NotEvaluated, Outcome::NotApplicable];

/// The rules of the matrix: the enabled rules, location rules first, each group by id.
pub fn rules_in_order<'a>(ctx: &RenderContext<'a>) -> Vec<&'a RuleConfig> {
    let mut rules: Vec<&RuleConfig> = ctx.rulebook.rules.iter().filter(|r| r.enabled).collect();
    rules.sort_by(|a, b| (a.scope, &a.id).cmp(&(b.scope, &b.id)));
    rules
}

/// A rule as a column of the matrix.
pub fn column(ctx: &RenderContext, rule: &RuleConfig) -> RuleColumn {
    let trajectory = rule.scope == Scope::Trajectory;
    let (id_head, id_tail) = match rule.id.split_once('-') {
        Some((head, tail)) if !tail.is_empty() => (format!("{head}-"), tail.to_string()),
        _ => (String::new(), rule.id.clone()),
    };
    RuleColumn {
        id: rule.id.clone(),
        id_head,
        id_tail,
        title: rule.title.get(ctx.lang).to_string(),
        trajectory,
        scope_label: t(ctx, if trajectory { "nat_scope_trajectory" } else { "nat_scope_location" }),
        severity: rule.severity.as_str(),
        severity_label: severity_label(ctx, rule.severity),
    }
}

/// The matrix's rows: per location (by id) its standing and a cell per rule.
/// The rows are made side by side (each alone is deterministic).
pub fn rows(ctx: &RenderContext, grid: &Grid, at_risk: &[RiskLocation]) -> Vec<MatrixRow> {
    use rayon::prelude::*;
    let risky: HashSet<&str> = at_risk.iter().map(|l| l.location_id.as_str()).collect();
    let labels = [Status::MeetsAll, Status::Attention, Status::AtRisk].map(|s| status_label(ctx, s));
    let words = Words::new(ctx);
    grid.locations
        .par_iter()
        .enumerate()
        .map(|(row, loc)| {
            let (status, label) = if risky.contains(loc.location_id.as_str()) {
                (Status::AtRisk, &labels[2])
            } else if grid.failing(row) {
                (Status::Attention, &labels[1])
            } else {
                (Status::MeetsAll, &labels[0])
            };
            let cells = grid
                .rules
                .iter()
                .enumerate()
                .map(|(col, rule)| words.cell(ctx, grid.as_of, rule, grid.counts(row, col), grid.own(row, col)))
                .collect();
            MatrixRow {
                location_id: loc.location_id.clone(),
                name: loc.name.clone(),
                status,
                status_label: label.clone(),
                cells,
            }
        })
        .collect()
}

/// The outcome that decides a cell with these counts (`None`: no results).
pub fn deciding_outcome(counts: &Counts) -> Option<Outcome> {
    PRIORITY.into_iter().find(|o| counts.get(*o) > 0)
}

/// The symbol of an outcome in the matrix.
fn symbol(ctx: &RenderContext, outcome: Outcome) -> String {
    t(ctx, &format!("nat_symbol_{}", outcome.as_str()))
}

/// The catalogue's words a cell is written with, looked up once per matrix
/// (a national matrix has tens of thousands of cells).
pub struct Words {
    /// Per outcome, in the order of [`Outcome::ALL`]: its symbol and its label.
    symbols: [String; 6],
    labels: [String; 6],
    no_results: String,
}

/// The place of `outcome` in [`Outcome::ALL`].
fn slot(outcome: Outcome) -> usize {
    Outcome::ALL.iter().position(|o| *o == outcome).unwrap_or(0)
}

impl Words {
    pub fn new(ctx: &RenderContext) -> Words {
        Words {
            symbols: Outcome::ALL.map(|o| symbol(ctx, o)),
            labels: Outcome::ALL.map(|o| outcome_label(ctx, o)),
            no_results: t(ctx, "nat_cell_no_results"),
        }
    }

    fn symbol(&self, outcome: Outcome) -> String {
        self.symbols[slot(outcome)].clone()
    }

    fn label(&self, outcome: Outcome) -> &str {
        &self.labels[slot(outcome)]
    }

    /// The word for a cell's deciding outcome, or for a cell without results.
    pub fn outcome_word(&self, outcome: Option<Outcome>) -> &str {
        outcome.map_or(&self.no_results, |o| self.label(o))
    }

    /// One cell. `result` is the location rule's own result (none for trajectory rules).
    pub fn cell(
        &self,
        ctx: &RenderContext,
        as_of: chrono::NaiveDate,
        rule: &RuleConfig,
        counts: Counts,
        result: Option<&RuleResult>,
    ) -> MatrixCell {
        let outcome = deciding_outcome(&counts);
        let state = outcome.map_or("empty", Outcome::as_str);
        let trajectory = rule.scope == Scope::Trajectory;
        let text = match outcome {
            None => String::new(),
            Some(o) if !trajectory => self.symbol(o),
            Some(Outcome::Fail) if counts.waived > 0 => {
                format!("{} ({})", ctx.fmt.count(counts.fail), ctx.fmt.count(counts.waived))
            }
            Some(Outcome::Fail) => ctx.fmt.count(counts.fail),
            Some(Outcome::Waived) => format!("({})", ctx.fmt.count(counts.waived)),
            Some(o) => self.symbol(o),
        };
        let detail = match (outcome, result) {
            (None, _) => self.no_results.clone(),
            (Some(o), Some(r)) if !trajectory => match (r.measured, &r.expected) {
                (Some(m), Some(e)) => {
                    let (measured, norm) = in_words(ctx, as_of, &rule.id, m, e);
                    fill(
                        ctx,
                        "nat_cell_measured",
                        &[("outcome", self.label(o).to_string()), ("measured", measured), ("norm", norm)],
                    )
                }
                _ => self.label(o).to_string(),
            },
            (Some(o), None) if !trajectory => self.label(o).to_string(),
            _ => self.count_detail(ctx, &counts),
        };
        MatrixCell { state, text, detail, outcome, counts }
    }

    /// The non-zero counts written out: `voldoet 20 · voldoet niet 3`.
    pub fn count_detail(&self, ctx: &RenderContext, counts: &Counts) -> String {
        let mut out = String::new();
        for o in PRIORITY.iter().filter(|o| counts.get(**o) > 0) {
            if !out.is_empty() {
                out.push_str(" · ");
            }
            out.push_str(self.label(*o));
            out.push(' ');
            out.push_str(&ctx.fmt.count(counts.get(*o)));
        }
        out
    }
}

/// What each symbol of the matrix means, in the order of [`PRIORITY`], then the empty cell.
pub fn legend(ctx: &RenderContext) -> Vec<LegendItem> {
    let mut items: Vec<LegendItem> = PRIORITY
        .iter()
        .map(|o| LegendItem {
            state: o.as_str(),
            symbol: symbol(ctx, *o),
            text: t(ctx, &format!("nat_legend_{}", o.as_str())),
        })
        .collect();
    items.push(LegendItem {
        state: "fail",
        symbol: t(ctx, "nat_legend_count_symbol"),
        text: t(ctx, "nat_legend_count"),
    });
    items.push(LegendItem {
        state: "fail",
        symbol: t(ctx, "nat_legend_count_waived_symbol"),
        text: t(ctx, "nat_legend_count_waived"),
    });
    items.push(LegendItem {
        state: "waived",
        symbol: t(ctx, "nat_legend_only_waived_symbol"),
        text: t(ctx, "nat_legend_only_waived"),
    });
    items.push(LegendItem { state: "empty", symbol: String::new(), text: t(ctx, "nat_legend_empty") });
    items
}

/// The heatmap state of a cell.
pub fn cell_state(outcome: Option<Outcome>) -> CellState {
    match outcome {
        None => CellState::Empty,
        Some(Outcome::Pass) => CellState::Pass,
        Some(Outcome::Fail) => CellState::Fail,
        Some(Outcome::NotYetDue) => CellState::NotYetDue,
        Some(Outcome::NotApplicable) => CellState::NotApplicable,
        Some(Outcome::NotEvaluated) => CellState::NotEvaluated,
        Some(Outcome::Waived) => CellState::Waived,
    }
}

/// The matrix as a heatmap: rows are locations, columns rules.
pub fn heatmap(ctx: &RenderContext, matrix: &[MatrixRow], columns: &[RuleColumn]) -> String {
    let rows: Vec<String> = matrix.iter().map(|r| format!("{} {}", r.location_id, r.name)).collect();
    let columns: Vec<String> = columns.iter().map(|c| c.id.clone()).collect();
    let states: Vec<Vec<CellState>> =
        matrix.iter().map(|row| row.cells.iter().map(|c| cell_state(c.outcome)).collect()).collect();
    let mut legend: Vec<(CellState, String)> =
        PRIORITY.iter().map(|o| (cell_state(Some(*o)), outcome_label(ctx, *o))).collect();
    legend.push((CellState::Empty, t(ctx, "nat_legend_empty")));
    let title = t(ctx, "nat_heatmap_title");
    let x_label = t(ctx, "nat_heatmap_x");
    let y_label = t(ctx, "nat_heatmap_y");
    let no_data = t(ctx, "nat_chart_no_data");
    let text = ChartText::new(&title, &x_label, &y_label, &no_data);
    charts::heatmap(&text, &rows, &columns, &states, &legend)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pass: usize, fail: usize, waived: usize) -> Counts {
        Counts { pass, fail, waived, ..Default::default() }
    }

    #[test]
    fn an_unwaived_failure_decides_then_a_waiver_then_a_pass() {
        assert_eq!(deciding_outcome(&counts(20, 1, 1)), Some(Outcome::Fail));
        assert_eq!(deciding_outcome(&counts(20, 0, 1)), Some(Outcome::Waived));
        assert_eq!(deciding_outcome(&Counts { pass: 3, not_yet_due: 2, ..Default::default() }), Some(Outcome::Pass));
        assert_eq!(deciding_outcome(&Counts::default()), None);
    }
}
