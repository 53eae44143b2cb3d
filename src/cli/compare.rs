//! `hs-audit compare OLD.json NEW.json [--json]`: what changed between two
//! audits, per location and rule: failures that are new, persisting and
//! fixed. A table per location on the terminal, or the contract's JSON.
//! Exit 0; 2 when a file is not a results.json.

use std::io::Write;
use std::path::Path;

use super::Outcome;
use crate::i18n::Lang;
use crate::report::catalogue::{NO_ARGS, msg};
use crate::results::history::{Change, Note, NoteKind, Snapshot, compare, json, read_file};

pub fn run(
    old: &Path,
    new: &Path,
    as_json: bool,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let (then, now) = match (read_file(old), read_file(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            for e in [a.err(), b.err()].into_iter().flatten() {
                writeln!(err, "hs-audit: {}", e.get(lang))?;
            }
            return Ok(Outcome::InputProblem);
        }
    };
    let (changes, notes) = compare(&then, &now);
    if as_json {
        let v = json::compare_output(&then, &now, &changes, &notes);
        writeln!(out, "{}", serde_json::to_string_pretty(&v).unwrap_or_else(|_| "{}".into()))?;
    } else {
        table(&then, &now, &changes, &notes, lang, out)?;
    }
    Ok(Outcome::Clean)
}

fn audit_line(s: &Snapshot, lang: Lang) -> String {
    let args = [
        ("source", s.source.to_string()),
        ("start", s.period_start.to_string()),
        ("end", s.period_end.to_string()),
        ("as_of", s.as_of.to_string()),
    ];
    msg("cli_compare_audit", lang, &args)
}

/// Per location a table of its rules with a failure then or now.
fn table(
    then: &Snapshot,
    now: &Snapshot,
    changes: &[Change],
    notes: &[Note],
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, "{}", msg("cli_compare_before", lang, &[("audit", audit_line(then, lang))]))?;
    writeln!(out, "{}", msg("cli_compare_now", lang, &[("audit", audit_line(now, lang))]))?;
    let head = [
        msg("cli_compare_new", lang, NO_ARGS),
        msg("cli_compare_persisting", lang, NO_ARGS),
        msg("cli_compare_fixed", lang, NO_ARGS),
    ];
    let rule = msg("cli_compare_rule", lang, NO_ARGS);
    let mut location = "";
    for c in changes {
        if c.location_id != location {
            location = &c.location_id;
            let name = now.locations.get(location).map(|l| l.0.as_str()).unwrap_or("");
            writeln!(out, "\n{location} {name}")?;
            writeln!(out, "  {:<8} {:>8} {:>10} {:>9}", rule, head[0], head[1], head[2])?;
        }
        writeln!(
            out,
            "  {:<8} {:>8} {:>10} {:>9}{}",
            c.rule_id,
            c.new_count,
            c.persisting_count,
            c.fixed_count,
            if c.new.is_empty() { String::new() } else { format!("   {}: {}", head[0], c.new.join(", ")) }
        )?;
    }
    if changes.is_empty() {
        writeln!(out, "\n{}", msg("cli_compare_no_failures", lang, NO_ARGS))?;
    }
    if !notes.is_empty() {
        writeln!(out, "\n{}", msg("cli_compare_not_compared", lang, NO_ARGS))?;
        for n in notes {
            writeln!(out, "  {}", note_text(n, lang))?;
        }
    }
    Ok(())
}

pub(crate) fn note_text(n: &Note, lang: Lang) -> String {
    let key = match n.kind {
        NoteKind::LocationOnlyNow => "cli_note_location_only_now",
        NoteKind::LocationOnlyThen => "cli_note_location_only_then",
        NoteKind::RuleOnlyNow => "cli_note_rule_only_now",
        NoteKind::RuleOnlyThen => "cli_note_rule_only_then",
    };
    msg(key, lang, &[("id", n.id.as_str())])
}
