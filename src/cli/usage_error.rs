//! Parsing the command line, and clap's own parse errors made helpful: a first
//! line in the reader's language saying what is wrong and what to do (clap's
//! English detail is not printed). The texts are keys of `reports/messages/cli.toml`. Exit 2 for a usage error; 0 for `--help` and `--version`.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, FromArgMatches};

use super::{Cli, Outcome};
use crate::i18n::Lang;
use crate::report::Catalogue;

/// Parses the arguments (the program name first). On `--help` or `--version`
/// prints it and returns `Err(Outcome::Clean)`; on a usage error prints the
/// explained error to standard error and returns `Err(Outcome::InputProblem)`.
pub fn parse_args<I, T>(args: I) -> Result<Cli, Outcome>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // Arguments that parse need no texts: the tree as defined parses them as
    // the localized one does (the texts differ, never the arguments), and
    // building the localized tree was a few milliseconds of every run.
    // Help, version and usage errors take the localized tree below.
    if let Ok(cli) = <Cli as clap::Parser>::try_parse_from(&args) {
        return Ok(cli);
    }
    // The help in the language of `--lang`, chosen as for a usage error.
    let mut cmd = super::help_text::localized(lang_from_args(&args));
    let parsed = cmd
        .try_get_matches_from_mut(&args)
        .and_then(|mut m| Cli::from_arg_matches_mut(&mut m).map_err(|e| e.format(&mut cmd)));
    match parsed {
        Ok(cli) => Ok(cli),
        Err(e) => {
            match explain(&e, &args) {
                // A usage error: its line in the reader's language says what
                // is wrong and where the help is (clap's English detail is
                // not added below it).
                Some(line) if e.use_stderr() => {
                    eprintln!("{line}");
                    // A command given without what it needs: its help (in
                    // the reader's language) follows.
                    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                        let _ = e.print();
                    }
                }
                // Help and version go to stdout, coloured only where clap's
                // stream allows it (a terminal, and no NO_COLOR).
                _ => {
                    let _ = e.print();
                }
            }
            Err(if e.use_stderr() { Outcome::InputProblem } else { Outcome::Clean })
        }
    }
}

/// `--lang en` or `--lang=en` among the raw arguments: the language to speak
/// in when clap could not parse them (and so could not read `--lang` itself).
pub fn lang_from_args(args: &[OsString]) -> Lang {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let english = args.windows(2).any(|w| w[0] == "--lang" && w[1].eq_ignore_ascii_case("en"))
        || args.iter().any(|a| a.eq_ignore_ascii_case("--lang=en"));
    if english { Lang::En } else { Lang::Nl }
}

/// The first line for a parse error, in the language the arguments ask for;
/// `None` for `--help` and `--version`, which are no errors.
pub fn explain(err: &clap::Error, args: &[OsString]) -> Option<String> {
    explain_in(err, lang_from_args(args), &command_path(args))
}

/// The command the arguments name, as far as it could be followed:
/// `hs-audit`, `hs-audit check`, `hs-audit rules explain`.
pub(super) fn command_path(args: &[OsString]) -> String {
    let mut cmd = Cli::command();
    let mut path = vec!["hs-audit".to_string()];
    for arg in args.iter().skip(1).filter_map(|a| a.to_str()) {
        let Some(sub) = cmd.find_subcommand(arg).cloned() else { break };
        path.push(sub.get_name().to_string());
        cmd = sub;
    }
    path.join(" ")
}

/// As [`explain`], with the language and command given.
pub fn explain_in(err: &clap::Error, lang: Lang, cmd: &str) -> Option<String> {
    crate::report::catalogue::with_current(|c| explain_with(c, err, lang, cmd))
}

/// A catalogue key with its named arguments.
type Msg = (&'static str, Vec<(&'static str, String)>);

/// As [`explain_in`], with the texts from `catalogue` (the tests use a
/// pseudo-locale).
pub fn explain_with(catalogue: &Catalogue, err: &clap::Error, lang: Lang, cmd: &str) -> Option<String> {
    let t = |(key, args): Msg| catalogue.fill(key, lang, &args);
    let see = t(("cli_see_help", vec![("cmd", cmd.to_string())]));
    let or = t(("cli_or", vec![]));
    let arg = text(err, ContextKind::InvalidArg).map(|a| option_name(&a)).unwrap_or_default();
    let value = text(err, ContextKind::InvalidValue).unwrap_or_default();
    let (key, mut args): Msg = match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => return None,
        ErrorKind::UnknownArgument => {
            let negative = arg.len() > 1 && arg[1..].chars().all(|c| c.is_ascii_digit() || c == '.');
            if negative {
                ("cli_negative_number", vec![("arg", arg)])
            } else {
                let kind = if arg.starts_with('-') { "cli_unknown_option" } else { "cli_unexpected_argument" };
                let what = t((kind, vec![("arg", arg.clone())]));
                match (owner_of(cmd, &arg), text(err, ContextKind::SuggestedArg)) {
                    (Some(owner), _) => {
                        ("cli_option_before_command", vec![("what", what), ("owner", owner), ("arg", arg)])
                    }
                    (None, Some(s)) => ("cli_did_you_mean", vec![("what", what), ("suggestion", s)]),
                    (None, None) => ("cli_what_see", vec![("what", what)]),
                }
            }
        }
        ErrorKind::InvalidSubcommand => {
            let sub = text(err, ContextKind::InvalidSubcommand).unwrap_or_default();
            let what = t(("cli_unknown_command", vec![("command", sub)]));
            match texts(err, ContextKind::SuggestedSubcommand).first() {
                Some(s) => ("cli_did_you_mean", vec![("what", what), ("suggestion", s.clone())]),
                None => ("cli_what_see", vec![("what", what)]),
            }
        }
        ErrorKind::InvalidValue if value.is_empty() => ("cli_needs_value", vec![("arg", arg)]),
        ErrorKind::InvalidValue => {
            let valid = texts(err, ContextKind::ValidValue);
            let choose =
                if valid.is_empty() { String::new() } else { t(("cli_choose", vec![("list", join_or(&valid, &or))])) };
            if arg.starts_with('-') {
                ("cli_option_has_no_value", vec![("arg", arg), ("value", value), ("choose", choose)])
            } else {
                ("cli_value_not_here", vec![("value", value), ("choose", choose)])
            }
        }
        ErrorKind::ValueValidation => {
            let number = std::error::Error::source(err).is_some_and(|s| s.is::<std::num::ParseIntError>());
            let example = match arg.as_str() {
                "--year" => "2026",
                "--seed" => "7",
                _ => "10",
            };
            if number {
                ("cli_not_a_whole_number", vec![("value", value), ("arg", arg), ("example", example.to_string())])
            } else {
                ("cli_not_a_value_for", vec![("value", value), ("arg", arg)])
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = texts(err, ContextKind::InvalidArg)
                .iter()
                .map(|a| missing_key(catalogue, a).map_or_else(|| option_name(a), |k| t((k, vec![]))))
                .collect();
            ("cli_something_missing", vec![("list", join_or(&missing, &t(("cli_and", vec![]))))])
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let subs = subcommands_of(cmd);
            ("cli_needs_command", vec![("cmd", cmd.to_string()), ("list", join_or(&subs, &or))])
        }
        ErrorKind::ArgumentConflict => {
            let prior = texts(err, ContextKind::PriorArg).first().map(|p| option_name(p)).unwrap_or_default();
            if prior.is_empty() || prior == arg {
                ("cli_given_twice", vec![("arg", arg)])
            } else {
                ("cli_conflict", vec![("arg", arg), ("prior", prior)])
            }
        }
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            ("cli_wrong_number_of_values", vec![("arg", arg)])
        }
        ErrorKind::InvalidUtf8 => ("cli_invalid_utf8", vec![]),
        _ => ("cli_other", vec![]),
    };
    args.push(("see", see));
    Some(format!("hs-audit: {}", t((key, args))))
}

/// `--lang <LANG>` → `--lang`; `<EXPORT>...` stays as it is.
fn option_name(arg: &str) -> String {
    if arg.starts_with('-') { arg.split([' ', '=']).next().unwrap_or(arg).to_string() } else { arg.to_string() }
}

/// The command an option belongs to, when it was given to `hs-audit` itself
/// before any command: `hs-audit --period 2026` → `hs-audit check`.
fn owner_of(cmd: &str, arg: &str) -> Option<String> {
    let long = arg.strip_prefix("--").filter(|_| cmd == "hs-audit")?;
    let root = Cli::command();
    let owner = root.get_subcommands().filter(|s| !s.is_hide_set()).find(|s| {
        s.get_arguments().any(|a| a.get_long() == Some(long))
            || s.get_subcommands().any(|c| c.get_arguments().any(|a| a.get_long() == Some(long)))
    })?;
    Some(format!("hs-audit {}", owner.get_name()))
}

/// The catalogue key of a missing positional argument in words; `None` for
/// an option, which is named as it is. The placeholder (`<RULE>`) is as the
/// definitions name it or as the help's catalogue gives it (`<REGEL>`).
fn missing_key(catalogue: &Catalogue, arg: &str) -> Option<&'static str> {
    let name = arg.trim_end_matches("...").trim_start_matches('<').trim_end_matches('>');
    let known = [
        ("EXPORT", "cli_missing_export"),
        ("RULE", "cli_missing_rule"),
        ("FILE", "cli_missing_file"),
        ("SHELL", "cli_missing_shell"),
    ];
    let is = |placeholder: &str| {
        let key = super::help_text::placeholder_key(placeholder);
        name == placeholder || [Lang::Nl, Lang::En].into_iter().any(|lang| catalogue.get(&key, lang) == name)
    };
    known.into_iter().find(|(placeholder, _)| is(placeholder)).map(|(_, key)| key)
}

/// The visible subcommands of the command at `path` (`hs-audit rules`).
fn subcommands_of(path: &str) -> Vec<String> {
    let mut cmd = Cli::command();
    for name in path.split(' ').skip(1) {
        match cmd.find_subcommand(name).cloned() {
            Some(sub) => cmd = sub,
            None => break,
        }
    }
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .map(|s| s.get_name().to_string())
        .collect()
}

/// `a, b or c`.
fn join_or(items: &[String], or: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {or} {last}", init.join(", ")),
    }
}

fn text(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => v.first().cloned(),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        _ => None,
    }
}

fn texts(err: &clap::Error, kind: ContextKind) -> Vec<String> {
    match err.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    }
}
