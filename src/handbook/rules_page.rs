//! The rules page: every rule of a rulebook in plain language, with how it is
//! worked out (the catalogue's definition, filled in with the parameters'
//! current values), its parameters, why it matters, what to do, and the
//! source sentence.

use super::markdown::{code, escape, paragraphs, slug, table};
use super::texts::Texts;
use super::{Page, page_header};
use crate::i18n::Lang;
use crate::results::{Outcome, Severity};
use crate::rulebook::{ParamValue, RuleConfig, Rulebook, Scope, tolerance};
use crate::rules::registry;

/// The rules page of `rulebook` in `lang`.
pub fn rules_page(rulebook: &Rulebook, lang: Lang) -> String {
    let t = Texts::new(lang);
    let mut out = String::new();
    page_header(&mut out, &t, Page::Rules, &t.get("hb_rules_title"));
    let about = t.fill(
        "hb_rules_rulebook",
        &[
            ("title", escape(rulebook.title.get(lang))),
            ("id", rulebook.id.clone()),
            ("version", escape(&rulebook.version)),
        ],
    );
    out.push_str(&format!("{about}\n\n{}\n\n", t.get("hb_rules_intro")));
    overview(&mut out, &t, rulebook);
    out.push_str(&format!("## {}\n\n{}\n\n", t.get("hb_terms_title"), t.get("hb_terms")));
    outcomes(&mut out, &t);
    severities(&mut out, &t);
    for scope in [Scope::Location, Scope::Trajectory] {
        let (title, intro) = match scope {
            Scope::Location => ("hb_location_rules", "hb_location_rules_intro"),
            Scope::Trajectory => ("hb_trajectory_rules", "hb_trajectory_rules_intro"),
        };
        out.push_str(&format!("## {}\n\n{}\n\n", t.get(title), t.get(intro)));
        if scope == Scope::Trajectory {
            out.push_str(&format!("### {}\n\n{}\n\n", t.get("hb_tolerance_title"), t.get("hb_tolerance")));
        }
        for rule in rulebook.rules.iter().filter(|r| r.scope == scope) {
            rule_section(&mut out, &t, rule);
        }
    }
    out.push_str(&format!("## {}\n\n{}\n\n", t.get("hb_history_title"), t.get("hb_history").trim()));
    out.push_str(&format!("## {}\n\n{}\n", t.get("hb_tailor_title"), t.get("hb_tailor")));
    out
}

fn heading(rule: &RuleConfig, lang: Lang) -> String {
    format!("{} {}", rule.id, escape(rule.title.get(lang)))
}

fn severity(t: &Texts, s: Severity) -> String {
    t.get(&format!("severity_{}", s.as_str()))
}

fn overview(out: &mut String, t: &Texts, rulebook: &Rulebook) {
    let header = ["hb_col_rule", "hb_col_title", "hb_col_scope", "hb_col_severity"].map(|k| t.get(k));
    let rows: Vec<Vec<String>> = [Scope::Location, Scope::Trajectory]
        .iter()
        .flat_map(|scope| rulebook.rules.iter().filter(move |r| r.scope == *scope))
        .map(|r| {
            let mut title = escape(r.title.get(t.lang));
            if !r.enabled {
                title = format!("{title} {}", t.get("hb_disabled_mark"));
            }
            let scope = match r.scope {
                Scope::Location => t.get("hb_scope_location_short"),
                Scope::Trajectory => t.get("hb_scope_trajectory_short"),
            };
            vec![format!("[{}](#{})", r.id, slug(&heading(r, t.lang))), title, scope, severity(t, r.severity)]
        })
        .collect();
    out.push_str(&format!("## {}\n\n{}\n", t.get("hb_rules_overview"), table(&header, &rows)));
}

fn outcomes(out: &mut String, t: &Texts) {
    let header = [t.get("hb_col_outcome"), t.get("hb_col_meaning")];
    let rows: Vec<Vec<String>> = Outcome::ALL
        .iter()
        .map(|o| {
            vec![
                format!("*{}*", t.get(&format!("outcome_{}", o.as_str()))),
                t.get(&format!("hb_outcome_{}_means", o.as_str())),
            ]
        })
        .collect();
    out.push_str(&format!(
        "## {}\n\n{}\n\n{}\n{}\n\n",
        t.get("hb_outcomes_title"),
        t.get("hb_outcomes_intro"),
        table(&header, &rows),
        t.get("hb_unreadable_note")
    ));
}

fn severities(out: &mut String, t: &Texts) {
    let header = [t.get("hb_col_severity"), t.get("hb_col_meaning")];
    let rows: Vec<Vec<String>> = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .map(|s| vec![format!("*{}*", severity(t, *s)), t.get(&format!("hb_severity_{}_means", s.as_str()))])
        .collect();
    out.push_str(&format!("## {}\n\n{}\n", t.get("hb_severity_title"), table(&header, &rows)));
}

fn rule_section(out: &mut String, t: &Texts, rule: &RuleConfig) {
    let lang = t.lang;
    let scope = match rule.scope {
        Scope::Location => t.get("hb_scope_location"),
        Scope::Trajectory => t.get("hb_scope_trajectory"),
    };
    let state = t.get(if rule.enabled { "hb_state_on" } else { "hb_state_off" });
    out.push_str(&format!("### {}\n\n", heading(rule, lang)));
    out.push_str(&format!(
        "{}: {scope} · {}: **{}** · {}: {state}\n\n",
        t.get("hb_label_about"),
        t.get("hb_label_severity"),
        severity(t, rule.severity),
        t.get("hb_label_state"),
    ));
    labelled(out, &t.get("hb_label_checks"), &paragraphs(rule.explanation.get(lang)));
    labelled(out, &t.get("hb_label_how"), &t.fill(&format!("hb_how_{}", rule.id), &placeholder_values(t, rule)));
    parameters(out, t, rule);
    labelled(out, &t.get("hb_label_why"), &paragraphs(rule.why.get(lang)));
    labelled(out, &t.get("hb_label_action"), &paragraphs(rule.action.get(lang)));
    out.push_str(&format!(
        "**{}:** {}\n\n> “{}”\n\n",
        t.get("hb_label_source"),
        escape(rule.source.document.get(lang)),
        escape(rule.source.sentence.get(lang))
    ));
}

fn labelled(out: &mut String, label: &str, body: &str) {
    out.push_str(&format!("**{label}**\n\n{body}\n\n"));
}

/// The rule's parameters in the order the code declares them (then any
/// other the rulebook holds), with their current value.
fn ordered_params(rule: &RuleConfig) -> Vec<(&str, ParamValue, bool)> {
    let spec = registry::spec(&rule.id);
    let declared = spec.map(|s| s.params).unwrap_or(&[]);
    let mut params: Vec<(&str, ParamValue, bool)> =
        declared.iter().filter_map(|p| rule.params.get(p.name).map(|v| (p.name, *v, p.per_municipality))).collect();
    for (name, value) in &rule.params {
        if !declared.iter().any(|p| p.name == name) {
            params.push((name.as_str(), *value, false));
        }
    }
    // Every trajectory rule takes a tolerance, shown also at its default.
    if rule.scope == Scope::Trajectory && !rule.params.contains_key(tolerance::NAME) {
        params.push((tolerance::NAME, ParamValue::Integer(0), false));
    }
    params
}

fn parameters(out: &mut String, t: &Texts, rule: &RuleConfig) {
    let params = ordered_params(rule);
    if params.is_empty() {
        labelled(out, &t.get("hb_label_params"), &t.get("hb_params_none"));
        return;
    }
    let header = ["hb_col_param", "hb_col_value", "hb_col_per_municipality", "hb_col_meaning"].map(|k| t.get(k));
    let rows: Vec<Vec<String>> = params
        .iter()
        .map(|(name, value, per_municipality)| {
            vec![code(name), t.value(*value), t.yes_no(*per_municipality), t.get(&format!("hb_param_{name}"))]
        })
        .collect();
    labelled(out, &t.get("hb_label_params"), table(&header, &rows).trim_end());
    if !rule.municipalities.is_empty() {
        let lines: Vec<String> = rule
            .municipalities
            .iter()
            .map(|(m, params)| {
                let list: Vec<String> = params.iter().map(|(k, v)| format!("{} = {}", code(k), t.value(*v))).collect();
                format!("- {}: {}", escape(m), list.join(", "))
            })
            .collect();
        labelled(out, &t.get("hb_label_municipalities"), &lines.join("\n"));
    }
}

/// What the rule's definition may name: its parameters, and a few values
/// worked out from them.
fn placeholder_values<'a>(t: &Texts, rule: &'a RuleConfig) -> Vec<(&'a str, String)> {
    let mut vars: Vec<(&'a str, String)> =
        ordered_params(rule).into_iter().map(|(name, value, _)| (name, t.value(value))).collect();
    let num = |name: &str| rule.num(name).ok();
    if let (Some(fte), Some(hours)) = (num("min_fte"), num("hours_per_fte")) {
        vars.push(("hours_at_min_fte", t.fmt.number_auto(fte * hours, 2)));
    }
    if let (Some(days), Some(grace)) = (num("first_check_days"), num("first_check_grace_days")) {
        vars.push(("check_deadline_days", t.fmt.number_auto(days + grace, 0)));
    }
    if let Some(ratio) = num("min_visit_ratio") {
        vars.push(("visits_full_year", t.fmt.number((ratio * 365.0 / 7.0 - 1e-9).ceil().max(0.0), 0)));
    }
    vars
}
