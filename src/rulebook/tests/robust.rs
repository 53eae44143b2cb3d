//! No input makes the loader panic: arbitrary text, and the embedded rulebook,
//! a profile and a waiver file with pieces cut out or pasted in.

use proptest::prelude::*;

use super::SPECS;
use crate::i18n::Lang;
use crate::rulebook::extends::EMBEDDED;
use crate::rulebook::prose::{run_explain, run_list};
use crate::rulebook::{load_rulebook_text, load_waivers_text};

const PROFILE: &str = "extends = \"homestart-nl\"\n[municipalities.\"Súdwest-Fryslân\"]\npregnancy_allowed = true\nmax_age = 8\n[rules.\"HS-G02\"]\nseverity = \"error\"\nmax_duration_months = 24\n[rules.\"HS-L04\"]\nmin_families = 25\n";
const WAIVERS: &str = "[[waiver]]\nrule = \"HS-L07\"\nlocation = \"L111\"\nsubject = \"G-1\"\nreason = \"r\"\napproved_by = \"a\"\nexpires = 2027-03-31\n";

/// `text` with the characters in [cut, cut + len) replaced by `paste`.
fn mutate(text: &str, cut: usize, len: usize, paste: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let cut = cut % (chars.len() + 1);
    let end = (cut + len).min(chars.len());
    let mut out: String = chars[..cut].iter().collect();
    out.push_str(paste);
    out.extend(&chars[end..]);
    out
}

fn exercise(text: &str) {
    if let Ok(book) = load_rulebook_text("x.toml", text, None, SPECS) {
        let mut sink = Vec::new();
        let _ = run_list(Lang::Nl, &book, &mut sink);
        for r in &book.rules {
            let _ = run_explain(&r.id, Lang::En, &book, &mut sink);
        }
    }
    let _ = load_waivers_text("x.toml", text, SPECS);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        exercise(&text);
    }

    #[test]
    fn cut_and_pasted_files_never_panic(
        which in 0usize..3,
        cut in any::<usize>(),
        len in 0usize..40,
        paste in prop::sample::select(vec![
            "", "\n", "\"", "[", "]]", "=", "[[waiver]]\n", "[rules.\"HS-L01\"]\n", "-1", "1e999", "nan",
            "2027-02-30", "true", "{ a = 1 }", "[1, 2]", "min_families = 99\n", "extends = \"x.toml\"\n", "é",
            "0x7fffffffffffffff", "99999999999999999999",
        ]),
    ) {
        let base = [EMBEDDED[0].text, PROFILE, WAIVERS][which];
        exercise(&mutate(base, cut, len, paste));
    }
}
