//! The municipality's figures per period (`check --audience municipality
//! --previous FILE`): read from its earlier JSON outputs (the suppressed model
//! a municipality run writes as results.json) and this run's model, every
//! figure the report shows over families ([`super::trends_read`]), per
//! section (families and hours, age, duration, timeliness, outcomes).
//!
//! Privacy: every figure is copied as the output of its own period showed it
//! (a number, `<n`, `x`, `too_few`), never recomputed and never un-hidden, and
//! no difference or total across periods is computed. Each period's tables
//! were protected on their own under the privacy policy, and the periods
//! shown cover disjoint stretches of time, so no line of the trends table
//! sums figures of two periods: a figure hidden in one period is derivable
//! from no other. An earlier output whose period overlaps this run's or
//! another one's in the table is left out with a note (two suppressed views
//! of partly the same families could give a hidden count away by their
//! difference), and so is one shown under a looser policy than this run's
//! (a smaller `min_count`, or a `round_to` that is no multiple of this
//! run's): every period is shown at least as strictly as the report's own.
//! Cost: a few dozen figures per file.

use foldhash::{HashMap, HashMapExt};
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::model::MunicipalityReport;
pub use super::trends_read::Cell;
use super::trends_read::{Fig, SECTIONS, figures};
use crate::i18n::Lang;
use crate::report::catalogue::msg;
use crate::rulebook::Privacy;
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
    /// The policy its counts were shown under (`min_count`, `round_to`).
    pub privacy: (u64, u64),
    figures: Vec<Fig>,
}

/// The trends section of the model.
#[derive(Debug, Clone, Serialize)]
pub struct Trends {
    /// Oldest first; the last is this run.
    pub periods: Vec<TrendPeriod>,
    /// The sections that have rows, in order: key and heading.
    pub sections: Vec<TrendSection>,
    pub rows: Vec<TrendRow>,
    /// Earlier outputs not shown (their period overlaps another's), by file name.
    pub left_out: Vec<String>,
    /// Earlier outputs not shown (shown under a looser privacy policy than this run's), by file name.
    pub left_out_policy: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrendSection {
    pub key: &'static str,
    pub heading: String,
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
    /// The section's key (`families`, `age`, `duration`, `timeliness`, `outcomes`).
    pub section: &'static str,
    pub label: String,
    /// How to show it: `count`, `hours`, `decimal`, `percent` or `change`.
    pub kind: &'static str,
    /// Per period, as that period's output showed it; `null` when that
    /// output did not have this figure.
    pub values: Vec<Cell>,
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
    Ok(of_output(&v, shown.clone(), municipality, start, end))
}

/// An output's figures, once its period is known.
fn of_output(v: &Value, source: String, municipality: String, start: NaiveDate, end: NaiveDate) -> Earlier {
    Earlier {
        source,
        municipality,
        start,
        end,
        as_of: v.get("as_of").and_then(Value::as_str).unwrap_or_default().to_string(),
        privacy: privacy_of(v),
        figures: figures(v),
    }
}

/// The policy an output was shown under; the default one when it does not say.
fn privacy_of(v: &Value) -> (u64, u64) {
    let default = Privacy::default();
    let get = |k: &str| v.pointer(&format!("/privacy/{k}")).and_then(Value::as_u64);
    (get("min_count").unwrap_or(default.min_count), get("round_to").unwrap_or(default.round_to))
}

/// Whether counts shown under `earlier` are shown at least as strictly as under `now`.
fn as_strict(earlier: (u64, u64), now: (u64, u64)) -> bool {
    let (min, round) = earlier;
    min >= now.0 && round >= 1 && round % now.1.max(1) == 0
}

/// This run's figures in the same shape as an earlier output's: read from
/// its own JSON, so each figure is exactly what this run's output shows.
fn of_model(m: &MunicipalityReport) -> Earlier {
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
    let v = serde_json::to_value(m).unwrap_or(Value::Null);
    of_output(&v, String::new(), m.municipality.clone(), date(&m.period.start), date(&m.period.end))
}

/// An earlier output as `read_earlier` reads it, from the model it was written from (tests).
#[cfg(test)]
pub(super) fn earlier_of(m: &MunicipalityReport, source: &str) -> Earlier {
    Earlier { source: source.to_string(), ..of_model(m) }
}

/// The earlier outputs that can stand next to this run: those shown at least
/// as strictly, then latest period first, each kept only when it overlaps
/// none kept before (this run is kept first). Returns the kept, oldest
/// first, and the files left out for overlap and for their policy.
fn pick(current: Earlier, earlier: &[Earlier]) -> (Vec<Earlier>, Vec<String>, Vec<String>) {
    let mut sorted: Vec<&Earlier> = earlier.iter().collect();
    sorted.sort_by(|a, b| b.end.cmp(&a.end).then(b.start.cmp(&a.start)).then(a.source.cmp(&b.source)));
    let now = current.privacy;
    let mut kept = vec![current];
    let (mut left_out, mut looser) = (Vec::new(), Vec::new());
    for e in sorted {
        if !as_strict(e.privacy, now) {
            looser.push(e.source.clone());
        } else if kept.iter().any(|k| e.start <= k.end && k.start <= e.end) {
            left_out.push(e.source.clone());
        } else {
            kept.push(e.clone());
        }
    }
    kept.sort_by_key(|k| k.start);
    (kept, left_out, looser)
}

/// The trends of `model` with the earlier outputs; `None` without any.
/// `label` gives the row labels from the catalogue.
pub fn trends(model: &MunicipalityReport, earlier: &[Earlier], label: &dyn Fn(&str) -> String) -> Option<Trends> {
    if earlier.is_empty() || !model.has_families {
        return None;
    }
    let (kept, left_out, left_out_policy) = pick(of_model(model), earlier);
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
    // Every figure of any period, placed and named as in the latest period that has it.
    let mut first: HashMap<&str, &Fig> = HashMap::new();
    for f in kept.iter().rev().flat_map(|k| &k.figures) {
        first.entry(f.key.as_str()).or_insert(f);
    }
    let mut shown: Vec<&Fig> = first.into_values().collect();
    shown.sort_by(|a, b| a.order.cmp(&b.order).then(a.key.cmp(&b.key)));
    let per_period: Vec<HashMap<&str, Cell>> =
        kept.iter().map(|k| k.figures.iter().map(|f| (f.key.as_str(), f.cell)).collect()).collect();
    let no_data = Cell::Figure(super::model::Figure::NoData);
    let rows: Vec<TrendRow> = shown
        .iter()
        .map(|f| TrendRow {
            key: f.key.clone(),
            section: SECTIONS.get(f.order.0).map_or("", |s| s.0),
            label: row_label(f, label),
            kind: f.kind,
            values: per_period.iter().map(|p| p.get(f.key.as_str()).copied().unwrap_or(no_data)).collect(),
        })
        .collect();
    let sections = SECTIONS
        .iter()
        .filter(|(key, _)| rows.iter().any(|r| r.section == *key))
        .map(|(key, heading)| TrendSection { key, heading: label(heading) })
        .collect();
    Some(Trends { periods, sections, rows, left_out, left_out_policy })
}

/// A row's label: its catalogue text with the item (and the column, lower case) filled in.
fn row_label(f: &Fig, label: &dyn Fn(&str) -> String) -> String {
    let column = if f.column_key.is_empty() { String::new() } else { lower_first(&label(f.column_key)) };
    label(f.label_key)
        .replace("{location}", &f.item)
        .replace("{rule}", &f.item)
        .replace("{item}", &f.item)
        .replace("{column}", &column)
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

fn period_label(start: NaiveDate, end: NaiveDate) -> String {
    use chrono::Datelike;
    if start.year() == end.year() && (start.month(), start.day()) == (1, 1) && (end.month(), end.day()) == (12, 31) {
        start.year().to_string()
    } else {
        format!("{} – {}", start.format("%Y-%m-%d"), end.format("%Y-%m-%d"))
    }
}

#[cfg(test)]
mod tests {
    use super::as_strict;

    #[test]
    fn an_earlier_policy_is_as_strict_when_its_minimum_and_rounding_are() {
        assert!(as_strict((5, 1), (5, 1)));
        assert!(as_strict((10, 5), (5, 5)));
        assert!(as_strict((5, 10), (5, 5)), "a multiple of 10 is one of 5");
        assert!(!as_strict((3, 1), (5, 1)), "a smaller minimum shows 3 and 4");
        assert!(!as_strict((5, 1), (5, 5)), "unrounded counts are finer");
        assert!(!as_strict((5, 3), (5, 5)));
        assert!(as_strict((5, 5), (1, 1)));
    }
}
