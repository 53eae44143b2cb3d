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
                lang.pick(
                    "de browser kon niet geopend worden; open het adres hierboven zelf",
                    "the browser could not be opened; open the address above yourself",
                )
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
            let (nl, en) = match e {
                ServeError::Bind(e) => (
                    format!(
                        "poort {port} kan niet gebruikt worden ({e}); kies een andere met --port, of --port 0 voor een vrije"
                    ),
                    format!("port {port} cannot be used ({e}); choose another with --port, or --port 0 for a free one"),
                ),
                ServeError::Temp(e) => (
                    format!("de tijdelijke map kon niet gemaakt worden ({e}); controleer de ruimte op de schijf"),
                    format!("the temporary folder could not be made ({e}); check the space on the disk"),
                ),
                ServeError::Runtime(e) => {
                    (format!("de server kon niet starten ({e})"), format!("the server could not start ({e})"))
                }
            };
            writeln!(err, "hs-audit: {}", lang.pick(&nl, &en))?;
            Ok(Outcome::InputProblem)
        }
    }
}
