//! calamine 0.38's reading of a compound file (`cfb.rs`: `Cfb::new`, `Sectors::get`, `get_chain`, `get_stream`,
//! and `Xls::parse_workbook`'s choice of stream), mirrored step by step, so that the checks before calamine
//! opens an `.xls` see exactly the allocation table and the workbook stream calamine will read.
//!
//! A near copy was not enough: fuzzing found files whose workbook stream calamine found and ours did not (a
//! stream named `WORKBOOK`: calamine matches names ignoring case) and so passed a claim of 32 TB. What is
//! mirrored: the header (512 bytes, or 4,096 with 4 KB sectors), the sector cache that reads the file in order
//! and keeps it (a sector running past the end of the file reads short the first time and as zeros after), the
//! one reader shared by the sectors and the mini sectors (a mini sector past the mini stream reads the file
//! where the reader stands), the names decoded from UTF-16 up to the first NUL, the stream lengths (`u32`, or
//! `u64` with 4 KB sectors), the mini stream below 4,096 bytes, and `Workbook` tried before `Book` after any
//! error. Where calamine returns an error or panics, the mirror returns `None` and leaves it to calamine.
//! A new calamine version is taken only after its `cfb.rs` and `Xls::parse_workbook` are compared with this file
//! (`Cargo.toml` pins the version for that reason).
//!
//! Cost: the file's bytes once into the sector cache (as calamine), each chain once, bounded by the file's size;
//! a chain that loops is reported, never followed past the length asked when that length is over the file's.

/// Chains end at or above this id (free, end of chain, table sectors).
pub const RESERVED: u32 = 0xFFFF_FFFA;
/// Ids at or above this are no table sectors (DIFAT, FAT markers).
const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;

/// Where the mirror stops before calamine would run away.
#[derive(Debug, PartialEq, Eq)]
pub enum Stop {
    /// A chain calamine would follow for ever (growing without end, or in a circle of empty sectors).
    Loops,
    /// An allocation table larger than the file (sectors named again and again by the DIFAT): calamine builds it
    /// whole, gigabytes from a file of 200 MB.
    TableTooLarge,
}

/// The file as calamine's `Cursor` reads it: in order, as much as is left.
struct Reader<'a> {
    file: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> usize {
        let n = buf.len().min(self.file.len().saturating_sub(self.pos));
        buf[..n].copy_from_slice(&self.file[self.pos..self.pos + n]);
        self.pos += n;
        n
    }
}

/// calamine's `Sectors`: a cache grown in order from the reader.
struct Sectors {
    data: Vec<u8>,
    size: usize,
    maxid: u32,
}

impl Sectors {
    /// The sector, or `None` where calamine errs (an id past `maxid`) or panics (a sector starting past what the
    /// file held when it was first read).
    fn get(&mut self, id: u32, r: &mut Reader) -> Option<&[u8]> {
        if self.maxid < id {
            return None;
        }
        let start = id as usize * self.size;
        let end = start + self.size;
        if end > self.data.len() {
            let mut len = self.data.len();
            self.data.resize(end, 0);
            while len < end {
                let read = r.read(&mut self.data[len..end]);
                if read == 0 {
                    return self.data.get(start..len);
                }
                len += read;
            }
        }
        self.data.get(start..end)
    }

    /// calamine's `get_chain`; `Err(Loops)` where it would follow a loop for ever or past `len` bytes over
    /// `bound` (past the table's length a chain has met a sector twice; each round then adds a sector, unless
    /// its sectors read empty, when calamine never ends).
    fn chain(
        &mut self,
        mut id: u32,
        fats: &[u32],
        r: &mut Reader,
        len: usize,
        bound: usize,
    ) -> Result<Option<Vec<u8>>, Stop> {
        let mut chain = Vec::new();
        let mut steps = 0usize;
        while id != ENDOFCHAIN {
            steps += 1;
            if steps > fats.len() + 1 && (len > bound || steps > fats.len() + 1 + len) {
                return Err(Stop::Loops);
            }
            let Some(sector) = self.get(id, r) else { return Ok(None) };
            let to_copy = sector.len().min(len - chain.len());
            chain.extend_from_slice(&sector[..to_copy]);
            if chain.len() >= len {
                break;
            }
            let Some(&next) = fats.get(id as usize) else { return Ok(None) };
            id = next;
        }
        Ok(Some(chain))
    }
}

/// calamine's `utils::to_u32`, which asserts a length that is a multiple of four.
fn to_u32(s: &[u8]) -> Option<Vec<u32>> {
    s.len().is_multiple_of(4).then(|| s.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4).map_or(0, |c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

struct Directory {
    name: String,
    start: u32,
    len: usize,
}

/// What calamine reads of a compound file before it parses the workbook.
pub struct Mirrored {
    /// The allocation table, as calamine builds it.
    pub fat: Vec<u32>,
    /// The workbook stream calamine will parse; `None` where calamine stops with an error or a panic first.
    pub workbook: Option<Vec<u8>>,
}

/// The allocation table calamine builds and the workbook stream it will parse: `Ok(None)` where calamine stops
/// with an error or a panic before it has a table; `Err` where it would read without end or build a table larger
/// than the file.
pub fn mirror(file: &[u8]) -> Result<Option<Mirrored>, Stop> {
    let mut r = Reader { file, pos: 0 };
    let mut head = [0u8; 512];
    if r.read(&mut head) < 512 || head[..8] != *b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" {
        return Ok(None);
    }
    let large = match u16::from_le_bytes([head[30], head[31]]) {
        9 => false,
        12 => {
            let mut rest = [0u8; 4096 - 512];
            if r.read(&mut rest) < rest.len() {
                return Ok(None);
            }
            true
        }
        _ => return Ok(None),
    };
    if u16::from_le_bytes([head[32], head[33]]) != 6 {
        return Ok(None);
    }
    let size = if large { 4096 } else { 512 };
    let difat_start = u32_at(&head, 68);
    let Some(mut difat) = to_u32(&head[76..512]) else { return Ok(None) };
    let maxid = file.len() / size;
    let mut sectors = Sectors { data: Vec::new(), size, maxid: maxid as u32 };
    let mut id = difat_start;
    let mut steps = 0usize;
    while id < RESERVED {
        steps += 1;
        if steps > maxid.saturating_add(1) {
            return Ok(None);
        }
        let Some(more) = sectors.get(id, &mut r).and_then(to_u32) else { return Ok(None) };
        difat.extend(more);
        let Some(next) = difat.pop() else { return Ok(None) };
        id = next;
    }
    let mut fats = Vec::new();
    for id in difat.into_iter().filter(|&id| id < DIFSECT) {
        let Some(more) = sectors.get(id, &mut r).and_then(to_u32) else { return Ok(None) };
        fats.extend(more);
        if fats.len() > file.len() {
            return Err(Stop::TableTooLarge);
        }
    }
    let workbook = after_table(&mut sectors, &mut r, &fats, (&head, large, maxid))?;
    Ok(Some(Mirrored { fat: fats, workbook }))
}

/// The directories, the mini stream and the workbook stream, read as calamine reads them after the table.
fn after_table(
    sectors: &mut Sectors,
    r: &mut Reader,
    fats: &[u32],
    (head, large, maxid): (&[u8; 512], bool, usize),
) -> Result<Option<Vec<u8>>, Stop> {
    let bound = r.file.len();
    let version = u16::from_le_bytes([head[26], head[27]]);
    let size = sectors.size;
    let (dir_start, mini_fat_start, mini_fat_len) = (u32_at(head, 48), u32_at(head, 60), u32_at(head, 64) as usize);
    let Some(dirs) = sectors.chain(dir_start, fats, r, usize::MAX, bound)? else { return Ok(None) };
    let dirs: Vec<Directory> = dirs.chunks_exact(128).map(|c| directory(c, large)).collect();
    if dirs.is_empty() || (version != 3 && dirs[0].start == ENDOFCHAIN) {
        return Ok(None);
    }
    let (mini_fats, ministream) = if mini_fat_len > 0 {
        let Some(ministream) = sectors.chain(dirs[0].start, fats, r, dirs[0].len, bound)? else {
            return Ok(None);
        };
        let Some(minifat) = sectors.chain(mini_fat_start, fats, r, mini_fat_len * size, bound)? else {
            return Ok(None);
        };
        let Some(minifat) = to_u32(&minifat) else { return Ok(None) };
        (minifat, ministream)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut minis = Sectors { data: ministream, size: 64, maxid: (maxid * 8) as u32 };
    let mut stream = |name: &str| -> Result<Option<Vec<u8>>, Stop> {
        let Some(d) = dirs.iter().find(|d| d.name.as_bytes().eq_ignore_ascii_case(name.as_bytes())) else {
            return Ok(None);
        };
        if d.len < 4096 {
            minis.chain(d.start, &mini_fats, r, d.len, bound)
        } else {
            sectors.chain(d.start, fats, r, d.len, bound)
        }
    };
    match stream("Workbook")? {
        Some(s) => Ok(Some(s)),
        None => stream("Book"),
    }
}

/// calamine's `Directory::from_slice`: the name decoded from 64 bytes as `encoding_rs` decodes UTF-16LE (a byte
/// order mark makes it UTF-8 or UTF-16BE: `WORKBOOK` behind a UTF-8 mark is still found) and cut at its first
/// NUL; the length a `u32`, or a `u64` with 4 KB sectors.
fn directory(buf: &[u8], large: bool) -> Directory {
    let mut name = encoding_rs::UTF_16LE.decode(&buf[..64]).0.into_owned();
    if let Some(l) = name.as_bytes().iter().position(|b| *b == 0) {
        name.truncate(l);
    }
    let len = if large {
        buf.get(120..128).map_or(0, |b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
    } else {
        u64::from(u32_at(buf, 120))
    };
    Directory { name, start: u32_at(buf, 116), len: usize::try_from(len).unwrap_or(usize::MAX) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &[u8]) -> Vec<u8> {
        let mut e = vec![0u8; 128];
        e[..name.len()].copy_from_slice(name);
        e[116..120].copy_from_slice(&7u32.to_le_bytes());
        e[120..124].copy_from_slice(&5000u32.to_le_bytes());
        e
    }

    #[test]
    fn names_are_decoded_as_calamine_decodes_them() {
        let utf16: Vec<u8> = "Workbook".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(directory(&entry(&utf16), false).name, "Workbook");
        // A UTF-8 byte order mark: encoding_rs reads the rest as UTF-8.
        let bom = [&[0xEF, 0xBB, 0xBF][..], b"WORKBOOK"].concat();
        let d = directory(&entry(&bom), false);
        assert!(d.name.eq_ignore_ascii_case("Workbook"), "{:?}", d.name);
        assert_eq!((d.start, d.len), (7, 5000));
    }
}
