//! The command line as clap definitions: every command and option, how it is
//! parsed. The doc comments are notes for developers: what a reader sees in
//! `--help`, the man page and the completions comes from the catalogue
//! (`reports/messages/help.toml`), set on this tree by `help_text`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use super::check::FailOn;
use crate::i18n::Lang;
use crate::report::{Audience, Format};

#[derive(Debug, Parser)]
#[command(name = "hs-audit", version, about = "Audit Home-Start location exports against the licence rulebook")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Audit exports against the rulebook and write the reports and results.json.
    Check(Box<CheckArgs>),
    /// Show what the tool reads from exports: sheets, columns, rows and every input finding.
    Inspect {
        /// A workbook (.xlsx, .xlsm, .xls, .ods), a folder of CSV files, or a folder of exports.
        #[arg(required = true, value_name = "EXPORT")]
        paths: Vec<PathBuf>,
        /// Language of the output.
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
    /// Show the rulebook in prose, explain one rule, or check a rulebook or waiver file.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Write an empty export workbook to fill in: instructions, every sheet, notes, drop-down lists.
    Template {
        /// Where to write the workbook (default: hs-audit-export.xlsx; never overwritten).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Language of the sheets, headers and instructions.
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
    /// Write synthetic exports with rule violations at known rates (demos, training, benchmarks).
    Generate {
        /// How many locations (one export each).
        #[arg(long, value_name = "N")]
        locations: usize,
        /// Seed: the same seed gives the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// File format of the exports.
        #[arg(long, value_enum, default_value_t = GenFormatArg::Xlsx)]
        format: GenFormatArg,
        /// The audit year the data is made for.
        #[arg(long, value_name = "YYYY", default_value_t = 2026)]
        year: i32,
        /// Several years ending in --year, each in its folder DIR/YYYY/: the same locations with change.
        #[arg(long, value_name = "YEARS")]
        history: Option<usize>,
        /// The folder to write the exports into (made when missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Language of messages.
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
    /// What changed between two audits: per location and rule, failures that are new, persisting and fixed.
    Compare {
        /// The results.json of the earlier audit.
        #[arg(value_name = "OLD.json")]
        old: PathBuf,
        /// The results.json of the later audit.
        #[arg(value_name = "NEW.json")]
        new: PathBuf,
        /// Print the changes as JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Language of the output.
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
    /// Open a local web page: choose exports, see what was read and the report, download every format.
    Serve {
        /// The port on 127.0.0.1 (0 picks a free one).
        #[arg(long, value_name = "N", default_value_t = 8765)]
        port: u16,
        /// Do not open the page in the default browser.
        #[arg(long)]
        no_open: bool,
        /// Language of the page (it has a switch too).
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
    /// Print a shell completion script for bash, zsh, fish, powershell or elvish.
    #[command(hide = true)]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
        /// Language of the descriptions in the script.
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
    /// Print the man page (roff) of hs-audit and all its commands.
    #[command(hide = true)]
    Manpage {
        /// Language of the man page.
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
}

/// `generate --format` (`help_generate_format` explains the values; doc
/// comments on them would show in English).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GenFormatArg {
    // One workbook per location.
    Xlsx,
    // One folder of CSV files per location.
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List every rule of the rulebook on one line: id, severity and title.
    List {
        /// A rulebook or profile instead of the embedded homestart-nl.
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
        /// Language of the output.
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
    /// Explain one rule: what it checks, why, what to do, its parameters and source.
    Explain {
        /// The rule id, e.g. HS-G04 (`hs-audit rules list` shows them all).
        #[arg(value_name = "RULE")]
        id: String,
        /// A rulebook or profile instead of the embedded homestart-nl.
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
        /// Language of the output.
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
    /// Check a rulebook, profile or waiver file and show every problem with its line and column.
    Lint {
        /// The rulebook, profile or waiver file.
        file: PathBuf,
        /// Language of the output.
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// A workbook, a folder of CSV files, or a folder of exports.
    #[arg(required = true, value_name = "EXPORT")]
    pub paths: Vec<PathBuf>,
    /// The audit period as a calendar year, e.g. 2026 (default: the year of the latest contact).
    #[arg(long, value_name = "YYYY", help_heading = "Period")]
    pub period: Option<String>,
    /// Start of the period, with --to.
    #[arg(long, value_name = "YYYY-MM-DD", help_heading = "Period")]
    pub from: Option<String>,
    /// End of the period, with --from.
    #[arg(long, value_name = "YYYY-MM-DD", help_heading = "Period")]
    pub to: Option<String>,
    /// The date the audit looks from (default: the end of the period).
    #[arg(long, value_name = "YYYY-MM-DD", help_heading = "Period")]
    pub as_of: Option<String>,
    /// A rulebook or profile (default: the embedded homestart-nl).
    #[arg(long, value_name = "FILE", help_heading = "Rules")]
    pub rules: Option<PathBuf>,
    /// A file of approved exceptions.
    #[arg(long, value_name = "FILE", help_heading = "Rules")]
    pub waivers: Option<PathBuf>,
    /// The least severity of an unwaived failure that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error, help_heading = "Rules")]
    pub fail_on: FailOn,
    /// Who the report is for (default: location for one location, national for several).
    #[arg(long, value_enum, help_heading = "Report")]
    pub audience: Option<Audience>,
    /// The municipality, with --audience municipality.
    #[arg(long, value_name = "NAME", help_heading = "Report")]
    pub municipality: Option<String>,
    /// Output formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [Format::Html, Format::Json], help_heading = "Report")]
    pub format: Vec<Format>,
    /// The folder to write the reports and results.json into.
    #[arg(long, value_name = "DIR", default_value = "hs-audit-report", help_heading = "Report")]
    pub out: PathBuf,
    /// The results.json of an earlier audit, to show what changed (repeatable).
    #[arg(long, value_name = "FILE", help_heading = "Rules")]
    pub previous: Vec<PathBuf>,
    /// A folder whose report templates replace the built-in ones.
    #[arg(long, value_name = "DIR", help_heading = "Report")]
    pub templates: Option<PathBuf>,
    /// Language of the reports and messages.
    #[arg(long, value_enum, default_value_t = Lang::Nl, help_heading = "Report")]
    pub lang: Lang,
}
