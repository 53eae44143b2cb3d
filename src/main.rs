//! The `hs-audit` binary: parse the arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use hs_audit::cli::usage_error::lang_from_args;
use hs_audit::cli::{Outcome, parse_args, run};

/// A national run makes and frees millions of small values: mimalloc does
/// that faster than the system allocator and returns memory more tightly.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in the `mi_option_e` list of mimalloc 3's
/// `mimalloc.h` (libmimalloc-sys 0.1.49 names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// `mi_option_allow_thp` in the same list.
const MI_OPTION_ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

/// mimalloc 3's own purge delay (`options.c`).
const MI_DEFAULT_PURGE_DELAY_MS: std::ffi::c_long = 1000;

/// A run frees large models and makes new ones: freed memory is kept for
/// them rather than handed back to the system and taken again; and memory
/// comes in ordinary pages, not transparent huge pages (with mimalloc's
/// defaults the kernel's share of a national run varied from 0.05 to 1 s
/// on a busy machine: huge pages made on demand by compacting memory).
/// mimalloc reads these options as it starts, before `main`: so they are
/// set by the loader, as a constructor.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static KEEP_FREED_MEMORY: extern "C" fn() = keep_freed_memory;

#[cfg(target_os = "linux")]
extern "C" fn keep_freed_memory() {
    // SAFETY: sets plain integer options, before any thread runs.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        libmimalloc_sys::mi_option_set(MI_OPTION_ALLOW_THP, 0);
    }
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match parse_args(args.iter().cloned()) {
        Ok(cli) => cli,
        Err(outcome) => return outcome.into(),
    };
    if matches!(cli.command, hs_audit::cli::Command::Serve { .. }) {
        // The web page's server lives long: it hands freed memory back as usual.
        // SAFETY: sets a plain integer option.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, MI_DEFAULT_PURGE_DELAY_MS) };
    }
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
