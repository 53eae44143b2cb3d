//! Writing a run's files into `--out` as interface.md *Writing outputs* asks: each file complete or absent
//! (written beside its final name, synced, then renamed into place), never through a link placed there, and the
//! folder holding this run's files only.
//!
//! How our own files are recognised: every run writes a manifest, `.hs-audit-manifest`, naming the files it
//! wrote. The next run removes the files its manifest names (and its own leftover temporary files,
//! `.hs-audit-tmp-*`); any other entry in the folder is someone else's, and the run stops before it writes or
//! removes anything. Cost: one listing of the folder, one write and rename per file.

use std::collections::BTreeSet;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::report::RenderedFile;

/// The manifest's name inside `--out`.
pub const MANIFEST: &str = ".hs-audit-manifest";
/// Its first line.
const MANIFEST_HEADER: &str = "# hs-audit: the files of the last run in this folder, one per line";
/// Temporary files start with this; a run killed while writing leaves at most these behind.
const TMP_PREFIX: &str = ".hs-audit-tmp-";

/// Why nothing (or not everything) was written.
#[derive(Debug)]
pub enum WriteError {
    /// The folder holds entries hs-audit did not write (their names, sorted, at most 5).
    Foreign(Vec<String>),
    Io(std::io::Error),
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// A file written as it is made (the full `results.json`: never held whole
/// in memory): its name and the function that writes its bytes.
pub type Streamed<'a> = (&'a str, &'a dyn Fn(&mut dyn Write) -> std::io::Result<()>);

/// Writes `files` into `out` (created when missing); returns their paths in the order given.
pub fn write_run(files: &[RenderedFile], out: &Path) -> Result<Vec<PathBuf>, WriteError> {
    write_run_with(files, &[], out)
}

/// As [`write_run`], and then the `streamed` files (names distinct from the
/// rendered files'), each complete or absent like the others.
pub fn write_run_with(
    files: &[RenderedFile],
    streamed: &[Streamed<'_>],
    out: &Path,
) -> Result<Vec<PathBuf>, WriteError> {
    let earlier = ours_so_far(out)?;
    let temporary = write_temporary(out, streamed)?;
    Ok(swap_in(out, &earlier, files, &temporary)?)
}

/// Why a run that renders while it writes stopped.
#[derive(Debug)]
pub enum RunError<E> {
    Write(WriteError),
    /// The renderer's own problem; nothing was written or removed.
    Render(E),
}

impl<E> From<std::io::Error> for RunError<E> {
    fn from(e: std::io::Error) -> Self {
        RunError::Write(WriteError::Io(e))
    }
}

/// As [`write_run_with`], with the files made by `render` on a thread of
/// their own while the `streamed` files are written (to temporary files,
/// renamed into place once `render` succeeded): the reports are rendered
/// while the full record is written and synced. The folder ends the same
/// as with [`write_run_with`]; when `render` fails, the temporary files are
/// removed and nothing else is touched.
pub fn write_run_rendering<E: Send>(
    render: impl FnOnce() -> Result<Vec<RenderedFile>, E> + Send,
    streamed: &[Streamed<'_>],
    out: &Path,
) -> Result<Vec<PathBuf>, RunError<E>> {
    let earlier = ours_so_far(out).map_err(RunError::Write)?;
    let (files, temporary) = std::thread::scope(|scope| {
        // The thread renders with this thread's catalogue (a test's pseudo-locale included).
        let rendering = scope.spawn(crate::report::catalogue::carried(render));
        let temporary = write_temporary(out, streamed);
        // A renderer that panicked is a bug; it surfaces here as it would without the thread.
        let files = rendering.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (files, temporary)
    });
    // On a problem, what was written to temporary files goes (write_temporary cleans up its own).
    let files = match files {
        Ok(f) => f,
        Err(e) => {
            for (_, tmp) in temporary.iter().flatten() {
                let _ = std::fs::remove_file(tmp);
            }
            return Err(RunError::Render(e));
        }
    };
    Ok(swap_in(out, &earlier, &files, &temporary?)?)
}

/// Creates `out` when missing and returns the names its manifest lists;
/// a folder holding anything else is refused.
fn ours_so_far(out: &Path) -> Result<BTreeSet<String>, WriteError> {
    std::fs::create_dir_all(out)?;
    let earlier = read_manifest(out)?;
    let foreign = foreign_entries(out, &earlier)?;
    if !foreign.is_empty() {
        return Err(WriteError::Foreign(foreign));
    }
    Ok(earlier)
}

/// Puts this run in place of the `earlier` one: writes `files`, renames the
/// `temporary` (final path, temporary path) files onto their names. While
/// old files are removed and new ones written, the manifest names both: a
/// run killed then leaves only files the next run recognises. On a problem
/// the temporary files are removed.
fn swap_in(
    out: &Path,
    earlier: &BTreeSet<String>,
    files: &[RenderedFile],
    temporary: &[(PathBuf, PathBuf)],
) -> std::io::Result<Vec<PathBuf>> {
    let names = distinct_names(files);
    let mut now: BTreeSet<String> = names.iter().cloned().collect();
    now.extend(temporary.iter().filter_map(|(path, _)| path.file_name()).map(|n| n.to_string_lossy().into_owned()));
    let both: BTreeSet<String> = earlier.union(&now).cloned().collect();
    let kept: BTreeSet<&PathBuf> = temporary.iter().map(|(_, tmp)| tmp).collect();
    let result = (|| -> std::io::Result<Vec<PathBuf>> {
        write_manifest(out, &both)?;
        for old in earlier.difference(&now) {
            remove_if_there(&out.join(old))?;
        }
        for entry in std::fs::read_dir(out)?.flatten() {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with(TMP_PREFIX) && !kept.contains(&path) {
                remove_if_there(&path)?;
            }
        }
        let mut paths = Vec::with_capacity(files.len() + temporary.len());
        for (file, name) in files.iter().zip(&names) {
            let path = out.join(name);
            write_atomically(out, &path, &file.bytes)?;
            paths.push(path);
        }
        for (path, tmp) in temporary {
            std::fs::rename(tmp, path)?;
            paths.push(path.clone());
        }
        if let Ok(d) = File::open(out) {
            let _ = d.sync_all();
        }
        write_manifest(out, &now)?;
        Ok(paths)
    })();
    if result.is_err() {
        for (_, tmp) in temporary {
            let _ = std::fs::remove_file(tmp);
        }
    }
    result
}

/// Writes each streamed file, synced, to a temporary file of its own beside
/// its final name; returns (final path, temporary path) of each.
fn write_temporary(out: &Path, streamed: &[Streamed<'_>]) -> std::io::Result<Vec<(PathBuf, PathBuf)>> {
    let mut done: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (name, write) in streamed {
        let tmp = out.join(format!("{TMP_PREFIX}{}-stream-{name}", std::process::id()));
        let result = (|| {
            remove_if_there(&tmp)?;
            let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
            write(&mut f)?;
            f.sync_all()
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            for (_, t) in &done {
                let _ = std::fs::remove_file(t);
            }
            return Err(e);
        }
        done.push((out.join(name), tmp));
    }
    Ok(done)
}

/// Writes `bytes` to a fresh temporary file in `dir` (created new: never an existing file or link), syncs it,
/// and renames it onto `path` (a link at `path` is replaced, not followed).
pub fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(dir, path, |f| f.write_all(bytes))
}

/// As [`write_atomically`], with the bytes written by `write`.
pub fn write_atomically_with(
    dir: &Path,
    path: &Path,
    write: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!("{TMP_PREFIX}{}-{name}", std::process::id()));
    remove_if_there(&tmp)?;
    let result = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        write(&mut f)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result?;
    // The rename itself is made durable by syncing the folder (where the platform allows opening one).
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn remove_if_there(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The names the last run's manifest lists (none when there is no manifest). Names holding a path separator
/// or `..` are ignored: a manifest never makes a run touch anything outside `out`.
fn read_manifest(out: &Path) -> std::io::Result<BTreeSet<String>> {
    let path = out.join(MANIFEST);
    if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Ok(BTreeSet::new());
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => return Err(e),
    };
    Ok(text.lines().filter(|l| !l.starts_with('#') && is_plain_name(l)).map(str::to_string).collect())
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', '\0'])
}

fn write_manifest(out: &Path, names: &BTreeSet<String>) -> std::io::Result<()> {
    let mut text = format!("{MANIFEST_HEADER}\n");
    for n in names {
        text.push_str(n);
        text.push('\n');
    }
    write_atomically(out, &out.join(MANIFEST), text.as_bytes())
}

/// Entries of `out` that are neither the manifest, nor named in it, nor our temporary files.
fn foreign_entries(out: &Path, ours: &BTreeSet<String>) -> std::io::Result<Vec<String>> {
    let mut foreign: Vec<String> = std::fs::read_dir(out)?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != MANIFEST && !n.starts_with(TMP_PREFIX) && !ours.contains(n))
        .collect();
    foreign.sort();
    foreign.truncate(5);
    Ok(foreign)
}

/// The files' names, made distinct where a case-insensitive file system would take two for one
/// (`report-L1.html`, `report-l1.html`): the later one gets `~2`, `~3`... before its extension (no report name
/// holds `~` otherwise).
fn distinct_names(files: &[RenderedFile]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    files
        .iter()
        .map(|f| {
            let mut name = f.name.clone();
            let mut n = 1;
            while !seen.insert(name.to_lowercase()) {
                n += 1;
                name = match f.name.rsplit_once('.') {
                    Some((stem, ext)) => format!("{stem}~{n}.{ext}"),
                    None => format!("{}~{n}", f.name),
                };
            }
            name
        })
        .collect()
}

#[cfg(test)]
#[path = "write_out_tests.rs"]
mod tests;
