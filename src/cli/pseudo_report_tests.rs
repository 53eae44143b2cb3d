//! A pseudo-locale through whole runs: with every catalogue value and every
//! text of the rulebook transformed (accented, in `⟦ ⟧`), `generate` writes
//! two years of exports and `check` writes every report (location,
//! municipality, national; HTML, Markdown, XLSX; with and without
//! `--previous`) and its terminal summary; `inspect`, `rules list`,
//! `rules explain` and `template` (its cells; not its notes and lists). A transformed text holds no ASCII
//! letter, so every word of ASCII letters left (inside `⟦ ⟧` too, where it
//! was filled in) may only be the user's own (cell values of the exports,
//! file and folder names), the contract's names (sheets, columns, rule
//! ids), the command line's words or markup: any other is a text in code.
//! This shows that a third language is one more value per catalogue key.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};
use clap::{CommandFactory, Parser};

use super::Cli;
use crate::report::Catalogue;
use crate::report::catalogue::{pseudo, with_catalogue_everywhere};

/// Runs of ASCII letters at least this long count as words; shorter ones
/// are units, ids and markup (`fte`, `L1`, `id`) too often to tell apart.
const MIN_WORD: usize = 2;

/// Markup and format words that are no reader's text: HTML and SVG names,
/// CSS, Markdown, number formats.
const NOT_TEXT: &[&str] = &["nbsp", "amp", "quot", "apos", "lt", "gt", "shy", "html", "xlsx", "json", "svg"];

pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= MIN_WORD)
}

/// The text of an HTML page a reader meets: the content, and the attributes
/// read out or shown on hover (`title`, `alt`, `aria-label`); no styles,
/// scripts, tag names or other attributes.
pub(crate) fn html_text(html: &str) -> String {
    let mut rest = html;
    let mut out = String::new();
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        out.push(' ');
        let tag_end = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
        let tag = &rest[i..tag_end];
        for attr in ["title=\"", "alt=\"", "aria-label=\"", "placeholder=\""] {
            for (k, _) in tag.match_indices(attr) {
                let value = &tag[k + attr.len()..];
                // `title="..."` inside `aria-title="..."` is the same attribute family: fine.
                out.push_str(value.split('"').next().unwrap_or(""));
                out.push(' ');
            }
        }
        rest = &rest[tag_end..];
        for block in ["<style", "<script"] {
            if tag.starts_with(block) {
                let close = format!("</{}", &block[1..]);
                rest = rest.find(&close).map_or("", |j| &rest[j..]);
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every cell and sheet name of a workbook, one per line.
fn workbook_text(path: &Path) -> String {
    let mut out = String::new();
    let Ok(mut book) = open_workbook_auto(path) else { panic!("{}: not a workbook", path.display()) };
    for name in book.sheet_names() {
        out.push_str(&name);
        out.push('\n');
        if let Ok(range) = book.worksheet_range(&name) {
            for row in range.rows() {
                for cell in row {
                    if let Data::String(s) = cell {
                        out.push_str(s);
                        out.push('\n');
                    }
                }
            }
        }
    }
    out
}

/// Every file under `dir`, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() { all.extend(files(&path)) } else { all.push(path) }
    }
    all.sort();
    all
}

/// The rulebook with its texts (every `*_nl` and `*_en` value) transformed.
fn pseudo_rulebook(value: &mut toml::Value) {
    match value {
        toml::Value::Table(t) => {
            for (k, v) in t.iter_mut() {
                match v {
                    toml::Value::String(s) if k.ends_with("_nl") || k.ends_with("_en") => *s = pseudo(s),
                    _ => pseudo_rulebook(v),
                }
            }
        }
        toml::Value::Array(a) => a.iter_mut().for_each(pseudo_rulebook),
        _ => {}
    }
}

fn run(args: &[&str]) -> String {
    let argv: Vec<OsString> = std::iter::once("hs-audit").chain(args.iter().copied()).map(OsString::from).collect();
    let cli = Cli::try_parse_from(&argv).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    super::run(cli, &mut out, &mut err).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    String::from_utf8([out, err].concat()).unwrap_or_default()
}

/// The municipality with the most families in an export.
fn a_municipality(export: &Path) -> String {
    let Ok(mut book) = open_workbook_auto(export) else { panic!("{}", export.display()) };
    let Ok(range) = book.worksheet_range("gezinnen") else { panic!("no gezinnen") };
    let mut rows = range.rows();
    let header = rows.next().unwrap_or_default();
    let col = header
        .iter()
        .position(|c| matches!(c, Data::String(s) if s == "gemeente"))
        .unwrap_or_else(|| panic!("no gemeente"));
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for row in rows {
        *seen.entry(row.get(col).map(|c| c.to_string()).unwrap_or_default()).or_default() += 1;
    }
    seen.into_iter().max_by_key(|(_, n)| *n).map(|(m, _)| m).unwrap_or_default()
}

#[test]
fn every_report_under_a_pseudo_locale_has_no_text_in_the_code() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut book: toml::Value =
        toml::from_str(&std::fs::read_to_string(root.join("rules/homestart-nl.toml")).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}"));
    pseudo_rulebook(&mut book);
    let rules = d.join("pseudo-rules.toml");
    std::fs::write(&rules, toml::to_string(&book).unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));

    let catalogue = Catalogue::embedded().transformed(pseudo);
    let (terminal, reports) = with_catalogue_everywhere(catalogue, || {
        let p = |x: &str| d.join(x).to_string_lossy().to_string();
        let rules = rules.to_string_lossy().to_string();
        let mut terminal = run(&["generate", "--locations", "4", "--seed", "3", "--history", "2", "--out", &p("in")]);
        let municipality = a_municipality(&files(&d.join("in/2025"))[0]);
        let formats = "html,md,xlsx,json";
        for lang in ["nl", "en"] {
            for (year, earlier) in [("2025", None), ("2026", Some("2025"))] {
                let input = p(&format!("in/{year}"));
                let check = |audience: &str, extra: &[&str]| {
                    let out = p(&format!("out-{lang}/{audience}-{year}"));
                    let mut args = vec!["check", &input, "--period", year, "--rules", &rules, "--lang", lang];
                    args.extend(["--format", formats, "--audience", audience, "--out", &out]);
                    args.extend(extra);
                    run(&args)
                };
                let previous = |audience: &str| earlier.map(|y| p(&format!("out-{lang}/{audience}-{y}/results.json")));
                for audience in ["location", "national"] {
                    let prev = previous(audience);
                    let extra: Vec<&str> = prev.iter().flat_map(|p| ["--previous", p.as_str()]).collect();
                    terminal.push_str(&check(audience, &extra));
                }
                let prev = previous("municipality");
                let mut extra = vec!["--municipality", municipality.as_str()];
                extra.extend(prev.iter().flat_map(|p| ["--previous", p.as_str()]));
                terminal.push_str(&check("municipality", &extra));
            }
        }
        let export = files(&d.join("in/2026")).into_iter().next().unwrap_or_default();
        for lang in ["nl", "en"] {
            terminal.push_str(&run(&["template", "--out", &p(&format!("out-{lang}/template.xlsx")), "--lang", lang]));
            terminal.push_str(&run(&["inspect", &export.to_string_lossy(), "--lang", lang]));
            terminal.push_str(&run(&["rules", "list", "--rules", &rules, "--lang", lang]));
            for rule in ["HS-L01", "HS-L07", "HS-G04", "HS-G09"] {
                terminal.push_str(&run(&["rules", "explain", rule, "--rules", &rules, "--lang", lang]));
            }
        }
        (terminal, files(&d.join("out-nl")).into_iter().chain(files(&d.join("out-en"))).collect::<Vec<_>>())
    });

    // What may stay as it is: the exports' own words, the names of files
    // and folders, the contract's names and the command line's words.
    let mut allowed: BTreeSet<String> = NOT_TEXT.iter().map(|s| s.to_string()).collect();
    // The tool's and the rulebook's names, and the template's file name
    // (the template names itself in `hs-audit inspect template.xlsx`).
    allowed.extend(["hs", "audit", "HS", "homestart", "nl", "template"].map(String::from));
    for export in files(&d.join("in")) {
        allowed.extend(words(&workbook_text(&export)).map(String::from));
        // The location report names its export by the path given.
        allowed.extend(words(&export.to_string_lossy()).map(String::from));
    }
    for kind in crate::tables::schema::SheetKind::ALL {
        let spec = kind.spec();
        allowed.extend(words(spec.name).map(String::from));
        allowed.extend(words(spec.alias).map(String::from));
        for c in spec.columns {
            allowed.extend([c.name, c.alias].iter().flat_map(|n| words(n)).map(String::from));
            if let crate::tables::schema::ColumnType::Code(codes) = c.ty {
                allowed.extend(codes.iter().flat_map(|k| words(k.code).chain(words(k.alias))).map(String::from));
            }
        }
    }
    // The terminal also names options, their values and the folders
    // written, and `rules explain` the rulebook's keys (parameters).
    let mut on_terminal = allowed.clone();
    let base = std::fs::read_to_string(root.join("rules/homestart-nl.toml")).unwrap_or_default();
    on_terminal.insert("tolerance".into()); // a rule's key in rules.md, unset in the base rulebook
    on_terminal.extend(base.lines().flat_map(|l| words(l.split('=').next().unwrap_or(""))).map(String::from));
    super::catalogue_tests::command_words(&Cli::command(), &mut on_terminal);
    for file in &reports {
        on_terminal.extend(words(&file.to_string_lossy()).map(String::from));
    }
    let mut shown = 0;
    let mut left: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut check_text = |what: &str, text: &str, allowed: &BTreeSet<String>| {
        for w in words(text) {
            if !allowed.contains(w) {
                left.entry(w.to_string()).or_default().insert(what.to_string());
            }
        }
    };
    assert!(terminal.matches('⟦').count() > 20, "{terminal}");
    check_text("terminal", &terminal, &on_terminal);
    for file in &reports {
        let name = file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let text = match file.extension().and_then(|e| e.to_str()) {
            Some("html") => html_text(&std::fs::read_to_string(file).unwrap_or_default()),
            Some("md") => std::fs::read_to_string(file).unwrap_or_default(),
            Some("xlsx") => workbook_text(file),
            _ => continue,
        };
        assert!(text.contains('⟦'), "{name}");
        shown += 1;
        check_text(&name, &text, &allowed);
    }
    assert!(shown >= 30, "{shown} reports");
    assert!(left.is_empty(), "untransformed words (and where): {left:#?}");
}

/// Every reason a file could not be read (`io_why_…`), inside its finding,
/// under the pseudo-locale: nothing but the filled-in values is left.
#[test]
fn every_reason_a_file_is_not_read_comes_from_the_catalogue() {
    use crate::findings::{FindingKind, InputFinding, Why};
    let catalogue = Catalogue::embedded().transformed(pseudo);
    let keys: Vec<&'static str> = Catalogue::embedded()
        .keys()
        .filter(|k| k.split('_').take(2).eq(["io", "why"]))
        // (a key of a reason is `'static` in the code; a test may leak a few)
        .map(|k| &*Box::leak(k.to_string().into_boxed_str()))
        .collect();
    assert!(keys.len() >= 20, "{keys:?}");
    crate::report::catalogue::with_catalogue(catalogue, || {
        let names = ["text", "cells", "chars", "columns", "mb", "reason", "part", "ratio", "rows", "cols", "max"];
        for key in keys {
            let args = names.iter().chain(&["encoding", "error"]).map(|n| (*n, "#".to_string())).collect();
            let f = InputFinding::file("#", FindingKind::TooLarge { reason: Why::new(key, args) });
            for lang in [crate::i18n::Lang::Nl, crate::i18n::Lang::En] {
                let text = f.message(lang);
                assert!(words(&text).next().is_none(), "{key}: {text}");
            }
        }
    });
}
