//! The `hs-audit` binary: parse the arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use hs_audit::cli::usage_error::lang_from_args;
use hs_audit::cli::{Outcome, parse_args, run};

/// A national run makes and frees millions of small values: mimalloc does
/// that faster than the system allocator and returns memory more tightly.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match parse_args(args.iter().cloned()) {
        Ok(cli) => cli,
        Err(outcome) => return outcome.into(),
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    match run(cli, &mut stdout.lock(), &mut stderr.lock()) {
        Ok(outcome) => outcome.into(),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Outcome::Clean.into(),
        Err(e) => {
            let lang = lang_from_args(&args);
            eprintln!(
                "hs-audit: {}",
                hs_audit::report::catalogue::msg("cli_writing_failed", lang, &[("error", e.to_string())])
            );
            Outcome::InputProblem.into()
        }
    }
}
