//! `tolerance`: the one parameter every trajectory rule takes without
//! declaring it. A share from 0 to 1 (default 0) of a location's subjects
//! that may fail before the location's verdict on the rule is `fail`
//! (rules.md, *Location verdicts and tolerance*). Read and checked here, in
//! the rulebook layer, so no rule file needs to know it.

use super::config::{ParamKind, ParamValue, Scope};
use super::diagnostics::Diagnostic;
use super::raw::{Located, as_f64, show};
use crate::rules::registry::{ParamSpec, RuleSpec};

/// The parameter's name in a rulebook or profile.
pub const NAME: &str = "tolerance";

/// Its value when a rulebook does not set it.
pub const DEFAULT: f64 = 0.0;

/// How it is declared: a number, for the rule as a whole.
pub const SPEC: ParamSpec = ParamSpec { name: NAME, kind: ParamKind::Number, per_municipality: false };

/// The spec of `key` when it is the tolerance of a trajectory rule.
pub(crate) fn param_for(spec: &RuleSpec, key: &str) -> Option<ParamSpec> {
    (spec.scope == Scope::Trajectory && key == NAME).then_some(SPEC)
}

/// A tolerance outside [0, 1] is no share: a diagnostic at the value.
pub(crate) fn check_range(rule: &str, value: &Located<ParamValue>, diags: &mut Vec<Diagnostic>) {
    let Some(x) = as_f64(value.value) else { return };
    if (0.0..=1.0).contains(&x) {
        return;
    }
    let v = show(value.value);
    let args = [("name", NAME.to_string()), ("value", v), ("rule", rule.to_string())];
    diags.push(value.place.diag(crate::report::catalogue::text("rb_tolerance_not_a_share", &args)));
}

/// The tolerance of a configured rule: its own value, else the default.
pub fn of(params: &std::collections::BTreeMap<String, ParamValue>) -> f64 {
    params.get(NAME).copied().and_then(as_f64).unwrap_or(DEFAULT)
}
