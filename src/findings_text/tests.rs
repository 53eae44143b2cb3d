//! Every finding kind renders from the catalogue: the keys the code uses are
//! the keys the catalogue defines, and under a pseudo-locale (every
//! catalogue value transformed) no untransformed word is left.

use super::*;
use crate::report::catalogue::pseudo;

/// One finding of every kind, with arguments that hold no letters (so any
/// letter in a rendered message comes from the catalogue).
fn every_kind() -> Vec<InputFinding> {
    let s = |t: &str| t.to_string();
    let kinds = vec![
        FindingKind::UnreadableFile { reason: crate::findings::Why::said("#1") },
        FindingKind::EncryptedFile,
        FindingKind::NotASpreadsheet,
        FindingKind::PathNotFound,
        FindingKind::MissingSheet { expected: s("_1"), aliases: vec![s("_2"), s("_3")] },
        FindingKind::DuplicateSheet { other: s("_4") },
        FindingKind::EmptySheet,
        FindingKind::MissingColumn { expected: vec![s("_5")], aliases: vec![] },
        FindingKind::MissingColumn { expected: vec![s("_5"), s("_6")], aliases: vec![s("_7")] },
        FindingKind::DuplicateColumn { header: s("_8") },
        FindingKind::PrivacyColumn { header: s("_9") },
        FindingKind::MissingValue,
        FindingKind::InvalidDate,
        FindingKind::InvalidNumber,
        FindingKind::InvalidInteger,
        FindingKind::InvalidBoolean,
        FindingKind::OutOfRange { min: Some(1), max: Some(9) },
        FindingKind::OutOfRange { min: None, max: Some(9) },
        FindingKind::UnknownCode { allowed: vec![s("_1")] },
        FindingKind::CellError,
        FindingKind::DuplicateId { first_row: 4 },
        FindingKind::DanglingReference { target_sheet: s("_2") },
        FindingKind::EndBeforeStart { start: s("2026-01-01") },
        FindingKind::CoordinatorWithoutHours,
        FindingKind::NoLocation,
        FindingKind::LocationColumnNeeded,
        FindingKind::TooLarge { reason: crate::findings::Why::said("#2") },
        FindingKind::NotARegularFile,
        FindingKind::MonthFirstDates,
        FindingKind::AmbiguousDate,
        FindingKind::DuplicateLocation { location_id: s("_3"), other_file: s("_4") },
    ];
    kinds
        .into_iter()
        .map(|kind| InputFinding { file: s("f"), sheet: None, row: None, column: None, value: Some(s("12")), kind })
        .collect()
}

#[test]
fn keys_used_and_defined_agree() {
    let catalogue = Catalogue::embedded();
    let used: std::collections::BTreeSet<&str> = every_kind().iter().map(|f| key_and_args(f).0).collect();
    let defined: std::collections::BTreeSet<&str> = catalogue.keys().filter(|k| k.starts_with("finding_")).collect();
    assert_eq!(used, defined);
    // Every named argument of a text is given, and every argument given is named.
    for f in every_kind() {
        let (key, args) = key_and_args(&f);
        for lang in [Lang::Nl, Lang::En] {
            let text = catalogue.get(key, lang);
            for (name, _) in &args {
                assert!(text.contains(&format!("{{{name}}}")), "{key} ({lang:?}) does not use {{{name}}}");
            }
            let filled = catalogue.fill(key, lang, &args);
            assert!(!filled.contains('{'), "{key} ({lang:?}) leaves a name unfilled: {filled}");
        }
    }
}

#[test]
fn a_pseudo_locale_leaves_no_text_in_the_code() {
    let catalogue = Catalogue::embedded().transformed(pseudo);
    for f in every_kind() {
        for lang in [Lang::Nl, Lang::En] {
            let text = message_in(&catalogue, &f, lang);
            assert!(text.starts_with('⟦') && text.ends_with('⟧'), "{text}");
            assert!(!text.chars().any(|c| c.is_ascii_alphabetic()), "untransformed text in {text}");
        }
    }
}

#[test]
fn the_dutch_and_english_sentences_are_unchanged() {
    let f = &every_kind()[16];
    assert_eq!(message(f, Lang::Nl), "\"12\" valt buiten het bereik 1..9");
    assert_eq!(message(f, Lang::En), "\"12\" is outside the range 1..9");
    let f = &every_kind()[8];
    assert_eq!(
        message(f, Lang::Nl),
        "geen van de kolommen `_5`, `_6` is aanwezig; één ervan is nodig (ook geaccepteerd: `_7`)"
    );
}
