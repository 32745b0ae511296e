//! The report model: checks, their status, and findings with params.
//!
//! A [`Report`] is what the UI renders, what the completion event carries as
//! JSON, and (later) what the diagnostic code encodes. Its JSON shape is a
//! public interface (see `docs/report.md`):
//!
//! ```json
//! {"format": 1, "checks": [{"check": "browser", "status": "fail",
//!   "findings": [{"id": "browser.cookies_blocked", "params": {}}]}]}
//! ```
//!
//! A check's status is never stored separately from its findings: it is the
//! worst severity among them ([`Status::from_findings`]), so the two cannot
//! disagree.

use crate::registry::{self, Severity};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// The version of the report JSON shape. Bump on an incompatible change.
pub const REPORT_FORMAT: u32 = 1;

/// Which check a result belongs to. Deliberately exhaustive: adding a
/// check must make every `match` (the runner, the UI) say how to handle it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
    /// Browser basics: cookies, storage, secure context.
    Browser,
    /// The device clock against the server's, and the time zone.
    Clock,
    /// Extensions and page translation that interfere with reset pages.
    Extensions,
    /// Whether the auth endpoints are reachable, and if not, why.
    Network,
    /// The optional e-mail address lint; runs only when the user types one.
    Email,
    /// The reset-link paste test; runs only when the user pastes a link.
    Link,
}

impl CheckId {
    /// Every check, in display order.
    pub const ALL: [CheckId; 4] = [CheckId::Clock, CheckId::Browser, CheckId::Network, CheckId::Extensions];

    /// The automatic checks a `?checks=clock,network` option selects, in
    /// display order; unknown names are ignored, and an empty or absent
    /// selection means every automatic check.
    ///
    /// ```
    /// use resetcheck_core::report::CheckId;
    /// assert_eq!(CheckId::select(Some("network, clock,bogus")), [CheckId::Clock, CheckId::Network]);
    /// assert_eq!(CheckId::select(None), CheckId::ALL);
    /// ```
    pub fn select(option: Option<&str>) -> Vec<CheckId> {
        let wanted: Vec<&str> = option.unwrap_or("").split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
        let chosen: Vec<CheckId> = CheckId::ALL.into_iter().filter(|c| wanted.contains(&c.as_str())).collect();
        if chosen.is_empty() {
            CheckId::ALL.to_vec()
        } else {
            chosen
        }
    }

    /// The stable name used in JSON and message keys.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckId::Browser => "browser",
            CheckId::Clock => "clock",
            CheckId::Extensions => "extensions",
            CheckId::Network => "network",
            CheckId::Email => "email",
            CheckId::Link => "link",
        }
    }
}

/// The outcome of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Nothing wrong found.
    Pass,
    /// The check did not apply here, and says why.
    Skip,
    /// Something may cause trouble.
    Warn,
    /// Something on the user's side breaks resets.
    Fail,
    /// The check could not run, and says why.
    Error,
}

impl Status {
    /// The status a set of findings implies: the most serious one wins, in
    /// the order error, fail, warn, skip; no findings (or only notes) pass.
    pub fn from_findings(findings: &[Finding]) -> Status {
        findings
            .iter()
            .filter_map(|f| match registry::severity(f.id) {
                Some(Severity::Error) => Some(Status::Error),
                Some(Severity::Fail) => Some(Status::Fail),
                Some(Severity::Warn) => Some(Status::Warn),
                Some(Severity::Skip) => Some(Status::Skip),
                Some(Severity::Note) => None,
                // A finding this build doesn't know: never let it pass silently.
                None => Some(Status::Warn),
            })
            .max_by_key(|s| s.rank())
            .unwrap_or(Status::Pass)
    }

    fn rank(self) -> u8 {
        match self {
            Status::Pass => 0,
            Status::Skip => 1,
            Status::Warn => 2,
            Status::Fail => 3,
            Status::Error => 4,
        }
    }

    /// The stable name used in JSON and message keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Skip => "skip",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Error => "error",
        }
    }

    /// Whether the user has something to act on.
    pub fn is_problem(self) -> bool {
        matches!(self, Status::Warn | Status::Fail)
    }
}

/// A value attached to a finding. Params never hold personal data: only
/// numbers and words from a fixed vocabulary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Param {
    /// A number, such as milliseconds.
    Int(i64),
    /// A word from a fixed vocabulary, such as `quota`.
    Word(&'static str),
}

impl Param {
    /// The value as text, for message templates.
    pub fn to_text(&self) -> String {
        match self {
            Param::Int(n) => n.to_string(),
            Param::Word(w) => (*w).to_owned(),
        }
    }
}

impl Serialize for Param {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Param::Int(n) => s.serialize_i64(*n),
            Param::Word(w) => s.serialize_str(w),
        }
    }
}

/// One thing a check found, by its registry id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The dotted registry id, such as `browser.cookies_blocked`.
    pub id: &'static str,
    /// Named values the advice text uses.
    pub params: BTreeMap<&'static str, Param>,
}

impl Finding {
    /// A finding with no params.
    pub fn new(id: &'static str) -> Finding {
        debug_assert!(registry::lookup(id).is_some(), "{id} is not in the registry");
        Finding { id, params: BTreeMap::new() }
    }

    /// Adds a param.
    pub fn with(mut self, name: &'static str, value: Param) -> Finding {
        self.params.insert(name, value);
        self
    }
}

/// The result of one check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    /// Which check.
    pub check: CheckId,
    /// Derived from the findings; see [`Status::from_findings`].
    pub status: Status,
    /// What it found.
    pub findings: Vec<Finding>,
    /// Measurements the check reports whatever it found, such as the
    /// clock's `offset_ms`; they appear as fields of the check's JSON.
    #[serde(flatten)]
    pub measures: BTreeMap<&'static str, Param>,
}

impl CheckResult {
    /// A result whose status follows from its findings.
    pub fn new(check: CheckId, findings: Vec<Finding>) -> CheckResult {
        CheckResult { check, status: Status::from_findings(&findings), findings, measures: BTreeMap::new() }
    }

    /// Adds a measurement.
    pub fn with_measure(mut self, name: &'static str, value: Param) -> CheckResult {
        self.measures.insert(name, value);
        self
    }

    /// The result of a probe that did not finish in time.
    pub fn timed_out(check: CheckId) -> CheckResult {
        CheckResult::new(check, vec![Finding::new("check.timeout")])
    }

    /// The result of a probe that failed before it could observe anything.
    pub fn probe_failed(check: CheckId) -> CheckResult {
        CheckResult::new(check, vec![Finding::new("check.probe_error")])
    }
}

/// Every check's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// [`REPORT_FORMAT`].
    pub format: u32,
    /// One result per check that ran or was due to run.
    pub checks: Vec<CheckResult>,
    /// When the checks ran, in Unix ms of the server-corrected clock (the
    /// page fills it; the core reads no clock). A decoded report has it to
    /// the hour. Omitted from the JSON when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ran_at_ms: Option<i64>,
}

impl Report {
    /// A report of these results, with no run time.
    pub fn new(checks: Vec<CheckResult>) -> Report {
        Report { format: REPORT_FORMAT, checks, ran_at_ms: None }
    }

    /// Sets when the checks ran (Unix ms, server-corrected).
    pub fn with_ran_at(mut self, ran_at_ms: i64) -> Report {
        self.ran_at_ms = Some(ran_at_ms);
        self
    }

    /// The report as JSON, the shape `docs/report.md` documents.
    pub fn to_json(&self) -> String {
        // Serializing plain structs with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_else(|_| String::from("{}"))
    }

    /// The most serious status across checks.
    pub fn overall(&self) -> Status {
        self.checks.iter().map(|c| c.status).max_by_key(|s| s.rank()).unwrap_or(Status::Pass)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_is_the_worst_finding() {
        let warn = Finding::new("browser.local_storage_unavailable");
        let fail = Finding::new("browser.cookies_blocked");
        let error = Finding::new("check.timeout");
        assert_eq!(Status::from_findings(&[]), Status::Pass);
        assert_eq!(Status::from_findings(std::slice::from_ref(&warn)), Status::Warn);
        assert_eq!(Status::from_findings(&[warn.clone(), fail.clone()]), Status::Fail);
        assert_eq!(Status::from_findings(&[fail, error, warn]), Status::Error);
    }

    #[test]
    fn unknown_finding_never_passes() {
        let unknown = Finding { id: "future.thing", params: BTreeMap::new() };
        assert_eq!(Status::from_findings(&[unknown]), Status::Warn);
    }

    #[test]
    fn measures_are_fields_of_the_check() {
        let result = CheckResult::new(CheckId::Clock, vec![])
            .with_measure("offset_ms", Param::Int(-93_500))
            .with_measure("uncertainty_ms", Param::Int(4));
        assert_eq!(
            serde_json::to_string(&result).unwrap(),
            r#"{"check":"clock","status":"pass","findings":[],"offset_ms":-93500,"uncertainty_ms":4}"#
        );
    }

    #[test]
    fn json_shape() {
        let report = Report::new(vec![CheckResult::timed_out(CheckId::Browser)]);
        assert_eq!(
            report.to_json(),
            r#"{"format":1,"checks":[{"check":"browser","status":"error","findings":[{"id":"check.timeout","params":{}}]}]}"#
        );
        assert_eq!(report.overall(), Status::Error);
    }
}
