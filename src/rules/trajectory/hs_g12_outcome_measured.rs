//! HS-G12: outcome measured.
//!
//! # What it checks
//! That a family whose support ended rated itself at the start and at the
//! end on at least one domain (`metingen`), so that the change can be shown.
//!
//! # Why
//! Municipalities ask what the support achieved. Without a start and an end
//! rating on the same domain there is no change to report.
//!
//! # How exactly
//! Only when the export has a `metingen` sheet: without one, this rule gives
//! no results at all. Covers the trajectories with `start` filled and `einde`
//! in [P.start, A]. Ratings dated after A have not happened yet; undated
//! ratings count. `pass` when at least one domain has a `start` and an `eind`
//! rating, else `fail` (`tussen` ratings play no part). For every such domain
//! the result reports the change: the mean of its `eind` ratings minus the
//! mean of its `start` ratings (with one of each, simply end minus start).
//! `not_evaluated` when `start` or `einde` cannot be read (unless the other
//! already rules the trajectory out).
//!
//! # Parameters
//! None.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::coverage::closure;
use super::wording::nouns::DOMAINS;
use super::wording::{concat, count, join, plain, say, sentence, signed};
use super::{Judge, Judged, judge_each};
use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::{Counts, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::{Location, Measurement, Trajectory};
use crate::rules::registry::{RuleFacts, RuleSpec, Unit};

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-G12",
    scope: Scope::Trajectory,
    params: &[],
    evaluate,
    facts: RuleFacts::unit(Unit::Count),
    counts: Counts::Families,
};

fn mean(xs: &[i64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<i64>() as f64 / xs.len() as f64)
}

/// Per domain, its start and end ratings dated on or before A (or undated).
fn by_domain<'a>(ms: &'a [Measurement], ctx: &Context) -> BTreeMap<&'a str, (Vec<i64>, Vec<i64>)> {
    let mut domains: BTreeMap<&str, (Vec<i64>, Vec<i64>)> = BTreeMap::new();
    for m in ms.iter().filter(|m| m.date.is_none_or(|d| d <= ctx.as_of)) {
        let entry = domains.entry(m.domain.as_str()).or_default();
        match m.moment.as_str() {
            "start" => entry.0.push(m.score),
            "eind" => entry.1.push(m.score),
            _ => {}
        }
    }
    domains
}

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    judge_each(loc, cfg, ctx, |t| covered(t, ctx), check)
}

/// Covered with a `metingen` sheet and closed in [P.start, A]: `einde` and the ratings.
fn covered<'t>(t: &'t Trajectory, ctx: &Context) -> Result<Option<(NaiveDate, &'t [Measurement])>, Text> {
    let Some(ms) = &t.measurements else { return Ok(None) };
    Ok(closure(t, |e| Ok(e >= ctx.period.start && e <= ctx.as_of))?.map(|einde| (einde, ms.as_slice())))
}

fn check(j: &Judge, (einde, ms): (NaiveDate, &[Measurement])) -> Judged {
    let domains = by_domain(ms, j.ctx);
    let changes: Vec<(&str, f64)> =
        domains.iter().filter_map(|(d, (starts, ends))| Some((*d, mean(ends)? - mean(starts)?))).collect();
    let base = |o, m: Text| j.result(o, sentence(&m)).date("einde", einde);
    if changes.is_empty() {
        let list = |pick: fn(&(Vec<i64>, Vec<i64>)) -> bool| {
            domains.iter().filter(|(_, v)| pick(v)).map(|(d, _)| *d).collect::<Vec<_>>().join(", ")
        };
        let (only_start, only_end) = (list(|v| !v.0.is_empty()), list(|v| !v.1.is_empty()));
        let mut msg = say("hs_g12_no_domain", &[]);
        if !only_start.is_empty() {
            msg = concat(&[&msg, &say("hs_g12_only_start", &[("domains", &plain(only_start))])]);
        }
        if !only_end.is_empty() {
            msg = concat(&[&msg, &say("hs_g12_only_end", &[("domains", &plain(only_end))])]);
        }
        return Ok(base(Outcome::Fail, msg).measured(0.0, ">= 1"));
    }
    let shown: Vec<Text> = changes
        .iter()
        .map(|(d, x)| say("hs_g12_domain_change", &[("domain", &plain(d)), ("change", &signed(*x, 2))]))
        .collect();
    let domains = count(changes.len(), DOMAINS);
    let msg = say("hs_g12_pass", &[("domains", &domains), ("changes", &join(&shown, ", "))]);
    let n = changes.len();
    let mut r = base(Outcome::Pass, msg).measured(n as f64, ">= 1");
    for (d, x) in &changes {
        r = r.fact(&format!("change_{d}"), format!("{x:+.2}"));
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Severity;
    use crate::rules::model::{Cell, Trajectory};
    use crate::rules::testkit::*;

    fn cfg() -> RuleConfig {
        config("HS-G12", Scope::Trajectory, Severity::Info, &[])
    }

    fn m(moment: &str, domain: &str, score: i64, on: Option<&str>) -> Measurement {
        Measurement { moment: moment.to_string(), domain: domain.to_string(), score, date: on.map(d), row: 2 }
    }

    fn closed(ms: Option<Vec<Measurement>>) -> Trajectory {
        let mut t = trajectory("G12");
        t.start = date("2025-05-01");
        t.einde = date("2026-04-30");
        t.measurements = ms;
        t
    }

    fn run(t: Trajectory, as_of: Option<&str>) -> Vec<RuleResult> {
        evaluate(&location(vec![t]), &cfg(), &ctx_2026(as_of))
    }

    #[test]
    fn pass_reports_the_change_per_domain() {
        let ms = vec![
            m("start", "opvoeding", 2, Some("2025-05-10")),
            m("tussen", "opvoeding", 3, None),
            m("eind", "opvoeding", 4, Some("2026-04-20")),
            m("start", "welzijn_ouder", 3, None),
            m("start", "welzijn_ouder", 4, None),
            m("eind", "welzijn_ouder", 3, None),
            m("start", "welzijn_kind", 1, None),
        ];
        let r = run(closed(Some(ms.clone())), None);
        assert_eq!(r[0].outcome, Outcome::Pass);
        assert_eq!(r[0].measured, Some(2.0));
        // A pass is judged quietly: its message and evidence are never kept, so never written.
        assert_eq!(r[0].message, crate::results::Text::default());
        assert!(r[0].evidence.is_empty());
        // Judged aloud (as a result that is not a pass is), the change per domain is said.
        let r = crate::rules::trajectory::judge_aloud(|| run(closed(Some(ms)), None));
        assert_eq!(r[0].evidence.shown("change_opvoeding"), "+2.00");
        assert_eq!(r[0].evidence.shown("change_welzijn_ouder"), "-0.50");
        assert!(!r[0].evidence.contains_key("change_welzijn_kind"));
        assert!(r[0].message.nl().contains("opvoeding +2,00"), "{}", r[0].message.nl());
        assert!(r[0].message.en().contains("welzijn_ouder -0.50"), "{}", r[0].message.en());
    }

    #[test]
    fn fail_without_a_matching_pair() {
        let ms = vec![
            m("start", "opvoeding", 2, None),
            m("eind", "welzijn_kind", 4, None),
            m("tussen", "opvoeding", 3, None),
        ];
        let r = run(closed(Some(ms)), None);
        assert_eq!(r[0].outcome, Outcome::Fail);
        assert!(r[0].message.en().contains("only a start rating: opvoeding"));
        assert!(r[0].message.en().contains("only an end rating: welzijn_kind"));
        assert_eq!(outcome_of(&run(closed(Some(vec![])), None), Some("G12")), Some(Outcome::Fail));
    }

    #[test]
    fn ratings_after_as_of_do_not_count() {
        let ms = || vec![m("start", "opvoeding", 2, None), m("eind", "opvoeding", 4, Some("2026-05-10"))];
        assert_eq!(outcome_of(&run(closed(Some(ms())), Some("2026-05-09")), Some("G12")), Some(Outcome::Fail));
        assert_eq!(outcome_of(&run(closed(Some(ms())), Some("2026-05-10")), Some("G12")), Some(Outcome::Pass));
    }

    #[test]
    fn no_metingen_sheet_no_results() {
        assert!(run(closed(None), None).is_empty());
        let mut t = closed(None);
        t.einde = unreadable();
        assert!(run(t, None).is_empty());
    }

    #[test]
    fn coverage_and_not_evaluated() {
        let at = |einde: &str, as_of: Option<&str>| {
            let mut t = closed(Some(vec![]));
            t.einde = date(einde);
            run(t, as_of).len()
        };
        assert_eq!(at("2025-12-31", None), 0);
        assert_eq!(at("2026-01-01", None), 1);
        assert_eq!(at("2026-05-01", Some("2026-04-30")), 0);
        assert_eq!(at("2026-04-30", Some("2026-04-30")), 1);
        let mut running = closed(Some(vec![]));
        running.einde = Cell::Empty;
        let mut never_started = closed(Some(vec![]));
        never_started.start = Cell::Empty;
        assert!(evaluate(&location(vec![running, never_started]), &cfg(), &ctx_2026(None)).is_empty());
        let mut t = closed(Some(vec![]));
        t.einde = unreadable();
        assert_eq!(outcome_of(&run(t, None), Some("G12")), Some(Outcome::NotEvaluated));
    }
}
