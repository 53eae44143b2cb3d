//! Helpers shared by the integration tests: paths and running the binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `fixtures/corpus/<name>`: the vendored public corpora (with their licences).
pub fn corpus(name: &str) -> PathBuf {
    root().join("fixtures").join("corpus").join(name)
}

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

/// Runs `hs-audit` with the arguments, from the project root, killing it
/// after `limit` (a hang then shows as `code: None`).
pub fn hs_audit(args: &[&str], limit: Duration) -> Run {
    hs_audit_in(&root(), args, limit)
}

/// As [`hs_audit`], from the given working folder.
pub fn hs_audit_in(dir: &Path, args: &[&str], limit: Duration) -> Run {
    // HS_AUDIT_BIN: another build of the binary (a target folder shared by
    // several worktrees may hold someone else's `hs-audit` at the usual path).
    let mut command = Command::new(bin());
    command.args(args);
    run(command, dir, limit)
}

/// As [`hs_audit_in`], under an address-space cap of `kb` KB (`ulimit -v`): a run asking more ends instead of
/// eating the machine, and the test fails.
pub fn hs_audit_capped(dir: &Path, kb: u64, args: &[&str], limit: Duration) -> Run {
    let mut command = Command::new("sh");
    command.arg("-c").arg(format!("ulimit -v {kb}; exec \"$0\" \"$@\"")).arg(bin()).args(args);
    run(command, dir, limit)
}

/// The binary under test.
fn bin() -> std::ffi::OsString {
    std::env::var_os("HS_AUDIT_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_hs-audit").into())
}

fn run(mut command: Command, dir: &Path, limit: Duration) -> Run {
    let start = Instant::now();
    let mut child = command
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the hs-audit binary starts");
    // Read both pipes while waiting, so a talkative child never blocks on a full pipe.
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let code = loop {
        if let Some(status) = child.try_wait().expect("waiting on hs-audit") {
            break status.code();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = start.elapsed();
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    Run { code, stdout, stderr, elapsed }
}

fn drain<R: std::io::Read + Send + 'static>(pipe: Option<R>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut p) = pipe {
            let _ = p.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Every file directly in a folder, sorted.
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{} must exist: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Copies a file or a folder (one level of files) into `to`.
pub fn copy_into(from: &Path, to: &Path) {
    let name = from.file_name().expect("a named path");
    if from.is_dir() {
        let target = to.join(name);
        std::fs::create_dir_all(&target).expect("creating the copy's folder");
        for f in files_in(from) {
            std::fs::copy(&f, target.join(f.file_name().expect("a file name"))).expect("copying a file");
        }
    } else {
        std::fs::copy(from, to.join(name)).expect("copying a file");
    }
}
