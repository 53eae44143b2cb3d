//! Reading yes/no values written as text: `ja`/`nee`, `yes`/`no`, `true`/`false`, `waar`/`onwaar`, `1`/`0`,
//! and the `x`/empty convention.
//!
//! Matching ignores case, accents, spaces, dashes and underscores (the contract's rule for coded values, via
//! [`normalize_name`]), so `JA`, ` Ja `, `Nee` and `ón-waar` all count. The one-letter forms `j`/`y`/`n` are
//! accepted too. An empty cell, or one holding only white space, is `false` (an unticked `x` column).
//! Text that is only dashes or underscores (`-`, `--`, `_`) is not empty under the contract and is not a
//! yes/no value either, so it gives `None` rather than `false`.

use crate::tables::normalize::normalize_name;

/// Words read as `true`, in normalized form.
const TRUE_WORDS: &[&str] = &["ja", "j", "yes", "y", "true", "waar", "1", "x"];

/// Words read as `false`, in normalized form.
const FALSE_WORDS: &[&str] = &["nee", "n", "no", "false", "onwaar", "0"];

/// Parses a yes/no value written as text (`ja`/`nee`, `yes`/`no`, ...).
/// Empty text is `Some(false)` under the `x`/empty convention.
pub fn parse_bool_text(s: &str) -> Option<bool> {
    if s.trim().is_empty() {
        return Some(false);
    }
    let word = normalize_name(s);
    if TRUE_WORDS.contains(&word.as_str()) {
        Some(true)
    } else if FALSE_WORDS.contains(&word.as_str()) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn dutch_words() {
        assert_eq!(parse_bool_text("ja"), Some(true));
        assert_eq!(parse_bool_text("nee"), Some(false));
        assert_eq!(parse_bool_text("waar"), Some(true));
        assert_eq!(parse_bool_text("onwaar"), Some(false));
        assert_eq!(parse_bool_text("j"), Some(true));
        assert_eq!(parse_bool_text("n"), Some(false));
    }

    #[test]
    fn english_words() {
        assert_eq!(parse_bool_text("yes"), Some(true));
        assert_eq!(parse_bool_text("no"), Some(false));
        assert_eq!(parse_bool_text("true"), Some(true));
        assert_eq!(parse_bool_text("false"), Some(false));
        assert_eq!(parse_bool_text("y"), Some(true));
    }

    #[test]
    fn digits_and_x_empty_convention() {
        assert_eq!(parse_bool_text("1"), Some(true));
        assert_eq!(parse_bool_text("0"), Some(false));
        assert_eq!(parse_bool_text("x"), Some(true));
        assert_eq!(parse_bool_text("X"), Some(true));
        assert_eq!(parse_bool_text(""), Some(false));
        assert_eq!(parse_bool_text("   "), Some(false));
        assert_eq!(parse_bool_text("\u{a0}\t"), Some(false));
    }

    #[test]
    fn ignores_case_accents_spaces_dashes_underscores() {
        for s in ["JA", " Ja ", "jA\u{a0}", "Yes", "TRUE", "Waar", "wáár", " x ", "Tr_ue", "y-e-s"] {
            assert_eq!(parse_bool_text(s), Some(true), "{s:?}");
        }
        for s in ["NEE", "Nee ", "No", "FALSE", "Onwaar", "on-waar", "ón_waar", "on waar", "N"] {
            assert_eq!(parse_bool_text(s), Some(false), "{s:?}");
        }
    }

    #[test]
    fn anything_else_is_none() {
        for s in [
            "-",
            "--",
            "_",
            "misschien",
            "maybe",
            "2",
            "1.0",
            "0,0",
            "xx",
            "ok",
            "v",
            "✓",
            "ja nee",
            "jawel",
            "nope",
            "t",
            "f",
            "onbekend",
            "?",
        ] {
            assert_eq!(parse_bool_text(s), None, "{s:?}");
        }
    }

    #[test]
    fn true_and_false_words_do_not_overlap() {
        for w in TRUE_WORDS {
            assert!(!FALSE_WORDS.contains(w), "{w}");
            assert_eq!(normalize_name(w), *w, "{w} must be stored normalized");
        }
        for w in FALSE_WORDS {
            assert_eq!(normalize_name(w), *w, "{w} must be stored normalized");
        }
    }

    proptest! {
        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = parse_bool_text(&s);
        }

        #[test]
        fn white_space_only_is_false(s in "[ \t\u{a0}\u{202f}\u{3000}]{0,8}") {
            prop_assert_eq!(parse_bool_text(&s), Some(false));
        }

        #[test]
        fn padding_and_case_do_not_matter(
            idx in 0usize..14,
            left in "[ \u{a0}]{0,3}",
            right in "[ \u{a0}]{0,3}",
            upper in any::<bool>(),
        ) {
            let (word, want) = TRUE_WORDS
                .iter()
                .map(|w| (*w, true))
                .chain(FALSE_WORDS.iter().map(|w| (*w, false)))
                .nth(idx)
                .unwrap();
            let word = if upper { word.to_uppercase() } else { word.to_string() };
            prop_assert_eq!(parse_bool_text(&format!("{left}{word}{right}")), Some(want));
        }
    }
}
