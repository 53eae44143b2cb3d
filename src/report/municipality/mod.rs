//! The municipality report: the families living in one municipality, across
//! every location that serves it, as totals only. No family id, row or
//! per-family figure reaches any output; under the rulebook's privacy policy
//! (`[privacy]`, by default `min_count` 5 and `round_to` 1) every count of
//! families from 1 to `min_count` - 1 shows as `<min_count`, counts that would
//! give one away through a total are hidden too ([`suppress`]), and the other
//! counts are rounded to a multiple of `round_to`.
//!
//! One model ([`model::MunicipalityReport`]) feeds every format: the HTML and
//! Markdown templates, the workbook, and `results.json`, which for this
//! audience is that model and nothing else.

mod attack;
mod build;
mod charts;
mod conditions;
mod families;
pub mod model;
mod notes;
#[cfg(test)]
mod policy_tests;
mod shared;
pub mod suppress;
#[cfg(test)]
mod suppress_tests;
mod timeliness;
pub mod trends;
mod trends_read;
#[cfg(test)]
mod trends_tests;
mod xlsx;

use serde::Serialize;

use super::{Format, RenderContext, RenderedFile};
use crate::results::Audit;

pub use build::{build, families_of};

/// What the templates get: the model, the stylesheet and the charts.
#[derive(Serialize)]
struct Page<'a> {
    #[serde(flatten)]
    report: &'a model::MunicipalityReport,
    css: String,
    charts: charts::Charts,
    /// Rule id, title and explanation of every rule the report shows.
    rules: Vec<RuleText>,
    /// What the markers and rounding mean under the privacy policy.
    privacy_notes: Vec<String>,
}

#[derive(Serialize)]
struct RuleText {
    id: String,
    title: String,
    explanation: String,
}

/// Renders the report for `municipality` in the asked formats, JSON included
/// (the aggregated model, never family ids). A municipality without families
/// gives a report that says so.
pub fn render(
    audit: &Audit,
    municipality: &str,
    earlier: &[trends::Earlier],
    ctx: &RenderContext,
) -> Result<Vec<RenderedFile>, String> {
    let mut model = build(audit, municipality, ctx);
    model.trends = trends::trends(&model, earlier, &|key| ctx.catalogue.get(key, ctx.lang));
    let base = format!("report-{}", slug(&model.municipality));
    let mut formats = ctx.formats.to_vec();
    formats.sort();
    formats.dedup();
    let mut files = Vec::new();
    for format in formats {
        let (name, bytes) = match format {
            Format::Html => {
                (format!("{base}.html"), ctx.engine.render("municipality.html.j2", &page(&model, ctx, true))?)
            }
            Format::Md => (format!("{base}.md"), ctx.engine.render("municipality.md.j2", &page(&model, ctx, false))?),
            Format::Json => {
                let json = serde_json::to_string_pretty(&model).map_err(|e| e.to_string())?;
                ("results.json".to_string(), format!("{json}\n"))
            }
            Format::Xlsx => {
                files.push(RenderedFile { name: format!("{base}.xlsx"), bytes: xlsx::workbook(&model, ctx)? });
                continue;
            }
        };
        files.push(RenderedFile { name, bytes: bytes.into_bytes() });
    }
    Ok(files)
}

fn page<'a>(model: &'a model::MunicipalityReport, ctx: &RenderContext, html: bool) -> Page<'a> {
    let shown: Vec<&str> = model
        .locations
        .iter()
        .flat_map(|l| l.rules.iter().map(|r| r.rule_id.as_str()))
        .chain(model.timeliness.iter().map(|r| r.rule_id.as_str()))
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let rules = shown
        .into_iter()
        .filter(|id| seen.insert(*id))
        .filter_map(|id| ctx.rulebook.rule(id))
        .map(|r| RuleText {
            id: r.id.clone(),
            title: r.title.get(ctx.lang).to_string(),
            explanation: r.explanation.get(ctx.lang).trim().to_string(),
        })
        .collect();
    Page {
        report: model,
        css: if html { ctx.engine.css() } else { String::new() },
        charts: if html {
            charts::charts(model, ctx)
        } else {
            charts::Charts {
                age_groups: String::new(),
                duration: String::new(),
                timeliness: String::new(),
                trends: Vec::new(),
            }
        },
        rules,
        privacy_notes: notes::privacy_notes(ctx.catalogue, ctx.lang, &ctx.rulebook.privacy),
    }
}

/// A file-name-safe form of a name: lower case ASCII letters and digits,
/// accents dropped, everything else a single dash (`Súdwest-Fryslân` ->
/// `sudwest-fryslan`); `onbekend` when nothing is left.
pub fn slug(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in name.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').chars().take(60).collect::<String>();
    if out.is_empty() { "onbekend".to_string() } else { out }
}

#[cfg(test)]
mod tests {
    use super::slug;
    use crate::report::Catalogue;
    use crate::report::engine::TEMPLATES;

    #[test]
    fn every_text_the_templates_ask_for_is_in_the_catalogue() {
        let catalogue = Catalogue::embedded();
        for (name, text) in TEMPLATES.iter().filter(|(n, _)| n.starts_with("municipality")) {
            for part in text.split("t(\"").skip(1) {
                let (key, rest) = part.split_once('"').unwrap_or_default();
                // `t("outcome_" ~ r.outcome)`: a key built from data, checked by the common catalogue's tests.
                if !rest.trim_start().starts_with('~') {
                    assert!(catalogue.contains(key), "{name}: t(\"{key}\") is not in the catalogue");
                }
            }
        }
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Súdwest-Fryslân"), "sudwest-fryslan");
        assert_eq!(slug("'s-Hertogenbosch"), "s-hertogenbosch");
        assert_eq!(slug("Bergen (NH)"), "bergen-nh");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("  "), "onbekend");
    }
}
