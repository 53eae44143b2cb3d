//! `hs-audit generate`: synthetic exports for demos, training and benchmarks.

use std::io::Write;
use std::path::PathBuf;

use super::{GenFormatArg, Outcome};
use crate::generate::{GenFormat, GenerateOptions, YEARS, generate};
use crate::i18n::Lang;
use crate::ingest::display_path;
use crate::report::catalogue::{NO_ARGS, msg};

/// What `generate` was asked to do.
#[derive(Debug, Clone)]
pub struct GenerateArgs {
    pub locations: usize,
    pub seed: u64,
    pub format: GenFormatArg,
    pub year: i32,
    /// Years of history (`--history`), ending in `year`.
    pub history: Option<usize>,
    pub dir: PathBuf,
    pub lang: Lang,
}

/// Checks the arguments, writes the exports and says where they went.
pub fn run(args: &GenerateArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<Outcome> {
    let lang = args.lang;
    if let Some(problem) = argument_problem(args) {
        writeln!(err, "hs-audit: {problem}")?;
        return Ok(Outcome::InputProblem);
    }
    if let Err(e) = std::fs::create_dir_all(&args.dir) {
        writeln!(err, "hs-audit: {}", crate::io_text::cannot_write(&args.dir, &e, "--out").get(lang))?;
        return Ok(Outcome::InputProblem);
    }
    let format = match args.format {
        GenFormatArg::Xlsx => GenFormat::Xlsx,
        GenFormatArg::Csv => GenFormat::Csv,
    };
    let opts =
        GenerateOptions { locations: args.locations, seed: args.seed, format, out: args.dir.clone(), year: args.year };
    let shown = display_path(&args.dir);
    let written = match args.history {
        Some(years) => crate::generate::history::generate_history(&opts, years),
        None => generate(&opts),
    };
    match written {
        Ok(paths) => {
            let n = paths.len();
            writeln!(
                out,
                "{}",
                msg("cli_generate_written", lang, &[("count", n.to_string()), ("folder", shown.to_string())])
            )?;
            Ok(Outcome::Clean)
        }
        Err(e) => {
            let args = [("folder", shown.to_string()), ("error", e.text(lang))];
            writeln!(err, "hs-audit: {}", msg("cli_generate_failed", lang, &args))?;
            Ok(Outcome::InputProblem)
        }
    }
}

/// What is wrong with `--locations` or `--year`, and what to write instead.
fn argument_problem(args: &GenerateArgs) -> Option<String> {
    let (first, last) = (YEARS.start(), YEARS.end());
    if args.locations == 0 {
        return Some(msg("cli_generate_no_locations", args.lang, NO_ARGS));
    }
    if args.history == Some(0) || args.history.is_some_and(|n| !YEARS.contains(&(args.year - n.min(10_000) as i32 + 1)))
    {
        return Some(msg("cli_generate_bad_history", args.lang, NO_ARGS));
    }
    if !YEARS.contains(&args.year) {
        let years = [("year", args.year.to_string()), ("first", first.to_string()), ("last", last.to_string())];
        return Some(msg("cli_generate_bad_year", args.lang, &years));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(locations: usize, year: i32, lang: Lang) -> GenerateArgs {
        GenerateArgs {
            locations,
            seed: 1,
            format: GenFormatArg::Csv,
            year,
            history: None,
            dir: PathBuf::from("x"),
            lang,
        }
    }

    #[test]
    fn argument_problems_say_what_to_write() {
        assert_eq!(
            argument_problem(&args(0, 2026, Lang::Nl)).as_deref(),
            Some("--locations moet minstens 1 zijn; schrijf bijv. --locations 10")
        );
        let year = argument_problem(&args(1, 1800, Lang::En)).unwrap_or_default();
        assert!(year.starts_with("--year 1800 cannot be used; choose a year from"), "{year}");
        assert_eq!(argument_problem(&args(1, 2026, Lang::Nl)), None);
    }
}
