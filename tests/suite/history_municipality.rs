//! A municipality over three generated years (`check --audience municipality
//! --previous`): its figures per period in both languages (golden files), and
//! privacy across periods: every figure is the one its own period's output
//! showed, and an output of an overlapping period is left out.

use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use crate::support::hs_audit_in;

const LIMIT: Duration = Duration::from_secs(120);

/// Runs the municipality audit of `year` in `lang` into `out` with `previous`.
fn check(d: &Path, year: &str, lang: &str, out: &str, previous: &[String]) {
    let mut args = vec!["check", year, "--period", year, "--audience", "municipality", "--municipality", "Zwolle"];
    args.extend(["--out", out, "--lang", lang, "--format", "md,html,json,xlsx"]);
    for p in previous {
        args.extend(["--previous", p.as_str()]);
    }
    let run = hs_audit_in(d, &args, LIMIT);
    assert!(matches!(run.code, Some(0 | 1)), "{year}: {}", run.stderr);
}

/// Generates 2024-2026 for 6 locations (seed 3) and audits Zwolle each year
/// in `lang`, each with the earlier years' outputs.
fn three_years(d: &Path, lang: &str) {
    let run = hs_audit_in(d, &["generate", "--locations", "6", "--seed", "3", "--history", "3", "--out", "."], LIMIT);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let prev = |years: &[&str]| years.iter().map(|y| format!("m{lang}{y}/results.json")).collect::<Vec<_>>();
    check(d, "2024", lang, &format!("m{lang}2024"), &[]);
    check(d, "2025", lang, &format!("m{lang}2025"), &prev(&["2024"]));
    check(d, "2026", lang, &format!("m{lang}2026"), &prev(&["2025", "2024"]));
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON")
}

/// The section of a Markdown report from the heading `start` to the next `## `.
fn section(md: &str, start: &str) -> String {
    let from = md.find(start).unwrap_or_else(|| panic!("no {start} in the report"));
    let rest = &md[from..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 4);
    rest[..end].to_string()
}

#[test]
fn a_municipality_sees_its_three_years_in_both_languages() {
    for (lang, heading, sheet) in
        [("nl", "## Door de jaren heen", "Per periode"), ("en", "## Over the years", "Per period")]
    {
        let dir = tempfile::tempdir().expect("a folder");
        let d = dir.path();
        three_years(d, lang);
        let out = d.join(format!("m{lang}2026"));
        let md = std::fs::read_to_string(out.join("report-zwolle.md")).expect("the report");
        insta::assert_snapshot!(format!("municipality_trends_{lang}"), section(&md, heading));
        let html = std::fs::read_to_string(out.join("report-zwolle.html")).expect("HTML");
        assert!(html.contains("<section class=\"block\" id=\"trends\">"), "the HTML has the trends");
        let trends = &json(&out.join("results.json"))["trends"];
        insta::assert_json_snapshot!(format!("municipality_trends_json_{lang}"), trends);
        let book: calamine::Xlsx<_> = calamine::open_workbook(out.join("report-zwolle.xlsx")).expect("workbook");
        assert!(calamine::Reader::sheet_names(&book).iter().any(|n| n == sheet), "the workbook has {sheet}");
        // Without --previous there is no such section.
        let first = json(&d.join(format!("m{lang}2024/results.json")));
        assert!(first.get("trends").is_none());
    }
}

/// Where each trend row's value sits in a period's own output.
fn own_value(output: &Value, key: &str) -> Value {
    let total = &output["families"]["total"];
    let find = |list: &str, id_key: &str, id: &str, field: &str| {
        let rows = output.pointer(list).and_then(Value::as_array).cloned().unwrap_or_default();
        rows.iter().find(|r| r[id_key] == id).map_or(Value::Null, |r| r[field].clone())
    };
    match key {
        "families" => total["families"].clone(),
        "hours" => total["hours"].clone(),
        "hours_per_family" => total["hours_per_family"].clone(),
        k => match k.split_once(':') {
            Some(("families", id)) => find("/families/rows", "location_id", id, "families"),
            Some(("on_time", id)) => find("/timeliness", "rule_id", id, "on_time"),
            _ => panic!("unknown row {k}"),
        },
    }
}

#[test]
fn no_hidden_figure_becomes_derivable_across_periods() {
    let dir = tempfile::tempdir().expect("a folder");
    let d = dir.path();
    three_years(d, "en");
    let outputs: Vec<Value> =
        ["2024", "2025", "2026"].iter().map(|y| json(&d.join(format!("men{y}/results.json")))).collect();
    let trends = &outputs[2]["trends"];
    let periods = trends["periods"].as_array().expect("periods");
    assert_eq!(periods.len(), 3);
    // Every figure of every period is exactly what that period's own output
    // showed: a marker stays a marker, nothing is recomputed or un-hidden.
    for row in trends["rows"].as_array().expect("rows") {
        let key = row["key"].as_str().expect("key");
        for (i, v) in row["values"].as_array().expect("values").iter().enumerate() {
            assert_eq!(v, &own_value(&outputs[i], key), "{key} in {}", periods[i]["label"]);
        }
    }
    // No difference between periods is published.
    let text = trends.to_string();
    assert!(!text.contains("change") && !text.contains("delta"), "{text}");

    // An earlier output of an overlapping period (a rerun of 2026 with another
    // as-of date) would give two suppressed views of the same families: it is
    // left out, named, and none of its figures is shown.
    let mut args = vec!["check", "2026", "--period", "2026", "--as-of", "2026-06-30"];
    args.extend(["--audience", "municipality", "--municipality", "Zwolle", "--out", "rerun", "--format", "json"]);
    let run = hs_audit_in(d, &args, LIMIT);
    assert!(matches!(run.code, Some(0 | 1)), "{}", run.stderr);
    check(d, "2026", "en", "both", &["men2025/results.json".to_string(), "rerun/results.json".to_string()]);
    let both = json(&d.join("both/results.json"));
    let labels: Vec<&str> =
        both["trends"]["periods"].as_array().expect("periods").iter().filter_map(|p| p["label"].as_str()).collect();
    assert_eq!(labels, ["2025", "2026"]);
    assert_eq!(both["trends"]["left_out"], serde_json::json!(["rerun/results.json"]));
    let md = std::fs::read_to_string(d.join("both/report-zwolle.md")).expect("report");
    assert!(md.contains("rerun/results.json"), "the report says what it left out");

    // Another municipality's output, or the full record, is refused (exit 2).
    let run = hs_audit_in(
        d,
        &[
            "check",
            "2026",
            "--period",
            "2026",
            "--audience",
            "municipality",
            "--municipality",
            "Deventer",
            "--out",
            "x",
        ]
        .into_iter()
        .chain(["--previous", "men2025/results.json", "--lang", "en"])
        .collect::<Vec<_>>(),
        LIMIT,
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("not of Deventer"), "{}", run.stderr);
}
