//! Which number formats make a number cell a date, exactly as calamine 0.38 decides it (`formats.rs`, MIT licence,
//! Copyright 2016-2026 Johann Tuffe; its own port of openpyxl's rules): the functions are private to calamine, so
//! they are copied here, and the tests compare them with calamine's reading of the same workbook.
//!
//! Cost: O(length of the format code), once per style of a workbook.

/// What a cell's number format makes of its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellFormat {
    Other,
    DateTime,
    TimeDelta,
}

/// A custom format code (`numFmt/@formatCode`).
pub fn custom(format: &str) -> CellFormat {
    let mut escaped = false;
    let mut is_quote = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for s in format.chars() {
        match (s, escaped, is_quote, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => is_quote = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => is_quote = true,
            (';', ..) => return CellFormat::Other,
            ('[', ..) => brackets = brackets.wrapping_add(1),
            (']', .., 1) if hms => return CellFormat::TimeDelta,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return CellFormat::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return CellFormat::DateTime;
            }
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    CellFormat::Other
}

/// A built-in format, by its id as the style writes it (`xf/@numFmtId`, compared as text as calamine does).
pub fn builtin(id: &str) -> CellFormat {
    match id {
        "14" | "15" | "16" | "17" | "18" | "19" | "20" | "21" | "22" | "45" | "47" => CellFormat::DateTime,
        "27" | "28" | "29" | "30" | "31" | "32" | "33" | "34" | "35" | "36" | "50" | "51" | "52" | "53" | "54"
        | "55" | "56" | "57" | "58" => CellFormat::DateTime,
        "46" => CellFormat::TimeDelta,
        _ => CellFormat::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// calamine's own cases (its `test_is_date_format`), which it ported from openpyxl.
    #[test]
    fn date_formats_are_told_from_number_formats() {
        for f in ["DD/MM/YY", "H:MM:SS;@", "#,##0\\ [$\\u20bd-46D]", "m\"M\"d\"D\";@", "[h]:mm:ss", "yyyy-mm-dd"] {
            let want = match f {
                "#,##0\\ [$\\u20bd-46D]" => CellFormat::Other,
                "[h]:mm:ss" => CellFormat::TimeDelta,
                _ => CellFormat::DateTime,
            };
            assert_eq!(custom(f), want, "{f}");
        }
        for f in ["0.00", "#,##0", "General", "\"y\"0", "0;[Red]-0", "@"] {
            assert_eq!(custom(f), CellFormat::Other, "{f}");
        }
        assert_eq!(custom("[Red]d-m"), CellFormat::DateTime);
        assert_eq!(custom("AM/PM"), CellFormat::DateTime);
    }

    #[test]
    fn builtin_ids_are_compared_as_written() {
        assert_eq!(builtin("14"), CellFormat::DateTime);
        assert_eq!(builtin("46"), CellFormat::TimeDelta);
        assert_eq!(builtin("014"), CellFormat::Other);
        assert_eq!(builtin("0"), CellFormat::Other);
    }
}
