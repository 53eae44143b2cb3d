//! Coordinators and volunteers: who runs a location, and which volunteer a family is matched with.

use chrono::NaiveDate;
use rand::rngs::SmallRng;

use super::calendar::{Period, chance, date_between, int, pick, plus, real, round2, ymd};
use super::model::{Contract, Coordinator, Education, Volunteer};

/// Hours per fte (the rulebook's `hours_per_fte`).
const HOURS_PER_FTE: f64 = 36.0;

/// The coordinators of a location. `short_fte`: HS-L01 is to fail (paid fte
/// counted on A ≤ 0.51, otherwise ≥ 0.566); `no_hbo`: HS-L02 is to fail.
pub fn coordinators(rng: &mut SmallRng, p: &Period, short_fte: bool, no_hbo: bool) -> Vec<Coordinator> {
    let total = if short_fte { real(rng, 0.33, 0.50) } else { real(rng, 0.58, 0.80) };
    let lead = lead_education(rng, no_hbo);
    let mut first = coordinator(rng, p, "C-01", total, lead);
    let mut list = Vec::new();
    if short_fte {
        match int(rng, 0, 2) {
            0 => {}
            1 => {
                // A volunteer coordinator: not paid, so not counted.
                let (fte, education) = (real(rng, 0.1, 0.3), other_education(rng, no_hbo));
                let mut second = coordinator(rng, p, "C-02", fte, education);
                second.paid = false;
                list.push(second);
            }
            _ => {
                // A paid coordinator who left before the as-of date.
                let (fte, education) = (real(rng, 0.2, 0.4), other_education(rng, no_hbo));
                let mut second = coordinator(rng, p, "C-02", fte, education);
                second.end = Some(date_between(rng, ymd(p.year, 4, 1), plus(p.as_of(), -1)));
                list.push(second);
            }
        }
    } else if chance(rng, 0.4) {
        let share = real(rng, 0.5, 0.7);
        first = coordinator(rng, p, "C-01", total * share, first.education);
        let education = other_education(rng, no_hbo);
        list.push(coordinator(rng, p, "C-02", total * (1.0 - share), education));
    }
    list.insert(0, first);
    list
}

fn coordinator(rng: &mut SmallRng, p: &Period, id: &str, fte: f64, education: Education) -> Coordinator {
    let contract = if chance(rng, 0.5) {
        Contract::Fte(round2(fte))
    } else {
        Contract::HoursPerWeek((fte * HOURS_PER_FTE * 2.0).round() / 2.0)
    };
    let start = date_between(rng, ymd(p.year - 12, 1, 1), ymd(p.year - 1, 6, 30));
    Coordinator { id: id.to_string(), paid: true, education, contract, start: Some(start), end: None }
}

/// The counted coordinator's education: hbo or wo, unless HS-L02 is to fail.
fn lead_education(rng: &mut SmallRng, no_hbo: bool) -> Education {
    match (no_hbo, chance(rng, 0.85)) {
        (false, true) => Education::Hbo,
        (false, false) => Education::Wo,
        (true, true) => Education::Mbo,
        (true, false) => Education::Overig,
    }
}

fn other_education(rng: &mut SmallRng, no_hbo: bool) -> Education {
    if no_hbo {
        return if chance(rng, 0.8) { Education::Mbo } else { Education::Overig };
    }
    match int(rng, 0, 9) {
        0..=5 => Education::Hbo,
        6..=8 => Education::Mbo,
        _ => Education::Wo,
    }
}

/// The volunteers of a location, ids `V-001`.. in order of their start.
/// `few_trained`: HS-L03 is to fail (16-23 trained volunteers active on A,
/// otherwise 24-34). There is always at least one volunteer still in training.
pub fn volunteers(rng: &mut SmallRng, p: &Period, few_trained: bool) -> Vec<Volunteer> {
    let trained_active = if few_trained { int(rng, 16, 23) } else { int(rng, 24, 34) };
    let in_training = int(rng, 1, 3);
    let left = int(rng, 0, 4).min(40 - trained_active - in_training).max(20 - trained_active - in_training);
    let mut list = Vec::new();
    for k in 0..trained_active {
        // The first eight are veterans, so every match date has trained volunteers.
        let (from, to) = if k < 8 { (p.year - 6, p.year - 3) } else { (p.year - 5, p.year) };
        let year = int(rng, from.into(), to.into()) as i32;
        let trained = cohort(rng, year);
        list.push(Volunteer {
            id: String::new(),
            trained: Some(trained),
            start: Some(joined(rng, trained)),
            end: None,
        });
    }
    for _ in 0..left.max(0) {
        let year = int(rng, (p.year - 6).into(), (p.year - 2).into()) as i32;
        let trained = cohort(rng, year);
        let end = date_between(rng, plus(p.start, -365), plus(p.as_of(), -1));
        list.push(Volunteer {
            id: String::new(),
            trained: Some(trained),
            start: Some(joined(rng, trained)),
            end: Some(end),
        });
    }
    for _ in 0..in_training {
        let start = date_between(rng, plus(p.as_of(), -120), plus(p.as_of(), -10));
        list.push(Volunteer { id: String::new(), trained: None, start: Some(start), end: None });
    }
    list.sort_by_key(|v| v.start);
    for (i, v) in list.iter_mut().enumerate() {
        v.id = format!("V-{:03}", i + 1);
    }
    list
}

/// A basic-training completion date: the spring or autumn course of a year.
fn cohort(rng: &mut SmallRng, year: i32) -> NaiveDate {
    if chance(rng, 0.5) {
        date_between(rng, ymd(year, 3, 10), ymd(year, 4, 20))
    } else {
        date_between(rng, ymd(year, 10, 1), ymd(year, 11, 15))
    }
}

/// A volunteer is active from when the basic training started.
fn joined(rng: &mut SmallRng, trained: NaiveDate) -> NaiveDate {
    plus(trained, -int(rng, 20, 60))
}

/// The volunteer for a match on `m`: trained before it (as HS-G10 wants) or,
/// when `untrained`, one not (yet) trained on `m`. `None` only when no
/// volunteer fits.
pub fn match_volunteer(rng: &mut SmallRng, volunteers: &[Volunteer], m: NaiveDate, untrained: bool) -> Option<String> {
    let candidates: Vec<&Volunteer> = if untrained {
        // Preferably one who had joined and was still in training at the match.
        let not_trained = |v: &&Volunteer| v.trained.is_none_or(|t| t > m);
        let joined: Vec<&Volunteer> =
            volunteers.iter().filter(not_trained).filter(|v| v.start.is_none_or(|s| s <= m)).collect();
        if joined.is_empty() { volunteers.iter().filter(not_trained).collect() } else { joined }
    } else {
        let fits = |v: &&Volunteer| {
            v.trained.is_some_and(|t| t <= m)
                && v.start.is_none_or(|s| s <= m)
                && v.end.is_none_or(|e| e >= plus(m, 30))
        };
        let good: Vec<&Volunteer> = volunteers.iter().filter(fits).collect();
        if good.is_empty() { volunteers.iter().filter(|v| v.trained.is_some_and(|t| t <= m)).collect() } else { good }
    };
    pick(rng, &candidates).map(|v| v.id.clone())
}
