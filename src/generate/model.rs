//! The generator's own model of one location, before it becomes sheets of values.

use chrono::NaiveDate;

use super::InjectedViolation;
use super::calendar::Period;

/// Codes of `opleiding`, as the schema spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Education {
    Mbo,
    Hbo,
    Wo,
    Overig,
}

impl Education {
    pub fn code(self) -> &'static str {
        match self {
            Education::Mbo => "mbo",
            Education::Hbo => "hbo",
            Education::Wo => "wo",
            Education::Overig => "overig",
        }
    }
}

/// How a coordinator's contract size is given: exactly one of the two columns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Contract {
    Fte(f64),
    HoursPerWeek(f64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Coordinator {
    pub id: String,
    pub paid: bool,
    pub education: Education,
    pub contract: Contract,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Volunteer {
    pub id: String,
    pub trained: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

/// The age data of a family's youngest child: one of the three age columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    BirthDate(NaiveDate),
    Months(i64),
    DueDate(NaiveDate),
}

/// One row of `gezinnen`: one support trajectory.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    pub id: String,
    pub municipality: &'static str,
    pub registered: NaiveDate,
    pub referrer: Option<&'static str>,
    pub age: Age,
    pub intake: Option<NaiveDate>,
    pub matched: Option<NaiveDate>,
    pub volunteer: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub end_reason: Option<&'static str>,
    pub hours: Option<f64>,
    pub visits: Option<i64>,
    pub referrer_told_start: Option<NaiveDate>,
    pub referrer_told_end: Option<NaiveDate>,
}

impl Trajectory {
    /// Active in P: `start` ≤ W and (`einde` empty or ≥ P.start).
    pub fn active_in(&self, p: &Period) -> bool {
        self.start.is_some_and(|s| s <= p.as_of()) && self.end.is_none_or(|e| e >= p.start)
    }
}

/// Codes of `soort`, as the schema spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ContactKind {
    FirstCheck,
    Interim,
    Final,
    VolunteerDebrief,
    FollowUp,
}

impl ContactKind {
    pub fn code(self) -> &'static str {
        match self {
            ContactKind::FirstCheck => "eerste_check",
            ContactKind::Interim => "tussenevaluatie",
            ContactKind::Final => "eindevaluatie",
            ContactKind::VolunteerDebrief => "nabespreking_vrijwilliger",
            ContactKind::FollowUp => "follow_up",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub family: String,
    pub date: NaiveDate,
    pub kind: ContactKind,
}

/// Codes of `moment`, as the schema spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Moment {
    Start,
    Interim,
    End,
}

impl Moment {
    pub fn code(self) -> &'static str {
        match self {
            Moment::Start => "start",
            Moment::Interim => "tussen",
            Moment::End => "eind",
        }
    }
}

/// The four domains parents rate themselves on.
pub const DOMAINS: [&str; 4] = ["opvoeding", "welzijn_ouder", "welzijn_kind", "gezinsmanagement"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measurement {
    pub family: String,
    pub moment: Moment,
    pub date: NaiveDate,
    pub domain: &'static str,
    pub score: i64,
}

/// Everything generated for one location.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub licence_until: Option<NaiveDate>,
    pub cost: Option<f64>,
    pub coordinators: Vec<Coordinator>,
    pub volunteers: Vec<Volunteer>,
    pub trajectories: Vec<Trajectory>,
    pub contacts: Vec<Contact>,
    /// `None`: the export has no `metingen` sheet.
    pub measurements: Option<Vec<Measurement>>,
    pub violations: Vec<InjectedViolation>,
}
