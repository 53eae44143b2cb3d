//! The location report as a workbook: a summary sheet, the findings (every
//! result that is not a pass), the worklist and what falls due soon. Sheet
//! names and headers come from the catalogue; dates are real dates; text is
//! always written as text (a name like `=SUM(A1)` never becomes a formula).

use chrono::NaiveDate;

use super::model::LocationReport;
use crate::i18n::Lang;
use crate::report::Catalogue;
use crate::report::xlsx_util::{SheetTable, XCell, tables_workbook};

struct Labels<'a> {
    catalogue: &'a Catalogue,
    lang: Lang,
}

impl Labels<'_> {
    fn t(&self, key: &str) -> String {
        self.catalogue.get(key, self.lang)
    }

    fn headers(&self, keys: &[&str]) -> Vec<String> {
        keys.iter().map(|k| self.t(k)).collect()
    }

    fn outcome(&self, outcome: &str) -> XCell {
        XCell::Text(self.t(&format!("outcome_{outcome}")))
    }

    fn severity(&self, severity: &str) -> XCell {
        XCell::Text(self.t(&format!("severity_{severity}")))
    }
}

fn text(s: &str) -> XCell {
    XCell::Text(s.to_string())
}

fn date(iso: &str) -> XCell {
    match NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => XCell::Date(d),
        Err(_) => XCell::Text(iso.to_string()),
    }
}

fn opt_date(iso: Option<&str>) -> XCell {
    iso.map_or(XCell::Empty, date)
}

fn row(r: Option<u32>) -> XCell {
    r.map_or(XCell::Empty, |r| XCell::Int(i64::from(r)))
}

fn summary(m: &LocationReport, l: &Labels) -> SheetTable {
    let h = &m.header;
    let verdict = if m.verdict.meets {
        l.t("loc_verdict_meets")
    } else {
        let misses: Vec<String> = m.verdict.misses.iter().map(|r| format!("{} {}", r.id, r.title)).collect();
        format!("{} {}", l.t("loc_verdict_misses"), misses.join("; "))
    };
    let rows = vec![
        vec![text(&l.t("loc_location")), text(&h.name)],
        vec![text(&l.t("loc_location_id")), text(&h.location_id)],
        vec![text(&l.t("loc_source")), text(&h.source)],
        vec![text(&l.t("loc_period_start")), date(&h.period_start)],
        vec![text(&l.t("loc_period_end")), date(&h.period_end)],
        vec![text(&l.t("loc_as_of")), date(&h.as_of)],
        vec![text(&l.t("loc_rulebook")), text(&format!("{} {}", h.rulebook_id, h.rulebook_version))],
        vec![text(&l.t("loc_verdict")), XCell::Text(verdict)],
    ];
    SheetTable { name: l.t("loc_sheet_summary"), headers: l.headers(&["loc_col_item", "loc_col_value"]), rows }
}

fn findings(m: &LocationReport, l: &Labels) -> SheetTable {
    let rows = m
        .findings
        .iter()
        .map(|f| {
            vec![
                text(&f.rule_id),
                text(&f.title),
                f.subject_id.as_deref().map_or(XCell::Empty, text),
                row(f.row),
                l.outcome(&f.outcome),
                l.severity(&f.severity),
                text(&f.message),
                opt_date(f.deadline.as_deref()),
            ]
        })
        .collect();
    let keys = [
        "loc_col_rule",
        "loc_col_title",
        "loc_col_family",
        "loc_col_row",
        "loc_col_outcome",
        "loc_col_severity",
        "loc_col_message",
        "loc_col_deadline",
    ];
    SheetTable { name: l.t("loc_sheet_findings"), headers: l.headers(&keys), rows }
}

fn worklist(m: &LocationReport, l: &Labels) -> SheetTable {
    // The column of changes only with earlier audits (`check --previous`).
    let history = m.trends.is_some();
    let rows = m
        .worklist
        .iter()
        .flat_map(|g| {
            g.items.iter().map(move |i| {
                vec![
                    text(&g.subject_id),
                    row(g.row),
                    text(&i.rule_id),
                    text(&i.title),
                    l.outcome(&i.outcome),
                    l.severity(&i.severity),
                    text(&i.message),
                    text(&i.action),
                ]
                .into_iter()
                .chain(history.then(|| text(&i.change)))
                .collect()
            })
        })
        .collect();
    let keys = [
        "loc_col_family",
        "loc_col_row",
        "loc_col_rule",
        "loc_col_title",
        "loc_col_outcome",
        "loc_col_severity",
        "loc_col_message",
        "loc_col_action",
        "loc_col_change",
    ];
    let keys = if history { &keys[..] } else { &keys[..keys.len() - 1] };
    SheetTable { name: l.t("loc_sheet_worklist"), headers: l.headers(keys), rows }
}

fn due_soon(m: &LocationReport, l: &Labels) -> SheetTable {
    let rows = m
        .due_soon
        .items
        .iter()
        .map(|i| {
            vec![
                date(&i.date),
                text(&i.subject_id),
                row(i.row),
                text(&i.rule_id),
                text(&i.title),
                text(&i.what),
                text(&i.message),
            ]
        })
        .collect();
    let keys = [
        "loc_col_date",
        "loc_col_family",
        "loc_col_row",
        "loc_col_rule",
        "loc_col_title",
        "loc_col_what",
        "loc_col_message",
    ];
    SheetTable { name: l.t("loc_sheet_due_soon"), headers: l.headers(&keys), rows }
}

/// The workbook's bytes.
pub fn workbook(m: &LocationReport, catalogue: &Catalogue, lang: Lang) -> Result<Vec<u8>, String> {
    let l = Labels { catalogue, lang };
    let title = format!("{} {}", l.t("loc_title"), m.header.name);
    let tables = [summary(m, &l), findings(m, &l), worklist(m, &l), due_soon(m, &l)];
    tables_workbook(&title, &tables, &l.t("loc_xlsx_date_format"))
        .map_err(|e| format!("report-{}.xlsx: {e}", m.header.location_id))
}
