//! Applying waivers: a valid waiver turns a matching `fail` into `waived`.
//!
//! rules.md: a waiver applies while its expiry >= A; an expired waiver leaves
//! the `fail` and is reported as expired (also when it matched nothing); a
//! valid waiver that matched no `fail` is reported as unused. Without a
//! subject, a waiver on a trajectory rule covers every `fail` of that rule at
//! that location.

use chrono::NaiveDate;
use serde::Serialize;

use super::outcome::Outcome;
use super::result::RuleResult;

/// One waiver, as the results stage needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaiverEntry {
    pub rule: String,
    pub location: String,
    pub subject: Option<String>,
    pub reason: String,
    pub approved_by: String,
    #[serde(serialize_with = "iso_date")]
    pub expires: NaiveDate,
}

fn iso_date<S: serde::Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.format("%Y-%m-%d").to_string())
}

/// A waiver that was applied, with the subjects it turned into `waived`
/// (`null` stands for the location itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppliedWaiver {
    #[serde(flatten)]
    pub waiver: WaiverEntry,
    pub subjects: Vec<Option<String>>,
}

/// What became of every waiver.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct WaiverReport {
    pub applied: Vec<AppliedWaiver>,
    pub expired: Vec<WaiverEntry>,
    pub unused: Vec<WaiverEntry>,
}

fn matches(w: &WaiverEntry, r: &RuleResult) -> bool {
    r.outcome == Outcome::Fail
        && r.rule_id == w.rule
        && r.location_id == w.location
        && (w.subject.is_none() || r.subject_id.as_deref() == w.subject.as_deref())
}

/// Applies the waivers on as-of date `as_of`, changing results in place.
pub fn apply_waivers(results: &mut crate::results::Results, waivers: &[WaiverEntry], as_of: NaiveDate) -> WaiverReport {
    let mut report = WaiverReport::default();
    for w in waivers {
        if w.expires < as_of {
            report.expired.push(w.clone());
            continue;
        }
        let mut subjects = Vec::new();
        for r in results.iter_mut().filter(|r| matches(w, r)) {
            r.outcome = Outcome::Waived;
            subjects.push(r.subject_id.as_deref().map(str::to_string));
        }
        if subjects.is_empty() {
            report.unused.push(w.clone());
        } else {
            report.applied.push(AppliedWaiver { waiver: w.clone(), subjects });
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{Severity, Text};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn fail(rule: &str, subject: Option<&str>) -> RuleResult {
        RuleResult::new(rule, "L111", subject.map(|s| (s, 2)), Outcome::Fail, Severity::Error, Text::default())
    }

    fn waiver(rule: &str, subject: Option<&str>, expires: &str) -> WaiverEntry {
        WaiverEntry {
            rule: rule.into(),
            location: "L111".into(),
            subject: subject.map(str::to_string),
            reason: "r".into(),
            approved_by: "Landelijk steunpunt".into(),
            expires: d(expires),
        }
    }

    #[test]
    fn valid_on_its_expiry_date_expired_the_day_after() {
        let mut results: crate::results::Results = vec![fail("HS-L07", None)].into();
        let report = apply_waivers(&mut results, &[waiver("HS-L07", None, "2026-12-31")], d("2026-12-31"));
        assert_eq!(results[0].outcome, Outcome::Waived);
        assert_eq!(report.applied.len(), 1);

        let mut results: crate::results::Results = vec![fail("HS-L07", None)].into();
        let report = apply_waivers(&mut results, &[waiver("HS-L07", None, "2026-12-30")], d("2026-12-31"));
        assert_eq!(results[0].outcome, Outcome::Fail);
        assert_eq!(report.expired.len(), 1);
        assert!(report.applied.is_empty() && report.unused.is_empty());
    }

    #[test]
    fn expired_is_reported_even_when_it_matched_nothing() {
        let mut results: crate::results::Results = vec![].into();
        let report = apply_waivers(&mut results, &[waiver("HS-L07", None, "2025-01-01")], d("2026-12-31"));
        assert_eq!(report.expired.len(), 1);
        assert!(report.unused.is_empty());
    }

    #[test]
    fn unused_when_valid_and_nothing_failed() {
        let mut results: crate::results::Results =
            vec![RuleResult::new("HS-L07", "L111", None, Outcome::Pass, Severity::Error, Text::default())].into();
        let report = apply_waivers(&mut results, &[waiver("HS-L07", None, "2027-03-31")], d("2026-12-31"));
        assert_eq!(results[0].outcome, Outcome::Pass);
        assert_eq!(report.unused.len(), 1);
    }

    #[test]
    fn without_subject_covers_every_fail_of_the_rule_at_the_location() {
        let mut results: crate::results::Results =
            vec![fail("HS-G04", Some("G-1")), fail("HS-G04", Some("G-2")), fail("HS-G05", Some("G-1"))].into();
        let report = apply_waivers(&mut results, &[waiver("HS-G04", None, "2027-03-31")], d("2026-12-31"));
        assert_eq!(results[0].outcome, Outcome::Waived);
        assert_eq!(results[1].outcome, Outcome::Waived);
        assert_eq!(results[2].outcome, Outcome::Fail);
        assert_eq!(report.applied[0].subjects.len(), 2);
    }

    #[test]
    fn with_subject_covers_only_that_trajectory_and_other_locations_are_untouched() {
        let mut other = fail("HS-G04", Some("G-1"));
        other.location_id = "L222".into();
        let mut results: crate::results::Results =
            vec![fail("HS-G04", Some("G-1")), fail("HS-G04", Some("G-2")), other].into();
        apply_waivers(&mut results, &[waiver("HS-G04", Some("G-1"), "2027-03-31")], d("2026-12-31"));
        let outcomes: Vec<Outcome> = results.iter().map(|r| r.outcome).collect();
        assert_eq!(outcomes, vec![Outcome::Waived, Outcome::Fail, Outcome::Fail]);
    }
}
