//! The export template opens cleanly in LibreOffice (Debian's
//! `libreoffice-calc`): converted to PDF it has a page per sheet, and as flat
//! ODF it shows every note and every validation. Without LibreOffice the test
//! is skipped with a note, except in CI (`CI` set), where it fails.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hs_audit::i18n::Lang;
use hs_audit::tables::SheetKind;
use hs_audit::template::{Texts, plan_sheets};
use quick_xml::Reader;
use quick_xml::events::Event;

use crate::template::write_template;

/// How LibreOffice is started; `None` when it is not installed.
fn libreoffice() -> Option<&'static str> {
    ["libreoffice", "soffice"].into_iter().find(|bin| {
        Command::new(bin)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Converts `file` with LibreOffice into `dir` (fresh profile, so no lock
/// with a running LibreOffice), killing it after three minutes.
fn convert(bin: &str, file: &Path, to: &str, dir: &Path) {
    let profile = dir.join("lo-profile");
    let mut child = Command::new(bin)
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(dir)
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("LibreOffice starts");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("waiting on LibreOffice") {
            assert!(status.success(), "LibreOffice --convert-to {to} failed: {status}");
            return;
        }
        if start.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("LibreOffice --convert-to {to} took over three minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn libreoffice_opens_the_template_and_sees_its_notes_and_drop_down_lists() {
    let Some(bin) = libreoffice() else {
        let in_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty());
        assert!(!in_ci, "LibreOffice is missing; CI installs it with: apt-get install -y libreoffice-calc");
        eprintln!("note: LibreOffice is not installed; the template's LibreOffice check is skipped");
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let nl = write_template(dir.path(), Lang::Nl);
    convert(bin, &nl, "pdf", dir.path());
    let pdf = std::fs::read(dir.path().join("hs-audit-export.pdf")).expect("LibreOffice wrote a PDF");
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    let pages = pdf.windows(11).filter(|w| w.starts_with(b"/Type/Page") && w[10] != b's').count();
    assert!(pages > SheetKind::ALL.len(), "{pages} pages: one for the instructions and at least one per sheet");

    // The flat ODF file shows what LibreOffice made of the notes and the validations.
    let en = write_template(dir.path(), Lang::En);
    convert(bin, &en, "fods", dir.path());
    let fods = std::fs::read_to_string(dir.path().join("hs-audit-export-en.fods")).expect("LibreOffice wrote a .fods");
    let seen = fods_sheets(&fods);
    let mut expected = BTreeMap::from([("Instructions".to_string(), (0, 0))]);
    for plan in plan_sheets(&Texts::new(Lang::En)) {
        let validated = plan.columns.iter().filter(|c| c.validation.is_some()).count();
        expected.insert(plan.name.to_string(), (plan.columns.len(), validated));
    }
    assert_eq!(seen, expected, "per sheet: (notes, columns with a validation)");
    assert!(
        fods.contains("of:cell-content-is-in-list(&quot;first_check&quot;;"),
        "the drop-down list of contacts.kind"
    );
}

/// Per sheet of a flat ODF spreadsheet: the notes, and the columns whose
/// first data row (row 2) carries a validation.
fn fods_sheets(xml: &str) -> BTreeMap<String, (usize, usize)> {
    let mut reader = Reader::from_str(xml);
    let mut found: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut sheet = String::new();
    let mut row = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let attr =
                    |name: &str| e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| a.value.to_string());
                match e.name().as_ref() {
                    "table:table" => {
                        sheet = attr("table:name").unwrap_or_default();
                        row = 0;
                        found.entry(sheet.clone()).or_default();
                    }
                    "table:table-row" => row += 1,
                    "office:annotation" => found.entry(sheet.clone()).or_default().0 += 1,
                    "table:table-cell" if row == 2 && attr("table:content-validation-name").is_some() => {
                        let repeated = attr("table:number-columns-repeated").and_then(|r| r.parse().ok()).unwrap_or(1);
                        found.entry(sheet.clone()).or_default().1 += repeated;
                    }
                    _ => {}
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("the .fods is not well-formed at {}: {e}", reader.error_position()),
        }
    }
    found
}
