//! The audit's time frame: period P, as-of date A, window end W, and the
//! activity and overlap definitions of rules.md that every rule shares.

use chrono::NaiveDate;

use super::dates::inclusive_days;

/// Period P = [start, end], both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// What every rule evaluates against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    pub period: Period,
    /// As-of date A (`--as-of`, else P.end). Never before P.start.
    pub as_of: NaiveDate,
}

impl Context {
    pub fn new(period: Period, as_of: Option<NaiveDate>) -> Self {
        Context { period, as_of: as_of.unwrap_or(period.end) }
    }

    /// W = min(P.end, A).
    pub fn window_end(&self) -> NaiveDate {
        self.period.end.min(self.as_of)
    }

    /// A person is active on A when `start` is empty or <= A, and `einde` is empty or >= A.
    pub fn person_active(&self, start: Option<NaiveDate>, einde: Option<NaiveDate>) -> bool {
        start.is_none_or(|s| s <= self.as_of) && einde.is_none_or(|e| e >= self.as_of)
    }

    /// A trajectory is active in P when `start` <= W and (`einde` empty or >= P.start).
    /// A trajectory without `start` is not active.
    pub fn trajectory_active(&self, start: Option<NaiveDate>, einde: Option<NaiveDate>) -> bool {
        start.is_some_and(|s| s <= self.window_end()) && einde.is_none_or(|e| e >= self.period.start)
    }

    /// Overlap days: the days, both ends counted, of
    /// [max(start, P.start), min(einde or W, W)]; 0 when that is empty.
    pub fn overlap_days(&self, start: NaiveDate, einde: Option<NaiveDate>) -> i64 {
        let w = self.window_end();
        let from = start.max(self.period.start);
        let to = einde.map_or(w, |e| e.min(w));
        inclusive_days(from, to)
    }

    /// True when `d` lies in [P.start, W].
    pub fn in_window(&self, d: NaiveDate) -> bool {
        d >= self.period.start && d <= self.window_end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn year_2026(as_of: Option<NaiveDate>) -> Context {
        Context::new(Period { start: d(2026, 1, 1), end: d(2026, 12, 31) }, as_of)
    }

    #[test]
    fn window_end_is_the_earlier_of_period_end_and_as_of() {
        assert_eq!(year_2026(None).window_end(), d(2026, 12, 31));
        assert_eq!(year_2026(Some(d(2026, 6, 30))).window_end(), d(2026, 6, 30));
        assert_eq!(year_2026(Some(d(2027, 2, 28))).window_end(), d(2026, 12, 31));
    }

    #[test]
    fn activity_edges() {
        let c = year_2026(Some(d(2026, 6, 30)));
        assert!(c.person_active(Some(d(2026, 6, 30)), Some(d(2026, 6, 30))));
        assert!(!c.person_active(Some(d(2026, 7, 1)), None));
        assert!(!c.person_active(None, Some(d(2026, 6, 29))));
        assert!(c.trajectory_active(Some(d(2026, 6, 30)), None));
        assert!(!c.trajectory_active(Some(d(2026, 7, 1)), None));
        assert!(c.trajectory_active(Some(d(2025, 3, 1)), Some(d(2026, 1, 1))));
        assert!(!c.trajectory_active(Some(d(2025, 3, 1)), Some(d(2025, 12, 31))));
        assert!(!c.trajectory_active(None, None));
    }

    #[test]
    fn overlap_days_count_both_ends() {
        let c = year_2026(None);
        assert_eq!(c.overlap_days(d(2025, 6, 1), None), 365);
        assert_eq!(c.overlap_days(d(2026, 12, 31), None), 1);
        assert_eq!(c.overlap_days(d(2026, 3, 1), Some(d(2026, 3, 28))), 28);
        assert_eq!(c.overlap_days(d(2025, 3, 1), Some(d(2025, 12, 31))), 0);
    }
}
