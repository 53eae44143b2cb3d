//! Golden files: what `inspect` says about the demo export, its CSV twin,
//! and a folder holding both plus a corrupt file.

use std::time::Duration;

use crate::support::{copy_into, hs_audit, hs_audit_in, root};

#[test]
fn inspect_demo_xlsx() {
    let run = hs_audit(&["inspect", "fixtures/demo"], Duration::from_secs(30));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn inspect_demo_csv_in_english() {
    let run = hs_audit(&["inspect", "fixtures/demo-csv", "--lang", "en"], Duration::from_secs(30));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn inspect_folder_with_demo_twice_and_a_corrupt_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let exports = dir.path().join("exports");
    std::fs::create_dir_all(&exports).expect("creating exports/");
    copy_into(&root().join("fixtures/demo/demo.xlsx"), &exports);
    copy_into(&root().join("fixtures/demo-csv"), &exports);
    copy_into(&root().join("fixtures/bad/corrupt.xlsx"), &exports);
    let run = hs_audit_in(dir.path(), &["inspect", "exports"], Duration::from_secs(30));
    assert_eq!(run.code, Some(2), "a corrupt file makes the exit status 2");
    insta::assert_snapshot!(run.stdout);
}
