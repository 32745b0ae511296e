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
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

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

    /// What to tell the admin, in the console, about the page's `?checks=`
    /// and `?theme=` options (the embed snippet's `data-checks` and
    /// `data-theme`): a name that is not a check, a theme that is none, each
    /// ignored without a word otherwise.
    ///
    /// ```
    /// use resetcheck_core::messages::{Catalogue, Locale};
    /// use resetcheck_core::report::CheckId;
    /// let cat = Catalogue::checker(Locale::En);
    /// let said = CheckId::option_warnings(Some("clocks,network"), Some("darkk"), cat);
    /// assert_eq!(said.len(), 2);
    /// assert!(said[0].contains("“clocks”"));
    /// assert!(said[1].contains("“darkk”"));
    /// assert!(CheckId::option_warnings(Some("clock, network"), Some("auto"), cat).is_empty());
    /// // A crafted link's thousands of names: five, and how many more.
    /// let crafted = "x,y,".repeat(2) + &"z,".repeat(30_000) + "a,b,c,d";
    /// let said = CheckId::option_warnings(Some(&crafted), None, cat);
    /// assert_eq!(said.len(), 6);
    /// assert_eq!(said[5], "The checks option names 2 more entries that are not checks.");
    /// ```
    pub fn option_warnings(checks: Option<&str>, theme: Option<&str>, cat: crate::messages::Catalogue) -> Vec<String> {
        let known: Vec<&str> = CheckId::ALL.iter().map(|c| c.as_str()).collect();
        let known_list = known.join(&cat.text("punct.list_sep"));
        // A few names, each once: anyone can make a link with thousands,
        // each a console line.
        let mut named: Vec<&str> = Vec::new();
        let mut more: u64 = 0;
        for name in checks.unwrap_or("").split(',').map(str::trim) {
            if name.is_empty() || known.contains(&name) || named.contains(&name) {
                continue;
            }
            if named.len() < MOST_OPTION_WARNINGS {
                named.push(name);
            } else {
                more += 1;
            }
        }
        let mut said: Vec<String> = named
            .into_iter()
            .map(|name| cat.format("config.unknown_check", &[("name", name), ("known", &known_list)]))
            .collect();
        if more > 0 {
            said.push(cat.count("config.unknown_check_more", more, &[]));
        }
        if let Some(theme) = theme.filter(|t| !matches!(*t, "auto" | "") && forced_theme(Some(t)).is_none()) {
            said.push(cat.format("config.unknown_theme", &[("theme", theme)]));
        }
        said
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

/// The most unknown check names [`CheckId::option_warnings`] names.
const MOST_OPTION_WARNINGS: usize = 5;

/// The colour scheme a `?theme=` option (the embed snippet's `data-theme`)
/// forces: `light` or `dark`; `None` follows the system (`auto`, absent, or
/// a theme that is none, which [`CheckId::option_warnings`] names).
///
/// ```
/// use resetcheck_core::report::forced_theme;
/// assert_eq!(forced_theme(Some("dark")), Some("dark"));
/// assert_eq!(forced_theme(Some("auto")), None);
/// assert_eq!(forced_theme(Some("darkk")), None);
/// ```
pub fn forced_theme(option: Option<&str>) -> Option<&'static str> {
    ["light", "dark"].into_iter().find(|theme| option == Some(*theme))
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

    pub(crate) fn rank(self) -> u8 {
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

/// Named values in key order: a finding's params, a check's measures.
///
/// A sorted `Vec` rather than a `BTreeMap`: these hold a handful of
/// entries, and the B-tree's code was 14 KB of the checker's wasm. It
/// serializes as a JSON object with its keys in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params(Vec<(&'static str, Param)>);

impl Params {
    /// No values.
    pub const fn new() -> Params {
        Params(Vec::new())
    }

    /// The value named `key`.
    pub fn get(&self, key: &str) -> Option<&Param> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The whole number named `key`, if it is one.
    pub fn int(&self, key: &str) -> Option<i64> {
        match self.get(key) {
            Some(Param::Int(n)) => Some(*n),
            _ => None,
        }
    }

    /// The word named `key`, if it is one.
    pub fn word(&self, key: &str) -> Option<&'static str> {
        match self.get(key) {
            Some(Param::Word(w)) => Some(w),
            _ => None,
        }
    }

    /// Sets `key` to `value`, returning the value it replaced.
    pub fn insert(&mut self, key: &'static str, value: Param) -> Option<Param> {
        match self.0.iter().position(|(k, _)| *k >= key) {
            Some(i) if self.0[i].0 == key => Some(std::mem::replace(&mut self.0[i].1, value)),
            Some(i) => {
                self.0.insert(i, (key, value));
                None
            }
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    /// Takes the value named `key` out.
    pub fn remove(&mut self, key: &str) -> Option<Param> {
        let i = self.0.iter().position(|(k, _)| *k == key)?;
        Some(self.0.remove(i).1)
    }

    /// Whether a value is named `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The values with their names, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Param)> {
        self.0.iter().map(|(k, v)| (*k, v))
    }

    /// How many values there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::ops::Index<&str> for Params {
    type Output = Param;

    /// The value named `key`; panics when there is none, as a map does.
    fn index(&self, key: &str) -> &Param {
        match self.get(key) {
            Some(value) => value,
            None => panic!("no param named {key}"),
        }
    }
}

impl<const N: usize> From<[(&'static str, Param); N]> for Params {
    fn from(pairs: [(&'static str, Param); N]) -> Params {
        pairs.into_iter().collect()
    }
}

impl FromIterator<(&'static str, Param)> for Params {
    fn from_iter<I: IntoIterator<Item = (&'static str, Param)>>(pairs: I) -> Params {
        let mut params = Params::new();
        params.extend(pairs);
        params
    }
}

impl Extend<(&'static str, Param)> for Params {
    fn extend<I: IntoIterator<Item = (&'static str, Param)>>(&mut self, pairs: I) {
        for (k, v) in pairs {
            self.insert(k, v);
        }
    }
}

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.len()))?;
        for (k, v) in self.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// One thing a check found, by its registry id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The dotted registry id, such as `browser.cookies_blocked`.
    pub id: &'static str,
    /// Named values the advice text uses.
    pub params: Params,
}

impl Finding {
    /// A finding with no params.
    pub fn new(id: &'static str) -> Finding {
        debug_assert!(registry::lookup(id).is_some(), "{id} is not in the registry");
        Finding { id, params: Params::new() }
    }

    /// Adds a param.
    pub fn with(mut self, name: &'static str, value: Param) -> Finding {
        self.params.insert(name, value);
        self
    }
}

/// The result of one check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckResult {
    /// Which check.
    pub check: CheckId,
    /// Derived from the findings; see [`Status::from_findings`].
    pub status: Status,
    /// What it found.
    pub findings: Vec<Finding>,
    /// Measurements the check reports whatever it found, such as the
    /// clock's `offset_ms`; they appear as fields of the check's JSON.
    pub measures: Params,
}

impl Serialize for CheckResult {
    // By hand rather than `#[serde(flatten)]`, whose buffering serializer
    // costs the wasm several KB; the JSON is the same.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("check", &self.check)?;
        map.serialize_entry("status", &self.status)?;
        map.serialize_entry("findings", &self.findings)?;
        for (k, v) in self.measures.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl CheckResult {
    /// A result whose status follows from its findings.
    pub fn new(check: CheckId, findings: Vec<Finding>) -> CheckResult {
        CheckResult { check, status: Status::from_findings(&findings), findings, measures: Params::new() }
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
        let unknown = Finding { id: "future.thing", params: Params::new() };
        assert_eq!(Status::from_findings(&[unknown]), Status::Warn);
    }

    #[test]
    fn params_keep_key_order_and_replace() {
        let mut params = Params::from([("b", Param::Int(2)), ("a", Param::Int(1))]);
        assert_eq!(params.insert("c", Param::Word("x")), None);
        assert_eq!(params.insert("a", Param::Int(9)), Some(Param::Int(1)));
        assert_eq!(params.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(params.get("a"), Some(&Param::Int(9)));
        assert_eq!(params.remove("b"), Some(Param::Int(2)));
        assert!(!params.contains_key("b"));
        assert_eq!(serde_json::to_string(&params).unwrap(), r#"{"a":9,"c":"x"}"#);
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
