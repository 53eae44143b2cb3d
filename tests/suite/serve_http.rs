//! `hs-audit serve` over plain HTTP: who is refused (403), what is too large
//! (413), a corrupt file (its finding, 200), 20 checks at once that never mix,
//! and a temporary folder that is empty after the answers and after Ctrl-C.

use std::time::{Duration, Instant};

use crate::serve_server::{Server, audit, read, send};
use crate::support::{hs_audit, root};

#[test]
fn requests_without_the_token_or_from_elsewhere_get_403() {
    let server = Server::start("nl");
    let (port, token, host) = (server.port, server.token.clone(), server.host());
    let get = |path: &str, extra: &str| send(port, &format!("GET {path} HTTP/1.1\r\nHost: {host}{extra}"), b"");
    assert_eq!(get("/", "").status, 403, "no token");
    assert_eq!(get("/?token=00000000000000000000000000000000", "").status, 403, "a wrong token");
    assert_eq!(get(&format!("/template?token={}", &token[..31]), "").status, 403, "a token cut short");
    let rebound = send(port, &format!("GET /?token={token} HTTP/1.1\r\nHost: evil.example:{port}"), b"");
    assert_eq!(rebound.status, 403, "a foreign Host (DNS rebinding)");
    let cross = format!(
        "POST /audit?token={token} HTTP/1.1\r\nHost: {host}\r\nOrigin: https://evil.example\r\nContent-Type: multipart/form-data; boundary=x"
    );
    assert_eq!(send(port, &cross, b"--x--\r\n").status, 403, "a cross-site Origin");
    let fetch = format!("GET /?token={token} HTTP/1.1\r\nHost: {host}\r\nSec-Fetch-Site: cross-site");
    assert_eq!(send(port, &fetch, b"").status, 403, "a cross-site fetch");
    assert!(get("/", "").body.contains("Geen toegang"), "the refusal says why");

    let ok = get(&format!("/?token={token}"), "");
    assert_eq!(ok.status, 200);
    let head = ok.head.to_ascii_lowercase();
    assert!(
        head.contains(&format!("set-cookie: hs_audit_{port}={token}; path=/; httponly; samesite=strict")),
        "{head}"
    );
    assert!(head.contains("content-security-policy: default-src 'none'; style-src 'nonce-"), "{head}");
    assert!(head.contains("form-action 'self'") && head.contains("img-src data:"), "{head}");
    let by_cookie = get("/", &format!("\r\nCookie: hs_audit_{port}={token}"));
    assert_eq!(by_cookie.status, 200, "the cookie the first page set is enough");
    let localhost = send(port, &format!("GET /?token={token} HTTP/1.1\r\nHost: localhost:{port}"), b"");
    assert_eq!(localhost.status, 200, "localhost:PORT is the same server");
    let template = get(&format!("/template?lang=en&token={token}"), "");
    assert_eq!(template.status, 200);
    assert!(template.body.starts_with("PK"), "the empty template is a workbook");
    let progress = get(&format!("/progress?token={token}&job=0123456789abcdef0123456789abcdef"), "");
    assert_eq!((progress.status, progress.body.as_str()), (200, r#"{"stage":"unknown","bytes":0,"done":0,"total":0}"#));
    assert_eq!(get(&format!("/nothing?token={token}"), "").status, 404);
    let log = server.log();
    assert!(!log.contains(&token), "the token is never logged: {log}");
}

#[test]
fn an_upload_over_the_limit_gets_413_with_a_message() {
    let server = Server::start("en");
    let limit = hs_audit::serve::UPLOAD_LIMIT;
    let head = format!(
        "POST /audit?token={} HTTP/1.1\r\nHost: {}\r\nContent-Type: multipart/form-data; boundary=x",
        server.token,
        server.host()
    );
    // The declared length is over the limit: refused before a byte is stored.
    let answer = crate::serve_server::send_declared(server.port, &head, limit + 1024 * 1024, b"--x\r\n");
    assert_eq!(answer.status, 413, "{}", answer.head);
    assert!(answer.body.contains("too large together: the limit is 200 MB"), "{}", answer.body);
    assert!(server.leftovers().is_empty(), "{:?}", server.leftovers());
}

#[test]
fn a_corrupt_file_gets_the_page_with_its_input_finding() {
    let server = Server::start("en");
    let answer = audit(&server, &[("broken.xlsx", b"this is no workbook".to_vec())], &[("lang", "en")]);
    assert_eq!(answer.status, 200, "{}", answer.head);
    assert!(answer.body.contains("Export broken.xlsx"), "named as uploaded");
    let finding = answer.body.split("<ul class=\"findings\">").nth(1).unwrap_or_default();
    assert!(finding.starts_with("\n<li><span class=\"place\">broken.xlsx</span>: "), "its finding: {}", answer.body);
    assert!(!answer.body.contains(&server.temp.path().display().to_string()), "no temporary path in the page");
    assert!(server.leftovers().is_empty(), "{:?}", server.leftovers());
}

#[test]
fn twenty_checks_at_once_never_mix_and_leave_nothing_behind() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let exports = dir.path().join("exports");
    let generated = hs_audit(
        &["generate", "--locations", "20", "--seed", "11", "--out", &exports.to_string_lossy()],
        Duration::from_secs(300),
    );
    assert_eq!(generated.code, Some(0), "{}", generated.stderr);
    let server = Server::start("nl");
    std::thread::sleep(Duration::from_millis(300));
    let (idle_kb, _) = server.memory_kb();
    let ids: Vec<String> = (1..=20).map(|i| format!("L{i:03}")).collect();
    let started = Instant::now();
    let answers: Vec<(String, crate::serve_server::Answer)> = std::thread::scope(|s| {
        let handles: Vec<_> = ids
            .iter()
            .map(|id| {
                let (server, exports) = (&server, &exports);
                s.spawn(move || {
                    let bytes = read(&exports.join(format!("{id}.xlsx")));
                    (id.clone(), audit(server, &[(&format!("{id}.xlsx"), bytes)], &[("audience", "location")]))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a client thread")).collect()
    });
    let elapsed = started.elapsed();
    let (_, peak_kb) = server.memory_kb();
    for (id, answer) in &answers {
        assert_eq!(answer.status, 200, "{id}: {}", answer.head);
        assert!(answer.body.contains(&format!("Locatie {id}:")), "{id}'s answer shows {id}");
        let text = without_downloads(&answer.body);
        assert!(text.contains(&format!("{id}.xlsx")) && text.contains("<iframe"), "{id}: the report is inline");
        for other in ids.iter().filter(|o| *o != id) {
            assert!(!text.contains(other.as_str()), "{id}'s answer holds {other}");
        }
    }
    eprintln!(
        "serve memory: idle {idle_kb} kB, peak under 20 concurrent audits {peak_kb} kB; 20 audits in {:.1} s",
        elapsed.as_secs_f64()
    );
    assert!(server.leftovers().is_empty(), "after the answers: {:?}", server.leftovers());
    let log = server.log();
    assert!(!log.contains("G-0") && !log.contains(".xlsx"), "no family or file in the log: {log}");
    let (code, temp, _) = server.interrupt();
    assert_eq!(code, Some(0), "Ctrl-C stops the server cleanly");
    let left: Vec<_> = std::fs::read_dir(temp.path())
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "after Ctrl-C: {left:?}");
}

/// The page without its `data:` download links (base64 may spell anything).
fn without_downloads(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    while let Some(i) = rest.find("href=\"data:") {
        out.push_str(&rest[..i]);
        rest = rest[i + 6..].split_once('"').map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

#[test]
fn ctrl_c_during_an_upload_removes_the_temporary_folder() {
    let server = Server::start("nl");
    let demo = read(&root().join("fixtures/demo/demo.xlsx"));
    let (content_type, body) = crate::serve_server::multipart(&[("demo.xlsx", demo)], &[]);
    // Half a request: the upload's folder exists, the answer never comes.
    let head = format!(
        "POST /audit?token={} HTTP/1.1\r\nHost: {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        server.token,
        server.host(),
        body.len()
    );
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", server.port)).expect("the server accepts");
    std::io::Write::write_all(&mut stream, head.as_bytes()).expect("the head");
    std::io::Write::write_all(&mut stream, &body[..body.len() / 2]).expect("half the body");
    std::thread::sleep(Duration::from_millis(500));
    assert!(!server.leftovers().is_empty(), "the upload is under way in its folder");
    let (code, temp, _) = server.interrupt();
    assert_eq!(code, Some(0));
    let left: Vec<_> = std::fs::read_dir(temp.path())
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "after Ctrl-C: {left:?}");
}

#[test]
fn the_csv_files_of_one_export_are_one_export_and_a_wrong_period_is_explained() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("csv");
    let generated = hs_audit(
        &["generate", "--locations", "1", "--format", "csv", "--out", &out.to_string_lossy()],
        Duration::from_secs(120),
    );
    assert_eq!(generated.code, Some(0), "{}", generated.stderr);
    let folder = out.join("L001");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
        .expect("the CSV folder")
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), read(&e.path())))
        .collect();
    files.sort();
    let parts: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let server = Server::start("nl");
    let answer = audit(&server, &parts, &[]);
    assert_eq!(answer.status, 200, "{}", answer.head);
    assert!(answer.body.contains("Export csv") && answer.body.contains("Locatie L001:"), "one export of CSV files");
    assert!(answer.body.contains("id=\"verdict\""), "audited");
    let wrong = audit(&server, &parts, &[("period", "twintig")]);
    assert_eq!(wrong.status, 200);
    assert!(
        wrong.body.contains("class=\"problem\"") && !wrong.body.contains("id=\"verdict\""),
        "the period is explained"
    );
    assert!(server.leftovers().is_empty(), "{:?}", server.leftovers());
}
