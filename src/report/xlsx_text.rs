//! A text as a sheet's XML holds it, escaped as rust_xlsxwriter escapes it (and Excel reads it back): `&`, `<`
//! and `>` as entities; control characters (but tab and line feed) and U+FFFE/U+FFFF as `_xHHHH_`; and a text that
//! itself spells such an escape keeps it by writing its underscore as `_x005F`.
//!
//! Cost: one pass over the bytes; a text with nothing to escape (nearly all) is copied as is.

/// Appends `text` to `out`, escaped.
pub(super) fn push_escaped(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let careful = |(i, b): (usize, &u8)| CARE[usize::from(*b)] && (*b != b'_' || bytes.get(i + 1) == Some(&b'x'));
    if !bytes.iter().enumerate().any(careful) {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    // First the literal escapes (on the text as given), then the characters (on the result).
    let mut kept = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        if spells_an_escape(text, i) {
            kept.push_str("_x005F");
        }
        kept.push(c);
    }
    for c in kept.chars() {
        match c {
            '&' => out.extend_from_slice(b"&amp;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '>' => out.extend_from_slice(b"&gt;"),
            '\t' | '\n' => out.push(c as u8),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {
                out.extend_from_slice(format!("_x{:04X}_", u32::from(c)).as_bytes());
            }
            _ => {
                let mut utf8 = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
            }
        }
    }
}

/// The bytes that may start something to escape: an entity character, a control character (but tab and line
/// feed), the lead byte of U+FFFE/U+FFFF, or an underscore (of a spelled escape, when an `x` follows).
const CARE: [bool; 256] = {
    let mut care = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        care[b] = b != 0x09 && b != 0x0A;
        b += 1;
    }
    care[b'&' as usize] = true;
    care[b'<' as usize] = true;
    care[b'>' as usize] = true;
    care[0xEF] = true;
    care[b'_' as usize] = true;
    care
};

/// Whether `text` spells `_xHHHH_` (four hex digits) at byte `i`.
fn spells_an_escape(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    i + 7 <= b.len()
        && b[i] == b'_'
        && b[i + 1] == b'x'
        && b[i + 2..i + 6].iter().all(u8::is_ascii_hexdigit)
        && b[i + 6] == b'_'
}

#[cfg(test)]
mod tests {
    use super::push_escaped;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        push_escaped(&mut out, s);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn texts_are_escaped_as_excel_reads_them() {
        assert_eq!(escaped("plain tekst é"), "plain tekst é");
        assert_eq!(escaped("a & b < c > d \"e\""), "a &amp; b &lt; c &gt; d \"e\"");
        assert_eq!(escaped("tab\tlf\ncr\r"), "tab\tlf\ncr_x000D_");
        assert_eq!(escaped("\u{0}\u{1f}\u{fffe}\u{ffff}\u{feff}"), "_x0000__x001F__xFFFE__xFFFF_\u{feff}");
        assert_eq!(escaped("_x0041_"), "_x005F_x0041_");
        assert_eq!(escaped("_x004_ _xGGGG_ _x0041"), "_x004_ _xGGGG_ _x0041");
        assert_eq!(escaped("a_x00e9_b_X0041_"), "a_x005F_x00e9_b_X0041_");
        assert_eq!(escaped("_x0041__x0042_"), "_x005F_x0041__x005F_x0042_");
    }
}
