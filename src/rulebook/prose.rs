//! The rulebook in prose: `hs-audit rules list` (every rule on one line) and
//! `hs-audit rules explain ID` (one rule in full: what it checks, why, what to
//! do, its parameters and the source sentence it rests on).

use std::io::{self, Write};

use super::config::{RuleConfig, Rulebook, Scope};
use super::raw::show;
use crate::cli::Outcome;
use crate::i18n::Lang;
use crate::results::Severity;

/// Text width of wrapped paragraphs.
const WIDTH: usize = 78;

/// A severity in the reader's language.
pub fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => lang.pick("fout", "error"),
        Severity::Warning => lang.pick("waarschuwing", "warning"),
        Severity::Info => lang.pick("info", "info"),
    }
}

fn scope_heading(s: Scope, lang: Lang) -> &'static str {
    match s {
        Scope::Location => lang.pick("Locatieregels (per locatie)", "Location rules (per location)"),
        Scope::Trajectory => lang.pick("Trajectregels (per gezin)", "Trajectory rules (per family)"),
    }
}

fn scope_word(s: Scope, lang: Lang) -> &'static str {
    match s {
        Scope::Location => lang.pick("locatieregel", "location rule"),
        Scope::Trajectory => lang.pick("trajectregel", "trajectory rule"),
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
            let off = if r.enabled { "" } else { lang.pick("  (uitgeschakeld)", "  (disabled)") };
            writeln!(out, "  {:<7} {:<13} {}{off}", r.id, severity_word(r.severity, lang), r.title.get(lang))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{} hs-audit rules explain HS-L01", lang.pick("Meer over één regel:", "More on one rule:"))
}

/// One rule in full; an unknown id is a usage error (exit 2).
pub fn run_explain(id: &str, lang: Lang, rulebook: &Rulebook, out: &mut dyn Write) -> io::Result<Outcome> {
    let wanted = id.trim();
    let Some(rule) = rulebook.rules.iter().find(|r| r.id.eq_ignore_ascii_case(wanted)) else {
        let mut rules: Vec<&RuleConfig> = rulebook.rules.iter().collect();
        rules.sort_by_key(|r| r.scope);
        let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        let what_to_do = lang.pick(
            "kies een van de regels hieronder (`hs-audit rules list` toont ze met hun titel)",
            "choose one of the rules below (`hs-audit rules list` shows them with their titles)",
        );
        writeln!(out, "{} `{wanted}`; {what_to_do}.", lang.pick("Onbekende regel", "Unknown rule"))?;
        writeln!(out, "{} {}", lang.pick("Bekende regels:", "Known rules:"), ids.join(", "))?;
        return Ok(Outcome::InputProblem);
    };
    write_rule(rule, lang, out)?;
    Ok(Outcome::Clean)
}

fn write_rule(rule: &RuleConfig, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}  {}", rule.id, rule.title.get(lang))?;
    let state = if rule.enabled { lang.pick("aan", "enabled") } else { lang.pick("uitgeschakeld", "disabled") };
    let sev = severity_word(rule.severity, lang);
    let scope = scope_word(rule.scope, lang);
    let sev_label = lang.pick("ernst", "severity");
    let mut first = scope.to_string();
    if let Some(c) = first.get(..1) {
        first = format!("{}{}", c.to_uppercase(), first.get(1..).unwrap_or(""));
    }
    writeln!(out, "{first} · {sev_label}: {sev} · {state}")?;
    section(out, lang.pick("Wat wordt gecontroleerd", "What it checks"), rule.explanation.get(lang))?;
    section(out, lang.pick("Waarom", "Why it matters"), rule.why.get(lang))?;
    section(out, lang.pick("Wat te doen als de regel faalt", "What to do when it fails"), rule.action.get(lang))?;
    writeln!(out)?;
    writeln!(out, "{}", lang.pick("Parameters", "Parameters"))?;
    if rule.params.is_empty() {
        writeln!(out, "  {}", lang.pick("(geen)", "(none)"))?;
    }
    for (name, value) in &rule.params {
        writeln!(out, "  {name} = {}", show(*value))?;
    }
    if rule.scope == Scope::Trajectory {
        tolerance_lines(rule, lang, out)?;
    }
    if !rule.municipalities.is_empty() {
        writeln!(out, "  {}", lang.pick("Per gemeente (naam genormaliseerd):", "Per municipality (name normalised):"))?;
        for (m, params) in &rule.municipalities {
            let list: Vec<String> = params.iter().map(|(k, v)| format!("{k} = {}", show(*v))).collect();
            writeln!(out, "    {m}: {}", list.join(", "))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}: {}", lang.pick("Bron", "Source"), rule.source.document.get(lang))?;
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
        writeln!(out, "  {} = {} ({})", tolerance::NAME, tolerance::DEFAULT, lang.pick("standaard", "default"))?;
    }
    let share = rule.tolerance();
    let percent = format!("{}", (share * 1000.0).round() / 10.0);
    let text = match lang {
        Lang::Nl => format!(
            "Oordeel per locatie: een locatie voldoet niet aan de regel wanneer meer dan {percent} % van haar beoordeelde gezinnen (voldoet, voldoet niet, ontheffing) de regel niet haalt; bij {percent} % of minder voldoet de locatie. Alleen een oordeel ‘voldoet niet’ op een regel met ernst fout laat een locatie risico lopen en telt mee voor de exitstatus."
        ),
        Lang::En => format!(
            "Verdict per location: the rule fails for a location when more than {percent} % of its judged families (pass, fail, waived) fail; at {percent} % or less the location passes. Only a failed verdict of an error rule puts a location at risk and counts toward the exit status."
        ),
    };
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
