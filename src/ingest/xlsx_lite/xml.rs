//! The XML of a workbook part as a stream of tags and text, for the parts of the usual shape only: whatever this
//! reader does not know for certain how calamine reads (a doctype, CDATA, an unknown entity, a malformed tag or
//! attribute, unbalanced tags) stops it with [`Bail`], and the workbook goes to calamine.
//!
//! Names are matched on their local part, as calamine matches them (`x:row` is a `row`); attributes by their whole
//! name, as calamine's `raw_attr` does. Comments and processing instructions come as [`Token::Other`]: calamine
//! passes over them, but reads only the first event of some values.
//!
//! Cost: O(bytes) of the part, one pass, nothing copied but decoded text.

use memchr::memchr;

use super::entities::decode_text;

/// The part is not of the shape this reader knows: read the workbook with calamine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bail;

/// One tag or text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// `<name attrs>` or `<name attrs/>` (`empty`).
    Open {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    Close {
        name: &'a str,
    },
    /// Text between tags, as written (entities not yet decoded).
    Text(&'a str),
    /// A comment or a processing instruction (calamine passes over them, but they end a text event).
    Other,
}

/// The tokens of one part.
pub struct Tokens<'a> {
    xml: &'a str,
    at: usize,
    /// The whole name (prefix included) of the last tag read.
    whole: &'a str,
}

impl<'a> Tokens<'a> {
    /// The part's text; a UTF-8 byte order mark is skipped.
    pub fn new(xml: &'a str) -> Tokens<'a> {
        let at = if xml.starts_with('\u{FEFF}') { 3 } else { 0 };
        Tokens { xml, at, whole: "" }
    }

    /// The next tag or text; `Ok(None)` at the end of the part.
    pub fn next_token(&mut self) -> Result<Option<Token<'a>>, Bail> {
        let bytes = self.xml.as_bytes();
        let at = self.at;
        match bytes.get(at) {
            None => return Ok(None),
            Some(b'<') => {}
            Some(_) => {
                let len = memchr(b'<', bytes.get(at..).ok_or(Bail)?).unwrap_or(bytes.len() - at);
                self.at = at + len;
                let text = self.xml.get(at..at + len).ok_or(Bail)?;
                references_closed(text)?;
                return Ok(Some(Token::Text(text)));
            }
        }
        match bytes.get(at + 1) {
            Some(b'/') => {
                let (name_end, local_at) = scan_name(bytes, at + 2)?;
                let mut end = name_end;
                while bytes.get(end).is_some_and(u8::is_ascii_whitespace) {
                    end += 1;
                }
                if bytes.get(end) != Some(&b'>') {
                    return Err(Bail);
                }
                self.at = end + 1;
                self.whole = self.xml.get(at + 2..name_end).ok_or(Bail)?;
                Ok(Some(Token::Close { name: self.xml.get(local_at..name_end).ok_or(Bail)? }))
            }
            Some(b'!') => {
                let rest = self.xml.get(at..).ok_or(Bail)?;
                let after = rest.strip_prefix("<!--").ok_or(Bail)?;
                self.at = at + 4 + after.find("-->").ok_or(Bail)? + 3;
                Ok(Some(Token::Other))
            }
            Some(b'?') => {
                let after = self.xml.get(at + 2..).ok_or(Bail)?;
                self.at = at + 2 + after.find("?>").ok_or(Bail)? + 2;
                Ok(Some(Token::Other))
            }
            _ => {
                let (name_end, local_at) = scan_name(bytes, at + 1)?;
                let end = tag_end(bytes, name_end)?;
                self.at = end + 1;
                let empty = end > name_end && bytes.get(end - 1) == Some(&b'/');
                let attrs = self.xml.get(name_end..if empty { end - 1 } else { end }).ok_or(Bail)?;
                if attrs.as_bytes().first().is_some_and(|b| !b.is_ascii_whitespace()) {
                    return Err(Bail);
                }
                let name = self.xml.get(local_at..name_end).ok_or(Bail)?;
                self.whole = self.xml.get(at + 1..name_end).ok_or(Bail)?;
                Ok(Some(Token::Open { name, attrs, empty }))
            }
        }
    }

    /// The whole name (prefix included) of the last tag read: calamine finds the end of what it reads by it.
    pub fn whole_name(&self) -> &'a str {
        self.whole
    }

    /// Skips the content of an element just opened (not empty) up to its closing tag, as calamine's XML reader
    /// skips it (`read_to_end`): the first closing tag of its whole name that is not closing one of the same name
    /// inside it.
    pub fn skip_element(&mut self) -> Result<(), Bail> {
        let target = self.whole;
        let mut depth = 1usize;
        while depth > 0 {
            match self.next_token()?.ok_or(Bail)? {
                Token::Open { empty: false, .. } if self.whole == target => depth += 1,
                Token::Close { .. } if self.whole == target => depth -= 1,
                _ => {}
            }
        }
        Ok(())
    }
}

/// Appends the text of the element just opened (not empty) to `out`, decoded ([`decode_text`]), up to its closing
/// tag by its whole name, as calamine reads a `t` or a defined name; a tag or comment inside stops the reader.
pub fn element_text(tokens: &mut Tokens<'_>, out: &mut String) -> Result<(), Bail> {
    let whole = tokens.whole;
    loop {
        match tokens.next_token()?.ok_or(Bail)? {
            Token::Text(t) => decode_text(t, out)?,
            Token::Close { .. } if tokens.whole == whole => return Ok(()),
            _ => return Err(Bail),
        }
    }
}

/// Every tag of the part closed in order, by the same name (prefix included), and every attribute well formed.
/// calamine reads a workbook's own parts in loops that each run to one closing tag: in a part nested this way,
/// each finds the one it looks for; and it reads attributes of tags this reader passes over (a font's colour).
pub fn balanced(xml: &str) -> Result<(), Bail> {
    let mut tokens = Tokens::new(xml);
    let mut open: Vec<&str> = Vec::new();
    while let Some(token) = tokens.next_token()? {
        if let Token::Open { attrs, .. } = token {
            attributes(attrs).try_for_each(|a| a.map(|_| ()))?;
        }
        match token {
            Token::Open { empty: false, .. } => open.push(tokens.whole),
            Token::Close { .. } if open.pop() != Some(tokens.whole) => return Err(Bail),
            _ => {}
        }
    }
    if open.is_empty() { Ok(()) } else { Err(Bail) }
}

/// Every `&` of a text followed by its `;` before another `&`: calamine's XML reader fails on any other, wherever
/// the text is, read or not.
fn references_closed(text: &str) -> Result<(), Bail> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(amp) = memchr(b'&', bytes.get(from..).ok_or(Bail)?) {
        let after = from + amp + 1;
        match memchr::memchr2(b';', b'&', bytes.get(after..).ok_or(Bail)?) {
            Some(i) if bytes.get(after + i) == Some(&b';') => from = after + i + 1,
            _ => return Err(Bail),
        }
    }
    Ok(())
}

/// Where a start tag's `>` is (quotes respected), searching `bytes` from `from`; a `<` outside quotes, or inside
/// them, stops the reader (calamine's XML reader takes neither as it is).
fn tag_end(bytes: &[u8], from: usize) -> Result<usize, Bail> {
    let mut quote = 0u8;
    for (i, &b) in bytes.get(from..).ok_or(Bail)?.iter().enumerate() {
        match b {
            b'<' => return Err(Bail),
            b'>' if quote == 0 => return Ok(from + i),
            b'"' | b'\'' if quote == 0 => quote = b,
            b if b == quote => quote = 0,
            _ => {}
        }
    }
    Err(Bail)
}

/// The name starting at `from`: where it ends and where its local part (after a prefix) starts. An empty name, or
/// one with a character that has no place in a name, stops the reader.
fn scan_name(bytes: &[u8], from: usize) -> Result<(usize, usize), Bail> {
    let mut local_at = from;
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        match b {
            b':' => local_at = i + 1,
            b if name_byte(b) => {}
            b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>' => break,
            _ => return Err(Bail),
        }
        i += 1;
    }
    if i == from || local_at == i {
        return Err(Bail);
    }
    Ok((i, local_at))
}

/// A byte that has its place in a tag or attribute name (a prefix's `:` aside).
fn name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.') || b >= 0x80
}

/// An attribute name: not empty, no characters that have no place in a name.
fn check_name(name: &[u8]) -> Result<(), Bail> {
    let ok = !name.is_empty() && name.iter().all(|&b| b == b':' || name_byte(b));
    if ok { Ok(()) } else { Err(Bail) }
}

/// The attributes of a tag, each `(name, raw value)`; a malformed one stops the reader.
pub fn attributes(attrs: &str) -> impl Iterator<Item = Result<(&str, &str), Bail>> {
    let mut at = 0usize;
    let bytes = attrs.as_bytes();
    std::iter::from_fn(move || {
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        if at >= bytes.len() {
            return None;
        }
        let parsed = (|| {
            let rest = bytes.get(at..).ok_or(Bail)?;
            let eq = rest.iter().position(|&b| b == b'=').ok_or(Bail)?;
            let key = rest.get(..eq).ok_or(Bail)?.trim_ascii_end();
            check_name(key)?;
            let mut v = eq + 1;
            while rest.get(v).is_some_and(u8::is_ascii_whitespace) {
                v += 1;
            }
            let quote = *rest.get(v).filter(|q| matches!(q, b'"' | b'\'')).ok_or(Bail)?;
            let body = rest.get(v + 1..).ok_or(Bail)?;
            // The tag's end was found with quotes respected and no `<` in it: the value holds none.
            let close = body.iter().position(|&b| b == quote).ok_or(Bail)?;
            let next = at + v + 1 + close + 1;
            if bytes.get(next).is_some_and(|b| !b.is_ascii_whitespace()) {
                return Err(Bail);
            }
            let key = attrs.get(at..at + key.len()).ok_or(Bail)?;
            let value = attrs.get(at + v + 1..at + v + 1 + close).ok_or(Bail)?;
            at = next;
            Ok((key, value))
        })();
        if parsed.is_err() {
            at = bytes.len();
        }
        Some(parsed)
    })
}

/// The raw value of the attribute named `key` (whole name); two of them stop the reader.
pub fn attribute<'a>(attrs: &'a str, key: &str) -> Result<Option<&'a str>, Bail> {
    let mut found = None;
    for pair in attributes(attrs) {
        let (k, v) = pair?;
        if k == key {
            if found.is_some() {
                return Err(Bail);
            }
            found = Some(v);
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(xml: &str) -> Result<Vec<Token<'_>>, Bail> {
        let mut t = Tokens::new(xml);
        let mut out = Vec::new();
        while let Some(token) = t.next_token()? {
            out.push(token);
        }
        Ok(out)
    }

    #[test]
    fn tags_and_text() {
        let got = all(r#"<?xml version="1.0"?><x:a b="1>2" c='3'><!-- note --><d/>te&amp;xt</x:a>"#);
        assert_eq!(
            got,
            Ok(vec![
                Token::Other,
                Token::Open { name: "a", attrs: r#" b="1>2" c='3'"#, empty: false },
                Token::Other,
                Token::Open { name: "d", attrs: "", empty: true },
                Token::Text("te&amp;xt"),
                Token::Close { name: "a" },
            ])
        );
    }

    #[test]
    fn what_it_does_not_know_stops_it() {
        for xml in [
            "<!DOCTYPE x>",
            "<a><![CDATA[x]]></a>",
            "<a>b &amp c</a>",
            "<a>&amp;&</a>",
            "<a b=1>",
            "<a b=\"1\"c=\"2\">",
            "<a",
            "<>",
            "<a b=\"<\">",
        ] {
            let bad = all(xml).and_then(|tokens| {
                tokens.iter().try_for_each(|t| match t {
                    Token::Open { attrs, .. } => attributes(attrs).try_for_each(|a| a.map(|_| ())),
                    _ => Ok(()),
                })
            });
            assert_eq!(bad, Err(Bail), "{xml}");
        }
    }

    #[test]
    fn attributes_are_found_by_whole_name_once() {
        assert_eq!(attribute(r#" r="A1" s='2'"#, "s"), Ok(Some("2")));
        assert_eq!(attribute(r#" x:r="A1""#, "r"), Ok(None));
        assert_eq!(attribute(r#" r="A1" r="B2""#, "r"), Err(Bail));
    }
}
