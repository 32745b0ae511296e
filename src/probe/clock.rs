//! Clock probe: timed samples of the server's time, and the time zone.
//!
//! Each sample records the wall clock (`Date.now()`) and the monotonic clock
//! (`performance.now()`) at send and at receive. The core estimates the
//! offset; the core also says when another `Date` sample would still help
//! and when to send it. This module only takes the samples, within a time
//! budget, and returns whatever it has when the budget runs out.

use super::fetch::{send_with_limit, FetchError};
use super::time::{monotonic_ms as mono_now, now_ms as wall_now};
use gloo_net::http::{Method, Request};
use resetcheck_core::clock::{
    self, ClockObservation, DateSample, EndpointResponse, EndpointSample, ZoneObservation, MAX_DATE_SAMPLES,
};
use wasm_bindgen::JsValue;
use web_sys::RequestCache;

/// Samples to take from the time endpoint; the estimator keeps the fastest.
const ENDPOINT_SAMPLES: usize = 5;
/// One request's limit, so a hanging endpoint costs at most this.
const REQUEST_TIMEOUT_MS: f64 = 2_000.0;
/// Endpoint failures in a row after which the fallback takes over.
const MAX_ENDPOINT_FAILURES: usize = 2;
/// Longest body kept from the endpoint: `{"now_ms":…}` is tiny.
const MAX_BODY_BYTES: usize = 4_096;

/// Takes the clock samples within `budget_ms`, calling `on_progress` with
/// the observation so far after every sample, so the UI can show a live
/// estimate.
pub async fn observe(
    time_endpoint: Option<String>,
    budget_ms: u64,
    mut on_progress: impl FnMut(&ClockObservation),
) -> ClockObservation {
    let deadline = mono_now() + budget_ms as f64;
    let mut obs = ClockObservation { endpoint_configured: time_endpoint.is_some(), zone: zone(), ..Default::default() };
    on_progress(&obs);

    if let Some(url) = &time_endpoint {
        // A hanging endpoint may cost at most this share of the budget, so
        // the fallback still has time to measure.
        let request_limit = (budget_ms as f64 * 0.4).min(REQUEST_TIMEOUT_MS);
        let mut failures = 0;
        while obs.endpoint_samples.len() < ENDPOINT_SAMPLES && failures < MAX_ENDPOINT_FAILURES {
            let Some(limit) = time_left(deadline) else { break };
            let sample = endpoint_sample(url, limit.min(request_limit)).await;
            let timed_out = matches!(sample.response, EndpointResponse::TimedOut);
            let usable = matches!(&sample.response,
                EndpointResponse::Body { status: 200, text } if clock::parse_now_ms(text).is_ok());
            failures = if usable { 0 } else { failures + 1 };
            obs.endpoint_samples.push(sample);
            on_progress(&obs);
            if timed_out {
                break;
            }
        }
    }

    // The Date-header fallback, when there is no endpoint or it gave
    // nothing usable: the core decides whether its estimate exists.
    let endpoint_worked = clock::analyze(&obs).measures.contains_key("offset_ms");
    if !endpoint_worked {
        while obs.date_samples.len() < MAX_DATE_SAMPLES && clock::needs_more_date_samples(&obs.date_samples) {
            let wait = clock::next_date_sample_delay_ms(&obs.date_samples).max(0.0);
            // Only wait if the sample after it still fits the budget.
            match time_left(deadline) {
                Some(left) if left > wait + 50.0 => {}
                _ => break,
            }
            if wait >= 1.0 {
                super::time::sleep(wait as u32).await;
            }
            let Some(limit) = time_left(deadline) else { break };
            let sample = date_sample(obs.date_samples.len(), limit).await;
            obs.date_samples.push(sample);
            on_progress(&obs);
        }
    }
    obs
}

fn time_left(deadline: f64) -> Option<f64> {
    let left = deadline - mono_now();
    (left > 10.0).then_some(left.min(REQUEST_TIMEOUT_MS))
}

async fn endpoint_sample(url: &str, limit_ms: f64) -> EndpointSample {
    let (wall_sent_ms, mono_sent_ms) = (wall_now(), mono_now());
    let request = Request::get(url).cache(RequestCache::NoStore);
    // The body counts against the same limit as the headers.
    let outcome = super::time::with_timeout(limit_ms as u64, async {
        let response = send_with_limit(request, limit_ms).await?;
        let status = response.status();
        let mut text = response.text().await.unwrap_or_default();
        if text.len() > MAX_BODY_BYTES {
            let cut = (0..=MAX_BODY_BYTES).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
            text.truncate(cut);
        }
        Ok(EndpointResponse::Body { status, text })
    })
    .await;
    let (wall_received_ms, mono_received_ms) = (wall_now(), mono_now());
    let response = match outcome {
        None | Some(Err(FetchError::TimedOut)) => EndpointResponse::TimedOut,
        Some(Err(FetchError::Failed)) => EndpointResponse::NetworkError,
        Some(Ok(r)) => r,
    };
    EndpointSample { wall_sent_ms, wall_received_ms, mono_sent_ms, mono_received_ms, response }
}

/// A same-origin `HEAD` for its `Date` header. The query string defeats
/// caches that key on the URL, which would replay an old `Date`.
async fn date_sample(n: usize, limit_ms: f64) -> DateSample {
    let path = super::window().and_then(|w| w.location().pathname().ok()).unwrap_or_else(|| "/".to_owned());
    let url = format!("{path}?resetcheck_time={n}-{}", (js_sys::Math::random() * 1e9) as u64);
    let request = Request::get(&url).method(Method::HEAD).cache(RequestCache::NoStore);
    let (wall_sent_ms, mono_sent_ms) = (wall_now(), mono_now());
    let response = send_with_limit(request, limit_ms).await.ok();
    let (wall_received_ms, mono_received_ms) = (wall_now(), mono_now());
    let date_header = response.and_then(|r| r.headers().get("date"));
    DateSample { wall_sent_ms, wall_received_ms, mono_sent_ms, mono_received_ms, date_header }
}

/// The time zone as the browser sees it.
fn zone() -> ZoneObservation {
    let offset_at = |date: &js_sys::Date| {
        let minutes = -date.get_timezone_offset();
        minutes.is_finite().then_some(minutes as i32)
    };
    let now = js_sys::Date::new_0();
    let year = now.get_full_year();
    let iana = resolved_time_zone();
    ZoneObservation {
        iana_offset_now_min: iana.as_deref().and_then(|name| zone_offset_name(name, &now)),
        iana,
        offset_now_min: offset_at(&now),
        offset_jan_min: offset_at(&js_sys::Date::new_with_year_month_day(year, 0, 1)),
        offset_jul_min: offset_at(&js_sys::Date::new_with_year_month_day(year, 6, 1)),
    }
}

/// `Intl.DateTimeFormat().resolvedOptions().timeZone`.
fn resolved_time_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &JsValue::from_str("timeZone")).ok()?.as_string()
}

/// The offset `Intl` computes for the zone `name` at `at`, from its
/// `longOffset` time-zone name (`GMT+01:00`).
fn zone_offset_name(name: &str, at: &js_sys::Date) -> Option<i32> {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &JsValue::from_str("timeZone"), &JsValue::from_str(name)).ok()?;
    js_sys::Reflect::set(&options, &JsValue::from_str("timeZoneName"), &JsValue::from_str("longOffset")).ok()?;
    let locales = js_sys::Array::of1(&JsValue::from_str("en-US"));
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options);
    let parts = format.format_to_parts(at);
    parts.iter().find_map(|part| {
        let kind = js_sys::Reflect::get(&part, &JsValue::from_str("type")).ok()?.as_string()?;
        if kind != "timeZoneName" {
            return None;
        }
        let value = js_sys::Reflect::get(&part, &JsValue::from_str("value")).ok()?.as_string()?;
        clock::parse_gmt_offset(&value)
    })
}
