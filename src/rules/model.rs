//! The evaluation model: one location's records, typed, with every cell's state.
//!
//! Rules read this model, never the raw tables: a date is there, empty,
//! unreadable (with the input finding's place and value), or its column is
//! missing from the export. That is what lets a rule say `not_evaluated` with
//! the reason.

use chrono::NaiveDate;

use crate::results::Text;

/// An id or short text of a record, inline up to 24 bytes (no heap allocation for
/// nearly every id, municipality and referrer of a national run).
pub type Id = compact_str::CompactString;

/// One cell as a rule sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<T> {
    Value(T),
    Empty,
    /// The cell could not be read: the reason names the place and the value
    /// (boxed: a cell is 16 bytes, and most cells have no reason).
    Unreadable(Box<Text>),
    /// The column (or the whole sheet) is missing from the export.
    Missing(Box<Text>),
}

impl<T: Clone> Cell<T> {
    /// The value, when there is one.
    pub fn value(&self) -> Option<T> {
        match self {
            Cell::Value(v) => Some(v.clone()),
            _ => None,
        }
    }

    /// True for an empty cell (not for unreadable or missing ones).
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The value, `Ok(None)` when empty, or `Err(reason)` when it cannot be known.
    pub fn known(&self) -> Result<Option<T>, Text> {
        match self {
            Cell::Value(v) => Ok(Some(v.clone())),
            Cell::Empty => Ok(None),
            Cell::Unreadable(r) | Cell::Missing(r) => Err(Text::clone(r)),
        }
    }
}

/// The coded `soort` of a coordinator contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ContactKind {
    FirstCheck,
    InterimEvaluation,
    FinalEvaluation,
    VolunteerDebrief,
    FollowUp,
}

impl ContactKind {
    pub fn from_code(code: &str) -> Option<ContactKind> {
        Some(match code {
            "eerste_check" => ContactKind::FirstCheck,
            "tussenevaluatie" => ContactKind::InterimEvaluation,
            "eindevaluatie" => ContactKind::FinalEvaluation,
            "nabespreking_vrijwilliger" => ContactKind::VolunteerDebrief,
            "follow_up" => ContactKind::FollowUp,
            _ => return None,
        })
    }
}

/// A readable contact: its date and kind. Contacts dated after the as-of date
/// are still here; rules ignore them.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub date: NaiveDate,
    pub kind: ContactKind,
    pub row: u32,
}

/// One parents' rating from `metingen`.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// `start`, `tussen` or `eind`.
    pub moment: String,
    pub domain: String,
    pub score: i64,
    pub date: Option<NaiveDate>,
    pub row: u32,
}

/// One row of `gezinnen`: a support trajectory, with its contacts and ratings.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    /// `gezin_id`; for a row without a readable id, `rij <n>` / the row number.
    pub id: Id,
    pub row: u32,
    pub gemeente: Option<Id>,
    pub aanmelding: Cell<NaiveDate>,
    pub verwijzer: Option<Id>,
    pub geboortedatum_jongste: Cell<NaiveDate>,
    pub leeftijd_jongste_maanden: Cell<i64>,
    pub uitgerekende_datum: Cell<NaiveDate>,
    pub kennismaking: Cell<NaiveDate>,
    pub koppeling: Cell<NaiveDate>,
    pub vrijwilliger_id: Option<Id>,
    pub start: Cell<NaiveDate>,
    pub einde: Cell<NaiveDate>,
    pub uren: Cell<f64>,
    pub bezoeken: Cell<i64>,
    pub bericht_verwijzer_start: Cell<NaiveDate>,
    pub bericht_verwijzer_einde: Cell<NaiveDate>,
    /// Readable contacts, sorted by date; `Err` when the `contacten` sheet (or
    /// one of its required columns) is missing.
    pub contacts: Result<Vec<Contact>, Text>,
    /// Contacts of this trajectory whose date or kind could not be read.
    pub unreadable_contacts: Vec<Text>,
    /// `None` when the export has no `metingen` sheet.
    pub measurements: Option<Vec<Measurement>>,
}

/// One coordinator.
#[derive(Debug, Clone, PartialEq)]
pub struct Coordinator {
    pub id: String,
    pub row: u32,
    pub betaald: Cell<bool>,
    /// Canonical code: `mbo`, `hbo`, `wo` or `overig`.
    pub opleiding: Cell<String>,
    pub uren_per_week: Cell<f64>,
    pub fte: Cell<f64>,
    pub start: Cell<NaiveDate>,
    pub einde: Cell<NaiveDate>,
}

/// One volunteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Volunteer {
    pub id: String,
    pub row: u32,
    pub training_afgerond: Cell<NaiveDate>,
    pub start: Cell<NaiveDate>,
    pub einde: Cell<NaiveDate>,
}

/// Everything the rules know of one location.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub id: String,
    pub name: String,
    /// The export it came from, as findings show it.
    pub source: String,
    pub organisatie: Option<String>,
    pub licentie_geldig_tot: Cell<NaiveDate>,
    pub kosten: Cell<f64>,
    /// `Err` when the `coordinatoren` sheet is missing.
    pub coordinators: Result<Vec<Coordinator>, Text>,
    /// `Err` when the `vrijwilligers` sheet is missing.
    pub volunteers: Result<Vec<Volunteer>, Text>,
    /// `Err` when the `gezinnen` sheet is missing.
    pub trajectories: Result<Vec<Trajectory>, Text>,
}

impl Location {
    /// Frees the location's records (coordinators, volunteers, trajectories),
    /// once nothing reads them any more; what names the location stays, and
    /// so does the reason a sheet is missing.
    pub fn release_records(&mut self) {
        release(&mut self.coordinators);
        release(&mut self.volunteers);
        release(&mut self.trajectories);
    }
}

fn release<T>(records: &mut Result<Vec<T>, Text>) {
    if let Ok(v) = records {
        *v = Vec::new();
    }
}
