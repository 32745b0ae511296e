//! What support reads about a decoded code, the same on the support page
//! and in `resetcheck decode`: a headline, the problems most serious first
//! (each with what to tell the user and the technical detail), the
//! site-side runbook, and each check's measures in words.
//!
//! A decoded report's measures are coarse (see [`crate::code`]), so the
//! clock's offset is given as the range the code allows, never as a
//! figure more precise than it is.

use crate::advice::{self, render, Context};
use crate::code;
use crate::messages::Catalogue;
use crate::report::{CheckId, CheckResult, Report, Status};

/// How long ago the checks ran, seen from `now_ms`, as a sentence: what
/// they saw then (a reset link's time left, a clock's offset) may have
/// changed since. `None` when the run time is unknown.
///
/// ```
/// use resetcheck_core::briefing::ran_ago;
/// use resetcheck_core::messages::{Catalogue, Locale};
/// use resetcheck_core::report::Report;
/// let cat = Catalogue::new(Locale::En);
/// let report = Report::new(vec![]).with_ran_at(1_800_000_000_000);
/// let ago = ran_ago(cat, &report, 1_800_000_000_000 + 3 * 3_600_000).unwrap();
/// assert!(ago.starts_with("That was 2 h to 3 h ago"), "{ago}");
/// let old = ran_ago(cat, &report, 1_800_000_000_000 + 20 * 86_400_000).unwrap();
/// assert!(old.contains("If the user ran the check more recently"), "{old}");
/// // An hour that has not begun here: the clocks disagree.
/// let ahead = ran_ago(cat, &report, 1_800_000_000_000 - 60_000).unwrap();
/// assert!(ahead.starts_with("That hour has not begun yet here"), "{ahead}");
/// // Hours ahead: rather a misread, or a code from 85 days ago.
/// let far = ran_ago(cat, &report, 1_800_000_000_000 - 5 * 3_600_000).unwrap();
/// assert!(far.starts_with("That is hours after now here"), "{far}");
/// ```
pub fn ran_ago(cat: Catalogue, report: &Report, now_ms: i64) -> Option<String> {
    // The code keeps the hour the checks ran in.
    let earliest = report.ran_at_ms?;
    let latest_ago = now_ms.saturating_sub(earliest);
    let earliest_ago = latest_ago.saturating_sub(code::TIME_RESOLUTION_MS);
    // Its hour not begun yet here: the clock the user's page went by is
    // ahead of this one (support review, 2026-11-27: "within the last
    // hour"). Hours ahead, it is rather a misread or a code from 84 days ago.
    if latest_ago < 0 {
        let key = if latest_ago > -code::TIME_RESOLUTION_MS { "support.ran_ahead" } else { "support.ran_ahead_far" };
        return Some(cat.text(key));
    }
    if earliest_ago <= 0 {
        return Some(cat.text("support.ran_recent"));
    }
    let range = advice::duration_range(cat, earliest_ago.unsigned_abs(), Some(latest_ago.unsigned_abs()));
    // A code read with a character dropped or doubled can still check out
    // (rarely), and then its run time is anything in the code's 85 days.
    let key = if earliest_ago > OLD_MS { "support.ran_ago_old" } else { "support.ran_ago" };
    Some(cat.format(key, &[("range", &range)]))
}

/// What became of a reset link that still had time left at the check,
/// seen from `now_ms`: expired since, perhaps expired, or still good for
/// a while. A decoded "works for about 30 min more" read days later
/// would send support looking on the site's side for what is only an old
/// link. `None` without such a link or a run time, and for a link with
/// time left but another problem.
///
/// ```
/// use resetcheck_core::briefing::link_since;
/// use resetcheck_core::messages::{Catalogue, Locale};
/// use resetcheck_core::report::{CheckId, CheckResult, Finding, Param, Report};
/// let cat = Catalogue::new(Locale::En);
/// let expires = Finding::new("link.expires_in").with("expiry_minutes", Param::Int(30));
/// let link = CheckResult::new(CheckId::Link, vec![expires]);
/// let report = Report::new(vec![link]).with_ran_at(1_800_000_000_000);
/// let later = link_since(cat, &report, 1_800_000_000_000 + 2 * 86_400_000).unwrap();
/// assert!(later.starts_with("The reset link has expired since the check"), "{later}");
/// ```
pub fn link_since(cat: Catalogue, report: &Report, now_ms: i64) -> Option<String> {
    const MINUTE_MS: i64 = 60_000;
    let ran = report.ran_at_ms?;
    let link = report.checks.iter().find(|c| c.check == CheckId::Link)?;
    let finding = link.findings.iter().find(|f| matches!(f.id, "link.expires_in" | "link.expires_soon"))?;
    let minutes = finding.params.int("expiry_minutes")?;
    // The run is somewhere in the hour the code keeps, and the minutes left
    // are rounded down (expires_in) or up (expires_soon).
    let earliest = ran.saturating_add(minutes.saturating_sub(1).saturating_mul(MINUTE_MS));
    let latest = ran
        .saturating_add(code::TIME_RESOLUTION_MS)
        .saturating_add(minutes.saturating_add(1).saturating_mul(MINUTE_MS));
    let then = advice::duration(cat, minutes.max(0).unsigned_abs().saturating_mul(MINUTE_MS as u64));
    Some(if now_ms >= latest {
        cat.format("support.link_since.expired", &[("then", &then)])
    } else if now_ms >= earliest {
        cat.format("support.link_since.maybe", &[("then", &then)])
    } else if link.findings.iter().any(|f| !crate::link::is_expiry(f.id) && advice::is_problem(f)) {
        // Its time is not what stops it: "should still work" would send
        // the user back to a damaged link.
        return None;
    } else {
        let range = advice::duration_range(
            cat,
            earliest.saturating_sub(now_ms).unsigned_abs(),
            Some(latest.saturating_sub(now_ms).unsigned_abs()),
        );
        cat.format("support.link_since.left", &[("range", &range)])
    })
}

/// A run older than this makes the briefing ask whether the code was read
/// right: most users write in within days of trying the reset.
const OLD_MS: i64 = 7 * 24 * 3_600_000;

/// Why a code could not be decoded, in words for the support agent: the
/// same on the support page and in `resetcheck decode`.
///
/// ```
/// use resetcheck_core::briefing::decode_error;
/// use resetcheck_core::code::DecodeError;
/// use resetcheck_core::messages::{Catalogue, Locale};
/// let typo = DecodeError::Checksum { read: "DKR3-3A6V-K0GM".into(), group: Some(2) };
/// assert!(decode_error(Catalogue::new(Locale::En), &typo).contains("(read as DKR3-3A6V-K0GM). If one character"));
/// ```
pub fn decode_error(cat: Catalogue, error: &code::DecodeError) -> String {
    use code::DecodeError::{BadCharacter, Checksum, NewerFormat, OldInMessage};
    let key = format!("support.error.{}", error.kind());
    match error {
        BadCharacter { character, position, group } => {
            // A U is the one letter a code leaves out, and most often a misheard V.
            let key = if matches!(character, 'U' | 'u') { "support.error.bad_character_u" } else { &key };
            let position = position.to_string();
            let place = match group {
                Some(group) => {
                    cat.format("support.error.place_group", &[("group", &group.to_string()), ("position", &position)])
                }
                None => cat.format("support.error.place", &[("position", &position)]),
            };
            cat.format(key, &[("character", &code::shown_char(*character)), ("place", &place)])
        }
        NewerFormat { version } => cat.format(&key, &[("version", &version.to_string())]),
        OldInMessage { read, days } => {
            cat.count(&key, days.unsigned_abs(), &[("read", read), ("days", &days.to_string())])
        }
        Checksum { read, group: Some(group) } => {
            cat.format("support.error.checksum_group", &[("read", read), ("group", &group.to_string())])
        }
        Checksum { read, group: None } => cat.format(&key, &[("read", read)]),
        _ => cat.text(&key),
    }
}

/// Everything support reads about one decoded report, in the catalogue's
/// language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Briefing {
    /// When the checks ran, to the hour the code keeps.
    pub ran: String,
    /// The user's browser and device, to confirm with them that the code
    /// is theirs ("you're on an Android phone?"), when the code says.
    pub device: Option<String>,
    /// One sentence: how many problems, on which checks, or none.
    pub headline: String,
    /// The problems, most serious first; the report's order within a
    /// severity.
    pub steps: Vec<Step>,
    /// What to tell the user, for a reply: the steps' `user` texts in
    /// their order, each once.
    pub reply: Vec<String>,
    /// What the checks did not look at, for support to ask about: the
    /// reset link when the user didn't paste it (where expired, scanned and
    /// damaged links show), and automatic checks the page left out.
    pub unchecked: Vec<String>,
    /// The heading of `admin`: a fallback after the user's steps, or, when
    /// every problem is the site's, the next step itself.
    pub admin_heading: String,
    /// Site-side checks the problems point at, or the usual site-side
    /// causes when the user's side is clean.
    pub admin: Vec<String>,
    /// Each check with its measures in words, in the report's order.
    pub checks: Vec<CheckLines>,
}

/// A briefing's [`Briefing::reply`] as lines to paste: numbered when
/// there are several.
pub fn reply_lines(cat: Catalogue, reply: &[String]) -> Vec<String> {
    if let [only] = reply {
        return vec![only.clone()];
    }
    (1..)
        .zip(reply)
        .map(|(number, text)| cat.format("support.reply_item", &[("number", &number.to_string()), ("text", text)]))
        .collect()
}

/// The reply as one text to paste ([`reply_lines`] a blank line apart);
/// empty without anything to tell the user.
pub fn reply_text(cat: Catalogue, reply: &[String]) -> String {
    reply_lines(cat, reply).join("\n\n")
}

/// One problem, as support acts on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Its severity: error, fail or warn.
    pub status: Status,
    /// The finding's id (`unknown` for one newer than this build).
    pub finding: &'static str,
    /// Its check's name.
    pub check: String,
    /// The headline the user saw.
    pub title: String,
    /// What to tell the user: what they were told to do, or for a problem
    /// on the site's side, that the site is on it.
    pub user: String,
    /// What support or the site checks.
    pub support: String,
}

/// One check's status and measures in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckLines {
    /// Which check.
    pub check: CheckId,
    /// Its status.
    pub status: Status,
    /// The clock's offset and time zone, the browser, the frame.
    pub lines: Vec<String>,
}

/// The briefing on `report`, naming endpoints from `endpoint_names` (the
/// config's, when support has it).
///
/// ```
/// use resetcheck_core::{briefing::brief, code, messages::{Catalogue, Locale}};
/// let report = code::decode("DKW4-HM6P-10ZJ-9504-H34").unwrap();
/// let b = brief(Catalogue::new(Locale::En), &report, &[]);
/// assert!(b.headline.starts_with("3 problems found (Clock and time zone, "), "{}", b.headline);
/// // Blocked cookies stop a reset; a clock this far off only may.
/// assert_eq!(b.steps[0].check, "Browser basics");
/// ```
pub fn brief(cat: Catalogue, report: &Report, endpoint_names: &[String]) -> Briefing {
    let ran = match report.ran_at_ms {
        Some(ms) => {
            let (from, to) = (advice::utc_minute(ms), advice::utc_minute(ms + code::TIME_RESOLUTION_MS));
            cat.format("support.ran_between", &[("from", &from), ("to", &to)])
        }
        None => cat.text("support.ran_at_unknown"),
    };
    let browser = report.checks.iter().find(|c| c.check == CheckId::Browser);
    let device = browser.and_then(|c| advice::browser_line_as(cat, &c.measures, "support.browser_line"));
    // The user's platform, for the same settings steps their page showed.
    let os = browser.and_then(|c| c.measures.word("os"));
    let howto = os.and_then(|os| cat.template(&format!("clock.howto.{os}")));
    // And the steps to allow cookies in their browser, where this knows them.
    let cookie_howto = browser
        .and_then(advice::own_cookie_steps)
        .and_then(|own| cat.template(&format!("browser.cookies_howto.{own}")));
    let users_part = advice::problem_sides(report).1;
    let mut steps = Vec::new();
    let mut admin: Vec<&'static str> = Vec::new();
    // A note's runbook items come after the problems' and the usual causes:
    // a broken time endpoint is the site's to fix, but no reason a reset fails.
    let mut noted: Vec<&'static str> = Vec::new();
    let mut problem_checks: Vec<String> = Vec::new();
    for check in &report.checks {
        let ctx = Context { measures: Some(&check.measures), endpoint_names, coarse: true };
        for finding in &check.findings {
            let status = Status::from_findings(std::slice::from_ref(finding));
            if !matches!(status, Status::Fail | Status::Warn | Status::Error) {
                noted.extend(note_runbook_for(finding.id));
                continue;
            }
            let text = render(cat, finding, ctx);
            let name = check_name(cat, check.check);
            if !problem_checks.contains(&name) {
                problem_checks.push(name.clone());
            }
            steps.push(Step {
                status,
                finding: finding.id,
                check: name,
                title: text.title,
                // The user was told to tell support; support tells them it's the site's to fix.
                // A clock unmeasured beside a time endpoint whose server
                // answers wrongly won't measure on a reload either (support
                // review, 2026-11-27); out of reach, it may.
                user: if advice::SITE_SIDE.contains(&finding.id)
                    || (unmeasured_by_server(finding) && check.findings.iter().any(server_broke_time))
                {
                    // Said whole only when nothing else is the user's to do.
                    cat.text(if users_part { "support.tell_site_side_part" } else { "support.tell_site_side" })
                } else {
                    advice::told_by_support(cat, finding, ctx, text.user)
                },
                support: text.support,
            });
            admin.extend(runbook_for(finding));
        }
    }
    // Most serious first: what fails, then a check that could not run (an
    // unknown is no worse than a known failure: support review, 2026-11-27),
    // then risks; of the same severity, what by itself makes the reset fail
    // before what only may.
    let seriousness = |status: Status| match status {
        Status::Fail => 0,
        Status::Error => 1,
        _ => 2,
    };
    crate::order::sort_by_key(&mut steps, |s| (seriousness(s.status), !advice::CERTAIN.contains(&s.finding)));
    // The settings steps (the clock's, the cookies'), on the first step
    // that shows them only: two clock findings gave the same Mac settings
    // path twice (support review, 2026-11-27). No such step is the site's.
    let mut given: Vec<&str> = Vec::new();
    for step in &mut steps {
        let settings = if advice::shows_clock_howto(step.finding) {
            howto.as_deref()
        } else if advice::shows_cookie_howto(step.finding) {
            cookie_howto.as_deref()
        } else {
            None
        };
        let Some(text) = settings else { continue };
        if !given.contains(&text) {
            given.push(text);
            // On one line: the page sets a step's variants (Android, Samsung) on lines of their own.
            step.user = format!("{}{}{}", step.user, cat.text("punct.sentence_gap"), text.replace('\n', " "));
        }
    }
    let site_side_only = !steps.is_empty() && steps.iter().all(|s| advice::SITE_SIDE.contains(&s.finding));
    let has_run = |id: CheckId| report.checks.iter().any(|c| c.check == id);
    // Not checked also when what was pasted held no link, or several to choose from (skip).
    let link_unchecked =
        report.checks.iter().find(|c| c.check == CheckId::Link).is_none_or(|c| c.status == Status::Skip);
    let mut unchecked = Vec::new();
    if link_unchecked {
        unchecked.push(cat.text("support.unchecked.link"));
    }
    let left_out: Vec<String> =
        CheckId::ALL.into_iter().filter(|id| !has_run(*id)).map(|id| check_name(cat, id)).collect();
    if !left_out.is_empty() {
        unchecked
            .push(cat.format("support.unchecked.checks", &[("checks", &left_out.join(&cat.text("punct.list_sep")))]));
    }
    let headline = match steps.first() {
        None if report.checks.is_empty() => cat.text("support.headline.nothing_ran"),
        None => {
            // Nothing on the user's side: the usual causes are on the site's,
            // unless the link, the likeliest one, went unchecked. A link that
            // was checked arrived, so its delivery is no question.
            if link_unchecked {
                admin.push("admin.email_delivery");
            }
            admin.extend(["admin.token_lifetime", "admin.auth_logs", "admin.rate_limits"]);
            cat.text(if link_unchecked { "support.headline.none_unchecked" } else { "support.headline.none" })
        }
        // The problem itself, not only its check: the agent acts on it.
        Some(top) => {
            let (problem, check) = (top.title.as_str(), top.check.as_str());
            match steps.len() {
                1 if site_side_only => {
                    cat.format("support.headline.site_side_one", &[("problem", problem), ("check", check)])
                }
                n if site_side_only => cat.count(
                    "support.headline.site_side_many",
                    n as u64,
                    &[("count", &n.to_string()), ("problem", problem), ("check", check)],
                ),
                1 => cat.format("support.headline.one", &[("problem", problem), ("check", check)]),
                n => cat.count(
                    "support.headline.many",
                    n as u64,
                    &[
                        ("count", &n.to_string()),
                        ("problem", problem),
                        ("check", check),
                        ("checks", &problem_checks.join(&cat.text("punct.list_sep"))),
                    ],
                ),
            }
        }
    };
    admin.extend(noted);
    let mut seen: Vec<&str> = Vec::new();
    let admin = admin
        .into_iter()
        .filter(|key| {
            let new = !seen.contains(key);
            seen.push(key);
            new
        })
        .map(|key| cat.text(key))
        .collect();
    let checks = report
        .checks
        .iter()
        .map(|check| CheckLines { check: check.check, status: check.status, lines: measure_lines(cat, check) })
        .collect();
    // The steps' words to the user, each once (two password managers, or
    // three checks saying "reload and send me the new code", are one thing to do).
    // The device's fixes first, then the address, then the link: a new reset
    // e-mail asked for before the clock is set right fails again (review,
    // 2026-11-27: the reply opened with "ask for a new reset e-mail").
    let mut in_order: Vec<&Step> = steps.iter().collect();
    crate::order::sort_by_key(&mut in_order, |s| match s.finding.split_once('.').map(|(check, _)| check) {
        Some("link") => 2,
        Some("email") => 1,
        _ => 0,
    });
    // A line that another starts with is said by it ("Reload … send me the
    // new code." and the same with "If it happens again, try another
    // browser."): the longer one stays, where the first of them stood
    // (support review, 2026-11-27).
    let mut reply: Vec<String> = Vec::new();
    for step in in_order {
        if let Some(shorter) = reply.iter_mut().find(|line| step.user.starts_with(line.as_str())) {
            *shorter = step.user.clone();
        } else if !reply.iter().any(|line| line.starts_with(&step.user)) {
            reply.push(step.user.clone());
        }
    }
    // With only the site's problems, its runbook is the next step, not a fallback.
    // With no steps above, "if the steps above didn't help" points at nothing (support review, 2026-11-27).
    let admin_heading = cat.text(match (site_side_only, steps.is_empty() && !report.checks.is_empty()) {
        (true, _) => "support.admin_site_side",
        (false, true) => "support.admin_clean",
        (false, false) => "support.admin",
    });
    Briefing { ran, device, headline, steps, reply, unchecked, admin_heading, admin, checks }
}

/// A check's name as support reads it: the user's page says "Your reset
/// link", which in a briefing would address the agent.
pub fn check_name(cat: Catalogue, check: CheckId) -> String {
    cat.template(&format!("support.check.{}", check.as_str()))
        .map_or_else(|| advice::check_name(cat, check), |name| name.into_owned())
}

/// Whether `finding` is a clock left unmeasured for want of the server's
/// answers (none recorded, or answers that contradict each other), not for
/// the device's own clock changing during the requests (`bad_timing`).
fn unmeasured_by_server(finding: &crate::report::Finding) -> bool {
    finding.id == "clock.unmeasured"
        && matches!(finding.params.word("unmeasured_cause"), Some("no_samples" | "inconsistent"))
}

/// Whether `finding` says the time endpoint's server answered wrongly:
/// an HTTP error, not the JSON asked for, or answers that contradict each
/// other, not a request that never got an answer.
fn server_broke_time(finding: &crate::report::Finding) -> bool {
    finding.id == "clock.endpoint_broken"
        && matches!(
            finding.params.word("endpoint_problem"),
            Some("http_error" | "not_json" | "bad_value" | "inconsistent")
        )
}

/// The site-side runbook items a note points at: nothing for the user to
/// fix, but maybe for the site.
fn note_runbook_for(id: &str) -> &'static [&'static str] {
    match id {
        "link.browser_bound" => &["admin.pkce_links"],
        // The user's result works around it; the site's own check must not.
        "clock.endpoint_broken" => &["admin.time_endpoint"],
        _ => &[],
    }
}

/// The site-side runbook items a finding points at. A wrong time zone (or
/// one that disagrees with the clock) is the device's setting alone, and an
/// unmeasured clock says nothing of the site's: they point at nothing on
/// the site (support review, 2026-11-27: NTP and token leeway for them),
/// except a clock left unmeasured by servers taking turns with clocks apart,
/// theirs to set right.
fn runbook_for(finding: &crate::report::Finding) -> &'static [&'static str] {
    let id = finding.id;
    if id == "clock.unmeasured" && finding.params.word("unmeasured_cause") == Some("inconsistent") {
        &["admin.ntp"]
    } else if matches!(id, "clock.timezone_wrong" | "clock.zone_mismatch" | "clock.unmeasured") {
        &[]
    } else if id.starts_with("clock.") {
        &["admin.ntp", "admin.token_leeway"]
    } else if crate::link::is_expiry(id) {
        &["admin.token_lifetime"]
    } else if matches!(id, "link.prefetch_risk" | "link.opaque_wrapper" | "link.too_deep") {
        &["admin.idempotent_get", "admin.token_lifetime"]
    } else if id == "link.lookalike_wrapper" {
        &["admin.phishing"]
    } else if matches!(id, "link.wrong_environment" | "link.unknown_host" | "link.wrong_path" | "link.not_https") {
        &["admin.link_base_url"]
    } else if matches!(
        id,
        "link.truncated"
            | "link.token_missing"
            | "link.token_damaged"
            | "link.entity_damage"
            | "link.plus_as_space"
            | "link.line_wrapped"
            | "link.quoted_printable"
            | "link.too_long"
            | "link.double_encoded"
            | "link.wrapper_undecodable"
            | "link.not_a_web_link"
    ) {
        // The user has the e-mail: its delivery is no question, its link's form is.
        &["admin.link_format"]
    } else if id.starts_with("network.") {
        &["admin.auth_logs", "admin.idp_certificates"]
    } else if id.starts_with("email.") {
        &["admin.account_lookup"]
    } else {
        &[]
    }
}

/// The clock's offset as the code carries it, its time zone, the browser
/// and the frame, in words.
fn measure_lines(cat: Catalogue, check: &CheckResult) -> Vec<String> {
    let m = &check.measures;
    let dst = m.word("dst").unwrap_or("unknown");
    let frame = m.word("frame").filter(|f| *f != "top").map(|f| cat.text(&format!("support.frame.{f}")));
    [
        clock_range_line(cat, check),
        advice::zone_line(cat, None, m.int("utc_offset_min"), dst),
        advice::browser_line_as(cat, m, "support.browser_line"),
        frame,
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The clock's offset as the range the code allows, and how precisely the
/// check measured it.
fn clock_range_line(cat: Catalogue, check: &CheckResult) -> Option<String> {
    let offset = check.measures.int("offset_ms")?;
    let uncertainty_ms = check.measures.int("uncertainty_ms")?.unsigned_abs();
    let (low, high) = code::offset_range_ms(offset);
    let range = advice::duration_range(cat, low, high);
    let uncertainty = advice::duration(cat, uncertainty_ms);
    let key = if high.is_some_and(|high| high <= uncertainty_ms.max(code::OFFSET_EXACT_BELOW_MS)) {
        "support.clock.matches"
    } else if offset > 0 {
        "support.clock.fast"
    } else {
        "support.clock.slow"
    };
    Some(cat.format(key, &[("range", &range), ("uncertainty", &uncertainty)]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Locale;
    use crate::report::{Finding, Param};

    fn clock(offset_ms: i64, findings: Vec<Finding>) -> Report {
        let result = CheckResult::new(CheckId::Clock, findings)
            .with_measure("offset_ms", Param::Int(offset_ms))
            .with_measure("uncertainty_ms", Param::Int(20));
        code::decode(&code::encode(&Report::new(vec![result]))).unwrap()
    }

    /// A link test with `left_ms` to go at `ran_ms`, through a code and back.
    fn link_with(left_ms: i64, ran_ms: i64) -> Report {
        let finding = crate::link::expiry_finding(left_ms);
        let report = Report::new(vec![CheckResult::new(CheckId::Link, vec![finding])]).with_ran_at(ran_ms);
        code::decode_at(&code::encode(&report), ran_ms).unwrap()
    }

    #[test]
    fn a_link_with_time_left_is_judged_again_at_decoding_and_never_wrongly() {
        let cat = Catalogue::new(Locale::En);
        let hour_start = 1_800_000_000_000 - 1_800_000_000_000 % code::TIME_RESOLUTION_MS;
        let mut seen = [false; 3];
        for ran_ms in [hour_start, hour_start + 1_234_567, hour_start + code::TIME_RESOLUTION_MS - 1] {
            for left_ms in [30_000, 299_000, 1_799_000, 1_800_000, 7_261_000] {
                let report = link_with(left_ms, ran_ms);
                let expiry = ran_ms + left_ms;
                for now_ms in (0..48).map(|step| ran_ms + step * 10 * 60_000) {
                    let line = link_since(cat, &report, now_ms).unwrap();
                    if line.starts_with("The reset link has expired") {
                        assert!(expiry <= now_ms, "{left_ms} left at {ran_ms}, now {now_ms}: {line}");
                        seen[0] = true;
                    } else if line.starts_with("The reset link should still work") {
                        assert!(expiry > now_ms, "{left_ms} left at {ran_ms}, now {now_ms}: {line}");
                        seen[1] = true;
                    } else {
                        assert!(line.starts_with("The reset link may have expired"), "{line}");
                        seen[2] = true;
                    }
                }
            }
        }
        assert_eq!(seen, [true; 3]);
        expect_test::expect![[r#"
            The reset link has expired since the check (it had 30 min left then): the user needs a new reset e-mail, used right away.
            The reset link should still work for 29 min to 1 h 31 min from now."#]]
        .assert_eq(
            &[hour_start + 2 * 86_400_000, hour_start]
                .map(|now| link_since(cat, &link_with(1_800_000, hour_start), now).unwrap())
                .join("\n"),
        );
        // An expired link, a link without an expiry, no link test: nothing to add.
        let expired = Finding::new("link.expired").with("expiry_minutes", Param::Int(90));
        let report = Report::new(vec![CheckResult::new(CheckId::Link, vec![expired])]).with_ran_at(hour_start);
        assert_eq!(link_since(cat, &report, hour_start), None);
        assert_eq!(link_since(cat, &Report::new(vec![]).with_ran_at(hour_start), hour_start), None);
        assert_eq!(link_since(cat, &Report::new(vec![CheckResult::new(CheckId::Link, vec![])]), hour_start), None);
        // A damaged token with time left: not "should still work" (review, 2026-11-26).
        let left = crate::link::expiry_finding(1_800_000);
        let damaged = Finding::new("link.token_damaged").with("problem", Param::Word("truncated"));
        let report = Report::new(vec![CheckResult::new(CheckId::Link, vec![damaged, left])]).with_ran_at(hour_start);
        assert_eq!(link_since(cat, &report, hour_start), None);
        assert!(link_since(cat, &report, hour_start + 86_400_000).is_some_and(|l| l.contains("has expired")));
        // A crafted code's minutes (fuzz audit, 2026-11-26): words, not an overflow.
        let crafted = code::decode_at("DKQZ-EBFZ-ZYZZ-ZZZZ-ZZZZ-ZZY0-80N", hour_start).unwrap();
        assert!(link_since(cat, &crafted, hour_start).is_some_and(|line| line.starts_with("The reset link ")));
    }

    #[test]
    fn a_decoded_offset_is_a_range_that_holds_the_real_one() {
        let cat = Catalogue::new(Locale::En);
        let fast = Finding::new("clock.tokens_rejected").with("direction", Param::Word("ahead"));
        let b = brief(cat, &clock(93_500, vec![fast]), &[]);
        let line = &b.checks[0].lines[0];
        assert_eq!(
            line,
            "The clock was 1 min 33 s to 2 min 11 s fast: the code keeps only this range, though the check measured it to ±0.1 s."
        );
        assert!(b.steps[0].title.contains("1 min 33 s to 2 min 11 s fast"), "{}", b.steps[0].title);
        for offset in [20_000, 93_500, 3_600_000, -259_200_000] {
            let report = clock(offset, vec![]);
            let Some(Param::Int(decoded)) = report.checks[0].measures.get("offset_ms") else { panic!() };
            let (low, high) = code::offset_range_ms(*decoded);
            let high = high.unwrap_or(u64::MAX);
            assert!(low <= offset.unsigned_abs() && offset.unsigned_abs() < high, "{offset}: {low}..{high}");
        }
        // A device reset to 1970: the code's top class has no upper end.
        let line = &brief(cat, &clock(-1_700_000_000_000, vec![]), &[]).checks[0].lines[0];
        assert!(line.starts_with("The clock was more than ") && line.contains(" slow"), "{line}");
        assert!(brief(cat, &clock(-3_000, vec![]), &[]).checks[0].lines[0]
            .ends_with("slow: the code keeps only this range, though the check measured it to ±0.1 s."));
        assert!(
            brief(cat, &clock(5, vec![]), &[]).checks[0].lines[0].starts_with("The clock matched the server's time")
        );
    }

    #[test]
    fn problems_come_most_serious_first_with_what_to_tell_the_user() {
        let cat = Catalogue::new(Locale::En);
        let report = code::decode("DKW4-HM6P-10ZJ-9504-H34").unwrap();
        let b = brief(cat, &report, &[]);
        assert_eq!(b.steps.len(), 3);
        let order = |s: &Step| [Status::Fail, Status::Error, Status::Warn].iter().position(|x| *x == s.status);
        assert!(b.steps.windows(2).all(|w| order(&w[0]) <= order(&w[1])));
        assert!(b.steps.iter().all(|s| !s.user.is_empty() && !s.support.is_empty()));
        assert!(b.headline.contains("Clock and time zone") && b.headline.contains("Browser basics"), "{}", b.headline);
        assert!(b.admin.contains(&cat.text("admin.ntp")));
    }

    fn every_check_clean(link: bool) -> Report {
        let ids = CheckId::ALL.into_iter().chain(link.then_some(CheckId::Link));
        Report::new(ids.map(|id| CheckResult::new(id, vec![])).collect())
    }

    #[test]
    fn a_clean_report_points_at_the_site() {
        let cat = Catalogue::new(Locale::En);
        let b = brief(cat, &every_check_clean(true), &[]);
        assert_eq!(b.headline, cat.text("support.headline.none"));
        assert!(b.steps.is_empty());
        assert!(b.unchecked.is_empty(), "{:?}", b.unchecked);
        // The link arrived, so the e-mail's delivery is no question.
        assert_eq!(b.admin.len(), 3);
        assert!(!b.admin.contains(&cat.text("admin.email_delivery")));
        let b = brief(cat, &every_check_clean(false), &[]);
        assert_eq!(b.admin[0], cat.text("admin.email_delivery"));
        // Nothing ran at all: not "no problems found".
        assert_eq!(brief(cat, &Report::new(vec![]), &[]).headline, cat.text("support.headline.nothing_ran"));
    }

    fn report_of(checks: &[(CheckId, &[Finding])]) -> Report {
        Report::new(checks.iter().map(|(id, findings)| CheckResult::new(*id, findings.to_vec())).collect())
    }

    #[test]
    fn a_certain_cause_comes_before_a_risk_of_the_same_severity() {
        let cat = Catalogue::new(Locale::En);
        // Review, 2026-11-27: a clock that "may" make links fail headed the
        // briefing over the link that had expired.
        let skew = Finding::new("clock.tokens_rejected").with("direction", Param::Word("fast"));
        let expired = Finding::new("link.expired").with("expiry_minutes", Param::Int(90));
        let report = report_of(&[(CheckId::Clock, &[skew]), (CheckId::Link, &[expired])]);
        let b = brief(cat, &report, &[]);
        assert_eq!(b.steps.iter().map(|s| s.finding).collect::<Vec<_>>(), ["link.expired", "clock.tokens_rejected"]);
        assert!(b.headline.contains("The most serious: The reset link has expired"), "{}", b.headline);
        // Among warnings too: a misspelled domain before a password manager.
        let manager = Finding::new("extensions.password_manager").with("name", Param::Word("1password"));
        let typo = Finding::new("email.domain_typo").with("suggestion", Param::Word("gmail.com"));
        let report = report_of(&[(CheckId::Extensions, &[manager]), (CheckId::Email, &[typo])]);
        assert_eq!(brief(cat, &report, &[]).steps[0].finding, "email.domain_typo");
        // Severity still comes first: a failure, then a check that could not run, then a risk.
        let expired = Finding::new("link.expired").with("expiry_minutes", Param::Int(90));
        let error = Finding::new("check.timeout");
        let manager = Finding::new("extensions.password_manager").with("name", Param::Word("1password"));
        let report =
            report_of(&[(CheckId::Extensions, &[manager]), (CheckId::Network, &[error]), (CheckId::Link, &[expired])]);
        let order: Vec<_> = brief(cat, &report, &[]).steps.iter().map(|s| s.finding).collect();
        assert_eq!(order, ["link.expired", "check.timeout", "extensions.password_manager"]);
    }

    #[test]
    fn every_certain_cause_is_a_problem_in_the_registry() {
        for id in advice::CERTAIN {
            let severity = crate::registry::severity(id).unwrap_or_else(|| panic!("{id} is not registered"));
            assert!(matches!(severity, crate::registry::Severity::Fail | crate::registry::Severity::Warn), "{id}");
        }
    }

    #[test]
    fn the_reply_says_each_thing_to_do_once() {
        let cat = Catalogue::new(Locale::En);
        let managers = [
            Finding::new("extensions.password_manager").with("name", Param::Word("1password")),
            Finding::new("extensions.password_manager").with("name", Param::Word("bitwarden")),
        ];
        let report =
            report_of(&[(CheckId::Extensions, &managers), (CheckId::Browser, &[Finding::new("browser.offline")])]);
        let b = brief(cat, &report, &[]);
        assert_eq!(b.steps.len(), 3);
        assert_eq!(b.reply, [b.steps[0].user.clone(), b.steps[1].user.clone()]);
        assert_ne!(b.reply[0], b.reply[1]);
        let text = reply_text(cat, &b.reply);
        assert!(text.starts_with(&format!("1. {}\n\n2. ", b.reply[0])), "{text}");
        // A line another one starts with is said by it (support review, 2026-11-27).
        let timeout = Finding::new("check.timeout");
        let error = Finding::new("check.probe_error");
        for report in [
            report_of(&[
                (CheckId::Network, std::slice::from_ref(&timeout)),
                (CheckId::Browser, std::slice::from_ref(&error)),
            ]),
            report_of(&[(CheckId::Browser, &[error]), (CheckId::Network, &[timeout])]),
        ] {
            assert_eq!(brief(cat, &report, &[]).reply, [cat.text("check.probe_error.tell")]);
        }
        // One thing to do needs no number; nothing, no reply.
        let one = brief(cat, &report_of(&[(CheckId::Browser, &[Finding::new("browser.offline")])]), &[]);
        assert_eq!(reply_text(cat, &one.reply), one.reply[0]);
        assert_eq!(reply_text(cat, &brief(cat, &Report::new(vec![]), &[]).reply), "");
    }

    #[test]
    fn a_clock_the_site_s_time_endpoint_left_unmeasured_is_not_the_user_s_to_reload() {
        // Support review, 2026-11-27: "reload and send me the new code", beside the admins' "fix the time endpoint".
        let cat = Catalogue::new(Locale::En);
        let unmeasured = Finding::new("clock.unmeasured").with("unmeasured_cause", Param::Word("no_samples"));
        let broken = |problem| {
            Finding::new("clock.endpoint_broken")
                .with("endpoint_problem", Param::Word(problem))
                .with("http_status", Param::Int(500))
        };
        let b = brief(cat, &report_of(&[(CheckId::Clock, &[unmeasured.clone(), broken("http_error")])]), &[]);
        assert_eq!(b.steps[0].user, cat.text("support.tell_site_side"));
        // Out of reach, a reload may well measure it.
        let b = brief(cat, &report_of(&[(CheckId::Clock, &[unmeasured, broken("network")])]), &[]);
        assert_eq!(b.steps[0].user, cat.text("clock.unmeasured.tell"));
        // Nor when the device's clock moved during the requests (diff review, 2026-11-27).
        let moved = Finding::new("clock.unmeasured").with("unmeasured_cause", Param::Word("bad_timing"));
        let b = brief(cat, &report_of(&[(CheckId::Clock, &[moved, broken("http_error")])]), &[]);
        assert_eq!(b.steps[0].user, cat.text("clock.unmeasured.tell"));
        // Servers whose clocks differ are the site's NTP to set right.
        let apart = Finding::new("clock.unmeasured").with("unmeasured_cause", Param::Word("inconsistent"));
        let b = brief(cat, &report_of(&[(CheckId::Clock, &[apart])]), &[]);
        assert!(b.admin.contains(&cat.text("admin.ntp")), "{:?}", b.admin);
    }

    #[test]
    fn the_settings_steps_are_given_once() {
        // Support review, 2026-11-27: a wrong time zone and a zone that disagrees with the clock each carried the
        // same Mac settings path.
        let cat = Catalogue::new(Locale::En);
        let wrong = Finding::new("clock.timezone_wrong")
            .with("direction", Param::Word("ahead"))
            .with("hours", Param::Int(1))
            .with("minutes", Param::Int(0));
        let mismatch = Finding::new("clock.zone_mismatch")
            .with("utc_offset_min", Param::Int(60))
            .with("zone_offset_min", Param::Int(0));
        let clock = CheckResult::new(CheckId::Clock, vec![mismatch, wrong]);
        let browser = CheckResult::new(CheckId::Browser, vec![]).with_measure("os", Param::Word("macos"));
        let b = brief(cat, &Report::new(vec![clock, browser]), &[]);
        let path = cat.text("clock.howto.macos").replace('\n', " ");
        let text = reply_text(cat, &b.reply);
        assert_eq!(text.matches(&path).count(), 1, "{text}");
        // On the first step that shows them: the most serious.
        assert_eq!(b.steps[0].finding, "clock.timezone_wrong");
        assert!(b.steps[0].user.ends_with(&path), "{}", b.steps[0].user);
    }

    #[test]
    fn the_reply_puts_the_new_reset_email_after_the_devices_fixes() {
        let cat = Catalogue::new(Locale::En);
        let expired = Finding::new("link.expired").with("expiry_minutes", Param::Int(19));
        let skew = Finding::new("clock.tokens_rejected").with("direction", Param::Word("fast"));
        let typo = Finding::new("email.domain_typo").with("suggestion", Param::Word("gmail.com"));
        let report = report_of(&[(CheckId::Clock, &[skew]), (CheckId::Email, &[typo]), (CheckId::Link, &[expired])]);
        let b = brief(cat, &report, &[]);
        // Support reads the certain cause first; the user does the clock first.
        assert_eq!(b.steps[0].finding, "link.expired");
        assert!(b.reply[0].starts_with("Your device's clock is off"), "{:?}", b.reply);
        assert!(b.reply[1].starts_with("Did you mean"), "{:?}", b.reply);
        // Said when the agent writes, not "about 19 min ago".
        assert_eq!(b.reply[2], cat.text("link.expired.tell"));
    }

    #[test]
    fn only_the_sites_problems_send_support_to_the_site_first() {
        let cat = Catalogue::new(Locale::En);
        let cors = Finding::new("network.cors_blocked").with("endpoint", Param::Int(2));
        let b = brief(cat, &report_of(&[(CheckId::Network, std::slice::from_ref(&cors))]), &[]);
        assert!(b.headline.starts_with("The problem is on the site's side, not the user's: "), "{}", b.headline);
        assert_eq!(b.admin_heading, cat.text("support.admin_site_side"));
        // With a problem of the user's beside it, the user's steps come first.
        let report = report_of(&[(CheckId::Network, &[cors]), (CheckId::Browser, &[Finding::new("browser.offline")])]);
        let b = brief(cat, &report, &[]);
        assert!(b.headline.starts_with("2 problems found"), "{}", b.headline);
        assert_eq!(b.admin_heading, cat.text("support.admin"));
        // Nor "there is nothing you need to change" beside a step that is the user's.
        let cors_step = b.steps.iter().find(|s| s.finding == "network.cors_blocked").expect("cors step");
        assert_eq!(cors_step.user, cat.text("support.tell_site_side_part"));
    }

    #[test]
    fn every_link_problem_points_the_site_somewhere_deliberately() {
        // Diff review, 2026-11-27: findings no rule named fell through to nothing.
        // A scanner's http:// wrapper is the user's IT's doing, not the site's.
        let none = ["link.wrapper_not_https"];
        for def in crate::registry::FINDINGS.iter().filter(|d| d.id.starts_with("link.")) {
            let problem = matches!(def.severity, crate::registry::Severity::Fail | crate::registry::Severity::Warn);
            if problem && !none.contains(&def.id) {
                assert!(!runbook_for(&Finding::new(def.id)).is_empty(), "{} has no runbook item", def.id);
            }
        }
    }

    #[test]
    fn the_runbook_follows_what_the_link_shows() {
        let cat = Catalogue::new(Locale::En);
        let admin = |finding: Finding| brief(cat, &report_of(&[(CheckId::Link, &[finding])]), &[]).admin;
        let key = |key: &str| cat.text(key);
        // Review, 2026-11-27: a cut-off or staging link sent admins to the mail
        // log, though the user plainly had the e-mail.
        assert_eq!(admin(Finding::new("link.truncated")), [key("admin.link_format")]);
        let staging = Finding::new("link.wrong_environment").with("environment", Param::Word("staging"));
        assert_eq!(admin(staging), [key("admin.link_base_url")]);
        let expired = Finding::new("link.expired").with("expiry_minutes", Param::Int(90));
        assert_eq!(admin(expired), [key("admin.token_lifetime")]);
        let scanned = Finding::new("link.prefetch_risk").with("wrapper", Param::Word("safelinks"));
        assert_eq!(admin(scanned), [key("admin.idempotent_get"), key("admin.token_lifetime")]);
        // A time endpoint the clock check worked around is still the site's to fix.
        let broken = Finding::new("clock.endpoint_broken")
            .with("endpoint_problem", Param::Word("http_error"))
            .with("http_status", Param::Int(500));
        let b = brief(cat, &report_of(&[(CheckId::Clock, &[broken.clone(), Finding::new("clock.unmeasured")])]), &[]);
        assert!(b.admin.contains(&key("admin.time_endpoint")), "{:?}", b.admin);
        // Alone, after the usual causes the headline sends support to: it is no reason a reset fails.
        let b = brief(cat, &report_of(&[(CheckId::Clock, &[broken])]), &[]);
        assert_eq!(b.admin.first(), Some(&key("admin.email_delivery")), "{:?}", b.admin);
        assert_eq!(b.admin.last(), Some(&key("admin.time_endpoint")), "{:?}", b.admin);
    }

    #[test]
    fn a_clean_report_without_the_link_asks_for_it_first() {
        let cat = Catalogue::new(Locale::En);
        let b = brief(cat, &every_check_clean(false), &[]);
        assert_eq!(b.headline, cat.text("support.headline.none_unchecked"));
        assert_eq!(b.unchecked, [cat.text("support.unchecked.link")]);
        // Pasted without a link in it: not checked either.
        let mut report = every_check_clean(false);
        report.checks.push(CheckResult::new(CheckId::Link, vec![Finding::new("link.no_link_found")]));
        let b = brief(cat, &report, &[]);
        assert_eq!(
            (b.headline, b.unchecked),
            (cat.text("support.headline.none_unchecked"), vec![cat.text("support.unchecked.link")])
        );
        // With problems too, the link is still worth asking for.
        let cookies = CheckResult::new(CheckId::Browser, vec![Finding::new("browser.cookies_blocked")]);
        assert_eq!(brief(cat, &Report::new(vec![cookies]), &[]).unchecked[0], cat.text("support.unchecked.link"));
    }

    #[test]
    fn checks_the_page_left_out_are_named() {
        let cat = Catalogue::new(Locale::En);
        let mut report = every_check_clean(true);
        report.checks.retain(|c| matches!(c.check, CheckId::Clock | CheckId::Browser | CheckId::Link));
        let b = brief(cat, &report, &[]);
        assert_eq!(
            b.unchecked,
            ["Left out of the user's check by the page's options: Connection to the sign-in service, Extensions and translation."]
        );
    }

    #[test]
    fn what_support_tells_the_user_never_sends_them_to_support_or_below() {
        // After the support-agent audit (2026-11-26): "tell support" and "the
        // repaired link below" were read out by support, of a page support
        // doesn't see.
        let cat = Catalogue::new(Locale::En);
        for def in crate::registry::FINDINGS {
            let report = Report::new(vec![CheckResult::new(CheckId::Browser, vec![Finding::new(def.id)])]);
            for step in brief(cat, &report, &[]).steps {
                let user = step.user.to_lowercase();
                assert!(!user.contains("support") && !user.contains("below"), "{}: {}", def.id, step.user);
                // Nor a page's own words: support speaks for "our site", and the user has no check in front of
                // them (support review, 2026-11-27: "pause the blocker for this site", "This check is shown
                // inside another page").
                for word in ["this site", "the site", "this check", "this page", "above"] {
                    assert!(!user.contains(word), "{}: {word:?} in {}", def.id, step.user);
                }
            }
        }
    }

    #[test]
    fn a_browser_bound_link_points_the_site_at_its_pkce_links() {
        let cat = Catalogue::new(Locale::En);
        let link = CheckResult::new(CheckId::Link, vec![Finding::new("link.browser_bound")]);
        let b = brief(cat, &Report::new(vec![link]), &[]);
        assert!(b.steps.is_empty(), "a note is no step for the user");
        assert!(b.admin.contains(&cat.text("admin.pkce_links")), "{:?}", b.admin);
        // With no steps, the admins' heading points at none (support review, 2026-11-27).
        assert_eq!(b.admin_heading, cat.text("support.admin_clean"));
        let cookies = CheckResult::new(CheckId::Browser, vec![Finding::new("browser.cookies_blocked")]);
        assert_eq!(brief(cat, &Report::new(vec![cookies]), &[]).admin_heading, cat.text("support.admin"));
    }

    #[test]
    fn what_support_tells_the_user_has_its_params_filled() {
        let cat = Catalogue::new(Locale::En);
        let in_app = Finding::new("browser.in_app_browser").with("app", Param::Word("tiktok"));
        let b = brief(cat, &Report::new(vec![CheckResult::new(CheckId::Browser, vec![in_app])]), &[]);
        assert!(b.steps[0].user.starts_with("You're using the browser built into TikTok,"), "{}", b.steps[0].user);
    }

    #[test]
    fn clock_steps_come_with_the_settings_path_of_the_user_s_platform() {
        let cat = Catalogue::new(Locale::En);
        let fast = Finding::new("clock.tokens_rejected").with("direction", Param::Word("ahead"));
        let clock = CheckResult::new(CheckId::Clock, vec![fast]);
        let browser = |os: &'static str| CheckResult::new(CheckId::Browser, vec![]).with_measure("os", Param::Word(os));
        let b = brief(cat, &Report::new(vec![clock.clone(), browser("ios")]), &[]);
        assert!(b.steps[0].user.ends_with(&cat.text("clock.howto.ios")), "{}", b.steps[0].user);
        // The device near the top, to confirm with the user that the code is theirs.
        let safari = browser("ios")
            .with_measure("family", Param::Word("safari"))
            .with_measure("major", Param::Int(18))
            .with_measure("mobile", Param::Word("yes"));
        let b = brief(cat, &Report::new(vec![safari]), &[]);
        assert_eq!(b.device.as_deref(), Some("The user's browser: Safari 18 on iOS or iPadOS, on a phone."));
        // An unknown platform: the general words only.
        let b = brief(cat, &Report::new(vec![clock, browser("unknown")]), &[]);
        assert!(!b.steps[0].user.contains("Settings →"), "{}", b.steps[0].user);
    }

    #[test]
    fn cookie_steps_come_with_the_settings_path_of_the_user_s_browser() {
        // Review, 2026-11-27: the page showed the steps, support's reply had only "turn cookies on".
        let cat = Catalogue::new(Locale::En);
        let browser = |family: &'static str, os: &'static str, findings: Vec<Finding>| {
            CheckResult::new(CheckId::Browser, findings)
                .with_measure("family", Param::Word(family))
                .with_measure("os", Param::Word(os))
        };
        let off = || vec![Finding::new("browser.cookies_disabled")];
        let b = brief(cat, &Report::new(vec![browser("safari", "ios", off())]), &[]);
        assert!(b.steps[0].user.ends_with(&cat.text("browser.cookies_howto.safari_ios")), "{}", b.steps[0].user);
        assert!(b.reply[0].ends_with(&cat.text("browser.cookies_howto.safari_ios")), "{:?}", b.reply);
        let b = brief(cat, &Report::new(vec![browser("edge", "windows", off())]), &[]);
        assert!(b.reply[0].ends_with(&cat.text("browser.cookies_howto.edge")), "{:?}", b.reply);
        // A browser whose steps this doesn't know, or an app's: the general words only.
        for b in [
            brief(cat, &Report::new(vec![browser("samsung", "android", off())]), &[]),
            brief(
                cat,
                &Report::new(vec![browser(
                    "safari",
                    "ios",
                    [off(), vec![Finding::new("browser.in_app_browser")]].concat(),
                )]),
                &[],
            ),
        ] {
            let cookies = b.steps.iter().find(|s| s.finding == "browser.cookies_disabled").expect("the cookie step");
            assert!(!cookies.user.contains("→"), "{}", cookies.user);
        }
    }

    #[test]
    fn the_headline_names_the_most_serious_problem() {
        let cat = Catalogue::new(Locale::En);
        let cookies = CheckResult::new(CheckId::Browser, vec![Finding::new("browser.cookies_blocked")]);
        let one = brief(cat, &Report::new(vec![cookies.clone()]), &[]).headline;
        assert_eq!(one, format!("One problem found: {} (Browser basics).", cat.text("browser.cookies_blocked.title")));
        let zone = Finding::new("clock.timezone_wrong");
        let report = Report::new(vec![CheckResult::new(CheckId::Clock, vec![zone]), cookies]);
        let many = brief(cat, &report, &[]).headline;
        assert!(
            many.starts_with("2 problems found (Clock and time zone, Browser basics). The most serious: "),
            "{many}"
        );
    }

    #[test]
    fn a_problem_of_the_browser_alone_points_at_nothing_on_the_site() {
        let cat = Catalogue::new(Locale::En);
        let cookies = CheckResult::new(CheckId::Browser, vec![Finding::new("browser.cookies_blocked")]);
        let b = brief(cat, &Report::new(vec![cookies]), &[]);
        assert_eq!(b.steps.len(), 1);
        assert!(b.admin.is_empty(), "{:?}", b.admin);
    }

    #[test]
    fn support_tells_the_user_a_site_side_problem_is_the_site_s() {
        // The user's page says "tell support"; support should not repeat that (audit B, 2026-11-26).
        let cat = Catalogue::new(Locale::En);
        let cors = CheckResult::new(
            CheckId::Network,
            vec![Finding::new("network.cors_blocked").with("endpoint", Param::Int(2))],
        );
        let b = brief(cat, &Report::new(vec![cors]), &[]);
        assert_eq!(b.steps[0].user, cat.text("support.tell_site_side"));
        assert!(!b.steps[0].user.contains("Tell support"), "{}", b.steps[0].user);
        // A problem on the user's side keeps what the user was told.
        let cookies = CheckResult::new(CheckId::Browser, vec![Finding::new("browser.cookies_blocked")]);
        let b = brief(cat, &Report::new(vec![cookies]), &[]);
        assert!(b.steps[0].user.contains("Allow cookies"), "{}", b.steps[0].user);
    }

    #[test]
    fn a_wrong_time_zone_is_the_device_alone() {
        assert!(runbook_for(&Finding::new("clock.timezone_wrong")).is_empty());
        assert!(runbook_for(&Finding::new("clock.zone_mismatch")).is_empty());
        assert!(runbook_for(&Finding::new("clock.unmeasured")).is_empty());
        assert!(!runbook_for(&Finding::new("clock.tokens_rejected")).is_empty());
    }
}
