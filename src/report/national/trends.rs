//! The national report's trends (`check --previous`): per rule its pass rate
//! in every period given, the locations with new failures of an `error`
//! rule (first), and how many locations improved or declined against the
//! latest earlier audit. Reads the audit's comparison once; counts only.
//!
//! Cost: O(summary rows x periods + changes log changes), the summary rows
//! of every period grouped by rule in a map.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::pass_rates::pass_share;
use super::text::{fill, t};
use crate::report::RenderContext;
use crate::results::history::{Comparison, Snapshot};
use crate::results::{Audit, OutcomeCounts, Severity};

/// Trends over the periods given.
#[derive(Debug, Clone, Serialize)]
pub struct Trends {
    /// The periods, oldest first; the last is this audit's.
    pub periods: Vec<String>,
    /// The period compared with (the latest earlier one).
    pub compared_with: String,
    pub rules: Vec<TrendRule>,
    /// Locations with a new failure of an `error` rule, most new failures first.
    pub new_error_failures: Vec<TrendLocation>,
    /// One sentence each: improved, declined, unchanged.
    pub counts: Vec<String>,
    /// Locations or rules not compared, in words.
    pub notes: Vec<String>,
    /// Per rule, its pass rate per period as a line chart (SVG; HTML only).
    pub charts: Vec<String>,
}

/// One rule's pass rate per period.
#[derive(Debug, Clone, Serialize)]
pub struct TrendRule {
    pub id: String,
    pub title: String,
    /// Per period, `95,3%` or the no-value mark.
    pub rates: Vec<String>,
    /// Against the period compared with: `▲ 2,1`, `▼ 4,0`, `=`, or empty.
    pub change: String,
}

/// A location with new failures of `error` rules.
#[derive(Debug, Clone, Serialize)]
pub struct TrendLocation {
    pub location_id: String,
    pub name: String,
    /// The rules, by id, with their new failures: `HS-G06 (3)`.
    pub rules: String,
    #[serde(skip)]
    pub new_failures: usize,
}

/// A period as a reader names it: the year for a calendar year.
fn period_label(s: &Snapshot) -> String {
    use chrono::Datelike;
    let (a, b) = (s.period_start, s.period_end);
    if a.month() == 1 && a.day() == 1 && b.month() == 12 && b.day() == 31 && a.year() == b.year() {
        a.year().to_string()
    } else {
        format!("{a} – {b}")
    }
}

/// Per rule, the counts over every location of a snapshot.
fn totals(s: &Snapshot) -> BTreeMap<&str, OutcomeCounts> {
    let mut out: BTreeMap<&str, OutcomeCounts> = BTreeMap::new();
    for ((_, rule), c) in &s.summary {
        out.entry(rule.as_str()).or_default().add(c);
    }
    out
}

/// Rules with a failure per location (rules present in both audits only).
fn failing_rules<'a>(s: &'a Snapshot, common: &BTreeSet<&str>) -> BTreeMap<&'a str, usize> {
    let mut out: BTreeMap<&str, usize> = BTreeMap::new();
    for ((loc, rule), c) in &s.summary {
        if c.fail > 0 && common.contains(rule.as_str()) {
            *out.entry(loc.as_str()).or_default() += 1;
        }
    }
    out
}

/// The trends, when the audit has a comparison.
pub fn trends(audit: &Audit, ctx: &RenderContext) -> Option<Trends> {
    let c: &Comparison = audit.comparison.as_ref()?;
    let against = c.against()?;
    let now = Snapshot::of_audit(audit);
    let snaps: Vec<&Snapshot> = c.previous.iter().chain(std::iter::once(&now)).collect();
    let per_period: Vec<BTreeMap<&str, OutcomeCounts>> = snaps.iter().map(|s| totals(s)).collect();
    let rate = |c: Option<&OutcomeCounts>| c.and_then(pass_share);
    let pct =
        |x: Option<f64>| x.map_or_else(|| t(ctx, "nat_no_value"), |s| format!("{}%", ctx.fmt.number(s * 100.0, 1)));
    let then_totals = totals(against);
    let mut in_order: Vec<&crate::rulebook::RuleConfig> = ctx.rulebook.rules.iter().filter(|r| r.enabled).collect();
    // Location rules first, as in the matrix.
    in_order.sort_by_key(|r| r.scope);
    let rules = in_order
        .into_iter()
        .map(|r| {
            let id = r.id.as_str();
            let rates = per_period.iter().map(|p| pct(rate(p.get(id)))).collect();
            let change = match (rate(then_totals.get(id)), per_period.last().and_then(|p| rate(p.get(id)))) {
                (Some(a), Some(b)) => {
                    let d = (b - a) * 100.0;
                    if d.abs() < 0.05 {
                        "=".to_string()
                    } else {
                        format!("{} {}", if d > 0.0 { "▲" } else { "▼" }, ctx.fmt.number(d.abs(), 1))
                    }
                }
                _ => String::new(),
            };
            TrendRule { id: r.id.clone(), title: r.title.get(ctx.lang).to_string(), rates, change }
        })
        .collect();
    let charts = if ctx.formats.contains(&crate::report::Format::Html) {
        let labels: Vec<String> = snaps.iter().map(|s| period_label(s)).collect();
        rate_charts(ctx, &labels, &per_period)
    } else {
        Vec::new()
    };

    let error_rules: BTreeSet<&str> =
        ctx.rulebook.rules.iter().filter(|r| r.severity == Severity::Error).map(|r| r.id.as_str()).collect();
    let mut by_location: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
    for ch in c.changes.iter().filter(|ch| ch.new_count > 0 && error_rules.contains(ch.rule_id.as_str())) {
        by_location.entry(ch.location_id.as_str()).or_default().push((ch.rule_id.as_str(), ch.new_count));
    }
    let mut new_error_failures: Vec<TrendLocation> = by_location
        .into_iter()
        .map(|(loc, rules)| TrendLocation {
            location_id: loc.to_string(),
            name: now.locations.get(loc).map(|l| l.0.clone()).unwrap_or_default(),
            rules: rules.iter().map(|(r, n)| format!("{r} ({})", ctx.fmt.count(*n))).collect::<Vec<_>>().join(", "),
            new_failures: rules.iter().map(|(_, n)| n).sum(),
        })
        .collect();
    new_error_failures.sort_by(|a, b| b.new_failures.cmp(&a.new_failures).then(a.location_id.cmp(&b.location_id)));

    let common: BTreeSet<&str> = now.rules.iter().filter(|r| against.rules.contains(*r)).map(String::as_str).collect();
    let (before, after) = (failing_rules(against, &common), failing_rules(&now, &common));
    let (mut improved, mut declined, mut unchanged) = (0, 0, 0);
    for loc in now.locations.keys().filter(|l| against.locations.contains_key(*l)) {
        let (a, b) = (before.get(loc.as_str()).copied().unwrap_or(0), after.get(loc.as_str()).copied().unwrap_or(0));
        match b.cmp(&a) {
            std::cmp::Ordering::Less => improved += 1,
            std::cmp::Ordering::Greater => declined += 1,
            std::cmp::Ordering::Equal => unchanged += 1,
        }
    }
    let line = |key: &str, n: usize| {
        let key = if n == 1 { format!("{key}_one") } else { format!("{key}_many") };
        fill(ctx, &key, &[("n", ctx.fmt.count(n))])
    };
    let notes = c
        .notes
        .iter()
        .map(|n| fill(ctx, &format!("nat_trend_note_{}", n.kind.as_str()), &[("id", n.id.clone())]))
        .collect();
    Some(Trends {
        periods: snaps.iter().map(|s| period_label(s)).collect(),
        compared_with: period_label(against),
        rules,
        new_error_failures,
        counts: vec![
            line("nat_trend_improved", improved),
            line("nat_trend_declined", declined),
            line("nat_trend_unchanged", unchanged),
        ],
        notes,
        charts,
    })
}

/// Per enabled rule (location rules first), its pass rate per period as a
/// line chart; the norm drawn is the share a location must pass
/// (1 - `tolerance`; 100 % for a rule without one).
fn rate_charts(ctx: &RenderContext, periods: &[String], per_period: &[BTreeMap<&str, OutcomeCounts>]) -> Vec<String> {
    use crate::report::charts::{ChartText, Norm, NormKind, line_chart};
    let (x_label, y_label, norm_label, no_data) =
        (t(ctx, "nat_trend_axis"), t(ctx, "nat_trend_rate_axis"), t(ctx, "nat_trend_norm"), t(ctx, "nat_no_value"));
    let fmt = |x: f64| format!("{}%", ctx.fmt.number(x, 0));
    let mut rules: Vec<&crate::rulebook::RuleConfig> = ctx.rulebook.rules.iter().filter(|r| r.enabled).collect();
    rules.sort_by_key(|r| r.scope);
    rules
        .into_iter()
        .map(|r| {
            let points: Vec<(String, f64)> = periods
                .iter()
                .zip(per_period)
                .map(|(p, counts)| {
                    (p.clone(), counts.get(r.id.as_str()).and_then(pass_share).map_or(f64::NAN, |x| x * 100.0))
                })
                .collect();
            let tolerance = r.num("tolerance").unwrap_or(0.0);
            let norm = Norm { value: (1.0 - tolerance) * 100.0, label: &norm_label, kind: NormKind::AtLeast };
            let title = format!("{} {}", r.id, r.title.get(ctx.lang));
            let text = ChartText::new(&title, &x_label, &y_label, &no_data).with_size(460, 220);
            line_chart(&text, &points, Some(&norm), &fmt)
        })
        .collect()
}

/// The trends as workbook sheets: pass rate per rule and period, and the
/// locations with new failures of `error` rules.
pub fn sheets(tr: &Trends, ctx: &RenderContext) -> Vec<crate::report::xlsx_util::SheetTable> {
    use crate::report::xlsx_util::{SheetTable, XCell};
    let cell = |s: &str| if s.is_empty() { XCell::Empty } else { XCell::Text(s.to_string()) };
    let mut headers = vec![t(ctx, "nat_col_rule"), t(ctx, "nat_col_title")];
    headers.extend(tr.periods.iter().cloned());
    headers.push(t(ctx, "nat_col_change"));
    let rows = tr
        .rules
        .iter()
        .map(|r| {
            let mut cells = vec![cell(&r.id), cell(&r.title)];
            cells.extend(r.rates.iter().map(|x| cell(x)));
            cells.push(cell(&r.change));
            cells
        })
        .collect();
    let rates = SheetTable { name: t(ctx, "nat_sheet_trends"), headers, rows };
    let headers = vec![t(ctx, "nat_col_location_id"), t(ctx, "nat_col_location"), t(ctx, "nat_col_new_failures")];
    let rows =
        tr.new_error_failures.iter().map(|l| vec![cell(&l.location_id), cell(&l.name), cell(&l.rules)]).collect();
    let new = SheetTable { name: t(ctx, "nat_sheet_new_failures"), headers, rows };
    vec![rates, new]
}
