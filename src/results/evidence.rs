//! A result's evidence: the dates and figures behind its outcome, by key.
//!
//! Most results carry none or two entries, and there are millions of results
//! in a national run: the entries sit in one small vector sorted by key
//! (a `BTreeMap` took a 0.5 KB node for even one entry). It reads and writes
//! as a map with its keys in order, as `results.json` has always had them.
//!
//! Cost: insert and lookup O(entries), a handful per result.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// Keys and values in key order, each key once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Evidence(Vec<(String, String)>);

impl Evidence {
    pub fn new() -> Self {
        Evidence(Vec::new())
    }

    /// Sets `key` to `value` (replacing an earlier value of that key).
    pub fn insert(&mut self, key: String, value: String) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    pub fn get(&self, key: &str) -> Option<&String> {
        self.position(key).map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Removes `key`, giving back its entry.
    pub fn remove_entry(&mut self, key: &str) -> Option<(String, String)> {
        self.position(key).map(|i| self.0.remove(i))
    }

    /// Keeps only the entries of `keys`, in as little memory as they need.
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
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The entries, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok()
    }
}

impl std::ops::Index<&str> for Evidence {
    type Output = String;

    /// The value of `key`; panics when there is none (as a map's index does:
    /// for tests and for keys a rule always writes).
    fn index(&self, key: &str) -> &String {
        match self.get(key) {
            Some(v) => v,
            None => panic!("no evidence `{key}`"),
        }
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Evidence {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut e = Evidence::new();
        for (k, v) in iter {
            e.insert(k.into(), v.into());
        }
        e
    }
}

impl Serialize for Evidence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
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
        assert_eq!(e.keys().collect::<Vec<_>>(), m.keys().collect::<Vec<_>>());
        assert_eq!(e.get("deadline").map(String::as_str), Some("0"));
        assert_eq!(&e["end"], "2");
        assert!(!e.contains_key("start") && e.contains_key("until"));
        let json = serde_json::to_string(&e).unwrap_or_default();
        assert_eq!(json, serde_json::to_string(&m).unwrap_or_default());
        let mut kept = e.clone();
        kept.retain_keys(&["end", "deadline"]);
        assert_eq!(kept.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["deadline", "end"]);
        let mut less = e;
        assert_eq!(less.remove_entry("until"), Some(("until".to_string(), "3".to_string())));
        assert_eq!(less.len(), 2);
    }
}
