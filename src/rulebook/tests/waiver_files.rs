//! Waiver files: both date forms, optional subject, and every problem with
//! its line and column.

use chrono::NaiveDate;

use super::{SPECS, repo_file};
use crate::rulebook::{Waiver, load_waivers, load_waivers_text};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("test date"))
}

fn problems(text: &str) -> Vec<(usize, usize, String)> {
    match load_waivers_text("w.toml", text, SPECS) {
        Ok(_) => Vec::new(),
        Err(d) => d.into_iter().map(|d| (d.line, d.column, d.message.en)).collect(),
    }
}

const ONE: &str = "rule = \"HS-L07\"\nlocation = \"L111\"\nreason = \"r\"\napproved_by = \"a\"\n";

#[test]
fn the_example_file_reads_both_date_forms() {
    let waivers =
        load_waivers(&repo_file("rules/examples/waivers-voorbeeld.toml"), SPECS).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(
        waivers,
        vec![
            Waiver {
                rule: "HS-L07".into(),
                location: "L111".into(),
                subject: None,
                reason: "Verlenging van de licentie aangevraagd op 2026-10-01".into(),
                approved_by: "Landelijk steunpunt".into(),
                expires: date(2027, 3, 31),
                line: 9,
            },
            Waiver {
                rule: "HS-G02".into(),
                location: "L111".into(),
                subject: Some("G-0017".into()),
                reason: "Verlengd in overleg met het wijkteam, tot de overdracht naar de jeugdhulp".into(),
                approved_by: "Coördinator en wijkteam Sneek".into(),
                expires: date(2026, 12, 31),
                line: 16,
            },
        ]
    );
}

#[test]
fn an_empty_file_has_no_waivers() {
    assert_eq!(load_waivers_text("w.toml", "# nothing yet\n", SPECS), Ok(Vec::new()));
}

#[test]
fn unknown_keys_are_rejected_with_their_place() {
    let text = format!("[[waiver]]\n{ONE}expires = 2027-03-31\napprover = \"x\"\n");
    assert_eq!(problems(&text).len(), 1);
    let (l, c, m) = problems(&text).remove(0);
    assert_eq!((l, c), (7, 1));
    assert_eq!(m, "unknown key `approver` in a waiver; allowed: rule, location, subject, reason, approved_by, expires");
    let (l, c, m) = problems("waivers = []\n").remove(0);
    assert_eq!((l, c), (1, 1));
    assert!(m.starts_with("unknown key `waivers` in a waiver file"), "{m}");
}

#[test]
fn unknown_rule_ids_and_bad_dates() {
    let text = format!("[[waiver]]\n{}expires = \"2027-3-31\"\n", ONE.replace("HS-L07", "HS-L70"));
    let all = problems(&text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!((all[0].0, all[0].1), (2, 8));
    assert_eq!(all[0].2, "unknown rule id `HS-L70` (did you mean HS-L07?)");
    assert_eq!((all[1].0, all[1].1), (6, 11));
    assert!(all[1].2.starts_with("`expires` = \"2027-3-31\" is not a date"), "{}", all[1].2);
    for bad in ["2027-02-30", "\"2027-02-30\"", "2027-03-31T10:00:00", "20270331", "true"] {
        let text = format!("[[waiver]]\n{ONE}expires = {bad}\n");
        let all = problems(&text);
        assert_eq!(all.len(), 1, "{bad}: {all:#?}");
    }
}

#[test]
fn missing_keys_are_reported_at_the_waiver() {
    let text = "# x\n[[waiver]]\nrule = \"HS-G04\"\nlocation = \"L112\"\nexpires = 2027-01-31\n";
    let all = problems(text);
    let msgs: Vec<&str> = all.iter().map(|p| p.2.as_str()).collect();
    assert_eq!(msgs, ["`approved_by` is missing from this waiver", "`reason` is missing from this waiver"]);
    assert!(all.iter().all(|p| (p.0, p.1) == (2, 1)));
    let all = problems(&format!("[[waiver]]\n{}expires = 2027-01-31\n", ONE.replace("\"r\"", "\"  \"")));
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].2, "`reason` is empty");
}

#[test]
fn waiver_must_be_an_array_of_tables() {
    let all = problems("[waiver]\nrule = \"HS-L07\"\n");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(all[0].2.contains("write each waiver as [[waiver]]"));
}

#[test]
fn the_broken_fixture_reports_every_problem() {
    let diags = load_waivers(&repo_file("fixtures/rulebooks/broken-waivers.toml"), SPECS).err().unwrap_or_default();
    let places: Vec<(usize, usize)> = diags.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(places, vec![(9, 1), (12, 8), (16, 11), (18, 1), (18, 1)], "{diags:#?}");
}
