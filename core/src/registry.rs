//! The finding registry: every finding id, its number and its severity.
//!
//! This table is append-only. A finding's number is what the diagnostic
//! code carries, so a number, once released, keeps its meaning forever:
//! never renumber, reuse or delete an entry; retire one by leaving it in
//! place. `docs/findings.md` is generated from this table and the English
//! catalogue, and a test keeps the two in step (`UPDATE_EXPECT=1 cargo test
//! -p resetcheck-core` rewrites it).
//!
//! Each id has three catalogue entries: `<id>.title`, `<id>.user` (what the
//! user can do) and `<id>.support` (what support checks next).

/// How much a finding matters; it sets its check's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// Information only; the check still passes.
    Note,
    /// The check did not apply.
    Skip,
    /// May cause trouble.
    Warn,
    /// Breaks resets.
    Fail,
    /// The check could not run.
    Error,
}

impl Severity {
    /// The stable name, as `docs/findings.md` shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Skip => "skip",
            Severity::Warn => "warn",
            Severity::Fail => "fail",
            Severity::Error => "error",
        }
    }
}

/// One registry entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FindingDef {
    /// The number the diagnostic code carries. Unique, never reused.
    pub number: u16,
    /// The dotted id, such as `browser.cookies_blocked`.
    pub id: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// The names of its params, in the order the code will carry them.
    pub params: &'static [&'static str],
}

const fn def(number: u16, id: &'static str, severity: Severity, params: &'static [&'static str]) -> FindingDef {
    FindingDef { number, id, severity, params }
}

/// The registry, in number order. Append only.
pub static FINDINGS: &[FindingDef] = &[
    def(1, "check.timeout", Severity::Error, &[]),
    def(2, "check.probe_error", Severity::Error, &[]),
    def(3, "browser.cookies_disabled", Severity::Fail, &[]),
    def(4, "browser.cookies_blocked", Severity::Fail, &[]),
    def(5, "browser.local_storage_unavailable", Severity::Warn, &["reason"]),
    def(6, "browser.session_storage_unavailable", Severity::Warn, &["reason"]),
    def(7, "browser.insecure_context", Severity::Warn, &[]),
    def(8, "clock.totp_at_risk", Severity::Warn, CLOCK_OFFSET_PARAMS),
    def(9, "clock.tokens_rejected", Severity::Fail, CLOCK_OFFSET_PARAMS),
    def(10, "clock.far_off", Severity::Fail, CLOCK_OFFSET_PARAMS),
    def(11, "clock.timezone_wrong", Severity::Fail, &["direction", "hours", "minutes"]),
    def(12, "clock.zone_mismatch", Severity::Warn, &["utc_offset_min", "zone_offset_min"]),
    // A note: the user can do nothing about it and the check still measured
    // the clock, so it must not turn the user's result into a warning.
    def(13, "clock.endpoint_broken", Severity::Note, &["endpoint_problem", "http_status"]),
    def(14, "clock.unmeasured", Severity::Error, &["unmeasured_cause"]),
    def(15, "clock.samples_inconsistent", Severity::Note, &[]),
    // Retired: a Fail for what Safari and others do by default, which breaks
    // only reset flows that run in frames; 78 says it as a note.
    def(16, "browser.third_party_cookies_blocked", Severity::Fail, &[]),
    def(17, "browser.cookies_partitioned", Severity::Note, &[]),
    def(18, "browser.indexeddb_unavailable", Severity::Warn, &["reason"]),
    def(19, "browser.private_mode_hint", Severity::Note, &["quota_mb"]),
    def(20, "browser.embedded", Severity::Note, &["storage_access"]),
    def(21, "browser.outdated", Severity::Warn, &["family", "major", "behind"]),
    def(22, "browser.crypto_unavailable", Severity::Fail, &[]),
    def(23, "browser.passkeys_unavailable", Severity::Note, &[]),
    def(24, "browser.offline", Severity::Fail, &[]),
    def(25, "extensions.password_manager", Severity::Warn, &["name"]),
    def(26, "extensions.grammar_checker", Severity::Note, &["name"]),
    def(27, "extensions.page_translated", Severity::Warn, &[]),
    def(28, "extensions.dark_reader", Severity::Note, &[]),
    def(29, "extensions.security_suite", Severity::Note, &["name"]),
    def(30, "extensions.content_blocker", Severity::Warn, &["kind"]),
    def(31, "extensions.other_extension", Severity::Note, &[]),
    def(32, "email.surrounding_space", Severity::Warn, &[]),
    def(33, "email.invisible_character", Severity::Fail, &[]),
    def(34, "email.mixed_script", Severity::Warn, &[]),
    def(35, "email.idn_domain", Severity::Note, &[]),
    def(36, "email.domain_typo", Severity::Warn, &["suggestion"]),
    def(37, "email.malformed", Severity::Warn, &[]),
    // The network check. `endpoint` is the endpoint's index in the config's
    // probe list (0 is the checker's own origin, 1 the time endpoint, then
    // `endpoints` in order), never its URL.
    def(38, "network.slow", Severity::Note, &["endpoint"]),
    def(39, "network.cors_blocked", Severity::Fail, &["endpoint"]),
    def(40, "network.csp_blocked", Severity::Fail, &["endpoint", "directive"]),
    def(41, "network.blocked_by_client", Severity::Fail, &["endpoint"]),
    def(42, "network.http_error", Severity::Fail, &["endpoint", "status"]),
    def(43, "network.unexpected_redirect", Severity::Fail, &["endpoint"]),
    def(44, "network.mixed_content", Severity::Fail, &["endpoint"]),
    def(45, "network.unreachable", Severity::Fail, &["endpoint"]),
    def(46, "network.timeout", Severity::Fail, &["endpoint"]),
    // The reset-link paste test (core/src/link). `wrapper` is a word from the rewriter table, `environment` one of
    // `link::ENVIRONMENT_WORDS`, `problem` one of `link::TOKEN_PROBLEMS`: never text from the pasted link.
    def(47, "link.no_link_found", Severity::Skip, &[]),
    def(48, "link.several_links", Severity::Note, &["count"]),
    def(49, "link.choice_needed", Severity::Skip, &["count"]),
    def(50, "link.not_a_web_link", Severity::Fail, &[]),
    def(51, "link.quoted_printable", Severity::Warn, &[]),
    def(52, "link.line_wrapped", Severity::Warn, &[]),
    def(53, "link.html_entities", Severity::Note, &[]),
    def(54, "link.entity_damage", Severity::Fail, &[]),
    def(55, "link.markdown_escaped", Severity::Note, &[]),
    def(56, "link.trimmed", Severity::Note, &[]),
    def(57, "link.truncated", Severity::Fail, &[]),
    def(58, "link.rewritten", Severity::Note, &["wrapper"]),
    def(59, "link.opaque_wrapper", Severity::Warn, &["wrapper"]),
    def(60, "link.wrapper_undecodable", Severity::Warn, &["wrapper"]),
    def(61, "link.too_deep", Severity::Warn, &["layers"]),
    def(62, "link.lookalike_wrapper", Severity::Warn, &["wrapper"]),
    def(63, "link.double_encoded", Severity::Warn, &[]),
    def(64, "link.wrapper_not_https", Severity::Warn, &["wrapper"]),
    def(65, "link.too_long", Severity::Warn, &["length"]),
    def(66, "link.not_https", Severity::Warn, &[]),
    def(67, "link.wrong_environment", Severity::Fail, &["environment"]),
    def(68, "link.unknown_host", Severity::Warn, &[]),
    def(69, "link.wrong_path", Severity::Warn, &[]),
    def(70, "link.token_missing", Severity::Fail, &[]),
    def(71, "link.token_damaged", Severity::Fail, &["problem"]),
    def(72, "link.plus_as_space", Severity::Fail, &[]),
    def(73, "link.expired", Severity::Fail, &["expiry_minutes"]),
    def(74, "link.expires_soon", Severity::Warn, &["expiry_minutes"]),
    def(75, "link.expires_in", Severity::Note, &["expiry_minutes"]),
    def(76, "link.prefetch_risk", Severity::Warn, &["wrapper"]),
    def(77, "browser.private_mode_refusal", Severity::Note, &[]),
    def(78, "browser.frame_cookies_blocked", Severity::Note, &[]),
    def(79, "browser.in_app_browser", Severity::Warn, &["app"]),
    def(80, "link.browser_bound", Severity::Note, &[]),
    def(81, "link.newest_picked", Severity::Note, &["count"]),
    def(82, "link.invisible_characters", Severity::Note, &[]),
];

/// The params of the clock-offset findings: the offset (device minus
/// server) and its bound in ms, then the words and amount for the title.
const CLOCK_OFFSET_PARAMS: &[&str] = &["direction"];

/// The entry for `id`, if this build knows it.
pub fn lookup(id: &str) -> Option<&'static FindingDef> {
    FINDINGS.iter().find(|d| d.id == id)
}

/// The severity of `id`, if this build knows it.
pub fn severity(id: &str) -> Option<Severity> {
    lookup(id).map(|d| d.severity)
}

/// Whether finding `id` can be reported by `check`: its own findings (the
/// id starts with the check's name), and `check.*`, which any check reports.
///
/// ```
/// use resetcheck_core::registry::belongs_to;
/// use resetcheck_core::report::CheckId;
/// assert!(belongs_to("clock.far_off", CheckId::Clock));
/// assert!(belongs_to("check.timeout", CheckId::Link));
/// assert!(!belongs_to("email.malformed", CheckId::Clock));
/// ```
pub fn belongs_to(id: &str, check: crate::report::CheckId) -> bool {
    matches!(id.split_once('.'), Some((owner, _)) if owner == "check" || owner == check.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{placeholders, Catalogue, Locale};

    #[test]
    fn numbers_are_dense_and_ordered() {
        for (i, def) in FINDINGS.iter().enumerate() {
            assert_eq!(usize::from(def.number), i + 1, "{} is out of order", def.id);
        }
    }

    #[test]
    fn ids_are_unique_and_dotted() {
        for (i, def) in FINDINGS.iter().enumerate() {
            assert!(FINDINGS[..i].iter().all(|d| d.id != def.id), "duplicate {}", def.id);
            assert!(
                def.id.contains('.') && def.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_'),
                "{} is not a dotted lowercase id",
                def.id
            );
        }
    }

    #[test]
    fn every_finding_has_its_texts_with_known_placeholders() {
        let cat = Catalogue::new(Locale::En);
        for def in FINDINGS {
            // `.tell`, what support tells the user, is optional.
            for part in ["title", "user", "support", "tell"] {
                let key = format!("{}.{part}", def.id);
                let Some(template) = cat.template(&key) else {
                    assert_eq!(part, "tell", "{key} is missing");
                    continue;
                };
                for name in placeholders(&template) {
                    let derived = crate::advice::DERIVED_PLACEHOLDERS.iter().any(|(n, _)| *n == name)
                        || crate::advice::PARAM_DURATIONS
                            .iter()
                            .any(|(n, from)| *n == name && def.params.contains(from));
                    assert!(
                        derived || def.params.contains(&name.as_str()),
                        "{key} uses {{{name}}}, which is not a param"
                    );
                }
            }
        }
    }
}
