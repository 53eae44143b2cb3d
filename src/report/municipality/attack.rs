//! The reader's attack on a suppressed table: from the shown counts, what the
//! markers say and the lines' sums, how far can each hidden count be narrowed?
//! Suppression ([`super::suppress`]) hides more until no hidden count is
//! narrowed to a single value.

use super::suppress::{Flat, Mark, Member};
use crate::rulebook::Privacy;

/// An interval a reader knows a member lies in; `hi == None` is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub lo: u64,
    pub hi: Option<u64>,
}

impl Bounds {
    pub fn is_point(self) -> bool {
        self.hi == Some(self.lo)
    }
}

/// What a reader knows of a member from its mark alone (and, when shown, from
/// its rounded count).
fn own_bounds(value: u64, mark: Mark, policy: &Privacy) -> Bounds {
    match mark {
        Mark::Shown => {
            let (lo, hi) = policy.shown_bounds(policy.round(value));
            Bounds { lo, hi: Some(hi) }
        }
        Mark::Small => {
            let (lo, hi) = policy.small_bounds();
            Bounds { lo, hi: Some(hi) }
        }
        Mark::Withheld => Bounds { lo: 0, hi: None },
        Mark::Hidden if value == 0 => Bounds { lo: 0, hi: None },
        Mark::Hidden => Bounds { lo: policy.min_count, hi: None },
    }
}

/// What a reader can deduce of every member, by narrowing over the lines
/// until nothing narrows.
pub fn reader_bounds(flat: &Flat, marks: &[Mark]) -> Vec<Bounds> {
    let b: Vec<Bounds> = flat.values.iter().zip(marks).map(|(&v, &m)| own_bounds(v, m, &flat.policy)).collect();
    narrow_over_lines(b, &flat.lines)
}

/// What a reader knows of a count from what a published report shows of it
/// (`value` is the true count, only to give the reader every benefit of the
/// doubt: a hidden non-zero count is taken as known to be `min_count` or
/// more, a hidden zero as anything; a `<m` as 1 to m - 1, or 0 to m - 1 for
/// a zero). The tests attack every report of an
/// audit together with it.
#[cfg(test)]
pub fn seen_bounds(seen: Seen, value: u64, policy: &Privacy) -> Bounds {
    match seen {
        Seen::Number(d) => {
            let (lo, hi) = policy.shown_bounds(d);
            Bounds { lo, hi: Some(hi) }
        }
        // `<m` is also written for a 0 in a line whose total is small.
        Seen::Small if value == 0 => Bounds { lo: 0, hi: Some(policy.min_count.saturating_sub(1)) },
        Seen::Small => own_bounds(value, Mark::Small, policy),
        Seen::SmallInSmallLine => Bounds { lo: 0, hi: Some(policy.min_count.saturating_sub(1)) },
        Seen::Hidden => own_bounds(value, Mark::Hidden, policy),
        Seen::Nowhere => Bounds { lo: 0, hi: None },
    }
}

/// A count as a published report shows it.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// A number (rounded as the policy says).
    Number(u64),
    /// `<min_count`.
    Small,
    /// `<min_count` in a line whose total shows `<min_count` too: the
    /// reader knows it may be 0 (the report says so).
    SmallInSmallLine,
    /// `x`.
    Hidden,
    /// Not shown anywhere (families without a municipality).
    Nowhere,
}

/// Narrows every member's bounds over the lines (each line's cells sum to
/// its total) until nothing narrows: the reader's attack. `lines` index
/// into `b`.
pub fn narrow_over_lines(mut b: Vec<Bounds>, lines: &[(Vec<usize>, usize)]) -> Vec<Bounds> {
    // Bounded: real tables settle in a few rounds; the cap keeps odd ones finite.
    for _ in 0..1000 {
        let mut changed = false;
        for (cells, total) in lines {
            let total = *total;
            let sum_lo: u64 = cells.iter().map(|&i| b[i].lo).fold(0, u64::saturating_add);
            let unbounded = cells.iter().filter(|&&i| b[i].hi.is_none()).count();
            let sum_hi: u64 = cells.iter().filter_map(|&i| b[i].hi).fold(0, u64::saturating_add);
            // The total lies between the sums of its cells' bounds.
            changed |= narrow(&mut b[total], sum_lo, (unbounded == 0).then_some(sum_hi));
            // Each cell is the total minus the other cells.
            for &j in cells {
                let others_lo = sum_lo.saturating_sub(b[j].lo);
                let others_hi = match b[j].hi {
                    Some(h) if unbounded == 0 => Some(sum_hi.saturating_sub(h)),
                    None if unbounded == 1 => Some(sum_hi),
                    _ => None,
                };
                let lo = others_hi.map_or(0, |h| b[total].lo.saturating_sub(h));
                let hi = b[total].hi.map(|h| h.saturating_sub(others_lo));
                changed |= narrow(&mut b[j], lo, hi);
            }
        }
        if !changed {
            break;
        }
    }
    b
}

fn narrow(b: &mut Bounds, lo: u64, hi: Option<u64>) -> bool {
    let new_lo = b.lo.max(lo);
    let new_hi = match (b.hi, hi) {
        (Some(a), Some(h)) => Some(a.min(h)),
        (a, h) => a.or(h),
    };
    let changed = new_lo != b.lo || new_hi != b.hi;
    *b = Bounds { lo: new_lo, hi: new_hi };
    changed
}

/// Hidden non-zero members a reader can work out exactly, in member order. (A
/// hidden zero that can be worked out gives away no one: zeros are shown
/// anyway; the attack still uses it against the other members.)
pub fn exposed(flat: &Flat, marks: &[Mark]) -> Vec<usize> {
    let b = reader_bounds(flat, marks);
    (0..flat.members.len()).filter(|&i| marks[i] != Mark::Shown && flat.values[i] > 0 && b[i].is_point()).collect()
}

/// How much a reader loses when a member is hidden: a cell least, then a
/// total published elsewhere (a location's number), then any other total (a
/// municipality's number of families, the report's headline).
fn rank(flat: &Flat, i: usize) -> u8 {
    match flat.members[i] {
        Member::Cell(..) => 0,
        _ if flat.fixed[i] => 1,
        _ => 2,
    }
}

/// The shown members with a count of at least 1 in the lines through `i`.
fn candidates_beside(flat: &Flat, marks: &[Mark], i: usize) -> Vec<usize> {
    let mut out: Vec<usize> = flat
        .lines
        .iter()
        .filter(|(cells, total)| cells.contains(&i) || *total == i)
        .flat_map(|(cells, total)| cells.iter().copied().chain(std::iter::once(*total)))
        .filter(|&j| j != i && flat.values[j] >= 1 && marks[j] == Mark::Shown)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// When every line through `e` is hidden already: the shown members (count
/// at least 1) of the lines through the nearest hidden members that share a
/// line with it, and so on outwards, since hiding one of those loosens what
/// the reader knows of them and so of `e`.
fn candidates_further(flat: &Flat, marks: &[Mark], e: usize) -> Vec<usize> {
    let mut seen = vec![false; flat.members.len()];
    seen[e] = true;
    let mut frontier = vec![e];
    while !frontier.is_empty() {
        let mut next = Vec::new();
        for &h in &frontier {
            for (cells, total) in flat.lines.iter().filter(|(cells, total)| cells.contains(&h) || *total == h) {
                for j in cells.iter().copied().chain(std::iter::once(*total)) {
                    if !seen[j] && marks[j] != Mark::Shown {
                        seen[j] = true;
                        next.push(j);
                    }
                }
            }
        }
        let mut found: Vec<usize> = next.iter().flat_map(|&h| candidates_beside(flat, marks, h)).collect();
        found.sort_unstable();
        found.dedup();
        if !found.is_empty() {
            return found;
        }
        frontier = next;
    }
    Vec::new()
}

/// What to hide next to protect the exposed member `e`: one shown member of
/// a line through it, or, when hiding one alone would give it away at once
/// (a municipality's only location: its number is the municipality's own),
/// that one with a shown member of a line through it. Of those that leave
/// none of what they hide worked out, the least loss wins: the lowest
/// [`rank`], then the fewest members, then the smallest counts, then the
/// first in order. Empty when there is nothing left to hide.
pub fn secondary_choice(flat: &Flat, marks: &[Mark], e: usize) -> Vec<usize> {
    let safe = |set: &[usize]| {
        let mut tried = marks.to_vec();
        for &i in set {
            tried[i] = Mark::Hidden;
        }
        let b = reader_bounds(flat, &tried);
        set.iter().all(|&i| !b[i].is_point())
    };
    let mut first = candidates_beside(flat, marks, e);
    if first.is_empty() {
        first = candidates_further(flat, marks, e);
    }
    let mut options: Vec<Vec<usize>> = Vec::new();
    for &c in &first {
        if safe(&[c]) {
            options.push(vec![c]);
        } else {
            options.extend(candidates_beside(flat, marks, c).into_iter().map(|d| vec![c, d]).filter(|set| safe(set)));
        }
    }
    let cost = |set: &Vec<usize>| {
        let worst = set.iter().map(|&i| rank(flat, i)).max().unwrap_or(0);
        let sum: u64 = set.iter().map(|&i| flat.values[i]).sum();
        (worst, set.len(), sum, set.clone())
    };
    let best = options.into_iter().min_by_key(cost);
    // Nothing safe: hide the least costly one anyway and let the next round go on.
    best.or_else(|| first.into_iter().min_by_key(|&i| (rank(flat, i), flat.values[i], i)).map(|i| vec![i]))
        .unwrap_or_default()
}
