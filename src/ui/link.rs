//! The link test: the user pastes the reset link (or the whole e-mail);
//! the core unwraps and repairs it on this device, in the input module the
//! page loads on first use. The text is never sent or stored, and only the
//! kinds of problem reach the report.

use super::{run_state, FindingView, I18n};
use crate::probe;
use crate::run::{self, Moment};
use leptos::prelude::*;
use resetcheck_core::advice;
use resetcheck_core::input::LinkView;
use resetcheck_core::link;
use resetcheck_core::report::CheckId;

/// Where the link test is.
#[derive(Clone, PartialEq, Eq)]
enum Verdict {
    /// Loading the input module or analysing.
    Checking,
    /// The input module could not load.
    Unavailable,
    /// "Check the link" with nothing pasted.
    Empty,
    /// "Clear the pasted text" pressed: said, as the press leaves focus
    /// where it was and nothing else shows it.
    Cleared,
    /// What the analysis found.
    Shown(LinkView),
    /// What a reading again found, changed as the link's time ran.
    Aged(LinkView),
}

/// What the shown verdict read, kept only while it has a time left to
/// follow (when, and how much, `RunState::link` holds): read again as that
/// time runs, on this device like the first reading, and forgotten on
/// clear, when the box is emptied and when the user leaves.
struct Read {
    pasted: String,
    choice: Option<usize>,
}

/// The paste box and its verdict.
#[component]
pub fn LinkTest() -> impl IntoView {
    let i18n = I18n::get();
    let state = run_state();
    let (text, set_text) = signal(String::new());
    let verdict: RwSignal<Option<Verdict>> = RwSignal::new(None);
    // Counts checks and clears: only the answer to the latest one shows.
    let latest = StoredValue::new(0_u32);
    let read: StoredValue<Option<Read>> = StoredValue::new(None);
    // Counts expiry timers: only the newest one reads the link again.
    let timers = StoredValue::new(0_u32);
    let expiring = Trigger::new();
    let timer_fired = StoredValue::new(false);
    // Makes any answer on the way, and any timer, stale, and forgets the text.
    let forget = move || {
        latest.update_value(|n| *n = n.wrapping_add(1));
        read.set_value(None);
    };
    // Reads the link: asked by the user (`again` is `None`), or again at
    // the moment given, as its time left runs.
    let read_link = move |pasted: String, choice: Option<usize>, again: Option<Moment>| {
        if again.is_none() {
            forget();
            verdict.set(Some(Verdict::Checking));
        }
        let request = latest.get_value();
        leptos::task::spawn_local(async move {
            let config = state.config_text.get_value();
            let now = again.unwrap_or_else(|| untrack(|| state.now()));
            let lang = i18n.0.locale().tag();
            let view = probe::input::load()
                .await
                .and_then(|module| module.analyze_link(&pasted, choice, &config, now.server_ms as f64, lang))
                .and_then(|answer| LinkView::from_json(&answer));
            // A newer check or a clear since then makes this answer stale.
            if latest.get_value() != request {
                return;
            }
            let expiry = view.as_ref().and_then(|v| v.expires_in_ms);
            read.set_value(expiry.map(|_| Read { pasted, choice }));
            let result = view.as_ref().map(|v| v.rendered.result.clone());
            // Read again, it is news only if the code would say otherwise
            // than the last one did (a report made since may say it already).
            // Its minutes counting down are not: a report made for another
            // reason ages them (`run::finish`), and a new code each minute
            // would tell a user who copied it that it changed.
            let news = again.is_none()
                || state.report.with_untracked(|r| {
                    let published = r.as_ref().and_then(|r| r.checks.iter().find(|c| c.check == CheckId::Link));
                    match (published, &result) {
                        (Some(p), Some(r)) => !link::same_kinds(&p.findings, &r.findings),
                        (p, r) => p.is_some() != r.is_some(),
                    }
                });
            // A verdict that changed by itself says so, and keeps saying so
            // (rather than "Link checked") until the user checks again. By
            // the verdict shown, not the report: a report made meanwhile
            // (the user left the e-mail field) may have aged it already.
            let aged = again.is_some()
                && verdict.with_untracked(|v| match v {
                    Some(Verdict::Aged(_)) => true,
                    Some(Verdict::Shown(shown)) => {
                        !result.as_ref().is_some_and(|r| link::same_kinds(&r.findings, &shown.rendered.result.findings))
                    }
                    _ => false,
                });
            state.link.set(result.map(|r| (r, expiry.map(|left| (now, left)))));
            // Read again without being asked: the user may be on the
            // verdict's link, which is rebuilt; focus stays in the verdict.
            let refocus = match again {
                // The button the user picked is gone with the old verdict:
                // focus goes to the new one rather than to the page.
                None => choice.is_some(),
                Some(_) => probe::page::has_focus_within("link-result"),
            };
            verdict.set(Some(view.map_or(Verdict::Unavailable, if aged { Verdict::Aged } else { Verdict::Shown })));
            if refocus {
                probe::page::focus("link-result");
                // In view too when the user's own choice rebuilt it; not
                // when a timer did, which must not move the page.
                if again.is_none() {
                    probe::page::reveal("link-result");
                }
            }
            if news {
                run::republish(state);
            }
            if let Some(wait) = expiry.and_then(link::next_expiry_change_ms) {
                timers.update_value(|n| *n = n.wrapping_add(1));
                let timer = timers.get_value();
                probe::time::sleep(wait).await;
                if timers.get_value() == timer && latest.get_value() == request {
                    timer_fired.set_value(true);
                    expiring.notify();
                }
            }
        });
    };
    // The link is read again when its time left changes kind (the timer),
    // when a report made for another reason says another time left than the
    // verdict does (`run::finish` ages it), and when the clock check has
    // measured a new offset (the server's time then is the truer one).
    Effect::new(move |_| {
        expiring.track();
        let fired = timer_fired.get_value();
        timer_fired.set_value(false);
        // Before the run's end, or while a check runs again: the report
        // that ends it ages the link, and this runs again then.
        if !state.settled() {
            return;
        }
        let fresh = untrack(|| state.now());
        let Some((at, left)) = state.link.with_untracked(|l| l.as_ref().and_then(|(_, expiry)| *expiry)) else {
            return;
        };
        let now = if at.offset_ms != fresh.offset_ms {
            fresh
        } else if fired || link::expiry_changed(left, at.elapsed_ms()) {
            at.later()
        } else {
            return;
        };
        let again = read.with_value(|r| r.as_ref().map(|r| (r.pasted.clone(), r.choice, now)));
        if let Some((pasted, choice, now)) = again {
            read_link(pasted, choice, Some(now));
        }
    });
    let analyze = move |choice: Option<usize>| {
        let pasted = text.get_untracked();
        if pasted.trim().is_empty() {
            forget();
            // Said, not silently ignored: the press did something.
            verdict.set(Some(Verdict::Empty));
            if state.link.with_untracked(Option::is_some) {
                state.link.set(None);
                run::republish(state);
            }
            return;
        }
        read_link(pasted, choice, None);
    };
    let clear = move || {
        forget();
        set_text.set(String::new());
        verdict.set(None);
        state.link.set(None);
        run::republish(state);
    };
    // Emptied quietly: the report is not published while the user is away.
    probe::page::on_leave(clear);
    // Said after a pause from the emptied line, so a second press is heard
    // again (as "Copied." is).
    let clear_pressed = move || {
        clear();
        let request = latest.get_value();
        leptos::task::spawn_local(async move {
            probe::time::sleep(super::ANNOUNCE_PAUSE_MS).await;
            if latest.get_value() == request {
                verdict.set(Some(Verdict::Cleared));
            }
        });
    };
    view! {
        <section class="link-test" aria-labelledby="link-heading" data-testid="link-test">
            <h2 id="link-heading">{i18n.t("link.ui.heading")}</h2>
            <p id="link-explain">{i18n.t("link.ui.explain")}</p>
            <label for="link-input" class="field-label">{i18n.t("link.ui.label")}</label>
            <textarea
                id="link-input"
                class="field"
                rows="4"
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                // The token must not reach a writing assistant's servers (see the e-mail field).
                data-gramm="false"
                data-gramm_editor="false"
                data-enable-grammarly="false"
                data-lt-active="false"
                // A link reads left to right, a pasted e-mail in its own direction.
                dir="auto"
                // The verdict's line, but not "Cleared.", which is news once
                // and no description of an empty field.
                aria-describedby=move || {
                    if verdict.with(|v| matches!(v, Some(Verdict::Cleared))) { "link-explain" } else { "link-explain link-status" }
                }
                on:focus=|_| probe::input::prefetch()
                prop:value=move || text.get()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    // Emptied by hand: the verdict stays, but stops following
                    // its time, as the text is no longer kept.
                    if typed.is_empty() {
                        read.set_value(None);
                    }
                    set_text.set(typed);
                }
            ></textarea>
            <div class="code-actions">
                <button type="button" class="again" on:click=move |_| analyze(None)>{i18n.t("link.ui.check")}</button>
                <button type="button" class="again quiet" on:click=move |_| clear_pressed()>{i18n.t("link.ui.clear")}</button>
            </div>
            // Not a live region: the verdict (a long link and its findings)
            // would all be read out. The status line below says it briefly.
            <p id="link-status" role="status" class="visually-hidden" data-testid="link-status">
                {move || verdict.get().map(|v| i18n.t(match v {
                    Verdict::Checking => "link.ui.checking",
                    Verdict::Unavailable => "link.ui.unavailable",
                    Verdict::Empty => "link.ui.empty",
                    Verdict::Cleared => "action.cleared",
                    Verdict::Shown(view) => advice::link_status_key(view.rendered.result.status),
                    Verdict::Aged(view) => advice::link_aged_status_key(&view.rendered.result),
                }))}
            </p>
            // Named by the section, not the verdict: when focus moves here
            // (after a choice) the status line is saying the verdict already.
            <div id="link-result" tabindex="-1" role="group" aria-labelledby="link-heading" data-testid="link-result">
                {move || verdict.get().map(|v| match v {
                    Verdict::Cleared => ().into_any(),
                    Verdict::Checking => view! { <p class="check-note">{i18n.t("link.ui.checking")}</p> }.into_any(),
                    Verdict::Unavailable => view! {
                        <p class="error" data-testid="link-unavailable">{i18n.t("link.ui.unavailable")}</p>
                    }.into_any(),
                    Verdict::Empty => view! { <p class="check-note">{i18n.t("link.ui.empty")}</p> }.into_any(),
                    Verdict::Shown(view) | Verdict::Aged(view) => view! {
                        <LinkVerdict link=view on_choose=Callback::new(move |i| analyze(Some(i)))/>
                    }.into_any(),
                })}
            </div>
        </section>
    }
}

/// What the analysis found: the choice to make, the layers, the repaired
/// link (openable only when the core says so) and the findings.
#[component]
fn LinkVerdict(
    /// The analysis to show.
    link: LinkView,
    /// Called with the index of the candidate the user picks.
    on_choose: Callback<usize>,
) -> impl IntoView {
    let i18n = I18n::get();
    let choice = link.needs_choice.then(|| {
        let candidates = link.candidates.clone();
        view! {
            <fieldset class="link-choice">
                <legend>{i18n.t("link.ui.choose")}</legend>
                {candidates
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| view! {
                        <button type="button" class="candidate" translate="no" on:click=move |_| on_choose.run(i)>{c}</button>
                    })
                    .collect_view()}
            </fieldset>
        }
    });
    let layers = (!link.layers.is_empty()).then(|| {
        // Joined by the catalogue: an arrow points the other way in a right-to-left language.
        let words = link.layers.iter().map(|l| i18n.t(&format!("param.wrapper.{l}")));
        let chain = words.reduce(|a, b| i18n.f("link.ui.layer_join", &[("a", &a), ("b", &b)])).unwrap_or_default();
        view! { <p class="check-note" data-testid="link-layers">{i18n.f("link.ui.layers", &[("wrappers", &chain)])}</p> }
    });
    // Links and their tokens are marked translate="no" wherever they are
    // shown: page translation (Chrome's, the browser check's
    // extensions.page_translated) sends the page's text to a server.
    let mended = link.repaired();
    let (open_key, shown_key) =
        if mended { ("link.ui.open", "link.ui.repaired") } else { ("link.ui.open_as_is", "link.ui.as_is") };
    let why_text = if link.broken() { "link.ui.broken" } else { "link.ui.not_openable" };
    let repaired = link.unwrapped.clone().map(|url| {
        let (head, shown_label) = if link.openable {
            let head = view! {
                <p data-testid="link-repaired" data-openable="true" data-repaired=mended.to_string()>
                    <a class="again" href=url.clone() rel="noopener noreferrer" target=super::outward_target()>
                        {i18n.t(open_key)}
                    </a>
                </p>
            };
            (head.into_any(), "link.ui.show_link")
        } else {
            // Why it is not offered, first.
            let head = view! {
                <p data-testid="link-repaired" data-openable="false" data-repaired=mended.to_string()>
                    {i18n.t(why_text)}
                </p>
            };
            (head.into_any(), shown_key)
        };
        view! {
            {head}
            // Folded: a token is lines of letters on a phone, between the
            // verdict and what the findings say about using it.
            <details class="link-shown">
                <summary>{i18n.t(shown_label)}</summary>
                <p class="link-text" translate="no"><code>{url}</code></p>
            </details>
        }
    });
    let findings = super::problems_first(link.rendered.findings());
    view! {
        {choice}
        {layers}
        {repaired}
        <div class="findings">
            {if findings.is_empty() {
                view! { <p class="check-note">{i18n.t(&format!("check.{}.pass", CheckId::Link.as_str()))}</p> }.into_any()
            } else {
                findings
                    .into_iter()
                    .map(|(f, text)| view! { <FindingView finding=f text=text in_section=true/> })
                    .collect_view()
                    .into_any()
            }}
        </div>
    }
}
