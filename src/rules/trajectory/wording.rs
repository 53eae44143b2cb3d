//! Dates and numbers in messages, as people write them in Dutch and English,
//! and the wording of a `not_evaluated` message.

use chrono::{Datelike, NaiveDate};

use crate::results::Text;

const NL_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as a Dutch reader writes it: `2 maart 2026`.
pub fn nl_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), NL_MONTHS[d.month0() as usize], d.year())
}

/// A date for an English reader: `2 March 2026`.
pub fn en_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), EN_MONTHS[d.month0() as usize], d.year())
}

/// A date as `31-12-2026` (the messages of HS-G05..HS-G09 still use it).
pub fn nl_numeric(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// A date as `2026-12-31` (the messages of HS-G05..HS-G09 still use it).
pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A number as Dutch readers write it: a decimal comma.
pub fn nl_num(x: impl std::fmt::Display) -> String {
    x.to_string().replace('.', ",")
}

/// The message of a `not_evaluated` result, with the reason.
pub fn not_evaluated(reason: &Text) -> Text {
    Text::new(format!("Niet te beoordelen: {}", reason.nl), format!("Cannot be judged: {}", reason.en))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::d;

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(nl_date(d("2026-03-02")), "2 maart 2026");
        assert_eq!(en_date(d("2026-12-31")), "31 December 2026");
    }
}
