//! The location report's model: everything the coordinator's report shows,
//! in the report's language, serialisable for the templates. HTML, Markdown
//! and XLSX all render this one model.
//!
//! Texts from the rulebook and the results are already in the report's
//! language; labels come from the catalogue in the templates (`t("key")`).
//! Dates stay ISO (`YYYY-MM-DD`) and are written out by the `date` filter.

use serde::Serialize;

/// The whole report of one location.
#[derive(Debug, Clone, Serialize)]
pub struct LocationReport {
    /// The stylesheet, for the HTML `<style>` (empty for other formats).
    pub css: String,
    pub header: Header,
    pub verdict: Verdict,
    /// Inline SVG charts of the location's figures against the norms (HTML only).
    pub charts: Vec<Chart>,
    /// The same figures as a table (for Markdown, and for readers without charts).
    pub figures: Vec<Figure>,
    /// Location rules first, then trajectory rules, each in the rulebook's order.
    pub rules: Vec<RuleSection>,
    /// Every result of the location that is not a pass (the XLSX findings sheet).
    pub findings: Vec<FindingRow>,
    pub worklist: Vec<WorkGroup>,
    /// Figures and rule outcomes per period (`check --previous`).
    pub trends: Option<super::trends::LocationTrends>,
    pub due_soon: DueSoon,
    pub input_findings: Vec<FindingLine>,
    pub waivers: Waivers,
}

#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub location_id: String,
    pub name: String,
    pub source: String,
    pub period_start: String,
    pub period_end: String,
    pub as_of: String,
    pub rulebook_id: String,
    pub rulebook_version: String,
    pub rulebook_title: String,
}

/// A rule named in the verdict.
#[derive(Debug, Clone, Serialize)]
pub struct RuleRef {
    pub id: String,
    pub title: String,
    pub severity: String,
    /// Families that failed (trajectory rules); `None` for a location rule.
    pub families: Option<usize>,
}

/// Meets the minimum conditions or not, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// No unwaived failure of an `error` rule.
    pub meets: bool,
    /// Failed `error` rules: the minimum conditions the location misses.
    pub misses: Vec<RuleRef>,
    /// Failed `warning` and `info` rules.
    pub attention: Vec<RuleRef>,
    /// Location rules that could not be judged.
    pub not_evaluated: Vec<RuleRef>,
    /// Results a waiver turned into `waived`.
    pub waived_results: usize,
}

/// One chart: an SVG made by the chart module (it escapes its own texts).
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub rule_id: String,
    pub svg: String,
}

/// A headline figure against its norm.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub rule_id: String,
    /// The figure's name, in the report's language.
    pub label: String,
    /// The value as written (`0,66 fte`), or empty when unknown.
    pub value: String,
    /// The norm as written (`minstens 0,55 fte`).
    pub norm: String,
    pub outcome: Option<String>,
}

/// Per outcome, how many families got it.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeCount {
    pub outcome: String,
    pub count: usize,
}

/// One rule of the rulebook as the location fared with it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleSection {
    pub id: String,
    /// `location` or `trajectory`.
    pub scope: String,
    pub severity: String,
    pub title: String,
    pub explanation: String,
    pub why: String,
    pub action: String,
    pub source_document: String,
    pub source_sentence: String,
    /// The location's outcome (location rules).
    pub outcome: Option<String>,
    /// The result's own sentence (location rules).
    pub message: Option<String>,
    /// What was measured, written out with its unit (location rules).
    pub measured: Option<String>,
    /// The norm, written out (location rules).
    pub expected: Option<String>,
    /// Families per outcome, outcomes with a count only (trajectory rules).
    pub counts: Vec<OutcomeCount>,
    /// Families the rule covered (trajectory rules).
    pub covered: usize,
    /// True when the rule failed (the location, or at least one family).
    pub failed: bool,
}

/// A result that is not a pass.
#[derive(Debug, Clone, Serialize)]
pub struct FindingRow {
    pub rule_id: String,
    pub title: String,
    /// The family, or `None` for a location rule.
    pub subject_id: Option<String>,
    pub row: Option<u32>,
    pub outcome: String,
    pub severity: String,
    pub message: String,
    /// The result's deadline (`YYYY-MM-DD`), when it has one.
    pub deadline: Option<String>,
}

/// One thing to do for one family.
#[derive(Debug, Clone, Serialize)]
pub struct WorkItem {
    pub rule_id: String,
    pub title: String,
    pub outcome: String,
    pub severity: String,
    pub message: String,
    /// What to do: the rule's action, or for `not_evaluated` the catalogue's
    /// advice to complete the data.
    pub action: String,
    /// Against the previous audit (`check --previous`): `nieuw`/`new`,
    /// `blijvend`/`persisting`, or empty.
    pub change: String,
}

/// The work for one family (one trajectory).
#[derive(Debug, Clone, Serialize)]
pub struct WorkGroup {
    pub subject_id: String,
    /// The `gezinnen` row, as a spreadsheet user sees it.
    pub row: Option<u32>,
    pub items: Vec<WorkItem>,
}

/// Something due in the 30 days after the as-of date.
#[derive(Debug, Clone, Serialize)]
pub struct DueItem {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub subject_id: String,
    pub row: Option<u32>,
    pub rule_id: String,
    pub title: String,
    /// Which of the rule's dates this is, in words (e.g. "end message"); may be empty.
    pub what: String,
    pub message: String,
}

/// What falls due in (A, A + days].
#[derive(Debug, Clone, Serialize)]
pub struct DueSoon {
    pub from: String,
    pub until: String,
    pub days: i64,
    pub items: Vec<DueItem>,
}

/// An input finding of the location's export.
#[derive(Debug, Clone, Serialize)]
pub struct FindingLine {
    pub place: String,
    pub message: String,
}

/// A waiver of this location.
#[derive(Debug, Clone, Serialize)]
pub struct WaiverLine {
    pub rule_id: String,
    pub title: String,
    /// The trajectory, or empty for the whole location.
    pub subject: String,
    pub reason: String,
    pub approved_by: String,
    pub expires: String,
    /// Results it turned into `waived` (applied waivers).
    pub results: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Waivers {
    pub applied: Vec<WaiverLine>,
    pub expired: Vec<WaiverLine>,
    pub unused: Vec<WaiverLine>,
}
