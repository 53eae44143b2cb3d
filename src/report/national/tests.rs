//! The national model on a small hand-made audit: who is at risk, who only
//! needs attention, how cells read, and that a disabled rule or a missing
//! norm leaves no trace of a constant.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::build;
use super::model::Status;
use crate::i18n::Lang;
use crate::report::{Catalogue, Engine, Format, Formatter, RenderContext};
use crate::results::{Audit, LocationEntry, Outcome, RuleResult, Severity, Text, WaiverReport};
use crate::rulebook::{Rulebook, load_rulebook};
use crate::rules::registry;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn location(id: &str, fte: f64) -> LocationEntry {
    LocationEntry {
        location_id: id.to_string(),
        name: format!("Home-Start {id}"),
        source: format!("exports/{id}.xlsx"),
        metrics: BTreeMap::from([("coordinator_fte".to_string(), fte)]),
    }
}

fn result(rule: &str, loc: &str, subject: Option<&str>, outcome: Outcome, severity: Severity) -> RuleResult {
    RuleResult::new(rule, loc, subject.map(|s| (s, 5)), outcome, severity, Text::new("bericht", "message"))
}

/// L1 fails an error rule (at risk); L2 fails one only with a waiver and a
/// warning rule (attention); L3 fails nothing.
fn audit() -> Audit {
    use Outcome::*;
    use Severity::*;
    let results = vec![
        result("HS-L01", "L1", None, Fail, Error).measured(0.4, ">= 0.55"),
        result("HS-G01", "L1", Some("G-0001"), Fail, Error),
        result("HS-G01", "L1", Some("G-0002"), Fail, Error),
        result("HS-G01", "L1", Some("G-0003"), Pass, Error),
        result("HS-L01", "L2", None, Waived, Error).measured(0.5, ">= 0.55"),
        result("HS-G02", "L2", Some("G-0001"), Fail, Warning),
        result("HS-G01", "L2", Some("G-0001"), Waived, Error),
        result("HS-G01", "L2", Some("G-0002"), Pass, Error),
        result("HS-L01", "L3", None, Pass, Error).measured(0.6, ">= 0.55"),
        result("HS-G01", "L3", Some("G-0001"), NotYetDue, Error),
    ];
    // The summary counts the results, as the check command's does.
    let summary = crate::results::summarize(&results, &[], &[]);
    Audit {
        tool_version: "0.0.0".into(),
        rulebook_id: "homestart-nl".into(),
        rulebook_version: "test".into(),
        period_start: date(2026, 1, 1),
        period_end: date(2026, 12, 31),
        as_of: date(2026, 12, 31),
        locations: vec![location("L3", 0.6), location("L1", 0.4), location("L2", 0.5)],
        results: results.into(),
        summary,
        verdicts: Vec::new(),
        comparison: None,
        input_findings: Vec::new(),
        waivers: WaiverReport::default(),
        trajectories: Vec::new(),
    }
}

fn with_ctx(rulebook: &Rulebook, check: impl Fn(&RenderContext)) {
    let catalogue = Catalogue::embedded();
    let engine = Engine::new(Lang::En, &catalogue, None).expect("engine");
    let fmt = Formatter::new(&catalogue, Lang::En);
    let formats = [Format::Md];
    let ctx = RenderContext {
        lang: Lang::En,
        engine: &engine,
        catalogue: &catalogue,
        fmt: &fmt,
        rulebook,
        formats: &formats,
    };
    check(&ctx);
}

fn rulebook() -> Rulebook {
    load_rulebook(None, registry::RULES).expect("the embedded rulebook loads")
}

#[test]
fn at_risk_attention_and_meets_all() {
    with_ctx(&rulebook(), |ctx| {
        let model = build(&audit(), ctx);
        let standing: Vec<(&str, Status)> = model.matrix.iter().map(|r| (r.location_id.as_str(), r.status)).collect();
        assert_eq!(standing, [("L1", Status::AtRisk), ("L2", Status::Attention), ("L3", Status::MeetsAll)]);
        assert_eq!((model.summary.meets_all, model.summary.attention, model.summary.at_risk), (1, 1, 1));
        assert_eq!(model.at_risk.len(), 1);
        let rules: Vec<&str> = model.at_risk[0].rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(rules, ["HS-G01", "HS-L01"], "sorted by id");
        assert_eq!(model.at_risk[0].rules[0].extent, "2 trajectories");
        assert!(model.at_risk[0].rules[1].action.starts_with("Check betaald"), "the rulebook's action text");
    });
}

#[test]
fn cells_show_outcomes_counts_and_waivers() {
    with_ctx(&rulebook(), |ctx| {
        let model = build(&audit(), ctx);
        let column = |id: &str| model.rules.iter().position(|r| r.id == id).expect("a column");
        let cell = |row: usize, id: &str| &model.matrix[row].cells[column(id)];
        assert_eq!((cell(0, "HS-L01").state, cell(0, "HS-L01").text.as_str()), ("fail", "✗"));
        assert_eq!((cell(0, "HS-G01").state, cell(0, "HS-G01").text.as_str()), ("fail", "2"));
        assert_eq!((cell(1, "HS-L01").state, cell(1, "HS-L01").text.as_str()), ("waived", "(✗)"));
        assert_eq!((cell(1, "HS-G01").state, cell(1, "HS-G01").text.as_str()), ("waived", "(1)"));
        assert_eq!((cell(2, "HS-G01").state, cell(2, "HS-G01").text.as_str()), ("not_yet_due", "…"));
        assert_eq!((cell(2, "HS-G02").state, cell(2, "HS-G02").text.as_str()), ("empty", ""));
        assert_eq!(cell(0, "HS-L01").detail, "fail: 0.40 fte of paid coordination (at least 0.55 fte)");
        // Location rules come first.
        assert_eq!(model.rules[0].id, "HS-L01");
        assert!(model.rules.iter().skip_while(|r| !r.trajectory).all(|r| r.trajectory));
    });
}

#[test]
fn pass_rates_count_waivers_as_not_failing() {
    with_ctx(&rulebook(), |ctx| {
        let model = build(&audit(), ctx);
        let rate = |id: &str| model.pass_rates.iter().find(|r| r.id == id).expect("a rule");
        // HS-L01: pass 1, fail 1, waived 1.
        assert_eq!(rate("HS-L01").share, Some(2.0 / 3.0));
        // HS-G01: pass 2, fail 2, waived 1, not yet due 1 (left out).
        assert_eq!(rate("HS-G01").share, Some(3.0 / 5.0));
        assert_eq!(rate("HS-G01").rate, "60.0%");
        assert_eq!(rate("HS-G01").locations_failing, "1 of 3");
        assert_eq!(rate("HS-G03").share, None);
        assert_eq!(rate("HS-G03").rate, "–");
    });
}

#[test]
fn norms_come_from_the_rulebook_and_a_disabled_rule_drops_out() {
    let mut book = rulebook();
    for rule in &mut book.rules {
        if rule.id == "HS-L01" {
            rule.params.insert("min_fte".into(), crate::rulebook::ParamValue::Number(0.45));
        }
        if rule.id == "HS-L03" {
            rule.enabled = false;
        }
    }
    with_ctx(&book, |ctx| {
        let model = build(&audit(), ctx);
        assert_eq!(model.distributions[0].norm, "at least 0.45");
        let below = model.distributions[0].stats.iter().find(|s| s.label.starts_with("Below")).expect("below");
        assert_eq!((below.label.as_str(), below.value.as_str()), ("Below the norm (0.45)", "1 location"));
        assert_eq!(model.distributions[1].norm, "the rulebook sets no norm");
        assert!(model.rules.iter().all(|r| r.id != "HS-L03"));
        assert_eq!(model.rules.len(), 19);
    });
}

#[test]
fn nothing_about_a_family_reaches_the_model() {
    with_ctx(&rulebook(), |ctx| {
        let mut audit = audit();
        audit.input_findings.push(crate::findings::InputFinding::cell(
            "exports/L1.xlsx",
            "gezinnen",
            7,
            Some("gezin_id"),
            Some("G-0001"),
            crate::findings::FindingKind::DuplicateId { first_row: 5 },
        ));
        let model = build(&audit, ctx);
        let text = format!("{:?}", model);
        assert!(!text.contains("G-000"), "{text}");
        assert_eq!(model.inputs.exports[0].findings, "1 finding");
    });
}

#[test]
fn the_ranking_counts_distinct_families_whatever_the_order_of_the_results() {
    let mut audit = audit();
    let ranked = |a: &Audit| -> Vec<(String, f64)> {
        super::ranking::ranking(a).iter().map(|r| (r.location_id.to_string(), r.family_share)).collect()
    };
    let grouped = ranked(&audit);
    // L1: G-0001 and G-0002 fail, G-0003 passes; L2: G-0001 fails (HS-G02), G-0002 passes.
    assert_eq!(grouped[0], ("L1".to_string(), 2.0 / 3.0));
    assert_eq!(grouped[1], ("L2".to_string(), 0.5));
    // The same results interleaved across locations, a family's failure before its pass.
    let mut all: Vec<_> = audit.results.iter().cloned().collect();
    all.reverse();
    let (odd, even): (Vec<_>, Vec<_>) = all.into_iter().enumerate().partition(|(i, _)| i % 2 == 1);
    audit.results = odd.into_iter().chain(even).map(|(_, r)| r).collect();
    assert_eq!(ranked(&audit), grouped);
}
