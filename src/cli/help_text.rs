//! The help a reader sees, in their language: `--help` of the program and of
//! every command, the man page and the descriptions in the shell
//! completions. The clap definitions (`args.rs`) give the tree; every text on
//! it is set here from the catalogue (`reports/messages/help.toml`), under a
//! key made of the command's path: `help_check_about`, `help_check_after`,
//! `help_check_period` (the root is `help`). Clap's own words (the headings,
//! `Usage`, `[default: ]`, the placeholders such as `<FILE>`, `--help`,
//! `--version`, the `help` command) are catalogue texts too; what stays is
//! what is typed (command and option names, values); clap's `[OPTIONS]` in
//! the usage line is the catalogue's `help_options_usage`.

use std::collections::BTreeSet;

use clap::{Arg, Command, CommandFactory};

use super::Cli;
use crate::i18n::Lang;
use crate::report::catalogue::with_current;

/// A catalogue text by key with its named arguments.
type Texts<'a> = dyn FnMut(&str, &[(&str, String)]) -> String + 'a;

/// The command tree, built, with every text in `lang` from the catalogue in
/// use (a test's pseudo-locale too).
pub fn localized(lang: Lang) -> Command {
    with_current(|c| localize_with(&mut |key, args| c.fill(key, lang, args)))
}

/// The heading of the examples in the man page.
pub const MAN_EXAMPLES: &str = "help_man_examples";

/// Every catalogue key the tree (and the man page) asks for.
pub fn keys_asked() -> BTreeSet<String> {
    let mut keys = BTreeSet::from([MAN_EXAMPLES.to_string()]);
    localize_with(&mut |key, _| {
        keys.insert(key.to_string());
        String::new()
    });
    keys
}

/// The tree with the texts of `t`: the commands and arguments of the
/// definitions first (so that clap's copies of them under `help` have them
/// too), then what clap adds when it builds the tree.
fn localize_with(t: &mut Texts) -> Command {
    let mut cmd = command_texts(Cli::command(), &[], t);
    cmd.build();
    clap_own(cmd, t)
}

/// `help` for the root, `help_rules_list` for `hs-audit rules list`.
fn key_base(path: &[String]) -> String {
    std::iter::once("help".to_string()).chain(path.iter().map(|p| p.replace('-', "_"))).collect::<Vec<_>>().join("_")
}

fn command_texts(cmd: Command, path: &[String], t: &mut Texts) -> Command {
    let base = key_base(path);
    let usage = t("help_usage", &[]);
    let style = cmd.get_styles().get_usage();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{style}{usage}:{style:#} {{usage}}\n\n{{all-args}}{{after-help}}"
    );
    let mut cmd = cmd
        .about(t(&format!("{base}_about"), &[]))
        .after_help(t(&format!("{base}_after"), &[]))
        .help_template(template)
        .subcommand_help_heading(t("help_heading_commands", &[]))
        .subcommand_value_name(t("help_command_placeholder", &[]));
    cmd = if path.is_empty() { cmd.long_about(t("help_long_about", &[])) } else { cmd.long_about(None) };
    cmd = cmd.mut_args(|a| arg_texts(a, &base, t));
    cmd.mut_subcommands(|sub| {
        let mut sub_path = path.to_vec();
        sub_path.push(sub.get_name().to_string());
        command_texts(sub, &sub_path, t)
    })
}

/// An argument's help, its default and its values (clap's own `[default: ]`
/// and `[possible values: ]` hidden), under a heading of the catalogue.
fn arg_texts(a: Arg, base: &str, t: &mut Texts) -> Arg {
    let id = a.get_id().as_str().to_string();
    let mut help = t(&format!("{base}_{id}"), &[]);
    let takes_values = a.get_action().takes_values();
    if takes_values {
        let delimiter = a.get_value_delimiter().map_or(" ".to_string(), String::from);
        let defaults: Vec<String> = a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        if !defaults.is_empty() {
            help = format!("{help} {}", t("help_default", &[("value", defaults.join(&delimiter))]));
        }
        let values: Vec<String> =
            a.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
        if !values.is_empty() {
            help = format!("{help} {}", t("help_values", &[("list", values.join(", "))]));
        }
    }
    let a = if takes_values {
        let names: Vec<String> = a
            .get_value_names()
            .map_or_else(|| vec![id.to_uppercase()], |names| names.iter().map(|n| n.to_string()).collect());
        let local: Vec<String> = names.iter().map(|n| t(&placeholder_key(n), &[])).collect();
        a.value_names(local)
    } else {
        a
    };
    let heading = match a.get_help_heading() {
        Some(h) => t(&format!("help_heading_{}", h.to_lowercase()), &[]),
        None if a.is_positional() => t("help_heading_arguments", &[]),
        None => t("help_heading_options", &[]),
    };
    a.help(help)
        .long_help(None)
        .hide_default_value(takes_values)
        .hide_possible_values(takes_values)
        .help_heading(heading)
}

/// The key of a value's placeholder as the definitions name it:
/// `FILE` → `help_placeholder_file`, `YYYY-MM-DD` → `help_placeholder_yyyy_mm_dd`.
pub fn placeholder_key(name: &str) -> String {
    let name: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    format!("help_placeholder_{name}")
}

/// What clap adds when it builds: `--help` and `--version` of every command
/// and the `help` command (with its copies of the others).
fn clap_own(cmd: Command, t: &mut Texts) -> Command {
    let mut cmd = if cmd.get_name() == "help" { cmd.about(t("help_help_about", &[])).long_about(None) } else { cmd };
    // The usage line as clap makes it, with its `[OPTIONS]` in the reader's language.
    let rendered = cmd.render_usage().to_string();
    let usage = rendered.split_once(": ").map_or(rendered.as_str(), |(_, u)| u).trim_end().to_string();
    let cmd = cmd.override_usage(usage.replace("[OPTIONS]", &t("help_options_usage", &[])));
    let cmd = cmd.mut_args(|a| match a.get_id().as_str() {
        "help" => a.help(t("help_flag_help", &[])).long_help(None).help_heading(t("help_heading_options", &[])),
        "version" => a.help(t("help_flag_version", &[])).long_help(None).help_heading(t("help_heading_options", &[])),
        _ => a,
    });
    cmd.mut_subcommands(|sub| clap_own(sub, t))
}
