//! One rulebook or profile file, read into typed but not yet merged values,
//! each with its place. Reading checks every key at every level and every
//! value's type against the rules the code knows; what is missing is checked
//! later, when the layers are merged.

use std::collections::{BTreeMap, BTreeSet};

use toml::de::DeTable;

use super::config::{ParamValue, Scope};
use super::diagnostics::Diagnostic;
use super::privacy::{self, PrivacyLayer};
use super::raw::{self, Located, Place, SourceFile};
use crate::results::{Severity, Text};
use crate::rules::registry::{ParamSpec, RuleSpec};
use crate::tables::normalize::normalize_name;

/// The texts a base rulebook gives every rule, each in Dutch and English.
pub(crate) const TEXT_KEYS: [&str; 10] = [
    "title_nl",
    "title_en",
    "explanation_nl",
    "explanation_en",
    "why_nl",
    "why_en",
    "action_nl",
    "action_en",
    "source_sentence_nl",
    "source_sentence_en",
];

const BASE_KEYS: [&str; 8] = ["id", "version", "title_nl", "title_en", "sources", "municipalities", "privacy", "rules"];
const PROFILE_KEYS: [&str; 4] = ["extends", "municipalities", "privacy", "rules"];
const SOURCE_KEYS: [&str; 2] = ["name_nl", "name_en"];
const PROFILE_RULE_KEYS: [&str; 2] = ["enabled", "severity"];

/// A source document.
#[derive(Debug, Clone)]
pub(crate) struct SourceDoc {
    pub place: Place,
    /// Every key written, valid or not (so a bad value is not also "missing").
    pub given: BTreeSet<String>,
    pub name_nl: Option<Located<String>>,
    pub name_en: Option<Located<String>>,
}

/// One municipality's overrides.
#[derive(Debug, Clone)]
pub(crate) struct Municipality {
    pub name: Located<String>,
    pub params: BTreeMap<String, Located<ParamValue>>,
}

/// One rule's table.
#[derive(Debug, Clone)]
pub(crate) struct RuleLayer {
    pub place: Place,
    /// Every key written, valid or not (so a bad value is not also "missing").
    pub given: BTreeSet<String>,
    pub scope: Option<Located<Scope>>,
    pub severity: Option<Located<Severity>>,
    pub enabled: Option<Located<bool>>,
    pub texts: BTreeMap<&'static str, Located<String>>,
    pub source: Option<Located<String>>,
    pub params: BTreeMap<String, Located<ParamValue>>,
}

/// One file's content.
#[derive(Debug, Clone)]
pub(crate) struct Layer {
    pub file: String,
    /// The place of the top-level `rules` table (or the file's start).
    pub rules_place: Place,
    /// Every top-level key written, valid or not.
    pub given: BTreeSet<String>,
    pub extends: Option<Located<String>>,
    pub id: Option<Located<String>>,
    pub version: Option<Located<String>>,
    pub title_nl: Option<Located<String>>,
    pub title_en: Option<Located<String>>,
    pub sources: BTreeMap<String, SourceDoc>,
    /// By normalised name.
    pub municipalities: BTreeMap<String, Municipality>,
    pub rules: BTreeMap<String, RuleLayer>,
    /// The `[privacy]` table.
    pub privacy: PrivacyLayer,
}

/// Reads a parsed file. A file with an `extends` key is a profile, else a
/// base rulebook; each has its own keys.
pub(crate) fn read(file: &SourceFile, doc: &DeTable<'_>, specs: &[RuleSpec], diags: &mut Vec<Diagnostic>) -> Layer {
    let profile = doc.contains_key("extends");
    let mut layer = Layer {
        file: file.name.clone(),
        rules_place: file.place(0),
        given: doc.keys().map(|k| k.get_ref().to_string()).collect(),
        extends: None,
        id: None,
        version: None,
        title_nl: None,
        title_en: None,
        sources: BTreeMap::new(),
        municipalities: BTreeMap::new(),
        rules: BTreeMap::new(),
        privacy: PrivacyLayer::default(),
    };
    let (allowed, within): (&[&str], Text) = if profile {
        (&PROFILE_KEYS, crate::report::catalogue::text("rb_a_profile", crate::report::catalogue::NO_ARGS))
    } else {
        (&BASE_KEYS, crate::report::catalogue::text("rb_the_rulebook", crate::report::catalogue::NO_ARGS))
    };
    for (key, v) in doc.iter() {
        let k = key.get_ref().as_ref();
        match k {
            "extends" => layer.extends = raw::text(file, k, v, diags),
            "municipalities" => {
                if let Some(t) = raw::table(file, k, v, diags) {
                    read_municipalities(file, t, specs, &mut layer.municipalities, diags);
                }
            }
            "privacy" => {
                if let Some(t) = raw::table(file, k, v, diags) {
                    layer.privacy = privacy::read(file, t, diags);
                }
            }
            "rules" => {
                layer.rules_place = file.place(key.span().start);
                if let Some(t) = raw::table(file, k, v, diags) {
                    read_rules(file, t, specs, profile, &mut layer.rules, diags);
                }
            }
            _ if profile => diags.push(raw::unknown_key(file, key, &within, allowed)),
            "id" => layer.id = raw::text(file, k, v, diags),
            "version" => layer.version = raw::text(file, k, v, diags),
            "title_nl" => layer.title_nl = raw::text(file, k, v, diags),
            "title_en" => layer.title_en = raw::text(file, k, v, diags),
            "sources" => {
                if let Some(t) = raw::table(file, k, v, diags) {
                    read_sources(file, t, &mut layer.sources, diags);
                }
            }
            _ => diags.push(raw::unknown_key(file, key, &within, allowed)),
        }
    }
    layer
}

fn read_sources(
    file: &SourceFile,
    t: &DeTable<'_>,
    out: &mut BTreeMap<String, SourceDoc>,
    diags: &mut Vec<Diagnostic>,
) {
    for (key, v) in t.iter() {
        let name = key.get_ref().to_string();
        let Some(st) = raw::table(file, &name, v, diags) else { continue };
        let given = st.keys().map(|k| k.get_ref().to_string()).collect();
        let mut doc = SourceDoc { place: file.place(key.span().start), given, name_nl: None, name_en: None };
        let within = crate::report::catalogue::text("rb_source_name", &[("name", name.to_string())]);
        for (k2, v2) in st.iter() {
            match k2.get_ref().as_ref() {
                "name_nl" => doc.name_nl = raw::text(file, "name_nl", v2, diags),
                "name_en" => doc.name_en = raw::text(file, "name_en", v2, diags),
                _ => diags.push(raw::unknown_key(file, k2, &within, &SOURCE_KEYS)),
            }
        }
        out.insert(name, doc);
    }
}

/// The specs of parameters a municipality may override, by name.
pub(crate) fn municipal_params(specs: &[RuleSpec]) -> BTreeMap<&'static str, ParamSpec> {
    let mut map = BTreeMap::new();
    for p in specs.iter().flat_map(|s| s.params.iter()).filter(|p| p.per_municipality) {
        map.entry(p.name).or_insert(*p);
    }
    map
}

fn read_municipalities(
    file: &SourceFile,
    t: &DeTable<'_>,
    specs: &[RuleSpec],
    out: &mut BTreeMap<String, Municipality>,
    diags: &mut Vec<Diagnostic>,
) {
    let accepted = municipal_params(specs);
    let names: Vec<&str> = accepted.keys().copied().collect();
    for (key, v) in t.iter() {
        let name = key.get_ref().to_string();
        let Some(mt) = raw::table(file, &name, v, diags) else { continue };
        let norm = normalize_name(&name);
        if norm.is_empty() {
            diags.push(file.at(
                key.span(),
                crate::report::catalogue::text("rb_empty_municipality_name", crate::report::catalogue::NO_ARGS),
            ));
            continue;
        }
        let mut m = Municipality { name: file.located(key.span(), name.clone()), params: BTreeMap::new() };
        let within = crate::report::catalogue::text("rb_municipality_name", &[("name", name.to_string())]);
        for (k2, v2) in mt.iter() {
            let pname = k2.get_ref().as_ref();
            match accepted.get(pname) {
                Some(p) => {
                    if let Some(val) = raw::param(file, pname, p.kind, v2, diags) {
                        m.params.insert(pname.to_string(), val);
                    }
                }
                None => diags.push(raw::unknown_key(file, k2, &within, &names)),
            }
        }
        if let Some(prev) = out.get(&norm) {
            let line = prev.name.place.line;
            diags.push(file.at(
                key.span(),
                crate::report::catalogue::text(
                    "rb_municipality_name_already_appears",
                    &[("name", name.to_string()), ("line", line.to_string())],
                ),
            ));
            continue;
        }
        out.insert(norm, m);
    }
}

fn read_rules(
    file: &SourceFile,
    t: &DeTable<'_>,
    specs: &[RuleSpec],
    profile: bool,
    out: &mut BTreeMap<String, RuleLayer>,
    diags: &mut Vec<Diagnostic>,
) {
    let ids: Vec<&str> = specs.iter().map(|s| s.id).collect();
    for (key, v) in t.iter() {
        let id = key.get_ref().to_string();
        let Some(spec) = specs.iter().find(|s| s.id == id) else {
            let hint = raw::suggest(&id, &ids)
                .map(|s| crate::report::catalogue::text("rb_did_you_mean_rule", &[("suggestion", s)]))
                .unwrap_or_default();
            let message = crate::report::catalogue::text_by_lang("rb_unknown_rule", |lang| {
                vec![("id", id.clone()), ("hint", hint.get(lang).to_string())]
            });
            diags.push(file.at(key.span(), message));
            continue;
        };
        let Some(rt) = raw::table(file, &id, v, diags) else { continue };
        let rule = read_rule(file, spec, rt, profile, specs, key.span().start, diags);
        out.insert(id, rule);
    }
}

fn read_rule(
    file: &SourceFile,
    spec: &RuleSpec,
    t: &DeTable<'_>,
    profile: bool,
    specs: &[RuleSpec],
    at: usize,
    diags: &mut Vec<Diagnostic>,
) -> RuleLayer {
    let mut rule = RuleLayer {
        place: file.place(at),
        given: t.keys().map(|k| k.get_ref().to_string()).collect(),
        scope: None,
        severity: None,
        enabled: None,
        texts: BTreeMap::new(),
        source: None,
        params: BTreeMap::new(),
    };
    let mut allowed: Vec<&str> = PROFILE_RULE_KEYS.to_vec();
    if !profile {
        allowed.extend(["scope", "source"]);
        allowed.extend(TEXT_KEYS);
    }
    allowed.extend(spec.params.iter().map(|p| p.name));
    allowed.extend(super::tolerance::param_for(spec, super::tolerance::NAME).map(|p| p.name));
    for (key, v) in t.iter() {
        let k = key.get_ref().as_ref();
        let declared = spec.params.iter().find(|p| p.name == k).copied();
        if let Some(p) = declared.or_else(|| super::tolerance::param_for(spec, k)) {
            if let Some(val) = raw::param(file, k, p.kind, v, diags) {
                if k == super::tolerance::NAME {
                    super::tolerance::check_range(spec.id, &val, diags);
                }
                rule.params.insert(k.to_string(), val);
            }
            continue;
        }
        match k {
            "enabled" => rule.enabled = raw::boolean(file, k, v, diags),
            "severity" => rule.severity = severity(file, v, diags),
            "scope" if !profile => rule.scope = scope(file, v, diags),
            "source" if !profile => rule.source = raw::text(file, k, v, diags),
            _ if !profile && TEXT_KEYS.contains(&k) => {
                if let (Some(mut s), Some(name)) = (raw::text(file, k, v, diags), TEXT_KEYS.iter().find(|t| **t == k)) {
                    s.value = raw::prose(&s.value);
                    rule.texts.insert(*name, s);
                }
            }
            _ => diags.push(not_of_rule(file, key, spec, specs, profile, &allowed)),
        }
    }
    rule
}

/// A key a rule does not take: another rule's parameter, a text a profile
/// cannot change, or simply unknown.
fn not_of_rule(
    file: &SourceFile,
    key: &raw::Key<'_>,
    spec: &RuleSpec,
    specs: &[RuleSpec],
    profile: bool,
    allowed: &[&str],
) -> Diagnostic {
    let k = key.get_ref().as_ref();
    let id = spec.id;
    if k == super::tolerance::NAME {
        return file.at(
            key.span(),
            crate::report::catalogue::text("rb_rule_id_is_a", &[("id", id.to_string()), ("k", k.to_string())]),
        );
    }
    if let Some(other) = specs.iter().find(|s| s.params.iter().any(|p| p.name == k)) {
        let o = other.id;
        return file.at(
            key.span(),
            crate::report::catalogue::text(
                "rb_rule_id_has_no",
                &[("id", id.to_string()), ("k", k.to_string()), ("o", o.to_string())],
            ),
        );
    }
    if profile && (TEXT_KEYS.contains(&k) || k == "scope" || k == "source") {
        return file.at(
            key.span(),
            crate::report::catalogue::text(
                "rb_a_profile_cannot_change",
                &[("k", k.to_string()), ("id", id.to_string())],
            ),
        );
    }
    raw::unknown_key(file, key, &crate::report::catalogue::text("rb_rule_id", &[("id", id.to_string())]), allowed)
}

fn severity(file: &SourceFile, v: &raw::Value<'_>, diags: &mut Vec<Diagnostic>) -> Option<Located<Severity>> {
    let s = raw::string(file, "severity", v, diags)?;
    match Severity::parse(s.value.trim()) {
        Some(sev) => Some(Located { value: sev, place: s.place }),
        None => {
            let got = s.value;
            diags.push(file.at(
                v.span(),
                crate::report::catalogue::text("rb_invalid_severity_got_use", &[("got", got.to_string())]),
            ));
            None
        }
    }
}

fn scope(file: &SourceFile, v: &raw::Value<'_>, diags: &mut Vec<Diagnostic>) -> Option<Located<Scope>> {
    let s = raw::string(file, "scope", v, diags)?;
    let value =
        match s.value.trim() {
            "location" => Scope::Location,
            "trajectory" => Scope::Trajectory,
            got => {
                diags.push(file.at(
                    v.span(),
                    crate::report::catalogue::text("rb_invalid_scope_got_use", &[("got", got.to_string())]),
                ));
                return None;
            }
        };
    Some(Located { value, place: s.place })
}
