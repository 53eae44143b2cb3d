//! Command-line conventions, run as a user would: `--help` with examples for
//! every command, `--version`, usage errors that say what to do in Dutch (or
//! English with `--lang en`), completions and the man page, and `NO_COLOR`.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use clap::CommandFactory;
use hs_audit::cli::Cli;

use crate::support::{Run, hs_audit};

const LIMIT: Duration = Duration::from_secs(60);

/// Every command a user can run, as argument lists: `["check"]`, `["rules", "lint"]`, ...
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

fn run_with(args: &[&str]) -> Run {
    hs_audit(args, LIMIT)
}

#[test]
fn every_command_has_help_with_an_example() {
    let commands = every_command();
    assert!(commands.len() >= 10, "{commands:?}");
    // Dutch unless `--lang en` (also after `--help`, where the program itself has no --lang).
    for (lang, usage, examples) in
        [(None, "Gebruik: hs-audit", "Voorbeelden:"), (Some("en"), "Usage: hs-audit", "Examples:")]
    {
        for cmd in &commands {
            let mut args: Vec<&str> = cmd.iter().map(String::as_str).collect();
            args.push("--help");
            args.extend(lang.iter().flat_map(|l| ["--lang", l]));
            let run = run_with(&args);
            assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
            assert!(run.stdout.contains(usage), "{args:?}: {}", run.stdout);
            assert!(run.stdout.contains(examples), "{args:?} shows no example: {}", run.stdout);
            let example = format!("  hs-audit {}", cmd.join(" "));
            assert!(run.stdout.contains(example.trim_end()), "{args:?} has no example of itself: {}", run.stdout);
        }
    }
}

#[test]
fn completions_and_manpage_stay_out_of_the_main_help() {
    let run = run_with(&["--help"]);
    for name in ["check", "inspect", "rules", "template", "generate"] {
        assert!(run.stdout.contains(&format!("  {name} ")), "{name} missing from: {}", run.stdout);
    }
    assert!(!run.stdout.contains("completions") && !run.stdout.contains("manpage"), "{}", run.stdout);
}

#[test]
fn version_prints_name_and_version() {
    let run = run_with(&["--version"]);
    assert_eq!(run.code, Some(0));
    assert_eq!(run.stdout, "hs-audit 0.1.0\n");
}

#[test]
fn an_unknown_option_is_explained_in_dutch_and_nothing_in_english_follows() {
    let run = run_with(&["check", "fixtures/demo", "--perod", "2026"]);
    assert_eq!(run.code, Some(2));
    let first = run.stderr.lines().next().unwrap_or_default();
    assert_eq!(first, "hs-audit: onbekende optie --perod; bedoelde u --period? Zie `hs-audit check --help`.");
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(!run.stderr.contains("error: unexpected argument"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn an_unknown_option_is_explained_in_english_with_lang_en() {
    let run = run_with(&["check", "fixtures/demo", "--lang", "en", "--perod", "2026"]);
    assert_eq!(run.code, Some(2));
    let first = run.stderr.lines().next().unwrap_or_default();
    assert_eq!(first, "hs-audit: unknown option --perod; did you mean --period? See `hs-audit check --help`.");
}

#[test]
fn a_bad_date_says_how_to_write_one() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("rapport").to_string_lossy().to_string();
    let dutch = run_with(&["check", "fixtures/demo", "--as-of", "31-12-2026", "--out", &out]);
    assert_eq!(dutch.code, Some(2));
    assert_eq!(dutch.stderr, "hs-audit: --as-of: \"31-12-2026\" is geen datum; schrijf JJJJ-MM-DD, bijv. 2026-12-31\n");
    let english = run_with(&[
        "check",
        "fixtures/demo",
        "--from",
        "1-1-2026",
        "--to",
        "2026-12-31",
        "--lang",
        "en",
        "--out",
        &out,
    ]);
    assert_eq!(english.code, Some(2));
    assert_eq!(english.stderr, "hs-audit: --from: \"1-1-2026\" is not a date; write YYYY-MM-DD, e.g. 2026-12-31\n");
    assert!(!dir.path().join("rapport").exists(), "a bad date stops the run before anything is written");
}

#[test]
fn a_bad_value_lists_the_choices_in_both_languages() {
    let dutch = run_with(&["check", "fixtures/demo", "--fail-on", "soms"]);
    assert_eq!(dutch.code, Some(2));
    assert!(dutch.stderr.starts_with("hs-audit: --fail-on kent geen \"soms\"; kies error, warning of never."));
    let english = run_with(&["check", "fixtures/demo", "--fail-on", "sometimes", "--lang", "en"]);
    assert!(
        english.stderr.starts_with("hs-audit: --fail-on has no value \"sometimes\"; choose error, warning or never.")
    );
}

#[test]
fn the_tools_own_errors_say_what_to_do() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let missing = dir.path().join("geen-profiel.toml").to_string_lossy().to_string();
    let file = dir.path().join("bestand");
    std::fs::write(&file, "x").expect("writing a file");
    let blocked = file.join("rapport").to_string_lossy().to_string();
    let cases: [(&[&str], &str); 6] = [
        (&["check", "fixtures/demo", "--audience", "municipality"], "voeg bijv. --municipality Utrecht toe"),
        (&["check", "fixtures/demo", "--rules", &missing], "het bestand bestaat niet; controleer de naam en de map"),
        (&["check", "fixtures/demo", "--out", &blocked], "kies een andere naam met --out"),
        (&["check", "fixtures/demo", "--from", "2026-01-01"], "geef ook het einde van de periode"),
        (&["generate", "--locations", "0", "--out", &blocked], "schrijf bijv. --locations 10"),
        (&["rules", "list", "--rules", &missing], "het bestand bestaat niet; controleer de naam en de map"),
    ];
    for (args, advice) in cases {
        let run = run_with(args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(run.stderr.starts_with("hs-audit: "), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(advice), "{args:?} should say `{advice}`: {}", run.stderr);
        let mut english: Vec<&str> = args.to_vec();
        english.extend(["--lang", "en"]);
        let run = run_with(&english);
        assert_eq!(run.code, Some(2), "{english:?}: {}", run.stderr);
        assert!(!run.stderr.contains(advice), "{english:?} is still Dutch: {}", run.stderr);
    }
}

#[test]
fn completion_scripts_name_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = run_with(&["completions", shell]);
        assert_eq!(run.code, Some(0), "{shell}: {}", run.stderr);
        assert!(!run.stdout.trim().is_empty(), "{shell}: empty script");
        for name in ["check", "inspect", "rules", "list", "explain", "lint", "template", "generate"] {
            assert!(run.stdout.contains(name), "{shell} script lacks {name}");
        }
    }
}

/// What bash offers for the words typed so far (the last one is being completed).
fn bash_completes(script: &Path, words: &[&str]) -> String {
    let words_quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let (cur, prev) = (words[words.len() - 1], words[words.len() - 2]);
    let program = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; _hs__audit hs-audit '{cur}' '{prev}'; echo \"${{COMPREPLY[*]}}\"",
        script.display(),
        words_quoted.join(" "),
        words.len() - 1
    );
    let out = Command::new("bash").args(["--norc", "-c", &program]).output().expect("bash runs");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn bash_completes_commands_and_their_options() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let script = dir.path().join("hs-audit.bash");
    std::fs::write(&script, run_with(&["completions", "bash"]).stdout).expect("writing the script");
    assert_eq!(bash_completes(&script, &["hs-audit", "ch"]), "check");
    assert_eq!(bash_completes(&script, &["hs-audit", "check", "x", "--per"]), "--period");
    assert_eq!(bash_completes(&script, &["hs-audit", "rules", "explain", "--la"]), "--lang");
    assert_eq!(bash_completes(&script, &["hs-audit", "check", "x", "--lang", ""]), "nl en");
}

#[test]
fn the_man_page_names_every_command_and_every_option_of_check() {
    let run = run_with(&["manpage"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("\n.TH hs-audit 1 "), "{}", run.stdout);
    // roff writes a hyphen as `\-`.
    let page = run.stdout.replace("\\-", "-");
    for name in ["check", "inspect", "rules list", "rules explain", "rules lint", "template", "generate"] {
        assert!(page.contains(&format!("hs-audit {name}")), "the man page lacks {name}");
    }
    let root = Cli::command();
    let check = root.find_subcommand("check").expect("a check command");
    for arg in check.get_arguments().filter_map(|a| a.get_long()) {
        assert!(page.contains(&format!("--{arg}")), "the man page lacks check --{arg}");
    }
}

/// Runs the binary with extra environment; NO_COLOR and CLICOLOR_FORCE start unset.
fn run_env(args: &[&str], env: &[(&str, &str)]) -> (String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hs-audit"));
    cmd.args(args).current_dir(Path::new(env!("CARGO_MANIFEST_DIR")));
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").env_remove("CLICOLOR");
    cmd.envs(env.iter().copied()).stdin(Stdio::null());
    let out = cmd.output().expect("the hs-audit binary runs");
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn no_color_means_no_escape_codes_even_when_colour_is_forced() {
    const ESC: &str = "\x1b[";
    let help = ["check", "--help"];
    let error = ["check", "fixtures/demo", "--perod", "2026"];
    // The control: forced colour does colour clap's help and errors.
    let (out, _) = run_env(&help, &[("CLICOLOR_FORCE", "1")]);
    assert!(out.contains(ESC), "CLICOLOR_FORCE gives colour, so the checks below can see it");
    for env in [&[("NO_COLOR", "1")][..], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")], &[]] {
        for args in [&help[..], &error, &["--version"], &["rules", "list"]] {
            let (out, err) = run_env(args, env);
            assert!(!out.contains(ESC) && !err.contains(ESC), "{env:?} {args:?}: {out:?} {err:?}");
        }
    }
}
