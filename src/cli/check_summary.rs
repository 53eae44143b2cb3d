//! The terminal summary of `check`: per location the rules that failed (with
//! the failing family ids, except in a municipality's run, which shows neither
//! ids nor counts of families), then where the reports were written. The
//! texts are keys of `reports/messages/cli.toml`.

use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use crate::i18n::Lang;
use crate::report::Catalogue;
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
    crate::report::catalogue::with_current(|c| {
        write_summary_with(c, audit, rulebook, lang, Shown { subjects: show_subjects, only }, written, out)
    })
}

/// The catalogue key of a severity's word (`fout`, `error`).
fn severity_key(s: crate::results::Severity) -> &'static str {
    match s {
        crate::results::Severity::Error => "rb_prose_error",
        crate::results::Severity::Warning => "rb_prose_warning",
        crate::results::Severity::Info => "rb_prose_info",
    }
}

/// What the summary shows: failing family ids or not, and only the
/// locations in `only` (a municipality's run) or all.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    pub subjects: bool,
    pub only: Option<&'a std::collections::BTreeSet<String>>,
}

/// As [`write_summary`], with the texts from `catalogue`.
pub fn write_summary_with(
    catalogue: &Catalogue,
    audit: &Audit,
    rulebook: &Rulebook,
    lang: Lang,
    shown: Shown<'_>,
    written: &[PathBuf],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let Shown { subjects: show_subjects, only } = shown;
    let t = |key: &str, args: &[(&str, String)]| catalogue.fill(key, lang, args);
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let period = [("start", day(audit.period_start)), ("end", day(audit.period_end)), ("as_of", day(audit.as_of))];
    writeln!(out, "{}", t("cli_summary_period", &period))?;
    // Failures grouped by location once: O(results), not a scan per location.
    let mut by_location: HashMap<&str, BTreeMap<&str, Vec<&str>>> = HashMap::new();
    for r in audit.results.iter().filter(|r| r.outcome == Outcome::Fail) {
        let failed = by_location.entry(r.location_id.as_str()).or_default();
        failed.entry(r.rule_id.as_str()).or_default().extend(r.subject_id.as_deref());
    }
    for loc in audit.locations.iter().filter(|l| only.is_none_or(|o| o.contains(&l.location_id))) {
        writeln!(out, "\n{} {} ({})", loc.location_id, loc.name, loc.source)?;
        let failed = by_location.get(loc.location_id.as_str()).cloned().unwrap_or_default();
        if failed.is_empty() {
            writeln!(out, "  {}", t("cli_summary_no_failures", &[]))?;
        }
        for (rule_id, subjects) in failed {
            let (title, severity) = rulebook
                .rule(rule_id)
                .map(|r| (r.title.get(lang).to_string(), t(severity_key(r.severity), &[])))
                .unwrap_or_default();
            let args = [("rule_id", rule_id.to_string()), ("title", title), ("severity", severity)];
            let mut line = format!("  {}", t("cli_summary_fails", &args));
            if show_subjects && !subjects.is_empty() {
                let shown: Vec<&str> = subjects.iter().take(MAX_SUBJECTS).copied().collect();
                line.push_str(&format!(": {}", shown.join(", ")));
                if subjects.len() > MAX_SUBJECTS {
                    let more = subjects.len() - MAX_SUBJECTS;
                    line.push_str(&format!(" {}", t("cli_summary_more", &[("count", more.to_string())])));
                }
            }
            writeln!(out, "{line}")?;
        }
    }
    if !audit.input_findings.is_empty() {
        let count = audit.input_findings.len().to_string();
        writeln!(out, "\n{}", t("cli_summary_findings", &[("count", count)]))?;
    }
    writeln!(out)?;
    for p in written {
        writeln!(out, "{}", t("cli_summary_written", &[("path", crate::ingest::display_path(p))]))?;
    }
    Ok(())
}
