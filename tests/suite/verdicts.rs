//! Location verdicts and tolerance end to end on the demo export: the verdict
//! and the exit status at a tolerance exactly met and just exceeded, and
//! with every tolerance 0 the exit status of the outcomes.

use std::time::Duration;

use crate::support::hs_audit;

/// Runs `check` on the demo with `profile` (a profile's text, or none).
fn check_demo(profile: Option<&str>) -> (Option<i32>, serde_json::Value) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("r").to_string_lossy().to_string();
    let rules = dir.path().join("profiel.toml");
    let mut args = vec!["check", "fixtures/demo", "--period", "2026", "--out", &out];
    let rules_arg = rules.to_string_lossy().to_string();
    if let Some(text) = profile {
        std::fs::write(&rules, text).expect("writing the profile");
        args.extend(["--rules", &rules_arg]);
    }
    let run = hs_audit(&args, Duration::from_secs(60));
    let text = std::fs::read_to_string(dir.path().join("r/results.json")).unwrap_or_else(|_| "null".into());
    (run.code, serde_json::from_str(&text).expect("valid JSON"))
}

fn verdict<'a>(json: &'a serde_json::Value, rule: &str) -> &'a serde_json::Value {
    json["verdicts"].as_array().and_then(|v| v.iter().find(|v| v["rule_id"] == rule)).expect("a verdict")
}

/// HS-G01's share of failing families on the demo (its only failed error rule).
fn g01_share(json: &serde_json::Value) -> f64 {
    let row = json["summary"].as_array().and_then(|s| s.iter().find(|r| r["rule_id"] == "HS-G01")).expect("row");
    let n = |k: &str| row[k].as_u64().unwrap_or(0) as f64;
    n("fail") / (n("pass") + n("fail") + n("waived"))
}

#[test]
fn with_every_tolerance_zero_the_verdicts_follow_the_outcomes() {
    let (code, json) = check_demo(None);
    assert_eq!(code, Some(1));
    let g01 = verdict(&json, "HS-G01");
    assert_eq!((g01["outcome"].as_str(), g01["tolerance"].as_f64()), (Some("fail"), Some(0.0)));
    assert_eq!(g01["fail_share"].as_f64(), Some((g01_share(&json) * 10_000.0).round() / 10_000.0));
    // A location rule's verdict is its own outcome, without share or tolerance.
    let l01 = verdict(&json, "HS-L01");
    assert_eq!(l01["outcome"], "pass");
    assert!(l01["fail_share"].is_null() && l01["tolerance"].is_null());
    // Every trajectory rule with a failure fails at tolerance 0.
    for s in json["summary"].as_array().expect("summary") {
        if s["fail"].as_u64().unwrap_or(0) > 0 {
            assert_eq!(
                verdict(&json, s["rule_id"].as_str().unwrap_or("")).get("outcome").and_then(|o| o.as_str()),
                Some("fail")
            );
        }
    }
}

#[test]
fn a_tolerance_exactly_met_passes_and_the_run_with_it() {
    let share = g01_share(&check_demo(None).1);
    // `{:?}` writes the shortest decimal that reads back as the same number.
    let profile = format!("extends = \"homestart-nl\"\n[rules.\"HS-G01\"]\ntolerance = {share:?}\n");
    let (code, json) = check_demo(Some(&profile));
    assert_eq!(verdict(&json, "HS-G01")["outcome"], "pass");
    assert_eq!(code, Some(0), "HS-G01 is the demo's only failed error rule, and its verdict passes");
    // The failures themselves stay in the record.
    let fails = json["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| r["rule_id"] == "HS-G01" && r["outcome"] == "fail");
    assert_eq!(fails.count(), 3);
}

#[test]
fn a_tolerance_just_exceeded_fails_and_the_run_with_it() {
    let share = g01_share(&check_demo(None).1);
    let below = share.next_down();
    let profile = format!("extends = \"homestart-nl\"\n[rules.\"HS-G01\"]\ntolerance = {below:?}\n");
    let (code, json) = check_demo(Some(&profile));
    assert_eq!(verdict(&json, "HS-G01")["outcome"], "fail");
    assert_eq!(code, Some(1));
}
