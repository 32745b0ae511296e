//! Extension probe: which known DOM markers are present, and whether bait
//! is hidden or blocked. The core's marker table decides what to look for
//! and what a match means.

use gloo_net::http::{Method, Request};
use resetcheck_core::extensions::{ExtensionsObservation, BAIT_CLASSES, BAIT_PATH, MARKERS};
use wasm_bindgen::JsCast;
use web_sys::RequestCache;

/// When to look for markers: content scripts inject at load, or a little
/// later (`document_idle`), so one look is not enough.
const LOOKS_AT_MS: [u64; 3] = [0, 400, 600];
/// How long the bait request may take at most.
const BAIT_TIMEOUT_MS: u64 = 2_000;

/// Looks for markers and tries the bait, within `budget_ms`: the looks take
/// up to a quarter of it (1 s at most), each of the two requests up to
/// three eighths, so a short `probe_timeout_ms` shortens the waits instead
/// of timing the check out.
pub async fn observe(budget_ms: u64) -> ExtensionsObservation {
    let bait = place_bait_element();
    let mut matched: Vec<usize> = Vec::new();
    for wait in LOOKS_AT_MS {
        let wait = wait.min(wait.saturating_mul(budget_ms) / 4_000);
        if wait > 0 {
            super::time::sleep(u32::try_from(wait).unwrap_or(u32::MAX)).await;
        }
        look_for_markers(&mut matched);
    }
    let bait_element_hidden = bait.as_ref().map(|el| {
        let hidden = el.offset_height() == 0 || el.offset_parent().is_none();
        el.remove();
        hidden
    });
    let (bait_request_answered, control_request_answered) =
        bait_requests(BAIT_TIMEOUT_MS.min(budget_ms.saturating_mul(3) / 8)).await;
    ExtensionsObservation { matched, bait_element_hidden, bait_request_answered, control_request_answered }
}

fn look_for_markers(matched: &mut Vec<usize>) {
    let Some(doc) = super::window().and_then(|w| w.document()) else {
        return;
    };
    for (i, marker) in MARKERS.iter().enumerate() {
        if !matched.contains(&i) && doc.query_selector(marker.selector).ok().flatten().is_some() {
            matched.push(i);
        }
    }
}

/// An off-screen element with class names cosmetic filters hide. It is
/// hidden from assistive technology and removed after the probe.
fn place_bait_element() -> Option<web_sys::HtmlElement> {
    let doc = super::window()?.document()?;
    let el: web_sys::HtmlElement = doc.create_element("div").ok()?.dyn_into().ok()?;
    el.set_class_name(&format!("{BAIT_CLASSES} rc-bait"));
    el.set_attribute("aria-hidden", "true").ok()?;
    el.set_text_content(Some("\u{a0}"));
    doc.body()?.append_child(&el).ok()?;
    Some(el)
}

/// A same-origin request to the bait path, and, only if it got no answer,
/// a control request to the page's own path: the core reads the pair.
async fn bait_requests(timeout_ms: u64) -> (Option<bool>, Option<bool>) {
    let head = |url: String| async move {
        let request = Request::get(&url).method(Method::HEAD).cache(RequestCache::NoStore);
        super::time::with_timeout(timeout_ms, request.send()).await.map(|r| r.is_ok())
    };
    let bait = head(BAIT_PATH.to_owned()).await;
    if bait != Some(false) {
        return (bait, None);
    }
    let page = super::window().and_then(|w| w.location().pathname().ok());
    let control = match page {
        Some(page) => head(page).await,
        None => None,
    };
    (bait, control)
}
