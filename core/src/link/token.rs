//! Reset tokens: where a link carries one, what it should look like, what damage looks like, and the expiry or
//! issue time that some formats carry in the clear.
//!
//! Shape checks catch what happens to tokens on the way: truncation (too short), a lost `=` or a glued-on word
//! (too long), `+` turned into a space, case folding by a mail system, a second percent-encoding. Expiry comes from
//! a JWT's `exp` and `iat` (Keycloak action tokens), Django's base-36 timestamp and Gitea's time-limit code.

use super::preset::Preset;
use super::text::{base64_decode, percent_decode, query_param, Parts};
use std::borrow::Cow;

/// Where in the link the token is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenLocation {
    /// A query parameter of this name.
    Query(Cow<'static, str>),
    /// A path segment by index: 0 is the first segment after the leading `/`, -1 the last non-empty one.
    Path(i32),
    /// A fragment parameter of this name (`#access_token=…`), or the whole fragment.
    Fragment(Option<Cow<'static, str>>),
}

/// The characters a token is made of, or its known format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Alphabet {
    /// `A–Z a–z 0–9 - _`, padding `=` allowed at the end.
    Base64Url,
    /// `A–Z a–z 0–9 + /`, padding `=` allowed at the end.
    Base64,
    /// `0–9 a–f A–F`.
    Hex,
    /// `A–Z a–z 0–9`.
    Alnum,
    /// `0–9`.
    Digits,
    /// Three Base64url parts separated by dots.
    Jwt,
    /// Django's `<base-36 timestamp>-<20 or 32 hex>`.
    Django,
    /// Gitea's time-limit code: 12 digits of start time, 6 of minutes, 40 hex, then the hex user name.
    Gitea,
    /// Supabase: 56 lower-case hex, optionally after `pkce_`.
    Supabase,
    /// Anything: only length is checked.
    Any,
}

impl Alphabet {
    /// The names the config accepts, in the order [`Alphabet::from_name`] knows them.
    pub const NAMES: [&'static str; 10] =
        ["base64url", "base64", "hex", "alnum", "digits", "jwt", "django", "gitea", "supabase", "any"];

    /// The alphabet the config calls `name`.
    ///
    /// ```
    /// use resetcheck_core::link::Alphabet;
    /// assert_eq!(Alphabet::from_name("hex"), Some(Alphabet::Hex));
    /// assert_eq!(Alphabet::from_name("HEX"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Alphabet> {
        let all = [
            Alphabet::Base64Url,
            Alphabet::Base64,
            Alphabet::Hex,
            Alphabet::Alnum,
            Alphabet::Digits,
            Alphabet::Jwt,
            Alphabet::Django,
            Alphabet::Gitea,
            Alphabet::Supabase,
            Alphabet::Any,
        ];
        Alphabet::NAMES.iter().position(|n| *n == name).map(|i| all[i])
    }

    fn allows(self, c: char) -> bool {
        match self {
            Alphabet::Base64Url => c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '='),
            Alphabet::Base64 => c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='),
            Alphabet::Hex => c.is_ascii_hexdigit(),
            Alphabet::Alnum => c.is_ascii_alphanumeric(),
            Alphabet::Digits => c.is_ascii_digit(),
            Alphabet::Jwt => c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'),
            Alphabet::Django => c.is_ascii_digit() || c.is_ascii_lowercase() || c == '-',
            Alphabet::Gitea | Alphabet::Supabase => c.is_ascii_digit() || c.is_ascii_lowercase() || c == '_',
            Alphabet::Any => !c.is_whitespace() && !c.is_control(),
        }
    }

    /// Whether tokens of this alphabet mix upper and lower case, so an all-one-case token was case-folded.
    fn mixed_case(self) -> bool {
        matches!(self, Alphabet::Base64Url | Alphabet::Base64 | Alphabet::Alnum | Alphabet::Jwt)
    }
}

/// What a site's reset token looks like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenSpec {
    /// Where it is.
    pub location: TokenLocation,
    /// What it is made of.
    pub alphabet: Alphabet,
    /// Fewest characters, when known.
    pub min_len: Option<usize>,
    /// Most characters, when known.
    pub max_len: Option<usize>,
}

/// What is wrong with a token: the vocabulary of the `problem` param.
pub const TOKEN_PROBLEMS: [&str; 6] =
    ["too_short", "too_long", "bad_characters", "case_folded", "encoded_twice", "unencoded_plus"];

/// The token's raw text (still percent-encoded) in the link, if present.
pub(crate) fn find<'a>(parts: &Parts<'a>, location: &TokenLocation) -> Option<&'a str> {
    let found = match location {
        TokenLocation::Query(name) => query_param(parts.query?, name),
        TokenLocation::Fragment(Some(name)) => query_param(parts.fragment?, name),
        TokenLocation::Fragment(None) => parts.fragment,
        TokenLocation::Path(index) => {
            let segments: Vec<&str> = parts.path.split('/').filter(|s| !s.is_empty()).collect();
            let i = if *index < 0 {
                segments.len().checked_sub(usize::try_from(index.unsigned_abs()).ok()?)?
            } else {
                usize::try_from(*index).ok()?
            };
            segments.get(i).copied()
        }
    };
    found.filter(|t| !t.is_empty())
}

/// What is wrong with a token against its spec; `Ok(())` when it looks intact. Spaces where `+` belongs are
/// reported separately by the caller, which can repair them.
pub(crate) fn check(raw: &str, spec: &TokenSpec, in_query: bool) -> Result<(), &'static str> {
    if raw.contains("%25") {
        return Err("encoded_twice");
    }
    if spec.alphabet == Alphabet::Base64 && in_query && raw.contains('+') {
        // A form decoder turns a raw `+` into a space, so the server sees a different token.
        return Err("unencoded_plus");
    }
    let token = percent_decode(raw);
    let len = token.chars().count();
    if let Some(min) = spec.min_len {
        if len < min {
            return Err("too_short");
        }
    }
    if let Some(max) = spec.max_len {
        if len > max {
            return Err("too_long");
        }
    }
    if !token.chars().all(|c| spec.alphabet.allows(c)) || !format_ok(&token, spec.alphabet) {
        return Err("bad_characters");
    }
    if spec.alphabet == Alphabet::Jwt {
        jwt_signature(&token)?;
    }
    if spec.alphabet.mixed_case() && len >= 16 {
        let letters = token.chars().filter(|c| c.is_ascii_alphabetic());
        let (lower, upper) =
            letters.fold((0, 0), |(l, u), c| if c.is_ascii_lowercase() { (l + 1, u) } else { (l, u + 1) });
        if lower + upper >= 12 && (lower == 0 || upper == 0) {
            return Err("case_folded");
        }
    }
    Ok(())
}

/// The structure of the formats that have one.
fn format_ok(token: &str, alphabet: Alphabet) -> bool {
    match alphabet {
        Alphabet::Jwt => token.split('.').count() == 3 && token.split('.').take(2).all(|p| !p.is_empty()),
        Alphabet::Django => match token.split_once('-') {
            Some((ts, hash)) => {
                (1..=13).contains(&ts.len())
                    && matches!(hash.len(), 20 | 32)
                    && hash.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            }
            None => false,
        },
        Alphabet::Gitea => {
            token.len() >= 60
                && token.len() & 1 == 0
                && token[..18].chars().all(|c| c.is_ascii_digit())
                && token[18..].chars().all(|c| c.is_ascii_hexdigit())
        }
        Alphabet::Supabase => {
            let hex = token.strip_prefix("pkce_").unwrap_or(token);
            hex.len() == 56 && hex.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
        }
        _ => true,
    }
}

/// Whether a Supabase link works only in the browser that asked for the
/// reset: its own `/auth/v1/verify?token=pkce_…` link (the PKCE flow,
/// which answers with a code that the code verifier in that browser's
/// storage must redeem). A `token_hash=pkce_…` link the site verifies on
/// its server (`verifyOtp`) carries the same prefix and works anywhere.
pub(crate) fn browser_bound(raw: &str, spec: &TokenSpec, preset: Option<Preset>, path: &str) -> bool {
    preset == Some(Preset::Supabase)
        && spec.location == Preset::Supabase.token().location
        && path.contains(Preset::Supabase.path_contains())
        && raw.starts_with("pkce_")
}

/// A JWT's signature against the length its header's `alg` gives it
/// (RFC 7518: an HMAC or EdDSA signature has one length, an ECDSA one its
/// curve's, an RSA one its key's), in unpadded
/// base64url characters. A link cut short inside the signature keeps every
/// other part of a JWT intact, so only this shows it. A header that can't
/// be read, or an `alg` not listed, says nothing.
fn jwt_signature(token: &str) -> Result<(), &'static str> {
    let mut parts = token.split('.');
    let (Some(header), Some(signature)) = (parts.next(), parts.nth(1)) else { return Ok(()) };
    let Some(json) = base64_decode(header).and_then(|h| serde_json::from_slice::<serde_json::Value>(&h).ok()) else {
        return Ok(());
    };
    let lengths: &[usize] = match json.get("alg").and_then(|a| a.as_str()).unwrap_or("") {
        "HS256" => &[43],
        "HS384" => &[64],
        "HS512" | "ES256" | "ES256K" => &[86],
        "ES384" => &[128],
        "ES512" => &[176],
        // Ed25519 or Ed448.
        "EdDSA" => &[86, 152],
        // An RSA key of 1024, 2048, 3072, 4096 or 8192 bits; a rarer, longer one is let be.
        "RS256" | "RS384" | "RS512" | "PS256" | "PS384" | "PS512" if signature.len() > 1366 => return Ok(()),
        "RS256" | "RS384" | "RS512" | "PS256" | "PS384" | "PS512" => &[171, 342, 512, 683, 1366],
        _ => return Ok(()),
    };
    // Between two lengths, the nearer one is taken for the intended one:
    // cut short from the longer, or with text run on to the shorter.
    let len = signature.len();
    let nearest = lengths.iter().min_by_key(|&&l| l.abs_diff(len)).copied().unwrap_or(len);
    match len.cmp(&nearest) {
        std::cmp::Ordering::Equal => Ok(()),
        std::cmp::Ordering::Less => Err("too_short"),
        std::cmp::Ordering::Greater => Err("too_long"),
    }
}

/// How a token format carries its times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Clock {
    /// A JWT's `exp` and `iat`, in UTC.
    Jwt,
    /// Django's base-36 seconds (or, before 3.1, days) since 2001-01-01, in the server's local time.
    Django,
    /// Gitea's `YYYYMMDDHHMM` start and minutes of validity, in the server's local time.
    Gitea,
}

/// Issue and expiry times (ms since the Unix epoch) read from a token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Times {
    pub issued_ms: Option<i64>,
    pub expires_ms: Option<i64>,
}

/// 2001-01-01T00:00:00Z, Django's token epoch, in Unix seconds.
const DJANGO_EPOCH_S: i64 = 978_307_200;
/// Django ≥ 3.1 days before: a timestamp this small is a pre-3.1 day count.
const DJANGO_DAYS_LIMIT: i64 = 100_000;

/// Reads the times a token carries. `lifetime_s` is the stack's default lifetime, for formats that only carry the
/// issue time.
pub(crate) fn times(raw: &str, clock: Clock, lifetime_s: Option<i64>) -> Times {
    let token = percent_decode(raw);
    match clock {
        Clock::Jwt => {
            let Some(payload) = token.split('.').nth(1).and_then(base64_decode) else { return Times::default() };
            let Ok(json) = serde_json::from_slice::<serde_json::Value>(&payload) else { return Times::default() };
            let seconds = |key: &str| json.get(key).and_then(|v| v.as_i64().or_else(|| v.as_f64().map(|f| f as i64)));
            Times {
                issued_ms: seconds("iat").and_then(|s| s.checked_mul(1000)),
                expires_ms: seconds("exp").and_then(|s| s.checked_mul(1000)),
            }
        }
        Clock::Django => {
            let Some((ts, _)) = token.split_once('-') else { return Times::default() };
            let Ok(ts) = i64::from_str_radix(ts, 36) else { return Times::default() };
            let issued_s = if ts < DJANGO_DAYS_LIMIT { ts.saturating_mul(86_400) } else { ts };
            let issued_ms = DJANGO_EPOCH_S.checked_add(issued_s).and_then(|s| s.checked_mul(1000));
            Times {
                issued_ms,
                expires_ms: issued_ms.zip(lifetime_s).map(|(i, l)| i.saturating_add(l.saturating_mul(1000))),
            }
        }
        Clock::Gitea => {
            let digits = |range: std::ops::Range<usize>| token.get(range).and_then(|s| s.parse::<i64>().ok());
            let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(minutes)) =
                (digits(0..4), digits(4..6), digits(6..8), digits(8..10), digits(10..12), digits(12..18))
            else {
                return Times::default();
            };
            if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 {
                return Times::default();
            }
            let issued_ms = (days_from_civil(y, mo, d) * 86_400 + h * 3_600 + mi * 60) * 1000;
            Times { issued_ms: Some(issued_ms), expires_ms: Some(issued_ms + minutes * 60_000) }
        }
    }
}

use crate::calendar::days_from_civil;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::text::split;

    fn spec(alphabet: Alphabet, min: usize, max: usize) -> TokenSpec {
        TokenSpec { location: TokenLocation::Query("t".into()), alphabet, min_len: Some(min), max_len: Some(max) }
    }

    #[test]
    fn finds_tokens_by_location() {
        let parts = split("https://x.test/reset/MQ/c2v0-abc/?t=1#access_token=z&type=recovery").unwrap();
        assert_eq!(find(&parts, &TokenLocation::Path(-1)), Some("c2v0-abc"));
        assert_eq!(find(&parts, &TokenLocation::Path(1)), Some("MQ"));
        assert_eq!(find(&parts, &TokenLocation::Path(7)), None);
        assert_eq!(find(&parts, &TokenLocation::Query("t".into())), Some("1"));
        assert_eq!(find(&parts, &TokenLocation::Fragment(Some("access_token".into()))), Some("z"));
    }

    #[test]
    fn path_index_zero_is_the_first_segment() {
        // A config may put the token first in the path (`/<token>/reset`); index 0 counts from the start, not the end.
        let parts = split("https://x.test/a1b2c3/reset").unwrap();
        assert_eq!(find(&parts, &TokenLocation::Path(0)), Some("a1b2c3"));
    }

    #[test]
    fn shape_problems() {
        let hex = spec(Alphabet::Hex, 64, 64);
        assert_eq!(check(&"a".repeat(64), &hex, false), Ok(()));
        assert_eq!(check(&"a".repeat(50), &hex, false), Err("too_short"));
        assert_eq!(check(&"a".repeat(65), &hex, false), Err("too_long"));
        assert_eq!(check(&format!("{}g", "a".repeat(63)), &hex, false), Err("bad_characters"));
        let alnum = spec(Alphabet::Alnum, 20, 20);
        assert_eq!(check("abcdefghijklmnopqrst", &alnum, true), Err("case_folded"));
        assert_eq!(check("abcdEfghijklmnopqrst", &alnum, true), Ok(()));
        let b64 = spec(Alphabet::Base64, 4, 400);
        assert_eq!(check("CfDJ8+abc", &b64, true), Err("unencoded_plus"));
        assert_eq!(check("CfDJ8%252Babc", &b64, true), Err("encoded_twice"));
    }

    #[test]
    fn intact_base64url_tokens_pass() {
        // Made up, shaped like the presets' Base64url tokens (Devise's 20 characters, FusionAuth's path id): mixed
        // case with `-` and `_`, which only this alphabet allows besides letters and digits.
        assert_eq!(check("yM9-x_4sTq2bKz8WdPfa", &spec(Alphabet::Base64Url, 20, 20), true), Ok(()));
        assert_eq!(check("Q2ZESjh_Ab-12cdEF34gh==", &spec(Alphabet::Base64Url, 20, 64), true), Ok(()));
        assert_eq!(check("yM9-x_4sTq2b.z8WdPfa", &spec(Alphabet::Base64Url, 20, 20), true), Err("bad_characters"));
    }

    #[test]
    fn any_alphabet_takes_every_visible_character_but_no_space_or_control() {
        // `Any` is what a site's token gets when its config names no alphabet: an intact token must pass, and a
        // space or a control character (a wrapped line, a stray NUL) is still damage.
        let any = spec(Alphabet::Any, 8, 64);
        assert_eq!(check("a1B2-c3.D4~e5!f6", &any, false), Ok(()));
        assert_eq!(check("a1B2c3D4%20e5f6", &any, false), Err("bad_characters"));
        assert_eq!(check("a1B2c3D4%00e5f6", &any, false), Err("bad_characters"));
    }

    #[test]
    fn an_all_upper_case_token_was_case_folded_too() {
        // Some mail systems upper-case a link; a mixed-case token then has no lower-case letter left.
        let alnum = spec(Alphabet::Alnum, 20, 20);
        assert_eq!(check("ABCDEFGHIJKLMNOPQRST", &alnum, true), Err("case_folded"));
        assert_eq!(check("ABCDEFGHIJ1234567890", &alnum, true), Ok(()));
    }

    #[test]
    fn gitea_codes_are_checked_for_their_structure() {
        // The shape of Gitea's time-limit code (start time, minutes, 40 hex, hex user name), as in `gitea_times`; the
        // hex digits are made up. A code cut by one character, or with a letter in its times, is damaged even
        // when still long enough.
        let gitea = spec(Alphabet::Gitea, 60, 512);
        let code = format!("202311142213000180{}6a6f65", "0f6f4b1e32".repeat(4));
        assert_eq!(check(&code, &gitea, true), Ok(()));
        assert_eq!(check(&code[..code.len() - 1], &gitea, true), Err("bad_characters"));
        assert_eq!(check(&code.replacen("2213", "22l3", 1), &gitea, true), Err("bad_characters"));
        assert_eq!(check(&code.replacen("0f6f", "0z6f", 1), &gitea, true), Err("bad_characters"));
    }

    #[test]
    fn supabase_tokens_are_56_hex_after_an_optional_prefix() {
        // Hex made up, shaped as in `a_supabase_pkce_link_works_only_in_the_browser_that_asked`: the preset's lengths
        // allow for the `pkce_` prefix, so a prefixed token cut by one digit is only seen by its 56 hex digits.
        let supabase = spec(Alphabet::Supabase, 56, 61);
        let hex = "c65f7259".repeat(7);
        assert_eq!(check(&format!("pkce_{hex}"), &supabase, true), Ok(()));
        assert_eq!(check(&hex, &supabase, true), Ok(()));
        assert_eq!(check(&format!("pkce_{}", &hex[..55]), &supabase, true), Err("bad_characters"));
        assert_eq!(check(&hex.replacen('c', "z", 1), &supabase, true), Err("bad_characters"));
    }

    #[test]
    fn django_format() {
        let django = spec(Alphabet::Django, 22, 46);
        assert_eq!(check("c5mh0d-0f6f4b1e32a52d2b76ed2de0ab1c1d9a", &django, false), Ok(()));
        assert_eq!(check("c5mh0d-0f6f4b1e32a52d2b76ed2", &django, false), Err("bad_characters"));
        // The hash is lower-case hex: other lower-case letters, which the alphabet allows in the timestamp, are not.
        assert_eq!(check("c5mh0d-0f6f4b1e32a52d2b76ed2de0ab1c1dzz", &django, false), Err("bad_characters"));
    }

    #[test]
    fn jwt_times() {
        // {"exp":1700000300,"iat":1700000000,"typ":"reset-credentials"}
        let token = "eyJhbGciOiJIUzUxMiJ9.eyJleHAiOjE3MDAwMDAzMDAsImlhdCI6MTcwMDAwMDAwMCwidHlwIjoicmVzZXQtY3JlZGVudGlhbHMifQ.sig";
        assert_eq!(
            times(token, Clock::Jwt, None),
            Times { issued_ms: Some(1_700_000_000_000), expires_ms: Some(1_700_000_300_000) }
        );
    }

    #[test]
    fn django_times() {
        // 1700000000 - 978307200 = 721692800 s, "bxodq8" in base 36.
        let t = times("bxodq8-0f6f4b1e32a52d2b76ed2de0ab1c1d9a", Clock::Django, Some(259_200));
        assert_eq!(t.issued_ms, Some(1_700_000_000_000));
        assert_eq!(t.expires_ms, Some(1_700_259_200_000));
    }

    #[test]
    fn django_before_3_1_counts_days() {
        // Django before 3.1 (django/contrib/auth/tokens.py, `_num_days`) put the days since 2001-01-01 in base 36
        // and a 20-hex hash after it; read as seconds, such a token would seem issued in 2001 and long expired.
        // 8400 days ("6hc") is 2024-01-01; the hash is made up.
        let t = times("6hc-0f6f4b1e32a52d2b76ed", Clock::Django, Some(259_200));
        assert_eq!(t.issued_ms, Some(1_704_067_200_000));
        assert_eq!(t.expires_ms, Some(1_704_067_200_000 + 259_200_000));
    }

    #[test]
    fn gitea_times_take_the_last_hour_and_minute_and_no_impossible_time() {
        // A code started at 23:59 has a time like any other; a month, day, hour or minute out of range (a damaged
        // code) gives no time rather than a made-up one. The hex is made up, as in `gitea_times`.
        let code = |start: &str| format!("{start}000180{}6a6f65", "a".repeat(40));
        let late = times(&code("202311142359"), Clock::Gitea, None);
        assert_eq!(late.issued_ms, Some(1_700_006_340_000));
        assert_eq!(late.expires_ms, Some(1_700_006_340_000 + 180 * 60_000));
        for start in ["202313142213", "202311322213", "202311142413", "202311142260", "202300142213", "202311002213"] {
            assert_eq!(times(&code(start), Clock::Gitea, None), Times::default(), "{start}");
        }
    }

    #[test]
    fn gitea_times() {
        let code = format!("202311142213000180{}{}", "a".repeat(40), "6a6f65");
        let t = times(&code, Clock::Gitea, None);
        assert_eq!(t.issued_ms, Some(1_700_000_000_000 - 20_000));
        assert_eq!(t.expires_ms, Some(1_700_000_000_000 - 20_000 + 180 * 60_000));
    }
}
