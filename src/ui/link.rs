//! The link test: the user pastes the reset link (or the whole e-mail);
//! the core unwraps and repairs it on this device. The text is never sent
//! or stored, and only the kinds of problem reach the report.

use super::{FindingView, I18n};
use crate::run::{self, RunState};
use leptos::prelude::*;
use resetcheck_core::link::{self, LinkAnalysis};
use resetcheck_core::report::CheckId;

/// The paste box and its verdict.
#[component]
pub fn LinkTest() -> impl IntoView {
    let i18n = I18n::get();
    let state = expect_context::<RunState>();
    let (text, set_text) = signal(String::new());
    let analysis: RwSignal<Option<LinkAnalysis>, LocalStorage> = RwSignal::new_local(None);
    let analyze = move |choice: Option<usize>| {
        let pasted = text.get_untracked();
        let config =
            state.config.with_untracked(|c| c.as_ref().map(|c| c.config.reset_link.clone())).unwrap_or_default();
        let now = Some(state.server_now_ms());
        let result = if pasted.trim().is_empty() {
            None
        } else {
            Some(match choice {
                Some(i) => link::analyze_choice(&pasted, i, &config, now),
                None => link::analyze(&pasted, &config, now),
            })
        };
        state.link.set(result.as_ref().map(link::check_result));
        analysis.set(result);
        run::republish(state);
    };
    let clear = move |_| {
        set_text.set(String::new());
        analysis.set(None);
        state.link.set(None);
        run::republish(state);
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
                spellcheck="false"
                aria-describedby="link-explain"
                prop:value=move || text.get()
                on:input=move |ev| set_text.set(event_target_value(&ev))
            ></textarea>
            <div class="code-actions">
                <button type="button" class="again" on:click=move |_| analyze(None)>{i18n.t("link.ui.check")}</button>
                <button type="button" class="again" on:click=clear>{i18n.t("link.ui.clear")}</button>
            </div>
            <div aria-live="polite" data-testid="link-result">
                {move || analysis.get().map(|a| view! { <LinkVerdict analysis=a on_choose=Callback::new(move |i| analyze(Some(i)))/> })}
            </div>
        </section>
    }
}

/// What the analysis found: the choice to make, the layers, the repaired
/// link (openable only when the core says so) and the findings.
#[component]
fn LinkVerdict(
    /// The analysis to show.
    analysis: LinkAnalysis,
    /// Called with the index of the candidate the user picks.
    on_choose: Callback<usize>,
) -> impl IntoView {
    let i18n = I18n::get();
    let state = expect_context::<RunState>();
    let choice = analysis.needs_choice.then(|| {
        let candidates = analysis.candidates.clone();
        view! {
            <fieldset class="link-choice">
                <legend>{i18n.t("link.ui.choose")}</legend>
                {candidates
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| view! {
                        <button type="button" class="candidate" on:click=move |_| on_choose.run(i)>{c}</button>
                    })
                    .collect_view()}
            </fieldset>
        }
    });
    let layers = (!analysis.layers.is_empty()).then(|| {
        let words: Vec<String> =
            analysis.layers.iter().map(|l| i18n.t(&format!("param.wrapper.{}", l.wrapper))).collect();
        view! { <p class="check-note" data-testid="link-layers">{i18n.f("link.ui.layers", &[("wrappers", &words.join(" → "))])}</p> }
    });
    let repaired = analysis.unwrapped.clone().map(|url| {
        if analysis.openable {
            view! {
                <p data-testid="link-repaired" data-openable="true">
                    <a href=url.clone() rel="noopener noreferrer">{i18n.t("link.ui.open")}</a>
                </p>
                <p class="link-text"><code>{url}</code></p>
            }
            .into_any()
        } else {
            view! {
                <p data-testid="link-repaired" data-openable="false">{i18n.t("link.ui.repaired")}</p>
                <p class="link-text"><code>{url}</code></p>
                <p class="check-note">{i18n.t("link.ui.not_openable")}</p>
            }
            .into_any()
        }
    });
    let names = state.endpoint_names(i18n.0);
    let findings = analysis.findings.clone();
    let measures = link::check_result(&analysis).measures;
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
                    .map(|f| view! { <FindingView finding=f measures=measures.clone() names=names.clone()/> })
                    .collect_view()
                    .into_any()
            }}
        </div>
    }
}
