//! What a file-system error means for the reader, and what to do about it, in
//! both languages: for a file that could not be read, and for a file or folder
//! that could not be written.

use std::io::{Error, ErrorKind};
use std::path::Path;

use crate::results::Text;

/// "cannot read the file: <why>; <what to do>", for a rulebook, profile,
/// waiver or template file.
pub fn cannot_read(e: &Error) -> Text {
    let (nl, en) = match e.kind() {
        ErrorKind::NotFound => (
            "het bestand bestaat niet; controleer de naam en de map (een pad zonder map zoekt in de map waarin u de opdracht geeft)"
                .to_string(),
            "the file does not exist; check its name and folder (a path without a folder looks in the folder you run the command in)"
                .to_string(),
        ),
        ErrorKind::PermissionDenied => (
            "u mag het bestand niet lezen; vraag leesrechten, of kopieer het naar een eigen map".to_string(),
            "you may not read the file; ask for read access, or copy it to a folder of your own".to_string(),
        ),
        ErrorKind::IsADirectory => (
            "dit is een map, geen bestand; geef het pad van het bestand zelf".to_string(),
            "this is a folder, not a file; give the path of the file itself".to_string(),
        ),
        _ => (
            format!("{e}; controleer of het bestand bestaat en te lezen is"),
            format!("{e}; check that the file exists and can be read"),
        ),
    };
    Text::new(format!("kan het bestand niet lezen: {nl}"), format!("cannot read the file: {en}"))
}

/// "cannot write to <path>: <why>; <what to do>", where `option` is the
/// option that chooses another place (`--out`).
pub fn cannot_write(path: &Path, e: &Error, option: &str) -> Text {
    let shown = crate::ingest::display_path(path);
    let (nl, en) = match e.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => (
            format!("u mag daar niet schrijven; kies een andere plek met {option}"),
            format!("you may not write there; choose another place with {option}"),
        ),
        ErrorKind::NotADirectory | ErrorKind::AlreadyExists => (
            format!("er staat een bestand waar een map moet komen; kies een andere naam met {option}"),
            format!("a file stands where a folder should go; choose another name with {option}"),
        ),
        ErrorKind::IsADirectory => (
            format!("er staat al een map met die naam; kies een bestandsnaam met {option}"),
            format!("a folder of that name is already there; choose a file name with {option}"),
        ),
        ErrorKind::NotFound => (
            format!("de map bestaat niet; maak hem eerst, of kies een andere met {option}"),
            format!("the folder does not exist; make it first, or choose another with {option}"),
        ),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => (
            format!("de schijf is vol; maak ruimte vrij, of kies een andere schijf met {option}"),
            format!("the disk is full; free some space, or choose another disk with {option}"),
        ),
        _ => (format!("{e}; kies een andere plek met {option}"), format!("{e}; choose another place with {option}")),
    };
    Text::new(format!("kan niet schrijven naar {shown}: {nl}"), format!("cannot write to {shown}: {en}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

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
