//! The validated rulebook as rules read it: per rule its severity, texts,
//! source and parameters, with municipality overrides.

use std::collections::BTreeMap;

use crate::results::{Severity, Text};
use crate::tables::normalize::normalize_name;

/// What a rule is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    Location,
    Trajectory,
}

/// A parameter's type, as rules declare it and lint checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// A decimal number (an integer is accepted too).
    Number,
    /// A whole number.
    Integer,
    Bool,
}

/// A parameter's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParamValue {
    Number(f64),
    Integer(i64),
    Bool(bool),
}

/// The sentence of a source document a rule rests on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceRef {
    /// The document's name.
    pub document: Text,
    /// The sentence, quoted.
    pub sentence: Text,
}

/// One rule, as configured.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleConfig {
    pub id: String,
    pub scope: Scope,
    pub severity: Severity,
    pub enabled: bool,
    pub title: Text,
    /// What the rule checks.
    pub explanation: Text,
    /// Why it matters.
    pub why: Text,
    /// What to do when it fails.
    pub action: Text,
    pub source: SourceRef,
    pub params: BTreeMap<String, ParamValue>,
    /// Per municipality (normalised name), parameters that override `params`.
    pub municipalities: BTreeMap<String, BTreeMap<String, ParamValue>>,
}

fn missing(rule: &str, name: &str) -> Text {
    crate::report::catalogue::text("rb_parameter_missing", &[("name", name.to_string()), ("rule", rule.to_string())])
}

impl RuleConfig {
    fn lookup(&self, name: &str, municipality: Option<&str>) -> Option<ParamValue> {
        municipality
            .and_then(|m| self.municipalities.get(&normalize_name(m)))
            .and_then(|p| p.get(name))
            .or_else(|| self.params.get(name))
            .copied()
    }

    /// A number parameter (integers are numbers too).
    pub fn num(&self, name: &str) -> Result<f64, Text> {
        self.num_for(name, None)
    }

    /// A whole-number parameter.
    pub fn int(&self, name: &str) -> Result<i64, Text> {
        self.int_for(name, None)
    }

    /// A yes/no parameter.
    pub fn flag(&self, name: &str) -> Result<bool, Text> {
        self.flag_for(name, None)
    }

    /// A number parameter, as overridden for the municipality when it is.
    pub fn num_for(&self, name: &str, municipality: Option<&str>) -> Result<f64, Text> {
        match self.lookup(name, municipality) {
            Some(ParamValue::Number(n)) => Ok(n),
            Some(ParamValue::Integer(i)) => Ok(i as f64),
            _ => Err(missing(&self.id, name)),
        }
    }

    pub fn int_for(&self, name: &str, municipality: Option<&str>) -> Result<i64, Text> {
        match self.lookup(name, municipality) {
            Some(ParamValue::Integer(i)) => Ok(i),
            Some(ParamValue::Number(n)) if n.fract() == 0.0 => Ok(n as i64),
            _ => Err(missing(&self.id, name)),
        }
    }

    /// The share of a location's subjects that may fail before its verdict
    /// on this rule is `fail` (trajectory rules; 0 unless a rulebook sets it).
    pub fn tolerance(&self) -> f64 {
        super::tolerance::of(&self.params)
    }

    pub fn flag_for(&self, name: &str, municipality: Option<&str>) -> Result<bool, Text> {
        match self.lookup(name, municipality) {
            Some(ParamValue::Bool(b)) => Ok(b),
            _ => Err(missing(&self.id, name)),
        }
    }
}

/// A whole rulebook, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Rulebook {
    pub id: String,
    pub version: String,
    pub title: Text,
    /// Every rule, sorted by id (disabled ones included, with `enabled = false`).
    pub rules: Vec<RuleConfig>,
    /// The privacy policy of municipality outputs (`[privacy]`).
    pub privacy: super::privacy::Privacy,
}

impl Rulebook {
    pub fn rule(&self, id: &str) -> Option<&RuleConfig> {
        self.rules.iter().find(|r| r.id == id)
    }
}
