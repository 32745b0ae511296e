//! Timers for probes: a timeout wrapper, so no probe can hang the run.

use std::future::poll_fn;
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

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
    let mut out = None;
    {
        let slot = &mut out;
        // The work writes its output here; the timing itself is one
        // function for every kind of work (smaller wasm).
        timed(ms, std::pin::pin!(async move { *slot = Some(fut.await) })).await;
    }
    out
}

/// Runs `fut` until it ends or its time (and any grace after a hold-up)
/// runs out.
async fn timed(ms: u64, mut fut: Pin<&mut dyn Future<Output = ()>>) {
    let start = monotonic_ms();
    let ms = u32::try_from(ms).unwrap_or(u32::MAX);
    if first_of(fut.as_mut(), ms).await {
        return;
    }
    if monotonic_ms() - start - f64::from(ms) < STALL_MS {
        return;
    }
    first_of(fut, STALL_GRACE_MS).await;
}

/// Polls `fut` until it ends (`true`) or `ms` have passed (`false`),
/// whichever comes first; `fut` first when both are ready.
async fn first_of(mut fut: Pin<&mut dyn Future<Output = ()>>, ms: u32) -> bool {
    let mut timer = gloo_timers::future::TimeoutFuture::new(ms);
    poll_fn(|cx| {
        if fut.as_mut().poll(cx).is_ready() {
            return Poll::Ready(true);
        }
        Pin::new(&mut timer).poll(cx).map(|()| false)
    })
    .await
}

/// Runs all of `futs` side by side until every one has ended, and gives
/// their outputs in order. (Not `futures`' `join_all`, whose way for
/// many futures the first load would carry too.)
pub async fn join_all<F: Future>(futs: impl IntoIterator<Item = F>) -> Vec<F::Output> {
    let mut running: Vec<Option<Pin<Box<F>>>> = futs.into_iter().map(|f| Some(Box::pin(f))).collect();
    let mut outputs: Vec<Option<F::Output>> = running.iter().map(|_| None).collect();
    poll_fn(|cx| {
        let mut pending = false;
        for (slot, output) in running.iter_mut().zip(&mut outputs) {
            if let Some(fut) = slot {
                match fut.as_mut().poll(cx) {
                    Poll::Ready(out) => {
                        *output = Some(out);
                        *slot = None;
                    }
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().flatten().collect()
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
