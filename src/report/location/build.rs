//! Builds the location report's model from the audit, for one location.

use super::LocationSlices;
use super::charts::figures;
use super::due_soon::due_soon;
use super::model::{
    FindingLine, FindingRow, Header, LocationReport, OutcomeCount, RuleRef, RuleSection, Verdict, WaiverLine, Waivers,
};
use super::values::Values;
use super::worklist::worklist;
use crate::report::RenderContext;
use crate::report::measures::Measures;
use crate::results::{Audit, LocationEntry, Outcome, RuleResult, Severity, SummaryRow, WaiverEntry};
use crate::rulebook::{RuleConfig, Scope};

/// The enabled rules in report order: location rules, then trajectory
/// rules, each in the rulebook's order.
pub fn rule_order<'a>(ctx: &RenderContext<'a>) -> Vec<&'a RuleConfig> {
    let rules = &ctx.rulebook.rules;
    let of = |scope: Scope| rules.iter().filter(move |r| r.enabled && r.scope == scope);
    of(Scope::Location).chain(of(Scope::Trajectory)).collect()
}

/// The model of `location_id`'s report; `with_charts` draws the SVG charts
/// (only HTML shows them) and `css` is the stylesheet to inline.
pub fn build(
    audit: &Audit,
    location_id: &str,
    slices: &LocationSlices<'_>,
    ctx: &RenderContext,
    with_charts: bool,
    css: String,
) -> Result<LocationReport, String> {
    let lang = ctx.lang;
    let location = audit
        .locations
        .iter()
        .find(|l| l.location_id == location_id)
        .ok_or_else(|| format!("location {location_id} is not in the audit"))?;
    let own: &[&RuleResult] = &slices.results;
    let location_results: Vec<&RuleResult> = own.iter().copied().filter(|r| r.subject_id.is_none()).collect();
    let summary: &[&SummaryRow] = &slices.summary;
    let values = Values { fmt: ctx.fmt, catalogue: ctx.catalogue, lang };
    let measures = Measures { values: &values, as_of: audit.as_of };
    let order = rule_order(ctx);
    let order_ids: Vec<String> = order.iter().map(|r| r.id.clone()).collect();

    let rules: Vec<RuleSection> =
        order.iter().map(|rule| section(rule, &location_results, summary, &measures)).collect();
    let (figures, charts) = figures(&location_results, ctx.rulebook, &values, with_charts);
    let describe = |r: &RuleResult, what_key: &str| {
        let title =
            ctx.rulebook.rule(&r.rule_id).map_or_else(|| r.rule_id.to_string(), |c| c.title.get(lang).to_string());
        (title, ctx.catalogue.get(what_key, lang), r.message.get(lang).to_string())
    };
    let trends = super::trends::trends(audit, location_id, ctx, &figures, with_charts);
    let mut worklist = worklist(own.iter().copied(), ctx.rulebook, &order_ids, ctx.catalogue, lang);
    super::trends::mark_worklist(&mut worklist, audit, location_id, ctx);
    Ok(LocationReport {
        css,
        header: header(audit, location, ctx),
        verdict: verdict(&rules, own),
        charts,
        figures,
        worklist,
        trends,
        due_soon: due_soon(own.iter().copied(), audit.as_of, &describe),
        findings: findings(own, &order_ids, ctx),
        rules,
        input_findings: audit
            .input_findings
            .iter()
            .filter(|f| f.file == location.source)
            .map(|f| FindingLine { place: f.place(lang), message: f.message(lang) })
            .collect(),
        waivers: waivers(audit, location_id, ctx),
    })
}

fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn header(audit: &Audit, location: &LocationEntry, ctx: &RenderContext) -> Header {
    Header {
        location_id: location.location_id.clone(),
        name: location.name.clone(),
        source: location.source.clone(),
        period_start: iso(audit.period_start),
        period_end: iso(audit.period_end),
        as_of: iso(audit.as_of),
        rulebook_id: audit.rulebook_id.clone(),
        rulebook_version: audit.rulebook_version.clone(),
        rulebook_title: ctx.rulebook.title.get(ctx.lang).to_string(),
    }
}

/// Rulebook texts come with the line breaks of the TOML file: one paragraph.
fn paragraph(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn section(rule: &RuleConfig, location_results: &[&RuleResult], summary: &[&SummaryRow], m: &Measures) -> RuleSection {
    let lang = m.values.lang;
    let mut s = RuleSection {
        id: rule.id.clone(),
        scope: match rule.scope {
            Scope::Location => "location",
            Scope::Trajectory => "trajectory",
        }
        .to_string(),
        severity: rule.severity.as_str().to_string(),
        title: rule.title.get(lang).to_string(),
        explanation: paragraph(rule.explanation.get(lang)),
        why: paragraph(rule.why.get(lang)),
        action: paragraph(rule.action.get(lang)),
        source_document: rule.source.document.get(lang).to_string(),
        source_sentence: paragraph(rule.source.sentence.get(lang)),
        outcome: None,
        message: None,
        measured: None,
        expected: None,
        counts: Vec::new(),
        covered: 0,
        failed: false,
    };
    match rule.scope {
        Scope::Location => {
            if let Some(r) = location_results.iter().find(|r| r.rule_id == rule.id) {
                s.outcome = Some(r.outcome.as_str().to_string());
                s.message = Some(r.message.get(lang).to_string());
                s.measured = r.measured.filter(|x| x.is_finite()).map(|x| m.measured(&rule.id, x));
                s.expected = r.expected.as_deref().map(|e| m.norm(&rule.id, e));
                s.failed = r.outcome == Outcome::Fail;
            }
        }
        Scope::Trajectory => {
            if let Some(row) = summary.iter().find(|row| row.rule_id == rule.id) {
                s.counts = Outcome::ALL
                    .iter()
                    .map(|o| OutcomeCount { outcome: o.as_str().to_string(), count: row.counts.get(*o) })
                    .filter(|c| c.count > 0)
                    .collect();
                s.covered = s.counts.iter().map(|c| c.count).sum();
                s.failed = row.counts.fail > 0;
            }
        }
    }
    s
}

fn verdict(rules: &[RuleSection], own: &[&RuleResult]) -> Verdict {
    let mut v = Verdict {
        meets: true,
        misses: Vec::new(),
        attention: Vec::new(),
        not_evaluated: Vec::new(),
        waived_results: own.iter().filter(|r| r.outcome == Outcome::Waived).count(),
    };
    for s in rules {
        let count = |outcome: Outcome| s.counts.iter().find(|c| c.outcome == outcome.as_str()).map_or(0, |c| c.count);
        let trajectory = s.scope == "trajectory";
        let rule_ref = |families: Option<usize>| RuleRef {
            id: s.id.clone(),
            title: s.title.clone(),
            severity: s.severity.clone(),
            families,
        };
        if s.failed {
            let r = rule_ref(trajectory.then(|| count(Outcome::Fail)));
            if s.severity == Severity::Error.as_str() { v.misses.push(r) } else { v.attention.push(r) }
        }
        // A rule that could not be judged (for the location, or for some
        // families) may hide a failure: the verdict says so.
        if trajectory && count(Outcome::NotEvaluated) > 0 {
            v.not_evaluated.push(rule_ref(Some(count(Outcome::NotEvaluated))));
        } else if !trajectory && s.outcome.as_deref() == Some(Outcome::NotEvaluated.as_str()) {
            v.not_evaluated.push(rule_ref(None));
        }
    }
    v.meets = v.misses.is_empty();
    v
}

fn waivers(audit: &Audit, location_id: &str, ctx: &RenderContext) -> Waivers {
    let line = |w: &WaiverEntry, results: usize| WaiverLine {
        rule_id: w.rule.clone(),
        title: ctx.rulebook.rule(&w.rule).map(|r| r.title.get(ctx.lang).to_string()).unwrap_or_default(),
        subject: w.subject.clone().unwrap_or_default(),
        reason: w.reason.clone(),
        approved_by: w.approved_by.clone(),
        expires: iso(w.expires),
        results,
    };
    let here = |w: &&WaiverEntry| w.location == location_id;
    let w = &audit.waivers;
    Waivers {
        applied: w
            .applied
            .iter()
            .filter(|a| a.waiver.location == location_id)
            .map(|a| line(&a.waiver, a.subjects.len()))
            .collect(),
        expired: w.expired.iter().filter(here).map(|e| line(e, 0)).collect(),
        unused: w.unused.iter().filter(here).map(|e| line(e, 0)).collect(),
    }
}

/// Evidence keys that hold a result's deadline, in order of preference.
const DEADLINE_KEYS: &[&str] = &["deadline", "start_message_deadline", "end_message_deadline"];

fn findings(own: &[&RuleResult], order: &[String], ctx: &RenderContext) -> Vec<FindingRow> {
    let position = |id: &str| order.iter().position(|r| r == id).unwrap_or(usize::MAX);
    let mut rows: Vec<&RuleResult> = own.iter().copied().filter(|r| r.outcome != Outcome::Pass).collect();
    rows.sort_by(|a, b| {
        (position(&a.rule_id), &a.rule_id, &a.subject_id).cmp(&(position(&b.rule_id), &b.rule_id, &b.subject_id))
    });
    rows.into_iter()
        .map(|r| FindingRow {
            rule_id: r.rule_id.to_string(),
            title: ctx
                .rulebook
                .rule(&r.rule_id)
                .map_or_else(|| r.rule_id.to_string(), |c| c.title.get(ctx.lang).to_string()),
            subject_id: r.subject_id.as_deref().map(str::to_string),
            row: r.row,
            outcome: r.outcome.as_str().to_string(),
            severity: r.severity.as_str().to_string(),
            message: r.message.get(ctx.lang).to_string(),
            deadline: DEADLINE_KEYS.iter().find_map(|k| r.evidence.get(k)).as_ref().map(ToString::to_string),
        })
        .collect()
}
