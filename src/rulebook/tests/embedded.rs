//! The embedded rulebook loads against the 20 rules of rules.md, with the
//! parameters and severities the spec gives.

use super::SPECS;
use crate::results::Severity;
use crate::rulebook::{ParamValue, Scope, load_rulebook};

#[test]
fn embedded_rulebook_loads_clean() {
    let book = load_rulebook(None, SPECS)
        .unwrap_or_else(|d| panic!("{}", crate::rulebook::render_all(&d, crate::i18n::Lang::En)));
    assert_eq!(book.id, "homestart-nl");
    assert_eq!(book.version, "2026.1");
    assert_eq!(book.rules.len(), 20);
    let ids: Vec<&str> = book.rules.iter().map(|r| r.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "rules sorted by id");
    for r in &book.rules {
        assert!(r.enabled, "{} enabled", r.id);
        for t in [&r.title, &r.explanation, &r.why, &r.action, &r.source.document, &r.source.sentence] {
            assert!(!t.nl.is_empty() && !t.en.is_empty(), "{}: every text in nl and en", r.id);
            assert!(!t.nl.contains('\n') && !t.en.contains('\n'), "{}: prose on one line", r.id);
        }
        assert!(r.municipalities.is_empty());
    }
}

#[test]
fn severities_and_scopes_are_those_of_rules_md() {
    let book = load_rulebook(None, SPECS).unwrap_or_else(|_| panic!("embedded rulebook"));
    let (e, w, i) = (Severity::Error, Severity::Warning, Severity::Info);
    let expected = [
        ("HS-L01", e),
        ("HS-L02", e),
        ("HS-L03", e),
        ("HS-L04", e),
        ("HS-L05", w),
        ("HS-L06", w),
        ("HS-L07", e),
        ("HS-L08", i),
        ("HS-G01", e),
        ("HS-G02", w),
        ("HS-G03", e),
        ("HS-G04", w),
        ("HS-G05", w),
        ("HS-G06", e),
        ("HS-G07", w),
        ("HS-G08", w),
        ("HS-G09", w),
        ("HS-G10", e),
        ("HS-G11", w),
        ("HS-G12", i),
    ];
    for (id, sev) in expected {
        let r = book.rule(id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(r.severity, sev, "{id}");
        let scope = if id.starts_with("HS-L") { Scope::Location } else { Scope::Trajectory };
        assert_eq!(r.scope, scope, "{id}");
    }
}

#[test]
fn parameters_are_those_of_rules_md() {
    let book = load_rulebook(None, SPECS).unwrap_or_else(|_| panic!("embedded rulebook"));
    let num = |id: &str, p: &str| book.rule(id).and_then(|r| r.num(p).ok());
    let int = |id: &str, p: &str| book.rule(id).and_then(|r| r.int(p).ok());
    assert_eq!(num("HS-L01", "min_fte"), Some(0.55));
    assert_eq!(num("HS-L01", "hours_per_fte"), Some(36.0));
    assert_eq!(int("HS-L03", "min_volunteers"), Some(24));
    assert_eq!(int("HS-L04", "min_families"), Some(25));
    assert_eq!(int("HS-L05", "max_families"), Some(30));
    assert_eq!(num("HS-L06", "min_hours_per_family_year"), Some(105.0));
    assert_eq!(num("HS-L08", "cost_norm"), Some(56500.0));
    assert_eq!(int("HS-G01", "max_age"), Some(6));
    assert_eq!(book.rule("HS-G01").and_then(|r| r.flag("pregnancy_allowed").ok()), Some(false));
    assert_eq!(int("HS-G01", "min_pregnancy_week"), Some(28));
    assert_eq!(int("HS-G02", "max_duration_months"), Some(18));
    assert_eq!(int("HS-G04", "first_check_days"), Some(35));
    assert_eq!(int("HS-G04", "first_check_grace_days"), Some(14));
    assert_eq!(int("HS-G05", "max_evaluation_gap_months"), Some(6));
    assert_eq!(int("HS-G06", "closure_window_days"), Some(30));
    assert_eq!(int("HS-G07", "closure_window_days"), Some(30));
    assert_eq!(int("HS-G08", "follow_up_months"), Some(3));
    assert_eq!(int("HS-G08", "follow_up_early_days"), Some(14));
    assert_eq!(int("HS-G08", "follow_up_late_days"), Some(30));
    assert_eq!(int("HS-G09", "referrer_message_days"), Some(30));
    assert_eq!(int("HS-G11", "min_visit_overlap_days"), Some(28));
    assert_eq!(num("HS-G11", "min_visit_ratio"), Some(0.75));
    // Parameter-free rules carry none, and nothing carries more than its spec.
    for spec in SPECS {
        let r = book.rule(spec.id).unwrap_or_else(|| panic!("{}", spec.id));
        let names: Vec<&str> = r.params.keys().map(String::as_str).collect();
        let mut want: Vec<&str> = spec.params.iter().map(|p| p.name).collect();
        want.sort();
        assert_eq!(names, want, "{}", spec.id);
    }
    // Whole numbers are written without a decimal point, so either kind accepts them.
    assert_eq!(
        book.rule("HS-L01").map(|r| r.params.get("hours_per_fte").copied()),
        Some(Some(ParamValue::Integer(36)))
    );
}

#[test]
fn sources_are_named_in_both_languages() {
    let book = load_rulebook(None, SPECS).unwrap_or_else(|_| panic!("embedded rulebook"));
    let doc = |id: &str| book.rule(id).map(|r| r.source.document.clone()).unwrap_or_default();
    assert_eq!(doc("HS-L01").nl, "Gemeenten");
    assert_eq!(doc("HS-L01").en, "Home-Start information for municipalities");
    assert_eq!(doc("HS-G04").nl, "Stappenplan voor verwijzers");
    assert_eq!(doc("HS-G04").en, "Referrer guide");
}

#[test]
fn with_no_rules_known_every_rule_is_unknown() {
    // On a branch whose registry is still empty, the default rulebook names
    // rules the code does not know: that is reported, not a panic.
    let diags = load_rulebook(None, &[]).err().unwrap_or_default();
    assert_eq!(diags.len(), 20);
    assert!(diags.iter().all(|d| d.file == "rules/homestart-nl.toml" && d.message.en.starts_with("unknown rule id")));
}
