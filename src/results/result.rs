//! One rule result: a rule, a location, a subject, an outcome and its evidence.

use super::evidence::{Evidence, Fact};
use super::outcome::{Outcome, Severity, Text};
use crate::i18n::Lang;

/// What a rule measured: a number, or nothing.
pub type Measured = Option<f64>;

/// An id in a result (rule, location, family): short ids are kept inline,
/// without an allocation of their own; it reads as a `str`.
pub type Id = compact_str::CompactString;

#[derive(Debug, Clone, PartialEq)]
pub struct RuleResult {
    pub rule_id: Id,
    pub location_id: Id,
    /// The trajectory (`gezin_id`) for trajectory rules; `None` for location rules.
    pub subject_id: Option<Id>,
    /// The `gezinnen` row of the subject, for worklists (never in municipality outputs).
    pub row: Option<u32>,
    pub outcome: Outcome,
    pub severity: Severity,
    pub measured: Measured,
    /// The norm, as text: `>= 0.55`.
    pub expected: Option<Box<str>>,
    pub message: Message,
    /// Dates and figures behind the outcome, as `YYYY-MM-DD` or numbers in text.
    pub evidence: Evidence,
}

impl RuleResult {
    /// A result with no measurement, norm or evidence yet.
    pub fn new(
        rule_id: &str,
        location_id: &str,
        subject: Option<(&str, u32)>,
        outcome: Outcome,
        severity: Severity,
        message: Text,
    ) -> Self {
        RuleResult {
            rule_id: Id::from(rule_id),
            location_id: Id::from(location_id),
            subject_id: subject.map(|(s, _)| Id::from(s)),
            row: subject.map(|(_, r)| r),
            outcome,
            severity,
            measured: None,
            expected: None,
            message: Message::from(message),
            evidence: Evidence::new(),
        }
    }

    pub fn measured(mut self, value: f64, expected: impl Into<String>) -> Self {
        self.measured = Some(value);
        self.expected = Some(expected.into().into_boxed_str());
        self
    }

    /// Adds a date to the evidence (made [`quietly`], only what a pass keeps).
    pub fn date(mut self, key: &str, d: chrono::NaiveDate) -> Self {
        if !quiet() || PASS_EVIDENCE_KEYS.contains(&key) {
            self.evidence.insert(key, Fact::Date(d));
        }
        self
    }

    /// Adds any other fact to the evidence (made [`quietly`], only what a pass keeps).
    pub fn fact(mut self, key: &str, value: impl std::fmt::Display) -> Self {
        if !quiet() || PASS_EVIDENCE_KEYS.contains(&key) {
            self.evidence.insert(key, Fact::shown(value));
        }
        self
    }

    /// Drops what no output reads of a trajectory rule's `pass`: its message
    /// and its evidence, all but [`PASS_EVIDENCE_KEYS`] where the rule's
    /// passing deadline is shown (`keep_deadline`, from the rule's
    /// `RuleFacts::pass_deadline`). `results.json` does not list these
    /// results; the reports count them, and the due-soon list reads those
    /// deadlines. Most results are such passes: kept whole they were most of
    /// the audit's memory. Other results are left as they are.
    pub fn compact(&mut self, keep_deadline: bool) {
        if self.subject_id.is_none() || self.outcome != Outcome::Pass {
            self.evidence.shrink();
            return;
        }
        self.message = Message::default();
        if keep_deadline {
            self.evidence.retain_keys(PASS_EVIDENCE_KEYS);
        } else {
            self.evidence = Evidence::new();
        }
    }
}

/// A result's message, in both languages; none for a pass of a trajectory
/// rule (nobody reads it). Both texts sit in one allocation of their exact
/// length, Dutch then English (most runs make one language only): a national
/// run holds some 750,000 messages, and two strings behind a box took 48
/// bytes and two allocations more in each.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Message {
    /// Dutch then English; `None` for no message.
    texts: Option<Box<str>>,
    /// Where the English text starts.
    nl_len: u32,
}

impl Message {
    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(self.nl(), self.en())
    }

    pub fn nl(&self) -> &str {
        let texts = self.texts.as_deref().unwrap_or_default();
        texts.get(..self.nl_len as usize).unwrap_or(texts)
    }

    pub fn en(&self) -> &str {
        self.texts.as_deref().unwrap_or_default().get(self.nl_len as usize..).unwrap_or_default()
    }
}

impl From<Text> for Message {
    fn from(text: Text) -> Self {
        if text.nl.is_empty() && text.en.is_empty() {
            return Message::default();
        }
        // A text of 4 GB or more (never made) would lose its English part.
        let nl_len = u32::try_from(text.nl.len()).unwrap_or(u32::MAX);
        let mut texts = text.nl;
        texts.push_str(&text.en);
        Message { texts: Some(texts.into_boxed_str()), nl_len }
    }
}

impl PartialEq<Text> for Message {
    fn eq(&self, other: &Text) -> bool {
        self.nl() == other.nl && self.en() == other.en
    }
}

thread_local! {
    /// True while a result is made [`quietly`].
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` making results quietly: no message is written (the rules'
/// wording, `rules::trajectory::wording`, gives empty texts) and a result
/// keeps only the evidence a pass keeps ([`PASS_EVIDENCE_KEYS`]). For a
/// first judgement of a trajectory rule, whose pass keeps nothing more (see
/// [`RuleResult::compact`]); what is not a pass is judged again, aloud. The
/// outcome, measurement and kept evidence are the same either way: the
/// rules' logic never reads their own wording.
pub fn quietly<T>(f: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            QUIET.with(|q| q.set(self.0));
        }
    }
    let _restore = Restore(QUIET.with(|q| q.replace(true)));
    f()
}

/// True inside [`quietly`].
pub fn quiet() -> bool {
    QUIET.with(std::cell::Cell::get)
}

thread_local! {
    /// The one language messages are made in, inside [`in_language`].
    static ONLY: std::cell::Cell<Option<crate::i18n::Lang>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` making messages in `lang` only (`None`: both): the rules'
/// wording leaves the other language's text empty. For a run whose every
/// output is in one language (`check`): half the wording, half its memory.
pub fn in_language<T>(lang: Option<crate::i18n::Lang>, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<crate::i18n::Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            ONLY.with(|o| o.set(self.0));
        }
    }
    let _restore = Restore(ONLY.with(|o| o.replace(lang)));
    f()
}

/// True when messages are made in `lang` (always, outside [`in_language`]).
pub fn wanted(lang: crate::i18n::Lang) -> bool {
    ONLY.with(|o| o.get().is_none_or(|only| only == lang))
}

/// The evidence a trajectory rule's `pass` keeps (see [`RuleResult::compact`]):
/// what the due-soon list of the location report reads (`report::location::due_soon`).
pub const PASS_EVIDENCE_KEYS: &[&str] = &["deadline", "end"];

/// `YYYY-MM-DD`, as `%Y-%m-%d` writes it, without the formatting machinery
/// (every result's evidence writes dates: this was a tenth of a run).
pub fn iso_date(d: chrono::NaiveDate) -> String {
    iso_in(d, &mut [0; 10]).into_owned()
}

/// [`iso_date`] written into `buf` for years 0..=9999, digit by digit and
/// without an allocation; other years through chrono.
pub fn iso_in(d: chrono::NaiveDate, buf: &mut [u8; 10]) -> std::borrow::Cow<'_, str> {
    use chrono::Datelike;
    let Some(y) = u32::try_from(d.year()).ok().filter(|y| *y <= 9999) else {
        return std::borrow::Cow::Owned(d.format("%Y-%m-%d").to_string());
    };
    let mut put = |at: usize, n: u32, width: usize| {
        for k in 0..width {
            let digit = (n / 10u32.pow((width - 1 - k) as u32)) % 10;
            buf[at + k] = b'0' + digit as u8;
        }
    };
    put(0, y, 4);
    put(5, d.month(), 2);
    put(8, d.day(), 2);
    buf[4] = b'-';
    buf[7] = b'-';
    match std::str::from_utf8(buf) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => std::borrow::Cow::Owned(d.format("%Y-%m-%d").to_string()),
    }
}

/// Appends `n` in decimal with at least `width` digits (zeros in front), as
/// `{n:0width$}` writes it.
pub fn push_padded(s: &mut String, n: u32, width: usize) {
    let mut buf = [0u8; 20];
    let digits = decimal_digits(u64::from(n), &mut buf);
    s.extend(std::iter::repeat_n('0', width.saturating_sub(digits.len())));
    s.extend(digits.iter().map(|&b| char::from(b)));
}

/// The decimal digits of `n` (ASCII, no leading zeros), written into `buf`
/// without the formatting machinery.
pub fn decimal_digits(n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    let mut rest = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    &buf[i..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn compact_keeps_only_what_a_trajectory_pass_is_read_for() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date");
        let make = |subject: Option<(&str, u32)>, outcome| {
            RuleResult::new("HS-G02", "L1", subject, outcome, Severity::Error, Text::new("nl", "en"))
                .date("deadline", d)
                .date("end", d)
                .date("start", d)
        };
        let mut pass = make(Some(("G1", 2)), Outcome::Pass);
        pass.compact(true);
        assert_eq!(pass.message, Text::default());
        assert_eq!(pass.evidence.keys().collect::<Vec<_>>(), ["deadline", "end"]);
        assert_eq!((pass.subject_id.as_deref(), pass.row), (Some("G1"), Some(2)));
        let mut pass = make(Some(("G1", 2)), Outcome::Pass);
        pass.compact(false);
        assert!(pass.evidence.is_empty());
        for (subject, outcome) in [(Some(("G1", 2)), Outcome::Fail), (None, Outcome::Pass)] {
            for keep in [true, false] {
                let mut r = make(subject, outcome);
                let before = r.clone();
                r.compact(keep);
                assert_eq!(r, before, "{outcome:?}");
            }
        }
    }

    #[test]
    fn padded_numbers_are_written_as_format_writes_them() {
        for (n, w) in [(0, 1), (0, 2), (7, 2), (12, 2), (5, 4), (2026, 4), (123_456, 2), (u32::MAX, 1), (9, 0)] {
            let mut s = String::from("x");
            push_padded(&mut s, n, w);
            assert_eq!(s, format!("x{n:0w$}"), "{n} {w}");
        }
    }

    #[test]
    fn iso_dates_are_written_as_strftime_writes_them() {
        for (y, m, d) in
            [(2026, 1, 1), (1999, 12, 31), (5, 3, 7), (9999, 12, 31), (-1, 1, 1), (10000, 1, 1), (0, 2, 29)]
        {
            let date = NaiveDate::from_ymd_opt(y, m, d).expect("a date");
            assert_eq!(iso_date(date), date.format("%Y-%m-%d").to_string(), "{date:?}");
        }
    }
}

#[cfg(test)]
mod size_tests {
    /// Millions of results are held in a national run: a field added to
    /// every result is a decision about memory, not an accident. (168: the
    /// message's texts are held in the result, 16 bytes more than a pointer to
    /// a box of two strings, which took 48 bytes and up to three allocations.)
    #[test]
    fn a_result_stays_small() {
        let size = std::mem::size_of::<super::RuleResult>();
        assert!(size <= 168, "RuleResult grew to {size} bytes");
        assert_eq!(std::mem::size_of::<super::Message>(), 24);
    }

    #[test]
    fn a_message_reads_as_the_text_it_was_made_from() {
        use super::{Message, Text};
        for (nl, en) in [("", ""), ("één", ""), ("", "one"), ("één ë", "one e"), ("a", "b")] {
            let m = Message::from(Text::new(nl, en));
            assert_eq!((m.nl(), m.en()), (nl, en));
            assert_eq!(m.get(crate::i18n::Lang::Nl), nl);
            assert_eq!(m.get(crate::i18n::Lang::En), en);
            assert!(m == Text::new(nl, en));
        }
        assert_eq!(Message::from(Text::new("", "")), Message::default());
    }
}
