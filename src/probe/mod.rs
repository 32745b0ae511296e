//! The only place that talks to the browser (web-sys, js-sys).
//!
//! Probes return plain Rust data (the core's observation types) and never
//! decide what a result means. Missing APIs become `None` or an error
//! variant; nothing here panics.

pub mod browser;
pub mod clock;
pub mod config;
pub mod embed;
pub mod extensions;
pub mod fetch;
pub mod input;
pub mod network;
pub mod page;
pub mod time;

use wasm_bindgen::{JsCast, JsValue};

/// The `name` of a thrown exception, such as `SecurityError`. Messages are
/// never kept: they can hold URLs or other page data.
pub(crate) fn exception_name(err: &JsValue) -> String {
    js_sys::Reflect::get(err, &JsValue::from_str("name"))
        .ok()
        .and_then(|v| v.as_string())
        .filter(|n| n.len() <= 64 && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        .unwrap_or_else(|| String::from("UnknownError"))
}

/// Reads a boolean property of a JS object, if it exists and is a boolean.
pub(crate) fn bool_property(target: &JsValue, name: &str) -> Option<bool> {
    js_sys::Reflect::get(target, &JsValue::from_str(name)).ok().and_then(|v| v.as_bool())
}

pub(crate) fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub(crate) fn html_document() -> Option<web_sys::HtmlDocument> {
    window()?.document()?.dyn_into::<web_sys::HtmlDocument>().ok()
}
