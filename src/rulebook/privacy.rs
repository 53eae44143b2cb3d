//! The privacy policy of municipality outputs, as data: the rulebook's
//! `[privacy]` table (`min_count`, `round_to`), read with its places,
//! validated, laid over by profiles; and [`Counts`], the kind of number a
//! rule or a report figure declares, which decides whether the policy
//! applies to it.

use toml::de::DeTable;

use super::config::{ParamKind, ParamValue};
use super::diagnostics::Diagnostic;
use super::raw::{self, Located, SourceFile};

/// The keys of the `[privacy]` table.
const KEYS: [&str; 2] = ["min_count", "round_to"];

/// What a rule's measured value (or a report figure) counts, declared in the
/// rule's own file (or the figure's): the privacy policy of municipality
/// outputs applies to it by this kind, never by a list of rule ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counts {
    /// A number of families or trajectories: `<min_count` from 1 to
    /// `min_count` - 1, else rounded to a multiple of `round_to`.
    Families,
    /// A figure over the families (a mean, a sum): shown only when at least
    /// `min_count` families are behind it.
    PerFamily,
    /// About the organisation (volunteers, coordinators, fte): not a family
    /// count, shown as it is.
    Organisation,
    /// No count at all (a date, an amount of money): shown as it is.
    None,
}

/// The policy: small counts of families hidden, the others rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Privacy {
    /// A count from 1 to `min_count` - 1 shows as `<min_count` (with 2,
    /// `<2` can only be 1: allowed, as the contract defines it, but it
    /// protects nothing).
    pub min_count: u64,
    /// Every other count is rounded to a multiple of this (at least 1).
    pub round_to: u64,
}

impl Default for Privacy {
    fn default() -> Self {
        Privacy { min_count: 5, round_to: 1 }
    }
}

impl Privacy {
    /// A count of families from 1 to `min_count` - 1.
    pub fn is_small(&self, n: u64) -> bool {
        n >= 1 && n < self.min_count
    }

    /// What a reader knows of a count shown as `<min_count`: its lowest and
    /// highest value.
    pub fn small_bounds(&self) -> (u64, u64) {
        (1, self.min_count.saturating_sub(1).max(1))
    }

    /// A count as shown: rounded to the nearest multiple of `round_to`, a
    /// half up (with `round_to` 10: 15 -> 20); a count of at least 1 never
    /// becomes 0 (it shows as `round_to`). 0 stays 0.
    pub fn round(&self, n: u64) -> u64 {
        let r = self.round_to.max(1);
        if n == 0 {
            return 0;
        }
        let nearest = (n.saturating_add(r / 2) / r).saturating_mul(r);
        nearest.max(r)
    }

    /// What a reader knows of a count shown as `d` (the count is not small):
    /// the lowest and highest count that shows as `d`.
    pub fn shown_bounds(&self, d: u64) -> (u64, u64) {
        let r = self.round_to.max(1);
        if d == 0 {
            return (0, 0);
        }
        let half = r / 2;
        let lo = if d <= r { 1 } else { d - half };
        let hi = d.saturating_add(r - 1 - half);
        (lo.max(self.min_count.max(1)), hi)
    }
}

/// The `[privacy]` table of one file, each value with its place.
#[derive(Debug, Clone, Default)]
pub(crate) struct PrivacyLayer {
    pub min_count: Option<Located<u64>>,
    pub round_to: Option<Located<u64>>,
}

impl PrivacyLayer {
    /// A profile's values replace the ones below them.
    pub fn overlay(&mut self, over: PrivacyLayer) {
        if over.min_count.is_some() {
            self.min_count = over.min_count;
        }
        if over.round_to.is_some() {
            self.round_to = over.round_to;
        }
    }

    /// The policy, with the defaults for what no file sets.
    pub fn resolve(&self) -> Privacy {
        let d = Privacy::default();
        Privacy {
            min_count: self.min_count.as_ref().map_or(d.min_count, |v| v.value),
            round_to: self.round_to.as_ref().map_or(d.round_to, |v| v.value),
        }
    }
}

/// Reads a `[privacy]` table: whole numbers of at least 1, no other keys.
pub(crate) fn read(file: &SourceFile, t: &DeTable<'_>, diags: &mut Vec<Diagnostic>) -> PrivacyLayer {
    let mut out = PrivacyLayer::default();
    let within = crate::report::catalogue::text("rb_within_privacy", crate::report::catalogue::NO_ARGS);
    for (key, v) in t.iter() {
        let k = key.get_ref().as_ref();
        if !KEYS.contains(&k) {
            diags.push(raw::unknown_key(file, key, &within, &KEYS));
            continue;
        }
        let Some(value) = raw::param(file, k, ParamKind::Integer, v, diags) else { continue };
        let n = match value.value {
            ParamValue::Integer(n) => u64::try_from(n).unwrap_or(0),
            _ => 0,
        };
        if n < 1 {
            diags.push(value.place.diag(crate::report::catalogue::text("rb_at_least_one", &[("key", k)])));
            continue;
        }
        let located = Located { value: n, place: value.place };
        match k {
            "min_count" => out.min_count = Some(located),
            _ => out.round_to = Some(located),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(min_count: u64, round_to: u64) -> Privacy {
        Privacy { min_count, round_to }
    }

    #[test]
    fn rounding_to_five_as_statistics_netherlands_does() {
        let p = policy(5, 5);
        let shown: Vec<u64> = (0..=13).map(|n| p.round(n)).collect();
        assert_eq!(shown, vec![0, 5, 5, 5, 5, 5, 5, 5, 10, 10, 10, 10, 10, 15]);
    }

    #[test]
    fn halves_round_up_and_nothing_becomes_zero() {
        let p = policy(1, 10);
        assert_eq!((p.round(14), p.round(15), p.round(25)), (10, 20, 30));
        assert_eq!((p.round(1), p.round(4), p.round(5)), (10, 10, 10));
        assert_eq!(policy(5, 1).round(7), 7);
        assert_eq!(policy(5, 4).round(u64::MAX), u64::MAX - 3);
    }

    #[test]
    fn a_shown_count_tells_the_reader_its_range() {
        // Brute force: the bounds are exactly the counts (not small) that show as d.
        for m in 1..=10 {
            for r in 1..=10 {
                let p = policy(m, r);
                for d in (0..=60).filter(|d| d % r == 0) {
                    let pre: Vec<u64> = (0..=80).filter(|&n| !p.is_small(n) && p.round(n) == d).collect();
                    if let (Some(&lo), Some(&hi)) = (pre.first(), pre.last()) {
                        assert_eq!(p.shown_bounds(d), (lo, hi), "min_count {m}, round_to {r}, shown {d}");
                    }
                }
            }
        }
    }
}
