//! The text and attribute values of a workbook part, decoded as calamine decodes them: the five predefined
//! entities and character references, and (in text) line ends normalized. Any other entity stops the reader.
//!
//! Cost: O(bytes) of the value, one pass.

use memchr::memchr;

use super::xml::Bail;

/// Appends a text as written to `out`: the five predefined entities and character references decoded, line ends
/// normalized (CRLF and CR to LF) as XML 1.0 asks and calamine does. Any other entity stops the reader.
pub fn decode_text(text: &str, out: &mut String) -> Result<(), Bail> {
    decode(text, push_normalized, out)
}

/// An attribute value with its entities decoded (no line-end normalization: calamine's `decode_attr` does none).
pub fn decode_attr(value: &str) -> Result<String, Bail> {
    let mut out = String::with_capacity(value.len());
    decode(value, |text, out| out.push_str(text), &mut out)?;
    Ok(out)
}

/// `text` with its entities decoded into `out`, the text between them through `push`.
fn decode(text: &str, push: fn(&str, &mut String), out: &mut String) -> Result<(), Bail> {
    let mut rest = text;
    while let Some(amp) = memchr(b'&', rest.as_bytes()) {
        push(rest.get(..amp).ok_or(Bail)?, out);
        let after = rest.get(amp + 1..).ok_or(Bail)?;
        let semi = memchr(b';', after.as_bytes()).filter(|&s| s <= 10).ok_or(Bail)?;
        out.push(entity(after.get(..semi).ok_or(Bail)?)?);
        rest = after.get(semi + 1..).ok_or(Bail)?;
    }
    push(rest, out);
    Ok(())
}

fn push_normalized(text: &str, out: &mut String) {
    if memchr(b'\r', text.as_bytes()).is_none() {
        out.push_str(text);
        return;
    }
    out.push_str(&text.replace("\r\n", "\n").replace('\r', "\n"));
}

/// The character an entity's name (between `&` and `;`) stands for.
fn entity(name: &str) -> Result<char, Bail> {
    let code = match name {
        "lt" => return Ok('<'),
        "gt" => return Ok('>'),
        "amp" => return Ok('&'),
        "apos" => return Ok('\''),
        "quot" => return Ok('"'),
        _ => match name.strip_prefix("#x") {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).map_err(|_| Bail)?
            }
            _ => match name.strip_prefix('#') {
                Some(dec) if !dec.is_empty() && dec.bytes().all(|b| b.is_ascii_digit()) => {
                    dec.parse::<u32>().map_err(|_| Bail)?
                }
                _ => return Err(Bail),
            },
        },
    };
    // A reference to NUL or outside the characters XML allows: left to calamine.
    char::from_u32(code).filter(|c| *c != '\0').ok_or(Bail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_decoded_and_line_ends_normalized() {
        let mut out = String::new();
        assert_eq!(decode_text("a&lt;b&#233;&#x41;\r\nc\rd", &mut out), Ok(()));
        assert_eq!(out, "a<béA\nc\nd");
        assert_eq!(decode_text("&nbsp;", &mut String::new()), Err(Bail));
        assert_eq!(decode_text("a & b", &mut String::new()), Err(Bail));
        assert_eq!(decode_text("&#0;", &mut String::new()), Err(Bail));
        assert_eq!(decode_attr("yyyy&quot;-&quot;mm"), Ok("yyyy\"-\"mm".into()));
    }
}
