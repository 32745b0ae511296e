//! Writing lines to stdout and stderr without panicking.
//!
//! `println!` panics when stdout is a closed pipe (`resetcheck check-config x | head -1`), and a server must never
//! die because whoever started it stopped listening. A line that can't be written is dropped: there is nobody left
//! to tell.

use std::io::{self, Write};

/// Writes one line to stdout and flushes it, so a tool reading a pipe sees it at once.
pub fn line(text: &str) {
    let mut stdout = io::stdout().lock();
    let _ = writeln!(stdout, "{}", shown(text)).and_then(|()| stdout.flush());
}

/// Writes one line to stderr (unbuffered already).
pub fn error(text: &str) {
    let _ = writeln!(io::stderr().lock(), "{}", shown(text));
}

/// Writes one line of JSON to stdout, as [`line`] does, with what [`shown`] writes as `U+001B` escaped the JSON
/// way (`\u001b`) instead: the same data for a parser, nothing for a terminal to act on.
pub fn json_line(json: &str) {
    let mut stdout = io::stdout().lock();
    let _ = writeln!(stdout, "{}", escaped(json, |c| format!("\\u{:04x}", u32::from(c)))).and_then(|()| stdout.flush());
}

/// Whether printing `c` raw could drive a terminal or reorder what it shows: what a repaired link never holds
/// ([`resetcheck_core::link::is_unsafe_char`]), but for a line break or a tab.
fn is_unsafe(c: char) -> bool {
    !matches!(c, '\n' | '\t') && resetcheck_core::link::is_unsafe_char(c)
}

/// `text` with every [unsafe](is_unsafe) character written as `U+001B`: what a user pasted or a config holds is
/// printed to a support agent's terminal, where an escape sequence could set the clipboard, move the cursor or hide
/// lines (security review, 2026-11-27).
pub fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    escaped(text, |c| format!("U+{:04X}", u32::from(c)))
}

fn escaped(text: &str, write: impl Fn(char) -> String) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return text.into();
    }
    text.chars().map(|c| if is_unsafe(c) { write(c) } else { c.to_string() }).collect::<String>().into()
}

/// Why standard input (`-`) could not be read, in the catalogue's words.
pub fn stdin_error(err: &io::Error) -> String {
    let reason = err.to_string();
    resetcheck_core::messages::Catalogue::new(resetcheck_core::messages::Locale::En)
        .format("cli.error.stdin", &[("reason", &reason)])
}

/// The width text reports are wrapped to: a terminal's default, and what a
/// pasted report in a ticket or chat keeps readable.
pub const WIDTH: usize = 80;

/// `text` wrapped at spaces to lines of at most `width` characters. Lines
/// after the first hang under the text after the first line's indentation
/// and list marker (`  1. `, `  - `). A word longer than the width (a URL)
/// gets a line of its own.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let body = text.trim_start();
    let indent = &text[..text.len() - body.len()];
    let is_marker =
        |m: &str| m == "-" || (m.len() > 1 && m.ends_with('.') && m[..m.len() - 1].bytes().all(|b| b.is_ascii_digit()));
    let marker = body.split_once(' ').map_or(0, |(first, _)| if is_marker(first) { first.len() + 1 } else { 0 });
    let hanging = " ".repeat(indent.chars().count() + marker);
    let mut lines = Vec::new();
    let mut line = indent.to_owned();
    let mut has_word = false;
    for word in body.split(' ').filter(|w| !w.is_empty()) {
        if has_word && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::replace(&mut line, hanging.clone()));
            has_word = false;
        }
        if has_word {
            line.push(' ');
        }
        line.push_str(word);
        has_word = true;
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    #[test]
    fn escape_sequences_and_reordering_characters_are_shown_not_sent_to_the_terminal() {
        assert_eq!(
            super::shown("key \u{1b}]52;c;ZWNobw==\u{7} and \u{202e}txt"),
            "key U+001B]52;c;ZWNobw==U+0007 and U+202Etxt"
        );
        assert_eq!(super::shown("two\n\tlines"), "two\n\tlines");
        // In JSON, the JSON way: the same string for a parser.
        let json = super::escaped("{\"a\":\"x\u{202e}y\u{9b}\"}", |c| format!("\\u{:04x}", u32::from(c)));
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["a"], "x\u{202e}y\u{9b}");
    }

    use super::wrap;

    #[test]
    fn wraps_under_the_list_marker() {
        assert_eq!(wrap("  1. one two three", 12), ["  1. one two", "     three"]);
        assert_eq!(wrap("  - a bb ccc", 8), ["  - a bb", "    ccc"]);
        assert_eq!(wrap("x https://example.com/very/long y", 10), ["x", "https://example.com/very/long", "y"]);
        assert_eq!(wrap("", 80), [""]);
        assert_eq!(wrap("short", 80), ["short"]);
    }
}
