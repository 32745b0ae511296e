//! Browser-environment probe: cookies, storage, the frame, capabilities.

use resetcheck_core::browser::{BrowserObservation, CookieProbe, FrameObservation, StorageProbe};
use resetcheck_core::useragent::ClientHints;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const STORAGE_KEY: &str = "resetcheck_probe";
const IDB_NAME: &str = "resetcheck_probe";
/// How long a single promise-based browser API may take.
const API_TIMEOUT_MS: u64 = 1_500;

/// Observes the browser environment. Each part fails independently; a
/// missing API is recorded, never thrown.
pub async fn observe() -> BrowserObservation {
    let window = super::window();
    let navigator: Option<JsValue> = window.as_ref().map(|w| w.navigator().into());
    let secure_context = window.as_ref().map(web_sys::Window::is_secure_context);
    // `Secure` cookies can only be set from secure contexts.
    let secure_cookies = secure_context == Some(true);
    let frame = frame().await;
    let user_agent = navigator
        .as_ref()
        .and_then(|n| js_sys::Reflect::get(n, &JsValue::from_str("userAgent")).ok())
        .and_then(|v| v.as_string());
    // The promise-based storage APIs, side by side: each may take its whole timeout.
    let file_system_applies = resetcheck_core::browser::file_system_probe_applies(user_agent.as_deref());
    let (indexed_db, storage_quota_bytes, file_system) = futures::join!(indexed_db(), storage_quota(), async {
        if file_system_applies {
            file_system().await
        } else {
            StorageProbe::NotRun
        }
    });
    BrowserObservation {
        cookie_enabled: navigator.as_ref().and_then(|n| super::bool_property(n, "cookieEnabled")),
        cookie: if resetcheck_core::browser::first_party_cookie_probe_applies(&frame, secure_context) {
            cookie_round_trip("resetcheck_probe", "SameSite=Lax")
        } else {
            CookieProbe::NotRun
        },
        cookie_cross_site: if secure_cookies {
            cookie_round_trip("resetcheck_probe_none", "SameSite=None; Secure")
        } else {
            CookieProbe::NotRun
        },
        cookie_partitioned: if secure_cookies {
            cookie_round_trip("resetcheck_probe_part", "SameSite=None; Secure; Partitioned")
        } else {
            CookieProbe::NotRun
        },
        local_storage: storage(|w| w.local_storage()),
        session_storage: storage(|w| w.session_storage()),
        indexed_db,
        storage_quota_bytes,
        file_system,
        secure_context,
        frame,
        crypto_subtle: window.as_ref().map(|w| {
            let crypto = js_sys::Reflect::get(w, &JsValue::from_str("crypto")).unwrap_or(JsValue::UNDEFINED);
            js_sys::Reflect::get(&crypto, &JsValue::from_str("subtle")).is_ok_and(|s| s.is_object())
        }),
        webauthn: window.as_ref().map(|w| public_key_credential(w).is_some()),
        platform_authenticator: platform_authenticator().await,
        online: navigator.as_ref().and_then(|n| super::bool_property(n, "onLine")),
        user_agent,
        client_hints: navigator.as_ref().and_then(client_hints),
        max_touch_points: max_touch_points(navigator.as_ref()),
        // Said by embed.js, which tried a cookie on the page embedding this one.
        host_cookies: super::page::query_param("host_cookies"),
        now_ms: Some(js_sys::Date::now()),
    }
}

/// `navigator.userAgentData`'s low-entropy values (no permission, no
/// prompt): brands, mobile and platform.
fn client_hints(navigator: &JsValue) -> Option<ClientHints> {
    let data = js_sys::Reflect::get(navigator, &JsValue::from_str("userAgentData")).ok().filter(|d| d.is_object())?;
    let get = |target: &JsValue, key: &str| js_sys::Reflect::get(target, &JsValue::from_str(key)).ok();
    let brands = get(&data, "brands")
        .and_then(|b| b.dyn_into::<js_sys::Array>().ok())
        .map(|list| {
            list.iter()
                .filter_map(|entry| Some((get(&entry, "brand")?.as_string()?, get(&entry, "version")?.as_string()?)))
                .collect()
        })
        .unwrap_or_default();
    Some(ClientHints {
        brands,
        mobile: get(&data, "mobile").and_then(|m| m.as_bool()),
        platform: get(&data, "platform").and_then(|p| p.as_string()),
    })
}

/// Writes a random test cookie with `attrs`, reads it back, and deletes it.
fn cookie_round_trip(name: &str, attrs: &str) -> CookieProbe {
    let Some(doc) = super::html_document() else {
        return CookieProbe::NotRun;
    };
    let value = random_token();
    if let Err(e) = doc.set_cookie(&format!("{name}={value}; path=/; {attrs}")) {
        return CookieProbe::Threw(super::exception_name(&e));
    }
    let read_back = match doc.cookie() {
        Ok(jar) => jar.split(';').any(|c| c.trim() == format!("{name}={value}")),
        Err(e) => return CookieProbe::Threw(super::exception_name(&e)),
    };
    // Best effort: a cookie we could not delete expires with the session.
    let _ = doc.set_cookie(&format!("{name}=; max-age=0; path=/; {attrs}"));
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

/// Opens a throwaway IndexedDB database, then deletes it.
async fn indexed_db() -> StorageProbe {
    let Some(window) = super::window() else {
        return StorageProbe::NotRun;
    };
    let factory = match window.indexed_db() {
        Ok(Some(f)) => f,
        Ok(None) => return StorageProbe::Missing,
        Err(e) => return StorageProbe::Threw(super::exception_name(&e)),
    };
    let request = match factory.open(IDB_NAME) {
        Ok(r) => r,
        Err(e) => return StorageProbe::Threw(super::exception_name(&e)),
    };
    // Turn the request's success/error callbacks into a promise.
    let opened = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = Closure::once_into_js(move |e: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(failed.unchecked_ref()));
    });
    let outcome = super::time::with_timeout(API_TIMEOUT_MS, wasm_bindgen_futures::JsFuture::from(opened)).await;
    match outcome {
        None => StorageProbe::NoAnswer,
        Some(Ok(_)) => {
            if let Ok(db) = request.result().and_then(|r| r.dyn_into::<web_sys::IdbDatabase>()) {
                db.close();
            }
            let _ = factory.delete_database(IDB_NAME);
            StorageProbe::Works
        }
        Some(Err(_)) => match request.error() {
            Ok(Some(e)) => StorageProbe::Threw(e.name()),
            _ => StorageProbe::Threw("UnknownError".to_owned()),
        },
    }
}

/// Calls `navigator.storage[method]()`, giving it [`API_TIMEOUT_MS`]:
/// `None` when the method is missing or its promise doesn't settle in time.
async fn call_storage_manager(method: &str) -> Option<Result<JsValue, JsValue>> {
    let navigator: JsValue = super::window()?.navigator().into();
    let storage = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok().filter(|s| s.is_object())?;
    let function =
        js_sys::Reflect::get(&storage, &JsValue::from_str(method)).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let promise = match function.call0(&storage) {
        Ok(p) => p.dyn_into::<js_sys::Promise>().ok()?,
        Err(e) => return Some(Err(e)),
    };
    super::time::with_timeout(API_TIMEOUT_MS, wasm_bindgen_futures::JsFuture::from(promise)).await
}

/// `navigator.storage.estimate().quota`.
async fn storage_quota() -> Option<f64> {
    let value = call_storage_manager("estimate").await?.ok()?;
    js_sys::Reflect::get(&value, &JsValue::from_str("quota")).ok()?.as_f64()
}

/// Opens the origin private file system (`navigator.storage.getDirectory()`),
/// which stores nothing by itself: Firefox refuses it in private windows.
async fn file_system() -> StorageProbe {
    match call_storage_manager("getDirectory").await {
        None => StorageProbe::Missing,
        Some(Ok(_)) => StorageProbe::Works,
        Some(Err(e)) => StorageProbe::Threw(super::exception_name(&e)),
    }
}

/// Whether the checker is framed, by whom, and its storage access.
async fn frame() -> FrameObservation {
    let Some(window) = super::window() else {
        return FrameObservation::default();
    };
    let embedded = match window.top() {
        Ok(Some(top)) => !js_sys::Object::is(&top, &window),
        // Reading `top` throwing means a frame we may not look out of.
        _ => true,
    };
    let own_origin = window.location().origin().ok();
    let top_origin = if embedded { super::embed::framing_origin(super::embed::Ancestor::Top) } else { None };
    let storage_access = if embedded { has_storage_access().await } else { None };
    FrameObservation { embedded, own_origin, top_origin, storage_access }
}

/// `document.hasStorageAccess()`, where the browser has it.
async fn has_storage_access() -> Option<bool> {
    let document: JsValue = super::window()?.document()?.into();
    let method = js_sys::Reflect::get(&document, &JsValue::from_str("hasStorageAccess"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise = method.call0(&document).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    super::time::with_timeout(API_TIMEOUT_MS, wasm_bindgen_futures::JsFuture::from(promise)).await?.ok()?.as_bool()
}

fn public_key_credential(window: &web_sys::Window) -> Option<JsValue> {
    js_sys::Reflect::get(window, &JsValue::from_str("PublicKeyCredential")).ok().filter(|v| v.is_function())
}

/// `PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable()`.
async fn platform_authenticator() -> Option<bool> {
    let pkc = public_key_credential(&super::window()?)?;
    let method = js_sys::Reflect::get(&pkc, &JsValue::from_str("isUserVerifyingPlatformAuthenticatorAvailable"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise = method.call0(&pkc).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    super::time::with_timeout(API_TIMEOUT_MS, wasm_bindgen_futures::JsFuture::from(promise)).await?.ok()?.as_bool()
}

/// A random value, so a stale cookie or storage entry can't fake success.
fn random_token() -> String {
    format!("{:x}", (js_sys::Math::random() * 4_294_967_296.0) as u64)
}

/// `navigator.maxTouchPoints`, where the browser has it.
pub(crate) fn max_touch_points(navigator: Option<&JsValue>) -> Option<u32> {
    let points = js_sys::Reflect::get(navigator?, &JsValue::from_str("maxTouchPoints")).ok()?.as_f64()?;
    (points.is_finite() && points >= 0.0).then_some(points.min(f64::from(u32::MAX)) as u32)
}
