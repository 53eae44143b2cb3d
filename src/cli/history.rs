//! `check --previous FILE`: the earlier audits read before anything else
//! (a file that is not a results.json is a usage error, exit 2), and the
//! comparison of this run's audit with the latest of them.

use std::path::PathBuf;

use crate::i18n::Lang;
use crate::results::Audit;
use crate::results::history::{Comparison, Snapshot, compare_with_latest, read_file};

/// Every `--previous` file, or the problems of those that are not a results.json.
/// A municipality's run does not compare yet: its earlier outputs are not
/// read (see docs/decisions.md).
pub(super) fn read_previous(
    paths: &[PathBuf],
    audience: Option<crate::report::Audience>,
    lang: Lang,
) -> Result<Vec<Snapshot>, Vec<String>> {
    if audience == Some(crate::report::Audience::Municipality) {
        return Ok(Vec::new());
    }
    let mut snapshots = Vec::with_capacity(paths.len());
    let mut problems = Vec::new();
    for p in paths {
        match read_file(p) {
            Ok(s) => snapshots.push(s),
            Err(t) => problems.push(format!("--previous: {}", t.get(lang))),
        }
    }
    if problems.is_empty() { Ok(snapshots) } else { Err(problems) }
}

/// The comparison with the latest earlier audit, when there is one.
pub(super) fn compare_audit(previous: Vec<Snapshot>, audit: &Audit) -> Option<Comparison> {
    // Without an earlier audit there is nothing to compare: skip the snapshot (a pass over all results).
    if previous.is_empty() {
        return None;
    }
    compare_with_latest(previous, &Snapshot::of_audit(audit))
}
