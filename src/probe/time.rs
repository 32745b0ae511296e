//! Timers for probes: a timeout wrapper, so no probe can hang the run.

use futures::future::{select, Either};
use std::future::Future;

/// How late a timer must fire to show the page's thread was held up (a
/// long task, a paused or throttled tab) rather than the work being slow.
const STALL_MS: f64 = 250.0;
/// How long a held-up timeout still waits for its work: the answer may have
/// arrived during the hold-up and wait behind the timer in the queue.
const STALL_GRACE_MS: u32 = 500;

/// Runs `fut` for at most `ms` milliseconds; `None` means it timed out.
///
/// A timeout whose timer fires late (the page was held up) waits once more,
/// briefly: a 2 s hold-up right after an IndexedDB open made it read as
/// unavailable, and the time endpoint as timed out, though both had
/// answered (robustness review, 2026-11-27).
pub async fn with_timeout<F: Future>(ms: u64, fut: F) -> Option<F::Output> {
    let start = monotonic_ms();
    let ms = u32::try_from(ms).unwrap_or(u32::MAX);
    let mut fut = std::pin::pin!(fut);
    if let Either::Left((out, _)) = select(fut.as_mut(), gloo_timers::future::TimeoutFuture::new(ms)).await {
        return Some(out);
    }
    if monotonic_ms() - start - f64::from(ms) < STALL_MS {
        return None;
    }
    match select(fut, gloo_timers::future::TimeoutFuture::new(STALL_GRACE_MS)).await {
        Either::Left((out, _)) => Some(out),
        Either::Right(((), _)) => None,
    }
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// The monotonic clock (`performance.now()`), in ms: what a change of the
/// device's clock doesn't move (the wall clock where it is missing).
pub fn monotonic_ms() -> f64 {
    super::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_else(now_ms)
}

/// The device's wall clock (`Date.now()`), in milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
