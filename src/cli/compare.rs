//! `hs-audit compare OLD.json NEW.json [--json]`: what changed between two
//! audits, per location and rule: failures that are new, persisting and
//! fixed. A table per location on the terminal, or the contract's JSON.
//! Exit 0; 2 when a file is not a results.json.

use std::io::Write;
use std::path::Path;

use super::Outcome;
use crate::i18n::Lang;
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
    let (p, a) = (lang.pick("periode", "period"), lang.pick("peildatum", "as of"));
    format!("{} ({p} {} – {}, {a} {})", s.source, s.period_start, s.period_end, s.as_of)
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
    writeln!(out, "{}: {}", lang.pick("Eerder", "Before"), audit_line(then, lang))?;
    writeln!(out, "{}: {}", lang.pick("Nu", "Now"), audit_line(now, lang))?;
    let head = [lang.pick("nieuw", "new"), lang.pick("blijvend", "persisting"), lang.pick("opgelost", "fixed")];
    let mut location = "";
    for c in changes {
        if c.location_id != location {
            location = &c.location_id;
            let name = now.locations.get(location).map(|l| l.0.as_str()).unwrap_or("");
            writeln!(out, "\n{location} {name}")?;
            writeln!(out, "  {:<8} {:>8} {:>10} {:>9}", lang.pick("regel", "rule"), head[0], head[1], head[2])?;
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
        writeln!(out, "\n{}", lang.pick("Geen fouten, nu noch eerder.", "No failures, now or before."))?;
    }
    if !notes.is_empty() {
        writeln!(out, "\n{}", lang.pick("Niet vergeleken:", "Not compared:"))?;
        for n in notes {
            writeln!(out, "  {}", note_text(n, lang))?;
        }
    }
    Ok(())
}

pub(crate) fn note_text(n: &Note, lang: Lang) -> String {
    let id = &n.id;
    match (n.kind, lang) {
        (NoteKind::LocationOnlyNow, Lang::Nl) => format!("locatie {id} staat niet in de eerdere audit"),
        (NoteKind::LocationOnlyNow, Lang::En) => format!("location {id} is not in the earlier audit"),
        (NoteKind::LocationOnlyThen, Lang::Nl) => format!("locatie {id} staat alleen in de eerdere audit"),
        (NoteKind::LocationOnlyThen, Lang::En) => format!("location {id} is in the earlier audit only"),
        (NoteKind::RuleOnlyNow, Lang::Nl) => format!("regel {id} was in de eerdere audit niet beoordeeld"),
        (NoteKind::RuleOnlyNow, Lang::En) => format!("rule {id} was not evaluated in the earlier audit"),
        (NoteKind::RuleOnlyThen, Lang::Nl) => format!("regel {id} is nu niet beoordeeld (uitgeschakeld of vervallen)"),
        (NoteKind::RuleOnlyThen, Lang::En) => format!("rule {id} is not evaluated now (disabled or removed)"),
    }
}
