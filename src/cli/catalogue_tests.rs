//! The command line's texts come from the catalogue (`reports/messages/cli.toml`):
//! the keys the code uses are the keys defined, and under a pseudo-locale
//! (every catalogue value transformed) every explained usage error holds no
//! word that is not the user's own or the command line's (commands, options,
//! their values).

use std::collections::BTreeSet;
use std::ffi::OsString;

use clap::{Command, CommandFactory, Parser};

use super::Cli;
use super::usage_error::explain_with;
use crate::i18n::Lang;
use crate::report::Catalogue;
use crate::report::catalogue::{msg, pseudo};

/// Argument lists clap rejects, one for every kind of usage error explained.
const BAD: &[&[&str]] = &[
    &["check", "x", "--perod", "2026"],
    &["--period", "2026", "check", "x"],
    &["check", "x", "y", "--zzz"],
    &["chek", "x"],
    &["qqq", "x"],
    &["check", "x", "--lang", "fr"],
    &["check", "x", "--format", "html,pdf"],
    &["check", "x", "--out"],
    &["generate", "--locations", "tien", "--out", "d"],
    &["generate", "--locations", "-3", "--out", "d"],
    &["rules", "explain"],
    &["generate"],
    &["inspect"],
    &[],
    &["rules"],
    &["check", "x", "--out", "a", "--out", "b"],
];

fn os(args: &[&str]) -> Vec<OsString> {
    std::iter::once("hs-audit").chain(args.iter().copied()).map(OsString::from).collect()
}

/// Every word of the command line's own: command names, long options and
/// possible values, at every level.
pub(super) fn command_words(cmd: &Command, out: &mut BTreeSet<String>) {
    out.insert(cmd.get_name().to_string());
    for a in cmd.get_arguments() {
        out.extend(a.get_long().map(str::to_string));
        out.extend(a.get_possible_values().iter().map(|v| v.get_name().to_string()));
    }
    for sub in cmd.get_subcommands() {
        command_words(sub, out);
    }
}

pub(super) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Every Rust source under `dir` but this file (whose prefixes are no keys).
fn sources(dir: &std::path::Path) -> String {
    let mut all = String::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            all.push_str(&sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("cli/catalogue_tests.rs") {
            all.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
    all
}

/// The keys of the command line (`cli_`), of file errors (`io_`), of the
/// export's column meanings (`col_`) and of the
/// rulebook's diagnostics and prose (`rb_`) and of the rules' messages
/// (`hs_`): every one the code names is
/// defined, and every one defined is named somewhere in `src/`.
#[test]
fn keys_used_and_defined_agree() {
    let source = sources(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    // (`hs__…` are names in the shell completion scripts, not keys.)
    let ours = |s: &str| ["cli_", "io_", "rb_", "hs_", "col_"].iter().any(|p| s.starts_with(p)) && !s.contains("__");
    let used: BTreeSet<&str> = source
        .split('"')
        .filter(|s| ours(s) && s.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit()))
        .collect();
    let catalogue = Catalogue::embedded();
    let defined: BTreeSet<&str> = catalogue.keys().filter(|k| ours(k)).collect();
    assert_eq!(used, defined);
}

#[test]
fn a_pseudo_locale_leaves_no_text_in_the_code() {
    let catalogue = Catalogue::embedded().transformed(pseudo);
    let mut allowed = BTreeSet::from(["hs".to_string(), "audit".to_string()]);
    command_words(&Cli::command(), &mut allowed);
    let mut kinds = BTreeSet::new();
    for args in BAD {
        let argv = os(args);
        let err = Cli::try_parse_from(&argv).err().unwrap_or_else(|| panic!("{args:?} parsed"));
        kinds.insert(format!("{:?}", err.kind()));
        let mut own = allowed.clone();
        own.extend(args.iter().flat_map(|a| words(a)));
        let cmd = super::usage_error::command_path(&argv);
        for lang in [Lang::Nl, Lang::En] {
            let line = explain_with(&catalogue, &err, lang, &cmd).unwrap_or_else(|| panic!("{args:?}: no line"));
            for w in words(&line) {
                assert!(own.contains(&w), "untransformed `{w}` in {line}");
            }
            assert!(line.contains('⟦'), "{line}");
        }
    }
    assert!(kinds.len() >= 7, "{kinds:?}");
}

/// An audit with one location, one failing rule with ten families, and a
/// finding: every line of the summary has something to say.
fn audit() -> crate::results::Audit {
    use crate::findings::{FindingKind, InputFinding};
    use crate::results::{Audit, LocationEntry, Outcome, RuleResult, Severity, Text, WaiverReport};
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default();
    let fail = |i: usize| {
        let id = format!("{i}");
        RuleResult::new("§1", "#1", Some((&id, 2)), Outcome::Fail, Severity::Error, Text::default())
    };
    let finding = InputFinding {
        file: "#".into(),
        sheet: None,
        row: None,
        column: None,
        value: None,
        kind: FindingKind::EmptySheet,
    };
    Audit {
        tool_version: "0".into(),
        rulebook_id: "#".into(),
        rulebook_version: "1".into(),
        period_start: date,
        period_end: date,
        as_of: date,
        locations: vec![
            LocationEntry {
                location_id: "#1".into(),
                name: "#".into(),
                source: "#".into(),
                metrics: Default::default(),
            },
            LocationEntry {
                location_id: "#2".into(),
                name: "#".into(),
                source: "#".into(),
                metrics: Default::default(),
            },
        ],
        results: (0..10).map(fail).collect(),
        summary: Vec::new(),
        verdicts: Vec::new(),
        comparison: None,
        input_findings: vec![finding],
        waivers: WaiverReport::default(),
        trajectories: Vec::new(),
    }
}

#[test]
fn the_terminal_summary_under_a_pseudo_locale_has_no_text_in_the_code() {
    let catalogue = Catalogue::embedded().transformed(pseudo);
    let rulebook = crate::rulebook::Rulebook {
        id: "#".into(),
        version: "1".into(),
        title: Default::default(),
        rules: vec![],
        privacy: Default::default(),
    };
    for lang in [Lang::Nl, Lang::En] {
        let mut out = Vec::new();
        let written = [std::path::PathBuf::from("#/1")];
        super::check_summary::write_summary_with(
            &catalogue,
            &audit(),
            &rulebook,
            lang,
            super::check_summary::Shown { subjects: true, only: None },
            &written,
            &mut out,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8(out).unwrap_or_default();
        assert_eq!(text.matches('⟦').count(), 6, "{text}");
        assert!(words(&text).is_empty(), "untransformed text in {text}");
    }
}

/// `text` without its pseudo-localised parts (`⟦…⟧`, nested ones too):
/// what is left is the code's own text and the command line's words.
fn outside_pseudo(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '⟦' => depth += 1,
            '⟧' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Command lines that fail on their options before anything is read, one
/// that reads a missing rulebook and one that cannot write: each says why in
/// the catalogue's words.
const RUNS: &[&[&str]] = &[
    &["check", "x", "--period", "twintig"],
    &["check", "x", "--period", "2026", "--from", "2026-01-01"],
    &["check", "x", "--from", "2026-01-01"],
    &["check", "x", "--to", "2026-01-01"],
    &["check", "x", "--from", "2026-12-01", "--to", "2026-01-01"],
    &["check", "x", "--from", "2026-01-01", "--to", "2026-12-31", "--as-of", "2025-01-01"],
    &["check", "x", "--as-of", "morgen"],
    &["check", "x", "--audience", "municipality"],
    &["check", "x", "--templates", "/nonexistent/templates"],
    &["check", "x", "--rules", "/nonexistent/rules.toml"],
    &["generate", "--locations", "0", "--out", "d"],
    &["generate", "--locations", "2", "--year", "1800", "--out", "d"],
    &["generate", "--locations", "2", "--history", "0", "--out", "d"],
    // A folder that cannot be made (a file is in the way): the system's words inside the catalogue's.
    &["generate", "--locations", "1", "--out", "Cargo.toml/x"],
];

#[test]
fn cli_runs_under_a_pseudo_locale_have_no_text_in_the_code() {
    let catalogue = Catalogue::embedded().transformed(pseudo);
    let mut allowed = BTreeSet::from(["hs".to_string(), "audit".to_string()]);
    command_words(&Cli::command(), &mut allowed);
    crate::report::catalogue::with_catalogue(catalogue, || {
        for args in RUNS {
            for lang in ["nl", "en"] {
                let mut argv = os(args);
                argv.extend(["--lang".into(), lang.into()]);
                let cli = Cli::try_parse_from(&argv).unwrap_or_else(|e| panic!("{args:?}: {e}"));
                let (mut out, mut err) = (Vec::new(), Vec::new());
                super::run(cli, &mut out, &mut err).unwrap_or_else(|e| panic!("{e}"));
                let text = String::from_utf8([out, err].concat()).unwrap_or_default();
                assert!(text.contains('⟦'), "{args:?}: {text}");
                let mut own = allowed.clone();
                own.extend(args.iter().flat_map(|a| words(a)));
                for w in words(&outside_pseudo(&text)) {
                    assert!(own.contains(&w), "untransformed `{w}` in {text}");
                }
            }
        }
    });
}

#[test]
fn other_cli_texts_under_a_pseudo_locale_have_no_text_in_the_code() {
    use crate::results::history::{Note, NoteKind};
    let catalogue = Catalogue::embedded().transformed(pseudo);
    crate::report::catalogue::with_catalogue(catalogue, || {
        let finding = crate::findings::InputFinding {
            file: "#".into(),
            sheet: Some("#".into()),
            row: Some(3),
            column: Some("#".into()),
            value: None,
            kind: crate::findings::FindingKind::EmptySheet,
        };
        let kinds =
            [NoteKind::LocationOnlyNow, NoteKind::LocationOnlyThen, NoteKind::RuleOnlyNow, NoteKind::RuleOnlyThen];
        let kinds_of_io = [
            std::io::ErrorKind::NotFound,
            std::io::ErrorKind::PermissionDenied,
            std::io::ErrorKind::IsADirectory,
            std::io::ErrorKind::NotADirectory,
            std::io::ErrorKind::StorageFull,
        ];
        for lang in [Lang::Nl, Lang::En] {
            let mut texts = vec![finding.place(lang)];
            texts.extend(kinds.iter().map(|&kind| super::compare::note_text(&Note { kind, id: "#".into() }, lang)));
            for kind in kinds_of_io {
                let e = std::io::Error::from(kind);
                texts.push(crate::io_text::cannot_read(&e).get(lang).to_string());
                let path = std::path::Path::new("#");
                texts.push(crate::io_text::cannot_write(path, &e, "--out").get(lang).to_string());
            }
            // Why `generate` stopped: every reason it can give, filled in.
            let file = std::path::Path::new("#");
            let generated = [
                crate::generate::write_error("cli_generate_cannot_create", file, "#"),
                crate::generate::write_error("cli_generate_cannot_write", file, "#"),
                crate::generate::write_error("cli_generate_cannot_remove", file, "#"),
                crate::findings::Why::new(
                    "cli_generate_not_windows_1252",
                    vec![("path", "#".into()), ("char", "#".into())],
                ),
                crate::generate::bad_year(1800),
            ];
            for why in generated {
                texts.push(msg("cli_generate_failed", lang, &[("folder", "#".to_string()), ("error", why.text(lang))]));
            }
            let mut out = Vec::new();
            super::national_summary::write(&audit(), &rulebook(), lang, &[std::path::PathBuf::from("#")], &mut out)
                .unwrap_or_else(|e| panic!("{e}"));
            texts.push(String::from_utf8(out).unwrap_or_default());
            for text in texts {
                assert!(text.contains('⟦'), "{text}");
                let left: Vec<String> =
                    words(&outside_pseudo(&text)).into_iter().filter(|w| w != "out" && w != "S").collect();
                assert!(left.is_empty(), "untransformed {left:?} in {text}");
            }
        }
    });
}

fn rulebook() -> crate::rulebook::Rulebook {
    crate::rulebook::Rulebook {
        id: "#".into(),
        version: "1".into(),
        title: Default::default(),
        rules: vec![],
        privacy: Default::default(),
    }
}

/// `rules lint` of a profile and a waiver file with every kind of problem:
/// under a pseudo-locale, every word left is the file's own (its keys, ids
/// and values), a file name or the command line's.
#[test]
fn lint_under_a_pseudo_locale_has_no_text_in_the_code() {
    let catalogue = Catalogue::embedded().transformed(pseudo);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut allowed = BTreeSet::from(["hs".to_string(), "audit".to_string(), "toml".to_string()]);
    command_words(&Cli::command(), &mut allowed);
    // The base rulebook's keys, table names and rule ids (named by a
    // diagnostic about a profile), not its texts.
    let base = std::fs::read_to_string(root.join("rules/homestart-nl.toml")).unwrap_or_default();
    allowed.extend(base.lines().flat_map(|l| words(l.split('=').next().unwrap_or(""))));
    crate::report::catalogue::with_catalogue(catalogue, || {
        for name in ["broken-profile.toml", "broken-waivers.toml"] {
            let path = root.join("fixtures/rulebooks").join(name);
            let mut own = allowed.clone();
            let file = std::fs::read_to_string(&path).unwrap_or_default();
            own.extend(file.lines().filter(|l| !l.trim_start().starts_with('#')).flat_map(words));
            own.extend(words(&path.display().to_string()));
            for lang in [Lang::Nl, Lang::En] {
                let mut out = Vec::new();
                crate::rulebook::lint_cmd::run_lint(&path, lang, &mut out).unwrap_or_else(|e| panic!("{e}"));
                let text = String::from_utf8(out).unwrap_or_default();
                assert!(text.matches('⟦').count() > 5, "{text}");
                let left: BTreeSet<String> =
                    words(&outside_pseudo(&text)).into_iter().filter(|w| !own.contains(w)).collect();
                assert!(left.is_empty(), "untransformed {left:?} in {text}");
            }
        }
    });
}
