//! Mounts the checker. Everything else lives in the library, where tests
//! can reach it; on a native target this binary does nothing.

fn main() {
    #[cfg(target_arch = "wasm32")]
    resetcheck_app::start();
}
