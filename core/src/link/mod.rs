//! The reset-link integrity check: what happened to a reset link on its way to the user.
//!
//! The user pastes the link, or a whole chunk of the mail (plain text, a quoted reply, HTML source). [`analyze`]
//! finds the links in it, picks the reset link (or says a choice is needed), repairs what mail and chat did to it,
//! unwraps the security gateways and click trackers around it one layer at a time, and checks what is left against
//! the site's [`LinkConfig`]: production host, https, path, the token's shape, and its expiry where the token
//! carries one. Every step is a [`Finding`]; nothing is an error, because a damaged link is exactly what this
//! check is for.
//!
//! Modules, in the order the analysis uses them: `text` (decoders), `extract` (finding links), `repair`,
//! `rewriters` (the wrapper table), `preset` (identity stacks) and `token`.
//!
//! **Privacy.** The pasted text and everything recovered from it stay in [`LinkAnalysis`], on the user's device.
//! Findings carry only numbers and words from fixed vocabularies (wrapper names, environment words, token
//! problems), never a host, path or token, because findings go into the diagnostic code.
//!
//! **Never follow a link.** Opaque wrappers are named, not resolved: resolving one is the very click that spends a
//! single-use token. And [`LinkAnalysis::openable`] is true only for an `https` link on a configured production
//! host that isn't [broken](BROKEN), so the page never offers a look-alike, a staging link, a `javascript:` URL
//! or a link that can't work as a link.

mod extract;
mod preset;
mod repair;
mod rewriters;
mod text;
mod token;

#[cfg(test)]
mod tests;

pub use preset::Preset;
pub use rewriters::{wrapper_ids, Rewriter, REWRITERS};
pub use token::{Alphabet, TokenLocation, TokenSpec, TOKEN_PROBLEMS};

use crate::report::{CheckId, CheckResult, Finding, Param, Status};
use repair::Repair;
use rewriters::Recognised;
use serde::Serialize;
pub use text::is_unsafe_char;
use text::{has_scheme, is_web, split, Parts};

/// Most input analysed; the rest of a longer paste is ignored. A mail is far smaller.
pub const MAX_INPUT: usize = 256 * 1024;
/// Most wrapper layers taken off. Real chains have up to three (Safe Links → Proofpoint v3 → Safe Links); public
/// decoders cap at about five.
pub const MAX_LAYERS: usize = 6;
/// Links this long break in clients: Outlook refuses links over 2048 characters.
pub const LONG_LINK: usize = 2048;
/// An expiry closer than this is "soon".
const SOON_MS: i64 = 10 * 60_000;

/// The `environment` words: what a configured non-production environment is called in findings.
pub const ENVIRONMENT_WORDS: [&str; 4] = ["staging", "test", "dev", "other"];

/// The `reset_link` part of the config: what the site's real reset links look like.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkConfig {
    /// The identity stack whose defaults fill what the config leaves out.
    pub preset: Option<Preset>,
    /// The production hosts reset links point at, lowercased; `*.example.com` matches subdomains.
    pub hosts: Vec<String>,
    /// Other environments whose links must not reach users.
    pub environments: Vec<Environment>,
    /// The path reset links start with.
    pub path: Option<String>,
    /// The token's settings, over the preset's.
    pub token: TokenOverride,
    /// Whether opening the link spends the token, over the preset's.
    pub get_consumes_token: Option<bool>,
}

/// A non-production environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Environment {
    /// Its name, such as "staging"; only its [`Environment::word`] reaches findings.
    pub name: String,
    /// Its hosts, lowercased.
    pub hosts: Vec<String>,
}

impl Environment {
    /// The fixed word for this environment: `staging`, `test`, `dev` or `other`.
    ///
    /// ```
    /// use resetcheck_core::link::Environment;
    /// let env = Environment { name: "Pre-Prod EU".into(), hosts: vec![] };
    /// assert_eq!(env.word(), "staging");
    /// ```
    pub fn word(&self) -> &'static str {
        let name = self.name.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
        if has(&["stag", "preprod", "pre-prod", "uat", "acc"]) {
            "staging"
        } else if has(&["test", "qa", "sandbox"]) {
            "test"
        } else if has(&["dev", "local"]) {
            "dev"
        } else {
            "other"
        }
    }
}

/// Token settings from the config; each one present replaces the preset's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenOverride {
    /// Where the token is.
    pub location: Option<TokenLocation>,
    /// What it is made of.
    pub alphabet: Option<Alphabet>,
    /// Fewest characters.
    pub min_len: Option<usize>,
    /// Most characters.
    pub max_len: Option<usize>,
}

/// One wrapper layer around the link, outermost first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Layer {
    /// The wrapper's word, as in [`Rewriter::id`].
    pub wrapper: &'static str,
    /// Whether its target is hidden (the analysis stopped here).
    pub opaque: bool,
    /// The wrapped link at this layer.
    pub link: String,
}

/// Everything the analysis found. It holds the user's link, so it stays on the device; only
/// [`check_result`]'s findings may leave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkAnalysis {
    /// The links found in the paste, repaired, in order.
    pub candidates: Vec<String>,
    /// Which candidate was analysed.
    pub picked: Option<usize>,
    /// Several different links were found and none stands out: ask the user, then call [`analyze_choice`].
    pub needs_choice: bool,
    /// The wrappers taken off, outermost first.
    pub layers: Vec<Layer>,
    /// The original link recovered from every wrapper and repair; `None` when it is hidden (an opaque wrapper),
    /// undecodable, not a web link, or not chosen yet.
    pub unwrapped: Option<String>,
    /// Whether the page may offer "open the repaired link": only an `https` link on a configured production host,
    /// and not [broken](BROKEN).
    pub openable: bool,
    /// The identity stack from the config, or recognised from the link's shape.
    pub stack: Option<&'static str>,
    /// When the token was issued, if it says.
    pub issued_at_ms: Option<i64>,
    /// When the token expires, if it says (or its stack's default lifetime after its issue time).
    pub expires_at_ms: Option<i64>,
    /// Time left before expiry against the caller's `now_ms`; negative once expired.
    pub expires_in_ms: Option<i64>,
    /// Whether the token has expired, when that is known.
    pub expired: Option<bool>,
    /// Every step and problem, in the order the analysis met them.
    pub findings: Vec<Finding>,
}

impl LinkAnalysis {
    /// The status the findings imply.
    ///
    /// ```
    /// use resetcheck_core::link::{analyze, LinkConfig};
    /// use resetcheck_core::report::Status;
    /// let a = analyze("https://protect-eu.mimecast.com/s/AbC?domain=x.test", &LinkConfig::default(), None);
    /// assert_eq!(a.status(), Status::Warn);
    /// ```
    pub fn status(&self) -> Status {
        Status::from_findings(&self.findings)
    }

    fn empty(candidates: Vec<String>) -> LinkAnalysis {
        LinkAnalysis {
            candidates,
            picked: None,
            needs_choice: false,
            layers: Vec::new(),
            unwrapped: None,
            openable: false,
            stack: None,
            issued_at_ms: None,
            expires_at_ms: None,
            expires_in_ms: None,
            expired: None,
            findings: Vec::new(),
        }
    }
}

/// Analyses a pasted link or chunk of mail. `now_ms` is the server-corrected time from the clock check, so a
/// wrong device clock cannot make a valid link look expired; without it, expiry is not judged.
///
/// ```
/// use resetcheck_core::link::{analyze, LinkConfig};
/// let a = analyze(
///     "<https://nam01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.com%2Freset%3Ft%3D1&data=x&reserved=0>.",
///     &LinkConfig::default(),
///     None,
/// );
/// assert_eq!(a.unwrapped.as_deref(), Some("https://example.com/reset?t=1"));
/// assert_eq!(a.layers[0].wrapper, "safelinks");
/// assert!(!a.openable); // no production host is configured
/// ```
pub fn analyze(input: &str, config: &LinkConfig, now_ms: Option<i64>) -> LinkAnalysis {
    run(input, config, now_ms, None)
}

/// Analyses the candidate the user chose (an index into [`LinkAnalysis::candidates`]) after [`analyze`] said a
/// choice was needed.
///
/// ```
/// use resetcheck_core::link::{analyze, analyze_choice, LinkConfig};
/// let text = "https://a.example/one https://b.example/two";
/// let config = LinkConfig::default();
/// assert!(analyze(text, &config, None).needs_choice);
/// let chosen = analyze_choice(text, 1, &config, None);
/// assert_eq!(chosen.unwrapped.as_deref(), Some("https://b.example/two"));
/// ```
pub fn analyze_choice(input: &str, choice: usize, config: &LinkConfig, now_ms: Option<i64>) -> LinkAnalysis {
    run(input, config, now_ms, Some(choice))
}

/// The check result for the report: the analysis's findings under [`CheckId::Link`].
///
/// ```
/// use resetcheck_core::link::{analyze, check_result, LinkConfig};
/// use resetcheck_core::report::{CheckId, Status};
/// let result = check_result(&analyze("no link here", &LinkConfig::default(), None));
/// assert_eq!(result.check, CheckId::Link);
/// assert_eq!(result.status, Status::Skip);
/// ```
pub fn check_result(analysis: &LinkAnalysis) -> CheckResult {
    let layers = i64::try_from(analysis.layers.len()).unwrap_or(i64::MAX);
    CheckResult::new(CheckId::Link, analysis.findings.clone()).with_measure("layers", Param::Int(layers))
}

/// One candidate, repaired and unwrapped.
struct Processed {
    cleaned: String,
    findings: Vec<Finding>,
    layers: Vec<Layer>,
    target: Option<String>,
}

fn run(input: &str, config: &LinkConfig, now_ms: Option<i64>, choice: Option<usize>) -> LinkAnalysis {
    let input = cap(input);
    let quoted_printable = text::looks_quoted_printable(input);
    let decoded;
    let text = if quoted_printable {
        decoded = text::quoted_printable_decode(input);
        decoded.as_str()
    } else {
        input
    };
    let mut processed: Vec<Processed> = Vec::new();
    for found in extract::find_links(text) {
        let p = process(&found);
        if !processed.iter().any(|q| q.cleaned == p.cleaned) {
            processed.push(p);
        }
    }
    let mut analysis = LinkAnalysis::empty(processed.iter().map(|p| p.cleaned.clone()).collect());
    let findings = &mut analysis.findings;
    if quoted_printable {
        findings.push(Finding::new("link.quoted_printable"));
    }
    if processed.is_empty() {
        findings.push(Finding::new(if extract::non_web_scheme(text) {
            "link.not_a_web_link"
        } else {
            "link.no_link_found"
        }));
        return analysis;
    }
    let count = Param::Int(i64::try_from(processed.len()).unwrap_or(i64::MAX));
    if processed.len() > 1 {
        findings.push(Finding::new("link.several_links").with("count", count.clone()));
    }
    let picked = match choice {
        Some(i) if i < processed.len() => Some(i),
        Some(_) => None,
        None => match pick(&processed, config) {
            Some(Pick::Newest(i, of)) => {
                // When every link is a reset link, one note of what was picked, not two that disagree ("if it is
                // the wrong one" of the newest). With others beside them (a whole e-mail pasted), both: support
                // learns what was pasted.
                if of == processed.len() {
                    findings.retain(|f| f.id != "link.several_links");
                }
                let of = Param::Int(i64::try_from(of).unwrap_or(i64::MAX));
                findings.push(Finding::new("link.newest_picked").with("count", of));
                Some(i)
            }
            Some(Pick::Only(i)) => Some(i),
            None => None,
        },
    };
    let Some(index) = picked else {
        analysis.needs_choice = true;
        // Nothing was picked: "the reset link was picked from them" would say otherwise.
        analysis.findings.retain(|f| f.id != "link.several_links");
        analysis.findings.push(Finding::new("link.choice_needed").with("count", count));
        return analysis;
    };
    analysis.picked = Some(index);
    let chosen = processed.swap_remove(index);
    for f in chosen.findings {
        push_once(&mut analysis.findings, f);
    }
    analysis.layers = chosen.layers;
    if let Some(target) = chosen.target {
        judge(&mut analysis, target, &chosen.cleaned, config, now_ms);
    }
    analysis
}

/// The input up to [`MAX_INPUT`] bytes, cut on a character boundary.
fn cap(input: &str) -> &str {
    if input.len() <= MAX_INPUT {
        return input;
    }
    let mut end = MAX_INPUT;
    while !input.is_char_boundary(end) {
        end -= 1;
    }
    &input[..end]
}

fn push_once(findings: &mut Vec<Finding>, f: Finding) {
    if !findings.contains(&f) {
        findings.push(f);
    }
}

fn wrapper_finding(id: &'static str, wrapper: &'static str) -> Finding {
    Finding::new(id).with("wrapper", Param::Word(wrapper))
}

fn repair_findings(repairs: &[Repair], findings: &mut Vec<Finding>) {
    for r in repairs {
        let id = match r {
            Repair::MarkdownEscapes => "link.markdown_escaped",
            Repair::HtmlEntities => "link.html_entities",
            Repair::EntityDamage => "link.entity_damage",
            Repair::Trimmed => "link.trimmed",
            Repair::Ellipsis => "link.truncated",
            Repair::Invisible => "link.invisible_characters",
        };
        push_once(findings, Finding::new(id));
    }
}

/// Repairs one found link and takes its wrappers off.
fn process(found: &extract::Found) -> Processed {
    let mut findings = Vec::new();
    if found.joined {
        findings.push(Finding::new("link.line_wrapped"));
    }
    let mut repairs = Vec::new();
    let cleaned = text::escape_unsafe(repair::repair_found(&found.text, &mut repairs));
    repair_findings(&repairs, &mut findings);
    let mut layers = Vec::new();
    let mut current = cleaned.clone();
    let target = loop {
        let Some(parts) = split(&current) else { break Some(current) };
        let rw = match rewriters::recognise(&parts) {
            None => break Some(current),
            Some(Recognised::Lookalike(rw)) => {
                findings.push(wrapper_finding("link.lookalike_wrapper", rw.id));
                break Some(current);
            }
            Some(Recognised::Wrapper(rw)) => rw,
        };
        if layers.len() == MAX_LAYERS {
            let deep = i64::try_from(layers.len()).unwrap_or(i64::MAX);
            findings.push(Finding::new("link.too_deep").with("layers", Param::Int(deep)));
            break None;
        }
        if !parts.scheme.eq_ignore_ascii_case("https") {
            push_once(&mut findings, wrapper_finding("link.wrapper_not_https", rw.id));
        }
        layers.push(Layer { wrapper: rw.id, opaque: rw.is_opaque(), link: current.clone() });
        if rw.is_opaque() {
            findings.push(wrapper_finding("link.opaque_wrapper", rw.id));
            break None;
        }
        push_once(&mut findings, wrapper_finding("link.rewritten", rw.id));
        let Some(peeled) = rewriters::peel(rw, &parts) else {
            findings.push(wrapper_finding("link.wrapper_undecodable", rw.id));
            break None;
        };
        if peeled.double_encoded {
            push_once(&mut findings, Finding::new("link.double_encoded"));
        }
        let mut repairs = Vec::new();
        current = text::escape_unsafe(repair::repair_target(&peeled.target, &mut repairs));
        repair_findings(&repairs, &mut findings);
    };
    Processed { cleaned, findings, layers, target }
}

/// How the candidate to analyse was picked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pick {
    /// The only one that fits.
    Only(usize),
    /// The newest by its token's issue time, of this many reset links.
    Newest(usize, usize),
}

/// The candidate to analyse when there are several: the only distinct one, the only one on a configured host, or
/// the only one that looks like a reset link; of several such, the newest when every one's token says when it was
/// issued (asking again may stop the earlier links working). `None` means the user must choose.
fn pick(processed: &[Processed], config: &LinkConfig) -> Option<Pick> {
    let key = |p: &Processed| p.target.clone().unwrap_or_else(|| p.cleaned.clone());
    let only = |indices: &[usize]| -> Option<usize> {
        let first = *indices.first()?;
        indices.iter().all(|i| key(&processed[*i]) == key(&processed[first])).then_some(first)
    };
    // The one issued last, when each says when it was issued and no other at the same time.
    let newest = |indices: &[usize]| -> Option<Pick> {
        let times: Vec<(usize, i64)> = indices
            .iter()
            .map(|i| Some((*i, issued_ms(processed[*i].target.as_deref()?, config)?)))
            .collect::<Option<_>>()?;
        let &(at, latest) = times.iter().max_by_key(|(_, ms)| *ms)?;
        let tied = times.iter().filter(|(_, ms)| *ms == latest).count();
        (times.len() > 1 && tied == 1).then_some(Pick::Newest(at, times.len()))
    };
    let fits = |indices: Vec<usize>| only(&indices).map(Pick::Only).or_else(|| newest(&indices));
    let all: Vec<usize> = (0..processed.len()).collect();
    if let Some(i) = only(&all) {
        return Some(Pick::Only(i));
    }
    let host_of = |p: &Processed| p.target.as_deref().and_then(split).map(|parts| parts.host);
    if !config.hosts.is_empty() {
        let on_host =
            all.iter().copied().filter(|i| host_of(&processed[*i]).is_some_and(|h| host_listed(&h, &config.hosts)));
        if let Some(picked) = fits(on_host.collect()) {
            return Some(picked);
        }
    }
    let resetlike = all.iter().copied().filter(|i| processed[*i].target.as_deref().is_some_and(looks_like_reset));
    fits(resetlike.collect())
}

fn looks_like_reset(link: &str) -> bool {
    let Some(parts) = split(link) else { return false };
    if Preset::detect(&parts).is_some() {
        return true;
    }
    let lower = parts.tail.to_ascii_lowercase();
    ["reset", "recover", "password", "passwd", "verify", "token", "ticket", "oobcode", "magic"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Whether `host` is one of `hosts`; `*.example.com` stands for its subdomains.
fn host_listed(host: &str, hosts: &[String]) -> bool {
    hosts.iter().any(|h| {
        // The config lowercases hosts in ASCII only (which keeps Unicode's
        // tables out of the checker); a link's host is lowercased in full.
        let h = h.to_lowercase();
        match h.strip_prefix("*.") {
            Some(domain) => text::host_under(host, domain) && host != domain,
            None => host == h,
        }
    })
}

/// Checks the recovered link against the config and its stack, and fills the rest of the analysis.
fn judge(analysis: &mut LinkAnalysis, target: String, outermost: &str, config: &LinkConfig, now_ms: Option<i64>) {
    if !is_web(&target) {
        if has_scheme(&target) && !target.starts_with("//") {
            analysis.findings.push(Finding::new("link.not_a_web_link"));
        } else {
            // A scheme-less target ("www.example.com/…") is shown as text; it cannot be checked or opened.
            analysis.unwrapped = Some(target);
        }
        return;
    }
    let Some(parts) = split(&target) else {
        analysis.unwrapped = Some(target);
        return;
    };
    // A link that only looks like a scanner's leads elsewhere: "don't open
    // it" is the whole answer, not its host, path, token or time left
    // (review, 2026-11-27: support's first step said to copy it whole).
    if analysis.findings.iter().any(|f| f.id == "link.lookalike_wrapper") {
        analysis.unwrapped = Some(target);
        return;
    }
    if outermost.chars().count() >= LONG_LINK {
        let length = i64::try_from(outermost.chars().count()).unwrap_or(i64::MAX);
        analysis.findings.push(Finding::new("link.too_long").with("length", Param::Int(length)));
    }
    let https = parts.scheme.eq_ignore_ascii_case("https");
    if !https {
        analysis.findings.push(Finding::new("link.not_https"));
    }
    // An environment's own host wins over a production wildcard around it
    // (`*.example.com` and staging's `staging.example.com`): the more
    // specific entry says what the admin meant. Only a production host
    // listed as it is wins over an environment.
    let listed_as_is =
        config.hosts.iter().any(|h| !h.starts_with("*.") && host_listed(&parts.host, std::slice::from_ref(h)));
    let environment = config.environments.iter().find(|e| host_listed(&parts.host, &e.hosts)).filter(|_| !listed_as_is);
    let production = environment.is_none() && host_listed(&parts.host, &config.hosts);
    if let Some(env) = environment {
        analysis.findings.push(Finding::new("link.wrong_environment").with("environment", Param::Word(env.word())));
    } else if !production && !config.hosts.is_empty() {
        analysis.findings.push(Finding::new("link.unknown_host"));
    }
    let preset = config.preset.or_else(|| Preset::detect(&parts));
    analysis.stack = preset.map(Preset::name);
    let path_ok = match (&config.path, config.preset) {
        (Some(prefix), _) => path_has_prefix(parts.path, prefix),
        (None, Some(p)) => parts.path.contains(p.path_contains()),
        (None, None) => true,
    };
    if !path_ok {
        analysis.findings.push(Finding::new("link.wrong_path"));
    }
    let mut target = target;
    if let Some(spec) = token_spec(config, preset) {
        judge_token(analysis, &mut target, &spec, preset, now_ms);
    }
    // A link to a test system or another site can't reset this account, so
    // its time left says nothing ("works for about 29 min more" under "don't
    // enter your password there"); it is not judged again later either.
    if analysis.findings.iter().any(|f| matches!(f.id, "link.wrong_environment" | "link.unknown_host")) {
        analysis.findings.retain(|f| !is_expiry(f.id));
        (analysis.expires_at_ms, analysis.expires_in_ms, analysis.expired) = (None, None, None);
    }
    // A cut-short or damaged token is refused whatever its time left, so
    // "works for about 29 min more" under "part of the link is damaged"
    // would send the user to try it anyway (review, 2026-11-27). An expiry
    // already passed still says so, and the time left stays known, so the
    // page reads the link again when it runs out.
    if analysis.findings.iter().any(|f| matches!(f.id, "link.truncated" | "link.token_damaged")) {
        analysis.findings.retain(|f| !matches!(f.id, "link.expires_in" | "link.expires_soon"));
    }
    let consumes = config.get_consumes_token.or(preset.map(Preset::get_consumes_token));
    if consumes == Some(true) {
        if let Some(layer) =
            analysis.layers.iter().find(|l| REWRITERS.iter().any(|r| r.id == l.wrapper && r.prefetches))
        {
            analysis.findings.push(wrapper_finding("link.prefetch_risk", layer.wrapper));
        }
    }
    analysis.openable = https && production && !is_broken(&analysis.findings);
    analysis.unwrapped = Some(target);
}

/// Findings that mean the link can't work as it is, so the page shows it as
/// text with the reason rather than offer it as a link to open.
pub const BROKEN: &[&str] =
    &["link.not_a_web_link", "link.truncated", "link.token_missing", "link.token_damaged", "link.expired"];

/// Whether `findings` say the link can't work as it is (see [`BROKEN`]).
pub fn is_broken(findings: &[Finding]) -> bool {
    findings.iter().any(|f| BROKEN.contains(&f.id))
}

fn path_has_prefix(path: &str, prefix: &str) -> bool {
    path == prefix || path.strip_prefix(prefix).is_some_and(|rest| prefix.ends_with('/') || rest.starts_with('/'))
}

/// The token settings: the config's fields over the preset's. `None` when nothing says where the token is.
fn token_spec(config: &LinkConfig, preset: Option<Preset>) -> Option<TokenSpec> {
    let base = preset.map(Preset::token);
    let o = &config.token;
    let location = o.location.clone().or_else(|| base.as_ref().map(|b| b.location.clone()))?;
    // A config that moves the token keeps no length or alphabet of a preset that put it elsewhere.
    let same_place = base.as_ref().is_some_and(|b| b.location == location);
    let base = base.filter(|_| same_place);
    Some(TokenSpec {
        location,
        alphabet: o.alphabet.or(base.as_ref().map(|b| b.alphabet)).unwrap_or(Alphabet::Any),
        min_len: o.min_len.or(base.as_ref().and_then(|b| b.min_len)),
        max_len: o.max_len.or(base.as_ref().and_then(|b| b.max_len)),
    })
}

fn judge_token(
    analysis: &mut LinkAnalysis,
    target: &mut String,
    spec: &TokenSpec,
    preset: Option<Preset>,
    now_ms: Option<i64>,
) {
    let Some(parts) = split(target) else { return };
    let Some(raw) = token::find(&parts, &spec.location) else {
        analysis.findings.push(Finding::new("link.token_missing"));
        return;
    };
    let in_query = matches!(spec.location, TokenLocation::Query(_));
    // Supabase's PKCE flow: the code verifier stays in the storage of the
    // browser that asked for the reset (Supabase's "Password-based Auth"
    // guide: "this link will be bound to the browser or device").
    let bound = token::browser_bound(raw, spec, preset, parts.path);
    let mut raw = raw.to_owned();
    if spec.alphabet == Alphabet::Base64 && (raw.contains(' ') || raw.contains("%20")) {
        // Base64's `+` came back as a space (form decoding); the server wants it as `%2B`.
        let fixed = raw.replace(' ', "%2B").replace("%20", "%2B");
        *target = replace_token(target, &parts, &raw, &fixed);
        raw = fixed;
        analysis.findings.push(Finding::new("link.plus_as_space"));
    }
    match token::check(&raw, spec, in_query) {
        // A link cut short (`…`) has a token damaged by the cut: one
        // problem, not two (review, 2026-11-27).
        Err(_) if analysis.findings.iter().any(|f| f.id == "link.truncated") => {}
        Err(problem) => {
            analysis.findings.push(Finding::new("link.token_damaged").with("problem", Param::Word(problem)));
        }
        Ok(()) if bound => analysis.findings.push(Finding::new("link.browser_bound")),
        Ok(()) => {}
    }
    let Some(times) = token_times(&raw, spec, preset) else { return };
    analysis.issued_at_ms = times.issued_ms;
    analysis.expires_at_ms = times.expires_ms;
    let (Some(expires), Some(now)) = (times.expires_ms, now_ms) else { return };
    let left = expires.saturating_sub(now);
    analysis.expires_in_ms = Some(left);
    analysis.expired = Some(left <= 0);
    analysis.findings.push(expiry_finding(left));
}

/// When the token was issued and expires, where its format or its stack
/// says (a JWT's `iat` and `exp`, Django's and Gitea's times, a preset's
/// lifetime); `None` when neither says anything of time.
fn token_times(raw: &str, spec: &TokenSpec, preset: Option<Preset>) -> Option<token::Times> {
    let defaults = preset.map(Preset::defaults);
    let clock =
        defaults.as_ref().and_then(|d| d.clock).or((spec.alphabet == Alphabet::Jwt).then_some(token::Clock::Jwt))?;
    Some(token::times(raw, clock, defaults.and_then(|d| d.lifetime_s)))
}

/// When the token in `link` was issued, if its format says.
fn issued_ms(link: &str, config: &LinkConfig) -> Option<i64> {
    let parts = split(link)?;
    let preset = config.preset.or_else(|| Preset::detect(&parts));
    let spec = token_spec(config, preset)?;
    token_times(token::find(&parts, &spec.location)?, &spec, preset)?.issued_ms
}

/// The link check's `result` in a report made `elapsed_ms` after the
/// analysis, whose token then had `expires_in_ms` to go: its expiry
/// finding says the time left at the report's time, so the code's run time
/// and the link's time left agree (a check run again an hour later must not
/// say a link has 30 minutes left that ran out since).
///
/// ```
/// use resetcheck_core::link::aged;
/// use resetcheck_core::report::{CheckId, CheckResult, Finding, Param};
/// let left = Finding::new("link.expires_in").with("expiry_minutes", Param::Int(30));
/// let result = CheckResult::new(CheckId::Link, vec![Finding::new("link.rewritten"), left]);
/// let later = aged(&result, 30 * 60_000, 45 * 60_000);
/// assert_eq!(later.findings[0].id, "link.rewritten");
/// assert_eq!(later.findings[1].id, "link.expired");
/// assert_eq!(later.findings[1].params.int("expiry_minutes"), Some(15));
/// ```
pub fn aged(result: &CheckResult, expires_in_ms: i64, elapsed_ms: i64) -> CheckResult {
    let left = expires_in_ms.saturating_sub(elapsed_ms.max(0));
    let mut findings: Vec<Finding> = result
        .findings
        .iter()
        .map(|f| match is_expiry(f.id) {
            true => expiry_finding(left),
            false => f.clone(),
        })
        .collect();
    // A damaged link shows no time left, but its expiry passing is still
    // news (review, 2026-11-27).
    if left <= 0 && !findings.iter().any(|f| is_expiry(f.id)) {
        findings.push(expiry_finding(left));
    }
    let mut aged = CheckResult::new(result.check, findings);
    aged.measures = result.measures.clone();
    aged
}

/// Whether a token that had `expires_in_ms` to go when analysed gets a
/// different expiry finding `elapsed_ms` later (its minutes, or its kind):
/// the page then reads the link again, so what it shows agrees with the
/// code it gives.
///
/// ```
/// use resetcheck_core::link::expiry_changed;
/// // 30 min 30 s left: still "30 min" 20 s on, "29 min" a minute on.
/// assert!(!expiry_changed(30 * 60_000 + 30_000, 20_000));
/// assert!(expiry_changed(30 * 60_000 + 30_000, 60_000));
/// ```
pub fn expiry_changed(expires_in_ms: i64, elapsed_ms: i64) -> bool {
    expiry_finding(expires_in_ms) != expiry_finding(expires_in_ms.saturating_sub(elapsed_ms.max(0)))
}

/// How long, in ms, until what a token with `expires_in_ms` to go is said
/// to have changes: its kind of finding (from "works for about" to "expires
/// soon", or to expired), and in its last ten minutes each minute it counts
/// down (a heading saying "expires in 10 min" with a minute left would let
/// the user wait too long: UI review, 2026-11-27). With a second's margin;
/// `None` once it has expired, or when the change is further off than a
/// browser timer reaches (about 24.8 days).
///
/// ```
/// use resetcheck_core::link::next_expiry_change_ms;
/// assert_eq!(next_expiry_change_ms(30 * 60_000), Some(20 * 60_000 + 1_000));
/// assert_eq!(next_expiry_change_ms(5 * 60_000), Some(60_000 + 1_000));
/// assert_eq!(next_expiry_change_ms(4 * 60_000 + 30_000), Some(30_000 + 1_000));
/// assert_eq!(next_expiry_change_ms(0), None);
/// ```
pub fn next_expiry_change_ms(expires_in_ms: i64) -> Option<u32> {
    let until = match expires_in_ms {
        left if left >= SOON_MS => left - SOON_MS,
        // "Expires in N min" rounds up: it says N - 1 once a minute less is left.
        left if left > 0 => (left - 1) % 60_000 + 1,
        _ => return None,
    };
    // setTimeout takes a signed 32-bit delay: a longer one fires at once.
    let delay = i32::try_from(until.saturating_add(1_000)).ok()?;
    u32::try_from(delay).ok()
}

/// Whether two link results say the same kinds of thing, whatever their
/// minutes: a new reading that only counts down is no news to announce or
/// publish.
///
/// ```
/// use resetcheck_core::link::same_kinds;
/// use resetcheck_core::report::{Finding, Param};
/// let soon = |m| vec![Finding::new("link.expires_soon").with("expiry_minutes", Param::Int(m))];
/// assert!(same_kinds(&soon(9), &soon(4)));
/// assert!(!same_kinds(&soon(1), &[Finding::new("link.expired")]));
/// ```
pub fn same_kinds(a: &[Finding], b: &[Finding]) -> bool {
    a.iter().map(|f| f.id).eq(b.iter().map(|f| f.id))
}

/// Whether `id` is one of the findings [`expiry_finding`] gives: the
/// token's time left, or how long ago it ran out.
pub fn is_expiry(id: &str) -> bool {
    matches!(id, "link.expired" | "link.expires_soon" | "link.expires_in")
}

/// The finding on a token with `left` ms to go (negative once expired),
/// in whole minutes.
pub(crate) fn expiry_finding(left: i64) -> Finding {
    let minutes = |ms: i64| Param::Int(ms / 60_000);
    if left <= 0 {
        // At least a minute: a token exactly at its expiry would read "stopped working about 0 s ago".
        let ago = left.saturating_neg().saturating_add(59_999).max(60_000);
        Finding::new("link.expired").with("expiry_minutes", minutes(ago))
    } else if left < SOON_MS {
        // Rounded up, as for an expired link: "0 min" left would read as gone.
        Finding::new("link.expires_soon").with("expiry_minutes", minutes(left.saturating_add(59_999)))
    } else {
        Finding::new("link.expires_in").with("expiry_minutes", minutes(left))
    }
}

/// `target` with the token text at its place replaced.
fn replace_token(target: &str, parts: &Parts<'_>, raw: &str, fixed: &str) -> String {
    let tail_start = target.len() - parts.tail.len();
    let (head, tail) = target.split_at(tail_start);
    format!("{head}{}", tail.replacen(raw, fixed, 1))
}
