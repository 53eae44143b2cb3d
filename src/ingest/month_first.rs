//! Month-first text dates (`01/08/2026` for 8 January, as US regional settings write them), decided per file as
//! export-format.md *Cell values* says, where a CSV folder counts as one file (its files come from one save: a
//! `locatie.csv` holding only `10/09/2027` is read in the order its sibling files show): a file whose slash dates include one only month-first can read
//! (`09/26/2024`) and none only day-first can read is read month-first, and one finding says so; a file showing
//! both orders has each slash date that reads either way marked ambiguous (its cell becomes an input finding where
//! a date is expected). A date is never read in one order in a file that shows the other.
//!
//! Cost: one pass over the text cells of a file; month-first cells are rewritten in place as `jjjj-mm-dd`.

use chrono::NaiveDate;

use super::raw::{RawCell, RawSheet};

/// What a file's slash dates show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// No slash date reads only month-first: day-first, as the contract says.
    DayFirst,
    /// Read month-first: the cells were rewritten.
    MonthFirst,
    /// Both orders shown: the dates that read either way were marked ambiguous.
    Mixed,
}

/// A slash date's parts: (first, second, year, the rest after the date).
fn slash_parts(text: &str) -> Option<(u32, u32, i32, &str)> {
    // Most cells hold no slash at all: one byte search rules them out.
    if !text.as_bytes().contains(&b'/') {
        return None;
    }
    let t = text.trim();
    let (date, rest) = match t.find(char::is_whitespace) {
        Some(i) => (&t[..i], &t[i..]),
        None => (t, ""),
    };
    let mut parts = date.split('/');
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let digits = |p: &str, lens: &[usize]| lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(a, &[1, 2]) || !digits(b, &[1, 2]) || !digits(c, &[2, 4]) {
        return None;
    }
    let year: i32 = c.parse().ok()?;
    let year = if c.len() == 2 { 2000 + year } else { year };
    Some((a.parse().ok()?, b.parse().ok()?, year, rest))
}

fn valid(y: i32, m: u32, d: u32) -> bool {
    NaiveDate::from_ymd_opt(y, m, d).is_some()
}

/// What the slash dates seen so far show: whether one reads only month-first, whether one reads only day-first.
/// Gathered cell by cell (a reader typing rows as they come keeps no cells), then joined over one save's files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    only_month_first: bool,
    only_day_first: bool,
}

impl Evidence {
    /// Notes what one cell shows.
    pub fn see(&mut self, cell: &RawCell) {
        if let RawCell::Text(t) = cell
            && let Some((a, b, y, _)) = slash_parts(t)
        {
            let (df, mf) = (valid(y, b, a), valid(y, a, b));
            self.only_month_first |= mf && !df;
            self.only_day_first |= df && !mf;
        }
    }

    /// What this and `other` show together.
    pub fn join(self, other: Evidence) -> Evidence {
        Evidence {
            only_month_first: self.only_month_first || other.only_month_first,
            only_day_first: self.only_day_first || other.only_day_first,
        }
    }

    /// The order decided: day-first unless a date reads only month-first.
    pub fn order(self) -> Order {
        match (self.only_month_first, self.only_day_first) {
            (true, false) => Order::MonthFirst,
            (true, true) => Order::Mixed,
            _ => Order::DayFirst,
        }
    }
}

/// Decides the order of the slash dates of the given sheets (one workbook, or every file of one CSV folder: what
/// one save wrote) and rewrites or marks the cells. Returns the order and the files where dates were rewritten.
pub fn settle(sheets: &mut [RawSheet]) -> (Order, Vec<String>) {
    let mut evidence = Evidence::default();
    for cell in sheets.iter().flat_map(|s| s.rows.iter().flat_map(|r| r.cells.iter())) {
        evidence.see(cell);
    }
    settle_as(sheets, evidence)
}

/// As [`settle`], with what the sheets' slash dates show already gathered (as they were read).
pub fn settle_as(sheets: &mut [RawSheet], evidence: Evidence) -> (Order, Vec<String>) {
    let order = evidence.order();
    if order == Order::DayFirst {
        return (order, Vec::new());
    }
    let mut rewritten = Vec::new();
    for sheet in sheets.iter_mut() {
        for cell in sheet.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
            let RawCell::Text(t) = cell else { continue };
            let Some((a, b, y, rest)) = slash_parts(t) else { continue };
            match order {
                Order::MonthFirst if valid(y, a, b) => {
                    *cell = RawCell::Text(format!("{y:04}-{a:02}-{b:02}{rest}").into());
                    if rewritten.last() != Some(&sheet.file) {
                        rewritten.push(sheet.file.clone());
                    }
                }
                Order::Mixed if a != b && valid(y, a, b) && valid(y, b, a) => {
                    *cell = RawCell::Ambiguous(t.as_str().into())
                }
                _ => {}
            }
        }
    }
    rewritten.dedup();
    (order, rewritten)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::raw::RawRow;

    fn sheet(cells: &[&str]) -> Vec<RawSheet> {
        let cells = cells.iter().map(|c| RawCell::Text((*c).into())).collect();
        vec![RawSheet { name: "s".into(), file: "s.csv".into(), rows: vec![RawRow { number: 2, cells }] }]
    }

    fn texts(sheets: &[RawSheet]) -> Vec<String> {
        sheets[0].rows[0].cells.iter().map(|c| format!("{c:?}")).collect()
    }

    #[test]
    fn a_file_showing_month_first_is_read_month_first_whole() {
        let mut s = sheet(&["01/08/2026", "09/26/2024", "1/8/26 0:00", "naam"]);
        assert_eq!(settle(&mut s), (Order::MonthFirst, vec!["s.csv".to_string()]));
        assert_eq!(
            texts(&s),
            [r#"Text("2026-01-08")"#, r#"Text("2024-09-26")"#, r#"Text("2026-01-08 0:00")"#, r#"Text("naam")"#]
        );
    }

    #[test]
    fn day_first_files_are_left_as_they_are() {
        let mut s = sheet(&["01/08/2026", "26/09/2024"]);
        assert_eq!(settle(&mut s).0, Order::DayFirst);
        assert_eq!(texts(&s), [r#"Text("01/08/2026")"#, r#"Text("26/09/2024")"#]);
        let mut only_ambiguous = sheet(&["01/08/2026", "05/05/2026"]);
        assert_eq!(settle(&mut only_ambiguous).0, Order::DayFirst);
    }

    #[test]
    fn a_file_showing_both_orders_marks_every_date_that_reads_either_way() {
        let mut s = sheet(&["01/08/2026", "09/26/2024", "26/09/2024", "05/05/2026"]);
        assert_eq!(settle(&mut s).0, Order::Mixed);
        assert_eq!(
            texts(&s),
            [r#"Ambiguous("01/08/2026")"#, r#"Text("09/26/2024")"#, r#"Text("26/09/2024")"#, r#"Text("05/05/2026")"#]
        );
    }
}
