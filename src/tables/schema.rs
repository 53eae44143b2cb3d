//! The export contract as data: every sheet, its columns, their types and aliases.
//!
//! This one table feeds the readers, `inspect`, the export template and the
//! handbook, so they cannot disagree about what an export looks like.

use std::sync::OnceLock;

use super::normalize::normalize_name;

/// The kinds of sheet an export can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SheetKind {
    Locatie,
    Coordinatoren,
    Vrijwilligers,
    Gezinnen,
    Contacten,
    Metingen,
}

impl SheetKind {
    pub const ALL: [SheetKind; 6] = [
        SheetKind::Locatie,
        SheetKind::Coordinatoren,
        SheetKind::Vrijwilligers,
        SheetKind::Gezinnen,
        SheetKind::Contacten,
        SheetKind::Metingen,
    ];

    pub fn spec(self) -> &'static SheetSpec {
        match self {
            SheetKind::Locatie => &LOCATIE,
            SheetKind::Coordinatoren => &COORDINATOREN,
            SheetKind::Vrijwilligers => &VRIJWILLIGERS,
            SheetKind::Gezinnen => &GEZINNEN,
            SheetKind::Contacten => &CONTACTEN,
            SheetKind::Metingen => &METINGEN,
        }
    }

    /// The canonical Dutch name, as findings and outputs use it.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// Sheets about people: identifying columns there are a privacy finding.
    pub fn is_about_people(self) -> bool {
        !matches!(self, SheetKind::Locatie)
    }

    /// The columns a sheet may hold: the contract's, plus `locatie_id` where the
    /// contract does not list it itself.
    pub fn known_columns(self) -> Vec<&'static ColumnSpec> {
        let spec = self.spec();
        let location = spec.column("locatie_id").is_none().then_some(&LOCATION_COLUMN);
        spec.columns.iter().chain(location).collect()
    }

    /// The sheet a name stands for: its name or alias, compared the
    /// contract's forgiving way ([`normalize_name`]). The names are
    /// normalized once per run (a national folder names 75,000 files).
    pub fn named(name: &str) -> Option<SheetKind> {
        static NAMES: OnceLock<Vec<(String, String, SheetKind)>> = OnceLock::new();
        let names = NAMES.get_or_init(|| {
            SheetKind::ALL
                .into_iter()
                .map(|k| (normalize_name(k.spec().name), normalize_name(k.spec().alias), k))
                .collect()
        });
        let n = normalize_name(name);
        names.iter().find(|(name, alias, _)| *name == n || *alias == n).map(|(_, _, k)| *k)
    }

    /// The column of this sheet a header stands for (see [`SheetKind::named`]),
    /// among its [`SheetKind::known_columns`].
    pub fn column_named(self, header: &str) -> Option<&'static ColumnSpec> {
        type Names = Vec<(String, String, &'static ColumnSpec)>;
        static NAMES: OnceLock<Vec<(SheetKind, Names)>> = OnceLock::new();
        let all = NAMES.get_or_init(|| {
            SheetKind::ALL
                .into_iter()
                .map(|k| {
                    let names = k.known_columns().into_iter();
                    (k, names.map(|c| (normalize_name(c.name), normalize_name(c.alias), c)).collect())
                })
                .collect()
        });
        let h = normalize_name(header);
        if h.is_empty() {
            return None;
        }
        let names = all.iter().find(|(k, _)| *k == self).map_or(&[][..], |(_, n)| n.as_slice());
        names.iter().find(|(name, alias, _)| *name == h || *alias == h).map(|(_, _, c)| *c)
    }
}

/// The type of a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Text,
    Date,
    /// A decimal number (euro amounts, hours, fte).
    Number,
    /// A whole number, optionally within bounds (both included).
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Bool,
    /// One of a fixed list of codes.
    Code(&'static [CodeSpec]),
}

/// One allowed value of a coded column: canonical Dutch code and English alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeSpec {
    pub code: &'static str,
    pub alias: &'static str,
}

/// Whether a column must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    /// Must be present, and every row must fill it.
    Yes,
    No,
    /// At least one column of the named group must be present.
    OneOf(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    pub name: &'static str,
    pub alias: &'static str,
    pub ty: ColumnType,
    pub required: Required,
    /// The catalogue key of the column's meaning (`reports/messages/template.toml`).
    pub meaning: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetSpec {
    pub kind: SheetKind,
    pub name: &'static str,
    pub alias: &'static str,
    pub required: bool,
    pub columns: &'static [ColumnSpec],
}

impl SheetSpec {
    pub fn column(&self, name: &str) -> Option<&'static ColumnSpec> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// The column every sheet carries in a multi-location export.
pub const LOCATION_COLUMN: ColumnSpec = ColumnSpec {
    name: "locatie_id",
    alias: "location_id",
    ty: ColumnType::Text,
    required: Required::No,
    meaning: "col_any_locatie_id",
};

pub const OPLEIDING_CODES: &[CodeSpec] = &[
    CodeSpec { code: "mbo", alias: "mbo" },
    CodeSpec { code: "hbo", alias: "hbo" },
    CodeSpec { code: "wo", alias: "wo" },
    CodeSpec { code: "overig", alias: "other" },
];

pub const SOORT_CODES: &[CodeSpec] = &[
    CodeSpec { code: "eerste_check", alias: "first_check" },
    CodeSpec { code: "tussenevaluatie", alias: "interim_evaluation" },
    CodeSpec { code: "eindevaluatie", alias: "final_evaluation" },
    CodeSpec { code: "nabespreking_vrijwilliger", alias: "volunteer_debrief" },
    CodeSpec { code: "follow_up", alias: "follow_up" },
];

pub const MOMENT_CODES: &[CodeSpec] = &[
    CodeSpec { code: "start", alias: "start" },
    CodeSpec { code: "tussen", alias: "interim" },
    CodeSpec { code: "eind", alias: "end" },
];

const fn col(
    name: &'static str,
    alias: &'static str,
    ty: ColumnType,
    required: Required,
    meaning: &'static str,
) -> ColumnSpec {
    ColumnSpec { name, alias, ty, required, meaning }
}

use ColumnType::{Bool, Date, Number, Text};
use Required::{No, OneOf, Yes};

const INT: ColumnType = ColumnType::Integer { min: Some(0), max: None };
const SCORE: ColumnType = ColumnType::Integer { min: Some(0), max: Some(5) };

pub static LOCATIE: SheetSpec = SheetSpec {
    kind: SheetKind::Locatie,
    name: "locatie",
    alias: "location",
    required: true,
    columns: &[
        col("locatie_id", "location_id", Text, Yes, "col_locatie_locatie_id"),
        col("naam", "name", Text, Yes, "col_locatie_naam"),
        col("organisatie", "organisation", Text, No, "col_locatie_organisatie"),
        col("licentie_geldig_tot", "licence_valid_until", Date, No, "col_locatie_licentie_geldig_tot"),
        col("kosten", "cost", Number, No, "col_locatie_kosten"),
    ],
};

pub static COORDINATOREN: SheetSpec = SheetSpec {
    kind: SheetKind::Coordinatoren,
    name: "coordinatoren",
    alias: "coordinators",
    required: true,
    columns: &[
        col("coordinator_id", "coordinator_id", Text, Yes, "col_coordinatoren_coordinator_id"),
        col("betaald", "paid", Bool, Yes, "col_coordinatoren_betaald"),
        col("opleiding", "education", ColumnType::Code(OPLEIDING_CODES), Yes, "col_coordinatoren_opleiding"),
        col("uren_per_week", "hours_per_week", Number, OneOf("uren"), "col_coordinatoren_uren_per_week"),
        col("fte", "fte", Number, OneOf("uren"), "col_coordinatoren_fte"),
        col("start", "start", Date, No, "col_coordinatoren_start"),
        col("einde", "end", Date, No, "col_coordinatoren_einde"),
    ],
};

pub static VRIJWILLIGERS: SheetSpec = SheetSpec {
    kind: SheetKind::Vrijwilligers,
    name: "vrijwilligers",
    alias: "volunteers",
    required: true,
    columns: &[
        col("vrijwilliger_id", "volunteer_id", Text, Yes, "col_vrijwilligers_vrijwilliger_id"),
        col("training_afgerond", "training_completed", Date, No, "col_vrijwilligers_training_afgerond"),
        col("start", "start", Date, No, "col_vrijwilligers_start"),
        col("einde", "end", Date, No, "col_vrijwilligers_einde"),
    ],
};

pub static GEZINNEN: SheetSpec = SheetSpec {
    kind: SheetKind::Gezinnen,
    name: "gezinnen",
    alias: "families",
    required: true,
    columns: &[
        col("gezin_id", "family_id", Text, Yes, "col_gezinnen_gezin_id"),
        col("gemeente", "municipality", Text, Yes, "col_gezinnen_gemeente"),
        col("aanmelding", "registered", Date, Yes, "col_gezinnen_aanmelding"),
        col("verwijzer", "referrer", Text, No, "col_gezinnen_verwijzer"),
        col(
            "geboortedatum_jongste",
            "youngest_birth_date",
            Date,
            OneOf("leeftijd"),
            "col_gezinnen_geboortedatum_jongste",
        ),
        col(
            "leeftijd_jongste_maanden",
            "youngest_age_months",
            INT,
            OneOf("leeftijd"),
            "col_gezinnen_leeftijd_jongste_maanden",
        ),
        col("uitgerekende_datum", "due_date", Date, OneOf("leeftijd"), "col_gezinnen_uitgerekende_datum"),
        col("kennismaking", "intake_visit", Date, No, "col_gezinnen_kennismaking"),
        col("koppeling", "match", Date, No, "col_gezinnen_koppeling"),
        col("vrijwilliger_id", "volunteer_id", Text, No, "col_gezinnen_vrijwilliger_id"),
        col("start", "start", Date, No, "col_gezinnen_start"),
        col("einde", "end", Date, No, "col_gezinnen_einde"),
        col("reden_einde", "end_reason", Text, No, "col_gezinnen_reden_einde"),
        col("uren", "hours", Number, No, "col_gezinnen_uren"),
        col("bezoeken", "visits", INT, No, "col_gezinnen_bezoeken"),
        col("bericht_verwijzer_start", "referrer_notified_start", Date, No, "col_gezinnen_bericht_verwijzer_start"),
        col("bericht_verwijzer_einde", "referrer_notified_end", Date, No, "col_gezinnen_bericht_verwijzer_einde"),
    ],
};

pub static CONTACTEN: SheetSpec = SheetSpec {
    kind: SheetKind::Contacten,
    name: "contacten",
    alias: "contacts",
    required: true,
    columns: &[
        col("gezin_id", "family_id", Text, Yes, "col_contacten_gezin_id"),
        col("datum", "date", Date, Yes, "col_contacten_datum"),
        col("soort", "kind", ColumnType::Code(SOORT_CODES), Yes, "col_contacten_soort"),
    ],
};

pub static METINGEN: SheetSpec = SheetSpec {
    kind: SheetKind::Metingen,
    name: "metingen",
    alias: "outcomes",
    required: false,
    columns: &[
        col("gezin_id", "family_id", Text, Yes, "col_metingen_gezin_id"),
        col("moment", "moment", ColumnType::Code(MOMENT_CODES), Yes, "col_metingen_moment"),
        col("datum", "date", Date, No, "col_metingen_datum"),
        col("domein", "domain", Text, Yes, "col_metingen_domein"),
        col("score", "score", SCORE, Yes, "col_metingen_score"),
    ],
};
