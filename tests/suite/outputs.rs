//! What a run writes and prints, whatever the inputs hold: one report file per location id, a folder holding only
//! this run's files (or left alone when it holds someone else's), text over a format's limit cut, terminal output
//! that cannot steer the terminal, and profiles whose numbers `check` cannot compute rejected up front.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::{hs_audit, root};

/// A copy of the demo CSV export whose one location has the given id and name.
fn csv_export(parent: &Path, folder: &str, id: &str, name: &str) -> PathBuf {
    let dir = parent.join(folder);
    std::fs::create_dir_all(&dir).expect("a CSV folder");
    for f in ["contacten.csv", "coordinatoren.csv", "gezinnen.csv", "vrijwilligers.csv"] {
        std::fs::copy(root().join("fixtures/demo-csv").join(f), dir.join(f)).expect("copying a sheet");
    }
    let quoted = name.replace('"', "\"\"");
    std::fs::write(dir.join("locatie.csv"), format!("locatie_id;naam\n\"{id}\";\"{quoted}\"\n")).expect("locatie.csv");
    dir
}

fn check(args: &[&str]) -> crate::support::Run {
    let mut all = vec!["check", "--period", "2026", "--lang", "en"];
    all.extend_from_slice(args);
    hs_audit(&all, Duration::from_secs(20))
}

fn names_in(dir: &Path) -> Vec<String> {
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
fn ids_a_slash_1_a_dot_1_and_a_space_1_get_three_report_files() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let exports = dir.path().join("exports");
    for (i, id) in ["A/1", "A.1", "A 1"].iter().enumerate() {
        csv_export(&exports, &format!("e{i}"), id, &format!("Location {i}"));
    }
    let out = dir.path().join("out");
    let run = check(&[
        &exports.to_string_lossy(),
        "--audience",
        "location",
        "--format",
        "md",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    let reports: Vec<String> = names_in(&out).into_iter().filter(|n| n.starts_with("report-")).collect();
    assert_eq!(reports, ["report-A_201.md", "report-A_2e1.md", "report-A_2f1.md"]);
    for (file, i) in [("report-A_2f1.md", 0), ("report-A_2e1.md", 1), ("report-A_201.md", 2)] {
        let text = std::fs::read_to_string(out.join(file)).expect("a report");
        assert!(text.contains(&format!("Location {i}")), "{file}");
    }
}

#[test]
fn a_municipality_run_leaves_no_earlier_location_report_beside_its_own() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("out");
    let out_s = out.to_string_lossy().to_string();
    let demo = root().join("fixtures/demo/demo.xlsx").to_string_lossy().to_string();
    let first = check(&[&demo, "--out", &out_s]);
    assert_eq!(first.code, Some(1), "{}", first.stderr);
    assert!(names_in(&out).iter().any(|n| n == "results.json"));
    let second = check(&[&demo, "--out", &out_s, "--audience", "municipality", "--municipality", "Aalsmeer"]);
    assert!(matches!(second.code, Some(0) | Some(1)), "{}", second.stderr);
    let left = names_in(&out);
    assert!(!left.iter().any(|n| n.starts_with("report-L001")), "{left:?}");
    assert!(left.iter().any(|n| n.starts_with("report-aalsmeer")), "{left:?}");
    // Its results.json is the municipality's own aggregate: no family id from the first run's record.
    let json = std::fs::read_to_string(out.join("results.json")).expect("the municipality's JSON");
    assert!(!json.contains("G-00"), "a family id left in results.json");
}

#[test]
fn a_folder_holding_someone_elses_files_is_not_emptied() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("notes.txt"), "mine").expect("a file of the user");
    let demo = root().join("fixtures/demo/demo.xlsx").to_string_lossy().to_string();
    let run = check(&[&demo, "--out", &dir.path().to_string_lossy()]);
    assert_eq!(run.code, Some(2), "{}", run.stdout);
    assert!(run.stderr.contains("holds files hs-audit did not write (notes.txt)"), "{}", run.stderr);
    assert_eq!(names_in(dir.path()), ["notes.txt"]);
}

#[cfg(unix)]
#[test]
fn a_results_json_planted_as_a_link_is_replaced_not_written_through() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("out");
    let out_s = out.to_string_lossy().to_string();
    let demo = root().join("fixtures/demo/demo.xlsx").to_string_lossy().to_string();
    assert_eq!(check(&[&demo, "--out", &out_s, "--format", "json"]).code, Some(1));
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "untouched").expect("the link's target");
    std::fs::remove_file(out.join("results.json")).expect("removing");
    std::os::unix::fs::symlink(&victim, out.join("results.json")).expect("planting a link");
    assert_eq!(check(&[&demo, "--out", &out_s, "--format", "json"]).code, Some(1));
    assert_eq!(std::fs::read_to_string(&victim).expect("reading"), "untouched");
    assert!(std::fs::symlink_metadata(out.join("results.json")).expect("there").is_file());
}

#[test]
fn a_name_with_escape_sequences_is_printed_inert_and_a_32700_character_name_fits_the_xlsx() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // A cell holds at most 32,767 characters (more is `too_large`); the reports hold the name in longer texts.
    let long = "N".repeat(32_700);
    let export = csv_export(dir.path(), "e", "L9", &format!("Evil \u{1b}[2J\u{1b}]0;owned\u{7} {long}"));
    let out = dir.path().join("out");
    let run =
        check(&[&export.to_string_lossy(), "--format", "xlsx", "--format", "json", "--out", &out.to_string_lossy()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'), "raw control characters printed");
    assert!(run.stdout.contains("Evil \\x1b[2J\\x1b]0;owned\\x07"), "{}", &run.stdout[..run.stdout.len().min(400)]);
    let xlsx = std::fs::read(out.join("report-L9.xlsx")).expect("the xlsx report is written");
    assert!(xlsx.starts_with(b"PK"));
}

#[test]
fn rules_lint_and_check_reject_a_day_count_no_date_can_hold() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let profile = dir.path().join("profile.toml");
    std::fs::write(
        &profile,
        "extends = \"homestart-nl\"\n[rules.\"HS-G04\"]\nfirst_check_days = 9223372036854775807\n",
    )
    .expect("a profile");
    let p = profile.to_string_lossy().to_string();
    let lint = hs_audit(&["rules", "lint", &p, "--lang", "en"], Duration::from_secs(20));
    assert_eq!(lint.code, Some(2), "{}{}", lint.stdout, lint.stderr);
    assert!(format!("{}{}", lint.stdout, lint.stderr).contains("first_check_days"), "{}", lint.stdout);
    let demo = root().join("fixtures/demo/demo.xlsx").to_string_lossy().to_string();
    let out = dir.path().join("out").to_string_lossy().to_string();
    let run = check(&[&demo, "--rules", &p, "--out", &out]);
    assert_eq!(run.code, Some(2), "{}{}", run.stdout, run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn the_same_location_id_in_two_exports_is_a_finding_and_both_are_audited_apart() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let exports = dir.path().join("exports");
    csv_export(&exports, "first", "L001", "First");
    csv_export(&exports, "second", "L001", "Second");
    let out = dir.path().join("out");
    let run = check(&[&exports.to_string_lossy(), "--format", "json", "--out", &out.to_string_lossy()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).expect("results.json")).expect("JSON");
    let ids: Vec<&str> =
        json["locations"].as_array().into_iter().flatten().filter_map(|l| l["location_id"].as_str()).collect();
    assert_eq!(ids, ["L001", "L001#2"]);
    let count = |id: &str| json["results"].as_array().into_iter().flatten().filter(|r| r["location_id"] == id).count();
    assert!(count("L001") > 0 && count("L001") == count("L001#2"), "both audited in full");
    let dup: Vec<&str> = json["input_findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["kind"] == "duplicate_location")
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert_eq!(dup.len(), 2, "{dup:?}");
}

/// Unmounts the small file system when the test ends, passed or failed.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// A disk that fills up during `check --out`: the run says so and fails, and every file left in the folder is
/// whole (byte-identical to the same run's file on a roomy disk), with no temporary file beside them. Needs
/// `mount` (root); skipped with a note where it is not permitted.
#[test]
fn a_disk_filling_up_during_check_leaves_only_whole_files() {
    let demo = root().join("fixtures/demo/demo.xlsx").to_string_lossy().to_string();
    let roomy = tempfile::tempdir().expect("a temporary folder");
    let roomy_out = roomy.path().join("out");
    assert_eq!(check(&[&demo, "--out", &roomy_out.to_string_lossy()]).code, Some(1));
    let small = tempfile::tempdir().expect("a temporary folder");
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(small.path())
        .stderr(std::process::Stdio::null())
        .status();
    if !mounted.is_ok_and(|s| s.success()) {
        eprintln!(
            "note: a_disk_filling_up_during_check_leaves_only_whole_files skipped: mounting a tmpfs is not permitted here"
        );
        return;
    }
    let _unmount = Mounted(small.path().to_path_buf());
    let out = small.path().join("out");
    for attempt in 0..2 {
        let run = check(&[&demo, "--out", &out.to_string_lossy()]);
        assert_eq!(run.code, Some(2), "attempt {attempt}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains("disk is full"), "{}", run.stderr);
        let left = names_in(&out);
        assert!(!left.iter().any(|n| n.starts_with(".hs-audit-tmp-")), "a temporary file left: {left:?}");
        assert!(!left.iter().any(|n| n == "results.json"), "results.json does not fit in 64 KB: {left:?}");
        for name in left.iter().filter(|n| !n.starts_with('.')) {
            let got = std::fs::read(out.join(name)).expect("a file left");
            let whole = std::fs::read(roomy_out.join(name)).expect("the same file on a roomy disk");
            assert!(got == whole, "{name} is not the whole file ({} of {} bytes)", got.len(), whole.len());
        }
    }
}
