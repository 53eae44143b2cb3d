//! `tolerance` on every trajectory rule: accepted without a rule declaring
//! it, 0 by default, checked to lie in [0, 1] at its file, line and column,
//! refused on location rules; the example profile of a national reviewer.

use super::{SPECS, load, only_problem, place_of, repo_file};
use crate::rulebook::{Scope, load_rulebook};

#[test]
fn every_trajectory_rule_takes_a_tolerance_and_defaults_to_zero() {
    let base = load_rulebook(None, SPECS).unwrap_or_else(|d| panic!("{d:#?}"));
    assert!(base.rules.iter().all(|r| r.tolerance() == 0.0));
    for r in base.rules.iter().filter(|r| r.scope == Scope::Trajectory) {
        let book = load(&format!("extends = \"homestart-nl\"\n[rules.\"{}\"]\ntolerance = 0.25\n", r.id));
        assert_eq!(book.rule(&r.id).map(|c| c.tolerance()), Some(0.25), "{}", r.id);
    }
    // The ends are shares too, and an integer is a number.
    for v in ["0", "1", "1.0", "0.0"] {
        let book = load(&format!("extends = \"homestart-nl\"\n[rules.\"HS-G06\"]\ntolerance = {v}\n"));
        assert!(book.rule("HS-G06").is_some_and(|c| (0.0..=1.0).contains(&c.tolerance())));
    }
}

#[test]
fn a_tolerance_outside_zero_to_one_is_pointed_at() {
    for v in ["1.01", "-0.1", "5"] {
        let text = format!("extends = \"homestart-nl\"\n\n[rules.\"HS-G04\"]\ntolerance = {v}\n");
        let (line, col, msg) = only_problem(&text);
        assert_eq!((line, col), place_of(&text, v), "{msg}");
        assert!(msg.contains("`tolerance`"), "{msg}");
        if !v.starts_with('-') {
            // (A negative number is refused for every parameter, in its own words.)
            assert!(msg.contains("HS-G04") && msg.contains("from 0 to 1"), "{msg}");
        }
    }
}

#[test]
fn a_tolerance_of_the_wrong_type_is_pointed_at() {
    let text = "extends = \"homestart-nl\"\n[rules.\"HS-G04\"]\ntolerance = \"10%\"\n";
    let (line, col, msg) = only_problem(text);
    assert_eq!((line, col), place_of(text, "\"10%\""), "{msg}");
}

#[test]
fn a_location_rule_takes_no_tolerance() {
    let text = "extends = \"homestart-nl\"\n[rules.\"HS-L01\"]\ntolerance = 0.1\n";
    let (line, col, msg) = only_problem(text);
    assert_eq!((line, col), (3, 1));
    assert!(msg.contains("location rule") && msg.contains("trajectory rules"), "{msg}");
}

#[test]
fn the_example_profile_of_a_national_reviewer_loads_and_says_it_is_an_example() {
    let path = repo_file("rules/examples/profiel-landelijke-toetsing.toml");
    let book = load_rulebook(Some(&path), SPECS).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(book.rule("HS-G06").map(|r| r.tolerance()), Some(0.1));
    assert!(book.rules.iter().filter(|r| r.scope == Scope::Location).all(|r| r.tolerance() == 0.0));
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(text.contains("GEEN NORM VAN HOME-START") && text.contains("NOT HOME-START'S NORM"));
    assert!(crate::rulebook::lint(&path, SPECS).is_empty());
}
