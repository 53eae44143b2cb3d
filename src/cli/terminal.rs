//! Terminal output that cannot steer the terminal: control characters from the data (a location name holding
//! `ESC [ 2 J`, a carriage return, a C1 control) are written as visible escapes (`\x1b`, `\r`, `\u{9b}`); line
//! ends and tabs stay. Cost: one pass over the text written.

use std::io::Write;

/// Wraps a writer (standard output or error of `check` and `inspect`).
pub struct Escaping<'a> {
    inner: &'a mut dyn Write,
}

impl<'a> Escaping<'a> {
    pub fn new(inner: &'a mut dyn Write) -> Self {
        Escaping { inner }
    }
}

/// The text with every control character but `\n` and `\t` made visible.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_steering) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\r' => out.push_str("\\r"),
            c if is_steering(c) && (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if is_steering(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

fn is_steering(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
        // Bidirectional overrides reorder what a reader sees (a name shown backwards).
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl Write for Escaping<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Formatting hands over whole `str` pieces, so a piece is valid UTF-8 unless someone writes raw bytes;
        // those keep their bytes, with ASCII controls escaped.
        match std::str::from_utf8(buf) {
            Ok(text) => self.inner.write_all(escape_controls(text).as_bytes())?,
            Err(_) => {
                for &b in buf {
                    if b < 0x20 && b != b'\n' && b != b'\t' || b == 0x7f {
                        write!(self.inner, "\\x{b:02x}")?;
                    } else {
                        self.inner.write_all(&[b])?;
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_c1_controls_are_shown_not_obeyed() {
        let mut sink = Vec::new();
        {
            let mut w = Escaping::new(&mut sink);
            let _ = writeln!(w, "L1 \u{1b}[2J\u{1b}]0;pwned\u{7}Naam\r\tok \u{9b}31m \u{202e}cba");
        }
        let text = String::from_utf8(sink).unwrap_or_default();
        assert_eq!(text, "L1 \\x1b[2J\\x1b]0;pwned\\x07Naam\\r\tok \\u{9b}31m \\u{202e}cba\n");
    }
}
