//! Fetches `resetcheck.json`, which sits next to the checker's page.

use gloo_net::http::Request;
use resetcheck_core::config::{self, ConfigLoad};
use web_sys::RequestCache;

/// How long the config may take: the checks wait for it.
const CONFIG_TIMEOUT_MS: u64 = 4_000;

/// Where the config is, relative to the checker's page.
pub const CHECKER_URL: &str = "resetcheck.json";
/// Where the config is, relative to the support page (`support/index.html`).
pub const SUPPORT_URL: &str = "../resetcheck.json";

/// Loads and validates the config from `url`. A missing file, an HTTP
/// error, a network failure or a timeout each give defaults with a problem
/// saying which. Also returns the file's text (empty without one), which
/// the input module reads for itself.
pub async fn load(url: &str) -> (ConfigLoad, String) {
    // The file's text, or the load to use without one. Cut off with the
    // timeout, the request is aborted, not left to pull an endless body
    // (robustness review, 2026-11-27: 1 GB in 4 s from a server that
    // streamed the config forever).
    let fetch = async {
        let request = Request::get(url).cache(RequestCache::NoCache);
        let response = super::fetch::send_with_limit(request, CONFIG_TIMEOUT_MS as f64).await;
        match response {
            Ok(r) if r.status() == 404 => Err(ConfigLoad::missing()),
            Ok(r) if !r.ok() => Err(ConfigLoad::unreadable(Some(r.status()))),
            Ok(r) => r.text().await.map_err(|_| ConfigLoad::unreadable(Some(r.status()))),
            Err(_) => Err(ConfigLoad::unreadable(None)),
        }
    };
    match super::time::with_timeout(CONFIG_TIMEOUT_MS, fetch).await {
        Some(Ok(text)) => (config::load(&text), text),
        Some(Err(load)) => (load, String::new()),
        None => (ConfigLoad::timed_out(CONFIG_TIMEOUT_MS), String::new()),
    }
}
