//! Examples of how values may be written, shown on the export page. Each
//! example is checked against the parser that reads it (see the tests), so
//! the page cannot promise what the readers do not do.

/// Dates written as text, and the date each is read as (year, month, day).
pub(super) const DATES: &[(&str, (i32, u32, u32))] = &[
    ("3-3-2026", (2026, 3, 3)),
    ("03-03-2026", (2026, 3, 3)),
    ("03-03-26", (2026, 3, 3)),
    ("2026-03-03", (2026, 3, 3)),
    ("03/03/2026", (2026, 3, 3)),
    ("03.03.2026", (2026, 3, 3)),
    ("3 mrt. 2026", (2026, 3, 3)),
    ("3 maart 2026", (2026, 3, 3)),
    ("3 March 2026", (2026, 3, 3)),
    ("03/04/2026", (2026, 4, 3)),
];

/// Numbers written as text, and the value each is read as.
pub(super) const NUMBERS: &[(&str, f64)] = &[
    ("0,55", 0.55),
    ("0.55", 0.55),
    ("56.500,00", 56500.0),
    ("56,500.00", 56500.0),
    ("€ 56.500", 56500.0),
    ("1.500", 1500.0),
    ("1,5", 1.5),
    ("56,500", 56.5),
];

/// Words read as yes.
pub(super) const YES: &[&str] = &["ja", "j", "yes", "y", "true", "waar", "1", "x"];

/// Words read as no (an empty cell is no as well).
pub(super) const NO: &[&str] = &["nee", "n", "no", "false", "onwaar", "0"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::parse_bool::parse_bool_text;
    use crate::tables::parse_date::parse_date_text;
    use crate::tables::parse_number::parse_number_text;
    use chrono::NaiveDate;

    #[test]
    fn dates_read_as_shown() {
        for (text, (y, m, d)) in DATES {
            assert_eq!(parse_date_text(text), NaiveDate::from_ymd_opt(*y, *m, *d), "{text}");
        }
    }

    #[test]
    fn numbers_read_as_shown() {
        for (text, value) in NUMBERS {
            assert_eq!(parse_number_text(text), Some(*value), "{text}");
        }
    }

    #[test]
    fn yes_and_no_words_read_as_shown() {
        for w in YES {
            assert_eq!(parse_bool_text(w), Some(true), "{w}");
            assert_eq!(parse_bool_text(&w.to_uppercase()), Some(true), "{w}");
        }
        for w in NO {
            assert_eq!(parse_bool_text(w), Some(false), "{w}");
        }
        assert_eq!(parse_bool_text(""), Some(false));
    }
}
