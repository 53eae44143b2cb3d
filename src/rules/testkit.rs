//! Test helpers for rules: terse builders for locations, trajectories and configs.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::context::{Context, Period};
use super::model::*;
use crate::results::{Outcome, RuleResult, Severity, Text};
use crate::rulebook::{ParamValue, RuleConfig, Scope, SourceRef};

/// A date from `"2026-03-02"`; panics on a typo (tests only).
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("test date {s}: {e}"))
}

/// Period 2026, as-of the given date (or 2026-12-31).
pub fn ctx_2026(as_of: Option<&str>) -> Context {
    Context::new(Period { start: d("2026-01-01"), end: d("2026-12-31") }, as_of.map(d))
}

/// A rule config with the given parameters (numbers as `Number`, unless the
/// name is listed in `ints`).
pub fn config(id: &str, scope: Scope, severity: Severity, params: &[(&str, ParamValue)]) -> RuleConfig {
    RuleConfig {
        id: id.to_string(),
        scope,
        severity,
        enabled: true,
        title: Text::new(id, id),
        explanation: Text::default(),
        why: Text::default(),
        action: Text::default(),
        source: SourceRef::default(),
        params: params.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        municipalities: BTreeMap::new(),
    }
}

/// An empty trajectory: every cell empty, no contacts, no measurements sheet.
pub fn trajectory(id: &str) -> Trajectory {
    Trajectory {
        id: id.into(),
        row: 2,
        gemeente: Some("Testdorp".into()),
        aanmelding: Cell::Empty,
        verwijzer: None,
        geboortedatum_jongste: Cell::Empty,
        leeftijd_jongste_maanden: Cell::Empty,
        uitgerekende_datum: Cell::Empty,
        kennismaking: Cell::Empty,
        koppeling: Cell::Empty,
        vrijwilliger_id: None,
        start: Cell::Empty,
        einde: Cell::Empty,
        uren: Cell::Empty,
        bezoeken: Cell::Empty,
        bericht_verwijzer_start: Cell::Empty,
        bericht_verwijzer_einde: Cell::Empty,
        contacts: Ok(Vec::new()),
        unreadable_contacts: Vec::new(),
        measurements: None,
    }
}

/// A date cell.
pub fn date(s: &str) -> Cell<NaiveDate> {
    Cell::Value(d(s))
}

/// An unreadable cell with a reason.
pub fn unreadable<T>() -> Cell<T> {
    Cell::Unreadable(Box::new(Text::new("onleesbaar", "unreadable")))
}

/// A contact of the given kind on the given date.
pub fn contact(kind: ContactKind, s: &str) -> Contact {
    Contact { date: d(s), kind, row: 2 }
}

/// A location holding the given trajectories and nothing else.
pub fn location(trajectories: Vec<Trajectory>) -> Location {
    Location {
        id: "L001".to_string(),
        name: "Home-Start Testdorp".to_string(),
        source: "test.xlsx".to_string(),
        organisatie: None,
        licentie_geldig_tot: Cell::Empty,
        kosten: Cell::Empty,
        coordinators: Ok(Vec::new()),
        volunteers: Ok(Vec::new()),
        trajectories: Ok(trajectories),
    }
}

/// The outcome the results give for a subject, `None` when not listed.
pub fn outcome_of(results: &[RuleResult], subject: Option<&str>) -> Option<Outcome> {
    results.iter().find(|r| r.subject_id.as_deref() == subject).map(|r| r.outcome)
}
