//! Extensions and page translation that interfere with reset pages, found
//! from the DOM markers they inject and from bait.
//!
//! Markers change as extensions update, so they are data: one line each in
//! [`MARKERS`], with where the marker is documented. The probe tests every
//! selector with `querySelector` (a few times, as content scripts inject
//! late) and reports which matched; [`analyze`] names the extensions.

use crate::report::{CheckId, CheckResult, Finding, Param};

/// What an injected marker says about the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A password manager, by its name word.
    PasswordManager(&'static str),
    /// A grammar or writing assistant.
    GrammarChecker(&'static str),
    /// Chrome's or Google's page translation.
    PageTranslation,
    /// Dark Reader.
    DarkReader,
    /// A security suite's browser protection.
    SecuritySuite(&'static str),
    /// Some extension we cannot name.
    Other,
}

/// One DOM marker: a CSS selector and what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marker {
    /// A selector for `document.querySelector`.
    pub selector: &'static str,
    /// What a match means.
    pub kind: Kind,
    /// Where the marker is documented.
    pub source: &'static str,
}

const fn marker(selector: &'static str, kind: Kind, source: &'static str) -> Marker {
    Marker { selector, kind, source }
}

const HYDRATION_LISTS: &str =
    "apps stripping extension attributes to avoid hydration errors (../shared/reference/browser-techniques.md)";
const OMNIROUTE: &str = "https://github.com/diegosouzapw/OmniRoute/pull/7073";

/// Every marker, one line each. Add a marker by adding a line.
pub static MARKERS: &[Marker] = &[
    marker("com-1password-button", Kind::PasswordManager("onepassword"), HYDRATION_LISTS),
    marker("com-1password-inline-menu", Kind::PasswordManager("onepassword"), HYDRATION_LISTS),
    marker("com-1password-notification", Kind::PasswordManager("onepassword"), HYDRATION_LISTS),
    marker("[data-1p-ignore-processed]", Kind::PasswordManager("onepassword"), HYDRATION_LISTS),
    marker("[data-lastpass-root]", Kind::PasswordManager("lastpass"), HYDRATION_LISTS),
    marker("[data-lastpass-icon-root]", Kind::PasswordManager("lastpass"), HYDRATION_LISTS),
    marker("[data-bitwarden-watching]", Kind::PasswordManager("bitwarden"), HYDRATION_LISTS),
    marker("[data-dashlanecreated]", Kind::PasswordManager("dashlane"), HYDRATION_LISTS),
    marker("[data-gr-ext-installed]", Kind::GrammarChecker("grammarly"), OMNIROUTE),
    marker("[data-new-gr-c-s-check-loaded]", Kind::GrammarChecker("grammarly"), OMNIROUTE),
    marker("grammarly-desktop-integration", Kind::GrammarChecker("grammarly"), OMNIROUTE),
    marker("[data-lt-installed]", Kind::GrammarChecker("languagetool"), OMNIROUTE),
    // Firefox and Yandex translation leave no marker, so no match does not
    // mean no translation.
    marker("html.translated-ltr", Kind::PageTranslation, HYDRATION_LISTS),
    marker("html.translated-rtl", Kind::PageTranslation, HYDRATION_LISTS),
    marker("html[data-darkreader-mode]", Kind::DarkReader, HYDRATION_LISTS),
    marker("html[data-darkreader-scheme]", Kind::DarkReader, HYDRATION_LISTS),
    marker("meta[name=\"darkreader\"]", Kind::DarkReader, HYDRATION_LISTS),
    marker("style.darkreader", Kind::DarkReader, HYDRATION_LISTS),
    marker(
        "[bis_skin_checked]",
        Kind::SecuritySuite("bitdefender"),
        "https://github.com/iTestFlow/iTestFlow-Agent/issues/53",
    ),
    marker(
        "[bis_register]",
        Kind::SecuritySuite("bitdefender"),
        "https://github.com/iTestFlow/iTestFlow-Agent/issues/53",
    ),
    marker("iframe[src^=\"chrome-extension://\"]", Kind::Other, HYDRATION_LISTS),
    marker("iframe[src^=\"moz-extension://\"]", Kind::Other, HYDRATION_LISTS),
];

/// The bait element's classes: names cosmetic filter lists hide
/// (atmoner/Adblock-detector, nsi88/adblockdetect).
pub const BAIT_CLASSES: &str = "adsbox ad-banner pub_300x250 text-ad textAd";

/// A same-origin bait path: generic filter rules block `/adframe.` and
/// `/ads/` paths. It need not exist: a 404 is an answer, a block is not.
pub const BAIT_PATH: &str = "ads/adframe.js?resetcheck_bait=1";

/// What the probe saw.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtensionsObservation {
    /// Indexes into [`MARKERS`] of the selectors that matched.
    pub matched: Vec<usize>,
    /// The bait element was hidden (`offsetHeight == 0` or `display: none`);
    /// `None` if the probe could not place it.
    pub bait_element_hidden: Option<bool>,
    /// Whether the same-origin bait request got an HTTP answer (any status);
    /// `None` if not tried.
    pub bait_request_answered: Option<bool>,
    /// Whether the control request to the page's own path got an answer,
    /// tried only when the bait got none.
    pub control_request_answered: Option<bool>,
}

/// Names what the markers and bait say.
///
/// ```
/// use resetcheck_core::extensions::*;
/// let obs = ExtensionsObservation { matched: vec![0], ..Default::default() };
/// assert_eq!(analyze(&obs).findings[0].id, "extensions.password_manager");
/// ```
pub fn analyze(obs: &ExtensionsObservation) -> CheckResult {
    let mut findings: Vec<Finding> = Vec::new();
    let mut push = |finding: Finding| {
        if !findings.contains(&finding) {
            findings.push(finding);
        }
    };
    for marker in obs.matched.iter().filter_map(|i| MARKERS.get(*i)) {
        push(match marker.kind {
            Kind::PasswordManager(name) => Finding::new("extensions.password_manager").with("name", Param::Word(name)),
            Kind::GrammarChecker(name) => Finding::new("extensions.grammar_checker").with("name", Param::Word(name)),
            Kind::PageTranslation => Finding::new("extensions.page_translated"),
            Kind::DarkReader => Finding::new("extensions.dark_reader"),
            Kind::SecuritySuite(name) => Finding::new("extensions.security_suite").with("name", Param::Word(name)),
            Kind::Other => Finding::new("extensions.other_extension"),
        });
    }
    // The bait got no answer while the origin itself answers: a filter.
    let bait_request_blocked = match (obs.bait_request_answered, obs.control_request_answered) {
        (Some(false), Some(true)) => Some(true),
        (Some(true), _) => Some(false),
        _ => None,
    };
    let blocker = match (obs.bait_element_hidden, bait_request_blocked) {
        (Some(true), Some(true)) => Some("both"),
        (Some(true), _) => Some("cosmetic"),
        (_, Some(true)) => Some("network"),
        _ => None,
    };
    if let Some(kind) = blocker {
        push(Finding::new("extensions.content_blocker").with("kind", Param::Word(kind)));
    }
    // Named extensions first, "some extension" last.
    crate::order::sort_by_key(&mut findings, |f| f.id == "extensions.other_extension");
    CheckResult::new(CheckId::Extensions, findings)
}

/// Every word the `name` and `kind` params can take, for the catalogue tests.
pub fn vocabulary() -> Vec<(&'static str, &'static str)> {
    let mut words: Vec<(&str, &str)> = MARKERS
        .iter()
        .filter_map(|m| match m.kind {
            Kind::PasswordManager(n) | Kind::GrammarChecker(n) | Kind::SecuritySuite(n) => Some(("name", n)),
            _ => None,
        })
        .collect();
    words.extend([("kind", "cosmetic"), ("kind", "network"), ("kind", "both")]);
    words.sort_unstable();
    words.dedup();
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Catalogue, Locale};
    use crate::report::Status;
    use expect_test::{expect, Expect};

    fn index_of(selector: &str) -> usize {
        MARKERS.iter().position(|m| m.selector == selector).unwrap()
    }

    fn check(obs: ExtensionsObservation, expect: Expect) {
        let result = analyze(&obs);
        let lines: Vec<String> = result
            .findings
            .iter()
            .map(|f| {
                let params: Vec<String> = f.params.iter().map(|(k, v)| format!("{k}={}", v.to_text())).collect();
                format!("{} {}", f.id, params.join(" ")).trim_end().to_owned()
            })
            .collect();
        expect.assert_eq(&format!("{}: {}", result.status.as_str(), lines.join("; ")));
    }

    #[test]
    fn nothing_found_passes() {
        check(ExtensionsObservation::default(), expect!["pass: "]);
        check(
            ExtensionsObservation {
                bait_element_hidden: Some(false),
                bait_request_answered: Some(true),
                ..Default::default()
            },
            expect!["pass: "],
        );
    }

    #[test]
    fn password_managers_are_named_once_each() {
        let obs = ExtensionsObservation {
            matched: vec![
                index_of("com-1password-button"),
                index_of("com-1password-inline-menu"),
                index_of("[data-bitwarden-watching]"),
            ],
            ..Default::default()
        };
        check(
            obs,
            expect!["warn: extensions.password_manager name=onepassword; extensions.password_manager name=bitwarden"],
        );
    }

    #[test]
    fn translation_is_a_warning() {
        let obs = ExtensionsObservation { matched: vec![index_of("html.translated-ltr")], ..Default::default() };
        check(obs, expect!["warn: extensions.page_translated"]);
    }

    #[test]
    fn notes_do_not_warn() {
        let obs = ExtensionsObservation {
            matched: vec![
                index_of("iframe[src^=\"chrome-extension://\"]"),
                index_of("html[data-darkreader-mode]"),
                index_of("[data-lt-installed]"),
            ],
            ..Default::default()
        };
        check(obs, expect!["pass: extensions.dark_reader; extensions.grammar_checker name=languagetool; extensions.other_extension"]);
    }

    #[test]
    fn content_blockers_by_kind() {
        let both = ExtensionsObservation {
            bait_element_hidden: Some(true),
            bait_request_answered: Some(false),
            control_request_answered: Some(true),
            ..Default::default()
        };
        check(both, expect!["warn: extensions.content_blocker kind=both"]);
        let cosmetic = ExtensionsObservation { bait_element_hidden: Some(true), ..Default::default() };
        check(cosmetic, expect!["warn: extensions.content_blocker kind=cosmetic"]);
        let network = ExtensionsObservation {
            bait_request_answered: Some(false),
            control_request_answered: Some(true),
            bait_element_hidden: Some(false),
            ..Default::default()
        };
        check(network, expect!["warn: extensions.content_blocker kind=network"]);
        // No answer from the origin either: the network, not a filter.
        let offline = ExtensionsObservation {
            bait_request_answered: Some(false),
            control_request_answered: Some(false),
            ..Default::default()
        };
        check(offline, expect!["pass: "]);
    }

    #[test]
    fn out_of_range_indexes_are_ignored() {
        let obs = ExtensionsObservation { matched: vec![usize::MAX, MARKERS.len()], ..Default::default() };
        assert_eq!(analyze(&obs).status, Status::Pass);
    }

    #[test]
    fn markers_are_well_formed() {
        for (i, m) in MARKERS.iter().enumerate() {
            assert!(!m.selector.trim().is_empty() && !m.source.is_empty(), "marker {i}");
            assert!(MARKERS[..i].iter().all(|o| o.selector != m.selector), "duplicate {}", m.selector);
        }
    }

    #[test]
    fn every_word_has_catalogue_text() {
        let cat = Catalogue::new(Locale::En);
        for (param, word) in vocabulary() {
            assert!(cat.template(&format!("param.{param}.{word}")).is_some(), "param.{param}.{word}");
        }
    }
}
