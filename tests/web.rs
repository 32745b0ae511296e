//! Browser tests (wasm-bindgen-test in headless Chromium): the probes
//! against real browser APIs, and the app end to end inside a test page.
#![cfg(target_arch = "wasm32")]

use resetcheck_app::probe;
use resetcheck_core::browser::{CookieProbe, StorageProbe};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

#[wasm_bindgen_test]
async fn browser_probe_sees_working_cookies_and_storage() {
    let obs = probe::browser::observe().await;
    assert_eq!(obs.cookie_enabled, Some(true));
    assert_eq!(obs.cookie, CookieProbe::RoundTrip { read_back: true });
    assert_eq!(obs.local_storage, StorageProbe::Works);
    assert_eq!(obs.session_storage, StorageProbe::Works);
    // The runner serves from 127.0.0.1, which browsers treat as secure.
    assert_eq!(obs.secure_context, Some(true));
    assert_eq!(obs.indexed_db, StorageProbe::Works);
    // WebKitGTK's MiniBrowser has no `navigator.storage` (Safari has, since
    // 17): no quota there, and the analyser reads it for Blink only. Nor
    // has it WebAuthn, which Safari has: the page's passkey note is right.
    let ua = obs.user_agent.as_deref().unwrap_or_default();
    let webkit_gtk = ua.contains("AppleWebKit/") && !ua.contains("Chrome/") && ua.contains("Linux");
    if webkit_gtk {
        assert_eq!(obs.storage_quota_bytes, None);
    } else {
        assert!(obs.storage_quota_bytes.is_some_and(|q| q > 0.0), "{:?}", obs.storage_quota_bytes);
    }
    // Firefox's normal window opens its origin private file system (a private one refuses it); other browsers
    // are not asked, which would leave an empty directory in the profile for nothing.
    let firefox = obs.user_agent.as_deref().is_some_and(|ua| ua.contains("Firefox/"));
    assert_eq!(obs.file_system, if firefox { StorageProbe::Works } else { StorageProbe::NotRun });
    assert!(!obs.frame.embedded, "the runner's page is top level");
    assert_eq!(obs.crypto_subtle, Some(true));
    assert_eq!(obs.webauthn, Some(!webkit_gtk));
    assert_eq!(obs.online, Some(true));
}

#[wasm_bindgen_test]
async fn extension_probe_finds_an_injected_marker_and_a_hidden_bait() {
    let doc = window().document().expect("document");
    // What 1Password's content script injects.
    let marker = doc.create_element("com-1password-button").expect("element");
    doc.body().expect("body").append_child(&marker).expect("append");
    // What a cosmetic filter does to the bait classes.
    let style = doc.create_element("style").expect("style");
    style.set_text_content(Some(".adsbox { display: none !important; }"));
    doc.head().expect("head").append_child(&style).expect("append");

    let obs = probe::extensions::observe(4_000).await;
    marker.remove();
    style.remove();
    let names: Vec<&str> = obs.matched.iter().map(|i| resetcheck_core::extensions::MARKERS[*i].selector).collect();
    assert_eq!(names, ["com-1password-button"]);
    assert_eq!(obs.bait_element_hidden, Some(true));
    assert!(doc.query_selector(".rc-bait").expect("query").is_none(), "bait removed");
}

#[wasm_bindgen_test]
async fn extension_probe_finds_nothing_on_a_clean_page() {
    let obs = probe::extensions::observe(4_000).await;
    assert!(obs.matched.is_empty());
    assert_eq!(obs.bait_element_hidden, Some(false));
    // The runner answers the bait path with 404: an answer, so not blocked.
    assert_eq!(obs.bait_request_answered, Some(true));
    assert_eq!(obs.control_request_answered, None);
}

#[wasm_bindgen_test]
async fn browser_probe_leaves_no_trace() {
    let _ = probe::browser::observe().await;
    let doc: web_sys::HtmlDocument = window().document().expect("document").dyn_into().expect("html document");
    assert!(!doc.cookie().expect("cookie").contains("resetcheck_probe"));
    let local = window().local_storage().expect("no throw").expect("local storage");
    assert_eq!(local.get_item("resetcheck_probe").expect("no throw"), None);
    let session = window().session_storage().expect("no throw").expect("session storage");
    assert_eq!(session.get_item("resetcheck_probe").expect("no throw"), None);
}

#[wasm_bindgen_test]
async fn timeout_cuts_off_a_probe_that_never_ends() {
    let hung = probe::time::with_timeout(50, std::future::pending::<()>()).await;
    assert_eq!(hung, None);
    let quick = probe::time::with_timeout(5_000, async { 7 }).await;
    assert_eq!(quick, Some(7));
}

#[wasm_bindgen_test]
async fn a_timeout_held_up_by_a_long_task_still_takes_the_answer_that_came_meanwhile() {
    // The answer is due 150 ms in, after the 100 ms timeout: both come due
    // while a 600 ms task holds the page up, and the timeout's timer runs first.
    let work = async {
        probe::time::sleep(150).await;
        7
    };
    let hold_up = async {
        let start = probe::time::monotonic_ms();
        while probe::time::monotonic_ms() - start < 600.0 {}
    };
    // `join` polls the timeout first, which sets both timers, then holds up the thread.
    let (answer, ()) = futures::join!(probe::time::with_timeout(100, work), hold_up);
    assert_eq!(answer, Some(7));
    // Without a hold-up, a late answer is still cut off.
    let late = probe::time::with_timeout(100, async {
        probe::time::sleep(400).await;
        7
    });
    assert_eq!(late.await, None);
}

#[wasm_bindgen_test]
async fn join_all_runs_side_by_side_and_keeps_the_order() {
    let finished = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let waits = [300_u32, 100, 200];
    let outputs = probe::time::join_all(waits.iter().map(|&ms| {
        let finished = finished.clone();
        async move {
            probe::time::sleep(ms).await;
            finished.borrow_mut().push(ms);
            ms
        }
    }))
    .await;
    assert_eq!(outputs, waits, "the outputs come in the futures' order");
    // Side by side, the shortest wait ends first; one after another, the first would.
    assert_eq!(*finished.borrow(), [100, 200, 300]);
    assert!(probe::time::join_all(Vec::<std::future::Ready<u8>>::new()).await.is_empty());
}

#[wasm_bindgen_test]
async fn clock_probe_samples_the_date_header_and_reads_the_zone() {
    let mut progress_calls = 0;
    let obs = probe::clock::observe(None, 3_000, |_| progress_calls += 1).await;
    assert!(!obs.endpoint_configured);
    assert!(obs.endpoint_samples.is_empty());
    assert!(!obs.date_samples.is_empty(), "took at least one Date sample");
    for s in &obs.date_samples {
        assert!(s.mono_received_ms >= s.mono_sent_ms);
        assert!(s.wall_sent_ms > 1.6e12, "wall clock is epoch milliseconds");
    }
    assert_eq!(progress_calls, obs.date_samples.len() + 1);
    // Chromium always knows its zone and offsets.
    assert!(obs.zone.iana.is_some());
    assert!(obs.zone.offset_now_min.is_some());
    assert_eq!(obs.zone.iana_offset_now_min, obs.zone.offset_now_min);
}

#[wasm_bindgen_test]
async fn clock_probe_gives_up_on_an_unreachable_endpoint_within_its_budget() {
    let started = js_sys::Date::now();
    // Port 9 (discard) on loopback: nothing listens, so the fetch fails fast.
    let obs = probe::clock::observe(Some("http://127.0.0.1:9/api/time".into()), 3_000, |_| {}).await;
    assert!(js_sys::Date::now() - started < 3_500.0, "stayed within its budget");
    assert!(!obs.endpoint_samples.is_empty());
    assert!(obs.endpoint_samples.len() <= 2, "stops after repeated failures");
}

#[wasm_bindgen_test]
async fn app_runs_browser_basics_and_fires_done_event() {
    // Listen before mounting, as a host page would.
    let captured: std::rc::Rc<std::cell::RefCell<Option<JsValue>>> = Default::default();
    let sink = captured.clone();
    let listener = Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
        *sink.borrow_mut() = Some(e.detail());
    });
    window().add_event_listener_with_callback("resetcheck:done", listener.as_ref().unchecked_ref()).expect("listener");

    let doc = window().document().expect("document");
    let host: web_sys::HtmlElement = doc.create_element("div").expect("div").dyn_into().expect("element");
    doc.body().expect("body").append_child(&host).expect("append");
    leptos::mount::mount_to(host.clone(), resetcheck_app::ui::CheckerApp).forget();

    // Bounded wait: 200 × 50 ms. The run itself is bounded by its deadline.
    for _ in 0..200 {
        if captured.borrow().is_some() {
            break;
        }
        probe::time::sleep(50).await;
    }
    leptos::task::tick().await;
    let detail = captured.borrow().clone().expect("resetcheck:done fired within 10 s");
    let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k)).expect("property");

    // The code decodes to the same checks and statuses the report holds.
    let code = get(&detail, "code").as_string().expect("the event carries the code");
    let decoded = resetcheck_core::code::decode(&code).expect("the code decodes");
    let report = get(&detail, "report");
    let statuses: Vec<(String, String)> =
        decoded.checks.iter().map(|c| (c.check.as_str().to_owned(), c.status.as_str().to_owned())).collect();
    assert_eq!(get(&report, "format").as_f64(), Some(1.0));
    let checks: js_sys::Array = get(&report, "checks").dyn_into().expect("checks array");
    let names: Vec<String> = checks.iter().filter_map(|c| get(&c, "check").as_string()).collect();
    assert_eq!(names, ["clock", "browser", "network", "extensions"]);
    let browser = checks.iter().find(|c| get(c, "check").as_string().as_deref() == Some("browser")).expect("browser");
    assert_eq!(get(&browser, "status").as_string().as_deref(), Some("pass"));
    let reported: Vec<(String, String)> = checks
        .iter()
        .map(|c| (get(&c, "check").as_string().unwrap_or_default(), get(&c, "status").as_string().unwrap_or_default()))
        .collect();
    assert_eq!(statuses, reported);
    // The runner's server has no config and no time endpoint: whatever the
    // clock check concluded, it concluded something within the run.
    let clock = checks.iter().find(|c| get(c, "check").as_string().as_deref() == Some("clock")).expect("clock");
    assert!(get(&clock, "status").as_string().is_some());

    let row = host.query_selector("[data-testid=check-browser]").expect("query").expect("browser row");
    assert_eq!(row.get_attribute("data-status").as_deref(), Some("pass"));
    let summary = host.query_selector("[data-testid=summary]").expect("query").expect("summary");
    assert_eq!(summary.get_attribute("data-state").as_deref(), Some("done"));
    drop(listener);
}

#[wasm_bindgen_test]
async fn network_probe_reaches_its_own_origin_and_not_a_closed_port() {
    let load = resetcheck_core::config::load(r#"{"endpoints": [{"name": "Closed", "url": "http://127.0.0.1:9/x"}]}"#);
    let obs = probe::network::observe(&load.config, 3_000).await;
    assert_eq!(obs.endpoints.len(), 2);
    let (result, rows) = resetcheck_core::network::analyze(&obs, &load.config);
    let outcome = |index: usize| rows.iter().find(|r| r.index == index).map(|r| r.outcome.as_str());
    assert_eq!(outcome(0), Some("ok"));
    assert_eq!(outcome(2), Some("unreachable"));
    assert_eq!(result.findings.len(), 1);
}
