//! The advice catalogue: findings rendered into words for a person.
//!
//! The same rendering serves the end user's page, the support view and the
//! CLI, so everyone reads the same advice for the same finding.

use crate::messages::{fill, Catalogue};
use crate::registry::FINDINGS;
use crate::report::{CheckId, CheckResult, Finding, Param, Status};

/// A check's measurements, as on [`crate::report::CheckResult::measures`].
pub type Measures = crate::report::Params;

/// A finding in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingText {
    /// A short headline.
    pub title: String,
    /// What the user can do.
    pub user: String,
    /// What support checks next.
    pub support: String,
}

/// Placeholders a template may use that come from the check's measures
/// rather than the finding's params: `{offset}` is the `offset_ms` measure
/// as a duration in words ("1 min 33 s"). Measures are precise on the
/// user's page and coarse after a round trip through the diagnostic code;
/// findings carry only what the code carries exactly.
///
/// `{endpoint_name}` is the name the config gives the endpoint whose index
/// is the finding's `endpoint` param (see [`Context::endpoint_names`]).
pub const DERIVED_PLACEHOLDERS: [(&str, &str); 3] =
    [("offset", "offset_ms"), ("uncertainty", "uncertainty_ms"), ("endpoint_name", "endpoint")];

/// Placeholders a finding's text fills from its own params, as durations
/// in words: `{expiry}` is `expiry_minutes` ("2 days 23 h" rather than
/// "4260 min"), `{zone_shift}` the `hours` and `minutes` of a time-zone
/// shift ("3 h", not "3 h 0 min"). Each names the param it needs.
pub const PARAM_DURATIONS: [(&str, &str); 2] = [("expiry", "expiry_minutes"), ("zone_shift", "hours")];

/// The duration a [`PARAM_DURATIONS`] placeholder stands for, in ms.
fn param_duration_ms(finding: &Finding, name: &str) -> Option<u64> {
    let minutes = match name {
        "expiry" => finding.params.int("expiry_minutes")?.unsigned_abs(),
        "zone_shift" => {
            let (hours, minutes) = (finding.params.int("hours")?, finding.params.int("minutes").unwrap_or(0));
            hours.unsigned_abs().saturating_mul(60).saturating_add(minutes.unsigned_abs())
        }
        _ => return None,
    };
    // A code can carry any number: keep it to ten years, which `duration` reads without overflow.
    Some(minutes.min(10 * 366 * 24 * 60) * 60_000)
}

/// What a finding's text may quote besides its own params.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// The finding's check's measures.
    pub measures: Option<&'a Measures>,
    /// The probed endpoints' names by index, as the network check numbers
    /// them (from the config the page or the CLI loaded).
    pub endpoint_names: &'a [String],
    /// The measures came through a diagnostic code, so they are coarse:
    /// `{offset}` shows as the range the code allows.
    pub coarse: bool,
}

/// Renders `finding` in the catalogue's language.
///
/// A word param shows as its catalogue entry `param.<name>.<word>` where one
/// exists, so vocabularies are translated too.
///
/// ```
/// use resetcheck_core::advice::{render, Context};
/// use resetcheck_core::messages::{Catalogue, Locale};
/// use resetcheck_core::report::{Finding, Param};
/// let f = Finding::new("clock.tokens_rejected").with("direction", Param::Word("ahead"));
/// let measures = [("offset_ms", Param::Int(93_000))].into_iter().collect();
/// let ctx = Context { measures: Some(&measures), ..Default::default() };
/// let text = render(Catalogue::new(Locale::En), &f, ctx);
/// assert_eq!(text.title, "Your clock is 1 min 33 s fast, so codes and reset links may be refused");
/// ```
pub fn render(cat: Catalogue, finding: &Finding, ctx: Context<'_>) -> FindingText {
    let part = |part: &str| fill_finding(cat, finding, ctx, &format!("{}.{part}", finding.id));
    FindingText { title: part(title_part(finding, ctx)), user: part("user"), support: part("support") }
}

/// The params that count what a finding's text says ("{count} links"),
/// first the one that picks the text's plural form: a language with a
/// dual or a `few` gives the text a key per plural category
/// (`link.several_links.title.two`), English one plain key.
pub const COUNTED_PARAMS: [&str; 4] = ["count", "layers", "length", "behind"];

/// Which title `finding` takes: codes at risk only because the measure is
/// loose (an offset within its uncertainty) are not blamed on a clock
/// that the clock line says matches. Not for measures read from a code:
/// their uncertainty is its class's upper bound, which would call a clock
/// the page measured at 9 s fast "several seconds off"; support reads the
/// offset's range in the title instead.
fn title_part(finding: &Finding, ctx: Context<'_>) -> &'static str {
    if ctx.coarse {
        return "title";
    }
    let within = |m: &crate::report::Params| match (m.int("offset_ms"), m.int("uncertainty_ms")) {
        (Some(offset), Some(uncertainty)) => offset.unsigned_abs() <= uncertainty.unsigned_abs(),
        _ => false,
    };
    if finding.id == "clock.totp_at_risk" && ctx.measures.is_some_and(within) {
        "title_uncertain"
    } else {
        "title"
    }
}

/// The text `key` of `finding` with its placeholders filled: its params
/// (words as their catalogue entries, durations in words), the endpoint's
/// name and the measures' derived values.
///
/// The text is the locale's own, counted by the first of
/// [`COUNTED_PARAMS`] the finding has, and filled in the locale's words; or,
/// where the locale lacks it, English's, filled in English. A placeholder
/// asking a form (`{endpoint_name:dative}`) gets its words in that form.
fn fill_finding(cat: Catalogue, finding: &Finding, ctx: Context<'_>, key: &str) -> String {
    let counted = COUNTED_PARAMS.iter().find_map(|name| finding.params.int(name)).map(i64::unsigned_abs);
    let Some((template, cat)) = cat.resolve(key, counted) else {
        return key.to_owned();
    };
    let text = fill(&template, |name, form| {
        let cat = cat.with_form(form);
        if name == "endpoint_name" {
            let index = usize::try_from(finding.params.int("endpoint")?).unwrap_or(usize::MAX);
            return Some(crate::network::endpoint_name(cat, ctx.endpoint_names, index));
        }
        if let Some(ms) = param_duration_ms(finding, name) {
            return Some(duration(cat, ms));
        }
        if let Some((_, from)) = DERIVED_PLACEHOLDERS.iter().find(|(n, _)| *n == name) {
            let ms = ctx.measures?.int(from)?;
            return Some(if ctx.coarse && name == "offset" {
                let (low, high) = crate::code::offset_range_ms(ms);
                duration_range(cat, low, high)
            } else {
                duration(cat, ms.unsigned_abs())
            });
        }
        finding.params.get(name).map(|value| param_text(cat, name, value))
    });
    // A built-in endpoint's name is written as it reads mid-sentence
    // ("the time service"); a config's own is shown as written.
    let builtin = finding.params.int("endpoint").is_some_and(|i| i < crate::network::FIRST_CONFIGURED_INDEX as i64);
    if builtin && template.starts_with("{endpoint_name") {
        sentence_start(text)
    } else {
        text
    }
}

/// The findings of `checks` that `keep` picks, rendered (measures and
/// endpoint names as on the page), each with its check and its place among
/// that check's findings.
pub fn render_where<'a>(
    cat: Catalogue,
    checks: &'a [CheckResult],
    endpoint_names: &[String],
    keep: impl Fn(CheckId, &Finding) -> bool,
) -> Vec<(CheckId, usize, &'a Finding, FindingText)> {
    let mut out = Vec::new();
    for check in checks {
        let ctx = Context { measures: Some(&check.measures), endpoint_names, coarse: false };
        for (i, finding) in check.findings.iter().enumerate().filter(|(_, f)| keep(check.check, f)) {
            out.push((check.check, i, finding, render(cat, finding, ctx)));
        }
    }
    out
}

/// Whether a finding on its own makes its check warn or fail.
pub fn is_problem(finding: &Finding) -> bool {
    Status::from_findings(std::slice::from_ref(finding)).is_problem()
}

/// The catalogue key labelling a finding's advice: a note asks nothing of
/// the user, so "what you can do" would promise a task.
pub fn advice_label(finding_id: &str) -> &'static str {
    match crate::registry::severity(finding_id) {
        Some(crate::registry::Severity::Note) => "finding.good_to_know",
        _ => "finding.what_to_do",
    }
}

/// The catalogue key of the one line announcing a link test's result:
/// problems to read below, nothing wrong, or (no link found, one to
/// choose) a line below saying which.
pub fn link_status_key(status: Status) -> &'static str {
    match status {
        _ if status.is_problem() => "link.ui.status_problems",
        Status::Skip => "link.ui.status_see_below",
        _ => "link.ui.status_clean",
    }
}

/// The catalogue key of the status line when a shown link's verdict
/// changes by itself, as its time runs out: said as news, not as "Link
/// checked", which the user didn't ask for (accessibility review,
/// 2026-11-27: an expired link went unannounced).
///
/// ```
/// use resetcheck_core::advice::link_aged_status_key;
/// use resetcheck_core::report::{CheckId, CheckResult, Finding};
/// let expired = CheckResult::new(CheckId::Link, vec![Finding::new("link.expired")]);
/// assert_eq!(link_aged_status_key(&expired), "link.ui.status_now_expired");
/// ```
pub fn link_aged_status_key(result: &CheckResult) -> &'static str {
    let has = |id| result.findings.iter().any(|f| f.id == id);
    if has("link.expired") {
        "link.ui.status_now_expired"
    } else if has("link.expires_soon") {
        "link.ui.status_now_expiring"
    } else {
        "link.ui.status_changed"
    }
}

/// The catalogue key of the one line announcing the e-mail check's result
/// once the user has finished typing: problems to read below, only a note
/// below, or nothing to say, with a pointer to where to look for the e-mail
/// when the page shows that tip (`tip`), else a keyboard user would not
/// know it is there.
pub fn email_status_key(result: &CheckResult, tip: bool) -> &'static str {
    match result.status {
        status if status.is_problem() => "email.status_problems",
        _ if !result.findings.is_empty() => "email.status_note",
        _ if tip => "email.status_clean_tip",
        _ => "email.status_clean",
    }
}

/// `text` with its first letter a capital, as a sentence starts (ASCII
/// letters only: the Unicode case tables would weigh on the checker's
/// first load, and a config's own names are written as they should show).
pub fn sentence_start(mut text: String) -> String {
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

fn param_text(cat: Catalogue, name: &str, value: &Param) -> String {
    match value {
        // An int param may name its "none" value (`param.http_status.0`).
        Param::Int(n) => cat.template(&format!("param.{name}.{n}")).map_or_else(|| n.to_string(), |t| t.into_owned()),
        Param::Word(word) => {
            let key = format!("param.{name}.{word}");
            cat.template(&key).map(|t| t.into_owned()).unwrap_or_else(|| (*word).to_owned())
        }
    }
}

/// The findings that are the site's to fix, never the user's: its security
/// policy, its CORS headers, its server's errors, its mixed content. When
/// these are all the problems, the headline must not send the user
/// looking for a fault on their side.
pub const SITE_SIDE: [&str; 4] =
    ["network.cors_blocked", "network.csp_blocked", "network.http_error", "network.mixed_content"];

/// The problems that by themselves make a reset fail, where most others
/// only may: a dead or damaged link, a misspelled address, cookies off, no
/// connection, a clock too far off for any token. Support ranks them first
/// among problems of the same severity, so its headline names the cause,
/// not a risk beside it (review, 2026-11-27: an expired link came third,
/// after a clock that "may" make links fail).
pub const CERTAIN: [&str; 17] = [
    "link.expired",
    "link.plus_as_space",
    "link.not_a_web_link",
    "link.truncated",
    "link.token_missing",
    "link.token_damaged",
    "link.entity_damage",
    "link.wrong_environment",
    "email.domain_typo",
    "email.invisible_character",
    "email.malformed",
    "browser.cookies_disabled",
    "browser.cookies_blocked",
    "browser.offline",
    "browser.crypto_unavailable",
    "clock.far_off",
    // A whole time zone off: as far off as `far_off`, which it stands for.
    "clock.timezone_wrong",
];

/// Whether a finding is the deployment's to fix: a [`SITE_SIDE`] one, or a
/// time endpoint that answers wrongly (which the clock check works around,
/// so the user's result never shows it).
pub fn deployment_problem(finding_id: &str) -> bool {
    SITE_SIDE.contains(&finding_id) || finding_id == "clock.endpoint_broken"
}

/// Whether `?debug=1` lists `finding` of `check` for the admin: a
/// [`deployment_problem`], and, seen from the admin's own browser, every
/// endpoint out of reach (a misspelled host, a refused certificate, which a
/// user's report can't tell from their own network) and a page served
/// over http (admin review, 2026-11-27: "no problems" beside each).
///
/// ```
/// use resetcheck_core::advice::shown_to_admin;
/// use resetcheck_core::report::{CheckId, Finding};
/// assert!(shown_to_admin(CheckId::Network, &Finding::new("network.unreachable")));
/// assert!(shown_to_admin(CheckId::Browser, &Finding::new("browser.insecure_context")));
/// assert!(!shown_to_admin(CheckId::Browser, &Finding::new("browser.cookies_blocked")));
/// assert!(!shown_to_admin(CheckId::Network, &Finding::new("network.slow")));
/// ```
pub fn shown_to_admin(check: CheckId, finding: &Finding) -> bool {
    deployment_problem(finding.id)
        || (check == CheckId::Network && is_problem(finding))
        || finding.id == "browser.insecure_context"
}

/// Whether the report's problems include the site's own ([`SITE_SIDE`]),
/// and whether they include the user's: the headline and support's words
/// to the user depend on which sides have something to fix.
pub fn problem_sides(report: &crate::report::Report) -> (bool, bool) {
    let problems = report.checks.iter().flat_map(|c| &c.findings).filter(|f| is_problem(f));
    problems.fold((false, false), |(site, own), f| {
        let theirs = SITE_SIDE.contains(&f.id);
        (site || theirs, own || !theirs)
    })
}

/// The catalogue key of the headline for a finished report: all good,
/// something to fix, a problem on the site's side only, or checks that
/// could not run. Problems win over errors: a user with something to fix
/// should read that first.
///
/// ```
/// use resetcheck_core::advice::summary_key;
/// use resetcheck_core::report::{CheckId, CheckResult, Report};
/// let clean = CheckResult::new(CheckId::Browser, vec![]);
/// assert_eq!(summary_key(&Report::new(vec![clean.clone()])), "summary.all_good_check_link");
/// let link = CheckResult::new(CheckId::Link, vec![]);
/// assert_eq!(summary_key(&Report::new(vec![clean, link])), "summary.all_good");
/// ```
pub fn summary_key(report: &crate::report::Report) -> &'static str {
    let (site_side, own_side) = problem_sides(report);
    let any_problem = site_side || own_side;
    let site_side_only = site_side && !own_side;
    // The link itself (old, rewritten by a mail scanner, cut short) is the
    // likeliest cause left when the device is fine: point at its test.
    let link = report.checks.iter().find(|c| c.check == CheckId::Link);
    let link_checked = link.is_some_and(|c| c.status != Status::Skip);
    // Pasted, but no link was found in it: how to copy it is said below.
    let unread = link.is_some_and(|c| c.findings.iter().any(|f| f.id == "link.no_link_found"));
    match report.overall() {
        Status::Pass | Status::Skip if unread => "summary.all_good_link_unread",
        Status::Pass | Status::Skip if !link_checked => "summary.all_good_check_link",
        Status::Pass | Status::Skip => "summary.all_good",
        Status::Warn | Status::Fail if site_side_only => "summary.site_side",
        // Both: the user's part is theirs to fix, the rest is not (review, 2026-11-27).
        Status::Warn | Status::Fail if site_side => "summary.problems_mixed",
        Status::Warn | Status::Fail => "summary.problems",
        Status::Error if any_problem => "summary.problems",
        Status::Error => "summary.errors",
    }
}

/// What support tells the user about `finding`, whose text for the user is
/// `user`: its `.tell` where the user's own text would not do from support
/// ("tell support", "the repaired link above"), filled as [`render`] fills
/// the others, else that text.
pub fn told_by_support(cat: Catalogue, finding: &Finding, ctx: Context<'_>, user: String) -> String {
    let key = format!("{}.tell", finding.id);
    if cat.template(&key).is_some() {
        fill_finding(cat, finding, ctx, &key)
    } else {
        user
    }
}

/// The check's display name.
pub fn check_name(cat: Catalogue, check: CheckId) -> String {
    cat.text(&format!("check.{}.name", check.as_str()))
}

/// The status in words.
pub fn status_label(cat: Catalogue, status: Status) -> String {
    cat.text(&format!("status.{}", status.as_str()))
}

/// Whether a finding's fix is "set the clock automatically", so the page
/// shows step-by-step instructions for each platform under it.
pub fn shows_clock_howto(finding_id: &str) -> bool {
    matches!(
        finding_id,
        "clock.totp_at_risk"
            | "clock.tokens_rejected"
            | "clock.far_off"
            | "clock.timezone_wrong"
            | "clock.zone_mismatch"
    )
}

/// Whether a finding is for support alone: in the report and the code,
/// but not on the user's page, where it would be one more box saying
/// "Nothing for you to do" (that the checker runs in a frame).
pub fn for_support_only(finding_id: &str) -> bool {
    finding_id == "browser.embedded"
}

/// The line a check's row shows when it has no finding for the user to
/// read: its pass line, or, embedded in another site's page (where a frame
/// can't vouch for the site's own cookies and storage), one that says as
/// much instead of "they work".
pub fn pass_key(result: &CheckResult) -> Option<String> {
    if !result.findings.iter().all(|f| for_support_only(f.id)) {
        return None;
    }
    let embedded = result.findings.iter().any(|f| f.id == "browser.embedded");
    Some(format!("check.{}.pass{}", result.check.as_str(), if embedded { "_embedded" } else { "" }))
}

/// Whether a finding's fix is "allow cookies", so the page shows each
/// browser's steps under it.
pub fn shows_cookie_howto(finding_id: &str) -> bool {
    matches!(finding_id, "browser.cookies_disabled" | "browser.cookies_blocked")
}

/// The browsers with steps to allow cookies (`browser.cookies_howto.<name>`),
/// in the order advice lists them.
pub const COOKIE_STEPS: [&str; 7] =
    ["chrome", "chrome_android", "safari_ios", "safari_mac", "firefox", "firefox_android", "edge"];

/// The steps to allow cookies that are the user's own, from the browser
/// check's result: `None` where this doesn't know them (Samsung Internet,
/// say, or an app's WebView2, which the check calls Chromium). Browsers on
/// iOS other than Safari and an app's built-in browser keep these settings
/// elsewhere: Safari's setting doesn't reach them.
pub fn own_cookie_steps(browser: &CheckResult) -> Option<&'static str> {
    if in_app_browser(browser) {
        return None;
    }
    match (browser.measures.word("family")?, browser.measures.word("os")?) {
        ("chrome", "android") => Some("chrome_android"),
        ("chrome", "windows" | "macos" | "linux" | "chromeos") => Some("chrome"),
        // Chromium itself (Debian's, say) has Chrome's settings screens; on
        // Windows it is mostly an app's WebView2, whose settings are the
        // app's (second review, 2026-11-27).
        ("chromium", "macos" | "linux" | "chromeos") => Some("chrome"),
        ("safari", "ios") => Some("safari_ios"),
        ("safari", "macos") => Some("safari_mac"),
        ("firefox", "windows" | "macos" | "linux") => Some("firefox"),
        ("firefox", "android") => Some("firefox_android"),
        ("edge", "windows" | "macos" | "linux") => Some("edge"),
        _ => None,
    }
}

/// Whether the browser check found an app's built-in browser, whose
/// settings are the app's own.
fn in_app_browser(browser: &CheckResult) -> bool {
    browser.findings.iter().any(|f| f.id == "browser.in_app_browser")
}

/// Step-by-step instructions a finding's advice points to ("steps below").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HowTo {
    /// How to set the clock automatically, for each platform (the page
    /// knows its own).
    Clock,
    /// How to allow cookies: the user's own browser's steps, if known, then
    /// the others (`browser.cookies_howto.<name>`).
    Cookies {
        /// The user's own browser's.
        own: Option<&'static str>,
        /// The other browsers'.
        others: Vec<&'static str>,
    },
}

/// Which of `result`'s findings the steps follow (the first whose advice
/// says "steps below"), and which steps.
pub fn howto(result: &CheckResult) -> Option<(usize, HowTo)> {
    let index = result.findings.iter().position(|f| shows_clock_howto(f.id) || shows_cookie_howto(f.id))?;
    if shows_clock_howto(result.findings[index].id) {
        return Some((index, HowTo::Clock));
    }
    // A browser whose steps this doesn't know gets the general ones as its
    // own, rather than a list led by a computer's Chrome (WebKit review,
    // 2026-11-27: Chrome on an iPhone); an app's built-in browser doesn't,
    // its settings being the app's.
    let in_app = in_app_browser(result);
    let own = own_cookie_steps(result).or((!in_app).then_some("any"));
    // The steps of the user's platform first (a phone user whose browser
    // this doesn't know reads Chrome on Android's before a computer's);
    // not where they are known not to apply: an app's built-in browser, or
    // another browser on iOS, which Safari's setting doesn't reach.
    let not_safari_on_ios =
        result.measures.word("os") == Some("ios") && result.measures.word("family") != Some("safari");
    let platform_first: &[&str] = match result.measures.word("os") {
        _ if in_app || not_safari_on_ios => &[],
        Some("android") => &["chrome_android", "firefox_android"],
        Some("ios") => &["safari_ios"],
        Some("macos") => &["safari_mac", "chrome", "firefox", "edge"],
        Some("windows") => &["chrome", "edge", "firefox"],
        Some("linux" | "chromeos") => &["chrome", "firefox", "edge"],
        _ => &[],
    };
    let mut others: Vec<&'static str> = platform_first.iter().copied().filter(|s| Some(*s) != own).collect();
    let rest = COOKIE_STEPS.into_iter().filter(|s| Some(*s) != own && !platform_first.contains(s));
    others.extend(rest);
    Some((index, HowTo::Cookies { own, others }))
}

/// The browser in words, from the browser check's measures, for example
/// "Chrome 156 on Linux, on a computer or tablet."
pub fn browser_line(cat: Catalogue, measures: &crate::report::Params) -> Option<String> {
    browser_line_as(cat, measures, "browser.line")
}

/// [`browser_line`] with the sentences `key.desktop` and `key.mobile`,
/// which have `{browser}` and `{os}`: support's "The user's browser: …".
pub fn browser_line_as(cat: Catalogue, measures: &crate::report::Params, key: &str) -> Option<String> {
    let word = |name: &str| measures.word(name);
    let family = word("family")?;
    // A sentence for each form, so a translation words "on a phone" its own way.
    let form = if word("mobile") == Some("yes") { "mobile" } else { "desktop" };
    Some(cat.fill_in(&format!("{key}.{form}"), None, &mut |name, cat| match name {
        "browser" => {
            let family = cat.text(&format!("param.family.{family}"));
            Some(match measures.int("major") {
                Some(major) => {
                    cat.format("browser.line.versioned", &[("family", &family), ("major", &major.to_string())])
                }
                None => family,
            })
        }
        "os" => Some(cat.text(&format!("platform.name.{}", word("os").unwrap_or("unknown")))),
        _ => None,
    }))
}

/// A `mailto:` link with subject and body, percent-encoded as RFC 6068
/// wants (spaces as `%20`, never `+`).
///
/// ```
/// assert_eq!(
///     resetcheck_core::advice::mailto("help@example.com", "Code 0A-1", "a&b"),
///     "mailto:help@example.com?subject=Code%200A-1&body=a%26b"
/// );
/// ```
pub fn mailto(address: &str, subject: &str, body: &str) -> String {
    let encode = |text: &str| {
        let mut out = String::with_capacity(text.len());
        for byte in text.bytes() {
            if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
                out.push(char::from(byte));
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
        out
    };
    format!("mailto:{}?subject={}&body={}", encode(address).replace("%40", "@"), encode(subject), encode(body))
}

/// A UTC time to the minute, `2026-11-26 05:00`, for the support view.
///
/// ```
/// assert_eq!(resetcheck_core::advice::utc_minute(1_795_669_200_000), "2026-11-26 05:00");
/// ```
pub fn utc_minute(ms: i64) -> String {
    let minutes = ms.div_euclid(60_000);
    let (days, minute_of_day) = (minutes.div_euclid(1_440), minutes.rem_euclid(1_440));
    let (year, month, day) = crate::calendar::civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
}

/// The code spelled for reading aloud, one word per symbol (NATO alphabet
/// for letters, number words for digits), from the catalogue.
///
/// ```
/// use resetcheck_core::advice::spell;
/// use resetcheck_core::messages::{Catalogue, Locale};
/// assert_eq!(spell(Catalogue::new(Locale::En), "A7"), ["Alfa", "Seven"]);
/// ```
pub fn spell(cat: Catalogue, code: &str) -> Vec<String> {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| cat.text(&format!("nato.{}", c.to_ascii_uppercase())))
        .collect()
}

/// The code spelled in the groups it is shown in (`DR80-32ZC`), each group
/// with its words, so a reader on the phone can say where they are.
///
/// ```
/// use resetcheck_core::advice::spell_groups;
/// use resetcheck_core::messages::{Catalogue, Locale};
/// let groups = spell_groups(Catalogue::new(Locale::En), "dr8032z");
/// assert_eq!(groups[0], ("DR80".to_owned(), vec!["Delta".into(), "Romeo".into(), "Eight".into(), "Zero".into()]));
/// assert_eq!(groups[1].0, "32Z");
/// ```
pub fn spell_groups(cat: Catalogue, code: &str) -> Vec<(String, Vec<String>)> {
    crate::code::format_for_display(code).split('-').map(|group| (group.to_owned(), spell(cat, group))).collect()
}

/// A range of durations in words: `1 min 31 s to 2 min 8 s`, or `more than
/// 397 days` with no upper end.
pub fn duration_range(cat: Catalogue, low_ms: u64, high_ms: Option<u64>) -> String {
    let key = if high_ms.is_some() { "duration.range" } else { "duration.more_than" };
    cat.fill_in(key, None, &mut |name, cat| match name {
        "low" => Some(duration(cat, low_ms)),
        "high" => high_ms.map(|high| duration(cat, high)),
        _ => None,
    })
}

/// A duration in words at a precision that suits its size: `0.004 s`,
/// `0.02 s`, `4.2 s`, `1 min 33 s`, `2 h 26 min`, `3 days 4 h`.
///
/// ```
/// use resetcheck_core::advice::duration;
/// use resetcheck_core::messages::{Catalogue, Locale};
/// let cat = Catalogue::new(Locale::En);
/// assert_eq!(duration(cat, 93_500), "1 min 34 s");
/// assert_eq!(duration(cat, 20), "0.02 s");
/// ```
pub fn duration(cat: Catalogue, ms: u64) -> String {
    // A whole number of a unit is counted (Arabic: "3 دقائق", "11 دقيقة");
    // a fraction of a second takes the unit's plain text.
    let unit = |key: &str, n: u64| cat.count(key, n, &[]);
    let join = |a: String, b: String| cat.format("duration.join", &[("a", &a), ("b", &b)]);
    let seconds = |value: u64, places: u32| {
        // value is in units of 10^-places seconds.
        let scale = 10u64.pow(places);
        let (whole, frac) = (value / scale, value % scale);
        if frac == 0 {
            return unit("duration.s", whole);
        }
        let frac = format!("{frac:0width$}", width = places as usize);
        let n = format!("{whole}{}{}", cat.text("number.decimal_separator"), frac.trim_end_matches('0'));
        cat.format("duration.s", &[("n", &n)])
    };
    const MIN: u64 = 60_000;
    const HOUR: u64 = 60 * MIN;
    const DAY: u64 = 24 * HOUR;
    if ms < 10 {
        seconds(ms, 3)
    } else if ms < 1_000 {
        seconds((ms + 5) / 10, 2)
    } else if ms < MIN {
        let tenths = (ms + 50) / 100;
        if tenths >= 600 {
            return duration(cat, MIN);
        }
        seconds(tenths, 1)
    } else if ms < HOUR {
        let seconds = (ms + 500) / 1_000;
        let (m, s) = (seconds / 60, seconds % 60);
        if m >= 60 {
            return duration(cat, HOUR);
        }
        let minutes = unit("duration.min", m);
        if s == 0 {
            minutes
        } else {
            join(minutes, unit("duration.s", s))
        }
    } else if ms < DAY {
        let minutes = (ms + 30_000) / MIN;
        let (h, m) = (minutes / 60, minutes % 60);
        if h >= 24 {
            return duration(cat, DAY);
        }
        let hours = unit("duration.h", h);
        if m == 0 {
            hours
        } else {
            join(hours, unit("duration.min", m))
        }
    } else {
        // Saturating: a crafted code's minutes can be anything.
        let hours = ms.saturating_add(HOUR / 2) / HOUR;
        let (d, h) = (hours / 24, hours % 24);
        let days = cat.count("duration.days", d, &[]);
        if h == 0 {
            days
        } else {
            join(days, unit("duration.h", h))
        }
    }
}

/// The clock check's headline in words, from its measures, for example
/// "Your clock is 1 min 33 s fast (give or take 0.02 s)." `None` without an estimate.
///
/// With `zone_wrong` (the check found `clock.timezone_wrong`), it says the
/// clock is off *for websites*: the device shows the right local time, and
/// a plain "your clock is 3 h fast" would contradict what the user sees.
pub fn clock_line(cat: Catalogue, measures: &crate::report::Params, zone_wrong: bool) -> Option<String> {
    let int = |name: &str| measures.int(name);
    let (offset, uncertainty) = (int("offset_ms")?, int("uncertainty_ms")?.unsigned_abs());
    let key = if offset.unsigned_abs() <= uncertainty {
        "clock.line.matches"
    } else if zone_wrong {
        if offset > 0 {
            "clock.line.zone_fast"
        } else {
            "clock.line.zone_slow"
        }
    } else if offset > 0 {
        "clock.line.fast"
    } else {
        "clock.line.slow"
    };
    Some(cat.fill_in(key, None, &mut |name, cat| match name {
        "amount" => Some(duration(cat, offset.unsigned_abs())),
        "uncertainty" => Some(duration(cat, uncertainty)),
        _ => None,
    }))
}

/// The time zone in words: its name (shown only on the user's own screen,
/// never in a report), its UTC offset and whether it has daylight saving.
pub fn zone_line(cat: Catalogue, iana: Option<&str>, utc_offset_min: Option<i64>, dst: &str) -> Option<String> {
    let m = utc_offset_min?;
    let (hours, minutes) = (format!("{:02}", m.unsigned_abs() / 60), format!("{:02}", m.unsigned_abs() % 60));
    let side = if m < 0 { "clock.zone.offset.west" } else { "clock.zone.offset.east" };
    // Whole sentences, so a translation words each case its own way.
    let dst = if matches!(dst, "yes" | "no") { dst } else { "unknown" };
    let key = format!("clock.zone.{}.{dst}", if iana.is_some() { "named" } else { "unnamed" });
    Some(cat.fill_in(&key, None, &mut |name, cat| match name {
        "zone" => iana.map(str::to_owned),
        "offset" => Some(cat.format(side, &[("hours", &hours), ("minutes", &minutes)])),
        _ => None,
    }))
}

/// `docs/findings.md`, generated from the registry and the English texts.
pub fn findings_markdown() -> String {
    let cat = Catalogue::new(crate::messages::Locale::En);
    let mut out = String::from(
        "# Finding registry\n\n\
         Generated from `core/src/registry.rs` and the English catalogue by the core's tests; do not edit by hand.\n\
         Regenerate with `UPDATE_EXPECT=1 cargo test -p resetcheck-core findings_doc`.\n\n\
         The registry is append-only: a number, once released, keeps its meaning forever, because diagnostic codes carry numbers.\n\
         A decoder that meets a number it does not know still decodes the rest of the code, and shows that finding as \"unknown finding N (made by a newer resetcheck)\" with status warn.\n\n\
         Severity sets the check's status: error > fail > warn > skip > pass; a note leaves it at pass.\n\n\
         | # | id | severity | params | meaning | user advice | support next step |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for def in FINDINGS {
        let row = |part: &str| cat.text(&format!("{}.{part}", def.id)).replace('|', "\\|");
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} | {} | {} |\n",
            def.number,
            def.id,
            def.severity.as_str(),
            if def.params.is_empty() { "none".to_owned() } else { def.params.join(", ") },
            row("title"),
            if for_support_only(def.id) { cat.text("support.not_shown_to_user") } else { row("user") },
            row("support"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Locale;

    #[test]
    fn findings_doc_is_up_to_date() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/findings.md");
        expect_test::expect_file![path].assert_eq(&findings_markdown());
    }

    #[test]
    fn endpoint_names_come_from_the_context() {
        let cat = Catalogue::new(Locale::En);
        let f = Finding::new("network.timeout").with("endpoint", Param::Int(2));
        let names = ["This site".to_owned(), "Time".to_owned(), "Sign-in API".to_owned()];
        let named = render(cat, &f, Context { endpoint_names: &names, ..Default::default() });
        assert_eq!(named.title, "Sign-in API did not answer in time");
        // A built-in name reads as it does mid-sentence, with a capital where a sentence starts with it.
        let time = Finding::new("network.timeout").with("endpoint", Param::Int(1));
        assert_eq!(render(cat, &time, Context::default()).title, "The time service did not answer in time");
        let csp = Finding::new("network.csp_blocked").with("endpoint", Param::Int(1));
        assert_eq!(
            render(cat, &csp, Context::default()).title,
            "A security setting on the site blocks the time service"
        );
        // A config's own name is shown as written.
        let own = ["This site".to_owned(), "Time".to_owned(), "iCloud sync".to_owned()];
        assert_eq!(
            render(cat, &f, Context { endpoint_names: &own, ..Default::default() }).title,
            "iCloud sync did not answer in time"
        );
        let unnamed = render(cat, &f, Context::default());
        assert_eq!(unnamed.title, "Configured endpoint 1 (endpoints[0] in resetcheck.json) did not answer in time");
    }

    #[test]
    fn every_code_symbol_can_be_spelled() {
        let cat = Catalogue::new(Locale::En);
        // Crockford base 32: digits and letters without I, L, O, U.
        for c in "0123456789ABCDEFGHJKMNPQRSTVWXYZ".chars() {
            let word = spell(cat, &c.to_string());
            assert_eq!(word.len(), 1);
            assert!(!word[0].starts_with("nato."), "{c}");
        }
    }

    #[test]
    fn labels_and_link_lines() {
        assert_eq!(advice_label("link.rewritten"), "finding.good_to_know");
        assert_eq!(advice_label("link.truncated"), "finding.what_to_do");
        assert_eq!(link_status_key(Status::Fail), "link.ui.status_problems");
        assert_eq!(link_status_key(Status::Skip), "link.ui.status_see_below");
        assert_eq!(link_status_key(Status::Pass), "link.ui.status_clean");
    }

    #[test]
    fn email_lines() {
        let result = |findings: Vec<Finding>| CheckResult::new(CheckId::Email, findings);
        assert_eq!(email_status_key(&result(vec![]), false), "email.status_clean");
        assert_eq!(email_status_key(&result(vec![Finding::new("email.malformed")]), false), "email.status_problems");
        assert_eq!(email_status_key(&result(vec![Finding::new("email.idn_domain")]), false), "email.status_note");
        assert_eq!(email_status_key(&result(vec![]), true), "email.status_clean_tip");
        assert_eq!(email_status_key(&result(vec![Finding::new("email.idn_domain")]), true), "email.status_note");
    }

    #[test]
    fn render_where_keeps_each_finding_s_place() {
        use crate::report::CheckResult;
        let cat = Catalogue::new(Locale::En);
        let managers = ["lastpass", "onepassword"]
            .map(|name| Finding::new("extensions.password_manager").with("name", Param::Word(name)));
        let checks = [
            CheckResult::new(CheckId::Browser, vec![Finding::new("browser.cookies_blocked")]),
            CheckResult::new(
                CheckId::Extensions,
                vec![Finding::new("extensions.dark_reader"), managers[0].clone(), managers[1].clone()],
            ),
        ];
        let kept = render_where(cat, &checks, &[], |_, f| is_problem(f));
        let places: Vec<(CheckId, usize)> = kept.iter().map(|(check, i, _, _)| (*check, *i)).collect();
        assert_eq!(places, [(CheckId::Browser, 0), (CheckId::Extensions, 1), (CheckId::Extensions, 2)]);
        assert_eq!(kept[0].3.title, "Cookies are blocked for this site");
    }

    #[test]
    fn summaries() {
        use crate::report::{CheckResult, Report};
        let report = |findings: Vec<Vec<&'static str>>| {
            Report::new(
                findings
                    .into_iter()
                    .map(|ids| CheckResult::new(CheckId::Browser, ids.into_iter().map(Finding::new).collect()))
                    .collect(),
            )
        };
        assert_eq!(summary_key(&report(vec![vec![]])), "summary.all_good_check_link");
        assert_eq!(summary_key(&report(vec![vec!["browser.embedded"]])), "summary.all_good_check_link");
        // Once the link is checked and fine, all is good; a paste with no link in it (skip) is no check.
        let with_link = |link: Vec<Finding>| {
            let mut r = report(vec![vec![]]);
            r.checks.push(CheckResult::new(CheckId::Link, link));
            r
        };
        assert_eq!(summary_key(&with_link(vec![])), "summary.all_good");
        // Pasted, but no link in it (phone review, 2026-11-27: "check it below" asked for what was just done).
        assert_eq!(summary_key(&with_link(vec![Finding::new("link.no_link_found")])), "summary.all_good_link_unread");
        // Links to choose from: the choice is below.
        let choose = Finding::new("link.choice_needed").with("count", Param::Int(2));
        assert_eq!(summary_key(&with_link(vec![choose])), "summary.all_good_check_link");
        assert_eq!(summary_key(&with_link(vec![Finding::new("link.expired")])), "summary.problems");
        assert_eq!(summary_key(&report(vec![vec!["browser.cookies_blocked"]])), "summary.problems");
        assert_eq!(summary_key(&report(vec![vec!["check.timeout"]])), "summary.errors");
        // The site's own faults are not the user's to look for.
        assert_eq!(summary_key(&report(vec![vec!["network.cors_blocked", "network.http_error"]])), "summary.site_side");
        // Not when a check could not run: nobody knows that side is fine.
        assert_eq!(summary_key(&report(vec![vec!["network.cors_blocked"], vec!["check.timeout"]])), "summary.problems");
        assert_eq!(
            summary_key(&report(vec![vec!["network.csp_blocked"], vec!["browser.cookies_blocked"]])),
            "summary.problems_mixed"
        );
        assert_eq!(
            summary_key(&report(vec![vec!["check.timeout"], vec!["browser.insecure_context"]])),
            "summary.problems"
        );
    }

    #[test]
    fn utc_minutes() {
        assert_eq!(utc_minute(0), "1970-01-01 00:00");
        assert_eq!(utc_minute(951_782_400_000), "2000-02-29 00:00");
        assert_eq!(utc_minute(1_767_225_599_000), "2025-12-31 23:59");
        assert_eq!(utc_minute(-60_000), "1969-12-31 23:59");
        assert_eq!(utc_minute(1_773_500_400_000), "2026-03-14 15:00");
    }

    #[test]
    fn a_zone_shift_reads_as_a_duration() {
        let cat = Catalogue::new(Locale::En);
        let shift = |hours: i64, minutes: i64| {
            let f = Finding::new("clock.timezone_wrong")
                .with("direction", Param::Word("behind"))
                .with("hours", Param::Int(hours))
                .with("minutes", Param::Int(minutes));
            render(cat, &f, Context::default()).user
        };
        // Not in the title: the device shows the right time, and "your clock is 3 h slow" would contradict it.
        assert!(shift(3, 0).contains("So for websites your clock is 3 h slow, "), "{}", shift(3, 0));
        assert!(shift(0, 45).contains(" 45 min slow, "));
        assert!(shift(5, 30).contains(" 5 h 30 min slow, "));
    }

    #[test]
    fn durations() {
        let cat = Catalogue::new(Locale::En);
        let d = |ms| duration(cat, ms);
        assert_eq!(d(0), "0 s");
        assert_eq!(d(4), "0.004 s");
        assert_eq!(d(20), "0.02 s");
        assert_eq!(d(999), "1 s");
        assert_eq!(d(2_000), "2 s");
        assert_eq!(d(4_200), "4.2 s");
        assert_eq!(d(59_960), "1 min");
        assert_eq!(d(93_000), "1 min 33 s");
        assert_eq!(d(26 * 60_000), "26 min");
        assert_eq!(d(3 * 3_600_000), "3 h");
        assert_eq!(d(3 * 3_600_000 - 500), "3 h");
        assert_eq!(d(5 * 3_600_000 + 30 * 60_000), "5 h 30 min");
        assert_eq!(d(50 * 3_600_000), "2 days 2 h");
    }

    #[test]
    fn codes_at_risk_from_a_loose_measure_do_not_blame_a_matching_clock() {
        // Content audit, 2026-11-27: 3 s fast give or take 8 s showed "Your clock matches the site's time" above
        // "Your clock is 3 s fast, so some sign-in codes may be refused".
        let cat = Catalogue::new(Locale::En);
        let finding = Finding::new("clock.totp_at_risk").with("direction", Param::Word("ahead"));
        let title = |offset: i64, uncertainty: i64| {
            let measures: Measures =
                [("offset_ms", Param::Int(offset)), ("uncertainty_ms", Param::Int(uncertainty))].into_iter().collect();
            let ctx = Context { measures: Some(&measures), ..Context::default() };
            assert_eq!(
                clock_line(cat, &measures, false).is_some_and(|l| l.starts_with("Your clock matches")),
                offset.abs() <= uncertainty
            );
            render(cat, &finding, ctx).title
        };
        assert_eq!(
            title(3_000, 8_000),
            "Your clock could be several seconds off, so some sign-in codes may be refused"
        );
        assert_eq!(
            title(-8_000, 8_000),
            "Your clock could be several seconds off, so some sign-in codes may be refused"
        );
        assert_eq!(title(9_000, 1_500), "Your clock is 9 s fast, so some sign-in codes may be refused");
        // Read from a code, the uncertainty is its class's upper bound (10 s for 1.5 s): the offset's range it is.
        let measures: Measures =
            [("offset_ms", Param::Int(9_000)), ("uncertainty_ms", Param::Int(10_000))].into_iter().collect();
        let coarse = render(cat, &finding, Context { measures: Some(&measures), coarse: true, ..Context::default() });
        assert!(coarse.title.starts_with("Your clock is ") && coarse.title.contains(" s fast, so"), "{}", coarse.title);
    }

    #[test]
    fn cookie_steps_put_the_user_s_own_browser_first() {
        let browser = |ua: &str| {
            crate::browser::analyze(&crate::browser::BrowserObservation {
                cookie_enabled: Some(false),
                user_agent: Some(ua.to_owned()),
                ..Default::default()
            })
        };
        let steps = |ua: &str| match howto(&browser(ua)) {
            Some((0, HowTo::Cookies { own, others })) => (own, others),
            other => panic!("{other:?}"),
        };
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
        let (own, others) = steps(iphone);
        assert_eq!(own, Some("safari_ios"));
        assert_eq!(others, ["chrome", "chrome_android", "safari_mac", "firefox", "firefox_android", "edge"]);
        let pixel = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
        assert_eq!(steps(pixel).0, Some("chrome_android"));
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert_eq!(steps(firefox).0, Some("firefox"));
        let chromium = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/131.0.0.0 Chrome/131.0.0.0 Safari/537.36";
        assert_eq!(steps(chromium).0, Some("chrome"));
        // An app's WebView2 (its brands: MicrosoftEdge/WebView2Feedback#2576): not Chrome's steps, nor Edge's.
        let webview2 = crate::browser::analyze(&crate::browser::BrowserObservation {
            cookie_enabled: Some(false),
            user_agent: Some("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/103.0.5060.134 Safari/537.36 Edg/103.0.1264.44".to_owned()),
            client_hints: Some(crate::useragent::ClientHints {
                brands: [("Microsoft Edge", "103"), ("Chromium", "103"), ("Microsoft Edge WebView2", "103")]
                    .map(|(b, v)| (b.to_owned(), v.to_owned()))
                    .to_vec(),
                mobile: Some(false),
                platform: Some("Windows".to_owned()),
            }),
            ..Default::default()
        });
        assert_eq!(webview2.measures.word("family"), Some("chromium"));
        assert_eq!(own_cookie_steps(&webview2), None);
        assert!(matches!(howto(&webview2), Some((_, HowTo::Cookies { own: Some("any"), .. }))));
        // Chrome on iOS keeps Safari's engine and its own settings: every browser's steps, none first.
        let crios = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/127.0.6533.107 Mobile/15E148 Safari/604.1";
        assert_eq!(steps(crios), (Some("any"), COOKIE_STEPS.to_vec()));
        // Samsung Internet, whose steps this doesn't have: Android's first (phone review, 2026-11-27).
        let samsung = "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36";
        assert_eq!(
            steps(samsung),
            (
                Some("any"),
                vec!["chrome_android", "firefox_android", "chrome", "safari_ios", "safari_mac", "firefox", "edge"]
            )
        );
        // Edge on Windows, and Windows' other browsers before the phones'.
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
        let (own, others) = steps(edge);
        assert_eq!(own, Some("edge"));
        assert_eq!(others[..2], ["chrome", "firefox"]);
        let fenix = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0";
        assert_eq!(steps(fenix).0, Some("firefox_android"));
        // Nor does Safari's setting reach an app's built-in browser (review, 2026-11-27: LINE's read as Safari).
        let line = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/14.10.0";
        assert!(browser(line).findings.iter().any(|f| f.id == "browser.in_app_browser"));
        assert_eq!(steps(line).0, None);
        assert_eq!(own_cookie_steps(&CheckResult::new(CheckId::Browser, Vec::new())), None);
        let cat = Catalogue::new(Locale::En);
        for step in COOKIE_STEPS.into_iter().chain(["any"]) {
            assert!(!cat.text(&format!("browser.cookies_howto.{step}")).starts_with("browser."), "{step}");
        }
        let clock = CheckResult::new(CheckId::Clock, vec![Finding::new("clock.far_off")]);
        assert_eq!(howto(&clock), Some((0, HowTo::Clock)));
    }

    #[test]
    fn a_row_with_nothing_for_the_user_has_its_pass_line() {
        let browser =
            |ids: &[&'static str]| CheckResult::new(CheckId::Browser, ids.iter().map(|&id| Finding::new(id)).collect());
        assert_eq!(pass_key(&browser(&[])).as_deref(), Some("check.browser.pass"));
        // Embedded, a frame doesn't claim the site's cookies and storage work.
        assert_eq!(pass_key(&browser(&["browser.embedded"])).as_deref(), Some("check.browser.pass_embedded"));
        assert_eq!(pass_key(&browser(&["browser.embedded", "browser.cookies_partitioned"])), None);
        let cat = Catalogue::new(Locale::En);
        assert!(cat.text("check.browser.pass_embedded").contains("inside another page"));
    }

    #[test]
    fn clock_lines() {
        let cat = Catalogue::new(Locale::En);
        let measures = |offset: i64, uncertainty: i64| {
            [("offset_ms", Param::Int(offset)), ("uncertainty_ms", Param::Int(uncertainty))].into_iter().collect()
        };
        assert_eq!(
            clock_line(cat, &measures(93_000, 20), false).unwrap(),
            "Your clock is 1 min 33 s fast (give or take 0.02 s)."
        );
        assert_eq!(
            clock_line(cat, &measures(-2_000, 4), false).unwrap(),
            "Your clock is 2 s slow (give or take 0.004 s)."
        );
        assert!(clock_line(cat, &measures(-10_800_000, 4), true)
            .unwrap()
            .starts_with("For websites, your clock is 3 h slow"));
        assert_eq!(
            clock_line(cat, &measures(3, 4), false).unwrap(),
            "Your clock matches the site's time (give or take 0.004 s)."
        );
        assert_eq!(clock_line(cat, &Default::default(), false), None);
    }

    #[test]
    fn zone_lines() {
        let cat = Catalogue::new(Locale::En);
        assert_eq!(
            zone_line(cat, Some("Europe/Berlin"), Some(60), "yes").unwrap(),
            "Time zone: Europe/Berlin (UTC+01:00), which has daylight saving time."
        );
        assert_eq!(
            zone_line(cat, None, Some(-210), "no").unwrap(),
            "Time zone: UTC−03:30, without daylight saving time."
        );
        assert_eq!(zone_line(cat, Some("Etc/UTC"), None, "unknown"), None);
        // Daylight saving unknown: still a whole sentence.
        assert_eq!(
            zone_line(cat, Some("Asia/Kolkata"), Some(330), "unknown").unwrap(),
            "Time zone: Asia/Kolkata (UTC+05:30)."
        );
    }

    #[test]
    fn browser_lines() {
        let cat = Catalogue::new(Locale::En);
        let measures = [
            ("family", Param::Word("chrome")),
            ("major", Param::Int(156)),
            ("os", Param::Word("linux")),
            ("mobile", Param::Word("no")),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            browser_line(cat, &measures).unwrap(),
            "Your browser: Chrome 156 on Linux, on a computer or tablet."
        );
        let phone =
            [("family", Param::Word("samsung")), ("os", Param::Word("android")), ("mobile", Param::Word("yes"))]
                .into_iter()
                .collect();
        assert_eq!(browser_line(cat, &phone).unwrap(), "Your browser: Samsung Internet on Android, on a phone.");
        assert_eq!(browser_line(cat, &Default::default()), None);
        for platform in crate::platform::Platform::ALL.iter().map(|p| p.as_str()).chain(["unknown"]) {
            assert!(cat.template(&format!("platform.name.{platform}")).is_some(), "{platform}");
        }
    }

    #[test]
    fn word_params_are_translated() {
        let f = Finding::new("browser.local_storage_unavailable").with("reason", Param::Word("quota"));
        let text = render(Catalogue::new(Locale::En), &f, Context::default());
        assert!(text.support.contains("storage quota is full"), "{}", text.support);
    }

    #[test]
    fn every_storage_reason_has_words() {
        let cat = Catalogue::new(Locale::En);
        for reason in crate::browser::STORAGE_REASONS {
            assert!(cat.template(&format!("param.reason.{reason}")).is_some(), "param.reason.{reason}");
        }
    }

    #[test]
    fn every_check_and_status_has_words() {
        let cat = Catalogue::new(Locale::En);
        for check in CheckId::ALL {
            for part in ["name", "pass", "running"] {
                let key = format!("check.{}.{part}", check.as_str());
                assert!(cat.template(&key).is_some(), "{key}");
            }
        }
        for status in [Status::Pass, Status::Skip, Status::Warn, Status::Fail, Status::Error] {
            assert_ne!(status_label(cat, status), format!("status.{}", status.as_str()));
        }
    }
}
