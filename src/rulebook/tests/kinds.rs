//! Every kind of diagnostic, each with its exact line and column.

use super::{load, only_problem, place_of, problems};
use crate::rulebook::ParamValue;
use crate::rulebook::extends::EMBEDDED;

/// The embedded rulebook's text with `from` replaced (once) by `to`.
fn base_with(from: &str, to: &str) -> String {
    let text = EMBEDDED[0].text;
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    text.replacen(from, to, 1)
}

const P: &str = "extends = \"homestart-nl\"\n";

fn profile(rest: &str) -> String {
    format!("{P}{rest}")
}

#[test]
fn unknown_top_level_key_in_a_profile() {
    let (l, c, m) = only_problem(&profile("colour = \"blue\"\n"));
    assert_eq!((l, c), (2, 1));
    assert!(m.starts_with("unknown key `colour` in a profile"), "{m}");
    assert!(m.contains("allowed: extends, municipalities, privacy, rules"), "{m}");
}

#[test]
fn unknown_keys_in_the_base_rulebook_at_every_level() {
    let text = base_with("version = \"2026.1\"\n", "version = \"2026.1\"\nauthor = \"x\"\n");
    let (l, c, m) = only_problem(&text);
    assert_eq!((l, c), place_of(&text, "author"));
    assert!(m.starts_with("unknown key `author` in the rulebook"), "{m}");
    let text = base_with("name_en = \"Referrer guide\"\n", "name_en = \"Referrer guide\"\nurl = \"x\"\n");
    let (l, c, m) = only_problem(&text);
    assert_eq!((l, c), place_of(&text, "url ="));
    assert!(m.starts_with("unknown key `url` in source `stappenplan`"), "{m}");
}

#[test]
fn unknown_key_in_a_rule_suggests_the_close_one() {
    let (l, c, m) = only_problem(&profile("[rules.\"HS-L01\"]\nmin_ftee = 0.6\n"));
    assert_eq!((l, c), (3, 1));
    assert!(m.starts_with("unknown key `min_ftee` in rule HS-L01 (did you mean `min_fte`?)"), "{m}");
}

#[test]
fn unknown_rule_id() {
    let (l, c, m) = only_problem(&profile("\n[rules.\"HS-X99\"]\nenabled = false\n"));
    assert_eq!((l, c), (3, 8));
    assert_eq!(m, "unknown rule id `HS-X99`");
    let (_, _, m) = only_problem(&profile("[rules.\"HS-L1\"]\nenabled = false\n"));
    assert_eq!(m, "unknown rule id `HS-L1` (did you mean HS-L01?)");
}

#[test]
fn duplicate_rule_ids_and_keys() {
    let text = profile("[rules.\"HS-L01\"]\nenabled = false\n\n[rules.\"HS-L01\"]\nmin_fte = 0.6\n");
    let (l, c, m) = only_problem(&text);
    assert_eq!((l, c), (5, 8));
    assert!(m.starts_with("`HS-L01` appears here for the second time"), "{m}");
    let text = profile("[rules.\"HS-L03\"]\nmin_volunteers = 20\nmin_volunteers = 22\n");
    let (l, c, _) = only_problem(&text);
    assert_eq!((l, c), (4, 1));
}

#[test]
fn duplicates_do_not_hide_other_problems() {
    let text = profile("[rules.\"HS-L01\"]\nenabled = false\nenabled = true\ncolour = 1\n");
    let all = problems(&text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!((all[0].0, all[0].1), (4, 1));
    assert_eq!((all[1].0, all[1].1), (5, 1));
}

#[test]
fn syntax_errors_are_reported_alone_with_their_place() {
    let text = profile("[rules.\"HS-L01\"]\nmin_fte = 0,55\n");
    let (l, c, m) = only_problem(&text);
    assert_eq!((l, c), (3, 12));
    assert!(m.starts_with("not valid TOML"), "{m}");
}

#[test]
fn parameter_types() {
    // A decimal where a whole number is needed.
    let (l, c, m) = only_problem(&profile("[rules.\"HS-L03\"]\nmin_volunteers = 24.5\n"));
    assert_eq!((l, c), (3, 18));
    assert_eq!(m, "`min_volunteers` must be a whole number, but is a decimal number");
    // A whole number where a number is needed is fine.
    let book = load(&profile("[rules.\"HS-L01\"]\nmin_fte = 1\n"));
    assert_eq!(book.rule("HS-L01").map(|r| r.params.get("min_fte").copied()), Some(Some(ParamValue::Integer(1))));
    assert_eq!(book.rule("HS-L01").and_then(|r| r.num("min_fte").ok()), Some(1.0));
    // Yes/no mismatches, both ways.
    let (l, c, m) = only_problem(&profile("[rules.\"HS-G01\"]\npregnancy_allowed = \"yes\"\n"));
    assert_eq!((l, c), (3, 21));
    assert_eq!(m, "`pregnancy_allowed` must be true or false, but is a string");
    let (_, _, m) = only_problem(&profile("[rules.\"HS-G01\"]\nmax_age = true\n"));
    assert_eq!(m, "`max_age` must be a whole number, but is true or false");
    let (_, _, m) = only_problem(&profile("[rules.\"HS-L01\"]\nmin_fte = \"0,55\"\n"));
    assert_eq!(m, "`min_fte` must be a number, but is a string");
    let (_, _, m) = only_problem(&profile("[rules.\"HS-L01\"]\nenabled = 1\n"));
    assert_eq!(m, "`enabled` must be true or false, but is a whole number");
}

#[test]
fn numbers_must_be_finite_and_not_negative() {
    let (l, c, m) = only_problem(&profile("[rules.\"HS-L01\"]\nmin_fte = -0.5\n"));
    assert_eq!((l, c, m.as_str()), (3, 11, "`min_fte` must not be negative"));
    let (_, _, m) = only_problem(&profile("[rules.\"HS-L01\"]\nmin_fte = nan\n"));
    assert_eq!(m, "`min_fte` must be a finite number");
}

#[test]
fn missing_parameter_of_a_rule() {
    let text = base_with("min_volunteers = 24\n", "");
    let (l, c, m) = only_problem(&text);
    let (hl, hc) = place_of(&text, "\"HS-L03\"]");
    assert_eq!((l, c), (hl, hc));
    assert_eq!(m, "`min_volunteers` of rule HS-L03 is missing");
}

#[test]
fn missing_texts_ids_and_rules_of_a_base_rulebook() {
    let text = base_with("id = \"homestart-nl\"\n", "");
    assert_eq!(only_problem(&text), (1, 1, "the rulebook's `id` is missing".to_string()));
    let text = base_with("why_en = \"\"\"\nThe paid coordinator", "why_nl_x = \"\"\"\nThe paid coordinator");
    let all = problems(&text);
    assert_eq!(all.len(), 2, "{all:#?}");
    let start = EMBEDDED[0].text.find("[rules.\"HS-G12\"]").unwrap_or(0);
    let text = EMBEDDED[0].text[..start].to_string();
    let (l, c, m) = only_problem(&text);
    let (hl, hc) = place_of(&text, "[rules.\"HS-L01\"]");
    assert_eq!((l, c), (hl, hc + 1));
    assert_eq!(m, "rule HS-G12 (the code knows it) in the rulebook is missing");
}

#[test]
fn a_parameter_of_another_rule() {
    let (l, c, m) = only_problem(&profile("[rules.\"HS-G01\"]\nmax_families = 10\n"));
    assert_eq!((l, c), (3, 1));
    assert_eq!(m, "rule HS-G01 has no parameter `max_families`; it belongs to HS-L05");
}

#[test]
fn min_above_max_across_rules() {
    let (l, c, m) = only_problem(&profile("[rules.\"HS-L04\"]\nmin_families = 35\n"));
    assert_eq!((l, c), (3, 16));
    assert!(m.starts_with("contradictory thresholds: `min_families` = 35 (HS-L04) is above `max_families` = 30 (HS-L05, see rules/homestart-nl.toml:"), "{m}");
    // The max lowered in the profile: the profile's line is the one shown.
    let (l, c, _) = only_problem(&profile("\n[rules.\"HS-L05\"]\nmax_families = 20\n"));
    assert_eq!((l, c), (4, 16));
    // With HS-L05 switched off, the two cannot contradict.
    assert!(
        problems(&profile("[rules.\"HS-L04\"]\nmin_families = 35\n[rules.\"HS-L05\"]\nenabled = false\n")).is_empty()
    );
    // Equal is fine.
    assert!(problems(&profile("[rules.\"HS-L04\"]\nmin_families = 30\n")).is_empty());
}

#[test]
fn pregnancy_week_past_forty() {
    let (l, c, m) = only_problem(&profile("[rules.\"HS-G01\"]\nmin_pregnancy_week = 41\n"));
    assert_eq!((l, c), (3, 22));
    assert!(m.starts_with("`min_pregnancy_week` = 41 is past week 40"), "{m}");
    assert!(problems(&profile("[rules.\"HS-G01\"]\nmin_pregnancy_week = 40\n")).is_empty());
}

#[test]
fn invalid_severity_and_scope() {
    let (l, c, m) = only_problem(&profile("[rules.\"HS-G02\"]\nseverity = \"critical\"\n"));
    assert_eq!((l, c), (3, 12));
    assert_eq!(m, "invalid severity `critical`; use error, warning or info");
    let text = base_with("scope = \"location\"\nseverity = \"info\"", "scope = \"everywhere\"\nseverity = \"info\"");
    let (l, c, m) = only_problem(&text);
    assert_eq!((l, c), place_of(&text, "\"everywhere\""));
    assert_eq!(m, "invalid scope `everywhere`; use location or trajectory");
    let text = base_with("scope = \"location\"\nseverity = \"info\"", "scope = \"trajectory\"\nseverity = \"info\"");
    let (_, _, m) = only_problem(&text);
    assert_eq!(m, "rule HS-L08 is a location rule; set scope = \"location\"");
}

#[test]
fn unknown_source_and_profile_text_changes() {
    let text = base_with(
        "source = \"gemeenten\"\nsource_sentence_nl = \"Een locatie kost",
        "source = \"gemeente\"\nsource_sentence_nl = \"Een locatie kost",
    );
    let (l, c, m) = only_problem(&text);
    assert_eq!((l, c), place_of(&text, "\"gemeente\"\n"));
    assert_eq!(m, "unknown source `gemeente`; the rulebook describes: gemeenten, stappenplan");
    let (l, c, m) = only_problem(&profile("[rules.\"HS-G02\"]\ntitle_nl = \"Langer\"\n"));
    assert_eq!((l, c), (3, 1));
    assert_eq!(m, "a profile cannot change `title_nl` of rule HS-G02, only enabled, severity and parameters");
}

#[test]
fn municipality_keys() {
    let text = profile("[municipalities.\"Sneek\"]\nmax_age = 8\nmax_duration_months = 24\n");
    let (l, c, m) = only_problem(&text);
    assert_eq!((l, c), (4, 1));
    assert!(
        m.starts_with("unknown key `max_duration_months` in municipality `Sneek`; allowed: max_age, pregnancy_allowed"),
        "{m}"
    );
    let (_, _, m) = only_problem(&profile("[municipalities.\"Sneek\"]\npregnancy_allowed = 1\n"));
    assert_eq!(m, "`pregnancy_allowed` must be true or false, but is a whole number");
    let text = profile(
        "[municipalities.\"Súdwest-Fryslân\"]\nmax_age = 8\n[municipalities.\"sudwest fryslan\"]\nmax_age = 9\n",
    );
    let (l, c, m) = only_problem(&text);
    assert_eq!((l, c), (4, 17));
    assert!(m.starts_with("municipality `sudwest fryslan` already appears on line 2"), "{m}");
}

#[test]
fn every_problem_at_once_sorted_by_place() {
    let text = profile(concat!(
        "colour = 1\n",
        "[rules.\"HS-L03\"]\nmin_volunteers = 24.5\n",
        "[rules.\"HS-X01\"]\n",
        "[rules.\"HS-L04\"]\nmin_families = 31\n",
    ));
    let places: Vec<(usize, usize)> = problems(&text).iter().map(|p| (p.0, p.1)).collect();
    assert_eq!(places, vec![(2, 1), (4, 18), (5, 8), (7, 16)]);
}

/// A one-rule rulebook whose bounds a municipality may both override.
mod per_municipality_bounds {
    use crate::rulebook::tests::specs::nothing;
    use crate::rulebook::{Counts, ParamKind, Scope, load_rulebook_text};
    use crate::rules::registry::{ParamSpec, RuleFacts, RuleSpec};

    const P: &[ParamSpec] = &[
        ParamSpec { name: "min_age", kind: ParamKind::Integer, per_municipality: true },
        ParamSpec { name: "max_age", kind: ParamKind::Integer, per_municipality: true },
    ];
    const SPECS: &[RuleSpec] = &[RuleSpec {
        id: "HS-T01",
        scope: Scope::Trajectory,
        params: P,
        evaluate: nothing,
        facts: RuleFacts::PLAIN,
        counts: Counts::Families,
    }];

    const BASE: &str = r#"id = "t"
version = "1"
title_nl = "t"
title_en = "t"
[sources.s]
name_nl = "s"
name_en = "s"
[rules."HS-T01"]
scope = "trajectory"
severity = "error"
title_nl = "t"
title_en = "t"
explanation_nl = "t"
explanation_en = "t"
why_nl = "t"
why_en = "t"
action_nl = "t"
action_en = "t"
source = "s"
source_sentence_nl = "t"
source_sentence_en = "t"
min_age = 2
max_age = 6
"#;

    #[test]
    fn a_municipality_bound_is_checked_against_the_other_bound() {
        let ok = format!("{BASE}[municipalities.\"Sneek\"]\nmax_age = 2\n");
        let book = load_rulebook_text("t.toml", &ok, None, SPECS).unwrap_or_else(|d| panic!("{d:#?}"));
        let rule = book.rule("HS-T01").unwrap_or_else(|| panic!("HS-T01"));
        assert_eq!(rule.int_for("max_age", Some("SNEEK")).ok(), Some(2));
        assert_eq!(rule.int_for("min_age", Some("SNEEK")).ok(), Some(2));
        let bad = format!("{BASE}[municipalities.\"Sneek\"]\nmax_age = 1\n");
        let diags = load_rulebook_text("t.toml", &bad, None, SPECS).err().unwrap_or_default();
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert_eq!((diags[0].line, diags[0].column), (25, 11));
        assert!(diags[0].message.en.starts_with("contradictory thresholds for municipality Sneek: `min_age` = 2"));
        let both = format!("{BASE}[municipalities.\"Sneek\"]\nmin_age = 5\nmax_age = 4\n");
        let diags = load_rulebook_text("t.toml", &both, None, SPECS).err().unwrap_or_default();
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert_eq!((diags[0].line, diags[0].column), (25, 11));
    }
}
