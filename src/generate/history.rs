//! Several years of the same locations (`generate --history N`): one seed
//! gives the same locations, names and regions every year, each year with
//! data of its own, and plausible change: a third of the locations improve
//! (their violation rates fall year by year), a third decline, the rest hold;
//! a few locations open after the first year, a few close before the last.
//! Each year goes to its own folder `OUT/YYYY/`.
//!
//! A family whose support runs over the turn of a year is the same family
//! the next year (same id, dates and people; see `continuation.rs`); new
//! families are numbered on. The rates are scaled per location and year
//! through [`rate_scale`]; the ground truth of every export still lists
//! exactly the violations injected.
//!
//! Cost: O(years x trajectories) per location; the locations in parallel.

use std::cell::Cell;
use std::path::PathBuf;

use rand::SeedableRng;
use rand::rngs::SmallRng;
use rayon::prelude::*;

use super::calendar::Period;
use super::continuation::Carried;
use super::model::Location;
use super::{
    GenerateOptions, GeneratedExport, Why, YEARS, bad_year, location, sheets, splitmix64, write_error, write_export,
};

/// Share of locations (per hundred) that open after the first year, and that close before the last.
const OPENS: u64 = 6;
const CLOSES: u64 = 6;
/// Rate scales of the first and last year for improving locations (declining ones the other way).
const WORSE: f64 = 1.8;
const BETTER: f64 = 0.4;

thread_local! {
    static SCALE: Cell<f64> = const { Cell::new(1.0) };
}

/// The factor every violation rate is multiplied by on this thread (1
/// outside a history).
pub fn rate_scale() -> f64 {
    SCALE.with(Cell::get)
}

/// Where a location goes over the years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Course {
    Improves,
    Declines,
    Holds,
}

fn hash(seed: u64, index: usize, salt: u64) -> u64 {
    splitmix64(seed ^ splitmix64(index as u64 ^ salt))
}

/// The course of location `index`.
pub fn course(seed: u64, index: usize) -> Course {
    match hash(seed, index, 0x000C_075E) % 3 {
        0 => Course::Improves,
        1 => Course::Declines,
        _ => Course::Holds,
    }
}

/// Whether location `index` exists in year number `k` (0-based) of `n`.
pub fn exists(seed: u64, index: usize, k: usize, n: usize) -> bool {
    let h = hash(seed, index, 0x0000_BE11) % 100;
    if n < 2 {
        return true;
    }
    if h < OPENS {
        k >= 1
    } else if h < OPENS + CLOSES {
        k + 1 < n
    } else {
        true
    }
}

/// The rate scale of a location in year number `k` of `n`.
fn scale(course: Course, k: usize, n: usize) -> f64 {
    let t = if n < 2 { 1.0 } else { k as f64 / (n - 1) as f64 };
    match course {
        Course::Improves => WORSE + (BETTER - WORSE) * t,
        Course::Declines => BETTER + (WORSE - BETTER) * t,
        Course::Holds => 1.0,
    }
}

/// Location `index` in year number `k` of `n` ending in `last_year`.
pub fn generate_in_year(seed: u64, index: usize, k: usize, n: usize, last_year: i32) -> GeneratedExport {
    let mut years = Years::new(seed, index, n, last_year);
    let mut export = None;
    for j in 0..=k {
        export = years.next_year(j);
    }
    // A location that does not exist in year k is generated as if it did (callers check `exists`).
    export.unwrap_or_else(|| years.generate(k, None).1)
}

/// One location through the years of a history: each year's export, and
/// the families that go on into the next.
struct Years {
    seed: u64,
    index: usize,
    n: usize,
    last_year: i32,
    carried: Option<Carried>,
}

impl Years {
    fn new(seed: u64, index: usize, n: usize, last_year: i32) -> Years {
        Years { seed, index, n, last_year, carried: None }
    }

    fn year(&self, k: usize) -> i32 {
        (self.last_year - (self.n - 1 - k) as i32).clamp(*YEARS.start(), *YEARS.end())
    }

    /// The location in year number `k` with `carried` from the year before.
    fn generate(&self, k: usize, carried: Option<&Carried>) -> (Location, GeneratedExport) {
        let year = self.year(k);
        let mut rng =
            SmallRng::seed_from_u64(hash(self.seed ^ splitmix64(year as u64), self.index, 0x5851_f42d_4c95_7f2d));
        SCALE.with(|s| s.set(scale(course(self.seed, self.index), k, self.n)));
        let loc = location::generate(&mut rng, self.seed, self.index, year, carried);
        SCALE.with(|s| s.set(1.0));
        let export = sheets::export(&loc);
        (loc, export)
    }

    /// Year number `k` (called for 0, 1, ... in turn): its export, or `None`
    /// when the location does not exist that year (then nothing goes on).
    fn next_year(&mut self, k: usize) -> Option<GeneratedExport> {
        if !exists(self.seed, self.index, k, self.n) {
            self.carried = None;
            return None;
        }
        let (loc, export) = self.generate(k, self.carried.as_ref());
        self.carried = Some(Carried::of(&loc, &Period::new(self.year(k) + 1)));
        Some(export)
    }
}

/// Writes `years` years ending in `opts.year`, each into `opts.out/YYYY/`;
/// returns the paths written, sorted. Each location goes through its years
/// in turn (its families go on), the locations side by side.
pub fn generate_history(opts: &GenerateOptions, years: usize) -> Result<Vec<PathBuf>, Why> {
    if opts.locations == 0 {
        return Err(Why::new("cli_generate_no_locations", Vec::new()));
    }
    if !YEARS.contains(&opts.year) {
        return Err(bad_year(opts.year));
    }
    let first = opts.year - (years.min(10_000) as i32 - 1);
    if years == 0 || !YEARS.contains(&first) {
        return Err(Why::new("cli_generate_bad_history", Vec::new()));
    }
    let dirs: Vec<PathBuf> = (0..years).map(|k| opts.out.join((first + k as i32).to_string())).collect();
    for dir in &dirs {
        std::fs::create_dir_all(dir).map_err(|e| write_error("cli_generate_cannot_create", dir, e))?;
    }
    let written = (0..opts.locations)
        .into_par_iter()
        .map(|i| {
            let mut path_list = Vec::new();
            let mut location = Years::new(opts.seed, i, years, opts.year);
            for (k, dir) in dirs.iter().enumerate() {
                if let Some(export) = location.next_year(k) {
                    path_list.push(write_export(&export, dir, opts.format)?);
                }
            }
            Ok(path_list)
        })
        .collect::<Result<Vec<Vec<PathBuf>>, Why>>()?;
    let mut paths: Vec<PathBuf> = written.into_iter().flatten().collect();
    paths.sort();
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_locations_every_year_with_their_own_data_and_some_open_or_close() {
        let n = 3;
        let exports: Vec<Vec<GeneratedExport>> =
            (0..n).map(|k| (0..40).map(|i| generate_in_year(5, i, k, n, 2026)).collect()).collect();
        for (i, first) in exports[0].iter().enumerate() {
            let ids: Vec<&str> =
                exports.iter().filter_map(|year| year.get(i)).map(|e| e.location_id.as_str()).collect();
            assert!(ids.len() == n && ids.iter().all(|id| *id == first.location_id), "same id every year");
            assert_ne!(Some(&first.sheets), exports[2].get(i).map(|e| &e.sheets), "each year has data of its own");
        }
        let present = |k: usize| (0..200).filter(|i| exists(5, *i, k, n)).count();
        assert!(
            present(0) < 200 && present(2) < 200 && present(1) == 200,
            "{} {} {}",
            present(0),
            present(1),
            present(2)
        );
        assert_eq!(rate_scale(), 1.0, "the scale is reset after each location");
    }

    #[test]
    fn improving_locations_break_fewer_rules_in_the_last_year_than_declining_ones() {
        let n = 3;
        let mut by_course = [(0usize, 0usize); 2];
        for i in 0..90 {
            let slot = match course(9, i) {
                Course::Improves => 0,
                Course::Declines => 1,
                Course::Holds => continue,
            };
            by_course[slot].0 += generate_in_year(9, i, 0, n, 2026).violations.len();
            by_course[slot].1 += generate_in_year(9, i, n - 1, n, 2026).violations.len();
        }
        let [(imp_first, imp_last), (dec_first, dec_last)] = by_course;
        assert!(imp_last < imp_first, "improving: {imp_first} -> {imp_last}");
        assert!(dec_last > dec_first, "declining: {dec_first} -> {dec_last}");
    }
}
