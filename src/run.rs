//! Runs the checks: config first, then every check concurrently, each under
//! its own timeout and all under one run deadline, publishing results as
//! they arrive and the completion event at the end.

use crate::probe;
use futures::future::join_all;
use leptos::prelude::*;
use resetcheck_core::browser;
use resetcheck_core::config::{Config, ConfigLoad};
use resetcheck_core::report::{CheckId, CheckResult, Report};

/// Slack on top of the probe timeout before the whole run is cut off, for
/// the time analysis and rendering take on a slow phone.
const RUN_DEADLINE_SLACK_MS: u64 = 2_000;

/// The live state of a run, shared with the UI.
#[derive(Clone, Copy)]
pub struct RunState {
    /// The loaded config and its problems, once loaded.
    pub config: RwSignal<Option<ConfigLoad>>,
    /// One slot per check, in display order; `None` while it runs.
    pub results: RwSignal<Vec<(CheckId, Option<CheckResult>)>>,
    /// The finished report, once every check ended or the deadline passed.
    pub report: RwSignal<Option<Report>>,
}

impl RunState {
    /// A run with every check pending.
    pub fn new() -> RunState {
        RunState {
            config: RwSignal::new(None),
            results: RwSignal::new(CheckId::ALL.iter().map(|c| (*c, None)).collect()),
            report: RwSignal::new(None),
        }
    }

    /// How many checks have finished.
    pub fn finished(&self) -> usize {
        self.results.with(|r| r.iter().filter(|(_, res)| res.is_some()).count())
    }
}

impl Default for RunState {
    fn default() -> Self {
        RunState::new()
    }
}

/// Runs everything and dispatches `resetcheck:done`. Bounded in time: the
/// config load has its own timeout, and so do the checks.
pub async fn run_all(state: RunState) {
    let load = probe::config::load().await;
    for problem in &load.problems {
        probe::page::console_warn(&format!("resetcheck config: {problem}"));
    }
    let config = load.config.clone();
    state.config.set(Some(load));

    let deadline = config.probe_timeout_ms + RUN_DEADLINE_SLACK_MS;
    let checks = CheckId::ALL.map(|check| run_check(check, &config, state));
    // Every check has its own timeout; the deadline guards against a probe
    // that blocks in a way a timeout can't see.
    let _ = probe::time::with_timeout(deadline, join_all(checks)).await;

    let results = state
        .results
        .get_untracked()
        .into_iter()
        .map(|(check, result)| result.unwrap_or_else(|| CheckResult::timed_out(check, deadline)))
        .collect();
    let report = Report::new(results);
    probe::page::dispatch_done(None, &report.to_json());
    state.report.set(Some(report));
}

async fn run_check(check: CheckId, config: &Config, state: RunState) {
    let timeout = config.probe_timeout_ms;
    let result = match check {
        CheckId::Browser => {
            probe::time::with_timeout(timeout, probe::browser::observe()).await.map(|obs| browser::analyze(&obs))
        }
        // Wired up with its probe; not in `CheckId::ALL` until then.
        CheckId::Clock => Some(CheckResult::probe_failed(check)),
    };
    let result = result.unwrap_or_else(|| CheckResult::timed_out(check, timeout));
    state.results.update(|slots| {
        if let Some(slot) = slots.iter_mut().find(|(c, _)| *c == check) {
            slot.1 = Some(result);
        }
    });
}
