//! The municipality's figures per period (`check --audience municipality
//! --previous FILE`): read from its earlier JSON outputs (the suppressed model
//! a municipality run writes as results.json) and this run's model.
//!
//! Privacy: every figure is copied as the output of its own period showed it
//! (a number, `<n`, `x`, `too_few`), never recomputed and never un-hidden, and
//! no difference between periods is computed. An earlier output whose period
//! overlaps this run's or another one's in the table is left out with a note:
//! two suppressed views of (partly) the same families could give a hidden
//! count away by their difference. Cost: a handful of figures per file.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::model::{Count, Figure, MunicipalityReport};
use crate::i18n::Lang;
use crate::report::catalogue::msg;
use crate::tables::normalize::normalize_name;

/// The figures of one period, as its output showed them.
#[derive(Debug, Clone)]
pub struct Earlier {
    /// The file as given.
    pub source: String,
    pub municipality: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub as_of: String,
    families: Count,
    hours: Figure,
    hours_per_family: Figure,
    /// Per location serving the municipality: id, name, families.
    locations: Vec<(String, String, Count)>,
    /// Per timeliness rule: id, title, share on time.
    on_time: Vec<(String, String, Figure)>,
}

/// The trends section of the model.
#[derive(Debug, Clone, Serialize)]
pub struct Trends {
    /// Oldest first; the last is this run.
    pub periods: Vec<TrendPeriod>,
    pub rows: Vec<TrendRow>,
    /// Earlier outputs not shown (their period overlaps another's), by file name.
    pub left_out: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrendPeriod {
    /// `2026`, or `2026-01-01 – 2026-03-31` when not one calendar year.
    pub label: String,
    pub start: String,
    pub end: String,
    pub as_of: String,
    /// The file it was read from; empty for this run.
    pub source: String,
}

/// One figure over the periods.
#[derive(Debug, Clone, Serialize)]
pub struct TrendRow {
    pub key: String,
    pub label: String,
    /// How to show it: `count`, `hours`, `decimal` or `percent`.
    pub kind: &'static str,
    /// Per period, as that period's output showed it; `null` when that
    /// output did not have this figure.
    pub values: Vec<Cell>,
}

/// A count or a figure, serialized as the municipality output writes it.
#[derive(Debug, Clone, Copy)]
pub enum Cell {
    Count(Count),
    Figure(Figure),
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Count(c) => c.serialize(s),
            Cell::Figure(f) => f.serialize(s),
        }
    }
}

/// Reads an earlier municipality output of `asked`; the problem as a
/// sentence in `lang` when the file is not one.
pub fn read_earlier(path: &Path, asked: &str, lang: Lang) -> Result<Earlier, String> {
    let shown = crate::ingest::display_path(path);
    let not_one = |why: &str| msg("cli_previous_not_municipality", lang, &[("why", why), ("shown", &shown)]);
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("--previous {shown}: {}", crate::io_text::cannot_read(&e).get(lang)))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| not_one(&e.to_string()))?;
    if v.get("report").and_then(Value::as_str) != Some("municipality") {
        return Err(not_one("report ≠ municipality"));
    }
    let municipality = v.get("municipality").and_then(Value::as_str).unwrap_or_default().to_string();
    if normalize_name(&municipality) != normalize_name(asked) {
        return Err(msg(
            "cli_previous_other_municipality",
            lang,
            &[("municipality", municipality.as_str()), ("asked", asked), ("shown", &shown)],
        ));
    }
    let date = |k: &str| {
        v.pointer(&format!("/period/{k}"))
            .and_then(Value::as_str)
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .ok_or_else(|| not_one(&format!("period.{k}")))
    };
    let (start, end) = (date("start")?, date("end")?);
    let total = v.pointer("/families/total");
    let locations = rows(&v, "/families/rows")
        .iter()
        .map(|r| (string(r, "location_id"), string(r, "label"), count(r.get("families"))))
        .collect();
    let on_time = rows(&v, "/timeliness")
        .iter()
        .map(|r| (string(r, "rule_id"), string(r, "title"), figure(r.get("on_time"))))
        .collect();
    Ok(Earlier {
        source: shown.clone(),
        municipality,
        start,
        end,
        as_of: v.get("as_of").and_then(Value::as_str).unwrap_or_default().to_string(),
        families: count(total.and_then(|t| t.get("families"))),
        hours: figure(total.and_then(|t| t.get("hours"))),
        hours_per_family: figure(total.and_then(|t| t.get("hours_per_family"))),
        locations,
        on_time,
    })
}

fn rows<'a>(v: &'a Value, pointer: &str) -> &'a [Value] {
    v.pointer(pointer).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn string(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
}

/// A count as the output wrote it; anything else counts as hidden (never shown).
fn count(v: Option<&Value>) -> Count {
    match v {
        Some(Value::Number(n)) => n.as_u64().map_or(Count::Hidden, Count::Shown),
        Some(Value::String(s)) => s.strip_prefix('<').and_then(|m| m.parse().ok()).map_or(Count::Hidden, Count::Small),
        _ => Count::Hidden,
    }
}

/// A figure as the output wrote it; an unknown marker counts as hidden.
fn figure(v: Option<&Value>) -> Figure {
    match v {
        Some(Value::Number(n)) => n.as_f64().map_or(Figure::Hidden, Figure::Shown),
        Some(Value::Null) | None => Figure::NoData,
        Some(Value::String(s)) if s == super::model::TOO_FEW => Figure::TooFew,
        Some(_) => Figure::Hidden,
    }
}

/// This run's figures in the same shape as an earlier output's.
fn of_model(m: &MunicipalityReport) -> Earlier {
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
    let total = &m.families.total;
    Earlier {
        source: String::new(),
        municipality: m.municipality.clone(),
        start: date(&m.period.start),
        end: date(&m.period.end),
        as_of: m.as_of.clone(),
        families: total.families,
        hours: total.hours,
        hours_per_family: total.hours_per_family,
        locations: m.families.rows.iter().map(|r| (r.location_id.clone(), r.label.clone(), r.families)).collect(),
        on_time: m.timeliness.iter().map(|r| (r.rule_id.clone(), r.title.clone(), r.on_time)).collect(),
    }
}

/// The earlier outputs that can stand next to this run: latest period first,
/// each kept only when it overlaps none kept before (this run is kept first).
fn pick(current: Earlier, earlier: &[Earlier]) -> (Vec<Earlier>, Vec<String>) {
    let mut sorted: Vec<&Earlier> = earlier.iter().collect();
    sorted.sort_by(|a, b| b.end.cmp(&a.end).then(b.start.cmp(&a.start)).then(a.source.cmp(&b.source)));
    let mut kept = vec![current];
    let mut left_out = Vec::new();
    for e in sorted {
        if kept.iter().any(|k| e.start <= k.end && k.start <= e.end) {
            left_out.push(e.source.clone());
        } else {
            kept.push(e.clone());
        }
    }
    kept.sort_by_key(|k| k.start);
    (kept, left_out)
}

/// The trends of `model` with the earlier outputs; `None` without any.
/// `label` gives the row labels from the catalogue.
pub fn trends(model: &MunicipalityReport, earlier: &[Earlier], label: &dyn Fn(&str) -> String) -> Option<Trends> {
    if earlier.is_empty() || !model.has_families {
        return None;
    }
    let (kept, left_out) = pick(of_model(model), earlier);
    let periods = kept
        .iter()
        .map(|k| TrendPeriod {
            label: period_label(k.start, k.end),
            start: k.start.format("%Y-%m-%d").to_string(),
            end: k.end.format("%Y-%m-%d").to_string(),
            as_of: k.as_of.clone(),
            source: k.source.clone(),
        })
        .collect();
    let row = |key: &str, label: String, kind, values| TrendRow { key: key.to_string(), label, kind, values };
    let mut rows = vec![
        row(
            "families",
            label("mun_families_supported"),
            "count",
            kept.iter().map(|k| Cell::Count(k.families)).collect(),
        ),
        row("hours", label("mun_volunteer_hours"), "hours", kept.iter().map(|k| Cell::Figure(k.hours)).collect()),
        row(
            "hours_per_family",
            label("mun_hours_per_family"),
            "decimal",
            kept.iter().map(|k| Cell::Figure(k.hours_per_family)).collect(),
        ),
    ];
    // Locations and rules of any period, in id order, named as most recently.
    let mut ids: Vec<(String, String)> = Vec::new();
    for k in kept.iter().rev() {
        for (id, name, _) in &k.locations {
            if !ids.iter().any(|(i, _)| i == id) {
                ids.push((id.clone(), name.clone()));
            }
        }
    }
    ids.sort();
    for (id, name) in ids {
        let values = kept
            .iter()
            .map(|k| {
                let found = k.locations.iter().find(|(i, _, _)| *i == id);
                found.map_or(Cell::Figure(Figure::NoData), |(_, _, c)| Cell::Count(*c))
            })
            .collect();
        let text = label("mun_trend_families_at").replace("{location}", &format!("{name} ({id})"));
        rows.push(row(&format!("families:{id}"), text, "count", values));
    }
    let mut rules: Vec<(String, String)> = Vec::new();
    for k in kept.iter().rev() {
        for (id, title, _) in &k.on_time {
            if !rules.iter().any(|(i, _)| i == id) {
                rules.push((id.clone(), title.clone()));
            }
        }
    }
    rules.sort();
    for (id, title) in rules {
        let values = kept
            .iter()
            .map(|k| Cell::Figure(k.on_time.iter().find(|(i, _, _)| *i == id).map_or(Figure::NoData, |(_, _, f)| *f)))
            .collect();
        let text = label("mun_trend_on_time").replace("{rule}", &format!("{id} {title}"));
        rows.push(row(&format!("on_time:{id}"), text, "percent", values));
    }
    Some(Trends { periods, rows, left_out })
}

fn period_label(start: NaiveDate, end: NaiveDate) -> String {
    use chrono::Datelike;
    if start.year() == end.year() && (start.month(), start.day()) == (1, 1) && (end.month(), end.day()) == (12, 31) {
        start.year().to_string()
    } else {
        format!("{} – {}", start.format("%Y-%m-%d"), end.format("%Y-%m-%d"))
    }
}
