//! What calamine will reserve while reading an `.xls` workbook stream (BIFF records), measured before it opens the
//! file, so that a claim never becomes an allocation.
//!
//! calamine 0.38 (`Xls::parse_workbook`) reads each sheet from the offset its `BoundSheet8` record gives, and there
//! - reserves rows x columns cells from a `DIMENSIONS` record, computed as `last - first + 1` in `u32`, which wraps
//!   in a release build (fuzzing: a 45 KB file asked for 1.5 PB; a 23 KB file whose last row came before its first
//!   asked for 306 TB);
//! - builds the rectangle the sheet's cell records span densely (`Range::from_sparse`; fuzzing: a cell at A1 and one
//!   at row 65,536, column 65,536 asked for 137 GB).
//!
//! Both are measured here as calamine computes them, on the records calamine reads: from the start of the stream,
//! and from every sheet offset (which may fall inside another record: a record hidden there is read by calamine
//! only). A claim or span over [`MAX_DENSE_CELLS`] is `too_large`; no real `.xls` holds more than its format does
//! (65,536 x 256 < 20,000,000).
//!
//! Cost: one walk over the stream's records, and one from each distinct sheet offset to that sheet's end, as
//! calamine's own reading does: O(stream x distinct sheet offsets), time only; memory is the set of offsets.

use std::collections::BTreeSet;

use super::budget::{MAX_DENSE_CELLS, Refusal};
use crate::findings::Why;

/// `Err(too_large)` when calamine would reserve or span more than [`MAX_DENSE_CELLS`] cells for a sheet.
pub fn check(stream: &[u8]) -> Result<(), Refusal> {
    for offset in aligned_claims(stream)? {
        if let Some(sheet) = stream.get(offset..) {
            sheet_claims(sheet)?;
        }
    }
    Ok(())
}

/// The records as calamine's `RecordIter` yields them: type and data; the `CONTINUE` records after one are
/// skipped with it; a record cut short by the end of the stream ends the walk (calamine stops there with an error).
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let (typ, len) = header(rest)?;
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        while let Some((0x003C, l)) = header(rest) {
            rest = rest.get(4 + l..)?;
        }
        Some((typ, data))
    })
}

fn header(rest: &[u8]) -> Option<(u16, usize)> {
    let b = rest.get(..4)?;
    Some((u16::from_le_bytes([b[0], b[1]]), usize::from(u16::from_le_bytes([b[2], b[3]]))))
}

fn u16_at(data: &[u8], at: usize) -> u32 {
    data.get(at..at + 2).map_or(0, |b| u32::from(u16::from_le_bytes([b[0], b[1]])))
}

/// Every record from the start, each `DIMENSIONS` claim and each substream's cell span (a stricter reading than
/// calamine's, which reads sheets from their offsets: it catches a claim in a stream whose offsets are broken);
/// the sheet offsets the `BoundSheet8` records give, each once.
fn aligned_claims(stream: &[u8]) -> Result<BTreeSet<usize>, Refusal> {
    let mut span = Span::default();
    let mut offsets = BTreeSet::new();
    for (typ, data) in records(stream) {
        match typ {
            0x0809 => span = Span::default(),
            0x0200 => dimensions(data)?,
            0x0085 => {
                if let Some(b) = data.get(..4) {
                    offsets.insert(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
                }
            }
            _ => span.add(typ, data)?,
        }
    }
    Ok(offsets)
}

/// One sheet as calamine reads it from its offset: its first BOF opens it, nested substreams (charts) are
/// skipped, the EOF at depth 0 ends it.
fn sheet_claims(sheet: &[u8]) -> Result<(), Refusal> {
    let (mut depth, mut seen_bof, mut span) = (0usize, false, Span::default());
    for (typ, data) in records(sheet) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x0200 => dimensions(data)?,
            0x000A => break,
            _ => span.add(typ, data)?,
        }
    }
    Ok(())
}

/// The rows and columns calamine reserves for a `DIMENSIONS` record (`parse_dimensions`, then `end - start + 1`
/// in wrapping `u32`); a record of another length calamine rejects, reserving nothing.
fn dimensions(data: &[u8]) -> Result<(), Refusal> {
    let u32_at = |at: usize| data.get(at..at + 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    let (rf, rl, mut cf, cl) = match data.len() {
        10 => (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4), u16_at(data, 6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(data, 8), u16_at(data, 10)),
        _ => return Ok(()),
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    let (start, end) = if rl >= 1 && cl >= 1 { ((rf, cf), (rl - 1, cl - 1)) } else { ((rf, cf), (rf, cf)) };
    let rows = u64::from(end.0.wrapping_sub(start.0).wrapping_add(1));
    let cols = u64::from(end.1.wrapping_sub(start.1).wrapping_add(1));
    if rows.saturating_mul(cols) > MAX_DENSE_CELLS {
        let args = vec![("rows", rows.to_string()), ("cols", cols.to_string()), ("max", MAX_DENSE_CELLS.to_string())];
        return Err(Refusal::TooLarge(Why::new("io_why_claims_cells", args)));
    }
    Ok(())
}

/// The rectangle a sheet's cell records span, as calamine places them (a `STRING` record at the last formula's
/// cell, (0, 0) before any).
#[derive(Default)]
struct Span {
    rect: Option<(u64, u64, u64, u64)>,
    formula_at: (u64, u64),
}

impl Span {
    fn add(&mut self, typ: u16, data: &[u8]) -> Result<(), Refusal> {
        let (row, col) = (u64::from(u16_at(data, 0)), u64::from(u16_at(data, 2)));
        let (r, c0, c1) = match typ {
            0x00FD | 0x0203 | 0x027E | 0x0205 | 0x0204 | 0x00D6 => (row, col, col),
            // MULRK: row, first column, ..., last column.
            0x00BD => (row, col, u64::from(u16_at(data, data.len().saturating_sub(2)))),
            0x0006 => {
                self.formula_at = (row, col);
                (row, col, col)
            }
            0x0207 => (self.formula_at.0, self.formula_at.1, self.formula_at.1),
            _ => return Ok(()),
        };
        let (r0, r1, a, b) = self.rect.unwrap_or((r, r, c0, c0));
        let s = (r0.min(r), r1.max(r), a.min(c0).min(c1), b.max(c0).max(c1));
        if (s.1 - s.0 + 1).saturating_mul(s.3 - s.2 + 1) > MAX_DENSE_CELLS {
            return Err(Refusal::TooLarge(Why::new("io_why_far_apart", vec![("cells", MAX_DENSE_CELLS.to_string())])));
        }
        self.rect = Some(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    fn dims(first: u32, last: u32, cols: u16) -> Vec<u8> {
        let data = [&first.to_le_bytes()[..], &last.to_le_bytes(), &0u16.to_le_bytes(), &cols.to_le_bytes(), &[0, 0]];
        record(0x0200, &data.concat())
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        record(0x0203, &[&row.to_le_bytes()[..], &col.to_le_bytes(), &[0u8; 10]].concat())
    }

    #[test]
    fn a_dimensions_claim_past_the_budget_is_refused() {
        assert_eq!(check(&dims(0, 65_536, 256)), Ok(()));
        assert!(check(&dims(0, u32::MAX, 255)).is_err());
        // A last row before the first wraps in calamine: about 4.3 billion rows, not the difference.
        assert!(check(&dims(10, 5, 4)).is_err());
        // No last row: calamine takes the first cell alone.
        assert_eq!(check(&dims(70_000, 0, 0)), Ok(()));
    }

    #[test]
    fn cells_spanning_past_the_budget_are_refused() {
        assert_eq!(check(&[number(0, 0), number(65_535, 255)].concat()), Ok(()));
        assert!(check(&[number(0, 0), number(65_535, 65_535)].concat()).is_err());
        // A STRING record before any formula is placed at (0, 0) by calamine.
        let string = record(0x0207, &[0u8; 4]);
        assert!(check(&[number(65_535, 65_535), string].concat()).is_err());
    }

    #[test]
    fn a_claim_hidden_inside_a_record_is_found_from_the_sheet_offset() {
        // A BoundSheet8 pointing 4 bytes into a label record whose text is a DIMENSIONS record; walked from the
        // start the stream holds no claim.
        let hidden = dims(0, u32::MAX, 255);
        let bound_len = 4 + 8; // the BoundSheet8 record itself
        let offset = (bound_len + 4) as u32;
        let bound = record(0x0085, &[&offset.to_le_bytes()[..], &[0, 0, 0, 0]].concat());
        let carrier = record(0x0023, &hidden);
        let stream = [bound, carrier].concat();
        assert_eq!(aligned_claims(&stream), Ok(BTreeSet::from([offset as usize])));
        assert!(check(&stream).is_err());
    }

    #[test]
    fn a_nested_substream_does_not_end_the_sheet() {
        let bof = record(0x0809, &[0u8; 16]);
        let eof = record(0x000A, &[]);
        let sheet = [bof.clone(), number(0, 0), bof, eof.clone(), number(65_535, 65_535), eof].concat();
        assert!(sheet_claims(&sheet).is_err());
    }
}
