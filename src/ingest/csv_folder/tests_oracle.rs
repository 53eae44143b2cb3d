//! The streaming reader against the whole-file reader it replaced (kept here as the oracle): the same rows, numbers,
//! cells and errors for any bytes, whatever the chunk size.

use std::io::Cursor;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use proptest::prelude::*;

use super::*;

/// The reader as it was: the whole text decoded, then parsed.
fn oracle(bytes: &[u8]) -> Result<Vec<RawRow>, CsvError> {
    let text = old_decode(bytes)?;
    old_parse_rows(&text, old_detect_delimiter(&text))
}

fn old_decode(bytes: &[u8]) -> Result<String, Why> {
    let text = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => {
            let rest = bytes.get(bom_len..).unwrap_or_default();
            if encoding == UTF_8 {
                old_decode_8bit(rest)
            } else {
                let (text, had_errors) = encoding.decode_without_bom_handling(rest);
                if had_errors {
                    return Err(Why::new("io_why_malformed", vec![("encoding", encoding.name().to_string())]));
                }
                text.into_owned()
            }
        }
        None => old_decode_8bit(bytes),
    };
    if text.contains('\0') {
        return Err(Why::new("io_why_binary", vec![]));
    }
    Ok(text)
}

fn old_decode_8bit(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

fn is_line_end(b: u8) -> bool {
    b == b'\r' || b == b'\n'
}

fn old_detect_delimiter(text: &str) -> u8 {
    let has_content = |line: &str| line.chars().any(|c| !c.is_whitespace() && !matches!(c, ';' | ',' | '"'));
    let mut start = 0;
    let mut header = None;
    for line in text.split_inclusive(['\r', '\n']) {
        if has_content(line) {
            header = Some(start);
            break;
        }
        start += line.len();
    }
    let Some(start) = header else { return DELIMITERS[0] };
    let mut counts = [0usize; DELIMITERS.len()];
    let mut in_quotes = false;
    for &b in text.as_bytes().get(start..).unwrap_or_default() {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            if is_line_end(b) {
                break;
            }
            if let Some(i) = DELIMITERS.iter().position(|&d| d == b) {
                counts[i] += 1;
            }
        }
    }
    let mut best = 0;
    for (i, &count) in counts.iter().enumerate() {
        if count > counts[best] {
            best = i;
        }
    }
    DELIMITERS[best]
}

fn old_parse_rows(text: &str, delimiter: u8) -> Result<Vec<RawRow>, CsvError> {
    let bytes = text.as_bytes();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .quote(b'"')
        .double_quote(true)
        .terminator(csv::Terminator::CRLF)
        .from_reader(bytes);
    let mut record = csv::StringRecord::new();
    let mut rows = Vec::new();
    let mut number: u32 = 0;
    loop {
        let between = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(Why::new("io_why_not_csv", vec![("error", e.to_string())]).into()),
        }
        if record.len() > budget::MAX_COLUMNS as usize {
            budget::check_column(budget::MAX_COLUMNS)?;
        }
        for field in record.iter() {
            budget::check_cell_text(field)?;
        }
        let cells: Vec<RawCell> = record.iter().map(to_cell).collect();
        let blank = cells.iter().all(RawCell::is_blank);
        if number == 0 {
            if blank {
                continue;
            }
            number = 1;
        } else {
            number = number.saturating_add(old_line_ends_around(bytes, between));
        }
        if !blank {
            rows.push(RawRow { number, cells });
        }
    }
    Ok(rows)
}

fn old_line_ends_around(bytes: &[u8], pos: u64) -> u32 {
    let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(bytes.len());
    let start = pos - bytes[..pos].iter().rev().take_while(|&&b| is_line_end(b)).count();
    let end = pos + bytes[pos..].iter().take_while(|&&b| is_line_end(b)).count();
    let run = &bytes[start..end];
    let crlf = run.windows(2).filter(|w| w == b"\r\n").count();
    u32::try_from(run.len() - crlf).unwrap_or(u32::MAX).max(1)
}

fn streamed(bytes: &[u8], chunk: usize) -> Result<Vec<RawRow>, CsvError> {
    read_rows(Cursor::new(bytes), u64::MAX, chunk)
}

/// Bytes a CSV file is made of, the awkward ones often: delimiters, quotes, line ends, white space (NBSP and NEL
/// in UTF-8 and Windows-1252), non-ASCII and stray bytes, NUL, BOMs.
fn csv_piece() -> impl Strategy<Value = Vec<u8>> {
    prop::sample::select(vec![
        &b";"[..],
        b",",
        b"\t",
        b"\"",
        b"\"\"",
        b"\r",
        b"\n",
        b"\r\n",
        b" ",
        b"a",
        b"bc",
        b"\xC3\xAB",
        b"\xC2\xA0",
        b"\xC2\x85",
        b"\xE3\x80\x80",
        b"\xA0",
        b"\x85",
        b"\xEB",
        b"\xE2\x82",
        b"\x00",
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
    ])
    .prop_map(<[u8]>::to_vec)
}

fn csv_like() -> impl Strategy<Value = Vec<u8>> {
    let bom = prop::sample::select(vec![&b""[..], b"", b"", b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"]);
    (bom, proptest::collection::vec(csv_piece(), 0..60)).prop_map(|(bom, pieces)| {
        let mut bytes = bom.to_vec();
        bytes.extend(pieces.concat());
        bytes
    })
}

/// UTF-16 text with its BOM, sometimes cut short (malformed).
fn utf16_like() -> impl Strategy<Value = Vec<u8>> {
    let text = proptest::collection::vec(
        prop::sample::select(vec!["a", ";", ",", "\t", "\"", "\r", "\n", " ", "ë", "\u{a0}", "€", "\0", "😀"]),
        0..40,
    );
    (text, any::<bool>(), any::<bool>()).prop_map(|(text, big, cut)| {
        let units = text.concat().encode_utf16().collect::<Vec<_>>();
        let mut bytes = if big { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        bytes.extend(units.iter().flat_map(|u| if big { u.to_be_bytes() } else { u.to_le_bytes() }));
        if cut {
            bytes.pop();
        }
        bytes
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn csv_like_bytes_read_as_the_whole_file_reader_read_them(bytes in csv_like(), chunk in 1usize..8) {
        let want = oracle(&bytes);
        prop_assert_eq!(&streamed(&bytes, chunk), &want);
        prop_assert_eq!(&streamed(&bytes, stream::CHUNK), &want);
    }

    #[test]
    fn utf16_read_as_the_whole_file_reader_read_it(bytes in utf16_like(), chunk in 1usize..8) {
        prop_assert_eq!(streamed(&bytes, chunk), oracle(&bytes));
    }

    #[test]
    fn arbitrary_bytes_read_as_the_whole_file_reader_read_them(
        bytes in proptest::collection::vec(any::<u8>(), 0..300),
        chunk in 1usize..8,
    ) {
        prop_assert_eq!(streamed(&bytes, chunk), oracle(&bytes));
    }
}

/// Shapes the generator meets rarely, at every chunk size that matters.
#[test]
fn edge_shapes_read_as_the_whole_file_reader_read_them() {
    let long_blank_run = [b"a;b\n1;2".as_slice(), &b"\r\n".repeat(40), b"3;4\r", &b"\n".repeat(9), b"5"].concat();
    let quoted_header = b"\"a\nb;c\",d,e\nx;y;z\n1,2\n".to_vec();
    let nbsp_lines = "\u{a0}\u{3000};\n\u{85}\nnaam;x\n1;2".as_bytes().to_vec();
    let cases: Vec<Vec<u8>> = vec![
        vec![],
        b"\r\n\r\n".to_vec(),
        b"a".to_vec(),
        b"a;b\r\n1;2".to_vec(),
        b"a;b\r\r\n\n\r1;2\r".to_vec(),
        b"\xEF\xBB\xBF\xEF\xBB\xBFa;b\n".to_vec(),
        b"\xEF\xBB\xBF\xEF\xBB\xBF".to_vec(),
        b"\xEF\xBB\xBF\xEF\xBB\xBFa".to_vec(),
        b"\xFF\xFE\xFF\xFE".to_vec(),
        b"\xFF\xFE\xFF\xFEa\x00".to_vec(),
        b"\xEF\xBB\xBFa;\xEBb\n1;2\n".to_vec(),
        b"a;b\n\"1\n\n\";2\n\n\n3".to_vec(),
        b"a;b\n1;\"open\n\n".to_vec(),
        long_blank_run,
        quoted_header,
        nbsp_lines,
    ];
    for bytes in cases {
        let want = oracle(&bytes);
        for chunk in (1..=9).chain([64, stream::CHUNK]) {
            assert_eq!(streamed(&bytes, chunk), want, "{bytes:?} in chunks of {chunk}");
        }
    }
}

/// The budgets are reached in the same record as before: too many fields, too long a field.
#[test]
fn budgets_stop_where_they_stopped() {
    let wide = [b"a;b\n".as_slice(), &b";".repeat(budget::MAX_COLUMNS as usize), b"\n"].concat();
    let long = [b"a;b\n1;".as_slice(), &"\u{eb}".repeat(budget::MAX_CELL_CHARS + 1).into_bytes(), b"\n"].concat();
    for bytes in [wide, long] {
        let want = oracle(&bytes);
        assert!(matches!(want, Err(CsvError::Refused(_))), "{want:?}");
        for chunk in [3, 4096, stream::CHUNK] {
            assert_eq!(streamed(&bytes, chunk), want);
        }
    }
}

/// Times the stream against the whole-file reader on the file `HS_CSV_BENCH` names (both must agree):
/// `HS_CSV_BENCH=file.csv cargo test --release --lib bench_stream_against_whole_file -- --ignored --nocapture`.
#[test]
#[ignore = "a benchmark: run by hand on a large file"]
fn bench_stream_against_whole_file() -> Result<(), Box<dyn std::error::Error>> {
    let Ok(path) = std::env::var("HS_CSV_BENCH") else { return Ok(()) };
    let path = std::path::Path::new(&path);
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let old = oracle(&std::fs::read(path)?);
        let old_s = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let new = read_csv_file(path, "bench.csv").map(|s| s.rows);
        let new_s = t.elapsed().as_secs_f64();
        assert!(old == new, "the stream differs from the whole-file reader");
        println!("whole file {old_s:.3} s, stream {new_s:.3} s");
    }
    Ok(())
}
