//! Reading dates the way Dutch exports write them: text dates in the contract's conventions (Excel serial day
//! numbers are read in `excel_serial`).
//!
//! Text dates always put the day before the month: `02/03/2026` is 2 March 2026, never February 3rd, and
//! `03/31/2026` is not a date at all. Only a first part of four digits (`2026-03-02`, `2026/03/02`) is read as
//! year-month-day. A two-digit year always means 20jj. A bare number is never a text date; serial numbers go
//! through [`super::excel_serial::excel_serial_to_date`].

use chrono::NaiveDate;

/// Parses a date written as text in any of the contract's conventions.
///
/// Accepted: `dd-mm-jjjj`, `d-m-jjjj`, `dd-mm-jj` with `-`, `/` or `.` (one kind per date); `jjjj-mm-dd` with
/// `-`, `/` or `.`; and day, month name, year (`3 mrt. 2026`, `3-mrt-2026`, `03 March 2026`, `3-Mar-26`) or
/// month name, day, year (`March 3, 2026`), Dutch or English, full or short, any case, with or without a dot.
/// A time of day after the date (`2026-03-02 00:00:00`, `2026-03-02T00:00`, `02-03-2026 0:00`) is ignored,
/// provided it is a well-formed time. Surrounding white space, non-breaking spaces included, is ignored.
/// Dates that do not exist (`31-02-2026`, `29-02-2025`) give `None`.
pub fn parse_date_text(s: &str) -> Option<NaiveDate> {
    // Nearly every date of an export is `jjjj-mm-dd`: read those digit by
    // digit (the same date the general reading below gives them).
    if let Some(ymd) = iso_digits(s.as_bytes()) {
        return NaiveDate::from_ymd_opt(ymd.0, ymd.1, ymd.2);
    }
    parse_date_general(s)
}

/// Any date text the contract accepts, read step by step.
fn parse_date_general(s: &str) -> Option<NaiveDate> {
    let s = strip_time(s.trim());
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'/' | b'.')) {
        parse_numeric(s)
    } else {
        parse_with_month_name(s)
    }
}

/// (year, month, day) of exactly `dddd-dd-dd`, digits only; `None` for anything else.
fn iso_digits(b: &[u8]) -> Option<(i32, u32, u32)> {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *b else { return None };
    let digits = [y1, y2, y3, y4, m1, m2, d1, d2];
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = |ds: &[u8]| ds.iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
    Some((i32::try_from(n(&digits[..4])).ok()?, n(&digits[4..6]), n(&digits[6..])))
}

/// Drops a trailing time of day (`00:00`, `0:00:00`, `12:30:00.000`) after white space or a `T`.
fn strip_time(s: &str) -> &str {
    match s.rsplit_once(|c: char| c.is_whitespace() || c == 'T') {
        Some((date, time)) if is_time(time) => date.trim_end(),
        _ => s,
    }
}

/// True for `h:mm`, `hh:mm`, `hh:mm:ss` and `hh:mm:ss.fff` with hours 0-23, minutes and seconds 0-59.
fn is_time(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    let (h, m, sec) = match parts[..] {
        [h, m] => (h, m, None),
        [h, m, sec] => (h, m, Some(sec)),
        _ => return false,
    };
    let in_range = |t: &str, len: std::ops::RangeInclusive<usize>, max: u32| {
        len.contains(&t.len()) && all_digits(t) && t.parse::<u32>().is_ok_and(|v| v <= max)
    };
    let sec_ok = match sec {
        None => true,
        Some(sec) => match sec.split_once('.') {
            None => in_range(sec, 2..=2, 59),
            Some((whole, frac)) => in_range(whole, 2..=2, 59) && (1..=9).contains(&frac.len()) && all_digits(frac),
        },
    };
    in_range(h, 1..=2, 23) && in_range(m, 2..=2, 59) && sec_ok
}

/// `dd-mm-jjjj`, `d-m-jj`, `jjjj-mm-dd` and the same with `/` or `.`; all three parts digits, one separator kind.
fn parse_numeric(s: &str) -> Option<NaiveDate> {
    let sep = s.bytes().find(|b| !b.is_ascii_digit())?;
    let parts: Vec<&str> = s.split(char::from(sep)).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    if ![a, b, c].iter().all(|p| !p.is_empty() && all_digits(p)) {
        return None;
    }
    if a.len() == 4 {
        if b.len() > 2 || c.len() > 2 {
            return None;
        }
        return NaiveDate::from_ymd_opt(a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
    }
    if a.len() > 2 || b.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(year(c)?, b.parse().ok()?, a.parse().ok()?)
}

/// `3 mrt. 2026`, `3-mrt-2026`, `03 March 2026`, `3-Mar-26`, `March 3, 2026`.
fn parse_with_month_name(s: &str) -> Option<NaiveDate> {
    let lower = s.to_lowercase();
    let tokens = tokens(&lower)?;
    let [t1, t2, t3] = tokens[..] else {
        return None;
    };
    if let Some(month) = month_number(t2) {
        return from_parts(t1, month, t3);
    }
    let month = month_number(t1)?;
    from_parts(t2.strip_suffix(',').unwrap_or(t2), month, t3)
}

/// Splits on white space and dashes; at most one dash between two words, none at either end.
fn tokens(s: &str) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut dashes = 0;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() || c == '-' {
            if let Some(st) = start.take() {
                out.push(&s[st..i]);
                dashes = 0;
            }
            if c == '-' {
                dashes += 1;
                if dashes > 1 || out.is_empty() {
                    return None;
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out.push(&s[start?..]);
    Some(out)
}

/// A day of one or two digits, a month number and a year of four digits (or two, meaning 20jj).
fn from_parts(day: &str, month: u32, year_text: &str) -> Option<NaiveDate> {
    if !(1..=2).contains(&day.len()) || !all_digits(day) {
        return None;
    }
    NaiveDate::from_ymd_opt(year(year_text)?, month, day.parse().ok()?)
}

/// Four digits as they stand, two digits as 20jj; anything else is no year.
fn year(s: &str) -> Option<i32> {
    if !all_digits(s) {
        return None;
    }
    match s.len() {
        4 => s.parse().ok(),
        2 => s.parse::<i32>().ok().map(|y| 2000 + y),
        _ => None,
    }
}

/// Month number for a lower-case Dutch or English month name or abbreviation, with or without a trailing dot.
fn month_number(word: &str) -> Option<u32> {
    let word = word.strip_suffix('.').unwrap_or(word);
    let month = match word {
        "januari" | "january" | "jan" => 1,
        "februari" | "february" | "feb" | "febr" => 2,
        "maart" | "march" | "mrt" | "mar" => 3,
        "april" | "apr" => 4,
        "mei" | "may" => 5,
        "juni" | "june" | "jun" => 6,
        "juli" | "july" | "jul" => 7,
        "augustus" | "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "oktober" | "october" | "okt" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(month)
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Days};
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Dutch month names, January first.
    fn dutch(month0: usize) -> &'static str {
        let names = "januari februari maart april mei juni juli augustus september oktober november december";
        names.split(' ').nth(month0).unwrap()
    }

    const SHORT_NL: [&str; 12] = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

    #[test]
    fn numeric_day_first_forms() {
        for s in ["02-03-2026", "2-3-2026", "02-03-26", "02/03/2026", "02.03.2026", "2/3/26", "2.3.2026"] {
            assert_eq!(parse_date_text(s), Some(d(2026, 3, 2)), "{s}");
        }
    }

    #[test]
    fn iso_forms_and_time_parts() {
        for s in [
            "2026-03-02",
            "2026/03/02",
            "2026-3-2",
            "2026-03-02 00:00:00",
            "2026-03-02T00:00:00",
            "2026-03-02T13:45",
            "2026-03-02 00:00:00.000",
            "02-03-2026 00:00",
            "02-03-2026  9:30",
            "3 mrt. 2026 0:00",
        ] {
            let want = if s.starts_with('3') { d(2026, 3, 3) } else { d(2026, 3, 2) };
            assert_eq!(parse_date_text(s), Some(want), "{s}");
        }
        for s in ["2026-03-02 25:00", "2026-03-02 12:60", "2026-03-02T", "2026-03-02 00:00:00+01:00", "2026-03-02 x"] {
            assert_eq!(parse_date_text(s), None, "{s}");
        }
    }

    #[test]
    fn month_names_dutch_and_english() {
        for (m, short_nl) in SHORT_NL.into_iter().enumerate() {
            let want = d(2026, m as u32 + 1, 3);
            let (english, short_en) = (want.format("%B").to_string(), want.format("%b").to_string());
            for name in [dutch(m), &english, short_nl, &short_en] {
                for s in [
                    format!("3 {name} 2026"),
                    format!("3 {name}. 2026"),
                    format!("03-{name}-2026"),
                    format!("3 {} 2026", name.to_uppercase()),
                    format!("{name} 3, 2026"),
                    format!("{name} 3 2026"),
                ] {
                    assert_eq!(parse_date_text(&s), Some(want), "{s}");
                }
            }
        }
        assert_eq!(parse_date_text("3 mrt. 2026"), Some(d(2026, 3, 3)));
        assert_eq!(parse_date_text("3 maart 2026"), Some(d(2026, 3, 3)));
        assert_eq!(parse_date_text("3 March 2026"), Some(d(2026, 3, 3)));
        assert_eq!(parse_date_text("3-Mar-26"), Some(d(2026, 3, 3)));
        assert_eq!(parse_date_text("15 sept. 2026"), Some(d(2026, 9, 15)));
        assert_eq!(parse_date_text("1 febr. 2026"), Some(d(2026, 2, 1)));
    }

    #[test]
    fn invalid_calendar_dates_are_none() {
        assert_eq!(parse_date_text("29-02-2024"), Some(d(2024, 2, 29)));
        for s in ["29-02-2025", "31-02-2026", "31-04-2026", "00-03-2026", "02-13-2026", "32 mrt 2026", "2026-02-30"] {
            assert_eq!(parse_date_text(s), None, "{s}");
        }
    }

    #[test]
    fn day_always_comes_first() {
        assert_eq!(parse_date_text("03/04/2026"), Some(d(2026, 4, 3)));
        assert_eq!(parse_date_text("03/31/2026"), None);
    }

    #[test]
    fn rejects_non_dates() {
        for s in [
            "",
            "   ",
            "\u{a0}",
            "46082",
            "2026",
            "02-03",
            "02-03/2026",
            "002-03-2026",
            "02-03-202",
            "02-03-20260",
            "02--03-2026",
            "-02-03-2026",
            "02-03-2026.",
            "2026-003-02",
            "+2-03-2026",
            "3 foo 2026",
            "mrt 2026",
            "3 mrt",
            "3 mrt 2026 extra",
            "3--mrt-2026",
            "3 mrt 2026-",
            "3 mrt. 202",
            "٣-٠٣-٢٠٢٦",
            "0x1-03-2026",
        ] {
            assert_eq!(parse_date_text(s), None, "{s:?}");
        }
    }

    #[test]
    fn trims_white_space_including_non_breaking() {
        assert_eq!(parse_date_text("\u{a0} 02-03-2026\t\u{a0}"), Some(d(2026, 3, 2)));
        assert_eq!(parse_date_text("3\u{a0}mrt.\u{a0}2026"), Some(d(2026, 3, 3)));
    }

    proptest! {
        #[test]
        fn an_iso_date_read_digit_by_digit_is_the_date_read_step_by_step(
            s in "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9 ]{4}[-/.][0-9a ]{2}-[0-9]{2}|.{10}"
        ) {
            prop_assert_eq!(parse_date_text(&s), parse_date_general(&s), "{}", s);
        }

        #[test]
        fn text_never_panics(s in any::<String>()) {
            let _ = parse_date_text(&s);
        }

        #[test]
        fn date_like_text_never_panics(s in "[0-9mrtajnoeéTä .,/:\\-\u{a0}]{0,24}") {
            let _ = parse_date_text(&s);
        }

        #[test]
        fn round_trips_1950_to_2100(offset in 0u64..54_787) {
            let date = d(1950, 1, 1).checked_add_days(Days::new(offset)).unwrap();
            let dutch = dutch(date.month0() as usize);
            for s in [
                date.format("%d-%m-%Y").to_string(),
                date.format("%Y-%m-%d").to_string(),
                format!("{} {dutch} {}", date.day(), date.year()),
            ] {
                prop_assert_eq!(parse_date_text(&s), Some(date), "{}", s);
            }
        }
    }
}
