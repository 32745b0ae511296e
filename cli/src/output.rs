//! Writing lines to stdout and stderr without panicking.
//!
//! `println!` panics when stdout is a closed pipe (`resetcheck check-config x | head -1`), and a server must never
//! die because whoever started it stopped listening. A line that can't be written is dropped: there is nobody left
//! to tell.

use std::io::{self, Write};

/// Writes one line to stdout and flushes it, so a tool reading a pipe sees it at once.
pub fn line(text: &str) {
    let mut stdout = io::stdout().lock();
    let _ = writeln!(stdout, "{text}").and_then(|()| stdout.flush());
}

/// Writes one line to stderr (unbuffered already).
pub fn error(text: &str) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}
