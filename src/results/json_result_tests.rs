//! A result written by hand is the bytes serde_json prints for it: strings with every kind of character, every
//! outcome and severity, evidence of dates and texts, measured values of every size.

use proptest::prelude::*;

use super::{push_result, push_str};
use crate::i18n::Lang;
use crate::results::evidence::Fact;
use crate::results::json::result_json;
use crate::results::{Outcome, RuleResult, Severity, Text};

fn serde_bytes(r: &RuleResult, lang: Lang) -> Vec<u8> {
    serde_json::to_vec(&result_json(r, lang)).unwrap_or_default()
}

fn hand_bytes(r: &RuleResult, lang: Lang) -> Vec<u8> {
    let mut out = Vec::new();
    push_result(&mut out, r, lang);
    out
}

/// Any text, control characters, quotes and backslashes likely, of any length around the 16-byte steps.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        proptest::collection::vec(
            prop::sample::select(vec![
                'a', '"', '\\', '\n', '\u{1}', '\u{1f}', '\u{7f}', 'é', '€', '/', '\u{8}', '\u{c}', '\r', '\t'
            ]),
            0..50
        )
        .prop_map(|cs| cs.into_iter().collect()),
    ]
}

fn measured() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        (-1e6..1e6f64).prop_map(Some),
        prop::sample::select(vec![
            0.0,
            -0.0,
            0.5,
            1e15,
            1e16,
            -1e15,
            123_456.789_12,
            1e-5,
            5e-5,
            f64::NAN,
            f64::INFINITY,
            1e300
        ])
        .prop_map(Some),
        (-100i64..100).prop_map(|n| Some(n as f64 / 3.0)),
    ]
}

prop_compose! {
    fn result()(
        rule in "HS-[GL][0-9]{2}",
        location in text(),
        subject in proptest::option::of(text()),
        outcome in prop::sample::select(Outcome::ALL.to_vec()),
        severity in prop::sample::select(vec![Severity::Info, Severity::Warning, Severity::Error]),
        nl in text(),
        en in text(),
        measured in measured(),
        expected in text(),
        evidence in proptest::collection::vec((text(), proptest::option::of(-800_000..3_700_000i32), text()), 0..5),
    ) -> RuleResult {
        let subject = subject.as_deref().map(|s| (s, 7));
        let mut r = RuleResult::new(&rule, &location, subject, outcome, severity, Text::new(nl, en));
        if let Some(m) = measured {
            r = r.measured(m, expected);
        }
        for (key, day, shown) in evidence {
            let fact = match day.and_then(chrono::NaiveDate::from_num_days_from_ce_opt) {
                Some(d) => Fact::Date(d),
                None => Fact::from(shown),
            };
            r.evidence.insert(&key, fact);
        }
        r
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn a_result_written_by_hand_is_what_serde_json_prints(r in result()) {
        for lang in [Lang::Nl, Lang::En] {
            let (hand, serde) = (hand_bytes(&r, lang), serde_bytes(&r, lang));
            prop_assert_eq!(String::from_utf8_lossy(&hand), String::from_utf8_lossy(&serde));
        }
    }

    #[test]
    fn a_string_written_by_hand_is_what_serde_json_prints(s in text()) {
        let mut out = Vec::new();
        push_str(&mut out, &s);
        prop_assert_eq!(out, serde_json::to_vec(&s).unwrap_or_default());
    }
}

#[test]
fn every_byte_below_0x80_is_escaped_as_serde_json_escapes_it() {
    let all: String = (0u8..0x80).map(char::from).collect();
    for s in [all.clone(), all.repeat(3), format!("{}{all}", "x".repeat(15))] {
        let mut out = Vec::new();
        push_str(&mut out, &s);
        assert_eq!(String::from_utf8_lossy(&out), serde_json::to_string(&s).unwrap_or_default());
    }
}
