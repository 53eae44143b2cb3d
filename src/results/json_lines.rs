//! Writing `results.json` one record per line. The top-level object holds one
//! key per line; a list holds one element per line, each printed compact by
//! serde_json (no spaces, nested lists and objects inside the element); any
//! other value is printed compact on its key's line; `[]` for an empty list.
//! One object (the record's `comparison`) may be written one level down the
//! same way. Content and key order are what the fields print: only the
//! whitespace differs from serde_json's pretty print (a third of that file at
//! national scale). A record is one line for grep and diff.
//!
//! The long lists (`results`, `summary`, `verdicts`) are printed in parallel:
//! each element on its own, in batches, the batches written in order.
//!
//! Cost: O(record); in memory at a time one batch of printed elements
//! (`BATCH` elements), never the record.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

/// How many elements are printed before they are written.
const BATCH: usize = 16_384;
/// How many elements one parallel task prints.
const CHUNK: usize = 512;

const SPACES: &[u8] = b"                ";

/// `n` spaces (as deep as the record goes).
fn spaces(n: usize) -> &'static [u8] {
    SPACES.get(..n).unwrap_or(SPACES)
}

/// An object written one field at a time, one field per line (fields in the
/// order given: the record's are alphabetical). `depth` 0 is the top level.
pub struct Object<'w, W: Write> {
    w: &'w mut W,
    first: bool,
    depth: usize,
}

impl<'w, W: Write> Object<'w, W> {
    pub fn start(w: &'w mut W) -> io::Result<Self> {
        w.write_all(b"{")?;
        Ok(Object { w, first: true, depth: 0 })
    }

    fn key(&mut self, name: &str) -> io::Result<()> {
        self.w.write_all(if self.first { b"\n" } else { b",\n" })?;
        self.first = false;
        self.w.write_all(spaces(2 * self.depth + 2))?;
        serde_json::to_writer(&mut *self.w, name).map_err(io::Error::other)?;
        self.w.write_all(b": ")
    }

    /// The indentation of a list's elements.
    fn element_indent(&self) -> &'static [u8] {
        spaces(2 * self.depth + 4)
    }

    /// The end of a list: `]` under its key, or `[]` when it held nothing.
    fn close_list(&mut self, empty: bool) -> io::Result<()> {
        if empty {
            return self.w.write_all(b"[]");
        }
        self.w.write_all(b"\n")?;
        self.w.write_all(spaces(2 * self.depth + 2))?;
        self.w.write_all(b"]")
    }

    /// A field whose value is printed compact on its key's line.
    pub fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> io::Result<()> {
        self.key(name)?;
        serde_json::to_writer(&mut *self.w, value).map_err(io::Error::other)
    }

    /// A field holding a list of `items`, one element per line, printed as
    /// they come (short lists, or elements made with state that is not `Sync`).
    pub fn lines<S: Serialize>(&mut self, name: &str, items: impl IntoIterator<Item = S>) -> io::Result<()> {
        self.key(name)?;
        let indent = self.element_indent();
        let mut empty = true;
        for item in items {
            self.w.write_all(if empty { b"[\n" } else { b",\n" })?;
            empty = false;
            self.w.write_all(indent)?;
            serde_json::to_writer(&mut *self.w, &item).map_err(io::Error::other)?;
        }
        self.close_list(empty)
    }

    /// A field holding a list of `items`, one element per line, each printed
    /// by `print`, in parallel batches, written in order: the bytes of `lines`.
    pub fn list<'a, T: Sync + 'a, S: Serialize>(
        &mut self,
        name: &str,
        items: impl Iterator<Item = &'a T>,
        print: impl Fn(&'a T) -> S + Sync,
    ) -> io::Result<()> {
        self.list_printed(name, items, |item, buf| serde_json::to_writer(buf, &print(item)).map_err(io::Error::other))
    }

    /// As [`Object::list`], each element's bytes appended by `print` (for an
    /// element written without serde).
    pub fn list_printed<'a, T: Sync + 'a>(
        &mut self,
        name: &str,
        items: impl Iterator<Item = &'a T>,
        print: impl Fn(&'a T, &mut Vec<u8>) -> io::Result<()> + Sync,
    ) -> io::Result<()> {
        self.key(name)?;
        let indent = self.element_indent();
        let mut items = items.peekable();
        if items.peek().is_none() {
            return self.close_list(true);
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
                    let mut buf = Vec::with_capacity(chunk.len() * 256);
                    for item in chunk {
                        buf.extend_from_slice(b",\n");
                        buf.extend_from_slice(indent);
                        print(item, &mut buf)?;
                    }
                    Ok(buf)
                })
                .collect();
            for buf in printed {
                let buf = buf?;
                // The list's first element has no comma before it.
                let from = usize::from(std::mem::take(&mut first));
                self.w.write_all(buf.get(from..).unwrap_or_default())?;
            }
        }
        self.close_list(false)
    }

    /// A field whose value, when it is an object, is written as this one is
    /// one level down (a key per line, a list's elements one per line); any
    /// other value as `field` writes it.
    pub fn expanded(&mut self, name: &str, value: &Value) -> io::Result<()> {
        let Value::Object(map) = value else {
            return self.field(name, value);
        };
        self.key(name)?;
        self.w.write_all(b"{")?;
        let mut inner = Object { w: &mut *self.w, first: true, depth: self.depth + 1 };
        for (k, v) in map {
            match v {
                Value::Array(items) => inner.lines(k, items)?,
                _ => inner.field(k, v)?,
            }
        }
        inner.end()
    }

    pub fn end(self) -> io::Result<()> {
        if self.first {
            return self.w.write_all(b"}");
        }
        self.w.write_all(b"\n")?;
        self.w.write_all(spaces(2 * self.depth))?;
        self.w.write_all(b"}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `value`'s fields written one by one: lists whose key starts with
    /// `list` in parallel, other lists as they come, objects whose key starts
    /// with `deep` expanded.
    fn write(value: &Value) -> String {
        let mut out = Vec::new();
        let fields = value.as_object().cloned().unwrap_or_default();
        let result = (|| -> io::Result<()> {
            let mut o = Object::start(&mut out)?;
            for (k, v) in &fields {
                match v {
                    Value::Array(items) if k.starts_with("list") => o.list(k, items.iter(), |x| x)?,
                    Value::Array(items) => o.lines(k, items)?,
                    _ if k.starts_with("deep") => o.expanded(k, v)?,
                    _ => o.field(k, v)?,
                }
            }
            o.end()
        })();
        assert!(result.is_ok());
        String::from_utf8(out).unwrap_or_default()
    }

    fn many(n: usize) -> Vec<Value> {
        (0..n).map(|i| json!({"a": i, "b": {"c": [1, 2.5], "d": "x\ny \"q\" é"}, "e": []})).collect()
    }

    fn values() -> Vec<Value> {
        vec![
            json!({}),
            json!({"a": 1}),
            json!({"a": {"b": {"c": [1, {"d": null}]}}, "list_empty": [], "list_one": [{"x": "y"}], "z": "w\n"}),
            json!({"as_of": "2026-12-31", "list_results": many(40_000), "summary": many(3)}),
            json!({"deep": {"changes": many(5), "none": [], "one": {"b": 2, "a": [1]}}, "deep_empty": {}, "e": 0.125}),
        ]
    }

    #[test]
    fn what_is_written_parses_to_the_value_it_was_written_from() {
        for value in values() {
            let text = write(&value);
            assert!(!text.ends_with('\n'));
            assert_eq!(serde_json::from_str::<Value>(&text).ok(), Some(value));
        }
    }

    #[test]
    fn a_key_per_line_and_a_list_element_per_line_each_compact() {
        let value = json!({
            "a": {"y": [1, 2], "x": "s"},
            "deep": {"changes": [{"k": 1}, {"k": [2, 3]}], "none": [], "one": {"b": 2, "a": [1]}},
            "list": [{"b": "1", "a": {"d": [], "c": null}}, [], "s\nt"],
            "n": 3,
            "none": [],
        });
        let want = r#"{
  "a": {"x":"s","y":[1,2]},
  "deep": {
    "changes": [
      {"k":1},
      {"k":[2,3]}
    ],
    "none": [],
    "one": {"a":[1],"b":2}
  },
  "list": [
    {"a":{"c":null,"d":[]},"b":"1"},
    [],
    "s\nt"
  ],
  "n": 3,
  "none": []
}"#;
        assert_eq!(write(&value), want);
    }

    #[test]
    fn a_long_list_has_each_element_on_its_line_in_order_across_batches() {
        let items = many(2 * BATCH + 7);
        let text = write(&json!({"list": items}));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), items.len() + 4, "{{, the key, one line per element, ], }}");
        assert_eq!(lines[1], "  \"list\": [");
        for (line, item) in lines[2..lines.len() - 2].iter().zip(&items) {
            let element = line.strip_prefix("    ").map(|l| l.strip_suffix(',').unwrap_or(l));
            assert_eq!(element.and_then(|e| serde_json::from_str::<Value>(e).ok()).as_ref(), Some(item));
        }
        assert_eq!(&lines[lines.len() - 2..], ["  ]", "}"]);
    }

    #[test]
    fn parallel_batches_write_the_bytes_of_one_pass_every_time() {
        let items = many(BATCH + CHUNK + 1);
        let parallel = write(&json!({"list": items}));
        let sequential = write(&json!({"seq": items})).replace("\"seq\"", "\"list\"");
        assert_eq!(parallel, sequential);
        assert_eq!(write(&json!({"list": items})), parallel);
    }
}
