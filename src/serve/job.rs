//! One check, run on a blocking thread: reads the uploaded exports (named as
//! uploaded, not by the temporary folder), audits them with `check`'s own
//! code, renders every format in memory and gathers what the answer shows.
//! Cost: the exports' tables and the rendered reports, held for one answer.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::answer::{Answer, ExportRead, FindingLine, RuleRow, SheetRead, Verdict};
use super::downloads::downloads;
use super::progress::{Progress, Stage};
use super::texts::Texts;
use super::upload::Fields;
use crate::cli::check::{CheckOptions, audit_with, render_outputs};
use crate::i18n::Lang;
use crate::ingest::display_path;
use crate::report::{Audience, Format, ReportOptions};
use crate::results::{Audit, Outcome, Severity};
use crate::rulebook::Rulebook;
use crate::tables::{Export, read_paths_with_progress};

/// Runs the check of the uploaded `paths` (inside `dir`) as the form asks.
pub fn run(paths: Vec<PathBuf>, dir: &Path, fields: &Fields, lang: Lang, progress: &Progress) -> Answer {
    let t = Texts::new(lang);
    let audience = match fields.audience.as_str() {
        "location" => Some(Audience::Location),
        "municipality" => Some(Audience::Municipality),
        "national" => Some(Audience::National),
        _ => None,
    };
    let given = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let opts = CheckOptions {
        period: given(&fields.period),
        from: given(&fields.from),
        to: given(&fields.to),
        as_of: given(&fields.as_of),
        audience,
        municipality: given(&fields.municipality),
        formats: vec![Format::Html, Format::Md, Format::Json, Format::Xlsx],
        lang,
        ..CheckOptions::new(paths, PathBuf::new())
    };
    let mut read = Vec::new();
    let hide_rows = audience == Some(Audience::Municipality);
    progress.set_stage(Stage::Reading);
    let audited = audit_with(&opts, |paths| {
        let mut exports = read_paths_with_progress(paths, &|n| progress.set_total(n as u64), &|| progress.one_done());
        progress.set_stage(Stage::Auditing);
        let prefix = format!("{}/", display_path(dir));
        exports.iter_mut().for_each(|e| rename_sources(e, &prefix));
        read = exports.iter().map(|e| what_was_read(e, hide_rows, &t)).collect();
        exports
    });
    let mut answer = Answer { read, ..Answer::default() };
    let (audit, rulebook) = match audited {
        Ok(a) => a,
        Err(problems) => {
            answer.problems = problems;
            return answer;
        }
    };
    answer.municipalities = municipalities(&audit);
    answer.period_line = t.fill(
        "srv_period_line",
        &[
            ("start", &audit.period_start.to_string()),
            ("end", &audit.period_end.to_string()),
            ("as_of", &audit.as_of.to_string()),
        ],
    );
    let audience = audience.unwrap_or(if audit.locations.len() > 1 { Audience::National } else { Audience::Location });
    if audience == Audience::Municipality && opts.municipality.is_none() {
        let list = if answer.municipalities.is_empty() {
            t.get("srv_no_municipalities")
        } else {
            answer.municipalities.join(", ")
        };
        answer.problems.push(t.fill("srv_need_municipality", &[("list", &list)]));
        return answer;
    }
    let report_opts = ReportOptions {
        audience,
        municipality: opts.municipality.clone(),
        formats: opts.formats.clone(),
        lang,
        templates: None,
        earlier: Vec::new(),
    };
    let files = match render_outputs(&audit, &rulebook, &report_opts) {
        Ok(f) => f,
        Err(problem) => {
            answer.problems.push(problem.get(lang).to_string());
            return answer;
        }
    };
    answer.verdict = Some(verdict(&audit, audience, opts.municipality.as_deref().unwrap_or(""), &t));
    if audience != Audience::Municipality {
        answer.rules = rule_rows(&audit, &rulebook, &t);
    }
    answer.reports = files
        .iter()
        .filter(|f| f.name.ends_with(".html"))
        .map(|f| (f.name.clone(), String::from_utf8_lossy(&f.bytes).into_owned()))
        .collect();
    answer.downloads = downloads(&files, &t);
    progress.set_stage(Stage::Done);
    answer
}

/// Names the export, its sheets and findings as uploaded (`L001.xlsx`,
/// `csv/gezinnen.csv`) instead of by the temporary folder.
fn rename_sources(export: &mut Export, prefix: &str) {
    let strip = |s: &mut String| {
        let short = s.strip_prefix(prefix).map(|r| r.strip_prefix("files/").unwrap_or(r).to_string());
        if let Some(short) = short {
            *s = short;
        }
    };
    strip(&mut export.source);
    export.sheets.iter_mut().for_each(|s| strip(&mut s.file));
    export.findings.iter_mut().for_each(|f| strip(&mut f.file));
}

/// What `inspect` shows of one export. For a municipality's page the
/// findings are counted only (their places are families' rows), and rows not
/// at all (a small location's count of families).
fn what_was_read(export: &Export, hide_rows: bool, t: &Texts) -> ExportRead {
    let findings: Vec<FindingLine> = if hide_rows {
        Vec::new()
    } else {
        export.findings.iter().map(|f| FindingLine { place: f.place(t.lang), message: f.message(t.lang) }).collect()
    };
    let n = export.findings.len().to_string();
    ExportRead {
        title: t.fill("srv_export", &[("name", &export.source)]),
        locations: export
            .locations
            .iter()
            .map(|l| t.fill("srv_location", &[("id", &l.id), ("name", &l.name)]))
            .collect(),
        sheets: export
            .sheets
            .iter()
            .map(|s| SheetRead {
                line: t.fill(
                    match (hide_rows, s.rows) {
                        // A municipality's page counts no rows: they are families elsewhere.
                        (true, _) => "srv_sheet_uncounted",
                        (false, 1) => "srv_sheet_one",
                        (false, _) => "srv_sheet",
                    },
                    &[("kind", s.kind.name()), ("name", &s.sheet_name), ("rows", &s.rows.to_string())],
                ),
                columns: s
                    .columns
                    .iter()
                    .map(|(c, h)| if c == h { c.clone() } else { format!("{c} \u{2190} \"{h}\"") })
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect(),
        findings_line: match (export.findings.is_empty(), hide_rows) {
            (true, _) => t.get("srv_no_findings"),
            (false, false) => t.fill("srv_findings", &[("n", &n)]),
            (false, true) => t.fill("srv_findings_hidden", &[("n", &n)]),
        },
        has_findings: !export.findings.is_empty(),
        findings,
    }
}

/// The municipalities the families live in, as the data spells them.
fn municipalities(audit: &Audit) -> Vec<String> {
    let set: BTreeSet<String> = audit
        .trajectories
        .iter()
        .filter_map(|f| f.gemeente.as_deref().map(str::trim).filter(|g| !g.is_empty()).map(str::to_string))
        .collect();
    set.into_iter().collect()
}

fn verdict(audit: &Audit, audience: Audience, municipality: &str, t: &Texts) -> Verdict {
    if audience == Audience::Municipality {
        return Verdict { kind: "info", lines: vec![t.fill("srv_verdict_municipality", &[("name", municipality)])] };
    }
    let failed = |severity: Severity| {
        audit
            .results
            .iter()
            .filter(|r| r.outcome == Outcome::Fail && r.severity == severity)
            .map(|r| r.rule_id.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    };
    let (errors, warnings) = (failed(Severity::Error), failed(Severity::Warning));
    let mut lines = Vec::new();
    if audit.has_unreadable_input() {
        lines.push(t.get("srv_verdict_unread"));
    }
    lines.push(match errors {
        0 => t.get("srv_verdict_ok"),
        1 => t.get("srv_verdict_fail_one"),
        n => t.fill("srv_verdict_fail", &[("n", &n.to_string())]),
    });
    match warnings {
        0 => {}
        1 => lines.push(t.get("srv_verdict_warnings_one")),
        n => lines.push(t.fill("srv_verdict_warnings", &[("n", &n.to_string())])),
    }
    Verdict { kind: if errors == 0 && !audit.has_unreadable_input() { "ok" } else { "fail" }, lines }
}

/// Every enabled rule with its outcome counts over all locations.
fn rule_rows(audit: &Audit, rulebook: &Rulebook, t: &Texts) -> Vec<RuleRow> {
    rulebook
        .rules
        .iter()
        .filter(|r| r.enabled)
        .map(|rule| {
            let rows = audit.summary.iter().filter(|s| s.rule_id == rule.id);
            let (fail, pass) = rows.fold((0, 0), |(f, p), s| (f + s.counts.fail, p + s.counts.pass));
            let (outcome, key) = match (fail, pass) {
                (f, _) if f > 0 => ("fail", "srv_outcome_fail"),
                (_, p) if p > 0 => ("pass", "srv_outcome_pass"),
                _ => ("none", "srv_outcome_none"),
            };
            RuleRow {
                id: rule.id.clone(),
                title: rule.title.get(t.lang).to_string(),
                severity: t.get(&format!("srv_severity_{}", rule.severity.as_str())),
                outcome,
                outcome_text: t.get(key),
                fail,
                pass,
            }
        })
        .collect()
}
