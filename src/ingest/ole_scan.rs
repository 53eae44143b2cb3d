//! Checking an OLE compound file (`.xls`, an encrypted `.xlsx`) before calamine opens it: no sector chain of its
//! allocation table may loop. calamine 0.38 follows the directory chain with no length limit (`Cfb::new`, the
//! `get_chain(dir_start, .., usize::MAX)` call), so a 17 KB file whose table sends a sector back to itself made it
//! allocate without end (found by fuzzing; 22 GB within a minute; upstream tafia/calamine#550). The table and the
//! workbook stream checked are the ones calamine reads ([`super::cfb_mirror`]); the stream is then handed to
//! [`super::biff_claims`], which measures what calamine will reserve while reading it.
//!
//! Cost: the mirror's (the file once), then the allocation table walked once (at most the file's size / 4
//! entries), each entry visited once.

use super::budget::Refusal;
use super::cfb_mirror::{self, Mirrored, RESERVED, Stop};
use crate::findings::Why;

/// Why a compound file is not handed to calamine.
#[derive(Debug, PartialEq, Eq)]
pub enum OleProblem {
    Corrupt(Why),
    Refused(Refusal),
}

/// `Err` when a chain of the allocation table loops, the table is larger than the file, or the workbook stream
/// claims too much (see [`super::biff_claims`]). A file calamine will refuse (or panic on) is left to it.
pub fn check(bytes: &[u8]) -> Result<(), OleProblem> {
    let Mirrored { fat, workbook } = match cfb_mirror::mirror(bytes) {
        Ok(Some(found)) => found,
        Ok(None) => return Ok(()),
        Err(Stop::Loops) => return Err(OleProblem::Corrupt(Why::new("io_why_chain_loops", vec![]))),
        Err(Stop::TableTooLarge) => return Err(OleProblem::Corrupt(Why::new("io_why_table_too_large", vec![]))),
    };
    // Stricter than calamine: a chain that loops anywhere in the table (not only on calamine's way) is refused;
    // no real file has one. Each chain walked once; a walk meeting a sector of its own walk loops.
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
    match workbook {
        Some(stream) => super::biff_claims::check(&stream).map_err(OleProblem::Refused),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compound file of 512-byte sectors: header, one table sector (sector 0) with `fat`, and `extra` sectors.
    fn cfb(fat: &[u32], extra: usize) -> Vec<u8> {
        let mut b = vec![0u8; 512 * (2 + extra)];
        b[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        b[30..32].copy_from_slice(&9u16.to_le_bytes());
        b[32..34].copy_from_slice(&6u16.to_le_bytes());
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
}
