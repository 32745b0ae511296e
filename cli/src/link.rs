//! `resetcheck link URL-or-TEXT [--config FILE] [--json]`: runs the reset-link paste test on a link or a chunk of
//! mail, for support and for testing a deployment's config.
//!
//! The analysis and every word printed come from `resetcheck_core` (`link`, `advice`, `messages`), so the CLI and
//! the user's page say the same things. Text mode prints the links found, the wrappers taken off, the recovered
//! link, and each finding with its title and the user's and support's next steps. JSON mode prints the analysis:
//! `{"findings": [{"id", "params"}], "unwrapped": "…" or null, "openable", "layers", "candidates", …, "status"}`.
//!
//! It never opens a link. Expiry is judged against this machine's clock, or `--now`.

use crate::config_check::ReadError;
use crate::output;
use resetcheck_core::advice::{self, Context};
use resetcheck_core::link::{self, LinkAnalysis, LinkConfig};
use resetcheck_core::messages::{Catalogue, Locale};
use resetcheck_core::registry;
use std::fmt;
use std::io::Read;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

/// What `link` was asked to do.
pub struct Options {
    /// The link or text; `-` reads standard input.
    pub input: String,
    /// A `resetcheck.json` whose `reset_link` settings apply.
    pub config: Option<PathBuf>,
    /// Print JSON instead of text.
    pub json: bool,
    /// Judge expiry at this time (Unix ms) instead of this machine's clock.
    pub now_ms: Option<i64>,
}

/// Why `link` could not run.
#[derive(Debug)]
pub enum Error {
    /// The config file could not be read.
    Config(ReadError),
    /// Standard input could not be read.
    Stdin(std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(err) => write!(f, "{err}"),
            Error::Stdin(source) => write!(f, "{}", output::stdin_error(source)),
        }
    }
}

/// Analyses the input and prints the result.
pub fn run(options: &Options) -> Result<(), Error> {
    let link_config = match &options.config {
        Some(path) => crate::config_check::load_reporting(path).map_err(Error::Config)?.reset_link,
        None => LinkConfig::default(),
    };
    let input = if options.input == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(Error::Stdin)?;
        text
    } else {
        options.input.clone()
    };
    let now_ms = options
        .now_ms
        .or_else(|| SystemTime::now().duration_since(UNIX_EPOCH).ok().and_then(|d| i64::try_from(d.as_millis()).ok()));
    let analysis = link::analyze(&input, &link_config, now_ms);
    if options.json {
        output::json_line(&to_json(&analysis));
    } else {
        for line in describe(&analysis) {
            output::line(&line);
        }
    }
    Ok(())
}

/// The analysis as JSON, with its status.
pub fn to_json(analysis: &LinkAnalysis) -> String {
    let mut value = serde_json::to_value(analysis).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert("status".to_owned(), serde_json::Value::from(analysis.status().as_str()));
    }
    value.to_string()
}

/// The analysis in words, one line per entry.
pub fn describe(analysis: &LinkAnalysis) -> Vec<String> {
    let cat = Catalogue::new(Locale::En);
    let mut lines = Vec::new();
    if analysis.candidates.len() > 1 {
        let count = analysis.candidates.len();
        lines.push(cat.count("cli.link.candidates", count as u64, &[("count", &count.to_string())]));
        for (i, candidate) in analysis.candidates.iter().enumerate() {
            let mark = if analysis.picked == Some(i) { "*" } else { " " };
            lines.push(format!(" {mark}{}. {candidate}", i + 1));
        }
    }
    for (i, layer) in analysis.layers.iter().enumerate() {
        let name = cat.text(&format!("param.wrapper.{}", layer.wrapper));
        let key = if layer.opaque { "cli.link.layer_hidden" } else { "cli.link.layer" };
        lines.push(cat.format(key, &[("n", &(i + 1).to_string()), ("wrapper", &name)]));
        lines.push(format!("  {}", layer.link));
    }
    match &analysis.unwrapped {
        Some(link) => lines.push(cat.format("cli.link.recovered", &[("link", link)])),
        None => lines.push(cat.text("cli.link.recovered_none")),
    }
    if analysis.unwrapped.is_some() {
        lines.push(cat.text(if analysis.openable { "cli.link.openable" } else { "cli.link.not_openable" }));
    }
    if let Some(stack) = analysis.stack {
        lines.push(cat.format("cli.link.stack", &[("stack", stack)]));
    }
    lines.push(cat.format("cli.link.status", &[("status", &advice::status_label(cat, analysis.status()))]));
    for finding in &analysis.findings {
        let text = advice::render(cat, finding, Context::default());
        let severity = registry::severity(finding.id).map_or("unknown", |s| s.as_str());
        lines.push(String::new());
        lines.push(format!("[{severity}] {} ({})", text.title, finding.id));
        // As `decode` does.
        let tell = advice::told_by_support(cat, finding, Context::default(), text.user);
        lines.push(format!("  {}", cat.format("cli.link.user", &[("text", &tell)])));
        lines.push(format!("  {}", cat.format("cli.link.support", &[("text", &text.support)])));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAFELINKS: &str =
        "https://nam01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.com%2Freset%3Ft%3D1&data=x&reserved=0";

    #[test]
    fn json_has_the_documented_fields() {
        let json: serde_json::Value =
            serde_json::from_str(&to_json(&link::analyze(SAFELINKS, &LinkConfig::default(), None))).unwrap();
        assert_eq!(json["unwrapped"], "https://example.com/reset?t=1");
        assert_eq!(json["findings"][0]["id"], "link.rewritten");
        assert_eq!(json["findings"][0]["params"]["wrapper"], "safelinks");
        assert_eq!(json["openable"], false);
        assert_eq!(json["status"], "pass");
    }

    #[test]
    fn opaque_wrapper_gives_null() {
        let analysis =
            link::analyze("https://protect-eu.mimecast.com/s/AbC?domain=x.test", &LinkConfig::default(), None);
        let json: serde_json::Value = serde_json::from_str(&to_json(&analysis)).unwrap();
        assert!(json["unwrapped"].is_null());
        assert_eq!(json["findings"][0]["params"]["wrapper"], "mimecast");
    }

    #[test]
    fn text_names_layers_and_findings() {
        let lines = describe(&link::analyze(SAFELINKS, &LinkConfig::default(), None));
        assert_eq!(lines[0], "Layer 1: Microsoft Safe Links");
        assert!(lines.contains(&"Recovered link: https://example.com/reset?t=1".to_owned()), "{lines:?}");
        assert!(
            lines.iter().any(|l| l.starts_with("[note] The link was rewritten by Microsoft Safe Links")),
            "{lines:?}"
        );
        assert!(lines.contains(&"  Tell the user: The original link was recovered from it.".to_owned()), "{lines:?}");
        assert!(
            lines.iter().any(|l| l.starts_with("  Technical details: A Microsoft Safe Links wrapper")),
            "{lines:?}"
        );
    }

    #[test]
    fn what_to_tell_the_user_is_said_as_support_would() {
        // The user's own text points at the page's repaired link; support's is the `.tell`.
        let lines = describe(&link::analyze("https://example.com/reset?t=3D1", &LinkConfig::default(), None));
        let tell = Catalogue::new(Locale::En).text("link.quoted_printable.tell");
        assert!(lines.contains(&format!("  Tell the user: {tell}")), "{lines:?}");
        // A note has words for support to read out too, not the page's "shown above".
        let lines = describe(&link::analyze("https://example.com/reset?t=abc&quot;", &LinkConfig::default(), None));
        let tell = Catalogue::new(Locale::En).text("link.trimmed.tell");
        assert!(lines.contains(&format!("  Tell the user: {tell}")), "{lines:?}");
    }
}
