//! The command line: one file per command, and the exit codes.

pub mod inspect;

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
}

/// Runs the parsed command and returns its outcome; output goes to `out`.
pub fn run(cli: Cli, out: &mut dyn std::io::Write) -> std::io::Result<Outcome> {
    match cli.command {
        Command::Inspect { paths, lang } => inspect::run(&paths, lang, out),
    }
}
