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
use crate::report::catalogue::pseudo;

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
fn command_words(cmd: &Command, out: &mut BTreeSet<String>) {
    out.insert(cmd.get_name().to_string());
    for a in cmd.get_arguments() {
        out.extend(a.get_long().map(str::to_string));
        out.extend(a.get_possible_values().iter().map(|v| v.get_name().to_string()));
    }
    for sub in cmd.get_subcommands() {
        command_words(sub, out);
    }
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

#[test]
fn keys_used_and_defined_agree() {
    let source =
        [include_str!("usage_error.rs"), include_str!("check_summary.rs"), include_str!("inspect.rs")].concat();
    let used: BTreeSet<&str> = source
        .split('"')
        .filter(|s| {
            s.starts_with("cli_") && s.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
        })
        .collect();
    let catalogue = Catalogue::embedded();
    let defined: BTreeSet<&str> = catalogue.keys().filter(|k| k.starts_with("cli_")).collect();
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
