//! One rule result: a rule, a location, a subject, an outcome and its evidence.

use std::collections::BTreeMap;

use super::outcome::{Outcome, Severity, Text};

/// What a rule measured: a number, or nothing.
pub type Measured = Option<f64>;

#[derive(Debug, Clone, PartialEq)]
pub struct RuleResult {
    pub rule_id: String,
    pub location_id: String,
    /// The trajectory (`gezin_id`) for trajectory rules; `None` for location rules.
    pub subject_id: Option<String>,
    /// The `gezinnen` row of the subject, for worklists (never in municipality outputs).
    pub row: Option<u32>,
    pub outcome: Outcome,
    pub severity: Severity,
    pub measured: Measured,
    /// The norm, as text: `>= 0.55`.
    pub expected: Option<String>,
    pub message: Text,
    /// Dates and figures behind the outcome, as `YYYY-MM-DD` or numbers in text.
    pub evidence: BTreeMap<String, String>,
}

impl RuleResult {
    /// A result with no measurement, norm or evidence yet.
    pub fn new(
        rule_id: &str,
        location_id: &str,
        subject: Option<(&str, u32)>,
        outcome: Outcome,
        severity: Severity,
        message: Text,
    ) -> Self {
        RuleResult {
            rule_id: rule_id.to_string(),
            location_id: location_id.to_string(),
            subject_id: subject.map(|(s, _)| s.to_string()),
            row: subject.map(|(_, r)| r),
            outcome,
            severity,
            measured: None,
            expected: None,
            message,
            evidence: BTreeMap::new(),
        }
    }

    pub fn measured(mut self, value: f64, expected: impl Into<String>) -> Self {
        self.measured = Some(value);
        self.expected = Some(expected.into());
        self
    }

    /// Adds a date to the evidence.
    pub fn date(mut self, key: &str, d: chrono::NaiveDate) -> Self {
        self.evidence.insert(key.to_string(), iso_date(d));
        self
    }

    /// Adds any other fact to the evidence.
    pub fn fact(mut self, key: &str, value: impl ToString) -> Self {
        self.evidence.insert(key.to_string(), value.to_string());
        self
    }

    /// Drops what no output reads of a trajectory rule's `pass`: its message
    /// and all evidence but [`PASS_EVIDENCE_KEYS`]. `results.json` does not
    /// list these results; the reports count them, and the due-soon list reads
    /// their deadline. Most results are such passes: kept whole they were most
    /// of the audit's memory. Other results are left as they are.
    pub fn compact(&mut self) {
        if self.subject_id.is_none() || self.outcome != Outcome::Pass {
            return;
        }
        self.message = Text::default();
        self.evidence.retain(|k, _| PASS_EVIDENCE_KEYS.contains(&k.as_str()));
    }
}

/// The evidence a trajectory rule's `pass` keeps (see [`RuleResult::compact`]):
/// what the due-soon list of the location report reads (`report::location::due_soon`).
pub const PASS_EVIDENCE_KEYS: &[&str] = &["deadline", "end"];

/// `YYYY-MM-DD`, as `%Y-%m-%d` writes it, without parsing a format each time.
pub fn iso_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let y = d.year();
    if (0..=9999).contains(&y) {
        format!("{y:04}-{:02}-{:02}", d.month(), d.day())
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn compact_keeps_only_what_a_trajectory_pass_is_read_for() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date");
        let make = |subject: Option<(&str, u32)>, outcome| {
            RuleResult::new("HS-G02", "L1", subject, outcome, Severity::Error, Text::new("nl", "en"))
                .date("deadline", d)
                .date("end", d)
                .date("start", d)
        };
        let mut pass = make(Some(("G1", 2)), Outcome::Pass);
        pass.compact();
        assert_eq!(pass.message, Text::default());
        assert_eq!(pass.evidence.keys().collect::<Vec<_>>(), ["deadline", "end"]);
        assert_eq!((pass.subject_id.as_deref(), pass.row), (Some("G1"), Some(2)));
        for (subject, outcome) in [(Some(("G1", 2)), Outcome::Fail), (None, Outcome::Pass)] {
            let mut r = make(subject, outcome);
            let before = r.clone();
            r.compact();
            assert_eq!(r, before, "{outcome:?}");
        }
    }

    #[test]
    fn iso_dates_are_written_as_strftime_writes_them() {
        for (y, m, d) in
            [(2026, 1, 1), (1999, 12, 31), (5, 3, 7), (9999, 12, 31), (-1, 1, 1), (10000, 1, 1), (0, 2, 29)]
        {
            let date = NaiveDate::from_ymd_opt(y, m, d).expect("a date");
            assert_eq!(iso_date(date), date.format("%Y-%m-%d").to_string(), "{date:?}");
        }
    }
}
