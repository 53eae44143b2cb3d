//! `results.json`: the stable, byte-reproducible record of an audit (schema 1),
//! written one record per line (`json_lines`).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufWriter, Write};

use serde::Serialize;
use serde_json::Value;

use super::audit::{Audit, LocationEntry};
#[cfg(test)]
use super::evidence::Evidence;
use super::json_lines::Object;
use super::outcome::Outcome;
#[cfg(test)]
use super::result::RuleResult;
use super::summary::SummaryRow;
use super::verdicts::Verdict;
use crate::findings::{FindingKind, InputFinding};
use crate::i18n::Lang;

pub const SCHEMA_VERSION: u32 = 1;

/// Numbers in the record keep four decimals: enough to see a threshold
/// missed by a hair, few enough to stay readable and stable.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A number as the record writes it: whole numbers without a fraction.
#[derive(Serialize)]
#[serde(untagged)]
enum Num {
    Int(i64),
    Real(f64),
}

fn number(x: f64) -> Num {
    let r = round4(x);
    if r.fract() == 0.0 && r.abs() < 1e15 { Num::Int(r as i64) } else { Num::Real(r) }
}

// Field order below is alphabetical: the record has always been written with
// its keys sorted, and streaming it keeps those bytes.

/// A result as the record lists it: the reference that the result written by
/// hand (`super::json_result`) is tested against.
#[cfg(test)]
#[derive(Serialize)]
pub(super) struct ResultJson<'a> {
    #[serde(skip_serializing_if = "Evidence::is_empty")]
    evidence: &'a Evidence,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected: &'a Option<Box<str>>,
    location_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    measured: Option<Num>,
    message: &'a str,
    outcome: &'static str,
    rule_id: &'a str,
    severity: &'static str,
    subject_id: Option<&'a str>,
}

#[cfg(test)]
pub(super) fn result_json(r: &RuleResult, lang: Lang) -> ResultJson<'_> {
    ResultJson {
        evidence: &r.evidence,
        expected: &r.expected,
        location_id: &r.location_id,
        measured: r.measured.map(number),
        message: r.message.get(lang),
        outcome: r.outcome.as_str(),
        rule_id: &r.rule_id,
        severity: r.severity.as_str(),
        subject_id: r.subject_id.as_deref(),
    }
}

#[derive(Serialize)]
struct LocationJson<'a> {
    location_id: &'a str,
    metrics: BTreeMap<&'a str, Num>,
    name: &'a str,
    source: &'a str,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    column: &'a Option<String>,
    file: &'a str,
    kind: String,
    message: String,
    row: Option<u32>,
    sheet: &'a Option<String>,
    value: &'a Option<String>,
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    fail: usize,
    location_id: &'a str,
    not_applicable: usize,
    not_evaluated: usize,
    not_yet_due: usize,
    pass: usize,
    rule_id: &'a str,
    waived: usize,
}

#[derive(Serialize)]
struct PeriodJson {
    end: String,
    start: String,
}

#[derive(Serialize)]
struct RulebookJson<'a> {
    id: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct ToolJson<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct VerdictJson<'a> {
    fail_share: Option<Num>,
    location_id: &'a str,
    outcome: &'static str,
    rule_id: &'a str,
    tolerance: Option<Num>,
}

/// An input finding as the record writes it (its kind's name from `kinds`).
fn finding_json<'a>(f: &'a InputFinding, kinds: &FindingKinds, lang: Lang) -> FindingJson<'a> {
    FindingJson {
        column: &f.column,
        file: &f.file,
        kind: kinds.name(f),
        message: f.message(lang),
        row: f.row,
        sheet: &f.sheet,
        value: &f.value,
    }
}

fn location_json(l: &LocationEntry) -> LocationJson<'_> {
    LocationJson {
        location_id: &l.location_id,
        metrics: l.metrics.iter().map(|(k, v)| (k.as_str(), number(*v))).collect(),
        name: &l.name,
        source: &l.source,
    }
}

/// A verdict as the record writes it: shares with four decimals, `null`
/// where a location rule has no share or tolerance.
fn verdict_json(v: &Verdict) -> VerdictJson<'_> {
    VerdictJson {
        fail_share: v.fail_share.map(number),
        location_id: &v.location_id,
        outcome: v.outcome.as_str(),
        rule_id: &v.rule_id,
        tolerance: v.tolerance.map(number),
    }
}

fn summary_json(s: &SummaryRow) -> SummaryJson<'_> {
    SummaryJson {
        fail: s.counts.fail,
        location_id: &s.location_id,
        not_applicable: s.counts.not_applicable,
        not_evaluated: s.counts.not_evaluated,
        not_yet_due: s.counts.not_yet_due,
        pass: s.counts.pass,
        rule_id: &s.rule_id,
        waived: s.counts.waived,
    }
}

/// Writes the record to `w` one record per line (`json_lines`), ending in a
/// newline, streaming: `results` holds every location rule result and every
/// trajectory rule result whose outcome is not `pass`. Cost: O(record), one
/// pass; nothing but the small parts is held in memory.
pub fn write_json(audit: &Audit, lang: Lang, w: impl Write) -> std::io::Result<()> {
    let mut w = BufWriter::with_capacity(1 << 16, w);
    let kinds = FindingKinds::default();
    // Field by field, in alphabetical order (the record's key order); the
    // long lists printed in parallel batches.
    let mut o = Object::start(&mut w)?;
    o.field("as_of", &iso(audit.as_of))?;
    if let Some(c) = audit.comparison.as_ref().map(super::history::json::comparison) {
        // Its `changes` go per location and rule: a list per line, as the others.
        o.expanded("comparison", &c)?;
    }
    o.lines("input_findings", audit.input_findings.iter().map(|f| finding_json(f, &kinds, lang)))?;
    o.lines("locations", audit.locations.iter().map(location_json))?;
    o.field("period", &PeriodJson { end: iso(audit.period_end), start: iso(audit.period_start) })?;
    let listed = audit.results.iter().filter(|r| r.subject_id.is_none() || r.outcome != Outcome::Pass);
    // Written by hand: the bytes serde_json prints for `result_json` (a test compares), without its escaping
    // byte by byte through some 300 MB of messages at national scale.
    o.list_printed("results", listed, |r, buf| {
        super::json_result::push_result(buf, r, lang);
        Ok(())
    })?;
    o.field("rulebook", &RulebookJson { id: &audit.rulebook_id, version: &audit.rulebook_version })?;
    o.field("schema_version", &SCHEMA_VERSION)?;
    o.list("summary", audit.summary.iter(), summary_json)?;
    o.field("tool", &ToolJson { name: "hs-audit", version: &audit.tool_version })?;
    o.list("verdicts", audit.verdicts.iter(), verdict_json)?;
    // Through a JSON value: its keys sorted (the waiver structs' fields are not).
    o.field("waivers", &serde_json::to_value(&audit.waivers).map_err(std::io::Error::other)?)?;
    o.end()?;
    w.write_all(b"\n")?;
    w.flush()
}

fn iso(d: chrono::NaiveDate) -> String {
    super::result::iso_date(d)
}

/// The snake_case tag of each kind of finding (`invalid_date`,
/// `missing_sheet`), worked out once per kind.
#[derive(Default)]
struct FindingKinds {
    names: RefCell<HashMap<std::mem::Discriminant<FindingKind>, String>>,
}

impl FindingKinds {
    fn name(&self, f: &InputFinding) -> String {
        let key = std::mem::discriminant(&f.kind);
        if let Some(name) = self.names.borrow().get(&key) {
            return name.clone();
        }
        let name = match serde_json::to_value(&f.kind) {
            Ok(Value::Object(m)) => m.get("kind").and_then(Value::as_str).unwrap_or("").to_string(),
            _ => String::new(),
        };
        self.names.borrow_mut().insert(key, name.clone());
        name
    }
}

/// The record as a JSON value (tests and tools; `write_json` writes the same).
pub fn to_json(audit: &Audit, lang: Lang) -> Value {
    serde_json::from_slice(to_json_string(audit, lang).as_bytes()).unwrap_or(Value::Null)
}

/// The record as text, as `write_json` writes it.
pub fn to_json_string(audit: &Audit, lang: Lang) -> String {
    let mut bytes = Vec::new();
    if write_json(audit, lang, &mut bytes).is_err() {
        return "{}\n".to_string();
    }
    String::from_utf8(bytes).unwrap_or_else(|_| "{}\n".to_string())
}

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;
