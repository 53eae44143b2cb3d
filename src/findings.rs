//! Input findings: everything wrong with an export, each naming the place.
//!
//! A finding names the file, and where it applies the sheet and column (by
//! their canonical Dutch names), the row a spreadsheet user sees, and the value.
//! Findings are data; their text in either language comes from `message`.

use serde::Serialize;

use crate::i18n::Lang;

/// What is wrong. Each kind renders its own sentence in Dutch and English.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FindingKind {
    /// The file could not be opened as a spreadsheet (corrupt, truncated...).
    UnreadableFile {
        reason: Why,
    },
    /// The file is password-protected.
    EncryptedFile,
    /// The file is not a spreadsheet nor a folder of CSV files.
    NotASpreadsheet,
    /// A path given on the command line does not exist.
    PathNotFound,
    /// The file is over a reading budget (export-format.md *Limits*); `reason` says which.
    TooLarge {
        reason: Why,
    },
    /// A device, a pipe, a socket, or a link to one: never opened.
    NotARegularFile,
    /// The file's slash dates are month-first (US regional settings): all were read month-first.
    MonthFirstDates,
    /// A slash date that reads either way, in a file showing both orders: not read.
    AmbiguousDate,
    /// The same `locatie_id` in another export: both are audited apart.
    DuplicateLocation {
        location_id: String,
        other_file: String,
    },
    /// A required sheet is missing.
    MissingSheet {
        expected: String,
        aliases: Vec<String>,
    },
    /// Two sheets (or CSV files) map to the same sheet: the first is used.
    DuplicateSheet {
        other: String,
    },
    /// The sheet holds no header row.
    EmptySheet,
    /// A required column (or every column of a one-of group) is missing.
    MissingColumn {
        expected: Vec<String>,
        aliases: Vec<String>,
    },
    /// Two headers map to the same column: the first is used.
    DuplicateColumn {
        header: String,
    },
    /// A column looks like a direct identifier: it is not read.
    PrivacyColumn {
        header: String,
    },
    /// A required cell is empty.
    MissingValue,
    InvalidDate,
    InvalidNumber,
    InvalidInteger,
    InvalidBoolean,
    /// A number outside the column's range.
    OutOfRange {
        min: Option<i64>,
        max: Option<i64>,
    },
    /// A coded value that is not one of the allowed codes.
    UnknownCode {
        allowed: Vec<String>,
    },
    /// A spreadsheet error value such as `#REF!`.
    CellError,
    /// The same id twice.
    DuplicateId {
        first_row: u32,
    },
    /// An id that refers to nothing in the named sheet.
    DanglingReference {
        target_sheet: String,
    },
    /// `einde` lies before `start`.
    EndBeforeStart {
        start: String,
    },
    /// A coordinator with neither `fte` nor `uren_per_week`: counts as 0 fte.
    CoordinatorWithoutHours,
    /// The `locatie` sheet names no location.
    NoLocation,
    /// Several locations in one export, but this sheet has no `locatie_id`.
    LocationColumnNeeded,
}

/// Why a file could not be read: a catalogue key (`io_why_…` in
/// `reports/messages/findings.toml`) and its named arguments. A library's or
/// the system's own words (an error of calamine, of the file system) are
/// passed on as they are, under `io_why_said`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Why {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Why {
    pub fn new(key: &'static str, args: Vec<(&'static str, String)>) -> Why {
        Why { key, args }
    }

    /// A library's or the system's own words.
    pub fn said(text: impl Into<String>) -> Why {
        Why::new("io_why_said", vec![("text", text.into())])
    }

    /// The reason in `lang`, from the catalogue in use.
    pub fn text(&self, lang: Lang) -> String {
        crate::report::catalogue::msg(self.key, lang, &self.args)
    }
}

/// One input finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct InputFinding {
    pub file: String,
    pub sheet: Option<String>,
    pub row: Option<u32>,
    pub column: Option<String>,
    pub value: Option<String>,
    #[serde(flatten)]
    pub kind: FindingKind,
}

impl InputFinding {
    /// A finding about a whole file.
    pub fn file(file: &str, kind: FindingKind) -> Self {
        InputFinding { file: file.to_string(), sheet: None, row: None, column: None, value: None, kind }
    }

    /// A finding about a whole sheet, or a whole column of it.
    pub fn sheet(file: &str, sheet: &str, column: Option<&str>, kind: FindingKind) -> Self {
        InputFinding {
            file: file.to_string(),
            sheet: Some(sheet.to_string()),
            row: None,
            column: column.map(str::to_string),
            value: None,
            kind,
        }
    }

    /// A finding about one cell (or one row, when `column` is `None`).
    pub fn cell(
        file: &str,
        sheet: &str,
        row: u32,
        column: Option<&str>,
        value: Option<&str>,
        kind: FindingKind,
    ) -> Self {
        InputFinding {
            file: file.to_string(),
            sheet: Some(sheet.to_string()),
            row: Some(row),
            column: column.map(str::to_string),
            value: value.map(str::to_string),
            kind,
        }
    }

    /// True when the finding stops a whole file or export from being read:
    /// those make `check` exit 2 (`inspect` exits 2 on any finding).
    pub fn is_fatal(&self) -> bool {
        matches!(
            self.kind,
            FindingKind::UnreadableFile { .. }
                | FindingKind::EncryptedFile
                | FindingKind::NotASpreadsheet
                | FindingKind::PathNotFound
                | FindingKind::TooLarge { .. }
                | FindingKind::NotARegularFile
        )
    }

    /// True for privacy findings (identifying columns that were not read).
    pub fn is_privacy(&self) -> bool {
        matches!(self.kind, FindingKind::PrivacyColumn { .. })
    }

    /// The place, as one line: `file, blad gezinnen, rij 14, kolom start`.
    pub fn place(&self, lang: Lang) -> String {
        let mut parts = vec![self.file.clone()];
        if let Some(s) = &self.sheet {
            parts.push(format!(
                "{} {s}",
                crate::report::catalogue::msg("cli_place_sheet", lang, crate::report::catalogue::NO_ARGS)
            ));
        }
        if let Some(r) = self.row {
            parts.push(format!(
                "{} {r}",
                crate::report::catalogue::msg("cli_place_row", lang, crate::report::catalogue::NO_ARGS)
            ));
        }
        if let Some(c) = &self.column {
            parts.push(format!(
                "{} {c}",
                crate::report::catalogue::msg("cli_place_column", lang, crate::report::catalogue::NO_ARGS)
            ));
        }
        parts.join(", ")
    }

    /// The finding's sentence in the given language (without the place).
    pub fn message(&self, lang: Lang) -> String {
        crate::findings_text::message(self, lang)
    }
}
