//! Renders the page (the empty form, or an answer above the form) from
//! `page.html.j2`, with a fresh nonce for its inline style and script and a
//! Content-Security-Policy that lets nothing else load.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::answer::Answer;
use super::secret::random_hex;
use super::texts::{Texts, megabytes};
use super::upload::{Fields, UPLOAD_LIMIT};
use crate::i18n::Lang;

const TEMPLATE: &str = include_str!("page.html.j2");

/// What one page shows besides the form.
#[derive(Debug, Default)]
pub struct PageParts {
    /// A message above the form (a refused upload, say).
    pub notice: Option<String>,
    pub answer: Option<Answer>,
    pub fields: Fields,
}

#[derive(Serialize)]
struct Context<'a> {
    lang: &'static str,
    other_lang: &'static str,
    t: std::collections::BTreeMap<String, String>,
    token: &'a str,
    nonce: &'a str,
    limit_bytes: u64,
    file_help: String,
    too_large_client: String,
    notice: Option<String>,
    answer: Option<Answer>,
    reports: Vec<(String, String)>,
    fields: Fields,
}

/// The page as a response with `status`.
pub fn respond(status: StatusCode, lang: Lang, token: &str, mut parts: PageParts) -> Response {
    let t = Texts::new(lang);
    let nonce = random_hex(16);
    let limit = megabytes(UPLOAD_LIMIT);
    // The reports are shown in frames that inherit this page's policy: their
    // own inline style gets the nonce.
    let reports = parts
        .answer
        .as_mut()
        .map(|a| std::mem::take(&mut a.reports))
        .unwrap_or_default()
        .into_iter()
        .map(|(name, html)| {
            (
                t.fill("srv_report_frame", &[("name", &name)]),
                html.replace("<style>", &format!("<style nonce=\"{nonce}\">")),
            )
        })
        .collect();
    if parts.fields.lang.is_empty() {
        parts.fields.lang = lang.code().to_string();
    }
    let ctx = Context {
        lang: lang.code(),
        other_lang: lang.pick("en", "nl"),
        t: t.all(),
        token,
        nonce: &nonce,
        limit_bytes: UPLOAD_LIMIT,
        file_help: t.fill("srv_file_help", &[("limit", &limit)]),
        too_large_client: t.fill("srv_too_large_client", &[("limit", &limit)]),
        notice: parts.notice,
        answer: parts.answer,
        reports,
        fields: parts.fields,
    };
    let html = render(&ctx).unwrap_or_else(|e| {
        format!("<!doctype html><title>hs-audit</title><p>{}</p><!-- {e} -->", t.get("srv_failed"))
    });
    let csp = format!(
        "default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; img-src data:; \
         connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    );
    let mut response = (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    if let Ok(v) = HeaderValue::from_str(&csp) {
        response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
    }
    response
}

fn render(ctx: &Context) -> Result<String, minijinja::Error> {
    let mut env = minijinja::Environment::new();
    env.add_template("page.html", TEMPLATE)?;
    env.get_template("page.html")?.render(minijinja::value::Serde(ctx))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With every text of serve.toml transformed (a pseudo-locale), the
    /// page holds no word of its own: every text is the catalogue's.
    #[test]
    fn under_a_pseudo_locale_the_page_has_no_text_of_its_own() {
        use crate::cli::pseudo_report_tests::{html_text, words};
        for lang in [Lang::Nl, Lang::En] {
            let t = Texts::new(lang);
            let pseudo = |s: String| crate::report::catalogue::pseudo(&s);
            let ctx = Context {
                lang: lang.code(),
                other_lang: "x",
                t: t.all().into_iter().map(|(k, v)| (k, pseudo(v))).collect(),
                token: "tok",
                nonce: "n0nce",
                limit_bytes: 1,
                file_help: pseudo(t.fill("srv_file_help", &[("limit", "1")])),
                too_large_client: pseudo(t.fill("srv_too_large_client", &[("limit", "1")])),
                notice: None,
                answer: None,
                reports: Vec::new(),
                fields: Fields::default(),
            };
            let html = render(&ctx).expect("the template renders");
            let text = html_text(&html);
            // The languages of the language list are named in their own language.
            let own = ["hs", "audit", "Nederlands", "English"];
            let left: Vec<&str> = words(&text).filter(|w| !own.contains(w)).collect();
            assert!(left.is_empty(), "{left:?}");
        }
    }

    #[test]
    fn the_empty_page_renders_in_both_languages_with_its_nonce() {
        for lang in [Lang::Nl, Lang::En] {
            let ctx = Context {
                lang: lang.code(),
                other_lang: "x",
                t: Texts::new(lang).all(),
                token: "tok",
                nonce: "n0nce",
                limit_bytes: 1,
                file_help: String::new(),
                too_large_client: String::new(),
                notice: None,
                answer: None,
                reports: Vec::new(),
                fields: Fields::default(),
            };
            let html = render(&ctx).expect("the template renders");
            assert!(html.contains("<style nonce=\"n0nce\">") && html.contains("<script nonce=\"n0nce\">"));
            assert!(html.contains("action=\"/audit?token=tok\""));
            assert!(!html.contains("[srv_"), "every text is in the catalogue");
        }
    }
}
