//! The violation table: which rules the generator breaks, how often, and how; and when a breach can show.
//!
//! A rate is a probability per location (HS-L rules) or per trajectory that is
//! *due* for the rule (HS-G rules): covered by the rule, and past the rule's
//! deadline on the as-of date, so that the rule can say `fail` at all. The
//! predicates below define "due" per rule; `docs/generator.md` lists the same.

use chrono::NaiveDate;

use super::calendar::{Period, add_months, days_between, plus};

/// (rule id, rate, what the generator does). Rates per location for HS-L
/// rules, per due trajectory for HS-G rules. `docs/generator.md` shows the
/// same table (a test keeps the two equal).
pub const VIOLATIONS: &[(&str, f64, &str)] = &[
    (
        "HS-L01",
        0.08,
        "paid coordination below 0,55 fte: one paid coordinator at 0,33-0,50 fte, or a second coordinator who is unpaid or whose employment ended before the as-of date",
    ),
    ("HS-L02", 0.05, "no counted coordinator has hbo or wo: all coordinators mbo or overig"),
    ("HS-L03", 0.10, "16-23 trained volunteers active on the as-of date (otherwise 24-34)"),
    ("HS-L04", 0.08, "20-24 trajectories active in the period (otherwise 25-30)"),
    ("HS-L05", 0.10, "31-34 trajectories active in the period (never together with HS-L04)"),
    ("HS-L06", 0.12, "hours per family-year 75-98 (otherwise 112-135)"),
    ("HS-L07", 0.05, "`licentie_geldig_tot` empty, or a date in the period before the as-of date"),
    ("HS-L08", 0.05, "`kosten` empty (HS-L08 never fails: `not_evaluated`)"),
    (
        "HS-G01",
        0.05,
        "youngest child 7-9 years old at registration (birth date or age in months), or only a due date: a pregnancy, week 28-38, which the default rulebook does not allow",
    ),
    ("HS-G02", 0.05, "the trajectory runs 18 months + 10-60 days (closed in the period, or still running)"),
    ("HS-G03", 0.06, "`kennismaking` empty, or 1-20 days after the match date"),
    ("HS-G04", 0.10, "`eerste_check` missing, or 50-75 days after start (the deadline is 49)"),
    (
        "HS-G05",
        0.08,
        "no evaluation in the last 190-230 days before the horizon (an `eindevaluatie`, if any, dated 1-25 days after `einde`)",
    ),
    ("HS-G06", 0.08, "`eindevaluatie` missing, or 35-60 days after `einde`"),
    ("HS-G07", 0.15, "`nabespreking_vrijwilliger` missing"),
    ("HS-G08", 0.20, "`follow_up` missing, or 35-60 days after its due date"),
    ("HS-G09", 0.12, "a due referrer message (start or end) left empty"),
    ("HS-G10", 0.04, "matched with a volunteer not yet trained at the match (trained later, or still in training)"),
    ("HS-G11", 0.08, "visits 30-65% of weekly (the norm is 75%)"),
    ("HS-G12", 0.12, "no `eind` scores (three in four) or no `start` scores in `metingen`"),
];

/// The rate of a rule (0 for a rule not in the table), scaled for the
/// location and year while a history is generated (see `history.rs`).
pub fn rate(rule: &str) -> f64 {
    let base = VIOLATIONS.iter().find(|(id, _, _)| *id == rule).map(|(_, r, _)| *r).unwrap_or(0.0);
    (base * super::history::rate_scale()).min(1.0)
}

/// HS-G04 deadline D = start + 35 + 14 days.
pub fn first_check_deadline(start: NaiveDate) -> NaiveDate {
    plus(start, 49)
}

/// HS-G04 is due: covered (D ≥ P.start) and the deadline passed (A ≥ D).
/// (Trajectories last at least 3 months, so `einde` < D never happens.)
pub fn g04_due(start: NaiveDate, p: &Period) -> bool {
    let d = first_check_deadline(start);
    d >= p.start && p.as_of() >= d
}

/// HS-G05's horizon H: `einde` when ≤ A, else A.
pub fn horizon(end: Option<NaiveDate>, p: &Period) -> NaiveDate {
    end.filter(|e| *e <= p.as_of()).unwrap_or(p.as_of())
}

/// The least number of days from start to the horizon for which the generator can
/// make an HS-G05 gap (a check, then 190-230 days without any evaluation).
pub const G05_MIN_SPAN_DAYS: i64 = 280;

/// HS-G05 can be breached: active in P (assumed) and the horizon ≥ 280 days after start.
pub fn g05_due(start: NaiveDate, end: Option<NaiveDate>, p: &Period) -> bool {
    days_between(start, horizon(end, p)) >= G05_MIN_SPAN_DAYS
}

/// HS-G06 / HS-G07 / HS-G12 cover the closure: `einde` in [P.start, A].
pub fn closed_in(end: Option<NaiveDate>, p: &Period) -> bool {
    end.is_some_and(|e| e >= p.start && e <= p.as_of())
}

/// HS-G06 / HS-G07 are due: closed in P and A ≥ einde + 30.
pub fn closure_due(end: Option<NaiveDate>, p: &Period) -> bool {
    closed_in(end, p) && end.is_some_and(|e| p.as_of() >= plus(e, 30))
}

/// HS-G08's due date F = add_months(einde, 3).
pub fn follow_up_due_date(end: NaiveDate) -> NaiveDate {
    add_months(end, 3)
}

/// HS-G08 is due: covered (window starts ≤ A, ends ≥ P.start) and A ≥ F + 30.
pub fn g08_due(end: Option<NaiveDate>, p: &Period) -> bool {
    end.is_some_and(|e| {
        let f = follow_up_due_date(e);
        plus(f, -14) <= p.as_of() && plus(f, 30) >= p.start && p.as_of() >= plus(f, 30)
    })
}

/// HS-G09: the start message is due (A ≥ start + 30).
pub fn start_message_due(start: NaiveDate, p: &Period) -> bool {
    p.as_of() >= plus(start, 30)
}

/// HS-G09: the end message is due (einde ≤ A and A ≥ einde + 30).
pub fn end_message_due(end: Option<NaiveDate>, p: &Period) -> bool {
    end.is_some_and(|e| e <= p.as_of() && p.as_of() >= plus(e, 30))
}

/// Overlap days of a trajectory with P: [max(start, P.start), min(einde or W, W)], both ends counted.
pub fn overlap_days(start: NaiveDate, end: Option<NaiveDate>, p: &Period) -> i64 {
    let from = start.max(p.start);
    let to = end.unwrap_or(p.as_of()).min(p.as_of());
    (days_between(from, to) + 1).max(0)
}

/// HS-G11 judges a trajectory from 28 overlap days on.
pub const MIN_VISIT_OVERLAP_DAYS: i64 = 28;
