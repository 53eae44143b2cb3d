//! Unit tests of the command line: the clap definitions, the explained parse
//! errors, the completion scripts and the man page.

use std::ffi::OsString;

use clap::{CommandFactory, Parser};

use super::Cli;
use super::shell_docs::{completions, manpage};
use super::usage_error::{explain, lang_from_args};
use crate::i18n::Lang;

fn os(args: &[&str]) -> Vec<OsString> {
    std::iter::once("hs-audit").chain(args.iter().copied()).map(OsString::from).collect()
}

/// The explained first line for arguments clap rejects.
fn first_line(args: &[&str]) -> String {
    let args = os(args);
    match Cli::try_parse_from(&args) {
        Ok(cli) => panic!("{args:?} parsed: {cli:?}"),
        Err(e) => explain(&e, &args).unwrap_or_else(|| panic!("{args:?}: no line for {:?}", e.kind())),
    }
}

#[test]
fn check_options_new_takes_the_command_line_defaults() {
    let Ok(Cli { command: super::args::Command::Check(a) }) = Cli::try_parse_from(os(&["check", "x", "--out", "o"]))
    else {
        panic!("`check x --out o` parses to check")
    };
    let defaults = super::check::CheckOptions::new(vec!["x".into()], "o".into());
    assert_eq!(format!("{:?}", super::check_options(*a)), format!("{defaults:?}"));
}

#[test]
fn the_definitions_are_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn the_language_of_a_parse_error_comes_from_the_raw_arguments() {
    assert_eq!(lang_from_args(&os(&["check", "x", "--lang", "en"])), Lang::En);
    assert_eq!(lang_from_args(&os(&["check", "x", "--lang=en"])), Lang::En);
    assert_eq!(lang_from_args(&os(&["check", "x", "--lang", "nl"])), Lang::Nl);
    assert_eq!(lang_from_args(&os(&["check", "x", "--perod", "2026"])), Lang::Nl);
}

#[test]
fn an_unknown_option_gets_a_suggestion_and_the_help_to_read() {
    assert_eq!(
        first_line(&["check", "x", "--perod", "2026"]),
        "hs-audit: onbekende optie --perod; bedoelde u --period? Zie `hs-audit check --help`."
    );
    assert_eq!(
        first_line(&["check", "x", "--perod", "2026", "--lang", "en"]),
        "hs-audit: unknown option --perod; did you mean --period? See `hs-audit check --help`."
    );
}

#[test]
fn an_option_before_the_command_is_pointed_to_its_command() {
    let line = first_line(&["--period", "2026", "check", "x"]);
    assert!(line.contains("--period vóór de opdracht") && line.contains("`hs-audit check ... --period`"), "{line}");
}

#[test]
fn an_unknown_command_gets_a_suggestion() {
    assert_eq!(
        first_line(&["chek", "x"]),
        "hs-audit: onbekende opdracht chek; bedoelde u check? Zie `hs-audit --help`."
    );
}

#[test]
fn a_bad_value_lists_the_choices() {
    assert_eq!(
        first_line(&["check", "x", "--lang", "fr"]),
        "hs-audit: --lang kent geen \"fr\"; kies nl of en. Zie `hs-audit check --help`."
    );
    assert_eq!(
        first_line(&["check", "x", "--format", "html,pdf", "--lang=en"]),
        "hs-audit: --format has no value \"pdf\"; choose html, md, json or xlsx. See `hs-audit check --help`."
    );
    assert_eq!(
        first_line(&["generate", "--locations", "tien", "--out", "d"]),
        "hs-audit: \"tien\" is geen geheel getal; schrijf bijv. --locations 10. Zie `hs-audit generate --help`."
    );
    assert!(first_line(&["generate", "--locations", "-3", "--out", "d"]).contains("nooit negatief"));
}

#[test]
fn a_missing_argument_is_named_in_words() {
    assert_eq!(
        first_line(&["rules", "explain"]),
        "hs-audit: er ontbreekt iets: een regel-id, bijv. HS-G04. Zie `hs-audit rules explain --help`."
    );
    assert_eq!(
        first_line(&["generate", "--lang", "en"]),
        "hs-audit: something is missing: --locations and --out. See `hs-audit generate --help`."
    );
}

#[test]
fn a_missing_command_lists_the_commands() {
    assert_eq!(
        first_line(&[]),
        "hs-audit: `hs-audit` heeft een opdracht nodig: check, inspect, rules, template, generate, compare of serve. Zie `hs-audit --help`."
    );
    assert!(first_line(&["rules"]).contains("list, explain of lint"));
}

#[test]
fn an_option_given_twice_says_so() {
    assert_eq!(
        first_line(&["check", "x", "--out", "a", "--out", "b"]),
        "hs-audit: --out staat er meer dan één keer; geef het één keer."
    );
}

#[test]
fn help_and_version_are_no_errors() {
    for args in [&["--help"][..], &["--version"], &["check", "--help"]] {
        let args = os(args);
        let e = Cli::try_parse_from(&args).err().unwrap_or_else(|| panic!("{args:?} parsed"));
        assert_eq!(explain(&e, &args), None);
    }
}

#[test]
fn completion_scripts_name_every_command() {
    for shell in [clap_complete::Shell::Bash, clap_complete::Shell::Zsh, clap_complete::Shell::Fish] {
        let mut script = Vec::new();
        completions(shell, crate::i18n::Lang::En, &mut script).unwrap_or_else(|e| panic!("{e}"));
        let script = String::from_utf8_lossy(&script);
        for name in ["check", "inspect", "rules", "template", "generate"] {
            assert!(script.contains(name), "{shell:?} lacks {name}");
        }
    }
}

#[test]
fn the_man_page_has_a_section_per_command_and_one_preamble() {
    let mut page = Vec::new();
    manpage(crate::i18n::Lang::En, &mut page).unwrap_or_else(|e| panic!("{e}"));
    let page = String::from_utf8_lossy(&page);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{page}");
    assert_eq!(page.matches(".ds Aq").count(), 2, "one .ie/.el pair");
    for section in ["CHECK", "INSPECT", "RULES LIST", "RULES EXPLAIN", "RULES LINT", "TEMPLATE", "GENERATE"] {
        assert!(page.contains(&format!(".SH \"HS\\-AUDIT {section}\"")), "{section}");
    }
    assert!(!page.contains("COMPLETIONS"), "hidden commands stay out of the man page");
}
