//! `results.json`: the stable, byte-reproducible record of an audit (schema 1).

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::audit::Audit;
use super::outcome::Outcome;
use super::result::RuleResult;
use crate::i18n::Lang;

pub const SCHEMA_VERSION: u32 = 1;

/// Numbers in the record keep four decimals: enough to see a threshold
/// missed by a hair, few enough to stay readable and stable.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

pub(crate) fn number(x: f64) -> Value {
    let r = round4(x);
    if r.fract() == 0.0 && r.abs() < 1e15 { json!(r as i64) } else { json!(r) }
}

fn result_json(r: &RuleResult, lang: Lang) -> Value {
    let mut m = Map::new();
    m.insert("rule_id".into(), json!(r.rule_id));
    m.insert("location_id".into(), json!(r.location_id));
    m.insert("subject_id".into(), json!(r.subject_id));
    m.insert("outcome".into(), json!(r.outcome.as_str()));
    m.insert("severity".into(), json!(r.severity.as_str()));
    if let Some(v) = r.measured {
        m.insert("measured".into(), number(v));
    }
    if let Some(e) = &r.expected {
        m.insert("expected".into(), json!(e));
    }
    m.insert("message".into(), json!(r.message.get(lang)));
    if !r.evidence.is_empty() {
        m.insert("evidence".into(), json!(r.evidence));
    }
    Value::Object(m)
}

#[derive(Serialize)]
struct FindingJson<'a> {
    file: &'a str,
    sheet: &'a Option<String>,
    row: Option<u32>,
    column: &'a Option<String>,
    value: &'a Option<String>,
    kind: String,
    message: String,
}

/// The record as a JSON value. `results` holds every location rule result and
/// every trajectory rule result whose outcome is not `pass`.
pub fn to_json(audit: &Audit, lang: Lang) -> Value {
    let results: Vec<Value> = audit
        .results
        .iter()
        .filter(|r| r.subject_id.is_none() || r.outcome != Outcome::Pass)
        .map(|r| result_json(r, lang))
        .collect();
    let locations: Vec<Value> = audit
        .locations
        .iter()
        .map(|l| {
            let metrics: Map<String, Value> = l.metrics.iter().map(|(k, v)| (k.clone(), number(*v))).collect();
            json!({"location_id": l.location_id, "name": l.name, "source": l.source, "metrics": metrics})
        })
        .collect();
    let findings: Vec<FindingJson> = audit
        .input_findings
        .iter()
        .map(|f| FindingJson {
            file: &f.file,
            sheet: &f.sheet,
            row: f.row,
            column: &f.column,
            value: &f.value,
            kind: kind_name(f),
            message: f.message(lang),
        })
        .collect();
    let mut record = json!({
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "hs-audit", "version": audit.tool_version},
        "rulebook": {"id": audit.rulebook_id, "version": audit.rulebook_version},
        "period": {"start": audit.period_start.format("%Y-%m-%d").to_string(), "end": audit.period_end.format("%Y-%m-%d").to_string()},
        "as_of": audit.as_of.format("%Y-%m-%d").to_string(),
        "locations": locations,
        "results": results,
        "summary": audit.summary,
        "verdicts": super::verdicts::to_json(&audit.verdicts),
        "input_findings": findings,
        "waivers": audit.waivers,
    });
    if let (Some(c), Some(m)) = (&audit.comparison, record.as_object_mut()) {
        m.insert("comparison".into(), super::history::json::comparison(c));
    }
    record
}

/// The finding's kind as its snake_case tag (`invalid_date`, `missing_sheet`).
fn kind_name(f: &crate::findings::InputFinding) -> String {
    match serde_json::to_value(&f.kind) {
        Ok(Value::Object(m)) => m.get("kind").and_then(Value::as_str).unwrap_or("").to_string(),
        _ => String::new(),
    }
}

/// The record as pretty JSON text, ending in a newline.
pub fn to_json_string(audit: &Audit, lang: Lang) -> String {
    let mut s = serde_json::to_string_pretty(&to_json(audit, lang)).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}
