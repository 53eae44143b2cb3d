//! A result's evidence: the dates and figures behind its outcome, by key.
//!
//! Most results carry none or two entries, and there are millions of results
//! in a national run: the entries sit in one byte vector, sorted by key, each
//! encoded (see [`Evidence`]); a value read is decoded into a [`Fact`]. It
//! reads and writes as a map with its keys in order, as `results.json` has
//! always had them.
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

/// A result's evidence, in key order, encoded in one byte vector: per entry
/// the key's length (one byte) and its bytes, then a tag and the value (a
/// date as its day number, 4 bytes; a text as its length, 4 bytes, and its
/// bytes). A vector of typed pairs took 48 bytes an entry and grew in steps
/// (a national run holds some 2.5 million entries); this takes the bytes
/// themselves, made exact once the result is done ([`Evidence::shrink`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Evidence(Vec<u8>);

const DATE: u8 = 0;
const TEXT: u8 = 1;

/// One entry's place in the bytes: its key, its value's tag and bytes, and
/// where it ends. The value is decoded only when it is read ([`Entry::fact`]):
/// finding a key's place passes over the values.
struct Entry<'a> {
    key: &'a str,
    start: usize,
    tag: u8,
    value: &'a [u8],
    end: usize,
}

impl Entry<'_> {
    fn fact(&self) -> Option<Fact> {
        match self.tag {
            DATE => {
                NaiveDate::from_num_days_from_ce_opt(i32::from_le_bytes(self.value.try_into().ok()?)).map(Fact::Date)
            }
            _ => std::str::from_utf8(self.value).ok().map(|t| Fact::Text(t.into())),
        }
    }
}

impl Evidence {
    pub fn new() -> Self {
        Evidence(Vec::new())
    }

    /// The entry starting at byte `at`, if the bytes hold one there.
    fn entry_at(&self, at: usize) -> Option<Entry<'_>> {
        let bytes = self.0.as_slice();
        let key_len = usize::from(*bytes.get(at)?);
        let key_end = at + 1 + key_len;
        let key = std::str::from_utf8(bytes.get(at + 1..key_end)?).ok()?;
        let tag = *bytes.get(key_end)?;
        let from = key_end + 1;
        let (from, len) = match tag {
            DATE => (from, 4),
            _ => (from + 4, u32::from_le_bytes(bytes.get(from..from + 4)?.try_into().ok()?) as usize),
        };
        let end = from.checked_add(len)?;
        Some(Entry { key, start: at, tag, value: bytes.get(from..end)?, end })
    }

    fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        let mut at = 0;
        std::iter::from_fn(move || {
            let e = self.entry_at(at)?;
            at = e.end;
            Some(e)
        })
    }

    /// Sets `key` to `value` (replacing an earlier value), keeping key order.
    /// A key is a rule's name for a value: longer than 255 bytes it is cut.
    pub fn insert(&mut self, key: &str, value: Fact) {
        let mut cut = key.len().min(255);
        while !key.is_char_boundary(cut) {
            cut -= 1;
        }
        let key = &key[..cut];
        let (mut at, mut replace) = (self.0.len(), None);
        for e in self.entries() {
            if e.key == key {
                (at, replace) = (e.start, Some(e.end));
                break;
            }
            if e.key > key {
                at = e.start;
                break;
            }
        }
        let mut encoded = Vec::with_capacity(key.len() + 10);
        encoded.push(key.len() as u8);
        encoded.extend_from_slice(key.as_bytes());
        match &value {
            Fact::Date(d) => {
                encoded.push(DATE);
                encoded.extend_from_slice(&chrono::Datelike::num_days_from_ce(d).to_le_bytes());
            }
            Fact::Text(t) => {
                encoded.push(TEXT);
                encoded.extend_from_slice(&u32::try_from(t.len()).unwrap_or(u32::MAX).to_le_bytes());
                encoded.extend_from_slice(t.as_bytes());
            }
        }
        self.0.splice(at..replace.unwrap_or(at), encoded);
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<Fact> {
        self.entries().find(|e| e.key == key).and_then(|e| e.fact())
    }

    /// The value of `key` as `results.json` writes it; empty when there is none.
    pub fn shown(&self, key: &str) -> String {
        self.get(key).map(|f| f.to_string()).unwrap_or_default()
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.entries().any(|e| e.key == key)
    }

    /// Keeps only the entries whose key is among `keys`.
    pub fn retain_keys(&mut self, keys: &[&str]) {
        let mut kept = Vec::new();
        for e in self.entries().filter(|e| keys.contains(&e.key)) {
            kept.extend_from_slice(self.0.get(e.start..e.end).unwrap_or_default());
        }
        self.0 = kept;
    }

    /// Gives back the room kept for more entries: for a result that is done.
    pub fn shrink(&mut self) {
        self.0.shrink_to_fit();
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries().count()
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries().map(|e| e.key)
    }

    /// The entries, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Fact)> {
        self.entries().filter_map(|e| Some((e.key, e.fact()?)))
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
        let mut map = s.serialize_map(None)?;
        for e in self.entries() {
            if let Some(fact) = e.fact() {
                map.serialize_entry(e.key, &fact)?;
            }
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
        assert_eq!(e.get("deadline").as_ref().map(ToString::to_string).as_deref(), Some("0"));
        assert_eq!(e.shown("end"), "2");
        assert_eq!(e.shown("start"), "");
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

    fn fact_of(v: &(bool, i32, String)) -> Fact {
        match NaiveDate::from_num_days_from_ce_opt(v.1) {
            Some(d) if v.0 => Fact::Date(d),
            _ => Fact::Text(v.2.as_str().into()),
        }
    }

    proptest::proptest! {
        /// Inserts, lookups, keeping keys and writing out agree with a sorted map of the same entries.
        #[test]
        fn behaves_as_a_sorted_map(
            ops in proptest::collection::vec(
                ("[a-e]{1,3}|é[a-z]{0,2}", (proptest::bool::ANY, -1_000_000..4_000_000i32, "\\PC{0,40}")),
                0..24,
            ),
            keep in proptest::collection::vec("[a-e]{1,3}", 0..4),
        ) {
            let mut e = Evidence::new();
            let mut model: BTreeMap<String, Fact> = BTreeMap::new();
            for (k, v) in &ops {
                e.insert(k, fact_of(v));
                model.insert(k.clone(), fact_of(v));
            }
            let got: Vec<(String, Fact)> = e.iter().map(|(k, f)| (k.to_string(), f)).collect();
            let want: Vec<(String, Fact)> = model.iter().map(|(k, f)| (k.clone(), f.clone())).collect();
            proptest::prop_assert_eq!(&got, &want);
            proptest::prop_assert_eq!(e.len(), model.len());
            for (k, f) in &model {
                proptest::prop_assert_eq!(e.get(k), Some(f.clone()));
            }
            proptest::prop_assert_eq!(serde_json::to_string(&e).ok(), serde_json::to_string(&model).ok());
            let keys: Vec<&str> = keep.iter().map(String::as_str).collect();
            let mut kept = e.clone();
            kept.retain_keys(&keys);
            kept.shrink();
            let want: Vec<&str> = model.keys().map(String::as_str).filter(|k| keys.contains(k)).collect();
            proptest::prop_assert_eq!(kept.keys().collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn a_key_longer_than_255_bytes_is_cut_on_a_character() {
        let long = "é".repeat(200);
        let mut e = Evidence::new();
        e.insert(&long, Fact::from("x"));
        let key: Vec<&str> = e.keys().collect();
        assert_eq!(key, [&"é".repeat(127)[..]]);
        assert_eq!(e.shown(&"é".repeat(127)), "x");
    }
}
