//! One location end to end: its name and region, the location-level breaches, then people, families and contacts.

use rand::rngs::SmallRng;

use super::calendar::{Period, chance, date_between, int, pick, real, round2, ymd};
use super::contacts::contacts;
use super::continuation::Carried;
use super::model::Location;
use super::outcomes::measurements;
use super::people::{coordinators, volunteers};
use super::places::{DISTRICTS, ORGANISATIONS, REGIONS, Region, fill};
use super::trajectories::{self, Counts};
use super::violations::rate;
use super::{InjectedViolation, splitmix64};

/// Share of locations whose export has a `metingen` sheet.
const METINGEN_SHARE: f64 = 0.85;
/// The rulebook's cost norm (`cost_norm`), euro a year.
const COST_NORM: f64 = 56_500.0;

/// Generates location number `index` for the calendar year `year`; with
/// `carried`, the families of the year before that go on (a history).
pub fn generate(rng: &mut SmallRng, seed: u64, index: usize, year: i32, carried: Option<&Carried>) -> Location {
    let p = Period::new(year);
    let (region, name) = region_and_name(seed, index);
    let organisation = fill(pick(rng, ORGANISATIONS).copied().unwrap_or("Stichting Welzijn {}"), region.town);

    // Location rules: one draw each, in a fixed order.
    let mut broken: Vec<&'static str> = Vec::new();
    let short_fte = draw(rng, "HS-L01", &mut broken);
    let no_hbo = draw(rng, "HS-L02", &mut broken);
    let few_trained = draw(rng, "HS-L03", &mut broken);
    // HS-L04 and HS-L05 exclude each other: one draw decides both.
    let u = real(rng, 0.0, 1.0);
    let active = if u < rate("HS-L04") {
        broken.push("HS-L04");
        int(rng, 20, 24)
    } else if u < rate("HS-L04") + rate("HS-L05") {
        broken.push("HS-L05");
        int(rng, 31, 34)
    } else {
        int(rng, 25, 30)
    };
    let few_hours = draw(rng, "HS-L06", &mut broken);
    let no_licence = draw(rng, "HS-L07", &mut broken);
    let no_cost = draw(rng, "HS-L08", &mut broken);

    let licence_until = if !no_licence {
        Some(date_between(rng, ymd(year + 1, 1, 31), ymd(year + 3, 12, 31)))
    } else if chance(rng, 0.5) {
        None
    } else {
        Some(date_between(rng, ymd(year, 2, 1), ymd(year, 11, 30)))
    };
    let cost = (!no_cost).then(|| round2(COST_NORM * real(rng, 0.85, 1.2)));
    let hours = if few_hours { real(rng, 75.0, 98.0) } else { real(rng, 112.0, 135.0) };
    let has_metingen = chance(rng, METINGEN_SHARE);

    let coordinators = coordinators(rng, &p, short_fte, no_hbo);
    let volunteers = volunteers(rng, &p, few_trained);
    let extra_min = (25 - active).max(0);
    let extras = int(rng, extra_min, (extra_min + 4).min(35 - active));
    let waiting = int(rng, 0, extras.min(2));
    let counts = Counts { active, closed_before: extras - waiting, waiting };
    let drafted = trajectories::generate(rng, &p, region, &volunteers, counts, hours, carried);

    let mut violations: Vec<InjectedViolation> =
        broken.into_iter().map(|rule| InjectedViolation { rule, subject: None }).collect();
    let mut trajectories = Vec::new();
    let mut all_contacts = Vec::new();
    let mut all_measurements = Vec::new();
    // A family that goes on keeps its id; new ones are numbered on, in order of registration.
    let mut next_id = carried.map_or(1, |c| c.next_id);
    for d in drafted {
        let mut t = d.trajectory;
        let mut breaches = d.breaches;
        if t.id.is_empty() {
            t.id = format!("G-{next_id:04}");
            next_id += 1;
        }
        all_contacts.extend(contacts(rng, &p, &t, &mut breaches));
        let rated = measurements(rng, &p, &t, &mut breaches);
        if has_metingen {
            all_measurements.extend(rated);
        } else {
            breaches.retain(|rule| *rule != "HS-G12");
        }
        violations.extend(breaches.into_iter().map(|rule| InjectedViolation { rule, subject: Some(t.id.clone()) }));
        trajectories.push(t);
    }
    violations.sort();

    Location {
        id: format!("L{:03}", index + 1),
        name,
        organisation,
        licence_until,
        cost,
        coordinators,
        volunteers,
        trajectories,
        contacts: all_contacts,
        measurements: has_metingen.then_some(all_measurements),
        violations,
    }
}

/// Whether location rule `rule` is to be broken (with its rate); noted in `broken`.
fn draw(rng: &mut SmallRng, rule: &'static str, broken: &mut Vec<&'static str>) -> bool {
    let hit = chance(rng, rate(rule));
    if hit {
        broken.push(rule);
    }
    hit
}

/// The region of location `index` and its display name. Regions are taken in
/// turn from a seed-dependent offset; a town's second, third, ... location is
/// told apart by a district.
fn region_and_name(seed: u64, index: usize) -> (&'static Region, String) {
    let count = REGIONS.len().max(1);
    let offset = (splitmix64(seed) % count as u64) as usize;
    let region = &REGIONS[(offset + index) % count];
    let round = index / count;
    let name = match round {
        0 => format!("Home-Start {}", region.town),
        r if r <= DISTRICTS.len() => format!("Home-Start {} {}", region.town, DISTRICTS[r - 1]),
        r => format!("Home-Start {} {}", region.town, r + 1),
    };
    (region, name)
}
