//! Network probe: the fetch differential for every configured endpoint,
//! run concurrently, and the CSP violations the page saw meanwhile. The
//! core's `network::classify` reads the result.

use super::fetch::{send_with_limit, FetchError};
use super::time::monotonic_ms as now;
use gloo_net::http::{Method as HttpMethod, Request, Response};
use resetcheck_core::config::{Config, Method};
use resetcheck_core::network::{self, EndpointObservation, Fetch, NetworkObservation, Target};
use resetcheck_core::weburl::WebUrl;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{RequestCache, RequestMode, RequestRedirect};

/// Time for `securitypolicyviolation` events, which fire asynchronously,
/// to arrive after a blocked fetch.
const CSP_EVENT_GRACE_MS: u32 = 50;

/// Probes every endpoint the config names, plus the page's own origin,
/// all within `budget_ms`.
pub async fn observe(config: &Config, budget_ms: u64) -> NetworkObservation {
    let window = super::window();
    let page_origin = window.as_ref().and_then(|w| w.location().origin().ok());
    let violations: Rc<RefCell<Vec<(String, String)>>> = Rc::default();
    let sink = Rc::clone(&violations);
    let listener = Closure::<dyn FnMut(web_sys::SecurityPolicyViolationEvent)>::new(
        move |e: web_sys::SecurityPolicyViolationEvent| {
            sink.borrow_mut().push((e.blocked_uri(), e.effective_directive()));
        },
    );
    let document = window.as_ref().and_then(|w| w.document());
    if let Some(doc) = &document {
        let _ = doc.add_event_listener_with_callback("securitypolicyviolation", listener.as_ref().unchecked_ref());
    }

    let deadline = now() + budget_ms as f64;
    let targets = network::targets(config);
    let probes = targets.iter().map(|t| probe(t, deadline));
    let endpoints: Vec<EndpointObservation> = super::time::join_all(probes).await;
    super::time::sleep(CSP_EVENT_GRACE_MS).await;

    if let Some(doc) = &document {
        let _ = doc.remove_event_listener_with_callback("securitypolicyviolation", listener.as_ref().unchecked_ref());
    }
    let online = window.map(|w| w.navigator().on_line());
    let csp_violations = violations.borrow().clone();
    NetworkObservation { page_origin, online, endpoints, csp_violations }
}

async fn probe(target: &Target, deadline: f64) -> EndpointObservation {
    let url = target.url.as_fetch_url();
    let started = now();
    let mut obs = EndpointObservation { index: target.index, ..Default::default() };
    if target.cors {
        obs.cors = fetch(&url, target.method, RequestMode::Cors, RequestRedirect::Follow, deadline).await;
        obs.elapsed_ms = now() - started;
        if !matches!(obs.cors, Fetch::Failed) {
            return obs;
        }
        // Did it fail because of where a redirect led?
        obs.cors_manual = fetch(&url, target.method, RequestMode::Cors, RequestRedirect::Manual, deadline).await;
    }
    // `no-cors` requests must follow redirects (the Fetch standard).
    obs.no_cors = fetch(&url, target.method, RequestMode::NoCors, RequestRedirect::Follow, deadline).await;
    if !target.cors {
        obs.elapsed_ms = now() - started;
    }
    obs
}

async fn fetch(url: &str, method: Method, mode: RequestMode, redirect: RequestRedirect, deadline: f64) -> Fetch {
    let left = deadline - now();
    if left < 10.0 {
        return Fetch::TimedOut;
    }
    let method = match method {
        Method::Get => HttpMethod::GET,
        Method::Head => HttpMethod::HEAD,
    };
    let request = Request::get(url).method(method).mode(mode).redirect(redirect).cache(RequestCache::NoStore);
    match send_with_limit(request, left).await {
        Ok(response) => answered(url, &response),
        Err(FetchError::Failed) => Fetch::Failed,
        Err(FetchError::TimedOut) => Fetch::TimedOut,
    }
}

fn answered(url: &str, response: &Response) -> Fetch {
    let requested_host = resolve(url).map(|u| u.host);
    let final_host = WebUrl::parse(&response.url()).ok().map(|u| u.host);
    Fetch::Answered {
        status: response.status(),
        opaque_redirect: response.type_() == web_sys::ResponseType::Opaqueredirect,
        redirected_elsewhere: response.redirected() && final_host.is_some() && final_host != requested_host,
    }
}

/// An absolute URL for `url`, resolving a same-origin path.
fn resolve(url: &str) -> Option<WebUrl> {
    WebUrl::parse(url).ok().or_else(|| {
        let origin = super::window()?.location().origin().ok()?;
        WebUrl::parse(&format!("{origin}/{}", url.trim_start_matches("./").trim_start_matches('/'))).ok()
    })
}
