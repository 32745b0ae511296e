//! The input module's exports: thin wrappers over `resetcheck_core::input`,
//! which holds (and tests) both sides of the boundary. The checker calls
//! them through `src/probe/input.rs` once the module has loaded.

use resetcheck_core::input;
use wasm_bindgen::prelude::wasm_bindgen;

/// The link test of `pasted`: see `resetcheck_core::input::link_json`.
#[wasm_bindgen]
pub fn analyze_link(pasted: &str, choice: Option<u32>, config_text: &str, now_ms: Option<f64>, lang: &str) -> String {
    input::link_json(pasted, choice.map(|c| c as usize), config_text, now_ms.map(|ms| ms as i64), lang)
}

/// The QR code of `text`: see `resetcheck_core::input::qr_json`.
#[wasm_bindgen]
pub fn qr_svg(text: &str) -> String {
    input::qr_json(text)
}

/// The e-mail lint of `typed`: see `resetcheck_core::input::email_json`.
#[wasm_bindgen]
pub fn lint_email(typed: &str, lang: &str) -> String {
    input::email_json(typed, lang)
}
