//! The rules engine against the generator's ground truth: on generated
//! exports, `check` fails exactly the subjects the generator broke on purpose.

use std::collections::BTreeSet;

use hs_audit::cli::check::{CheckOptions, audit};
use hs_audit::generate::{GenFormat, GenerateOptions, generate, generate_location};
use hs_audit::i18n::Lang;
use hs_audit::report::Format;
use hs_audit::results::Outcome;

type Key = (String, String, Option<String>);

fn check_generated(locations: usize, seed: u64, year: i32, format: GenFormat) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("exports");
    let opts = GenerateOptions { locations, seed, format, out: out.clone(), year };
    generate(&opts).expect("generating exports");

    let check = CheckOptions {
        period: Some(year.to_string()),
        formats: vec![Format::Json],
        lang: Lang::En,
        ..CheckOptions::new(vec![out], dir.path().join("report"))
    };
    let (audit, _) = audit(&check).expect("the audit runs");
    assert!(audit.input_findings.is_empty(), "generated input is clean: {:?}", audit.input_findings.first());
    assert_eq!(audit.locations.len(), locations);

    let mut injected: BTreeSet<Key> = BTreeSet::new();
    let mut cost_missing: BTreeSet<String> = BTreeSet::new();
    for index in 0..locations {
        let export = generate_location(seed, index, year);
        for v in &export.violations {
            if v.rule == "HS-L08" {
                cost_missing.insert(export.location_id.clone());
            } else {
                injected.insert((export.location_id.clone(), v.rule.to_string(), v.subject.clone()));
            }
        }
    }
    let failed: BTreeSet<Key> = audit
        .results
        .iter()
        .filter(|r| r.outcome == Outcome::Fail)
        .map(|r| (r.location_id.to_string(), r.rule_id.to_string(), r.subject_id.as_deref().map(str::to_string)))
        .collect();
    let missed: Vec<&Key> = injected.difference(&failed).collect();
    let extra: Vec<&Key> = failed.difference(&injected).collect();
    assert!(
        missed.is_empty() && extra.is_empty(),
        "injected but not failed: {missed:?}\nfailed but not injected: {extra:?}"
    );
    assert!(injected.len() > locations, "the generator injects violations ({})", injected.len());

    let l08_not_evaluated: BTreeSet<String> = audit
        .results
        .iter()
        .filter(|r| r.rule_id == "HS-L08" && r.outcome == Outcome::NotEvaluated)
        .map(|r| r.location_id.to_string())
        .collect();
    assert_eq!(l08_not_evaluated, cost_missing);
}

#[test]
fn check_fails_exactly_the_injected_violations_in_2026() {
    check_generated(40, 11, 2026, GenFormat::Xlsx);
}

#[test]
fn check_fails_exactly_the_injected_violations_in_a_leap_year_from_csv() {
    check_generated(20, 5, 2024, GenFormat::Csv);
}
