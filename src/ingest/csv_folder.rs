//! Reading one CSV file of a CSV export folder: encoding, delimiter, records and the row numbers a user sees.
//!
//! The export contract asks for `;`, `,` or tab as delimiter, UTF-8 with or without BOM or Windows-1252, and quoted
//! fields holding delimiters and newlines. How this reader settles each point:
//!
//! - Encoding: a UTF-8 BOM is stripped; a file whose bytes are all valid UTF-8 is read as UTF-8, any other as
//!   Windows-1252 (which maps every byte, so it cannot fail): a decision about the whole file, taken by a first pass
//!   over it. A UTF-16 LE/BE BOM (Excel's "Unicode text") is decoded as UTF-16; malformed UTF-16 is refused. Text
//!   holding a NUL character after decoding is refused as binary data (a renamed workbook, or UTF-16 without BOM).
//! - Delimiter: counted on the header line, the first line holding anything but white space, quotes and delimiters
//!   (so a `;;;` line before the header does not decide). `;`, tab and `,` are counted outside double quotes; the most
//!   frequent wins, ties prefer `;`, then tab, then `,`; with none of them the file is one column (`;`).
//! - Records: the csv crate with `"` quoting, `""` as an escaped quote, CR, LF or CRLF line ends, records of any
//!   length, no header handling; a U+FEFF opening the text is dropped. Cells keep their text as is (no trimming); an
//!   empty field is [`RawCell::Empty`]. Numbers are not parsed here.
//! - Row numbers: blank records (every cell empty or spaces) before the header are skipped and not numbered. The
//!   header is row 1 and goes into the rows as the first row; every later record adds one, however many lines a
//!   quoted field spans. A blank record, including an empty line (which the csv crate skips silently), counts as one
//!   record, as in Python's csv module and Excel, but is left out of the rows: the numbers keep the gap. Empty lines
//!   are counted from the line ends between two records: the csv crate decides where records start and end, and
//!   neither end of a record's text can be a line end, so the run of CR/LF bytes around the reader's position between
//!   two records is exactly their separator; n line ends there (CRLF counting once) mean n - 1 empty lines.
//! - Streaming ([`stream`]): the text is decoded and parsed a chunk (1 MB) at a time: a first pass decides the
//!   encoding, a second finds the delimiter on the first lines, a third reads the records; the run of line ends
//!   between two records is measured as the reader passes it. Same rows, numbers and errors as reading the whole file.
//! - Budgets ([`super::budget`]): a device, pipe or link to one is refused unopened; a file over 1 GB (the contract
//!   sets no size for CSV: a national export's files are some 250 MB), a record over 16,384 fields and a field
//!   over 32,767 characters are `too_large`. Cost: a few chunks of the file (some 10 MB at most), one record, and
//!   the cells of the rows that are not blank.

use std::io::{Cursor, Read, Seek};
use std::path::Path;

use super::budget::{self, MAX_CSV_BYTES, Refusal};
use super::raw::{RawCell, RawRow, RawSheet};
use crate::findings::Why;
use crate::i18n::Lang;

mod records;
mod stream;
#[cfg(test)]
mod tests_memory;
#[cfg(test)]
mod tests_oracle;

/// The delimiters looked for, in the order ties are settled.
const DELIMITERS: [u8; 3] = [b';', b'\t', b','];

/// Why a CSV file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvError {
    Unreadable(Why),
    Refused(Refusal),
}

impl From<Why> for CsvError {
    fn from(reason: Why) -> Self {
        CsvError::Unreadable(reason)
    }
}

impl From<Refusal> for CsvError {
    fn from(r: Refusal) -> Self {
        CsvError::Refused(r)
    }
}

/// The reason in English (for tests and logs).
impl From<CsvError> for String {
    fn from(e: CsvError) -> Self {
        match e {
            CsvError::Unreadable(reason) | CsvError::Refused(Refusal::TooLarge(reason)) => reason.text(Lang::En),
            CsvError::Refused(Refusal::NotARegularFile) => Why::new("io_why_not_regular", vec![]).text(Lang::En),
        }
    }
}

/// Reads one CSV file into a raw sheet named after the file's stem. `display` is the file's name as
/// findings show it. An `Err` holds the reason the file cannot be read at all.
pub fn read_csv_file(path: &Path, display: &str) -> Result<RawSheet, CsvError> {
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let rows = collect_rows(|sink| read_csv_file_into(path, sink))?;
    Ok(RawSheet { name, file: display.to_string(), rows })
}

/// Reads one CSV file row by row: `sink` gets each row that is not blank, with the row number a user sees, as it is
/// parsed (the cells are the sink's to take; what it leaves is cleared). Nothing of the file is kept here: a reader
/// that types rows as they come never holds the file's raw cells. An `Err` holds the reason the file cannot be read
/// at all; the rows handed out before it then count for nothing.
pub fn read_csv_file_into(path: &Path, sink: &mut dyn FnMut(u32, &mut Vec<RawCell>)) -> Result<(), CsvError> {
    let meta = budget::regular_file(path)?;
    if meta.len() > MAX_CSV_BYTES {
        return Err(too_large());
    }
    let file = std::fs::File::open(path).map_err(stream::cannot_read)?;
    // The size on disk is a hint, never trusted: the first pass stops past the budget. It
    // only sizes the chunks read at a time (the text is read to its end whatever it says):
    // a small file is not read through a zeroed 1 MB buffer (750 small files made that
    // a fifth of a run).
    read_into(file, MAX_CSV_BYTES, chunk_for(meta.len()), sink)
}

/// Reads the bytes of one CSV file into a raw sheet called `name`, recorded as read from `display`.
pub fn read_csv_bytes(bytes: &[u8], name: &str, display: &str) -> Result<RawSheet, CsvError> {
    let rows = read_rows(Cursor::new(bytes), u64::MAX, stream::CHUNK)?;
    Ok(RawSheet { name: name.to_string(), file: display.to_string(), rows })
}

/// The chunk size for a file said to hold `len` bytes: the whole file in one chunk when it
/// is small, at least 4 KB, at most [`stream::CHUNK`].
fn chunk_for(len: u64) -> usize {
    usize::try_from(len.saturating_add(4)).unwrap_or(usize::MAX).clamp(4096, stream::CHUNK)
}

fn too_large() -> CsvError {
    Refusal::TooLarge(Why::new("io_why_csv_too_large", vec![("mb", (MAX_CSV_BYTES >> 20).to_string())])).into()
}

/// The rows of a CSV text of at most `limit` bytes, read `chunk` bytes at a time: the encoding decided by a first
/// pass, the delimiter from the first lines, then the records.
fn read_rows<R: Read + Seek>(raw: R, limit: u64, chunk: usize) -> Result<Vec<RawRow>, CsvError> {
    collect_rows(|sink| read_into(raw, limit, chunk, sink))
}

/// The rows a row-by-row `read` hands out, kept.
fn collect_rows(
    read: impl FnOnce(&mut dyn FnMut(u32, &mut Vec<RawCell>)) -> Result<(), CsvError>,
) -> Result<Vec<RawRow>, CsvError> {
    let mut rows = Vec::new();
    read(&mut |number, cells| rows.push(RawRow { number, cells: std::mem::take(cells) }))?;
    Ok(rows)
}

/// As [`read_rows`], handing each row to `sink`.
fn read_into<R: Read + Seek>(
    mut raw: R,
    limit: u64,
    chunk: usize,
    sink: &mut dyn FnMut(u32, &mut Vec<RawCell>),
) -> Result<(), CsvError> {
    let plan = stream::scan(&mut raw, chunk, limit, too_large)?;
    let delimiter =
        stream::detect_delimiter(&mut stream::Text::new(&mut raw, plan, chunk).map_err(stream::cannot_read)?)
            .map_err(stream::cannot_read)?;
    parse_rows(stream::Text::new(raw, plan, chunk).map_err(stream::cannot_read)?, delimiter, sink)
}

fn parse_rows<R: Read + Seek>(
    text: stream::Text<R>,
    delimiter: u8,
    sink: &mut dyn FnMut(u32, &mut Vec<RawCell>),
) -> Result<(), CsvError> {
    let mut records = records::Records::new(text, delimiter);
    let mut cells: Vec<RawCell> = Vec::new();
    // 0 until the header is found.
    let mut number: u32 = 0;
    while records.read().map_err(stream::cannot_read)? {
        // The line ends between the previous record and this one, then the boundary after this one.
        let line_ends = records.get_ref().boundary_line_ends();
        let after = records.position();
        records.get_mut().mark_boundary(after);
        if records.len() > budget::MAX_COLUMNS as usize {
            budget::check_column(budget::MAX_COLUMNS)?;
        }
        cells.clear();
        for field in records.fields() {
            let field = field.map_err(|e| Why::new("io_why_not_csv", vec![("error", e.to_string())]))?;
            budget::check_cell_text(field)?;
            cells.push(to_cell(field));
        }
        let blank = cells.iter().all(RawCell::is_blank);
        if number == 0 {
            if blank {
                continue;
            }
            number = 1;
        } else {
            number = number.saturating_add(line_ends);
        }
        if !blank {
            sink(number, &mut cells);
        }
    }
    Ok(())
}

fn to_cell(field: &str) -> RawCell {
    if field.is_empty() { RawCell::Empty } else { RawCell::Text(field.into()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type Table = Vec<(u32, Vec<String>)>;

    #[test]
    fn a_small_file_is_read_in_one_small_chunk_a_large_one_in_1_mb_chunks() {
        assert_eq!(chunk_for(0), 4096);
        assert_eq!(chunk_for(50_000), 50_004);
        assert_eq!(chunk_for(u64::MAX), stream::CHUNK);
        assert_eq!(chunk_for(stream::CHUNK as u64 - 4), stream::CHUNK);
    }

    #[test]
    fn a_file_larger_than_its_chunk_reads_as_a_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("gezinnen.csv");
        let mut text = String::from("gezin_id;start\r\n");
        for i in 0..2_000 {
            text.push_str(&format!("G{i};2026-01-{:02}\r\n", i % 28 + 1));
        }
        std::fs::write(&path, &text).expect("written");
        let whole = read_csv_file(&path, "gezinnen.csv").map_err(String::from);
        let small = read_rows(std::fs::File::open(&path).expect("open"), MAX_CSV_BYTES, 4096).map_err(String::from);
        let (Ok(whole), Ok(small)) = (whole, small) else { panic!("both read") };
        assert_eq!(whole.rows.len(), 2_001);
        assert_eq!(whole.rows, small);
    }

    /// Row numbers and cell texts (an empty cell as "").
    fn table(bytes: &[u8]) -> Result<Table, String> {
        let sheet = read_csv_bytes(bytes, "s", "s.csv")?;
        Ok(sheet.rows.iter().map(|r| (r.number, r.cells.iter().map(RawCell::display).collect())).collect())
    }

    fn t(rows: &[(u32, &[&str])]) -> Table {
        rows.iter().map(|(n, cells)| (*n, cells.iter().map(|c| c.to_string()).collect())).collect()
    }

    #[test]
    fn semicolon_with_decimal_commas() {
        let got = table(b"naam;uren;bedrag\nAnna;12,5;\"1.250,00\"\n\"Bo; de\";3,75;\n");
        let want =
            t(&[(1, &["naam", "uren", "bedrag"]), (2, &["Anna", "12,5", "1.250,00"]), (3, &["Bo; de", "3,75", ""])]);
        assert_eq!(got, Ok(want));
    }

    #[test]
    fn comma_and_tab() {
        assert_eq!(table(b"a,b,c;d\n1,\"2,5\",x;y\n"), Ok(t(&[(1, &["a", "b", "c;d"]), (2, &["1", "2,5", "x;y"])])));
        assert_eq!(table(b"a\tb,c\n1\t2,5\n"), Ok(t(&[(1, &["a", "b,c"]), (2, &["1", "2,5"])])));
    }

    #[test]
    fn delimiter_ties_quotes_and_single_column() {
        assert_eq!(table(b"a;b,c\n"), Ok(t(&[(1, &["a", "b,c"])])));
        assert_eq!(table(b"a\tb,c;d\n"), Ok(t(&[(1, &["a\tb,c", "d"])])));
        assert_eq!(table(b"a\tb,c\n"), Ok(t(&[(1, &["a", "b,c"])])));
        assert_eq!(table(b"\"x,y,z\";b\n1,5;2\n"), Ok(t(&[(1, &["x,y,z", "b"]), (2, &["1,5", "2"])])));
        assert_eq!(table(b";;\nnaam\nAnna, Bo\n"), Ok(t(&[(1, &["naam"]), (2, &["Anna, Bo"])])));
    }

    #[test]
    fn encodings() {
        let bom = table(b"\xEF\xBB\xBFgezin_id;gemeente\nG1;Zo\xC3\xAB\n");
        assert_eq!(bom, Ok(t(&[(1, &["gezin_id", "gemeente"]), (2, &["G1", "Zoë"])])));
        let cp1252 = table(b"naam;bedrag\nZo\xEB;\x80 12,50\n");
        assert_eq!(cp1252, Ok(t(&[(1, &["naam", "bedrag"]), (2, &["Zoë", "€ 12,50"])])));
        let text = "naam\tbedrag\r\nZoë\t€ 5\r\n";
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        let want = t(&[(1, &["naam", "bedrag"]), (2, &["Zoë", "€ 5"])]);
        assert_eq!(table(&le), Ok(want.clone()));
        assert_eq!(table(&be), Ok(want));
        assert_eq!(table(&le[..le.len() - 1]), Err("malformed UTF-16LE text".to_string()));
        assert_eq!(table(b"PK\x03\x04\x00\x00"), Err("binary data, not a CSV file".to_string()));
    }

    #[test]
    fn cells_are_text_or_empty_and_rows_ragged() -> Result<(), String> {
        let sheet = read_csv_bytes(b"a;b;c\n 1 ;;\"\"\n  ;x\n", "gezinnen", "export/gezinnen.csv")?;
        assert_eq!((sheet.name.as_str(), sheet.file.as_str()), ("gezinnen", "export/gezinnen.csv"));
        let text = |s: &str| RawCell::Text(s.into());
        assert_eq!(sheet.rows[1].cells, vec![text(" 1 "), RawCell::Empty, RawCell::Empty]);
        assert_eq!(sheet.rows[2].cells, vec![text("  "), text("x")]);
        Ok(())
    }

    #[test]
    fn quoted_delimiters_newlines_and_quotes() {
        let got = table(b"a;b\r\n\"x;y\r\nz\";\"he said \"\"hi\"\"\"\r\n1;2\r\n");
        assert_eq!(got, Ok(t(&[(1, &["a", "b"]), (2, &["x;y\r\nz", "he said \"hi\""]), (3, &["1", "2"])])));
        let got = table(b"id;notitie\n\"1\";\"regel een\nregel twee\nregel drie\"\n2;kort\n");
        assert_eq!(
            got,
            Ok(t(&[(1, &["id", "notitie"]), (2, &["1", "regel een\nregel twee\nregel drie"]), (3, &["2", "kort"])]))
        );
    }

    #[test]
    fn blank_lines_before_the_header_are_not_numbered() {
        let got = table(b"\n\r\n;;\n   \n\"\";\"\"\na;b\n1;2\n");
        assert_eq!(got, Ok(t(&[(1, &["a", "b"]), (2, &["1", "2"])])));
    }

    #[test]
    fn blank_records_between_records_keep_their_numbers() {
        let want = t(&[(1, &["a", "b"]), (2, &["1", "2"]), (5, &["3", "4"]), (7, &["5", "6"])]);
        assert_eq!(table(b"a;b\n1;2\n\n\n3;4\n;\n5;6\n\n\n"), Ok(want.clone()));
        assert_eq!(table(b"a;b\r\n1;2\r\n\r\n\r\n3;4\r\n;\r\n5;6\r\n"), Ok(want.clone()));
        assert_eq!(table(b"a;b\r1;2\r\r\r3;4\r;\r5;6\r"), Ok(want.clone()));
        // A quoted field spanning lines is one record; blank lines after it still count.
        let got = table(b"a;b\n1;2\n\n\"x\n\ny\";q\n  \n3;4\n");
        assert_eq!(got, Ok(t(&[(1, &["a", "b"]), (2, &["1", "2"]), (4, &["x\n\ny", "q"]), (6, &["3", "4"])])));
    }

    #[test]
    fn empty_input() {
        assert_eq!(table(b""), Ok(vec![]));
        assert_eq!(table(b"\r\n \n;;\n"), Ok(vec![]));
    }

    #[test]
    fn reads_a_file_and_names_the_sheet_after_its_stem() -> Result<(), String> {
        let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/corpus/csv-spectrum/csvs/simple.csv"));
        let sheet = read_csv_file(path, "csvs/simple.csv")?;
        assert_eq!((sheet.name.as_str(), sheet.file.as_str(), sheet.rows.len()), ("simple", "csvs/simple.csv", 2));
        assert!(read_csv_file(Path::new("/nonexistent/x.csv"), "x.csv").is_err());
        Ok(())
    }

    /// Every csv-spectrum case parses to its JSON: the header row, then one row per object, values as strings.
    /// The `*_crlf` files of the shared copy have lost their CRs (the JSON of `newlines_crlf` still expects "\r\n"
    /// inside the quoted field), so where such a file holds no CR the CRLF original is rebuilt from it.
    #[test]
    fn csv_spectrum_corpus() -> Result<(), Box<dyn std::error::Error>> {
        let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/corpus/csv-spectrum"));
        let mut cases = std::fs::read_dir(dir.join("csvs"))
            .map_err(|e| format!("csv-spectrum corpus missing at {}: {e}", dir.display()))?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<Vec<_>, _>>()?;
        cases.sort();
        assert!(cases.len() >= 10, "csv-spectrum corpus incomplete: {cases:?}");
        for path in cases {
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let mut bytes = std::fs::read(&path)?;
            if stem.ends_with("_crlf") && !bytes.contains(&b'\r') {
                bytes = String::from_utf8(bytes)?.replace('\n', "\r\n").into_bytes();
            }
            let json: Vec<serde_json::Map<String, serde_json::Value>> =
                serde_json::from_slice(&std::fs::read(dir.join("json").join(format!("{stem}.json")))?)?;
            let rows = table(&bytes)?;
            let Some(((1, header), records)) = rows.split_first() else { panic!("{stem}: no header row: {rows:?}") };
            assert_eq!(records.len(), json.len(), "{stem}: {rows:?}");
            for ((number, cells), (i, object)) in records.iter().zip(json.iter().enumerate()) {
                assert_eq!(*number as usize, i + 2, "{stem}");
                let got: serde_json::Map<_, _> =
                    header.iter().cloned().zip(cells.iter().map(|c| serde_json::Value::from(c.as_str()))).collect();
                assert_eq!((cells.len(), &got), (header.len(), object), "{stem}");
            }
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            if let Ok(rows) = table(&bytes) {
                prop_assert!(rows.first().is_none_or(|r| r.0 == 1));
                prop_assert!(rows.windows(2).all(|w| w[0].0 < w[1].0));
            }
        }

        #[test]
        fn csv_like_bytes_never_panic(bytes in proptest::collection::vec(prop::sample::select(b";,\t\"\r\n a\xEB".to_vec()), 0..256)) {
            let _ = table(&bytes);
        }

        /// Without quotes every line is one record: its number is its line's number counted from the header line.
        #[test]
        fn unquoted_lines_are_numbered_as_lines(
            lines in proptest::collection::vec("[ab ;]{0,6}", 0..12),
            end in prop::sample::select(vec!["\n", "\r\n", "\r"]),
        ) {
            let text: String = lines.iter().map(|l| format!("{l}{end}")).collect();
            let blank = |l: &str| l.chars().all(|c| c == ' ' || c == ';');
            let want: Table = match lines.iter().position(|l| !blank(l)) {
                None => vec![],
                Some(h) => lines.iter().enumerate().skip(h).filter(|(_, l)| !blank(l))
                    .map(|(i, l)| ((i - h + 1) as u32, l.split(';').map(str::to_string).collect())).collect(),
            };
            prop_assert_eq!(table(text.as_bytes()), Ok(want));
        }
    }
}
