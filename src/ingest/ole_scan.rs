//! Checking an OLE compound file (`.xls`, an encrypted `.xlsx`) before calamine opens it: no sector chain of its
//! allocation table may loop. calamine 0.38 follows the directory chain with no length limit (`Cfb::new`, the
//! `get_chain(dir_start, .., usize::MAX)` call), so a 17 KB file whose table sends a sector back to itself made it
//! allocate without end (found by fuzzing; 22 GB within a minute). Fixed here, not yet reported upstream.
//!
//! Cost: the allocation table once (at most the file's size / 128 entries), each entry visited once.

/// Chains end at or above this id (free, end of chain, table sectors).
const RESERVED: u32 = 0xFFFF_FFFA;

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// `Err` with a reason when a chain of the allocation table loops. A header this check cannot make sense of is
/// left to calamine, which reports it.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    let Some(shift) = bytes.get(30..32).map(|b| u16::from_le_bytes([b[0], b[1]])) else { return Ok(()) };
    if shift != 9 && shift != 12 {
        return Ok(());
    }
    let size = 1usize << shift;
    let sectors = bytes.len() / size;
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        bytes.get(start..start.checked_add(size)?)
    };
    // The table's own sectors: 109 ids in the header, then a chain of DIFAT sectors (bounded by the file).
    let mut table_ids: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 76 + 4 * i)).collect();
    let mut next = u32_at(bytes, 68).unwrap_or(u32::MAX);
    let mut steps = 0;
    while next < RESERVED && steps <= sectors {
        let Some(s) = sector(next) else { break };
        let ids = size / 4 - 1;
        table_ids.extend((0..ids).filter_map(|i| u32_at(s, 4 * i)));
        next = u32_at(s, 4 * ids).unwrap_or(u32::MAX);
        steps += 1;
    }
    let mut fat: Vec<u32> = Vec::new();
    for id in table_ids.into_iter().filter(|&id| id < RESERVED) {
        if let Some(s) = sector(id) {
            fat.extend((0..size / 4).filter_map(|i| u32_at(s, 4 * i)));
        }
        if fat.len() > bytes.len() {
            return Err("its allocation table is larger than the file".into());
        }
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
                return Err("a sector chain loops (a corrupt or hostile compound file)".into());
            }
            if walk_of[n] != 0 {
                break;
            }
            at = n;
        }
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
        assert!(check(&cfb(&[0xFFFF_FFFD, 2, 3, 1], 3)).is_err());
        assert!(check(&cfb(&[0xFFFF_FFFD, 1], 1)).is_err(), "a sector pointing at itself");
        assert_eq!(check(b"\xD0\xCF\x11\xE0"), Ok(()));
    }
}
