//! History as JSON: `comparison` in `results.json`, and the output of
//! `hs-audit compare --json`.

use serde_json::{Value, json};

use super::changes::{Change, Comparison, Note};
use super::snapshot::Snapshot;

fn audit_ref(s: &Snapshot) -> Value {
    json!({
        "source": s.source,
        "period": {"start": s.period_start.format("%Y-%m-%d").to_string(), "end": s.period_end.format("%Y-%m-%d").to_string()},
        "as_of": s.as_of.format("%Y-%m-%d").to_string(),
    })
}

fn note(n: &Note) -> Value {
    json!({"kind": n.kind.as_str(), "id": n.id})
}

/// `comparison` of `results.json`: the earlier audits used (oldest first),
/// the one compared with, the counts per location and rule with a failure
/// then or now, and the notes.
pub fn comparison(c: &Comparison) -> Value {
    let changes: Vec<Value> = c
        .changes
        .iter()
        .map(|ch| {
            json!({
                "location_id": ch.location_id,
                "rule_id": ch.rule_id,
                "new": ch.new_count,
                "persisting": ch.persisting_count,
                "fixed": ch.fixed_count,
            })
        })
        .collect();
    json!({
        "previous": c.previous.iter().map(audit_ref).collect::<Vec<_>>(),
        "compared_with": c.against().map(audit_ref),
        "changes": changes,
        "notes": c.notes.iter().map(note).collect::<Vec<_>>(),
    })
}

/// One change as `compare --json` gives it; `subjects` only for trajectory rules.
fn change(ch: &Change) -> Value {
    let mut v = json!({
        "location_id": ch.location_id,
        "rule_id": ch.rule_id,
        "new": ch.new_count,
        "persisting": ch.persisting_count,
        "fixed": ch.fixed_count,
    });
    if !ch.location_rule
        && let Some(m) = v.as_object_mut()
    {
        m.insert("subjects".into(), json!({"new": ch.new, "fixed": ch.fixed, "persisting": ch.persisting}));
    }
    v
}

/// The output of `compare --json`: the changes, the two audits and the notes.
pub fn compare_output(old: &Snapshot, new: &Snapshot, changes: &[Change], notes: &[Note]) -> Value {
    json!({
        "old": audit_ref(old),
        "new": audit_ref(new),
        "changes": changes.iter().map(change).collect::<Vec<_>>(),
        "notes": notes.iter().map(note).collect::<Vec<_>>(),
    })
}
