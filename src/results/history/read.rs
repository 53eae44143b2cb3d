//! Reading an earlier `results.json` (schema 1, any period, any release)
//! into a [`Snapshot`]. What is not such a file gets a message that says
//! what the file is missing, and what to give instead.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::NaiveDate;
use serde_json::Value;

use super::snapshot::Snapshot;
use crate::report::catalogue;
use crate::results::{Outcome, OutcomeCounts, Text};

/// Reads a file; `shown` is how the file is named in messages and `source`.
pub fn read_file(path: &Path) -> Result<Snapshot, Text> {
    let shown = crate::ingest::display_path(path);
    let text = std::fs::read_to_string(path).map_err(|e| {
        catalogue::text("cli_previous_cannot_read", &[("error", e.to_string()), ("shown", shown.clone())])
    })?;
    let value: Value = serde_json::from_str(&text).map_err(|e| not_one(&shown, same(format!("JSON: {e}"))))?;
    read_value(&shown, &value)
}

/// What a file that is not a results.json gets; `why` is what it lacks.
fn not_one(shown: &str, why: Text) -> Text {
    catalogue::text_by_lang("cli_previous_not_results", |lang| {
        vec![("why", why.get(lang).to_string()), ("shown", shown.to_string())]
    })
}

/// A text that reads the same in both languages (a name or an error of a library).
fn same(s: String) -> Text {
    Text::new(s.clone(), s)
}

fn date(v: &Value) -> Option<NaiveDate> {
    v.as_str().and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn outcome(v: &Value) -> Option<Outcome> {
    serde_json::from_value(v.clone()).ok()
}

/// A parsed `results.json`.
pub fn read_value(shown: &str, v: &Value) -> Result<Snapshot, Text> {
    let missing = |what: &str| not_one(shown, catalogue::text("cli_previous_missing", &[("what", what)]));
    match v.get("schema_version").and_then(Value::as_u64) {
        Some(1) => {}
        Some(n) => return Err(not_one(shown, same(format!("schema_version {n}")))),
        None if v.get("municipality").is_some() => {
            return Err(not_one(shown, catalogue::text("cli_previous_municipality_output", catalogue::NO_ARGS)));
        }
        None => return Err(missing("schema_version")),
    }
    let period_start = date(&v["period"]["start"]).ok_or_else(|| missing("period.start"))?;
    let period_end = date(&v["period"]["end"]).ok_or_else(|| missing("period.end"))?;
    let as_of = date(&v["as_of"]).ok_or_else(|| missing("as_of"))?;
    let locations_v = v["locations"].as_array().ok_or_else(|| missing("locations"))?;
    let results_v = v["results"].as_array().ok_or_else(|| missing("results"))?;
    let summary_v = v["summary"].as_array().ok_or_else(|| missing("summary"))?;
    let mut locations = BTreeMap::new();
    for l in locations_v {
        let Some(id) = text(&l["location_id"]) else { return Err(missing("locations[].location_id")) };
        let metrics: BTreeMap<String, f64> = l["metrics"]
            .as_object()
            .map(|m| m.iter().filter_map(|(k, x)| x.as_f64().map(|x| (k.clone(), x))).collect())
            .unwrap_or_default();
        locations.insert(id, (text(&l["name"]).unwrap_or_default(), metrics));
    }
    let mut outcomes = BTreeMap::new();
    let mut location_rules = BTreeSet::new();
    for r in results_v {
        let (Some(loc), Some(rule), Some(o)) = (text(&r["location_id"]), text(&r["rule_id"]), outcome(&r["outcome"]))
        else {
            return Err(missing("results[].location_id, rule_id, outcome"));
        };
        let subject = text(&r["subject_id"]);
        if subject.is_none() {
            location_rules.insert(rule.clone());
        }
        outcomes.insert((loc, rule, subject), o);
    }
    let mut summary = BTreeMap::new();
    let mut rules = BTreeSet::new();
    for s in summary_v {
        let (Some(loc), Some(rule)) = (text(&s["location_id"]), text(&s["rule_id"])) else {
            return Err(missing("summary[].location_id, rule_id"));
        };
        let n = |o: Outcome| usize::try_from(s[o.as_str()].as_u64().unwrap_or(0)).unwrap_or(usize::MAX);
        let counts = OutcomeCounts {
            pass: n(Outcome::Pass),
            fail: n(Outcome::Fail),
            not_yet_due: n(Outcome::NotYetDue),
            not_applicable: n(Outcome::NotApplicable),
            not_evaluated: n(Outcome::NotEvaluated),
            waived: n(Outcome::Waived),
        };
        rules.insert(rule.clone());
        summary.insert((loc, rule), counts);
    }
    Ok(Snapshot {
        source: shown.to_string(),
        period_start,
        period_end,
        as_of,
        rulebook_version: text(&v["rulebook"]["version"]).unwrap_or_default(),
        locations,
        rules,
        location_rules,
        summary,
        outcomes,
        passes_listed: false,
    })
}
