//! Plausible Dutch places and wordings: the towns locations are named after, the municipalities they serve.

/// A location's town and the 2 to 4 municipalities its families live in
/// (the first is the town's own). Frisian names keep their accents
/// (`Súdwest-Fryslân`), so file encodings matter.
pub struct Region {
    pub town: &'static str,
    pub municipalities: &'static [&'static str],
}

const fn region(town: &'static str, municipalities: &'static [&'static str]) -> Region {
    Region { town, municipalities }
}

pub const REGIONS: &[Region] = &[
    region("Sneek", &["Súdwest-Fryslân", "De Fryske Marren"]),
    region("Amersfoort", &["Amersfoort", "Leusden", "Soest"]),
    region("Apeldoorn", &["Apeldoorn", "Epe", "Voorst"]),
    region("Zwolle", &["Zwolle", "Kampen", "Dalfsen"]),
    region("Dokkum", &["Noardeast-Fryslân", "Dantumadiel", "Achtkarspelen"]),
    region("Deventer", &["Deventer", "Olst-Wijhe", "Raalte"]),
    region("Enschede", &["Enschede", "Haaksbergen", "Losser"]),
    region("Hengelo", &["Hengelo", "Borne", "Hof van Twente"]),
    region("Arnhem", &["Arnhem", "Rheden", "Renkum"]),
    region("Nijmegen", &["Nijmegen", "Berg en Dal", "Heumen", "Wijchen"]),
    region("Bolsward", &["Súdwest-Fryslân", "Harlingen", "Waadhoeke"]),
    region("Ede", &["Ede", "Wageningen", "Renswoude"]),
    region("Utrecht", &["Utrecht", "Stichtse Vecht", "De Bilt"]),
    region("Zeist", &["Zeist", "Bunnik", "Utrechtse Heuvelrug"]),
    region("Gouda", &["Gouda", "Waddinxveen", "Bodegraven-Reeuwijk", "Krimpenerwaard"]),
    region("Leiden", &["Leiden", "Leiderdorp", "Oegstgeest", "Zoeterwoude"]),
    region("Delft", &["Delft", "Midden-Delfland", "Pijnacker-Nootdorp"]),
    region("Dordrecht", &["Dordrecht", "Zwijndrecht", "Papendrecht", "Sliedrecht"]),
    region("Breda", &["Breda", "Etten-Leur", "Oosterhout"]),
    region("Heerenveen", &["Heerenveen", "Súdwest-Fryslân", "Opsterland", "Weststellingwerf"]),
    region("Tilburg", &["Tilburg", "Goirle", "Oisterwijk"]),
    region("Eindhoven", &["Eindhoven", "Veldhoven", "Best", "Son en Breugel"]),
    region("Helmond", &["Helmond", "Laarbeek", "Geldrop-Mierlo"]),
    region("'s-Hertogenbosch", &["'s-Hertogenbosch", "Vught", "Sint-Michielsgestel"]),
    region("Venlo", &["Venlo", "Beesel", "Horst aan de Maas"]),
    region("Roermond", &["Roermond", "Roerdalen", "Leudal"]),
    region("Maastricht", &["Maastricht", "Eijsden-Margraten", "Meerssen", "Valkenburg aan de Geul"]),
    region("Heerlen", &["Heerlen", "Kerkrade", "Landgraaf", "Brunssum"]),
    region("Middelburg", &["Middelburg", "Vlissingen", "Veere"]),
    region("Goes", &["Goes", "Borsele", "Kapelle", "Reimerswaal"]),
    region("Drachten", &["Smallingerland", "Achtkarspelen", "Tytsjerksteradiel"]),
    region("Groningen", &["Groningen", "Westerkwartier", "Het Hogeland"]),
    region("Assen", &["Assen", "Tynaarlo", "Aa en Hunze"]),
    region("Emmen", &["Emmen", "Coevorden", "Borger-Odoorn"]),
    region("Almere", &["Almere", "Zeewolde", "Lelystad"]),
    region("Haarlem", &["Haarlem", "Heemstede", "Zandvoort", "Bloemendaal"]),
    region("Alkmaar", &["Alkmaar", "Heiloo", "Bergen (NH)", "Dijk en Waard"]),
    region("Hoorn", &["Hoorn", "Drechterland", "Koggenland", "Medemblik"]),
    region("Zaanstad", &["Zaanstad", "Wormerland", "Oostzaan"]),
    region("Leeuwarden", &["Leeuwarden", "Tytsjerksteradiel", "Waadhoeke", "Noardeast-Fryslân"]),
    region("Hilversum", &["Hilversum", "Gooise Meren", "Wijdemeren"]),
    region("Amstelveen", &["Amstelveen", "Aalsmeer", "Ouder-Amstel"]),
    region("Zoetermeer", &["Zoetermeer", "Lansingerland"]),
    region("Schiedam", &["Schiedam", "Vlaardingen", "Maassluis"]),
    region("Spijkenisse", &["Nissewaard", "Voorne aan Zee"]),
    region("Gorinchem", &["Gorinchem", "Molenlanden", "West Betuwe"]),
    region("Tiel", &["Tiel", "Buren", "Culemborg", "Neder-Betuwe"]),
    region("Doetinchem", &["Doetinchem", "Oude IJsselstreek", "Montferland", "Bronckhorst"]),
    region("Harderwijk", &["Harderwijk", "Ermelo", "Nunspeet"]),
    region("Meppel", &["Meppel", "Westerveld", "De Wolden", "Staphorst"]),
];

/// Districts that tell apart a second, third, ... location in the same town.
pub const DISTRICTS: &[&str] = &["Noord", "Zuid", "Oost", "West", "Centrum"];

/// Executing organisations; `{}` is the town.
pub const ORGANISATIONS: &[&str] = &[
    "Stichting Welzijn {}",
    "Humanitas afdeling {}",
    "Stichting Home-Start {}",
    "Welzijnsorganisatie {}",
    "Stichting Gezinsondersteuning {}",
    "Vrijwilligerscentrale {}",
];

/// Kinds of referring professional (`verwijzer`).
pub const REFERRERS: &[&str] = &[
    "consultatiebureau",
    "jeugdverpleegkundige",
    "huisarts",
    "wijkteam",
    "verloskundige",
    "kraamzorg",
    "maatschappelijk werk",
    "CJG",
    "school / kinderopvang",
];

/// Reasons support ended after (most of) the usual time.
pub const REASONS_COMPLETED: &[&str] = &[
    "doelen bereikt",
    "doelen bereikt; gezin redt het weer zelf",
    "afgerond volgens plan",
    "gezin kan verder met eigen netwerk",
];

/// Reasons support ended early. Some hold a `;`, a `"` or an accent, so CSV
/// quoting and encodings are exercised.
pub const REASONS_EARLY: &[&str] = &[
    "gezin verhuisd",
    "gezin gestopt op eigen verzoek",
    "doorverwezen naar zwaardere hulp (geïndiceerd)",
    "vrijwilliger gestopt; geen nieuwe koppeling",
    "gezin: \"het gaat nu goed\"",
    "contact verloren",
];

/// Replaces the `{}` in a template.
pub fn fill(template: &str, town: &str) -> String {
    template.replacen("{}", town, 1)
}
