//! The sentences of input findings, in Dutch and English.

use crate::findings::{FindingKind, InputFinding};
use crate::i18n::Lang;

fn list(items: &[String]) -> String {
    items.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}

fn quoted(v: &Option<String>) -> String {
    match v {
        Some(v) => format!("\"{v}\""),
        None => String::new(),
    }
}

/// The sentence for a finding, without its place.
pub fn message(f: &InputFinding, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    let v = quoted(&f.value);
    match &f.kind {
        FindingKind::UnreadableFile { reason } => {
            if nl {
                format!("bestand kan niet gelezen worden ({reason}); de andere exports worden wel beoordeeld")
            } else {
                format!("file cannot be read ({reason}); all other exports are still audited")
            }
        }
        FindingKind::EncryptedFile => lang
            .pick(
                "bestand is met een wachtwoord beveiligd; sla het op zonder wachtwoord",
                "file is password-protected; save it without a password",
            )
            .to_string(),
        FindingKind::NotASpreadsheet => lang
            .pick(
                "geen spreadsheet: verwacht .xlsx, .xlsm, .xls, .ods of een map met CSV-bestanden",
                "not a spreadsheet: expected .xlsx, .xlsm, .xls, .ods or a folder of CSV files",
            )
            .to_string(),
        FindingKind::PathNotFound => lang.pick("pad bestaat niet", "path does not exist").to_string(),
        FindingKind::TooLarge { reason } => {
            if nl {
                format!("bestand is te groot om te lezen ({reason}); de andere exports worden wel beoordeeld")
            } else {
                format!("file is too large to read ({reason}); all other exports are still audited")
            }
        }
        FindingKind::NotARegularFile => lang
            .pick(
                "geen gewoon bestand (een apparaat, een pipe of een link daarnaar): niet geopend",
                "not a regular file (a device, a pipe or a link to one): not opened",
            )
            .to_string(),
        FindingKind::MonthFirstDates => lang
            .pick(
                "de datums met schuine strepen in dit bestand staan maand-eerst (Amerikaanse instellingen, zoals 09/26/2024): ze zijn allemaal maand-eerst gelezen",
                "the slash dates in this file are month-first (US settings, as in 09/26/2024): all were read month-first",
            )
            .to_string(),
        FindingKind::AmbiguousDate => {
            if nl {
                format!("datum {v} kan dag-eerst en maand-eerst gelezen worden, en dit bestand gebruikt beide volgordes: niet gelezen; schrijf jjjj-mm-dd")
            } else {
                format!("date {v} reads both day-first and month-first, and this file uses both orders: not read; write yyyy-mm-dd")
            }
        }
        FindingKind::DuplicateLocation { location_id, other_file } => {
            if nl {
                format!("locatie `{location_id}` staat ook in {other_file}; beide worden apart beoordeeld")
            } else {
                format!("location `{location_id}` is also in {other_file}; both are audited apart")
            }
        }
        FindingKind::MissingSheet { expected, aliases } => {
            if nl {
                format!("verplicht blad `{expected}` ontbreekt (ook geaccepteerd: {})", list(aliases))
            } else {
                format!("required sheet `{expected}` is missing (also accepted: {})", list(aliases))
            }
        }
        FindingKind::DuplicateSheet { other } => {
            if nl {
                format!("blad komt twee keer voor (ook als `{other}`); het eerste wordt gebruikt")
            } else {
                format!("sheet appears twice (also as `{other}`); the first is used")
            }
        }
        FindingKind::EmptySheet => {
            lang.pick("blad is leeg: geen kopregel gevonden", "sheet is empty: no header row found").to_string()
        }
        FindingKind::MissingColumn { expected, aliases } => {
            let what = list(expected);
            match (nl, expected.len() > 1) {
                (true, false) => format!("verplichte kolom {what} ontbreekt (ook geaccepteerd: {})", list(aliases)),
                (true, true) => format!(
                    "geen van de kolommen {what} is aanwezig; één ervan is nodig (ook geaccepteerd: {})",
                    list(aliases)
                ),
                (false, false) => format!("required column {what} is missing (also accepted: {})", list(aliases)),
                (false, true) => {
                    format!("none of the columns {what} is present; one is needed (also accepted: {})", list(aliases))
                }
            }
        }
        FindingKind::DuplicateColumn { header } => {
            if nl {
                format!("kolom komt twee keer voor (ook als \"{header}\"); de eerste wordt gebruikt")
            } else {
                format!("column appears twice (also as \"{header}\"); the first is used")
            }
        }
        FindingKind::PrivacyColumn { header } => {
            if nl {
                format!(
                    "kolom \"{header}\" lijkt een direct identificerend gegeven (naam, adres, postcode, telefoon, e-mail of BSN) en is niet ingelezen; verwijder haar uit de export"
                )
            } else {
                format!(
                    "column \"{header}\" looks like a direct identifier (name, address, postcode, phone, e-mail or BSN) and was not read; remove it from the export"
                )
            }
        }
        FindingKind::MissingValue => lang.pick("verplichte waarde is leeg", "required value is empty").to_string(),
        FindingKind::InvalidDate => {
            if nl {
                format!("{v} is geen geldige datum (gebruik bijv. 03-03-2026 of 2026-03-03)")
            } else {
                format!("{v} is not a valid date (use e.g. 03-03-2026 or 2026-03-03)")
            }
        }
        FindingKind::InvalidNumber => {
            if nl {
                format!("{v} is geen getal")
            } else {
                format!("{v} is not a number")
            }
        }
        FindingKind::InvalidInteger => {
            if nl {
                format!("{v} is geen geheel getal")
            } else {
                format!("{v} is not a whole number")
            }
        }
        FindingKind::InvalidBoolean => {
            if nl {
                format!("{v} is geen ja/nee-waarde (gebruik ja of nee)")
            } else {
                format!("{v} is not a yes/no value (use yes or no)")
            }
        }
        FindingKind::OutOfRange { min, max } => {
            let range = match (min, max) {
                (Some(a), Some(b)) => format!("{a}..{b}"),
                (Some(a), None) => format!(">= {a}"),
                (None, Some(b)) => format!("<= {b}"),
                (None, None) => String::new(),
            };
            if nl { format!("{v} valt buiten het bereik {range}") } else { format!("{v} is outside the range {range}") }
        }
        FindingKind::UnknownCode { allowed } => {
            if nl {
                format!("{v} is geen toegestane waarde (toegestaan: {})", list(allowed))
            } else {
                format!("{v} is not an allowed value (allowed: {})", list(allowed))
            }
        }
        FindingKind::CellError => {
            if nl {
                format!("cel bevat een fout {v}")
            } else {
                format!("cell holds an error {v}")
            }
        }
        FindingKind::DuplicateId { first_row } => {
            if nl {
                format!("id {v} komt vaker voor (eerst in rij {first_row})")
            } else {
                format!("id {v} appears more than once (first in row {first_row})")
            }
        }
        FindingKind::DanglingReference { target_sheet } => {
            if nl {
                format!("id {v} komt niet voor in blad `{target_sheet}`")
            } else {
                format!("id {v} does not exist in sheet `{target_sheet}`")
            }
        }
        FindingKind::EndBeforeStart { start } => {
            if nl {
                format!("einde {v} ligt vóór start {start}")
            } else {
                format!("end {v} lies before start {start}")
            }
        }
        FindingKind::CoordinatorWithoutHours => lang
            .pick(
                "coördinator zonder fte en zonder uren per week: telt als 0 fte",
                "coordinator without fte and without hours per week: counts as 0 fte",
            )
            .to_string(),
        FindingKind::NoLocation => {
            lang.pick("blad `locatie` noemt geen locatie", "sheet `locatie` names no location").to_string()
        }
        FindingKind::LocationColumnNeeded => lang
            .pick(
                "de export bevat meerdere locaties, maar dit blad heeft geen kolom `locatie_id`",
                "the export holds several locations, but this sheet has no `locatie_id` column",
            )
            .to_string(),
    }
}
