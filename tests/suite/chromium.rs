//! Every HTML report renders in headless Chromium, to a screenshot and to a
//! PDF print, without errors. CI installs Debian's `chromium`; elsewhere the
//! test is skipped (with a note) when it is missing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::support::{files_in, hs_audit_in, root};

fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser"].into_iter().find_map(|name| {
        let out = Command::new("which").arg(name).output().ok()?;
        out.status.success().then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
    });
    if found.is_none() {
        assert!(std::env::var_os("CI").is_none(), "CI must have chromium installed (.ci/run installs it)");
        eprintln!("chromium is not installed: the rendering test is skipped");
    }
    found
}

/// Renders `html` to a PNG screenshot and a PDF print; returns their sizes.
fn render(browser: &Path, html: &Path, work: &Path) -> (u64, Vec<u8>) {
    let profile = tempfile::tempdir().expect("a profile folder");
    let png = work.join(format!("{}.png", html.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default()));
    let pdf = png.with_extension("pdf");
    let url = format!("file://{}", html.display());
    for target in [format!("--screenshot={}", png.display()), format!("--print-to-pdf={}", pdf.display())] {
        let status = Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--hide-scrollbars",
                "--window-size=1200,1600",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(&target)
            .arg(&url)
            .output()
            .expect("chromium starts");
        assert!(status.status.success(), "{target}: {}", String::from_utf8_lossy(&status.stderr));
    }
    let png_size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
    let pdf_bytes = std::fs::read(&pdf).unwrap_or_default();
    (png_size, pdf_bytes)
}

fn reports(args: &[&str]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("out");
    let mut all: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    all.extend(["--format".into(), "html".into(), "--out".into(), out.to_string_lossy().into()]);
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    let run = hs_audit_in(&root(), &refs, Duration::from_secs(120));
    assert!(matches!(run.code, Some(0) | Some(1)), "{args:?}: {}", run.stderr);
    let html: Vec<PathBuf> =
        files_in(&out).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")).collect();
    assert!(!html.is_empty(), "{args:?} writes an HTML report");
    (dir, html)
}

#[test]
fn every_html_report_renders_to_png_and_pdf() {
    let Some(browser) = chromium() else { return };
    let national = tempfile::tempdir().expect("a temporary folder");
    let exports = national.path().join("exports");
    let opts = hs_audit::generate::GenerateOptions {
        locations: 12,
        seed: 5,
        format: hs_audit::generate::GenFormat::Xlsx,
        out: exports.clone(),
        year: 2026,
    };
    hs_audit::generate::generate(&opts).expect("generating exports");
    let exports = exports.to_string_lossy().to_string();
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", "fixtures/demo"],
        vec!["check", "fixtures/demo", "--lang", "en"],
        vec!["check", "fixtures/demo", "--audience", "municipality", "--municipality", "Amstelveen"],
        vec!["check", &exports, "--period", "2026"],
        vec!["check", &exports, "--period", "2026", "--lang", "en"],
    ];
    for args in runs {
        let (dir, html) = reports(&args);
        for page in html {
            let (png, pdf) = render(&browser, &page, dir.path());
            assert!(png > 10_000, "{args:?} {}: screenshot of {png} bytes", page.display());
            assert!(pdf.starts_with(b"%PDF"), "{args:?} {}: no PDF", page.display());
        }
    }
}
