//! Outcomes and severities: the words every output uses.

use serde::{Deserialize, Serialize};

/// What a rule gives for one subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    Fail,
    NotYetDue,
    NotApplicable,
    NotEvaluated,
    Waived,
}

impl Outcome {
    pub const ALL: [Outcome; 6] = [
        Outcome::Pass,
        Outcome::Fail,
        Outcome::NotYetDue,
        Outcome::NotApplicable,
        Outcome::NotEvaluated,
        Outcome::Waived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::NotYetDue => "not_yet_due",
            Outcome::NotApplicable => "not_applicable",
            Outcome::NotEvaluated => "not_evaluated",
            Outcome::Waived => "waived",
        }
    }
}

/// How much a failure of a rule weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Text {
    pub nl: String,
    pub en: String,
}

impl Text {
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Text { nl: nl.into(), en: en.into() }
    }

    pub fn get(&self, lang: crate::i18n::Lang) -> &str {
        lang.pick(&self.nl, &self.en)
    }
}
