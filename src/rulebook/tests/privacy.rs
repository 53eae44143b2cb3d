//! The `[privacy]` table: defaults, the base and profile values, layering
//! with `extends`, and every problem with its place.

use super::{SPECS, load, only_problem, place_of, problems, repo_file};
use crate::rulebook::{Privacy, load_rulebook};

const PROFILE: &str = "extends = \"homestart-nl\"\n";

#[test]
fn the_embedded_rulebook_hides_below_five_and_does_not_round() {
    let book = load_rulebook(None, SPECS).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(book.privacy, Privacy { min_count: 5, round_to: 1 });
    assert_eq!(Privacy::default(), book.privacy);
}

#[test]
fn the_statistics_netherlands_profile_rounds_to_five() {
    let path = repo_file("rules/examples/profiel-cbs.toml");
    let book = load_rulebook(Some(&path), SPECS).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(book.privacy, Privacy { min_count: 5, round_to: 5 });
    assert_eq!(book.version, "2026.1+profiel-cbs");
    // Only the policy changes.
    let base = load_rulebook(None, SPECS).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(book.rules, base.rules);
}

#[test]
fn a_profile_sets_one_value_and_keeps_the_other() {
    let book = load(&format!("{PROFILE}[privacy]\nround_to = 10\n"));
    assert_eq!(book.privacy, Privacy { min_count: 5, round_to: 10 });
    let book = load(&format!("{PROFILE}[privacy]\nmin_count = 11\n"));
    assert_eq!(book.privacy, Privacy { min_count: 11, round_to: 1 });
    assert_eq!(load(PROFILE).privacy, Privacy::default());
}

#[test]
fn profiles_of_profiles_override_in_order() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let inner = dir.path().join("inner.toml");
    std::fs::write(&inner, format!("{PROFILE}[privacy]\nmin_count = 3\nround_to = 5\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    let outer = dir.path().join("outer.toml");
    std::fs::write(&outer, "extends = \"inner.toml\"\n[privacy]\nround_to = 2\n").unwrap_or_else(|e| panic!("{e}"));
    let book = load_rulebook(Some(&outer), SPECS).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(book.privacy, Privacy { min_count: 3, round_to: 2 });
}

#[test]
fn values_below_one_are_rejected_at_their_place() {
    let text = format!("{PROFILE}[privacy]\nmin_count = 0\n");
    let (line, col, msg) = only_problem(&text);
    assert_eq!((line, col), place_of(&text, "0\n"));
    assert_eq!(msg, "`min_count` must be at least 1");
    let text = format!("{PROFILE}[privacy]\nround_to = 0\n");
    assert_eq!(only_problem(&text), (3, 12, "`round_to` must be at least 1".to_string()));
    // `min_count` 2 is allowed (the contract defines it; `<2` can only be 1).
    let text = format!(
        "{PROFILE}[privacy]
min_count = 2
"
    );
    assert_eq!(load(&text).privacy.min_count, 2);
    let text = format!("{PROFILE}[privacy]\nmin_count = -2\n");
    assert_eq!(only_problem(&text), (3, 13, "`min_count` must not be negative".to_string()));
}

#[test]
fn wrong_types_and_unknown_keys_are_rejected_at_their_place() {
    let text = format!("{PROFILE}[privacy]\nmin_count = 5.5\nround_to = \"5\"\nmin_cuont = 5\n");
    let all = problems(&text);
    assert_eq!(
        all,
        vec![
            (3, 13, "`min_count` must be a whole number, but is a decimal number".to_string()),
            (4, 12, "`round_to` must be a whole number, but is a string".to_string()),
            (
                5,
                1,
                "unknown key `min_cuont` in the [privacy] table (did you mean `min_count`?); allowed: min_count, round_to"
                    .to_string()
            ),
        ]
    );
    let text = format!("{PROFILE}privacy = 5\n");
    assert_eq!(only_problem(&text), (2, 11, "`privacy` must be a table, but is a whole number".to_string()));
}

#[test]
fn a_base_rulebook_without_privacy_takes_the_defaults() {
    let text = crate::rulebook::extends::EMBEDDED[0].text;
    let start = text.find("[privacy]").unwrap_or(0);
    let end = text[start..].find("\n\n").map_or(text.len(), |e| start + e);
    let without = format!("{}{}", &text[..start], &text[end..]);
    assert!(!without.contains("[privacy]"));
    assert_eq!(load(&without).privacy, Privacy::default());
}
