//! Fetch with a hard time limit: the request is aborted, not just
//! abandoned, so a hanging server can't hold a connection after the check.

use gloo_net::http::{RequestBuilder, Response};
use web_sys::AbortController;

/// Why a fetch gave no response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The promise rejected: network, CORS, CSP, a filter, mixed content.
    Failed,
    /// No response within the limit.
    TimedOut,
}

/// Sends `request`, giving up (and aborting it) after `limit_ms`.
pub async fn send_with_limit(request: RequestBuilder, limit_ms: f64) -> Result<Response, FetchError> {
    let controller = AbortController::new().ok();
    let request = request.abort_signal(controller.as_ref().map(|c| c.signal()).as_ref());
    let limit = limit_ms.max(1.0) as u64;
    match super::time::with_timeout(limit, request.send()).await {
        Some(Ok(response)) => Ok(response),
        Some(Err(_)) => Err(FetchError::Failed),
        None => {
            if let Some(c) = &controller {
                c.abort();
            }
            Err(FetchError::TimedOut)
        }
    }
}
