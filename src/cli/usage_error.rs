//! Parsing the command line, and clap's own parse errors made helpful: a first
//! line in the reader's language saying what is wrong and what to do, above
//! clap's English detail. Exit 2 for a usage error; 0 for `--help` and `--version`.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, Parser};

use super::{Cli, Outcome};
use crate::i18n::Lang;

/// Parses the arguments (the program name first). On `--help` or `--version`
/// prints it and returns `Err(Outcome::Clean)`; on a usage error prints the
/// explained error to standard error and returns `Err(Outcome::InputProblem)`.
pub fn parse_args<I, T>(args: I) -> Result<Cli, Outcome>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    match Cli::try_parse_from(&args) {
        Ok(cli) => Ok(cli),
        Err(e) => {
            if let Some(line) = explain(&e, &args) {
                eprintln!("{line}");
            }
            // Help and version go to stdout, errors to stderr, coloured only
            // where clap's stream allows it (a terminal, and no NO_COLOR).
            let _ = e.print();
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
fn command_path(args: &[OsString]) -> String {
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
    let nl = lang == Lang::Nl;
    let pick = |d: String, e: String| if nl { d } else { e };
    let see = pick(format!("Zie `{cmd} --help`."), format!("See `{cmd} --help`."));
    let arg = text(err, ContextKind::InvalidArg).map(|a| option_name(&a)).unwrap_or_default();
    let value = text(err, ContextKind::InvalidValue).unwrap_or_default();
    let line = match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => return None,
        ErrorKind::UnknownArgument => {
            let negative = arg.len() > 1 && arg[1..].chars().all(|c| c.is_ascii_digit() || c == '.');
            if negative {
                return Some(format!(
                    "hs-audit: {}",
                    pick(
                        format!("\"{arg}\" kan niet: getallen zijn hier nooit negatief. {see}"),
                        format!("\"{arg}\" cannot be used: numbers here are never negative. {see}"),
                    )
                ));
            }
            let what = match (arg.starts_with('-'), nl) {
                (true, true) => format!("onbekende optie {arg}"),
                (true, false) => format!("unknown option {arg}"),
                (false, true) => format!("onverwacht argument {arg}"),
                (false, false) => format!("unexpected argument {arg}"),
            };
            match (owner_of(cmd, &arg), text(err, ContextKind::SuggestedArg)) {
                (Some(owner), _) => pick(
                    format!("{what} vóór de opdracht; opties komen erna, bijv. `{owner} ... {arg}`. {see}"),
                    format!("{what} before the command; options come after it, e.g. `{owner} ... {arg}`. {see}"),
                ),
                (None, Some(s)) => {
                    pick(format!("{what}; bedoelde u {s}? {see}"), format!("{what}; did you mean {s}? {see}"))
                }
                (None, None) => format!("{what}. {see}"),
            }
        }
        ErrorKind::InvalidSubcommand => {
            let sub = text(err, ContextKind::InvalidSubcommand).unwrap_or_default();
            let what = pick(format!("onbekende opdracht {sub}"), format!("unknown command {sub}"));
            match texts(err, ContextKind::SuggestedSubcommand).first() {
                Some(s) => pick(format!("{what}; bedoelde u {s}? {see}"), format!("{what}; did you mean {s}? {see}")),
                None => format!("{what}. {see}"),
            }
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            pick(format!("{arg} vraagt een waarde. {see}"), format!("{arg} needs a value. {see}"))
        }
        ErrorKind::InvalidValue => {
            let valid = texts(err, ContextKind::ValidValue);
            let choose = match (valid.is_empty(), nl) {
                (true, _) => String::new(),
                (false, true) => format!("; kies {}", join_or(&valid, "of")),
                (false, false) => format!("; choose {}", join_or(&valid, "or")),
            };
            if arg.starts_with('-') {
                pick(
                    format!("{arg} kent geen \"{value}\"{choose}. {see}"),
                    format!("{arg} has no value \"{value}\"{choose}. {see}"),
                )
            } else {
                pick(
                    format!("\"{value}\" kan hier niet{choose}. {see}"),
                    format!("\"{value}\" cannot be used here{choose}. {see}"),
                )
            }
        }
        ErrorKind::ValueValidation => {
            let number = std::error::Error::source(err).is_some_and(|s| s.is::<std::num::ParseIntError>());
            let example = match arg.as_str() {
                "--year" => "2026",
                "--seed" => "7",
                _ => "10",
            };
            match (number, nl) {
                (true, true) => format!("\"{value}\" is geen geheel getal; schrijf bijv. {arg} {example}. {see}"),
                (true, false) => format!("\"{value}\" is not a whole number; write e.g. {arg} {example}. {see}"),
                (false, true) => format!("\"{value}\" kan niet bij {arg}. {see}"),
                (false, false) => format!("\"{value}\" is not a value for {arg}. {see}"),
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> =
                texts(err, ContextKind::InvalidArg).iter().map(|a| missing_name(a, lang)).collect();
            let list = join_or(&missing, if nl { "en" } else { "and" });
            pick(format!("er ontbreekt iets: {list}. {see}"), format!("something is missing: {list}. {see}"))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let subs = subcommands_of(cmd);
            pick(
                format!("`{cmd}` vraagt een opdracht: {}. {see}", join_or(&subs, "of")),
                format!("`{cmd}` needs a command: {}. {see}", join_or(&subs, "or")),
            )
        }
        ErrorKind::ArgumentConflict => {
            let prior = texts(err, ContextKind::PriorArg).first().map(|p| option_name(p)).unwrap_or_default();
            if prior.is_empty() || prior == arg {
                pick(
                    format!("{arg} staat er meer dan één keer; geef het één keer."),
                    format!("{arg} is given more than once; give it once."),
                )
            } else {
                pick(
                    format!("{arg} en {prior} gaan niet samen; kies er één. {see}"),
                    format!("{arg} and {prior} do not go together; choose one. {see}"),
                )
            }
        }
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => pick(
            format!("{arg} heeft een verkeerd aantal waarden. {see}"),
            format!("{arg} has the wrong number of values. {see}"),
        ),
        ErrorKind::InvalidUtf8 => pick(
            format!(
                "een argument bevat tekens die geen tekst zijn; hernoem het bestand of typ het argument opnieuw. {see}"
            ),
            format!(
                "an argument holds characters that are not text; rename the file or type the argument again. {see}"
            ),
        ),
        _ => pick(
            format!("de opdrachtregel klopt niet (zie hieronder). {see}"),
            format!("the command line is not right (see below). {see}"),
        ),
    };
    Some(format!("hs-audit: {line}"))
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

/// A missing argument in words: positionals get a description, options their name.
fn missing_name(arg: &str, lang: Lang) -> String {
    let base = arg.trim_end_matches("...");
    let words = match base {
        "<EXPORT>" => (
            "een export (werkmap, map met CSV-bestanden of map met exports)",
            "an export (a workbook, a folder of CSV files or a folder of exports)",
        ),
        "<RULE>" => ("een regel-id, bijv. HS-G04", "a rule id, e.g. HS-G04"),
        "<FILE>" => ("een bestand", "a file"),
        "<SHELL>" => {
            ("de shell (bash, zsh, fish, powershell of elvish)", "the shell (bash, zsh, fish, powershell or elvish)")
        }
        _ => return option_name(arg),
    };
    lang.pick(words.0, words.1).to_string()
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
