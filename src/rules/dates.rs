//! Date arithmetic exactly as rules.md defines it.
//!
//! `add_months(d, n)`: the same day of the month n months later, clamped to
//! the last day of that month (31 January + 1 month = 28 February). Every
//! interval includes both ends.

use chrono::{Datelike, Duration, NaiveDate};

/// The same day of the month `n` months later (or earlier, for negative n),
/// clamped to the month's last day. `None` only beyond chrono's range.
pub fn add_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    let total = d.year() * 12 + d.month0() as i32 + n;
    let (year, month0) = (total.div_euclid(12), total.rem_euclid(12) as u32);
    let last = last_day_of_month(year, month0 + 1)?;
    NaiveDate::from_ymd_opt(year, month0 + 1, d.day().min(last))
}

/// The number of days in a month.
pub fn last_day_of_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((next - first).num_days() as u32)
}

/// `d` plus `n` days (negative to go back).
pub fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    // `Duration::days` panics past ±2^63 ms; `try_days` says so instead.
    d.checked_add_signed(Duration::try_days(n)?)
}

/// Days from `a` to `b` (negative when `b` is before `a`).
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// Days in [a, b], both ends counted; 0 when b < a.
pub fn inclusive_days(a: NaiveDate, b: NaiveDate) -> i64 {
    if b < a { 0 } else { days_between(a, b) + 1 }
}

/// Age in whole years at `on`: the largest k with add_months(birth, 12k) <= on.
/// `None` when `birth` is after `on`.
pub fn whole_years(birth: NaiveDate, on: NaiveDate) -> Option<i64> {
    if birth > on {
        return None;
    }
    let mut k = (on.year() - birth.year()) as i64;
    while k > 0 && add_months(birth, (12 * k) as i32).is_none_or(|d| d > on) {
        k -= 1;
    }
    Some(k.max(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn add_months_clamps_to_month_end() {
        assert_eq!(add_months(d(2026, 1, 31), 1), Some(d(2026, 2, 28)));
        assert_eq!(add_months(d(2024, 1, 31), 1), Some(d(2024, 2, 29)));
        assert_eq!(add_months(d(2026, 3, 31), 6), Some(d(2026, 9, 30)));
        assert_eq!(add_months(d(2026, 8, 31), 18), Some(d(2028, 2, 29)));
        assert_eq!(add_months(d(2026, 12, 15), 1), Some(d(2027, 1, 15)));
        assert_eq!(add_months(d(2026, 1, 15), -1), Some(d(2025, 12, 15)));
        assert_eq!(add_months(d(2026, 5, 31), -3), Some(d(2026, 2, 28)));
    }

    #[test]
    fn whole_years_edges() {
        // 6 years and 11 months is 6; 7 years 0 months is 7.
        assert_eq!(whole_years(d(2019, 4, 2), d(2026, 3, 2)), Some(6));
        assert_eq!(whole_years(d(2019, 3, 2), d(2026, 3, 1)), Some(6));
        assert_eq!(whole_years(d(2019, 3, 2), d(2026, 3, 2)), Some(7));
        // Born on 29 February: one year old on 28 February of a common year.
        assert_eq!(whole_years(d(2024, 2, 29), d(2025, 2, 27)), Some(0));
        assert_eq!(whole_years(d(2024, 2, 29), d(2025, 2, 28)), Some(1));
        assert_eq!(whole_years(d(2026, 3, 2), d(2026, 3, 2)), Some(0));
        assert_eq!(whole_years(d(2026, 3, 3), d(2026, 3, 2)), None);
    }

    #[test]
    fn inclusive_days_counts_both_ends() {
        assert_eq!(inclusive_days(d(2026, 1, 1), d(2026, 12, 31)), 365);
        assert_eq!(inclusive_days(d(2026, 3, 2), d(2026, 3, 2)), 1);
        assert_eq!(inclusive_days(d(2026, 3, 3), d(2026, 3, 2)), 0);
    }
}
