//! The `metingen` sheet: parents' own ratings (0-5) on four domains at start, halfway and at closure.

use rand::rngs::SmallRng;

use super::calendar::{Period, add_months, chance, int, plus};
use super::model::{DOMAINS, Measurement, Moment, Trajectory};
use super::violations::{closed_in, rate};

/// The ratings of one trajectory; pushes HS-G12 onto `breaches` when a
/// closure in the period gets no start or no end rating.
pub fn measurements(
    rng: &mut SmallRng,
    p: &Period,
    t: &Trajectory,
    breaches: &mut Vec<&'static str>,
) -> Vec<Measurement> {
    let Some(start) = t.start else {
        return Vec::new();
    };
    let a = p.as_of();
    let g12 = closed_in(t.end, p) && chance(rng, rate("HS-G12"));
    let skip_start = g12 && chance(rng, 0.25);
    let skip_end = g12 && !skip_start;
    if g12 {
        breaches.push("HS-G12");
    }

    let first: Vec<i64> = DOMAINS.iter().map(|_| int(rng, 1, 3)).collect();
    let gain: Vec<i64> = DOMAINS.iter().map(|_| int(rng, 0, 2)).collect();
    let mut out = Vec::new();
    let mut rate_all = |moment: Moment, date: chrono::NaiveDate, scores: &dyn Fn(usize) -> i64| {
        if date <= a {
            for (i, domain) in DOMAINS.iter().enumerate() {
                let score = scores(i).clamp(0, 5);
                out.push(Measurement { family: t.id.clone(), moment, date, domain, score });
            }
        }
    };
    if !skip_start {
        rate_all(Moment::Start, plus(start, int(rng, 0, 21)), &|i| first[i]);
    }
    let halfway = plus(add_months(start, 6), int(rng, 0, 14));
    if t.end.is_none_or(|e| halfway < plus(e, -30)) {
        rate_all(Moment::Interim, halfway, &|i| first[i] + gain[i] / 2);
    }
    if let Some(end) = t.end.filter(|_| !skip_end) {
        rate_all(Moment::End, plus(end, -int(rng, 0, 14)), &|i| first[i] + gain[i]);
    }
    out
}
