//! A result's evidence: the dates and figures behind its outcome, by key.
//!
//! Most results carry none or two entries, and there are millions of results
//! in a national run: the entries sit in one small vector sorted by key
//! (a `BTreeMap` took a 0.5 KB node for even one entry). It reads and writes
//! as a map with its keys in order, as `results.json` has always had them.
//!
//! Cost: insert and lookup O(entries), a handful per result.

use std::fmt;

use chrono::NaiveDate;
use compact_str::{CompactString, format_compact};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// One piece of evidence, typed: a date stays a date until a renderer
/// writes it (`YYYY-MM-DD` in `results.json`), and the due-soon list reads
/// it as a date, never parsed back from text. Other values (counts, ids,
/// figures) are kept as the rule wrote them. Up to 24 bytes inline: no heap
/// allocation for nearly every value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    Date(NaiveDate),
    Text(CompactString),
}

impl Fact {
    /// The date, when this is one.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Fact::Date(d) => Some(*d),
            Fact::Text(_) => None,
        }
    }

    /// Writes the fact as `results.json` and the reports show it into `buf`
    /// (a date as `YYYY-MM-DD`); returns the text.
    fn write_into<'b>(&'b self, buf: &'b mut [u8; 10]) -> std::borrow::Cow<'b, str> {
        match self {
            Fact::Text(t) => std::borrow::Cow::Borrowed(t.as_str()),
            Fact::Date(d) => super::result::iso_in(*d, buf),
        }
    }
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.write_into(&mut [0; 10]))
    }
}

impl PartialEq<&str> for Fact {
    fn eq(&self, other: &&str) -> bool {
        *self.write_into(&mut [0; 10]) == **other
    }
}

impl From<NaiveDate> for Fact {
    fn from(d: NaiveDate) -> Self {
        Fact::Date(d)
    }
}

impl From<&str> for Fact {
    fn from(t: &str) -> Self {
        Fact::Text(t.into())
    }
}

impl From<String> for Fact {
    fn from(t: String) -> Self {
        Fact::Text(t.into())
    }
}

impl Fact {
    /// Any displayable value (a count, an id, a figure) as text, exactly as
    /// `Display` writes it (`2450` for the float 2450.0).
    pub fn shown(value: impl fmt::Display) -> Self {
        Fact::Text(format_compact!("{value}"))
    }
}

impl Serialize for Fact {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.write_into(&mut [0; 10]))
    }
}

/// An evidence key: a rule's name for the value (inline, up to 24 bytes).
pub type Key = CompactString;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Evidence(Vec<(Key, Fact)>);

impl Evidence {
    pub fn new() -> Self {
        Evidence(Vec::new())
    }

    /// Sets `key` to `value` (replacing an earlier value), keeping key order.
    pub fn insert(&mut self, key: &str, value: Fact) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (Key::from(key), value)),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Fact> {
        self.position(key).map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Keeps only the entries whose key is among `keys`.
    pub fn retain_keys(&mut self, keys: &[&str]) {
        self.0.retain(|(k, _)| keys.contains(&k.as_str()));
        self.0.shrink_to_fit();
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// The entries, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Fact)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok()
    }
}

impl std::ops::Index<&str> for Evidence {
    type Output = Fact;

    /// The value of `key`; panics when there is none (as a map's index does:
    /// for tests and for keys a rule always writes).
    fn index(&self, key: &str) -> &Fact {
        match self.get(key) {
            Some(v) => v,
            None => panic!("no evidence `{key}`"),
        }
    }
}

impl<K: AsRef<str>, V: Into<Fact>> FromIterator<(K, V)> for Evidence {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut e = Evidence::new();
        for (k, v) in iter {
            e.insert(k.as_ref(), v.into());
        }
        e
    }
}

impl Serialize for Evidence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k.as_str(), v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn reads_writes_and_serializes_as_a_sorted_map() {
        let pairs = [("until", "3"), ("deadline", "1"), ("end", "2"), ("deadline", "0")];
        let e: Evidence = pairs.iter().copied().collect();
        let m: BTreeMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(e.keys().collect::<Vec<_>>(), m.keys().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(e.get("deadline").map(ToString::to_string).as_deref(), Some("0"));
        assert_eq!(e["end"], "2");
        assert!(!e.contains_key("start") && e.contains_key("until"));
        let json = serde_json::to_string(&e).unwrap_or_default();
        assert_eq!(json, serde_json::to_string(&m).unwrap_or_default());
        let mut kept = e.clone();
        kept.retain_keys(&["end", "deadline"]);
        assert_eq!(kept.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["deadline", "end"]);
        assert_eq!(kept.len(), 2);
    }

    #[test]
    fn a_date_is_kept_as_a_date_and_written_as_strftime_writes_it() {
        for (y, m, d) in [(2026, 3, 2), (1, 1, 1), (999, 12, 31), (9999, 12, 31), (10000, 1, 1), (-1, 6, 5), (0, 2, 29)]
        {
            let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else { continue };
            let fact = Fact::from(date);
            let expected = date.format("%Y-%m-%d").to_string();
            assert_eq!(fact.to_string(), expected);
            assert_eq!(fact.date(), Some(date));
            assert_eq!(serde_json::to_string(&fact).unwrap_or_default(), format!("\"{expected}\""));
        }
        let text = Fact::shown(14);
        assert_eq!((text.to_string(), text.date()), ("14".to_string(), None));
        for x in [2450.0_f64, 0.1, 1e21, -3.5] {
            assert_eq!(Fact::shown(x).to_string(), x.to_string());
        }
        assert!(text == "14" && text != "15");
    }
}
