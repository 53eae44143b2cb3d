//! The help comes from the catalogue: the keys the command tree asks for are
//! the `help_` keys defined, and under a pseudo-locale (every catalogue value
//! transformed) `--help` of the program and of every command, in both
//! languages, holds no word but the command line's own.

use std::collections::BTreeSet;
use std::ffi::OsString;

use clap::CommandFactory;
use clap::error::ErrorKind;

use super::Cli;
use super::catalogue_tests::words;
use super::help_text::{keys_asked, localized};
use crate::i18n::Lang;
use crate::report::Catalogue;
use crate::report::catalogue::{pseudo, with_catalogue};

/// The help `args` print with the tree in `lang`.
fn help(args: &[&str], lang: Lang) -> String {
    let argv: Vec<OsString> = std::iter::once("hs-audit").chain(args.iter().copied()).map(OsString::from).collect();
    match localized(lang).try_get_matches_from_mut(&argv) {
        Err(e) if e.kind() == ErrorKind::DisplayHelp => e.render().to_string(),
        Err(e) => panic!("{args:?}: {e}"),
        Ok(_) => panic!("{args:?}: no help"),
    }
}

/// Every command path: `[]`, `["check"]`, `["rules", "list"]`, hidden ones too.
fn every_command() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: &[String], all: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut p = path.to_vec();
            p.push(sub.get_name().to_string());
            all.push(p.clone());
            walk(sub, &p, all);
        }
    }
    let mut all = vec![Vec::new()];
    walk(&Cli::command(), &[], &mut all);
    all
}

/// The words the command line has of its own: command and option names,
/// values, defaults and placeholders (`<FILE>`), at every level.
fn command_line_words(cmd: &clap::Command, out: &mut BTreeSet<String>) {
    out.insert(cmd.get_name().to_string());
    for a in cmd.get_arguments() {
        out.extend(a.get_long().into_iter().flat_map(words));
        out.extend(a.get_short().map(String::from));
        out.extend(a.get_possible_values().iter().flat_map(|v| words(v.get_name())));
        out.extend(a.get_default_values().iter().flat_map(|v| words(&v.to_string_lossy())));
        for name in a.get_value_names().into_iter().flatten() {
            out.extend(words(name));
        }
    }
    for sub in cmd.get_subcommands() {
        command_line_words(sub, out);
    }
}

#[test]
fn the_help_keys_asked_and_defined_agree() {
    let asked = keys_asked();
    let catalogue = Catalogue::embedded();
    let defined: BTreeSet<String> = catalogue.keys().filter(|k| k.starts_with("help_")).map(String::from).collect();
    let missing: Vec<&String> = asked.difference(&defined).collect();
    assert!(missing.is_empty(), "the command tree asks for keys not in the catalogue: {missing:?}");
    let unused: Vec<&String> = defined.difference(&asked).collect();
    assert!(unused.is_empty(), "help keys no command uses: {unused:?}");
    // Every command has its purpose and examples, every argument its help.
    assert!(asked.contains("help_rules_lint_file") && asked.contains("help_manpage_after"), "{asked:?}");
    assert!(asked.len() > 80, "{}", asked.len());
}

#[test]
fn the_help_is_in_the_language_asked() {
    let nl = help(&["check", "--help"], Lang::Nl);
    let en = help(&["check", "--help"], Lang::En);
    for part in ["Gebruik: hs-audit check", "Voorbeelden:", "Periode:", "Opties:", "[standaard: html,json]"] {
        assert!(nl.contains(part), "{part} not in {nl}");
    }
    for part in ["Usage: hs-audit check", "Examples:", "Period:", "Options:", "[default: html,json]"] {
        assert!(en.contains(part), "{part} not in {en}");
    }
    assert!(nl.contains("--lang <TAAL>") && nl.contains("[waarden: nl, en]"), "{nl}");
    assert!(nl.contains("--as-of <JJJJ-MM-DD>") && en.contains("--as-of <YYYY-MM-DD>"), "{nl}");
    assert!(help(&["--help"], Lang::Nl).contains("Opdrachten:"));
    assert!(help(&["help"], Lang::En).contains("Commands:"));
}

#[test]
fn the_help_under_a_pseudo_locale_has_no_text_in_the_code() {
    let catalogue = Catalogue::embedded().transformed(pseudo);
    let mut allowed = BTreeSet::from(["hs", "audit"].map(String::from));
    command_line_words(&localized(Lang::Nl), &mut allowed);
    let mut shown = 0;
    with_catalogue(catalogue, || {
        for path in every_command() {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            let mut asked = vec![[&path[..], &["--help"]].concat(), [&path[..], &["-h"]].concat()];
            asked.push([&["help"][..], &path].concat());
            for args in asked {
                for lang in [Lang::Nl, Lang::En] {
                    let text = help(&args, lang);
                    assert!(text.matches('⟦').count() >= 3, "{args:?}: {text}");
                    let left: BTreeSet<String> = words(&text).into_iter().filter(|w| !allowed.contains(w)).collect();
                    assert!(left.is_empty(), "{args:?} {lang:?}: untransformed {left:?} in\n{text}");
                    shown += 1;
                }
            }
        }
    });
    assert!(shown >= 13 * 6, "{shown}");
}

/// A value's own help (a doc comment on a `ValueEnum` variant) would reach
/// the completions in English: the values are explained in the argument's
/// catalogue text instead.
#[test]
fn no_value_has_a_help_of_its_own() {
    fn walk(cmd: &clap::Command) {
        for a in cmd.get_arguments() {
            for v in a.get_possible_values() {
                assert!(v.get_help().is_none(), "{} {}: {:?}", cmd.get_name(), v.get_name(), v.get_help());
            }
        }
        cmd.get_subcommands().for_each(walk);
    }
    walk(&localized(Lang::Nl));
}

/// The man page and the completion scripts under a pseudo-locale: every
/// word left is the command line's, roff's markup or clap_mangen's own
/// section names (NAME, SYNOPSIS, DESCRIPTION, VERSION: not in the catalogue).
#[test]
fn the_man_page_and_completions_under_a_pseudo_locale_have_no_text_in_the_code() {
    let catalogue = Catalogue::embedded().transformed(pseudo);
    let mut allowed = BTreeSet::from(["hs", "audit", "NAME", "SYNOPSIS", "DESCRIPTION", "VERSION"].map(String::from));
    // roff: requests, fonts, strings and escapes.
    allowed.extend(
        ["TH", "SH", "SS", "TP", "PP", "nf", "fi", "ie", "el", "ds", "Aq", "aq", "fB", "fR", "fI", "e", "g", "n"]
            .map(String::from),
    );
    command_line_words(&localized(Lang::Nl), &mut allowed);
    // Section titles in capitals (`HS-AUDIT RULES LIST`), the version as `v0.1.0`.
    allowed.extend(allowed.iter().map(|w| w.to_uppercase()).collect::<Vec<_>>());
    allowed.insert("v".into());
    with_catalogue(catalogue, || {
        for lang in [Lang::Nl, Lang::En] {
            let mut page = Vec::new();
            super::shell_docs::manpage(lang, &mut page).unwrap_or_else(|e| panic!("{e}"));
            let mut page = String::from_utf8_lossy(&page).replace("\\-", "-");
            for font in ["\\fB", "\\fI", "\\fR"] {
                page = page.replace(font, " ");
            }
            assert!(page.matches('⟦').count() > 50, "{page}");
            let left: BTreeSet<String> = words(&page).into_iter().filter(|w| !allowed.contains(w)).collect();
            assert!(left.is_empty(), "man page {lang:?}: untransformed {left:?}");
            // The descriptions in a completion script are all pseudo-localised.
            let mut script = Vec::new();
            super::shell_docs::completions(clap_complete::Shell::Fish, lang, &mut script)
                .unwrap_or_else(|e| panic!("{e}"));
            let script = String::from_utf8_lossy(&script);
            let described: Vec<&str> = script.lines().filter(|l| l.contains(" -d '")).collect();
            assert!(described.len() > 40, "{script}");
            for line in described {
                let description = line.split(" -d '").nth(1).unwrap_or_default();
                assert!(description.starts_with('⟦'), "{line}");
            }
        }
    });
}

/// A missing argument is named in words also when the tree's placeholder is
/// the catalogue's (`<REGEL>`, `<BESTAND>`), in both languages.
#[test]
fn a_missing_argument_is_named_in_words_with_localized_placeholders() {
    for (lang, args, words) in [
        (Lang::Nl, ["rules", "explain"], "een regel-id"),
        (Lang::En, ["rules", "explain"], "a rule id"),
        (Lang::Nl, ["rules", "lint"], "er ontbreekt iets: een "),
    ] {
        let argv: Vec<OsString> = std::iter::once("hs-audit").chain(args).map(OsString::from).collect();
        let Err(e) = localized(lang).try_get_matches_from_mut(&argv) else { panic!("{args:?} parsed") };
        let line = super::usage_error::explain_with(&Catalogue::embedded(), &e, lang, "hs-audit rules")
            .unwrap_or_else(|| panic!("{args:?}: no line"));
        assert!(line.contains(words) && !line.contains('<'), "{line}");
    }
}

/// `parse_args` parses with the tree as defined and takes the localized tree
/// only when that fails: both trees take the same arguments the same way.
#[test]
fn the_defined_and_the_localized_tree_parse_alike() {
    use clap::FromArgMatches;
    let lines: &[&[&str]] = &[
        &["check", "exports", "--period", "2026", "--format", "json", "--out", "o"],
        &["check", "a.xlsx", "b", "--from", "2026-01-01", "--to", "2026-06-30", "--as-of", "2026-07-01"],
        &["check", "x", "--audience", "municipality", "--municipality", "Hengelo", "--lang", "en"],
        &["check", "x", "--previous", "a.json", "--previous", "b.json", "--fail-on", "never", "--waivers", "w.toml"],
        &["check", "x", "--rules", "r.toml", "--templates", "t", "--format", "html", "--format", "xlsx"],
        &["check"],
        &["check", "x", "--format", "pdf"],
        &["check", "x", "--no-such-option"],
        &["inspect", "x.xlsx", "--lang", "en"],
        &["rules", "list"],
        &["rules", "explain", "HS-G04"],
        &["rules", "lint", "r.toml"],
        &["template", "--out", "t.xlsx"],
        &["generate", "--locations", "3", "--seed", "2", "--out", "g", "--format", "csv"],
        &["compare", "old.json", "new.json", "--json"],
        &["serve", "--port", "9000", "--no-open"],
        &["nonsense"],
        &[],
        &["--help"],
        &["check", "--help"],
        &["--version"],
    ];
    let mut parsed = 0;
    for line in lines {
        let argv: Vec<OsString> = std::iter::once("hs-audit").chain(line.iter().copied()).map(OsString::from).collect();
        let defined = <Cli as clap::Parser>::try_parse_from(&argv).map(|c| format!("{c:?}")).map_err(|e| e.kind());
        parsed += usize::from(defined.is_ok());
        for lang in [Lang::Nl, Lang::En] {
            let localized = localized(lang)
                .try_get_matches_from(&argv)
                .and_then(|m| Cli::from_arg_matches(&m))
                .map(|c| format!("{c:?}"))
                .map_err(|e| e.kind());
            assert_eq!(defined, localized, "{line:?} ({lang:?})");
        }
    }
    assert!(parsed >= 12, "most lines are valid command lines ({parsed})");
}
