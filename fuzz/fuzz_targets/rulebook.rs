//! The rulebook, profile and waiver loader on arbitrary text; whatever loads is then applied to the demo export
//! (a profile that loads must be computable: `rules lint` rejects what `check` cannot compute).
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use hs_audit::rules::{Context, build_model::build_locations, evaluate, model::Location, registry};
use libfuzzer_sys::fuzz_target;

fn demo() -> &'static (Vec<Location>, Context) {
    static DEMO: OnceLock<(Vec<Location>, Context)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/demo/demo.xlsx"));
        let mut exports = hs_audit::tables::read_paths(&[path]);
        let ctx = hs_audit::cli::period::resolve(Some("2026"), None, None, None, &exports)
            .unwrap_or_else(|_| panic!("the demo's period resolves"));
        (build_locations(&mut exports), ctx)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (locations, ctx) = demo();
    if let Ok(rulebook) = hs_audit::rulebook::load_rulebook_text("fuzz.toml", text, None, registry::RULES) {
        // As `check` runs (passes counted, messages in one language) and as `serve` does (everything kept).
        let _ = evaluate(locations, &rulebook, ctx, false, Some(hs_audit::i18n::Lang::Nl));
        let _ = evaluate(locations, &rulebook, ctx, true, None);
    }
    if let Ok(waivers) = hs_audit::rulebook::load_waivers_text("fuzz.toml", text, registry::RULES) {
        let entries: Vec<_> = waivers
            .iter()
            .map(|w| hs_audit::results::WaiverEntry {
                rule: w.rule.clone(),
                location: w.location.clone(),
                subject: w.subject.clone(),
                reason: w.reason.clone(),
                approved_by: w.approved_by.clone(),
                expires: w.expires,
            })
            .collect();
        let mut results = hs_audit::results::Results::new();
        let _ = hs_audit::results::apply_waivers(&mut results, &entries, ctx.as_of);
    }
});
