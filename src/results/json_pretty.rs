//! Writing `results.json` as serde_json's pretty printer writes it, field by
//! field, with the long `results` list made in parallel: each result is
//! printed on its own (by serde_json) and indented to its depth, in batches,
//! and the batches are written in order. The bytes are those of printing the
//! whole record at once (a test compares them).
//!
//! Cost: O(record); in memory at a time one batch of printed results
//! (`BATCH` results), never the record.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

/// How many results are printed before they are written.
const BATCH: usize = 16_384;
/// How many results one parallel task prints.
const CHUNK: usize = 512;

/// A writer that puts `by` after every line end: a value printed on its own
/// at depth 0 reads as printed at the depth `by` stands for.
pub struct Indent<'w, W: Write> {
    pub w: &'w mut W,
    pub by: &'static [u8],
}

impl<W: Write> Write for Indent<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            self.w.write_all(&rest[..=i])?;
            self.w.write_all(self.by)?;
            rest = &rest[i + 1..];
        }
        self.w.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// The top-level object, written one field at a time (fields in the order
/// given: the record's are alphabetical).
pub struct Object<'w, W: Write> {
    w: &'w mut W,
    first: bool,
}

impl<'w, W: Write> Object<'w, W> {
    pub fn start(w: &'w mut W) -> io::Result<Self> {
        w.write_all(b"{")?;
        Ok(Object { w, first: true })
    }

    fn key(&mut self, name: &str) -> io::Result<()> {
        self.w.write_all(if self.first { b"\n  \"" } else { b",\n  \"" })?;
        self.first = false;
        self.w.write_all(name.as_bytes())?;
        self.w.write_all(b"\": ")
    }

    /// A field whose value serde_json prints.
    pub fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> io::Result<()> {
        self.key(name)?;
        let mut indented = Indent { w: &mut *self.w, by: b"  " };
        serde_json::to_writer_pretty(&mut indented, value).map_err(io::Error::other)
    }

    /// A field holding a list of `items`, each printed by `print`, in
    /// parallel batches, written in order.
    pub fn list<'a, T: Sync + 'a, S: Serialize>(
        &mut self,
        name: &str,
        items: impl Iterator<Item = &'a T>,
        print: impl Fn(&'a T) -> S + Sync,
    ) -> io::Result<()> {
        self.key(name)?;
        let mut items = items.peekable();
        if items.peek().is_none() {
            return self.w.write_all(b"[]");
        }
        self.w.write_all(b"[")?;
        let mut batch: Vec<&'a T> = Vec::with_capacity(BATCH);
        let mut first = true;
        loop {
            batch.clear();
            batch.extend(items.by_ref().take(BATCH));
            if batch.is_empty() {
                break;
            }
            let printed: Vec<io::Result<Vec<u8>>> = batch
                .par_chunks(CHUNK)
                .map(|chunk| {
                    let mut buf = Vec::with_capacity(chunk.len() * 512);
                    for item in chunk {
                        buf.extend_from_slice(b",\n    ");
                        let mut indented = Indent { w: &mut buf, by: b"    " };
                        serde_json::to_writer_pretty(&mut indented, &print(item)).map_err(io::Error::other)?;
                    }
                    Ok(buf)
                })
                .collect();
            for buf in printed {
                let buf = buf?;
                // The list's first item has no comma before it.
                let from = usize::from(std::mem::take(&mut first));
                self.w.write_all(buf.get(from..).unwrap_or_default())?;
            }
        }
        self.w.write_all(b"\n  ]")
    }

    pub fn end(self) -> io::Result<()> {
        self.w.write_all(if self.first { b"}" } else { b"\n}" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The same value printed whole by serde_json and field by field here.
    fn both(value: &serde_json::Value) -> (String, String) {
        let whole = serde_json::to_string_pretty(value).unwrap_or_default();
        let mut out = Vec::new();
        let fields = value.as_object().cloned().unwrap_or_default();
        let result = (|| -> io::Result<()> {
            let mut o = Object::start(&mut out)?;
            for (k, v) in &fields {
                match v.as_array() {
                    Some(items) if k.starts_with("list") => o.list(k, items.iter(), |x| x.clone())?,
                    _ => o.field(k, v)?,
                }
            }
            o.end()
        })();
        assert!(result.is_ok());
        (whole, String::from_utf8(out).unwrap_or_default())
    }

    #[test]
    fn field_by_field_is_byte_for_byte_what_serde_json_prints() {
        let many: Vec<serde_json::Value> =
            (0..40_000).map(|i| json!({"a": i, "b": {"c": [1, 2], "d": "x\ny"}, "e": []})).collect();
        for value in [
            json!({}),
            json!({"a": 1}),
            json!({"a": {"b": {"c": [1, {"d": null}]}}, "list_empty": [], "list_one": [{"x": "y"}], "z": "w"}),
            json!({"as_of": "2026-12-31", "list_results": many, "summary": [{"k": 1}, {"k": 2}]}),
        ] {
            let (whole, ours) = both(&value);
            assert_eq!(ours, whole);
        }
    }
}
