//! Prints the diagnostic code's length for representative reports, against
//! the budget: a clean report in at most 12 symbols, three problems in at
//! most 20 (both without separators).
//!
//! Run with `cargo run -p resetcheck-core --example code_lengths`.

use resetcheck_core::code::{encode, format_for_display};
use resetcheck_core::link::{self, LinkConfig};
use resetcheck_core::report::{CheckId, CheckResult, Finding, Param, Report};
use resetcheck_core::useragent;

const CHROME_LINUX: &str =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/147.0.0.0 Safari/537.36";
const SAMSUNG_PHONE: &str = "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/29.0 Chrome/136.0.0.0 Mobile Safari/537.36";
const SAFARI_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1";
const SAFE_LINK: &str = "https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fid.example.com%2Freset%3Ftoken%3Dq8Yt2pLmZx41&data=05%7C02&reserved=0";
/// 2026-03-14T15:20Z, as the page would fill it.
const RAN_AT: i64 = 1_773_501_600_000;

fn clock(findings: Vec<Finding>, offset_ms: i64, utc_offset_min: i64) -> CheckResult {
    CheckResult::new(CheckId::Clock, findings)
        .with_measure("source", Param::Word("endpoint"))
        .with_measure("offset_ms", Param::Int(offset_ms))
        .with_measure("uncertainty_ms", Param::Int(9))
        .with_measure("samples_used", Param::Int(5))
        .with_measure("samples_dropped", Param::Int(0))
        .with_measure("utc_offset_min", Param::Int(utc_offset_min))
        .with_measure("dst", Param::Word("yes"))
}

fn browser(findings: Vec<Finding>, user_agent: &str, frame: &'static str) -> CheckResult {
    let mut result = CheckResult::new(CheckId::Browser, findings)
        .with_measure("frame", Param::Word(frame))
        .with_measure("passkeys", Param::Word("platform"));
    for (name, value) in useragent::measures(&useragent::identify(None, user_agent)) {
        result = result.with_measure(name, value);
    }
    result
}

fn clean(check: CheckId) -> CheckResult {
    CheckResult::new(check, vec![])
}

fn skew() -> Finding {
    Finding::new("clock.tokens_rejected").with("direction", Param::Word("ahead"))
}

fn safe_link() -> CheckResult {
    link::check_result(&link::analyze(SAFE_LINK, &LinkConfig::default(), Some(RAN_AT)))
}

fn report(checks: Vec<CheckResult>) -> Report {
    Report::new(checks).with_ran_at(RAN_AT)
}

fn main() {
    let every_finding: Vec<CheckResult> = CheckId::ALL
        .iter()
        .chain(&[CheckId::Email, CheckId::Link])
        .map(|&check| {
            let prefix = format!("{}.", check.as_str());
            let findings = resetcheck_core::registry::FINDINGS
                .iter()
                .filter(|d| d.id.starts_with(&prefix))
                .map(|d| d.params.iter().fold(Finding::new(d.id), |f, p| f.with(p, Param::Int(1))))
                .collect();
            CheckResult::new(check, findings)
        })
        .collect();

    let rows: Vec<(&str, Option<usize>, Report)> = vec![
        (
            "clean run, Chrome on Linux",
            Some(12),
            report(vec![
                clock(vec![], 42, 60),
                browser(vec![], CHROME_LINUX, "top"),
                clean(CheckId::Network),
                clean(CheckId::Extensions),
            ]),
        ),
        (
            "clean run, Samsung Internet on a phone",
            Some(12),
            report(vec![
                clock(vec![], -130, 330),
                browser(vec![], SAMSUNG_PHONE, "top"),
                clean(CheckId::Network),
                clean(CheckId::Extensions),
            ]),
        ),
        (
            "clock unmeasured, no run time",
            None,
            Report::new(vec![
                CheckResult::new(
                    CheckId::Clock,
                    vec![Finding::new("clock.unmeasured").with("unmeasured_cause", Param::Word("no_samples"))],
                ),
                browser(vec![], CHROME_LINUX, "top"),
                clean(CheckId::Network),
                clean(CheckId::Extensions),
            ]),
        ),
        (
            "skewed clock, cookies blocked, Safe Links link",
            Some(20),
            report(vec![
                clock(vec![skew()], 93_500, 60),
                browser(vec![Finding::new("browser.cookies_blocked")], CHROME_LINUX, "top"),
                clean(CheckId::Network),
                clean(CheckId::Extensions),
                safe_link(),
            ]),
        ),
        (
            "skewed clock, cookies blocked, CSP blocks an endpoint",
            Some(20),
            report(vec![
                clock(vec![skew()], 93_500, 60),
                browser(vec![Finding::new("browser.cookies_blocked")], CHROME_LINUX, "top"),
                CheckResult::new(
                    CheckId::Network,
                    vec![Finding::new("network.csp_blocked")
                        .with("endpoint", Param::Int(2))
                        .with("directive", Param::Word("connect-src"))],
                ),
                clean(CheckId::Extensions),
            ]),
        ),
        (
            "wrong time zone and zone mismatch",
            None,
            report(vec![
                clock(
                    vec![
                        Finding::new("clock.timezone_wrong")
                            .with("direction", Param::Word("behind"))
                            .with("hours", Param::Int(1))
                            .with("minutes", Param::Int(0)),
                        Finding::new("clock.zone_mismatch")
                            .with("utc_offset_min", Param::Int(60))
                            .with("zone_offset_min", Param::Int(120)),
                    ],
                    -3_600_400,
                    60,
                ),
                browser(vec![], CHROME_LINUX, "top"),
                clean(CheckId::Network),
                clean(CheckId::Extensions),
            ]),
        ),
        (
            "iPhone in a cross-site frame, third-party cookies blocked",
            None,
            report(vec![
                clock(vec![], 300, -300),
                browser(
                    vec![
                        Finding::new("browser.third_party_cookies_blocked"),
                        Finding::new("browser.embedded").with("storage_access", Param::Word("not_granted")),
                    ],
                    SAFARI_IPHONE,
                    "cross_site_frame",
                ),
                clean(CheckId::Network),
                clean(CheckId::Extensions),
            ]),
        ),
        (
            "password manager, content blocker, e-mail typo",
            None,
            report(vec![
                clock(vec![], 42, 60),
                browser(vec![], CHROME_LINUX, "top"),
                clean(CheckId::Network),
                CheckResult::new(
                    CheckId::Extensions,
                    vec![
                        Finding::new("extensions.password_manager").with("name", Param::Word("lastpass")),
                        Finding::new("extensions.content_blocker").with("kind", Param::Word("network")),
                    ],
                ),
                CheckResult::new(
                    CheckId::Email,
                    vec![Finding::new("email.domain_typo").with("suggestion", Param::Word("gmail.com"))],
                ),
            ]),
        ),
        (
            "every automatic check timed out",
            None,
            report(CheckId::ALL.iter().map(|&c| CheckResult::timed_out(c)).collect()),
        ),
        ("every finding once (worst case)", None, report(every_finding)),
    ];

    println!("| report | findings | symbols | budget | code |");
    println!("|---|---|---|---|---|");
    let mut over = 0;
    for (name, budget, report) in &rows {
        let code = encode(report);
        let findings: usize = report.checks.iter().map(|c| c.findings.len()).sum();
        let verdict = match budget {
            Some(max) if code.len() <= *max => format!("≤ {max} ok"),
            Some(max) => {
                over += 1;
                format!("≤ {max} OVER")
            }
            None => String::new(),
        };
        let shown =
            if code.len() > 40 { format!("{}…", format_for_display(&code[..40])) } else { format_for_display(&code) };
        println!("| {name} | {findings} | {} | {verdict} | `{shown}` |", code.len());
    }
    if over > 0 {
        eprintln!("{over} report(s) over budget");
        std::process::exit(1);
    }
}
