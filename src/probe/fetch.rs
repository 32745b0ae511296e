//! Fetch with a hard time limit: the request is aborted, not just
//! abandoned, so a hanging server can't hold a connection after the check,
//! neither before its headers nor while its body drips in.

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

/// A response whose request is aborted when it is dropped: a body nobody
/// reads, or one still dripping in when its reader gives up, then holds no
/// connection. (Aborting after the whole body arrived does nothing.)
pub struct Limited {
    response: Response,
    controller: Option<AbortController>,
}

impl std::ops::Deref for Limited {
    type Target = Response;

    fn deref(&self) -> &Response {
        &self.response
    }
}

impl Drop for Limited {
    fn drop(&mut self) {
        if let Some(c) = &self.controller {
            c.abort();
        }
    }
}

/// Sends `request`, giving up (and aborting it) after `limit_ms`; the
/// response aborts the rest of the request when dropped.
pub async fn send_with_limit(request: RequestBuilder, limit_ms: f64) -> Result<Limited, FetchError> {
    let controller = AbortController::new().ok();
    let request = request.abort_signal(controller.as_ref().map(|c| c.signal()).as_ref());
    let limit = limit_ms.max(1.0) as u64;
    match super::time::with_timeout(limit, request.send()).await {
        Some(Ok(response)) => Ok(Limited { response, controller }),
        Some(Err(_)) => Err(FetchError::Failed),
        None => {
            if let Some(c) = &controller {
                c.abort();
            }
            Err(FetchError::TimedOut)
        }
    }
}
