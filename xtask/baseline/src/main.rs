//! The size baseline: the smallest Leptos CSR page.

fn main() {
    #[cfg(target_arch = "wasm32")]
    leptos::mount::mount_to_body(|| {
        use leptos::prelude::*;
        view! { <p>"Hello, world!"</p> }
    });
}
