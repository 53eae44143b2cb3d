//! The record as written: the content of the whole record (every part made
//! by serde at once), laid out one record per line, the same every time.

use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value, json};

use super::*;
use crate::findings::{FindingKind, InputFinding};
use crate::results::history::{Snapshot, compare_with_latest};
use crate::results::waivers::{WaiverEntry, WaiverReport};
use crate::results::{LocationEntry, Severity, Text, summarize};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn location(id: &str, fte: f64) -> LocationEntry {
    LocationEntry {
        location_id: id.into(),
        name: format!("Home-Start \"{id}\"\nnoord"),
        source: format!("exports/{id}.xlsx"),
        metrics: [("coordinator_fte".to_string(), fte), ("families".to_string(), 28.0)].into_iter().collect(),
    }
}

/// Two locations; `trajectories` families each at HS-G01 (every third
/// fails), a measured location rule, a finding, a waiver, and verdicts.
fn audit(as_of: NaiveDate, trajectories: usize) -> Audit {
    let mut results = Vec::new();
    for loc in ["L1", "L2"] {
        results.push(
            RuleResult::new("HS-L01", loc, None, Outcome::Fail, Severity::Error, Text::new("te laag", "too low"))
                .measured(0.123_456, ">= 0.55"),
        );
        for i in 0..trajectories {
            let outcome = if i % 3 == 0 { Outcome::Fail } else { Outcome::Pass };
            let id = format!("G-{i:05}");
            let r = RuleResult::new("HS-G01", loc, Some((&id, 2)), outcome, Severity::Error, Text::new("nl", "en"))
                .date("start", date(2026, 3, 2))
                .fact("age_years", 7);
            results.push(r);
        }
    }
    let summary = summarize(&results, &[], &[]);
    let verdicts = summary
        .iter()
        .map(|s| Verdict {
            rule_id: s.rule_id.clone(),
            location_id: s.location_id.clone(),
            outcome: Outcome::Fail,
            fail_share: (s.rule_id == "HS-G01").then_some(1.0 / 3.0),
            tolerance: (s.rule_id == "HS-G01").then_some(0.1),
            severity: Severity::Error,
        })
        .collect();
    let finding = InputFinding {
        file: "exports/L2.xlsx".into(),
        sheet: Some("gezinnen".into()),
        row: Some(14),
        column: Some("start".into()),
        value: Some("31-02-2026".into()),
        kind: FindingKind::EmptySheet,
    };
    let waiver = WaiverEntry {
        rule: "HS-G01".into(),
        location: "L1".into(),
        subject: Some("G-00003".into()),
        reason: "verhuisd".into(),
        approved_by: "landelijk".into(),
        expires: date(2026, 6, 30),
    };
    Audit {
        tool_version: "0.1.0".into(),
        rulebook_id: "homestart-nl".into(),
        rulebook_version: "2026.1".into(),
        period_start: date(as_of.year(), 1, 1),
        period_end: as_of,
        as_of,
        locations: vec![location("L1", 0.655), location("L2", 1.0)],
        results: results.into(),
        summary,
        verdicts,
        input_findings: vec![finding],
        waivers: WaiverReport { expired: vec![waiver], ..Default::default() },
        comparison: None,
        trajectories: Vec::new(),
    }
}

/// This year's audit compared with last year's.
fn audit_with_history(trajectories: usize) -> Audit {
    let mut then = Snapshot::of_audit(&audit(date(2025, 12, 31), trajectories / 2));
    then.source = "r2025/results.json".into();
    let mut now = audit(date(2026, 12, 31), trajectories);
    now.comparison = compare_with_latest(vec![then], &Snapshot::of_audit(&now));
    now
}

/// Any part as a JSON value.
fn to<T: serde::Serialize>(part: T) -> Value {
    serde_json::to_value(part).unwrap_or_default()
}

/// The whole record as one value, each part made by serde at once.
fn whole(audit: &Audit, lang: Lang) -> Value {
    let kinds = FindingKinds::default();
    let mut m = Map::new();
    m.insert("as_of".into(), json!(iso(audit.as_of)));
    if let Some(c) = &audit.comparison {
        m.insert("comparison".into(), super::super::history::json::comparison(c));
    }
    let findings = audit.input_findings.iter().map(|f| to(finding_json(f, &kinds, lang)));
    m.insert("input_findings".into(), Value::Array(findings.collect()));
    let locations = audit.locations.iter().map(|l| to(location_json(l)));
    m.insert("locations".into(), Value::Array(locations.collect()));
    m.insert("period".into(), json!({"end": iso(audit.period_end), "start": iso(audit.period_start)}));
    let listed = audit.results.iter().filter(|r| r.subject_id.is_none() || r.outcome != Outcome::Pass);
    m.insert("results".into(), Value::Array(listed.map(|r| to(result_json(r, lang))).collect()));
    m.insert("rulebook".into(), json!({"id": audit.rulebook_id, "version": audit.rulebook_version}));
    m.insert("schema_version".into(), json!(SCHEMA_VERSION));
    m.insert("summary".into(), Value::Array(audit.summary.iter().map(|s| to(summary_json(s))).collect()));
    m.insert("tool".into(), json!({"name": "hs-audit", "version": audit.tool_version}));
    m.insert("verdicts".into(), Value::Array(audit.verdicts.iter().map(|v| to(verdict_json(v))).collect()));
    m.insert("waivers".into(), serde_json::to_value(&audit.waivers).unwrap_or_default());
    Value::Object(m)
}

fn written(audit: &Audit) -> String {
    let mut bytes = Vec::new();
    assert!(write_json(audit, Lang::En, &mut bytes).is_ok());
    String::from_utf8(bytes).unwrap_or_default()
}

#[test]
fn the_written_record_parses_to_the_whole_record() {
    let audit = audit_with_history(30);
    let text = written(&audit);
    let parsed: Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(parsed, whole(&audit, Lang::En));
    // A few values by hand: a pass of a trajectory rule is not listed, shares keep four decimals.
    assert_eq!(parsed["results"].as_array().map(Vec::len), Some(2 * (1 + 10)));
    assert_eq!(parsed["verdicts"][0]["fail_share"], json!(0.3333));
    assert_eq!(parsed["verdicts"][1]["fail_share"], Value::Null);
    assert_eq!(parsed["results"][0]["measured"], json!(0.1235));
    assert_eq!(parsed["locations"][1]["metrics"]["coordinator_fte"], json!(1));
    assert!(parsed["comparison"]["changes"].as_array().is_some_and(|c| !c.is_empty()));
}

/// The lines of a list that opens at `start` (the key's line): one element
/// each, in order, and the line that closes it.
fn check_list(lines: &[&str], start: usize, items: &[Value], indent: usize) -> usize {
    let pad = " ".repeat(indent);
    for (i, item) in items.iter().enumerate() {
        let line = lines[start + 1 + i];
        let element = line.strip_prefix(&pad).map(|l| l.strip_suffix(',').unwrap_or(l)).unwrap_or_default();
        // Compact, keys in order: as serde_json prints the parsed (sorted) value.
        assert_eq!(serde_json::to_string(item).ok().as_deref(), Some(element), "{line}");
    }
    let close = lines[start + 1 + items.len()];
    assert_eq!(close.trim_end_matches(','), format!("{}]", &pad[2..]));
    start + 2 + items.len()
}

/// Keys in order: at the top, inside every element, and inside those.
fn keys_sorted(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.keys().zip(m.keys().skip(1)).all(|(a, b)| a < b) && m.values().all(keys_sorted),
        Value::Array(items) => items.iter().all(keys_sorted),
        _ => true,
    }
}

#[test]
fn a_key_per_line_and_each_element_of_a_list_on_its_line() {
    let audit = audit_with_history(30);
    let text = written(&audit);
    assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
    let parsed: Value = serde_json::from_str(&text).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "{");
    let mut at = 1;
    let top = parsed.as_object().cloned().unwrap_or_default();
    let mut keys = Vec::new();
    for (key, value) in &top {
        let line = lines[at];
        assert!(line.starts_with(&format!("  \"{key}\": ")), "{line}");
        keys.push(key.clone());
        at = match value {
            Value::Array(items) if items.is_empty() => {
                assert!(line.ends_with("[]") || line.ends_with("[],"), "{line}");
                at + 1
            }
            Value::Array(items) => check_list(&lines, at, items, 4),
            Value::Object(inner) if key == "comparison" => {
                // One level down: a key per line, a list's elements one per line.
                at += 1;
                for (k, v) in inner {
                    assert!(lines[at].starts_with(&format!("    \"{k}\": ")), "{}", lines[at]);
                    at = match v.as_array() {
                        Some(items) if !items.is_empty() => check_list(&lines, at, items, 6),
                        _ => at + 1,
                    };
                }
                assert_eq!(lines[at].trim_end_matches(','), "  }");
                at + 1
            }
            _ => {
                let compact = line.split_once(": ").map(|(_, v)| v.trim_end_matches(',')).unwrap_or_default();
                assert_eq!(serde_json::to_string(value).ok().as_deref(), Some(compact), "{line}");
                at + 1
            }
        };
    }
    assert_eq!(&lines[at..], ["}"]);
    assert!(keys.contains(&"comparison".to_string()) && keys.len() == 12, "{keys:?}");
    assert!(keys_sorted(&parsed));
    assert!(text.contains("{\"fail_share\":0.3333,\"location_id\":\"L1\",\"outcome\":\"fail\",\"rule_id\":\"HS-G01\""));
}

#[test]
fn the_same_audit_gives_the_same_bytes_written_or_in_memory() {
    // More results than one parallel batch holds.
    let audit = audit_with_history(30_000);
    let first = written(&audit);
    assert_eq!(written(&audit), first);
    assert_eq!(to_json_string(&audit, Lang::En), first);
    assert_eq!(to_json(&audit, Lang::En), whole(&audit, Lang::En));
}
