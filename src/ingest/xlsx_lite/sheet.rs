//! The cells of one worksheet part, as calamine's `XlsxCellReader::next_cell` yields them: position and value, in
//! the order the part holds them.
//!
//! Only the usual shape is read: `row` elements holding `c` elements, each with its `r` reference, whose children
//! are `v`, `is` or `f`. A cell type, value or element calamine would refuse, or that this reader does not know how
//! calamine reads, is a [`Bail`] (cells already handed out count for nothing then).
//!
//! Cost: O(bytes) of the part; one cell's text at a time.

use calamine::{DataRef, ExcelDateTime, ExcelDateTimeType};

use super::book::{Book, rich_text};
use super::entities::decode_text;
use super::formats::CellFormat;
use super::xml::{Bail, Token, Tokens, attribute};

/// Why the cells stopped: the part is not of the usual shape, or the receiver refused a cell.
pub enum Stop<E> {
    Bail,
    Refused(E),
}

impl<E> From<Bail> for Stop<E> {
    fn from(_: Bail) -> Self {
        Stop::Bail
    }
}

/// Hands every cell of the sheet part `xml` to `cell`, zero-based `(row, column)` first.
pub fn cells<'b, E>(
    xml: &str,
    book: &'b Book,
    cell: &mut dyn FnMut((u32, u32), DataRef<'b>) -> Result<(), E>,
) -> Result<(), Stop<E>> {
    let mut tokens = Tokens::new(xml);
    // Before the cells: a `dimension` must hold a reference calamine reads.
    loop {
        match tokens.next_token()?.ok_or(Bail)? {
            Token::Open { name: "dimension", attrs, .. } => {
                dimension(attribute(attrs, "ref")?.ok_or(Bail)?)?;
            }
            Token::Open { name: "sheetData", empty: true, .. } => return Ok(()),
            Token::Open { name: "sheetData", empty: false, .. } => break,
            _ => {}
        }
    }
    let mut text = String::new();
    loop {
        match tokens.next_token()?.ok_or(Bail)? {
            Token::Open { name: "row", attrs, empty } => {
                if let Some(r) = attribute(attrs, "r")? {
                    row_number(r)?;
                }
                if !empty {
                    row(&mut tokens, book, &mut text, cell)?;
                }
            }
            Token::Close { name: "sheetData" } => return Ok(()),
            Token::Text(t) if is_space(t) => {}
            _ => return Err(Stop::Bail),
        }
    }
}

/// The cells of a row just opened, up to its closing tag.
fn row<'b, E>(
    tokens: &mut Tokens<'_>,
    book: &'b Book,
    text: &mut String,
    cell: &mut dyn FnMut((u32, u32), DataRef<'b>) -> Result<(), E>,
) -> Result<(), Stop<E>> {
    loop {
        match tokens.next_token()?.ok_or(Bail)? {
            Token::Open { name: "c", attrs, empty } => {
                let (mut at, mut style, mut kind) = (None, None, None);
                for pair in super::xml::attributes(attrs) {
                    let (key, value) = pair?;
                    let slot = match key {
                        "r" => &mut at,
                        "s" => &mut style,
                        "t" => &mut kind,
                        _ => continue,
                    };
                    if slot.replace(value).is_some() {
                        return Err(Stop::Bail);
                    }
                }
                let at = reference(at.ok_or(Bail)?)?;
                let format = match style {
                    None => Some(CellFormat::Other),
                    Some(s) => book.formats.get(digits(s)?).copied(),
                };
                let mut value = DataRef::Empty;
                if !empty {
                    loop {
                        match tokens.next_token()?.ok_or(Bail)? {
                            Token::Open { name, empty, .. } => {
                                value = child(tokens, book, name, empty, kind, format, text)?;
                            }
                            Token::Close { name: "c" } => break,
                            Token::Text(t) if is_space(t) => {}
                            _ => return Err(Stop::Bail),
                        }
                    }
                }
                cell(at, value).map_err(Stop::Refused)?;
            }
            Token::Close { name: "row" } => return Ok(()),
            Token::Text(t) if is_space(t) => {}
            _ => return Err(Stop::Bail),
        }
    }
}

/// The value one child element of a cell gives it (the last child's value is the cell's, as in calamine).
fn child<'b>(
    tokens: &mut Tokens<'_>,
    book: &'b Book,
    name: &str,
    empty: bool,
    kind: Option<&str>,
    format: Option<CellFormat>,
    text: &mut String,
) -> Result<DataRef<'b>, Bail> {
    match name {
        "is" if empty => Ok(DataRef::String(String::new())),
        "is" => rich_text(tokens).map(DataRef::String),
        "f" if empty => Ok(DataRef::Empty),
        "v" if empty => value(book, "", "", kind, format),
        "f" => {
            tokens.skip_element()?;
            Ok(DataRef::Empty)
        }
        "v" => {
            text.clear();
            let mut raw = None;
            let whole = tokens.whole_name();
            loop {
                match tokens.next_token()?.ok_or(Bail)? {
                    Token::Text(t) if raw.is_none() => {
                        raw = Some(t);
                        // Only a formula's text is decoded (calamine reads the other types' bytes as they are).
                        if kind == Some("str") {
                            decode_text(t, text)?;
                        }
                    }
                    Token::Close { .. } if tokens.whole_name() == whole => break,
                    _ => return Err(Bail),
                }
            }
            value(book, raw.unwrap_or(""), text, kind, format)
        }
        _ => Err(Bail),
    }
}

/// A `v` element's value, by the cell's type: `raw` as written, `text` decoded.
fn value<'b>(
    book: &'b Book,
    raw: &str,
    text: &str,
    kind: Option<&str>,
    format: Option<CellFormat>,
) -> Result<DataRef<'b>, Bail> {
    // The types calamine reads from the raw bytes: an entity in them is not for this reader.
    if matches!(kind, None | Some("n" | "s" | "b" | "e")) && memchr::memchr(b'&', raw.as_bytes()).is_some() {
        return Err(Bail);
    }
    match kind {
        Some("inlineStr" | "is") => Ok(DataRef::Empty),
        Some("s") if raw.is_empty() => Ok(DataRef::Empty),
        Some("s") => book.strings.get(digits(raw)?).map(|s| DataRef::SharedString(s.as_str())).ok_or(Bail),
        Some("b") => match raw.trim() {
            "" => Ok(DataRef::Empty),
            "0" => Ok(DataRef::Bool(false)),
            "1" => Ok(DataRef::Bool(true)),
            v if v.eq_ignore_ascii_case("false") => Ok(DataRef::Bool(false)),
            v if v.eq_ignore_ascii_case("true") => Ok(DataRef::Bool(true)),
            _ => Err(Bail),
        },
        Some("str") if text.contains("_x") => Err(Bail),
        Some("str") => Ok(DataRef::String(text.to_string())),
        Some("n") | None if raw.is_empty() => Ok(DataRef::Empty),
        Some("n") | None => {
            let n = number(raw).ok_or(Bail)?;
            Ok(match format {
                Some(CellFormat::DateTime) => {
                    DataRef::DateTime(ExcelDateTime::new(n, ExcelDateTimeType::DateTime, book.is_1904))
                }
                Some(CellFormat::TimeDelta) => {
                    DataRef::DateTime(ExcelDateTime::new(n, ExcelDateTimeType::TimeDelta, book.is_1904))
                }
                _ => DataRef::Float(n),
            })
        }
        // Errors, ISO dates and types calamine does not know: left to calamine.
        _ => Err(Bail),
    }
}

/// A number in the plain decimal form both calamine's and Rust's parsers read alike: `-?d+(.d+)?([eE][+-]?d+)?`.
fn number(raw: &str) -> Option<f64> {
    let b = raw.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let run = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !run(&mut i) {
        return None;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !run(&mut i) {
            return None;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !run(&mut i) {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    raw.parse().ok().filter(|n: &f64| n.is_finite())
}

/// A style or string index: 1 to 9 plain digits.
fn digits(s: &str) -> Result<usize, Bail> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Bail);
    }
    s.parse().map_err(|_| Bail)
}

/// A cell reference `A1` to `XFD1048576` (upper-case letters, a row from 1): zero-based (row, column).
fn reference(r: &str) -> Result<(u32, u32), Bail> {
    let letters = r.bytes().take_while(u8::is_ascii_uppercase).count();
    let (col, row) = r.split_at(letters);
    if !(1..=3).contains(&letters) {
        return Err(Bail);
    }
    let col = col.bytes().fold(0u32, |c, b| c * 26 + u32::from(b - b'A') + 1);
    Ok((row_number(row)?, col - 1))
}

/// A row number from 1 to 9,999,999, plain digits: zero-based.
fn row_number(r: &str) -> Result<u32, Bail> {
    if r.is_empty() || r.len() > 7 || r.starts_with('0') || !r.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Bail);
    }
    r.parse::<u32>().map(|n| n - 1).map_err(|_| Bail)
}

/// A `dimension` reference calamine reads: one cell, or a range from its first to its last cell.
fn dimension(r: &str) -> Result<(), Bail> {
    match r.split_once(':') {
        None => reference(r).map(|_| ()),
        Some((first, last)) => {
            let (a, b) = (reference(first)?, reference(last)?);
            if b.0 < a.0 || b.1 < a.1 { Err(Bail) } else { Ok(()) }
        }
    }
}

fn is_space(t: &str) -> bool {
    t.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_plain_form_only() {
        assert_eq!(number("-12.5e3"), Some(-12500.0));
        assert_eq!(number("45678"), Some(45678.0));
        for bad in ["", "-", "1.", ".5", "+1", "1e", "inf", "NaN", " 1", "1e999", "0x10"] {
            assert_eq!(number(bad), None, "{bad}");
        }
    }

    #[test]
    fn references() {
        assert_eq!(reference("A1"), Ok((0, 0)));
        assert_eq!(reference("XFD1048576"), Ok((1_048_575, 16_383)));
        assert_eq!(reference("AB12"), Ok((11, 27)));
        for bad in ["a1", "A0", "A01", "1", "A", "ABCD1", "A1B", "A12345678"] {
            assert_eq!(reference(bad), Err(Bail), "{bad}");
        }
        assert_eq!(dimension("A1:Q40"), Ok(()));
        assert_eq!(dimension("B2:A1"), Err(Bail));
    }
}
