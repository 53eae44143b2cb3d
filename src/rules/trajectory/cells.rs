//! Reading what a trajectory rule needs, or the reason it cannot be read: a
//! filled cell, the contacts up to the as-of date, the contacts that could
//! not be read; and date arithmetic that names its failure.
//!
//! Every `Err` here is a reason for `not_evaluated`.

use chrono::NaiveDate;

use super::wording::nouns::CONTACTS;
use super::wording::{count, day, join, plain, say};
use crate::results::Text;
use crate::rules::context::Context;
use crate::rules::dates::{add_days, add_months};
use crate::rules::model::{Cell, ContactKind, Trajectory};

/// A cell's value; `Err` naming the column when it is empty, or the cell's
/// reason when it cannot be read.
pub fn filled<T: Clone>(cell: &Cell<T>, column: &str) -> Result<T, Text> {
    cell.known()?.ok_or_else(|| say("hs_cell_empty", &[("column", &plain(column))]))
}

/// Dates of this trajectory's readable contacts of the given kinds, dated on
/// or before A (later ones have not happened yet), sorted. `Err` when the
/// contacts sheet is missing.
pub fn contact_dates(t: &Trajectory, kinds: &[ContactKind], ctx: &Context) -> Result<Vec<NaiveDate>, Text> {
    let contacts = t.contacts.as_ref().map_err(Clone::clone)?;
    let mut dates: Vec<NaiveDate> =
        contacts.iter().filter(|c| kinds.contains(&c.kind) && c.date <= ctx.as_of).map(|c| c.date).collect();
    dates.sort();
    Ok(dates)
}

/// The reason for `not_evaluated` when the trajectory has contacts that could
/// not be read (one of them might be the contact the rule looks for).
pub fn unreadable_contacts(t: &Trajectory) -> Option<Text> {
    if t.unreadable_contacts.is_empty() {
        return None;
    }
    let n = t.unreadable_contacts.len();
    let what = count(n, CONTACTS);
    let key = if n == 1 { "hs_unreadable_contacts_one" } else { "hs_unreadable_contacts_many" };
    Some(say(key, &[("what", &what), ("reasons", &join(&t.unreadable_contacts, "; "))]))
}

/// `d` plus `n` days (negative to go back), or the reason it cannot be computed.
pub fn plus_days(d: NaiveDate, n: i64) -> Result<NaiveDate, Text> {
    add_days(d, n).ok_or_else(|| out_of_range(d, n, "hs_out_of_calendar_days"))
}

/// add_months(`d`, `n`), or the reason it cannot be computed.
pub fn plus_months(d: NaiveDate, n: i64) -> Result<NaiveDate, Text> {
    i32::try_from(n).ok().and_then(|n| add_months(d, n)).ok_or_else(|| out_of_range(d, n, "hs_out_of_calendar_months"))
}

fn out_of_range(d: NaiveDate, n: i64, key: &str) -> Text {
    say(key, &[("date", &day(d)), ("n", &plain(n))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn filled_names_the_empty_column() {
        let e = filled(&Cell::<NaiveDate>::Empty, "aanmelding").err().map(|t| t.en);
        assert_eq!(e.as_deref(), Some("`aanmelding` is empty"));
        assert_eq!(filled(&date("2026-01-05"), "aanmelding"), Ok(d("2026-01-05")));
        assert!(filled(&unreadable::<NaiveDate>(), "aanmelding").is_err());
    }

    #[test]
    fn contact_dates_are_of_the_kinds_asked_up_to_a_and_sorted() {
        let mut t = trajectory("G1");
        t.contacts = Ok(vec![
            contact(ContactKind::FirstCheck, "2026-05-01"),
            contact(ContactKind::FollowUp, "2026-02-01"),
            contact(ContactKind::FirstCheck, "2026-03-01"),
            contact(ContactKind::FirstCheck, "2026-07-01"),
        ]);
        let dates = contact_dates(&t, &[ContactKind::FirstCheck], &ctx_2026(Some("2026-06-30")));
        assert_eq!(dates, Ok(vec![d("2026-03-01"), d("2026-05-01")]));
        t.contacts = Err(Text::new("geen contacten", "no contacts sheet"));
        assert!(contact_dates(&t, &[ContactKind::FirstCheck], &ctx_2026(None)).is_err());
    }

    #[test]
    fn unreadable_contacts_are_named() {
        let mut t = trajectory("G1");
        assert_eq!(unreadable_contacts(&t), None);
        t.unreadable_contacts = vec![Text::new("rij 5", "row 5"), Text::new("rij 9", "row 9")];
        let reason = unreadable_contacts(&t).map(|r| r.en);
        assert_eq!(reason.as_deref(), Some("2 contacts of this family could not be read: row 5; row 9"));
        t.unreadable_contacts.pop();
        let reason = unreadable_contacts(&t).map(|r| r.nl);
        assert_eq!(reason.as_deref(), Some("1 contact van dit gezin kon niet gelezen worden: rij 5"));
    }

    #[test]
    fn arithmetic_beyond_the_calendar_names_the_date() {
        assert_eq!(plus_days(d("2026-03-02"), -1), Ok(d("2026-03-01")));
        assert_eq!(plus_months(d("2026-01-31"), 1), Ok(d("2026-02-28")));
        let e = plus_months(d("2026-03-02"), i64::MAX).err().map(|t| t.en);
        assert!(e.is_some_and(|e| e.starts_with("2 March 2026 plus")), "out of range names the date");
        assert!(plus_days(d("2026-03-02"), 1_000_000_000).is_err());
    }
}
