//! `hs-audit serve` end to end in real headless Chromium, driven by
//! tests/browser/serve.e2e.mjs (playwright-core, axe-core): the demo through
//! the file input and the keyboard, verdict and rules, the XLSX download
//! opened as a workbook, English, a municipality report without a family id,
//! axe-core with no violation on the empty and answer pages in both
//! languages. CI installs chromium and the npm packages; elsewhere the test
//! is skipped (with a note) when one is missing.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use calamine::Reader;

use crate::serve_server::Server;
use crate::support::{hs_audit, root};

/// Chromium and the npm packages, or why not.
fn browser_ready() -> bool {
    let chromium =
        std::env::var_os("CHROMIUM").map(std::path::PathBuf::from).unwrap_or_else(|| "/usr/bin/chromium".into());
    let modules = root().join("tests/browser/node_modules/playwright-core");
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    let ready = chromium.exists() && modules.is_dir() && node;
    if !ready {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have node, chromium and `npm ci --prefix tests/browser` (.ci/run installs them)"
        );
        eprintln!("chromium, node or tests/browser/node_modules is missing: the serve browser test is skipped");
    }
    ready
}

#[test]
fn the_page_works_end_to_end_in_chromium() {
    if !browser_ready() {
        return;
    }
    let work = tempfile::tempdir().expect("a temporary folder");
    let national = work.path().join("national");
    let generated =
        hs_audit(&["generate", "--locations", "5", "--out", &national.to_string_lossy()], Duration::from_secs(300));
    assert_eq!(generated.code, Some(0), "{}", generated.stderr);
    let out = work.path().join("out");
    std::fs::create_dir_all(&out).expect("an output folder");
    let server = Server::start("nl");
    let mut cmd = Command::new("node");
    cmd.arg(root().join("tests/browser/serve.e2e.mjs"))
        .arg(&server.url)
        .arg(root().join("fixtures/demo/demo.xlsx"))
        .arg(&national)
        .arg(&out);
    if let Some(shots) = std::env::var_os("HS_AUDIT_SCREENSHOTS") {
        cmd.arg(shots);
    }
    let run = cmd.output().expect("node runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&run.stderr));
    eprintln!("serve e2e: {stdout}");

    check_workbook(&out.join("report.xlsx"));
    let zip = std::fs::read(out.join("all.zip")).expect("the zip was downloaded");
    assert!(zip.starts_with(b"PK"), "the zip is a zip");
    let answer = std::fs::read_to_string(out.join("municipality-answer.html")).expect("the municipality answer");
    assert!(!has_family_id(&answer), "no family id in the municipality page");
    assert!(server.leftovers().is_empty(), "nothing kept after the answers: {:?}", server.leftovers());
    let log = server.log();
    assert!(!has_family_id(&log) && !log.contains(".xlsx") && !log.contains(&server.token), "log: {log}");
}

/// The downloaded report opens as a workbook with its sheets and rows.
fn check_workbook(path: &Path) {
    let mut book = calamine::open_workbook_auto(path).expect("the XLSX download opens as a workbook");
    let names = book.sheet_names().to_vec();
    assert!(names.len() >= 2, "findings and worklist sheets: {names:?}");
    let first = book.worksheet_range(&names[0]).expect("its first sheet reads");
    assert!(first.height() > 1, "the first sheet has rows");
}

/// `G-` and four digits: the generator's and the demo's family ids.
fn has_family_id(text: &str) -> bool {
    text.as_bytes().windows(6).any(|w| w.starts_with(b"G-") && w[2..].iter().all(u8::is_ascii_digit))
}
