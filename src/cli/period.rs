//! The audit period and as-of date from the command line, checked.

use chrono::{Datelike, NaiveDate};

use crate::rules::{Context, Period};
use crate::tables::Export;

/// A usage error, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError {
    pub nl: String,
    pub en: String,
}

/// The usage error of catalogue key `key` with its named arguments.
fn usage(key: &str, args: &[(&str, String)]) -> UsageError {
    let t = crate::report::catalogue::text(key, args);
    UsageError { nl: t.nl, en: t.en }
}

/// Parses a command-line date, `YYYY-MM-DD`.
pub fn parse_cli_date(s: &str, option: &str) -> Result<NaiveDate, UsageError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| usage("cli_not_a_date", &[("option", option.to_string()), ("value", s.to_string())]))
}

/// Checks the period options on their own, before any export is read, so a
/// mistyped date is reported at once.
pub fn check_options(
    period: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
    as_of: Option<&str>,
) -> Result<(), UsageError> {
    if period.is_some() || from.is_some() || to.is_some() {
        resolve(period, from, to, as_of, &[]).map(|_| ())
    } else {
        as_of.map(|s| parse_cli_date(s, "--as-of")).transpose().map(|_| ())
    }
}

/// The period and as-of date from the options. Without `--period` or
/// `--from`/`--to`, the period is the calendar year of the latest contact
/// date in the exports (else of the latest trajectory date; else 2026).
pub fn resolve(
    period: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
    as_of: Option<&str>,
    exports: &[Export],
) -> Result<Context, UsageError> {
    let p = match (period, from, to) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            return Err(usage("cli_period_and_from_to", &[]));
        }
        (Some(y), None, None) => {
            let year: i32 = y
                .trim()
                .parse()
                .ok()
                .filter(|y| (1900..=9999).contains(y))
                .ok_or_else(|| usage("cli_period_not_a_year", &[("value", y.to_string())]))?;
            calendar_year(year).ok_or_else(|| usage("cli_period_year_out_of_range", &[("year", year.to_string())]))?
        }
        (None, Some(f), Some(t)) => Period { start: parse_cli_date(f, "--from")?, end: parse_cli_date(t, "--to")? },
        (None, Some(f), None) => {
            return Err(usage("cli_from_without_to", &[("from", f.to_string())]));
        }
        (None, None, Some(t)) => {
            return Err(usage("cli_to_without_from", &[("to", t.to_string())]));
        }
        (None, None, None) => {
            let year = latest_year(exports).unwrap_or(2026);
            calendar_year(year).ok_or_else(|| usage("cli_exports_year_out_of_range", &[("year", year.to_string())]))?
        }
    };
    if p.end < p.start {
        return Err(usage("cli_to_before_from", &[("to", p.end.to_string()), ("from", p.start.to_string())]));
    }
    let a = as_of.map(|s| parse_cli_date(s, "--as-of")).transpose()?;
    if let Some(a) = a.filter(|a| *a < p.start) {
        let args = [("as_of", a.to_string()), ("start", p.start.to_string()), ("end", p.end.to_string())];
        return Err(usage("cli_as_of_before_period", &args));
    }
    Ok(Context::new(p, a))
}

fn calendar_year(year: i32) -> Option<Period> {
    Some(Period { start: NaiveDate::from_ymd_opt(year, 1, 1)?, end: NaiveDate::from_ymd_opt(year, 12, 31)? })
}

/// The year of the latest contact date, else of the latest trajectory date (of every export: each keeps its
/// latest dates when its tables go).
fn latest_year(exports: &[Export]) -> Option<i32> {
    let contact = exports.iter().filter_map(|e| e.latest.contact).max();
    contact.or_else(|| exports.iter().filter_map(|e| e.latest.trajectory).max()).map(|d| d.year())
}
