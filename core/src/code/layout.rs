//! The tables the wire format is made of: check slots, how each finding
//! param is written, the word lists, and how measures are made coarse.
//!
//! Everything here is part of the format. Word lists and the param table
//! are append-only; everything else is fixed for a format version. The
//! approval test in `tests.rs` pins all of it through [`describe`].

use super::bits::IntCodec;
use crate::report::CheckId;

/// The start of the run-time field's count: 2026-01-01T00:00:00Z.
pub(super) const EPOCH_MS: i64 = 1_767_225_600_000;
/// The run time's resolution: one hour.
pub(super) const HOUR_MS: i64 = 3_600_000;
/// The run-time field's width.
pub(super) const TIME_BITS: u32 = 11;
/// Hours count modulo this (about 85 days); the all-ones value means unknown.
pub(super) const TIME_PERIOD_HOURS: i64 = (1 << TIME_BITS) - 1;

/// How finding numbers are written: 1 to 126 in 7 bits.
pub(super) const FINDING_NUMBER: IntCodec = IntCodec::plain(7);
/// How a version after 1 is written, after its leading 1 bit: version − 2.
pub(super) const LATER_VERSION: IntCodec = IntCodec { bits: 4, scale: 1, bias: -2 };

/// One check slot: the checks a v1 code can hold, in the order it holds them.
#[derive(Clone, Copy, Debug)]
pub(super) struct CheckSlot {
    /// The check's stable name.
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    /// Whether the check runs on every visit. Such checks cost 1 bit when
    /// clean (`0`), 2 with findings (`10`) and 2 when absent (`11`); the
    /// others 1 bit when absent (`0`), `10` when clean, `11` with findings.
    pub usual: bool,
}

/// The check slots of format 1, numbered by position. A check added later
/// needs a new format version (its decoders keep reading version 1).
pub(super) const CHECKS: [CheckSlot; 6] = [
    CheckSlot { name: "clock", usual: true },
    CheckSlot { name: "browser", usual: true },
    CheckSlot { name: "extensions", usual: true },
    CheckSlot { name: "network", usual: true },
    CheckSlot { name: "email", usual: false },
    CheckSlot { name: "link", usual: false },
];

/// The slot of a check. Exhaustive on purpose: a new [`CheckId`] must get a
/// slot here (and in [`check_for_slot`]) before anything compiles.
pub(super) fn slot_of(check: CheckId) -> usize {
    match check {
        CheckId::Clock => 0,
        CheckId::Browser => 1,
        CheckId::Extensions => 2,
        CheckId::Network => 3,
        CheckId::Email => 4,
        CheckId::Link => 5,
    }
}

/// The check in a slot, if this build has it.
pub(super) fn check_for_slot(slot: usize) -> Option<CheckId> {
    Some(match slot {
        0 => CheckId::Clock,
        1 => CheckId::Browser,
        2 => CheckId::Extensions,
        3 => CheckId::Network,
        4 => CheckId::Email,
        5 => CheckId::Link,
        _ => return None,
    })
}

/// How a finding param is written.
#[derive(Clone, Copy, Debug)]
pub(super) enum ParamCodec {
    /// A number.
    Int(IntCodec),
    /// A word, as its index: 0 for a word this list lacks (decoded as
    /// `other`), then 1, 2, … for the list's words, in [`IntCodec::plain`]
    /// of the given width, so the list can grow past it.
    Word(u32, &'static [&'static str]),
}

/// The word a word index decodes to when the list lacks it, and the word
/// the encoder writes as index 0.
pub(super) const OTHER_WORD: &str = "other";

/// Word lists. Append only; never reorder, never reuse a position. `other`
/// is never listed: it is index 0 in every list.
pub(super) mod words {
    pub const DIRECTION: &[&str] = &["ahead", "behind"];
    pub const ENDPOINT_PROBLEM: &[&str] =
        &["http_error", "not_json", "bad_value", "network", "timeout", "no_answer", "inconsistent"];
    pub const UNMEASURED_CAUSE: &[&str] =
        &["no_samples", "no_date_header", "bad_date_header", "bad_timing", "inconsistent"];
    pub const REASON: &[&str] = &["missing", "denied", "quota", "mismatch"];
    pub const STORAGE_ACCESS: &[&str] = &["granted", "not_granted", "unsupported"];
    pub const FAMILY: &[&str] = &["chrome", "edge", "firefox", "safari", "samsung", "opera", "brave", "chromium"];
    pub const NAME: &[&str] =
        &["onepassword", "lastpass", "bitwarden", "dashlane", "grammarly", "languagetool", "bitdefender"];
    pub const KIND: &[&str] = &["cosmetic", "network", "both"];
    /// A frozen copy of `email::COMMON_DOMAINS` as first released, on
    /// purpose: the lint's list may be reordered or pruned, this one only
    /// grows (a test checks every lint word is here).
    pub const SUGGESTION: &[&str] = &[
        "gmail.com",
        "yahoo.com",
        "hotmail.com",
        "outlook.com",
        "icloud.com",
        "aol.com",
        "live.com",
        "msn.com",
        "googlemail.com",
        "me.com",
        "mac.com",
        "ymail.com",
        "mail.com",
        "comcast.net",
        "hotmail.co.uk",
        "yahoo.co.uk",
        "btinternet.com",
        "gmx.de",
        "gmx.net",
        "gmx.com",
        "web.de",
        "t-online.de",
        "mailbox.org",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "proton.me",
        "protonmail.com",
        "yandex.ru",
        "mail.ru",
        "qq.com",
    ];
    pub const DIRECTIVE: &[&str] = &["connect-src", "default-src", "img-src"];
    /// Link wrappers (security gateways, click trackers), by their ids in
    /// the link check's rewriter table.
    pub const WRAPPER: &[&str] = &[
        "safelinks",
        "proofpoint",
        "mimecast",
        "google",
        "barracuda",
        "sophos",
        "trendmicro",
        "cisco",
        "fireeye",
        "symantec",
        "fortimail",
        "hornetsecurity",
        "esvalabs",
        "avanan",
        "azure_email",
        "sendgrid",
        "mailchimp",
        "mailgun",
        "mandrill",
        "postmark",
        "ses",
        "sparkpost",
        "customerio",
        "hubspot",
        "brevo",
        "constant_contact",
        "facebook",
        "instagram",
        "linkedin",
        "slack",
        "whatsapp",
        "youtube",
    ];
    pub const ENVIRONMENT: &[&str] = &["staging", "test", "dev"];
    pub const PROBLEM: &[&str] =
        &["too_short", "too_long", "bad_characters", "case_folded", "encoded_twice", "unencoded_plus"];
    pub const APP: &[&str] = &[
        "facebook",
        "messenger",
        "instagram",
        "line",
        "wechat",
        "tiktok",
        "snapchat",
        "google",
        "pinterest",
        "kakaotalk",
        "naver",
        "twitter",
    ];
    /// Operating systems of the browser check's `os` measure; index 0 is
    /// `unknown` there.
    pub const OS: &[&str] = &["windows", "macos", "ios", "android", "chromeos", "linux"];
}

const fn int(bits: u32) -> ParamCodec {
    ParamCodec::Int(IntCodec::plain(bits))
}

/// Minutes east of UTC in quarter hours: −12:00 to +19:30 direct.
const QUARTER_HOURS: ParamCodec = ParamCodec::Int(IntCodec { bits: 7, scale: 15, bias: 48 });

/// How each finding param is written, by param name: a name means the same
/// thing in every finding (as in the catalogue's `param.<name>.<word>`
/// keys). Append only; a registry param without an entry fails the tests.
pub(super) const PARAMS: &[(&str, ParamCodec)] = &[
    ("reason", ParamCodec::Word(3, words::REASON)),
    ("direction", ParamCodec::Word(2, words::DIRECTION)),
    ("hours", int(5)),
    ("minutes", ParamCodec::Int(IntCodec { bits: 3, scale: 15, bias: 0 })),
    ("utc_offset_min", QUARTER_HOURS),
    ("zone_offset_min", QUARTER_HOURS),
    ("endpoint_problem", ParamCodec::Word(3, words::ENDPOINT_PROBLEM)),
    ("http_status", int(10)),
    ("unmeasured_cause", ParamCodec::Word(3, words::UNMEASURED_CAUSE)),
    ("quota_mb", int(11)),
    ("storage_access", ParamCodec::Word(3, words::STORAGE_ACCESS)),
    ("family", ParamCodec::Word(4, words::FAMILY)),
    ("major", int(8)),
    ("behind", int(7)),
    ("name", ParamCodec::Word(4, words::NAME)),
    ("kind", ParamCodec::Word(3, words::KIND)),
    ("suggestion", ParamCodec::Word(6, words::SUGGESTION)),
    ("endpoint", int(4)),
    ("directive", ParamCodec::Word(3, words::DIRECTIVE)),
    ("status", int(10)),
    ("count", int(4)),
    ("wrapper", ParamCodec::Word(6, words::WRAPPER)),
    ("layers", int(3)),
    // Links of 2048 characters and more; 2048 to 3070 direct.
    ("length", ParamCodec::Int(IntCodec { bits: 10, scale: 1, bias: -2048 })),
    ("environment", ParamCodec::Word(3, words::ENVIRONMENT)),
    ("problem", ParamCodec::Word(3, words::PROBLEM)),
    // Up to 34 hours direct.
    ("expiry_minutes", int(11)),
    ("app", ParamCodec::Word(4, words::APP)),
];

pub(super) fn param_codec(name: &str) -> Option<ParamCodec> {
    PARAMS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Index of `word` in `list` as the code writes it: 0 when absent.
pub(super) fn word_index(list: &[&str], word: &str) -> u64 {
    list.iter().position(|w| *w == word).map_or(0, |i| i as u64 + 1)
}

/// The word at a written index; `fallback` for 0 and for indexes past the
/// list (words a newer resetcheck added).
pub(super) fn word_at(list: &[&'static str], index: i64, fallback: &'static str) -> &'static str {
    usize::try_from(index).ok().and_then(|i| i.checked_sub(1)).and_then(|i| list.get(i)).copied().unwrap_or(fallback)
}

// The clock check's measures.

/// The smallest offset magnitude with a class of its own; below it the
/// offset decodes as 0.
pub(super) const OFFSET_BASE_MS: u64 = 16;
/// Offset magnitude classes: class m ≥ 1 holds [16·√2^(m−1), 16·√2^m) ms;
/// the last one also everything above (about 1.1 years and more).
pub(super) const OFFSET_CLASSES: u32 = 63;

/// The lower bound of offset class `m` ≥ 1, in integers so every platform
/// agrees on it. `m` runs to `OFFSET_CLASSES + 1` (the last class's upper
/// bound); beyond that it is `u64::MAX`.
pub(super) fn offset_class_floor(m: u32) -> u64 {
    OFFSET_CLASS_FLOORS.get(m as usize).copied().unwrap_or(u64::MAX)
}

/// The class of an offset's magnitude.
pub(super) fn offset_class(magnitude: u64) -> u32 {
    (1..=OFFSET_CLASSES).rev().find(|&m| magnitude >= offset_class_floor(m)).unwrap_or(0)
}

/// What class `m` decodes to: the geometric middle of its bounds.
pub(super) fn offset_class_value(m: u32) -> u64 {
    OFFSET_CLASS_VALUES.get(m as usize).copied().unwrap_or(u64::MAX)
}

/// [`offset_class_floor`] for `m` in `0..=OFFSET_CLASSES + 1`, worked out at
/// compile time: the 128-bit square roots and divisions stay out of the wasm.
const OFFSET_CLASS_FLOORS: [u64; OFFSET_CLASSES as usize + 2] = {
    let mut table = [0; OFFSET_CLASSES as usize + 2];
    let mut m = 0;
    while m < table.len() {
        table[m] = class_floor(m as u32);
        m += 1;
    }
    table
};

/// [`offset_class_value`] for `m` in `0..=OFFSET_CLASSES`, at compile time.
const OFFSET_CLASS_VALUES: [u64; OFFSET_CLASSES as usize + 1] = {
    let mut table = [0; OFFSET_CLASSES as usize + 1];
    let mut m = 1;
    while m < table.len() {
        let product = class_floor(m as u32) as u128 * class_floor(m as u32 + 1) as u128;
        table[m] = saturate(isqrt(product));
        m += 1;
    }
    table
};

const fn class_floor(m: u32) -> u64 {
    // m − 1 half-steps of √2: whole steps double, an odd one multiplies by √2.
    let half_steps = m.saturating_sub(1);
    let floor = (OFFSET_BASE_MS as u128) << (half_steps / 2);
    saturate(if half_steps & 1 == 0 { floor } else { isqrt(2 * floor * floor) })
}

const fn saturate(n: u128) -> u64 {
    if n > u64::MAX as u128 {
        u64::MAX
    } else {
        n as u64
    }
}

const fn isqrt(n: u128) -> u128 {
    if n < 2 {
        return n;
    }
    // Newton's method from above converges to ⌊√n⌋.
    let mut x = n;
    let mut y = x.div_ceil(2);
    while y < x {
        x = y;
        y = (x + n / x) / 2;
    }
    x
}

/// Upper bounds of the uncertainty classes 0 to 2 (class 3 is above them),
/// in ms.
pub(super) const UNCERTAINTY_BOUNDS_MS: [i64; 3] = [100, 1_000, 10_000];
/// What each uncertainty class decodes to: its upper bound (class 3: 60 s).
pub(super) const UNCERTAINTY_VALUES_MS: [i64; 4] = [100, 1_000, 10_000, 60_000];

/// UTC offsets in use, standard or daylight time, in minutes east: whole
/// hours −12 to +14 and the part-hour ones (tz database, 2024). A zone field
/// is `index × 3 + dst` with index 0 for unknown; offsets outside the table
/// take the escape.
pub(super) const ZONE_OFFSETS_MIN: [i32; 40] = [
    -720, -660, -600, -570, -540, -480, -420, -360, -300, -240, -210, -180, -150, -120, -60, 0, 60, 120, 180, 210, 240,
    270, 300, 330, 345, 360, 390, 420, 480, 525, 540, 570, 600, 630, 660, 720, 765, 780, 825, 840,
];
/// The zone field's width; its all-ones value escapes to an exact offset.
pub(super) const ZONE_BITS: u32 = 7;
/// The exact offset after a zone escape.
pub(super) const ZONE_ESCAPE_OFFSET: IntCodec = IntCodec { bits: 8, scale: 15, bias: 64 };
/// `dst` measure words by value; 0 is unknown.
pub(super) const DST: [&str; 3] = ["unknown", "no", "yes"];

// The browser check's measures.

/// The identity field's width: 0 for none, else
/// `1 + (family × 7 + os) × 2 + mobile` while family ≤ 8 and os ≤ 6; the
/// all-ones value escapes to the three fields one by one.
pub(super) const IDENTITY_BITS: u32 = 7;
pub(super) const IDENTITY_FAMILIES: u64 = 9;
pub(super) const IDENTITY_OSES: u64 = 7;
/// The browser's major version; 0 is unknown.
pub(super) const MAJOR: IntCodec = IntCodec::plain(8);
/// After an identity escape.
pub(super) const ESCAPED_FAMILY: IntCodec = IntCodec::plain(4);
pub(super) const ESCAPED_OS: IntCodec = IntCodec::plain(3);
/// The frame bit (only with a `browser.embedded` finding): its two words.
pub(super) const FRAMES: [&str; 2] = ["same_site_frame", "cross_site_frame"];

/// Width of a trailing section's tag; tag 0 means no section.
pub(super) const SECTION_TAG_BITS: u32 = 3;
/// Section 1: the network check's `endpoint_list` measure
/// ([`crate::network::endpoints_id`]), written when a network finding names
/// a configured endpoint. Section tags are append-only: a decoder skips a
/// tag it doesn't know, with the rest of the code.
pub(super) const SECTION_ENDPOINT_LIST: u64 = 1;
pub(super) const ENDPOINT_LIST_BITS: u32 = 10;

/// The format as tables of lines, for the approval test: the fixed layout
/// (one table, never changes within a version) and the append-only tables.
#[cfg(test)]
pub(super) fn describe() -> Vec<(String, bool, Vec<String>)> {
    let fixed = vec![
        format!("alphabet {}", String::from_utf8_lossy(super::symbols::ALPHABET)),
        format!(
            "check gf32 poly={:#b} alpha={} C(1)=0 C(alpha)={} virtual-leading-1",
            super::symbols::FIELD_POLYNOMIAL,
            super::symbols::ALPHA,
            super::symbols::TARGET_AT_ALPHA
        ),
        "symbols msb-first, last padded with zero bits".to_owned(),
        format!("version bit 0=v1; 1 then later version {}", LATER_VERSION.describe()),
        format!("time bits={TIME_BITS} epoch={EPOCH_MS} unit={HOUR_MS} period={TIME_PERIOD_HOURS} unknown=all-ones"),
        format!(
            "checks {}",
            CHECKS.iter().map(|c| format!("{}:{}", c.name, if c.usual { "usual" } else { "optional" })).collect::<Vec<_>>().join(",")
        ),
        "state usual 0=clean 10=findings 11=absent; optional 0=absent 10=clean 11=findings".to_owned(),
        format!("findings number {} then more-bit", FINDING_NUMBER.describe()),
        format!("clock offset sign-bit + 6 bits class; base={OFFSET_BASE_MS} ratio=sqrt2 classes={OFFSET_CLASSES}; -0=absent"),
        format!("clock uncertainty 2 bits after a present offset; bounds={UNCERTAINTY_BOUNDS_MS:?} values={UNCERTAINTY_VALUES_MS:?}"),
        format!(
            "clock zone bits={ZONE_BITS} index*3+dst offsets={ZONE_OFFSETS_MIN:?} dst={DST:?} escape={} + dst 2 bits",
            ZONE_ESCAPE_OFFSET.describe()
        ),
        format!(
            "browser identity bits={IDENTITY_BITS} 1+(family*{IDENTITY_OSES}+os)*2+mobile families<{IDENTITY_FAMILIES} escape=family {} os {} mobile 1",
            ESCAPED_FAMILY.describe(),
            ESCAPED_OS.describe()
        ),
        format!("browser major {} after a present identity", MAJOR.describe()),
        format!("browser frame 1 bit with browser.embedded {FRAMES:?}; else top"),
        "params of known findings by number ascending, stable; registry order".to_owned(),
        format!("word index 0={OTHER_WORD}"),
        format!("trailing sections tag bits={SECTION_TAG_BITS}; 0 or short = zero padding < 5 bits"),
    ];
    let mut tables = vec![("layout".to_owned(), false, fixed)];
    tables.push((
        "params".to_owned(),
        true,
        PARAMS
            .iter()
            .map(|(name, codec)| match codec {
                ParamCodec::Int(c) => format!("{name} {}", c.describe()),
                ParamCodec::Word(bits, _) => format!("{name} word bits={bits}"),
            })
            .collect(),
    ));
    for (name, codec) in PARAMS {
        if let ParamCodec::Word(_, list) = codec {
            tables.push((format!("words:{name}"), true, list.iter().map(|w| (*w).to_owned()).collect()));
        }
    }
    tables.push(("words:os".to_owned(), true, words::OS.iter().map(|w| (*w).to_owned()).collect()));
    tables.push((
        "sections".to_owned(),
        true,
        vec![format!(
            "{SECTION_ENDPOINT_LIST} endpoint_list bits={ENDPOINT_LIST_BITS} with a network finding on a configured endpoint"
        )],
    ));
    tables.push((
        "findings".to_owned(),
        true,
        crate::registry::FINDINGS.iter().map(|d| format!("{} {} {}", d.number, d.id, d.params.join(","))).collect(),
    ));
    tables
}
