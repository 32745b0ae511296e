//! The diagnostic code: a short, checksummed, versioned, PII-free code that
//! a support agent decodes back into the report and its next steps.
//!
//! [`encode`] turns a [`Report`] into a code such as `DKR3-3A6W-K0GM`;
//! [`decode`] (and [`decode_at`], which places the run time near a given
//! moment) turns it back. [`normalize`] and [`format_for_display`] handle
//! what people type and read. The same functions serve the page, the
//! support view and `resetcheck decode`.
//!
//! # What a code carries
//!
//! The run time (to the hour), each check that ran with its findings
//! (registry numbers and exact params, so statuses follow exactly), and a
//! few coarse measures: the clock offset (sign and a log scale), its
//! uncertainty, the UTC offset and daylight saving; the browser family, its
//! major version, the OS family, phone or not, and the frame kind. Nothing
//! that identifies anyone: no URL, token, address, IP or User-Agent string.
//! Decoded measures are the coarse values (`offset_ms` within about ±19%);
//! findings and statuses are exact.
//!
//! # Wire format
//!
//! A code is Crockford base-32 symbols (`0-9A-Z` without `I L O U`; read in
//! any case, with `I`/`L` as `1` and `O` as `0`; spaces and dashes are
//! ignored) shown in groups of four. The last two symbols are check
//! symbols: read as a polynomial over GF(32) with a virtual leading 1, a
//! code satisfies `C(1) = 0` and `C(α) = 1` (see `symbols.rs`), which
//! catches every single wrong symbol and every swap of neighbours, and up to
//! 31 symbols every pair of wrong symbols. The checksum is checked before
//! anything is read, so a typo never passes for another code.
//!
//! The symbols before them are a bit stream, most significant bit first,
//! padded with zero bits to whole symbols. Format 1:
//!
//! | bits | field |
//! |---|---|
//! | 1 | version: `0` is format 1; `1` is a later one, whose number (− 2) follows in a 4-bit int field |
//! | 11 | run time: hours since 2026-01-01T00:00Z modulo 2047 (about 85 days); all ones = unknown |
//! | | then for each check slot: clock, browser, extensions, network (usual), e-mail, link (optional) |
//! | 1–2 | state: usual checks `0` clean, `10` with findings, `11` absent; optional checks `0` absent, `10` clean, `11` with findings |
//! | 8 each | with findings: each finding's registry number (7-bit int field) and a bit saying whether another follows |
//! | 7 | clock: offset, a sign bit and a 6-bit magnitude class m: [16·√2^(m−1), 16·√2^m) ms; m = 0 is under 16 ms, and `−0` means not measured |
//! | 2 | clock, after a measured offset: uncertainty up to 0.1 s, 1 s, 10 s, or more |
//! | 7 | clock: zone = index of the UTC offset in a table of the 40 in use (0 unknown) × 3 + DST (0 unknown, 1 no, 2 yes); 127 escapes to an exact offset (8-bit int field in quarter hours) and 2 DST bits |
//! | 7 | browser: identity = 0 none, else 1 + (family × 7 + OS) × 2 + phone; 127 escapes to family (4), OS (3) and phone (1) fields |
//! | 8 | browser, after an identity: major version (int field; 0 unknown) |
//! | 1 | browser, only with a `browser.embedded` finding: same-site (0) or cross-site (1) frame |
//! | … | params: for every finding this format knows, in order of registry number (ties in report order), its params in registry order, each by its param codec |
//! | … | trailing sections: a non-zero 3-bit tag starts one; otherwise fewer than five zero bits of padding. Tag 1: the network check's `endpoint_list` (10 bits), only with a network finding on a configured endpoint |
//!
//! An *int field* of width w holds `value / scale + bias` when that is exact
//! and below `2^w − 1`; otherwise `2^w − 1` and then the value as a zigzag
//! LEB128 varint in 8-bit groups. A *word* is its index in an append-only
//! list, 1-based, written as an int field; 0 is `other`, a word the encoder
//! did not know. Each param name has one codec (`layout.rs`, `PARAMS`).
//!
//! # Compatibility rules
//!
//! - **Unknown finding numbers.** Registry numbers are dense and
//!   append-only, so a number a decoder doesn't know is newer than every
//!   number it knows, and params come in number order: the decoder reads
//!   the params of every finding it knows, then stops. Each unknown finding
//!   decodes as id [`UNKNOWN_FINDING`] with an int param `number`, which
//!   makes its check at least `warn` (an unknown finding never passes); the
//!   rest of the code decodes as usual. Trailing sections after them are
//!   skipped.
//! - **Unknown words** (list positions a newer resetcheck added) decode as
//!   `other`; the encoder writes a word it doesn't know as `other` too.
//! - **A later version** (leading bit 1) is refused with
//!   [`DecodeError::NewerFormat`], "made by a newer resetcheck". Decoders
//!   keep every version they ever accepted.
//! - What may change without a new version: appending registry entries,
//!   param codecs for new param names, and words at the end of a list.
//!   A trailing section with a new tag may be added too (a decoder skips a
//!   tag it doesn't know, with the rest of the code).
//!   Anything else — a width, a table, a check slot, an existing finding's
//!   params — needs a new version. The approval test enforces this.
//!
//! # Version history
//!
//! - **1** (2026): first release.

mod bits;
mod layout;
mod symbols;

use crate::registry::{self, FINDINGS};
use crate::report::{CheckId, CheckResult, Finding, Param, Params, Report};
use bits::{BitReader, BitWriter, IntCodec};
use layout::{ParamCodec, CHECKS};
use std::cmp::Reverse;
use std::fmt;

/// The format version [`encode`] writes.
pub const FORMAT_VERSION: u32 = 1;

/// The id a decoded finding gets when this build doesn't know its number;
/// its int param `number` is the registry number.
pub const UNKNOWN_FINDING: &str = "unknown";

/// The resolution of the run time a code carries.
pub const TIME_RESOLUTION_MS: i64 = layout::HOUR_MS;

/// Below this magnitude a code carries a clock offset as zero.
pub const OFFSET_EXACT_BELOW_MS: u64 = layout::OFFSET_BASE_MS;

/// The magnitudes a decoded clock offset stands for: the real offset's
/// magnitude lies in `low..high` (a code keeps it to about ±19 %); the top
/// class (about 1.1 years and more: a device reset to 1970) has no `high`.
///
/// ```
/// let (low, high) = resetcheck_core::code::offset_range_ms(-110_000);
/// assert!(low <= 93_500 && 93_500 < high.unwrap());
/// ```
pub fn offset_range_ms(decoded_offset_ms: i64) -> (u64, Option<u64>) {
    let class = layout::offset_class(decoded_offset_ms.unsigned_abs());
    if class == 0 {
        (0, Some(layout::OFFSET_BASE_MS))
    } else if class == layout::OFFSET_CLASSES {
        (layout::offset_class_floor(class), None)
    } else {
        (layout::offset_class_floor(class), Some(layout::offset_class_floor(class + 1)))
    }
}

/// The run time is known modulo this (about 85 days); see [`decode_at`].
pub const TIME_PERIOD_MS: i64 = layout::TIME_PERIOD_HOURS * layout::HOUR_MS;

/// The fewest symbols a code has: a run time and four clean checks
/// without measures.
pub const MIN_SYMBOLS: usize = 6;
/// The symbols of a clean run's code, the shortest a run of every usual
/// check gives: a word holding this many is taken for a whole code, whose
/// groups can be counted.
const CLEAN_SYMBOLS: usize = 12;

/// The longest input [`find`] searches word by word for a code, in bytes.
const MOST_SEARCHED: usize = 4096;

/// The most symbols a code may have; longer input is refused unread.
pub const MAX_SYMBOLS: usize = 240;

/// Why a code could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input holds no symbols at all.
    Empty,
    /// The input is a message with nothing in it shaped like a code: no
    /// run of words with both letters and digits ("my code is 1234",
    /// "I can't reset my password").
    NoCode,
    /// A character that is neither a symbol nor a separator.
    BadCharacter {
        /// The character.
        character: char,
        /// Its position in the input, counting characters from 1.
        position: usize,
        /// The group of four it stands in, counting from 1, where that is
        /// known: what an agent asks the user to read again.
        group: Option<usize>,
    },
    /// Fewer symbols than [`MIN_SYMBOLS`].
    TooShort {
        /// How many symbols the input has.
        symbols: usize,
    },
    /// More symbols than [`MAX_SYMBOLS`].
    TooLong {
        /// How many symbols the input has.
        symbols: usize,
    },
    /// The check symbols don't match: almost always a typo.
    Checksum {
        /// The symbols read, in groups of four ([`format_for_display`]),
        /// to compare with what the user reads out.
        read: String,
        /// The group (counting from 1) holding the typo, when exactly one
        /// wrong or swapped symbol, and no symbol too many, turns what was
        /// read into a code that reads; never corrected, only pointed at.
        group: Option<usize>,
    },
    /// A code in a message checks out and reads, but ran longer ago than a
    /// code found among other words may ([`find_at`]): an old code, or
    /// the message's other numbers reading as one by chance. Pasted alone,
    /// it reads.
    OldInMessage {
        /// The code found, in groups of four.
        read: String,
        /// How many whole days ago its checks ran.
        days: i64,
    },
    /// The code is from a later format than this build reads.
    NewerFormat {
        /// The code's format version.
        version: u32,
    },
    /// The checksum matched but the content can't be read: a code from a
    /// broken encoder, or made up to check out.
    Malformed {
        /// What was wrong.
        reason: &'static str,
    },
}

impl DecodeError {
    /// A stable name for the kind of error, such as `checksum`, for tests
    /// and for picking a message from the catalogue.
    pub fn kind(&self) -> &'static str {
        match self {
            DecodeError::Empty => "empty",
            DecodeError::NoCode => "no_code",
            DecodeError::BadCharacter { .. } => "bad_character",
            DecodeError::TooShort { .. } => "too_short",
            DecodeError::TooLong { .. } => "too_long",
            DecodeError::Checksum { .. } => "checksum",
            DecodeError::OldInMessage { .. } => "old_in_message",
            DecodeError::NewerFormat { .. } => "newer_format",
            DecodeError::Malformed { .. } => "malformed",
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "no code given"),
            DecodeError::NoCode => write!(f, "no code found in the text"),
            DecodeError::BadCharacter { character, position, group } => {
                let group = group.map(|g| format!(" (group {g})")).unwrap_or_default();
                write!(
                    f,
                    "{character:?} at position {position}{group} is not part of a code, which has only digits and the letters A to Z except U"
                )
            }
            DecodeError::TooShort { symbols } => write!(
                f,
                "the code is too short ({symbols} symbols; a code has at least {MIN_SYMBOLS}); check that none is missing"
            ),
            DecodeError::TooLong { symbols } => {
                write!(f, "the code is too long ({symbols} symbols; a code has at most {MAX_SYMBOLS})")
            }
            DecodeError::Checksum { read, group: None } => {
                write!(f, "the code does not check out, probably a typo or a character missing; read {read} again")
            }
            DecodeError::Checksum { read, group: Some(group) } => {
                write!(f, "the code {read} does not check out; if one character is wrong, it is in group {group}")
            }
            DecodeError::OldInMessage { read, days } => write!(
                f,
                "the message holds the code {read}, whose checks ran {days} days ago; paste it alone to read it"
            ),
            DecodeError::NewerFormat { version } => write!(
                f,
                "the code was made by a newer resetcheck (code format {version}); update resetcheck to decode it"
            ),
            DecodeError::Malformed { reason } => write!(f, "the code checks out but cannot be read: {reason}"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// How to show a character to a person: itself, or its code point
/// (`U+0000`) when it would show as nothing.
///
/// ```
/// assert_eq!(resetcheck_core::code::shown_char('#'), "#");
/// assert_eq!(resetcheck_core::code::shown_char('\0'), "U+0000");
/// ```
pub fn shown_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", u32::from(c))
    } else {
        c.to_string()
    }
}

/// The code for a report: upper-case symbols, no separators (see
/// [`format_for_display`]).
///
/// Findings the registry doesn't know (such as a decoded
/// [`UNKNOWN_FINDING`]) are left out, and so is a second result for the
/// same check. A param word the code's list lacks is written as `other`,
/// and a missing or mistyped param as `0` or `other`. Measures are written
/// coarsely. Never panics.
///
/// ```
/// use resetcheck_core::code::{decode, encode};
/// use resetcheck_core::report::{CheckId, CheckResult, Finding, Report};
/// let report = Report::new(vec![CheckResult::new(CheckId::Browser, vec![Finding::new("browser.cookies_blocked")])]);
/// let code = encode(&report);
/// assert_eq!(decode(&code).unwrap().checks[0].findings, report.checks[0].findings);
/// ```
pub fn encode(report: &Report) -> String {
    let mut w = BitWriter::new();
    w.bit(false); // format 1
    let hours = report.ran_at_ms.map_or(layout::TIME_PERIOD_HOURS, |ms| {
        ms.saturating_sub(layout::EPOCH_MS).div_euclid(layout::HOUR_MS).rem_euclid(layout::TIME_PERIOD_HOURS)
    });
    w.push(hours as u64, layout::TIME_BITS);

    let mut by_slot: [Option<&CheckResult>; CHECKS.len()] = [None; CHECKS.len()];
    for result in &report.checks {
        let slot = layout::slot_of(result.check);
        by_slot[slot] = by_slot[slot].or(Some(result));
    }
    // Every finding carried, with its number, in report order.
    let mut carried: Vec<(u16, &Finding)> = Vec::new();
    for (spec, result) in CHECKS.iter().zip(by_slot) {
        let known: Vec<(u16, &Finding)> = result
            .map(|r| r.findings.iter().filter_map(|f| Some((registry::lookup(f.id)?.number, f))).collect())
            .unwrap_or_default();
        let (state, width) = match (result.is_some(), known.is_empty(), spec.usual) {
            (true, true, true) | (false, _, false) => (0b0, 1),
            (true, false, true) | (true, true, false) => (0b10, 2),
            (false, _, true) | (true, false, false) => (0b11, 2),
        };
        w.push(state, width);
        for (i, (number, _)) in known.iter().enumerate() {
            layout::FINDING_NUMBER.write(&mut w, i64::from(*number));
            w.bit(i + 1 < known.len());
        }
        carried.extend(known);
        match result {
            Some(r) if r.check == CheckId::Clock => measures::write_clock(&mut w, r),
            Some(r) if r.check == CheckId::Browser => measures::write_browser(&mut w, r),
            _ => {}
        }
    }
    // Params in number order (stable, so ties keep report order): an older
    // decoder reads those it knows and stops at the first it doesn't.
    crate::order::sort_by_key(&mut carried, |&(number, _)| number);
    for (_, finding) in carried {
        write_params(&mut w, finding);
    }
    // Which list numbered the endpoints, when a finding names one of the
    // config's: a decoder with another config (one changed since) must not
    // name them after its own.
    let network = report.checks.iter().find(|r| r.check == CheckId::Network).filter(|r| names_configured_endpoint(r));
    if let Some(list) = network.and_then(|r| r.measures.int("endpoint_list")) {
        w.push(layout::SECTION_ENDPOINT_LIST, layout::SECTION_TAG_BITS);
        w.push(list as u64 & ((1 << layout::ENDPOINT_LIST_BITS) - 1), layout::ENDPOINT_LIST_BITS);
    }

    let mut symbols = w.into_symbols();
    let check = symbols::check_symbols(&symbols);
    symbols.extend(check);
    symbols.into_iter().map(symbols::symbol_char).collect()
}

/// Whether a network finding of `result` names one of the config's
/// endpoints: only then does the code carry the endpoint list's id.
fn names_configured_endpoint(result: &CheckResult) -> bool {
    let configured = crate::network::FIRST_CONFIGURED_INDEX as i64;
    result.findings.iter().any(|f| matches!(f.params.get("endpoint"), Some(Param::Int(i)) if *i >= configured))
}

fn write_params(w: &mut BitWriter, finding: &Finding) {
    let Some(def) = registry::lookup(finding.id) else { return };
    for &name in def.params {
        // A param without a codec is neither written nor read; a test keeps
        // every registry param covered.
        let Some(codec) = layout::param_codec(name) else { continue };
        match (codec, finding.params.get(name)) {
            (ParamCodec::Int(c), Some(Param::Int(n))) => c.write(w, *n),
            (ParamCodec::Int(c), _) => c.write(w, 0),
            (ParamCodec::Word(bits, list), value) => {
                let index = match value {
                    Some(Param::Word(word)) => layout::word_index(list, word),
                    _ => 0,
                };
                IntCodec::plain(bits).write(w, index as i64);
            }
        }
    }
}

/// The symbols of a code as people type it: case ignored, `I`/`L` read as
/// `1` and `O` as `0`, spaces, dashes and invisible characters skipped. A
/// pasted share link, a `Code:` label, quotes and a final full stop are
/// taken off. The result is upper case with no separators. It checks the
/// characters and the length, not the check symbols.
///
/// ```
/// use resetcheck_core::code::normalize;
/// assert_eq!(normalize(" dkr3-3a6w-kOgm ").unwrap(), "DKR33A6WK0GM");
/// assert_eq!(normalize("IL0O 0000").unwrap(), "11000000");
/// assert_eq!(normalize("https://x.test/support/index.html#support=DKR33A6WK0GM").unwrap(), "DKR33A6WK0GM");
/// assert_eq!(normalize("https://x.test:8080/support/index.html#support=DKR3-3A6W-K0GM thanks!").unwrap(), "DKR33A6WK0GM");
/// assert_eq!(normalize("Code: “DKR3-3A6W-K0GM”.").unwrap(), "DKR33A6WK0GM");
/// assert_eq!(normalize("DKR3\u{200b}3A6W-K0GM").unwrap(), "DKR33A6WK0GM");
/// assert_eq!(normalize("\u{200f}DKR3-3A6W\u{202e}-K0GM\u{202c}").unwrap(), "DKR33A6WK0GM");
/// assert_eq!(normalize("x.test/support/#support=DKR3%203A6W%2DK0GM").unwrap(), "DKR33A6WK0GM");
/// assert!(normalize("DKR3%41").is_err());
/// assert!(normalize("DKR3-3A6W-K0GU").is_err());
/// ```
pub fn normalize(input: &str) -> Result<String, DecodeError> {
    Ok(parse_symbols(input)?.into_iter().map(symbols::symbol_char).collect())
}

/// Quotes, brackets and sentence punctuation, which a code never has, and
/// the separators.
fn is_wrapping(c: char) -> bool {
    "\"'“”‘’«»„<>()[]{}.,;:!?「」『』（）【】。、，：！？".contains(c) || symbols::is_separator(c)
}

/// The part of `input` that holds the code, with the number of characters
/// before it: what follows `support=` in a pasted share link, or the last
/// `:` in `Code: DR80-…`, without quotes, brackets or sentence punctuation
/// around it (none of which a code has).
fn code_part(input: &str) -> (usize, &str) {
    let link = input.find("support=").map(|at| at + "support=".len());
    // A label's colon, ASCII or full-width (`コード：…`).
    let label = || input.char_indices().rev().find(|(_, c)| matches!(c, ':' | '：')).map(|(at, c)| at + c.len_utf8());
    let start = link.unwrap_or_else(|| label().unwrap_or(0));
    let rest = &input[start..];
    // A link's code ends at `&`, or at the space before any words after it.
    let rest = if link.is_some() {
        let rest = rest.trim_start();
        rest.split(|c: char| c == '&' || c.is_whitespace()).next().unwrap_or(rest)
    } else {
        rest.split('&').next().unwrap_or(rest)
    };
    let trimmed = rest.trim_start_matches(is_wrapping);
    // `trimmed` is a slice of `input`: what comes before it is what was taken off.
    let offset = trimmed.as_ptr() as usize - input.as_ptr() as usize;
    (input[..offset].chars().count(), trimmed.trim_end_matches(is_wrapping))
}

fn parse_symbols(input: &str) -> Result<Vec<u8>, DecodeError> {
    let (skipped, part) = code_part(input);
    let mut out = Vec::new();
    // A share link copied out of a mail app may carry its spaces and dashes percent-encoded.
    let mut encoded_separator_left = 0;
    // A code wrapped over lines of a quoted reply has `>` markers at the
    // start of each line.
    let mut line_start = false;
    for (n, (at, c)) in part.char_indices().enumerate() {
        let i = n + skipped;
        if encoded_separator_left > 0 {
            encoded_separator_left -= 1;
            continue;
        }
        if c == '\n' || c == '\r' {
            line_start = true;
            continue;
        }
        if symbols::is_separator(c) || (line_start && c == '>') {
            continue;
        }
        line_start = false;
        if c == '%' && ["20", "2D", "2d"].iter().any(|code| part[at + 1..].starts_with(code)) {
            encoded_separator_left = 2;
            continue;
        }
        let value = symbols::symbol_value(c).ok_or(DecodeError::BadCharacter {
            character: c,
            position: i + 1,
            group: Some(out.len() / 4 + 1),
        })?;
        if out.len() >= MAX_SYMBOLS {
            let symbols = part.chars().filter(|&c| !symbols::is_separator(c)).count();
            return Err(DecodeError::TooLong { symbols });
        }
        out.push(value);
    }
    match out.len() {
        0 => Err(DecodeError::Empty),
        n if n < MIN_SYMBOLS => Err(DecodeError::TooShort { symbols: n }),
        _ => Ok(out),
    }
}

/// The support page's link for `code`, given the checker page's address
/// without query or fragment: `support/index.html` next to the page, with
/// the code in the fragment, which never reaches a server.
///
/// ```
/// use resetcheck_core::code::support_link;
/// assert_eq!(support_link("https://x.test/", "AB12"), "https://x.test/support/index.html#support=AB12");
/// assert_eq!(
///     support_link("https://x.test/help/index.html", "AB12"),
///     "https://x.test/help/support/index.html#support=AB12"
/// );
/// ```
pub fn support_link(checker_url: &str, code: &str) -> String {
    let dir = checker_url.rfind('/').map_or(checker_url, |slash| &checker_url[..=slash]);
    format!("{dir}support/index.html#support={code}")
}

/// The link the checker's QR code holds: [`support_link`] marked as
/// scanned (`?from=qr`, no personal data), so that the support page, opened
/// on the user's own other device, puts the code for the user first.
/// Anything that reads a support link reads it.
///
/// ```
/// use resetcheck_core::code::{normalize, scanned_link};
/// let link = scanned_link("https://x.test/help/", "DKR33A6WK0GM");
/// assert_eq!(link, "https://x.test/help/support/index.html?from=qr#support=DKR33A6WK0GM");
/// assert_eq!(normalize(&link).unwrap(), "DKR33A6WK0GM");
/// ```
pub fn scanned_link(checker_url: &str, code: &str) -> String {
    support_link(checker_url, code).replacen("#support=", "?from=qr#support=", 1)
}

/// A code in groups of four joined by `-`, for showing and reading aloud.
/// Separators and case in the input don't matter; nothing is validated.
///
/// ```
/// use resetcheck_core::code::format_for_display;
/// assert_eq!(format_for_display("dkw4hm6p10zj9504h34"), "DKW4-HM6P-10ZJ-9504-H34");
/// ```
pub fn format_for_display(code: &str) -> String {
    let chars: Vec<char> =
        code.chars().filter(|&c| !symbols::is_separator(c)).map(|c| c.to_ascii_uppercase()).collect();
    chars.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// Decodes a code as typed or pasted (see [`normalize`]) into the report it
/// was made from: the same checks, statuses and findings, the coarse
/// measures, and the run time to the hour.
///
/// The run time is known only modulo [`TIME_PERIOD_MS`]; this places it in
/// the first period after 2026-01-01. Use [`decode_at`] with the current
/// time to place it right.
///
/// ```
/// use resetcheck_core::code::{decode, DecodeError};
/// use resetcheck_core::report::Status;
/// let report = decode("dkw4-hm6p-10zj-9504-h34").unwrap();
/// assert_eq!(report.checks[1].findings[0].id, "browser.cookies_blocked");
/// assert_eq!(report.checks[1].status, Status::Fail);
/// // One symbol misread: H34 as H43.
/// assert!(matches!(decode("DKW4-HM6P-10ZJ-9504-H43"), Err(DecodeError::Checksum { .. })));
/// ```
pub fn decode(input: &str) -> Result<Report, DecodeError> {
    find(input).map(|(_, report)| report)
}

/// Like [`decode`], with the code found in `input`, as [`normalize`]
/// gives it.
///
/// When the whole input is not a code, the code is looked for among its
/// words: a code in a sentence (`my code is DKR3-3A6W-K0GM, thanks`) or
/// wrapped over the lines of a quoted reply. Only a run of words that
/// checks out and reads counts.
///
/// ```
/// use resetcheck_core::code::{find, DecodeError};
/// let (code, _) = find("Hi, my code is dkr3 3a6w k0gm. Thanks! (sent 14:05)").unwrap();
/// assert_eq!(code, "DKR33A6WK0GM");
/// assert_eq!(find("> DKR3-3A6W-\n> K0GM").unwrap().0, "DKR33A6WK0GM");
/// // One symbol misread (W as V): the group is named, never corrected.
/// assert_eq!(
///     find("my code is DKR3-3A6V-K0GM, thanks"),
///     Err(DecodeError::Checksum { read: "DKR3-3A6V-K0GM".into(), group: Some(2) })
/// );
/// ```
pub fn find(input: &str) -> Result<(String, Report), DecodeError> {
    find_near(input, None)
}

/// How recent a code found among other words must be, in ms: a
/// support message is about a reset tried days ago, not months, and a
/// chance run of words that checks out has a random run time within the
/// code's 85-day period.
const MOST_AGE_IN_TEXT_MS: i64 = 31 * 24 * layout::HOUR_MS;

fn find_near(input: &str, now_ms: Option<i64>) -> Result<(String, Report), DecodeError> {
    let unspelled = unspell(input);
    let input = unspelled.as_deref().unwrap_or(input);
    let whole = parse_symbols(input).and_then(|symbols| read_symbols(&symbols).map(|report| (symbols, report)));
    // A code alone (in a share link, or typed in its groups) is read as
    // it is, whatever it says.
    if input.contains("support=") || typed_as_code(input) {
        return whole.map(|(symbols, report)| (symbols_text(&symbols), report));
    }
    // A support message is far shorter; the search below costs a few
    // hundred parses per 64 words.
    let mut window = input.len().min(MOST_SEARCHED);
    while !input.is_char_boundary(window) {
        window -= 1;
    }
    let runs = word_runs(&input[..window]);
    let lines = quote_depths(&input[..window]);
    let quote_depth = |at: usize| lines[lines.partition_point(|(start, _)| *start <= at).saturating_sub(1)].1;
    // Words no code's group looks like: the code is in a message, and the
    // whole message checking out would be an accident, never the code.
    let prose =
        runs.iter().flatten().any(|word| !word.code_like) || matches!(whole, Err(DecodeError::BadCharacter { .. }));
    match &whole {
        Ok(_) | Err(DecodeError::NewerFormat { .. }) if !prose => {
            return whole.map(|(symbols, report)| (symbols_text(&symbols), report));
        }
        _ => {}
    }
    let groups: Vec<&[Word]> =
        runs.iter().flat_map(|run| run.split(|word| !word.code_like)).filter(|g| !g.is_empty()).collect();
    // Every run of code-like words shaped like a code (groups of four, or
    // one word): those that check out, as symbols, with whether each ends
    // in a word only taken for a last group (`weak`); and the one to read
    // back as a typo should none read (the last of the most code-like).
    let mut checking: Vec<(Vec<u8>, bool, usize)> = Vec::new();
    // Ranked by letters and digits, not weak, length.
    type TypoRank = (bool, bool, usize);
    let mut typo: Option<(TypoRank, &[Word])> = None;
    for group in &groups {
        // Every word is symbols and separators (`word_runs`), so a run of
        // them reads as their symbols strung together, and is shaped as
        // `Shape` follows it: no text is put together and parsed for each
        // run (4 KB of four-digit numbers would be tens of thousands of parses).
        let word_symbols: Vec<Vec<u8>> =
            group.iter().map(|w| input[w.start..w.end].chars().filter_map(symbols::symbol_value).collect()).collect();
        for first in 0..group.len() {
            let depth = quote_depth(group[first].start);
            let mut shape = Shape::default();
            let mut symbols: Vec<u8> = Vec::new();
            for last in first..group.len() {
                symbols.extend_from_slice(&word_symbols[last]);
                if symbols.len() > MAX_SYMBOLS {
                    break;
                }
                let line_break = last > first && input[group[last - 1].end..group[last].start].contains(['\n', '\r']);
                shape.push_word(last > first, line_break, &input[group[last].start..group[last].end]);
                // Once a group before the last is the wrong size, no longer
                // run of these words is shaped like a code.
                if shape.misshaped_for_good() {
                    break;
                }
                if !shape.is_code() || symbols.len() < MIN_SYMBOLS {
                    continue;
                }
                let weak = group[last].weak;
                let key = (letters_and_digits(&symbols), !weak, symbols.len());
                if typo.is_none_or(|(k, _)| key >= k) {
                    typo = Some((key, &group[first..=last]));
                }
                if symbols::checks_out(&symbols) {
                    checking.push((symbols.clone(), weak, depth));
                }
            }
        }
    }
    // Of those that check out and read, the most recent wins, then the
    // least quoted (the user's new code above the old one they reply to,
    // both of the same hour: support review, 2026-11-27), then the longest:
    // a chance run of a message's other numbers (an IBAN, a parcel number)
    // that checks out is rarely recent.
    // Recency, quotes, length.
    type Rank = (i64, Reverse<usize>, usize);
    let mut best: Option<(Rank, &Vec<u8>, Report)> = None;
    let mut newer = None;
    // The most recent of those too old to count, to say so.
    let mut old: Option<(i64, &Vec<u8>)> = None;
    for (symbols, weak, depth) in &checking {
        let mut report = match read_symbols(symbols) {
            // Ending in a word only taken for a last group, it must read
            // strictly: a typo plus the next word checking out by chance
            // reads as a newer format or with unknown findings as often as not.
            Ok(report) if *weak && report.checks.iter().flat_map(|c| &c.findings).any(|f| f.id == UNKNOWN_FINDING) => {
                continue
            }
            Ok(report) => report,
            Err(DecodeError::NewerFormat { .. }) if *weak => continue,
            Err(error @ DecodeError::NewerFormat { .. }) => {
                newer = newer.or(Some(error));
                continue;
            }
            Err(_) => continue,
        };
        let age = match (now_ms, report.ran_at_ms) {
            (Some(now), Some(_)) => {
                place(&mut report, now);
                report.ran_at_ms.map_or(i64::MAX, |ran| now.saturating_sub(ran))
            }
            _ => 0,
        };
        let score = (-age, Reverse(*depth), symbols.len());
        if age <= MOST_AGE_IN_TEXT_MS && best.as_ref().is_none_or(|(b, _, _)| score > *b) {
            best = Some((score, symbols, report));
        } else if age > MOST_AGE_IN_TEXT_MS && old.is_none_or(|(a, _)| age < a) {
            old = Some((age, symbols));
        }
    }
    if let Some((_, symbols, report)) = best {
        return Ok((symbols_text(symbols), report));
    }
    if let Some(newer) = newer {
        return Err(newer);
    }
    // Letters and digits, as a code has: an IBAN's digits reading as an old
    // code are no news for the agent.
    if let Some((age, symbols)) = old.filter(|(_, s)| letters_and_digits(s)) {
        let days = age / (24 * layout::HOUR_MS);
        return Err(DecodeError::OldInMessage { read: format_for_display(&symbols_text(symbols)), days });
    }
    // Nothing code-like reads. The sentence's punctuation or its other
    // words are not the problem the agent should hear of: the typo in the
    // words most like a code is (letters and digits, shaped like a code,
    // the longest), not a phone number or a date beside it, nor a short
    // word after it ("... 9504 ok") taken for its last group.
    let typo = typo.and_then(|(_, words)| parse_symbols(&code_shaped(input, words)?).ok());
    if let Some(symbols) = typo {
        return Err(checksum_error(&symbols));
    }
    // Nothing shaped like a code ("DV80-330H-YSR-YF", a group short): the
    // longest run of code-like words is what to read back, not the whole
    // message around it.
    let run = groups
        .iter()
        .filter_map(|words| {
            let (first, last) = (words.first()?, words.last()?);
            parse_symbols(&input[first.start..last.end]).ok()
        })
        .filter(|symbols| letters_and_digits(symbols))
        .max_by_key(Vec::len);
    match run {
        Some(symbols) if prose => Err(checksum_error(&symbols)),
        // A message with no code in it is not itself a mistyped code: "read
        // as MYC0-DE1S-1234" would send the agent after a typo. But a code
        // with a stray character in it ("Code: DKR3-3A6W-K0GU, thanks") is
        // the user's code: the character is named.
        None if prose && input.split_whitespace().any(sentence_word) => {
            Err(stray_character(input).unwrap_or(DecodeError::NoCode))
        }
        _ => whole.map(|(symbols, report)| (symbols_text(&symbols), report)),
    }
}

/// The first character no code has inside a word that looks like a code
/// (letters and digits, as "K0GU" or "HM#P"), as a [`DecodeError::BadCharacter`]
/// with its place in `input`: the code the user sent, with one character
/// misheard or mistyped.
fn stray_character(input: &str) -> Option<DecodeError> {
    input.split_whitespace().map(|word| word.trim_matches(is_wrapping)).find_map(|word| {
        let looks_like_code = word.chars().any(|c| c.is_ascii_digit()) && word.chars().any(|c| c.is_ascii_alphabetic());
        let (i, character) = word
            .char_indices()
            .find(|&(_, c)| symbols::symbol_value(c).is_none() && !symbols::is_separator(c))
            .filter(|_| looks_like_code)?;
        let word_at = word.as_ptr() as usize - input.as_ptr() as usize;
        let position = input[..word_at + i].chars().count() + 1;
        // Its group where the word holds a whole code in groups; a code
        // in groups between spaces or lines may have groups before it.
        let symbols_in = |text: &str| text.chars().filter(|&c| symbols::symbol_value(c).is_some()).count();
        let whole = word.contains(symbols::is_separator) && symbols_in(word) + 1 >= CLEAN_SYMBOLS;
        let group = whole.then(|| symbols_in(&word[..i]) / 4 + 1);
        Some(DecodeError::BadCharacter { character, position, group })
    })
}

/// Whether `word` is a sentence's, as no code's group is: lower-case
/// letters and no digit.
fn sentence_word(word: &str) -> bool {
    word.chars().any(char::is_lowercase) && !word.chars().any(|c| c.is_ascii_digit())
}

/// Whether `symbols` have both letters and digits, as a code has and a
/// phone number, a date or an IBAN's digits don't.
fn letters_and_digits(symbols: &[u8]) -> bool {
    symbols.iter().any(|&s| s < 10) && symbols.iter().any(|&s| s >= 10)
}

/// The code in `input` when it is spelled out as the page's "Spell out
/// the code" shows it ("Delta Victor Eight Zero Three …", the spelling
/// alphabet the catalogue's `nato.*` words hold): the symbols those words
/// spell, or, when the groups are there too (the spelled list copied
/// whole: "DV80 Delta Victor Eight Zero …"), the groups, if the words
/// spell the same. `None` for anything else: a sentence's "one" stays a word.
fn unspell(input: &str) -> Option<String> {
    // A spelled code is a few hundred bytes; a long paste is no spelling.
    if input.len() > MOST_SEARCHED {
        return None;
    }
    let cat = crate::messages::Catalogue::new(crate::messages::Locale::En);
    // ASCII case only: the words are ASCII, and Unicode's case tables
    // would weigh on the support page.
    let alphabet: Vec<(char, String)> = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        .chars()
        .map(|c| (c, cat.text(&format!("nato.{c}")).to_ascii_lowercase()))
        .collect();
    let letter = |word: &str| {
        let word = word.to_ascii_lowercase();
        // The words as people write them, besides the page's own.
        let alias = match word.as_str() {
            "alpha" => Some('A'),
            "juliet" => Some('J'),
            "whisky" => Some('W'),
            "xray" => Some('X'),
            _ => None,
        };
        alias.or_else(|| alphabet.iter().find(|(_, spelled)| *spelled == word).map(|(c, _)| *c))
    };
    // The words' symbols alone, the groups alone, and both in order (a
    // spelling with some symbols typed as themselves: "delta victor 8 0").
    let (mut spelled, mut groups, mut in_order) = (String::new(), String::new(), String::new());
    let (mut words, mut long_group) = (0, false);
    for token in
        input.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | ':')).filter(|t| !t.is_empty())
    {
        if let Some(c) = letter(token) {
            spelled.push(c);
            in_order.push(c);
            words += 1;
        } else if symbolic(token) {
            groups.push_str(token);
            in_order.push_str(token);
            long_group |= symbol_count(token) > 1;
        } else {
            return None;
        }
    }
    if words < 2 {
        return None;
    }
    if !long_group {
        return Some(in_order);
    }
    (normalize(&groups).ok()? == normalize(&spelled).ok()?).then_some(groups)
}

/// The words as one code, when they are shaped like one: a single word,
/// or whole groups of four symbols (between dashes or spaces) before the
/// last group. A line break inside a group (a wrapped reply) joins its two
/// halves. `None` for any other shape: `ORDER 4F7K-22QX` is no code's.
fn code_shaped(input: &str, words: &[Word]) -> Option<String> {
    let mut text = String::new();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            // Between whole groups a line break separates, as a space does.
            let between = &input[words[i - 1].end..word.start];
            let last_group = text.rsplit(symbols::is_separator).next().unwrap_or("");
            if !between.contains(['\n', '\r']) || symbol_count(last_group) == 4 {
                text.push('-');
            }
        }
        text.push_str(&input[word.start..word.end]);
    }
    let sizes: Vec<usize> = text.split(symbols::is_separator).map(symbol_count).filter(|&n| n > 0).collect();
    // Whole groups of four before the last (several run together when a
    // code was copied without its dashes); the last may be any length.
    let (_, groups) = sizes.split_last()?;
    groups.iter().all(|&n| n % 4 == 0).then_some(text)
}

/// Whether the text [`code_shaped`] puts together is shaped like a code,
/// followed word by word: the symbols in the group being written (`tail`),
/// the last whole group before it, and whether a group before that was
/// not a multiple of four.
#[derive(Default)]
struct Shape {
    tail: usize,
    last_group: Option<usize>,
    misshaped: bool,
}

impl Shape {
    /// Adds `word` as `code_shaped` does: after a dash, unless a line
    /// break comes between it and a group not yet whole (a code wrapped
    /// mid-group).
    fn push_word(&mut self, after_another: bool, line_break: bool, word: &str) {
        if after_another && (!line_break || self.tail == 4) {
            self.end_group();
        }
        for c in word.chars() {
            if symbols::is_separator(c) {
                self.end_group();
            } else if symbols::symbol_value(c).is_some() {
                self.tail += 1;
            }
        }
    }

    fn end_group(&mut self) {
        if self.tail > 0 {
            self.misshaped |= self.last_group.is_some_and(|n| n % 4 != 0);
            self.last_group = Some(self.tail);
            self.tail = 0;
        }
    }

    /// Groups of four before the last, which may be any length.
    fn is_code(&self) -> bool {
        !self.misshaped_for_good() && (self.tail > 0 || self.last_group.is_some())
    }

    /// A group before the last is the wrong size, and stays before the
    /// last whatever words follow.
    fn misshaped_for_good(&self) -> bool {
        self.misshaped || (self.tail > 0 && self.last_group.is_some_and(|n| n % 4 != 0))
    }
}

/// Whether `input` is nothing but a code, typed in its groups of four
/// (`dkw4 hm6p lozj 95o4 h34`) or as one word: then it is read whole, even
/// when a group has no digit and looks like a word.
fn typed_as_code(input: &str) -> bool {
    let words: Vec<&str> =
        input.split_whitespace().map(|w| w.trim_matches(is_wrapping)).filter(|w| !w.is_empty()).collect();
    match words.split_last() {
        None => false,
        Some((last, groups)) => {
            words.iter().all(|w| symbolic(w))
                && (groups.is_empty()
                    || (groups.iter().all(|w| symbol_count(w) == 4) && (1..=4).contains(&symbol_count(last))))
        }
    }
}

/// How many code symbols `text` holds.
fn symbol_count(text: &str) -> usize {
    text.chars().filter(|&c| symbols::symbol_value(c).is_some()).count()
}

/// Whether `word` is only code symbols and separators.
fn symbolic(word: &str) -> bool {
    word.chars().all(|c| symbols::symbol_value(c).is_some() || symbols::is_separator(c))
}

/// Param `name` as a code carries it, from its report-JSON `value`: a
/// number for a number param; for a word param the list's own word, or
/// `other` when the list lacks it (as [`encode`] then writes it). `None`
/// for a param no code carries or a value of the wrong kind. For reading
/// findings that crossed as JSON (the input module's answers) with the
/// same `&'static str`s as the checker's own.
pub(crate) fn param_from_json(name: &str, value: &serde_json::Value) -> Option<Param> {
    match layout::param_codec(name)? {
        ParamCodec::Word(_, list) => {
            let word = value.as_str()?;
            Some(Param::Word(list.iter().copied().find(|w| *w == word).unwrap_or(layout::OTHER_WORD)))
        }
        ParamCodec::Int(_) => value.as_i64().map(Param::Int),
    }
}

/// Reads a report from symbols, checksum first.
fn read_symbols(symbols: &[u8]) -> Result<Report, DecodeError> {
    if !symbols::checks_out(symbols) {
        return Err(checksum_error(symbols));
    }
    let mut r = BitReader::from_symbols(&symbols[..symbols.len() - 2]);
    read_report(&mut r).map_err(|reason| match reason {
        Newer(version) => DecodeError::NewerFormat { version },
        Bad(reason) => DecodeError::Malformed { reason },
    })
}

fn symbols_text(symbols: &[u8]) -> String {
    symbols.iter().map(|&s| symbols::symbol_char(s)).collect()
}

/// The checksum error for symbols that don't check out, pointing at the
/// group of the one wrong symbol or swapped pair that would make them a
/// code that reads, when that is the only such fix and dropping no symbol
/// makes them read either. (A missing symbol is not looked for.)
fn checksum_error(symbols: &[u8]) -> DecodeError {
    let mut fixes = Vec::new();
    let mut fixed = symbols.to_vec();
    let reads =
        |s: &[u8]| symbols::checks_out(s) && read_report(&mut BitReader::from_symbols(&s[..s.len() - 2])).is_ok();
    for at in 0..symbols.len() {
        for value in 0..32 {
            fixed[at] = value;
            if value != symbols[at] && reads(&fixed) {
                fixes.push(at);
            }
        }
        fixed[at] = symbols[at];
        if at + 1 < symbols.len() && symbols[at] != symbols[at + 1] {
            fixed.swap(at, at + 1);
            if reads(&fixed) {
                // A swap across two groups is in neither.
                fixes.push(if at % 4 == 3 { usize::MAX } else { at });
            }
            fixed.swap(at, at + 1);
        }
        if fixes.len() > 1 {
            break;
        }
    }
    // A symbol too many has no group to read again, and a substitution
    // that happens to fix the checksum then would point at the wrong one:
    // such a fix makes the group unknown. (Trying every insertion too would
    // leave a third of single typos unlocated; the message says "if one
    // character is wrong" instead.)
    let length_fix = || {
        (0..symbols.len()).any(|at| {
            let mut shorter = symbols.to_vec();
            shorter.remove(at);
            shorter.len() >= MIN_SYMBOLS && reads(&shorter)
        })
    };
    if fixes.len() == 1 && length_fix() {
        fixes.push(usize::MAX);
    }
    let group = match fixes[..] {
        [at] if at != usize::MAX => Some(at / 4 + 1),
        _ => None,
    };
    DecodeError::Checksum { read: format_for_display(&symbols_text(symbols)), group }
}

/// Whether `word` is one of the short words a message goes on with after
/// a code (English, as the catalogue is): never taken for its last group.
fn is_short_word(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "a", "am", "an", "and", "any", "are", "as", "at", "be", "best", "bye", "by", "can", "cya", "do", "for", "from",
        "get", "got", "had", "has", "hi", "hey", "if", "in", "is", "it", "its", "just", "me", "my", "need", "new",
        "no", "not", "now", "of", "ok", "okay", "on", "one", "or", "pls", "plz", "see", "sent", "so", "thx", "to",
        "too", "tnx", "try", "ty", "up", "us", "via", "was", "we", "what", "when", "why", "will", "yes", "you", "yr",
    ];
    WORDS.contains(&word.to_ascii_lowercase().as_str())
}

/// Each line's start and how deep in a reply's quotes it is: its `>` marks
/// at the start (spaces between them allowed).
fn quote_depths(input: &str) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for line in input.split(['\n', '\r']) {
        let depth = line.chars().take_while(|c| *c == '>' || c.is_whitespace()).filter(|c| *c == '>').count();
        lines.push((start, depth));
        start += line.len() + 1;
    }
    lines
}

/// A word of the input, by byte range, without the punctuation around it.
struct Word {
    start: usize,
    end: usize,
    /// Has a digit or no lower-case letter: what a code's groups look like
    /// and a sentence's words rarely do.
    code_like: bool,
    /// Code-like only as a short word after whole groups: a last group in
    /// lower case, or a sentence's next word.
    weak: bool,
}

/// The runs of words that could be (part of) a code: words of symbols and
/// dashes between spaces, a run ending at any other word and at quotes,
/// brackets or punctuation. Reply markers (`>`) and lone dashes don't end
/// a run. At most 64 words a run.
fn word_runs(input: &str) -> Vec<Vec<Word>> {
    const MOST_WORDS: usize = 64;
    let mut runs: Vec<Vec<Word>> = Vec::new();
    let mut run: Vec<Word> = Vec::new();
    let mut word_start = None;
    for (at, c) in input.char_indices().chain([(input.len(), ' ')]) {
        let space = c.is_whitespace() || c == '>';
        let punctuation = !space && is_wrapping(c) && !symbols::is_separator(c);
        if !space && !punctuation {
            word_start = word_start.or(Some(at));
            continue;
        }
        if let Some(start) = word_start.take() {
            let word = input[start..at].trim_matches(symbols::is_separator);
            let start = word.as_ptr() as usize - input.as_ptr() as usize;
            let symbolic = symbolic(word);
            if !symbolic || run.len() == MOST_WORDS {
                runs.extend((!run.is_empty()).then(|| std::mem::take(&mut run)));
            }
            if symbolic && !word.is_empty() {
                // A digit, or no lower-case letter: a code's group, or a
                // short last one ("P"); a candidate must still be shaped
                // like a code (`code_shaped`).
                // So is a short word right after whole groups (never after
                // another such word): the last group typed in lower case
                // ("dv80 330h ysr0 yf"), unless it is one of a message's
                // usual short words, which a mistyped code followed by
                // ("… bye") could check out with by chance.
                let after_groups = run.last().is_some_and(|w| {
                    let count = symbol_count(&input[w.start..w.end]);
                    w.code_like && !w.weak && count > 0 && count.is_multiple_of(4)
                });
                let strong = word.chars().any(|c| c.is_ascii_digit() || ('\u{ff10}'..='\u{ff19}').contains(&c))
                    || !word.chars().any(char::is_lowercase);
                let weak = !strong && after_groups && symbol_count(word) <= 4 && !is_short_word(word);
                run.push(Word { start, end: start + word.len(), code_like: strong || weak, weak });
            }
        }
        if punctuation {
            runs.extend((!run.is_empty()).then(|| std::mem::take(&mut run)));
        }
    }
    runs.extend((!run.is_empty()).then_some(run));
    runs
}

/// Like [`decode`], with the run time placed in the latest period that
/// doesn't put it more than a day after `now_ms` (Unix ms): right for any
/// code made in the 84 days before `now_ms`.
///
/// ```
/// use resetcheck_core::code::{decode_at, encode};
/// use resetcheck_core::report::Report;
/// let ran = 1_800_000_000_000; // 2027-01-15
/// let code = encode(&Report::new(vec![]).with_ran_at(ran));
/// let decoded = decode_at(&code, ran + 3_600_000).unwrap().ran_at_ms.unwrap();
/// assert!(decoded <= ran && ran - decoded < 3_600_000);
/// ```
pub fn decode_at(input: &str, now_ms: i64) -> Result<Report, DecodeError> {
    find_at(input, now_ms).map(|(_, report)| report)
}

/// Like [`decode_at`], with the code found in `input` (see [`find`]).
pub fn find_at(input: &str, now_ms: i64) -> Result<(String, Report), DecodeError> {
    let (code, mut report) = find_near(input, Some(now_ms))?;
    place(&mut report, now_ms);
    Ok((code, report))
}

/// Places a decoded run time in the latest period that doesn't put it
/// more than a day after `now_ms`. Idempotent.
fn place(report: &mut Report, now_ms: i64) {
    if let Some(base) = report.ran_at_ms {
        let latest = now_ms.saturating_add(24 * layout::HOUR_MS);
        let periods = latest.saturating_sub(base).div_euclid(TIME_PERIOD_MS);
        report.ran_at_ms = Some(base.saturating_add(periods.saturating_mul(TIME_PERIOD_MS)));
    }
}

/// Why reading a payload stopped.
enum Stop {
    Newer(u32),
    Bad(bits::Malformed),
}
use Stop::{Bad, Newer};

impl From<bits::Malformed> for Stop {
    fn from(reason: bits::Malformed) -> Stop {
        Bad(reason)
    }
}

/// A check as read, before its findings' params.
struct ReadCheck {
    check: CheckId,
    numbers: Vec<u16>,
    measures: Params,
}

fn read_report(r: &mut BitReader) -> Result<Report, Stop> {
    if r.bit()? {
        let later = layout::LATER_VERSION.read(r)?;
        return Err(Newer(u32::try_from(later).unwrap_or(u32::MAX)));
    }
    let hours = r.read(layout::TIME_BITS)? as i64;
    let ran_at_ms = (hours != layout::TIME_PERIOD_HOURS).then(|| layout::EPOCH_MS + hours * layout::HOUR_MS);

    let mut checks: Vec<ReadCheck> = Vec::new();
    for (slot, spec) in CHECKS.iter().enumerate() {
        let first = r.bit()?;
        let (present, has_findings) = match (spec.usual, first) {
            (true, false) => (true, false),
            (true, true) => {
                let absent = r.bit()?;
                (!absent, !absent)
            }
            (false, false) => (false, false),
            (false, true) => (true, r.bit()?),
        };
        if !present {
            continue;
        }
        let check = layout::check_for_slot(slot).ok_or("it holds a check this build lacks")?;
        let mut numbers = Vec::new();
        let mut more = has_findings;
        while more {
            let number = layout::FINDING_NUMBER.read(r)?;
            let number = u16::try_from(number).ok().filter(|&n| n > 0).ok_or("a finding number is out of range")?;
            // A finding this build knows belongs to one check: under another,
            // the code was misread in a way its check symbols missed (about
            // one misreading of three or more symbols in 1,024), not made by
            // an encoder (robustness review, 2026-11-27).
            if finding_def(number).is_some_and(|d| !registry::belongs_to(d.id, check)) {
                return Err(Bad("a finding is under a check it doesn't belong to"));
            }
            numbers.push(number);
            more = r.bit()?;
        }
        let ids = || numbers.iter().filter_map(|&n| finding_def(n)).map(|d| d.id);
        let measures = match check {
            CheckId::Clock => measures::read_clock(r)?,
            CheckId::Browser => measures::read_browser(r, ids().any(|id| id == "browser.embedded"))?,
            _ => Params::new(),
        };
        checks.push(ReadCheck { check, numbers, measures });
    }

    // Params, in number order; everything from the first unknown number on
    // is newer than this build, so reading stops there.
    let mut order: Vec<(u16, usize, usize)> = Vec::new();
    for (c, read) in checks.iter().enumerate() {
        order.extend(read.numbers.iter().enumerate().map(|(i, &n)| (n, c, i)));
    }
    crate::order::sort_by_key(&mut order, |&(number, _, _)| number);
    let mut params: Vec<((usize, usize), Params)> = Vec::new();
    let mut all_known = true;
    for (number, c, i) in order {
        let Some(def) = finding_def(number) else {
            all_known = false;
            break;
        };
        params.push(((c, i), read_params(r, def)?));
    }
    let endpoint_list = if all_known { read_end(r)? } else { None };

    let mut results: Vec<CheckResult> = checks
        .into_iter()
        .enumerate()
        .map(|(c, read)| {
            let findings = read
                .numbers
                .iter()
                .enumerate()
                .map(|(i, &number)| match finding_def(number) {
                    Some(def) => Finding { id: def.id, params: take_params(&mut params, (c, i)) },
                    None => Finding {
                        id: UNKNOWN_FINDING,
                        params: Params::from([("number", Param::Int(i64::from(number)))]),
                    },
                })
                .collect();
            let mut result = CheckResult::new(read.check, findings);
            result.measures = read.measures;
            if let (CheckId::Network, Some(list)) = (read.check, endpoint_list) {
                if names_configured_endpoint(&result) {
                    result.measures.insert("endpoint_list", Param::Int(list));
                }
            }
            result
        })
        .collect();
    // The page's order: its display order, then the checks the user started.
    crate::order::sort_by_key(&mut results, |r| {
        CheckId::ALL.iter().position(|&c| c == r.check).unwrap_or(CheckId::ALL.len())
    });
    let report = Report::new(results);
    Ok(match ran_at_ms {
        Some(ms) => report.with_ran_at(ms),
        None => report,
    })
}

fn finding_def(number: u16) -> Option<&'static registry::FindingDef> {
    FINDINGS.iter().find(|d| d.number == number)
}

/// The params read for finding `at` (check, position), or none.
fn take_params(params: &mut Vec<((usize, usize), Params)>, at: (usize, usize)) -> Params {
    match params.iter().position(|(k, _)| *k == at) {
        Some(i) => params.swap_remove(i).1,
        None => Params::new(),
    }
}

fn read_params(r: &mut BitReader, def: &registry::FindingDef) -> Result<Params, Stop> {
    let mut params = Params::new();
    for &name in def.params {
        let Some(codec) = layout::param_codec(name) else { continue };
        let value = match codec {
            ParamCodec::Int(c) => Param::Int(c.read(r)?),
            ParamCodec::Word(bits, list) => {
                Param::Word(layout::word_at(list, IntCodec::plain(bits).read(r)?, layout::OTHER_WORD))
            }
        };
        params.insert(name, value);
    }
    Ok(params)
}

/// The end of the payload: trailing sections, then zero padding. Returns
/// the endpoint list's id (section 1); a section of a newer resetcheck is
/// skipped, with everything after it.
fn read_end(r: &mut BitReader) -> Result<Option<i64>, Stop> {
    let tag_bits = layout::SECTION_TAG_BITS as usize;
    let mut endpoint_list = None;
    while r.remaining() >= tag_bits && !r.next_bits_are_zero(tag_bits) {
        match r.read(layout::SECTION_TAG_BITS)? {
            layout::SECTION_ENDPOINT_LIST if endpoint_list.is_none() => {
                endpoint_list = Some(r.read(layout::ENDPOINT_LIST_BITS)? as i64);
            }
            _ => return Ok(endpoint_list),
        }
    }
    if r.remaining() >= 5 || !r.next_bits_are_zero(5) {
        return Err(Bad("it has data after its end"));
    }
    Ok(endpoint_list)
}

/// The coarse measures of the clock and browser checks.
mod measures {
    use super::bits::{BitReader, BitWriter, Malformed};
    use super::layout::{self, words};
    use crate::report::{CheckResult, Param, Params};

    pub(super) fn write_clock(w: &mut BitWriter, result: &CheckResult) {
        match result.measures.int("offset_ms") {
            None => w.push(0b100_0000, 7),
            Some(offset) => {
                let class = layout::offset_class(offset.unsigned_abs());
                // Class 0 with the sign set is the "not measured" marker, so
                // an offset that rounds to class 0 is always written as +0.
                w.bit(offset < 0 && class != 0);
                w.push(u64::from(class), 6);
                let uncertainty = result.measures.int("uncertainty_ms").unwrap_or(0);
                let class = layout::UNCERTAINTY_BOUNDS_MS.iter().take_while(|&&bound| uncertainty > bound).count();
                w.push(class as u64, 2);
            }
        }
        let dst =
            result.measures.word("dst").map_or(0, |d| layout::DST.iter().position(|x| *x == d).unwrap_or(0)) as u64;
        let utc = result.measures.int("utc_offset_min");
        let index = utc.and_then(|m| layout::ZONE_OFFSETS_MIN.iter().position(|&z| i64::from(z) == m));
        match (utc, index) {
            (Some(_), Some(i)) => w.push((i as u64 + 1) * 3 + dst, layout::ZONE_BITS),
            (None, _) => w.push(dst, layout::ZONE_BITS),
            (Some(minutes), None) => {
                w.push((1 << layout::ZONE_BITS) - 1, layout::ZONE_BITS);
                layout::ZONE_ESCAPE_OFFSET.write(w, minutes);
                w.push(dst, 2);
            }
        }
    }

    pub(super) fn read_clock(r: &mut BitReader) -> Result<Params, Malformed> {
        let mut out = Params::new();
        let negative = r.bit()?;
        let class = r.read(6)? as u32;
        let measured = !(negative && class == 0);
        if measured {
            let magnitude = i64::try_from(layout::offset_class_value(class)).unwrap_or(i64::MAX);
            out.insert("offset_ms", Param::Int(if negative { -magnitude } else { magnitude }));
            let uncertainty = layout::UNCERTAINTY_VALUES_MS[r.read(2)? as usize];
            out.insert("uncertainty_ms", Param::Int(uncertainty));
        }
        let zone = r.read(layout::ZONE_BITS)?;
        let (utc, dst) = if zone == (1 << layout::ZONE_BITS) - 1 {
            (Some(layout::ZONE_ESCAPE_OFFSET.read(r)?), r.read(2)?)
        } else {
            let index = zone / 3;
            if index as usize > layout::ZONE_OFFSETS_MIN.len() {
                return Err("its time-zone field is out of range");
            }
            let utc = index.checked_sub(1).map(|i| i64::from(layout::ZONE_OFFSETS_MIN[i as usize]));
            (utc, zone % 3)
        };
        let dst = *layout::DST.get(dst as usize).ok_or("its daylight-saving field is out of range")?;
        if let Some(minutes) = utc {
            out.insert("utc_offset_min", Param::Int(minutes));
        }
        // The page always reports dst; "unknown" and "not reported" share a value.
        if dst != "unknown" || !out.is_empty() {
            out.insert("dst", Param::Word(dst));
        }
        Ok(out)
    }

    pub(super) fn write_browser(w: &mut BitWriter, result: &CheckResult) {
        let all_ones = (1u64 << layout::IDENTITY_BITS) - 1;
        if let Some(family) = result.measures.word("family") {
            let family = layout::word_index(words::FAMILY, family);
            let os = result.measures.word("os").map_or(0, |os| layout::word_index(words::OS, os));
            let phone = u64::from(result.measures.word("mobile") == Some("yes"));
            if family < layout::IDENTITY_FAMILIES && os < layout::IDENTITY_OSES {
                w.push(1 + (family * layout::IDENTITY_OSES + os) * 2 + phone, layout::IDENTITY_BITS);
            } else {
                w.push(all_ones, layout::IDENTITY_BITS);
                layout::ESCAPED_FAMILY.write(w, family as i64);
                layout::ESCAPED_OS.write(w, os as i64);
                w.push(phone, 1);
            }
            layout::MAJOR.write(w, result.measures.int("major").unwrap_or(0));
        } else {
            w.push(0, layout::IDENTITY_BITS);
        }
        if result.findings.iter().any(|f| f.id == "browser.embedded") {
            w.bit(result.measures.word("frame") != Some(layout::FRAMES[0]));
        }
    }

    pub(super) fn read_browser(r: &mut BitReader, embedded: bool) -> Result<Params, Malformed> {
        let mut out = Params::new();
        let identity = r.read(layout::IDENTITY_BITS)?;
        if identity != 0 {
            let (family, os, phone) = if identity == (1 << layout::IDENTITY_BITS) - 1 {
                let family = layout::ESCAPED_FAMILY.read(r)?;
                let os = layout::ESCAPED_OS.read(r)?;
                (family, os, r.bit()?)
            } else {
                let packed = identity - 1;
                let (family, os) = ((packed / 2) / layout::IDENTITY_OSES, (packed / 2) % layout::IDENTITY_OSES);
                if family >= layout::IDENTITY_FAMILIES {
                    return Err("its browser field is out of range");
                }
                (family as i64, os as i64, packed % 2 == 1)
            };
            out.insert("family", Param::Word(layout::word_at(words::FAMILY, family, layout::OTHER_WORD)));
            out.insert("os", Param::Word(layout::word_at(words::OS, os, "unknown")));
            out.insert("mobile", Param::Word(if phone { "yes" } else { "no" }));
            let major = layout::MAJOR.read(r)?;
            if major != 0 {
                out.insert("major", Param::Int(major));
            }
            out.insert("frame", Param::Word("top"));
        }
        if embedded {
            out.insert("frame", Param::Word(layout::FRAMES[usize::from(r.bit()?)]));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
