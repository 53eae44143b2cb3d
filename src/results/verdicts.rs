//! Location verdicts: per location and rule, one outcome a reviewer steers
//! by (rules.md, *Location verdicts and tolerance*). A location rule's verdict
//! is its own outcome; a trajectory rule's is `fail` when the share of its
//! failing subjects among those judged (pass, fail, waived) is above the
//! rule's `tolerance`. Cost: one pass over the summary (locations × rules).

use serde::Serialize;

use super::outcome::{Outcome, Severity};
use super::result::Id;
use super::summary::{OutcomeCounts, SummaryRow};
use crate::rulebook::{Rulebook, Scope};

/// One location's verdict on one rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub rule_id: Id,
    pub location_id: Id,
    pub outcome: Outcome,
    /// fail / (pass + fail + waived), for trajectory rules with a subject judged.
    pub fail_share: Option<f64>,
    /// The rule's tolerance (trajectory rules only).
    pub tolerance: Option<f64>,
    /// The rule's severity (not in results.json: the results carry it).
    #[serde(skip)]
    pub severity: Severity,
}

impl Verdict {
    /// A failed verdict of an `error` rule: the location is at risk.
    pub fn puts_at_risk(&self) -> bool {
        self.outcome == Outcome::Fail && self.severity == Severity::Error
    }
}

/// The verdict of a trajectory rule from its outcome counts, or none.
pub fn trajectory_verdict(counts: &OutcomeCounts, tolerance: f64) -> Option<(Outcome, Option<f64>)> {
    let judged = counts.pass + counts.fail + counts.waived;
    if judged > 0 {
        // Both sides are correctly rounded quotients, so a share that equals
        // the tolerance written as a decimal (1/10 and 0.1) compares equal.
        let share = counts.fail as f64 / judged as f64;
        let outcome = if share > tolerance { Outcome::Fail } else { Outcome::Pass };
        return Some((outcome, Some(share)));
    }
    (counts.not_evaluated > 0).then_some((Outcome::NotEvaluated, None))
}

/// A location rule's verdict: its one outcome (a summary row of a location
/// rule counts one subject, the location).
fn location_verdict(counts: &OutcomeCounts) -> Option<Outcome> {
    if counts.fail > 0 {
        return Some(Outcome::Fail);
    }
    Outcome::ALL.iter().copied().find(|o| counts.get(*o) > 0)
}

/// Every verdict, in the summary's order (location, then rule). Rules the
/// rulebook does not hold (or holds disabled) give none.
pub fn verdicts(summary: &[SummaryRow], rulebook: &Rulebook) -> Vec<Verdict> {
    summary
        .iter()
        .filter_map(|row| {
            let rule = rulebook.rule(&row.rule_id).filter(|r| r.enabled)?;
            let (outcome, fail_share, tolerance) = match rule.scope {
                Scope::Location => (location_verdict(&row.counts)?, None, None),
                Scope::Trajectory => {
                    let tolerance = rule.tolerance();
                    let (outcome, share) = trajectory_verdict(&row.counts, tolerance)?;
                    (outcome, share, Some(tolerance))
                }
            };
            Some(Verdict {
                rule_id: row.rule_id.clone(),
                location_id: row.location_id.clone(),
                outcome,
                fail_share,
                tolerance,
                severity: rule.severity,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pass: usize, fail: usize, waived: usize, not_evaluated: usize) -> OutcomeCounts {
        OutcomeCounts { pass, fail, waived, not_evaluated, not_yet_due: 3, not_applicable: 2 }
    }

    #[test]
    fn tolerance_exactly_met_passes_and_just_exceeded_fails() {
        // 1 of 10 fails: 10 % is at a tolerance of 0.1, not above it.
        assert_eq!(trajectory_verdict(&counts(9, 1, 0, 0), 0.1), Some((Outcome::Pass, Some(0.1))));
        // 3 of 10 (0.3 is not exact in binary, nor is 3/10: they round alike).
        assert_eq!(trajectory_verdict(&counts(7, 3, 0, 0), 0.3).map(|v| v.0), Some(Outcome::Pass));
        // 2 of 19 = 0.105.. is just above 0.1.
        assert_eq!(trajectory_verdict(&counts(17, 2, 0, 0), 0.1).map(|v| v.0), Some(Outcome::Fail));
        // 1 of 10 just exceeds 0.0999.
        assert_eq!(trajectory_verdict(&counts(9, 1, 0, 0), 0.0999).map(|v| v.0), Some(Outcome::Fail));
    }

    #[test]
    fn tolerance_zero_fails_on_one_failure_and_passes_on_none() {
        assert_eq!(trajectory_verdict(&counts(99, 1, 0, 0), 0.0).map(|v| v.0), Some(Outcome::Fail));
        assert_eq!(trajectory_verdict(&counts(5, 0, 1, 4), 0.0), Some((Outcome::Pass, Some(0.0))));
    }

    #[test]
    fn waived_subjects_count_among_the_judged_not_as_failures() {
        // 1 fail of (8 + 1 + 1) = 10 %; without the waived one it would be 11 %.
        assert_eq!(trajectory_verdict(&counts(8, 1, 1, 0), 0.1).map(|v| v.0), Some(Outcome::Pass));
        assert_eq!(trajectory_verdict(&counts(0, 0, 2, 0), 0.0), Some((Outcome::Pass, Some(0.0))));
    }

    #[test]
    fn only_not_evaluated_gives_not_evaluated_and_nothing_gives_no_verdict() {
        assert_eq!(trajectory_verdict(&counts(0, 0, 0, 2), 0.5), Some((Outcome::NotEvaluated, None)));
        assert_eq!(trajectory_verdict(&counts(0, 0, 0, 0), 0.5), None);
    }

    #[test]
    fn tolerance_one_never_fails() {
        assert_eq!(trajectory_verdict(&counts(0, 7, 0, 0), 1.0), Some((Outcome::Pass, Some(1.0))));
    }
}
