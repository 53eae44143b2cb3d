//! Name matching: sheet, column and code names compared the forgiving way.
//!
//! The contract: matching ignores case, accents, spaces, dashes and
//! underscores, so `Uren per week` = `uren_per_week` = `hours-per-week`.

use unicode_normalization::UnicodeNormalization;

/// The form two names are compared in: lower case, accents removed, and
/// spaces, dashes and underscores (and other white space) dropped.
pub fn normalize_name(s: &str) -> String {
    // Nearly every name is ASCII (headers, sheet names, codes): no accents to
    // take apart, so byte by byte (a run of 7,500 files spent 4 % in the
    // Unicode decomposition of names).
    if s.is_ascii() {
        return s
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_'))
            .map(|c| c.to_ascii_lowercase())
            .collect();
    }
    normalize_unicode(s)
}

/// [`normalize_name`] for any text.
fn normalize_unicode(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '\u{2010}'..='\u{2015}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// True when two names match under the contract's rules.
pub fn same_name(a: &str, b: &str) -> bool {
    normalize_name(a) == normalize_name(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_case_accents_spaces_dashes_underscores() {
        assert_eq!(normalize_name("Uren per week"), "urenperweek");
        assert!(same_name("Uren per week", "uren_per_week"));
        assert!(same_name("hours-per-week", "Hours_Per_Week"));
        assert!(same_name("Coördinatoren", "coordinatoren"));
        assert!(same_name("  Gezin ID ", "gezin_id"));
        assert!(same_name("Eerste check", "EERSTE_CHECK"));
        assert!(!same_name("start", "einde"));
    }

    proptest::proptest! {
        #[test]
        fn ascii_names_are_normalized_as_any_text_is(s in "[ -~\t\n\x0b\x0c\r]{0,24}") {
            proptest::prop_assert_eq!(normalize_name(&s), normalize_unicode(&s));
        }
    }

    #[test]
    fn non_breaking_space_and_tabs_are_spaces() {
        assert!(same_name("uren\u{a0}per\tweek", "urenperweek"));
    }
}
