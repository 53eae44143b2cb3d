//! The location report end to end: golden files of the demo in HTML and
//! Markdown in both languages, the workbook read back, a hostile location
//! name, what falls due soon, waivers, determinism, and templates without
//! hard-coded text.

use std::path::{Path, PathBuf};
use std::time::Duration;

use calamine::{Data, Reader, Xlsx, open_workbook};
use hs_audit::report::Catalogue;

use crate::support::{hs_audit, hs_audit_in, root};

/// Runs `check` on `input` with all formats into a new folder; returns it.
fn run_check(dir: &Path, name: &str, input: &str, extra: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let out_arg = out.to_string_lossy().to_string();
    let mut args = vec!["check", input, "--format", "html,md,xlsx,json", "--out", &out_arg];
    args.extend_from_slice(extra);
    let run = hs_audit(&args, Duration::from_secs(60));
    assert!(matches!(run.code, Some(0 | 1)), "exit {:?}: {}", run.code, run.stderr);
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The HTML without the shared stylesheet (its own file) and with each chart as a
/// placeholder, so the golden file shows this report's own content.
fn html_for_snapshot(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("</svg>").map_or(rest.len(), |e| start + e + "</svg>".len());
        out.push_str("<svg><!-- chart --></svg>");
        rest = &rest[end..];
    }
    out.push_str(rest);
    let css = read(&root().join("reports/style.css"));
    out.replace(&css, "/* reports/style.css */")
}

#[test]
fn demo_location_report_golden_files_in_both_languages() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (lang, extra) in [("nl", vec![]), ("en", vec!["--lang", "en"])] {
        let out = run_check(dir.path(), lang, "fixtures/demo", &extra);
        let html = read(&out.join("report-L001.html"));
        let md = read(&out.join("report-L001.md"));
        assert!(out.join("report-L001.xlsx").is_file());
        // Self-contained: the stylesheet inline, one chart per figure, nothing fetched.
        assert!(html.contains("border-collapse"), "the stylesheet is inlined");
        assert_eq!(html.matches("<svg").count(), 5, "five gauges");
        for outside in ["<script", "<link", "src=", "href=\"http", "url(", "@import"] {
            assert!(!html.contains(outside), "{lang}: {outside}");
        }
        // Every text was found in the catalogue.
        assert!(!html.contains("[loc_") && !md.contains("[loc_"), "a catalogue key is missing");
        insta::assert_snapshot!(format!("location_demo_{lang}_html"), html_for_snapshot(&html));
        insta::assert_snapshot!(format!("location_demo_{lang}_md"), md);
    }
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("the workbook opens");
    let range = wb.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

fn texts(row: &[Data]) -> Vec<String> {
    row.iter().map(|c| c.to_string()).collect()
}

#[test]
fn demo_workbook_has_its_sheets_headers_and_real_dates() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = run_check(dir.path(), "nl", "fixtures/demo", &[]);
    let path = out.join("report-L001.xlsx");
    let wb: Xlsx<_> = open_workbook(&path).expect("the workbook opens");
    assert_eq!(wb.sheet_names(), ["Overzicht", "Bevindingen", "Werklijst", "Binnenkort"]);

    let findings = sheet(&path, "Bevindingen");
    let headers = ["Regel", "Titel", "Gezin", "Rij", "Uitkomst", "Ernst", "Toelichting", "Uiterste datum"];
    assert_eq!(texts(&findings[0]), headers);
    // Every result of the demo that is not a pass (results.json lists them all).
    let json: serde_json::Value = serde_json::from_str(&read(&out.join("results.json"))).expect("results.json");
    let not_pass = json["results"].as_array().expect("results").iter().filter(|r| r["outcome"] != "pass").count();
    assert_eq!(findings.len() - 1, not_pass);
    // HS-G02 of G-0006 failed with a deadline: a real date, 1 November 2026.
    let g02 = findings.iter().find(|r| texts(r)[0] == "HS-G02" && texts(r)[2] == "G-0006").expect("HS-G02 G-0006");
    assert_eq!(texts(g02)[4], "voldoet niet");
    match &g02[7] {
        Data::DateTime(d) => assert_eq!(d.as_datetime().map(|d| d.date().to_string()), Some("2026-11-01".into())),
        other => panic!("the deadline is not a date: {other:?}"),
    }
    assert!(matches!(g02[3], Data::Float(_) | Data::Int(_)), "the row is a number");

    let worklist = sheet(&path, "Werklijst");
    let headers = ["Gezin", "Rij", "Regel", "Titel", "Uitkomst", "Ernst", "Toelichting", "Wat te doen"];
    assert_eq!(texts(&worklist[0]), headers);
    let failed = json["results"].as_array().expect("results").iter().filter(|r| r["outcome"] == "fail").count();
    assert_eq!(worklist.len() - 1, failed, "the demo has no not_evaluated and every fail is a family's");
    assert!(worklist.iter().skip(1).all(|r| !texts(r)[7].is_empty()), "every row says what to do");

    let due = sheet(&path, "Binnenkort");
    assert_eq!(texts(&due[0]), ["Datum", "Gezin", "Rij", "Regel", "Titel", "Wat", "Toelichting"]);
    let summary = sheet(&path, "Overzicht");
    assert_eq!(texts(&summary[1]), ["Locatie", "Home-Start Voorbeeld"]);
    assert!(matches!(summary[6][1], Data::DateTime(_)), "the as-of date is a date");

    // English sheet names and headers come from the catalogue too.
    let out = run_check(dir.path(), "en", "fixtures/demo", &["--lang", "en"]);
    let path = out.join("report-L001.xlsx");
    let wb: Xlsx<_> = open_workbook(&path).expect("the workbook opens");
    assert_eq!(wb.sheet_names(), ["Summary", "Findings", "Worklist", "Due soon"]);
    assert_eq!(texts(&sheet(&path, "Worklist")[0])[7], "What to do");
}

const HOSTILE: &str = "=SUM(A1) <script>alert(1)</script>";

#[test]
fn a_hostile_location_name_is_text_everywhere() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let export = dir.path().join("export");
    std::fs::create_dir(&export).expect("mkdir");
    for entry in std::fs::read_dir(root().join("fixtures/demo-csv")).expect("demo-csv") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, export.join(path.file_name().expect("name"))).expect("copy");
    }
    let locatie = read(&export.join("locatie.csv")).replace("Home-Start Voorbeeld", HOSTILE);
    assert!(locatie.contains(HOSTILE));
    std::fs::write(export.join("locatie.csv"), locatie).expect("write");
    let run = hs_audit_in(
        dir.path(),
        &["check", "export", "--format", "html,md,xlsx", "--out", "out"],
        Duration::from_secs(60),
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let out = dir.path().join("out");

    let html = read(&out.join("report-L001.html"));
    assert!(!html.contains("<script"), "no script tag gets through");
    assert!(html.contains("=SUM(A1) &lt;script&gt;alert(1)&lt;&#x2f;script&gt;"), "the name is shown as text");
    let md = read(&out.join("report-L001.md"));
    assert!(md.contains("=SUM(A1) \\<script\\>alert(1)\\</script\\>"), "Markdown escapes the tags");

    let path = out.join("report-L001.xlsx");
    let summary = sheet(&path, "Overzicht");
    assert_eq!(summary[1][1], Data::String(HOSTILE.to_string()), "the name is a text cell");
    let mut wb: Xlsx<_> = open_workbook(&path).expect("the workbook opens");
    let formulas = wb.worksheet_formula("Overzicht").expect("formulas");
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell is a formula");
}

/// The due-soon rows of the workbook: (date, family, rule, what).
fn due_rows(path: &Path, sheet_name: &str) -> Vec<(String, String, String, String)> {
    sheet(path, sheet_name)
        .iter()
        .skip(1)
        .map(|r| {
            let date = match &r[0] {
                Data::DateTime(d) => d.as_datetime().map(|d| d.date().to_string()).unwrap_or_default(),
                other => panic!("not a date: {other:?}"),
            };
            (date, r[1].to_string(), r[3].to_string(), r[5].to_string())
        })
        .collect()
}

#[test]
fn what_falls_due_in_the_30_days_after_the_as_of_date() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out =
        run_check(dir.path(), "mid", "fixtures/demo", &["--as-of", "2026-06-30", "--period", "2026", "--lang", "en"]);
    // Worked out by hand from the demo:
    // - G-0011: last evaluation moment 8 January 2026, + 6 months = 8 July 2026 (HS-G05, passing so far);
    // - G-0002: closed 10 April 2026, follow-up call 3 months later, 10 July 2026 (HS-G08, window to 9 August);
    // - G-0023: started 31 May 2026, first check due 35 + 14 days later, 19 July 2026 (HS-G04).
    let expected = [
        ("2026-07-08", "G-0011", "HS-G05", "next evaluation at the latest"),
        ("2026-07-10", "G-0002", "HS-G08", "call around this date"),
        ("2026-07-19", "G-0023", "HS-G04", "deadline"),
    ];
    let expected: Vec<_> =
        expected.iter().map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string())).collect();
    assert_eq!(due_rows(&out.join("report-L001.xlsx"), "Due soon"), expected);
    let md = read(&out.join("report-L001.md"));
    let section = &md[md.find("## Due soon").expect("the section")..md.find("## Every rule").expect("the next")];
    assert!(section.contains("after 30 June 2026, up to and including 30 July 2026"), "{section}");
    let dates: Vec<usize> = ["| 8 July 2026 | G-0011", "| 10 July 2026 | G-0002", "| 19 July 2026 | G-0023"]
        .iter()
        .map(|d| section.find(d).expect(d))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "sorted by date");

    // At the period's end nothing of those is due; the one item is the follow-up of G-0009.
    let out = run_check(dir.path(), "end", "fixtures/demo", &["--lang", "en"]);
    let rows = due_rows(&out.join("report-L001.xlsx"), "Due soon");
    assert_eq!(rows, [("2027-01-10".into(), "G-0009".into(), "HS-G08".into(), "call around this date".into())]);
}

#[test]
fn waivers_show_in_the_verdict_and_their_own_section() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let waivers = dir.path().join("waivers.toml");
    let text = "[[waiver]]\nrule = \"HS-G01\"\nlocation = \"L001\"\nreason = \"Gemeente staat het toe\"\n\
                approved_by = \"Landelijk steunpunt\"\nexpires = 2027-03-31\n\n\
                [[waiver]]\nrule = \"HS-L07\"\nlocation = \"L001\"\nreason = \"Oud\"\n\
                approved_by = \"Landelijk steunpunt\"\nexpires = 2026-01-31\n";
    std::fs::write(&waivers, text).expect("write");
    let out = run_check(dir.path(), "w", "fixtures/demo", &["--waivers", &waivers.to_string_lossy(), "--lang", "en"]);
    let md = read(&out.join("report-L001.md"));
    assert!(md.contains("**✓ This location meets all minimum conditions.**"), "G01 is waived");
    assert!(md.contains("Waivers were applied: 3 outcomes are ‘waived’"));
    assert!(md.contains("### Applied") && md.contains("| HS-G01 Family belongs to the target group | whole location"));
    assert!(md.contains("### Expired (not applied)") && md.contains("| HS-L07 "));
    assert!(md.contains("waived: 3 families"), "the rule's counts show the waived families");
}

#[test]
fn an_unreadable_date_shows_what_could_not_be_judged_and_the_input_finding() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = run_check(dir.path(), "bad", "fixtures/bad/invalid_date.xlsx", &["--lang", "en"]);
    let md = read(&out.join("report-L001.md"));
    let verdict = &md[md.find("## Verdict").expect("verdict")..md.find("## Key figures").expect("figures")];
    assert!(verdict.contains("Could not be judged, because data are missing or unreadable:"), "{verdict}");
    assert!(verdict.contains("- HS-G03 Intake home visit before the match (1 family)"), "{verdict}");
    assert!(verdict.contains("Reading the export gave 1 input finding;"), "{verdict}");
    assert!(
        md.contains("| fixtures/bad/invalid\\_date.xlsx, sheet gezinnen, row 3, column start | "),
        "the finding's place"
    );
    // The worklist says to complete the data, not the rule's action for a failure.
    assert!(md.contains("| not evaluated | Cannot be judged: "), "a not_evaluated row");
    assert!(md.contains("Complete the missing or unreadable data in the export and run the check again."));
}

#[test]
fn every_format_is_byte_identical_across_runs() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let a = run_check(dir.path(), "a", "fixtures/demo", &[]);
    let b = run_check(dir.path(), "b", "fixtures/demo", &[]);
    for name in ["report-L001.html", "report-L001.md", "report-L001.xlsx", "results.json"] {
        let (x, y) = (std::fs::read(a.join(name)).expect(name), std::fs::read(b.join(name)).expect(name));
        assert!(x == y, "{name} differs between two runs");
    }
}

/// `text` with every span from `open` to `close` replaced by a space.
fn strip(text: &str, open: &str, close: &str) -> String {
    let mut kept = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        kept.push_str(&rest[..start]);
        kept.push(' ');
        rest = rest[start..].find(close).map_or("", |end| &rest[start + end + close.len()..]);
    }
    kept.push_str(rest);
    kept
}

/// Letters in a template outside `{{ }}`, `{% %}`, `{# #}`, HTML tags and
/// `<style>`: text that would show without coming from the catalogue.
fn hard_coded_text(template: &str) -> Vec<String> {
    let mut text = template.to_string();
    for (open, close) in [("{#", "#}"), ("{{", "}}"), ("{%", "%}"), ("<style>", "</style>"), ("<", ">")] {
        text = strip(&text, open, close);
    }
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).map(str::to_string).collect()
}

/// The catalogue keys a template asks for with `t("...")` (outside comments).
fn keys_used(template: &str) -> Vec<String> {
    strip(template, "{#", "#}").split("t(\"").skip(1).filter_map(|s| s.split('"').next()).map(str::to_string).collect()
}

#[test]
fn templates_hold_no_hard_coded_text_and_every_key_exists() {
    // The check itself finds text where there is some.
    assert_eq!(hard_coded_text("<p>{{ t(\"x\") }} Hallo</p>"), ["Hallo"]);
    assert_eq!(hard_coded_text("# Titel {{ x }}"), ["Titel"]);
    assert_eq!(hard_coded_text("<td title=\"{{ t('x') }}\">{% if a %}–{% endif %}</td>"), Vec::<String>::new());

    let catalogue = Catalogue::embedded();
    for name in ["location.html.j2", "location.md.j2"] {
        let template = read(&root().join("reports").join(name));
        assert_eq!(hard_coded_text(&template), Vec::<String>::new(), "{name}");
        let keys = keys_used(&template);
        assert!(keys.len() > 40, "{name}: {} keys", keys.len());
        // Keys ending in `_` are prefixes completed by a value: checked below.
        for key in keys.iter().filter(|k| !k.ends_with('_')) {
            assert!(catalogue.contains(key), "{name}: key `{key}` is not in the catalogue");
        }
    }
    // Outcome and severity labels are looked up as "outcome_" ~ x and "severity_" ~ x.
    let outcomes =
        ["pass", "fail", "not_yet_due", "not_applicable", "not_evaluated", "waived"].map(|o| format!("outcome_{o}"));
    let severities = ["error", "warning", "info"].map(|s| format!("severity_{s}"));
    for key in outcomes.iter().chain(&severities) {
        assert!(catalogue.contains(key), "{key}");
    }
}
