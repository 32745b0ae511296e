//! The browser environment: cookies, web storage, the frame the checker
//! runs in, and the capabilities reset flows rely on.
//!
//! The probe in the app records what the browser did; [`analyze`] decides
//! what that means. Extensions and translation have their own check
//! (`extensions`); the browser's identity comes from `useragent`.

use crate::report::{CheckId, CheckResult, Finding, Param};
use crate::useragent::{self, ClientHints};
use crate::weburl::WebUrl;

/// What the probe saw. Exception names are DOMException names such as
/// `SecurityError`; messages are never recorded, as they can hold URLs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BrowserObservation {
    /// `navigator.cookieEnabled`, when it could be read.
    pub cookie_enabled: Option<bool>,
    /// A first-party test cookie (`SameSite=Lax`).
    pub cookie: CookieProbe,
    /// A `SameSite=None; Secure` test cookie: what a cross-site frame can
    /// use. Not run on insecure origins, where `Secure` cookies can't be set.
    pub cookie_cross_site: CookieProbe,
    /// The same with `Partitioned` (CHIPS): works where only partitioned
    /// third-party cookies are allowed.
    pub cookie_partitioned: CookieProbe,
    /// `localStorage` write, read back and remove.
    pub local_storage: StorageProbe,
    /// `sessionStorage` write, read back and remove.
    pub session_storage: StorageProbe,
    /// Opening (and deleting) an IndexedDB database.
    pub indexed_db: StorageProbe,
    /// `navigator.storage.estimate().quota`, in bytes.
    pub storage_quota_bytes: Option<f64>,
    /// Opening the origin private file system
    /// (`navigator.storage.getDirectory()`); `Missing` where the browser has
    /// none or didn't answer in time.
    pub file_system: StorageProbe,
    /// `window.isSecureContext`, when it could be read.
    pub secure_context: Option<bool>,
    /// Where the checker runs: top level or inside a frame.
    pub frame: FrameObservation,
    /// Whether `crypto.subtle` exists.
    pub crypto_subtle: Option<bool>,
    /// Whether `PublicKeyCredential` (WebAuthn) exists.
    pub webauthn: Option<bool>,
    /// `PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable()`.
    pub platform_authenticator: Option<bool>,
    /// `navigator.onLine`.
    pub online: Option<bool>,
    /// `navigator.userAgent`. Only its coarse reading (family, major
    /// version, engine, OS) reaches the report, never the string.
    pub user_agent: Option<String>,
    /// `navigator.userAgentData`, where the browser has it.
    pub client_hints: Option<ClientHints>,
    /// `navigator.maxTouchPoints`: an iPad asking for desktop sites says
    /// it is a Mac, but has a touch screen.
    pub max_touch_points: Option<u32>,
    /// The frame address's `host_cookies`, as `embed.js` wrote it: it tries
    /// a cookie of its own on the page embedding the checker, and writes
    /// `blocked.<ms>` when it doesn't stick, all a cross-site frame can't
    /// see for itself. Read by [`host_cookies`].
    pub host_cookies: Option<String>,
    /// `Date.now()` when probed, to judge how old the browser is.
    pub now_ms: Option<f64>,
}

/// Whether the checker runs in a frame, and whose.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrameObservation {
    /// `window.self !== window.top`.
    pub embedded: bool,
    /// The checker's own origin (`location.origin`).
    pub own_origin: Option<String>,
    /// The top-level page's origin, from `location.ancestorOrigins` or else
    /// the referrer's origin; `None` when the browser tells neither.
    pub top_origin: Option<String>,
    /// `document.hasStorageAccess()`, where the browser has it.
    pub storage_access: Option<bool>,
}

/// The result of writing, reading back and deleting a test cookie.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum CookieProbe {
    /// The probe did not run.
    #[default]
    NotRun,
    /// The cookie was written; `read_back` says whether it came back.
    RoundTrip {
        /// The cookie was present after writing it.
        read_back: bool,
    },
    /// Touching `document.cookie` threw (sandboxed frames do this).
    Threw(String),
}

/// The result of a write, read back and remove on a web storage area.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum StorageProbe {
    /// The probe did not run.
    #[default]
    NotRun,
    /// Write, read back and remove all worked.
    Works,
    /// The storage object is absent or access to it threw before use.
    Missing,
    /// A call threw this exception.
    Threw(String),
    /// The value read back differed from the one written.
    Mismatch,
    /// The API took the request and never answered within the probe's
    /// time (an IndexedDB open on a slow or busy disk).
    NoAnswer,
}

/// What embed.js's `host_cookies` parameter says of the embedding page's
/// own cookies: `Some(false)` for `blocked.<ms>` stamped within ten minutes
/// of `now_ms` (the same device's clock), else nothing. The stamp keeps a
/// frame address copied into a plain `<iframe>` from telling every
/// visitor their cookies are blocked.
///
/// ```
/// use resetcheck_core::browser::host_cookies;
/// assert_eq!(host_cookies(Some("blocked.1700000000000"), 1_700_000_004_000.0), Some(false));
/// assert_eq!(host_cookies(Some("blocked.1700000000000"), 1_700_003_600_000.0), None);
/// assert_eq!(host_cookies(Some("blocked"), 1_700_000_000_000.0), None);
/// assert_eq!(host_cookies(None, 1_700_000_000_000.0), None);
/// ```
pub fn host_cookies(param: Option<&str>, now_ms: f64) -> Option<bool> {
    const FRESH_MS: f64 = 10.0 * 60_000.0;
    // Whole milliseconds, as `Date.now()` writes them: parsing a float would
    // bring 15 KB of float parsing into the page.
    let stamp: i64 = param?.strip_prefix("blocked.")?.parse().ok()?;
    ((now_ms - stamp as f64).abs() <= FRESH_MS).then_some(false)
}

/// Turns the observation into the browser check's result.
///
/// ```
/// use resetcheck_core::browser::*;
/// let obs = BrowserObservation {
///     cookie_enabled: Some(true),
///     cookie: CookieProbe::RoundTrip { read_back: false },
///     ..Default::default()
/// };
/// let result = analyze(&obs);
/// assert_eq!(result.findings[0].id, "browser.cookies_blocked");
/// ```
pub fn analyze(obs: &BrowserObservation) -> CheckResult {
    let mut findings = Vec::new();
    let frame = frame_kind(&obs.frame);
    let cookies = cookie_finding(obs, frame);
    // Blocking a site's cookies blocks its storage too (SecurityError): one
    // setting, one fix, so the cookie finding speaks for both, and the
    // `storage` measure still says "blocked".
    let same_block =
        cookies.as_ref().is_some_and(|f| matches!(f.id, "browser.cookies_blocked" | "browser.cookies_disabled"));
    findings.extend(cookies);
    let storage = [
        ("browser.local_storage_unavailable", &obs.local_storage),
        ("browser.session_storage_unavailable", &obs.session_storage),
        ("browser.indexeddb_unavailable", &obs.indexed_db),
    ];
    let storage_problems: Vec<Finding> = storage
        .iter()
        .filter_map(|(id, probe)| storage_problem(probe).map(|r| Finding::new(id).with("reason", Param::Word(r))))
        .collect();
    // In a cross-site frame, browsers partition or deny storage to the
    // frame only; the site's own reset pages run first-party and are not
    // affected, so warning the user would send them after the wrong thing.
    // The `browser.embedded` note says the frame's situation instead.
    let frame_storage = if storage_problems.is_empty() { "works" } else { "blocked" };
    if frame != Frame::CrossSite {
        // Chromium denies IndexedDB under a cookie block with an
        // UnknownError ("other"), not a SecurityError: the same block too.
        let denied = |f: &Finding| {
            matches!(f.params.get("reason"), Some(Param::Word("denied")))
                || (f.id == "browser.indexeddb_unavailable" && f.params.get("reason") == Some(&Param::Word("other")))
        };
        findings.extend(storage_problems.into_iter().filter(|f| !(same_block && denied(f))));
    }
    if obs.secure_context == Some(false) {
        findings.push(Finding::new("browser.insecure_context"));
    }
    // In an insecure context Web Crypto and WebAuthn are hidden by design;
    // the insecure-context finding already says what to do.
    if obs.secure_context == Some(true) {
        if obs.crypto_subtle == Some(false) {
            findings.push(Finding::new("browser.crypto_unavailable"));
        }
        if obs.webauthn == Some(false) {
            findings.push(Finding::new("browser.passkeys_unavailable"));
        }
    }
    if obs.online == Some(false) {
        findings.push(Finding::new("browser.offline"));
    }
    let info = obs.user_agent.as_deref().map(|ua| {
        let hints = obs.client_hints.as_ref();
        useragent::on_device(useragent::identify(hints, ua), hints, obs.max_touch_points)
    });
    let now = obs.now_ms.filter(|n| n.is_finite()).map(|n| n as i64);
    if let (Some(info), Some(now)) = (&info, now) {
        findings.extend(useragent::outdated(info, now));
    }
    if let Some(app) = obs.user_agent.as_deref().and_then(useragent::in_app_browser) {
        findings.push(Finding::new("browser.in_app_browser").with("app", Param::Word(app)));
    }
    findings.extend(private_window_hint(obs, info.as_ref().map(|i| i.engine), frame));
    if frame != Frame::Top {
        findings.push(Finding::new("browser.embedded").with("storage_access", Param::Word(storage_access(obs))));
    }

    let passkeys = match (obs.webauthn, obs.platform_authenticator) {
        (Some(true), Some(true)) => "platform",
        (Some(true), _) => "yes",
        (Some(false), _) => "no",
        (None, _) => "unknown",
    };
    let mut result = CheckResult::new(CheckId::Browser, findings)
        .with_measure("frame", Param::Word(frame.as_str()))
        .with_measure("storage", Param::Word(frame_storage))
        .with_measure("passkeys", Param::Word(passkeys));
    for (name, value) in info.as_ref().map(useragent::measures).unwrap_or_default() {
        result = result.with_measure(name, value);
    }
    result
}

/// Where the checker runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Frame {
    Top,
    SameSite,
    CrossSite,
}

impl Frame {
    fn as_str(self) -> &'static str {
        match self {
            Frame::Top => "top",
            Frame::SameSite => "same_site_frame",
            Frame::CrossSite => "cross_site_frame",
        }
    }
}

/// Whether the probe should open the origin private file system: only
/// Firefox's refusal of it means something (a private window, see
/// `private_window_hint`); elsewhere opening it would only leave an empty
/// directory in the profile for nothing.
///
/// ```
/// use resetcheck_core::browser::file_system_probe_applies;
/// assert!(file_system_probe_applies(Some("Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0")));
/// assert!(!file_system_probe_applies(Some("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36")));
/// assert!(!file_system_probe_applies(None));
/// ```
pub fn file_system_probe_applies(user_agent: Option<&str>) -> bool {
    user_agent.is_some_and(|ua| useragent::identify(None, ua).engine == useragent::Engine::Gecko)
}

/// Whether the probe should try a first-party (`SameSite=Lax`) test
/// cookie. In a cross-site frame of a secure page the browser refuses it by
/// design, and Firefox logs an error for each refusal; the `SameSite=None`
/// probes say all there is to say there. (On an insecure page they can't
/// run, so the Lax one is all there is.)
///
/// ```
/// use resetcheck_core::browser::{first_party_cookie_probe_applies, FrameObservation};
/// let framed = FrameObservation {
///     embedded: true,
///     own_origin: Some("https://id.example.com".into()),
///     top_origin: Some("https://shop.example.net".into()),
///     storage_access: None,
/// };
/// assert!(!first_party_cookie_probe_applies(&framed, Some(true)));
/// assert!(first_party_cookie_probe_applies(&framed, Some(false)));
/// assert!(first_party_cookie_probe_applies(&FrameObservation::default(), Some(true)));
/// ```
pub fn first_party_cookie_probe_applies(frame: &FrameObservation, secure_context: Option<bool>) -> bool {
    frame_kind(frame) != Frame::CrossSite || secure_context != Some(true)
}

fn frame_kind(frame: &FrameObservation) -> Frame {
    if !frame.embedded {
        return Frame::Top;
    }
    match (&frame.own_origin, &frame.top_origin) {
        (Some(own), Some(top)) if same_site(own, top) => Frame::SameSite,
        // Unknown parent: assume the stricter cross-site rules apply.
        _ => Frame::CrossSite,
    }
}

/// Whether two origins are the same site: same scheme and the same
/// registrable domain.
///
/// Without the Public Suffix List this approximates the registrable domain
/// as the last two labels (three under a two-letter country code with a
/// short second level, such as `co.uk`); IP addresses and single-label
/// hosts must match exactly. Ports never matter to "site".
///
/// ```
/// use resetcheck_core::browser::same_site;
/// assert!(same_site("https://help.example.com", "https://www.example.com:8443"));
/// assert!(!same_site("http://localhost:8080", "http://127.0.0.1:8080"));
/// ```
pub fn same_site(a: &str, b: &str) -> bool {
    match (WebUrl::parse(a), WebUrl::parse(b)) {
        (Ok(a), Ok(b)) => a.scheme == b.scheme && registrable_domain(&a.host) == registrable_domain(&b.host),
        _ => false,
    }
}

fn registrable_domain(host: &str) -> &str {
    let is_ip = host.starts_with('[') || host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if is_ip {
        return host;
    }
    let labels: Vec<&str> = host.trim_end_matches('.').rsplit('.').collect();
    let keep = match labels.as_slice() {
        [tld, second, _, ..] if tld.len() == 2 && second.len() <= 3 => 3,
        _ => 2,
    };
    if labels.len() <= keep {
        return host;
    }
    // The byte offset where the last `keep` labels start.
    let tail: usize = labels[..keep].iter().map(|l| l.len()).sum::<usize>() + keep - 1;
    let host = host.trim_end_matches('.');
    &host[host.len() - tail..]
}

fn cookie_finding(obs: &BrowserObservation, frame: Frame) -> Option<Finding> {
    let works = |probe: &CookieProbe| matches!(probe, CookieProbe::RoundTrip { read_back: true });
    let failed =
        |probe: &CookieProbe| matches!(probe, CookieProbe::RoundTrip { read_back: false } | CookieProbe::Threw(_));
    if obs.cookie_enabled == Some(false) {
        // The browser says so itself.
        return Some(Finding::new("browser.cookies_disabled"));
    }
    if frame == Frame::CrossSite {
        // A cross-site frame can't set SameSite=Lax cookies at all, so only
        // the SameSite=None variants say anything here.
        return if works(&obs.cookie_cross_site) {
            None
        } else if works(&obs.cookie_partitioned) {
            Some(Finding::new("browser.cookies_partitioned"))
        } else if failed(&obs.cookie_cross_site) || failed(&obs.cookie_partitioned) || failed(&obs.cookie) {
            // Many browsers' default (Safari's, and any with third-party
            // cookies off): a note, as it breaks only a reset form that is
            // itself in a frame, and says nothing of the site's own cookies;
            // unless the embedding page couldn't keep its own cookie either
            // (embed.js tried one): then every cookie is blocked.
            let host_blocked = obs.now_ms.and_then(|now| host_cookies(obs.host_cookies.as_deref(), now)) == Some(false);
            Some(Finding::new(if host_blocked { "browser.cookies_blocked" } else { "browser.frame_cookies_blocked" }))
        } else {
            None
        };
    }
    // Blocked silently (a site setting, an extension, a sandbox): the API
    // says cookies are on, but the test cookie didn't stick.
    failed(&obs.cookie).then(|| Finding::new("browser.cookies_blocked"))
}

fn storage_access(obs: &BrowserObservation) -> &'static str {
    match obs.frame.storage_access {
        Some(true) => "granted",
        Some(false) => "not_granted",
        None => "unsupported",
    }
}

/// Chromium gives a normal profile a quota of a large share of the disk
/// (gigabytes) but an incognito profile one bounded by memory, typically
/// well under a gigabyte; detectIncognito uses the same signal
/// (Joe12387/detectIncognito). It is a hint, never a verdict.
const PRIVATE_MODE_QUOTA_BYTES: f64 = 1_200.0 * 1024.0 * 1024.0;

/// A hint that this is a private window: Chromium's small quota, or
/// Firefox refusing its file system.
///
/// Gecko's and WebKit's quotas are a share of the free disk under a fixed
/// cap (Firefox 153 gave 10 GiB here, private window or not) or a fixed
/// gigabyte (older Safari), so a small one there says something about the
/// disk, not the window. But Firefox (153 ESR, tested) refuses
/// `navigator.storage.getDirectory()` with a `SecurityError` in a private
/// window while its cookies and `localStorage` work; a cookie block refuses
/// it too, but takes those with it (detectIncognito reads the same sign).
/// WebKit's refusals of it are not specific to private windows.
fn private_window_hint(obs: &BrowserObservation, engine: Option<useragent::Engine>, frame: Frame) -> Option<Finding> {
    match engine? {
        useragent::Engine::Blink => private_mode_quota_mb(obs.storage_quota_bytes)
            .map(|mb| Finding::new("browser.private_mode_hint").with("quota_mb", Param::Int(mb))),
        useragent::Engine::Gecko => {
            let refused = matches!(&obs.file_system, StorageProbe::Threw(name) if name == "SecurityError");
            let storage_works =
                obs.cookie == CookieProbe::RoundTrip { read_back: true } && obs.local_storage == StorageProbe::Works;
            // A cross-site frame's storage follows other rules.
            (refused && storage_works && frame != Frame::CrossSite)
                .then(|| Finding::new("browser.private_mode_refusal"))
        }
        _ => None,
    }
}

fn private_mode_quota_mb(quota: Option<f64>) -> Option<i64> {
    let quota = quota.filter(|q| q.is_finite() && *q > 0.0)?;
    (quota < PRIVATE_MODE_QUOTA_BYTES).then(|| (quota / (1024.0 * 1024.0)).round() as i64)
}

/// The vocabulary of the `reason` param: why storage is unusable.
pub const STORAGE_REASONS: [&str; 5] = ["missing", "denied", "quota", "mismatch", "other"];
/// The vocabulary of the `storage_access` param of `browser.embedded`.
pub const STORAGE_ACCESS: [&str; 3] = ["granted", "not_granted", "unsupported"];

fn storage_problem(probe: &StorageProbe) -> Option<&'static str> {
    match probe {
        // No answer is no verdict: "unavailable" would send the user to
        // their settings for what may only be a slow disk (robustness
        // review, 2026-11-27).
        StorageProbe::NotRun | StorageProbe::Works | StorageProbe::NoAnswer => None,
        StorageProbe::Missing => Some("missing"),
        StorageProbe::Mismatch => Some("mismatch"),
        StorageProbe::Threw(name) => Some(match name.as_str() {
            "SecurityError" => "denied",
            // Firefox names it differently from the standard.
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => "quota",
            _ => "other",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Status;

    /// A default desktop Chromium at top level, as the probe sees it.
    fn healthy() -> BrowserObservation {
        BrowserObservation {
            cookie_enabled: Some(true),
            cookie: CookieProbe::RoundTrip { read_back: true },
            cookie_cross_site: CookieProbe::RoundTrip { read_back: true },
            cookie_partitioned: CookieProbe::RoundTrip { read_back: true },
            local_storage: StorageProbe::Works,
            session_storage: StorageProbe::Works,
            indexed_db: StorageProbe::Works,
            storage_quota_bytes: Some(150e9),
            file_system: StorageProbe::Works,
            secure_context: Some(true),
            frame: FrameObservation {
                embedded: false,
                own_origin: Some("https://help.example.com".into()),
                top_origin: None,
                storage_access: Some(true),
            },
            crypto_subtle: Some(true),
            webauthn: Some(true),
            platform_authenticator: Some(false),
            online: Some(true),
            user_agent: None,
            client_hints: None,
            max_touch_points: None,
            host_cookies: None,
            now_ms: None,
        }
    }

    fn embedded_in(top: Option<&str>, storage_access: Option<bool>) -> FrameObservation {
        FrameObservation {
            embedded: true,
            own_origin: Some("https://help.example.com".into()),
            top_origin: top.map(Into::into),
            storage_access,
        }
    }

    fn ids(obs: &BrowserObservation) -> Vec<String> {
        analyze(obs)
            .findings
            .iter()
            .map(|f| {
                let params: Vec<String> = f.params.iter().map(|(k, v)| format!("{k}={}", v.to_text())).collect();
                if params.is_empty() {
                    f.id.to_owned()
                } else {
                    format!("{}({})", f.id, params.join(","))
                }
            })
            .collect()
    }

    #[test]
    fn healthy_browser_passes() {
        let result = analyze(&healthy());
        assert_eq!(result.status, Status::Pass);
        assert!(result.findings.is_empty());
    }

    #[test]
    fn cookies_turned_off() {
        let obs = BrowserObservation {
            cookie_enabled: Some(false),
            cookie: CookieProbe::RoundTrip { read_back: false },
            ..healthy()
        };
        assert_eq!(ids(&obs), ["browser.cookies_disabled"]);
        assert_eq!(analyze(&obs).status, Status::Fail);
    }

    #[test]
    fn cookies_silently_blocked() {
        // Chromium with cookies blocked in settings: cookieEnabled stays true
        // while writes are dropped.
        let obs = BrowserObservation { cookie: CookieProbe::RoundTrip { read_back: false }, ..healthy() };
        assert_eq!(ids(&obs), ["browser.cookies_blocked"]);
    }

    #[test]
    fn storage_denied_with_the_cookies_is_one_problem() {
        let denied = StorageProbe::Threw("SecurityError".into());
        let obs = BrowserObservation {
            cookie: CookieProbe::RoundTrip { read_back: false },
            local_storage: denied.clone(),
            session_storage: denied.clone(),
            indexed_db: denied,
            ..healthy()
        };
        assert_eq!(ids(&obs), ["browser.cookies_blocked"]);
        assert_eq!(analyze(&obs).measures["storage"], Param::Word("blocked"));
        // Chromium's cookie block fails IndexedDB with an UnknownError: the
        // same setting, not a second problem with contradicting advice
        // (audit B, 2026-11-26).
        let unknown = BrowserObservation { indexed_db: StorageProbe::Threw("UnknownError".into()), ..obs.clone() };
        assert_eq!(ids(&unknown), ["browser.cookies_blocked"]);
        // A storage problem of its own still shows.
        let full = BrowserObservation { local_storage: StorageProbe::Threw("QuotaExceededError".into()), ..obs };
        assert_eq!(ids(&full), ["browser.cookies_blocked", "browser.local_storage_unavailable(reason=quota)"]);
    }

    #[test]
    fn cookie_access_throws_in_sandbox() {
        let obs = BrowserObservation { cookie: CookieProbe::Threw("SecurityError".into()), ..healthy() };
        assert_eq!(ids(&obs), ["browser.cookies_blocked"]);
    }

    #[test]
    fn cookie_probe_not_run_is_not_a_finding() {
        let obs = BrowserObservation { cookie: CookieProbe::NotRun, ..healthy() };
        assert!(ids(&obs).is_empty());
    }

    #[test]
    fn storage_reasons() {
        let obs = BrowserObservation {
            local_storage: StorageProbe::Threw("QuotaExceededError".into()),
            session_storage: StorageProbe::Threw("SecurityError".into()),
            ..healthy()
        };
        assert_eq!(
            ids(&obs),
            ["browser.local_storage_unavailable(reason=quota)", "browser.session_storage_unavailable(reason=denied)"]
        );
        assert_eq!(analyze(&obs).status, Status::Warn);
        let obs = BrowserObservation {
            local_storage: StorageProbe::Missing,
            session_storage: StorageProbe::Mismatch,
            ..healthy()
        };
        assert_eq!(
            ids(&obs),
            [
                "browser.local_storage_unavailable(reason=missing)",
                "browser.session_storage_unavailable(reason=mismatch)"
            ]
        );
        let obs = BrowserObservation { local_storage: StorageProbe::Threw("Weird".into()), ..healthy() };
        assert_eq!(ids(&obs), ["browser.local_storage_unavailable(reason=other)"]);
    }

    #[test]
    fn healthy_browser_measures() {
        let result = analyze(&healthy());
        assert_eq!(result.measures["frame"], Param::Word("top"));
        assert_eq!(result.measures["passkeys"], Param::Word("yes"));
    }

    #[test]
    fn cross_site_frame_with_third_party_cookies_allowed() {
        let obs = BrowserObservation {
            // SameSite=Lax can't be set from a cross-site frame: not a finding.
            cookie: CookieProbe::RoundTrip { read_back: false },
            frame: embedded_in(Some("https://shop.example.net"), Some(false)),
            ..healthy()
        };
        assert_eq!(ids(&obs), ["browser.embedded(storage_access=not_granted)"]);
        assert_eq!(analyze(&obs).status, Status::Pass);
        assert_eq!(analyze(&obs).measures["frame"], Param::Word("cross_site_frame"));
    }

    #[test]
    fn storage_denied_in_a_cross_site_frame_is_the_frame_s_not_the_site_s() {
        let denied = StorageProbe::Threw("SecurityError".into());
        let obs = BrowserObservation {
            cookie: CookieProbe::RoundTrip { read_back: false },
            cookie_cross_site: CookieProbe::RoundTrip { read_back: false },
            local_storage: denied.clone(),
            session_storage: denied.clone(),
            indexed_db: denied,
            frame: embedded_in(Some("http://localhost:8081"), Some(false)),
            ..healthy()
        };
        assert_eq!(ids(&obs), ["browser.cookies_partitioned", "browser.embedded(storage_access=not_granted)"]);
        assert_eq!(analyze(&obs).status, Status::Pass);
        assert_eq!(analyze(&obs).measures["storage"], Param::Word("blocked"));
        // At top level the same failure is the user's problem: cookies blocked, storage with them.
        let top = BrowserObservation { frame: FrameObservation::default(), ..obs };
        assert_eq!(ids(&top), ["browser.cookies_blocked"]);
    }

    #[test]
    fn cross_site_frame_with_third_party_cookies_blocked() {
        let obs = BrowserObservation {
            cookie: CookieProbe::RoundTrip { read_back: false },
            cookie_cross_site: CookieProbe::RoundTrip { read_back: false },
            cookie_partitioned: CookieProbe::RoundTrip { read_back: false },
            frame: embedded_in(Some("https://shop.example.net"), Some(false)),
            ..healthy()
        };
        assert_eq!(ids(&obs), ["browser.frame_cookies_blocked", "browser.embedded(storage_access=not_granted)"]);
        // What Safari does to every embedded checker by default: no alarm, as the site's own cookies may be fine.
        assert_eq!(analyze(&obs).status, Status::Pass);
        // But the embedding page couldn't keep its own cookie either: every cookie is blocked, the site's too
        // (phone review, 2026-11-27: "No problems found" for the one setting that breaks the reset).
        // (The checker's clock, and embed.js's stamp a second before.)
        let obs = BrowserObservation { now_ms: Some(1_700_000_001_000.0), ..obs };
        let said = |stamp_ms: i64| Some(format!("blocked.{stamp_ms}"));
        let all_blocked = BrowserObservation { host_cookies: said(1_700_000_000_000), ..obs.clone() };
        assert_eq!(ids(&all_blocked), ["browser.cookies_blocked", "browser.embedded(storage_access=not_granted)"]);
        assert_eq!(analyze(&all_blocked).status, Status::Fail);
        assert_eq!(
            // A stamp an hour old: an address copied with it.
            ids(&BrowserObservation { host_cookies: said(1_699_996_400_000), ..obs.clone() })[0],
            "browser.frame_cookies_blocked"
        );
        // Said while the frame's own third-party cookie works: not every cookie is blocked (review, 2026-11-27:
        // embed.js in a frame itself, or a frame address copied with the flag).
        let frame_works = BrowserObservation {
            host_cookies: said(1_700_000_000_000),
            cookie_cross_site: CookieProbe::RoundTrip { read_back: true },
            ..obs.clone()
        };
        assert!(!ids(&frame_works).contains(&"browser.cookies_blocked".to_owned()));
        assert_eq!(analyze(&frame_works).status, Status::Pass);
        // Said of a page that isn't embedding the checker (a crafted link), it is not heard.
        let top = BrowserObservation {
            host_cookies: said(1_700_000_000_000),
            frame: FrameObservation::default(),
            now_ms: obs.now_ms,
            ..healthy()
        };
        assert!(ids(&top).is_empty());
    }

    #[test]
    fn cross_site_frame_with_only_partitioned_cookies() {
        let obs = BrowserObservation {
            cookie: CookieProbe::RoundTrip { read_back: false },
            cookie_cross_site: CookieProbe::RoundTrip { read_back: false },
            frame: embedded_in(None, None),
            ..healthy()
        };
        assert_eq!(ids(&obs), ["browser.cookies_partitioned", "browser.embedded(storage_access=unsupported)"]);
        assert_eq!(analyze(&obs).status, Status::Pass);
    }

    #[test]
    fn same_site_frame_uses_first_party_rules() {
        let obs = BrowserObservation {
            cookie: CookieProbe::RoundTrip { read_back: false },
            frame: embedded_in(Some("https://www.example.com"), Some(true)),
            ..healthy()
        };
        assert_eq!(ids(&obs), ["browser.cookies_blocked", "browser.embedded(storage_access=granted)"]);
        assert_eq!(analyze(&obs).measures["frame"], Param::Word("same_site_frame"));
    }

    #[test]
    fn sites() {
        assert!(same_site("https://a.example.com", "https://b.example.com"));
        assert!(same_site("https://example.com", "https://example.com:444"));
        assert!(!same_site("https://example.com", "http://example.com"));
        assert!(same_site("https://www.bbc.co.uk", "https://news.bbc.co.uk"));
        assert!(!same_site("https://bbc.co.uk", "https://itv.co.uk"));
        assert!(same_site("http://127.0.0.1:8080", "http://127.0.0.1:9000"));
        assert!(!same_site("http://127.0.0.1:8080", "http://127.0.0.2:8080"));
        assert!(same_site("http://[::1]:1", "http://[::1]:2"));
        assert!(!same_site("not a url", "not a url"));
    }

    #[test]
    fn indexed_db_unavailable() {
        let obs = BrowserObservation { indexed_db: StorageProbe::Threw("InvalidStateError".into()), ..healthy() };
        assert_eq!(ids(&obs), ["browser.indexeddb_unavailable(reason=other)"]);
        // An open that never answered (a slow disk, a page held up) is no verdict.
        let silent = BrowserObservation { indexed_db: StorageProbe::NoAnswer, ..healthy() };
        assert_eq!(ids(&silent), Vec::<String>::new());
    }

    #[test]
    fn small_quota_is_a_private_mode_hint_only() {
        // Chrome 140 on Windows, as it sends its User-Agent.
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
        let obs = BrowserObservation {
            user_agent: Some(chrome.to_owned()),
            storage_quota_bytes: Some(100.0 * 1024.0 * 1024.0),
            ..healthy()
        };
        assert_eq!(ids(&obs), ["browser.private_mode_hint(quota_mb=100)"]);
        assert_eq!(analyze(&obs).status, Status::Pass);
        for weird in [None, Some(0.0), Some(f64::NAN), Some(-1.0)] {
            assert!(ids(&BrowserObservation { storage_quota_bytes: weird, ..obs.clone() }).is_empty());
        }
        // Without a User-Agent to tell the engine, no hint.
        assert!(ids(&BrowserObservation { user_agent: None, ..obs }).is_empty());
    }

    #[test]
    fn a_small_quota_is_a_hint_in_chromium_only() {
        // UA strings: Firefox 153 on Linux, Safari 18 on macOS, Chrome 140 on Android (as the browsers send them).
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0";
        let safari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15";
        let chrome = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36";
        let small = Some(500.0 * 1024.0 * 1024.0);
        let with =
            |ua: &str| BrowserObservation { user_agent: Some(ua.to_owned()), storage_quota_bytes: small, ..healthy() };
        // On a nearly full disk, Firefox's and Safari's quotas are small in a normal window too.
        assert!(ids(&with(firefox)).is_empty());
        assert!(ids(&with(safari)).is_empty());
        assert!(ids(&with(chrome)).contains(&"browser.private_mode_hint(quota_mb=500)".to_owned()));
    }

    #[test]
    fn firefox_refusing_its_file_system_alone_is_a_private_mode_hint() {
        // UA strings: Firefox 153 ESR on Linux, Chrome 140 on Windows (as the browsers send them).
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0";
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
        let refused = StorageProbe::Threw("SecurityError".into());
        // What Firefox 153 ESR showed in a private window (end2end/tests/firefox.spec.ts).
        let private =
            BrowserObservation { user_agent: Some(firefox.into()), file_system: refused.clone(), ..healthy() };
        assert_eq!(ids(&private), ["browser.private_mode_refusal"]);
        assert_eq!(analyze(&private).status, Status::Pass);
        // Its cookie block refuses the file system too, but cookies and storage with it: the cookie finding alone.
        let blocked = BrowserObservation {
            cookie_enabled: Some(false),
            cookie: CookieProbe::RoundTrip { read_back: false },
            local_storage: refused.clone(),
            session_storage: refused.clone(),
            indexed_db: refused.clone(),
            ..private.clone()
        };
        assert_eq!(ids(&blocked), ["browser.cookies_disabled"]);
        // Other refusals, no file system, another engine, a cross-site frame: no hint.
        for file_system in [StorageProbe::Threw("UnknownError".into()), StorageProbe::Missing, StorageProbe::Works] {
            assert!(ids(&BrowserObservation { file_system, ..private.clone() }).is_empty());
        }
        assert!(ids(&BrowserObservation { user_agent: Some(chrome.into()), ..private.clone() }).is_empty());
        assert!(ids(&BrowserObservation { user_agent: None, ..private.clone() }).is_empty());
        let framed = FrameObservation {
            embedded: true,
            top_origin: Some("https://shop.example.net".into()),
            ..private.frame.clone()
        };
        assert!(!ids(&BrowserObservation { frame: framed, ..private }).contains(&"browser.private_mode_refusal".into()));
    }

    #[test]
    fn missing_crypto_and_webauthn_in_a_secure_context() {
        let obs = BrowserObservation { crypto_subtle: Some(false), webauthn: Some(false), ..healthy() };
        assert_eq!(ids(&obs), ["browser.crypto_unavailable", "browser.passkeys_unavailable"]);
        assert_eq!(analyze(&obs).status, Status::Fail);
        assert_eq!(analyze(&obs).measures["passkeys"], Param::Word("no"));
        // Hidden by design on insecure pages: only the insecure context is reported.
        let insecure = BrowserObservation { secure_context: Some(false), ..obs };
        assert_eq!(ids(&insecure), ["browser.insecure_context"]);
    }

    #[test]
    fn browser_identity_is_measured_never_the_string() {
        let ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36";
        let obs = BrowserObservation { user_agent: Some(ua.into()), now_ms: Some(1_795_694_400_000.0), ..healthy() };
        let result = analyze(&obs);
        assert!(result.findings.is_empty());
        assert_eq!(result.measures["family"], Param::Word("chrome"));
        assert_eq!(result.measures["major"], Param::Int(156));
        assert_eq!(result.measures["os"], Param::Word("linux"));
        assert!(!crate::report::Report::new(vec![result]).to_json().contains("Mozilla"));
    }

    #[test]
    fn an_ipad_asking_for_desktop_sites_is_an_ipad() {
        // Safari on iPadOS 17 as it sends itself by default: a Mac's string (its "Request Desktop Website").
        let ua = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
        let os = |touch: Option<u32>| {
            let obs = BrowserObservation { user_agent: Some(ua.into()), max_touch_points: touch, ..healthy() };
            analyze(&obs).measures["os"].clone()
        };
        assert_eq!(os(Some(5)), Param::Word("ios"));
        assert_eq!(os(Some(1)), Param::Word("macos"));
        assert_eq!(os(Some(0)), Param::Word("macos"));
        assert_eq!(os(None), Param::Word("macos"));
        // Chrome on a Mac with a touch device attached, and a browser naming its platform, stay on a Mac
        // (review, 2026-11-27: Chrome 131 read as Chrome on iOS, which can't exist).
        let chrome = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        let obs = BrowserObservation { user_agent: Some(chrome.into()), max_touch_points: Some(5), ..healthy() };
        assert_eq!(analyze(&obs).measures["os"], Param::Word("macos"));
        let hints = ClientHints { platform: Some("macOS".into()), ..Default::default() };
        let obs = BrowserObservation {
            user_agent: Some(ua.into()),
            client_hints: Some(hints),
            max_touch_points: Some(5),
            ..healthy()
        };
        assert_eq!(analyze(&obs).measures["os"], Param::Word("macos"));
        // So its cookie steps are the iPad's, not the Mac's.
        let obs = BrowserObservation { user_agent: Some(ua.into()), max_touch_points: Some(5), ..healthy() };
        assert_eq!(crate::advice::own_cookie_steps(&analyze(&obs)), Some("safari_ios"));
    }

    #[test]
    fn an_old_browser_is_outdated() {
        let ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100.0.0.0 Safari/537.36";
        let obs = BrowserObservation { user_agent: Some(ua.into()), now_ms: Some(1_795_694_400_000.0), ..healthy() };
        assert_eq!(ids(&obs), ["browser.outdated(behind=58,family=chrome,major=100)"]);
        assert_eq!(analyze(&obs).status, Status::Warn);
    }

    #[test]
    fn an_in_app_browser_is_named_and_warned_of() {
        // ua-parser/uap-core tests/test_ua.yaml: Facebook's in-app browser on Android.
        let ua = "Mozilla/5.0 (Linux; U; Android 4.2.2; de-de; 706_v92_jbla_fhd Build/JDQ39) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30 [FB_IAB/FB4A;FBAV/24.0.0.30.15;]";
        let obs = BrowserObservation { user_agent: Some(ua.into()), ..healthy() };
        assert_eq!(ids(&obs), ["browser.in_app_browser(app=facebook)"]);
        assert_eq!(analyze(&obs).status, Status::Warn);
        // Its text names the app, and an unknown app reads as well.
        let cat = crate::messages::Catalogue::new(crate::messages::Locale::En);
        let finding = &analyze(&obs).findings[0];
        assert_eq!(
            crate::advice::render(cat, finding, Default::default()).title,
            "You're using the browser built into Facebook"
        );
        let unknown = Finding::new("browser.in_app_browser").with("app", Param::Word("other"));
        assert_eq!(
            crate::advice::render(cat, &unknown, Default::default()).title,
            "You're using the browser built into another app"
        );
    }

    #[test]
    fn offline() {
        let obs = BrowserObservation { online: Some(false), ..healthy() };
        assert_eq!(ids(&obs), ["browser.offline"]);
    }

    #[test]
    fn insecure_context() {
        let obs = BrowserObservation { secure_context: Some(false), ..healthy() };
        assert_eq!(ids(&obs), ["browser.insecure_context"]);
        let obs = BrowserObservation { secure_context: None, ..healthy() };
        assert!(ids(&obs).is_empty());
    }
}
