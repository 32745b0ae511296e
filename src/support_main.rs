//! Mounts the support view: a bundle of its own, so the checker never
//! loads it. On a native target this binary does nothing.

fn main() {
    #[cfg(target_arch = "wasm32")]
    resetcheck_app::start_support();
}
