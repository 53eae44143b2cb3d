//! The command line: one file per command, and the exit codes.

mod args;
#[cfg(test)]
mod catalogue_tests;
pub mod check;
mod check_summary;
mod compare;
pub mod generate;
#[cfg(test)]
mod help_tests;
pub mod help_text;
mod history;
pub mod inspect;
#[cfg(test)]
mod keep_tests;
mod national_summary;
#[cfg(test)]
pub(crate) mod pseudo_report_tests;

#[cfg(test)]
mod isolation_tests;
mod location_ids;
pub mod period;
mod progress;
pub mod serve;
pub mod shell_docs;
pub mod template;
pub mod terminal;
#[cfg(test)]
mod tests;
pub mod usage_error;
pub mod write_out;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub use args::{CheckArgs, Cli, Command, GenFormatArg, RulesCommand};
pub use usage_error::parse_args;

use crate::i18n::Lang;

/// Exit status: 0 all well, 1 a failed rule at or above `--fail-on`,
/// 2 a usage error or something that could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    RuleFailed,
    InputProblem,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> ExitCode {
        ExitCode::from(match o {
            Outcome::Clean => 0,
            Outcome::RuleFailed => 1,
            Outcome::InputProblem => 2,
        })
    }
}

/// What `check`'s arguments ask for.
fn check_options(a: args::CheckArgs) -> check::CheckOptions {
    check::CheckOptions {
        paths: a.paths,
        rules: a.rules,
        period: a.period,
        from: a.from,
        to: a.to,
        as_of: a.as_of,
        waivers: a.waivers,
        audience: a.audience,
        municipality: a.municipality,
        formats: a.format,
        templates: a.templates,
        out: a.out,
        lang: a.lang,
        fail_on: a.fail_on,
        previous: a.previous,
    }
}

/// Runs the parsed command and returns its outcome.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<Outcome> {
    match cli.command {
        Command::Check(a) => {
            check::run(&check_options(*a), &mut terminal::Escaping::new(out), &mut terminal::Escaping::new(err))
        }
        Command::Inspect { paths, lang } => inspect::run(&paths, lang, &mut terminal::Escaping::new(out)),
        Command::Rules(cmd) => rules_command(cmd, out, err),
        Command::Template { out: file, lang } => {
            template::run(&file.unwrap_or_else(|| template::default_out(lang)), lang, out, err)
        }
        Command::Generate { locations, seed, format, year, history, out: dir, lang } => {
            generate::run(&generate::GenerateArgs { locations, seed, format, year, history, dir, lang }, out, err)
        }
        Command::Compare { old, new, json, lang } => compare::run(&old, &new, json, lang, out, err),
        Command::Serve { port, no_open, lang } => serve::run(port, !no_open, lang, out, err),
        Command::Completions { shell, lang } => shell_docs::completions(shell, lang, out).map(|_| Outcome::Clean),
        Command::Manpage { lang } => shell_docs::manpage(lang, out).map(|_| Outcome::Clean),
    }
}

fn rules_command(cmd: RulesCommand, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<Outcome> {
    use crate::rulebook::{lint_cmd, prose};
    match cmd {
        RulesCommand::Lint { file, lang } => lint_cmd::run_lint(&file, lang, out),
        RulesCommand::List { rules, lang } => match load_or_report(rules.as_deref(), lang, err)? {
            Some(book) => prose::run_list(lang, &book, out).map(|_| Outcome::Clean),
            None => Ok(Outcome::InputProblem),
        },
        RulesCommand::Explain { id, rules, lang } => match load_or_report(rules.as_deref(), lang, err)? {
            Some(book) => prose::run_explain(&id, lang, &book, out),
            None => Ok(Outcome::InputProblem),
        },
    }
}

/// Loads the rulebook, or prints every problem with its place.
fn load_or_report(
    rules: Option<&Path>,
    lang: Lang,
    err: &mut dyn Write,
) -> std::io::Result<Option<crate::rulebook::Rulebook>> {
    match crate::rulebook::load_rulebook(rules, crate::rules::registry::RULES) {
        Ok(book) => Ok(Some(book)),
        Err(diagnostics) => {
            for d in diagnostics {
                writeln!(err, "hs-audit: {}", d.render(lang))?;
            }
            if let Some(hint) = rules.and_then(|p| lint_hint(p, lang)) {
                writeln!(err, "hs-audit: {hint}")?;
            }
            Ok(None)
        }
    }
}

/// What to do about problems in a rulebook, profile or waiver file that
/// could be read: fix them, and check the file again with `rules lint`.
/// `None` when the file is not there (its diagnostic already says so).
pub(crate) fn lint_hint(file: &Path, lang: Lang) -> Option<String> {
    file.is_file().then(|| {
        let shown = file.display().to_string();
        crate::report::catalogue::msg("cli_lint_hint", lang, &[("file", shown)])
    })
}
