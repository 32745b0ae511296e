//! `resetcheck check-config FILE`: validates a `resetcheck.json` the way the page will, before it is deployed.
//!
//! The rules live in `resetcheck_core::config`; this module only reads the file and prints what the core found, so
//! the CLI, the server's start-up check and the page can never disagree.

use crate::output;
use resetcheck_core::config::{self, ConfigProblem, Level, ProblemKind};
use resetcheck_core::messages::{Catalogue, Locale};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// What the check concluded about a readable file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// No errors or warnings; notes may have been printed.
    Usable,
    /// Usable, with warnings printed (a placeholder left in, a plain-`http://` origin, a doubled name): a
    /// failure only with `--strict`.
    HasWarnings,
    /// At least one setting is ignored by the page: an error, a field it doesn't know, or one written twice.
    HasErrors,
}

/// The config file could not be read at all.
#[derive(Debug)]
pub struct ReadError {
    /// The file asked for.
    pub path: PathBuf,
    /// Why it could not be read.
    pub source: io::Error,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (file, reason) = (self.path.display().to_string(), self.source.to_string());
        let cat = Catalogue::new(Locale::En);
        write!(f, "{}", cat.format("cli.error.config_file", &[("file", &file), ("reason", &reason)]))
    }
}

impl std::error::Error for ReadError {}

/// Reads the config file at `path`; `-` is standard input (a config piped from a deploy script), as for `decode -`.
fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    let result = if path == Path::new("-") {
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut io::stdin(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    };
    result.map_err(|source| ReadError { path: path.to_owned(), source })
}

/// Checks the file at `path`, printing one line per problem to stdout.
pub fn run(path: &Path) -> Result<Verdict, ReadError> {
    let bytes = read(path)?;
    let text = config_text(&bytes);
    let mut load = config::load(&text);
    // What the page's parser drops without a word: the CLI and `serve` say so, the page can't.
    load.problems.extend(config::duplicate_keys(&text));
    // The demo config's values, left in a deployed file: the page runs the same with them, so only this check says so.
    load.problems.extend(config::placeholders(&load.config));
    load.problems.extend(config::plain_http_embedders(&load.config));
    load.problems.extend(config::plain_http_endpoints(&load.config));
    for problem in &load.problems {
        output::line(&describe(problem));
        // The page names only the place (its bundle leaves the parser's words out); here the reason fits,
        // such as a trailing comma, which JSON doesn't allow.
        if let ProblemKind::InvalidJson { .. } = problem.kind {
            if let Err(err) = serde_json::from_str::<serde_json::Value>(&text) {
                let reason = err.to_string();
                let line = Catalogue::new(Locale::En).format("cli.config.json_reason", &[("reason", &reason)]);
                output::line(&format!("  {line}"));
            }
        }
    }
    // An unknown field is only a warning to the page, but the page ignores it: most often a typo that silently
    // turns a setting off, so the check fails on it, as on a field written twice and on more problems than it lists.
    let ignored = load.problems.iter().any(|p| {
        matches!(
            p.kind,
            ProblemKind::UnknownField
                | ProblemKind::UnknownFieldLike(_)
                | ProblemKind::DuplicateKey
                | ProblemKind::More(_)
        )
    });
    let verdict = if load.has_errors() || ignored {
        Verdict::HasErrors
    } else if load.problems.iter().any(|p| p.level == Level::Warning) {
        Verdict::HasWarnings
    } else {
        Verdict::Usable
    };
    let cat = Catalogue::new(Locale::En);
    // The header `serve` would send, for the admin's own server (the guide's examples allow only 'self'); not
    // from a config that fails, whose header would leave out what the fix adds (admin review, 2026-11-27: a
    // misspelled "endpoints" printed a connect-src of 'self' alone, ready to copy).
    if verdict != Verdict::HasErrors {
        let csp = crate::serve::content_security_policy(
            &load.config.connect_origins(),
            &load.config.allowed_embedders,
            &mut |warning| output::line(&format!("{}: {warning}", level_word(Level::Warning))),
        );
        if !load.problems.is_empty() {
            output::line("");
        }
        output::line(&cat.text("cli.config.csp"));
        output::line(&format!("Content-Security-Policy: {csp}"));
        output::line("");
    }
    // Last, what the exit code will be and why: a pipeline author sees "warning" lines and a red build otherwise.
    let file = if path == Path::new("-") { cat.text("cli.stdin_name") } else { path.display().to_string() };
    match verdict {
        Verdict::HasErrors => output::line(&cat.text("cli.config.fails")),
        Verdict::HasWarnings => output::line(&cat.text("cli.config.warns")),
        Verdict::Usable => output::line(&cat.format("cli.config.no_problems", &[("file", &file)])),
    }
    Ok(verdict)
}

/// Reads and loads the config a command was given (`--config`), printing
/// its problems to stderr as `config: …`, so a broken file never passes
/// silently; only an unreadable file is an error.
pub fn load_reporting(path: &Path) -> Result<config::Config, ReadError> {
    let bytes = read(path)?;
    let text = config_text(&bytes);
    let load = config::load(&text);
    for problem in load.problems.iter().chain(&config::duplicate_keys(&text)) {
        output::error(&format!("config: {}", describe(problem)));
    }
    Ok(load.config)
}

/// Decodes config bytes the way the browser's `response.json()` does: as UTF-8, with bad bytes replaced. A file
/// that is not UTF-8 is then checked as the page will see it instead of being refused outright.
pub fn config_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// One problem as `<level> <field>: <message>`, or `<level>: <message>` for the file as a whole.
pub fn describe(problem: &ConfigProblem) -> String {
    let level = level_word(problem.level);
    if problem.field.is_empty() {
        format!("{level}: {problem}")
    } else {
        format!("{level} {}: {problem}", problem.field)
    }
}

/// The level's word that starts each line (`error`, `warning`, `info`): a deploy script may look for them.
fn level_word(level: Level) -> String {
    Catalogue::new(Locale::En).text(match level {
        Level::Info => "cli.config.level.info",
        Level::Warning => "cli.config.level.warning",
        Level::Error => "cli.config.level.error",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_a_field_problem_with_its_level_and_field() {
        let load = config::load(r#"{"probe_timeout_ms": "soon"}"#);
        let line = describe(&load.problems[0]);
        assert!(line.starts_with("error probe_timeout_ms: "), "{line}");
    }

    #[test]
    fn describes_a_file_problem_without_an_empty_field() {
        let load = config::load("[1, 2]");
        let line = describe(&load.problems[0]);
        assert!(line.starts_with("error: "), "{line}");
    }

    #[test]
    fn unknown_fields_are_warnings() {
        let load = config::load(r#"{"colour": "blue"}"#);
        assert!(describe(&load.problems[0]).starts_with("warning colour: "));
        assert!(!load.has_errors());
    }
}
