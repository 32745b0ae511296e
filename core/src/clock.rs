//! The clock check: the device clock against the server's, and the time zone.
//!
//! The probe times requests to the configured time endpoint (or, without
//! one, same-origin requests for their `Date` header) and reads the time
//! zone; [`analyze`] turns that into an offset with an error bound and a
//! verdict. The estimator lives in `estimate`, the parsers for what servers
//! send in `wire`.
//!
//! Sign convention, everywhere: **offset = device − server**. A positive
//! `offset_ms` means the device clock is ahead (fast); negative, behind.
//!
//! Measures on the check result (fields of the check's JSON):
//! `offset_ms` and `uncertainty_ms` (ints; the truth is within offset ±
//! uncertainty), `source` (`endpoint` or `date_header`), `samples_used` and
//! `samples_dropped` (of the source used; with no estimate every sample
//! counts as dropped), `clock_steps` (only when the wall clock stepped while
//! the probe ran), `utc_offset_min` (when known; minutes east of UTC) and
//! `dst` (`yes`, `no` or `unknown`). The time zone's IANA name never leaves
//! the observation: it narrows down where the user is.
//!
//! Without a time endpoint the probe takes `Date` samples one at a time:
//! it waits [`next_date_sample_delay_ms`] after each answer, so requests
//! land where the server's second ticks over, and stops when
//! [`needs_more_date_samples`] says so (or its time budget runs out).

mod estimate;
mod wire;

pub use wire::{parse_gmt_offset, parse_http_date, parse_now_ms, NowMsError, SANE_FROM_MS, SANE_UNTIL_MS};

use crate::report::{CheckId, CheckResult, Finding, Param};
use estimate::{estimate, Estimate, Reading, Timing};

/// One request to the configured time endpoint (`{"now_ms": <integer ms since epoch>}`).
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointSample {
    /// `Date.now()` right before the fetch.
    pub wall_sent_ms: f64,
    /// `Date.now()` right after the body was read.
    pub wall_received_ms: f64,
    /// `performance.now()` right before the fetch.
    pub mono_sent_ms: f64,
    /// `performance.now()` right after the body was read.
    pub mono_received_ms: f64,
    /// What came back.
    pub response: EndpointResponse,
}

/// What the time endpoint answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndpointResponse {
    /// HTTP status and the body text (the probe truncates it to 4096 bytes).
    Body {
        /// The HTTP status code.
        status: u16,
        /// The body, possibly truncated.
        text: String,
    },
    /// The fetch rejected: network down, DNS, TLS, or CORS/CSP blocking it.
    NetworkError,
    /// No answer within the probe's timeout.
    TimedOut,
}

/// One same-origin request used for the `Date`-header fallback.
#[derive(Clone, Debug, PartialEq)]
pub struct DateSample {
    /// `Date.now()` right before the fetch.
    pub wall_sent_ms: f64,
    /// `Date.now()` right after the headers arrived.
    pub wall_received_ms: f64,
    /// `performance.now()` right before the fetch.
    pub mono_sent_ms: f64,
    /// `performance.now()` right after the headers arrived.
    pub mono_received_ms: f64,
    /// The raw `Date` response header (IMF-fixdate, RFC 9110 §5.6.7), if any.
    pub date_header: Option<String>,
}

/// What the browser says about its time zone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ZoneObservation {
    /// `Intl.DateTimeFormat().resolvedOptions().timeZone`, e.g. `Europe/Berlin`.
    /// Only the UI may show it; it never goes into findings or measures.
    pub iana: Option<String>,
    /// Minutes east of UTC now: `-new Date().getTimezoneOffset()`.
    pub offset_now_min: Option<i32>,
    /// Minutes east of UTC on 1 January of this year (DST detection).
    pub offset_jan_min: Option<i32>,
    /// Minutes east of UTC on 1 July of this year (DST detection).
    pub offset_jul_min: Option<i32>,
    /// The offset Intl computes for `iana` right now (from
    /// `timeZoneName: "longOffset"`), minutes east of UTC.
    pub iana_offset_now_min: Option<i32>,
}

/// Everything the clock probe saw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClockObservation {
    /// Whether a time endpoint was configured.
    pub endpoint_configured: bool,
    /// Requests to the time endpoint, in any order.
    pub endpoint_samples: Vec<EndpointSample>,
    /// Filled when the endpoint is absent or gave no usable sample.
    pub date_samples: Vec<DateSample>,
    /// The time zone.
    pub zone: ZoneObservation,
}

/// The vocabulary of the `direction` param: device ahead of or behind the server.
pub const DIRECTIONS: [&str; 2] = ["ahead", "behind"];
/// The vocabulary of the `unit` param, which goes with `amount`.
/// The vocabulary of the `endpoint_problem` param of `clock.endpoint_broken`.
pub const ENDPOINT_PROBLEMS: [&str; 7] =
    ["http_error", "not_json", "bad_value", "network", "timeout", "no_answer", "inconsistent"];
/// The vocabulary of the `unmeasured_cause` param of `clock.unmeasured`.
pub const UNMEASURED_CAUSES: [&str; 5] =
    ["no_samples", "no_date_header", "bad_date_header", "bad_timing", "inconsistent"];
/// Platforms with a `clock.howto.<platform>` catalogue entry saying how to
/// turn on automatic date, time and time zone.
pub const HOWTO_PLATFORMS: [&str; 6] = ["windows", "macos", "ios", "android", "chromeos", "linux"];

/// The most `Date` samples worth taking; the probe also stops on its own
/// time budget.
pub const MAX_DATE_SAMPLES: usize = 12;

// Verdict thresholds, in ms of |offset|. They follow what breaks, not round
// numbers.
//
// TOTP (RFC 6238) makes a code per 30 s step, and §5.2 recommends that
// validators accept at most one step of drift. An authenticator app on this
// device whose clock is d seconds off makes the neighbouring step's code a
// fraction d/30 of the time; validators with no window (common defaults)
// then refuse it. From 10 s that is one code in three: worth a warning.
const TOTP_AT_RISK_MS: f64 = 10_000.0;
// Beyond one whole step, codes fail even with the recommended one step of
// tolerance, and tokens checked on the device with little leeway (many JWT
// libraries default to 0–60 s for `exp`/`nbf`) look expired or not yet valid.
const TOKENS_REJECTED_MS: f64 = 30_000.0;
// Five minutes is the usual ceiling of clock-skew allowances (Kerberos'
// default `clockskew`, OIDC client libraries, SAML validators at 3–5 min):
// beyond it, links and sign-in fail broadly, and cookies set with an
// absolute `Expires` can be dropped the moment they arrive.
const FAR_OFF_MS: f64 = 300_000.0;

// A wrong time zone shows as an offset of whole quarter hours: the user saw
// the wrong local time and set the clock by hand to look right, which moved
// UTC by the difference between the two zones. 90 s absorbs the minutes a
// hand-set clock is off on top; beyond that uncertainty we cannot tell.
const QUARTER_HOUR_MS: f64 = 900_000.0;
const ZONE_TOLERANCE_MS: f64 = 90_000.0;

/// Every UTC offset in use, standard or daylight time, in minutes east,
/// apart from the whole hours from −12 h to +14 h, which are all in use.
/// From the tz database (2024): Marquesas, Newfoundland (and its DST),
/// Iran, Afghanistan, India, Nepal, Myanmar, Eucla, Australian Central,
/// Lord Howe, Chatham (and its DST).
const PART_HOUR_OFFSETS_MIN: [i32; 13] = [-570, -210, -150, 210, 270, 330, 345, 390, 525, 570, 630, 765, 825];

/// Turns the probe's observation into the clock check's result.
///
/// ```
/// use resetcheck_core::clock::*;
/// use resetcheck_core::report::{Param, Status};
/// // The server answered 1.7e12 while the device said 1.7e12 + 93.5 s,
/// // with a 20 ms round trip.
/// let sample = EndpointSample {
///     wall_sent_ms: 1_700_000_093_490.0,
///     wall_received_ms: 1_700_000_093_510.0,
///     mono_sent_ms: 5_000.0,
///     mono_received_ms: 5_020.0,
///     response: EndpointResponse::Body { status: 200, text: r#"{"now_ms":1700000000000}"#.into() },
/// };
/// let obs = ClockObservation { endpoint_configured: true, endpoint_samples: vec![sample], ..Default::default() };
/// let result = analyze(&obs);
/// assert_eq!(result.status, Status::Fail);
/// assert_eq!(result.findings[0].id, "clock.tokens_rejected");
/// assert_eq!(result.measures["offset_ms"], Param::Int(93_500));
/// assert_eq!(result.measures["source"], Param::Word("endpoint"));
/// ```
pub fn analyze(obs: &ClockObservation) -> CheckResult {
    let mut verdicts = Vec::new();
    let mut notes = Vec::new();

    let endpoint = EndpointTally::of(&obs.endpoint_samples);
    // Time endpoint answers that can't judge the device (`Estimate::trusted`:
    // a cache replaying one answer, servers an hour apart) are the
    // endpoint's fault, not the device's (robustness review, 2026-11-27: a
    // stale endpoint told a right clock it was 2 min fast, give or take
    // 0.06 s). One server of five with a wrong clock is still outvoted.
    let from_endpoint = estimate(&endpoint.readings);
    let contradicted = from_endpoint.is_some_and(|e| !e.trusted());
    let mut measured: Option<(&'static str, Estimate, usize)> =
        from_endpoint.filter(Estimate::trusted).map(|e| ("endpoint", e, obs.endpoint_samples.len()));
    let date = DateTally::of(&obs.date_samples);
    if measured.is_none() {
        let problem = if contradicted { Some("inconsistent") } else { endpoint.problem(obs.endpoint_configured) };
        if let Some(problem) = problem {
            notes.push(
                Finding::new("clock.endpoint_broken")
                    .with("endpoint_problem", Param::Word(problem))
                    .with("http_status", Param::Int(endpoint.last_http_error.map_or(0, i64::from))),
            );
        }
        measured = estimate(&date.readings).map(|e| ("date_header", e, obs.date_samples.len()));
    }
    // Nor do the Date headers' readings, when they can't.
    let unagreed = measured.as_ref().is_some_and(|(_, e, _)| !e.trusted());
    if unagreed {
        measured = None;
    }

    let zone = Zone::of(&obs.zone);
    let mut result_measures: Vec<(&'static str, Param)> = Vec::new();
    match measured {
        Some((source, est, total)) => {
            verdicts.extend(verdict(est.offset_ms, est.uncertainty_ms, zone.utc_offset_min));
            if !est.consistent {
                notes.push(Finding::new("clock.samples_inconsistent"));
            }
            result_measures.extend([
                ("source", Param::Word(source)),
                ("offset_ms", Param::Int(round_ms(est.offset_ms))),
                ("uncertainty_ms", Param::Int(ceil_ms(est.uncertainty_ms))),
                ("samples_used", Param::Int(count(est.used))),
                ("samples_dropped", Param::Int(count(total.saturating_sub(est.used)))),
            ]);
            if est.steps > 0 {
                result_measures.push(("clock_steps", Param::Int(count(est.steps))));
            }
        }
        None => {
            let parsed_any = !endpoint.readings.is_empty() || !date.readings.is_empty();
            let cause = if unagreed || (contradicted && date.readings.is_empty()) {
                "inconsistent"
            } else if parsed_any {
                // Readings existed, so only their timestamps can have failed.
                "bad_timing"
            } else if obs.date_samples.is_empty() {
                "no_samples"
            } else if date.bad_headers > 0 {
                "bad_date_header"
            } else {
                "no_date_header"
            };
            verdicts.push(Finding::new("clock.unmeasured").with("unmeasured_cause", Param::Word(cause)));
            let total = obs.endpoint_samples.len() + obs.date_samples.len();
            result_measures.extend([("samples_used", Param::Int(0)), ("samples_dropped", Param::Int(count(total)))]);
        }
    }
    verdicts.extend(zone.mismatch);
    verdicts.extend(notes);

    let mut result = CheckResult::new(CheckId::Clock, verdicts);
    for (name, value) in result_measures {
        result = result.with_measure(name, value);
    }
    if let Some(minutes) = zone.utc_offset_min {
        result = result.with_measure("utc_offset_min", Param::Int(i64::from(minutes)));
    }
    result.with_measure("dst", Param::Word(zone.dst))
}

/// Whether one more `Date` sample could still narrow the estimate; the probe
/// asks after each sample and stops at `false` (or its own time budget).
///
/// It stops when the estimate is within about one round trip (or 100 ms,
/// far finer than the nearest verdict threshold of 10 s), when samples
/// contradict each other yet can judge (more will not reconcile them), when two samples
/// came back without a usable `Date` (the server or a proxy does not send
/// one), and at [`MAX_DATE_SAMPLES`].
///
/// ```
/// use resetcheck_core::clock::{needs_more_date_samples, DateSample};
/// assert!(needs_more_date_samples(&[]));
/// let one = DateSample {
///     wall_sent_ms: 1_700_000_000_400.0,
///     wall_received_ms: 1_700_000_000_440.0,
///     mono_sent_ms: 400.0,
///     mono_received_ms: 440.0,
///     date_header: Some("Tue, 14 Nov 2023 22:13:20 GMT".into()),
/// };
/// // One sample only says which second the server was in.
/// assert!(needs_more_date_samples(&[one]));
/// ```
pub fn needs_more_date_samples(samples: &[DateSample]) -> bool {
    if samples.len() >= MAX_DATE_SAMPLES {
        return false;
    }
    let tally = DateTally::of(samples);
    match estimate(&tally.readings) {
        None => samples.len() < 2,
        // Contradictions that can't judge yet may be outvoted by more
        // samples: two servers taking turns, not one answer replayed.
        Some(e) if !e.consistent => !e.trusted(),
        Some(e) => e.uncertainty_ms > e.min_rtt_ms.max(100.0),
    }
}

/// How long to wait after the latest `Date` sample's answer before sending
/// the next request, in ms, so that it reaches the server when the server's
/// second most likely ticks over.
///
/// Whether that request comes back before or after the tick rules out one
/// half of what is still unknown, so each sample halves the uncertainty: a
/// bisection that gets from a second to about one round trip in five or six
/// samples, where evenly spaced samples would need many more. `0.0` while
/// there is nothing to aim with yet.
///
/// ```
/// use resetcheck_core::clock::{next_date_sample_delay_ms, DateSample};
/// assert_eq!(next_date_sample_delay_ms(&[]), 0.0);
/// let one = DateSample {
///     wall_sent_ms: 1_700_000_000_400.0,
///     wall_received_ms: 1_700_000_000_440.0,
///     mono_sent_ms: 400.0,
///     mono_received_ms: 440.0,
///     date_header: Some("Tue, 14 Nov 2023 22:13:20 GMT".into()),
/// };
/// let wait = next_date_sample_delay_ms(&[one]);
/// assert!((0.0..1000.0).contains(&wait));
/// ```
pub fn next_date_sample_delay_ms(samples: &[DateSample]) -> f64 {
    let Some(e) = estimate(&DateTally::of(samples).readings) else { return 0.0 };
    let Some(latest) = samples.iter().map(|s| s.mono_received_ms).filter(|t| t.is_finite()).reduce(f64::max) else {
        return 0.0;
    };
    let now = latest + e.anchor_ms;
    let one_way = e.min_rtt_ms / 2.0;
    // The next whole server second B we can still reach: the request must
    // arrive at local time B + offset, and cannot leave before now.
    let boundary = ((now - e.offset_ms + one_way) / 1000.0).ceil() * 1000.0;
    let wait = boundary + e.offset_ms - one_way - now;
    if wait.is_finite() {
        wait.clamp(0.0, 1000.0)
    } else {
        0.0
    }
}

/// How long ago something was, from the device's two clocks: the wall
/// clock's `wall_ms` and the monotonic clock's `monotonic_ms` since then,
/// with the offset (device − server) the clock check had measured then.
///
/// The wall clock counts a device's sleep, which the monotonic clock does
/// not on every system, so it is the one to trust, unless it jumped by
/// about the measured offset: the user set the device's clock right (as
/// the page asks), which is no time passing. A wall clock that went back
/// is never trusted past the monotonic one.
///
/// ```
/// use resetcheck_core::clock::elapsed_since;
/// const H: i64 = 3_600_000;
/// // An hour asleep: the wall clock moved on, the monotonic one paused.
/// assert_eq!(elapsed_since(H, 1_000, Some(0)), H);
/// // A clock 2 h slow, set right five minutes later: five minutes.
/// assert_eq!(elapsed_since(2 * H + 300_000, 300_000, Some(-2 * H)), 300_000);
/// ```
pub fn elapsed_since(wall_ms: i64, monotonic_ms: i64, offset_ms: Option<i64>) -> i64 {
    let jump = wall_ms.saturating_sub(monotonic_ms);
    // Set right: a jump cancelling a real offset, give or take a minute or a tenth.
    let set_right = offset_ms.is_some_and(|offset| {
        let size = offset.saturating_abs();
        size >= 60_000 && jump.saturating_add(offset).saturating_abs() <= (size / 10).max(60_000)
    });
    if set_right || wall_ms < monotonic_ms {
        monotonic_ms
    } else {
        wall_ms
    }
}

/// The finding for an offset, if it matters: `None` means the clock is fine.
fn verdict(offset_ms: f64, uncertainty_ms: f64, utc_offset_min: Option<i32>) -> Option<Finding> {
    let size = offset_ms.abs();
    let direction = Param::Word(if offset_ms >= 0.0 { "ahead" } else { "behind" });
    if let Some(zone_min) = wrong_zone_minutes(offset_ms, uncertainty_ms, utc_offset_min) {
        // The fix differs from a wrong clock (set the zone, not the time),
        // so this replaces the far_off advice rather than adding to it.
        return Some(
            Finding::new("clock.timezone_wrong")
                .with("direction", direction)
                .with("hours", Param::Int(zone_min.abs() / 60))
                .with("minutes", Param::Int(zone_min.abs() % 60)),
        );
    }
    let id = if size >= FAR_OFF_MS {
        "clock.far_off"
    } else if size >= TOKENS_REJECTED_MS {
        "clock.tokens_rejected"
    } else if size + uncertainty_ms >= TOTP_AT_RISK_MS {
        // Also when only the uncertainty reaches the line: we cannot
        // promise codes will work.
        "clock.totp_at_risk"
    } else {
        return None;
    };
    Some(Finding::new(id).with("direction", direction))
}

/// The time-zone difference (whole quarter hours, in minutes) the offset
/// amounts to, if it looks like a wrong zone rather than a wrong clock.
///
/// If the device's zone is known, the zone the user is really in would be
/// its UTC offset plus this difference; that must be an offset in use
/// somewhere, which keeps a clock set 15 minutes fast on purpose from
/// reading as a zone mistake in Berlin (UTC+1:15 exists nowhere).
fn wrong_zone_minutes(offset_ms: f64, uncertainty_ms: f64, utc_offset_min: Option<i32>) -> Option<i64> {
    if uncertainty_ms > ZONE_TOLERANCE_MS {
        return None;
    }
    let quarters = (offset_ms / QUARTER_HOUR_MS).round();
    // The widest gap between zones in use is 26 h (−12 h to +14 h).
    if quarters == 0.0 || quarters.abs() > 26.0 * 4.0 {
        return None;
    }
    if (offset_ms - quarters * QUARTER_HOUR_MS).abs() > ZONE_TOLERANCE_MS + uncertainty_ms {
        return None;
    }
    // Bounded to ±104 above, so the cast is exact.
    let minutes = quarters as i64 * 15;
    match utc_offset_min {
        None => Some(minutes),
        Some(device) => {
            let real = i64::from(device) + minutes;
            let in_use = (real % 60 == 0 && (-12 * 60..=14 * 60).contains(&real))
                || PART_HOUR_OFFSETS_MIN.iter().any(|&m| i64::from(m) == real);
            in_use.then_some(minutes)
        }
    }
}

fn round_ms(ms: f64) -> i64 {
    // `as` saturates and maps NaN to 0; the estimator never yields either.
    ms.round_ties_even() as i64
}

fn ceil_ms(ms: f64) -> i64 {
    ms.ceil() as i64
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn timing(wall_sent: f64, wall_received: f64, mono_sent: f64, mono_received: f64) -> Timing {
    Timing { wall_sent, wall_received, mono_sent, mono_received }
}

/// Timer resolution slack on both sides of a reading's interval: `Date.now()`
/// has whole milliseconds, and `performance.now()` is at least that fine.
const TIMER_SLACK_MS: f64 = 2.0;
/// Extra slack for `Date`: servers such as nginx stamp it from a clock
/// cached once per event-loop turn, which can lag by milliseconds.
const DATE_SLACK_MS: f64 = 10.0;

/// The endpoint samples sorted into readings and failures.
struct EndpointTally {
    readings: Vec<Reading>,
    /// Failures by kind, in the order of [`ENDPOINT_PROBLEMS`].
    problems: [usize; 5],
    last_http_error: Option<u16>,
}

impl EndpointTally {
    fn of(samples: &[EndpointSample]) -> EndpointTally {
        let mut tally = EndpointTally { readings: Vec::new(), problems: [0; 5], last_http_error: None };
        for s in samples {
            let problem = match &s.response {
                EndpointResponse::Body { status, .. } if !(200..300).contains(status) => {
                    tally.last_http_error = Some(*status);
                    0
                }
                EndpointResponse::Body { text, .. } => match parse_now_ms(text) {
                    Ok(server_ms) => {
                        tally.readings.push(Reading {
                            timing: timing(s.wall_sent_ms, s.wall_received_ms, s.mono_sent_ms, s.mono_received_ms),
                            // Exact for every sane ms value (below 2^53).
                            server_ms: server_ms as f64,
                            resolution_ms: 1.0,
                            slack_ms: TIMER_SLACK_MS,
                        });
                        continue;
                    }
                    Err(NowMsError::NotJson) => 1,
                    Err(_) => 2,
                },
                EndpointResponse::NetworkError => 3,
                EndpointResponse::TimedOut => 4,
            };
            tally.problems[problem] += 1;
        }
        tally
    }

    /// What was wrong with the endpoint, when it gave no estimate: the most
    /// common failure, ties going to the earlier kind. `None` when nothing
    /// is the endpoint's fault (only the timestamps were unusable).
    fn problem(&self, configured: bool) -> Option<&'static str> {
        let total: usize = self.problems.iter().sum();
        if total == 0 {
            let nothing_tried = self.readings.is_empty();
            return (configured && nothing_tried).then_some("no_answer");
        }
        let most = self.problems.iter().copied().max().unwrap_or(0);
        let index = self.problems.iter().position(|&n| n == most).unwrap_or(0);
        ENDPOINT_PROBLEMS.get(index).copied()
    }
}

/// The `Date` samples sorted into readings and failures.
struct DateTally {
    readings: Vec<Reading>,
    bad_headers: usize,
}

impl DateTally {
    fn of(samples: &[DateSample]) -> DateTally {
        let mut tally = DateTally { readings: Vec::new(), bad_headers: 0 };
        for s in samples {
            let Some(header) = &s.date_header else { continue };
            match parse_http_date(header).filter(|ms| (SANE_FROM_MS..SANE_UNTIL_MS).contains(ms)) {
                Some(server_ms) => tally.readings.push(Reading {
                    timing: timing(s.wall_sent_ms, s.wall_received_ms, s.mono_sent_ms, s.mono_received_ms),
                    server_ms: server_ms as f64,
                    resolution_ms: 1000.0,
                    slack_ms: TIMER_SLACK_MS + DATE_SLACK_MS,
                }),
                None => tally.bad_headers += 1,
            }
        }
        tally
    }
}

/// The time-zone facts and the mismatch finding, if any.
struct Zone {
    utc_offset_min: Option<i32>,
    dst: &'static str,
    mismatch: Option<Finding>,
}

impl Zone {
    fn of(z: &ZoneObservation) -> Zone {
        // ECMAScript offsets stay within a day; anything else is garbage.
        let sane = |m: Option<i32>| m.filter(|m| m.unsigned_abs() < 24 * 60);
        let now = sane(z.offset_now_min);
        let dst = match (sane(z.offset_jan_min), sane(z.offset_jul_min)) {
            (Some(jan), Some(jul)) if jan != jul => "yes",
            (Some(_), Some(_)) => "no",
            _ => "unknown",
        };
        let mismatch = match (now, sane(z.iana_offset_now_min)) {
            (Some(device), Some(zone)) if device != zone => Some(
                Finding::new("clock.zone_mismatch")
                    .with("utc_offset_min", Param::Int(i64::from(device)))
                    .with("zone_offset_min", Param::Int(i64::from(zone))),
            ),
            _ => None,
        };
        Zone { utc_offset_min: now, dst, mismatch }
    }
}

#[cfg(test)]
mod tests;
