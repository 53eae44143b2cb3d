//! `hs-audit generate`: synthetic exports for demos, training and benchmarks.

use std::io::Write;
use std::path::Path;

use super::{GenFormatArg, Outcome};
use crate::generate::{GenFormat, GenerateOptions, YEARS, generate};

pub fn run(
    locations: usize,
    seed: u64,
    format: GenFormatArg,
    year: i32,
    dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    if locations == 0 || !YEARS.contains(&year) {
        writeln!(
            err,
            "hs-audit: --locations must be at least 1 and --year within {}..={}",
            YEARS.start(),
            YEARS.end()
        )?;
        return Ok(Outcome::InputProblem);
    }
    let format = match format {
        GenFormatArg::Xlsx => GenFormat::Xlsx,
        GenFormatArg::Csv => GenFormat::Csv,
    };
    let opts = GenerateOptions { locations, seed, format, out: dir.to_path_buf(), year };
    match generate(&opts) {
        Ok(paths) => {
            writeln!(out, "{} exports written to {}", paths.len(), crate::ingest::display_path(dir))?;
            Ok(Outcome::Clean)
        }
        Err(e) => {
            writeln!(err, "hs-audit: {e}")?;
            Ok(Outcome::InputProblem)
        }
    }
}
