//! The text of one CSV file as a stream: the encoding decided by a first pass over the bytes, the text decoded chunk
//! by chunk, the delimiter found on the first lines, and the run of line ends between two records measured as the
//! csv reader passes it.
//!
//! Cost: one chunk of the file (1 MB) and its decoding in memory, never the whole file; the file is read twice (the
//! encoding is a decision about the whole file), plus the first lines a third time for the delimiter.

use std::io::{self, Read, Seek, SeekFrom};

use encoding_rs::{Decoder, Encoding, UTF_8, WINDOWS_1252};

use super::CsvError;
use crate::findings::Why;

/// The bytes read at a time.
pub(super) const CHUNK: usize = 1024 * 1024;

/// How a file's text is read, as its first pass decided.
#[derive(Debug, Clone, Copy)]
pub(super) struct Plan {
    /// The BOM's length, skipped.
    skip: u64,
    /// `None`: the bytes are UTF-8 and are the text as they are.
    decoding: Option<&'static Encoding>,
}

/// Reads until `buf` is full or the input ends; the number of bytes read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while let Some(rest) = buf.get_mut(n..).filter(|rest| !rest.is_empty()) {
        match r.read(rest) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

pub(super) fn cannot_read(e: impl std::fmt::Display) -> CsvError {
    Why::new("io_why_cannot_read", vec![("error", e.to_string())]).into()
}

fn binary() -> CsvError {
    Why::new("io_why_binary", vec![]).into()
}

/// The first pass: reads all of `raw` in chunks of `chunk` bytes and decides its encoding. A UTF-8 or UTF-16 BOM
/// decides; otherwise the bytes are UTF-8 if all of them are, else Windows-1252. Malformed UTF-16 is refused, and
/// a NUL anywhere in the text is binary data. More than `limit` bytes are `too_large()`.
pub(super) fn scan<R: Read + Seek>(
    raw: &mut R,
    chunk: usize,
    limit: u64,
    too_large: impl Fn() -> CsvError,
) -> Result<Plan, CsvError> {
    let chunk = chunk.max(1);
    let mut head = [0u8; 3];
    let n = read_full(raw, &mut head).map_err(cannot_read)?;
    let (bom, skip) = Encoding::for_bom(head.get(..n).unwrap_or_default()).map_or((None, 0), |(e, len)| (Some(e), len));
    let skip = skip as u64;
    raw.seek(SeekFrom::Start(skip)).map_err(cannot_read)?;
    let mut total = skip;
    let mut count = |n: usize| {
        total += n as u64;
        if total > limit { Err(too_large()) } else { Ok(()) }
    };
    // A chunk, after up to 3 bytes of a UTF-8 sequence the previous chunk ended in.
    let mut buf = vec![0u8; chunk + 3];
    if let Some(encoding) = bom.filter(|&e| e != UTF_8) {
        let mut decoder = encoding.new_decoder_without_bom_handling();
        let mut text = Vec::new();
        let (mut malformed, mut nul) = (false, false);
        loop {
            let n = read_full(raw, &mut buf[..chunk]).map_err(cannot_read)?;
            count(n)?;
            text.clear();
            decode_into(&mut decoder, &buf[..n], n == 0, &mut text, &mut malformed);
            nul |= text.contains(&0);
            if n == 0 {
                break;
            }
        }
        if malformed {
            return Err(Why::new("io_why_malformed", vec![("encoding", encoding.name().to_string())]).into());
        }
        if nul {
            return Err(binary());
        }
        return Ok(Plan { skip, decoding: Some(encoding) });
    }
    let (mut utf8, mut carried) = (true, 0);
    loop {
        let n = read_full(raw, &mut buf[carried..carried + chunk]).map_err(cannot_read)?;
        count(n)?;
        if n == 0 {
            // The file ends inside a UTF-8 sequence.
            utf8 &= carried == 0;
            break;
        }
        let data = &buf[..carried + n];
        // U+0000 in either reading: binary whatever the encoding.
        if data.contains(&0) {
            return Err(binary());
        }
        carried = 0;
        if utf8 {
            match std::str::from_utf8(data) {
                Ok(_) => {}
                Err(e) if e.error_len().is_none() => {
                    let valid = e.valid_up_to();
                    carried = data.len() - valid;
                    buf.copy_within(valid..valid + carried, 0);
                }
                Err(_) => utf8 = false,
            }
        }
    }
    Ok(Plan { skip, decoding: if utf8 { None } else { Some(WINDOWS_1252) } })
}

/// Decodes `src` onto the end of `out`, noting malformed input.
fn decode_into(decoder: &mut Decoder, src: &[u8], last: bool, out: &mut Vec<u8>, malformed: &mut bool) {
    let mut done = 0;
    loop {
        let room = decoder.max_utf8_buffer_length(src.len() - done).unwrap_or(src.len() * 3 + 16).max(16);
        let filled = out.len();
        out.resize(filled + room, 0);
        let (result, read, written, replaced) = decoder.decode_to_utf8(&src[done..], &mut out[filled..], last);
        out.truncate(filled + written);
        *malformed |= replaced;
        done += read;
        if result == encoding_rs::CoderResult::InputEmpty {
            break;
        }
    }
}

/// A run of CR and LF bytes: its length, the CRLF pairs in it, and whether it starts with LF and ends with CR (so
/// that two runs can be joined).
#[derive(Debug, Clone, Copy, Default)]
struct Run {
    len: u64,
    crlf: u64,
    starts_lf: bool,
    ends_cr: bool,
}

fn is_line_end(b: u8) -> bool {
    b == b'\r' || b == b'\n'
}

impl Run {
    fn of(bytes: &[u8]) -> Run {
        Run {
            len: bytes.len() as u64,
            crlf: bytes.windows(2).filter(|w| w == b"\r\n").count() as u64,
            starts_lf: bytes.first() == Some(&b'\n'),
            ends_cr: bytes.last() == Some(&b'\r'),
        }
    }

    /// The run `bytes` start with.
    fn leading(bytes: &[u8]) -> Run {
        Run::of(&bytes[..bytes.iter().take_while(|&&b| is_line_end(b)).count()])
    }

    /// The run `bytes` end with.
    fn trailing(bytes: &[u8]) -> Run {
        Run::of(&bytes[bytes.len() - bytes.iter().rev().take_while(|&&b| is_line_end(b)).count()..])
    }

    /// This run followed by `next`.
    fn then(self, next: Run) -> Run {
        if self.len == 0 {
            return next;
        }
        if next.len == 0 {
            return self;
        }
        Run {
            len: self.len + next.len,
            crlf: self.crlf + next.crlf + u64::from(self.ends_cr && next.starts_lf),
            starts_lf: self.starts_lf,
            ends_cr: next.ends_cr,
        }
    }

    /// Its line ends (CRLF counting once), at least 1.
    fn line_ends(self) -> u32 {
        u32::try_from(self.len - self.crlf).unwrap_or(u32::MAX).max(1)
    }
}

/// The run of line ends around the last record boundary marked: `Open` while it may go on past the chunk.
#[derive(Debug, Clone, Copy)]
enum Boundary {
    None,
    Open(Run),
    Closed(Run),
}

/// A file's text, decoded chunk by chunk, as a reader. It keeps the chunk it last handed out, so a position the
/// csv reader has reached always lies in it (the csv reader's buffer only refills once it has consumed all of it).
pub(super) struct Text<R> {
    raw: R,
    decoder: Option<Decoder>,
    chunk: usize,
    raw_buf: Vec<u8>,
    /// The current chunk of text, from text offset `start`; `pos` of it handed out.
    buf: Vec<u8>,
    start: u64,
    pos: usize,
    eof: bool,
    /// The run of line ends the text before `start` ends in.
    carry: Run,
    boundary: Boundary,
}

impl<R: Read + Seek> Text<R> {
    pub(super) fn new(mut raw: R, plan: Plan, chunk: usize) -> io::Result<Self> {
        raw.seek(SeekFrom::Start(plan.skip))?;
        let decoder = plan.decoding.map(Encoding::new_decoder_without_bom_handling);
        let chunk = chunk.max(1);
        let (buf, raw_buf) = (Vec::with_capacity(chunk), Vec::new());
        let (start, pos, eof, carry, boundary) = (0, 0, false, Run::default(), Boundary::None);
        Ok(Text { raw, decoder, chunk, raw_buf, buf, start, pos, eof, carry, boundary })
    }

    /// Replaces the chunk with the next non-empty one; false at the end of the text.
    fn refill(&mut self) -> io::Result<bool> {
        let tail = Run::trailing(&self.buf);
        self.carry = if tail.len == self.buf.len() as u64 { self.carry.then(tail) } else { tail };
        self.start += self.buf.len() as u64;
        self.pos = 0;
        self.buf.clear();
        // The csv reader strips a UTF-8 BOM (U+FEFF) at the start of the text only if its first read holds all of it,
        // and takes the text to end there if nothing follows in that read: the first chunk holds at least 4 bytes
        // (or the whole text), as the whole text in one piece did.
        while (self.buf.is_empty() || (self.start == 0 && self.buf.len() < 4)) && !self.eof {
            let filled = self.buf.len();
            match &mut self.decoder {
                None => {
                    self.buf.resize(filled + self.chunk, 0);
                    let n = read_full(&mut self.raw, &mut self.buf[filled..])?;
                    self.buf.truncate(filled + n);
                    self.eof = n == 0;
                }
                Some(decoder) => {
                    self.raw_buf.resize(self.chunk, 0);
                    let n = read_full(&mut self.raw, &mut self.raw_buf)?;
                    self.eof = n == 0;
                    decode_into(decoder, &self.raw_buf[..n], self.eof, &mut self.buf, &mut false);
                }
            }
        }
        if let Boundary::Open(run) = self.boundary {
            let lead = Run::leading(&self.buf);
            let run = run.then(lead);
            let closed = lead.len < self.buf.len() as u64;
            self.boundary = if closed { Boundary::Closed(run) } else { Boundary::Open(run) };
        }
        Ok(!self.buf.is_empty())
    }

    /// Marks text offset `at` as a boundary between two records: the run of line ends around it is measured, on into
    /// the chunks to come while it lasts.
    pub(super) fn mark_boundary(&mut self, at: u64) {
        let i = usize::try_from(at.saturating_sub(self.start)).unwrap_or(usize::MAX).min(self.buf.len());
        let (before, after) = self.buf.split_at(i);
        let back = Run::trailing(before);
        let back = if back.len == i as u64 { self.carry.then(back) } else { back };
        let lead = Run::leading(after);
        let run = back.then(lead);
        self.boundary = if lead.len < after.len() as u64 { Boundary::Closed(run) } else { Boundary::Open(run) };
    }

    /// The line ends around the boundary last marked (at least 1): read once the record after it has been read.
    pub(super) fn boundary_line_ends(&self) -> u32 {
        match self.boundary {
            Boundary::None => 1,
            Boundary::Open(run) | Boundary::Closed(run) => run.line_ends(),
        }
    }
}

impl<R: Read + Seek> Read for Text<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.buf.len() && !self.refill()? {
            return Ok(0);
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The delimiter, as the module doc of `csv_folder` says, from the text's first lines: read until the header line's
/// scan ends (its first line end outside quotes), never further.
pub(super) fn detect_delimiter<R: Read + Seek>(text: &mut Text<R>) -> io::Result<u8> {
    let mut scan = DelimiterScan::default();
    while text.refill()? {
        if scan.feed(&text.buf) {
            break;
        }
    }
    Ok(scan.delimiter())
}

/// Counts the delimiters of the header line: the first line holding anything but white space, `;`, `,` and `"`.
/// Each line is scanned from its start as if it were the header until it shows content (then it is) or ends.
#[derive(Default)]
struct DelimiterScan {
    found: bool,
    quoted: bool,
    counts: [usize; 3],
    /// A multi-byte character being collected before the header is found.
    char_bytes: [u8; 4],
    char_len: usize,
    char_need: usize,
}

impl DelimiterScan {
    /// Scans more text; true once the delimiter is decided.
    fn feed(&mut self, bytes: &[u8]) -> bool {
        for &b in bytes {
            if !self.found {
                if b >= 0x80 {
                    self.collect(b);
                    continue;
                }
                if is_line_end(b) {
                    // A blank line ended: the next one is scanned afresh.
                    (self.quoted, self.counts) = (false, [0; 3]);
                    continue;
                }
                let c = char::from(b);
                self.found = !c.is_whitespace() && !matches!(c, ';' | ',' | '"');
            }
            if b == b'"' {
                self.quoted = !self.quoted;
            } else if !self.quoted {
                if is_line_end(b) {
                    return true;
                }
                if let Some(i) = super::DELIMITERS.iter().position(|&d| d == b) {
                    self.counts[i] += 1;
                }
            }
        }
        false
    }

    /// One byte of a multi-byte character (the text is valid UTF-8): content unless the character is white space.
    fn collect(&mut self, b: u8) {
        if b >= 0xC0 {
            self.char_need = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            self.char_len = 0;
        }
        if let Some(slot) = self.char_bytes.get_mut(self.char_len) {
            *slot = b;
            self.char_len += 1;
        }
        if self.char_len == self.char_need {
            let c = std::str::from_utf8(&self.char_bytes[..self.char_len]).ok().and_then(|s| s.chars().next());
            self.found = c.is_none_or(|c| !c.is_whitespace());
            (self.char_len, self.char_need) = (0, 0);
        }
    }

    fn delimiter(&self) -> u8 {
        let mut best = 0;
        for (i, &count) in self.counts.iter().enumerate() {
            if count > self.counts[best] {
                best = i;
            }
        }
        if self.found { super::DELIMITERS[best] } else { super::DELIMITERS[0] }
    }
}
