//! Changes at their edges, on hand-written results.json records: a subject
//! from fail to waived is fixed; a location or a rule in one year only gets
//! a note; files of different periods in any order compare with the latest.

use serde_json::{Value, json};

use super::{NoteKind, Snapshot, compare, compare_with_latest, read_value};

/// A results.json of `year` with `locations`, `rules` (in the summary) and
/// `results` as (location, rule, subject, outcome).
fn record(year: i32, locations: &[&str], rules: &[&str], results: &[(&str, &str, Option<&str>, &str)]) -> Value {
    let results: Vec<Value> = results
        .iter()
        .map(|(l, r, s, o)| json!({"location_id": l, "rule_id": r, "subject_id": s, "outcome": o, "severity": "error", "message": ""}))
        .collect();
    let summary: Vec<Value> = locations
        .iter()
        .flat_map(|l| rules.iter().map(move |r| json!({"location_id": l, "rule_id": r, "pass": 1, "fail": 0})))
        .collect();
    json!({
        "schema_version": 1,
        "rulebook": {"id": "homestart-nl", "version": format!("{year}.1")},
        "period": {"start": format!("{year}-01-01"), "end": format!("{year}-12-31")},
        "as_of": format!("{year}-12-31"),
        "locations": locations.iter().map(|l| json!({"location_id": l, "name": l, "metrics": {"families": 27}})).collect::<Vec<_>>(),
        "results": results,
        "summary": summary,
    })
}

fn snap(name: &str, v: &Value) -> Snapshot {
    read_value(name, v).unwrap_or_else(|e| panic!("{}", e.en))
}

#[test]
fn new_persisting_and_fixed_per_location_and_rule() {
    let then = snap(
        "2025.json",
        &record(
            2025,
            &["L1"],
            &["HS-G06", "HS-L01"],
            &[
                ("L1", "HS-L01", None, "fail"),
                ("L1", "HS-G06", Some("G1"), "fail"),
                ("L1", "HS-G06", Some("G2"), "fail"),
                ("L1", "HS-G06", Some("G3"), "fail"),
                ("L1", "HS-G06", Some("G4"), "fail"),
            ],
        ),
    );
    let now = snap(
        "2026.json",
        &record(
            2026,
            &["L1"],
            &["HS-G06", "HS-L01"],
            &[
                ("L1", "HS-L01", None, "pass"),
                ("L1", "HS-G06", Some("G1"), "fail"),
                ("L1", "HS-G06", Some("G2"), "waived"),
                ("L1", "HS-G06", Some("G4"), "not_applicable"),
                ("L1", "HS-G06", Some("G5"), "fail"),
            ],
        ),
    );
    let (changes, notes) = compare(&then, &now);
    assert!(notes.is_empty());
    let g06 = changes.iter().find(|c| c.rule_id == "HS-G06").expect("HS-G06");
    assert_eq!(g06.new, ["G5"]);
    assert_eq!(g06.persisting, ["G1"]);
    // G2 is waived now: fixed. G3 is not listed: a results.json lists no
    // passes, so it passes. G4 is listed as not applicable: neither.
    assert_eq!(g06.fixed, ["G2", "G3"]);
    assert_eq!((g06.new_count, g06.persisting_count, g06.fixed_count), (1, 1, 2));
    let l01 = changes.iter().find(|c| c.rule_id == "HS-L01").expect("HS-L01");
    assert!(l01.location_rule && l01.fixed.is_empty());
    assert_eq!((l01.new_count, l01.persisting_count, l01.fixed_count), (0, 0, 1));
}

#[test]
fn a_location_in_one_year_only_has_no_changes_but_a_note() {
    let then = snap("a", &record(2025, &["L1", "L2"], &["HS-G06"], &[("L2", "HS-G06", Some("G1"), "fail")]));
    let now = snap("b", &record(2026, &["L1", "L3"], &["HS-G06"], &[("L3", "HS-G06", Some("G1"), "fail")]));
    let (changes, notes) = compare(&then, &now);
    assert!(changes.is_empty(), "{changes:?}");
    let kinds: Vec<(NoteKind, &str)> = notes.iter().map(|n| (n.kind, n.id.as_str())).collect();
    assert_eq!(kinds, [(NoteKind::LocationOnlyNow, "L3"), (NoteKind::LocationOnlyThen, "L2")]);
}

#[test]
fn a_rule_disabled_in_one_year_has_no_changes_but_a_note() {
    let then = snap("a", &record(2025, &["L1"], &["HS-G06", "HS-G12"], &[("L1", "HS-G12", Some("G1"), "fail")]));
    let now = snap("b", &record(2026, &["L1"], &["HS-G06"], &[("L1", "HS-G06", Some("G1"), "fail")]));
    let (changes, notes) = compare(&then, &now);
    assert_eq!(changes.len(), 1);
    assert_eq!((changes[0].rule_id.as_str(), changes[0].new_count), ("HS-G06", 1));
    let kinds: Vec<(NoteKind, &str)> = notes.iter().map(|n| (n.kind, n.id.as_str())).collect();
    assert_eq!(kinds, [(NoteKind::RuleOnlyThen, "HS-G12")]);
    // And the other way round: enabled again.
    let (changes, notes) = compare(&now, &then);
    assert!(changes.iter().all(|c| c.rule_id != "HS-G12"));
    assert_eq!(notes.first().map(|n| n.kind), Some(NoteKind::RuleOnlyNow));
}

#[test]
fn files_of_different_periods_in_any_order_compare_with_the_latest() {
    let f = |y: i32, s: &str| {
        snap(&format!("{y}.json"), &record(y, &["L1"], &["HS-G06"], &[("L1", "HS-G06", Some(s), "fail")]))
    };
    let now = f(2027, "G27");
    for order in [[2024, 2025, 2026], [2026, 2024, 2025], [2025, 2026, 2024]] {
        let previous: Vec<Snapshot> = order.iter().map(|y| f(*y, &format!("G{}", y - 2000))).collect();
        let c = compare_with_latest(previous, &now).expect("a comparison");
        assert_eq!(c.against().map(|s| s.source.as_str()), Some("2026.json"), "{order:?}");
        let sources: Vec<&str> = c.previous.iter().map(|s| s.source.as_str()).collect();
        assert_eq!(sources, ["2024.json", "2025.json", "2026.json"], "oldest first");
        let ch = c.change("L1", "HS-G06").expect("change");
        assert_eq!(
            (ch.new.as_slice(), ch.fixed.as_slice()),
            (["G27".to_string()].as_slice(), ["G26".to_string()].as_slice())
        );
    }
    assert!(compare_with_latest(Vec::new(), &now).is_none());
}

#[test]
fn what_is_not_a_results_json_is_refused_with_what_is_missing() {
    let cases = [
        (json!({"hello": 1}), "schema_version"),
        (json!({"schema_version": 2}), "schema_version 2"),
        (json!({"schema_version": 1, "period": {"start": "2026-01-01", "end": "2026-12-31"}}), "as_of"),
        (json!({"municipality": "Utrecht"}), "municipality"),
        (json!([1, 2]), "schema_version"),
    ];
    for (v, says) in cases {
        let e = read_value("x.json", &v).err().unwrap_or_else(|| panic!("{v} was accepted"));
        assert!(e.en.contains("x.json is not a results.json") && e.en.contains(says), "{}", e.en);
        assert!(e.nl.contains("is geen results.json"), "{}", e.nl);
    }
}
