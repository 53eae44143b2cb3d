//! The audit period and as-of date from the command line, checked.

use chrono::{Datelike, NaiveDate};

use crate::rules::{Context, Period};
use crate::tables::{Export, SheetKind};

/// A usage error, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError {
    pub nl: String,
    pub en: String,
}

fn usage(nl: impl Into<String>, en: impl Into<String>) -> UsageError {
    UsageError { nl: nl.into(), en: en.into() }
}

/// Parses a command-line date, `YYYY-MM-DD`.
pub fn parse_cli_date(s: &str, option: &str) -> Result<NaiveDate, UsageError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        usage(
            format!("{option}: \"{s}\" is geen datum; schrijf JJJJ-MM-DD, bijv. 2026-12-31"),
            format!("{option}: \"{s}\" is not a date; write YYYY-MM-DD, e.g. 2026-12-31"),
        )
    })
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
            return Err(usage(
                "gebruik --period óf --from en --to, niet allebei",
                "use --period or --from and --to, not both",
            ));
        }
        (Some(y), None, None) => {
            let year: i32 = y.trim().parse().ok().filter(|y| (1900..=9999).contains(y)).ok_or_else(|| {
                usage(
                    format!("--period: \"{y}\" is geen jaartal; schrijf bijv. --period 2026"),
                    format!("--period: \"{y}\" is not a year; write e.g. --period 2026"),
                )
            })?;
            calendar_year(year).ok_or_else(|| usage("--period: ongeldig jaar", "--period: invalid year"))?
        }
        (None, Some(f), Some(t)) => Period { start: parse_cli_date(f, "--from")?, end: parse_cli_date(t, "--to")? },
        (None, Some(_), None) | (None, None, Some(_)) => {
            return Err(usage("--from en --to horen bij elkaar", "--from and --to go together"));
        }
        (None, None, None) => {
            let year = latest_year(exports).unwrap_or(2026);
            calendar_year(year).ok_or_else(|| usage("ongeldig jaar in de gegevens", "invalid year in the data"))?
        }
    };
    if p.end < p.start {
        return Err(usage("--to ligt vóór --from", "--to lies before --from"));
    }
    let a = as_of.map(|s| parse_cli_date(s, "--as-of")).transpose()?;
    if a.is_some_and(|a| a < p.start) {
        return Err(usage("--as-of ligt vóór het begin van de periode", "--as-of lies before the start of the period"));
    }
    Ok(Context::new(p, a))
}

fn calendar_year(year: i32) -> Option<Period> {
    Some(Period { start: NaiveDate::from_ymd_opt(year, 1, 1)?, end: NaiveDate::from_ymd_opt(year, 12, 31)? })
}

/// The year of the latest contact date, else of the latest trajectory date.
fn latest_year(exports: &[Export]) -> Option<i32> {
    let latest = |kind: SheetKind, columns: &[&str]| {
        exports
            .iter()
            .filter_map(|e| e.table(kind))
            .flat_map(|t| columns.iter().flat_map(move |c| (0..t.len()).filter_map(move |i| t.value(c, i).as_date())))
            .max()
    };
    latest(SheetKind::Contacten, &["datum"])
        .or_else(|| latest(SheetKind::Gezinnen, &["aanmelding", "start", "einde"]))
        .map(|d| d.year())
}
