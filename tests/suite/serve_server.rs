//! A running `hs-audit serve` for the tests: started on a free port with its
//! own temporary folder, its printed address parsed, its log collected, and
//! stopped with SIGINT (as Ctrl-C does). Plus a tiny HTTP/1.1 client on a
//! plain TcpStream, so the tests need no HTTP crate.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub struct Server {
    child: Child,
    pub url: String,
    pub port: u16,
    pub token: String,
    pub temp: tempfile::TempDir,
    log: Arc<Mutex<String>>,
}

impl Server {
    pub fn start(lang: &str) -> Server {
        let temp = tempfile::tempdir().expect("a temporary folder");
        let mut child = Command::new(binary())
            .args(["serve", "--port", "0", "--no-open", "--lang", lang])
            .env("HS_AUDIT_SERVE_TMP", temp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("hs-audit serve starts");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("its standard output");
        BufReader::new(stdout).read_line(&mut line).expect("the address line");
        let url = line.trim().to_string();
        let rest = url.strip_prefix("http://127.0.0.1:").unwrap_or_else(|| panic!("printed: {url:?}"));
        let (port, token) = rest.split_once("/?token=").unwrap_or_else(|| panic!("printed: {url:?}"));
        let (port, token): (u16, String) = (port.parse().expect("a port"), token.to_string());
        assert!(token.len() >= 32 && token.bytes().all(|b| b.is_ascii_hexdigit()), "token of >= 128 bits: {token}");
        let log = Arc::new(Mutex::new(String::new()));
        let sink = log.clone();
        let stderr = child.stderr.take().expect("its standard error");
        std::thread::spawn(move || {
            for l in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Ok(mut s) = sink.lock() {
                    s.push_str(&l);
                    s.push('\n');
                }
            }
        });
        Server { url, port, token, temp, child, log }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn log(&self) -> String {
        self.log.lock().map(|s| s.clone()).unwrap_or_default()
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// What is left in the server's temporary folder: paths of files and
    /// folders below its own root folder.
    pub fn leftovers(&self) -> Vec<PathBuf> {
        let mut left = Vec::new();
        let Ok(roots) = std::fs::read_dir(self.temp.path()) else { return left };
        for root in roots.filter_map(Result::ok) {
            if let Ok(inside) = std::fs::read_dir(root.path()) {
                left.extend(inside.filter_map(Result::ok).map(|e| e.path()));
            }
        }
        left
    }

    /// Sends SIGINT and waits for the exit status.
    pub fn interrupt(mut self) -> (Option<i32>, tempfile::TempDir, String) {
        let _ = Command::new("kill").args(["-INT", &self.child.id().to_string()]).status();
        let mut code = None;
        for _ in 0..200 {
            if let Ok(Some(status)) = self.child.try_wait() {
                code = status.code();
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::thread::sleep(Duration::from_millis(100));
        let log = self.log();
        let temp = tempfile::tempdir().expect("a placeholder");
        (code, std::mem::replace(&mut self.temp, temp), log)
    }

    /// The server's memory now and at its peak, in kB (Linux only).
    pub fn memory_kb(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }
}

/// The binary under test; `HS_AUDIT_BIN` may name a copy (a shared target
/// folder's binary can be rebuilt by another branch while tests run).
fn binary() -> PathBuf {
    std::env::var_os("HS_AUDIT_BIN").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_hs-audit")))
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP answer.
pub struct Answer {
    pub status: u16,
    pub head: String,
    pub body: String,
}

/// Sends `head` (request line and headers, without the blank line) and
/// `body` to the server; reads the whole answer (the server closes).
pub fn send(port: u16, head: &str, body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the server accepts");
    stream.set_read_timeout(Some(Duration::from_secs(300))).expect("a timeout");
    let request = format!("{head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
    stream.write_all(request.as_bytes()).expect("sending the head");
    // The server may answer (413) before the body is all sent.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Answer { status, head: head.to_string(), body: body.to_string() }
}

/// Sends `head` declaring a body of `declared` bytes, but only `body`.
pub fn send_declared(port: u16, head: &str, declared: u64, body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the server accepts");
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("a timeout");
    let request = format!("{head}\r\nContent-Length: {declared}\r\n\r\n");
    stream.write_all(request.as_bytes()).expect("sending the head");
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    // Read until the answer is complete (the connection stays open for the rest of the body).
    while let Ok(n) = stream.read(&mut buf) {
        if n == 0 {
            break;
        }
        raw.extend(&buf[..n]);
        let text = String::from_utf8_lossy(&raw);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let len = head.lines().find_map(|l| {
                l.to_ascii_lowercase().strip_prefix("content-length: ").and_then(|v| v.trim().parse::<usize>().ok())
            });
            if len.is_some_and(|len| body.len() >= len) {
                break;
            }
        }
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Answer { status, head: head.to_string(), body: body.to_string() }
}

/// A multipart/form-data body: `files` as (name, bytes) in `file` parts,
/// `fields` as text parts. Returns (content type, body).
pub fn multipart(files: &[(&str, Vec<u8>)], fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "----hs-audit-test-boundary-7d1f";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    for (name, bytes) in files {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// POSTs files to `/audit` with the token and right Host.
pub fn audit(server: &Server, files: &[(&str, Vec<u8>)], fields: &[(&str, &str)]) -> Answer {
    let (content_type, body) = multipart(files, fields);
    let head = format!(
        "POST /audit?token={} HTTP/1.1\r\nHost: {}\r\nContent-Type: {content_type}",
        server.token,
        server.host()
    );
    send(server.port, &head, &body)
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
