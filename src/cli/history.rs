//! `check --previous FILE`: the earlier audits read before anything else
//! (a file that is not a results.json is a usage error, exit 2), and the
//! comparison of this run's audit with the latest of them.

use std::path::PathBuf;

use crate::i18n::Lang;
use crate::results::Audit;
use crate::results::history::{Comparison, Snapshot, compare_with_latest, read_file};

/// Every `--previous` file, or the problems of those that are not a results.json.
/// A municipality's run reads its own earlier outputs instead
/// ([`read_municipality_previous`]).
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

/// For `--audience municipality`: every `--previous` file as that
/// municipality's earlier output, or the problems of those that are not one.
pub(super) fn read_municipality_previous(
    opts: &super::check::CheckOptions,
) -> Result<Vec<crate::report::municipality::trends::Earlier>, Vec<String>> {
    let asked = match (opts.audience, opts.municipality.as_deref()) {
        (Some(crate::report::Audience::Municipality), Some(m)) => m,
        _ => return Ok(Vec::new()),
    };
    let mut earlier = Vec::with_capacity(opts.previous.len());
    let mut problems = Vec::new();
    for p in &opts.previous {
        match crate::report::municipality::trends::read_earlier(p, asked, opts.lang) {
            Ok(e) => earlier.push(e),
            Err(t) => problems.push(t),
        }
    }
    if problems.is_empty() { Ok(earlier) } else { Err(problems) }
}
