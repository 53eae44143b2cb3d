//! The records of a CSV text, read with csv-core's parser as the csv crate's reader reads them (`"` quoting, `""`
//! as an escaped quote, CR, LF or CRLF line ends, records of any length, a UTF-8 BOM at the start dropped), but with
//! the parser built once per delimiter and thread, and reset for each file.
//!
//! Building csv-core's parser compiles its state table: some 270,000 instructions, which the csv crate's reader
//! spends for every file it opens. A national folder of CSV exports is 75,000 small files: that was a fifth of the
//! whole run. The csv crate stays the tests' reference (`tests_oracle`).
//!
//! Cost: O(bytes) per file; one record's fields and an 8 KB buffer in memory.

use std::cell::RefCell;
use std::io::{self, BufRead, BufReader, Read};

use csv_core::{ReadRecordResult, Reader, ReaderBuilder, Terminator};

/// The buffer the text is read through (the csv crate's default).
const BUFFER: usize = 8 * 1024;

thread_local! {
    /// Parsers built on this thread and done with, by delimiter (csv-core's parser cannot be cloned: its clone
    /// keeps the transition table but not the byte classes it is read through).
    static PARSERS: RefCell<Vec<(u8, Reader)>> = const { RefCell::new(Vec::new()) };
}

/// A parser for `delimiter`, ready to read from the start of a text: one this thread used before, reset, or a new one.
fn take_parser(delimiter: u8) -> Reader {
    let used = PARSERS.with(|p| {
        let mut p = p.borrow_mut();
        let i = p.iter().position(|(d, _)| *d == delimiter)?;
        Some(p.swap_remove(i).1)
    });
    match used {
        Some(mut parser) => {
            parser.reset();
            parser
        }
        None => build(delimiter),
    }
}

/// Keeps a parser for the next text read on this thread (one per delimiter).
fn give_back(delimiter: u8, parser: Reader) {
    PARSERS.with(|p| {
        let mut p = p.borrow_mut();
        if !p.iter().any(|(d, _)| *d == delimiter) {
            p.push((delimiter, parser));
        }
    });
}

fn build(delimiter: u8) -> Reader {
    ReaderBuilder::new()
        .delimiter(delimiter)
        .quote(b'"')
        .double_quote(true)
        .quoting(true)
        .terminator(Terminator::CRLF)
        .build()
}

/// Reads records one at a time from a text.
pub(super) struct Records<R> {
    input: BufReader<R>,
    delimiter: u8,
    /// Taken back by this thread's pool when the records are dropped.
    parser: Option<Reader>,
    /// The bytes of the text consumed so far.
    position: u64,
    /// The last record's fields, one after the other, and where each ends.
    fields: Vec<u8>,
    ends: Vec<usize>,
    len: usize,
    done: bool,
}

impl<R: Read> Records<R> {
    pub(super) fn new(text: R, delimiter: u8) -> Self {
        Records {
            input: BufReader::with_capacity(BUFFER, text),
            delimiter,
            parser: Some(take_parser(delimiter)),
            position: 0,
            fields: vec![0; 1024],
            ends: vec![0; 64],
            len: 0,
            done: false,
        }
    }

    /// Reads the next record; false at the end of the text.
    pub(super) fn read(&mut self) -> io::Result<bool> {
        self.len = 0;
        let Some(parser) = self.parser.as_mut().filter(|_| !self.done) else {
            return Ok(false);
        };
        let (mut out, mut end) = (0, 0);
        loop {
            let input = self.input.fill_buf()?;
            let (result, nin, nout, nend) = parser.read_record(
                input,
                self.fields.get_mut(out..).unwrap_or_default(),
                self.ends.get_mut(end..).unwrap_or_default(),
            );
            self.input.consume(nin);
            self.position += nin as u64;
            out += nout;
            end += nend;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => self.fields.resize(self.fields.len().max(1) * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len().max(1) * 2, 0),
                ReadRecordResult::Record => {
                    self.len = end;
                    return Ok(true);
                }
                ReadRecordResult::End => {
                    self.done = true;
                    return Ok(false);
                }
            }
        }
    }

    /// The bytes of the text consumed so far: just past the last record read.
    pub(super) fn position(&self) -> u64 {
        self.position
    }

    /// The last record's fields. The text is UTF-8 (it was checked or decoded before) and fields end at ASCII
    /// delimiters, so every field is text; should one not be, it is an error.
    pub(super) fn fields(&self) -> impl Iterator<Item = Result<&str, std::str::Utf8Error>> {
        let ends = self.ends.get(..self.len).unwrap_or_default();
        // The record's fields are checked at once (one call, not one per field: the calls were a seventh of
        // reading an export of 1,500 locations); fields end at ASCII bytes, so each starts and ends on a character.
        let all = std::str::from_utf8(self.fields.get(..ends.last().copied().unwrap_or(0)).unwrap_or_default());
        ends.iter().enumerate().map(move |(i, &end)| {
            let start = if i == 0 { 0 } else { ends.get(i - 1).copied().unwrap_or(0) };
            match &all {
                Ok(text) => Ok(text.get(start..end).unwrap_or_default()),
                Err(_) => std::str::from_utf8(self.fields.get(start..end).unwrap_or_default()),
            }
        })
    }

    /// The number of fields of the last record.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    pub(super) fn get_ref(&self) -> &R {
        self.input.get_ref()
    }

    pub(super) fn get_mut(&mut self) -> &mut R {
        self.input.get_mut()
    }
}

impl<R> Drop for Records<R> {
    fn drop(&mut self) {
        if let Some(parser) = self.parser.take() {
            give_back(self.delimiter, parser);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_records() {
        let mut r = Records::new(&b"a;b\n1;\"2\"\"x\"\n"[..], b';');
        let mut got = Vec::new();
        while r.read().unwrap_or(false) {
            got.push(r.fields().map(|f| f.unwrap_or("?").to_string()).collect::<Vec<_>>());
        }
        assert_eq!(got, vec![vec!["a", "b"], vec!["1", "2\"x"]]);
    }

    fn all(text: &[u8], delimiter: u8) -> Vec<Vec<String>> {
        let mut r = Records::new(text, delimiter);
        let mut got = Vec::new();
        while r.read().unwrap_or(false) {
            got.push(r.fields().map(|f| f.unwrap_or("?").to_string()).collect());
        }
        got
    }

    fn by_csv(text: &[u8], delimiter: u8) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .terminator(csv::Terminator::CRLF)
            .from_reader(text);
        reader.records().map(|r| r.map(|r| r.iter().map(str::to_string).collect()).unwrap_or_default()).collect()
    }

    /// A parser used for a text that ended in the middle of anything reads the next text as a new one would.
    #[test]
    fn a_parser_used_before_reads_the_next_text_afresh() {
        let texts: [&[u8]; 5] =
            [b"a;\"open quote\n1;2", b"\xEF\xBB\xBFx;y\r\n3;4", b"p;q\r", b"\n\"\"\"\"", b"\xEF\xBB\xBFz"];
        for _ in 0..2 {
            for text in texts {
                for delimiter in [b';', b','] {
                    assert_eq!(all(text, delimiter), by_csv(text, delimiter), "{text:?}");
                }
            }
        }
    }
}
