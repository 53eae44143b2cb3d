//! The municipality report end to end on a generated national folder: no
//! family id, row or small count in any output (HTML, Markdown, JSON, XLSX),
//! no hidden count that a total gives back, names matched the forgiving way,
//! an unknown municipality, and golden files in Dutch and English.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use hs_audit::cli::check::{CheckOptions, audit};
use hs_audit::generate::{GenFormat, GenerateOptions, generate, generate_location};
use hs_audit::i18n::Lang;
use hs_audit::report::{Audience, Catalogue, Format, ReportOptions, render};
use hs_audit::tables::SheetKind;
use serde_json::Value;

use crate::support::hs_audit_in;

mod checks;

use checks::{
    Shown, assert_counts_are_safe, assert_line_protected, assert_no_family_trace, assert_tables_protected,
    check_workbook, shown,
};

const LOCATIONS: usize = 30;
const SEED: u64 = 3;

/// A generated national folder (`exports/` in a temporary folder).
fn national() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let opts = GenerateOptions {
        locations: LOCATIONS,
        seed: SEED,
        format: GenFormat::Xlsx,
        out: dir.path().join("exports"),
        year: 2026,
    };
    generate(&opts).expect("generating the exports");
    dir
}

/// The municipality served by the most locations (then with the most
/// families), read from the generated `gezinnen` sheets.
fn busiest_municipality() -> String {
    let mut seen: BTreeMap<String, (BTreeSet<usize>, usize)> = BTreeMap::new();
    for index in 0..LOCATIONS {
        let export = generate_location(SEED, index, 2026);
        let sheet = export.sheet(SheetKind::Gezinnen).expect("a gezinnen sheet");
        for row in &sheet.rows {
            if let Some(name) = sheet.value(row, "gemeente").as_text() {
                let entry = seen.entry(name.to_string()).or_default();
                entry.0.insert(index);
                entry.1 += 1;
            }
        }
    }
    let best = seen.into_iter().max_by_key(|(name, (locs, n))| (locs.len(), *n, std::cmp::Reverse(name.clone())));
    best.map(|(name, _)| name).expect("the generated exports name municipalities")
}

/// Runs the municipality report into `dir/<out>`; returns that folder.
fn report(dir: &Path, municipality: &str, lang: &str, out: &str) -> PathBuf {
    let args = [
        "check",
        "exports",
        "--audience",
        "municipality",
        "--municipality",
        municipality,
        "--format",
        "html,md,json,xlsx",
        "--lang",
        lang,
        "--out",
        out,
    ];
    let run = hs_audit_in(dir, &args, Duration::from_secs(120));
    assert!(matches!(run.code, Some(0 | 1)), "exit {:?}: {}", run.code, run.stderr);
    dir.join(out)
}

#[test]
fn no_family_id_row_or_small_count_in_any_output() {
    let dir = national();
    let municipality = busiest_municipality();
    for (lang, code) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        let out = report(dir.path(), &municipality, code, code);
        let mut names: Vec<String> = std::fs::read_dir(&out)
            .expect("the report folder")
            .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
            // The run's manifest of the files it wrote (see src/cli/write_out.rs).
            .filter(|n| n != ".hs-audit-manifest")
            .collect();
        names.sort();
        assert_eq!(names.len(), 4, "one file per format and nothing else: {names:?}");
        assert!(names.contains(&"results.json".to_string()), "{names:?}");
        for name in &names {
            let path = out.join(name);
            let text = if name.ends_with(".xlsx") {
                check_workbook(&path, lang)
            } else {
                std::fs::read_to_string(&path).expect("a text file")
            };
            assert_no_family_trace(name, &text);
        }
        let json: Value = serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).expect("json"))
            .expect("valid JSON");
        assert_eq!(json["report"], "municipality");
        assert_eq!(json["has_families"], true);
        assert!(json["locations"].as_array().is_some_and(|l| l.len() >= 2), "served by several locations");
        assert_counts_are_safe(&json, "");
        assert_tables_protected(&json);
        for loc in json["locations"].as_array().expect("locations") {
            for rule in loc["rules"].as_array().expect("rules") {
                if ["HS-L04", "HS-L05"].contains(&rule["rule_id"].as_str().unwrap_or("")) {
                    let m = rule["measured"].as_str().unwrap_or("");
                    assert!(!["1", "2", "3", "4"].contains(&m), "a location's families shown as {m}");
                }
            }
        }
    }
}

#[test]
fn every_municipality_of_the_folder_is_protected_alike() {
    let dir = national();
    let mut names = BTreeSet::new();
    for index in 0..LOCATIONS {
        let export = generate_location(SEED, index, 2026);
        let sheet = export.sheet(SheetKind::Gezinnen).expect("a gezinnen sheet");
        names.extend(sheet.rows.iter().filter_map(|r| sheet.value(r, "gemeente").as_text().map(str::to_string)));
    }
    // Per location: the families shown per municipality across all reports, and the location's own number.
    let mut per_location: BTreeMap<String, (Vec<Shown>, Option<String>)> = BTreeMap::new();
    let opts = CheckOptions {
        period: Some("2026".into()),
        audience: Some(Audience::Municipality),
        formats: vec![Format::Json],
        lang: Lang::En,
        ..CheckOptions::new(vec![dir.path().join("exports")], dir.path().join("unused"))
    };
    let (audit, rulebook) = audit(&opts).expect("the audit runs");
    for name in &names {
        let report_opts = ReportOptions {
            audience: Audience::Municipality,
            municipality: Some(name.clone()),
            formats: vec![Format::Json],
            lang: Lang::En,
            templates: None,
            earlier: Vec::new(),
        };
        let files = render(&audit, &rulebook, &report_opts).expect("the report renders");
        assert_eq!(files.len(), 1);
        let json: Value = serde_json::from_slice(&files[0].bytes).expect("valid JSON");
        assert_counts_are_safe(&json, name);
        assert_tables_protected(&json);
        for row in json["families"]["rows"].as_array().expect("rows") {
            let id = row["location_id"].as_str().expect("an id").to_string();
            per_location.entry(id).or_default().0.push(shown(&row["families"], name));
        }
        for loc in json["locations"].as_array().expect("locations") {
            let l04 = loc["rules"].as_array().expect("rules").iter().find(|r| r["rule_id"] == "HS-L04");
            let measured = l04.and_then(|r| r["measured"].as_str()).map(str::to_string);
            let id = loc["location_id"].as_str().expect("an id").to_string();
            let entry = per_location.entry(id).or_default();
            assert!(entry.1.is_none() || entry.1 == measured, "a location's number is the same in every report");
            entry.1 = measured;
        }
    }
    // Read side by side, the reports do not give a municipality's small count away
    // through a location's number of families.
    for (location, (cells, measured)) in per_location {
        // The number leads the words: `28 gezinnen ondersteund`.
        let first = |m: &str| m.split_whitespace().next().unwrap_or_default().replace(['.', ','], "");
        let total = match measured.as_deref().map(first) {
            Some(m) if m == "x" => Shown::Hidden,
            Some(m) if m == "<5" => Shown::Small,
            Some(m) => Shown::N(m.parse().expect("a number")),
            None => continue,
        };
        assert_line_protected(&cells, total, &format!("{location} across reports"));
    }
}

#[test]
fn names_match_whatever_the_case_accents_and_dashes() {
    let dir = national();
    let municipality = busiest_municipality();
    let plain: String = municipality
        .chars()
        .map(|c| match c {
            'á' | 'â' => 'a',
            'ú' => 'u',
            '-' => ' ',
            c => c,
        })
        .collect::<String>()
        .to_uppercase();
    let files = |d: &Path| {
        let mut v: Vec<_> = std::fs::read_dir(d).expect("dir").map(|e| e.expect("e").file_name()).collect();
        v.sort();
        v
    };
    let a = report(dir.path(), &municipality, "nl", "a");
    let b = report(dir.path(), &plain, "nl", "b");
    assert_eq!(files(&a), files(&b));
    for f in files(&a) {
        let same = std::fs::read(a.join(&f)).ok() == std::fs::read(b.join(&f)).ok();
        assert!(same, "`{plain}` gives the report of `{municipality}`: {f:?} differs");
    }
    // The same run twice gives the same bytes, the workbook included.
    let c = report(dir.path(), &municipality, "nl", "c");
    for f in files(&a) {
        assert!(std::fs::read(a.join(&f)).ok() == std::fs::read(c.join(&f)).ok(), "{f:?} differs between runs");
    }
}

#[test]
fn an_unknown_municipality_gives_a_report_that_says_so() {
    let dir = national();
    let name = "Atlantis <script>alert(1)</script>";
    let out = report(dir.path(), name, "nl", "out");
    let html =
        std::fs::read_to_string(out.join("report-atlantis-script-alert-1-script.html")).expect("the html report");
    let catalogue = Catalogue::embedded();
    let said = catalogue.get("mun_no_families", Lang::Nl);
    assert!(html.contains(&said.replace('\'', "&#x27;")), "the report says there are no families");
    assert!(!html.contains("<script>"), "the name is escaped");
    let md = std::fs::read_to_string(out.join("report-atlantis-script-alert-1-script.md")).expect("the md report");
    assert!(md.contains(&said), "{md}");
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).expect("json")).expect("valid JSON");
    assert_eq!(json["has_families"], false);
    assert_eq!(json["municipality"], name);
    assert_eq!(json["locations"].as_array().map(Vec::len), Some(0));
    assert!(out.join("report-atlantis-script-alert-1-script.xlsx").is_file());
}

/// The HTML without the shared stylesheet and the charts (others' work, and
/// stubs until they land), so that the golden file shows this report's text.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        out.push_str(&rest[..start]);
        out.push_str("<svg/>");
        rest = rest[start..].find("</svg>").map_or("", |end| &rest[start + end + 6..]);
    }
    out.push_str(rest);
    match (out.find("<style>"), out.find("tr.total td")) {
        (Some(a), Some(b)) => format!("{}<style>/* style.css */\n{}", &out[..a], &out[b..]),
        _ => out,
    }
}

#[test]
fn golden_markdown_and_html_in_dutch_and_english() {
    let dir = national();
    let municipality = busiest_municipality();
    for lang in ["nl", "en"] {
        let out = report(dir.path(), &municipality, lang, lang);
        let slug = hs_audit::report::municipality::slug(&municipality);
        let md = std::fs::read_to_string(out.join(format!("report-{slug}.md"))).expect("md");
        insta::assert_snapshot!(format!("municipality_md_{lang}"), md);
        let html = std::fs::read_to_string(out.join(format!("report-{slug}.html"))).expect("html");
        insta::assert_snapshot!(format!("municipality_html_{lang}"), html_text(&html));
    }
}

/// Every count field anywhere in the model, as shown: numbers, `<m` or `x`.
fn count_values<'a>(v: &'a Value, out: &mut Vec<(String, &'a Value)>, path: &str) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                let here = format!("{path}.{k}");
                let is_count = ["families", "pass", "fail", "not_yet_due", "other", "total"].contains(&k.as_str());
                if is_count && !x.is_object() {
                    out.push((here, x));
                } else {
                    count_values(x, out, &here);
                }
            }
        }
        Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, x)| count_values(x, out, &format!("{path}[{i}]")))
        }
        _ => {}
    }
}

#[test]
fn the_statistics_netherlands_profile_rounds_every_count_to_five() {
    let dir = national();
    let municipality = busiest_municipality();
    let profile = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules/examples/profiel-cbs.toml");
    let profile = profile.to_string_lossy().into_owned();
    let args = [
        "check",
        "exports",
        "--audience",
        "municipality",
        "--municipality",
        municipality.as_str(),
        "--format",
        "html,md,json,xlsx",
        "--rules",
        profile.as_str(),
        "--out",
        "cbs",
    ];
    let run = hs_audit_in(dir.path(), &args, Duration::from_secs(120));
    assert!(matches!(run.code, Some(0 | 1)), "exit {:?}: {}", run.code, run.stderr);
    let out = dir.path().join("cbs");
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).expect("json")).expect("valid JSON");
    assert_eq!(json["privacy"], serde_json::json!({"min_count": 5, "round_to": 5}));
    let mut counts = Vec::new();
    count_values(&json, &mut counts, "");
    assert!(counts.len() > 20, "{counts:?}");
    let mut rounded = 0;
    for (path, v) in &counts {
        match v {
            Value::Number(n) => {
                let n = n.as_u64().unwrap_or_else(|| panic!("{path}: {n}"));
                assert_eq!(n % 5, 0, "{path}: {n} is not rounded to 5");
                rounded += usize::from(n > 0);
            }
            Value::String(s) => assert!(s == "<5" || s == "x", "{path}: {s}"),
            other => panic!("{path}: {other}"),
        }
    }
    assert!(rounded > 5, "some counts are shown: {counts:?}");
    for loc in json["locations"].as_array().expect("locations") {
        for rule in loc["rules"].as_array().expect("rules") {
            if ["HS-L04", "HS-L05"].contains(&rule["rule_id"].as_str().unwrap_or("")) {
                let m = rule["measured"].as_str().unwrap_or("");
                // `x`, `<5`, or a phrase that starts with the rounded number.
                let number: String = m.chars().take_while(char::is_ascii_digit).collect();
                let ok = m == "<5" || m == "x" || number.parse::<u64>().is_ok_and(|n| n % 5 == 0);
                assert!(ok, "a location's families shown as {m}");
            }
        }
    }
    let md = std::fs::read_to_string(
        std::fs::read_dir(&out)
            .expect("the report folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "md"))
            .expect("a Markdown report"),
    )
    .expect("markdown");
    assert!(md.contains("afgerond op een veelvoud van 5"), "the report says it rounds");
    assert_no_family_trace("md", &md);
}
