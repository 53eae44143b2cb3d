//! Typing one cell: a raw cell and its column's type become a value, or a finding.

use super::excel_serial::excel_serial_to_date;
use super::normalize::normalize_name;
use super::parse_bool::parse_bool_text;
use super::parse_date::parse_date_text;
use super::parse_number::parse_number_text;
use super::schema::{ColumnSpec, ColumnType, Required};
use super::value::Value;
use crate::findings::FindingKind;
use crate::ingest::RawCell;

/// Reads one cell as its column's type. `Ok(Value::Empty)` for blank cells
/// (and `Err(MissingValue)` when the column requires a value).
pub fn type_cell(cell: &RawCell, spec: &ColumnSpec) -> Result<Value, FindingKind> {
    if cell.is_blank() {
        return match spec.ty {
            // The `x`/empty convention: an empty yes/no cell is "no".
            ColumnType::Bool => Ok(Value::Bool(false)),
            _ if spec.required == Required::Yes => Err(FindingKind::MissingValue),
            _ => Ok(Value::Empty),
        };
    }
    if let RawCell::Error(_) = cell {
        return Err(FindingKind::CellError);
    }
    if let (RawCell::Ambiguous(_), ColumnType::Date) = (cell, &spec.ty) {
        return Err(FindingKind::AmbiguousDate);
    }
    match spec.ty {
        ColumnType::Text => Ok(Value::Text(match cell {
            RawCell::Text(t) => t.trim().into(),
            other => other.display().trim().into(),
        })),
        ColumnType::Date => read_date(cell).map(Value::Date).ok_or(FindingKind::InvalidDate),
        ColumnType::Number => read_number(cell).map(Value::Number).ok_or(FindingKind::InvalidNumber),
        ColumnType::Integer { min, max } => {
            let n = read_number(cell).ok_or(FindingKind::InvalidInteger)?;
            if n.fract() != 0.0 || n.abs() > 1e15 {
                return Err(FindingKind::InvalidInteger);
            }
            let i = n as i64;
            if min.is_some_and(|m| i < m) || max.is_some_and(|m| i > m) {
                return Err(FindingKind::OutOfRange { min, max });
            }
            Ok(Value::Int(i))
        }
        ColumnType::Bool => read_bool(cell).map(Value::Bool).ok_or(FindingKind::InvalidBoolean),
        ColumnType::Code(codes) => {
            let wanted = normalize_name(&cell.display());
            codes
                .iter()
                .find(|c| normalize_name(c.code) == wanted || normalize_name(c.alias) == wanted)
                .map(|c| Value::Text(c.code.into()))
                .ok_or_else(|| FindingKind::UnknownCode { allowed: codes.iter().map(|c| c.code.to_string()).collect() })
        }
    }
}

fn read_date(cell: &RawCell) -> Option<chrono::NaiveDate> {
    match cell {
        RawCell::Date(d) => Some(*d),
        // A plain number in a date column of a workbook: a 1900-system serial.
        RawCell::Number(n) => excel_serial_to_date(*n, false),
        RawCell::Text(t) => parse_date_text(t),
        _ => None,
    }
}

fn read_number(cell: &RawCell) -> Option<f64> {
    match cell {
        RawCell::Number(n) if n.is_finite() => Some(*n),
        RawCell::Text(t) => parse_number_text(t),
        _ => None,
    }
}

fn read_bool(cell: &RawCell) -> Option<bool> {
    match cell {
        RawCell::Bool(b) => Some(*b),
        RawCell::Number(n) if *n == 1.0 => Some(true),
        RawCell::Number(n) if *n == 0.0 => Some(false),
        RawCell::Text(t) => parse_bool_text(t),
        _ => None,
    }
}
