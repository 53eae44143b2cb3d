//! Identifying columns: headers that look like names, addresses, postcodes,
//! phone numbers, e-mail addresses or BSN in the sheets about people.
//!
//! Such a column is reported (the column, never a value) and never read.

use super::normalize::normalize_name;

/// Parts of a normalised header that mark a direct identifier.
pub const IDENTIFYING_PARTS: &[&str] = &[
    "naam",
    "name",
    "adres",
    "address",
    "straat",
    "street",
    "huisnummer",
    "housenumber",
    "postcode",
    "postalcode",
    "zipcode",
    "telefoon",
    "phone",
    "mobiel",
    "mobile",
    "gsm",
    "email",
    "mail",
    "bsn",
    "burgerservicenummer",
    "socialsecurity",
];

/// Whole normalised headers that mark a direct identifier but are too short
/// to look for inside other words.
pub const IDENTIFYING_WHOLE: &[&str] = &["tel", "telnr", "zip", "adr", "woonadres"];

/// True when a header (as the file spells it) looks like a direct identifier.
pub fn is_identifying(header: &str) -> bool {
    let h = normalize_name(header);
    IDENTIFYING_WHOLE.contains(&h.as_str()) || IDENTIFYING_PARTS.iter().any(|p| h.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_identifiers() {
        for h in [
            "Naam moeder",
            "Achternaam",
            "voornaam",
            "First name",
            "Adres",
            "E-mailadres",
            "Postcode",
            "Telefoon",
            "Tel",
            "Mobiel nummer",
            "E-mail",
            "BSN",
            "Burgerservicenummer",
            "Straat",
        ] {
            assert!(is_identifying(h), "{h}");
        }
    }

    #[test]
    fn leaves_contract_columns_alone() {
        for h in [
            "gezin_id",
            "gemeente",
            "aanmelding",
            "verwijzer",
            "geboortedatum_jongste",
            "leeftijd_jongste_maanden",
            "uitgerekende_datum",
            "kennismaking",
            "koppeling",
            "vrijwilliger_id",
            "start",
            "einde",
            "reden_einde",
            "uren",
            "bezoeken",
            "bericht_verwijzer_start",
            "bericht_verwijzer_einde",
            "datum",
            "soort",
            "training_afgerond",
            "betaald",
            "opleiding",
            "uren_per_week",
            "fte",
            "coordinator_id",
            "moment",
            "domein",
            "score",
            "locatie_id",
            "opmerking",
        ] {
            assert!(!is_identifying(h), "{h}");
        }
    }
}
