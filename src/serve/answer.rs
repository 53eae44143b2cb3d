//! The answer page's model: what was read, the verdict and rules, the
//! reports inline and their downloads. Built by `job`, shown by `page`.

use serde::Serialize;

/// Everything one answer shows.
#[derive(Debug, Default, Serialize)]
pub struct Answer {
    /// What stopped the check (a wrong period, no municipality chosen ...).
    pub problems: Vec<String>,
    pub verdict: Option<Verdict>,
    pub period_line: String,
    pub rules: Vec<RuleRow>,
    pub read: Vec<ExportRead>,
    /// (file name, HTML) of every HTML report, shown inline.
    pub reports: Vec<(String, String)>,
    pub downloads: Vec<Download>,
    /// The municipalities found in the data, offered in the form.
    pub municipalities: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Verdict {
    /// `ok`, `fail` or `info`: the look of the box.
    pub kind: &'static str,
    pub lines: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct RuleRow {
    pub id: String,
    pub title: String,
    pub severity: String,
    /// `fail`, `pass` or `none`.
    pub outcome: &'static str,
    pub outcome_text: String,
    pub fail: usize,
    pub pass: usize,
}

#[derive(Debug, Serialize)]
pub struct ExportRead {
    pub title: String,
    pub locations: Vec<String>,
    pub sheets: Vec<SheetRead>,
    pub findings_line: String,
    pub has_findings: bool,
    pub findings: Vec<FindingLine>,
}

#[derive(Debug, Serialize)]
pub struct SheetRead {
    pub line: String,
    pub columns: String,
}

#[derive(Debug, Serialize)]
pub struct FindingLine {
    pub place: String,
    pub message: String,
}

/// One download link: the file inside a `data:` address, so nothing of the
/// answer needs to stay on the server once it is sent.
#[derive(Debug, Serialize)]
pub struct Download {
    pub label: String,
    pub name: String,
    pub href: String,
    pub size: String,
}
