//! The terminal summary of a national run, one screen: the standing of the
//! locations, per rule how many locations fail it (their verdict), the ten
//! locations most at risk, and where the reports are. The ranking: at risk
//! first, then the most failed `error` verdicts, then the largest share of
//! families with a failure. Also: which locations serve a municipality (its
//! run names only those).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;

use crate::i18n::Lang;
use crate::report::catalogue::{NO_ARGS, msg};
use crate::results::{Audit, Outcome, Severity};

pub use crate::report::national::ranking::ranking;
use crate::rulebook::Rulebook;
use crate::tables::normalize::normalize_name;

/// Locations listed as most at risk.
const TOP: usize = 10;

/// The ids of the locations with a family living in `municipality`.
pub fn serving(audit: &Audit, municipality: &str) -> BTreeSet<String> {
    let key = normalize_name(municipality);
    audit
        .trajectories
        .iter()
        .filter(|f| f.gemeente.as_deref().is_some_and(|g| normalize_name(g) == key))
        .map(|f| f.location_id.clone())
        .collect()
}

pub fn write(
    audit: &Audit,
    rulebook: &Rulebook,
    lang: Lang,
    written: &[PathBuf],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let total = audit.locations.len();
    let ranks = ranking(audit);
    let at_risk = ranks.iter().filter(|r| r.at_risk).count();
    let failing: BTreeSet<&str> =
        audit.verdicts.iter().filter(|v| v.outcome == Outcome::Fail).map(|v| v.location_id.as_str()).collect();
    let meets = total.saturating_sub(failing.len());
    let attention = failing.len().saturating_sub(at_risk);
    let period = format!("{} – {}", audit.period_start.format("%Y-%m-%d"), audit.period_end.format("%Y-%m-%d"));
    let as_of = audit.as_of.format("%Y-%m-%d");
    let args = [("period", period), ("as_of", as_of.to_string()), ("total", total.to_string())];
    writeln!(out, "{}", msg("cli_national_head", lang, &args))?;
    let args = [("meets", meets.to_string()), ("attention", attention.to_string()), ("at_risk", at_risk.to_string())];
    writeln!(out, "  {}", msg("cli_national_counts", lang, &args))?;
    if let Some(c) = &audit.comparison
        && let Some(then) = c.against()
    {
        let new_errors: BTreeSet<&str> = c
            .changes
            .iter()
            .filter(|ch| ch.new_count > 0 && rulebook.rule(&ch.rule_id).is_some_and(|r| r.severity == Severity::Error))
            .map(|ch| ch.location_id.as_str())
            .collect();
        let n = new_errors.len();
        let since = then.as_of.format("%Y-%m-%d");
        let args = [("since", since.to_string()), ("count", n.to_string())];
        writeln!(out, "  {}", msg("cli_national_new_errors", lang, &args))?;
    }
    writeln!(out, "\n{}", msg("cli_national_per_rule", lang, NO_ARGS))?;
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for v in audit.verdicts.iter().filter(|v| v.outcome == Outcome::Fail) {
        *per_rule.entry(v.rule_id.as_str()).or_default() += 1;
    }
    let mut rules: Vec<_> = rulebook.rules.iter().filter(|r| r.enabled).collect();
    rules.sort_by_key(|r| r.scope);
    for r in rules {
        let n = per_rule.get(r.id.as_str()).copied().unwrap_or(0);
        let sev = crate::rulebook::prose::severity_word(r.severity, lang);
        writeln!(out, "  {:<7} {n:>5}/{total}  {} [{sev}]", r.id, r.title.get(lang))?;
    }
    writeln!(out, "\n{}", msg("cli_national_top_risk", lang, NO_ARGS))?;
    for r in ranks.iter().filter(|r| r.at_risk).take(TOP) {
        let pct = (r.family_share * 100.0).round();
        let args = [("errors", r.error_fails.to_string()), ("percent", pct.to_string())];
        writeln!(out, "  {} {}: {}", r.location_id, r.name, msg("cli_national_risk_line", lang, &args))?;
    }
    if at_risk == 0 {
        writeln!(out, "  {}", msg("cli_national_no_risk", lang, NO_ARGS))?;
    }
    if !audit.input_findings.is_empty() {
        let n = audit.input_findings.len();
        writeln!(out, "\n{}", msg("cli_national_findings", lang, &[("count", n.to_string())]))?;
    }
    writeln!(out)?;
    for p in written {
        let shown = crate::ingest::display_path(p).to_string();
        writeln!(out, "{}", msg("cli_national_written", lang, &[("path", shown)]))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::results::{LocationEntry, RuleResult, Text, WaiverReport, summarize, verdicts};

    fn audit(results: Vec<RuleResult>, ids: &[&str]) -> Audit {
        let rulebook = crate::rulebook::load_rulebook(None, crate::rules::registry::RULES).expect("the rulebook");
        let location_ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
        let summary = summarize(&results, &location_ids, &[]);
        let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default();
        Audit {
            tool_version: "0".into(),
            rulebook_id: "homestart-nl".into(),
            rulebook_version: "t".into(),
            period_start: date,
            period_end: date,
            as_of: date,
            locations: ids
                .iter()
                .map(|id| LocationEntry {
                    location_id: id.to_string(),
                    name: id.to_string(),
                    source: String::new(),
                    metrics: BTreeMap::new(),
                })
                .collect(),
            verdicts: verdicts(&summary, &rulebook),
            results: results.into(),
            summary,
            input_findings: Vec::new(),
            waivers: WaiverReport::default(),
            comparison: None,
            trajectories: Vec::new(),
        }
    }

    fn r(rule: &str, loc: &str, subject: Option<&str>, outcome: Outcome) -> RuleResult {
        let sev = if rule == "HS-G02" { Severity::Warning } else { Severity::Error };
        RuleResult::new(rule, loc, subject.map(|s| (s, 2)), outcome, sev, Text::default())
    }

    #[test]
    fn at_risk_first_then_most_failed_error_verdicts_then_largest_share_of_failing_families() {
        use Outcome::*;
        let a = audit(
            vec![
                // A: one error verdict failed, 1 of 2 families.
                r("HS-G01", "A", Some("1"), Fail),
                r("HS-G01", "A", Some("2"), Pass),
                // B: two error verdicts failed, 1 of 4 families.
                r("HS-L01", "B", None, Fail),
                r("HS-G01", "B", Some("1"), Fail),
                r("HS-G01", "B", Some("2"), Pass),
                r("HS-G01", "B", Some("3"), Pass),
                r("HS-G01", "B", Some("4"), Pass),
                // C: one error verdict failed, 2 of 2 families.
                r("HS-G06", "C", Some("1"), Fail),
                r("HS-G06", "C", Some("2"), Fail),
                // D: only a warning fails, every family: not at risk, last.
                r("HS-G02", "D", Some("1"), Fail),
            ],
            &["A", "B", "C", "D"],
        );
        let order: Vec<(&str, bool, usize)> =
            ranking(&a).iter().map(|r| (r.location_id, r.at_risk, r.error_fails)).collect();
        assert_eq!(order, [("B", true, 2), ("C", true, 1), ("A", true, 1), ("D", false, 0)]);
    }

    #[test]
    fn a_municipality_is_served_by_the_locations_with_a_family_living_there() {
        let mut a = audit(Vec::new(), &["A", "B"]);
        let fact = |loc: &str, g: &str| crate::results::facts::TrajectoryFacts {
            location_id: loc.into(),
            subject_id: "G-1".into(),
            gemeente: Some(g.into()),
            active_in_period: true,
            closed_in_period: false,
            hours: None,
            age_group: None,
            duration_days: None,
            outcome_change: BTreeMap::new(),
        };
        a.trajectories = vec![fact("A", "Súdwest-Fryslân"), fact("B", "Leeuwarden")];
        assert_eq!(serving(&a, "sudwest fryslan").into_iter().collect::<Vec<_>>(), ["A"]);
    }
}
