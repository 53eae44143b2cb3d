//! The `hs-audit` binary: parse the arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;
use hs_audit::cli::{Cli, Outcome, run};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { Outcome::InputProblem.into() } else { Outcome::Clean.into() };
        }
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    match run(cli, &mut stdout.lock(), &mut stderr.lock()) {
        Ok(outcome) => outcome.into(),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Outcome::Clean.into(),
        Err(e) => {
            eprintln!("hs-audit: {e}");
            Outcome::InputProblem.into()
        }
    }
}
