//! Reading numbers written as text, with a decimal comma or point, thousands separators and a euro sign.
//!
//! The rules, in order:
//!
//! - Surrounding white space is ignored. One euro sign (`€` or `EUR`, any case) may stand before or after the
//!   number; one sign (`-` or `+`) may stand before the number or the euro sign (`-€ 5`, `€ -5`, `- 5`).
//! - When both `.` and `,` occur, the one that occurs last is the decimal separator (it must occur once) and the
//!   other is the thousands separator: `56.500,00` and `56,500.00` are both 56500.
//! - Only commas: one comma is a decimal comma (`0,55` = 0.55, and so `1,234` = 1.234); several are thousands
//!   separators (`1,234,567`).
//! - Only dots: several are thousands separators (`56.500.000`). A single dot is a decimal point, except when it
//!   is followed by exactly three digits and preceded by one to three digits not starting with `0`: then it is a
//!   thousands separator. So `56.500` = 56500 and `1.500` = 1500 (the Dutch reading, which is what these exports
//!   use), but `0.550` = 0.55, `12.5` = 12.5, `1.5000` = 1.5 and `1234.567` = 1234.567. `1.500` is truly
//!   ambiguous; write `1500`, `1.500,00` or `1,5` to be sure.
//! - Spaces (also non-breaking and thin ones) may separate thousands (`1 234 567,50`); then neither `.` nor `,` may
//!   also separate thousands, and a single dot is always a decimal point.
//! - Thousands groups must be valid: a first group of one to three digits not starting with `0`, then groups of
//!   exactly three. A fraction needs at least one digit; a number may start with its
//!   decimal separator (`,5` = 0.5) but not end with one (`5,` is rejected).
//! - Anything else is rejected: words, `NaN`, `inf`, `--1`, `1,2,3.4.5`, `12a`, empty text. The result is always
//!   finite; `-0` gives 0.

/// Parses a number written as text: decimal comma or point, thousands separators, euro sign.
pub fn parse_number_text(s: &str) -> Option<f64> {
    let (negative, body) = strip_sign_and_currency(s)?;
    let body: String = body.chars().map(|c| if is_space(c) { ' ' } else { c }).collect();
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ')) {
        return None;
    }
    let (int_part, frac) = split_decimal(&body)?;
    let mut canonical = String::with_capacity(body.len() + 1);
    if negative {
        canonical.push('-');
    }
    canonical.push_str(&int_part);
    if let Some(frac) = frac {
        if frac.is_empty() || !all_digits(frac) {
            return None;
        }
        if int_part.is_empty() {
            canonical.push('0');
        }
        canonical.push('.');
        canonical.push_str(frac);
    } else if int_part.is_empty() {
        return None;
    }
    let value: f64 = canonical.parse().ok()?;
    // `-0` becomes 0, so zero prints the same however it was written.
    value.is_finite().then_some(if value == 0.0 { 0.0 } else { value })
}

/// White space that may separate thousands: ordinary, non-breaking, narrow non-breaking and thin spaces.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Removes surrounding white space, at most one euro sign (leading or trailing) and at most one leading sign.
/// Gives whether the number is negative and the digits with their separators.
fn strip_sign_and_currency(s: &str) -> Option<(bool, &str)> {
    let mut rest = s.trim();
    let mut sign = None;
    let mut currency = false;
    if let Some((neg, r)) = strip_sign(rest) {
        sign = Some(neg);
        rest = r.trim_start();
    }
    if let Some(r) = strip_currency_prefix(rest) {
        currency = true;
        rest = r.trim_start();
        if sign.is_none()
            && let Some((neg, r)) = strip_sign(rest)
        {
            sign = Some(neg);
            rest = r.trim_start();
        }
    }
    if !currency && let Some(r) = strip_currency_suffix(rest) {
        rest = r.trim_end();
    }
    Some((sign.unwrap_or(false), rest))
}

fn strip_sign(s: &str) -> Option<(bool, &str)> {
    if let Some(r) = s.strip_prefix('-') { Some((true, r)) } else { s.strip_prefix('+').map(|r| (false, r)) }
}

fn strip_currency_prefix(s: &str) -> Option<&str> {
    if let Some(r) = s.strip_prefix('€') {
        return Some(r);
    }
    match (s.get(..3), s.get(3..)) {
        (Some(head), Some(r)) if head.eq_ignore_ascii_case("eur") => Some(r),
        _ => None,
    }
}

fn strip_currency_suffix(s: &str) -> Option<&str> {
    if let Some(r) = s.strip_suffix('€') {
        return Some(r);
    }
    let cut = s.len().checked_sub(3)?;
    match (s.get(..cut), s.get(cut..)) {
        (Some(r), Some(tail)) if tail.eq_ignore_ascii_case("eur") => Some(r),
        _ => None,
    }
}

/// Decides which separator is the decimal one (see the module documentation) and gives the integer digits, with
/// thousands separators checked and removed, and the fraction digits if there is a decimal separator.
fn split_decimal(body: &str) -> Option<(String, Option<&str>)> {
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let spaces = body.contains(' ');
    // (decimal separator, thousands separator)
    let (decimal, thousands) = match (dots, commas) {
        (0, 0) => (None, spaces.then_some(' ')),
        (_, 0) if dots > 1 => (None, Some('.')),
        (0, _) if commas > 1 => (None, Some(',')),
        (1, 0) if !spaces && dot_groups_thousands(body) => (None, Some('.')),
        (1, 0) => (Some('.'), spaces.then_some(' ')),
        (0, 1) => (Some(','), spaces.then_some(' ')),
        _ => {
            let last_dot = body.rfind('.')?;
            let last_comma = body.rfind(',')?;
            if last_dot > last_comma { (Some('.'), Some(',')) } else { (Some(','), Some('.')) }
        }
    };
    if spaces && thousands != Some(' ') {
        return None;
    }
    let (int_text, frac) = match decimal {
        Some(sep) => {
            let (int_text, frac) = body.split_once(sep)?;
            (int_text, Some(frac))
        }
        None => (body, None),
    };
    let int_part = match thousands {
        Some(sep) if int_text.contains(sep) => ungroup(int_text, sep)?,
        _ if all_digits(int_text) => int_text.to_string(),
        _ => return None,
    };
    Some((int_part, frac))
}

/// The single-dot exception: `56.500` is 56500 when the dot has one to three digits before it, not starting with
/// `0`, and exactly three after it.
fn dot_groups_thousands(body: &str) -> bool {
    match body.split_once('.') {
        Some((before, after)) => {
            (1..=3).contains(&before.len())
                && !before.starts_with('0')
                && all_digits(before)
                && after.len() == 3
                && all_digits(after)
        }
        None => false,
    }
}

/// `56.500.000` with `.` as the separator gives `56500000`; invalid grouping gives `None`.
fn ungroup(text: &str, sep: char) -> Option<String> {
    let mut groups = text.split(sep);
    let first = groups.next()?;
    if !(1..=3).contains(&first.len()) || !all_digits(first) || first.starts_with('0') {
        return None;
    }
    let mut out = first.to_string();
    for group in groups {
        if group.len() != 3 || !all_digits(group) {
            return None;
        }
        out.push_str(group);
    }
    Some(out)
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(cases: &[(&str, f64)]) {
        for &(s, want) in cases {
            assert_eq!(parse_number_text(s), Some(want), "{s:?}");
        }
    }

    #[test]
    fn plain_numbers_and_signs() {
        check(&[("0", 0.0), ("42", 42.0), ("-7", -7.0), ("+7", 7.0), ("-0", 0.0), ("007", 7.0), (" 12 ", 12.0)]);
    }

    #[test]
    fn decimal_comma_or_point() {
        check(&[("0,55", 0.55), ("0.55", 0.55), ("12.5", 12.5), ("12,5", 12.5), (",5", 0.5), (".5", 0.5)]);
        check(&[("1,234", 1.234), ("-3,75", -3.75), ("1234.567", 1234.567), ("1234,567", 1234.567)]);
    }

    #[test]
    fn both_separators_last_one_is_decimal() {
        check(&[("56.500,00", 56500.0), ("56,500.00", 56500.0), ("1.234.567,89", 1_234_567.89)]);
        check(&[("1,234,567.89", 1_234_567.89), ("1.000,5", 1000.5), ("0,5", 0.5)]);
        for s in ["1,2,3.4.5", "56.50,00", "1.234,56,7", "1,234.56.7", "1.234.5,6", ",234.5", "0.500,5"] {
            assert_eq!(parse_number_text(s), None, "{s}");
        }
    }

    #[test]
    fn several_of_one_separator_are_thousands() {
        check(&[("56.500.000", 56_500_000.0), ("1,234,567", 1_234_567.0), ("1.000.000", 1_000_000.0)]);
        for s in ["1.23.456", "1,2345,678", "1234.567.890", "0.500.000", "1..500"] {
            assert_eq!(parse_number_text(s), None, "{s}");
        }
    }

    #[test]
    fn single_dot_rule() {
        check(&[("56.500", 56500.0), ("1.500", 1500.0), ("999.999", 999_999.0), ("-1.500", -1500.0)]);
        check(&[("0.550", 0.55), ("12.5", 12.5), ("1.5000", 1.5), ("1234.567", 1234.567), ("1.50", 1.5)]);
        check(&[("€ 1.500", 1500.0), (".500", 0.5)]);
    }

    #[test]
    fn spaces_as_thousands() {
        check(&[("1 234 567", 1_234_567.0), ("1\u{a0}234,50", 1234.5), ("12\u{202f}345.678", 12345.678)]);
        for s in ["1 23", "1  234", "1 234.567,00", "1 234,567.00", "1 234 ,5", "1,234 567"] {
            assert_eq!(parse_number_text(s), None, "{s}");
        }
    }

    #[test]
    fn euro_signs() {
        check(&[("€56.500,00", 56500.0), ("€ 56.500,00", 56500.0), ("56.500,00 €", 56500.0), ("EUR 12,50", 12.5)]);
        check(&[("12,50 eur", 12.5), ("-€ 5", -5.0), ("€ -5", -5.0), ("€-5,25", -5.25), ("\u{a0}€\u{a0}5\u{a0}", 5.0)]);
        for s in ["€", "€ 5 €", "EUR 5 €", "5 € €", "€€5", "5-", "€ - - 5"] {
            assert_eq!(parse_number_text(s), None, "{s}");
        }
    }

    #[test]
    fn rejects_everything_else() {
        for s in [
            "", "   ", "\u{a0}", "twee", "12a", "--1", "+-1", "-", "NaN", "nan", "inf", "-inf", "infinity", "1e5",
            "5.", "5,", ".", ",", "(5)", "0x10", "١٢", "1_000", "12 %", "5,-",
        ] {
            assert_eq!(parse_number_text(s), None, "{s:?}");
        }
    }

    #[test]
    fn huge_values_are_rejected_not_infinite() {
        let huge = "9".repeat(400);
        assert_eq!(parse_number_text(&huge), None);
        assert!(parse_number_text(&"9".repeat(300)).is_some_and(f64::is_finite));
    }

    /// Writes an integer with `sep` between groups of three digits.
    fn grouped(n: u64, sep: char) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    proptest! {
        #[test]
        fn never_panics_and_is_finite(s in any::<String>()) {
            if let Some(v) = parse_number_text(&s) {
                prop_assert!(v.is_finite());
            }
        }

        #[test]
        fn number_like_text_never_panics(s in "[-+0-9.,€EUReu \u{a0}\u{202f}]{0,24}") {
            if let Some(v) = parse_number_text(&s) {
                prop_assert!(v.is_finite());
            }
        }

        #[test]
        fn grouped_amounts_round_trip(n in 1000u64..1_000_000_000_000, cents in 0u32..100) {
            let want: f64 = format!("{n}.{cents:02}").parse().unwrap();
            let nl = format!("€ {},{cents:02}", grouped(n, '.'));
            let en = format!("{}.{cents:02}", grouped(n, ','));
            let spaced = format!("{},{cents:02}", grouped(n, ' '));
            for s in [nl, en, spaced] {
                let got = parse_number_text(&s);
                prop_assert_eq!(got, Some(want), "{}", s);
            }
        }
    }
}
