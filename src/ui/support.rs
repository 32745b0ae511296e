//! The support view (`support/index.html`, which the checker's
//! `#support=CODE` links lead to): a support agent pastes the user's code
//! and sees the report, what the user was told, and the next steps.

use super::{CheckBadge, FindingView, I18n};
use crate::probe;
use leptos::prelude::*;
use resetcheck_core::code;
use resetcheck_core::config::ConfigLoad;
use resetcheck_core::messages::Catalogue;
use resetcheck_core::report::Report;
use resetcheck_core::{advice, briefing, network};

/// The support page: its own bundle, so the checker never loads it; it has
/// every text, since a code may hold any finding.
#[component]
pub fn SupportApp() -> impl IntoView {
    super::provide_i18n(Catalogue::new);
    probe::page::reload_on_view_change(true);
    view! { <SupportView/> }
}

/// The whole support page.
#[component]
fn SupportView() -> impl IntoView {
    let i18n = I18n::get();
    let initial = probe::page::fragment().and_then(|f| f.strip_prefix("support=").map(str::to_owned));
    // Opened from the checker's QR code (`code::scanned_link`), on the
    // user's own phone: the code it carries, for them, whatever is decoded
    // below (a support page older than the code can't decode it, and an
    // agent may paste another), and whenever the config arrives.
    let scanned = (probe::page::query_param("from").as_deref() == Some("qr"))
        .then(|| initial.as_deref().and_then(|text| code::normalize(text).ok()))
        .flatten();
    let (input, set_input) = signal(initial.clone().unwrap_or_default());
    // What was last submitted: `None` before the first "Show report".
    let (submitted, set_submitted) = signal(initial);
    // Counts the presses of "Show report": only the latest one is said.
    let presses = StoredValue::new(0_u32);
    // While a repeated press pauses, the status line and the error say
    // nothing, so that they are said again.
    let hushed = RwSignal::new(false);
    // The same config the checker uses names the endpoints in findings.
    let config: RwSignal<Option<ConfigLoad>> = RwSignal::new(None);
    leptos::task::spawn_local(async move { config.set(Some(probe::config::load(probe::config::SUPPORT_URL).await.0)) });
    // Decoded once per submission, not again when the config arrives.
    let decoded = Memo::new(move |_| submitted.get().map(|text| code::find_at(&text, probe::time::now_ms() as i64)));
    // The config's names for a report's endpoints, unless it numbers them
    // otherwise than the user's check did (changed since): then places only.
    let names = move |report: &Report| {
        config.with(|c| {
            c.as_ref().map(|c| network::decoded_endpoint_names(&c.config, report, i18n.0)).unwrap_or_default()
        })
    };
    // What a screen reader hears of a decoded report: the code and the
    // headline, not the whole report (the report is not a live region). An
    // error is an alert of its own.
    let status = move || {
        if hushed.get() {
            return None;
        }
        decoded.with(|d| match d {
            Some(Ok((found, report))) => {
                let code = i18n.f("support.decoded_code", &[("code", &code::format_for_display(found))]);
                // Untracked: the config arriving later must not say it all again.
                let names = untrack(|| names(report).0);
                let gap = i18n.t("punct.sentence_gap");
                let headline = briefing::brief(i18n.0, report, &names).headline;
                let mut said = format!("{code}{}{headline}", i18n.t("punct.label_end"));
                // Said too: "no problems" alone would hide that the link has run out since.
                if let Some(since) = briefing::link_since(i18n.0, report, probe::time::now_ms() as i64) {
                    said = format!("{said}{gap}{since}");
                }
                Some(said)
            }
            _ => None,
        })
    };
    let invalid = move || decoded.with(|d| matches!(d, Some(Err(_))));
    // The tab says which code it shows: an agent with several open tells
    // them apart, and a share link opened with a screen reader is named.
    Effect::new(move |_| {
        let title = decoded.with(|d| match d {
            Some(Ok((found, _))) => i18n.f("support.title_for_code", &[("code", &code::format_for_display(found))]),
            _ => i18n.t("support.title"),
        });
        probe::page::set_document_language_and_title((i18n.0.locale().tag(), i18n.0.locale().dir()), &title);
    });
    view! {
        <main class="page support-view">
            // Scanned: the page is the user's first, headed by their code;
            // the agents' part follows under a heading of its own.
            {match scanned {
                Some(found) => {
                    let email = Signal::derive(move || {
                        config.with(|c| c.as_ref().and_then(|c| c.config.support_email.clone()))
                    });
                    view! {
                        <header class="intro">
                            <ScannedCode found=found email=email/>
                        </header>
                        <h2>{i18n.t("support.title")}</h2>
                        <p>{i18n.t("support.intro")}</p>
                    }
                    .into_any()
                }
                None => view! {
                    <header class="intro">
                        <h1>{i18n.t("support.title")}</h1>
                        <p>{i18n.t("support.intro")}</p>
                    </header>
                }
                .into_any(),
            }}
            <form
                on:submit=move |ev| {
                    ev.prevent_default();
                    presses.update_value(|n| *n = n.wrapping_add(1));
                    let text = input.get_untracked();
                    if submitted.with_untracked(|s| s.as_ref() != Some(&text)) {
                        hushed.set(false);
                        set_submitted.set(Some(text));
                        return;
                    }
                    // The same again: said again after a pause, or a screen
                    // reader hears nothing and the press seems lost. The
                    // report stays (its scroll position, its open details).
                    hushed.set(true);
                    let press = presses.get_value();
                    leptos::task::spawn_local(async move {
                        probe::time::sleep(super::ANNOUNCE_PAUSE_MS).await;
                        // Unless another press came meanwhile.
                        if presses.get_value() == press {
                            hushed.set(false);
                        }
                    });
                }
            >
                <label for="support-code" class="field-label">{i18n.t("support.label")}</label>
                <div class="field-row">
                    <input
                        id="support-code"
                        class="field code-input"
                        type="text"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        aria-invalid=move || invalid().to_string()
                        aria-describedby=move || invalid().then_some("support-error")
                        prop:value=move || input.get()
                        on:input=move |ev| set_input.set(event_target_value(&ev))
                    />
                    <button type="submit" class="again">{i18n.t("support.show")}</button>
                </div>
            </form>
            <p role="status" class="visually-hidden" data-testid="support-status">{status}</p>
            <div data-testid="support-result">
                {move || match decoded.get() {
                    None => None,
                    Some(Err(e)) => Some(view! {
                        <Show when=move || !hushed.get()>
                            <p id="support-error" class="error" role="alert" data-testid="support-error" data-kind=e.kind()>
                                {briefing::decode_error(i18n.0, &e)}
                            </p>
                        </Show>
                    }.into_any()),
                    Some(Ok((found, report))) => {
                        let (names, config_changed) = names(&report);
                        Some(view! { <DecodedReport found=found report=report names=names config_changed=config_changed/> }.into_any())
                    }
                }}
            </div>
        </main>
    }
}

/// The code for a user who scanned the checker's QR code with another
/// device (`code::scanned_link`), to copy or e-mail to support from there:
/// the page's main heading. Only the e-mail link follows the config.
#[component]
fn ScannedCode(
    /// The code, without separators.
    found: String,
    /// Support's address, from the config, once loaded, if it names one.
    email: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = I18n::get();
    let shown = code::format_for_display(&found);
    let status = signal(String::new());
    let text = StoredValue::new(shown.clone());
    let copy = move |_| {
        super::copy_and_say(text.get_value(), "scanned-code", status, move |done, _| {
            i18n.t(if done { "support.scanned.copied" } else { "support.scanned.not_copied" })
        });
    };
    let mailto = move || {
        email.get().map(|address| {
            let shown = text.get_value();
            let subject = i18n.f("support.scanned.email_subject", &[("code", &shown)]);
            let body = i18n.f("support.scanned.email_body", &[("code", &shown)]);
            view! { <a class="again" href=advice::mailto(&address, &subject, &body)>{i18n.t("support.scanned.email")}</a> }
        })
    };
    view! {
        <section class="code-panel" aria-labelledby="scanned-heading" data-testid="scanned">
            <h1 id="scanned-heading">{i18n.t("support.scanned.heading")}</h1>
            <p>{i18n.t("support.scanned.explain")}</p>
            <p class="code-value" id="scanned-code" data-testid="scanned-code">{shown}</p>
            <div class="code-actions">
                <button type="button" class="again" on:click=copy>{i18n.t("support.scanned.copy")}</button>
                {mailto}
            </div>
            <p role="status" class="check-note" data-testid="scanned-status">{status.0}</p>
            <p class="check-note">{i18n.t("support.scanned.rest")}</p>
        </section>
    }
}

/// A decoded report: the headline, the problems with what to tell the
/// user, the site-side runbook, and each check with its measures.
#[component]
fn DecodedReport(
    /// The code as found in what was pasted, without separators.
    found: String,
    /// The decoded report.
    report: Report,
    /// Endpoint names from the config.
    names: Vec<String>,
    /// The config numbers the endpoints otherwise than the user's check
    /// did, so `names` names only places.
    config_changed: bool,
) -> impl IntoView {
    let i18n = I18n::get();
    let briefing = briefing::brief(i18n.0, &report, &names);
    let reply = (!briefing.reply.is_empty()).then(|| view! { <Reply items=briefing.reply.clone()/> });
    let now_ms = probe::time::now_ms() as i64;
    let gap = i18n.t("punct.sentence_gap");
    let ago = briefing::ran_ago(i18n.0, &report, now_ms).map(|ago| ago + &gap);
    let link_since = briefing::link_since(i18n.0, &report, now_ms);
    let steps: Vec<_> = briefing
        .steps
        .into_iter()
        .map(|step| {
            view! {
                <li data-finding=step.finding data-status=step.status.as_str()>
                    <p class="step-head">
                        <CheckBadge status=step.status/>
                        " "
                        <strong>{step.check}{i18n.t("punct.label_end")}{step.title.clone()}</strong>
                    </p>
                    <p><strong>{i18n.t("support.tell_user")}{i18n.t("punct.label_end")}</strong>{step.user}</p>
                    <details>
                        <summary aria-label=i18n.labelled("support.details", &step.title)>{i18n.t("support.details")}</summary>
                        <p class="support">{step.support}</p>
                    </details>
                </li>
            }
        })
        .collect();
    let checks = report.checks.into_iter().zip(briefing.checks).map(|(check, lines)| {
        let ctx = advice::Context { measures: Some(&check.measures), endpoint_names: &names, coarse: true };
        let findings = check
            .findings
            .iter()
            // A finding from a newer resetcheck has texts of its own (`unknown.*`).
            // The agent reads what the user was told, not advice to them.
            .map(|f| view! {
                <FindingView
                    finding=f.clone()
                    text=advice::render(i18n.0, f, ctx)
                    advice_label=i18n.t(if advice::for_support_only(f.id) { "support.not_shown_to_user" } else { "support.user_saw" })
                    no_advice=advice::for_support_only(f.id)
                />
            })
            .collect_view();
        view! {
            <li class="check" data-testid=format!("support-check-{}", check.check.as_str()) data-status=check.status.as_str()>
                <div class="check-head">
                    <h3>{briefing::check_name(i18n.0, check.check)}</h3>
                    <CheckBadge status=check.status/>
                </div>
                {lines.lines.into_iter().map(|l| view! { <p class="check-note">{l}</p> }).collect_view()}
                {check.findings.is_empty().then(|| view! { <p class="check-note">{i18n.t("support.no_findings")}</p> })}
                {findings}
            </li>
        }
    });
    // A heading and its items, when there are any.
    let list = move |heading: String, testid: &'static str, items: Vec<String>| {
        (!items.is_empty()).then(|| {
            view! {
                <h3>{heading}</h3>
                <ul class="next-steps" data-testid=testid>
                    {items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
                </ul>
            }
        })
    };
    view! {
        // The code found in what was pasted, to compare with what the user
        // reads out; a heading, so moving by headings starts at the report.
        <h2 data-testid="decoded-code">
            {i18n.f("support.decoded_code", &[("code", &code::format_for_display(&found))])}
        </h2>
        <p class="support-headline" data-testid="headline">{briefing.headline}</p>
        {link_since.map(|line| view! { <p class="support-headline" data-testid="link-since">{line}</p> })}
        {config_changed.then(|| view! { <p class="check-note" data-testid="config-changed">{i18n.t("support.config_changed")}</p> })}
        <p data-testid="ran-at">
            {briefing.ran}{gap}{ago}
            {i18n.t("support.measures_coarse")}
        </p>
        {briefing.device.map(|device| view! { <p data-testid="device">{device}</p> })}
        <section aria-labelledby="next-steps-heading" data-testid="next-steps">
            <h2 id="next-steps-heading">{i18n.t("support.next_steps")}</h2>
            {(!steps.is_empty()).then(|| view! { <ol class="next-steps">{steps}</ol> })}
            {reply}
            {list(i18n.t("support.unchecked"), "unchecked", briefing.unchecked)}
            {list(briefing.admin_heading, "admin-steps", briefing.admin)}
        </section>
        <h2>{i18n.t("support.findings")}</h2>
        <ul class="check-list">{checks.collect_view()}</ul>
    }
}

/// What to tell the user, each thing once, with a button that copies it
/// as one text for the agent's reply.
#[component]
fn Reply(
    /// The things to tell the user, in order.
    items: Vec<String>,
) -> impl IntoView {
    let i18n = I18n::get();
    let status = signal(String::new());
    let text = StoredValue::new(briefing::reply_text(i18n.0, &items));
    let copy = move |_| {
        super::copy_and_say(text.get_value(), "reply-text", status, move |done, _| {
            i18n.t(if done { "support.reply_copied" } else { "support.reply_not_copied" })
        });
    };
    let numbered = items.len() > 1;
    let items = items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view();
    view! {
        <h3 id="reply-heading">{i18n.t("support.reply")}</h3>
        <p class="check-note">{i18n.t("support.reply_intro")}</p>
        <div id="reply-text" class="reply" data-testid="reply">
            {if numbered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul class="plain">{items}</ul> }.into_any()
            }}
        </div>
        <p><button type="button" class="again" aria-describedby="reply-heading" on:click=copy>{i18n.t("support.copy_reply")}</button></p>
        <p role="status" class="check-note" data-testid="reply-status">{status.0}</p>
    }
}
