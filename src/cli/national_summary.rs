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
use crate::results::{Audit, Outcome, Severity};
use crate::rulebook::Rulebook;
use crate::tables::normalize::normalize_name;

/// Locations listed as most at risk.
const TOP: usize = 10;

/// One location's place in the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Rank<'a> {
    pub location_id: &'a str,
    pub name: &'a str,
    pub at_risk: bool,
    pub error_fails: usize,
    /// Families with a failure / families with a result, 0 without any.
    pub family_share: f64,
}

/// Every location, most at risk first (ties by id).
pub fn ranking(audit: &Audit) -> Vec<Rank<'_>> {
    let mut error_fails: BTreeMap<&str, usize> = BTreeMap::new();
    for v in audit.verdicts.iter().filter(|v| v.puts_at_risk()) {
        *error_fails.entry(v.location_id.as_str()).or_default() += 1;
    }
    let mut families: BTreeMap<&str, (BTreeSet<&str>, BTreeSet<&str>)> = BTreeMap::new();
    for r in &audit.results {
        if let Some(s) = r.subject_id.as_deref() {
            let e = families.entry(r.location_id.as_str()).or_default();
            e.0.insert(s);
            if r.outcome == Outcome::Fail {
                e.1.insert(s);
            }
        }
    }
    let mut ranks: Vec<Rank<'_>> = audit
        .locations
        .iter()
        .map(|l| {
            let id = l.location_id.as_str();
            let n = error_fails.get(id).copied().unwrap_or(0);
            let share = families.get(id).map_or(0.0, |(all, failing)| {
                if all.is_empty() { 0.0 } else { failing.len() as f64 / all.len() as f64 }
            });
            Rank { location_id: id, name: &l.name, at_risk: n > 0, error_fails: n, family_share: share }
        })
        .collect();
    ranks.sort_by(|a, b| {
        b.at_risk
            .cmp(&a.at_risk)
            .then(b.error_fails.cmp(&a.error_fails))
            .then(b.family_share.total_cmp(&a.family_share))
            .then(a.location_id.cmp(b.location_id))
    });
    ranks
}

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
    match lang {
        Lang::Nl => {
            writeln!(out, "Periode {period}, peildatum {as_of}: {total} locaties")?;
            writeln!(
                out,
                "  {meets} voldoen aan alle regels, {attention} halen alleen waarschuwingen niet, {at_risk} lopen risico"
            )?;
        }
        Lang::En => {
            writeln!(out, "Period {period}, as of {as_of}: {total} locations")?;
            writeln!(out, "  {meets} meet every rule, {attention} fail warnings only, {at_risk} are at risk")?;
        }
    }
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
        match lang {
            Lang::Nl => {
                writeln!(out, "  sinds de audit van {since}: {n} locaties met nieuwe fouten op regels met ernst fout")?
            }
            Lang::En => {
                writeln!(out, "  since the audit as of {since}: {n} locations with new failures of error rules")?
            }
        }
    }
    writeln!(out, "\n{}", lang.pick("Per regel: locaties die niet voldoen", "Per rule: locations that fail"))?;
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
    writeln!(out, "\n{}", lang.pick("De tien locaties met het meeste risico", "The ten locations most at risk"))?;
    for r in ranks.iter().filter(|r| r.at_risk).take(TOP) {
        let pct = (r.family_share * 100.0).round();
        match lang {
            Lang::Nl => writeln!(
                out,
                "  {} {}: {} regels met ernst fout niet gehaald, {pct} % van de gezinnen met een fout",
                r.location_id, r.name, r.error_fails
            )?,
            Lang::En => writeln!(
                out,
                "  {} {}: {} error rules failed, {pct} % of families with a failure",
                r.location_id, r.name, r.error_fails
            )?,
        }
    }
    if at_risk == 0 {
        writeln!(out, "  {}", lang.pick("Geen locatie loopt risico.", "No location is at risk."))?;
    }
    if !audit.input_findings.is_empty() {
        let n = audit.input_findings.len();
        let see = lang.pick("zie results.json of `hs-audit inspect`", "see results.json or `hs-audit inspect`");
        writeln!(out, "\n{}: {n} ({see})", lang.pick("Invoerbevindingen", "Input findings"))?;
    }
    writeln!(out)?;
    for p in written {
        writeln!(out, "{}: {}", lang.pick("Geschreven", "Written"), crate::ingest::display_path(p))?;
    }
    Ok(())
}
