//! Test oracle: every rule of rules.md (default parameters, period = a calendar year, as-of = its last day)
//! evaluated straight on the generated values, written apart from the generator so the two check each other.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::{GeneratedExport, GeneratedSheet};
use crate::tables::{SheetKind, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    Fail,
    NotYetDue,
    NotApplicable,
    NotEvaluated,
}
use Outcome::*;

/// add_months of the rulebook, written out by hand.
pub fn add_months(d: NaiveDate, n: i32) -> NaiveDate {
    let total = d.year() * 12 + d.month0() as i32 + n;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    (1..=d.day()).rev().find_map(|day| NaiveDate::from_ymd_opt(y, m, day)).unwrap_or(d)
}

fn days(d: NaiveDate, n: i64) -> NaiveDate {
    d + chrono::Duration::days(n)
}

/// One row of `gezinnen`.
#[derive(Debug, Clone)]
pub struct Family {
    pub id: String,
    pub registered: NaiveDate,
    pub referrer: bool,
    pub birth: Option<NaiveDate>,
    pub months: Option<i64>,
    pub due: Option<NaiveDate>,
    pub intake: Option<NaiveDate>,
    pub matched: Option<NaiveDate>,
    pub volunteer: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub hours: Option<f64>,
    pub visits: Option<i64>,
    pub told_start: Option<NaiveDate>,
    pub told_end: Option<NaiveDate>,
}

/// The export read through canonical column names, with the period.
pub struct Audit<'a> {
    pub export: &'a GeneratedExport,
    pub p_start: NaiveDate,
    /// P.end = A = W.
    pub a: NaiveDate,
    pub families: Vec<Family>,
    /// Contacts dated ≤ A, per family: (date, soort).
    contacts: BTreeMap<String, Vec<(NaiveDate, String)>>,
}

pub fn rows(export: &GeneratedExport, kind: SheetKind) -> Vec<(&GeneratedSheet, &[Value])> {
    export.sheet(kind).map(|s| s.rows.iter().map(|r| (s, r.as_slice())).collect()).unwrap_or_default()
}

fn date(s: &GeneratedSheet, r: &[Value], c: &str) -> Option<NaiveDate> {
    s.value(r, c).as_date()
}

fn text(s: &GeneratedSheet, r: &[Value], c: &str) -> Option<String> {
    s.value(r, c).as_text().map(str::to_string)
}

impl<'a> Audit<'a> {
    pub fn new(export: &'a GeneratedExport, year: i32) -> Audit<'a> {
        let p_start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
        let a = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        let families = rows(export, SheetKind::Gezinnen)
            .into_iter()
            .map(|(s, r)| Family {
                id: text(s, r, "gezin_id").unwrap_or_default(),
                registered: date(s, r, "aanmelding").unwrap_or_default(),
                referrer: !s.value(r, "verwijzer").is_empty(),
                birth: date(s, r, "geboortedatum_jongste"),
                months: s.value(r, "leeftijd_jongste_maanden").as_int(),
                due: date(s, r, "uitgerekende_datum"),
                intake: date(s, r, "kennismaking"),
                matched: date(s, r, "koppeling"),
                volunteer: text(s, r, "vrijwilliger_id"),
                start: date(s, r, "start"),
                end: date(s, r, "einde"),
                hours: s.value(r, "uren").as_number(),
                visits: s.value(r, "bezoeken").as_int(),
                told_start: date(s, r, "bericht_verwijzer_start"),
                told_end: date(s, r, "bericht_verwijzer_einde"),
            })
            .collect();
        let mut contacts: BTreeMap<String, Vec<(NaiveDate, String)>> = BTreeMap::new();
        for (s, r) in rows(export, SheetKind::Contacten) {
            if let (Some(id), Some(d), Some(kind)) = (text(s, r, "gezin_id"), date(s, r, "datum"), text(s, r, "soort"))
                && d <= a
            {
                contacts.entry(id).or_default().push((d, kind));
            }
        }
        Audit { export, p_start, a, families, contacts }
    }

    /// Active in P: start ≤ W and (einde empty or ≥ P.start).
    pub fn active(&self, f: &Family) -> bool {
        f.start.is_some_and(|s| s <= self.a) && f.end.is_none_or(|e| e >= self.p_start)
    }

    pub fn overlap_days(&self, f: &Family) -> i64 {
        let Some(start) = f.start else { return 0 };
        let from = start.max(self.p_start);
        let to = f.end.unwrap_or(self.a).min(self.a);
        ((to - from).num_days() + 1).max(0)
    }

    fn contacts_of(&self, f: &Family, kind: &str) -> Vec<NaiveDate> {
        self.contacts
            .get(&f.id)
            .map(|l| l.iter().filter(|(_, k)| k == kind).map(|(d, _)| *d).collect())
            .unwrap_or_default()
    }

    fn person_active(&self, s: &GeneratedSheet, r: &[Value]) -> bool {
        date(s, r, "start").is_none_or(|d| d <= self.a) && date(s, r, "einde").is_none_or(|d| d >= self.a)
    }

    /// The outcome of a location rule.
    pub fn location(&self, rule: &str) -> Outcome {
        let counted: Vec<(f64, String)> = rows(self.export, SheetKind::Coordinatoren)
            .into_iter()
            .filter(|(s, r)| s.value(r, "betaald").as_bool() == Some(true) && self.person_active(s, r))
            .map(|(s, r)| {
                let fte = s.value(r, "fte").as_number();
                let fte = fte.or(s.value(r, "uren_per_week").as_number().map(|h| h / 36.0)).unwrap_or(0.0);
                (fte, text(s, r, "opleiding").unwrap_or_default())
            })
            .collect();
        let families = self.families.iter().filter(|f| self.active(f)).count();
        let ok = |b: bool| if b { Pass } else { Fail };
        match rule {
            "HS-L01" => ok(counted.iter().map(|(f, _)| f).sum::<f64>() >= 0.55),
            "HS-L02" => ok(counted.iter().any(|(_, e)| e == "hbo" || e == "wo")),
            "HS-L03" => ok(rows(self.export, SheetKind::Vrijwilligers)
                .into_iter()
                .filter(|(s, r)| {
                    self.person_active(s, r) && date(s, r, "training_afgerond").is_some_and(|t| t <= self.a)
                })
                .count()
                >= 24),
            "HS-L04" => ok(families >= 25),
            "HS-L05" => ok(families <= 30),
            "HS-L06" => {
                let with: Vec<&Family> = self.families.iter().filter(|f| self.active(f) && f.hours.is_some()).collect();
                if with.is_empty() {
                    return NotEvaluated;
                }
                let hours: f64 = with.iter().filter_map(|f| f.hours).sum();
                let years: f64 = with.iter().map(|f| self.overlap_days(f) as f64 / 365.0).sum();
                ok(hours / years >= 105.0)
            }
            "HS-L07" => {
                let until =
                    rows(self.export, SheetKind::Locatie).first().and_then(|(s, r)| date(s, r, "licentie_geldig_tot"));
                ok(until.is_some_and(|d| d >= self.a))
            }
            "HS-L08" => {
                let cost =
                    rows(self.export, SheetKind::Locatie).first().and_then(|(s, r)| s.value(r, "kosten").as_number());
                if cost.is_some() { Pass } else { NotEvaluated }
            }
            _ => NotEvaluated,
        }
    }

    /// The outcome of a trajectory rule for one family; `None` when the rule does not cover it.
    pub fn trajectory(&self, rule: &str, f: &Family) -> Option<Outcome> {
        let a = self.a;
        let active = self.active(f);
        let ok = |b: bool| if b { Pass } else { Fail };
        let in_p = |d: NaiveDate| d >= self.p_start && d <= a;
        let m = f.matched.or(f.start);
        let matched_in_p = active && m.is_some_and(in_p);
        let closed_in_p = f.start.is_some() && f.end.is_some_and(in_p);
        match rule {
            "HS-G01" => {
                if !(active || in_p(f.registered)) {
                    return None;
                }
                let r = f.registered;
                if let Some(b) = f.birth.filter(|b| *b <= r) {
                    let mut years = 0;
                    while add_months(b, 12 * (years + 1)) <= r {
                        years += 1;
                    }
                    return Some(ok(years <= 6));
                }
                if let Some(months) = f.months {
                    return Some(ok(months / 12 <= 6));
                }
                // Only a due date: pregnancy is not allowed by default.
                Some(if f.due.or(f.birth).is_some() { Fail } else { NotEvaluated })
            }
            "HS-G02" => {
                let start = f.start.filter(|_| active)?;
                Some(ok(f.end.unwrap_or(a).min(a) <= add_months(start, 18)))
            }
            "HS-G03" => {
                let m = m.filter(|_| matched_in_p)?;
                Some(ok(f.intake.is_some_and(|k| f.registered <= k && k <= m)))
            }
            "HS-G04" => {
                let start = f.start.filter(|_| active)?;
                let deadline = days(start, 49);
                if deadline < self.p_start {
                    return None;
                }
                Some(if self.contacts_of(f, "eerste_check").iter().any(|d| *d >= start && *d <= deadline) {
                    Pass
                } else if f.end.is_some_and(|e| e <= a && e < deadline) {
                    NotApplicable
                } else if a < deadline {
                    NotYetDue
                } else {
                    Fail
                })
            }
            "HS-G05" => {
                let start = f.start.filter(|_| active)?;
                let h = f.end.filter(|e| *e <= a).unwrap_or(a);
                let mut points = vec![start];
                for kind in ["eerste_check", "tussenevaluatie", "eindevaluatie"] {
                    points.extend(self.contacts_of(f, kind).into_iter().filter(|d| *d >= start && *d <= h));
                }
                points.sort();
                let gap =
                    |earlier: NaiveDate, later: NaiveDate| later > add_months(earlier, 6) && later >= self.p_start;
                let inner = points.windows(2).any(|w| gap(w[0], w[1]));
                let last = points.last().copied().unwrap_or(start);
                Some(ok(!inner && !gap(last, h)))
            }
            "HS-G06" | "HS-G07" => {
                let end = f.end.filter(|_| closed_in_p)?;
                let kind = if rule == "HS-G06" { "eindevaluatie" } else { "nabespreking_vrijwilliger" };
                let hit = self.contacts_of(f, kind).iter().any(|d| *d >= days(end, -30) && *d <= days(end, 30));
                Some(if hit {
                    Pass
                } else if a < days(end, 30) {
                    NotYetDue
                } else {
                    Fail
                })
            }
            "HS-G08" => {
                let end = f.end.filter(|_| f.start.is_some())?;
                let due = add_months(end, 3);
                let (from, to) = (days(due, -14), days(due, 30));
                if from > a || to < self.p_start {
                    return None;
                }
                Some(if self.contacts_of(f, "follow_up").iter().any(|d| *d >= from && *d <= to) {
                    Pass
                } else if a < to {
                    NotYetDue
                } else {
                    Fail
                })
            }
            "HS-G09" => {
                let start = f.start.filter(|_| active && f.referrer)?;
                let message = |told: Option<NaiveDate>, event: NaiveDate| {
                    if told.is_some_and(|d| d <= a) {
                        Pass
                    } else if a >= days(event, 30) {
                        Fail
                    } else {
                        NotYetDue
                    }
                };
                let mut outcomes = vec![message(f.told_start, start)];
                if let Some(end) = f.end.filter(|e| *e <= a) {
                    outcomes.push(message(f.told_end, end));
                }
                Some(if outcomes.contains(&Fail) {
                    Fail
                } else if outcomes.contains(&NotYetDue) {
                    NotYetDue
                } else {
                    Pass
                })
            }
            "HS-G10" => {
                let m = m.filter(|_| matched_in_p)?;
                let Some(v) = &f.volunteer else { return Some(NotApplicable) };
                let trained = rows(self.export, SheetKind::Vrijwilligers)
                    .into_iter()
                    .find(|(s, r)| text(s, r, "vrijwilliger_id").as_deref() == Some(v.as_str()))
                    .and_then(|(s, r)| date(s, r, "training_afgerond"));
                Some(ok(trained.is_some_and(|t| t <= m)))
            }
            "HS-G11" => {
                if !active {
                    return None;
                }
                let overlap = self.overlap_days(f);
                Some(if overlap < 28 {
                    NotApplicable
                } else {
                    match f.visits {
                        None => NotEvaluated,
                        Some(v) => ok(v as f64 >= 0.75 * overlap as f64 / 7.0),
                    }
                })
            }
            "HS-G12" => {
                let sheet = self.export.sheet(SheetKind::Metingen)?;
                if !closed_in_p {
                    return None;
                }
                let mut seen: BTreeMap<String, (bool, bool)> = BTreeMap::new();
                for r in &sheet.rows {
                    if text(sheet, r, "gezin_id").as_deref() != Some(f.id.as_str())
                        || date(sheet, r, "datum").is_some_and(|d| d > a)
                    {
                        continue;
                    }
                    let entry = seen.entry(text(sheet, r, "domein").unwrap_or_default()).or_default();
                    match text(sheet, r, "moment").as_deref() {
                        Some("start") => entry.0 = true,
                        Some("eind") => entry.1 = true,
                        _ => {}
                    }
                }
                Some(ok(seen.values().any(|(s, e)| *s && *e)))
            }
            _ => None,
        }
    }
}
