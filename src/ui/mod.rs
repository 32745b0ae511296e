//! The checker's components. Thin by design: every decision is made in
//! the core, and these only lay out what the report says.

mod code;
mod i18n;
mod link;
mod support;

pub use i18n::I18n;

use crate::probe;
use crate::run::{self, Outcome, RunState};
use leptos::prelude::*;
use resetcheck_core::config::{ConfigLoad, EndpointUrl, Level};
use resetcheck_core::messages::{Catalogue, Locale};
use resetcheck_core::platform::Platform;
use resetcheck_core::report::{CheckId, CheckResult, Finding, Status};
use resetcheck_core::{advice, input, network};

/// The checker's page. Its `#support=CODE` links are sent on to the
/// support page by `boot.js` before any wasm loads; should the fragment
/// change to one later, the page reloads so that happens.
#[component]
pub fn CheckerApp() -> impl IntoView {
    // The checker's texts only: the link and e-mail findings' texts come
    // rendered from the input module, the support page's stay on it.
    provide_i18n(Catalogue::checker);
    probe::page::reload_on_view_change(false);
    view! { <Checker/> }
}

pub use support::SupportApp;

/// The pause between emptying a status line and saying its text again, in
/// ms: a screen reader may take two changes a few milliseconds apart for
/// none, so a second "Copied." or "Cleared." would go unheard.
const ANNOUNCE_PAUSE_MS: u32 = 200;

/// Where links that leave the checker open: in a frame, the whole tab
/// (the host page's); a support or reset page opened inside the small frame
/// would be cramped, often refused framing, and third-party to the browser.
fn outward_target() -> Option<&'static str> {
    probe::embed::is_framed().then_some("_top")
}

/// The run the checker provides to its components. Not `expect_context`,
/// whose panic message prints the type's name with `{:?}` and so brings
/// `str`'s `Debug` (escaping every char) into the wasm.
fn run_state() -> RunState {
    use_context().expect("the checker provides its run")
}

/// Speaks the user's language, or the `?lang=` override.
fn provide_i18n(catalogue: fn(Locale) -> Catalogue) -> I18n {
    let locale = Locale::negotiate(probe::page::query_param("lang").as_deref(), &probe::page::preferred_languages());
    let i18n = I18n(catalogue(locale));
    provide_context(i18n);
    i18n
}

/// The checker: runs the checks and shows what they find.
#[component]
fn Checker() -> impl IntoView {
    let i18n = I18n::get();
    let locale = i18n.0.locale();
    let debug = probe::page::query_param("debug").as_deref() == Some("1");
    let compact = probe::page::query_param("compact").as_deref() == Some("1");
    let theme = probe::page::query_param("theme");
    if let Some(forced) = resetcheck_core::report::forced_theme(theme.as_deref()) {
        probe::page::set_theme(forced);
    }
    let checks = probe::page::query_param("checks");
    for warning in CheckId::option_warnings(checks.as_deref(), theme.as_deref(), Catalogue::checker(Locale::En)) {
        probe::page::console_warn(&format!("resetcheck: {warning}"));
    }

    let state = RunState::with_checks(&CheckId::select(checks.as_deref()));
    provide_context(state);
    // Before the fields' own `pagehide` listeners (they mount later), so
    // their emptying publishes nothing; back from the back/forward cache,
    // the report without them is news.
    probe::page::on_leave(move || state.away.set_value(true));
    probe::page::on_return(move || {
        state.away.set_value(false);
        run::republish(state);
    });
    leptos::task::spawn_local(run::run_all(state));

    let title = move || {
        let site = state.config.with(|c| c.as_ref().and_then(|c| c.config.site_name.clone()));
        match site {
            Some(site) => i18n.f("app.title_for_site", &[("site", &site)]),
            None => i18n.t("app.title"),
        }
    };
    Effect::new(move |_| {
        let title = title();
        probe::page::set_document_language_and_title((locale.tag(), locale.dir()), &title);
        // The embedding page's loader names the frame after it, in the
        // checker's language (embed.js).
        // (`title()` tracks the config, so this runs again once it loads.)
        probe::embed::post(&state.embedders(), "resetcheck:title", &[("title", probe::embed::Field::Text(title))]);
    });

    view! {
        <main class="page" class:compact=compact>
            <header class="intro">
                <h1>{title}</h1>
                {(!compact).then(|| view! { <p>{i18n.t("app.intro")}</p> })}
                <p class="privacy">{i18n.t("app.privacy")}</p>
            </header>
            // Config problems first, for the admin who asked for them.
            {debug.then(|| view! { <DebugPanel state=state/> })}
            <Summary state=state/>
            <section class="checks" aria-labelledby="checks-heading">
                <h2 id="checks-heading">{i18n.t("checks.heading")}</h2>
                <ul class="check-list" data-testid="checks">
                    {state.checks().into_iter().map(|check| view! { <CheckRow check=check/> }).collect_view()}
                </ul>
            </section>
            <link::LinkTest/>
            <EmailLint/>
            // Last of the three: what the user enters above goes into the code.
            <code::CodePanel state=state/>
            <Progress state=state/>
        </main>
        // Outside main: a landmark of its own (contentinfo).
        <Footer/>
    }
}

/// The headline result, updated when the run ends, with the way to
/// support (when the config names one) where a stuck user looks first.
#[component]
fn Summary(
    /// The run to summarise.
    state: RunState,
) -> impl IntoView {
    let i18n = I18n::get();
    let support = move || {
        state.config.with(|c| c.as_ref().and_then(|c| c.config.support_url.as_ref().map(EndpointUrl::as_fetch_url)))
    };
    let overall = move || state.report.with(|r| r.as_ref().map(|r| r.overall()));
    let text_key = move || state.report.with(|r| r.as_ref().map_or("summary.running", advice::summary_key));
    let text = move || i18n.t(text_key());
    let data_state = move || if overall().is_some() { "done" } else { "running" };
    let data_status = move || overall().map(Status::as_str).unwrap_or("pending");
    // The problems by name, each a link to its finding below: on a phone
    // the first step is often a screen or two down.
    let problems = move || {
        let names = state.endpoint_names(i18n.0);
        state.report.with(|r| {
            let checks = r.as_ref().map_or(&[][..], |r| &r.checks[..]);
            // The link test's and the e-mail lint's texts are the input module's; they sit right below anyway.
            let automatic = |check| !matches!(check, CheckId::Link | CheckId::Email);
            // A check running again shows no findings meanwhile: its
            // problems stay named, but not as links to nothing.
            let again = state.again.get();
            let mut list =
                advice::render_where(i18n.0, checks, &names, |check, f| automatic(check) && advice::is_problem(f))
                    .into_iter()
                    .map(|(check, i, _, text)| ((again != Some(check)).then(|| finding_anchor(check, i)), text.title))
                    .collect::<Vec<_>>();
            // The link's and the address's problems by their section: an
            // expired link is often the whole answer (review, 2026-11-27).
            for (check, anchor, key) in [
                (CheckId::Link, "link-result", "summary.link_problem"),
                // Its first problem (its findings show problems first), named
                // by its heading: the verdict around it is the field's
                // description, which a name of its own would replace.
                (CheckId::Email, &finding_anchor(CheckId::Email, 0), "summary.email_problem"),
            ] {
                if checks.iter().any(|c| c.check == check && c.findings.iter().any(advice::is_problem)) {
                    list.push((Some(anchor.to_owned()), i18n.t(key)));
                }
            }
            list
        })
    };
    view! {
        <section
            class="summary"
            aria-labelledby="summary-heading"
            data-testid="summary"
            data-state=data_state
            data-status=data_status
        >
            <h2 id="summary-heading">{i18n.t("summary.heading")}</h2>
            <p>{text}</p>
            {move || {
                let list = problems();
                (!list.is_empty()).then(|| view! {
                    <ul class="summary-problems" data-testid="summary-problems">
                        {list
                            .into_iter()
                            .map(|(anchor, title)| match anchor {
                                Some(anchor) => view! { <li><a href=format!("#{anchor}")>{title}</a></li> }.into_any(),
                                None => view! { <li>{title}</li> }.into_any(),
                            })
                            .collect_view()}
                    </ul>
                })
            }}
            {move || matches!(text_key(), "summary.all_good_check_link" | "summary.all_good_link_unread").then(|| view! {
                // Into the box itself, ready for the paste (and loading the
                // link test); no fragment, which in a frame would add a step
                // to the host page's Back.
                <p><a
                    href="#link-input"
                    data-testid="summary-check-link"
                    on:click=|ev| {
                        ev.prevent_default();
                        probe::page::focus("link-input");
                        // With its button below it, which WebKit would leave off the screen.
                        probe::page::reveal_centered("link-input");
                    }
                >{i18n.t("summary.check_link")}</a></p>
            })}
            {move || support().map(|href| view! {
                <p><a class="again" href=href target=outward_target()>{i18n.t("app.support_link")}</a></p>
                // The code goes with the user to the support page (review, 2026-11-27: it was only at the end of this one).
                {move || state.code.with(|c| c.as_deref().map(|c| {
                    let code = resetcheck_core::code::format_for_display(c);
                    let text = i18n.f("summary.your_code", &[("code", &code)]);
                    // The code in one piece where it fits a line (phone
                    // review, 2026-11-27: "E1G0-32YM-" ended a line, which
                    // reads as the whole code), in the code's own type.
                    let (before, shown, after) = match text.split_once(code.as_str()) {
                        Some((before, after)) => (before.to_owned(), Some(code.clone()), after.to_owned()),
                        None => (text.clone(), None, String::new()),
                    };
                    let shown = shown.map(|code| view! { <span class="code-inline" translate="no">{code}</span> });
                    view! { <p class="check-note" data-testid="summary-code">{before}{shown}{after}</p> }
                }))}
            })}
        </section>
    }
}

/// One check with its live status and, when done, its findings.
#[component]
fn CheckRow(
    /// Which check this row shows.
    check: CheckId,
) -> impl IntoView {
    let i18n = I18n::get();
    let state = run_state();
    let result = move || state.shown(check);
    let status_key = move || result().map(|r| r.status.as_str()).unwrap_or("pending");
    let heading_id = format!("check-{}-heading", check.as_str());
    let labelled_by = heading_id.clone();
    view! {
        <li
            class="check"
            data-testid=format!("check-{}", check.as_str())
            data-status=status_key
            aria-labelledby=labelled_by
            aria-busy=move || result().is_none().to_string()
        >
            <div class="check-head">
                <h3 id=heading_id>{advice::check_name(i18n.0, check)}</h3>
                <span class="badge" data-status=status_key>
                    {move || i18n.t(&format!("status.{}", status_key()))}
                </span>
            </div>
            {move || match result() {
                None => {
                    let running = i18n.t(&format!("check.{}.running", check.as_str()));
                    let live = state.interim(check).and_then(|r| advice::clock_line(i18n.0, &r.measures, false));
                    view! {
                        <p class="check-note">{running}</p>
                        {live.map(|line| view! { <p class="measure" data-testid="clock-line">{line}</p> })}
                    }
                    .into_any()
                }
                Some(result) => view! { <CheckDetails result=result/> }.into_any(),
            }}
            {(check == CheckId::Clock).then(|| view! { <CheckAgain check=check/> })}
        </li>
    }
}

/// A finished check's status as a badge.
#[component]
fn CheckBadge(
    /// The status to show.
    status: Status,
) -> impl IntoView {
    let i18n = I18n::get();
    view! { <span class="badge" data-status=status.as_str()>{i18n.t(&format!("status.{}", status.as_str()))}</span> }
}

/// Re-runs one check; inert while it runs. `aria-disabled`, not `disabled`:
/// a disabled button drops keyboard focus to the page, and a screen-reader
/// user loses their place.
#[component]
fn CheckAgain(
    /// The check to run again.
    check: CheckId,
) -> impl IntoView {
    let i18n = I18n::get();
    let state = run_state();
    // Until the whole run has ended, not only this check: a report made
    // by a check run again meanwhile would count the others as not run.
    let running = move || !state.settled();
    // Named with its check too: in a screen reader's list of buttons,
    // "Check again" alone doesn't say what. It starts with the words shown,
    // so speech control finds it by them (WCAG 2.5.3).
    let name = i18n.labelled("action.check_again", &i18n.t(&format!("check.{}.name", check.as_str())));
    view! {
        <button
            type="button"
            class="again"
            aria-label=name
            data-testid=format!("again-{}", check.as_str())
            aria-disabled=move || running().to_string()
            on:click=move |_| {
                if !running() {
                    leptos::task::spawn_local(run::rerun(check, state));
                }
            }
        >
            {i18n.t("action.check_again")}
        </button>
    }
}

/// A finished check: its measurements, its findings, or the line saying
/// all is well.
#[component]
fn CheckDetails(
    /// The finished check.
    result: CheckResult,
) -> impl IntoView {
    let i18n = I18n::get();
    let state = run_state();
    let browser_line =
        (result.check == CheckId::Browser).then(|| advice::browser_line(i18n.0, &result.measures)).flatten();
    let network_rows = (result.check == CheckId::Network).then(|| view! { <NetworkRows/> });
    let measures = (result.check == CheckId::Clock).then(|| {
        let zone_wrong = result.findings.iter().any(|f| f.id == "clock.timezone_wrong");
        let line = advice::clock_line(i18n.0, &result.measures, zone_wrong);
        let utc_offset = result.measures.int("utc_offset_min");
        let dst = result.measures.word("dst").unwrap_or("unknown");
        let zone = advice::zone_line(i18n.0, state.zone_name.get_untracked().as_deref(), utc_offset, dst);
        view! {
            {line.map(|line| view! { <p class="measure" data-testid="clock-line">{line}</p> })}
            {zone.map(|zone| view! { <p class="check-note" data-testid="zone-line">{zone}</p> })}
        }
    });
    let body = if let Some(key) = advice::pass_key(&result) {
        view! { <p class="check-note">{i18n.t(&key)}</p> }.into_any()
    } else {
        // The steps sit right under the first advice that says "(steps below)",
        // inside its finding, before its details for support.
        let howto = advice::howto(&result);
        view! {
            <div class="findings">
                {result
                    .findings
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| !advice::for_support_only(f.id))
                    .map(|(i, f)| {
                        let anchor = finding_anchor(result.check, i);
                        let howto = howto.clone().filter(|(at, _)| *at == i).map(|(_, howto)| howto);
                        view! { <FindingView finding=f.clone() measures=result.measures.clone() anchor=anchor howto=howto/> }
                    })
                    .collect_view()}
            </div>
        }
        .into_any()
    };
    view! {
        {measures}
        {browser_line.map(|line| view! { <p class="check-note" data-testid="browser-line">{line}</p> })}
        {network_rows}
        {body}
    }
}

/// One line per probed endpoint: its name, verdict and time, problems first.
#[component]
fn NetworkRows() -> impl IntoView {
    let i18n = I18n::get();
    let state = run_state();
    let names = state.endpoint_names(i18n.0);
    let rows = state.network_rows.get_untracked();
    view! {
        <ul class="endpoint-list" data-testid="endpoints">
            {rows
                .into_iter()
                .map(|row| {
                    let name = network::endpoint_name(i18n.0, &names, row.index);
                    let outcome = i18n.t(&format!("network.outcome.{}", row.outcome.as_str()));
                    let time = advice::duration(i18n.0, row.elapsed_ms.max(0.0) as u64);
                    let text = i18n.f("network.row", &[("name", &name), ("outcome", &outcome), ("time", &time)]);
                    // A built-in name reads as it does mid-sentence; a config's own as written.
                    let text = if row.index < network::FIRST_CONFIGURED_INDEX { advice::sentence_start(text) } else { text };
                    view! {
                        <li data-testid="endpoint" data-index=row.index data-outcome=row.outcome.as_str()>
                            {text}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// How to set the clock automatically, the user's own platform first.
#[component]
fn ClockHowTo() -> impl IntoView {
    let i18n = I18n::get();
    let own = probe::page::platform();
    let mut order = Platform::ordered_first(own).into_iter();
    let step = move |p: Platform| i18n.t(&format!("clock.howto.{}", p.as_str()));
    let first = own.and_then(|_| order.next()).map(step);
    view! { <HowTo key="clock.howto" first=first others=order.map(step).collect()/> }
}

/// How to allow cookies, the user's `own` browser first.
#[component]
fn CookieHowTo(own: Option<&'static str>, others: Vec<&'static str>) -> impl IntoView {
    let i18n = I18n::get();
    let step = move |s: &str| i18n.t(&format!("browser.cookies_howto.{s}"));
    view! { <HowTo key="browser.cookies_howto" first=own.map(step) others=others.into_iter().map(step).collect()/> }
}

/// Steps for each platform or browser: `key.intro`, then the user's own
/// (`first`, when known) with the `others` folded under `key.other`, or
/// else all of them.
#[component]
fn HowTo(key: &'static str, first: Option<String>, others: Vec<String>) -> impl IntoView {
    let i18n = I18n::get();
    let list = view! { <ul>{others.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul> };
    view! {
        <div class="howto" data-testid=key.replace('.', "-")>
            <p>{i18n.t(&format!("{key}.intro"))}</p>
            {match first {
                Some(first) => view! {
                    <p data-testid="howto-own">{first}</p>
                    <details>
                        <summary>{i18n.t(&format!("{key}.other"))}</summary>
                        {list}
                    </details>
                }
                .into_any(),
                None => list.into_any(),
            }}
        </div>
    }
}

/// Copies `text` and has the status line say how it went: emptied at
/// once, and filled after a pause when it already said something, so a
/// second copy is announced (and seen) again; a screen reader may take a
/// change back within a few milliseconds for no change at all. `said`
/// gives the words, from whether `text` reached the clipboard.
fn copy_and_say(
    text: String,
    fallback_id: &'static str,
    (status, set_status): (ReadSignal<String>, WriteSignal<String>),
    said: impl FnOnce(bool, String) -> String + 'static,
) {
    let again = !status.with_untracked(String::is_empty);
    set_status.set(String::new());
    leptos::task::spawn_local(async move {
        let done = probe::page::copy_text(&text, fallback_id).await;
        if again {
            probe::time::sleep(ANNOUNCE_PAUSE_MS).await;
        }
        set_status.set(said(done, text));
    });
}

/// Findings with something to do before those only good to know, each
/// group in its order: a note that a link "works for 29 min more" must not
/// come before the warning that a scanner may have used it.
fn problems_first<T>(findings: Vec<(Finding, T)>) -> Vec<(Finding, T)> {
    let (mut problems, notes): (Vec<_>, Vec<_>) = findings.into_iter().partition(|(f, _)| advice::is_problem(f));
    problems.extend(notes);
    problems
}

/// The id of a check's finding's view, by its place in the check's
/// findings, which the summary links to (a check may find the same problem
/// twice: two password managers, two endpoints).
fn finding_anchor(check: CheckId, index: usize) -> String {
    format!("finding-{}-{index}", check.as_str())
}

/// One finding: headline, what to do, and details for support.
#[component]
fn FindingView(
    /// The finding to explain.
    finding: Finding,
    /// Its check's measurements, which some texts quote.
    #[prop(optional)]
    measures: advice::Measures,
    /// Its texts, when rendered elsewhere (by the input module, for the
    /// link test's and the e-mail lint's findings; coarse, for the support
    /// view's decoded ones).
    #[prop(optional)]
    text: Option<advice::FindingText>,
    /// Whether it sits right under a section's `h2` (the link test, the
    /// e-mail lint), not under a check's `h3`: its heading is then an `h3`.
    #[prop(optional)]
    in_section: bool,
    /// Its id, when the summary links to it.
    #[prop(optional, into)]
    anchor: Option<String>,
    /// The label of the user's advice when it is not addressed to the
    /// reader (the support view's "What the user was told"); by default
    /// the finding's own ("What you can do", "Good to know").
    #[prop(optional, into)]
    advice_label: Option<String>,
    /// Whether the steps its advice points to (set the clock automatically,
    /// allow cookies) follow it.
    #[prop(optional_no_strip)]
    howto: Option<advice::HowTo>,
    /// Whether the user's advice is left out (a finding never shown to the
    /// user, on the support view).
    #[prop(optional)]
    no_advice: bool,
) -> impl IntoView {
    let i18n = I18n::get();
    let text = text.unwrap_or_else(|| {
        let names = use_context::<RunState>().map(|state| state.endpoint_names(i18n.0)).unwrap_or_default();
        let ctx = advice::Context { measures: Some(&measures), endpoint_names: &names, coarse: false };
        advice::render(i18n.0, &finding, ctx)
    });
    let label = advice_label.unwrap_or_else(|| i18n.t(advice::advice_label(finding.id)));
    // A finding the summary's links land focus on is named by its heading:
    // a screen reader says where focus went.
    let title_id = anchor.as_ref().map(|a| format!("{a}-title"));
    let heading = if in_section {
        view! { <h3 id=title_id.clone()>{text.title.clone()}</h3> }.into_any()
    } else {
        view! { <h4 id=title_id.clone()>{text.title.clone()}</h4> }.into_any()
    };
    view! {
        // Focusable by script only: the summary's link lands keyboard and
        // screen-reader focus here, not just the scroll position.
        <article
            class="finding"
            id=anchor
            aria-labelledby=title_id
            tabindex="-1"
            data-testid="finding"
            data-finding=finding.id
            data-status=Status::from_findings(std::slice::from_ref(&finding)).as_str()
        >
            {heading}
            {if no_advice {
                view! { <p class="check-note">{label}</p> }.into_any()
            } else {
                view! { <p><strong>{label}{i18n.t("punct.label_end")}</strong>{text.user}</p> }.into_any()
            }}
            {howto.map(|howto| match howto {
                advice::HowTo::Clock => view! { <ClockHowTo/> }.into_any(),
                advice::HowTo::Cookies { own, others } => view! { <CookieHowTo own=own others=others/> }.into_any(),
            })}
            <details>
                // Named after its finding too: a page of them, each only
                // "Details for support", is a list of the same name.
                <summary aria-label=i18n.labelled("finding.for_support", &text.title)>{i18n.t("finding.for_support")}</summary>
                <p class="support">{text.support}</p>
            </details>
        </article>
    }
}

/// How long the typing must pause before the e-mail lint speaks, in ms.
const LINT_PAUSE_MS: u32 = 600;

/// The optional e-mail lint: checked on this device as the user types, by
/// the input module the page loads on first use; the address is never
/// sent, stored or put in the report.
#[component]
fn EmailLint() -> impl IntoView {
    let i18n = I18n::get();
    let state = run_state();
    let (text, set_text) = signal(String::new());
    // The lint of the text as typed (`Err` when the module could not load),
    // with the text it is for: answers arrive after the keystrokes.
    let lint: RwSignal<Option<(String, Result<input::EmailView, ()>)>> = RwSignal::new(None);
    // The text the user last finished with (a change event): only that
    // reaches the report, once its answer is in, so the report (and the
    // `resetcheck:done` event) changes once per address, not per keystroke.
    let committed: RwSignal<Option<String>> = RwSignal::new(None);
    let publish = move || {
        let email = match committed.get_untracked().filter(|t| !t.trim().is_empty()) {
            None => None,
            Some(typed) => {
                match lint.with_untracked(|l| l.as_ref().filter(|(t, _)| *t == typed).map(|(_, a)| a.clone())) {
                    Some(Ok(view)) => Some(view.rendered.result),
                    // Not linted: nothing to report.
                    Some(Err(())) => None,
                    // Its answer is still on the way; its arrival publishes.
                    None => return,
                }
            }
        };
        if state.email.with_untracked(|e| *e != email) {
            state.email.set(email);
            run::republish(state);
        }
    };
    let lint_now = move |typed: String| {
        leptos::task::spawn_local(async move {
            let answer = probe::input::load()
                .await
                .and_then(|module| module.lint_email(&typed, i18n.0.locale().tag()))
                .and_then(|json| input::email_from_json(&json))
                .ok_or(());
            if text.get_untracked() == typed {
                let finished = committed.get_untracked().as_deref() == Some(typed.as_str());
                lint.set(Some((typed, answer)));
                if finished {
                    publish();
                }
            }
        });
    };
    // Linted once the typing pauses: a half-typed address is not a mistake
    // yet, and a verdict per keystroke would flicker. Every change of the
    // text comes through here (typing, pasting, autofill), so a text always
    // has its lint on the way.
    let check = move |typed: String| {
        lint.set(None);
        if typed.trim().is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            probe::time::sleep(LINT_PAUSE_MS).await;
            if text.get_untracked() == typed {
                lint_now(typed);
            }
        });
    };
    let clear = move || {
        set_text.set(String::new());
        lint.set(None);
        committed.set(None);
        publish();
    };
    // Emptied quietly, as the link test is; the button says it did.
    probe::page::on_leave(clear);
    let cleared = RwSignal::new(false);
    let result = move || lint.get().map(|(_, answer)| answer);
    // The verdict on the address the user finished with (left the field),
    // once its answer is in: what the status line says and what marks the
    // field invalid. While typing, the verdict below updates silently.
    let finished = move || {
        let typed = committed.get()?;
        lint.with(|l| l.as_ref().filter(|(t, _)| *t == typed).map(|(_, answer)| answer.clone()))
    };
    view! {
        <section class="email" aria-labelledby="email-heading" data-testid="email">
            <h2 id="email-heading">{i18n.t("email.heading")}</h2>
            <p id="email-explain">{i18n.t("email.explain")}</p>
            <label for="email-input" class="field-label">{i18n.t("email.label")}</label>
            <div class="field-row">
                <input
                    id="email-input"
                    class="field"
                    type="text"
                    inputmode="email"
                    // Not "email": Chromium saves a field's value with the
                    // tab's session on disk unless autocomplete is off, and
                    // the address must never be stored. Nothing is collected
                    // here (WCAG 1.3.5 covers fields that collect); the
                    // label and inputmode still name the purpose.
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    // Writing assistants send a field's text to their servers:
                    // Grammarly and LanguageTool stay out of fields marked so.
                    data-gramm="false"
                    data-gramm_editor="false"
                    data-enable-grammarly="false"
                    data-lt-active="false"
                    // An address reads left to right in any language.
                    dir="ltr"
                    aria-describedby="email-explain email-verdict"
                    aria-invalid=move || {
                        // A note (a domain in special letters) is no error.
                        finished().is_some_and(|r| r.is_ok_and(|r| r.rendered.result.status.is_problem())).to_string()
                    }
                    on:focus=|_| probe::input::prefetch()
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        cleared.set(false);
                        let typed = event_target_value(&ev);
                        set_text.set(typed.clone());
                        check(typed);
                    }
                    // Leaving the field does not hurry the verdict: the
                    // pause after the last keystroke brings it in at most
                    // 600 ms. Brought in at once, it grew the page under the
                    // pointer that had just pressed "Copy code" below, which
                    // moved away before the release and lost the click.
                    on:change=move |_| {
                        committed.set(Some(text.get_untracked()));
                        publish();
                    }
                />
                <button type="button" class="again quiet" on:click=move |_| {
                    clear();
                    // After a pause from the emptied line, so a second press is heard again.
                    cleared.set(false);
                    leptos::task::spawn_local(async move {
                        probe::time::sleep(ANNOUNCE_PAUSE_MS).await;
                        if text.get_untracked().is_empty() {
                            cleared.set(true);
                        }
                    });
                }>
                    {i18n.t("email.clear")}
                </button>
            </div>
            // Not a live region: a verdict read out at every pause in the
            // typing would talk over the user. The line says it once, when
            // the user leaves the field.
            <p role="status" class="visually-hidden" data-testid="email-status">
                {move || match (cleared.get(), finished()) {
                    (true, _) => Some(i18n.t("action.cleared")),
                    (false, r) => r.map(|r| i18n.t(match r {
                        Err(()) => "email.unavailable",
                        Ok(r) => advice::email_status_key(&r.rendered.result, r.tip.is_some()),
                    })),
                }}
            </p>
            // What describes the field: the verdict's titles and advice, not
            // its "Details for support" disclosures (hidden, yet read as the
            // field's description).
            <p id="email-verdict" hidden>
                {move || result().map(|r| match r {
                    Err(()) => i18n.t("email.unavailable"),
                    Ok(r) if r.rendered.result.findings.is_empty() => i18n.t("check.email.pass"),
                    Ok(r) => {
                        let (end, gap) = (i18n.t("punct.label_end"), i18n.t("punct.sentence_gap"));
                        let said: Vec<String> =
                            problems_first(r.rendered.findings()).into_iter().map(|(_, t)| format!("{}{end}{}", t.title, t.user)).collect();
                        said.join(&gap)
                    }
                })}
            </p>
            <div id="email-result" tabindex="-1" data-testid="email-result">
                {move || result().map(|r| match r {
                    Err(()) => view! { <p class="error" data-testid="email-unavailable">{i18n.t("email.unavailable")}</p> }.into_any(),
                    Ok(r) if r.rendered.result.findings.is_empty() => view! { <p class="check-note">{i18n.t("check.email.pass")}</p> }.into_any(),
                    Ok(r) => view! {
                        <div class="findings">
                            {problems_first(r.rendered.findings()).into_iter().enumerate().map(|(i, (f, text))| view! {
                                <FindingView finding=f text=text in_section=true anchor=finding_anchor(CheckId::Email, i)/>
                            }).collect_view()}
                        </div>
                    }
                    .into_any(),
                })}
            </div>
            // Outside the field's description: a tip, not a verdict on the address.
            {move || result().and_then(Result::ok).and_then(|r| r.tip).map(|(title, text)| {
                // The sender the site's config names, to search for.
                let from = state.config.with(|c| c.as_ref().and_then(|c| c.config.reset_email_from.clone()));
                // The address kept whole on a line, where it fits: a phone would break it at its hyphen.
                let search = from.map(|from| {
                    let text = i18n.f("email.search_from", &[("from", &from)]);
                    // Kept on a line with the punctuation that follows it,
                    // which would otherwise start the next line when the
                    // address fills one; outside the address's left-to-right
                    // isolate, so a right-to-left page puts it on the address's
                    // left (WebKit review, 2026-11-27).
                    let (before, shown, after) = match text.split_once(from.as_str()) {
                        Some((before, after)) => {
                            // Punctuation only (and the bidi marks around it):
                            // a language with no space after the address
                            // would otherwise glue the rest of the sentence on.
                            // (Not `char::is_alphanumeric`, whose Unicode
                            // tables would add 1.5 KB to the first load.)
                            let stuck = |c: char| {
                                c.is_ascii_punctuation()
                                    || matches!(c, '\u{200e}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                                    || "、。，．」』）".contains(c)
                            };
                            let cut = after.find(|c: char| !stuck(c)).unwrap_or(after.len());
                            let (stuck, rest) = after.split_at(cut);
                            (before.to_owned(), Some((from.clone(), stuck.to_owned())), rest.to_owned())
                        }
                        None => (text.clone(), None, String::new()),
                    };
                    let shown = shown.map(|(from, stuck)| {
                        view! { <span class="keep"><span class="address">{from}</span>{stuck}</span> }
                    });
                    view! { <p>{before}{shown}{after}</p> }
                });
                view! {
                    <div class="email-tip" data-testid="email-tip">
                        <h3>{title}</h3>
                        <p>{text}</p>
                        {search}
                    </div>
                }
            })}
        </section>
    }
}

/// The polite live region announcing progress to screen readers.
#[component]
fn Progress(
    /// The run to announce.
    state: RunState,
) -> impl IntoView {
    let i18n = I18n::get();
    let text = move || {
        match state.outcome.get() {
            Outcome::Hushed => String::new(),
            // The outcome too: the summary above is not a live region.
            Outcome::Done(key) => i18n.f("progress.done", &[("summary", &i18n.t(key))]),
            // Once, not "1 of 4 done" and so on: the checks end within a
            // second or two, and each count would be read out over the page
            // a screen reader has just started reading (review, 2026-11-27).
            Outcome::Running => i18n.t("progress.running"),
            Outcome::Rerunning(check) => {
                i18n.f("progress.running_again", &[("check", &advice::check_name(i18n.0, check))])
            }
        }
    };
    view! {
        <p class="visually-hidden" role="status" data-testid="progress">{text}</p>
    }
}

/// Config problems for the admin, shown with `?debug=1`.
#[component]
fn DebugPanel(
    /// The run whose config to show.
    state: RunState,
) -> impl IntoView {
    let i18n = I18n::get();
    let problems = move || state.config.with(|c| c.as_ref().map(|c: &ConfigLoad| c.problems.clone()));
    // What the checks found wrong with the deployment itself, which a
    // config without problems doesn't rule out.
    let deployment = move || {
        let names = state.endpoint_names(i18n.0);
        state.report.with(|r| {
            let checks = r.as_ref().map_or(&[][..], |r| &r.checks[..]);
            advice::render_where(i18n.0, checks, &names, advice::shown_to_admin)
                .into_iter()
                .map(|(_, _, f, text)| (f.id, text.title, text.support))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="debug" aria-labelledby="debug-heading" data-testid="debug">
            <h2 id="debug-heading">{i18n.t("debug.heading")}</h2>
            <p>{i18n.t("debug.explain")}</p>
            {move || match problems() {
                None => None,
                Some(list) if list.is_empty() => Some(view! { <p>{i18n.t("debug.none")}</p> }.into_any()),
                Some(list) => Some(view! {
                    <ul class="config-problems">
                        {list.into_iter().map(|p| {
                            let level = match p.level {
                                Level::Info => "info",
                                Level::Warning => "warning",
                                Level::Error => "error",
                            };
                            view! {
                                <li data-testid="config-problem" data-level=level data-field=p.field.clone()>
                                    <strong>{i18n.t(&format!("debug.level.{level}"))}{i18n.t("punct.label_end")}</strong>
                                    {p.message(i18n.0)}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()),
            }}
            {move || {
                let found = deployment();
                (!found.is_empty()).then(|| view! {
                    <h3>{i18n.t("debug.deployment_heading")}</h3>
                    <p>{i18n.t("debug.deployment_explain")}</p>
                    <ul class="config-problems">
                        {found.into_iter().map(|(id, title, support)| view! {
                            <li data-testid="deployment-problem" data-finding=id><strong>{title}{i18n.t("punct.label_end")}</strong>{support}</li>
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

/// The version line.
#[component]
fn Footer() -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <footer class="footer">
            <p>{i18n.f("app.footer", &[("version", env!("CARGO_PKG_VERSION"))])}</p>
        </footer>
    }
}
