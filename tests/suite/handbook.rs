//! The handbook (`docs/handboek/`, `docs/handbook/`): the generated pages
//! match what the rulebook and the export schema give now, and the
//! hand-written pages are there, link to pages that exist, and name what
//! they must (every identifying header word, every outcome).
//!
//! After a change to the rulebook, the schema or `reports/messages/handbook.toml`:
//! `HS_AUDIT_WRITE_DOCS=1 cargo test --test suite handbook` rewrites the
//! generated pages; review the diff and commit it.

use std::fs;

use hs_audit::handbook::{LANGS, Page, REFRESH_COMMAND, generated_pages};
use hs_audit::report::Catalogue;
use hs_audit::results::Outcome;
use hs_audit::rulebook::load_rulebook;
use hs_audit::rules::registry::RULES;
use hs_audit::tables::SheetKind;
use hs_audit::tables::privacy::{IDENTIFYING_PARTS, IDENTIFYING_WHOLE};

use crate::support::root;

fn read(path: &str) -> String {
    fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn generated_pages_are_up_to_date() {
    let rulebook = load_rulebook(None, RULES).expect("the embedded rulebook loads");
    let write = std::env::var_os("HS_AUDIT_WRITE_DOCS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (path, text) in generated_pages(&rulebook) {
        let file = root().join(&path);
        // A checkout with Windows line endings is not stale.
        let current = fs::read_to_string(&file).ok().map(|t| t.replace("\r\n", "\n"));
        if current.as_deref() == Some(text.as_str()) {
            continue;
        }
        if write {
            fs::create_dir_all(file.parent().expect("a folder")).expect("creating the folder");
            fs::write(&file, &text).unwrap_or_else(|e| panic!("{path}: {e}"));
        } else {
            stale.push(path);
        }
    }
    assert!(
        stale.is_empty(),
        "these handbook pages no longer match the rulebook, the export schema or \
         reports/messages/handbook.toml:\n  {}\nRefresh them with\n  {REFRESH_COMMAND}\n\
         then review the diff and commit it.",
        stale.join("\n  ")
    );
}

#[test]
fn every_page_exists_in_both_languages() {
    for lang in LANGS {
        for page in Page::ALL {
            let text = read(&page.path(lang));
            assert!(text.lines().any(|l| l.starts_with("# ")), "{} has no title", page.path(lang));
        }
    }
}

#[test]
fn the_pages_name_every_rule_sheet_and_column() {
    for lang in LANGS {
        let rules = read(&Page::Rules.path(lang));
        for spec in RULES {
            assert!(rules.contains(&format!("### {} ", spec.id)), "{} in {}", spec.id, Page::Rules.path(lang));
        }
        let format = read(&Page::ExportFormat.path(lang));
        for kind in SheetKind::ALL {
            let sheet = kind.spec();
            assert!(format.contains(&format!("`{}`", sheet.name)), "sheet {}", sheet.name);
            for c in sheet.columns {
                assert!(format.contains(&format!("| `{}` | `{}` |", c.name, c.alias)), "{}.{}", sheet.name, c.name);
            }
        }
    }
}

#[test]
fn the_privacy_page_lists_every_identifying_header_word() {
    for lang in LANGS {
        let page = read(&Page::Privacy.path(lang));
        for word in IDENTIFYING_PARTS.iter().chain(IDENTIFYING_WHOLE) {
            assert!(page.contains(&format!("`{word}`")), "`{word}` is not in {}", Page::Privacy.path(lang));
        }
    }
}

#[test]
fn the_index_explains_every_outcome_as_reports_word_it() {
    let catalogue = Catalogue::embedded();
    for lang in LANGS {
        let page = read(&Page::Index.path(lang));
        for o in Outcome::ALL {
            let word = catalogue.get(&format!("outcome_{}", o.as_str()), lang);
            assert!(page.contains(&format!("*{word}*")), "outcome `{word}` is not in {}", Page::Index.path(lang));
        }
    }
}

#[test]
fn links_between_pages_lead_somewhere() {
    for lang in LANGS {
        for page in Page::ALL {
            let path = page.path(lang);
            let text = read(&path);
            let dir = root().join(&path).parent().expect("a folder").to_path_buf();
            for target in links(&text) {
                if target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                let (file, anchor) = target.split_once('#').unwrap_or((&target, ""));
                let target_text = if file.is_empty() {
                    text.clone()
                } else {
                    let full = dir.join(file);
                    assert!(full.exists(), "{path} links to {target}, which does not exist");
                    if !file.ends_with(".md") {
                        continue;
                    }
                    fs::read_to_string(&full).unwrap_or_default()
                };
                if !anchor.is_empty() {
                    let anchors: Vec<String> = target_text
                        .lines()
                        .filter(|l| l.starts_with('#'))
                        .map(|l| slug(l.trim_start_matches('#')))
                        .collect();
                    assert!(anchors.iter().any(|a| a == anchor), "{path} links to {target}: no such heading");
                }
            }
        }
    }
}

/// The anchor GitHub gives a heading.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The targets of Markdown links `[text](target)`.
fn links(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        if let Some(end) = after.find(')') {
            found.push(after[..end].to_string());
        }
        rest = after;
    }
    found
}
