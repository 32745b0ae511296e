//! Timers for probes: a timeout wrapper, so no probe can hang the run.

use futures::future::{select, Either};
use std::future::Future;

/// Runs `fut` for at most `ms` milliseconds; `None` means it timed out.
pub async fn with_timeout<F: Future>(ms: u64, fut: F) -> Option<F::Output> {
    let ms = u32::try_from(ms).unwrap_or(u32::MAX);
    let fut = std::pin::pin!(fut);
    match select(fut, gloo_timers::future::TimeoutFuture::new(ms)).await {
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
