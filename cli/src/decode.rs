//! `resetcheck decode CODE [--json] [--config FILE]`: turns a diagnostic code back into the report and its next
//! steps, for support.
//!
//! The decoding and every word printed come from `resetcheck_core` (`code`, `advice`, `messages`), so the CLI, the
//! support view and the user's page say the same things. Text mode prints the run time and the headline, the support
//! next steps, most serious first, the site-side runbook, then each check with its status and findings, wrapped to 80
//! columns so the steps come first on a terminal's screen. JSON mode prints the report JSON the page's
//! `resetcheck:done` event carries, as far as a code carries it: the same checks, statuses and findings; coarse
//! measures; the run time to the hour.

use crate::config_check::ReadError;
use crate::output;
use resetcheck_core::advice::{self, Context};
use resetcheck_core::briefing;
use resetcheck_core::code::{self, DecodeError};
use resetcheck_core::config::Config;
use resetcheck_core::messages::{Catalogue, Locale};
use resetcheck_core::network;
use resetcheck_core::registry::{self, Severity};
use resetcheck_core::report::Report;
use std::fmt;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

/// What `decode` was asked to do.
pub struct Options {
    /// The code as typed; separators and case don't matter.
    pub code: String,
    /// Print JSON instead of text, and which.
    pub json: Option<Json>,
    /// A `resetcheck.json` whose endpoint names the network findings use.
    pub config: Option<PathBuf>,
}

/// What `--json` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Json {
    /// The report JSON the page's `resetcheck:done` event carries, as far as a code carries it.
    Report,
    /// `{code, format, briefing, report}`: the report and the briefing the text mode prints, in fields.
    Briefing,
}

/// Why `decode` could not run or decode.
#[derive(Debug)]
pub enum Error {
    /// The code is not a valid code: exit 1.
    BadCode(DecodeError),
    /// The config file could not be read: exit 2.
    Config(ReadError),
    /// Standard input (`-`) could not be read: exit 2.
    Stdin(std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadCode(err) => write!(f, "{}", briefing::decode_error(Catalogue::new(Locale::En), err)),
            Error::Config(err) => write!(f, "{err}"),
            Error::Stdin(err) => write!(f, "{}", output::stdin_error(err)),
        }
    }
}

/// Decodes the code and prints it.
pub fn run(options: &Options) -> Result<(), Error> {
    let config = match &options.config {
        Some(path) => Some(crate::config_check::load_reporting(path).map_err(Error::Config)?),
        None => None,
    };
    let now_ms = now_ms();
    let input = if options.code == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(Error::Stdin)?;
        text
    } else {
        options.code.clone()
    };
    let (found, report) = match code::find_at(&input, now_ms) {
        Ok(found) => found,
        Err(err) => {
            if options.json.is_some() {
                // Scripts read stdout: say what kind of failure it is (a typo, or a code from a newer resetcheck).
                let message = briefing::decode_error(Catalogue::new(Locale::En), &err);
                let error = serde_json::json!({"error": err.kind(), "message": message});
                output::json_line(&error.to_string());
            }
            return Err(Error::BadCode(err));
        }
    };
    let shown = code::format_for_display(&found);
    let cat = Catalogue::new(Locale::En);
    // A config that numbers the endpoints otherwise than the user's did names none of them.
    let (names, changed) = match &config {
        Some(config) => network::decoded_endpoint_names(config, &report, cat),
        None => (network::endpoint_names(&Config::default(), cat), false),
    };
    let names = Names { names: &names, changed };
    // Without the site's config, a configured endpoint is only a number ("Configured endpoint 3").
    let numbered = report
        .checks
        .iter()
        .flat_map(|c| &c.findings)
        .any(|f| f.params.int("endpoint").is_some_and(|i| i >= network::FIRST_CONFIGURED_INDEX as i64));
    let hint = (config.is_none() && numbered).then(|| cat.text("cli.decode.config_hint"));
    match options.json {
        Some(Json::Report) => output::json_line(&report.to_json()),
        Some(Json::Briefing) => output::json_line(&briefing_json(&report, &shown, names, now_ms, hint).to_string()),
        None => {
            for line in describe(&report, &shown, names, now_ms) {
                for part in output::wrap(&line, output::WIDTH) {
                    output::line(&part);
                }
            }
            if let Some(hint) = hint {
                output::line("");
                for part in output::wrap(&hint, output::WIDTH) {
                    output::line(&part);
                }
            }
        }
    }
    Ok(())
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(0))
}

/// The endpoints' names for a decoded report, and whether the config at
/// hand numbers them otherwise than the user's check did.
#[derive(Clone, Copy, Default)]
pub struct Names<'a> {
    /// As [`network::endpoint_names`] gives them.
    pub names: &'a [String],
    /// The config has changed since the check: only places are named.
    pub changed: bool,
}

/// The report in words, one line per entry: the same briefing as the
/// support page ([`briefing::brief`]).
pub fn describe(report: &Report, shown_code: &str, names: Names, now_ms: i64) -> Vec<String> {
    let endpoint_names = names.names;
    let cat = Catalogue::new(Locale::En);
    let briefing = briefing::brief(cat, report, endpoint_names);
    let reply = briefing::reply_lines(cat, &briefing.reply);
    let format = code::FORMAT_VERSION.to_string();
    let mut lines = vec![cat.format("cli.decode.header", &[("code", shown_code), ("format", &format)])];
    let gap = cat.text("punct.sentence_gap");
    let ago = briefing::ran_ago(cat, report, now_ms).map(|ago| ago + &gap).unwrap_or_default();
    lines.push(format!("{}{gap}{ago}{}", briefing.ran, cat.text("support.measures_coarse")));
    lines.push(briefing.headline);
    lines.extend(briefing::link_since(cat, report, now_ms));
    lines.extend(briefing.device);
    if names.changed {
        lines.push(cat.text("support.config_changed"));
    }

    if !briefing.steps.is_empty() {
        lines.push(String::new());
        lines.push(cat.text("cli.decode.steps"));
        for (i, step) in briefing.steps.into_iter().enumerate() {
            lines.push(format!("  {}. [{}] {}: {}", i + 1, step.status.as_str(), step.check, step.title));
            lines.push(format!("     {}: {}", cat.text("support.tell_user"), step.user));
            lines.push(format!("     {}: {}", cat.text("support.details"), step.support));
        }
    }
    if !reply.is_empty() {
        lines.push(String::new());
        lines.push(format!("{}:", cat.text("support.reply")));
        // Indented as a block, ready to copy.
        lines.extend(reply.iter().map(|item| format!("  {item}")));
    }
    // A heading and its items, when there are any.
    let mut list = |heading: String, items: Vec<String>| {
        if !items.is_empty() {
            lines.push(String::new());
            lines.push(format!("{heading}:"));
            lines.extend(items.into_iter().map(|item| format!("  - {item}")));
        }
    };
    list(cat.text("support.unchecked"), briefing.unchecked);
    list(briefing.admin_heading, briefing.admin);
    for (check, measures) in report.checks.iter().zip(briefing.checks) {
        lines.push(String::new());
        lines.push(format!(
            "{}: {} ({})",
            briefing::check_name(cat, check.check),
            advice::status_label(cat, check.status),
            check.status.as_str()
        ));
        lines.extend(measures.lines.into_iter().map(|l| format!("  {l}")));
        if check.findings.is_empty() {
            lines.push(format!("  {}", cat.text("support.no_findings")));
        }
        let ctx = Context { measures: Some(&check.measures), endpoint_names, coarse: true };
        for finding in &check.findings {
            let severity = registry::severity(finding.id).unwrap_or(Severity::Warn).as_str();
            let title = advice::render(cat, finding, ctx).title;
            lines.push(format!("  - [{severity}] {title} ({})", finding.id));
        }
    }

    lines
}

/// The report and its briefing as `--json=briefing` prints them: the
/// same words as [`describe`], in fields a helpdesk integration can place
/// (docs/code.md lists them). `config_hint` is said when the endpoints are
/// only numbers for want of the site's config.
pub fn briefing_json(
    report: &Report,
    shown_code: &str,
    names: Names,
    now_ms: i64,
    config_hint: Option<String>,
) -> serde_json::Value {
    use serde_json::json;
    let cat = Catalogue::new(Locale::En);
    let briefing = briefing::brief(cat, report, names.names);
    let steps: Vec<_> = briefing
        .steps
        .iter()
        .map(|step| {
            json!({"status": step.status.as_str(), "finding": step.finding, "check": step.check, "title": step.title,
                   "tell_user": step.user, "details": step.support})
        })
        .collect();
    let checks: Vec<_> = report
        .checks
        .iter()
        .zip(&briefing.checks)
        .map(|(check, measures)| {
            let ctx = Context { measures: Some(&check.measures), endpoint_names: names.names, coarse: true };
            let findings: Vec<_> = check
                .findings
                .iter()
                .map(|finding| {
                    let severity = registry::severity(finding.id).unwrap_or(Severity::Warn).as_str();
                    json!({"id": finding.id, "severity": severity, "title": advice::render(cat, finding, ctx).title})
                })
                .collect();
            json!({"check": check.check.as_str(), "name": briefing::check_name(cat, check.check),
                   "status": check.status.as_str(), "status_label": advice::status_label(cat, check.status),
                   "measures": measures.lines, "findings": findings})
        })
        .collect();
    let briefing_fields = json!({
        "ran": briefing.ran,
        "ran_ago": briefing::ran_ago(cat, report, now_ms),
        "measures_coarse": cat.text("support.measures_coarse"),
        "headline": briefing.headline,
        "link_now": briefing::link_since(cat, report, now_ms),
        "device": briefing.device,
        "config_changed": names.changed.then(|| cat.text("support.config_changed")),
        "config_hint": config_hint,
        "steps": steps,
        "reply": briefing::reply_lines(cat, &briefing.reply),
        "reply_text": briefing::reply_text(cat, &briefing.reply),
        "unchecked": briefing.unchecked,
        "admin_heading": briefing.admin_heading,
        "admin": briefing.admin,
        "checks": checks,
    });
    let report: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap_or_default();
    json!({"code": shown_code, "format": code::FORMAT_VERSION, "briefing": briefing_fields, "report": report})
}

#[cfg(test)]
mod tests {
    use super::*;
    use resetcheck_core::code::UNKNOWN_FINDING;
    use resetcheck_core::report::{CheckResult, Finding, Param};

    #[test]
    fn next_steps_come_most_serious_first() {
        let report = code::decode("DKW4-HM6P-10ZJ-9504-H34").unwrap();
        let text = describe(&report, "DKW4-HM6P-10ZJ-9504-H34", Names::default(), now_ms()).join("\n");
        let steps = text.split("Next steps, most serious first:").nth(1).unwrap();
        assert!(steps.contains("1. [fail] Browser basics: Cookies are blocked"), "{steps}");
        assert!(steps.contains("2. [fail] Clock and time zone"), "{steps}");
        assert!(steps.contains("Configured endpoint 1"), "{steps}");
        assert!(text.contains("Checked between 2026-03-14 15:00 and 2026-03-14 16:00 UTC"), "{text}");
        assert!(steps.contains("Tell the user: "), "{steps}");
    }

    #[test]
    fn a_link_that_had_time_left_is_said_to_have_expired_when_decoded_days_later() {
        use resetcheck_core::report::CheckId;
        let ran = 1_800_000_000_000;
        let expires = Finding::new("link.expires_in").with("expiry_minutes", Param::Int(30));
        let report = Report::new(vec![CheckResult::new(CheckId::Link, vec![expires])]).with_ran_at(ran);
        let report = code::decode_at(&code::encode(&report), ran).unwrap();
        let later = describe(&report, "X", Names::default(), ran + 3 * 86_400_000);
        // Right under the headline, which (a note only) says nothing is wrong on the user's side.
        assert!(
            later[3].starts_with("The reset link has expired since the check (it had 30 min left then)"),
            "{later:?}"
        );
        let soon = describe(&report, "X", Names::default(), ran).join("\n");
        assert!(soon.contains("The reset link should still work for "), "{soon}");
    }

    #[test]
    fn a_clean_check_reads_as_the_support_page_says_it() {
        use resetcheck_core::report::CheckId;
        let report = Report::new(vec![CheckResult::new(CheckId::Browser, vec![])]);
        let lines = describe(&report, "X", Names::default(), now_ms());
        let at = lines.iter().position(|l| l.starts_with("Browser basics: ")).unwrap();
        // Support's words, not the user's page's ("Cookies and storage work…" is said to the user).
        assert_eq!(lines[at + 1], format!("  {}", Catalogue::new(Locale::En).text("support.no_findings")));
    }

    #[test]
    fn every_line_comes_from_the_catalogue() {
        use resetcheck_core::report::{CheckId, Params};
        let embedded = Finding::new("browser.embedded").with("storage_access", Param::Word("granted"));
        let mut browser = CheckResult::new(CheckId::Browser, vec![embedded]);
        browser.measures = Params::from([("frame", Param::Word("cross_site_frame"))]);
        let unknown = Finding { id: UNKNOWN_FINDING, params: Params::from([("number", Param::Int(900))]) };
        let report = Report::new(vec![browser, CheckResult::new(CheckId::Clock, vec![unknown])]);
        let text = describe(&report, "X", Names::default(), now_ms()).join("\n");
        assert!(text.contains("Runs in a frame of another site."), "{text}");
        assert!(text.contains("A finding this version doesn't know (number 900)"), "{text}");
        assert!(text.contains("The time of the check is unknown."), "{text}");
        // No template key or placeholder left unrendered.
        for prefix in ["cli.", "support.", "admin."] {
            assert!(!text.contains(prefix), "{prefix} in {text}");
        }
        assert!(!text.contains('{'), "{text}");
    }
}
