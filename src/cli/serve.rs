//! `hs-audit serve`: starts the local web page (src/serve/) and prints its
//! address; exit 0 after Ctrl-C, 2 when it cannot start.

use std::io::Write;

use super::Outcome;
use crate::i18n::Lang;
use crate::serve::{Event, ServeError, ServeOptions, TEMP_ENV};

pub fn run(
    port: u16,
    open_browser: bool,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let temp_parent = std::env::var_os(TEMP_ENV).map(std::path::PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let opts = ServeOptions { port, open_browser, lang, temp_parent };
    let mut written = Ok(());
    let result = crate::serve::run(&opts, &mut |event| {
        let w = match event {
            Event::Started(url) => writeln!(out, "{url}").and_then(|_| out.flush()),
            Event::OpenFailed => writeln!(
                err,
                "hs-audit: {}",
                crate::report::catalogue::msg("cli_browser_not_opened", lang, crate::report::catalogue::NO_ARGS)
            ),
            Event::Log(line) => writeln!(err, "hs-audit serve: {line}"),
        };
        if written.is_ok() {
            written = w;
        }
    });
    written?;
    match result {
        Ok(()) => Ok(Outcome::Clean),
        Err(e) => {
            let (key, error) = match e {
                ServeError::Bind(e) => ("cli_serve_port_in_use", e.to_string()),
                ServeError::Temp(e) => ("cli_serve_no_temp_folder", e.to_string()),
                ServeError::Runtime(e) => ("cli_serve_cannot_start", e.to_string()),
            };
            let args = [("port", port.to_string()), ("error", error)];
            writeln!(err, "hs-audit: {}", crate::report::catalogue::msg(key, lang, &args))?;
            Ok(Outcome::InputProblem)
        }
    }
}
