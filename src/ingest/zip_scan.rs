//! Checking a zipped workbook (`.xlsx`, `.xlsm`, `.xlsb`, `.ods`) before calamine opens it: every part expands
//! within its budget, and no part makes calamine allocate from a claim.
//!
//! Cost: every part is inflated once, the shared strings and `.ods` content parts through a streaming XML reader;
//! time grows with the real expanded size. Memory stays at one XML event, or, for a `.xlsx` whose parts are kept
//! for [`super::xlsx_lite`], the inflated parts within [`Parts`]'s budget.
//!
//! Two claims calamine 0.38 trusts, fixed here rather than in calamine (upstream: calamine reserves
//! `sst/@uniqueCount` strings in `Xlsx::read_shared_strings`, tafia/calamine#684, open; and `.ods` repeat
//! attributes are expanded up to its own `MAX_CELLS` of 100,000,000 cells, tafia/calamine#594):
//! - a shared-strings part whose `uniqueCount` exceeds the strings it holds is rewritten with the real count
//!   (the workbook is rebuilt in memory with the other parts copied as they are);
//! - an `.ods` sheet whose non-empty area, repeats included, spans over [`MAX_DENSE_CELLS`] cells is refused.

use std::io::{BufReader, Cursor, Read, Write};

use quick_xml::events::{BytesStart, Event};

use super::budget::{MAX_DENSE_CELLS, Refusal, expansion_limit};
use super::xlsx_lite::{Bail, Parts};
use crate::findings::Why;

/// What the scan decided: read the bytes as they are, read these rebuilt bytes, or refuse.
#[derive(Debug)]
pub enum Scan {
    AsIs,
    Rebuilt(Vec<u8>),
}

/// Scans a zipped workbook. A file the zip reader cannot open is left to calamine, which reports it. When `keep`
/// asks, the inflated parts are kept too, within [`Parts`]'s budget (so that a workbook is inflated once:
/// [`super::xlsx_lite`] reads them).
pub fn scan_keeping(bytes: &[u8], keep: bool) -> Result<(Scan, Option<Parts>), Refusal> {
    scan_into(bytes, keep.then(Parts::new))
}

/// [`scan_keeping`] into `kept` (`None`: nothing is kept).
fn scan_into(bytes: &[u8], mut kept: Option<Parts>) -> Result<(Scan, Option<Parts>), Refusal> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok((Scan::AsIs, None)) };
    let mut patch = None;
    for i in 0..archive.len() {
        let Ok(part) = archive.by_index(i) else { continue };
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        let limit = expansion_limit(part.compressed_size());
        let mut capped = CappedReader { inner: part, left: limit, over: false };
        // Kept, a part is read whole into memory only while it fits what is left of the budget to keep; one
        // that does not is read on as it would be unkept, and nothing more is kept.
        let room = kept.as_ref().filter(|_| name != "content.xml").map(Parts::room);
        let (mut head, mut whole, mut broken) = (Vec::new(), false, false);
        if let Some(room) = room {
            match (&mut capped).take(room.saturating_add(1)).read_to_end(&mut head) {
                Ok(_) => whole = head.len() as u64 <= room,
                Err(_) => broken = true,
            }
            if !whole && !broken {
                kept = None;
            }
        }
        let fix = |count: Option<u64>| count.map(|count| (i, name.clone(), count));
        let outcome = if broken {
            Err(ScanError::Unreadable)
        } else if whole {
            if name.ends_with("sharedStrings.xml") { shared_strings(&head[..]).map(fix) } else { Ok(None) }
        } else {
            // What was read already comes first.
            let mut rest = Cursor::new(std::mem::take(&mut head)).chain(&mut capped);
            if name.ends_with("sharedStrings.xml") {
                shared_strings(&mut rest).map(fix)
            } else if name == "content.xml" {
                ods_content(&mut rest).map(|_| None)
            } else {
                std::io::copy(&mut rest, &mut std::io::sink()).map(|_| None).map_err(|_| ScanError::Unreadable)
            }
        };
        if capped.over {
            let ratio = super::budget::MAX_EXPANSION_RATIO.to_string();
            return Err(Refusal::TooLarge(Why::new("io_why_expands", vec![("part", name), ("ratio", ratio)])));
        }
        if let (Some(parts), Some(_)) = (&mut kept, room) {
            let bytes = match &outcome {
                Err(ScanError::Unreadable) => Err(Bail),
                _ => Ok(head),
            };
            if !parts.keep(&name, bytes) {
                kept = None;
            }
        }
        match outcome {
            Ok(Some(fix)) => patch = Some(fix),
            Ok(None) => {}
            Err(ScanError::Refused(r)) => return Err(r),
            // A part that does not inflate or parse: calamine says what is wrong with it.
            Err(ScanError::Unreadable) => {}
        }
    }
    match patch {
        None => Ok((Scan::AsIs, kept)),
        Some((index, name, count)) => rebuild(bytes, index, &name, count).map(|b| (Scan::Rebuilt(b), kept)),
    }
}

enum ScanError {
    Refused(Refusal),
    Unreadable,
}

/// Reads at most `left` bytes, noting whether there was more.
struct CappedReader<R> {
    inner: R,
    left: u64,
    over: bool,
}

impl<R: Read> Read for CappedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            let mut probe = [0u8; 1];
            if self.inner.read(&mut probe)? > 0 {
                self.over = true;
                return Err(std::io::Error::other("part over its budget"));
            }
            return Ok(0);
        }
        let want = buf.len().min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.left -= n as u64;
        Ok(n)
    }
}

fn attr(e: &BytesStart<'_>, local: &str) -> Option<u64> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.value.trim().parse::<u64>().ok())
}

/// Counts the strings of a shared-strings part; `Some(count)` when its `uniqueCount` claims more.
fn shared_strings<R: Read>(part: R) -> Result<Option<u64>, ScanError> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    let mut claimed = None;
    let mut count: u64 = 0;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "sst" => claimed = attr(&e, "uniqueCount"),
                "si" => count += 1,
                _ => {}
            },
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(_) => return Err(ScanError::Unreadable),
        }
    }
    Ok(claimed.filter(|&c| c > count).map(|_| count))
}

/// Measures every sheet of an `.ods` content part as calamine will hold it: from its first to its last non-empty
/// row, as wide as its widest non-empty row, repeats counted.
fn ods_content<R: Read>(part: R) -> Result<(), ScanError> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    let mut sheet = DenseSheet::default();
    // Within a row: the columns so far, the end of its last non-empty cell, and whether a cell is open.
    let (mut col, mut row_width, mut in_cell) = (0u64, 0u64, false);
    let mut row_repeat = 1u64;
    loop {
        buf.clear();
        let event = xml.read_event_into(&mut buf).map_err(|_| ScanError::Unreadable)?;
        let empty_element = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => {
                match e.local_name().as_ref() {
                    "table" => sheet = DenseSheet::default(),
                    "table-row" => {
                        (col, row_width) = (0, 0);
                        row_repeat = attr(&e, "number-rows-repeated").unwrap_or(1).max(1);
                        if empty_element {
                            sheet.row(0, row_repeat)?;
                        }
                    }
                    "table-cell" | "covered-table-cell" => {
                        let cell_repeat = attr(&e, "number-columns-repeated").unwrap_or(1).max(1);
                        let has_value = e.attributes().flatten().any(|a| a.key.local_name().as_ref() == "value-type");
                        col = col.saturating_add(cell_repeat);
                        if has_value {
                            row_width = col;
                        }
                        in_cell = !empty_element;
                    }
                    // Text inside a cell makes it non-empty.
                    "p" if in_cell => row_width = col,
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "table-cell" | "covered-table-cell" => in_cell = false,
                "table-row" => sheet.row(row_width, row_repeat)?,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// A sheet's dense area so far: rows up to the last non-empty one, and the widest non-empty row.
#[derive(Default)]
struct DenseSheet {
    rows: u64,
    rows_to_last: u64,
    width: u64,
}

impl DenseSheet {
    fn row(&mut self, width: u64, repeat: u64) -> Result<(), ScanError> {
        self.rows = self.rows.saturating_add(repeat);
        if width > 0 {
            self.rows_to_last = self.rows;
            self.width = self.width.max(width);
        }
        if self.rows_to_last.saturating_mul(self.width) > MAX_DENSE_CELLS {
            let cells = MAX_DENSE_CELLS.to_string();
            return Err(ScanError::Refused(Refusal::TooLarge(Why::new("io_why_repeats", vec![("cells", cells)]))));
        }
        Ok(())
    }
}

/// The workbook with its shared-strings part's `uniqueCount` set to the real `count`, other parts copied raw.
fn rebuild(bytes: &[u8], index: usize, name: &str, count: u64) -> Result<Vec<u8>, Refusal> {
    let unreadable = || Refusal::TooLarge(Why::new("io_why_shared_strings", vec![]));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let mut xml = Vec::new();
    {
        let part = archive.by_index(index).map_err(|_| unreadable())?;
        let limit = expansion_limit(part.compressed_size());
        part.take(limit).read_to_end(&mut xml).map_err(|_| unreadable())?;
    }
    let fixed = set_unique_count(&xml, count).ok_or_else(unreadable)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    for i in 0..archive.len() {
        if i == index {
            let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
            out.start_file(name, options).map_err(|_| unreadable())?;
            out.write_all(&fixed).map_err(|_| unreadable())?;
        } else {
            let part = archive.by_index_raw(i).map_err(|_| unreadable())?;
            out.raw_copy_file(part).map_err(|_| unreadable())?;
        }
    }
    out.finish().map(Cursor::into_inner).map_err(|_| unreadable())
}

/// Replaces the value of the first `uniqueCount="..."` (in the `sst` start tag) with `count`.
fn set_unique_count(xml: &[u8], count: u64) -> Option<Vec<u8>> {
    let key = b"uniqueCount=";
    let at = xml.windows(key.len()).position(|w| w == key)?;
    let quote = *xml.get(at + key.len())?;
    let value_start = at + key.len() + 1;
    let value_len = xml.get(value_start..)?.iter().position(|&b| b == quote)?;
    let mut out = Vec::with_capacity(xml.len());
    out.extend_from_slice(&xml[..value_start]);
    out.extend_from_slice(count.to_string().as_bytes());
    out.extend_from_slice(&xml[value_start + value_len..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zipped(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in parts {
            assert!(zip.start_file(*name, zip::write::SimpleFileOptions::default()).is_ok());
            assert!(zip.write_all(bytes).is_ok());
        }
        zip.finish().map(Cursor::into_inner).unwrap_or_default()
    }

    /// A part larger than what is left of the budget is read to its end all the same (its claims checked), and
    /// nothing of the workbook is kept.
    #[test]
    fn parts_are_kept_within_the_budget_only() {
        let lie = br#"<sst uniqueCount="2000000000"><si><t>a</t></si></sst>"#;
        let big = vec![b'x'; 5000];
        let book = zipped(&[("xl/a.xml", b"<a/>"), ("xl/sharedStrings.xml", lie), ("xl/big.xml", &big)]);
        let (scan, parts) = scan_into(&book, Some(Parts::with_budget(10_000))).unwrap_or((Scan::AsIs, None));
        assert!(matches!(scan, Scan::Rebuilt(_)));
        let parts = parts.map(|p| p.text("xl/big.xml").map(|t| t.map(str::len)));
        assert_eq!(parts, Some(Ok(Some(5000))));
        for budget in [100, 4000] {
            let (scan, parts) = scan_into(&book, Some(Parts::with_budget(budget))).unwrap_or((Scan::AsIs, None));
            assert!(matches!(scan, Scan::Rebuilt(_)), "the shared strings' claim is checked with {budget} to keep");
            assert!(parts.is_none(), "nothing kept with {budget}");
        }
        let bomb = zipped(&[("xl/a.xml", b"<a/>"), ("xl/bomb.xml", &vec![b' '; 3_000_000])]);
        for parts in [None, Some(Parts::with_budget(100)), Some(Parts::new())] {
            assert!(matches!(scan_into(&bomb, parts), Err(Refusal::TooLarge(_))));
        }
    }

    #[test]
    fn unique_count_is_replaced_in_place() {
        let xml = br#"<sst xmlns="x" count="3" uniqueCount="2000000000"><si><t>a</t></si></sst>"#;
        let fixed = set_unique_count(xml, 1).map(String::from_utf8);
        assert_eq!(fixed, Some(Ok(r#"<sst xmlns="x" count="3" uniqueCount="1"><si><t>a</t></si></sst>"#.into())));
    }

    #[test]
    fn shared_strings_claims_are_compared_with_the_strings_held() {
        let lie = br#"<sst uniqueCount="2000000000"><si><t>a</t></si><si><t>b</t></si></sst>"#;
        assert!(matches!(shared_strings(&lie[..]), Ok(Some(2))));
        let truth = br#"<sst uniqueCount="2"><si><t>a</t></si><si/></sst>"#;
        assert!(matches!(shared_strings(&truth[..]), Ok(None)));
    }

    #[test]
    fn ods_repeats_count_only_up_to_the_last_value() {
        let trailing = br#"<table:table><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>"#;
        assert!(ods_content(&trailing[..]).is_ok());
        let inner = br#"<table:table><table:table-row table:number-rows-repeated="98000000"><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float"/></table:table-row></table:table>"#;
        assert!(matches!(ods_content(&inner[..]), Err(ScanError::Refused(Refusal::TooLarge(_)))));
    }
}
