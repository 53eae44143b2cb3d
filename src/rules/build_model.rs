//! From typed tables to the evaluation model: one `Location` per location of
//! every export, each cell's state kept (value, empty, unreadable, missing).
//!
//! Cost: O(rows) over all locations. A location's records come from the
//! table's location index, contacts and ratings are joined to trajectories
//! through a map by `gezin_id`, and an unreadable cell's finding is found in
//! the export's index by place. Locations are built in parallel, in order.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::model::*;
use super::trajectory::wording::{plain, say};
use crate::findings::InputFinding;
use crate::i18n::Lang;
use crate::results::Text;
use crate::tables::schema::{Required, SheetKind};
use crate::tables::{Export, Table, Value};

/// Every location of every readable export, in the exports' order.
pub fn build_locations(exports: &mut [Export]) -> Vec<Location> {
    use rayon::prelude::*;
    // Export by export (in parallel), its locations in parallel; each
    // export's tables are freed as soon as its locations are built, so the
    // tables of a national run's exports and its model are not held at once.
    let per_export: Vec<Vec<Location>> = exports.par_iter_mut().map(build_export).collect();
    per_export.into_iter().flatten().collect()
}

/// The locations of one export (in parallel, in order); its tables are freed once they are built.
fn build_export(export: &mut Export) -> Vec<Location> {
    use rayon::prelude::*;
    let built: Vec<Location> = export.locations.par_iter().map(|l| build_location(export, &l.id, &l.name)).collect();
    export.release_tables();
    built
}

/// Reads every export under `paths` and builds its locations as soon as it is read, its tables freed then: the
/// tables of only the exports being read are held at once, not those of every export (15,000 single-location
/// exports held 600 MB of tables before their model was built). The same exports (tables released) and
/// locations, in the same order, as [`crate::tables::read_paths_with_progress`] then [`build_locations`].
/// `found` is told how many exports there are, `done` is called after each one.
pub fn read_and_build(
    paths: &[std::path::PathBuf],
    found: &dyn Fn(usize),
    done: &(dyn Fn() + Sync),
) -> (Vec<Export>, Vec<Location>) {
    let read = crate::tables::read_paths_then(paths, found, done, &build_export);
    let (exports, per_export): (Vec<Export>, Vec<Vec<Location>>) = read.into_iter().unzip();
    (exports, per_export.into_iter().flatten().collect())
}

/// Reads cells of one table for one location, turning absence and
/// unreadability into reasons.
struct Reader<'a> {
    export: &'a Export,
    table: &'a Table,
}

impl<'a> Reader<'a> {
    fn rows_of(&self, location: &str) -> &'a [usize] {
        self.table.rows_of(location)
    }

    fn reason(&self, i: usize, column: &str) -> Text {
        let row = self.table.row_number(i);
        let sheet = self.table.kind.name();
        match self.export.finding_at(sheet, row, column) {
            Some(f) => finding_text(f),
            None => {
                say("hs_cell_unreadable", &[("sheet", &plain(sheet)), ("row", &plain(row)), ("column", &plain(column))])
            }
        }
    }

    /// A column the file lacks: required (or its whole one-of group absent)
    /// is `Missing`; an optional column is simply empty.
    fn absent(&self, column: &str) -> Option<Text> {
        let spec = self.table.kind.spec();
        let col = spec.column(column)?;
        let missing = match col.required {
            Required::Yes => true,
            Required::OneOf(group) => {
                !spec.columns.iter().any(|c| c.required == Required::OneOf(group) && self.table.has_column(c.name))
            }
            Required::No => false,
        };
        missing.then(|| missing_column(self.table.kind, column))
    }

    fn cell<T>(&self, i: usize, column: &str, get: impl Fn(&Value) -> Option<T>) -> Cell<T> {
        // A table holds a column exactly when the file has it (`locatie_id` always).
        let Some(col) = self.table.column(column) else {
            return self.absent(column).map_or(Cell::Empty, |r| Cell::Missing(Box::new(r)));
        };
        if col.is_unreadable(i) {
            return Cell::Unreadable(Box::new(self.reason(i, column)));
        }
        match get(&col.value(i)) {
            Some(v) => Cell::Value(v),
            None => Cell::Empty,
        }
    }

    fn date(&self, i: usize, column: &str) -> Cell<NaiveDate> {
        self.cell(i, column, Value::as_date)
    }

    fn text(&self, i: usize, column: &str) -> Option<String> {
        self.table.text(column, i).map(str::to_string)
    }

    /// An id or short text, inline (no allocation for nearly every one).
    fn id(&self, i: usize, column: &str) -> Option<Id> {
        self.table.text(column, i).map(Id::from)
    }
}

/// A finding's place and sentence, in both languages, as a reason.
pub fn finding_text(f: &InputFinding) -> Text {
    let place = Text::new(f.place(Lang::Nl), f.place(Lang::En));
    let message = Text::new(f.message(Lang::Nl), f.message(Lang::En));
    say("hs_finding_reason", &[("place", &place), ("finding", &message)])
}

fn missing_sheet(kind: SheetKind) -> Text {
    say("hs_sheet_missing", &[("sheet", &plain(kind.name()))])
}

fn missing_column(kind: SheetKind, column: &str) -> Text {
    say("hs_column_missing", &[("column", &plain(column)), ("sheet", &plain(kind.name()))])
}

fn reader(export: &Export, kind: SheetKind) -> Result<Reader<'_>, Text> {
    export.table(kind).map(|table| Reader { export, table }).ok_or_else(|| missing_sheet(kind))
}

fn build_location(export: &Export, id: &str, name: &str) -> Location {
    let mut loc = Location {
        id: id.to_string(),
        name: name.to_string(),
        source: export.source.clone(),
        organisatie: None,
        licentie_geldig_tot: Cell::Missing(Box::new(missing_sheet(SheetKind::Locatie))),
        kosten: Cell::Missing(Box::new(missing_sheet(SheetKind::Locatie))),
        coordinators: Err(missing_sheet(SheetKind::Coordinatoren)),
        volunteers: Err(missing_sheet(SheetKind::Vrijwilligers)),
        trajectories: Err(missing_sheet(SheetKind::Gezinnen)),
    };
    if let Ok(r) = reader(export, SheetKind::Locatie)
        && let Some(&i) = r.rows_of(id).first()
    {
        loc.organisatie = r.text(i, "organisatie");
        loc.licentie_geldig_tot = r.date(i, "licentie_geldig_tot");
        loc.kosten = r.cell(i, "kosten", Value::as_number);
    }
    loc.coordinators = reader(export, SheetKind::Coordinatoren).map(|r| {
        r.rows_of(id)
            .iter()
            .map(|&i| Coordinator {
                id: r.text(i, "coordinator_id").unwrap_or_default(),
                row: r.table.row_number(i),
                betaald: r.cell(i, "betaald", Value::as_bool),
                opleiding: r.cell(i, "opleiding", |v| v.as_text().map(str::to_string)),
                uren_per_week: r.cell(i, "uren_per_week", Value::as_number),
                fte: r.cell(i, "fte", Value::as_number),
                start: r.date(i, "start"),
                einde: r.date(i, "einde"),
            })
            .collect()
    });
    loc.volunteers = reader(export, SheetKind::Vrijwilligers).map(|r| {
        r.rows_of(id)
            .iter()
            .map(|&i| Volunteer {
                id: r.text(i, "vrijwilliger_id").unwrap_or_default(),
                row: r.table.row_number(i),
                training_afgerond: r.date(i, "training_afgerond"),
                start: r.date(i, "start"),
                einde: r.date(i, "einde"),
            })
            .collect()
    });
    let contacts = contacts_by_family(export, id);
    let measurements = reader(export, SheetKind::Metingen).ok().map(|r| measurements_by_family(&r, id));
    loc.trajectories = reader(export, SheetKind::Gezinnen)
        .map(|r| r.rows_of(id).iter().map(|&i| trajectory(&r, i, &contacts, measurements.as_ref())).collect());
    loc
}

type ContactsByFamily = Result<BTreeMap<String, (Vec<Contact>, Vec<Text>)>, Text>;

fn contacts_by_family(export: &Export, location: &str) -> ContactsByFamily {
    let r = reader(export, SheetKind::Contacten)?;
    for column in ["gezin_id", "datum", "soort"] {
        if !r.table.has_column(column) {
            return Err(missing_column(SheetKind::Contacten, column));
        }
    }
    let mut by_family: BTreeMap<String, (Vec<Contact>, Vec<Text>)> = BTreeMap::new();
    for &i in r.rows_of(location) {
        let Some(family) = r.text(i, "gezin_id") else { continue };
        let entry = by_family.entry(family).or_default();
        let date = r.date(i, "datum");
        let kind = r.cell(i, "soort", |v| v.as_text().and_then(ContactKind::from_code));
        match (date, kind) {
            (Cell::Value(date), Cell::Value(kind)) => entry.0.push(Contact { date, kind, row: r.table.row_number(i) }),
            (Cell::Unreadable(reason), _) | (_, Cell::Unreadable(reason)) => entry.1.push(*reason),
            _ => {}
        }
    }
    for (contacts, _) in by_family.values_mut() {
        contacts.sort_by_key(|c| (c.date, c.kind, c.row));
    }
    Ok(by_family)
}

fn measurements_by_family(r: &Reader, location: &str) -> BTreeMap<String, Vec<Measurement>> {
    let mut by_family: BTreeMap<String, Vec<Measurement>> = BTreeMap::new();
    for &i in r.rows_of(location) {
        let (Some(family), Some(moment), Some(domain), Some(score)) =
            (r.text(i, "gezin_id"), r.text(i, "moment"), r.text(i, "domein"), r.table.value("score", i).as_int())
        else {
            continue;
        };
        let date = r.table.value("datum", i).as_date();
        by_family.entry(family).or_default().push(Measurement {
            moment,
            domain,
            score,
            date,
            row: r.table.row_number(i),
        });
    }
    by_family
}

fn trajectory(
    r: &Reader,
    i: usize,
    contacts: &ContactsByFamily,
    measurements: Option<&BTreeMap<String, Vec<Measurement>>>,
) -> Trajectory {
    let row = r.table.row_number(i);
    let id: Id = r.id(i, "gezin_id").unwrap_or_else(|| compact_str::format_compact!("rij-{row}"));
    let (contacts, unreadable_contacts) = match contacts {
        Ok(map) => {
            let (c, u) = map.get(id.as_str()).cloned().unwrap_or_default();
            (Ok(c), u)
        }
        Err(reason) => (Err(reason.clone()), Vec::new()),
    };
    Trajectory {
        row,
        gemeente: r.id(i, "gemeente"),
        aanmelding: r.date(i, "aanmelding"),
        verwijzer: r.id(i, "verwijzer"),
        geboortedatum_jongste: r.date(i, "geboortedatum_jongste"),
        leeftijd_jongste_maanden: r.cell(i, "leeftijd_jongste_maanden", Value::as_int),
        uitgerekende_datum: r.date(i, "uitgerekende_datum"),
        kennismaking: r.date(i, "kennismaking"),
        koppeling: r.date(i, "koppeling"),
        vrijwilliger_id: r.id(i, "vrijwilliger_id"),
        start: r.date(i, "start"),
        einde: r.date(i, "einde"),
        uren: r.cell(i, "uren", Value::as_number),
        bezoeken: r.cell(i, "bezoeken", Value::as_int),
        bericht_verwijzer_start: r.date(i, "bericht_verwijzer_start"),
        bericht_verwijzer_einde: r.date(i, "bericht_verwijzer_einde"),
        contacts,
        unreadable_contacts,
        measurements: measurements.map(|m| m.get(id.as_str()).cloned().unwrap_or_default()),
        id,
    }
}

#[cfg(test)]
mod read_and_build_tests {
    use super::*;

    /// Built export by export as read: the exports (their tables released) and locations of reading every export
    /// first, in the same order; and the latest dates (which decide the period of a run without one) kept.
    #[test]
    fn building_each_export_as_it_is_read_gives_what_reading_all_first_gives() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"));
        // Every export of the fixtures: workbooks, CSV folders, the corpus and the hostile files.
        let paths = [root.to_path_buf()];
        let counted = std::sync::atomic::AtomicUsize::new(0);
        let found = std::cell::Cell::new(0);
        let (streamed, streamed_locations) = read_and_build(&paths, &|n| found.set(n), &|| {
            counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        let mut exports = crate::tables::read_paths(&paths);
        let latest: Vec<_> = exports.iter().map(|e| e.latest).collect();
        let locations = build_locations(&mut exports);
        assert!(
            exports.len() > 100 && locations.len() > 40,
            "{} exports, {} locations",
            exports.len(),
            locations.len()
        );
        assert_eq!((found.get(), counted.into_inner()), (exports.len(), exports.len()));
        assert!(streamed_locations == locations);
        assert_eq!(streamed.len(), exports.len());
        for ((s, e), latest) in streamed.iter().zip(&exports).zip(&latest) {
            assert_eq!(
                (&s.source, s.readable, &s.locations, &s.sheets),
                (&e.source, e.readable, &e.locations, &e.sheets)
            );
            assert_eq!(s.findings, e.findings, "{}", s.source);
            assert_eq!(s.latest, *latest, "{}", s.source);
            assert!(s.table(crate::tables::SheetKind::Gezinnen).is_none(), "released: {}", s.source);
        }
        assert!(latest.iter().any(|l| l.contact.is_some()) && latest.iter().any(|l| l.trajectory.is_some()));
    }
}
