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
            return Err(usage(
                "--period en --from/--to gaan niet samen; gebruik --period 2026 óf --from 2026-01-01 --to 2026-12-31",
                "--period and --from/--to do not go together; use --period 2026 or --from 2026-01-01 --to 2026-12-31",
            ));
        }
        (Some(y), None, None) => {
            let year: i32 = y.trim().parse().ok().filter(|y| (1900..=9999).contains(y)).ok_or_else(|| {
                usage(
                    format!("--period: \"{y}\" is geen jaartal; schrijf bijv. --period 2026"),
                    format!("--period: \"{y}\" is not a year; write e.g. --period 2026"),
                )
            })?;
            calendar_year(year).ok_or_else(|| {
                usage(
                    format!("--period: {year} kan niet; schrijf bijv. --period 2026"),
                    format!("--period: {year} cannot be used; write e.g. --period 2026"),
                )
            })?
        }
        (None, Some(f), Some(t)) => Period { start: parse_cli_date(f, "--from")?, end: parse_cli_date(t, "--to")? },
        (None, Some(f), None) => {
            return Err(usage(
                format!("--from zonder --to; geef ook het einde van de periode, bijv. --from {f} --to 2026-12-31"),
                format!("--from without --to; give the end of the period too, e.g. --from {f} --to 2026-12-31"),
            ));
        }
        (None, None, Some(t)) => {
            return Err(usage(
                format!("--to zonder --from; geef ook het begin van de periode, bijv. --from 2026-01-01 --to {t}"),
                format!("--to without --from; give the start of the period too, e.g. --from 2026-01-01 --to {t}"),
            ));
        }
        (None, None, None) => {
            let year = latest_year(exports).unwrap_or(2026);
            calendar_year(year).ok_or_else(|| {
                usage(
                    format!("de exports lopen tot het jaar {year}, dat kan niet; geef de periode zelf, bijv. --period 2026"),
                    format!("the exports run to the year {year}, which cannot be; give the period yourself, e.g. --period 2026"),
                )
            })?
        }
    };
    if p.end < p.start {
        return Err(usage(
            format!("--to {} ligt vóór --from {}; verwissel de twee datums", p.end, p.start),
            format!("--to {} lies before --from {}; swap the two dates", p.end, p.start),
        ));
    }
    let a = as_of.map(|s| parse_cli_date(s, "--as-of")).transpose()?;
    if let Some(a) = a.filter(|a| *a < p.start) {
        return Err(usage(
            format!(
                "--as-of {a} ligt vóór het begin van de periode ({}); kies een peildatum in of na de periode, bijv. --as-of {}",
                p.start, p.end
            ),
            format!(
                "--as-of {a} lies before the start of the period ({}); choose a date in or after the period, e.g. --as-of {}",
                p.start, p.end
            ),
        ));
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
