//! Runs the checks: config first, then every check concurrently, each under
//! its own timeout and all under one run deadline, publishing results as
//! they arrive and the completion event at the end.

use crate::probe;
use crate::probe::embed::Field;
use leptos::prelude::*;
use resetcheck_core::code;
use resetcheck_core::config::{Config, ConfigLoad};
use resetcheck_core::messages::{Catalogue, Locale};
use resetcheck_core::report::{CheckId, CheckResult, Report};
use resetcheck_core::{advice, browser, clock, extensions, network};
use std::future::Future;
use std::pin::Pin;

/// Slack on top of the probe timeout before the whole run is cut off, for
/// the time analysis and rendering take on a slow phone.
const RUN_DEADLINE_SLACK_MS: u64 = 2_000;
/// The share of the probe timeout the network-bound probes (clock, network)
/// may spend, in percent: they hand in what they have by then, rather than
/// be cut off with nothing, and with every endpoint hanging the whole run
/// still ends within about a second of it on a slow device.
const PROBE_BUDGET_PERCENT: u64 = 80;

/// When a link was analysed and its token's time left then (ms, negative
/// once expired).
pub type LinkExpiry = (Moment, i64);

/// A moment as the link test keeps it: the server's time then, both of
/// the device's clocks then, and the clock check's offset that server time
/// rests on. Time since counts a device's sleep but not the user setting
/// its clock right meanwhile (`clock::elapsed_since`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moment {
    /// The server's time (the device's, corrected by the offset), ms.
    pub server_ms: i64,
    /// `Date.now()`, ms.
    pub wall_ms: f64,
    /// `performance.now()`, ms.
    pub monotonic_ms: f64,
    /// The clock check's offset (device − server), once measured.
    pub offset_ms: Option<i64>,
}

impl Moment {
    /// How long ago this was, in ms.
    pub fn elapsed_ms(&self) -> i64 {
        let wall = (probe::time::now_ms() - self.wall_ms) as i64;
        let monotonic = (probe::time::monotonic_ms() - self.monotonic_ms) as i64;
        clock::elapsed_since(wall, monotonic, self.offset_ms)
    }

    /// Now, on this moment's server time: that time plus the time since.
    pub fn later(&self) -> Moment {
        let elapsed = self.elapsed_ms();
        Moment {
            server_ms: self.server_ms.saturating_add(elapsed),
            wall_ms: probe::time::now_ms(),
            monotonic_ms: probe::time::monotonic_ms(),
            ..*self
        }
    }
}

/// What the progress line (a live region) says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The checks are running.
    Running,
    /// One check is running again ("Check again").
    Rerunning(CheckId),
    /// The run ended with this headline (its summary key).
    Done(&'static str),
    /// Nothing: the user's link or address changed the report since, so a
    /// headline the summary may no longer show would stay for browse mode.
    /// Emptying a live region is not read out.
    Hushed,
}

/// The live state of a run, shared with the UI.
#[derive(Clone, Copy)]
pub struct RunState {
    /// The loaded config and its problems, once loaded.
    pub config: RwSignal<Option<ConfigLoad>>,
    /// The config file's text (empty without one), for the input module.
    pub config_text: StoredValue<String>,
    /// One slot per check, in display order; `None` until it first ends
    /// (a check run again keeps its last result meanwhile: `again`).
    pub results: RwSignal<Vec<(CheckId, Option<CheckResult>)>>,
    /// Partial results of running checks, for live display.
    pub interim: RwSignal<Vec<(CheckId, CheckResult)>>,
    /// The time zone's name, shown on the page only; never in the report.
    pub zone_name: RwSignal<Option<String>>,
    /// The network check's per-endpoint rows, problems first.
    pub network_rows: RwSignal<Vec<network::Row>>,
    /// The e-mail lint's result, once the user has typed an address.
    pub email: RwSignal<Option<CheckResult>>,
    /// The link test's result, once the user has pasted a link, with when
    /// it was analysed and its token's time left then, when known: a report
    /// made later says the time left at its own time.
    pub link: RwSignal<Option<(CheckResult, Option<LinkExpiry>)>>,
    /// The finished report, once every check ended or the deadline passed.
    /// A check run again leaves it (and the code) in place until the new
    /// one is made: the summary and the code panel below staying put is
    /// what keeps the page from jumping on a phone (review, 2026-11-27).
    pub report: RwSignal<Option<Report>>,
    /// The check running again ("Check again"), if any. Its row shows it
    /// running; its slot in `results` keeps the last result meanwhile, so
    /// the server's time (`now`) stays measured. Not derived from
    /// `outcome`, which also changes when the user's input republishes:
    /// each change would rebuild every row, closing open details.
    pub again: RwSignal<Option<CheckId>>,
    /// The report's diagnostic code, without separators.
    pub code: RwSignal<Option<String>>,
    /// What the progress line says: set when the automatic checks or a
    /// check run again end, not when the user's link or address changes
    /// the report, which their field's own status line says (two
    /// announcements at once cut each other off).
    pub outcome: RwSignal<Outcome>,
    /// Whether the user has left the page (`pagehide`): the fields empty
    /// themselves then, and that is no news for the embedder or the
    /// `resetcheck:done` listeners, whose last code stays the user's.
    pub away: StoredValue<bool>,
}

impl RunState {
    /// A run of the given checks, pending.
    pub fn with_checks(checks: &[CheckId]) -> RunState {
        RunState {
            config: RwSignal::new(None),
            config_text: StoredValue::new(String::new()),
            results: RwSignal::new(checks.iter().map(|c| (*c, None)).collect()),
            interim: RwSignal::new(Vec::new()),
            zone_name: RwSignal::new(None),
            email: RwSignal::new(None),
            link: RwSignal::new(None),
            network_rows: RwSignal::new(Vec::new()),
            report: RwSignal::new(None),
            again: RwSignal::new(None),
            code: RwSignal::new(None),
            outcome: RwSignal::new(Outcome::Running),
            away: StoredValue::new(false),
        }
    }

    /// Has the progress line announce the report's headline.
    fn announce(&self) {
        let key = self.report.with_untracked(|r| r.as_ref().map(advice::summary_key));
        self.outcome.set(key.map_or(Outcome::Running, Outcome::Done));
    }

    /// Whether the run has ended and no check is running again: a report
    /// made now would count every check as it is shown. Tracked.
    pub fn settled(&self) -> bool {
        self.report.with(Option::is_some) && self.again.with(Option::is_none)
    }

    /// The result `check`'s row shows: none while it runs, including
    /// again. Tracked.
    pub fn shown(&self, check: CheckId) -> Option<CheckResult> {
        if self.again.get() == Some(check) {
            return None;
        }
        self.result(check)
    }

    /// How many checks have finished.
    pub fn finished(&self) -> usize {
        self.results.with(|r| r.iter().filter(|(_, res)| res.is_some()).count())
    }

    /// The finished result of `check`, if any.
    pub fn result(&self, check: CheckId) -> Option<CheckResult> {
        self.results.with(|slots| slots.iter().find(|(c, _)| *c == check).and_then(|(_, r)| r.clone()))
    }

    /// The probed endpoints' names, by the network check's numbering.
    pub fn endpoint_names(&self, cat: Catalogue) -> Vec<String> {
        self.config.with_untracked(|c| c.as_ref().map(|c| network::endpoint_names(&c.config, cat)).unwrap_or_default())
    }

    /// The latest partial result of a running `check`, if any.
    pub fn interim(&self, check: CheckId) -> Option<CheckResult> {
        self.interim.with(|all| all.iter().find(|(c, _)| *c == check).map(|(_, r)| r.clone()))
    }

    /// The time as the server sees it: the device clock corrected by the
    /// clock check's offset (device − server), once measured.
    pub fn server_now_ms(&self) -> i64 {
        self.now().server_ms
    }

    /// Now, with the monotonic time and the offset the server's time rests on.
    pub fn now(&self) -> Moment {
        let offset_ms = self.result(CheckId::Clock).and_then(|r| r.measures.int("offset_ms"));
        let wall_ms = probe::time::now_ms();
        Moment {
            server_ms: (wall_ms - offset_ms.unwrap_or(0) as f64) as i64,
            wall_ms,
            monotonic_ms: probe::time::monotonic_ms(),
            offset_ms,
        }
    }

    /// The checks this run runs, in display order.
    pub fn checks(&self) -> Vec<CheckId> {
        self.results.with_untracked(|slots| slots.iter().map(|(c, _)| *c).collect())
    }

    fn set_result(&self, check: CheckId, result: Option<CheckResult>) {
        self.results.update(|slots| {
            if let Some(slot) = slots.iter_mut().find(|(c, _)| *c == check) {
                slot.1 = result;
            }
        });
        if result_is_final(self, check) {
            self.post_progress();
        }
    }

    /// The origins to post the checker's events to: of the config's and
    /// the checker's own, the parent's (`Config::post_targets`).
    pub fn embedders(&self) -> Vec<String> {
        let own = probe::page::own_origin();
        let parent = probe::embed::listed_origin(probe::embed::Ancestor::Parent);
        self.config.with_untracked(|c| {
            c.as_ref().map(|c| c.config.post_targets(own.as_deref(), parent.as_deref())).unwrap_or_default()
        })
    }

    fn post_progress(&self) {
        let done = Field::Number(self.finished() as f64);
        let total = Field::Number(self.checks().len() as f64);
        let embedders = self.embedders();
        probe::embed::post(&embedders, "resetcheck:progress", &[("done", done), ("total", total)]);
        resize_soon(embedders);
    }

    fn set_interim(&self, check: CheckId, result: Option<CheckResult>) {
        self.interim.update(|all| {
            all.retain(|(c, _)| *c != check);
            all.extend(result.map(|r| (check, r)));
        });
    }
}

/// Tells the embedding page the height once the DOM has taken the latest
/// change in: a throttled off-screen frame's `ResizeObserver` may not.
fn resize_soon(embedders: Vec<String>) {
    leptos::task::spawn_local(async move {
        probe::time::sleep(0).await;
        probe::embed::post_height(&embedders);
    });
}

fn result_is_final(state: &RunState, check: CheckId) -> bool {
    state.results.with_untracked(|slots| slots.iter().any(|(c, r)| *c == check && r.is_some()))
}

/// Runs everything and dispatches `resetcheck:done`. Bounded in time: the
/// config load has its own timeout, and so do the checks.
pub async fn run_all(state: RunState) {
    let (load, text) = probe::config::load(probe::config::CHECKER_URL).await;
    state.config_text.set_value(text);
    for problem in &load.problems {
        probe::page::console_warn(&format!("resetcheck config: {problem}"));
    }
    let config = load.config.clone();
    if probe::embed::is_framed() {
        let parent = probe::embed::framing_origin(probe::embed::Ancestor::Parent);
        let own = probe::page::own_origin();
        if let Some(warning) =
            config.embedder_warning(parent.as_deref(), own.as_deref(), Catalogue::checker(Locale::En))
        {
            probe::page::console_warn(&format!("resetcheck: {warning}"));
        }
    }
    state.config.set(Some(load));
    let embedders = state.embedders();
    probe::embed::post(&embedders, "resetcheck:ready", &[]);
    probe::embed::watch_height(embedders);

    let deadline = config.probe_timeout_ms + RUN_DEADLINE_SLACK_MS;
    let checks = state.checks().into_iter().map(|check| run_check(check, &config, state));
    // Every check has its own timeout; the deadline guards against a probe
    // that blocks in a way a timeout can't see.
    let _ = probe::time::with_timeout(deadline, probe::time::join_all(checks)).await;
    for check in state.checks() {
        if state.result(check).is_none() {
            state.set_result(check, Some(CheckResult::timed_out(check)));
        }
    }
    finish(state);
    state.announce();
    // For the admin, as the config's problems are: what the checks found
    // wrong with the deployment itself.
    let cat = Catalogue::checker(Locale::En);
    let names = state.endpoint_names(cat);
    state.report.with_untracked(|r| {
        let checks = r.as_ref().map_or(&[][..], |r| &r.checks[..]);
        for (_, _, _, text) in advice::render_where(cat, checks, &names, |_, f| advice::deployment_problem(f.id)) {
            probe::page::console_warn(&format!("resetcheck deployment: {}: {}", text.title, text.support));
        }
    });
}

/// Runs one check again (the "check again" button), then publishes the
/// updated report and fires `resetcheck:done` again.
pub async fn rerun(check: CheckId, state: RunState) {
    let Some(config) = state.config.with_untracked(|c| c.as_ref().map(|c| c.config.clone())) else {
        return;
    };
    state.again.set(Some(check));
    state.outcome.set(Outcome::Rerunning(check));
    run_check(check, &config, state).await;
    state.again.set(None);
    finish(state);
    state.announce();
}

/// Publishes the report again after the user added input (the e-mail
/// lint), if the automatic checks have finished and none runs again; else
/// the run's own end will include it. Not while the user is away (see
/// `RunState::away`).
pub fn republish(state: RunState) {
    if untrack(|| state.settled()) && !state.away.get_value() {
        finish(state);
        state.outcome.set(Outcome::Hushed);
    }
}

fn finish(state: RunState) {
    let mut results: Vec<CheckResult> = state
        .results
        .get_untracked()
        .into_iter()
        .map(|(check, result)| result.unwrap_or_else(|| CheckResult::probe_failed(check)))
        .collect();
    // Only the kinds of problem: the address and the link themselves are
    // never in a report.
    results.extend(state.email.get_untracked());
    results.extend(state.link.get_untracked().map(|(link, expiry)| match expiry {
        Some((analysed, left)) => resetcheck_core::link::aged(&link, left, analysed.elapsed_ms()),
        None => link,
    }));
    let report = Report::new(results).with_ran_at(state.server_now_ms());
    let code = code::encode(&report);
    probe::page::dispatch_done(Some(&code), &report.to_json());
    let embedders = state.embedders();
    // `display` is the code as people read it out, in groups of four.
    let display = Field::Text(code::format_for_display(&code));
    probe::embed::post(&embedders, "resetcheck:done", &[("code", Field::Text(code.clone())), ("display", display)]);
    state.code.set(Some(code));
    state.report.set(Some(report));
    resize_soon(embedders);
}

async fn run_check(check: CheckId, config: &Config, state: RunState) {
    let timeout = config.probe_timeout_ms;
    let budget = timeout * PROBE_BUDGET_PERCENT / 100;
    // One boxed future per check, so the timeout and its select are built
    // once rather than once per probe type (smaller wasm).
    let probe: Pin<Box<dyn Future<Output = CheckResult> + '_>> = match check {
        CheckId::Browser => Box::pin(async { browser::analyze(&probe::browser::observe().await) }),
        CheckId::Extensions => Box::pin(async move { extensions::analyze(&probe::extensions::observe(budget).await) }),
        CheckId::Network => Box::pin(async move {
            let (result, rows) = network::analyze(&probe::network::observe(config, budget).await, config);
            state.network_rows.set(rows);
            result
        }),
        // Not automatic: the e-mail lint runs as the user types, the link test when the user pastes.
        CheckId::Email | CheckId::Link => return,
        CheckId::Clock => Box::pin(async move {
            let endpoint = config.time_endpoint.as_ref().map(|u| u.as_fetch_url());
            let obs = probe::clock::observe(endpoint, budget, |partial| {
                state.set_interim(check, Some(clock::analyze(partial)));
            })
            .await;
            state.zone_name.set(obs.zone.iana.clone());
            clock::analyze(&obs)
        }),
    };
    let result = probe::time::with_timeout(timeout, probe).await;
    state.set_interim(check, None);
    state.set_result(check, Some(result.unwrap_or_else(|| CheckResult::timed_out(check))));
}
