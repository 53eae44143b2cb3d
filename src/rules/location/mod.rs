//! Location rules (HS-L01..HS-L08): one result per location, subject `None`.
//!
//! Every rule lives in its own file; this module lists them and holds the few
//! helpers they share: reading cells the way rules.md asks ("location rules
//! are computed over the rows they can read, and their message says how many
//! rows were left out"), comparing against a norm without float noise, the
//! trajectories active in P (and HS-L04/HS-L05's count of them against a
//! norm), and the phrases their messages share. Dates, numbers and the
//! `not_evaluated` wording come from [`crate::rules::trajectory::wording`].
//!
//! Cell policy, shared by every location rule:
//! - a `Value` or `Empty` cell is read as such;
//! - an `Unreadable` cell leaves its row out of the computation, and the row
//!   is counted in the message;
//! - a `Missing` cell (its column or sheet is absent) makes the whole rule
//!   `not_evaluated` with that reason, as a missing sheet does.

use super::context::Context;
use super::model::{Cell, Location, Trajectory};
use super::trajectory::wording::nouns::FAMILIES;
use super::trajectory::wording::{self, Noun, concat, count, day, number};
use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::RuleConfig;

pub mod hs_l01_paid_coordination;
pub mod hs_l02_coordinator_education;
pub mod hs_l03_trained_volunteers;
pub mod hs_l04_min_families;
pub mod hs_l05_max_families;
pub mod hs_l06_hours_per_family;
pub mod hs_l07_licence_valid;
pub mod hs_l08_cost;

/// Relative tolerance of norm comparisons. Sums of decimal inputs carry binary
/// float error (0.08 + 0.47 = 0.5499999999999999), so a measured value within
/// `EPS * max(1, |norm|)` of the norm counts as equal to it: equality wins.
pub const EPS: f64 = 1e-9;

fn slack(norm: f64) -> f64 {
    EPS * norm.abs().max(1.0)
}

/// `measured >= norm`, equality within [`EPS`] included.
pub fn at_least(measured: f64, norm: f64) -> bool {
    measured >= norm - slack(norm)
}

/// `measured <= norm`, equality within [`EPS`] included.
pub fn at_most(measured: f64, norm: f64) -> bool {
    measured <= norm + slack(norm)
}

/// The measured value as results store it: float noise below 1e-9 removed
/// (0.5499999999999999 becomes 0.55). Comparisons use the unrounded value.
pub fn tidy(x: f64) -> f64 {
    let t = (x * 1e9).round() / 1e9;
    if t == 0.0 { 0.0 } else { t }
}

/// A result of `cfg`'s rule for the location, with the rule's severity.
pub fn result(loc: &Location, cfg: &RuleConfig, outcome: Outcome, message: Text) -> RuleResult {
    RuleResult::new(&cfg.id, &loc.id, None, outcome, cfg.severity, message)
}

/// `not_evaluated`, with the reason in the message.
pub fn not_evaluated(loc: &Location, cfg: &RuleConfig, reason: Text) -> RuleResult {
    result(loc, cfg, Outcome::NotEvaluated, wording::not_evaluated(&reason))
}

/// Reads the cells a row needs: `Err(reason)` when one of them is missing
/// (the rule cannot be evaluated), `Ok(false)` when one cannot be read (the
/// row is left out), `Ok(true)` when every one is a value or empty.
pub fn readable(cells: &[&dyn CellState]) -> Result<bool, Text> {
    if let Some(reason) = cells.iter().find_map(|c| c.missing()) {
        return Err(reason.clone());
    }
    Ok(!cells.iter().any(|c| c.unreadable()))
}

/// The state of a cell, whatever its type.
pub trait CellState {
    fn missing(&self) -> Option<&Text>;
    fn unreadable(&self) -> bool;
}

impl<T> CellState for Cell<T> {
    fn missing(&self) -> Option<&Text> {
        match self {
            Cell::Missing(r) => Some(r),
            _ => None,
        }
    }

    fn unreadable(&self) -> bool {
        matches!(self, Cell::Unreadable(_))
    }
}

/// The trajectories active in P, and how many rows were left out because
/// their `start` or `einde` could not be read.
pub struct Families<'a> {
    pub active: Vec<&'a Trajectory>,
    pub left_out: usize,
}

/// Trajectories active in P: `start` <= W and (`einde` empty or >= P.start).
/// `Err` when the `gezinnen` sheet (or its `start`/`einde` column) is missing.
pub fn active_families<'a>(loc: &'a Location, ctx: &Context) -> Result<Families<'a>, Text> {
    let all = loc.trajectories.as_ref().map_err(Clone::clone)?;
    let mut families = Families { active: Vec::new(), left_out: 0 };
    for t in all {
        if !readable(&[&t.start, &t.einde])? {
            families.left_out += 1;
        } else if ctx.trajectory_active(t.start.value(), t.einde.value()) {
            families.active.push(t);
        }
    }
    Ok(families)
}

/// A measured value for a message next to its norm: the fewest decimals (from
/// `decimals` up to 9) that do not make a value just off the norm look equal
/// to it (0.5499 is shown as 0,5499, not 0,55).
pub fn number_near(x: f64, norm: f64, decimals: usize) -> Text {
    let equal = at_least(x, norm) && at_most(x, norm);
    let mut d = decimals;
    while d < 9 && !equal {
        let shown = (x * 10f64.powi(d as i32)).round() / 10f64.powi(d as i32);
        if (shown - norm).abs() > slack(norm) && (shown > norm) == (x > norm) {
            break;
        }
        d += 1;
    }
    number(x, d)
}

/// HS-L04 and HS-L05: the families supported in P (the trajectories active
/// in P; rows whose `start` or `einde` cannot be read left out and counted)
/// against the whole-number parameter `param`, a minimum or a `maximum`.
pub fn families_against_norm(
    loc: &Location,
    cfg: &RuleConfig,
    ctx: &Context,
    param: &str,
    maximum: bool,
) -> Result<RuleResult, Text> {
    let norm = cfg.int(param)?;
    let families = active_families(loc, ctx)?;
    let n = families.active.len() as i64;
    let pass = if maximum { n <= norm } else { n >= norm };
    let (from, to, s) = (day(ctx.period.start), day(ctx.window_end()), families_supported(families.active.len()));
    let (bound, op) = if maximum {
        (wording::say("hs_loc_at_most", &[]), "<=")
    } else {
        (wording::say("hs_loc_at_least", &[]), ">=")
    };
    let head = wording::say(
        "hs_loc_families_head",
        &[
            ("from", &from),
            ("to", &to),
            ("supported", &s),
            ("against", &against_norm(pass, maximum)),
            ("bound", &bound),
            ("norm", &wording::plain(norm)),
        ],
    );
    let note = left_out_note(families.left_out, FAMILIES);
    let outcome = if pass { Outcome::Pass } else { Outcome::Fail };
    Ok(result(loc, cfg, outcome, concat(&[&head, &note]))
        .measured(n as f64, format!("{op} {norm}"))
        .date("period_start", ctx.period.start)
        .date("window_end", ctx.window_end())
        .fact("left_out", families.left_out))
}

/// Where a measured value stands against its norm, for a message: "de norm
/// is" when it passes, else "dat is minder dan de norm van" (a minimum) or
/// "dat is meer dan de norm van" (a maximum); the norm itself follows.
pub fn against_norm(pass: bool, maximum: bool) -> Text {
    match (pass, maximum) {
        (true, _) => wording::say("hs_loc_norm_is", &[]),
        (false, false) => wording::say("hs_loc_below_norm", &[]),
        (false, true) => wording::say("hs_loc_above_norm", &[]),
    }
}

/// " N rows were left out ..." for a message, or nothing when N is 0.
pub fn left_out_note(n: usize, noun: Noun) -> Text {
    match n {
        0 => Text::default(),
        1 => wording::say("hs_loc_left_out_one", &[("what", &count(1, noun))]),
        n => wording::say("hs_loc_left_out_many", &[("what", &count(n, noun))]),
    }
}

/// "zijn er N gezinnen ondersteund" / "N families were supported", in number.
pub fn families_supported(n: usize) -> Text {
    let key = if n == 1 { "hs_loc_families_supported_one" } else { "hs_loc_families_supported_many" };
    wording::say(key, &[("count", &count(n, FAMILIES))])
}

/// Builders and a runner for the location rules' tests.
#[cfg(test)]
pub(crate) mod kit {
    use super::*;
    use crate::results::Severity;
    use crate::rulebook::{ParamValue, Scope};
    use crate::rules::model::{Coordinator, Volunteer};
    use crate::rules::testkit::{config, location, trajectory};

    /// A paid or unpaid coordinator with an fte, every other cell empty.
    pub fn coordinator(id: &str, paid: bool, fte: Option<f64>) -> Coordinator {
        Coordinator {
            id: id.to_string(),
            row: 2,
            betaald: Cell::Value(paid),
            opleiding: Cell::Value("hbo".to_string()),
            uren_per_week: Cell::Empty,
            fte: fte.map_or(Cell::Empty, Cell::Value),
            start: Cell::Empty,
            einde: Cell::Empty,
        }
    }

    /// A volunteer trained on the given date (or untrained), otherwise empty.
    pub fn volunteer(id: &str, trained: Option<&str>) -> Volunteer {
        Volunteer {
            id: id.to_string(),
            row: 2,
            training_afgerond: trained.map_or(Cell::Empty, crate::rules::testkit::date),
            start: Cell::Empty,
            einde: Cell::Empty,
        }
    }

    /// `n` trajectories running from `start` (open-ended).
    pub fn families(n: usize, start: &str) -> Vec<Trajectory> {
        (0..n)
            .map(|i| {
                let mut t = trajectory(&format!("G{i:03}"));
                t.start = crate::rules::testkit::date(start);
                t
            })
            .collect()
    }

    /// An empty location (no trajectories, coordinators or volunteers).
    pub fn empty_location() -> Location {
        location(Vec::new())
    }

    /// A missing-sheet or missing-column reason.
    pub fn missing<T>() -> Cell<T> {
        Cell::Missing(Box::new(Text::new("ontbreekt", "missing")))
    }

    /// Runs a rule and checks what every location result must be: exactly one,
    /// about the location, with the rule's id and the configured severity.
    pub fn run(
        spec: &crate::rules::registry::RuleSpec,
        params: &[(&str, ParamValue)],
        loc: &Location,
        ctx: &Context,
    ) -> RuleResult {
        let cfg = config(spec.id, Scope::Location, Severity::Info, params);
        let results = (spec.evaluate)(loc, &cfg, ctx);
        assert_eq!(results.len(), 1, "{}: exactly one result", spec.id);
        let r = results.into_iter().next().unwrap_or_else(|| unreachable!());
        assert_eq!((r.rule_id.as_str(), r.location_id.as_str()), (spec.id, loc.id.as_str()));
        assert_eq!((r.subject_id.as_deref(), r.row, r.severity), (None, None, Severity::Info));
        assert!(!r.message.nl().is_empty() && !r.message.en().is_empty(), "{}: message in both languages", spec.id);
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn comparisons_favour_equality_but_not_more() {
        assert!(at_least(0.08 + 0.47, 0.55));
        assert!(!at_least(0.5499, 0.55));
        assert!(at_most(30.0, 30.0));
        assert!(!at_most(30.000001, 30.0));
        assert_eq!(tidy(0.08 + 0.47), 0.55);
    }

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(number(56500.0, 2), Text::new("56.500", "56,500"));
        assert_eq!(number(1234567.891, 2), Text::new("1.234.567,89", "1,234,567.89"));
        assert_eq!(number(0.5555, 2), Text::new("0,56", "0.56"));
        assert_eq!(number(-12.0, 0), Text::new("-12", "-12"));
        assert_eq!(number(-0.001, 2), Text::new("0", "0"));
        assert_eq!(number_near(0.5499, 0.55, 2).en, "0.5499");
        assert_eq!(number_near(0.08 + 0.47, 0.55, 2).en, "0.55");
        assert_eq!(number_near(20.0 / 36.0, 0.55, 2).en, "0.56");
        assert_eq!(number_near(104.999, 105.0, 1).en, "104.999");
    }

    #[test]
    fn unreadable_rows_are_left_out_and_missing_columns_stop_the_rule() {
        let mut a = trajectory("a");
        a.start = date("2026-02-01");
        let mut b = trajectory("b");
        b.start = date("2026-02-01");
        b.einde = unreadable();
        let loc = location(vec![a, b]);
        let f = active_families(&loc, &ctx_2026(None)).expect("sheet present");
        assert_eq!((f.active.len(), f.left_out), (1, 1));

        let mut c = trajectory("c");
        c.einde = Cell::Missing(Box::new(Text::new("kolom einde ontbreekt", "column einde is missing")));
        let loc = location(vec![c]);
        assert!(active_families(&loc, &ctx_2026(None)).is_err());
        assert_eq!(left_out_note(0, FAMILIES), Text::default());
        assert!(left_out_note(2, FAMILIES).en.contains("2 families were left out"));
        assert!(left_out_note(1, FAMILIES).nl.starts_with(" 1 gezin is niet meegeteld"));
    }
}
