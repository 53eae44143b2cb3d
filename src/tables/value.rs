//! A typed cell value, as the public face of a table hands it out.

use chrono::NaiveDate;

/// One typed value. Text columns give `Text`, coded columns their canonical
/// code as `Text`, whole-number columns `Int`, and so on; `Empty` for empty
/// or unreadable cells (an unreadable cell also has an input finding).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    /// Kept inline up to 24 bytes (ids, codes): no allocation for most cells.
    Text(crate::ingest::CellText),
    Date(NaiveDate),
    Number(f64),
    Int(i64),
    Bool(bool),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        matches!(self, Value::Empty)
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn as_date(&self) -> Option<NaiveDate> {
        match self {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Int(i) => Some(*i as f64),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

/// Days since 1970-01-01, the way polars stores dates.
pub fn date_to_days(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    (d - epoch).num_days() as i32
}

/// The inverse of [`date_to_days`].
pub fn days_to_date(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_signed(chrono::Duration::days(days as i64))
}
