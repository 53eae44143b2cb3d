//! The generated pages: complete, with every rule, parameter, sheet, column
//! and code, no text missing from the catalogue, and following the rulebook.

use super::texts::placeholders;
use super::*;
use crate::report::Catalogue;
use crate::rulebook::{ParamValue, load_rulebook, load_rulebook_text};
use crate::rules::registry::RULES;
use crate::tables::schema::{ColumnType, LOCATION_COLUMN, SheetKind};

fn default_rulebook() -> Rulebook {
    load_rulebook(None, RULES).expect("the embedded rulebook loads")
}

fn all_pages() -> Vec<(String, String)> {
    generated_pages(&default_rulebook())
}

#[test]
fn no_text_is_missing_and_no_placeholder_is_left() {
    for (path, text) in all_pages() {
        assert!(!text.contains("[hb_"), "{path}: a catalogue key is missing: {}", around(&text, "[hb_"));
        assert!(!text.contains("[outcome_") && !text.contains("[severity_"), "{path}: a common key is missing");
        let left = placeholders(&text);
        assert!(left.is_empty(), "{path}: placeholders not filled in: {left:?}");
    }
}

fn around(text: &str, needle: &str) -> String {
    let at = text.find(needle).unwrap_or(0);
    text[at..].chars().take(60).collect()
}

#[test]
fn every_rule_has_a_definition_and_every_parameter_a_meaning() {
    let catalogue = Catalogue::embedded();
    for spec in RULES {
        assert!(catalogue.contains(&format!("hb_how_{}", spec.id)), "hb_how_{} is missing", spec.id);
        for p in spec.params {
            assert!(catalogue.contains(&format!("hb_param_{}", p.name)), "hb_param_{} is missing", p.name);
        }
    }
}

#[test]
fn definitions_name_only_their_own_parameters() {
    let derived = ["hours_at_min_fte", "check_deadline_days", "visits_full_year"];
    let catalogue = Catalogue::embedded();
    for spec in RULES {
        for lang in LANGS {
            let text = catalogue.get(&format!("hb_how_{}", spec.id), lang);
            for name in placeholders(&text) {
                assert!(
                    spec.params.iter().any(|p| p.name == name) || derived.contains(&name.as_str()),
                    "hb_how_{} ({}) names `{{{name}}}`, which is not a parameter of the rule",
                    spec.id,
                    lang.code()
                );
            }
        }
    }
}

#[test]
fn rules_page_has_every_rule_and_parameter_value() {
    let rulebook = default_rulebook();
    for lang in LANGS {
        let page = rules_page(&rulebook, lang);
        for rule in &rulebook.rules {
            assert!(page.contains(&format!("### {} ", rule.id)), "{} has no section ({})", rule.id, lang.code());
            assert!(page.contains(rule.source.sentence.get(lang)), "{}: source sentence", rule.id);
            for name in rule.params.keys() {
                assert!(page.contains(&format!("| `{name}` |")), "{}: parameter {name}", rule.id);
            }
        }
    }
    let nl = rules_page(&rulebook, Lang::Nl);
    assert!(nl.contains("| `min_fte` | 0,55 | nee |"), "values are written the Dutch way");
    assert!(nl.contains("| `cost_norm` | 56.500 | nee |"));
    assert!(nl.contains("| `max_age` | 6 | ja |"), "per-municipality parameters are marked");
    let en = rules_page(&rulebook, Lang::En);
    assert!(en.contains("| `cost_norm` | 56,500 | no |"));
    assert!(en.contains("that is 19.8 hours a week"), "values worked out from parameters");
    assert!(en.contains("at least 40 visits"));
}

#[test]
fn rules_page_follows_a_changed_rulebook() {
    let base = default_rulebook();
    let profile = "extends = \"homestart-nl\"\n\
                   [rules.\"HS-L01\"]\nmin_fte = 0.6\n\
                   [rules.\"HS-G12\"]\nenabled = false\n\
                   [rules.\"HS-G02\"]\nseverity = \"error\"\n\
                   [municipalities.\"Súdwest-Fryslân\"]\nmax_age = 8\n";
    let changed = load_rulebook_text("profiel.toml", profile, None, RULES).expect("the profile loads");
    for lang in LANGS {
        assert_ne!(rules_page(&base, lang), rules_page(&changed, lang), "{}", lang.code());
    }
    let nl = rules_page(&changed, Lang::Nl);
    assert!(nl.contains("| `min_fte` | 0,6 | nee |"));
    assert!(nl.contains("minstens 0,6\nfte is"), "the definition uses the new value");
    assert!(nl.contains("Staat: uit"), "a disabled rule says so");
    assert!(nl.contains("sudwestfryslan: `max_age` = 8"), "municipality overrides are listed");

    // Any change in the rulebook's own texts shows too.
    let mut retitled = base.clone();
    let rule = retitled.rules.iter_mut().find(|r| r.id == "HS-L03").expect("HS-L03");
    rule.title.nl = "Genoeg getrainde vrijwilligers".to_string();
    rule.params.insert("min_volunteers".to_string(), ParamValue::Integer(20));
    let nl = rules_page(&retitled, Lang::Nl);
    assert!(nl.contains("### HS-L03 Genoeg getrainde vrijwilligers"));
    assert!(nl.contains("minstens 20 zijn"));
    assert_ne!(nl, rules_page(&base, Lang::Nl));
}

#[test]
fn export_page_has_every_sheet_column_and_code() {
    for lang in LANGS {
        let page = export_format_page(lang);
        for kind in SheetKind::ALL {
            let sheet = kind.spec();
            assert!(page.contains(&format!("### `{}` ({})", sheet.name, sheet.alias)), "{}", sheet.name);
            for c in sheet.columns {
                assert!(page.contains(&format!("| `{}` | `{}` |", c.name, c.alias)), "{}.{}", sheet.name, c.name);
                if let ColumnType::Code(codes) = c.ty {
                    for cs in codes {
                        assert!(page.contains(&format!("| `{}` | `{}` |", cs.code, cs.alias)), "{}", cs.code);
                    }
                }
            }
        }
        assert!(page.contains(&format!("`{}`", LOCATION_COLUMN.name)));
    }
    let nl = export_format_page(Lang::Nl);
    assert!(nl.contains("| `score` | `score` | geheel getal van 0 tot en met 5 | ja |"));
    assert!(nl.contains("één van: `uren_per_week`, `fte`"));
    assert!(nl.contains("| `56,500.00` | 56.500 |"));
}

#[test]
fn pages_link_to_the_other_language() {
    let rulebook = default_rulebook();
    assert!(rules_page(&rulebook, Lang::Nl).contains("](../handbook/rules.md)"));
    assert!(rules_page(&rulebook, Lang::En).contains("](../handboek/regels.md)"));
    assert!(export_format_page(Lang::Nl).contains("](../handbook/export-format.md)"));
    assert!(export_format_page(Lang::En).contains("](../handboek/exportformaat.md)"));
}

#[test]
fn no_line_turns_into_markup_by_accident() {
    // Filled-in values change where catalogue lines break; no line may then
    // start a list or a numbered item the text did not mean.
    for (path, text) in all_pages() {
        for line in text.lines() {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let numbered = digits > 0 && line[digits..].starts_with(['.', ')']);
            assert!(!line.starts_with("+ ") && !line.starts_with("= ") && !numbered, "{path}: `{line}`");
        }
    }
}
