//! Numbers and dates as a reader of each language writes them:
//! `1.234,5` and `3 maart 2026` in Dutch, `1,234.5` and `3 March 2026` in English.

use chrono::{Datelike, NaiveDate};

use super::catalogue::Catalogue;
use crate::i18n::Lang;

/// Formats numbers and dates for one language.
#[derive(Debug, Clone)]
pub struct Formatter {
    pub lang: Lang,
    decimal: String,
    thousands: String,
    months: Vec<String>,
    euro: String,
    date: String,
}

impl Formatter {
    pub fn new(catalogue: &Catalogue, lang: Lang) -> Formatter {
        Formatter {
            lang,
            decimal: catalogue.get("decimal_separator", lang),
            thousands: catalogue.get("thousands_separator", lang),
            months: (1..=12).map(|m| catalogue.get(&format!("month_{m}"), lang)).collect(),
            euro: catalogue.get("euro_amount", lang),
            date: catalogue.get("date_written", lang),
        }
    }

    /// A number with exactly `decimals` decimals and thousands separators.
    pub fn number(&self, x: f64, decimals: usize) -> String {
        if !x.is_finite() {
            return "–".to_string();
        }
        // A whole number (most counts and norms) is written without the
        // float formatting machinery: exactly what it would write.
        if x.fract() == 0.0 && x.abs() < 1e15 {
            let mut out = String::with_capacity(24);
            if x < 0.0 {
                out.push('-');
            }
            self.push_grouped(&mut out, x.abs() as u64);
            if decimals > 0 {
                out.push_str(&self.decimal);
                out.extend(std::iter::repeat_n('0', decimals));
            }
            return out;
        }
        self.through_float_formatting(x, decimals)
    }

    /// [`Formatter::number`] for any finite number: float formatting, then
    /// the separators (whole numbers take a shorter way to the same text).
    fn through_float_formatting(&self, x: f64, decimals: usize) -> String {
        let text = format!("{:.*}", decimals, x.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push_str(&self.thousands);
            }
            grouped.push(c);
        }
        let sign = if x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') { "-" } else { "" };
        if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped}{}{frac}", self.decimal) }
    }

    /// A number with as many decimals as it needs, up to `max_decimals`.
    pub fn number_auto(&self, x: f64, max_decimals: usize) -> String {
        let mut decimals = 0;
        while decimals < max_decimals
            && ((x * 10f64.powi(decimals as i32)).round() / 10f64.powi(decimals as i32) - x).abs() > 1e-9
        {
            decimals += 1;
        }
        self.number(x, decimals)
    }

    /// A whole count.
    pub fn count(&self, n: usize) -> String {
        let mut out = String::with_capacity(16);
        self.push_grouped(&mut out, n as u64);
        out
    }

    /// `n` with thousands separators, pushed onto `out`.
    fn push_grouped(&self, out: &mut String, n: u64) {
        let mut buf = [0u8; 20];
        let digits = crate::results::result::decimal_digits(n, &mut buf);
        for (k, d) in digits.iter().enumerate() {
            if k > 0 && (digits.len() - k).is_multiple_of(3) {
                out.push_str(&self.thousands);
            }
            out.push(char::from(*d));
        }
    }

    /// A share as a percentage: `87,5%`.
    pub fn percent(&self, share: f64) -> String {
        format!("{}%", self.number_auto(share * 100.0, 1))
    }

    /// An amount in euro: `€ 56.500`.
    pub fn euro(&self, x: f64) -> String {
        self.euro.replace("{amount}", &self.number(x, 0))
    }

    /// A date written out: `3 maart 2026` / `3 March 2026`.
    pub fn date(&self, d: NaiveDate) -> String {
        let month = self.months.get(d.month0() as usize).map_or("", String::as_str);
        let (day, year) = (d.day().to_string(), d.year().to_string());
        super::catalogue::fill_template(&self.date, &[("day", day.as_str()), ("month", month), ("year", year.as_str())])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nl() -> Formatter {
        Formatter::new(&Catalogue::embedded(), Lang::Nl)
    }

    fn en() -> Formatter {
        Formatter::new(&Catalogue::embedded(), Lang::En)
    }

    #[test]
    fn dutch_and_english_numbers() {
        assert_eq!(nl().number(1234.5, 1), "1.234,5");
        assert_eq!(en().number(1234.5, 1), "1,234.5");
        assert_eq!(nl().number(56500.0, 0), "56.500");
        assert_eq!(nl().number(1234567.891, 2), "1.234.567,89");
        assert_eq!(nl().number(0.55, 2), "0,55");
        assert_eq!(nl().number(-3.0, 0), "-3");
        assert_eq!(nl().number(-0.001, 1), "0,0");
        assert_eq!(nl().number(f64::NAN, 1), "–");
        assert_eq!(nl().number_auto(0.5, 2), "0,5");
        assert_eq!(nl().number_auto(24.0, 2), "24");
        assert_eq!(nl().percent(0.875), "87,5%");
        assert_eq!(nl().euro(56500.0), "€ 56.500");
    }

    #[test]
    fn whole_numbers_and_counts_read_as_through_float_formatting() {
        let mut whole: Vec<f64> = vec![0.0, -0.0, 1.0, 9.0, 10.0, 999.0, 1000.0, 123_456_789.0, 999_999_999_999_999.0];
        whole.extend((0..60).map(|e| 1.7f64.powi(e).floor()));
        for f in [nl(), en()] {
            for x in whole.iter().flat_map(|x| [*x, -*x]) {
                for decimals in 0..4 {
                    assert_eq!(f.number(x, decimals), f.through_float_formatting(x, decimals), "{x} {decimals}");
                }
                if x >= 0.0 {
                    assert_eq!(f.count(x as usize), f.through_float_formatting(x, 0), "{x}");
                }
            }
        }
        assert_eq!(nl().count(1_234_567), "1.234.567");
        assert_eq!(en().count(1_000), "1,000");
        assert_eq!(nl().number(12.0, 2), "12,00");
    }

    #[test]
    fn dates_written_out() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 3).expect("date");
        assert_eq!(nl().date(d), "3 maart 2026");
        assert_eq!(en().date(d), "3 March 2026");
    }
}
