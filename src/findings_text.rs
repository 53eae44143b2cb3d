//! The sentences of input findings: each finding kind is a key of the
//! catalogue `reports/messages/findings.toml` with named arguments; the
//! texts themselves, in Dutch and English, live there and nowhere in code.

use crate::findings::{FindingKind, InputFinding, Why};
use crate::i18n::Lang;
use crate::report::Catalogue;

fn list(items: &[String]) -> String {
    items.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}

fn quoted(v: &Option<String>) -> String {
    match v {
        Some(v) => format!("\"{v}\""),
        None => String::new(),
    }
}

/// The catalogue key of a finding and its named arguments.
pub fn key_and_args(f: &InputFinding) -> (&'static str, Vec<(&'static str, String)>) {
    let value = ("value", quoted(&f.value));
    match &f.kind {
        FindingKind::UnreadableFile { reason } => ("finding_unreadable_file", reason_arg(reason)),
        FindingKind::EncryptedFile => ("finding_encrypted_file", vec![]),
        FindingKind::NotASpreadsheet => ("finding_not_a_spreadsheet", vec![]),
        FindingKind::PathNotFound => ("finding_path_not_found", vec![]),
        FindingKind::TooLarge { reason } => ("finding_too_large", reason_arg(reason)),
        FindingKind::NotARegularFile => ("finding_not_a_regular_file", vec![]),
        FindingKind::MonthFirstDates => ("finding_month_first_dates", vec![]),
        FindingKind::AmbiguousDate => ("finding_ambiguous_date", vec![value.clone()]),
        FindingKind::DuplicateLocation { location_id, other_file } => (
            "finding_duplicate_location",
            vec![("location_id", location_id.clone()), ("other_file", other_file.clone())],
        ),
        FindingKind::MissingSheet { expected, aliases } => {
            ("finding_missing_sheet", vec![("expected", expected.clone()), ("aliases", list(aliases))])
        }
        FindingKind::DuplicateSheet { other } => ("finding_duplicate_sheet", vec![("other", other.clone())]),
        FindingKind::EmptySheet => ("finding_empty_sheet", vec![]),
        FindingKind::MissingColumn { expected, aliases } => {
            let key = if expected.len() > 1 { "finding_missing_columns" } else { "finding_missing_column" };
            (key, vec![("expected", list(expected)), ("aliases", list(aliases))])
        }
        FindingKind::DuplicateColumn { header } => ("finding_duplicate_column", vec![("header", header.clone())]),
        FindingKind::PrivacyColumn { header } => ("finding_privacy_column", vec![("header", header.clone())]),
        FindingKind::MissingValue => ("finding_missing_value", vec![]),
        FindingKind::InvalidDate => ("finding_invalid_date", vec![value]),
        FindingKind::InvalidNumber => ("finding_invalid_number", vec![value]),
        FindingKind::InvalidInteger => ("finding_invalid_integer", vec![value]),
        FindingKind::InvalidBoolean => ("finding_invalid_boolean", vec![value]),
        FindingKind::OutOfRange { min, max } => {
            let range = match (min, max) {
                (Some(a), Some(b)) => format!("{a}..{b}"),
                (Some(a), None) => format!(">= {a}"),
                (None, Some(b)) => format!("<= {b}"),
                (None, None) => String::new(),
            };
            ("finding_out_of_range", vec![value, ("range", range)])
        }
        FindingKind::UnknownCode { allowed } => ("finding_unknown_code", vec![value, ("allowed", list(allowed))]),
        FindingKind::CellError => ("finding_cell_error", vec![value]),
        FindingKind::DuplicateId { first_row } => {
            ("finding_duplicate_id", vec![value, ("first_row", first_row.to_string())])
        }
        FindingKind::DanglingReference { target_sheet } => {
            ("finding_dangling_reference", vec![value, ("target_sheet", target_sheet.clone())])
        }
        FindingKind::EndBeforeStart { start } => ("finding_end_before_start", vec![value, ("start", start.clone())]),
        FindingKind::CoordinatorWithoutHours => ("finding_coordinator_without_hours", vec![]),
        FindingKind::NoLocation => ("finding_no_location", vec![]),
        FindingKind::LocationColumnNeeded => ("finding_location_column_needed", vec![]),
    }
}

/// A reason's key as its argument; [`message_in`] puts the reason's text
/// in the finding's language in its place.
fn reason_arg(reason: &Why) -> Vec<(&'static str, String)> {
    vec![("reason", reason.key.to_string())]
}

/// The sentence for a finding, without its place.
pub fn message(f: &InputFinding, lang: Lang) -> String {
    crate::report::catalogue::with_current(|c| message_in(c, f, lang))
}

/// The sentence for a finding from the given catalogue.
pub fn message_in(catalogue: &Catalogue, f: &InputFinding, lang: Lang) -> String {
    let (key, mut args) = key_and_args(f);
    if let FindingKind::UnreadableFile { reason } | FindingKind::TooLarge { reason } = &f.kind {
        args = vec![("reason", catalogue.fill(reason.key, lang, &reason.args))];
    }
    catalogue.fill(key, lang, &args)
}

#[cfg(test)]
mod tests;
