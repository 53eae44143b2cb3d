//! The terminal summary of `check`: per location the rules that failed (with
//! the failing family ids, except in a municipality's run, which shows neither
//! ids nor counts of families), then where the reports were written.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use crate::i18n::Lang;
use crate::results::{Audit, Outcome};
use crate::rulebook::Rulebook;

/// Subjects listed per failed rule before "and N more".
const MAX_SUBJECTS: usize = 8;

pub fn write_summary(
    audit: &Audit,
    rulebook: &Rulebook,
    lang: Lang,
    show_subjects: bool,
    only: Option<&std::collections::BTreeSet<String>>,
    written: &[PathBuf],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let period = format!("{} – {}", audit.period_start.format("%Y-%m-%d"), audit.period_end.format("%Y-%m-%d"));
    writeln!(
        out,
        "{} {period}, {} {}",
        lang.pick("Periode", "Period"),
        lang.pick("peildatum", "as of"),
        audit.as_of.format("%Y-%m-%d")
    )?;
    for loc in audit.locations.iter().filter(|l| only.is_none_or(|o| o.contains(&l.location_id))) {
        writeln!(out, "\n{} {} ({})", loc.location_id, loc.name, loc.source)?;
        let mut failed: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for r in audit.results.iter().filter(|r| r.location_id == loc.location_id && r.outcome == Outcome::Fail) {
            failed.entry(r.rule_id.as_str()).or_default().extend(r.subject_id.as_deref());
        }
        if failed.is_empty() {
            writeln!(out, "  {}", lang.pick("Geen regels gefaald.", "No rule failed."))?;
        }
        for (rule_id, subjects) in failed {
            let (title, severity) = rulebook
                .rule(rule_id)
                .map(|r| (r.title.get(lang).to_string(), r.severity.as_str()))
                .unwrap_or_default();
            let mut line = format!("  {} {rule_id} {title} [{severity}]", lang.pick("FAALT", "FAILS"));
            if show_subjects && !subjects.is_empty() {
                let shown: Vec<&str> = subjects.iter().take(MAX_SUBJECTS).copied().collect();
                line.push_str(&format!(": {}", shown.join(", ")));
                if subjects.len() > MAX_SUBJECTS {
                    let more = subjects.len() - MAX_SUBJECTS;
                    line.push_str(&format!(" {} {more} {}", lang.pick("en", "and"), lang.pick("meer", "more")));
                }
            }
            writeln!(out, "{line}")?;
        }
    }
    if !audit.input_findings.is_empty() {
        writeln!(
            out,
            "\n{}: {} ({})",
            lang.pick("Invoerbevindingen", "Input findings"),
            audit.input_findings.len(),
            lang.pick("zie results.json of `hs-audit inspect`", "see results.json or `hs-audit inspect`")
        )?;
    }
    writeln!(out)?;
    for p in written {
        writeln!(out, "{}: {}", lang.pick("Geschreven", "Written"), crate::ingest::display_path(p))?;
    }
    Ok(())
}
