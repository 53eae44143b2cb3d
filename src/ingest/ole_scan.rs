//! Checking an OLE compound file (`.xls`, an encrypted `.xlsx`) before calamine opens it: no sector chain of its
//! allocation table may loop. calamine 0.38 follows the directory chain with no length limit (`Cfb::new`, the
//! `get_chain(dir_start, .., usize::MAX)` call), so a 17 KB file whose table sends a sector back to itself made it
//! allocate without end (found by fuzzing; 22 GB within a minute). Fixed here, not yet reported upstream. The table
//! checked is the one calamine builds, short sectors at the end of the file included ([`calamine_fat`]).
//!
//! The workbook stream is then read as calamine will read it, and every `DIMENSIONS` record's claim is measured:
//! calamine reserves rows x columns cells from it before reading any (`Xls::parse_workbook`; fuzzing found a 45 KB
//! file asking for 1.5 PB, which aborts the process). A claim over [`MAX_DENSE_CELLS`] cells is `too_large`; no
//! real `.xls` claims more than its format holds (65,536 x 256 < 20,000,000).
//!
//! Cost: the allocation table once (at most the file's size / 128 entries), each entry visited once; the workbook
//! stream copied once.

use super::budget::{MAX_DENSE_CELLS, Refusal};
use crate::findings::Why;

/// Why a compound file is not handed to calamine.
#[derive(Debug, PartialEq, Eq)]
pub enum OleProblem {
    Corrupt(Why),
    Refused(Refusal),
}

/// Chains end at or above this id (free, end of chain, table sectors).
const RESERVED: u32 = 0xFFFF_FFFA;

/// Ids at or above this are no table sectors (DIFAT, FAT markers).
const DIFSECT: u32 = 0xFFFF_FFFC;

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// `Err` when a chain of the allocation table loops, or a `DIMENSIONS` record claims too much. A header this check
/// cannot make sense of is left to calamine, which reports it.
pub fn check(bytes: &[u8]) -> Result<(), OleProblem> {
    let Some(shift) = bytes.get(30..32).map(|b| u16::from_le_bytes([b[0], b[1]])) else { return Ok(()) };
    if shift != 9 && shift != 12 {
        return Ok(());
    }
    let size = 1usize << shift;
    let Some(body) = bytes.get(size..) else { return Ok(()) };
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        bytes.get(start..start.checked_add(size)?)
    };
    let fat = calamine_fat(bytes, body, size)
        .ok_or_else(|| OleProblem::Corrupt(Why::new("io_why_table_past_end", vec![])))?;
    if fat.len() > bytes.len() {
        return Err(OleProblem::Corrupt(Why::new("io_why_table_too_large", vec![])));
    }
    // Walk every chain once; a walk meeting a sector of its own walk loops.
    let mut walk_of = vec![0u32; fat.len()];
    for start in 0..fat.len() {
        if walk_of[start] != 0 {
            continue;
        }
        let walk = start as u32 + 1;
        let mut at = start;
        loop {
            walk_of[at] = walk;
            let Some(&n) = fat.get(at) else { break };
            if n >= RESERVED || n as usize >= fat.len() {
                break;
            }
            let n = n as usize;
            if walk_of[n] == walk {
                return Err(OleProblem::Corrupt(Why::new("io_why_chain_loops", vec![])));
            }
            if walk_of[n] != 0 {
                break;
            }
            at = n;
        }
    }
    let read = |start: u32, len: usize| -> Vec<u8> {
        let mut out = Vec::new();
        let mut id = start;
        // Acyclic now: a chain ends within the table's length.
        while id < RESERVED && out.len() < len {
            let Some(s) = sector(id) else { break };
            out.extend_from_slice(s);
            id = fat.get(id as usize).copied().unwrap_or(u32::MAX);
        }
        out.truncate(len);
        out
    };
    let dirs = read(u32_at(bytes, 48).unwrap_or(u32::MAX), bytes.len());
    let entry = |i: usize| dirs.get(i * 128..(i + 1) * 128);
    let name_of = |e: &[u8]| -> String {
        let len = usize::from(u16::from_le_bytes([e[64], e[65]])).min(64);
        let units: Vec<u16> = e[..len].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units).trim_end_matches('\0').to_string()
    };
    let cutoff = u32_at(bytes, 56).unwrap_or(4096) as usize;
    let stream = (0..dirs.len() / 128).filter_map(entry).find(|e| matches!(name_of(e).as_str(), "Workbook" | "Book"));
    let Some(e) = stream else { return Ok(()) };
    let (start, len) = (u32_at(e, 116).unwrap_or(u32::MAX), u32_at(e, 120).unwrap_or(0) as usize);
    let workbook = if len >= cutoff {
        read(start, len)
    } else {
        // A small stream lives in the mini stream (the root entry's), in 64-byte sectors chained by the mini table.
        let Some(root) = entry(0) else { return Ok(()) };
        let mini = read(u32_at(root, 116).unwrap_or(u32::MAX), u32_at(root, 120).unwrap_or(0) as usize);
        let table = read(u32_at(bytes, 60).unwrap_or(u32::MAX), bytes.len());
        let next: Vec<u32> = table.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0;
        while id < RESERVED && out.len() < len && steps <= next.len() {
            let Some(s) = mini.get(id as usize * 64..id as usize * 64 + 64) else { break };
            out.extend_from_slice(s);
            id = next.get(id as usize).copied().unwrap_or(u32::MAX);
            steps += 1;
        }
        out.truncate(len);
        out
    };
    dimension_claims(&workbook)
}

/// The allocation table exactly as calamine 0.38 builds it (`Cfb::new`, `Sectors::get`), so that the loop check
/// sees the chains calamine will follow. calamine reads a sector that runs past the end of the file as far as the
/// file goes (a shorter table sector), and one past the end as empty; a fuzzed file whose only table sector was
/// such a short one hid its loop from a check that read whole sectors only (19 GB in 30 s). `None` where calamine
/// stops with an error or a panic.
fn calamine_fat(bytes: &[u8], body: &[u8], size: usize) -> Option<Vec<u32>> {
    let mut view = Sectors { body, size, maxid: bytes.len() / size, loaded: 0 };
    let mut difat: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 76 + 4 * i)).collect();
    let mut next = u32_at(bytes, 68)?;
    let mut steps = 0usize;
    while next < RESERVED {
        steps += 1;
        if steps > view.maxid.saturating_add(1) {
            return None;
        }
        difat.extend(view.get(next)?);
        next = difat.pop()?;
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|&id| id < DIFSECT) {
        fat.extend(view.get(id)?);
        if fat.len() > bytes.len() {
            break;
        }
    }
    Some(fat)
}

/// calamine's sector cache: the bytes after the header, read in order and kept; a sector past the end of the file
/// reads short the first time and as zeros after (the cache was grown to hold it).
struct Sectors<'a> {
    body: &'a [u8],
    size: usize,
    maxid: usize,
    loaded: usize,
}

impl Sectors<'_> {
    /// The sector's table entries, or `None` where calamine errs (an id past the end) or panics (a sector starting
    /// past what it has read, or a length not a multiple of four).
    fn get(&mut self, id: u32) -> Option<Vec<u32>> {
        let id = id as usize;
        if id > self.maxid {
            return None;
        }
        let start = id.checked_mul(self.size)?;
        let end = start.checked_add(self.size)?;
        let mut stop = end;
        if end > self.loaded {
            let real = self.body.len().min(end);
            if real < end {
                stop = self.loaded.max(real);
            }
            self.loaded = end;
        }
        if stop < start || (stop - start) % 4 != 0 {
            return None;
        }
        let entry = |k: usize| self.body.get(k..k + 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        Some((start..stop).step_by(4).map(entry).collect())
    }
}

/// Walks the BIFF records of a workbook stream and measures each `DIMENSIONS` claim, and the rectangle each sheet's
/// cell records span (calamine builds that rectangle densely: a cell at A1 and one at row 65,536, column 65,536
/// asked 137 GB, found by fuzzing).
fn dimension_claims(stream: &[u8]) -> Result<(), OleProblem> {
    let mut pos = 0usize;
    // (min row, max row, min col, max col) of the current sheet's cells.
    let mut span: Option<(u64, u64, u64, u64)> = None;
    while let (Some(typ), Some(len)) = (stream.get(pos..pos + 2), stream.get(pos + 2..pos + 4)) {
        let typ = u16::from_le_bytes([typ[0], typ[1]]);
        let len = usize::from(u16::from_le_bytes([len[0], len[1]]));
        let data = stream.get(pos + 4..pos + 4 + len).unwrap_or_default();
        if typ == 0x0200 {
            let u16_at = |at: usize| data.get(at..at + 2).map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])));
            let u32_at = |at: usize| data.get(at..at + 4).map_or(0, |b| u64::from(u32_at(b, 0).unwrap_or(0)));
            let (rows, cols) = match len {
                10 => (u16_at(2).abs_diff(u16_at(0)) + 1, u16_at(6).abs_diff(u16_at(4)) + 1),
                14 | 16 => (u32_at(4).abs_diff(u32_at(0)) + 1, u16_at(10).abs_diff(u16_at(8)) + 1),
                _ => (0, 0),
            };
            if rows.saturating_mul(cols) > MAX_DENSE_CELLS {
                let args =
                    vec![("rows", rows.to_string()), ("cols", cols.to_string()), ("max", MAX_DENSE_CELLS.to_string())];
                return Err(OleProblem::Refused(Refusal::TooLarge(Why::new("io_why_claims_cells", args))));
            }
        }
        let at = |i: usize| data.get(i..i + 2).map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])));
        match typ {
            // BOF: a new substream (sheet).
            0x0809 => span = None,
            // Cell records: row, column; MULRK also ends in its last column.
            0x00FD | 0x0203 | 0x027E | 0x00BD | 0x0205 | 0x0006 | 0x0204 | 0x00D6 => {
                if let (Some(r), Some(c)) = (at(0), at(2)) {
                    let last = if typ == 0x00BD { at(len.saturating_sub(2)).unwrap_or(c) } else { c };
                    let (r0, r1, c0, c1) = span.unwrap_or((r, r, c, c));
                    let s = (r0.min(r), r1.max(r), c0.min(c).min(last), c1.max(c).max(last));
                    if (s.1 - s.0 + 1).saturating_mul(s.3 - s.2 + 1) > MAX_DENSE_CELLS {
                        let cells = vec![("cells", MAX_DENSE_CELLS.to_string())];
                        return Err(OleProblem::Refused(Refusal::TooLarge(Why::new("io_why_far_apart", cells))));
                    }
                    span = Some(s);
                }
            }
            _ => {}
        }
        pos += 4 + len;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compound file of 512-byte sectors: header, one table sector (sector 0) with `fat`, and `extra` sectors.
    fn cfb(fat: &[u32], extra: usize) -> Vec<u8> {
        let mut b = vec![0u8; 512 * (2 + extra)];
        b[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        b[30..32].copy_from_slice(&9u16.to_le_bytes());
        b[68..72].copy_from_slice(&u32::MAX.to_le_bytes());
        b[76..80].copy_from_slice(&0u32.to_le_bytes());
        for i in 1..109 {
            b[76 + 4 * i..80 + 4 * i].copy_from_slice(&u32::MAX.to_le_bytes());
        }
        for (i, v) in fat.iter().enumerate() {
            b[512 + 4 * i..516 + 4 * i].copy_from_slice(&v.to_le_bytes());
        }
        b
    }

    #[test]
    fn chains_that_end_pass_and_a_loop_is_refused() {
        let end = 0xFFFF_FFFE;
        assert_eq!(check(&cfb(&[0xFFFF_FFFD, 2, end], 2)), Ok(()));
        assert!(matches!(check(&cfb(&[0xFFFF_FFFD, 2, 3, 1], 3)), Err(OleProblem::Corrupt(_))));
        assert!(check(&cfb(&[0xFFFF_FFFD, 1], 1)).is_err(), "a sector pointing at itself");
        assert_eq!(check(b"\xD0\xCF\x11\xE0"), Ok(()));
    }

    #[test]
    fn a_loop_in_a_table_sector_cut_short_by_the_end_of_the_file_is_refused() {
        // The table sits in sector 1, the file's last, cut to 8 bytes: entries 0 -> 0 (a loop) and 1 -> end.
        let mut b = cfb(&[], 1);
        b[76..80].copy_from_slice(&1u32.to_le_bytes());
        b[48..52].copy_from_slice(&0u32.to_le_bytes());
        b.truncate(1024 + 8);
        b[1024..1028].copy_from_slice(&0u32.to_le_bytes());
        b[1028..1032].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        assert!(matches!(check(&b), Err(OleProblem::Corrupt(_))));
        b[1024..1028].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        assert_eq!(check(&b), Ok(()));
    }

    #[test]
    fn a_dimensions_claim_past_the_budget_is_refused() {
        let record = |rows: u32, cols: u16| {
            let mut r = vec![0x00, 0x02, 14, 0];
            r.extend(0u32.to_le_bytes());
            r.extend(rows.to_le_bytes());
            r.extend(0u16.to_le_bytes());
            r.extend(cols.to_le_bytes());
            r.extend([0, 0]);
            r
        };
        assert_eq!(dimension_claims(&record(65_535, 255)), Ok(()));
        assert!(matches!(dimension_claims(&record(u32::MAX, 255)), Err(OleProblem::Refused(_))));
        let number = |row: u16, col: u16| {
            let mut r = vec![0x03, 0x02, 14, 0];
            r.extend(row.to_le_bytes());
            r.extend(col.to_le_bytes());
            r.extend([0u8; 10]);
            r
        };
        let near = [number(0, 0), number(65_535, 255)].concat();
        assert_eq!(dimension_claims(&near), Ok(()));
        let far = [number(0, 0), number(65_535, 65_535)].concat();
        assert!(matches!(dimension_claims(&far), Err(OleProblem::Refused(_))));
    }
}
