//! Validation beyond one value: a base rulebook gives everything every rule
//! needs, thresholds do not contradict each other once profiles are laid over
//! it, and the result becomes the [`Rulebook`] rules read.

use std::collections::BTreeMap;

use super::config::{ParamValue, RuleConfig, Rulebook, SourceRef};
use super::diagnostics::Diagnostic;
use super::extends::Chain;
use super::layer::{Layer, RuleLayer, TEXT_KEYS};
use super::raw::{Located, Place, as_f64, show};
use crate::results::Text;
use crate::rules::registry::RuleSpec;

/// The last week of a pregnancy, the most a `*pregnancy_week` may be.
const LAST_PREGNANCY_WEEK: f64 = 40.0;

fn missing_at(place: &Place, what_nl: String, what_en: String) -> Diagnostic {
    place.diag(Text::new(format!("{what_nl} ontbreekt"), format!("{what_en} is missing")))
}

/// A base rulebook (no `extends`) must name itself, describe its sources and
/// give every rule the code knows with its scope, severity, texts, source and
/// parameters.
pub(crate) fn check_base(layer: &Layer, specs: &[RuleSpec], diags: &mut Vec<Diagnostic>) {
    let start = Place { file: layer.file.clone(), line: 1, column: 1, layer: layer.rules_place.layer };
    for key in ["id", "version", "title_nl", "title_en"] {
        if !layer.given.contains(key) {
            diags.push(missing_at(&start, format!("`{key}` van het regelboek"), format!("the rulebook's `{key}`")));
        }
    }
    for (key, doc) in &layer.sources {
        for field in ["name_nl", "name_en"] {
            if !doc.given.contains(field) {
                diags.push(missing_at(
                    &doc.place,
                    format!("`{field}` van bron `{key}`"),
                    format!("`{field}` of source `{key}`"),
                ));
            }
        }
    }
    for spec in specs {
        match layer.rules.get(spec.id) {
            Some(rule) => check_rule(layer, spec, rule, diags),
            None => diags.push(missing_at(
                &layer.rules_place,
                format!("regel {} (de code kent haar) in het regelboek", spec.id),
                format!("rule {} (the code knows it) in the rulebook", spec.id),
            )),
        }
    }
}

fn check_rule(layer: &Layer, spec: &RuleSpec, rule: &RuleLayer, diags: &mut Vec<Diagnostic>) {
    let id = spec.id;
    let keys = ["scope", "severity", "source"].into_iter().chain(TEXT_KEYS).chain(spec.params.iter().map(|p| p.name));
    for key in keys {
        if !rule.given.contains(key) {
            diags.push(missing_at(&rule.place, format!("`{key}` van regel {id}"), format!("`{key}` of rule {id}")));
        }
    }
    if let Some(scope) = &rule.scope
        && scope.value != spec.scope
    {
        let (nl, en) = scope_words(spec.scope);
        diags.push(scope.place.diag(Text::new(
            format!("regel {id} is een {nl}; zet scope = \"{en}\""),
            format!("rule {id} is a {en} rule; set scope = \"{en}\""),
        )));
    }
    if let Some(src) = &rule.source
        && !layer.sources.contains_key(&src.value)
    {
        let known: Vec<&str> = layer.sources.keys().map(String::as_str).collect();
        let known = known.join(", ");
        let s = &src.value;
        diags.push(src.place.diag(Text::new(
            format!("onbekende bron `{s}`; het regelboek beschrijft: {known}"),
            format!("unknown source `{s}`; the rulebook describes: {known}"),
        )));
    }
}

fn scope_words(scope: super::Scope) -> (&'static str, &'static str) {
    match scope {
        super::Scope::Location => ("locatieregel", "location"),
        super::Scope::Trajectory => ("trajectregel", "trajectory"),
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
        diags.push(value.place.diag(Text::new(
            format!("`{name}` = {v} is groter dan hs-audit kan rekenen (ten hoogste 1.000.000)"),
            format!("`{name}` = {v} is larger than hs-audit can compute with (at most 1,000,000)"),
        )));
    }
}

fn check_week(name: &str, value: &Located<ParamValue>, diags: &mut Vec<Diagnostic>) {
    if name.ends_with("pregnancy_week") && as_f64(value.value).is_some_and(|w| w > LAST_PREGNANCY_WEEK) {
        let v = show(value.value);
        diags.push(value.place.diag(Text::new(
            format!("`{name}` = {v} ligt na week 40, het einde van een zwangerschap: geen enkel gezin kan dan meedoen"),
            format!("`{name}` = {v} is past week 40, the end of a pregnancy: no family could qualify"),
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
    let (for_nl, for_en) = match municipality {
        Some(m) => (format!(" voor gemeente {m}"), format!(" for municipality {m}")),
        None => (String::new(), String::new()),
    };
    diags.push(at.diag(Text::new(
        format!(
            "tegenstrijdige drempels{for_nl}: `{min_name}` = {lv} ({mr}) is groter dan `{max_name}` = {hv} ({xr}, zie {there}); geen locatie kan aan beide voldoen"
        ),
        format!(
            "contradictory thresholds{for_en}: `{min_name}` = {lv} ({mr}) is above `{max_name}` = {hv} ({xr}, see {there}); no location can meet both"
        ),
    )));
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
        title.nl = format!("{} (profiel {p})", title.nl);
        title.en = format!("{} (profile {p})", title.en);
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
