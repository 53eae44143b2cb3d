//! HS-G01 Target group: the family's youngest child is young enough, or the
//! family registered during a pregnancy the municipality supports.
//!
//! ## What it checks
//! At the reference date R = `aanmelding`: a born youngest child must be at
//! most `max_age` whole years old; a family that only knows a due date is
//! eligible when the municipality allows pregnancy and the pregnancy week at R
//! is at least `min_pregnancy_week`.
//!
//! ## Why
//! Home-Start supports families with children of 0 to 6 years; per
//! municipality also from 28 weeks of pregnancy and with older children
//! (*Stappenplan voor verwijzers*).
//!
//! ## How exactly
//! - Covers trajectories active in P, and those with `aanmelding` in
//!   [P.start, W]. The latter are judged even when `start` or `einde` cannot
//!   be read; otherwise those give `not_evaluated`.
//! - The birth date wins: filled and <= R, the age is the largest k with
//!   add_months(birth, 12k) <= R; filled and after R, it is the due date
//!   (`uitgerekende_datum` is then not read). it gives
//!   `not_evaluated` (it would have won).
//! - Else an age in months m gives m div 12 years.
//! - Else a due date gives pregnancy week 40 - (due - R)/7, compared exactly:
//!   280 - (due - R) >= 7 * `min_pregnancy_week` (no rounding). Pregnancy not
//!   allowed: `fail`, whatever the week.
//! - No age data at all, or `aanmelding` empty: `not_evaluated`.
//!
//! ## Parameters
//! - `max_age` (whole years, per municipality): 6.
//! - `pregnancy_allowed` (yes/no, per municipality): false.
//! - `min_pregnancy_week` (number): 28.

use chrono::NaiveDate;

use super::cells::filled;
use super::coverage::active_in_p;
use super::wording::nouns::{DAYS, WEEKS};
use super::wording::{concat, count, day, number, plain, say};
use super::{Judge, Judged, judge_each};
use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::{Counts, ParamKind, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::dates::whole_years;
use crate::rules::model::{Location, Trajectory};
use crate::rules::registry::{ParamSpec, RuleFacts, RuleSpec, Unit};

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-G01",
    scope: Scope::Trajectory,
    params: &[
        ParamSpec { name: "max_age", kind: ParamKind::Integer, per_municipality: true },
        ParamSpec { name: "pregnancy_allowed", kind: ParamKind::Bool, per_municipality: true },
        ParamSpec { name: "min_pregnancy_week", kind: ParamKind::Number, per_municipality: false },
    ],
    evaluate,
    facts: RuleFacts::unit(Unit::Count),

    counts: Counts::Families,
};

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    judge_each(loc, cfg, ctx, |t| Ok(covered(t, ctx)?.then_some(())), |j, ()| check(j))
}

/// Registered in [P.start, W] (judged whatever `start` and `einde` hold), or active in P.
fn covered(traj: &Trajectory, ctx: &Context) -> Result<bool, Text> {
    let registered = traj.aanmelding.known();
    if let Ok(Some(r)) = registered
        && ctx.in_window(r)
    {
        return Ok(true);
    }
    if active_in_p(traj, ctx)?.is_some() {
        return Ok(true);
    }
    registered.map(|_| false)
}

fn check(j: &Judge) -> Judged {
    let t = j.traj;
    let r = filled(&t.aanmelding, "aanmelding")?;
    if let Some(birth) = t.geboortedatum_jongste.known()? {
        return match whole_years(birth, r) {
            Some(years) => born(j, r, years, say("hs_g01_born_on", &[("date", &day(birth))]))
                .map(|res| res.date("birth_date", birth)),
            None => pregnant(j, r, birth, say("hs_g01_birth_after_registration", &[])),
        };
    }
    if let Some(months) = t.leeftijd_jongste_maanden.known()? {
        let said = say("hs_g01_months_old", &[("months", &plain(months))]);
        return born(j, r, months.div_euclid(12), said).map(|res| res.fact("age_months", months));
    }
    match t.uitgerekende_datum.known()? {
        Some(due) => pregnant(j, r, due, say("hs_g01_due_date", &[])),
        None => Err(say("hs_g01_no_age_data", &[])),
    }
}

fn municipality(t: &Trajectory) -> Text {
    match &t.gemeente {
        Some(g) => say("hs_g01_municipality", &[("name", &plain(g))]),
        None => say("hs_g01_municipality_unknown", &[]),
    }
}

/// The youngest child is born: its age in whole years against `max_age`.
fn born(j: &Judge, r: NaiveDate, years: i64, said: Text) -> Judged {
    let max_age = j.cfg.int_for("max_age", j.traj.gemeente.as_deref())?;
    let place = municipality(j.traj);
    let (outcome, verdict) = if years <= max_age {
        (Outcome::Pass, say("hs_g01_within_age", &[]))
    } else {
        (Outcome::Fail, say("hs_g01_older_than_age", &[]))
    };
    let message = say(
        "hs_g01_born",
        &[
            ("on", &day(r)),
            ("years", &plain(years)),
            ("said", &said),
            ("verdict", &verdict),
            ("max_age", &plain(max_age)),
            ("place", &place),
        ],
    );
    Ok(j.result(outcome, message)
        .measured(years as f64, format!("<= {max_age}"))
        .date("registered", r)
        .fact("age_years", years))
}

/// Only a due date: eligible when pregnancy is allowed and the week at R is high enough.
fn pregnant(j: &Judge, r: NaiveDate, due: NaiveDate, source: Text) -> Judged {
    // Week 40 - (due - R)/7 >= min, in whole days: 280 - (due - R) >= 7 * min.
    let pregnant_days = 280 - (due - r).num_days();
    let week = pregnant_days as f64 / 7.0;
    let shown = if pregnant_days >= 0 {
        let (w, d) = ((pregnant_days / 7) as usize, (pregnant_days % 7) as usize);
        let (weeks, days) = (count(w, WEEKS), count(d, DAYS));
        say("hs_g01_weeks_days", &[("w", &plain(w)), ("d", &plain(d)), ("weeks", &weeks), ("days", &days)])
    } else {
        let w = number(week, 2);
        say("hs_g01_weeks", &[("weeks", &w)])
    };
    let (on, due_on, place) = (day(r), day(due), municipality(j.traj));
    let head = say(
        "hs_g01_pregnant",
        &[("on", &on), ("shown", &shown), ("source", &source), ("due", &due_on), ("place", &place)],
    );
    let evidence = |res: RuleResult| res.date("registered", r).date("due_date", due);
    if !j.cfg.flag_for("pregnancy_allowed", j.traj.gemeente.as_deref())? {
        let tail = say("hs_g01_no_pregnancy", &[]);
        // No pregnancy week passes here: the child has to be born.
        return Ok(evidence(j.result(Outcome::Fail, concat(&[&head, &tail])).measured(week, "born")));
    }
    let min_week = j.cfg.num("min_pregnancy_week")?;
    let (outcome, verdict) = if pregnant_days as f64 >= 7.0 * min_week {
        (Outcome::Pass, say("hs_g01_within", &[]))
    } else {
        (Outcome::Fail, say("hs_g01_outside", &[]))
    };
    let min = number(min_week, 2);
    let tail = say("hs_g01_pregnancy_week", &[("week", &min), ("verdict", &verdict)]);
    Ok(evidence(j.result(outcome, concat(&[&head, &tail])).measured(week, format!(">= {min_week}"))))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::results::Severity;
    use crate::rulebook::ParamValue;
    use crate::rules::model::Cell;
    use crate::rules::testkit::*;
    use crate::tables::normalize::normalize_name;

    fn cfg() -> RuleConfig {
        let params = [
            ("max_age", ParamValue::Integer(6)),
            ("pregnancy_allowed", ParamValue::Bool(false)),
            ("min_pregnancy_week", ParamValue::Number(28.0)),
        ];
        config("HS-G01", Scope::Trajectory, Severity::Error, &params)
    }

    /// `cfg()` with overrides for one municipality.
    fn cfg_for(gemeente: &str, params: &[(&str, ParamValue)]) -> RuleConfig {
        let mut c = cfg();
        let over: BTreeMap<String, ParamValue> = params.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        c.municipalities.insert(normalize_name(gemeente), over);
        c
    }

    /// Registered on `r` (in 2026, so covered), not started.
    fn registered(r: &str) -> Trajectory {
        let mut t = trajectory("G1");
        t.aanmelding = date(r);
        t
    }

    fn born(r: &str, birth: &str) -> Trajectory {
        let mut t = registered(r);
        t.geboortedatum_jongste = date(birth);
        t
    }

    fn due(r: &str, due: &str) -> Trajectory {
        let mut t = registered(r);
        t.uitgerekende_datum = date(due);
        t
    }

    fn judged(t: Trajectory, cfg: &RuleConfig, as_of: Option<&str>) -> Vec<RuleResult> {
        evaluate(&location(vec![t]), cfg, &ctx_2026(as_of))
    }

    fn outcome(t: Trajectory, cfg: &RuleConfig) -> Option<Outcome> {
        outcome_of(&judged(t, cfg, None), Some("G1"))
    }

    #[test]
    fn six_years_eleven_months_passes_seven_fails() {
        assert_eq!(outcome(born("2026-03-01", "2019-03-02"), &cfg()), Some(Outcome::Pass));
        assert_eq!(outcome(born("2026-03-02", "2019-03-02"), &cfg()), Some(Outcome::Fail));
        assert_eq!(outcome(born("2026-03-03", "2019-03-02"), &cfg()), Some(Outcome::Fail));
        assert_eq!(outcome(born("2026-03-02", "2026-03-02"), &cfg()), Some(Outcome::Pass));
        let results = judged(born("2026-03-02", "2019-03-02"), &cfg(), None);
        assert_eq!((results[0].measured, results[0].expected.as_deref()), (Some(7.0), Some("<= 6")));
        assert!(results[0].message.en().contains("7 years old at registration on 2 March 2026"));
    }

    #[test]
    fn leap_day_birthday_counts_on_28_february() {
        let five = cfg_for("Testdorp", &[("max_age", ParamValue::Integer(5))]);
        assert_eq!(outcome(born("2026-02-27", "2020-02-29"), &five), Some(Outcome::Pass));
        assert_eq!(outcome(born("2026-02-28", "2020-02-29"), &five), Some(Outcome::Fail));
    }

    #[test]
    fn age_in_months_and_birth_date_wins() {
        let months = |m: i64| {
            let mut t = registered("2026-03-02");
            t.leeftijd_jongste_maanden = Cell::Value(m);
            t
        };
        assert_eq!(outcome(months(83), &cfg()), Some(Outcome::Pass));
        assert_eq!(outcome(months(84), &cfg()), Some(Outcome::Fail));
        let mut t = months(12);
        t.geboortedatum_jongste = date("2019-03-02");
        assert_eq!(outcome(t.clone(), &cfg()), Some(Outcome::Fail));
        // An unreadable birth date would have won: not judged on the months.
        t.geboortedatum_jongste = unreadable();
        assert_eq!(outcome(t, &cfg()), Some(Outcome::NotEvaluated));
    }

    #[test]
    fn max_age_per_municipality() {
        let eight = cfg_for("Súdwest-Fryslân", &[("max_age", ParamValue::Integer(8))]);
        let mut t = born("2026-03-02", "2019-03-02");
        assert_eq!(outcome(t.clone(), &eight), Some(Outcome::Fail));
        t.gemeente = Some("Sudwest Fryslan".into());
        assert_eq!(outcome(t.clone(), &eight), Some(Outcome::Pass));
        t.geboortedatum_jongste = date("2017-03-02");
        assert_eq!(outcome(t, &eight), Some(Outcome::Fail));
    }

    #[test]
    fn pregnancy_week_28_exactly_and_a_day_short() {
        let allowed = cfg_for("Testdorp", &[("pregnancy_allowed", ParamValue::Bool(true))]);
        // R + 84 days: week 40 - 12 = 28.
        assert_eq!(outcome(due("2026-03-02", "2026-05-24"), &allowed), Some(Outcome::Pass));
        assert_eq!(outcome(due("2026-03-02", "2026-05-25"), &allowed), Some(Outcome::Pass));
        assert_eq!(outcome(due("2026-03-02", "2026-05-26"), &allowed), Some(Outcome::Fail));
        let results = judged(due("2026-03-02", "2026-05-26"), &allowed, None);
        assert!(results[0].message.nl().contains("27+6 weken zwanger"), "{}", results[0].message.nl());
        assert_eq!(
            results[0].evidence.get("due_date").as_ref().map(ToString::to_string).as_deref(),
            Some("2026-05-26")
        );
    }

    #[test]
    fn fractional_minimum_week_is_compared_exactly() {
        let mut c = cfg_for("Testdorp", &[("pregnancy_allowed", ParamValue::Bool(true))]);
        c.params.insert("min_pregnancy_week".to_string(), ParamValue::Number(27.5));
        // 7 * 27.5 = 192.5 days pregnant: R + 87 gives 193 (pass), R + 88 gives 192 (fail).
        assert_eq!(outcome(due("2026-03-02", "2026-05-28"), &c), Some(Outcome::Pass));
        assert_eq!(outcome(due("2026-03-02", "2026-05-29"), &c), Some(Outcome::Fail));
    }

    #[test]
    fn pregnancy_not_allowed_by_default_but_per_municipality() {
        let t = due("2026-03-02", "2026-04-01");
        assert_eq!(outcome(t.clone(), &cfg()), Some(Outcome::Fail));
        let elsewhere = cfg_for("Andersdorp", &[("pregnancy_allowed", ParamValue::Bool(true))]);
        assert_eq!(outcome(t.clone(), &elsewhere), Some(Outcome::Fail));
        let here = cfg_for("Testdorp", &[("pregnancy_allowed", ParamValue::Bool(true))]);
        assert_eq!(outcome(t, &here), Some(Outcome::Pass));
    }

    #[test]
    fn pregnancy_not_supported_measures_the_week_against_born() {
        // R + 30 days: 250 days pregnant, week 35 and 5 days.
        let results = judged(due("2026-03-02", "2026-04-01"), &cfg(), None);
        assert_eq!((results[0].outcome, results[0].expected.as_deref()), (Outcome::Fail, Some("born")));
        assert_eq!(results[0].measured, Some(250.0 / 7.0));
        assert!(results[0].message.en().contains("35 weeks and 5 days pregnant"), "{}", results[0].message.en());
        assert!(results[0].message.nl().contains("35+5 weken zwanger"), "{}", results[0].message.nl());
    }

    #[test]
    fn birth_date_after_registration_is_a_due_date() {
        let here = cfg_for("Testdorp", &[("pregnancy_allowed", ParamValue::Bool(true))]);
        assert_eq!(outcome(born("2026-03-02", "2026-05-25"), &here), Some(Outcome::Pass));
        assert_eq!(outcome(born("2026-03-02", "2026-05-26"), &here), Some(Outcome::Fail));
        assert_eq!(outcome(born("2026-03-02", "2026-03-03"), &cfg()), Some(Outcome::Fail));
    }

    #[test]
    fn no_age_data_or_registration_is_not_evaluated() {
        let results = judged(registered("2026-03-02"), &cfg(), None);
        assert_eq!(results[0].outcome, Outcome::NotEvaluated);
        assert!(results[0].message.en().contains("no age data"));
        let mut t = born("2026-03-02", "2024-01-01");
        t.aanmelding = Cell::Empty;
        t.start = date("2026-04-01");
        assert_eq!(outcome(t, &cfg()), Some(Outcome::NotEvaluated));
        let mut t = due("2026-03-02", "2026-05-01");
        t.uitgerekende_datum = unreadable();
        assert_eq!(outcome(t, &cfg()), Some(Outcome::NotEvaluated));
        let none = config("HS-G01", Scope::Trajectory, Severity::Error, &[]);
        assert_eq!(outcome(born("2026-03-02", "2024-01-01"), &none), Some(Outcome::NotEvaluated));
    }

    #[test]
    fn covers_registrations_in_the_window_and_active_trajectories() {
        let c = cfg();
        assert_eq!(outcome(born("2026-01-01", "2024-01-01"), &c), Some(Outcome::Pass));
        assert!(judged(born("2025-12-31", "2024-01-01"), &c, None).is_empty());
        assert!(judged(born("2026-07-01", "2024-01-01"), &c, Some("2026-06-30")).is_empty());
        assert_eq!(
            outcome_of(&judged(born("2026-06-30", "2024-01-01"), &c, Some("2026-06-30")), Some("G1")),
            Some(Outcome::Pass)
        );
        // Registered the year before, active in P.
        let mut t = born("2025-05-01", "2019-03-02");
        t.start = date("2025-06-01");
        assert_eq!(outcome(t.clone(), &c), Some(Outcome::Pass));
        t.einde = date("2025-12-31");
        assert!(judged(t, &c, None).is_empty());
    }

    #[test]
    fn unreadable_start_is_judged_only_when_registered_in_the_window() {
        let mut t = born("2026-03-02", "2024-01-01");
        t.start = unreadable();
        assert_eq!(outcome(t.clone(), &cfg()), Some(Outcome::Pass));
        t.aanmelding = date("2025-11-01");
        assert_eq!(outcome(t.clone(), &cfg()), Some(Outcome::NotEvaluated));
        // An empty start rules activity out whatever einde says: not covered.
        t.start = Cell::Empty;
        t.einde = unreadable();
        assert_eq!(outcome(t.clone(), &cfg()), None);
        // Unreadable registration, not active: coverage cannot be decided.
        t.einde = Cell::Empty;
        t.aanmelding = unreadable();
        assert_eq!(outcome(t, &cfg()), Some(Outcome::NotEvaluated));
    }
}
