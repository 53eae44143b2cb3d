//! Tests of writing a run's files into `--out`.

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
