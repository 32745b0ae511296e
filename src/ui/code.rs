//! The code panel: the user's diagnostic code, how to pass it on, a
//! spelling for reading it over the phone, and on request a QR code (drawn
//! by the input module, which the first load leaves out).

use super::I18n;
use crate::probe;
use crate::run::RunState;
use leptos::prelude::*;
use resetcheck_core::qr::QrSvg;
use resetcheck_core::{advice, code, input};

/// The QR code as far as it got: drawing, drawn, or not drawable (the
/// input module did not load).
#[derive(Clone, PartialEq, Eq)]
enum Qr {
    Drawing,
    Drawn(QrSvg),
    Unavailable,
}

/// The diagnostic code with copy, e-mail, read-aloud and QR.
#[component]
pub fn CodePanel(
    /// The run whose code to show.
    state: RunState,
) -> impl IntoView {
    let i18n = I18n::get();
    let (status, set_status) = signal(String::new());
    let (spelled, set_spelled) = signal(false);
    let (qr_open, set_qr_open) = signal(false);
    // The QR code with the link it is for: the code changes after the e-mail lint or the link test.
    let qr: RwSignal<Option<(String, Qr)>> = RwSignal::new(None);
    // Drawn once per link; a failed one again only when the user opens it again.
    let draw_qr = move |link: String| {
        if qr.with_untracked(|q| q.as_ref().is_some_and(|(l, _)| *l == link)) {
            return;
        }
        qr.set(Some((link.clone(), Qr::Drawing)));
        leptos::task::spawn_local(async move {
            let drawn = probe::input::load()
                .await
                .and_then(|module| module.qr_svg(&link))
                .and_then(|answer| input::qr_from_json(&answer));
            if qr.with_untracked(|q| q.as_ref().is_some_and(|(l, _)| *l == link)) {
                // Its failure is said where "Copied." is; drawing and drawn
                // are seen (the button says it is expanded), not announced.
                if drawn.is_none() {
                    set_status.set(i18n.t("code.qr_unavailable"));
                }
                qr.set(Some((link, drawn.map_or(Qr::Unavailable, Qr::Drawn))));
                // Drawn once the input module is in: in view again, now at its size.
                if qr_open.get_untracked() {
                    probe::time::sleep(0).await;
                    probe::page::reveal("code-qr");
                }
            }
        });
    };
    let support_email = move || state.config.with(|c| c.as_ref().and_then(|c| c.config.support_email.clone()));
    // What depends on the code is reactive piece by piece, never the whole
    // panel: the code changes after the e-mail lint or the link test, often
    // as the user leaves a field for "Copy code", and buttons rebuilt under
    // the pointer lose that tap (and a live region rebuilt says itself again).
    // (Closures and `hidden`, not memos and effects: those would weigh
    // several KB on the first load.)
    let base = StoredValue::new(probe::page::base_url().unwrap_or_default());
    let link = move || state.code.with(|c| c.as_ref().map(|c| base.with_value(|base| code::support_link(base, c))));
    // The QR code's, marked as scanned: it opens on the user's own phone.
    let scanned = move || state.code.with(|c| c.as_ref().map(|c| base.with_value(|base| code::scanned_link(base, c))));
    let shown = move || state.code.with(|c| c.as_deref().map(code::format_for_display));
    let has_code = move || state.code.with(Option::is_some);
    let mailto = move || {
        let address = support_email()?;
        let (shown, link) = (shown()?, link()?);
        let subject = i18n.f("code.email_subject", &[("code", &shown)]);
        let body = i18n.f("code.email_body", &[("code", &shown), ("link", &link)]);
        Some(advice::mailto(&address, &subject, &body))
    };
    let shown_untracked = move || state.code.with_untracked(|c| c.as_deref().map(code::format_for_display));
    // The code last copied (as shown), while "Copied." stands for it.
    let copied: RwSignal<Option<String>> = RwSignal::new(None);
    // Copied as shown, in groups (phone review, 2026-11-27: a user pasting
    // it into a chat couldn't tell the copy from the code on screen).
    let copy = move |_| {
        let Some(text) = shown_untracked() else { return };
        copied.set(None);
        super::copy_and_say(text, "code-value", (status, set_status), move |done, text| {
            let key = match done {
                false => "code.copy_failed",
                // Changed while copying: what was copied is not what shows.
                true if shown_untracked().as_ref() != Some(&text) => "code.copy_again",
                true => "code.copied",
            };
            copied.set((key == "code.copied").then_some(text));
            i18n.t(key)
        });
    };
    // A code copied just before what the user entered changed it (an
    // address checked a moment after "Copy code") is not the code shown
    // any more: "Copied." would say it was. ("Check again" keeps the code
    // until the checks are back, often with the same one.)
    let status_text = move || {
        let stale = copied.with(|c| {
            c.as_ref().is_some_and(|c| {
                state.code.with(|now| now.as_deref().is_some_and(|now| code::format_for_display(now) != *c))
            })
        });
        if stale {
            i18n.t("code.copy_again")
        } else {
            status.get()
        }
    };
    // Another press: "Copied." is about the last one no more. What opens
    // is brought into view, on a phone often below the fold.
    let pressed = move |opened: bool, id: &'static str| {
        set_status.set(String::new());
        copied.set(None);
        if opened {
            leptos::task::spawn_local(async move {
                probe::time::sleep(0).await;
                probe::page::reveal(id);
            });
        }
    };
    let toggle_qr = move |_| {
        set_qr_open.update(|open| *open = !*open);
        pressed(qr_open.get_untracked(), "code-qr");
        // Opened again after a failure: try again.
        if qr_open.get_untracked() && qr.with_untracked(|q| matches!(q, Some((_, Qr::Unavailable)))) {
            qr.set(None);
        }
    };
    let qr_view = move || {
        let link = scanned()?;
        // An open QR code follows the code.
        if qr_open.get() {
            draw_qr(link.clone());
        }
        let shown = qr.get().filter(|(l, _)| *l == link).map(|(_, q)| q)?;
        Some(match shown {
            Qr::Drawing => view! { <p class="check-note">{i18n.t("code.qr_drawing")}</p> }.into_any(),
            Qr::Unavailable => {
                view! { <p class="error" data-testid="qr-unavailable">{i18n.t("code.qr_unavailable")}</p> }.into_any()
            }
            Qr::Drawn(qr) => view! {
                <figure class="qr">
                    <svg
                        viewBox=format!("0 0 {0} {0}", qr.size)
                        role="img"
                        aria-label=i18n.t("code.qr_label")
                        data-testid="qr"
                        data-link=link
                    >
                        <rect class="qr-bg" width=qr.size height=qr.size></rect>
                        <path class="qr-fg" d=qr.path></path>
                    </svg>
                    <figcaption class="check-note">{i18n.t("code.qr_explain")}</figcaption>
                </figure>
            }
            .into_any(),
        })
    };
    let spelled_groups = move || {
        let code = state.code.get().unwrap_or_default();
        advice::spell_groups(i18n.0, &code)
            .into_iter()
            .map(|(group, words)| view! {
                <li>
                    <span class="spelled-group">{group}</span>
                    <ol class="spelled-words" role="list">{words.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ol>
                </li>
            })
            .collect_view()
    };
    let panel = view! {
        <p class="check-note" hidden=has_code>{i18n.t("code.pending")}</p>
        <div hidden=move || !has_code()>
            <p class="code-value" id="code-value" data-testid="code" data-code=move || state.code.get()>
                {shown}
            </p>
            <div class="code-actions">
                <button type="button" class="again" on:click=copy>{i18n.t("code.copy")}</button>
                {move || {
                    support_email().is_some().then(|| view! {
                        <a class="again" href=move || mailto().unwrap_or_default()>{i18n.t("code.email")}</a>
                    })
                }}
                <button
                    type="button"
                    class="again"
                    aria-expanded=move || spelled.get().to_string()
                    aria-controls="code-spelled"
                    on:click=move |_| {
                        set_spelled.update(|s| *s = !*s);
                        pressed(spelled.get_untracked(), "code-spelled");
                    }
                >
                    {i18n.t("code.read_aloud")}
                </button>
                <button
                    type="button"
                    class="again"
                    aria-expanded=move || qr_open.get().to_string()
                    aria-controls="code-qr"
                    on:click=toggle_qr
                >
                    {i18n.t("code.show_qr")}
                </button>
            </div>
            <p role="status" class="check-note" data-testid="copy-status">{status_text}</p>
            <ol id="code-spelled" class="spelled" hidden=move || !spelled.get() data-testid="spelled">
                {spelled_groups}
            </ol>
            <div id="code-qr" hidden=move || !qr_open.get()>{qr_view}</div>
        </div>
    };
    view! {
        <section class="code-panel" aria-labelledby="code-heading" data-testid="code-panel">
            <h2 id="code-heading">{i18n.t("code.heading")}</h2>
            <p>{i18n.t("code.explain")}</p>
            {panel}
        </section>
    }
}
