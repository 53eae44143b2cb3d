//! Waiver files (`--waivers FILE`): `[[waiver]]` tables with the keys fixed
//! by the spec (rule, location, subject, reason, approved_by, expires), each
//! checked with file, line and column.

use chrono::NaiveDate;
use toml::de::{DeTable, DeValue};

use super::diagnostics::Diagnostic;
use super::raw::{self, SourceFile, Value};
use crate::rules::registry::RuleSpec;

const WAIVER_KEYS: [&str; 6] = ["rule", "location", "subject", "reason", "approved_by", "expires"];

/// One waiver: a failed rule, at a location (and optionally one trajectory),
/// accepted until its expiry date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    pub rule: String,
    pub location: String,
    /// A trajectory; `None` covers every failure of the rule at the location.
    pub subject: Option<String>,
    pub reason: String,
    pub approved_by: String,
    pub expires: NaiveDate,
    /// The line of the waiver's `[[waiver]]` header (1-based).
    pub line: usize,
}

/// Reads every waiver of a parsed file; problems go to `diags`, and a waiver
/// with a problem is left out.
pub(crate) fn read(
    file: &SourceFile,
    doc: &DeTable<'_>,
    specs: &[RuleSpec],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Waiver> {
    let mut waivers = Vec::new();
    for (key, v) in doc.iter() {
        let k = key.get_ref().as_ref();
        if k != "waiver" {
            diags.push(raw::unknown_key(
                file,
                key,
                &crate::report::catalogue::text("rb_within_waiver_file", crate::report::catalogue::NO_ARGS),
                &["waiver"],
            ));
            continue;
        }
        let DeValue::Array(list) = v.get_ref() else {
            diags.push(file.at(
                v.span(),
                crate::report::catalogue::text("rb_waiver_not_a_list", crate::report::catalogue::NO_ARGS),
            ));
            continue;
        };
        for item in list.iter() {
            if let Some(w) = read_one(file, item, specs, diags) {
                waivers.push(w);
            }
        }
    }
    waivers
}

fn read_one(file: &SourceFile, item: &Value<'_>, specs: &[RuleSpec], diags: &mut Vec<Diagnostic>) -> Option<Waiver> {
    let place = file.place(item.span().start);
    let t = raw::table(file, "waiver", item, diags)?;
    let before = diags.len();
    let (mut rule, mut location, mut subject, mut reason, mut approved_by, mut expires) =
        (None, None, None, None, None, None);
    let within = crate::report::catalogue::text("rb_within_waiver", crate::report::catalogue::NO_ARGS);
    for (key, v) in t.iter() {
        let k = key.get_ref().as_ref();
        match k {
            "rule" => rule = rule_id(file, v, specs, diags),
            "location" => location = raw::text(file, k, v, diags).map(|s| s.value),
            "subject" => subject = raw::text(file, k, v, diags).map(|s| s.value),
            "reason" => reason = raw::text(file, k, v, diags).map(|s| s.value),
            "approved_by" => approved_by = raw::text(file, k, v, diags).map(|s| s.value),
            "expires" => expires = date(file, v, diags),
            _ => diags.push(raw::unknown_key(file, key, &within, &WAIVER_KEYS)),
        }
    }
    for key in ["rule", "location", "reason", "approved_by", "expires"] {
        if !t.contains_key(key) {
            diags.push(place.diag(crate::report::catalogue::text("rb_waiver_missing_key", &[("key", key)])));
        }
    }
    if diags.len() > before {
        return None;
    }
    Some(Waiver {
        rule: rule?,
        location: location?,
        subject,
        reason: reason?,
        approved_by: approved_by?,
        expires: expires?,
        line: place.line,
    })
}

fn rule_id(file: &SourceFile, v: &Value<'_>, specs: &[RuleSpec], diags: &mut Vec<Diagnostic>) -> Option<String> {
    let id = raw::text(file, "rule", v, diags)?.value;
    if specs.iter().any(|s| s.id == id) {
        return Some(id);
    }
    let ids: Vec<&str> = specs.iter().map(|s| s.id).collect();
    let hint = raw::suggest(&id, &ids)
        .map(|s| crate::report::catalogue::text("rb_did_you_mean_rule", &[("suggestion", s)]))
        .unwrap_or_default();
    let message = crate::report::catalogue::text_by_lang("rb_unknown_rule", |lang| {
        vec![("id", id.clone()), ("hint", hint.get(lang).to_string())]
    });
    diags.push(file.at(v.span(), message));
    None
}

/// `expires`: a TOML date (`2027-03-31`) or the same as a string.
fn date(file: &SourceFile, v: &Value<'_>, diags: &mut Vec<Diagnostic>) -> Option<NaiveDate> {
    let parsed = match v.get_ref() {
        DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)),
            _ => None,
        },
        DeValue::String(s) => parse_ymd(s.trim()),
        _ => None,
    };
    if parsed.is_none() {
        let shown = file.text.get(v.span()).unwrap_or("");
        diags.push(file.at(
            v.span(),
            crate::report::catalogue::text("rb_waiver_expires_not_a_date", &[("value", shown.to_string())]),
        ));
    }
    parsed
}

/// Exactly `YYYY-MM-DD`.
fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}
