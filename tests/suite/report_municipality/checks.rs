//! What no municipality output may hold, checked on the outputs themselves:
//! family ids and rows in any text, small counts in the JSON model and the
//! workbook, and hidden counts a total gives back.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use hs_audit::i18n::Lang;
use hs_audit::report::Catalogue;
use serde_json::Value;

/// Every `G-` followed by four digits: the generator's family ids.
pub fn family_ids(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .filter(|&i| chars[i..].starts_with(&['G', '-']) && chars.len() >= i + 6)
        .filter(|&i| chars[i + 2..i + 6].iter().all(char::is_ascii_digit))
        .map(|i| chars[i..i + 6].iter().collect())
        .collect()
}

/// No family id, no row of the export.
pub fn assert_no_family_trace(name: &str, text: &str) {
    assert!(family_ids(text).is_empty(), "{name} holds family ids {:?}", family_ids(text));
    let lower = text.to_lowercase();
    for word in ["subject_id", "gezin_id", "\"row\"", "evidence"] {
        assert!(!lower.contains(word), "{name} holds `{word}`");
    }
    for word in ["rij ", "row "] {
        for (at, _) in lower.match_indices(word) {
            let next = lower[at + word.len()..].chars().next();
            assert!(!next.is_some_and(|c| c.is_ascii_digit()), "{name} refers to a row: {}", &lower[at..]);
        }
    }
}

/// A count as the JSON shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shown {
    N(u64),
    Small,
    Hidden,
}

pub fn shown(v: &Value, what: &str) -> Shown {
    match v {
        Value::Number(n) => {
            let n = n.as_u64().unwrap_or_else(|| panic!("{what}: {n} is not a whole count"));
            assert!(n == 0 || n >= 5, "{what}: the count {n} is shown");
            Shown::N(n)
        }
        Value::String(s) if s == "<5" => Shown::Small,
        Value::String(s) if s == "x" => Shown::Hidden,
        other => panic!("{what}: {other} is no count"),
    }
}

/// Every count field anywhere in the model is 0, at least 5, `<5` or `x`.
pub fn assert_counts_are_safe(v: &Value, path: &str) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                let here = format!("{path}.{k}");
                let is_count = ["families", "pass", "fail", "not_yet_due", "other", "total"].contains(&k.as_str());
                if is_count && !x.is_object() {
                    shown(x, &here);
                } else {
                    assert_counts_are_safe(x, &here);
                }
            }
        }
        Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, x)| assert_counts_are_safe(x, &format!("{path}[{i}]")))
        }
        _ => {}
    }
}

/// A line of counts and its total: no hidden count can be worked back.
pub fn assert_line_protected(cells: &[Shown], total: Shown, what: &str) {
    let hidden = cells.iter().chain([&total]).filter(|c| !matches!(c, Shown::N(_))).count();
    assert_ne!(hidden, 1, "{what}: one hidden count is the total minus the others: {cells:?} = {total:?}");
    if let Shown::N(t) = total {
        let hidden_cells: Vec<&Shown> = cells.iter().filter(|c| !matches!(c, Shown::N(_))).collect();
        if hidden_cells.is_empty() {
            return;
        }
        let visible: u64 = cells.iter().filter_map(|c| if let Shown::N(n) = c { Some(*n) } else { None }).sum();
        let rest = t - visible;
        let least: u64 = hidden_cells.iter().map(|c| if **c == Shown::Small { 1 } else { 5 }).sum();
        assert_ne!(rest, least, "{what}: the hidden counts are all at their least: {cells:?} = {total:?}");
        if hidden_cells.iter().all(|c| **c == Shown::Small) {
            assert_ne!(rest, 4 * hidden_cells.len() as u64, "{what}: every <5 is 4: {cells:?} = {total:?}");
        }
    }
}

pub fn assert_tables_protected(json: &Value) {
    let families = &json["families"];
    let rows: Vec<Shown> =
        families["rows"].as_array().expect("rows").iter().map(|r| shown(&r["families"], "families")).collect();
    let total = shown(&families["total"]["families"], "families total");
    assert_line_protected(&rows, total, "families per location");
    for table in ["age_groups", "duration"] {
        let rows: Vec<Shown> =
            json[table]["rows"].as_array().expect("rows").iter().map(|r| shown(&r["families"], table)).collect();
        let t = shown(&json[table]["total"], table);
        assert_eq!(t, total, "{table}: the total of families is shown alike everywhere");
        assert_line_protected(&rows, t, table);
    }
    for rule in json["timeliness"].as_array().expect("timeliness") {
        let cells: Vec<Shown> = ["pass", "fail", "not_yet_due", "other"].iter().map(|k| shown(&rule[*k], k)).collect();
        assert_line_protected(&cells, shown(&rule["total"], "total"), &rule["rule_id"].to_string());
    }
}

/// Every cell of every sheet as text; numbers in count columns are 0 or >= 5.
pub fn check_workbook(path: &Path, lang: Lang) -> String {
    let catalogue = Catalogue::embedded();
    let count_headers: Vec<String> =
        ["mun_col_families", "mun_col_measured_families", "mun_col_pass", "mun_col_fail", "mun_col_not_yet_due"]
            .iter()
            .chain(&["mun_col_other", "mun_total"])
            .map(|k| catalogue.get(k, lang))
            .collect();
    let mut wb = open_workbook_auto(path).expect("the workbook opens");
    let mut all = String::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("a sheet");
        let headers: Vec<String> =
            range.rows().next().map(|r| r.iter().map(|c| c.to_string()).collect()).unwrap_or_default();
        for row in range.rows() {
            for (c, cell) in row.iter().enumerate() {
                all.push_str(&cell.to_string());
                all.push('\n');
                let counts = headers.get(c).is_some_and(|h| count_headers.contains(h));
                if let (true, Data::Float(x)) = (counts, cell) {
                    assert!(*x == 0.0 || *x >= 5.0, "{name}: {} shows the count {x}", headers[c]);
                }
                if let (true, Data::Int(x)) = (counts, cell) {
                    assert!(*x == 0 || *x >= 5, "{name}: {} shows the count {x}", headers[c]);
                }
            }
        }
    }
    all
}

#[test]
fn the_checks_catch_what_they_look_for() {
    assert_eq!(family_ids("gezin G-0017 en G-12 en G-00345"), vec!["G-0017", "G-0034"]);
    let leaks = |text: &str| std::panic::catch_unwind(|| assert_no_family_trace("t", text)).is_err();
    assert!(leaks("G-0017"));
    assert!(leaks("zie rij 14"));
    assert!(leaks("{\"row\": 3}"));
    assert!(!leaks("19 gezinnen, 1.319 uur"));
    let derivable =
        |cells: &[Shown], total: Shown| std::panic::catch_unwind(|| assert_line_protected(cells, total, "t")).is_err();
    assert!(derivable(&[Shown::Small, Shown::N(10)], Shown::N(13)));
    assert!(derivable(&[Shown::Small, Shown::Small, Shown::N(10)], Shown::N(12)));
    assert!(derivable(&[Shown::Small, Shown::Hidden], Shown::N(6)));
    assert!(!derivable(&[Shown::Small, Shown::Hidden], Shown::N(9)));
}
