//! Shapes at national scale, for correctness only (their speed is measured by
//! `benches/run.sh`, never here): 20,000 locations of one family each in one
//! export, and 40,000 rows with an unreadable cell in every row. The results
//! must be complete and the same as for a small run of the same records.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use crate::support::hs_audit;

/// A hang guard, not a timing: debug builds on a busy machine are slow.
const LIMIT: Duration = Duration::from_secs(1800);

const GEZINNEN_HEADER: &str = "gezin_id;gemeente;aanmelding;verwijzer;geboortedatum_jongste;\
leeftijd_jongste_maanden;uitgerekende_datum;kennismaking;koppeling;vrijwilliger_id;start;einde;\
reden_einde;uren;bezoeken;bericht_verwijzer_start;bericht_verwijzer_einde";

/// One combined CSV export of `n` locations, each with one coordinator, one
/// volunteer and one family with its contacts: the same records everywhere
/// but the location id.
fn one_family_each(dir: &Path, n: usize) {
    let mut files: BTreeMap<&str, String> = BTreeMap::new();
    files.insert("locatie", "locatie_id;naam;organisatie;licentie_geldig_tot;kosten\n".into());
    files.insert("coordinatoren", "locatie_id;coordinator_id;betaald;opleiding;uren_per_week;fte;start;einde\n".into());
    files.insert("vrijwilligers", "locatie_id;vrijwilliger_id;training_afgerond;start;einde\n".into());
    files.insert("gezinnen", format!("locatie_id;{GEZINNEN_HEADER}\n"));
    files.insert("contacten", "locatie_id;gezin_id;datum;soort\n".into());
    for i in 1..=n {
        let id = format!("L{i:05}");
        let mut add = |sheet: &str, line: String| {
            if let Some(text) = files.get_mut(sheet) {
                let _ = writeln!(text, "{id};{line}");
            }
        };
        add("locatie", "Home-Start Test;Stichting Test;31-12-2028;56500".into());
        add("coordinatoren", "C-01;ja;hbo;;0,6;01-01-2020;".into());
        add("vrijwilligers", "V-001;01-02-2020;01-01-2020;".into());
        add(
            "gezinnen",
            "G-0001;Leiden;01-02-2026;school;15-03-2023;;;10-02-2026;20-02-2026;V-001;01-03-2026;;;40;20;05-03-2026;"
                .into(),
        );
        add("contacten", "G-0001;01-04-2026;eerste_check".into());
        add("contacten", "G-0001;15-06-2026;tussenevaluatie".into());
    }
    std::fs::create_dir_all(dir).expect("data folder");
    for (sheet, text) in files {
        std::fs::write(dir.join(format!("{sheet}.csv")), text).expect("csv written");
    }
}

fn check_json(data: &Path, out: &Path) -> Value {
    let (data, out) = (data.to_str().expect("utf-8 path"), out.to_str().expect("utf-8 path"));
    let run = hs_audit(&["check", data, "--period", "2026", "--format", "json", "--out", out, "--lang", "en"], LIMIT);
    assert!(matches!(run.code, Some(0 | 1)), "check ran: {run:?}");
    let text = std::fs::read_to_string(Path::new(out).join("results.json")).expect("results.json");
    serde_json::from_str(&text).expect("results.json is JSON")
}

fn array<'v>(json: &'v Value, key: &str) -> &'v Vec<Value> {
    json[key].as_array().unwrap_or_else(|| panic!("{key} is an array"))
}

/// Per rule, the outcome counts of one location's summary rows.
fn counts_of(json: &Value, location: &str) -> BTreeMap<String, Value> {
    array(json, "summary")
        .iter()
        .filter(|s| s["location_id"] == location)
        .map(|s| {
            let mut counts = s.clone();
            if let Some(m) = counts.as_object_mut() {
                m.remove("location_id");
            }
            (s["rule_id"].as_str().unwrap_or("").to_string(), counts)
        })
        .collect()
}

#[test]
fn twenty_thousand_locations_of_one_family_each_give_every_location_its_own_complete_results() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (one, many) = (dir.path().join("one"), dir.path().join("many"));
    one_family_each(&one, 1);
    one_family_each(&many, 20_000);
    let small = check_json(&one, &dir.path().join("out-one"));
    let big = check_json(&many, &dir.path().join("out-many"));

    let expected = counts_of(&small, "L00001");
    assert_eq!(expected.len(), 20, "every rule has a summary row");
    let locations = array(&big, "locations");
    assert_eq!(locations.len(), 20_000, "every location is listed");
    assert_eq!(array(&big, "summary").len(), 20_000 * 20, "a summary row per location and rule");
    assert!(array(&big, "input_findings").is_empty(), "clean input");

    // Every location: the same figures and outcome counts as the run of one.
    let figures = &array(&small, "locations")[0]["metrics"];
    assert_eq!(figures["families"], 1, "{figures}");
    let mut summary: BTreeMap<&str, BTreeMap<String, Value>> = BTreeMap::new();
    for s in array(&big, "summary") {
        let mut counts = s.clone();
        if let Some(m) = counts.as_object_mut() {
            m.remove("location_id");
        }
        let loc = s["location_id"].as_str().expect("location id");
        summary.entry(loc).or_default().insert(s["rule_id"].as_str().unwrap_or("").to_string(), counts);
    }
    assert_eq!(summary.len(), 20_000);
    for (i, loc) in locations.iter().enumerate() {
        let id = format!("L{:05}", i + 1);
        assert_eq!(loc["location_id"], id.as_str(), "locations in order");
        assert_eq!(&loc["metrics"], figures, "{id}: the location's own figures");
        assert_eq!(summary.get(id.as_str()), Some(&expected), "{id}: the same outcomes as alone");
    }

    // The results: per location exactly what the run of one gave, with its own id.
    let strip = |r: &Value| {
        let mut r = r.clone();
        if let Some(m) = r.as_object_mut() {
            m.remove("location_id");
        }
        r
    };
    let alone: Vec<Value> = array(&small, "results").iter().map(strip).collect();
    let results = array(&big, "results");
    assert_eq!(results.len(), 20_000 * alone.len(), "every location's results");
    for (i, chunk) in results.chunks(alone.len()).enumerate() {
        let id = format!("L{:05}", i + 1);
        assert!(chunk.iter().all(|r| r["location_id"] == id.as_str()), "{id}: results grouped by location");
        let got: Vec<Value> = chunk.iter().map(strip).collect();
        assert_eq!(got, alone, "{id}");
    }
}

#[test]
fn forty_thousand_rows_each_with_an_unreadable_cell_each_name_their_own_cell() {
    const ROWS: usize = 40_000;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("export");
    std::fs::create_dir_all(&data).expect("data folder");
    let write = |name: &str, text: &str| std::fs::write(data.join(name), text).expect("csv written");
    write(
        "locatie.csv",
        "locatie_id;naam;organisatie;licentie_geldig_tot;kosten\nL001;Home-Start Groot;S;31-12-2028;56500\n",
    );
    write(
        "coordinatoren.csv",
        "coordinator_id;betaald;opleiding;uren_per_week;fte;start;einde\nC-01;ja;hbo;;1;01-01-2020;\n",
    );
    write("vrijwilligers.csv", "vrijwilliger_id;training_afgerond;start;einde\nV-001;01-02-2020;01-01-2020;\n");
    let mut gezinnen = format!("{GEZINNEN_HEADER}\n");
    let mut contacten = String::from("gezin_id;datum;soort\n");
    for i in 1..=ROWS {
        // `start` is a date that does not exist: unreadable in every row.
        let _ = writeln!(
            gezinnen,
            "G-{i:05};Leiden;01-02-2026;school;15-03-2023;;;10-02-2026;20-02-2026;V-001;31-02-2026;;;40;20;05-03-2026;"
        );
        let _ = writeln!(contacten, "G-{i:05};01-04-2026;eerste_check");
    }
    write("gezinnen.csv", &gezinnen);
    write("contacten.csv", &contacten);
    let json = check_json(&data, &dir.path().join("out"));

    // One finding per row, each at its own cell.
    let findings = array(&json, "input_findings");
    assert_eq!(findings.len(), ROWS, "one finding per unreadable cell");
    for (i, f) in findings.iter().enumerate() {
        assert_eq!(f["sheet"], "gezinnen");
        assert_eq!(f["column"], "start");
        assert_eq!(f["kind"], "invalid_date");
        assert_eq!(f["row"], i + 2, "findings sorted by row");
        assert_eq!(f["value"], "31-02-2026");
    }

    // Every trajectory rule that needs `start` says so for every family,
    // naming that family's own cell.
    let results = array(&json, "results");
    let g04: Vec<&Value> = results.iter().filter(|r| r["rule_id"] == "HS-G04").collect();
    assert_eq!(g04.len(), ROWS, "HS-G04 has a result for every family");
    for r in g04 {
        let subject = r["subject_id"].as_str().expect("a family");
        let row: usize = subject[2..].parse::<usize>().expect("numbered family") + 1;
        assert_eq!(r["outcome"], "not_evaluated", "{subject}");
        let message = r["message"].as_str().unwrap_or("");
        assert!(message.contains(&format!("sheet gezinnen, row {row}, column start")), "{subject}: {message}");
    }
    let summary = array(&json, "summary");
    let total = |rule: &str| -> u64 {
        summary
            .iter()
            .filter(|s| s["rule_id"] == rule)
            .map(|s| {
                ["pass", "fail", "not_yet_due", "not_applicable", "not_evaluated", "waived"]
                    .iter()
                    .map(|k| s[*k].as_u64().unwrap_or(0))
                    .sum::<u64>()
            })
            .sum()
    };
    assert_eq!(total("HS-G04"), ROWS as u64, "the summary counts every family");
}
