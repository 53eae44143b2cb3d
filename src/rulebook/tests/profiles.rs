//! Profiles: overrides of parameters, severity, `enabled` and municipality
//! parameters; chains of `extends` by path; cycles and missing targets.

use std::fs;

use super::{SPECS, load, only_problem, repo_file};
use crate::results::Severity;
use crate::rulebook::{load_rulebook, load_rulebook_text};

#[test]
fn the_example_profile_of_rules_md() {
    let path = repo_file("rules/examples/profiel-sudwest-fryslan.toml");
    let book = load_rulebook(Some(&path), SPECS).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(book.id, "homestart-nl");
    assert_eq!(book.version, "2026.1+profiel-sudwest-fryslan");
    assert!(book.title.nl.ends_with("(profiel profiel-sudwest-fryslan)"));
    // Parameter and severity override.
    let g02 = book.rule("HS-G02").unwrap_or_else(|| panic!("HS-G02"));
    assert_eq!(g02.severity, Severity::Error);
    assert_eq!(g02.int("max_duration_months").ok(), Some(24));
    // Rule disabled, still listed.
    assert_eq!(book.rule("HS-G12").map(|r| r.enabled), Some(false));
    // Untouched rules keep the base's values.
    assert_eq!(book.rule("HS-L04").and_then(|r| r.int("min_families").ok()), Some(25));
    assert_eq!(book.rule("HS-G04").map(|r| r.severity), Some(Severity::Warning));
    // Municipality override, matched like sheet names.
    let g01 = book.rule("HS-G01").unwrap_or_else(|| panic!("HS-G01"));
    assert_eq!(g01.int_for("max_age", Some("Súdwest-Fryslân")).ok(), Some(8));
    assert_eq!(g01.int_for("max_age", Some("sudwest fryslan")).ok(), Some(8));
    assert_eq!(g01.int_for("max_age", Some("SUDWEST_FRYSLAN")).ok(), Some(8));
    assert_eq!(g01.flag_for("pregnancy_allowed", Some("Sudwest-Fryslan")).ok(), Some(true));
    assert_eq!(g01.int_for("max_age", Some("Leeuwarden")).ok(), Some(6));
    assert_eq!(g01.flag_for("pregnancy_allowed", Some("Leeuwarden")).ok(), Some(false));
    assert_eq!(g01.int_for("max_age", None).ok(), Some(6));
    assert_eq!(g01.int_for("min_pregnancy_week", Some("Súdwest-Fryslân")).ok(), Some(28));
    // Municipality parameters go only to the rules that take them.
    assert!(book.rules.iter().filter(|r| r.id != "HS-G01").all(|r| r.municipalities.is_empty()));
}

#[test]
fn a_profile_only_changes_what_it_names() {
    let base = load_rulebook(None, SPECS).unwrap_or_else(|d| panic!("{d:#?}"));
    let book = load("extends = \"homestart-nl\"\n[rules.\"HS-L01\"]\nmin_fte = 0.6\n");
    assert_eq!(book.version, "2026.1+t");
    for (a, b) in base.rules.iter().zip(&book.rules) {
        if a.id == "HS-L01" {
            assert_eq!(b.num("min_fte").ok(), Some(0.6));
            assert_eq!(b.num("hours_per_fte").ok(), Some(36.0));
            assert_eq!((&a.title, a.severity), (&b.title, b.severity));
        } else {
            assert_eq!(a, b);
        }
    }
}

#[test]
fn chains_by_path_override_in_order() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let sub = dir.path().join("regio");
    fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
    let write = |p: &std::path::Path, t: &str| fs::write(p, t).unwrap_or_else(|e| panic!("{e}"));
    write(
        &sub.join("regio.toml"),
        "extends = \"homestart-nl\"\n[rules.\"HS-G02\"]\nmax_duration_months = 20\nseverity = \"error\"\n[municipalities.\"Sneek\"]\nmax_age = 10\n",
    );
    write(
        &dir.path().join("locatie.toml"),
        "extends = \"regio/regio.toml\"\n[rules.\"HS-G02\"]\nmax_duration_months = 22\n[municipalities.\"sneek\"]\npregnancy_allowed = true\n",
    );
    let book = load_rulebook(Some(&dir.path().join("locatie.toml")), SPECS).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(book.version, "2026.1+regio+locatie");
    let g02 = book.rule("HS-G02").unwrap_or_else(|| panic!("HS-G02"));
    assert_eq!(g02.int("max_duration_months").ok(), Some(22));
    assert_eq!(g02.severity, Severity::Error);
    let g01 = book.rule("HS-G01").unwrap_or_else(|| panic!("HS-G01"));
    assert_eq!(g01.int_for("max_age", Some("Sneek")).ok(), Some(10));
    assert_eq!(g01.flag_for("pregnancy_allowed", Some("Sneek")).ok(), Some(true));
}

#[test]
fn cycles_are_reported_at_the_extends_that_closes_them() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let a = dir.path().join("a.toml");
    let b = dir.path().join("b.toml");
    fs::write(&a, "extends = \"b.toml\"\n").unwrap_or_else(|e| panic!("{e}"));
    fs::write(&b, "# b\nextends = \"a.toml\"\n").unwrap_or_else(|e| panic!("{e}"));
    let diags = load_rulebook(Some(&a), SPECS).err().unwrap_or_default();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0].file, b.display().to_string());
    assert_eq!((diags[0].line, diags[0].column), (2, 11));
    assert!(diags[0].message.en.starts_with("`extends` forms a cycle: "), "{}", diags[0].message.en);
    // A profile extending itself.
    fs::write(&a, "extends = \"a.toml\"\n").unwrap_or_else(|e| panic!("{e}"));
    let diags = load_rulebook(Some(&a), SPECS).err().unwrap_or_default();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!((diags[0].line, diags[0].column), (1, 11));
}

#[test]
fn a_missing_target_is_reported_at_extends() {
    let (l, c, m) = only_problem("\nextends = \"homestart-be\"\n");
    assert_eq!((l, c), (2, 11));
    assert!(m.starts_with("`homestart-be` is not an embedded rulebook (homestart-nl) nor a file"), "{m}");
    let (_, _, m) = only_problem("extends = 5\n");
    assert_eq!(m, "`extends` must be a quoted string, but is a whole number");
}

#[test]
fn problems_in_the_extended_file_name_that_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("base.toml"), "extends = \"homestart-nl\"\n[rules.\"HS-L01\"]\nmin_fte = true\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let text = "extends = \"base.toml\"\n[rules.\"HS-L01\"]\nmin_fte = 0.7\n";
    let diags = load_rulebook_text("top.toml", text, Some(dir.path()), SPECS).err().unwrap_or_default();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(diags[0].file.ends_with("base.toml"));
    assert_eq!((diags[0].line, diags[0].column), (3, 11));
}

#[test]
fn unreadable_files_are_one_diagnostic() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let missing = dir.path().join("nope.toml");
    let diags = load_rulebook(Some(&missing), SPECS).err().unwrap_or_default();
    assert_eq!(diags.len(), 1);
    assert_eq!((diags[0].line, diags[0].column), (1, 1));
    assert!(diags[0].message.en.starts_with("cannot read the file"));
    let latin1 = dir.path().join("latin1.toml");
    fs::write(&latin1, b"extends = \"homestart-nl\"\n# gemeente S\xfadwest\n").unwrap_or_else(|e| panic!("{e}"));
    let diags = load_rulebook(Some(&latin1), SPECS).err().unwrap_or_default();
    assert_eq!(diags.len(), 1);
    assert!(diags[0].message.en.starts_with("the file is not UTF-8"));
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let book = load_rulebook_text("bom.toml", "\u{feff}extends = \"homestart-nl\"\n", None, SPECS);
    assert!(book.is_ok());
}
