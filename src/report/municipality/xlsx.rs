//! The municipality report as a workbook: a summary sheet, the locations'
//! conditions (the findings), and one sheet per table. Hidden numbers are
//! written as their marker text, never as a number.

use chrono::NaiveDate;

use super::model::{CategoryTable, Count, Figure, MunicipalityReport};
use super::notes;
use super::trends::{Cell, Trends};
use crate::report::RenderContext;
use crate::report::xlsx_util::{SheetTable, XCell, tables_workbook};

pub fn workbook(model: &MunicipalityReport, ctx: &RenderContext) -> Result<Vec<u8>, String> {
    let t = |key: &str| ctx.catalogue.get(key, ctx.lang);
    let small = notes::small_marker(ctx.catalogue, ctx.lang, &ctx.rulebook.privacy);
    let count = |c: Count| match c {
        Count::Shown(n) => XCell::Int(i64::try_from(n).unwrap_or(i64::MAX)),
        Count::Small(_) => XCell::Text(small.clone()),
        Count::Hidden => XCell::Text(t("mun_marker_hidden")),
    };
    let figure = |f: Figure, scale: f64| match f {
        Figure::Shown(x) if x.is_finite() => XCell::Number(x * scale),
        Figure::Shown(_) | Figure::NoData => XCell::Text(t("mun_marker_no_data")),
        Figure::TooFew => XCell::Text(t("mun_marker_too_few")),
        Figure::Hidden => XCell::Text(t("mun_marker_hidden")),
    };
    let text = |s: &str| XCell::Text(s.to_string());
    let date = |iso: &str| NaiveDate::parse_from_str(iso, "%Y-%m-%d").map_or_else(|_| text(iso), XCell::Date);
    let percent_header = |key: &str| format!("{} (%)", t(key));

    let mut sheets = Vec::new();
    let mut summary = vec![
        vec![text(&t("mun_municipality")), text(&model.municipality)],
        vec![text(&t("mun_period_start")), date(&model.period.start)],
        vec![text(&t("mun_period_end")), date(&model.period.end)],
        vec![text(&t("mun_as_of")), date(&model.as_of)],
        vec![
            text(&t("mun_rulebook")),
            text(&format!(
                "{} ({} {} {})",
                model.rulebook.title,
                model.rulebook.id,
                t("mun_version"),
                model.rulebook.version
            )),
        ],
    ];
    if model.has_families {
        let total = &model.families.total;
        summary.push(vec![text(&t("mun_families_supported")), count(total.families)]);
        summary.push(vec![text(&t("mun_volunteer_hours")), figure(total.hours, 1.0)]);
        summary.push(vec![text(&t("mun_hours_per_family")), figure(total.hours_per_family, 1.0)]);
    } else {
        summary.push(vec![text(&t("mun_families_supported")), text(&t("mun_no_families"))]);
    }
    summary.push(vec![text(&t("mun_about_heading")), text(&t("mun_about_no_ids"))]);
    for note in notes::privacy_notes(ctx.catalogue, ctx.lang, &ctx.rulebook.privacy) {
        // "<5: 1 to 4 families ...": the marker in the first column, what it means in the second.
        let (marker, meaning) = note.split_once(": ").unwrap_or(("", &note));
        summary.push(vec![text(marker), text(meaning)]);
    }
    sheets.push(SheetTable {
        name: t("mun_sheet_summary"),
        headers: vec![t("mun_col_item"), t("mun_col_value")],
        rows: summary,
    });

    let conditions = model
        .locations
        .iter()
        .flat_map(|loc| {
            loc.rules.iter().map(|r| {
                vec![
                    text(&loc.name),
                    text(&r.rule_id),
                    text(&r.title),
                    text(&t(&format!("severity_{}", r.severity))),
                    text(&t(&format!("outcome_{}", r.outcome))),
                    r.measured.as_deref().map_or(XCell::Empty, text),
                    r.norm.as_deref().map_or(XCell::Empty, text),
                ]
            })
        })
        .collect();
    sheets.push(SheetTable {
        name: t("mun_sheet_conditions"),
        headers: ["mun_col_location", "mun_col_rule", "mun_col_title", "mun_col_weight", "mun_col_outcome"]
            .iter()
            .chain(&["mun_col_measured", "mun_col_norm"])
            .map(|k| t(k))
            .collect(),
        rows: conditions,
    });

    let families = model
        .families
        .rows
        .iter()
        .chain(std::iter::once(&model.families.total))
        .map(|r| vec![text(&r.label), count(r.families), figure(r.hours, 1.0), figure(r.hours_per_family, 1.0)])
        .collect();
    sheets.push(SheetTable {
        name: t("mun_sheet_families"),
        headers: ["mun_col_location", "mun_col_families", "mun_col_hours", "mun_hours_per_family"].map(t).to_vec(),
        rows: families,
    });

    let category = |table: &CategoryTable| -> Vec<Vec<XCell>> {
        table
            .rows
            .iter()
            .map(|r| vec![text(&r.label), count(r.families), figure(r.share, 100.0)])
            .chain(std::iter::once(vec![text(&t("mun_total")), count(table.total), XCell::Empty]))
            .collect()
    };
    for (sheet, axis, table) in [
        ("mun_sheet_age", "mun_age_axis", &model.age_groups),
        ("mun_sheet_duration", "mun_duration_axis", &model.duration),
    ] {
        sheets.push(SheetTable {
            name: t(sheet),
            headers: vec![t(axis), t("mun_col_families"), percent_header("mun_col_share")],
            rows: category(table),
        });
    }

    let timeliness = model
        .timeliness
        .iter()
        .map(|r| {
            vec![
                text(&r.rule_id),
                text(&r.title),
                count(r.pass),
                count(r.fail),
                count(r.not_yet_due),
                count(r.other),
                count(r.total),
                figure(r.on_time, 100.0),
            ]
        })
        .collect();
    sheets.push(SheetTable {
        name: t("mun_sheet_timeliness"),
        headers: vec![
            t("mun_col_rule"),
            t("mun_col_title"),
            t("mun_col_pass"),
            t("mun_col_fail"),
            t("mun_col_not_yet_due"),
            t("mun_col_other"),
            t("mun_total"),
            percent_header("mun_col_on_time"),
        ],
        rows: timeliness,
    });

    let outcomes =
        model.outcomes.iter().map(|r| vec![text(&r.label), count(r.families), figure(r.mean_change, 1.0)]).collect();
    sheets.push(SheetTable {
        name: t("mun_sheet_outcomes"),
        headers: ["mun_col_domain", "mun_col_measured_families", "mun_col_mean_change"].map(t).to_vec(),
        rows: outcomes,
    });

    if let Some(trends) = &model.trends {
        sheets.push(trends_sheet(trends, &count, &figure, &t));
    }

    tables_workbook(&model.title, &sheets, &t("mun_xlsx_date_format"))
}

/// The figures per period: one row per figure (with its section), one
/// column per period; each value as its own period's report showed it.
fn trends_sheet(
    trends: &Trends,
    count: &dyn Fn(Count) -> XCell,
    figure: &dyn Fn(Figure, f64) -> XCell,
    t: &dyn Fn(&str) -> String,
) -> SheetTable {
    let rows = trends
        .rows
        .iter()
        .map(|r| {
            let scale = if r.kind == "percent" { 100.0 } else { 1.0 };
            let label = if r.kind == "percent" { format!("{} (%)", r.label) } else { r.label.clone() };
            let section = trends.sections.iter().find(|s| s.key == r.section).map_or("", |s| s.heading.as_str());
            [XCell::Text(section.to_string()), XCell::Text(label)]
                .into_iter()
                .chain(r.values.iter().map(|v| match v {
                    Cell::Count(c) => count(*c),
                    Cell::Figure(f) => figure(*f, scale),
                }))
                .collect()
        })
        .collect();
    SheetTable {
        name: t("mun_sheet_trends"),
        headers: [t("mun_col_section"), t("mun_col_figure")]
            .into_iter()
            .chain(trends.periods.iter().map(|p| p.label.clone()))
            .collect(),
        rows,
    }
}
