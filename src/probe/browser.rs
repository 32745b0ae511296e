//! Browser-basics probe: cookies, web storage, secure context.

use resetcheck_core::browser::{BrowserBasicsObservation, CookieProbe, StorageProbe};
use wasm_bindgen::JsValue;

const COOKIE_NAME: &str = "resetcheck_probe";
const STORAGE_KEY: &str = "resetcheck_probe";

/// Observes cookies, storage and the secure context. Each part fails
/// independently; a missing API is recorded, never thrown.
pub async fn observe() -> BrowserBasicsObservation {
    let window = super::window();
    let navigator: Option<JsValue> = window.as_ref().map(|w| w.navigator().into());
    BrowserBasicsObservation {
        cookie_enabled: navigator.as_ref().and_then(|n| super::bool_property(n, "cookieEnabled")),
        cookie: cookie_round_trip(),
        local_storage: storage(|w| w.local_storage()),
        session_storage: storage(|w| w.session_storage()),
        secure_context: window.as_ref().map(web_sys::Window::is_secure_context),
    }
}

/// Writes a random test cookie, reads it back, and deletes it.
fn cookie_round_trip() -> CookieProbe {
    let Some(doc) = super::html_document() else {
        return CookieProbe::NotRun;
    };
    let value = random_token();
    let secure = super::window().map(|w| w.location().protocol().ok().as_deref() == Some("https:")).unwrap_or(false);
    let attrs = if secure { "; path=/; SameSite=Lax; Secure" } else { "; path=/; SameSite=Lax" };
    if let Err(e) = doc.set_cookie(&format!("{COOKIE_NAME}={value}{attrs}")) {
        return CookieProbe::Threw(super::exception_name(&e));
    }
    let read_back = match doc.cookie() {
        Ok(jar) => jar.split(';').any(|c| c.trim() == format!("{COOKIE_NAME}={value}")),
        Err(e) => return CookieProbe::Threw(super::exception_name(&e)),
    };
    // Best effort: a cookie we could not delete expires with the session.
    let _ = doc.set_cookie(&format!("{COOKIE_NAME}=; max-age=0{attrs}"));
    CookieProbe::RoundTrip { read_back }
}

/// Writes, reads back and removes a value in one storage area.
fn storage(area: impl Fn(&web_sys::Window) -> Result<Option<web_sys::Storage>, JsValue>) -> StorageProbe {
    let Some(window) = super::window() else {
        return StorageProbe::NotRun;
    };
    let storage = match area(&window) {
        Ok(Some(s)) => s,
        Ok(None) => return StorageProbe::Missing,
        Err(e) => return StorageProbe::Threw(super::exception_name(&e)),
    };
    let value = random_token();
    if let Err(e) = storage.set_item(STORAGE_KEY, &value) {
        return StorageProbe::Threw(super::exception_name(&e));
    }
    let read = storage.get_item(STORAGE_KEY);
    let _ = storage.remove_item(STORAGE_KEY);
    match read {
        Ok(Some(v)) if v == value => StorageProbe::Works,
        Ok(_) => StorageProbe::Mismatch,
        Err(e) => StorageProbe::Threw(super::exception_name(&e)),
    }
}

/// A random value, so a stale cookie or storage entry can't fake success.
fn random_token() -> String {
    format!("{:x}", (js_sys::Math::random() * 4_294_967_296.0) as u64)
}
