//! Talking to the page that embeds the checker: `postMessage` to the
//! parent, only for the origins given (the config's and the checker's own,
//! `Config::message_origins`), and the frame's height as the content grows.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Whether the checker runs inside a frame.
pub fn is_framed() -> bool {
    let Some(window) = super::window() else { return false };
    match window.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(&parent, &window),
        _ => false,
    }
}

/// Which of the pages around this frame [`framing_origin`] names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ancestor {
    /// The page that frames the checker: where its messages go.
    Parent,
    /// The tab's top page: what decides whether storage is third-party.
    Top,
}

/// The origin of the `which` page around this frame: from
/// `location.ancestorOrigins` where the browser has it (Chromium, WebKit),
/// else the referrer's, which names the parent.
pub fn framing_origin(which: Ancestor) -> Option<String> {
    listed_origin(which).or_else(|| {
        let referrer = super::window()?.document()?.referrer();
        resetcheck_core::weburl::WebUrl::parse(&referrer).ok().map(|u| u.origin())
    })
}

/// The origin of the parent or the top page as the browser lists it
/// (`location.ancestorOrigins`: not Firefox), which a navigation inside the
/// frame can't change as it does the referrer.
pub fn listed_origin(which: Ancestor) -> Option<String> {
    let window = super::window()?;
    let ancestors = js_sys::Reflect::get(&window.location(), &JsValue::from_str("ancestorOrigins"))
        .ok()
        .and_then(|list| list.dyn_into::<web_sys::DomStringList>().ok())?;
    match which {
        Ancestor::Parent => ancestors.item(0),
        Ancestor::Top => ancestors.item(ancestors.length().saturating_sub(1)),
    }
}

/// A value in a message to the embedding page.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
}

impl Field {
    fn to_js(&self) -> JsValue {
        match self {
            Field::Number(n) => JsValue::from_f64(*n),
            Field::Text(t) => JsValue::from_str(t),
        }
    }
}

/// Posts `{type, ...fields}` to the parent once per allowed origin. The
/// browser delivers it only if the parent's origin is that origin, so no
/// other page can read it.
pub fn post(allowed: &[String], kind: &str, fields: &[(&str, Field)]) {
    if allowed.is_empty() || !is_framed() {
        return;
    }
    let Some(parent) = super::window().and_then(|w| w.parent().ok().flatten()) else { return };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &JsValue::from_str("type"), &JsValue::from_str(kind));
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str(name), &value.to_js());
    }
    for origin in allowed {
        let _ = parent.post_message(&message, origin);
    }
}

/// Reports the document's height to the parent now. Reading it forces
/// layout, so this works even where the browser throttles an off-screen
/// cross-origin frame and its `ResizeObserver` stays silent (a widget below
/// the fold), which is why the run also calls it as results arrive.
pub fn post_height(allowed: &[String]) {
    if allowed.is_empty() || !is_framed() {
        return;
    }
    let Some(body) = super::window().and_then(|w| w.document()).and_then(|d| d.body()) else { return };
    post(allowed, "resetcheck:resize", &[("height", Field::Number(f64::from(body.scroll_height())))]);
}

/// Reports the document's height to the parent whenever it changes, so
/// the loader can size the frame with no inner scroll bar.
pub fn watch_height(allowed: Vec<String>) {
    if allowed.is_empty() || !is_framed() {
        return;
    }
    // The body, not <html>: the root's scrollHeight never drops below the
    // frame's own height, so the frame could grow but never shrink.
    let Some(root) = super::window().and_then(|w| w.document()).and_then(|d| d.body()) else { return };
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| post_height(&allowed));
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&root);
        // The observer lives as long as the page.
        std::mem::forget(observer);
    }
    callback.forget();
}
