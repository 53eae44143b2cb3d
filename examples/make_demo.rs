//! Writes the bundled demo export: `fixtures/demo/demo.xlsx` and the same
//! location as a Dutch CSV folder in `fixtures/demo-csv/`.
//!
//! Run from the project root: `cargo run --example make_demo`. The demo is
//! the first generated location 1, from seed 2026 on, that has 28 families,
//! for the audit year 2026, renamed to "Home-Start Voorbeeld"; it is clean
//! input with realistic rule failures.

use std::path::Path;

use hs_audit::generate::{generate_location, write_csv_folder, write_xlsx};
use hs_audit::tables::{SheetKind, Value};

const FIRST_SEED: u64 = 2026;
const FAMILIES: usize = 28;
const YEAR: i32 = 2026;

fn main() -> Result<(), String> {
    let families_of = |seed| generate_location(seed, 0, YEAR).sheet(SheetKind::Gezinnen).map_or(0, |s| s.rows.len());
    let seed = (FIRST_SEED..FIRST_SEED + 1000).find(|&s| families_of(s) == FAMILIES).ok_or("no seed found")?;
    let mut export = generate_location(seed, 0, YEAR);
    for sheet in export.sheets.iter_mut().filter(|s| s.kind == SheetKind::Locatie) {
        let Some(col) = sheet.columns.iter().position(|c| *c == "naam") else { continue };
        for row in &mut sheet.rows {
            row[col] = Value::Text("Home-Start Voorbeeld".into());
        }
    }
    let families = export.sheet(SheetKind::Gezinnen).map_or(0, |s| s.rows.len());
    std::fs::create_dir_all("fixtures/demo").map_err(|e| e.to_string())?;
    let english = |why: hs_audit::generate::Why| why.text(hs_audit::i18n::Lang::En);
    write_xlsx(&export, Path::new("fixtures/demo/demo.xlsx")).map_err(english)?;
    write_csv_folder(&export, Path::new("fixtures/demo-csv")).map_err(english)?;
    println!("demo written: {} from seed {seed} ({families} families)", export.location_id);
    Ok(())
}
