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
}

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
    use super::iso_date;
    use chrono::NaiveDate;

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
