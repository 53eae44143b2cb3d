//! Excel serial day numbers as dates, in both the 1900 and the 1904 date system (a number in a date column of a
//! workbook). Text dates are read in `parse_date`.

use chrono::{Datelike, Days, NaiveDate};

/// Larger serials are beyond year 9999 in either system; checking first keeps the cast to whole days exact.
const MAX_SERIAL: f64 = 3_000_000.0;

/// Converts an Excel serial day number to a date in the 1900 or 1904 system.
///
/// 1900 system: serial 1 is 1900-01-01 and serial 59 is 1900-02-28; serial 60 is Excel's fictitious
/// 1900-02-29 and gives `None`; from serial 61 (1900-03-01) on the date is 1899-12-30 plus the serial.
/// Serial 0 gives `None`. 1904 system: serial 0 is 1904-01-01. The fraction (time of day) is dropped.
/// Non-finite or negative serials, and dates after 9999-12-31, give `None`.
pub fn excel_serial_to_date(serial: f64, is_1904: bool) -> Option<NaiveDate> {
    if !serial.is_finite() || !(0.0..MAX_SERIAL).contains(&serial) {
        return None;
    }
    // In range 0..MAX_SERIAL, so the cast is exact.
    let days = serial.floor() as u64;
    let (base, offset) = if is_1904 {
        (NaiveDate::from_ymd_opt(1904, 1, 1)?, days)
    } else {
        match days {
            0 | 60 => return None,
            1..=59 => (NaiveDate::from_ymd_opt(1899, 12, 31)?, days),
            _ => (NaiveDate::from_ymd_opt(1899, 12, 30)?, days),
        }
    };
    let date = base.checked_add_days(Days::new(offset))?;
    (date.year() <= 9999).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn serials_1900_system() {
        assert_eq!(excel_serial_to_date(0.0, false), None);
        assert_eq!(excel_serial_to_date(1.0, false), Some(d(1900, 1, 1)));
        assert_eq!(excel_serial_to_date(59.0, false), Some(d(1900, 2, 28)));
        assert_eq!(excel_serial_to_date(60.0, false), None);
        assert_eq!(excel_serial_to_date(61.0, false), Some(d(1900, 3, 1)));
        assert_eq!(excel_serial_to_date(46082.0, false), Some(d(2026, 3, 1)));
        assert_eq!(excel_serial_to_date(46083.75, false), Some(d(2026, 3, 2)));
        assert_eq!(excel_serial_to_date(2_958_465.0, false), Some(d(9999, 12, 31)));
        assert_eq!(excel_serial_to_date(2_958_466.0, false), None);
    }

    #[test]
    fn serials_1904_system() {
        assert_eq!(excel_serial_to_date(0.0, true), Some(d(1904, 1, 1)));
        assert_eq!(excel_serial_to_date(0.5, true), Some(d(1904, 1, 1)));
        assert_eq!(excel_serial_to_date(60.0, true), Some(d(1904, 3, 1)));
        assert_eq!(excel_serial_to_date(44620.0, true), Some(d(2026, 3, 1)));
        assert_eq!(excel_serial_to_date(46082.0, false), excel_serial_to_date(44620.0, true));
        assert_eq!(excel_serial_to_date(2_957_003.0, true), Some(d(9999, 12, 31)));
        assert_eq!(excel_serial_to_date(2_957_004.0, true), None);
    }

    #[test]
    fn bad_serials_are_none() {
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, -0.5, 1e300, f64::MAX] {
            assert_eq!(excel_serial_to_date(v, false), None, "{v}");
            assert_eq!(excel_serial_to_date(v, true), None, "{v}");
        }
    }

    proptest! {
        #[test]
        fn serial_never_panics(v in any::<f64>(), is_1904 in any::<bool>()) {
            let _ = excel_serial_to_date(v, is_1904);
        }

        #[test]
        fn both_systems_agree(serial in 1462u32..2_958_466, frac in 0.0f64..1.0) {
            let a = excel_serial_to_date(f64::from(serial) + frac, false);
            let b = excel_serial_to_date(f64::from(serial - 1462) + frac, true);
            prop_assert!(a.is_some());
            prop_assert_eq!(a, b);
        }
    }
}
