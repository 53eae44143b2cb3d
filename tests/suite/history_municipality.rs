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
        let trends_html = &html[html.find("id=\"trends\"").unwrap_or(0)..];
        assert!(trends_html.matches("<svg").count() >= 10, "the trends are charted too");
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
            Some((field @ ("families" | "hours" | "hours_per_family"), id)) => {
                find("/families/rows", "location_id", id, field)
            }
            Some(("age", id)) => find("/age_groups/rows", "key", id, "families"),
            Some(("age_share", id)) => find("/age_groups/rows", "key", id, "share"),
            Some(("duration", id)) => find("/duration/rows", "key", id, "families"),
            Some(("duration_share", id)) => find("/duration/rows", "key", id, "share"),
            Some((field @ ("on_time" | "pass" | "fail" | "not_yet_due" | "other" | "total"), id)) => {
                find("/timeliness", "rule_id", id, field)
            }
            Some(("outcome_families", id)) => find("/outcomes", "domain", id, "families"),
            Some(("mean_change", id)) => find("/outcomes", "domain", id, "mean_change"),
            _ => panic!("unknown row {k}"),
        },
    }
}

/// The lines of a period's figures in the trends (keys of the parts, key of
/// their total): each table's counts with their total.
fn lines(keys: &[&str]) -> Vec<(Vec<String>, String)> {
    let with = |prefix: &str| -> Vec<String> {
        keys.iter().filter(|k| k.starts_with(prefix)).map(|k| k.to_string()).collect()
    };
    let mut lines = vec![(with("age:"), "families".to_string()), (with("duration:"), "families".to_string())];
    for rule in keys.iter().filter_map(|k| k.strip_prefix("total:")) {
        let parts = ["pass", "fail", "not_yet_due", "other"].iter().map(|f| format!("{f}:{rule}")).collect();
        lines.push((parts, format!("total:{rule}")));
    }
    lines
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
    // Every figure the report shows over families is there, per section.
    let keys: Vec<&str> = trends["rows"].as_array().expect("rows").iter().filter_map(|r| r["key"].as_str()).collect();
    for prefix in ["families:", "hours:", "age:", "age_share:", "duration_share:", "pass:", "total:", "on_time:"] {
        assert!(keys.iter().any(|k| k.starts_with(prefix)), "no {prefix} row in {keys:?}");
    }
    let sections: Vec<&str> =
        trends["sections"].as_array().expect("sections").iter().filter_map(|s| s["key"].as_str()).collect();
    assert_eq!(&sections[..4], ["families", "age", "duration", "timeliness"]);
    // Within each period, no line of the trends (a table's counts and their
    // total) has exactly one hidden member with the others shown: nothing
    // hidden can be worked out from the figures of the same period, and no
    // line mixes periods (the periods are disjoint, checked below).
    let value = |key: &str, i: usize| {
        let row = trends["rows"].as_array().and_then(|rows| rows.iter().find(|r| r["key"] == key)).cloned();
        row.map_or(Value::Null, |r| r["values"][i].clone())
    };
    for i in 0..periods.len() {
        for (parts, total) in lines(&keys) {
            // A row the period's output does not have (`null`) is no member of its line.
            let members: Vec<Value> =
                parts.iter().map(|k| value(k, i)).chain([value(&total, i)]).filter(|v| !v.is_null()).collect();
            let hidden = members.iter().filter(|v| !v.is_number()).count();
            assert_ne!(hidden, 1, "one hidden member of {parts:?} / {total} in period {i}: {members:?}");
        }
    }
    for (a, b) in periods.iter().zip(periods.iter().skip(1)) {
        assert!(a["end"].as_str() < b["start"].as_str(), "periods overlap: {a} {b}");
    }
    // No difference between periods is published: a row holds its figure per period and nothing else.
    for row in trends["rows"].as_array().expect("rows") {
        let fields: Vec<&String> = row.as_object().expect("a row").keys().collect();
        assert_eq!(fields, ["key", "kind", "label", "section", "values"], "{row}");
    }

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

#[test]
fn an_earlier_output_shown_less_strictly_is_left_out() {
    let dir = tempfile::tempdir().expect("a folder");
    let d = dir.path();
    let run = hs_audit_in(d, &["generate", "--locations", "6", "--seed", "3", "--history", "2", "--out", "."], LIMIT);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let cbs = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/examples/profiel-cbs.toml");
    let cbs = cbs.to_string_lossy().to_string();
    let audit = |year: &str, out: &str, rules: Option<&str>, previous: Option<&str>| {
        let mut args = vec!["check", year, "--period", year, "--audience", "municipality", "--municipality", "Zwolle"];
        args.extend(["--out", out, "--lang", "en", "--format", "json,md"]);
        args.extend(rules.map(|r| ["--rules", r]).into_iter().flatten());
        args.extend(previous.map(|p| ["--previous", p]).into_iter().flatten());
        let run = hs_audit_in(d, &args, LIMIT);
        assert!(matches!(run.code, Some(0 | 1)), "{year}: {}", run.stderr);
        json(&d.join(out).join("results.json"))
    };
    // 2025 unrounded, 2026 rounded to 5 (CBS): the 2025 figures are finer than this report allows.
    audit("2025", "plain2025", None, None);
    let strict = audit("2026", "cbs2026", Some(&cbs), Some("plain2025/results.json"));
    let periods = strict["trends"]["periods"].as_array().expect("periods");
    assert_eq!(periods.len(), 1, "only this run's period: {periods:?}");
    assert_eq!(strict["trends"]["left_out_policy"], serde_json::json!(["plain2025/results.json"]));
    let md = std::fs::read_to_string(d.join("cbs2026/report-zwolle.md")).expect("report");
    assert!(md.contains("less strictly") && md.contains("plain2025/results.json"), "the report says why");
    // The other way round: 2025 rounded to 5 stands next to 2026 unrounded.
    audit("2025", "cbs2025", Some(&cbs), None);
    let plain = audit("2026", "plain2026", None, Some("cbs2025/results.json"));
    let labels: Vec<&str> =
        plain["trends"]["periods"].as_array().expect("periods").iter().filter_map(|p| p["label"].as_str()).collect();
    assert_eq!(labels, ["2025", "2026"]);
    assert_eq!(plain["trends"]["left_out_policy"], serde_json::json!([]));
}
