//! A text column that holds each distinct text once, and per record a 4-byte
//! code: ids, municipalities and kinds repeat in nearly every row (a
//! national `contacten` sheet holds a handful of location and family ids
//! per thousand rows), so a column costs 4 bytes a record, not 24.
//!
//! Cost: a push is one hash lookup (expected O(1)) while the column is built;
//! a read is O(1). The lookup table is dropped when the table is finished:
//! afterwards the column holds its codes and its distinct texts only.

use foldhash::{HashMap, HashMapExt};

use crate::ingest::CellText;

/// Code 0 is an empty cell; code `c` is `words[c - 1]`.
#[derive(Debug, Clone, Default)]
pub struct TextColumn {
    codes: Vec<u32>,
    words: Vec<CellText>,
    /// Text to code, while the column is built.
    index: HashMap<CellText, u32>,
    /// The code given last (0: none yet).
    last: u32,
}

impl TextColumn {
    pub fn new() -> Self {
        TextColumn::with_capacity(0)
    }

    /// An empty column with room for `rows` records.
    pub fn with_capacity(rows: usize) -> Self {
        TextColumn { codes: Vec::with_capacity(rows), words: Vec::new(), index: HashMap::new(), last: 0 }
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Adds a record's text (or an empty cell).
    pub fn push(&mut self, text: Option<CellText>) {
        let code = text.map_or(0, |t| self.code_of(t));
        self.codes.push(code);
    }

    /// Sets the last record's text.
    pub fn set_last(&mut self, text: CellText) {
        let code = self.code_of(text);
        if let Some(last) = self.codes.last_mut() {
            *last = code;
        }
    }

    /// Fills every empty cell with `text`.
    pub fn fill_empty(&mut self, text: &str) {
        if !self.codes.contains(&0) {
            return;
        }
        let code = self.code_of(text.into());
        self.codes.iter_mut().filter(|c| **c == 0).for_each(|c| *c = code);
    }

    /// The text of record `i`; `None` for an empty cell or past the end.
    pub fn get(&self, i: usize) -> Option<&CellText> {
        let code = *self.codes.get(i)?;
        self.words.get(usize::try_from(code).ok()?.checked_sub(1)?)
    }

    /// The code of record `i`: equal codes are equal texts (0: empty).
    pub fn code(&self, i: usize) -> u32 {
        self.codes.get(i).copied().unwrap_or(0)
    }

    /// Every record's text, in order.
    pub fn iter(&self) -> impl Iterator<Item = Option<&CellText>> {
        (0..self.codes.len()).map(|i| self.get(i))
    }

    /// Drops the lookup table: the column is complete.
    pub fn finish(&mut self) {
        self.index = HashMap::new();
    }

    fn code_of(&mut self, text: CellText) -> u32 {
        // Records come in runs (a location's rows, a family's contacts): the
        // text of the record before is compared first, then looked up.
        if self.last != 0 && self.words.get(self.last as usize - 1).is_some_and(|w| *w == text) {
            return self.last;
        }
        if let Some(&code) = self.index.get(&text) {
            self.last = code;
            return code;
        }
        // After `finish` (filling a finished column): find the text among the words.
        if let Some(at) = self.index.is_empty().then(|| self.words.iter().position(|w| *w == text)).flatten() {
            return u32::try_from(at + 1).unwrap_or(u32::MAX);
        }
        self.words.push(text.clone());
        // At most one word per cell, and a sheet holds far fewer than 4 billion cells (budgets).
        let code = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        self.index.insert(text, code);
        self.last = code;
        code
    }
}

/// Two columns are equal when their records read the same texts.
impl PartialEq for TextColumn {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_record_reads_its_text_and_each_text_is_held_once() {
        let mut c = TextColumn::new();
        for t in ["L1", "L1", "", "L2", "L1"] {
            c.push((!t.is_empty()).then(|| t.into()));
        }
        let read: Vec<Option<&str>> = c.iter().map(|t| t.map(CellText::as_str)).collect();
        assert_eq!(read, [Some("L1"), Some("L1"), None, Some("L2"), Some("L1")]);
        assert_eq!(c.words.len(), 2);
        assert_eq!((c.code(0), c.code(1), c.code(2)), (1, 1, 0));
        assert!(c.get(5).is_none() && c.code(5) == 0);
        c.set_last("L3".into());
        assert_eq!(c.get(4).map(CellText::as_str), Some("L3"));
        c.finish();
        c.fill_empty("L2");
        assert_eq!(c.get(2).map(CellText::as_str), Some("L2"));
        assert_eq!(c.words.len(), 3, "a filled text already held is not held twice");
        c.fill_empty("L9");
        assert_eq!(c.words.len(), 3, "nothing left to fill");
        let mut same = TextColumn::new();
        for t in ["L1", "L1", "L2", "L2", "L3"] {
            same.push(Some(t.into()));
        }
        assert_eq!(c, same);
        same.set_last("L1".into());
        assert_ne!(c, same);
    }
}
