//! The second size baseline: a bare Leptos 0.8 CSR hello-world with one
//! gloo-net fetch, the least any page that fetches something carries.

fn main() {
    #[cfg(target_arch = "wasm32")]
    leptos::mount::mount_to_body(|| {
        use leptos::prelude::*;

        #[derive(serde::Deserialize)]
        struct Greeting {
            text: String,
        }

        let greeting = LocalResource::new(|| async {
            let response = gloo_net::http::Request::get("hello.json").send().await.ok()?;
            response.json::<Greeting>().await.ok().map(|g| g.text)
        });
        view! { <p>{move || greeting.get().flatten().unwrap_or_else(|| "Hello, world!".to_owned())}</p> }
    });
}
