//! Browser basics: cookies, web storage and secure context.
//!
//! The probe in the app records what the browser did; [`analyze`] decides
//! what that means. The fuller browser-environment check (private mode,
//! extensions, embedded frames) will extend the observation.

use crate::report::{CheckId, CheckResult, Finding, Param};

/// What the probe saw. Exception names are DOMException names such as
/// `SecurityError`; messages are never recorded, as they can hold URLs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BrowserBasicsObservation {
    /// `navigator.cookieEnabled`, when it could be read.
    pub cookie_enabled: Option<bool>,
    /// The test-cookie round trip.
    pub cookie: CookieProbe,
    /// `localStorage` write, read back and remove.
    pub local_storage: StorageProbe,
    /// `sessionStorage` write, read back and remove.
    pub session_storage: StorageProbe,
    /// `window.isSecureContext`, when it could be read.
    pub secure_context: Option<bool>,
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
}

/// Turns the observation into the browser-basics check result.
///
/// ```
/// use resetcheck_core::browser::*;
/// let obs = BrowserBasicsObservation {
///     cookie_enabled: Some(true),
///     cookie: CookieProbe::RoundTrip { read_back: false },
///     local_storage: StorageProbe::Works,
///     session_storage: StorageProbe::Works,
///     secure_context: Some(true),
/// };
/// let result = analyze(&obs);
/// assert_eq!(result.findings[0].id, "browser.cookies_blocked");
/// ```
pub fn analyze(obs: &BrowserBasicsObservation) -> CheckResult {
    let mut findings = Vec::new();
    match (&obs.cookie_enabled, &obs.cookie) {
        // The browser says so itself.
        (Some(false), _) => findings.push(Finding::new("browser.cookies_disabled")),
        // Blocked silently (a site setting, an extension, a sandbox): the API
        // says cookies are on, but the test cookie didn't stick.
        (_, CookieProbe::RoundTrip { read_back: false }) | (_, CookieProbe::Threw(_)) => {
            findings.push(Finding::new("browser.cookies_blocked"))
        }
        _ => {}
    }
    if let Some(reason) = storage_problem(&obs.local_storage) {
        findings.push(Finding::new("browser.local_storage_unavailable").with("reason", Param::Word(reason)));
    }
    if let Some(reason) = storage_problem(&obs.session_storage) {
        findings.push(Finding::new("browser.session_storage_unavailable").with("reason", Param::Word(reason)));
    }
    if obs.secure_context == Some(false) {
        findings.push(Finding::new("browser.insecure_context"));
    }
    CheckResult::new(CheckId::Browser, findings)
}

/// The vocabulary of the `reason` param: why storage is unusable.
pub const STORAGE_REASONS: [&str; 5] = ["missing", "denied", "quota", "mismatch", "other"];

fn storage_problem(probe: &StorageProbe) -> Option<&'static str> {
    match probe {
        StorageProbe::NotRun | StorageProbe::Works => None,
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

    fn healthy() -> BrowserBasicsObservation {
        BrowserBasicsObservation {
            cookie_enabled: Some(true),
            cookie: CookieProbe::RoundTrip { read_back: true },
            local_storage: StorageProbe::Works,
            session_storage: StorageProbe::Works,
            secure_context: Some(true),
        }
    }

    fn ids(obs: &BrowserBasicsObservation) -> Vec<String> {
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
        let obs = BrowserBasicsObservation {
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
        // while writes are dropped (TOOLCHAIN.md, "Cookies blocked").
        let obs = BrowserBasicsObservation { cookie: CookieProbe::RoundTrip { read_back: false }, ..healthy() };
        assert_eq!(ids(&obs), ["browser.cookies_blocked"]);
    }

    #[test]
    fn cookie_access_throws_in_sandbox() {
        let obs = BrowserBasicsObservation { cookie: CookieProbe::Threw("SecurityError".into()), ..healthy() };
        assert_eq!(ids(&obs), ["browser.cookies_blocked"]);
    }

    #[test]
    fn cookie_probe_not_run_is_not_a_finding() {
        let obs = BrowserBasicsObservation { cookie: CookieProbe::NotRun, ..healthy() };
        assert!(ids(&obs).is_empty());
    }

    #[test]
    fn storage_reasons() {
        let obs = BrowserBasicsObservation {
            local_storage: StorageProbe::Threw("QuotaExceededError".into()),
            session_storage: StorageProbe::Threw("SecurityError".into()),
            ..healthy()
        };
        assert_eq!(
            ids(&obs),
            ["browser.local_storage_unavailable(reason=quota)", "browser.session_storage_unavailable(reason=denied)"]
        );
        assert_eq!(analyze(&obs).status, Status::Warn);
        let obs = BrowserBasicsObservation {
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
        let obs = BrowserBasicsObservation { local_storage: StorageProbe::Threw("Weird".into()), ..healthy() };
        assert_eq!(ids(&obs), ["browser.local_storage_unavailable(reason=other)"]);
    }

    #[test]
    fn insecure_context() {
        let obs = BrowserBasicsObservation { secure_context: Some(false), ..healthy() };
        assert_eq!(ids(&obs), ["browser.insecure_context"]);
        let obs = BrowserBasicsObservation { secure_context: None, ..healthy() };
        assert!(ids(&obs).is_empty());
    }
}
