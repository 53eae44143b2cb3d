//! Validation beyond one value: a base rulebook gives everything every rule
//! needs, thresholds do not contradict each other once profiles are laid over
//! it, and the result becomes the [`Rulebook`] rules read.

use std::collections::BTreeMap;

use super::config::{ParamValue, RuleConfig, Rulebook, SourceRef};
use super::diagnostics::Diagnostic;
use super::extends::Chain;
use super::layer::{Layer, RuleLayer, TEXT_KEYS};
use super::raw::{Located, Place, as_f64, show};
use crate::report::catalogue::{NO_ARGS, text, text_by_lang};
use crate::results::Text;
use crate::rules::registry::RuleSpec;

/// The last week of a pregnancy, the most a `*pregnancy_week` may be.
const LAST_PREGNANCY_WEEK: f64 = 40.0;

fn missing_at(place: &Place, key: &str, args: &[(&str, String)]) -> Diagnostic {
    place.diag(text(key, args))
}

/// A base rulebook (no `extends`) must name itself, describe its sources and
/// give every rule the code knows with its scope, severity, texts, source and
/// parameters.
pub(crate) fn check_base(layer: &Layer, specs: &[RuleSpec], diags: &mut Vec<Diagnostic>) {
    let start = Place { file: layer.file.clone(), line: 1, column: 1, layer: layer.rules_place.layer };
    for key in ["id", "version", "title_nl", "title_en"] {
        if !layer.given.contains(key) {
            diags.push(missing_at(&start, "rb_missing_rulebook_key", &[("key", key.to_string())]));
        }
    }
    for (key, doc) in &layer.sources {
        for field in ["name_nl", "name_en"] {
            if !doc.given.contains(field) {
                let args = [("field", field.to_string()), ("source", key.to_string())];
                diags.push(missing_at(&doc.place, "rb_missing_source_field", &args));
            }
        }
    }
    for spec in specs {
        match layer.rules.get(spec.id) {
            Some(rule) => check_rule(layer, spec, rule, diags),
            None => diags.push(missing_at(&layer.rules_place, "rb_missing_rule", &[("id", spec.id.to_string())])),
        }
    }
}

fn check_rule(layer: &Layer, spec: &RuleSpec, rule: &RuleLayer, diags: &mut Vec<Diagnostic>) {
    let id = spec.id;
    let keys = ["scope", "severity", "source"].into_iter().chain(TEXT_KEYS).chain(spec.params.iter().map(|p| p.name));
    for key in keys {
        if !rule.given.contains(key) {
            diags.push(missing_at(
                &rule.place,
                "rb_missing_rule_key",
                &[("key", key.to_string()), ("id", id.to_string())],
            ));
        }
    }
    if let Some(scope) = &rule.scope
        && scope.value != spec.scope
    {
        let (key, value) = scope_words(spec.scope);
        let kind = text(key, NO_ARGS);
        let message = text_by_lang("rb_wrong_scope", |lang| {
            vec![("id", id.to_string()), ("kind", kind.get(lang).to_string()), ("value", value.to_string())]
        });
        diags.push(scope.place.diag(message));
    }
    if let Some(src) = &rule.source
        && !layer.sources.contains_key(&src.value)
    {
        let known: Vec<&str> = layer.sources.keys().map(String::as_str).collect();
        let known = known.join(", ");
        let s = &src.value;
        diags.push(src.place.diag(crate::report::catalogue::text(
            "rb_unknown_source_s_the",
            &[("s", s.to_string()), ("known", known.to_string())],
        )));
    }
}

fn scope_words(scope: super::Scope) -> (&'static str, &'static str) {
    match scope {
        super::Scope::Location => ("rb_scope_location", "location"),
        super::Scope::Trajectory => ("rb_scope_trajectory", "trajectory"),
    }
}

/// One parameter as it ends up: which rule, whether that rule is on, value.
struct Effective<'a> {
    rule: &'a str,
    enabled: bool,
    value: &'a Located<ParamValue>,
    /// Set for a municipality, not for the rule as a whole.
    municipal: bool,
}

/// Contradictory thresholds in the merged rulebook: a `min_X` above the
/// matching `max_X` (of any rule, both enabled), also per municipality, and a
/// pregnancy week past the last one.
pub(crate) fn check_merged(chain: &Chain, diags: &mut Vec<Diagnostic>) {
    let rules = &chain.merged.rules;
    let mut global: BTreeMap<&str, Effective<'_>> = BTreeMap::new();
    for (id, r) in rules {
        let enabled = r.enabled.as_ref().is_none_or(|e| e.value);
        for (name, value) in &r.params {
            global.entry(name.as_str()).or_insert(Effective { rule: id, enabled, value, municipal: false });
        }
    }
    let mut pairs = Vec::new();
    for (name, min) in &global {
        check_week(name, min.value, diags);
        check_range(name, min.value, diags);
        let Some((max_name, max)) =
            name.strip_prefix("min_").map(|s| format!("max_{s}")).and_then(|n| global.get_key_value(n.as_str()))
        else {
            continue;
        };
        pairs.push((*name, *max_name));
        if min.enabled && max.enabled {
            check_pair(name, min, max, None, diags);
        }
    }
    for m in chain.merged.municipalities.values() {
        for (name, value) in &m.params {
            check_week(name, value, diags);
            check_range(name, value, diags);
        }
        for (min_name, max_name) in &pairs {
            if !m.params.contains_key(*min_name) && !m.params.contains_key(*max_name) {
                continue;
            }
            let local = |n: &str| {
                let g = global.get(n)?;
                let own = m.params.get(n);
                Some(Effective {
                    rule: g.rule,
                    enabled: g.enabled,
                    value: own.unwrap_or(g.value),
                    municipal: own.is_some(),
                })
            };
            if let (Some(lo), Some(hi)) = (local(min_name), local(max_name))
                && lo.enabled
                && hi.enabled
            {
                check_pair(min_name, &lo, &hi, Some(&m.name.value), diags);
            }
        }
    }
}

/// The largest parameter value `check` computes with: a million (days: 2,700 years; hours, euros, counts: far
/// past any real norm). Beyond it date arithmetic (start + days) could leave the calendar, so `rules lint` and
/// `check` reject it here rather than the rules meeting it.
pub(crate) const MAX_PARAM: f64 = 1_000_000.0;

fn check_range(name: &str, value: &Located<ParamValue>, diags: &mut Vec<Diagnostic>) {
    if as_f64(value.value).is_some_and(|x| x > MAX_PARAM) {
        let v = show(value.value);
        diags.push(value.place.diag(text("rb_param_too_large", &[("value", v), ("name", name.to_string())])));
    }
}

fn check_week(name: &str, value: &Located<ParamValue>, diags: &mut Vec<Diagnostic>) {
    if name.ends_with("pregnancy_week") && as_f64(value.value).is_some_and(|w| w > LAST_PREGNANCY_WEEK) {
        let v = show(value.value);
        diags.push(value.place.diag(crate::report::catalogue::text(
            "rb_name_v_is_past",
            &[("name", name.to_string()), ("v", v.to_string())],
        )));
    }
}

fn check_pair(
    min_name: &str,
    min: &Effective<'_>,
    max: &Effective<'_>,
    municipality: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) {
    let (Some(lo), Some(hi)) = (as_f64(min.value.value), as_f64(max.value.value)) else { return };
    if lo <= hi {
        return;
    }
    let max_name = min_name.replacen("min_", "max_", 1);
    let (lv, hv) = (show(min.value.value), show(max.value.value));
    let (mr, xr) = (min.rule, max.rule);
    // Point at the value the user set last (the outermost layer; within one,
    // a municipality's own value), else at the minimum; the other is named.
    let rank = |e: &Effective<'_>| (e.value.place.layer, !e.municipal);
    let (at, other) =
        if rank(max) < rank(min) { (&max.value.place, &min.value.place) } else { (&min.value.place, &max.value.place) };
    let there = format!("{}:{}:{}", other.file, other.line, other.column);
    let within = match municipality {
        Some(m) => text("rb_for_municipality", &[("municipality", m)]),
        None => Text::default(),
    };
    let message = text_by_lang("rb_contradictory_thresholds", |lang| {
        vec![
            ("within", within.get(lang).to_string()),
            ("min_name", min_name.to_string()),
            ("min", lv.clone()),
            ("min_rule", mr.to_string()),
            ("max_name", max_name.clone()),
            ("max", hv.clone()),
            ("max_rule", xr.to_string()),
            ("there", there.clone()),
        ]
    });
    diags.push(at.diag(message));
}

fn text_of(rule: &RuleLayer, nl: &str, en: &str) -> Text {
    let get = |k: &str| rule.texts.get(k).map(|t| t.value.clone()).unwrap_or_default();
    Text::new(get(nl), get(en))
}

fn value_of(v: &Option<Located<String>>) -> String {
    v.as_ref().map(|l| l.value.clone()).unwrap_or_default()
}

/// The validated rulebook. Call only when no diagnostic was found; it does
/// not fail on gaps but fills them with defaults.
pub(crate) fn build(chain: &Chain, specs: &[RuleSpec]) -> Rulebook {
    let base = &chain.merged;
    let mut version = value_of(&base.version);
    let mut title = Text::new(value_of(&base.title_nl), value_of(&base.title_en));
    for p in &chain.profiles {
        version = format!("{version}+{p}");
        title = text_by_lang("rb_title_with_profile", |lang| {
            vec![("title", title.get(lang).to_string()), ("profile", p.to_string())]
        });
    }
    let mut rules = Vec::new();
    for (id, r) in &base.rules {
        let Some(spec) = specs.iter().find(|s| s.id == id.as_str()) else { continue };
        let source = r.source.as_ref().and_then(|s| base.sources.get(&s.value));
        let mut municipalities = BTreeMap::new();
        for (norm, m) in &base.municipalities {
            let own: BTreeMap<String, ParamValue> = m
                .params
                .iter()
                .filter(|(k, _)| spec.params.iter().any(|p| p.per_municipality && p.name == k.as_str()))
                .map(|(k, v)| (k.clone(), v.value))
                .collect();
            if !own.is_empty() {
                municipalities.insert(norm.clone(), own);
            }
        }
        rules.push(RuleConfig {
            id: id.clone(),
            scope: spec.scope,
            severity: r.severity.as_ref().map(|s| s.value).unwrap_or(crate::results::Severity::Error),
            enabled: r.enabled.as_ref().is_none_or(|e| e.value),
            title: text_of(r, "title_nl", "title_en"),
            explanation: text_of(r, "explanation_nl", "explanation_en"),
            why: text_of(r, "why_nl", "why_en"),
            action: text_of(r, "action_nl", "action_en"),
            source: SourceRef {
                document: source.map(|s| Text::new(value_of(&s.name_nl), value_of(&s.name_en))).unwrap_or_default(),
                sentence: text_of(r, "source_sentence_nl", "source_sentence_en"),
            },
            params: r.params.iter().map(|(k, v)| (k.clone(), v.value)).collect(),
            municipalities,
        });
    }
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    Rulebook { id: value_of(&base.id), version, title, rules, privacy: base.privacy.resolve() }
}
