//! The export contract as data: every sheet, its columns, their types and aliases.
//!
//! This one table feeds the readers, `inspect`, the export template and the
//! handbook, so they cannot disagree about what an export looks like.

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
    /// English meaning (the Dutch one lives in the message catalogue).
    pub meaning_en: &'static str,
    pub meaning_nl: &'static str,
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
    meaning_en: "stable id of the location",
    meaning_nl: "vaste id van de locatie",
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
    meaning_nl: &'static str,
    meaning_en: &'static str,
) -> ColumnSpec {
    ColumnSpec { name, alias, ty, required, meaning_en, meaning_nl }
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
        col("locatie_id", "location_id", Text, Yes, "vaste id van de locatie", "stable id of the location"),
        col("naam", "name", Text, Yes, "weergavenaam", "display name"),
        col("organisatie", "organisation", Text, No, "uitvoerende organisatie", "executing organisation"),
        col(
            "licentie_geldig_tot",
            "licence_valid_until",
            Date,
            No,
            "einde van de Home-Start-licentie",
            "end of the Home-Start licence",
        ),
        col(
            "kosten",
            "cost",
            Number,
            No,
            "gerealiseerde kosten over de periode (euro)",
            "realised cost over the period (euro)",
        ),
    ],
};

pub static COORDINATOREN: SheetSpec = SheetSpec {
    kind: SheetKind::Coordinatoren,
    name: "coordinatoren",
    alias: "coordinators",
    required: true,
    columns: &[
        col("coordinator_id", "coordinator_id", Text, Yes, "pseudonieme id", "pseudonymous id"),
        col(
            "betaald",
            "paid",
            Bool,
            Yes,
            "betaald in dienst (vrijwilligers tellen niet)",
            "paid employee (volunteers do not count)",
        ),
        col(
            "opleiding",
            "education",
            ColumnType::Code(OPLEIDING_CODES),
            Yes,
            "hoogst afgeronde opleiding",
            "highest education",
        ),
        col("uren_per_week", "hours_per_week", Number, OneOf("uren"), "contracturen per week", "contract hours"),
        col(
            "fte",
            "fte",
            Number,
            OneOf("uren"),
            "1 fte = 36 uur (parameter van het regelboek)",
            "1 fte = 36 hours (rulebook parameter)",
        ),
        col("start", "start", Date, No, "in dienst vanaf", "employed from"),
        col("einde", "end", Date, No, "in dienst tot en met", "employed until"),
    ],
};

pub static VRIJWILLIGERS: SheetSpec = SheetSpec {
    kind: SheetKind::Vrijwilligers,
    name: "vrijwilligers",
    alias: "volunteers",
    required: true,
    columns: &[
        col("vrijwilliger_id", "volunteer_id", Text, Yes, "pseudonieme id", "pseudonymous id"),
        col(
            "training_afgerond",
            "training_completed",
            Date,
            No,
            "basistraining afgerond op; leeg = niet getraind",
            "basic training completed on; empty = not trained",
        ),
        col("start", "start", Date, No, "actief vanaf", "active from"),
        col("einde", "end", Date, No, "actief tot en met", "active until"),
    ],
};

pub static GEZINNEN: SheetSpec = SheetSpec {
    kind: SheetKind::Gezinnen,
    name: "gezinnen",
    alias: "families",
    required: true,
    columns: &[
        col(
            "gezin_id",
            "family_id",
            Text,
            Yes,
            "pseudonieme id, uniek binnen de locatie",
            "pseudonymous id, unique within the location",
        ),
        col("gemeente", "municipality", Text, Yes, "gemeente waar het gezin woont", "municipality the family lives in"),
        col("aanmelding", "registered", Date, Yes, "datum van aanmelding", "date of registration"),
        col(
            "verwijzer",
            "referrer",
            Text,
            No,
            "soort verwijzende professional; leeg = zelf aangemeld",
            "kind of referring professional; empty = self-referred",
        ),
        col(
            "geboortedatum_jongste",
            "youngest_birth_date",
            Date,
            OneOf("leeftijd"),
            "geboortedatum van het jongste kind",
            "birth date of the youngest child",
        ),
        col(
            "leeftijd_jongste_maanden",
            "youngest_age_months",
            INT,
            OneOf("leeftijd"),
            "leeftijd van het jongste kind bij aanmelding, in hele maanden",
            "age of the youngest child at registration, in whole months",
        ),
        col(
            "uitgerekende_datum",
            "due_date",
            Date,
            OneOf("leeftijd"),
            "uitgerekende datum, bij aanmelding tijdens de zwangerschap",
            "due date, when the family registered during pregnancy",
        ),
        col(
            "kennismaking",
            "intake_visit",
            Date,
            No,
            "kennismakingshuisbezoek door de coördinator",
            "coordinator's intake home visit",
        ),
        col(
            "koppeling",
            "match",
            Date,
            No,
            "kennismaking van gezin en vrijwilliger",
            "introduction of family and volunteer",
        ),
        col("vrijwilliger_id", "volunteer_id", Text, No, "de gekoppelde vrijwilliger", "the matched volunteer"),
        col(
            "start",
            "start",
            Date,
            No,
            "eerste wekelijkse bezoek; leeg = steun niet gestart",
            "first weekly visit; empty = support not started",
        ),
        col("einde", "end", Date, No, "afsluiting; leeg = loopt nog", "closure; empty = still running"),
        col("reden_einde", "end_reason", Text, No, "waarom de steun eindigde", "why support ended"),
        col(
            "uren",
            "hours",
            Number,
            No,
            "uren steun door de vrijwilliger binnen de periode",
            "volunteer support hours delivered within the period",
        ),
        col(
            "bezoeken",
            "visits",
            INT,
            No,
            "bezoeken van de vrijwilliger binnen de periode",
            "volunteer visits within the period",
        ),
        col(
            "bericht_verwijzer_start",
            "referrer_notified_start",
            Date,
            No,
            "verwijzer bericht dat de steun begon",
            "referrer told that support started",
        ),
        col(
            "bericht_verwijzer_einde",
            "referrer_notified_end",
            Date,
            No,
            "verwijzer bericht dat de steun eindigde",
            "referrer told that support ended",
        ),
    ],
};

pub static CONTACTEN: SheetSpec = SheetSpec {
    kind: SheetKind::Contacten,
    name: "contacten",
    alias: "contacts",
    required: true,
    columns: &[
        col("gezin_id", "family_id", Text, Yes, "het traject", "the trajectory"),
        col("datum", "date", Date, Yes, "wanneer het gebeurde", "when it happened"),
        col("soort", "kind", ColumnType::Code(SOORT_CODES), Yes, "wat er gebeurde", "what happened"),
    ],
};

pub static METINGEN: SheetSpec = SheetSpec {
    kind: SheetKind::Metingen,
    name: "metingen",
    alias: "outcomes",
    required: false,
    columns: &[
        col("gezin_id", "family_id", Text, Yes, "het traject", "the trajectory"),
        col("moment", "moment", ColumnType::Code(MOMENT_CODES), Yes, "meetmoment", "measuring moment"),
        col("datum", "date", Date, No, "datum van de meting", "date of the measurement"),
        col(
            "domein",
            "domain",
            Text,
            Yes,
            "bijv. opvoeding, welzijn_ouder, welzijn_kind, gezinsmanagement",
            "e.g. opvoeding, welzijn_ouder, welzijn_kind, gezinsmanagement",
        ),
        col(
            "score",
            "score",
            SCORE,
            Yes,
            "0 = redt het niet, 5 = redt het heel goed",
            "0 = not coping, 5 = coping very well",
        ),
    ],
};
