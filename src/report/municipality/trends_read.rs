//! The figures of one municipality output (an earlier `results.json`, or this
//! run's model in the same JSON shape), each as the output showed it: a
//! number, `<n`, `x`, `too_few` or nothing. Every figure the report shows
//! over families is read: families and hours in total and per location, the
//! age groups and durations (families and share), per timeliness rule its
//! counts and share on time, per outcome domain its families and mean
//! change. Nothing is recomputed: a marker stays a marker.
//!
//! Cost: one pass over the output's tables (a few dozen figures).

use serde_json::Value;

use super::model::{Count, Figure, TOO_FEW};

/// The sections of the trends, in the order shown, with their heading keys.
pub const SECTIONS: [(&str, &str); 5] = [
    ("families", "mun_families_heading"),
    ("age", "mun_age_heading"),
    ("duration", "mun_duration_heading"),
    ("timeliness", "mun_timeliness_heading"),
    ("outcomes", "mun_outcomes_heading"),
];

/// A count or a figure, as the output wrote it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    Count(Count),
    Figure(Figure),
}

impl serde::Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Count(c) => c.serialize(s),
            Cell::Figure(f) => f.serialize(s),
        }
    }
}

/// One figure of one output.
#[derive(Debug, Clone, PartialEq)]
pub struct Fig {
    /// Which figure: `families`, `hours:L001`, `age_share:mun_age_1_3`, ...
    pub key: String,
    /// Its place among the rows: section (index into [`SECTIONS`]), group
    /// (empty for a total, else a location or rule id, or a category's
    /// place), column.
    pub order: (usize, String, usize),
    /// How to show it: `count`, `hours`, `decimal`, `percent` or `change`.
    pub kind: &'static str,
    /// The catalogue key of the row's label, and what fills its placeholder
    /// (the location, category, rule or domain as the output names it).
    pub label_key: &'static str,
    pub item: String,
    /// The catalogue key of a timeliness column (`mun_col_pass`), else empty.
    pub column_key: &'static str,
    pub cell: Cell,
}

/// Every figure of an output, in its own order.
pub fn figures(v: &Value) -> Vec<Fig> {
    let mut out = Vec::new();
    let mut push = |key: String, order: (usize, &str, usize), kind, label_key, item: String, cell| {
        out.push(Fig {
            key,
            order: (order.0, order.1.to_string(), order.2),
            kind,
            label_key,
            item,
            column_key: "",
            cell,
        })
    };
    let total = v.pointer("/families/total");
    let field = |r: Option<&Value>, k: &str| r.and_then(|r| r.get(k)).cloned();
    push(
        "families".into(),
        (0, "", 0),
        "count",
        "mun_families_supported",
        String::new(),
        count_cell(field(total, "families")),
    );
    push("hours".into(), (0, "", 1), "hours", "mun_volunteer_hours", String::new(), figure_cell(field(total, "hours")));
    push(
        "hours_per_family".into(),
        (0, "", 2),
        "decimal",
        "mun_hours_per_family",
        String::new(),
        figure_cell(field(total, "hours_per_family")),
    );
    for r in rows(v, "/families/rows") {
        let id = string(r, "location_id");
        let item = format!("{} ({id})", string(r, "label"));
        let r = Some(r);
        push(
            format!("families:{id}"),
            (0, &id, 0),
            "count",
            "mun_trend_families_at",
            item.clone(),
            count_cell(field(r, "families")),
        );
        push(
            format!("hours:{id}"),
            (0, &id, 1),
            "hours",
            "mun_trend_hours_at",
            item.clone(),
            figure_cell(field(r, "hours")),
        );
        push(
            format!("hours_per_family:{id}"),
            (0, &id, 2),
            "decimal",
            "mun_trend_hours_per_family_at",
            item,
            figure_cell(field(r, "hours_per_family")),
        );
    }
    for (section, (name, pointer)) in [(1, ("age", "/age_groups/rows")), (2, ("duration", "/duration/rows"))] {
        for (i, r) in rows(v, pointer).iter().enumerate() {
            let (key, item, place) = (string(r, "key"), string(r, "label"), format!("{i:04}"));
            let r = Some(r);
            push(
                format!("{name}:{key}"),
                (section, &place, 0),
                "count",
                "mun_trend_families_in",
                item.clone(),
                count_cell(field(r, "families")),
            );
            push(
                format!("{name}_share:{key}"),
                (section, &place, 1),
                "percent",
                "mun_trend_share_in",
                item,
                figure_cell(field(r, "share")),
            );
        }
    }
    for r in rows(v, "/timeliness") {
        let id = string(r, "rule_id");
        let item = format!("{id} {}", string(r, "title"));
        push(
            format!("on_time:{id}"),
            (3, &id, 0),
            "percent",
            "mun_trend_on_time",
            item.clone(),
            figure_cell(field(Some(r), "on_time")),
        );
        for (i, (name, _)) in COLUMNS.into_iter().enumerate() {
            push(
                format!("{name}:{id}"),
                (3, &id, i + 1),
                "count",
                "mun_trend_rule_count",
                item.clone(),
                count_cell(field(Some(r), name)),
            );
        }
    }
    for (i, r) in rows(v, "/outcomes").iter().enumerate() {
        let (domain, item, place) = (string(r, "domain"), string(r, "label"), format!("{i:04}"));
        let r = Some(r);
        push(
            format!("outcome_families:{domain}"),
            (4, &place, 0),
            "count",
            "mun_trend_families_in",
            item.clone(),
            count_cell(field(r, "families")),
        );
        push(
            format!("mean_change:{domain}"),
            (4, &place, 1),
            "change",
            "mun_trend_mean_change_in",
            item,
            figure_cell(field(r, "mean_change")),
        );
    }
    // The timeliness counts name their column.
    let column_of =
        |key: &str| COLUMNS.iter().find(|(name, _)| key.starts_with(&format!("{name}:"))).map_or("", |c| c.1);
    for f in out.iter_mut().filter(|f| f.label_key == "mun_trend_rule_count") {
        f.column_key = column_of(&f.key);
    }
    out
}

/// The counts of a timeliness rule: field and the catalogue key of its column.
const COLUMNS: [(&str, &str); 5] = [
    ("pass", "mun_col_pass"),
    ("fail", "mun_col_fail"),
    ("not_yet_due", "mun_col_not_yet_due"),
    ("other", "mun_col_other"),
    ("total", "mun_total"),
];

fn rows<'a>(v: &'a Value, pointer: &str) -> &'a [Value] {
    v.pointer(pointer).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn string(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
}

fn count_cell(v: Option<Value>) -> Cell {
    Cell::Count(count(v.as_ref()))
}

fn figure_cell(v: Option<Value>) -> Cell {
    Cell::Figure(figure(v.as_ref()))
}

/// A count as the output wrote it; anything else counts as hidden (never shown).
pub fn count(v: Option<&Value>) -> Count {
    match v {
        Some(Value::Number(n)) => n.as_u64().map_or(Count::Hidden, Count::Shown),
        Some(Value::String(s)) => s.strip_prefix('<').and_then(|m| m.parse().ok()).map_or(Count::Hidden, Count::Small),
        _ => Count::Hidden,
    }
}

/// A figure as the output wrote it; an unknown marker counts as hidden.
pub fn figure(v: Option<&Value>) -> Figure {
    match v {
        Some(Value::Number(n)) => n.as_f64().map_or(Figure::Hidden, Figure::Shown),
        Some(Value::Null) | None => Figure::NoData,
        Some(Value::String(s)) if s == TOO_FEW => Figure::TooFew,
        Some(_) => Figure::Hidden,
    }
}
