//! What a file-system error means for the reader, and what to do about it, in
//! both languages: for a file that could not be read, and for a file or folder
//! that could not be written.

use std::io::{Error, ErrorKind};
use std::path::Path;

use crate::i18n::Lang;
use crate::report::catalogue::{msg, text};
use crate::results::Text;

/// "cannot read the file: <why>; <what to do>", for a rulebook, profile,
/// waiver or template file.
pub fn cannot_read(e: &Error) -> Text {
    let error = e.to_string();
    let why = match e.kind() {
        ErrorKind::NotFound => "io_read_not_found",
        ErrorKind::PermissionDenied => "io_read_denied",
        ErrorKind::IsADirectory => "io_read_is_folder",
        _ => "io_read_other",
    };
    let why = text(why, &[("error", error.as_str())]);
    Text::new(msg("io_cannot_read", Lang::Nl, &[("why", why.nl)]), msg("io_cannot_read", Lang::En, &[("why", why.en)]))
}

/// "cannot write to <path>: <why>; <what to do>", where `option` is the
/// option that chooses another place (`--out`).
pub fn cannot_write(path: &Path, e: &Error, option: &str) -> Text {
    let shown = crate::ingest::display_path(path).to_string();
    let why = match e.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => "io_write_denied",
        ErrorKind::NotADirectory | ErrorKind::AlreadyExists => "io_write_file_in_the_way",
        ErrorKind::IsADirectory => "io_write_folder_in_the_way",
        ErrorKind::NotFound => "io_write_no_folder",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "io_write_disk_full",
        _ => "io_write_other",
    };
    let why = text(why, &[("error", e.to_string()), ("option", option.to_string())]);
    Text::new(
        msg("io_cannot_write", Lang::Nl, &[("path", shown.clone()), ("why", why.nl)]),
        msg("io_cannot_write", Lang::En, &[("path", shown), ("why", why.en)]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_says_what_to_check() {
        let t = cannot_read(&Error::from(ErrorKind::NotFound));
        assert!(t.get(Lang::Nl).starts_with("kan het bestand niet lezen: het bestand bestaat niet; controleer"));
        assert!(t.get(Lang::En).starts_with("cannot read the file: the file does not exist; check"));
    }

    #[test]
    fn a_folder_that_cannot_be_written_names_the_option() {
        let t = cannot_write(Path::new("rapport"), &Error::from(ErrorKind::PermissionDenied), "--out");
        assert_eq!(
            t.get(Lang::Nl),
            "kan niet schrijven naar rapport: u mag daar niet schrijven; kies een andere plek met --out"
        );
        assert_eq!(
            t.get(Lang::En),
            "cannot write to rapport: you may not write there; choose another place with --out"
        );
    }

    #[test]
    fn an_unforeseen_error_keeps_its_own_words() {
        let t = cannot_write(Path::new("x"), &Error::other("boom"), "--out");
        assert!(t.get(Lang::Nl).contains("boom; kies een andere plek met --out"), "{}", t.get(Lang::Nl));
    }
}
