//! Reading numbers with a decimal comma or point (stub: being written).

/// Parses a number written as text: decimal comma or point, thousands separators, euro sign.
pub fn parse_number_text(_s: &str) -> Option<f64> {
    None
}
