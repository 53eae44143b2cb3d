//! The rulebook in prose: `hs-audit rules list` (every rule on one line) and
//! `hs-audit rules explain ID` (one rule in full: what it checks, why, what to
//! do, its parameters and the source sentence it rests on).

use std::io::{self, Write};

use super::config::{RuleConfig, Rulebook, Scope};
use super::raw::show;
use crate::cli::Outcome;
use crate::i18n::Lang;
use crate::report::catalogue::{NO_ARGS, msg};
use crate::results::Severity;

/// Text width of wrapped paragraphs.
const WIDTH: usize = 78;

/// A severity in the reader's language.
pub fn severity_word(s: Severity, lang: Lang) -> String {
    match s {
        Severity::Error => msg("rb_prose_error", lang, NO_ARGS),
        Severity::Warning => msg("rb_prose_warning", lang, NO_ARGS),
        Severity::Info => msg("rb_prose_info", lang, NO_ARGS),
    }
}

fn scope_heading(s: Scope, lang: Lang) -> String {
    match s {
        Scope::Location => msg("rb_prose_location_rules_per_location", lang, NO_ARGS),
        Scope::Trajectory => msg("rb_prose_trajectory_rules_per_family", lang, NO_ARGS),
    }
}

fn scope_word(s: Scope, lang: Lang) -> String {
    match s {
        Scope::Location => msg("rb_prose_location_rule", lang, NO_ARGS),
        Scope::Trajectory => msg("rb_prose_trajectory_rule", lang, NO_ARGS),
    }
}

fn heading(rulebook: &Rulebook, lang: Lang) -> String {
    format!("{} ({} {})", rulebook.title.get(lang), rulebook.id, rulebook.version)
}

/// Every rule on one line, location rules first.
pub fn run_list(lang: Lang, rulebook: &Rulebook, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", heading(rulebook, lang))?;
    for scope in [Scope::Location, Scope::Trajectory] {
        writeln!(out)?;
        writeln!(out, "{}", scope_heading(scope, lang))?;
        for r in rulebook.rules.iter().filter(|r| r.scope == scope) {
            let off = if r.enabled { String::new() } else { msg("rb_prose_disabled", lang, NO_ARGS) };
            writeln!(out, "  {:<7} {:<13} {}{off}", r.id, severity_word(r.severity, lang), r.title.get(lang))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{} hs-audit rules explain HS-L01", msg("rb_prose_more_on_one_rule", lang, NO_ARGS))
}

/// One rule in full; an unknown id is a usage error (exit 2).
pub fn run_explain(id: &str, lang: Lang, rulebook: &Rulebook, out: &mut dyn Write) -> io::Result<Outcome> {
    let wanted = id.trim();
    let Some(rule) = rulebook.rules.iter().find(|r| r.id.eq_ignore_ascii_case(wanted)) else {
        let mut rules: Vec<&RuleConfig> = rulebook.rules.iter().collect();
        rules.sort_by_key(|r| r.scope);
        let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        let what_to_do = msg("rb_prose_choose_one_of_the", lang, NO_ARGS);
        writeln!(out, "{} `{wanted}`; {what_to_do}.", msg("rb_prose_unknown_rule", lang, NO_ARGS))?;
        writeln!(out, "{} {}", msg("rb_prose_known_rules", lang, NO_ARGS), ids.join(", "))?;
        return Ok(Outcome::InputProblem);
    };
    write_rule(rule, lang, out)?;
    Ok(Outcome::Clean)
}

fn write_rule(rule: &RuleConfig, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}  {}", rule.id, rule.title.get(lang))?;
    let state =
        if rule.enabled { msg("rb_prose_enabled", lang, NO_ARGS) } else { msg("rb_prose_disabled_2", lang, NO_ARGS) };
    let sev = severity_word(rule.severity, lang);
    let scope = scope_word(rule.scope, lang);
    let sev_label = msg("rb_prose_severity", lang, NO_ARGS);
    let mut first = scope.to_string();
    if let Some(c) = first.get(..1) {
        first = format!("{}{}", c.to_uppercase(), first.get(1..).unwrap_or(""));
    }
    writeln!(out, "{first} · {sev_label}: {sev} · {state}")?;
    section(out, &msg("rb_prose_what_it_checks", lang, NO_ARGS), rule.explanation.get(lang))?;
    section(out, &msg("rb_prose_why_it_matters", lang, NO_ARGS), rule.why.get(lang))?;
    section(out, &msg("rb_prose_what_to_do_when", lang, NO_ARGS), rule.action.get(lang))?;
    writeln!(out)?;
    writeln!(out, "{}", msg("rb_prose_parameters", lang, NO_ARGS))?;
    if rule.params.is_empty() {
        writeln!(out, "  {}", msg("rb_prose_none", lang, NO_ARGS))?;
    }
    for (name, value) in &rule.params {
        writeln!(out, "  {name} = {}", show(*value))?;
    }
    if rule.scope == Scope::Trajectory {
        tolerance_lines(rule, lang, out)?;
    }
    if !rule.municipalities.is_empty() {
        writeln!(out, "  {}", msg("rb_prose_per_municipality_name_normalised", lang, NO_ARGS))?;
        for (m, params) in &rule.municipalities {
            let list: Vec<String> = params.iter().map(|(k, v)| format!("{k} = {}", show(*v))).collect();
            writeln!(out, "    {m}: {}", list.join(", "))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}: {}", msg("rb_prose_source", lang, NO_ARGS), rule.source.document.get(lang))?;
    for line in wrap(&format!("\u{201c}{}\u{201d}", rule.source.sentence.get(lang)), WIDTH - 2) {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

/// A trajectory rule's tolerance (also when the rulebook leaves it at its
/// default) and what it does to the location's verdict.
fn tolerance_lines(rule: &RuleConfig, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    use super::tolerance;
    if !rule.params.contains_key(tolerance::NAME) {
        writeln!(out, "  {} = {} ({})", tolerance::NAME, tolerance::DEFAULT, msg("rb_prose_default", lang, NO_ARGS))?;
    }
    let share = rule.tolerance();
    let percent = format!("{}", (share * 1000.0).round() / 10.0);
    let text = msg("rb_prose_verdict_per_location", lang, &[("percent", percent)]);
    for line in wrap(&text, WIDTH - 4) {
        writeln!(out, "    {line}")?;
    }
    Ok(())
}

fn section(out: &mut dyn Write, title: &str, body: &str) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{title}")?;
    for line in wrap(body, WIDTH - 2) {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

/// Words joined into lines of at most `width` characters (a longer word
/// gets a line of its own); blank-line paragraph breaks are kept.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, para) in text.split("\n\n").enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        let mut line = String::new();
        for word in para.split_whitespace() {
            let len = line.chars().count();
            if len > 0 && len + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}
