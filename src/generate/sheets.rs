//! The model as sheets of typed values, in the schema's column order, exactly as a reader would type them.

use chrono::NaiveDate;

use super::calendar::round2;
use super::model::{Age, Contract, Location};
use super::{GeneratedExport, GeneratedSheet};
use crate::tables::{SheetKind, Value};

/// The export of one location: every sheet of [`SheetKind::ALL`] (`metingen`
/// only when the location has one).
pub fn export(loc: &Location) -> GeneratedExport {
    let mut sheets = vec![locatie(loc), coordinatoren(loc), vrijwilligers(loc), gezinnen(loc), contacten(loc)];
    if let Some(sheet) = metingen(loc) {
        sheets.push(sheet);
    }
    GeneratedExport { location_id: loc.id.clone(), sheets, violations: loc.violations.clone() }
}

/// Builds a sheet row by row from (canonical column, value) pairs; the
/// columns are the schema's, in its order, and unnamed cells stay empty.
struct Builder {
    sheet: GeneratedSheet,
}

impl Builder {
    fn new(kind: SheetKind) -> Builder {
        let columns = kind.spec().columns.iter().map(|c| c.name).collect();
        Builder { sheet: GeneratedSheet { kind, columns, rows: Vec::new() } }
    }

    fn row(&mut self, cells: Vec<(&str, Value)>) {
        let mut row = vec![Value::Empty; self.sheet.columns.len()];
        for (name, value) in cells {
            let slot = self.sheet.columns.iter().position(|c| *c == name).and_then(|i| row.get_mut(i));
            debug_assert!(slot.is_some(), "{name} is no column of {}", self.sheet.kind.name());
            if let Some(slot) = slot {
                *slot = value;
            }
        }
        self.sheet.rows.push(row);
    }
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into().into())
}

fn opt_text(s: Option<&str>) -> Value {
    s.map_or(Value::Empty, text)
}

fn date(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Empty, Value::Date)
}

fn number(x: Option<f64>) -> Value {
    x.map_or(Value::Empty, |x| Value::Number(round2(x)))
}

fn locatie(loc: &Location) -> GeneratedSheet {
    let mut b = Builder::new(SheetKind::Locatie);
    b.row(vec![
        ("locatie_id", text(&loc.id)),
        ("naam", text(&loc.name)),
        ("organisatie", text(&loc.organisation)),
        ("licentie_geldig_tot", date(loc.licence_until)),
        ("kosten", number(loc.cost)),
    ]);
    b.sheet
}

fn coordinatoren(loc: &Location) -> GeneratedSheet {
    let mut b = Builder::new(SheetKind::Coordinatoren);
    for c in &loc.coordinators {
        let (hours, fte) = match c.contract {
            Contract::HoursPerWeek(h) => (Some(h), None),
            Contract::Fte(f) => (None, Some(f)),
        };
        b.row(vec![
            ("coordinator_id", text(&c.id)),
            ("betaald", Value::Bool(c.paid)),
            ("opleiding", text(c.education.code())),
            ("uren_per_week", number(hours)),
            ("fte", number(fte)),
            ("start", date(c.start)),
            ("einde", date(c.end)),
        ]);
    }
    b.sheet
}

fn vrijwilligers(loc: &Location) -> GeneratedSheet {
    let mut b = Builder::new(SheetKind::Vrijwilligers);
    for v in &loc.volunteers {
        b.row(vec![
            ("vrijwilliger_id", text(&v.id)),
            ("training_afgerond", date(v.trained)),
            ("start", date(v.start)),
            ("einde", date(v.end)),
        ]);
    }
    b.sheet
}

fn gezinnen(loc: &Location) -> GeneratedSheet {
    let mut b = Builder::new(SheetKind::Gezinnen);
    for t in &loc.trajectories {
        let (born, months, due) = match t.age {
            Age::BirthDate(d) => (Value::Date(d), Value::Empty, Value::Empty),
            Age::Months(m) => (Value::Empty, Value::Int(m), Value::Empty),
            Age::DueDate(d) => (Value::Empty, Value::Empty, Value::Date(d)),
        };
        b.row(vec![
            ("gezin_id", text(&t.id)),
            ("gemeente", text(t.municipality)),
            ("aanmelding", Value::Date(t.registered)),
            ("verwijzer", opt_text(t.referrer)),
            ("geboortedatum_jongste", born),
            ("leeftijd_jongste_maanden", months),
            ("uitgerekende_datum", due),
            ("kennismaking", date(t.intake)),
            ("koppeling", date(t.matched)),
            ("vrijwilliger_id", opt_text(t.volunteer.as_deref())),
            ("start", date(t.start)),
            ("einde", date(t.end)),
            ("reden_einde", opt_text(t.end_reason)),
            ("uren", number(t.hours)),
            ("bezoeken", t.visits.map_or(Value::Empty, Value::Int)),
            ("bericht_verwijzer_start", date(t.referrer_told_start)),
            ("bericht_verwijzer_einde", date(t.referrer_told_end)),
        ]);
    }
    b.sheet
}

fn contacten(loc: &Location) -> GeneratedSheet {
    let mut b = Builder::new(SheetKind::Contacten);
    let mut contacts: Vec<_> = loc.contacts.iter().collect();
    contacts.sort_by(|x, y| (&x.family, x.date, x.kind).cmp(&(&y.family, y.date, y.kind)));
    for c in contacts {
        b.row(vec![("gezin_id", text(&c.family)), ("datum", Value::Date(c.date)), ("soort", text(c.kind.code()))]);
    }
    b.sheet
}

fn metingen(loc: &Location) -> Option<GeneratedSheet> {
    let list = loc.measurements.as_ref()?;
    let mut b = Builder::new(SheetKind::Metingen);
    for m in list {
        b.row(vec![
            ("gezin_id", text(&m.family)),
            ("moment", text(m.moment.code())),
            ("datum", Value::Date(m.date)),
            ("domein", text(m.domain)),
            ("score", Value::Int(m.score)),
        ]);
    }
    Some(b.sheet)
}
