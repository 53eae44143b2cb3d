//! The 20 rules of rules.md with their parameters, written out by hand: the
//! spec list the loader is tested against (the code's own `RULES` is filled
//! by the rule implementations).

use crate::results::RuleResult;
use crate::rulebook::{Counts, ParamKind, RuleConfig, Scope};
use crate::rules::Context;
use crate::rules::model::Location;
use crate::rules::registry::{ParamSpec, RuleFacts, RuleSpec};

pub(super) fn nothing(_: &Location, _: &RuleConfig, _: &Context) -> Vec<RuleResult> {
    Vec::new()
}

const fn num(name: &'static str) -> ParamSpec {
    ParamSpec { name, kind: ParamKind::Number, per_municipality: false }
}

const fn int(name: &'static str) -> ParamSpec {
    ParamSpec { name, kind: ParamKind::Integer, per_municipality: false }
}

const fn loc(id: &'static str, params: &'static [ParamSpec]) -> RuleSpec {
    RuleSpec {
        id,
        scope: Scope::Location,
        params,
        evaluate: nothing,
        facts: RuleFacts::PLAIN,
        counts: Counts::Organisation,
    }
}

const fn traj(id: &'static str, params: &'static [ParamSpec]) -> RuleSpec {
    RuleSpec {
        id,
        scope: Scope::Trajectory,
        params,
        evaluate: nothing,
        facts: RuleFacts::PLAIN,
        counts: Counts::Families,
    }
}

/// Every rule of rules.md.
pub const SPECS: &[RuleSpec] = &[
    loc("HS-L01", &[num("min_fte"), num("hours_per_fte")]),
    loc("HS-L02", &[]),
    loc("HS-L03", &[int("min_volunteers")]),
    loc("HS-L04", &[int("min_families")]),
    loc("HS-L05", &[int("max_families")]),
    loc("HS-L06", &[num("min_hours_per_family_year")]),
    loc("HS-L07", &[]),
    loc("HS-L08", &[num("cost_norm")]),
    traj(
        "HS-G01",
        &[
            ParamSpec { name: "max_age", kind: ParamKind::Integer, per_municipality: true },
            ParamSpec { name: "pregnancy_allowed", kind: ParamKind::Bool, per_municipality: true },
            int("min_pregnancy_week"),
        ],
    ),
    traj("HS-G02", &[int("max_duration_months")]),
    traj("HS-G03", &[]),
    traj("HS-G04", &[int("first_check_days"), int("first_check_grace_days")]),
    traj("HS-G05", &[int("max_evaluation_gap_months")]),
    traj("HS-G06", &[int("closure_window_days")]),
    traj("HS-G07", &[int("closure_window_days")]),
    traj("HS-G08", &[int("follow_up_months"), int("follow_up_early_days"), int("follow_up_late_days")]),
    traj("HS-G09", &[int("referrer_message_days")]),
    traj("HS-G10", &[]),
    traj("HS-G11", &[int("min_visit_overlap_days"), num("min_visit_ratio")]),
    traj("HS-G12", &[]),
];
