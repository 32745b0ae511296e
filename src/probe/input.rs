//! Loads the input module (`dist/input/`, built from `input/`) on first
//! use and calls it. It holds the link test, the e-mail lint and the QR
//! code drawing, which the checker's first load leaves out; `resetcheck_core::input` is the
//! boundary's other side. Whatever goes wrong (offline, blocked, a module
//! from another build), the caller gets `None` and says so on the page.

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The content hash in the module's file names, which `cargo xtask build`
/// builds first and passes in; without it (a test build), plain names.
const MODULE_HASH: Option<&str> = option_env!("RESETCHECK_INPUT_HASH");
/// How long the first load may take on a slow phone before the page says
/// it could not start (and the next use tries again).
const LOAD_TIMEOUT_MS: u32 = 15_000;

#[wasm_bindgen(module = "/src/probe/input.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn load_input_module(js_url: &str, wasm_url: &str, timeout_ms: u32) -> Result<Promise, JsValue>;
}

/// The loaded module.
pub struct InputModule(JsValue);

/// The module, loading it the first time; later calls reuse it.
pub async fn load() -> Option<InputModule> {
    let base = super::window()?.document()?.base_uri().ok()??;
    // Relative to the checker's page.
    let stem =
        MODULE_HASH.map_or_else(|| String::from("input/resetcheck-input"), |h| format!("input/resetcheck-input-{h}"));
    let js = web_sys::Url::new_with_base(&format!("{stem}.js"), &base).ok()?.href();
    let wasm = web_sys::Url::new_with_base(&format!("{stem}_bg.wasm"), &base).ok()?.href();
    let promise = load_input_module(&js, &wasm, LOAD_TIMEOUT_MS).ok()?;
    // The script gives up at the timeout; this bound holds should it not.
    let module = super::time::with_timeout(u64::from(LOAD_TIMEOUT_MS) + 1_000, JsFuture::from(promise)).await?.ok()?;
    Some(InputModule(module))
}

/// Starts loading the module without waiting, when the user is about to
/// use it (focus on a field), so the first answer comes at once.
pub fn prefetch() {
    wasm_bindgen_futures::spawn_local(async { drop(load().await) });
}

impl InputModule {
    /// The link test's answer for `resetcheck_core::input::LinkView::from_json`.
    pub fn analyze_link(
        &self,
        pasted: &str,
        choice: Option<usize>,
        config_text: &str,
        now_ms: f64,
        lang: &str,
    ) -> Option<String> {
        let choice = choice.map_or(JsValue::UNDEFINED, |c| JsValue::from(c as u32));
        let args = [
            JsValue::from_str(pasted),
            choice,
            JsValue::from_str(config_text),
            JsValue::from(now_ms),
            JsValue::from_str(lang),
        ];
        self.call("analyze_link", &args)
    }

    /// The e-mail lint's answer for `resetcheck_core::input::email_from_json`.
    pub fn lint_email(&self, typed: &str, lang: &str) -> Option<String> {
        self.call("lint_email", &[JsValue::from_str(typed), JsValue::from_str(lang)])
    }

    /// The QR code's answer for `resetcheck_core::input::qr_from_json`.
    pub fn qr_svg(&self, text: &str) -> Option<String> {
        self.call("qr_svg", &[JsValue::from_str(text)])
    }

    fn call(&self, name: &str, args: &[JsValue]) -> Option<String> {
        let function: Function = Reflect::get(&self.0, &JsValue::from_str(name)).ok()?.dyn_into().ok()?;
        let args: Array = args.iter().collect();
        function.apply(&JsValue::NULL, &args).ok()?.as_string()
    }
}
