//! A progress bar while many exports are read: on a terminal only (indicatif
//! draws nothing when standard error is not a terminal), and without colour.

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::rules::model::Location;
use crate::tables::Export;

/// The bar's look: no colour (a `{bar:40.cyan}` style would add escape
/// codes), so it reads the same with or without `NO_COLOR`.
const BAR_TEMPLATE: &str = "{bar:40} {pos}/{len} exports {elapsed}";

/// Below this many exports a run is quick enough to need no bar.
const MIN_EXPORTS_FOR_BAR: usize = 5;

/// Reads the exports and builds their locations (each export's as soon as it is read), showing a bar on a
/// terminal for long runs.
pub fn read_and_build_with_progress_bar(paths: &[PathBuf]) -> (Vec<Export>, Vec<Location>) {
    with_progress_bar(|found, done| crate::rules::build_model::read_and_build(paths, found, done))
}

/// Runs `read` with a bar: `read` says how many exports it found, then ticks one off as each is done.
fn with_progress_bar<T>(read: impl FnOnce(&dyn Fn(usize), &(dyn Fn() + Sync)) -> T) -> T {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(BAR_TEMPLATE) {
        bar.set_style(style);
    }
    let found = |n: usize| {
        if n >= MIN_EXPORTS_FOR_BAR {
            bar.set_length(n as u64);
        } else {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
    };
    let read = read(&found, &|| bar.inc(1));
    bar.finish_and_clear();
    read
}

#[cfg(test)]
mod tests {
    use super::BAR_TEMPLATE;

    #[test]
    fn the_bar_has_no_colour() {
        // indicatif styles a key with `.colour` or `/colour` after its name.
        let keys: Vec<&str> = BAR_TEMPLATE.split('{').skip(1).filter_map(|k| k.split('}').next()).collect();
        assert_eq!(keys, ["bar:40", "pos", "len", "elapsed"]);
        assert!(keys.iter().all(|k| !k.contains('.') && !k.contains('/')), "{keys:?}");
    }
}
