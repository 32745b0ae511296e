//! The two ways a server tells the time: the time endpoint's JSON body and
//! the HTTP `Date` header. Both parsers are strict and never panic.

use std::fmt;

/// Milliseconds in a day.
const DAY_MS: i64 = 86_400_000;

/// The earliest server time the checker believes: 2000-01-01T00:00:00Z.
///
/// A server reporting an earlier or later time is broken (or is not a
/// time endpoint at all); measuring the device against it would blame the
/// user for the server's fault, so such answers are dropped instead.
pub const SANE_FROM_MS: i64 = days_from_civil(2000, 1, 1) * DAY_MS;

/// The end of the believable range (exclusive): 2200-01-01T00:00:00Z.
pub const SANE_UNTIL_MS: i64 = days_from_civil(2200, 1, 1) * DAY_MS;

/// Why a time endpoint's body is not a usable `{"now_ms": <integer>}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NowMsError {
    /// The body is not JSON: typically an HTML error page, a single-page
    /// app's `index.html` served for every path, or a truncated body.
    NotJson,
    /// The body is JSON but not an object.
    NotObject,
    /// The object has no `now_ms` field.
    MissingField,
    /// `now_ms` is not an integer: a string, `null`, or a number with a
    /// fraction or an exponent (such as seconds times 1000 in floating point).
    NotInteger,
    /// `now_ms` is an integer outside the years 2000 to 2199.
    OutOfRange,
}

impl fmt::Display for NowMsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NowMsError::NotJson => "the time endpoint's body is not JSON",
            NowMsError::NotObject => "the time endpoint's JSON is not an object",
            NowMsError::MissingField => "the time endpoint's JSON has no now_ms field",
            NowMsError::NotInteger => "the time endpoint's now_ms is not an integer",
            NowMsError::OutOfRange => "the time endpoint's now_ms is not a date from 2000 to 2199",
        })
    }
}

impl std::error::Error for NowMsError {}

/// Reads the time endpoint's body, `{"now_ms": <integer ms since the Unix
/// epoch>}`, as documented in `docs/config.md`.
///
/// Strict on purpose: a body that merely contains a number is not evidence
/// of the server's time, and a lenient reading would let a misconfigured
/// endpoint produce a confident, wrong verdict about the user's clock.
/// Other fields are allowed, so the endpoint can grow.
///
/// ```
/// use resetcheck_core::clock::{parse_now_ms, NowMsError};
/// assert_eq!(parse_now_ms(r#"{"now_ms": 1700000000000}"#), Ok(1_700_000_000_000));
/// assert_eq!(parse_now_ms("<!doctype html>"), Err(NowMsError::NotJson));
/// assert_eq!(parse_now_ms(r#"{"now_ms": 1700000000000.5}"#), Err(NowMsError::NotInteger));
/// assert_eq!(parse_now_ms(r#"{"now_ms": 0}"#), Err(NowMsError::OutOfRange));
/// ```
pub fn parse_now_ms(body: &str) -> Result<i64, NowMsError> {
    let value: serde_json::Value = serde_json::from_str(body).map_err(|_| NowMsError::NotJson)?;
    let object = value.as_object().ok_or(NowMsError::NotObject)?;
    let now = object.get("now_ms").ok_or(NowMsError::MissingField)?;
    // serde_json keeps `1700000000000.0` and `1.7e12` as floats, so only
    // integer literals get this far; an integer too big for i64 is out of
    // range rather than "not an integer".
    let ms = match (now.as_i64(), now.is_u64()) {
        (Some(ms), _) => ms,
        (None, true) => return Err(NowMsError::OutOfRange),
        (None, false) => return Err(NowMsError::NotInteger),
    };
    if (SANE_FROM_MS..SANE_UNTIL_MS).contains(&ms) {
        Ok(ms)
    } else {
        Err(NowMsError::OutOfRange)
    }
}

const DAY_NAMES: [&[u8; 3]; 7] = [b"Sun", b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat"];
const MONTH_NAMES: [&[u8; 3]; 12] =
    [b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec"];

/// Reads an HTTP `Date` header in IMF-fixdate form (RFC 9110 §5.6.7), such
/// as `Sun, 06 Nov 1994 08:49:37 GMT`, as milliseconds since the Unix epoch.
///
/// Only IMF-fixdate is accepted. RFC 9110 obliges senders to generate it and
/// every current server does; the two obsolete forms (RFC 850 and asctime)
/// would be a sample we drop, which costs precision, never correctness. The
/// weekday must match the date: it is the one redundancy the format has to
/// catch a garbled header. A leap second (`:60`) is read as the next
/// minute's first second, as Unix time does.
///
/// ```
/// use resetcheck_core::clock::parse_http_date;
/// assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777_000));
/// assert_eq!(parse_http_date("Mon, 06 Nov 1994 08:49:37 GMT"), None); // 6 Nov 1994 was a Sunday
/// assert_eq!(parse_http_date("yesterday"), None);
/// ```
pub fn parse_http_date(s: &str) -> Option<i64> {
    let b = s.trim_matches([' ', '\t']).as_bytes();
    if b.len() != 29 || &b[3..5] != b", " || b[7] != b' ' || b[11] != b' ' || b[16] != b' ' {
        return None;
    }
    if b[19] != b':' || b[22] != b':' || &b[25..] != b" GMT" {
        return None;
    }
    let weekday = DAY_NAMES.iter().position(|d| d[..] == b[0..3])?;
    let month = MONTH_NAMES.iter().position(|m| m[..] == b[8..11])? + 1;
    let day = digits(&b[5..7])?;
    let year = digits(&b[12..16])?;
    let (hour, minute, second) = (digits(&b[17..19])?, digits(&b[20..22])?, digits(&b[23..25])?);
    let month = i64::try_from(month).ok()?;
    if day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // 1970-01-01 was a Thursday (index 4 with Sunday as 0).
    if usize::try_from((days + 4).rem_euclid(7)).ok()? != weekday {
        return None;
    }
    Some(days * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000)
}

/// The value of a run of ASCII digits; `None` if any byte is not a digit.
fn digits(bytes: &[u8]) -> Option<i64> {
    bytes.iter().try_fold(0i64, |n, &b| b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0')))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

pub(super) use crate::calendar::days_from_civil;

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    fn check_now(body: &str, expect: Expect) {
        expect.assert_eq(&format!("{:?}", parse_now_ms(body)));
    }

    fn check_date(header: &str, expect: Expect) {
        expect.assert_eq(&format!("{:?}", parse_http_date(header)));
    }

    #[test]
    fn sane_range_is_the_years_2000_to_2199() {
        assert_eq!(SANE_FROM_MS, 946_684_800_000);
        assert_eq!(SANE_UNTIL_MS, 7_258_118_400_000);
    }

    #[test]
    fn now_ms_integer() {
        check_now(r#"{"now_ms":1700000000123}"#, expect![[r#"Ok(1700000000123)"#]]);
    }

    #[test]
    fn now_ms_with_other_fields_and_whitespace() {
        check_now("\n { \"server\": \"a\", \"now_ms\" : 1700000000123 }\n", expect![[r#"Ok(1700000000123)"#]]);
    }

    #[test]
    fn now_ms_html_error_page() {
        check_now("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>", expect![[r#"Err(NotJson)"#]]);
    }

    #[test]
    fn now_ms_garbage_and_empty() {
        check_now("now_ms=1700000000000", expect![[r#"Err(NotJson)"#]]);
        check_now("", expect![[r#"Err(NotJson)"#]]);
    }

    #[test]
    fn now_ms_truncated_body() {
        check_now(r#"{"now_ms": 17000000"#, expect![[r#"Err(NotJson)"#]]);
    }

    #[test]
    fn now_ms_not_an_object() {
        check_now("1700000000000", expect![[r#"Err(NotObject)"#]]);
        check_now("[1700000000000]", expect![[r#"Err(NotObject)"#]]);
    }

    #[test]
    fn now_ms_missing() {
        check_now(r#"{"now": 1700000000000}"#, expect![[r#"Err(MissingField)"#]]);
    }

    #[test]
    fn now_ms_float_with_fraction() {
        check_now(r#"{"now_ms": 1700000000000.25}"#, expect![[r#"Err(NotInteger)"#]]);
    }

    #[test]
    fn now_ms_float_forms_of_integers() {
        check_now(r#"{"now_ms": 1700000000000.0}"#, expect![[r#"Err(NotInteger)"#]]);
        check_now(r#"{"now_ms": 1.7e12}"#, expect![[r#"Err(NotInteger)"#]]);
    }

    #[test]
    fn now_ms_string_and_null() {
        check_now(r#"{"now_ms": "1700000000000"}"#, expect![[r#"Err(NotInteger)"#]]);
        check_now(r#"{"now_ms": null}"#, expect![[r#"Err(NotInteger)"#]]);
    }

    #[test]
    fn now_ms_seconds_instead_of_milliseconds() {
        // A classic mistake: Unix seconds read as ms land in January 1970.
        check_now(r#"{"now_ms": 1700000000}"#, expect![[r#"Err(OutOfRange)"#]]);
    }

    #[test]
    fn now_ms_absurd() {
        check_now(r#"{"now_ms": -1}"#, expect![[r#"Err(OutOfRange)"#]]);
        check_now(r#"{"now_ms": 1700000000000000}"#, expect![[r#"Err(OutOfRange)"#]]);
        check_now(r#"{"now_ms": 18446744073709551615}"#, expect![[r#"Err(OutOfRange)"#]]);
    }

    #[test]
    fn now_ms_error_messages() {
        expect![[r#"the time endpoint's now_ms is not a date from 2000 to 2199"#]]
            .assert_eq(&NowMsError::OutOfRange.to_string());
    }

    #[test]
    fn http_date_rfc_example() {
        check_date("Sun, 06 Nov 1994 08:49:37 GMT", expect![[r#"Some(784111777000)"#]]);
    }

    #[test]
    fn http_date_epoch_and_leap_day() {
        check_date("Thu, 01 Jan 1970 00:00:00 GMT", expect![[r#"Some(0)"#]]);
        check_date("Thu, 29 Feb 2024 23:59:59 GMT", expect![[r#"Some(1709251199000)"#]]);
    }

    #[test]
    fn http_date_surrounding_whitespace() {
        check_date(" Tue, 14 Nov 2023 22:13:20 GMT\t", expect![[r#"Some(1700000000000)"#]]);
    }

    #[test]
    fn http_date_leap_second() {
        check_date("Sat, 31 Dec 2016 23:59:60 GMT", expect![[r#"Some(1483228800000)"#]]);
    }

    #[test]
    fn http_date_wrong_weekday() {
        check_date("Mon, 06 Nov 1994 08:49:37 GMT", expect![[r#"None"#]]);
    }

    #[test]
    fn http_date_impossible_values() {
        check_date("Thu, 29 Feb 2023 10:00:00 GMT", expect![[r#"None"#]]);
        check_date("Sun, 06 Nov 1994 24:00:00 GMT", expect![[r#"None"#]]);
        check_date("Sun, 06 Nov 1994 08:60:00 GMT", expect![[r#"None"#]]);
        check_date("Sun, 00 Nov 1994 08:49:37 GMT", expect![[r#"None"#]]);
    }

    #[test]
    fn http_date_obsolete_forms() {
        check_date("Sunday, 06-Nov-94 08:49:37 GMT", expect![[r#"None"#]]);
        check_date("Sun Nov  6 08:49:37 1994", expect![[r#"None"#]]);
    }

    #[test]
    fn http_date_garbage() {
        check_date("", expect![[r#"None"#]]);
        check_date("Sun, 06 Nov 1994 08:49:37 UTC", expect![[r#"None"#]]);
        check_date("sun, 06 nov 1994 08:49:37 GMT", expect![[r#"None"#]]);
        check_date("Sun, 06 Nov 1994 08:49:3x GMT", expect![[r#"None"#]]);
        check_date("Sun, 06 Nov 1994  8:49:37 GMT", expect![[r#"None"#]]);
        check_date("Sun, +6 Nov 1994 08:49:37 GMT", expect![[r#"None"#]]);
        check_date("Sun, 06 Nov 1994 08:49:37 GMT+0100", expect![[r#"None"#]]);
        check_date("Sün, 06 Nov 1994 08:49:37 GMT", expect![[r#"None"#]]);
    }
}

/// Parses the `longOffset`/`shortOffset` time-zone name `Intl` formats,
/// such as `GMT+01:00`, `GMT-3:30`, `GMT+5` or plain `GMT`, into minutes
/// east of UTC.
///
/// ```
/// use resetcheck_core::clock::parse_gmt_offset;
/// assert_eq!(parse_gmt_offset("GMT+05:30"), Some(330));
/// assert_eq!(parse_gmt_offset("GMT-3"), Some(-180));
/// assert_eq!(parse_gmt_offset("GMT"), Some(0));
/// assert_eq!(parse_gmt_offset("CET"), None);
/// ```
pub fn parse_gmt_offset(s: &str) -> Option<i32> {
    let rest = s.trim().strip_prefix("GMT").or_else(|| s.trim().strip_prefix("UTC"))?;
    if rest.is_empty() {
        return Some(0);
    }
    let (sign, rest) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        // U+2212 MINUS SIGN appears in some locales' output.
        b'-' => (-1, &rest[1..]),
        _ => match rest.strip_prefix('\u{2212}') {
            Some(r) => (-1, r),
            None => return None,
        },
    };
    let (hours, minutes) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None => (rest, "0"),
    };
    let digits = |t: &str| !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(hours) || !digits(minutes) {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 60 + minutes))
}

#[cfg(test)]
mod gmt_offset_tests {
    use super::parse_gmt_offset;

    #[test]
    fn gmt_offsets() {
        assert_eq!(parse_gmt_offset("GMT+01:00"), Some(60));
        assert_eq!(parse_gmt_offset("GMT+14:00"), Some(840));
        assert_eq!(parse_gmt_offset("GMT-09:30"), Some(-570));
        assert_eq!(parse_gmt_offset("GMT\u{2212}02:00"), Some(-120));
        assert_eq!(parse_gmt_offset("UTC+5:45"), Some(345));
        assert_eq!(parse_gmt_offset("GMT+15:00"), None);
        assert_eq!(parse_gmt_offset("GMT+01:60"), None);
        assert_eq!(parse_gmt_offset("GMT+"), None);
        assert_eq!(parse_gmt_offset("GMT+1:2:3"), None);
        assert_eq!(parse_gmt_offset(""), None);
    }
}
