//! The network check: can the browser reach the auth endpoints, and if not,
//! why: CORS, a Content-Security-Policy, a blocking extension, an HTTP
//! error, a redirect elsewhere, mixed content, or the network itself.
//!
//! `fetch` rejects with the same bare `TypeError` for a CORS failure and a
//! dead network, on purpose (whatwg/fetch#605). The probe therefore runs a
//! small differential per endpoint and records every answer; [`classify`]
//! reads the differential:
//!
//! 1. a `cors` fetch; a response means the endpoint is reachable and
//!    readable, and gives its status and whether it redirected elsewhere;
//! 2. if that fails, a `cors` fetch that does not follow redirects: an
//!    opaque redirect means the server sent the browser on, somewhere the
//!    page may not go; then a `no-cors` fetch: an opaque answer means the
//!    server answered and only CORS failed (whatwg/fetch#1123). (`no-cors`
//!    requests must follow redirects, so they cannot show one.)
//! 3. `securitypolicyviolation` events whose `blockedURI` matches the
//!    endpoint: the page's own CSP blocked it;
//! 4. if both fail while another URL the checker probes on the same origin
//!    answered (the checker's own files for a same-origin path, another
//!    configured endpoint or the time endpoint), something in the browser
//!    is filtering the endpoint's URL (the image-versus-script
//!    differential test-ipv6 uses, per path). No request goes anywhere
//!    the config does not name.
//!
//! Endpoints are numbered for findings: 0 is the checker's own origin, 1 the
//! time endpoint, then the config's `endpoints` in order, from 2.

use crate::config::{Config, EndpointUrl, Method};
use crate::report::{CheckId, CheckResult, Finding, Param, Report};
use crate::weburl::{Scheme, WebUrl};

/// An answer slower than this is worth a note: short-lived reset flows and
/// one-time codes time out on links this slow.
pub const SLOW_MS: f64 = 2_000.0;

/// Index of the checker's own origin.
pub const SELF_INDEX: usize = 0;
/// Index of the time endpoint.
pub const TIME_INDEX: usize = 1;
/// Index of the config's first endpoint.
pub const FIRST_CONFIGURED_INDEX: usize = 2;

/// One endpoint to probe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Its number in findings.
    pub index: usize,
    /// The config's name for it; `None` for the checker's own origin and
    /// the time endpoint, which the catalogue names.
    pub name: Option<String>,
    /// What to fetch: a same-origin path or an absolute URL.
    pub url: EndpointUrl,
    /// `GET` or `HEAD`.
    pub method: Method,
    /// Whether the page must be able to read the answer.
    pub cors: bool,
}

/// Every endpoint the network check probes, in index order. Only
/// endpoints named in the config, plus the checker's own origin.
///
/// ```
/// let load = resetcheck_core::config::load(r#"{"time_endpoint": "/api/time",
///     "endpoints": [{"name": "Sign-in API", "url": "https://auth.example.com/health"}]}"#);
/// let targets = resetcheck_core::network::targets(&load.config);
/// assert_eq!(targets.iter().map(|t| t.index).collect::<Vec<_>>(), [0, 1, 2]);
/// // The time endpoint named among the endpoints too is probed once, as the time endpoint.
/// let load = resetcheck_core::config::load(r#"{"time_endpoint": "/api/time",
///     "endpoints": [{"name": "Time API", "url": "/api/time"}, {"name": "Auth", "url": "/auth"}]}"#);
/// let targets = resetcheck_core::network::targets(&load.config);
/// assert_eq!(targets.iter().map(|t| t.index).collect::<Vec<_>>(), [0, 1, 3]);
/// ```
pub fn targets(config: &Config) -> Vec<Target> {
    let mut list = vec![Target {
        index: SELF_INDEX,
        name: None,
        url: EndpointUrl::SameOrigin("./".to_owned()),
        method: Method::Head,
        cors: true,
    }];
    if let Some(url) = &config.time_endpoint {
        list.push(Target { index: TIME_INDEX, name: None, url: url.clone(), method: Method::Get, cors: true });
    }
    // Once: a config that names its time endpoint among its endpoints too
    // (as the demo's does) gets one row for it, the time service's, whose
    // findings the code then names as such (phone review, 2026-11-27: "the
    // time service" and "Time API" for one URL).
    let probed_as_time = |url: &EndpointUrl| config.time_endpoint.as_ref() == Some(url);
    list.extend(config.endpoints.iter().enumerate().filter(|(_, e)| !probed_as_time(&e.url)).map(|(i, e)| Target {
        index: FIRST_CONFIGURED_INDEX + i,
        name: Some(e.name.clone()),
        url: e.url.clone(),
        method: e.method,
        cors: e.cors,
    }));
    list
}

/// Names for every index up to the last target, for rendering findings:
/// the config's names, and the catalogue's for the two built-in ones.
pub fn endpoint_names(config: &Config, cat: crate::messages::Catalogue) -> Vec<String> {
    let mut names = vec![cat.text("network.endpoint.self"), cat.text("network.endpoint.time")];
    names.extend(config.endpoints.iter().map(|e| e.name.clone()));
    names
}

/// Which list of endpoints numbered a report's network findings: a 10-bit
/// hash of the config's `endpoints` URLs, in order. The code carries it
/// with a finding on a configured endpoint, so support with a config that
/// numbers them otherwise (one added, moved or removed since the check)
/// is not shown another endpoint's name ([`decoded_endpoint_names`]).
///
/// ```
/// use resetcheck_core::config::load;
/// use resetcheck_core::network::endpoints_id;
/// let one = load(r#"{"endpoints": [{"name": "A", "url": "https://a.example/x"}]}"#).config;
/// let two = load(r#"{"endpoints": [{"name": "B", "url": "https://b.example/x"}]}"#).config;
/// assert_ne!(endpoints_id(&one), endpoints_id(&two));
/// assert!((0..1024).contains(&endpoints_id(&one)));
/// ```
pub fn endpoints_id(config: &Config) -> i64 {
    // FNV-1a, folded to 10 bits: the same in every build, unlike std's hasher.
    let mut hash: u32 = 0x811c_9dc5;
    for endpoint in &config.endpoints {
        for byte in endpoint.url.as_fetch_url().bytes().chain([b'\n']) {
            hash ^= u32::from(byte);
            hash = hash.wrapping_mul(0x0100_0193);
        }
    }
    i64::from((hash ^ (hash >> 10) ^ (hash >> 20)) & 0x3ff)
}

/// Names for a decoded report's endpoints from the support side's
/// `config`: [`endpoint_names`], or only the two built-in ones when the
/// report's endpoints were numbered by another list (its `endpoint_list`
/// differs), so the others show by their place, not as whatever the config
/// has there now. The flag says the config differs.
pub fn decoded_endpoint_names(
    config: &Config,
    report: &Report,
    cat: crate::messages::Catalogue,
) -> (Vec<String>, bool) {
    let list = report.checks.iter().find(|c| c.check == CheckId::Network).and_then(|c| c.measures.int("endpoint_list"));
    let mut names = endpoint_names(config, cat);
    // A config with no endpoints names none anyway: most often one that
    // could not be read or loaded (the defaults), not one changed since.
    let changed = !config.endpoints.is_empty() && list.is_some_and(|list| list != endpoints_id(config));
    if changed {
        names.truncate(FIRST_CONFIGURED_INDEX);
        // By their place in the list as it was: today's file has another
        // endpoint there (support review, 2026-11-27).
        let last = report
            .checks
            .iter()
            .flat_map(|c| &c.findings)
            .filter_map(|f| usize::try_from(f.params.int("endpoint")?).ok())
            .filter(|&i| i < FIRST_CONFIGURED_INDEX + crate::config::MAX_ENDPOINTS)
            .max()
            .unwrap_or(0);
        names.extend((FIRST_CONFIGURED_INDEX..=last).map(|i| by_place(cat, "network.endpoint_unnamed_then", i)));
    }
    (names, changed)
}

/// Configured endpoint `index` named by its place in the config's
/// `endpoints`, counted from 1 and as the file numbers it (`endpoints[0]`,
/// which `check-config` uses), in the text `key`.
fn by_place(cat: crate::messages::Catalogue, key: &str, index: usize) -> String {
    let place = index.saturating_add(1).saturating_sub(FIRST_CONFIGURED_INDEX);
    cat.format(key, &[("n", &place.to_string()), ("i", &place.saturating_sub(1).to_string())])
}

/// The name of target `index`: a built-in one's from the catalogue, in the
/// form the catalogue asks ([`crate::messages::Catalogue::with_form`]: "dem
/// Zeitdienst"); a configured one's from `names` ([`endpoint_names`]), as
/// the config writes it, or, when the config that named it is not at hand
/// (a decoded code), its place in the config's `endpoints` list, counted
/// from 1 and as the file numbers it.
///
/// ```
/// use resetcheck_core::messages::{Catalogue, Locale};
/// use resetcheck_core::network::endpoint_name;
/// let cat = Catalogue::new(Locale::En);
/// let names = ["", "", "Sign-in API"].map(String::from);
/// assert_eq!(endpoint_name(cat, &names, 2), "Sign-in API");
/// assert_eq!(endpoint_name(cat, &[], 2), "Configured endpoint 1 (endpoints[0] in resetcheck.json)");
/// assert_eq!(endpoint_name(cat, &[], 1), cat.text("network.endpoint.time"));
/// ```
pub fn endpoint_name(cat: crate::messages::Catalogue, names: &[String], index: usize) -> String {
    match index {
        SELF_INDEX => cat.text("network.endpoint.self"),
        TIME_INDEX => cat.text("network.endpoint.time"),
        _ => names.get(index).cloned().unwrap_or_else(|| by_place(cat, "network.endpoint_unnamed", index)),
    }
}

/// What one fetch did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Fetch {
    /// Not tried.
    #[default]
    NotRun,
    /// An HTTP answer arrived.
    Answered {
        /// The status; 0 for an opaque (no-cors) answer.
        status: u16,
        /// `response.type` was `opaqueredirect`: a redirect, not followed.
        opaque_redirect: bool,
        /// Whether a followed redirect ended on another host.
        redirected_elsewhere: bool,
    },
    /// The promise rejected (`TypeError: Failed to fetch`).
    Failed,
    /// No answer within the time limit.
    TimedOut,
}

/// What the probe saw for one endpoint.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EndpointObservation {
    /// The endpoint's index.
    pub index: usize,
    /// The `cors` fetch (redirects followed).
    pub cors: Fetch,
    /// A `cors` fetch with `redirect: "manual"`, after the first failed.
    pub cors_manual: Fetch,
    /// The `no-cors` fetch.
    pub no_cors: Fetch,
    /// The CSP directive of a `securitypolicyviolation` for this URL; the
    /// analysis fills it from [`NetworkObservation::csp_violations`].
    pub csp_directive: Option<String>,
    /// How long the first request took, in milliseconds.
    pub elapsed_ms: f64,
}

/// What the network check saw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NetworkObservation {
    /// The page's own origin, to judge mixed content.
    pub page_origin: Option<String>,
    /// `navigator.onLine`.
    pub online: Option<bool>,
    /// One entry per probed endpoint.
    pub endpoints: Vec<EndpointObservation>,
    /// Every `securitypolicyviolation` seen while probing, as
    /// (`blockedURI`, `effectiveDirective`).
    pub csp_violations: Vec<(String, String)>,
}

/// Gives each endpoint whose request failed the directive of the CSP
/// violation that names it: its URL (without query), or just its origin
/// where the browser strips the report (after a redirect, for instance).
fn attribute_violations(endpoints: &mut [EndpointObservation], targets: &[Target], violations: &[(String, String)]) {
    for endpoint in endpoints.iter_mut() {
        if endpoint.csp_directive.is_some() {
            continue;
        }
        // Only a request that failed can have been blocked.
        let failed =
            [&endpoint.cors, &endpoint.cors_manual, &endpoint.no_cors].iter().any(|f| matches!(f, Fetch::Failed));
        let Some(target) = targets.iter().find(|t| t.index == endpoint.index) else { continue };
        let (Some(origin), true) = (target.url.foreign_origin(), failed) else { continue };
        let url = target.url.as_fetch_url();
        let url = url.split(['?', '#']).next().unwrap_or(&url).to_owned();
        endpoint.csp_directive = violations
            .iter()
            .find(|(blocked, _)| blocked.starts_with(&url) || blocked.trim_end_matches('/') == origin)
            .map(|(_, directive)| directive.clone());
    }
}

/// The verdict for one endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Reachable (and readable where it must be).
    Ok,
    /// Reachable but slow.
    Slow,
    /// The server answered, but without CORS headers for this page.
    CorsBlocked,
    /// The page's Content-Security-Policy blocked the request.
    CspBlocked,
    /// Something in the browser (an extension, a filter) blocked it.
    BlockedByClient,
    /// The server answered with an HTTP error.
    HttpError(u16),
    /// The request was redirected to another host.
    UnexpectedRedirect,
    /// An `http:` endpoint from an `https:` page.
    MixedContent,
    /// No answer at all: DNS, TCP or TLS failed, or a firewall dropped it.
    Unreachable,
    /// No answer in time.
    Timeout,
}

impl Outcome {
    /// The stable name, as the issue and the UI call it.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Slow => "slow",
            Outcome::CorsBlocked => "cors_blocked",
            Outcome::CspBlocked => "csp_blocked",
            Outcome::BlockedByClient => "blocked_by_client",
            Outcome::HttpError(_) => "http_error",
            Outcome::UnexpectedRedirect => "unexpected_redirect",
            Outcome::MixedContent => "mixed_content",
            Outcome::Unreachable => "unreachable",
            Outcome::Timeout => "timeout",
        }
    }

    /// Whether the user or support has something to act on.
    pub fn is_problem(self) -> bool {
        !matches!(self, Outcome::Ok | Outcome::Slow)
    }

    fn finding(self, index: usize) -> Option<Finding> {
        let endpoint = Param::Int(i64::try_from(index).unwrap_or(i64::MAX));
        let id = match self {
            Outcome::Ok => return None,
            Outcome::Slow => "network.slow",
            Outcome::CorsBlocked => "network.cors_blocked",
            Outcome::CspBlocked => "network.csp_blocked",
            Outcome::BlockedByClient => "network.blocked_by_client",
            Outcome::HttpError(_) => "network.http_error",
            Outcome::UnexpectedRedirect => "network.unexpected_redirect",
            Outcome::MixedContent => "network.mixed_content",
            Outcome::Unreachable => "network.unreachable",
            Outcome::Timeout => "network.timeout",
        };
        let finding = Finding::new(id).with("endpoint", endpoint);
        Some(match self {
            Outcome::HttpError(status) => finding.with("status", Param::Int(i64::from(status))),
            _ => finding,
        })
    }
}

/// The CSP directives the `directive` param names.
pub const DIRECTIVES: [&str; 4] = ["connect-src", "default-src", "img-src", "other"];

/// Reads one endpoint's differential; `host_answers` says whether another
/// probed URL on the same origin got an answer.
///
/// ```
/// use resetcheck_core::network::*;
/// let obs = EndpointObservation {
///     cors: Fetch::Failed,
///     no_cors: Fetch::Answered { status: 0, opaque_redirect: false, redirected_elsewhere: false },
///     ..Default::default()
/// };
/// assert_eq!(classify(&obs, &target_stub(), None, false), Outcome::CorsBlocked);
/// # fn target_stub() -> Target { Target { index: 2, name: None, url: resetcheck_core::config::EndpointUrl::parse("https://a.example/x").unwrap(), method: resetcheck_core::config::Method::Get, cors: true } }
/// ```
pub fn classify(obs: &EndpointObservation, target: &Target, page_origin: Option<&str>, host_answers: bool) -> Outcome {
    if is_mixed_content(&target.url, page_origin) {
        return Outcome::MixedContent;
    }
    // A redirect the browser was not allowed to follow also raises a CSP
    // violation; the redirect is the cause, so it wins.
    if matches!(obs.cors_manual, Fetch::Answered { opaque_redirect: true, .. }) {
        return Outcome::UnexpectedRedirect;
    }
    if obs.csp_directive.is_some() {
        return Outcome::CspBlocked;
    }
    // The answer that counts: the cors one for readable endpoints, else
    // the no-cors one.
    let primary = if target.cors { &obs.cors } else { &obs.no_cors };
    match primary {
        Fetch::Answered { redirected_elsewhere: true, .. } => Outcome::UnexpectedRedirect,
        Fetch::Answered { status, .. } if *status >= 400 => Outcome::HttpError(*status),
        Fetch::Answered { .. } if obs.elapsed_ms > SLOW_MS => Outcome::Slow,
        Fetch::Answered { .. } => Outcome::Ok,
        Fetch::TimedOut => Outcome::Timeout,
        Fetch::NotRun => Outcome::Unreachable,
        Fetch::Failed => match &obs.no_cors {
            // Readable endpoints only get here when the cors fetch failed.
            Fetch::Answered { .. } if target.cors => Outcome::CorsBlocked,
            Fetch::Answered { .. } => Outcome::Ok,
            Fetch::TimedOut => Outcome::Timeout,
            // Both modes failed, but the same origin answers on another
            // path: a filter in the browser matched this URL.
            Fetch::Failed | Fetch::NotRun if host_answers => Outcome::BlockedByClient,
            Fetch::Failed | Fetch::NotRun => Outcome::Unreachable,
        },
    }
}

/// Whether another target on `target`'s origin got an answer from it (not
/// from wherever a redirect led, such as a captive portal).
fn host_answers(target: &Target, targets: &[Target], obs: &NetworkObservation) -> bool {
    let page = obs.page_origin.as_deref();
    let origin = |t: &Target| match &t.url {
        EndpointUrl::Absolute(u) => Some(u.origin()),
        EndpointUrl::SameOrigin(_) => page.map(str::to_owned),
    };
    let Some(own) = origin(target) else { return false };
    targets.iter().filter(|t| t.index != target.index && origin(t).as_ref() == Some(&own)).any(|t| {
        obs.endpoints.iter().any(|e| {
            e.index == t.index
                && [&e.cors, &e.cors_manual, &e.no_cors]
                    .iter()
                    .any(|f| matches!(f, Fetch::Answered { redirected_elsewhere: false, .. }))
        })
    })
}

fn is_mixed_content(url: &EndpointUrl, page_origin: Option<&str>) -> bool {
    let (EndpointUrl::Absolute(url), Some(page)) = (url, page_origin) else {
        return false;
    };
    let page_is_https = WebUrl::parse(page).is_ok_and(|p| p.scheme == Scheme::Https);
    // Browsers treat loopback http as potentially trustworthy.
    let loopback = matches!(url.host.as_str(), "localhost" | "127.0.0.1" | "[::1]");
    page_is_https && url.scheme == Scheme::Http && !loopback
}

/// The CSP directive word for the `directive` param.
fn directive_word(raw: &str) -> &'static str {
    DIRECTIVES.iter().copied().find(|d| *d == raw).unwrap_or("other")
}

/// One endpoint's verdict with what the UI shows beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The endpoint's index.
    pub index: usize,
    /// The verdict.
    pub outcome: Outcome,
    /// How long it took, in milliseconds.
    pub elapsed_ms: f64,
}

/// Classifies every endpoint: the check result, plus one row per endpoint
/// for the page, problems first.
pub fn analyze(obs: &NetworkObservation, config: &Config) -> (CheckResult, Vec<Row>) {
    let targets = targets(config);
    let mut endpoints = obs.endpoints.clone();
    attribute_violations(&mut endpoints, &targets, &obs.csp_violations);
    let obs = &NetworkObservation { endpoints, ..obs.clone() };
    let mut rows: Vec<Row> = targets
        .iter()
        .map(|target| {
            let seen = obs.endpoints.iter().find(|e| e.index == target.index);
            let host_answers = host_answers(target, &targets, obs);
            let outcome = match seen {
                Some(e) => classify(e, target, obs.page_origin.as_deref(), host_answers),
                None => Outcome::Timeout,
            };
            Row { index: target.index, outcome, elapsed_ms: seen.map_or(0.0, |e| e.elapsed_ms) }
        })
        .collect();
    crate::order::sort_by_key(&mut rows, |r| (!r.outcome.is_problem(), r.outcome == Outcome::Ok, r.index));

    let mut findings: Vec<Finding> = Vec::new();
    for row in rows.iter().filter(|row| !time_service_row(row)) {
        let Some(mut finding) = row.outcome.finding(row.index) else { continue };
        if row.outcome == Outcome::CspBlocked {
            let raw = obs.endpoints.iter().find(|e| e.index == row.index).and_then(|e| e.csp_directive.as_deref());
            finding = finding.with("directive", Param::Word(directive_word(raw.unwrap_or(""))));
        }
        findings.push(finding);
    }
    let reachable = rows.iter().filter(|r| !r.outcome.is_problem()).count();
    let mut result = CheckResult::new(CheckId::Network, findings)
        .with_measure("endpoints", Param::Int(i64::try_from(rows.len()).unwrap_or(0)))
        .with_measure("reachable", Param::Int(i64::try_from(reachable).unwrap_or(0)));
    if !config.endpoints.is_empty() {
        result = result.with_measure("endpoint_list", Param::Int(endpoints_id(config)));
    }
    (result, rows)
}

/// Whether `row` is the time endpoint's. Its faults, whatever they are
/// (out of reach, slow, refused by the site's CSP or CORS, an HTTP error),
/// are the clock check's: only this page uses the time service, never the
/// reset, and the clock check works around it and says so in its own note
/// (`clock.endpoint_broken`, "nothing for you to do", which `?debug=1` and
/// the console list for the admin). A network finding beside it told the
/// user to try another network, or to try again later, for something the
/// reset doesn't need (phone review, 2026-11-27). The row still shows the
/// outcome.
fn time_service_row(row: &Row) -> bool {
    row.index == TIME_INDEX
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config;
    use expect_test::{expect, Expect};

    #[test]
    fn a_decoded_report_is_named_from_a_config_only_when_its_endpoint_list_matches() {
        let cat = crate::messages::Catalogue::new(crate::messages::Locale::En);
        let then = config::load(r#"{"endpoints": [{"name": "Auth API", "url": "https://auth.example/x"}]}"#).config;
        // An endpoint added before it since the check: index 2 is now another one.
        let now = config::load(
            r#"{"endpoints": [{"name": "Time API", "url": "/api/t"}, {"name": "Auth API", "url": "https://auth.example/x"}]}"#,
        )
        .config;
        let finding = Finding::new("network.cors_blocked").with("endpoint", Param::Int(2));
        let result = CheckResult::new(CheckId::Network, vec![finding])
            .with_measure("endpoint_list", Param::Int(endpoints_id(&then)));
        let report = crate::code::decode(&crate::code::encode(&Report::new(vec![result]))).unwrap();
        let (names, changed) = decoded_endpoint_names(&then, &report, cat);
        assert_eq!((endpoint_name(cat, &names, 2), changed), ("Auth API".to_owned(), false));
        let (names, changed) = decoded_endpoint_names(&now, &report, cat);
        assert!(changed);
        // By its place then, not in today's file, which has another endpoint there (support review, 2026-11-27).
        assert_eq!(
            endpoint_name(cat, &names, 2),
            "Configured endpoint 1 (endpoints[0] in the config as it was at the check)"
        );
        // A config that could not be read (the defaults) has not "changed".
        let broken = config::load("{").config;
        assert!(!decoded_endpoint_names(&broken, &report, cat).1);
        // The id is pinned: a change of how it is computed would call every
        // code made by a deployed checker "changed" for a newer decoder.
        assert_eq!(endpoints_id(&then), 233);
        // A report from before the list was carried is named as before.
        let old = Report::new(vec![CheckResult::new(CheckId::Network, vec![])]);
        assert_eq!(decoded_endpoint_names(&now, &old, cat), (endpoint_names(&now, cat), false));
    }

    const ANSWER: Fetch = Fetch::Answered { status: 200, opaque_redirect: false, redirected_elsewhere: false };
    const OPAQUE: Fetch = Fetch::Answered { status: 0, opaque_redirect: false, redirected_elsewhere: false };

    fn target(url: &str, cors: bool) -> Target {
        Target { index: 2, name: Some("API".into()), url: EndpointUrl::parse(url).unwrap(), method: Method::Get, cors }
    }

    /// The verdict with no other answer from the endpoint's origin.
    fn verdict(obs: EndpointObservation, cors: bool) -> &'static str {
        verdict_given(obs, cors, false)
    }

    fn verdict_given(obs: EndpointObservation, cors: bool, host_answers: bool) -> &'static str {
        let target = target("https://api.example.com/health", cors);
        classify(&obs, &target, Some("https://help.example.com"), host_answers).as_str()
    }

    fn obs(cors: Fetch, no_cors: Fetch) -> EndpointObservation {
        EndpointObservation { index: 2, cors, no_cors, elapsed_ms: 40.0, ..Default::default() }
    }

    fn redirected(mut o: EndpointObservation) -> EndpointObservation {
        o.cors_manual = Fetch::Answered { status: 0, opaque_redirect: true, redirected_elsewhere: false };
        o
    }

    #[test]
    fn the_differential_table() {
        use Fetch::*;
        let elsewhere = Answered { status: 200, opaque_redirect: false, redirected_elsewhere: true };
        let error = Answered { status: 503, opaque_redirect: false, redirected_elsewhere: false };
        let rows = [
            ("cors answers", obs(ANSWER, NotRun), false, "ok"),
            ("cors answers 503", obs(error, NotRun), false, "http_error"),
            ("cors fails, no-cors answers", obs(Failed, OPAQUE), false, "cors_blocked"),
            (
                "cors fails, a manual-redirect fetch redirects",
                redirected(obs(Failed, OPAQUE)),
                false,
                "unexpected_redirect",
            ),
            ("cors follows a redirect to another host", obs(elsewhere, NotRun), false, "unexpected_redirect"),
            ("both fail, the origin answers elsewhere", obs(Failed, Failed), true, "blocked_by_client"),
            ("both fail, nothing on the origin answers", obs(Failed, Failed), false, "unreachable"),
            ("cors times out", obs(TimedOut, NotRun), true, "timeout"),
            ("cors fails, no-cors times out", obs(Failed, TimedOut), true, "timeout"),
        ];
        for (what, o, host_answers, expected) in rows {
            assert_eq!(verdict_given(o, true, host_answers), expected, "{what}");
        }
    }

    #[test]
    fn reach_only_endpoints_use_the_no_cors_answer() {
        assert_eq!(verdict(obs(Fetch::NotRun, OPAQUE), false), "ok");
        assert_eq!(verdict_given(obs(Fetch::NotRun, Fetch::Failed), false, true), "blocked_by_client");
        assert_eq!(verdict(obs(Fetch::NotRun, Fetch::Failed), false), "unreachable");
        assert_eq!(verdict(obs(Fetch::NotRun, Fetch::TimedOut), false), "timeout");
    }

    #[test]
    fn csp_and_mixed_content_come_first() {
        let mut o = obs(Fetch::Failed, Fetch::Failed);
        o.csp_directive = Some("connect-src".into());
        assert_eq!(verdict(o, true), "csp_blocked");
        let http = target("http://api.example.com/health", true);
        let o = obs(Fetch::Failed, Fetch::Failed);
        assert_eq!(classify(&o, &http, Some("https://help.example.com"), false), Outcome::MixedContent);
        // Not from an http page, and never for loopback.
        assert_eq!(classify(&o, &http, Some("http://help.example.com"), false), Outcome::Unreachable);
        let loopback = target("http://127.0.0.1:9/x", true);
        assert_eq!(classify(&o, &loopback, Some("https://help.example.com"), false), Outcome::Unreachable);
    }

    #[test]
    fn a_redirect_blocked_by_csp_is_a_redirect() {
        let mut o = redirected(obs(Fetch::Failed, Fetch::Failed));
        o.csp_directive = Some("connect-src".into());
        assert_eq!(verdict(o, true), "unexpected_redirect");
    }

    #[test]
    fn csp_violations_are_matched_by_url_or_stripped_origin() {
        let load = config::load(
            r#"{"endpoints": [{"name": "A", "url": "https://a.example/api?x=1"}, {"name": "B", "url": "https://b.example/y"},
                {"name": "C", "url": "https://a.example/other"}]}"#,
        );
        let failed =
            |index| EndpointObservation { index, cors: Fetch::Failed, no_cors: Fetch::Failed, ..Default::default() };
        let ok = |index| EndpointObservation { index, cors: ANSWER, ..Default::default() };
        let obs = NetworkObservation {
            page_origin: Some("https://help.example.com".into()),
            online: Some(true),
            endpoints: vec![ok(0), failed(2), failed(3), ok(4)],
            csp_violations: vec![
                ("https://a.example/api".into(), "connect-src".into()),
                ("https://b.example".into(), "default-src".into()),
            ],
        };
        let (result, rows) = analyze(&obs, &load.config);
        let outcome = |i| rows.iter().find(|r| r.index == i).map(|r| r.outcome.as_str());
        assert_eq!(outcome(2), Some("csp_blocked"));
        assert_eq!(outcome(3), Some("csp_blocked"), "a report stripped to the origin still counts");
        // C shares A's origin but answered: a violation can't be its.
        assert_eq!(outcome(4), Some("ok"));
        assert_eq!(result.findings[1].params["directive"], Param::Word("default-src"));
    }

    #[test]
    fn slow_is_a_note() {
        let mut o = obs(ANSWER, Fetch::NotRun);
        o.elapsed_ms = 2_500.0;
        assert_eq!(verdict(o, true), "slow");
    }

    fn check(config_text: &str, endpoints: Vec<EndpointObservation>, expect: Expect) {
        let load = config::load(config_text);
        let obs = NetworkObservation {
            page_origin: Some("https://help.example.com".into()),
            online: Some(true),
            endpoints,
            csp_violations: Vec::new(),
        };
        let (result, rows) = analyze(&obs, &load.config);
        let rows: Vec<String> = rows.iter().map(|r| format!("{}:{}", r.index, r.outcome.as_str())).collect();
        let findings: Vec<String> = result
            .findings
            .iter()
            .map(|f| {
                let p: Vec<String> = f.params.iter().map(|(k, v)| format!("{k}={}", v.to_text())).collect();
                format!("{}({})", f.id, p.join(","))
            })
            .collect();
        expect.assert_eq(&format!(
            "{} rows=[{}] findings=[{}]",
            result.status.as_str(),
            rows.join(" "),
            findings.join(" ")
        ));
    }

    #[test]
    fn a_filter_is_told_from_another_answer_on_the_same_origin() {
        let ok = |index| EndpointObservation { index, cors: ANSWER, ..Default::default() };
        let failed =
            |index| EndpointObservation { index, cors: Fetch::Failed, no_cors: Fetch::Failed, ..Default::default() };
        check(
            r#"{"endpoints": [
                {"name": "A", "url": "https://api.example.com/a"},
                {"name": "B", "url": "https://api.example.com/b"},
                {"name": "C", "url": "https://other.example/c"},
                {"name": "D", "url": "/reset/api"},
                {"name": "E", "url": "https://third.example/e"},
                {"name": "F", "url": "https://third.example/f"}
            ]}"#,
            // The checker's own origin (0) answered, and so did A; C, E
            // and F have no neighbour that answered.
            vec![ok(0), ok(2), failed(3), failed(4), failed(5), failed(6), failed(7)],
            expect!["fail rows=[3:blocked_by_client 4:unreachable 5:blocked_by_client 6:unreachable 7:unreachable 0:ok 2:ok] findings=[network.blocked_by_client(endpoint=3) network.unreachable(endpoint=4) network.blocked_by_client(endpoint=5) network.unreachable(endpoint=6) network.unreachable(endpoint=7)]"],
        );
    }

    #[test]
    fn an_answer_from_where_a_redirect_led_does_not_vouch_for_the_origin() {
        // A captive portal answers every request, from its own host.
        let portal = Fetch::Answered { status: 200, opaque_redirect: false, redirected_elsewhere: true };
        let sent_on = EndpointObservation { index: 2, cors: portal, ..Default::default() };
        let failed =
            EndpointObservation { index: 3, cors: Fetch::Failed, no_cors: Fetch::Failed, ..Default::default() };
        check(
            r#"{"endpoints": [{"name": "A", "url": "https://api.example.com/a"}, {"name": "B", "url": "https://api.example.com/b"}]}"#,
            vec![sent_on, failed],
            expect!["fail rows=[0:timeout 2:unexpected_redirect 3:unreachable] findings=[network.timeout(endpoint=0) network.unexpected_redirect(endpoint=2) network.unreachable(endpoint=3)]"],
        );
    }

    #[test]
    fn the_time_service_out_of_reach_is_the_clock_check_s_note_not_a_network_problem() {
        // Phone review, 2026-11-27: "try another network" for the time service, beside the clock check's
        // "nothing for you to do"; the reset never uses it. Its row still says what happened.
        let ok = |index| EndpointObservation { index, cors: ANSWER, ..Default::default() };
        let failed =
            |index| EndpointObservation { index, cors: Fetch::Failed, no_cors: Fetch::Failed, ..Default::default() };
        let config = r#"{"time_endpoint": "https://time.example/now", "endpoints": [{"name": "A", "url": "/a"}]}"#;
        check(config, vec![ok(0), failed(1), ok(2)], expect!["pass rows=[1:unreachable 0:ok 2:ok] findings=[]"]);
        check(config, vec![ok(0), ok(2)], expect!["pass rows=[1:timeout 0:ok 2:ok] findings=[]"]);
        let slow = |index| EndpointObservation { index, cors: ANSWER, elapsed_ms: 3_000.0, ..Default::default() };
        check(
            config,
            vec![ok(0), slow(1), slow(2)],
            expect!["pass rows=[1:slow 2:slow 0:ok] findings=[network.slow(endpoint=2)]"],
        );
        // The same trouble with an endpoint the reset uses is a problem.
        check(
            config,
            vec![ok(0), ok(1), failed(2)],
            expect!["fail rows=[2:blocked_by_client 0:ok 1:ok] findings=[network.blocked_by_client(endpoint=2)]"],
        );
        // Nor the site's own policy refusing it: the clock check's note says it, for the admin too.
        let blocked = EndpointObservation { index: 1, cors: Fetch::Failed, no_cors: ANSWER, ..Default::default() };
        check(config, vec![ok(0), blocked, ok(2)], expect!["pass rows=[1:cors_blocked 0:ok 2:ok] findings=[]"]);
    }

    #[test]
    fn a_clean_run_is_all_ok() {
        let ok = |index| EndpointObservation { index, cors: ANSWER, ..Default::default() };
        check(
            r#"{"time_endpoint": "/api/time", "endpoints": [{"name": "A", "url": "/a"}]}"#,
            vec![ok(0), ok(1), ok(2)],
            expect!["pass rows=[0:ok 1:ok 2:ok] findings=[]"],
        );
    }

    #[test]
    fn problems_come_first_and_missing_observations_time_out() {
        let ok = |index| EndpointObservation { index, cors: ANSWER, ..Default::default() };
        let csp = EndpointObservation {
            index: 3,
            cors: Fetch::Failed,
            no_cors: Fetch::Failed,
            csp_directive: Some("connect-src".into()),
            ..Default::default()
        };
        check(
            r#"{"endpoints": [{"name": "A", "url": "https://a.example/x"}, {"name": "B", "url": "https://b.example/y"}]}"#,
            vec![ok(0), csp],
            expect!["fail rows=[2:timeout 3:csp_blocked 0:ok] findings=[network.timeout(endpoint=2) network.csp_blocked(directive=connect-src,endpoint=3)]"],
        );
    }

    #[test]
    fn targets_never_include_anything_unconfigured() {
        let load = config::load(
            r#"{"endpoints": [{"name": "A", "url": "https://a.example/x", "method": "HEAD", "cors": false}]}"#,
        );
        let list = targets(&load.config);
        assert_eq!(list.len(), 2, "own origin and the one endpoint; no time endpoint configured");
        assert_eq!(list[1].index, FIRST_CONFIGURED_INDEX);
        assert_eq!(list[1].method, Method::Head);
        assert!(!list[1].cors);
    }
}
