//! Shell completions and the man page, generated from the same clap
//! definitions as `--help`, with the texts of the catalogue in `--lang`:
//! `hs-audit completions SHELL` and `hs-audit manpage`.

use std::io::{self, Write};

use clap_complete::Shell;
use clap_mangen::Man;

use super::help_text::{MAN_EXAMPLES, localized};
use crate::i18n::Lang;
use crate::report::catalogue::msg;

/// The completion script for `shell`.
pub fn completions(shell: Shell, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = localized(lang);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "hs-audit", &mut script);
    if shell == Shell::Bash {
        script = bash_hyphen_fix(&String::from_utf8_lossy(&script)).into_bytes();
    }
    out.write_all(&script)
}

/// clap_complete (up to 4.6.11 at least) spells the state of a hyphenated
/// program in bash two ways: the loop sets `hs__audit__subcmd__check`, the
/// case arms wait for `hs__subcmd__audit__subcmd__check`, so no option of any
/// command would complete (clap-rs/clap issue 6421). The arms are respelled
/// the loop's way; once clap_complete is fixed this changes nothing.
fn bash_hyphen_fix(script: &str) -> String {
    script.replace("hs__subcmd__audit", "hs__audit")
}

/// One man page, hs-audit(1): the program, then a section per command with
/// its synopsis, description, options and examples.
pub fn manpage(lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let cmd = localized(lang);
    let heading = msg(MAN_EXAMPLES, lang, crate::report::catalogue::NO_ARGS);
    let man = Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    for sub in leaf_commands(&cmd) {
        command_section(sub, &heading, &mut page)?;
    }
    examples(&cmd, &format!(".SH \"{}\"", escape(&heading)), &mut page)?;
    man.render_version_section(&mut page)?;
    out.write_all(once_only(&String::from_utf8_lossy(&page), AQ_PREAMBLE).as_bytes())
}

/// The two lines clap_mangen puts before every section it renders; one set
/// at the top of the page is enough.
const AQ_PREAMBLE: [&str; 2] = [".ie \\n(.g .ds Aq \\(aq", ".el .ds Aq '"];

/// The page with each of `lines` kept at its first occurrence only.
fn once_only(page: &str, lines: [&str; 2]) -> String {
    let mut seen = [false; 2];
    let mut kept = String::with_capacity(page.len());
    for line in page.lines() {
        if let Some(i) = lines.iter().position(|l| *l == line)
            && std::mem::replace(&mut seen[i], true)
        {
            continue;
        }
        kept.push_str(line);
        kept.push('\n');
    }
    kept
}

/// The commands a user runs (`check`, `rules explain`, ...), in help order;
/// hidden ones and `help` left out.
fn leaf_commands(cmd: &clap::Command) -> Vec<&clap::Command> {
    let mut leaves = Vec::new();
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        if sub.has_subcommands() {
            leaves.extend(leaf_commands(sub));
        } else {
            leaves.push(sub);
        }
    }
    leaves
}

/// `.SH "HS-AUDIT CHECK"` and the command's own sections one level down.
fn command_section(sub: &clap::Command, heading: &str, page: &mut Vec<u8>) -> io::Result<()> {
    let name = sub.get_bin_name().unwrap_or_else(|| sub.get_name());
    writeln!(page, ".SH \"{}\"", escape(&name.to_uppercase()))?;
    if let Some(about) = sub.get_about() {
        writeln!(page, "{}", escape(&about.to_string()))?;
    }
    let man = Man::new(sub.clone());
    let mut parts = Vec::new();
    man.render_synopsis_section(&mut parts)?;
    man.render_options_section(&mut parts)?;
    page.extend(demote_sections(&String::from_utf8_lossy(&parts)).into_bytes());
    examples(sub, &format!(".SS \"{}\"", escape(heading)), page)
}

/// `.SH NAME` → `.SS NAME`: a command's sections become subsections.
fn demote_sections(roff: &str) -> String {
    roff.lines().map(|l| l.strip_prefix(".SH ").map_or(l.to_string(), |rest| format!(".SS {rest}")) + "\n").collect()
}

/// The examples below a command's help, verbatim (no filling), under
/// `heading` (their own first line, "Examples:", left out).
fn examples(cmd: &clap::Command, heading: &str, page: &mut Vec<u8>) -> io::Result<()> {
    let Some(text) = cmd.get_after_help().map(|t| t.to_string()) else { return Ok(()) };
    let body = text.split_once('\n').map_or("", |(_, rest)| rest);
    writeln!(page, "{heading}")?;
    writeln!(page, ".nf")?;
    for line in body.trim_start_matches('\n').lines() {
        writeln!(page, "{}", escape(line))?;
    }
    writeln!(page, ".fi")
}

/// Text made safe for roff: backslashes and hyphens escaped, and a line that
/// would start with a control character protected.
fn escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') { format!("\\&{escaped}") } else { escaped }
}
