//! The checks every request passes before anything else runs: the right
//! `Host` (no DNS rebinding), no cross-site `Origin`, and the token (in the
//! query, or the cookie the first page sets); otherwise 403. Also the
//! headers every answer carries, and the log line (method, path, status,
//! time: never a query, a file name or anything read).

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::ServerState;
use super::secret::same;

/// Why a request was refused (for tests and the log; the page says less).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    Host,
    Origin,
    Token,
}

/// The cookie's name; with the port, so two servers do not mix tokens.
pub fn cookie_name(port: u16) -> String {
    format!("hs_audit_{port}")
}

/// Checks a request's headers and query against the server's port and token.
/// `Ok(true)` when the token came in the query (the answer sets the cookie).
pub fn check(headers: &HeaderMap, query: Option<&str>, port: u16, token: &str) -> Result<bool, Denied> {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    let allowed_hosts = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    if !allowed_hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return Err(Denied::Host);
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or_default();
        if !allowed_hosts.iter().any(|h| origin.eq_ignore_ascii_case(&format!("http://{h}"))) {
            return Err(Denied::Origin);
        }
    }
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()).unwrap_or_default();
    if site.eq_ignore_ascii_case("cross-site") || site.eq_ignore_ascii_case("same-site") {
        return Err(Denied::Origin);
    }
    let in_query = query.and_then(|q| param(q, "token")).is_some_and(|t| same(t, token));
    if in_query {
        return Ok(true);
    }
    let name = cookie_name(port);
    let in_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .any(|(k, v)| k == name && same(v, token));
    if in_cookie { Ok(false) } else { Err(Denied::Token) }
}

/// A query parameter's raw value (tokens and job ids are plain hex).
pub fn param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query.split('&').filter_map(|kv| kv.split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| v)
}

/// The middleware: refuse, or run the handler and add the common headers.
pub async fn guard(State(state): State<Arc<ServerState>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().chars().take(60).collect::<String>();
    let checked = check(request.headers(), request.uri().query(), state.port, &state.token);
    let mut response = match checked {
        Err(_) => forbidden(&state),
        Ok(token_in_query) => {
            let mut r = next.run(request).await;
            if token_in_query {
                let cookie = format!("{}={}; Path=/; HttpOnly; SameSite=Strict", cookie_name(state.port), state.token);
                if let Ok(v) = HeaderValue::from_str(&cookie) {
                    r.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            r
        }
    };
    common_headers(response.headers_mut());
    let line = format!("{method} {path} {} {} ms", response.status().as_u16(), started.elapsed().as_millis());
    let _ = state.log.send(line);
    response
}

fn forbidden(state: &ServerState) -> Response {
    let t = super::texts::Texts::new(state.lang);
    let other = super::texts::Texts::new(match state.lang {
        crate::i18n::Lang::Nl => crate::i18n::Lang::En,
        crate::i18n::Lang::En => crate::i18n::Lang::Nl,
    });
    let body = format!("{}\n{}\n", t.get("srv_forbidden"), other.get("srv_forbidden"));
    (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

/// Headers on every answer: nothing cached, sniffed or framed, no address (with its token) told to other sites, and
/// (unless the page set its own) a policy that loads nothing at all.
fn common_headers(h: &mut HeaderMap) {
    let fixed = [
        (header::CACHE_CONTROL, "no-store"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ];
    for (name, value) in fixed {
        h.insert(name, HeaderValue::from_static(value));
    }
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                axum::http::HeaderName::from_bytes(k.as_bytes()).expect("a name"),
                HeaderValue::from_str(v).expect("a value"),
            );
        }
        h
    }

    #[test]
    fn host_origin_and_token_are_all_checked() {
        let ok = headers(&[("host", "127.0.0.1:8765")]);
        assert_eq!(check(&ok, Some("token=abc"), 8765, "abc"), Ok(true));
        assert_eq!(check(&ok, Some("token=abd"), 8765, "abc"), Err(Denied::Token));
        assert_eq!(check(&ok, None, 8765, "abc"), Err(Denied::Token));
        let rebound = headers(&[("host", "evil.example:8765")]);
        assert_eq!(check(&rebound, Some("token=abc"), 8765, "abc"), Err(Denied::Host));
        let other_port = headers(&[("host", "localhost:9999")]);
        assert_eq!(check(&other_port, Some("token=abc"), 8765, "abc"), Err(Denied::Host));
        let cross = headers(&[("host", "localhost:8765"), ("origin", "https://evil.example")]);
        assert_eq!(check(&cross, Some("token=abc"), 8765, "abc"), Err(Denied::Origin));
        let cookie = headers(&[("host", "localhost:8765"), ("cookie", "a=b; hs_audit_8765=abc")]);
        assert_eq!(check(&cookie, None, 8765, "abc"), Ok(false));
        let fetch =
            headers(&[("host", "localhost:8765"), ("sec-fetch-site", "cross-site"), ("cookie", "hs_audit_8765=abc")]);
        assert_eq!(check(&fetch, None, 8765, "abc"), Err(Denied::Origin));
    }
}
