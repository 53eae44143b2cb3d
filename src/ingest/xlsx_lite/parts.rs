//! The parts of a zipped workbook as inflated by the budget scan ([`crate::ingest::zip_scan`]), kept so that the
//! workbook is inflated once, not once to check it and again to read it.
//!
//! Parts are found as calamine finds them: by name, case-insensitively, `\` read as `/`. Two parts of the same
//! name that way, or a part that did not inflate, make the parts unusable for the reader that needs them.
//!
//! Cost: the inflated bytes of every part, within [`KEEP_BYTES`] in all (a larger workbook is not kept).

use foldhash::{HashMap, HashMapExt};

use super::xml::Bail;

/// The most inflated bytes kept of one workbook; beyond it, calamine reads the workbook from its zipped bytes.
pub const KEEP_BYTES: u64 = 128 * 1024 * 1024;

/// Inflated parts by normalized name.
pub struct Parts {
    parts: HashMap<String, Result<Vec<u8>, Bail>>,
    bytes: u64,
    /// The most bytes kept ([`KEEP_BYTES`] but in tests).
    budget: u64,
    /// Two names the same once normalized: nothing is read from these parts.
    clash: bool,
}

impl Parts {
    pub fn new() -> Parts {
        Parts::with_budget(KEEP_BYTES)
    }

    /// Parts that keep at most `budget` bytes.
    pub fn with_budget(budget: u64) -> Parts {
        Parts { parts: HashMap::new(), bytes: 0, budget, clash: false }
    }

    /// Keeps a part's bytes (`Err`: it did not inflate). False once the budget is spent: then nothing is kept.
    pub fn keep(&mut self, name: &str, bytes: Result<Vec<u8>, Bail>) -> bool {
        self.bytes = self.bytes.saturating_add(bytes.as_ref().map_or(0, |b| b.len() as u64));
        if self.bytes > self.budget {
            self.parts.clear();
            return false;
        }
        if self.parts.insert(normalize(name), bytes).is_some() {
            self.clash = true;
        }
        true
    }

    /// How many more inflated bytes may be kept.
    pub fn room(&self) -> u64 {
        self.budget.saturating_sub(self.bytes)
    }

    /// The text of the part `name`: `None` when there is no such part, `Bail` when it cannot be read here (it did
    /// not inflate, is no UTF-8, or its name is ambiguous).
    pub fn text(&self, name: &str) -> Result<Option<&str>, Bail> {
        if self.clash {
            return Err(Bail);
        }
        match self.parts.get(&normalize(name)) {
            None => Ok(None),
            Some(Err(Bail)) => Err(Bail),
            Some(Ok(bytes)) => std::str::from_utf8(bytes).map(Some).map_err(|_| Bail),
        }
    }
}

fn normalize(name: &str) -> String {
    name.replace('\\', "/").to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_found_as_calamine_finds_them() {
        let mut parts = Parts::new();
        assert!(parts.keep("XL\\Workbook.xml", Ok(b"<workbook/>".to_vec())));
        assert!(parts.keep("xl/broken.xml", Err(Bail)));
        assert!(parts.keep("xl/latin1.xml", Ok(vec![0xE9])));
        assert_eq!(parts.text("xl/workbook.xml"), Ok(Some("<workbook/>")));
        assert_eq!(parts.text("xl/none.xml"), Ok(None));
        assert_eq!(parts.text("xl/broken.xml"), Err(Bail));
        assert_eq!(parts.text("xl/latin1.xml"), Err(Bail));
        assert!(parts.keep("xl/WORKBOOK.xml", Ok(Vec::new())));
        assert_eq!(parts.text("xl/none.xml"), Err(Bail));
    }
}
