//! A national run that keeps only what its outputs read (trajectory passes
//! counted, not kept; no trajectory facts) writes the same bytes as one that
//! keeps everything: results.json, the national report in every format, the
//! terminal summary; and its messages are made in the run's language only.

use std::path::PathBuf;

use super::check::{CheckOptions, Keep, audit_keeping, render_outputs};
use crate::generate::{GenFormat, GenerateOptions, generate};
use crate::i18n::Lang;
use crate::report::{Audience, Format, ReportOptions};
use crate::results::Outcome;

fn options(paths: Vec<PathBuf>, out: PathBuf, lang: Lang) -> CheckOptions {
    CheckOptions {
        period: Some("2026".to_string()),
        formats: vec![Format::Html, Format::Md, Format::Json, Format::Xlsx],
        lang,
        ..CheckOptions::new(paths, out)
    }
}

#[test]
fn a_national_run_keeping_counts_of_passes_writes_what_keeping_them_writes() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let exports = dir.path().join("exports");
    let gen_opts = GenerateOptions { locations: 12, seed: 5, format: GenFormat::Csv, out: exports.clone(), year: 2026 };
    generate(&gen_opts).expect("generating exports");
    for lang in [Lang::Nl, Lang::En] {
        same_outputs(&options(vec![exports.clone()], dir.path().join("out"), lang));
    }
}

/// The run of `opts` keeping everything and keeping what its outputs read
/// (messages in one language included) write the same bytes.
fn same_outputs(opts: &CheckOptions) {
    let lang = opts.lang;
    // Read whole then built (as the web page does), and built export by export as read (as `check` does).
    let whole = super::check::then_build(|paths: &[PathBuf]| crate::tables::read_paths(paths));
    let streamed = |paths: &[PathBuf]| crate::rules::build_model::read_and_build(paths, &|_| {}, &|| {});
    let Ok((all, rulebook)) = audit_keeping(opts, whole, Keep::Everything) else { panic!("the audit runs") };
    let Ok((lean, _)) = audit_keeping(opts, streamed, Keep::WhatOutputsRead) else { panic!("the lean audit runs") };

    // The lean model holds fewer results: no trajectory pass, and their tallies.
    let passes = all.results.iter().filter(|r| r.subject_id.is_some() && r.outcome == Outcome::Pass).count();
    assert!(passes > 100, "the generated data has trajectory passes ({passes})");
    assert_eq!(lean.results.len() + passes, all.results.len());
    assert!(lean.results.iter().all(|r| r.subject_id.is_none() || r.outcome != Outcome::Pass));
    let tallied: usize = lean.results.tallies().unwrap_or_default().iter().flat_map(|t| &t.passes).map(|p| p.1).sum();
    assert_eq!(tallied, passes);
    assert!(all.results.tallies().is_none() && lean.trajectories.is_empty() && !all.trajectories.is_empty());
    // Messages in the run's language only.
    let other = if lang == Lang::Nl { Lang::En } else { Lang::Nl };
    let fail = lean.results.iter().find(|r| r.subject_id.is_some() && r.outcome == Outcome::Fail);
    assert!(fail.is_some_and(|r| !r.message.get(lang).is_empty() && r.message.get(other).is_empty()), "{fail:?}");
    assert_eq!((&lean.summary, &lean.verdicts, &lean.locations), (&all.summary, &all.verdicts, &all.locations));
    let ranked = |a| {
        super::national_summary::ranking(a)
            .iter()
            .map(|r| (r.location_id.to_string(), r.family_share))
            .collect::<Vec<_>>()
    };
    assert_eq!(ranked(&lean), ranked(&all));
    assert!(ranked(&all).iter().any(|(_, share)| *share > 0.0 && *share < 1.0), "{:?}", ranked(&all));

    // Every file of the national run, byte for byte.
    let report = ReportOptions {
        audience: Audience::National,
        municipality: None,
        formats: opts.formats.clone(),
        lang,
        templates: None,
        earlier: Vec::new(),
    };
    let files = |a| render_outputs(a, &rulebook, &report).map_err(|e| e.get(Lang::En).to_string());
    let (Ok(from_all), Ok(from_lean)) = (files(&all), files(&lean)) else { panic!("both render") };
    assert_eq!(from_all.len(), 4, "{:?}", from_all.iter().map(|f| &f.name).collect::<Vec<_>>());
    for (a, l) in from_all.iter().zip(&from_lean) {
        assert_eq!(a.name, l.name);
        assert!(a.bytes == l.bytes, "{} differs", a.name);
    }
    let terminal = |a| {
        let mut out = Vec::new();
        super::national_summary::write(a, &rulebook, lang, &[], &mut out).map(|()| out).unwrap_or_default()
    };
    assert_eq!(terminal(&lean), terminal(&all));
}
