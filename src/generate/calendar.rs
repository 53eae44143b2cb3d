//! Dates for the generator: the audit period, month arithmetic as the rulebook defines it, random dates.

use chrono::{Days, Months, NaiveDate};
use rand::Rng;
use rand::rngs::SmallRng;

/// The audit period (a calendar year) and its as-of date (the year's last day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub year: i32,
    /// P.start: 1 January.
    pub start: NaiveDate,
    /// P.end = A = W: 31 December.
    pub end: NaiveDate,
}

impl Period {
    pub fn new(year: i32) -> Period {
        Period { year, start: ymd(year, 1, 1), end: ymd(year, 12, 31) }
    }

    /// The as-of date A (= the window end W, since A = P.end).
    pub fn as_of(&self) -> NaiveDate {
        self.end
    }
}

/// A date from its parts; an impossible date gives the nearest valid one
/// (clamped day), and out-of-range years give chrono's minimum.
pub fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    let month = month.clamp(1, 12);
    (1..=day.clamp(1, 31)).rev().find_map(|d| NaiveDate::from_ymd_opt(year, month, d)).unwrap_or(NaiveDate::MIN)
}

/// `add_months(d, n)` of the rulebook: the same day n months later (n may be
/// negative), clamped to the last day of that month.
pub fn add_months(d: NaiveDate, n: i32) -> NaiveDate {
    let months = Months::new(n.unsigned_abs());
    let moved = if n >= 0 { d.checked_add_months(months) } else { d.checked_sub_months(months) };
    moved.unwrap_or(d)
}

/// `d` plus `n` days (n may be negative).
pub fn plus(d: NaiveDate, n: i64) -> NaiveDate {
    let days = Days::new(n.unsigned_abs());
    let moved = if n >= 0 { d.checked_add_days(days) } else { d.checked_sub_days(days) };
    moved.unwrap_or(d)
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// A uniformly random whole number in [lo, hi]; `lo` when the range is empty.
pub fn int(rng: &mut SmallRng, lo: i64, hi: i64) -> i64 {
    if hi <= lo { lo } else { rng.random_range(lo..=hi) }
}

/// A uniformly random real number in [lo, hi).
pub fn real(rng: &mut SmallRng, lo: f64, hi: f64) -> f64 {
    if hi <= lo { lo } else { rng.random_range(lo..hi) }
}

/// A uniformly random date in [a, b]; `a` when `b` is earlier.
pub fn date_between(rng: &mut SmallRng, a: NaiveDate, b: NaiveDate) -> NaiveDate {
    plus(a, int(rng, 0, days_between(a, b)))
}

/// A random element of a slice; `None` when it is empty.
pub fn pick<'a, T>(rng: &mut SmallRng, items: &'a [T]) -> Option<&'a T> {
    if items.is_empty() { None } else { items.get(rng.random_range(0..items.len())) }
}

/// True with probability `p` (clamped into [0, 1]).
pub fn chance(rng: &mut SmallRng, p: f64) -> bool {
    rng.random_bool(if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) })
}

/// Rounds to 2 decimals, as every decimal the generator writes.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_months_clamps_to_the_month_end() {
        assert_eq!(add_months(ymd(2026, 1, 31), 1), ymd(2026, 2, 28));
        assert_eq!(add_months(ymd(2024, 2, 29), 12), ymd(2025, 2, 28));
        assert_eq!(add_months(ymd(2026, 3, 31), -1), ymd(2026, 2, 28));
        assert_eq!(add_months(ymd(2026, 5, 15), 18), ymd(2027, 11, 15));
    }

    #[test]
    fn ymd_clamps_impossible_days() {
        assert_eq!(ymd(2026, 2, 31), ymd(2026, 2, 28));
        assert_eq!(plus(ymd(2026, 12, 31), 1), ymd(2027, 1, 1));
        assert_eq!(days_between(ymd(2026, 1, 1), ymd(2026, 12, 31)), 364);
    }
}
