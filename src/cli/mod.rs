//! The command line: one file per command, and the exit codes.

pub mod check;
mod check_summary;
pub mod generate;
pub mod inspect;
pub mod period;
mod progress;
pub mod template;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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

#[derive(Debug, Parser)]
#[command(name = "hs-audit", version, about = "Audits Home-Start location exports against the licence rulebook")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Audit one or many exports against the rulebook and write results.json.
    #[command(
        after_help = "Examples:\n  hs-audit check fixtures/demo\n  hs-audit check exports/ --period 2026 --as-of 2027-02-28\n  hs-audit check L001.xlsx --waivers waivers.toml --fail-on warning"
    )]
    Check(Box<CheckArgs>),
    /// Show what the tool reads from exports: locations, sheets, columns, rows and every input finding.
    #[command(after_help = "Examples:\n  hs-audit inspect fixtures/demo\n  hs-audit inspect exports/ --lang en")]
    Inspect {
        /// A workbook (.xlsx, .xlsm, .xls, .ods), a folder of CSV files, or a folder of exports.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Language of the output.
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
    /// Write an empty export workbook to fill in: instructions, every sheet, notes, drop-down lists.
    #[command(
        after_help = "Examples:\n  hs-audit template\n  hs-audit template --out mijn-export.xlsx\n  hs-audit template --lang en"
    )]
    Template {
        /// Where to write the workbook (default: hs-audit-export.xlsx; never overwritten).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Language of the sheets, headers and instructions.
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
    /// The rulebook in prose, one rule explained, or a rulebook or waiver file checked.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Write realistic synthetic exports with rule violations at known rates.
    #[command(
        after_help = "Examples:\n  hs-audit generate --locations 150 --seed 7 --out exports/\n  hs-audit generate --locations 1 --format csv --out demo-csv/"
    )]
    Generate {
        /// How many locations (one export each).
        #[arg(long)]
        locations: usize,
        /// Seed: the same seed gives the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_enum, default_value_t = GenFormatArg::Xlsx)]
        format: GenFormatArg,
        /// The audit year the data is made for.
        #[arg(long, default_value_t = 2026)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GenFormatArg {
    Xlsx,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Every rule of the rulebook in prose.
    List {
        /// A rulebook or profile instead of the embedded `homestart-nl`.
        #[arg(long)]
        rules: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
    /// One rule: what it checks, why, what to do, its parameters and source.
    Explain {
        /// The rule id, e.g. HS-G04.
        id: String,
        #[arg(long)]
        rules: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
    /// Check a rulebook, profile or waiver file: every problem with its line and column.
    Lint {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// A workbook, a folder of CSV files, or a folder of exports.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// A rulebook or profile (default: the embedded homestart-nl).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// The audit period as a calendar year, e.g. 2026.
    #[arg(long)]
    pub period: Option<String>,
    /// Start of the period (YYYY-MM-DD), with --to.
    #[arg(long)]
    pub from: Option<String>,
    /// End of the period (YYYY-MM-DD), with --from.
    #[arg(long)]
    pub to: Option<String>,
    /// The as-of date (YYYY-MM-DD); default: the end of the period.
    #[arg(long)]
    pub as_of: Option<String>,
    /// A waiver file.
    #[arg(long)]
    pub waivers: Option<PathBuf>,
    /// Who the report is for (default: location for one location, national for several).
    #[arg(long, value_enum)]
    pub audience: Option<crate::report::Audience>,
    /// The municipality, with --audience municipality.
    #[arg(long)]
    pub municipality: Option<String>,
    /// Output formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [crate::report::Format::Html, crate::report::Format::Json])]
    pub format: Vec<crate::report::Format>,
    /// A folder whose report templates replace the built-in ones.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Output folder.
    #[arg(long, default_value = "hs-audit-report")]
    pub out: PathBuf,
    #[arg(long, value_enum, default_value_t = Lang::Nl)]
    pub lang: Lang,
    /// The least severity of an unwaived failure that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = check::FailOn::Error)]
    pub fail_on: check::FailOn,
}

/// Runs the parsed command and returns its outcome.
pub fn run(cli: Cli, out: &mut dyn std::io::Write, err: &mut dyn std::io::Write) -> std::io::Result<Outcome> {
    match cli.command {
        Command::Check(a) => {
            let opts = check::CheckOptions {
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
            };
            check::run(&opts, out, err)
        }
        Command::Inspect { paths, lang } => inspect::run(&paths, lang, out),
        Command::Rules(cmd) => rules_command(cmd, out, err),
        Command::Template { out: path, lang } => {
            template::run(&path.unwrap_or_else(|| template::default_out(lang)), lang, out, err)
        }
        Command::Generate { locations, seed, format, year, out: dir } => {
            generate::run(locations, seed, format, year, &dir, out, err)
        }
    }
}

fn rules_command(
    cmd: RulesCommand,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> std::io::Result<Outcome> {
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
    rules: Option<&std::path::Path>,
    lang: Lang,
    err: &mut dyn std::io::Write,
) -> std::io::Result<Option<crate::rulebook::Rulebook>> {
    match crate::rulebook::load_rulebook(rules, crate::rules::registry::RULES) {
        Ok(book) => Ok(Some(book)),
        Err(diagnostics) => {
            for d in diagnostics {
                writeln!(err, "{}", d.render(lang))?;
            }
            Ok(None)
        }
    }
}
