//! Reading yes/no values (stub: being written).

/// Parses a yes/no value written as text (`ja`/`nee`, `yes`/`no`, ...).
/// Empty text is `Some(false)` under the `x`/empty convention.
pub fn parse_bool_text(_s: &str) -> Option<bool> {
    None
}
