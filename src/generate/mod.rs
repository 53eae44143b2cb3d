//! `hs-audit generate`: realistic synthetic location exports with rule violations at known rates.
//!
//! Every location is generated from its own random stream, derived from the
//! seed and the location's index, so location `L007` is the same whatever the
//! number of locations asked for. The data is clean input (nothing `inspect`
//! would report); the only defects are the rule violations listed in
//! [`VIOLATIONS`], injected at those rates and recorded in
//! [`GeneratedExport::violations`] as ground truth.
//!
//! The period audited is the calendar year `year`, the as-of date its
//! 31 December; nothing is dated after that except licence end dates and due
//! dates of pregnancies.

mod calendar;
mod contacts;
mod continuation;
pub mod history;
mod location;
mod model;
mod outcomes;
mod people;
mod places;
mod sheets;
mod trajectories;
mod violations;
mod write_csv;
mod write_xlsx;

#[cfg(test)]
mod oracle;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_files;

use std::path::{Path, PathBuf};

use rand::SeedableRng;
use rand::rngs::SmallRng;
use rayon::prelude::*;

use crate::tables::{SheetKind, Value};

pub use crate::findings::Why;
pub use violations::{VIOLATIONS, rate};
pub use write_csv::write_csv_folder;
pub use write_xlsx::write_xlsx;

/// The years the generator accepts for the audit period.
pub const YEARS: std::ops::RangeInclusive<i32> = 1910..=9000;

/// The file format of the generated exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenFormat {
    /// One workbook per location: `L001.xlsx`.
    Xlsx,
    /// One folder of CSV files per location: `L001/gezinnen.csv`, ...
    Csv,
}

/// What `hs-audit generate` was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateOptions {
    pub locations: usize,
    pub seed: u64,
    pub format: GenFormat,
    pub out: PathBuf,
    /// The audit period, a calendar year (the CLI's default is 2026).
    pub year: i32,
}

/// One generated location export, as typed values.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedExport {
    pub location_id: String,
    /// In the order of [`SheetKind::ALL`]; `metingen` is left out for some locations.
    pub sheets: Vec<GeneratedSheet>,
    /// Ground truth: every violation injected, sorted by rule and subject.
    pub violations: Vec<InjectedViolation>,
}

impl GeneratedExport {
    /// The sheet of a kind, when the export has it.
    pub fn sheet(&self, kind: SheetKind) -> Option<&GeneratedSheet> {
        self.sheets.iter().find(|s| s.kind == kind)
    }
}

/// One sheet: canonical column names and rows of typed values, exactly as a
/// reader should hand them back (codes as their canonical Dutch text, decimals
/// rounded to 2 decimals, `Empty` for empty cells).
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedSheet {
    pub kind: SheetKind,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
}

impl GeneratedSheet {
    /// The value in a row under a canonical column name (`Empty` when the sheet has no such column).
    pub fn value<'a>(&'a self, row: &'a [Value], column: &str) -> &'a Value {
        self.columns.iter().position(|c| *c == column).and_then(|i| row.get(i)).unwrap_or(&Value::Empty)
    }
}

/// One injected rule violation: the rule and its subject (a `gezin_id`, or
/// `None` for a location rule). With the default rulebook, period = `year`
/// and as-of = 31 December, `check` must give exactly these subjects `fail`
/// (for HS-L08, which never fails, `not_evaluated`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InjectedViolation {
    pub rule: &'static str,
    pub subject: Option<String>,
}

/// Generates `opts.locations` exports into `opts.out` (created when missing) and
/// returns the paths written (`L001.xlsx`, ... or the folders `L001`, ...), sorted.
pub fn generate(opts: &GenerateOptions) -> Result<Vec<PathBuf>, Why> {
    if opts.locations == 0 {
        return Err(Why::new("cli_generate_no_locations", Vec::new()));
    }
    if !YEARS.contains(&opts.year) {
        return Err(bad_year(opts.year));
    }
    std::fs::create_dir_all(&opts.out).map_err(|e| write_error("cli_generate_cannot_create", &opts.out, e))?;
    let mut paths = (0..opts.locations)
        .into_par_iter()
        .map(|index| {
            let export = generate_location(opts.seed, index, opts.year);
            write_export(&export, &opts.out, opts.format)
        })
        .collect::<Result<Vec<PathBuf>, Why>>()?;
    paths.sort();
    Ok(paths)
}

/// A year outside [`YEARS`], in the catalogue's words.
pub(crate) fn bad_year(year: i32) -> Why {
    let args =
        vec![("year", year.to_string()), ("first", YEARS.start().to_string()), ("last", YEARS.end().to_string())];
    Why::new("cli_generate_bad_year", args)
}

/// A file or folder that could not be made or written: `key` with `{path}`
/// and the system's own words as `{error}`.
pub(crate) fn write_error(key: &'static str, path: &Path, e: impl std::fmt::Display) -> Why {
    Why::new(key, vec![("path", path.display().to_string()), ("error", e.to_string())])
}

/// Writes one export into a folder in the given format; returns the path written.
pub fn write_export(export: &GeneratedExport, out: &Path, format: GenFormat) -> Result<PathBuf, Why> {
    match format {
        GenFormat::Xlsx => {
            let path = out.join(format!("{}.xlsx", export.location_id));
            write_xlsx(export, &path)?;
            Ok(path)
        }
        GenFormat::Csv => {
            let dir = out.join(&export.location_id);
            write_csv_folder(export, &dir)?;
            Ok(dir)
        }
    }
}

/// Generates location number `index` (0-based; `L001` is index 0) for audit
/// year `year` (clamped into [`YEARS`]). Pure: the same arguments give the
/// same export.
pub fn generate_location(seed: u64, index: usize, year: i32) -> GeneratedExport {
    let year = year.clamp(*YEARS.start(), *YEARS.end());
    let mut rng = location_rng(seed, index);
    let location = location::generate(&mut rng, seed, index, year, None);
    sheets::export(&location)
}

/// The random stream of one location: a function of (seed, index) only.
fn location_rng(seed: u64, index: usize) -> SmallRng {
    SmallRng::seed_from_u64(splitmix64(seed ^ splitmix64(index as u64 ^ 0x5851_f42d_4c95_7f2d)))
}

/// One step of SplitMix64: a well-mixed 64-bit hash.
pub(crate) fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
