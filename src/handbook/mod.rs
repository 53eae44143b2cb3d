//! The handbook's generated pages: every rule of the rulebook and the export
//! format, in Dutch (`docs/handboek/`) and English (`docs/handbook/`).
//!
//! The rules page renders a [`Rulebook`] (titles, explanations, parameters'
//! current values, sources); the export page renders `tables::schema`, the
//! same table the readers and `hs-audit template` use. Every text the
//! generator adds comes from `reports/messages/handbook.toml`. The suite test
//! `tests/suite/handbook.rs` compares the committed pages with a fresh
//! rendering, so the pages cannot drift from the rulebook or the schema.

mod conventions;
mod export_page;
mod markdown;
mod rules_page;
#[cfg(test)]
mod tests;
mod texts;

pub use export_page::export_format_page;
pub use rules_page::rules_page;

use crate::i18n::Lang;
use crate::rulebook::Rulebook;
use texts::Texts;

/// The command that rewrites the generated pages.
pub const REFRESH_COMMAND: &str = "HS_AUDIT_WRITE_DOCS=1 cargo test --test suite handbook";

/// Both languages, Dutch first.
pub const LANGS: [Lang; 2] = [Lang::Nl, Lang::En];

/// A page of the handbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// Hand-written: what the tool does, for whom, how to read a report.
    Index,
    /// Generated from the rulebook.
    Rules,
    /// Generated from the export schema.
    ExportFormat,
    /// Hand-written: what the tool does with families' data.
    Privacy,
}

impl Page {
    pub const ALL: [Page; 4] = [Page::Index, Page::Rules, Page::ExportFormat, Page::Privacy];

    /// True for the pages this module writes; the others are written by hand.
    pub fn is_generated(self) -> bool {
        matches!(self, Page::Rules | Page::ExportFormat)
    }

    /// The page's file name in its language's folder.
    pub fn file_name(self, lang: Lang) -> &'static str {
        match self {
            Page::Index => "index.md",
            Page::Rules => lang.pick("regels.md", "rules.md"),
            Page::ExportFormat => lang.pick("exportformaat.md", "export-format.md"),
            Page::Privacy => "privacy.md",
        }
    }

    /// The page's path from the project root.
    pub fn path(self, lang: Lang) -> String {
        format!("docs/{}/{}", folder(lang), self.file_name(lang))
    }
}

/// The folder of a language's pages, inside `docs/`.
pub fn folder(lang: Lang) -> &'static str {
    lang.pick("handboek", "handbook")
}

/// Every generated page in both languages: (path from the project root, text).
pub fn generated_pages(rulebook: &Rulebook) -> Vec<(String, String)> {
    let mut pages = Vec::new();
    for lang in LANGS {
        pages.push((Page::Rules.path(lang), rules_page(rulebook, lang)));
        pages.push((Page::ExportFormat.path(lang), export_format_page(lang)));
    }
    pages
}

/// The top of a generated page: the note not to edit it, the title, and
/// links to the same page in the other language and to the handbook's index.
fn page_header(out: &mut String, t: &Texts, page: Page, title: &str) {
    let note = t.fill("hb_generated_note", &[("refresh", REFRESH_COMMAND.to_string())]);
    let other = match t.lang {
        Lang::Nl => Lang::En,
        Lang::En => Lang::Nl,
    };
    out.push_str(&format!("<!-- {note} -->\n\n# {title}\n\n"));
    out.push_str(&format!(
        "[{}](../{}/{}) · [{}]({})\n\n",
        t.get("hb_other_language"),
        folder(other),
        page.file_name(other),
        t.get("hb_back_to_index"),
        Page::Index.file_name(t.lang),
    ));
}
