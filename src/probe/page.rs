//! The page around the checker: address parameters, languages, the
//! document's title and language, the console, and the completion event.

use wasm_bindgen::{JsCast, JsValue};

/// A query parameter of the page's address, such as `lang` or `debug`.
pub fn query_param(name: &str) -> Option<String> {
    let search = super::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// `navigator.languages`, most preferred first.
pub fn preferred_languages() -> Vec<String> {
    let Some(window) = super::window() else {
        return Vec::new();
    };
    window.navigator().languages().iter().filter_map(|v| v.as_string()).collect()
}

/// The user's operating system, from User-Agent Client Hints where the
/// browser has them, else the User-Agent string.
pub fn platform() -> Option<resetcheck_core::platform::Platform> {
    let navigator: JsValue = super::window()?.navigator().into();
    let hint = js_sys::Reflect::get(&navigator, &JsValue::from_str("userAgentData"))
        .ok()
        .filter(|v| v.is_object())
        .and_then(|data| js_sys::Reflect::get(&data, &JsValue::from_str("platform")).ok())
        .and_then(|p| p.as_string());
    let ua = js_sys::Reflect::get(&navigator, &JsValue::from_str("userAgent")).ok().and_then(|v| v.as_string());
    resetcheck_core::platform::Platform::detect(hint.as_deref(), ua.as_deref().unwrap_or(""))
}

/// Sets `<html lang>` and the document title.
pub fn set_document_language_and_title(lang: &str, title: &str) {
    let Some(doc) = super::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", lang);
    }
    doc.set_title(title);
}

/// Logs a warning to the browser console, for admins.
pub fn console_warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(message));
}

/// Dispatches `resetcheck:done` on `window` with `detail = {code, report}`.
/// `report_json` is parsed into a plain object so listeners need no parsing.
pub fn dispatch_done(code: Option<&str>, report_json: &str) {
    let Some(window) = super::window() else {
        return;
    };
    let detail = js_sys::Object::new();
    let code = code.map(JsValue::from_str).unwrap_or(JsValue::NULL);
    let report = js_sys::JSON::parse(report_json).unwrap_or(JsValue::NULL);
    let _ = js_sys::Reflect::set(&detail, &JsValue::from_str("code"), &code);
    let _ = js_sys::Reflect::set(&detail, &JsValue::from_str("report"), &report);
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("resetcheck:done", &init) {
        let _ = window.dispatch_event(event.unchecked_ref());
    }
}
