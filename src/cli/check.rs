//! `hs-audit check`: audit exports against the rulebook, write results.json
//! and the reports, print a short summary, and exit 0, 1 or 2.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Outcome;
use super::period::{UsageError, check_options, resolve};
use crate::i18n::Lang;
use crate::report::catalogue::{NO_ARGS, msg, text};
use crate::report::{self, Audience, Format, ReportOptions};
use crate::results::{Audit, LocationEntry, Severity, Text, WaiverEntry, apply_waivers, json, summarize_results};
use crate::rulebook::{self, Diagnostic, Rulebook};
use crate::rules::model::Location;
use crate::rules::{build_model::build_locations, evaluate, evaluate_releasing, registry};
use crate::tables::Export;

/// `--fail-on`: the least severity of an unwaived failure that makes the run fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
// (Plain comments, no doc comments: clap would show those as the values'
// help, in English; `help_check_fail_on` in the catalogue explains them.)
pub enum FailOn {
    // A failed `error` rule makes the exit status 1.
    Error,
    // A failed `error` or `warning` rule makes the exit status 1.
    Warning,
    // The exit status is never 1.
    Never,
}

/// Everything `check` was asked to do.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub rules: Option<PathBuf>,
    pub period: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub as_of: Option<String>,
    pub waivers: Option<PathBuf>,
    pub audience: Option<Audience>,
    pub municipality: Option<String>,
    pub formats: Vec<Format>,
    pub templates: Option<PathBuf>,
    pub out: PathBuf,
    pub lang: Lang,
    pub fail_on: FailOn,
    /// Earlier audits' results.json (`--previous`).
    pub previous: Vec<PathBuf>,
}

impl CheckOptions {
    /// `check PATHS --out OUT` with every other option as the command line
    /// defaults it (a test compares the two); callers change what they need.
    pub fn new(paths: Vec<PathBuf>, out: PathBuf) -> Self {
        CheckOptions {
            paths,
            rules: None,
            period: None,
            from: None,
            to: None,
            as_of: None,
            waivers: None,
            audience: None,
            municipality: None,
            formats: vec![Format::Html, Format::Json],
            templates: None,
            out,
            lang: Lang::Nl,
            fail_on: FailOn::Error,
            previous: Vec::new(),
        }
    }
}

/// Runs an audit and returns the model, or usage problems to print.
/// The model keeps what `check`'s outputs read (see [`Keep::WhatOutputsRead`]).
pub fn audit(opts: &CheckOptions) -> Result<(Audit, Rulebook), Vec<String>> {
    audit_keeping(opts, super::progress::read_and_build_with_progress_bar, Keep::WhatOutputsRead)
}

/// As [`audit`], reading the exports of `opts.paths` with `read` (the web
/// page reads them with its own progress and names them as uploaded), and
/// keeping everything (the web page offers every audience's outputs).
pub fn audit_with(
    opts: &CheckOptions,
    read: impl FnOnce(&[PathBuf]) -> Vec<Export>,
) -> Result<(Audit, Rulebook), Vec<String>> {
    audit_keeping(opts, then_build(read), Keep::Everything)
}

/// `read`, then the locations of every export built (for a reader that returns every export at once).
pub fn then_build(
    read: impl FnOnce(&[PathBuf]) -> Vec<Export>,
) -> impl FnOnce(&[PathBuf]) -> (Vec<Export>, Vec<Location>) {
    move |paths| {
        let mut exports = read(paths);
        let locations = build_locations(&mut exports);
        (exports, locations)
    }
}

/// What the audit model keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Every result and every trajectory's facts.
    Everything,
    /// Messages in the run's language only (every output of `check` is in
    /// it). For a national run without `--previous`, also: the passes of
    /// trajectory rules are counted, not kept, and no trajectory facts are
    /// made: the national report, results.json and the terminal read only
    /// counts of them (most of a national run's memory).
    WhatOutputsRead,
}

/// The audience of the run: the one asked for, else national for more than
/// one location and location for one.
fn audience_of(opts: &CheckOptions, locations: usize) -> Audience {
    match opts.audience {
        Some(a) => a,
        None if locations > 1 => Audience::National,
        None => Audience::Location,
    }
}

/// The audit of `opts`, its exports read and their locations built with `read`, keeping `keep`.
pub fn audit_keeping(
    opts: &CheckOptions,
    read: impl FnOnce(&[PathBuf]) -> (Vec<Export>, Vec<Location>),
    keep: Keep,
) -> Result<(Audit, Rulebook), Vec<String>> {
    let specs = registry::RULES;
    let lang = opts.lang;
    let usage = |e: UsageError| vec![lang.pick(&e.nl, &e.en).to_string()];
    let (period, from, to, as_of) =
        (opts.period.as_deref(), opts.from.as_deref(), opts.to.as_deref(), opts.as_of.as_deref());
    check_options(period, from, to, as_of).map_err(usage)?;
    let rulebook = rulebook::load_rulebook(opts.rules.as_deref(), specs)
        .map_err(|d| problems_in_file(&d, opts.rules.as_deref(), lang))?;
    let waivers = match &opts.waivers {
        Some(p) => rulebook::load_waivers(p, specs).map_err(|d| problems_in_file(&d, Some(p), lang))?,
        None => Vec::new(),
    };
    let previous = super::history::read_previous(&opts.previous, opts.audience, lang)?;
    let (mut exports, mut locations) = read(&opts.paths);
    let ctx = resolve(period, from, to, as_of, &exports).map_err(usage)?;
    super::location_ids::keep_apart(&mut locations, &mut exports);
    // The model holds what the rules read: the raw exports can go before the
    // results are made (peak memory), all but their findings.
    let input_findings = all_findings(&exports);
    drop_in_background(exports);
    let national = audience_of(opts, locations.len()) == Audience::National;
    let lean = keep == Keep::WhatOutputsRead && national && opts.previous.is_empty();
    // Every output of `check` is in one language: messages are made in it only.
    let only = (keep == Keep::WhatOutputsRead).then_some(opts.lang);
    // A lean run reads nothing of the model after the rules: each location's
    // records go as soon as its rules have run (peak memory).
    let mut results = if lean {
        evaluate_releasing(&mut locations, &rulebook, &ctx, false, only)
    } else {
        evaluate(&locations, &rulebook, &ctx, true, only)
    };
    let entries: Vec<WaiverEntry> = waivers
        .iter()
        .map(|w| WaiverEntry {
            rule: w.rule.clone(),
            location: w.location.clone(),
            subject: w.subject.clone(),
            reason: w.reason.clone(),
            approved_by: w.approved_by.clone(),
            expires: w.expires,
        })
        .collect();
    let waiver_report = apply_waivers(&mut results, &entries, ctx.as_of);
    let location_ids: Vec<String> = locations.iter().map(|l| l.id.clone()).collect();
    let rule_ids: Vec<String> = rulebook.rules.iter().filter(|r| r.enabled).map(|r| r.id.clone()).collect();
    let summary = summarize_results(&results, &location_ids, &rule_ids);
    let metrics = Audit::metrics_by_location(&results, &registry::metric_rules());

    let verdicts = crate::results::verdicts(&summary, &rulebook);
    let entries = locations
        .iter()
        .map(|l| LocationEntry {
            location_id: l.id.clone(),
            name: l.name.clone(),
            source: l.source.clone(),
            metrics: metrics.get(l.id.as_str()).cloned().unwrap_or_default(),
        })
        .collect();
    let mut audit = Audit {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        rulebook_id: rulebook.id.clone(),
        rulebook_version: rulebook.version.clone(),
        period_start: ctx.period.start,
        period_end: ctx.period.end,
        as_of: ctx.as_of,
        locations: entries,
        results,
        summary,
        verdicts,
        comparison: None,
        input_findings,
        waivers: waiver_report,
        trajectories: if lean { Vec::new() } else { crate::rules::facts::trajectory_facts(&locations, &ctx) },
    };
    // Freeing millions of small values costs real time: do it off the main path.
    drop_in_background(locations);

    audit.comparison = super::history::compare_audit(previous, &audit);
    Ok((audit, rulebook))
}

/// Every problem in a rulebook or waiver file, then what to do about them.
fn problems_in_file(diagnostics: &[Diagnostic], file: Option<&Path>, lang: Lang) -> Vec<String> {
    let mut lines: Vec<String> = diagnostics.iter().map(|d| d.render(lang)).collect();
    lines.extend(file.and_then(|f| super::lint_hint(f, lang)));
    lines
}

fn all_findings(exports: &[Export]) -> Vec<crate::findings::InputFinding> {
    let mut all: Vec<_> = exports.iter().flat_map(|e| e.findings.iter().cloned()).collect();
    all.sort();
    all
}

/// The `check` command.
pub fn run(opts: &CheckOptions, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<Outcome> {
    if let Some(problem) = option_problem(opts) {
        writeln!(err, "hs-audit: {problem}")?;
        return Ok(Outcome::InputProblem);
    }
    let earlier = match super::history::read_municipality_previous(opts) {
        Ok(e) => e,
        Err(problems) => {
            for p in problems {
                writeln!(err, "hs-audit: {p}")?;
            }
            return Ok(Outcome::InputProblem);
        }
    };
    let (audit, rulebook) = match audit(opts) {
        Ok(a) => a,
        Err(problems) => {
            for p in problems {
                writeln!(err, "hs-audit: {p}")?;
            }
            return Ok(Outcome::InputProblem);
        }
    };
    let audience = audience_of(opts, audit.locations.len());
    let report_opts = ReportOptions {
        audience,
        municipality: opts.municipality.clone(),
        formats: opts.formats.clone(),
        lang: opts.lang,
        templates: opts.templates.clone(),
        earlier,
    };
    let written = match write_outputs(&audit, &rulebook, &report_opts, &opts.out) {
        Ok(w) => w,
        Err(problem) => {
            writeln!(err, "hs-audit: {}", problem.get(opts.lang))?;
            return Ok(Outcome::InputProblem);
        }
    };
    // The municipality's run shows no family ids, not even on the terminal.
    let show_subjects = audience != Audience::Municipality;
    if audience == Audience::National {
        super::national_summary::write(&audit, &rulebook, opts.lang, &written, out)?;
    } else {
        // A municipality's run names only the locations serving it.
        let only = opts
            .municipality
            .as_deref()
            .filter(|_| audience == Audience::Municipality)
            .map(|m| super::national_summary::serving(&audit, m));
        super::check_summary::write_summary(&audit, &rulebook, opts.lang, show_subjects, only.as_ref(), &written, out)?;
    }
    let threshold = match opts.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    let outcome = if audit.has_unreadable_input() {
        Outcome::InputProblem
    } else if threshold.is_some_and(|t| audit.failures_at_or_above(t).next().is_some()) {
        Outcome::RuleFailed
    } else {
        Outcome::Clean
    };
    drop_in_background((audit, rulebook));
    Ok(outcome)
}

/// Drops a large value on another thread: the caller goes on (and a command
/// about to exit does not wait for the memory to be freed piece by piece).
fn drop_in_background<T: Send + 'static>(value: T) {
    if let Err(e) = std::thread::Builder::new().name("drop".into()).spawn(move || drop(value)) {
        // No thread to spare: the value was moved into the failed closure and is freed here.
        drop(e);
    }
}

/// Options that do not fit together, found before anything is read.
fn option_problem(opts: &CheckOptions) -> Option<String> {
    let lang = opts.lang;
    if opts.audience == Some(Audience::Municipality) && opts.municipality.is_none() {
        return Some(msg("cli_municipality_needed", lang, NO_ARGS));
    }
    if let Some(dir) = opts.templates.as_deref().filter(|d| !d.is_dir()) {
        let shown = crate::ingest::display_path(dir);
        return Some(msg("cli_templates_not_found", lang, &[("folder", shown)]));
    }
    None
}

/// Writes the reports and `results.json` into `out`; returns the paths. The
/// reports are rendered while the full record is written.
fn write_outputs(audit: &Audit, rulebook: &Rulebook, opts: &ReportOptions, out: &Path) -> Result<Vec<PathBuf>, Text> {
    // The full record is streamed to its file: never held whole in memory.
    let record = |w: &mut dyn std::io::Write| json::write_json(audit, opts.lang, w);
    let mut streamed: Vec<super::write_out::Streamed<'_>> = Vec::new();
    if opts.formats.contains(&Format::Json) && opts.audience != Audience::Municipality {
        streamed.push(("results.json", &record));
    }
    let render = || render_reports(audit, rulebook, opts);
    super::write_out::write_run_rendering(render, &streamed, out).map_err(|e| match e {
        super::write_out::RunError::Render(problem) => problem,
        super::write_out::RunError::Write(super::write_out::WriteError::Io(e)) => {
            crate::io_text::cannot_write(out, &e, "--out")
        }
        super::write_out::RunError::Write(super::write_out::WriteError::Foreign(names)) => {
            let shown = crate::ingest::display_path(out);
            let names = names.join(", ");
            text("cli_out_foreign_files", &[("names", names), ("shown", shown)])
        }
    })
}

/// The reports and `results.json`, in memory, as `check` writes them (the
/// web page's downloads). For a municipality, the JSON is its own aggregated
/// model (the renderer makes it), never the full record with family ids.
pub fn render_outputs(
    audit: &Audit,
    rulebook: &Rulebook,
    opts: &ReportOptions,
) -> Result<Vec<report::RenderedFile>, Text> {
    let mut files = render_reports(audit, rulebook, opts)?;
    if opts.formats.contains(&Format::Json) && opts.audience != Audience::Municipality {
        let bytes = json::to_json_string(audit, opts.lang).into_bytes();
        files.push(report::RenderedFile { name: "results.json".to_string(), bytes });
    }
    Ok(files)
}

/// The reports of `opts.formats` (without `results.json`), in memory.
fn render_reports(audit: &Audit, rulebook: &Rulebook, opts: &ReportOptions) -> Result<Vec<report::RenderedFile>, Text> {
    report::render(audit, rulebook, opts).map_err(|e| match opts.templates.as_deref() {
        Some(dir) => {
            let shown = crate::ingest::display_path(dir);
            text("cli_templates_failed", &[("error", e.to_string()), ("folder", shown)])
        }
        None => text("cli_reports_failed", &[("error", e.to_string())]),
    })
}
