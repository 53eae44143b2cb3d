//! One element of `results.json`'s `results` list, written byte by byte: the bytes serde_json prints for
//! [`super::json::ResultJson`] (compact, keys in order), made without going through serde. A national record holds
//! some 750,000 results whose messages are most of its 330 MB, and serde_json looks up every byte of a string in
//! its escape table: here a string is copied 16 bytes at a time until a byte needs escaping.
//!
//! Cost: O(bytes written); no allocation but the output's growth.

use super::evidence::Fact;
use super::json::round4;
use super::result::RuleResult;
use crate::i18n::Lang;

/// True for the bytes JSON strings escape: `"`, `\` and control characters.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, and
/// `\u00xx` (lower-case hex) for the other control characters; every other character as it is.
pub fn push_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.push(b'"');
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 16)
            && !chunk.iter().fold(false, |any, &b| any | needs_escape(b))
        {
            i += 16;
            continue;
        }
        let b = bytes.get(i).copied().unwrap_or_default();
        if needs_escape(b) {
            out.extend_from_slice(bytes.get(start..i).unwrap_or_default());
            push_escape(out, b);
            start = i + 1;
        }
        i += 1;
    }
    out.extend_from_slice(bytes.get(start..).unwrap_or_default());
    out.push(b'"');
}

fn push_escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0C => out.extend_from_slice(b"\\f"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\t' => out.extend_from_slice(b"\\t"),
        _ => out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]]),
    }
}

/// Appends a measured value as the record writes it (`super::json::number`): rounded to 4 decimals, a whole number
/// without a fraction, other numbers as serde_json prints them, `null` for what is not finite.
fn push_number(out: &mut Vec<u8>, x: f64) {
    let r = round4(x);
    if r.fract() == 0.0 && r.abs() < 1e15 {
        out.extend_from_slice(itoa::Buffer::new().format(r as i64).as_bytes());
    } else if r.is_finite() {
        out.extend_from_slice(zmij::Buffer::new().format_finite(r).as_bytes());
    } else {
        out.extend_from_slice(b"null");
    }
}

/// Appends `"name":` after a comma, or after the object's `{` for the first field.
fn push_key(out: &mut Vec<u8>, first: &mut bool, name: &str) {
    out.push(if std::mem::take(first) { b'{' } else { b',' });
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
}

/// Appends the result as the record lists it, its message in `lang`.
pub fn push_result(out: &mut Vec<u8>, r: &RuleResult, lang: Lang) {
    let mut first = true;
    if !r.evidence.is_empty() {
        push_key(out, &mut first, "evidence");
        let mut first_entry = true;
        for (key, fact) in r.evidence.iter() {
            out.push(if std::mem::take(&mut first_entry) { b'{' } else { b',' });
            push_str(out, key);
            out.push(b':');
            match fact {
                Fact::Text(t) => push_str(out, &t),
                Fact::Date(d) => push_str(out, &super::result::iso_in(d, &mut [0; 10])),
            }
        }
        out.push(b'}');
    }
    if let Some(expected) = &r.expected {
        push_key(out, &mut first, "expected");
        push_str(out, expected);
    }
    push_key(out, &mut first, "location_id");
    push_str(out, &r.location_id);
    if let Some(m) = r.measured {
        push_key(out, &mut first, "measured");
        push_number(out, m);
    }
    push_key(out, &mut first, "message");
    push_str(out, r.message.get(lang));
    push_key(out, &mut first, "outcome");
    push_str(out, r.outcome.as_str());
    push_key(out, &mut first, "rule_id");
    push_str(out, &r.rule_id);
    push_key(out, &mut first, "severity");
    push_str(out, r.severity.as_str());
    push_key(out, &mut first, "subject_id");
    match &r.subject_id {
        Some(s) => push_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
    out.push(b'}');
}

#[cfg(test)]
#[path = "json_result_tests.rs"]
mod tests;
