//! A progress bar while many exports are read: on a terminal only (indicatif
//! draws nothing when standard error is not a terminal).

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::tables::{Export, read_paths_with_progress};

/// Below this many exports a run is quick enough to need no bar.
const MIN_EXPORTS_FOR_BAR: usize = 5;

/// Reads the exports, showing a bar on a terminal for long runs.
pub fn read_with_progress_bar(paths: &[PathBuf]) -> Vec<Export> {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} exports {elapsed}") {
        bar.set_style(style);
    }
    let found = |n: usize| {
        if n >= MIN_EXPORTS_FOR_BAR {
            bar.set_length(n as u64);
        } else {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
    };
    let exports = read_paths_with_progress(paths, &found, &|| bar.inc(1));
    bar.finish_and_clear();
    exports
}
