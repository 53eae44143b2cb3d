//! `rules list`, `rules explain ID` and `rules lint FILE`: their texts and
//! exit outcomes, on the embedded rulebook and the fixtures.

use super::{SPECS, repo_file};
use crate::cli::Outcome;
use crate::i18n::Lang;
use crate::rulebook::lint_cmd::run_lint_with;
use crate::rulebook::prose::{run_explain, run_list, wrap};
use crate::rulebook::{FileKind, Rulebook, kind_of, lint, load_rulebook};

fn book(path: Option<&str>) -> Rulebook {
    let path = path.map(repo_file);
    load_rulebook(path.as_deref(), SPECS).unwrap_or_else(|d| panic!("{d:#?}"))
}

fn text(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<Outcome>) -> (Outcome, String) {
    let mut out = Vec::new();
    let outcome = f(&mut out).unwrap_or_else(|e| panic!("{e}"));
    (outcome, String::from_utf8(out).unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn list_shows_every_rule_grouped_with_severity() {
    let b = book(None);
    let (_, nl) = text(|o| run_list(Lang::Nl, &b, o).map(|_| Outcome::Clean));
    assert!(nl.starts_with("Home-Start Nederland: minimale uitvoeringsvoorwaarden (homestart-nl 2026.1)\n"));
    assert!(nl.contains("  HS-L01  fout          Voldoende betaalde coördinatie\n"), "{nl}");
    assert!(nl.contains("  HS-L05  waarschuwing  Niet te veel gezinnen\n"), "{nl}");
    assert_eq!(nl.lines().filter(|l| l.starts_with("  HS-")).count(), 20);
    let loc = nl.find("Locatieregels").unwrap_or(usize::MAX);
    let traj = nl.find("Trajectregels").unwrap_or(0);
    assert!(loc < traj && nl.find("HS-L08").unwrap_or(usize::MAX) < traj && nl.find("HS-G01").unwrap_or(0) > traj);
    let (_, en) = text(|o| {
        run_list(Lang::En, &book(Some("rules/examples/profiel-sudwest-fryslan.toml")), o).map(|_| Outcome::Clean)
    });
    assert!(en.contains("  HS-G02  error         Support does not last too long\n"), "{en}");
    assert!(en.contains("  HS-G12  info          Outcome measured  (disabled)\n"), "{en}");
}

#[test]
fn explain_gives_texts_parameters_and_source() {
    let b = book(Some("rules/examples/profiel-sudwest-fryslan.toml"));
    let (outcome, en) = text(|o| run_explain("hs-g01", Lang::En, &b, o));
    assert_eq!(outcome, Outcome::Clean);
    for part in [
        "HS-G01  Family belongs to the target group\n",
        "Trajectory rule · severity: error · enabled\n",
        "\nWhat it checks\n  Looks at the youngest child",
        "\nWhy it matters\n",
        "\nWhat to do when it fails\n",
        "\nParameters\n  max_age = 6\n  min_pregnancy_week = 28\n  pregnancy_allowed = false\n",
        "    sudwestfryslan: max_age = 8, pregnancy_allowed = true\n",
        "\nSource: Referrer guide\n  \u{201c}Home-Start is for families",
    ] {
        assert!(en.contains(part), "missing {part:?} in\n{en}");
    }
    assert!(en.lines().all(|l| l.chars().count() <= 80), "{en}");
    let (_, nl) = text(|o| run_explain("HS-L01", Lang::Nl, &b, o));
    assert!(nl.contains("Locatieregel · ernst: fout · aan\n"), "{nl}");
    assert!(nl.contains("  hours_per_fte = 36\n  min_fte = 0.55\n"), "{nl}");
    assert!(nl.contains("Bron: Gemeenten\n"), "{nl}");
    let (_, none) = text(|o| run_explain("HS-L02", Lang::Nl, &b, o));
    assert!(none.contains("Parameters\n  (geen)\n"), "{none}");
}

#[test]
fn explain_of_an_unknown_rule_is_a_usage_error() {
    let (outcome, out) = text(|o| run_explain("HS-G99", Lang::En, &book(None), o));
    assert_eq!(outcome, Outcome::InputProblem);
    assert!(out.starts_with("Unknown rule `HS-G99`; choose one of the rules below"), "{out}");
    assert!(out.contains("\nKnown rules: HS-L01, "), "{out}");
}

#[test]
fn lint_of_the_broken_profile_reports_every_problem() {
    let path = repo_file("fixtures/rulebooks/broken-profile.toml");
    let diags = lint(&path, SPECS);
    let places: Vec<(usize, usize)> = diags.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(
        places,
        [(4, 1), (8, 1), (11, 16), (14, 18), (16, 1), (19, 11), (20, 22), (21, 1), (23, 8), (27, 12), (28, 1)]
    );
    // Every line marked ERROR in the fixture is reported, and nothing else.
    let src = std::fs::read_to_string(&path).unwrap_or_default();
    let marked: Vec<usize> =
        src.lines().enumerate().filter(|(_, l)| l.contains("# ERROR")).map(|(i, _)| i + 1).collect();
    let lines: Vec<usize> = places.iter().map(|p| p.0).collect();
    assert_eq!(lines, marked);
    let (outcome, out) = text(|o| run_lint_with(&path, SPECS, Lang::En, o));
    assert_eq!(outcome, Outcome::InputProblem);
    let shown = path.display().to_string();
    assert!(out.starts_with(&format!("{shown}:4:1: unknown key `colour` in a profile")), "{out}");
    assert!(out.ends_with(&format!("{shown}: 11 problems found.\n")), "{out}");
}

#[test]
fn lint_of_the_broken_waivers_and_the_valid_profile() {
    let path = repo_file("fixtures/rulebooks/broken-waivers.toml");
    let src = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(kind_of(&src), FileKind::Waivers);
    let marked: Vec<usize> =
        src.lines().enumerate().filter(|(_, l)| l.contains("# ERROR")).map(|(i, _)| i + 1).collect();
    let mut lines: Vec<usize> = lint(&path, SPECS).iter().map(|d| d.line).collect();
    lines.dedup();
    assert_eq!(lines, marked);
    let (outcome, out) = text(|o| run_lint_with(&path, SPECS, Lang::Nl, o));
    assert_eq!(outcome, Outcome::InputProblem);
    assert!(out.ends_with(": 5 problemen gevonden.\n"), "{out}");
    for clean in [
        "fixtures/rulebooks/valid-profile.toml",
        "rules/examples/waivers-voorbeeld.toml",
        "rules/examples/profiel-cbs.toml",
        "rules/homestart-nl.toml",
    ] {
        let (outcome, out) = text(|o| run_lint_with(&repo_file(clean), SPECS, Lang::En, o));
        assert_eq!(outcome, Outcome::Clean, "{out}");
        assert!(out.ends_with("is fine, no problems found.\n"), "{out}");
    }
}

#[test]
fn lint_of_a_missing_file() {
    let (outcome, out) = text(|o| run_lint_with(&repo_file("fixtures/rulebooks/nope.toml"), SPECS, Lang::En, o));
    assert_eq!(outcome, Outcome::InputProblem);
    assert!(out.contains("nope.toml:1:1: cannot read the file"), "{out}");
}

#[test]
fn wrap_keeps_words_and_paragraphs() {
    assert_eq!(wrap("een twee drie vier", 9), ["een twee", "drie vier"]);
    assert_eq!(wrap("a\n\nb", 10), ["a", "", "b"]);
    assert_eq!(wrap("onafgebrokenwoord x", 5), ["onafgebrokenwoord", "x"]);
    assert!(wrap("", 5).is_empty());
}
