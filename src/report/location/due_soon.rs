//! What falls due in the 30 days after the as-of date A: first checks,
//! final evaluations, debriefs, follow-up calls and referrer messages that
//! are not yet due on A (outcome `not_yet_due`), and, for trajectories that
//! pass so far, the next interim evaluation and the end of the maximum
//! duration. Sorted by date.
//!
//! The dates come from the results' evidence; which key holds which date is
//! set by the trajectory rules in `src/rules/trajectory/`:
//! - HS-G04, HS-G06, HS-G07 (`not_yet_due`): `deadline`.
//! - HS-G08 (`not_yet_due`): `follow_up_date` (the call is due around it),
//!   else `deadline` (the window's last day) once that date has passed.
//! - HS-G09 (`not_yet_due`): `start_message_deadline`, `end_message_deadline`
//!   (a trajectory may have both).
//! - HS-G05 (`pass`, running trajectory): `deadline` is the latest date of the
//!   next evaluation.
//! - HS-G02 (`pass`): `deadline` is the end of the maximum duration, which
//!   matters while the trajectory has not ended (or ends after it).

use chrono::{Days, NaiveDate};

use super::model::{DueItem, DueSoon};
use crate::results::{Outcome, RuleResult};

/// How many days after A the list looks ahead.
pub const DUE_SOON_DAYS: u64 = 30;

/// Evidence keys of a `not_yet_due` result that hold a due date: per group
/// the first key whose date lies in the window gives one item, with the
/// catalogue key of what that date is.
const NOT_YET_DUE_KEYS: &[&[(&str, &str)]] = &[
    &[("follow_up_date", "loc_due_follow_up_date"), ("deadline", "loc_due_deadline")],
    &[("start_message_deadline", "loc_due_start_message")],
    &[("end_message_deadline", "loc_due_end_message")],
];

fn date(r: &RuleResult, key: &str) -> Option<NaiveDate> {
    r.evidence.get(key).and_then(|f| f.date())
}

/// One result's due dates in (from, until]: (date, catalogue key of what it is).
fn due_dates(r: &RuleResult, from: NaiveDate, until: NaiveDate) -> Vec<(NaiveDate, &'static str)> {
    let inside = |d: &NaiveDate| *d > from && *d <= until;
    match r.outcome {
        Outcome::NotYetDue => NOT_YET_DUE_KEYS
            .iter()
            .filter_map(|group| group.iter().find_map(|(key, what)| date(r, key).filter(inside).map(|d| (d, *what))))
            .collect(),
        Outcome::Pass => {
            // Which rules' passing `deadline` is the next thing to do: the rule's own facts.
            let Some(what) = crate::rules::registry::facts(&r.rule_id).pass_deadline else { return Vec::new() };
            let Some(deadline) = date(r, "deadline").filter(inside) else { return Vec::new() };
            // HS-G05 writes `deadline` only for running trajectories; HS-G02
            // always does, and its limit only matters if support runs past it.
            if date(r, "end").is_some_and(|end| end <= deadline) {
                return Vec::new();
            }
            vec![(deadline, what)]
        }
        _ => Vec::new(),
    }
}

/// The items due in the 30 days after `as_of`, sorted by date, family and rule.
/// `describe` gives (title, what, message) of a result and a catalogue key.
pub fn due_soon<'a>(
    results: impl Iterator<Item = &'a RuleResult>,
    as_of: NaiveDate,
    describe: &dyn Fn(&RuleResult, &str) -> (String, String, String),
) -> DueSoon {
    let until = as_of.checked_add_days(Days::new(DUE_SOON_DAYS)).unwrap_or(as_of);
    let mut items: Vec<DueItem> = Vec::new();
    for r in results {
        let Some(subject) = &r.subject_id else { continue };
        for (d, what_key) in due_dates(r, as_of, until) {
            let (title, what, message) = describe(r, what_key);
            items.push(DueItem {
                date: d.format("%Y-%m-%d").to_string(),
                subject_id: subject.to_string(),
                row: r.row,
                rule_id: r.rule_id.to_string(),
                title,
                what,
                message,
            });
        }
    }
    items.sort_by(|a, b| {
        (&a.date, &a.subject_id, &a.rule_id, &a.what).cmp(&(&b.date, &b.subject_id, &b.rule_id, &b.what))
    });
    DueSoon {
        from: as_of.format("%Y-%m-%d").to_string(),
        until: until.format("%Y-%m-%d").to_string(),
        days: DUE_SOON_DAYS as i64,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{Severity, Text};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn result(rule: &str, subject: &str, outcome: Outcome, evidence: &[(&str, &str)]) -> RuleResult {
        let mut r = RuleResult::new(rule, "L1", Some((subject, 2)), outcome, Severity::Warning, Text::default());
        for (k, v) in evidence {
            // Dates are kept as dates, as the rules write them.
            r = match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                Ok(date) => r.date(k, date),
                Err(_) => r.fact(k, v),
            };
        }
        r
    }

    fn listed(results: &[RuleResult], as_of: &str) -> Vec<(String, String, String)> {
        let describe = |r: &RuleResult, what: &str| (r.rule_id.to_string(), what.to_string(), String::new());
        due_soon(results.iter(), d(as_of), &describe)
            .items
            .into_iter()
            .map(|i| (i.date, i.subject_id, i.what))
            .collect()
    }

    #[test]
    fn the_window_is_after_a_up_to_and_including_a_plus_30() {
        let rs = [
            result("HS-G04", "G-1", Outcome::NotYetDue, &[("deadline", "2026-06-30")]),
            result("HS-G04", "G-2", Outcome::NotYetDue, &[("deadline", "2026-07-01")]),
            result("HS-G04", "G-3", Outcome::NotYetDue, &[("deadline", "2026-07-30")]),
            result("HS-G04", "G-4", Outcome::NotYetDue, &[("deadline", "2026-07-31")]),
        ];
        let got: Vec<String> = listed(&rs, "2026-06-30").into_iter().map(|i| i.1).collect();
        assert_eq!(got, ["G-2", "G-3"]);
    }

    #[test]
    fn sorted_by_date_with_both_referrer_messages() {
        let rs = [
            result("HS-G06", "G-1", Outcome::NotYetDue, &[("deadline", "2026-07-20")]),
            result(
                "HS-G09",
                "G-2",
                Outcome::NotYetDue,
                &[("start_message_deadline", "2026-07-15"), ("end_message_deadline", "2026-07-05")],
            ),
        ];
        let got = listed(&rs, "2026-06-30");
        assert_eq!(got[0], ("2026-07-05".into(), "G-2".into(), "loc_due_end_message".into()));
        assert_eq!(got[1], ("2026-07-15".into(), "G-2".into(), "loc_due_start_message".into()));
        assert_eq!(got[2].0, "2026-07-20");
    }

    #[test]
    fn follow_up_around_its_date_else_by_the_window_end() {
        let ev = [("follow_up_date", "2026-07-10"), ("deadline", "2026-08-09")];
        let rs = [result("HS-G08", "G-1", Outcome::NotYetDue, &ev)];
        assert_eq!(listed(&rs, "2026-06-30"), [("2026-07-10".into(), "G-1".into(), "loc_due_follow_up_date".into())]);
        assert_eq!(listed(&rs, "2026-07-20"), [("2026-08-09".into(), "G-1".into(), "loc_due_deadline".into())]);
    }

    #[test]
    fn passes_only_for_the_next_evaluation_and_a_running_duration() {
        let rs = [
            result("HS-G05", "G-1", Outcome::Pass, &[("deadline", "2026-07-08")]),
            // A first check that was done: its deadline is no longer to do.
            result("HS-G04", "G-2", Outcome::Pass, &[("deadline", "2026-07-08"), ("first_check", "2026-06-01")]),
            result("HS-G02", "G-3", Outcome::Pass, &[("deadline", "2026-07-09")]),
            result("HS-G02", "G-4", Outcome::Pass, &[("deadline", "2026-07-09"), ("end", "2026-07-01")]),
            result("HS-G02", "G-5", Outcome::Pass, &[("deadline", "2026-07-09"), ("end", "2026-09-01")]),
            // Failures and other outcomes belong to the worklist.
            result("HS-G04", "G-6", Outcome::Fail, &[("deadline", "2026-07-08")]),
        ];
        let got: Vec<String> = listed(&rs, "2026-06-30").into_iter().map(|i| i.1).collect();
        assert_eq!(got, ["G-1", "G-3", "G-5"]);
    }

    #[test]
    fn unreadable_dates_and_location_results_are_skipped() {
        let mut loc = result("HS-L07", "x", Outcome::NotYetDue, &[("deadline", "2026-07-08")]);
        loc.subject_id = None;
        let rs = [loc, result("HS-G04", "G-1", Outcome::NotYetDue, &[("deadline", "8-7-2026")])];
        assert!(listed(&rs, "2026-06-30").is_empty());
    }
}
