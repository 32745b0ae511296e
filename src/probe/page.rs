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
    use resetcheck_core::useragent::{self, ClientHints};
    let hints = hint.map(|platform| ClientHints { platform: Some(platform), ..ClientHints::default() });
    let info = useragent::identify(hints.as_ref(), ua.as_deref().unwrap_or(""));
    useragent::on_device(info, hints.as_ref(), super::browser::max_touch_points(Some(&navigator))).platform
}

/// Sets `<html data-theme>` to force a theme ([`resetcheck_core::report::forced_theme`]);
/// without it the page follows the system (`prefers-color-scheme`).
pub fn set_theme(theme: &str) {
    let root = super::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = root.set_attribute("data-theme", theme);
    }
}

/// Sets `<html lang>`, `<html dir>` and the document title.
pub fn set_document_language_and_title((lang, dir): (&str, &str), title: &str) {
    let Some(doc) = super::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", lang);
        let _ = root.set_attribute("dir", dir);
    }
    doc.set_title(title);
}

/// The page's fragment without `#`, such as `support=0123…`.
pub fn fragment() -> Option<String> {
    let hash = super::window()?.location().hash().ok()?;
    let raw = hash.trim_start_matches('#');
    // Mail and chat apps percent-encode the spaces of a pasted `#support=DR80 32ZC`.
    Some(js_sys::decode_uri_component(raw).ok().and_then(|d| d.as_string()).unwrap_or_else(|| raw.to_owned()))
}

/// Reloads the page when the fragment changes to `#support…` on the
/// checker (so `boot.js` sends it on to the support page), or to another
/// code on the support page, so following a share link in the same tab
/// shows the right thing.
pub fn reload_on_view_change(is_support: bool) {
    let Some(window) = super::window() else { return };
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        let now_support = fragment().is_some_and(|f| f.starts_with("support"));
        if is_support || now_support {
            if let Some(w) = super::window() {
                let _ = w.location().reload();
            }
        }
    });
    let _ = window.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Calls `forget` when the user leaves the page (`pagehide`). A browser
/// may keep the page in its back/forward cache and show it again on Back,
/// what was typed included (Firefox does); what the user pasted must not
/// outlive the visit.
pub fn on_leave(forget: impl Fn() + 'static) {
    let Some(window) = super::window() else { return };
    let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(forget);
    let _ = window.add_event_listener_with_callback("pagehide", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Calls `back` when the user comes back to the page from the browser's
/// back/forward cache (`pageshow` with `persisted`).
pub fn on_return(back: impl Fn() + 'static) {
    let Some(window) = super::window() else { return };
    let listener = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        if js_sys::Reflect::get(&event, &"persisted".into()).is_ok_and(|p| p.is_truthy()) {
            back();
        }
    });
    let _ = window.add_event_listener_with_callback("pageshow", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// The page's own origin (`location.origin`).
pub fn own_origin() -> Option<String> {
    super::window()?.location().origin().ok()
}

/// The checker's address without query or fragment, for share links.
pub fn base_url() -> Option<String> {
    let location = super::window()?.location();
    Some(format!("{}{}", location.origin().ok()?, location.pathname().ok()?))
}

/// Copies `text` with the Clipboard API; where that is missing or refused,
/// selects the element with id `fallback_id` and tries `execCommand`.
/// Returns whether the text reached the clipboard.
pub async fn copy_text(text: &str, fallback_id: &str) -> bool {
    let Some(window) = super::window() else { return false };
    // Missing on a page not served securely (plain http) and in older
    // WebViews: calling it would throw before the fallback (WebKit review).
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).is_ok_and(|c| c.is_object());
    if has_clipboard {
        let written = wasm_bindgen_futures::JsFuture::from(navigator.clipboard().write_text(text)).await;
        if written.is_ok() {
            return true;
        }
    }
    let Some(document) = window.document() else { return false };
    let (Some(selection), Some(element)) =
        (window.get_selection().ok().flatten(), document.get_element_by_id(fallback_id))
    else {
        return false;
    };
    let _ = selection.select_all_children(&element);
    document.dyn_ref::<web_sys::HtmlDocument>().and_then(|d| d.exec_command("copy").ok()).unwrap_or(false)
}

/// Moves keyboard focus to the element with `id` (which needs
/// `tabindex="-1"` unless it is focusable anyway). Scrolling is the
/// browser's, which differs: WebKit scrolls a text field only as far as
/// its caret. A caller the user just pressed something for follows it
/// with [`reveal`] or [`reveal_centered`]; one that refocuses by itself
/// (a timer) doesn't, so the page never moves under the user.
pub fn focus(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Scrolls the element with `id` into view, as little as it takes
/// (`scrollIntoView({block: "nearest"})`): nothing when it is in view.
pub fn reveal(id: &str) {
    scroll_into_view(id, "nearest");
}

/// Scrolls the element with `id` to the middle of the screen, with what
/// sits right around it (a field's button).
pub fn reveal_centered(id: &str) {
    scroll_into_view(id, "center");
}

fn scroll_into_view(id: &str, block: &str) {
    let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("block"), &JsValue::from_str(block));
    if let Ok(scroll) = js_sys::Reflect::get(&element, &JsValue::from_str("scrollIntoView")) {
        if let Some(scroll) = scroll.dyn_ref::<js_sys::Function>() {
            let _ = scroll.call1(&element, &options);
        }
    }
}

/// Whether keyboard focus is on the element with `id` or inside it.
pub fn has_focus_within(id: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    match (document.active_element(), document.get_element_by_id(id)) {
        (Some(active), Some(element)) => element.contains(Some(&active)),
        _ => false,
    }
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
