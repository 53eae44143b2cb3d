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
    std::fs::create_dir_all(out)?;
    let earlier = read_manifest(out)?;
    let foreign = foreign_entries(out, &earlier)?;
    if !foreign.is_empty() {
        return Err(WriteError::Foreign(foreign));
    }
    let names = distinct_names(files);
    let mut now: BTreeSet<String> = names.iter().cloned().collect();
    now.extend(streamed.iter().map(|(name, _)| name.to_string()));
    // While old files are removed and new ones written, the manifest names both: a run killed now leaves
    // only files the next run recognises.
    let both: BTreeSet<String> = earlier.union(&now).cloned().collect();
    write_manifest(out, &both)?;
    for old in earlier.difference(&now) {
        remove_if_there(&out.join(old))?;
    }
    for entry in std::fs::read_dir(out)?.flatten() {
        if entry.file_name().to_string_lossy().starts_with(TMP_PREFIX) {
            remove_if_there(&entry.path())?;
        }
    }
    let mut paths = Vec::with_capacity(files.len());
    for (file, name) in files.iter().zip(&names) {
        let path = out.join(name);
        write_atomically(out, &path, &file.bytes)?;
        paths.push(path);
    }
    for (name, write) in streamed {
        let path = out.join(name);
        write_atomically_with(out, &path, |f| write(f))?;
        paths.push(path);
    }
    write_manifest(out, &now)?;
    Ok(paths)
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
    std::fs::create_dir_all(out)?;
    let earlier = read_manifest(out)?;
    let foreign = foreign_entries(out, &earlier)?;
    if !foreign.is_empty() {
        return Err(RunError::Write(WriteError::Foreign(foreign)));
    }
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
    let temporary = temporary?;
    let names = distinct_names(&files);
    let mut now: BTreeSet<String> = names.iter().cloned().collect();
    now.extend(streamed.iter().map(|(name, _)| name.to_string()));
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
        for (path, tmp) in &temporary {
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
        for (_, tmp) in &temporary {
            let _ = std::fs::remove_file(tmp);
        }
    }
    result.map_err(RunError::from)
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
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> RenderedFile {
        RenderedFile { name: name.to_string(), bytes: text.as_bytes().to_vec() }
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_second_run_leaves_only_its_own_files() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("out");
        write_run(&[file("results.json", "{}"), file("report-L1.html", "a")], &out).map_err(|e| format!("{e:?}"))?;
        write_run(&[file("report-utrecht.html", "b")], &out).map_err(|e| format!("{e:?}"))?;
        assert_eq!(listing(&out), [MANIFEST, "report-utrecht.html"]);
        let manifest = std::fs::read_to_string(out.join(MANIFEST))?;
        assert!(manifest.ends_with("\nreport-utrecht.html\n"), "{manifest}");
        Ok(())
    }

    #[test]
    fn a_folder_with_other_files_is_left_alone() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("thesis.docx"), "mine")?;
        let got = write_run(&[file("results.json", "{}")], dir.path());
        assert!(matches!(&got, Err(WriteError::Foreign(names)) if names == &["thesis.docx"]), "{got:?}");
        assert_eq!(listing(dir.path()), ["thesis.docx"]);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_replaced_not_written_through() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("out");
        write_run(&[file("results.json", "{}")], &out).map_err(|e| format!("{e:?}"))?;
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep")?;
        std::fs::remove_file(out.join("results.json"))?;
        std::os::unix::fs::symlink(&victim, out.join("results.json"))?;
        // A planted temporary name too.
        std::os::unix::fs::symlink(&victim, out.join(format!("{TMP_PREFIX}{}-results.json", std::process::id())))?;
        write_run(&[file("results.json", "new")], &out).map_err(|e| format!("{e:?}"))?;
        assert_eq!(std::fs::read_to_string(&victim)?, "keep");
        assert!(std::fs::symlink_metadata(out.join("results.json"))?.is_file());
        assert_eq!(std::fs::read_to_string(out.join("results.json"))?, "new");
        Ok(())
    }

    #[test]
    fn names_differing_in_case_only_stay_apart() {
        let names = distinct_names(&[file("report-L1.html", ""), file("report-l1.html", ""), file("report-L1.md", "")]);
        assert_eq!(names, ["report-L1.html", "report-l1~2.html", "report-L1.md"]);
    }

    #[test]
    fn a_manifest_cannot_point_outside_the_folder() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("out");
        std::fs::create_dir(&out)?;
        std::fs::write(dir.path().join("precious"), "x")?;
        std::fs::write(out.join(MANIFEST), "../precious\n/etc/passwd\n")?;
        write_run(&[file("results.json", "{}")], &out).map_err(|e| format!("{e:?}"))?;
        assert!(dir.path().join("precious").exists());
        Ok(())
    }

    /// A writer that writes half of `bytes` and then fails as a full disk does.
    fn fails_halfway(bytes: &[u8]) -> impl Fn(&mut dyn Write) -> std::io::Result<()> + '_ {
        move |f| {
            f.write_all(&bytes[..bytes.len() / 2])?;
            Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left on device"))
        }
    }

    #[test]
    fn a_write_failing_halfway_leaves_the_previous_complete_file_and_no_temporary_one()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("results.json");
        let new = format!("{{\"runs\": [{}]}}", "1, ".repeat(10_000));
        let half = fails_halfway(new.as_bytes());
        assert!(write_atomically_with(dir.path(), &path, |f| half(f)).is_err());
        assert_eq!(listing(dir.path()), Vec::<String>::new(), "no file at all, not a truncated one");
        write_atomically(dir.path(), &path, b"{\"complete\": true}")?;
        assert!(write_atomically_with(dir.path(), &path, |f| half(f)).is_err());
        assert_eq!(listing(dir.path()), ["results.json"]);
        assert_eq!(std::fs::read_to_string(&path)?, "{\"complete\": true}");
        Ok(())
    }

    #[test]
    fn a_run_failing_or_killed_while_writing_leaves_nothing_that_looks_real_after_the_next_run()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("out");
        let first = "{\"run\": 1}";
        let whole = |f: &mut dyn Write| f.write_all(first.as_bytes());
        write_run_with(&[file("report-L1.html", "<html>1</html>")], &[("results.json", &whole)], &out)
            .map_err(|e| format!("{e:?}"))?;
        // A full disk while the second run streams results.json: the error comes back, the first run's
        // results.json stays whole, and no temporary file is left.
        let big = "x".repeat(100_000);
        let half = fails_halfway(big.as_bytes());
        let got = write_run_with(&[file("report-L1.html", "<html>2</html>")], &[("results.json", &half)], &out);
        assert!(matches!(got, Err(WriteError::Io(_))), "{got:?}");
        assert_eq!(listing(&out), [MANIFEST, "report-L1.html", "results.json"]);
        assert_eq!(std::fs::read_to_string(out.join("results.json"))?, first);
        // A kill mid-write leaves a temporary file (under another process id); the next run removes it.
        std::fs::write(out.join(format!("{TMP_PREFIX}1-results.json")), &big[..500])?;
        write_run_with(&[file("report-L1.html", "<html>3</html>")], &[("results.json", &whole)], &out)
            .map_err(|e| format!("{e:?}"))?;
        assert_eq!(listing(&out), [MANIFEST, "report-L1.html", "results.json"]);
        assert_eq!(std::fs::read_to_string(out.join("report-L1.html"))?, "<html>3</html>");
        Ok(())
    }

    #[test]
    fn rendering_while_streaming_ends_as_writing_in_turn() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        let record = |w: &mut dyn Write| w.write_all(b"{\"record\": 1}");
        let streamed: Vec<Streamed<'_>> = vec![("results.json", &record)];
        let files = || vec![file("report-national.md", "# x"), file("report-national.html", "<p>")];
        write_run_with(&files(), &streamed, &a).map_err(|e| format!("{e:?}"))?;
        let got = write_run_rendering(|| Ok::<_, String>(files()), &streamed, &b);
        assert!(got.is_ok(), "{got:?}");
        assert_eq!(listing(&a), listing(&b));
        for name in listing(&a) {
            assert_eq!(std::fs::read(a.join(&name))?, std::fs::read(b.join(&name))?, "{name}");
        }
        Ok(())
    }

    #[test]
    fn a_renderer_that_fails_leaves_the_last_run_as_it_was() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("out");
        write_run(&[file("results.json", "old"), file("report-L1.html", "a")], &out).map_err(|e| format!("{e:?}"))?;
        let before = listing(&out);
        let record = |w: &mut dyn Write| w.write_all(b"new");
        let streamed: Vec<Streamed<'_>> = vec![("results.json", &record)];
        let got = write_run_rendering(|| Err::<Vec<RenderedFile>, _>("broken template"), &streamed, &out);
        assert!(matches!(got, Err(RunError::Render("broken template"))), "{got:?}");
        assert_eq!(listing(&out), before, "no temporary file left, nothing removed");
        assert_eq!(std::fs::read_to_string(out.join("results.json"))?, "old");
        Ok(())
    }
}
