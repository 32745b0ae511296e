//! The resetcheck checker: the browser shell around `resetcheck-core`.
//!
//! [`probe`] is the only module that talks to web-sys: it gathers raw
//! observations and hands them to the core's analyzers. [`run`] runs every
//! check concurrently under timeouts, and [`ui`] renders the live report.
//! The crate is empty on native targets; the core holds everything testable
//! without a browser.
#![cfg(target_arch = "wasm32")]

pub mod probe;
pub mod run;
pub mod ui;

/// Mounts the checker into `<body>` (the `resetcheck-app` bundle).
pub fn start() {
    leptos::mount::mount_to_body(ui::CheckerApp);
}

/// Mounts the support view into `<body>` (the `resetcheck-support`
/// bundle, built from `support.html` into `dist/support/`).
pub fn start_support() {
    leptos::mount::mount_to_body(ui::SupportApp);
}
