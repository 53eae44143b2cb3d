//! The notes that explain the report's markers and rounding under the
//! rulebook's privacy policy, in the report's language: what `<m`, `x`,
//! rounded numbers, "too few" and "–" mean. One list for every format.

use crate::i18n::Lang;
use crate::report::Catalogue;
use crate::rulebook::Privacy;

/// The notes, each `marker: meaning`, for the policy in force: no `<m` or
/// `x` note when nothing is suppressed (`min_count` 1), a rounding note only
/// when counts are rounded.
pub fn privacy_notes(catalogue: &Catalogue, lang: Lang, policy: &Privacy) -> Vec<String> {
    let m = policy.min_count.to_string();
    let max_small = policy.min_count.saturating_sub(1).to_string();
    let r = policy.round_to.to_string();
    let r2 = policy.round_to.saturating_mul(2).to_string();
    let args =
        [("min_count", m.as_str()), ("max_small", max_small.as_str()), ("round_to", &r), ("round_to_twice", &r2)];
    let mut keys = Vec::new();
    match policy.min_count {
        0 | 1 => {}
        _ => keys.extend(["mun_about_small", "mun_about_hidden"]),
    }
    if policy.round_to > 1 {
        keys.push("mun_about_rounded");
    }
    keys.extend(["mun_about_too_few", "mun_about_no_data"]);
    keys.into_iter().map(|k| catalogue.fill(k, lang, &args)).collect()
}

/// The marker of a small count: `<m`.
pub fn small_marker(catalogue: &Catalogue, lang: Lang, policy: &Privacy) -> String {
    catalogue.fill("mun_marker_small", lang, &[("min_count", policy.min_count.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(min_count: u64, round_to: u64) -> Vec<String> {
        privacy_notes(&Catalogue::embedded(), Lang::En, &Privacy { min_count, round_to })
    }

    #[test]
    fn the_notes_follow_the_policy() {
        let default = notes(5, 1);
        assert_eq!(default.len(), 4);
        assert!(default[0].starts_with("<5: 1 to 4 families"), "{default:?}");
        assert!(default[2].starts_with("too few: a sum, mean or percentage over fewer than 5 families"));
        let cbs = notes(5, 5);
        assert!(cbs[2].starts_with("5, 10, …: numbers of families are rounded to a multiple of 5"), "{cbs:?}");
        assert!(notes(1, 1).iter().all(|n| !n.starts_with('<') && !n.starts_with("x:")));
        for n in notes(10, 3) {
            assert!(!n.contains('{'), "{n}");
        }
    }
}
