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
    let draw_qr = move |link: String| {
        if qr.with_untracked(|q| q.as_ref().is_some_and(|(l, q)| *l == link && *q != Qr::Unavailable)) {
            return;
        }
        qr.set(Some((link.clone(), Qr::Drawing)));
        leptos::task::spawn_local(async move {
            let drawn = probe::input::load()
                .await
                .and_then(|module| module.qr_svg(&link))
                .and_then(|answer| input::qr_from_json(&answer));
            if qr.with_untracked(|q| q.as_ref().is_some_and(|(l, _)| *l == link)) {
                qr.set(Some((link, drawn.map_or(Qr::Unavailable, Qr::Drawn))));
            }
        });
    };
    let support_email = move || state.config.with(|c| c.as_ref().and_then(|c| c.config.support_email.clone()));
    let panel = move || {
        let Some(code) = state.code.get() else {
            return view! { <p class="check-note">{i18n.t("code.pending")}</p> }.into_any();
        };
        let shown = code::format_for_display(&code);
        let link = code::support_link(&probe::page::base_url().unwrap_or_default(), &code);
        let mailto = support_email().map(|address| {
            let subject = i18n.f("code.email_subject", &[("code", &shown)]);
            let body = i18n.f("code.email_body", &[("code", &shown), ("link", &link)]);
            advice::mailto(&address, &subject, &body)
        });
        let copy_code = code.clone();
        let copy = move |_| {
            let text = copy_code.clone();
            // Cleared first, so a second copy is announced (and seen) again.
            set_status.set(String::new());
            leptos::task::spawn_local(async move {
                let copied = probe::page::copy_text(&text, "code-value").await;
                set_status.set(i18n.t(if copied { "code.copied" } else { "code.copy_failed" }));
            });
        };
        let groups = advice::spell_groups(i18n.0, &code);
        if qr_open.get_untracked() {
            draw_qr(link.clone());
        }
        let toggle_link = link.clone();
        let toggle_qr = move |_| {
            set_qr_open.update(|open| *open = !*open);
            if qr_open.get_untracked() {
                draw_qr(toggle_link.clone());
            }
        };
        let qr_view = move || {
            let shown = qr.get().filter(|(l, _)| *l == link).map(|(_, q)| q);
            shown.map(|q| match q {
                Qr::Drawing => view! { <p class="check-note">{i18n.t("code.qr_drawing")}</p> }.into_any(),
                Qr::Unavailable => {
                    view! { <p class="error" data-testid="qr-unavailable">{i18n.t("code.qr_unavailable")}</p> }
                        .into_any()
                }
                Qr::Drawn(qr) => view! {
                    <figure class="qr">
                        <svg
                            viewBox=format!("0 0 {0} {0}", qr.size)
                            role="img"
                            aria-label=i18n.t("code.qr_label")
                            data-testid="qr"
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
        view! {
            <p class="code-value" id="code-value" data-testid="code" data-code=code.clone()>{shown}</p>
            <div class="code-actions">
                <button type="button" class="again" on:click=copy>{i18n.t("code.copy")}</button>
                {mailto.map(|href| view! { <a class="again" href=href>{i18n.t("code.email")}</a> })}
                <button
                    type="button"
                    class="again"
                    aria-expanded=move || spelled.get().to_string()
                    aria-controls="code-spelled"
                    on:click=move |_| set_spelled.update(|s| *s = !*s)
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
            <p role="status" class="check-note" data-testid="copy-status">{move || status.get()}</p>
            <ol id="code-spelled" class="spelled" hidden=move || !spelled.get() data-testid="spelled">
                {groups
                    .into_iter()
                    .map(|(group, words)| view! {
                        <li>
                            <span class="spelled-group">{group}</span>
                            <ol class="spelled-words">
                                {words.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                            </ol>
                        </li>
                    })
                    .collect_view()}
            </ol>
            <div id="code-qr" role="status" hidden=move || !qr_open.get()>{qr_view}</div>
        }
        .into_any()
    };
    view! {
        <section class="code-panel" aria-labelledby="code-heading" data-testid="code-panel">
            <h2 id="code-heading">{i18n.t("code.heading")}</h2>
            <p>{i18n.t("code.explain")}</p>
            {panel}
        </section>
    }
}
