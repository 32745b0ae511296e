//! Finding the links in pasted text, and repairing what mail and chat did to each before it is unwrapped.
//!
//! The paste may be a bare link, a plain-text mail with quoted replies, or HTML source. What is done, in order:
//!
//! 1. Quoted-printable residue (`=3D`, `=` soft line breaks) is decoded for the whole text, when the text looks
//!    undecoded ([`super::text::looks_quoted_printable`]).
//! 2. Links start at `http://` or `https://`. A link inside `<…>` (RFC 3986 appendix C) runs to the `>` across line
//!    breaks and reply markers; one inside quotes runs to the closing quote. A bare link runs to whitespace and,
//!    when its line ends, continues on the next line if that line has the same reply depth and starts with
//!    something only a URL looks like (`%`, `&`, `=`, … or a long run of letters and digits). It also ends at
//!    full-width punctuation, and at Chinese, Japanese or Korean text run on after a token-like part
//!    (`…?token=a1请在…`).
//! 3. Each link then loses Markdown escapes (`\&`), HTML entities (`&amp;`, `&#038;`), the `&times`-style damage of
//!    an HTML renderer that ate a parameter name, and the punctuation and unbalanced brackets an auto-linker glued
//!    to its end.

use super::text::starts_with_ignore_case;

/// Longest link kept: anything longer is cut here (and flagged as over every client's limit anyway).
pub(crate) const MAX_LINK: usize = 32 * 1024;
/// Most links read from one paste; a mail has far fewer, and the cap keeps a hostile paste cheap.
pub(crate) const MAX_LINKS: usize = 32;

/// A link found in the paste, with what it took to get it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// The link with wrapped lines joined, without its delimiters.
    pub text: String,
    /// Hard-wrapped lines (or reply markers) were joined to rebuild it.
    pub joined: bool,
}

/// The links in `text`, in order of appearance.
pub(crate) fn find_links(text: &str) -> Vec<Found> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b'h' | b'H') && starts_web_link(text, i) {
            let (link, end) = scan(text, i);
            found.push(link);
            if found.len() == MAX_LINKS {
                break;
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    found
}

fn starts_web_link(text: &str, i: usize) -> bool {
    let rest = &text[i..];
    let scheme = starts_with_ignore_case(rest, "https://") || starts_with_ignore_case(rest, "http://");
    // Only an ASCII letter or digit glues a scheme to a word (`xhttp://`):
    // Chinese and Japanese mails run a link straight on from the text
    // before it (`请点击https://…`).
    scheme && !text[..i].bytes().next_back().is_some_and(|b| b.is_ascii_alphanumeric())
}

/// A link that is not a web link: `javascript:`, `data:` and friends, which must never be offered for opening.
/// Browsers drop tabs and newlines anywhere in a URL and leading spaces, so `java\tscript:` counts too.
pub(crate) fn non_web_scheme(text: &str) -> bool {
    let trimmed =
        text.trim_start_matches(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '"' | '\''));
    let squeezed: String = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).take(12).collect();
    ["javascript:", "data:", "vbscript:", "file:", "blob:"].iter().any(|s| starts_with_ignore_case(&squeezed, s))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Angle,
    Quote(char),
    Bare,
}

/// Reads the link starting at byte `start`; returns it and the byte where scanning may resume.
fn scan(text: &str, start: usize) -> (Found, usize) {
    let mode = match text[..start].chars().next_back() {
        Some('<') => Mode::Angle,
        Some(q @ ('"' | '\'')) => Mode::Quote(q),
        _ => Mode::Bare,
    };
    if mode == Mode::Angle {
        if let Some(found) = scan_delimited(text, start, mode) {
            return found;
        }
    }
    if let Mode::Quote(_) = mode {
        if let Some(found) = scan_delimited(text, start, mode) {
            return found;
        }
    }
    scan_bare(text, start)
}

/// Inside `<…>` or quotes: runs to the closing delimiter, dropping line breaks with the indentation and reply
/// markers after them. `None` when the delimiter never closes, so the caller reads a bare link instead.
fn scan_delimited(text: &str, start: usize, mode: Mode) -> Option<(Found, usize)> {
    let mut out = String::new();
    let mut joined = false;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let at = start + offset;
        match (mode, c) {
            (Mode::Angle, '>') => return Some((Found { text: out, joined }, at + 1)),
            (Mode::Quote(q), c) if c == q => return Some((Found { text: out, joined }, at + 1)),
            (_, '\r' | '\n') => {
                let resume = skip_line_prefix(text, at)?;
                joined = true;
                while chars.peek().is_some_and(|(o, _)| start + o < resume) {
                    chars.next();
                }
            }
            // Inside quotes a space ends the link (an HTML attribute would keep it, but a link with a space is
            // broken anyway); inside angle brackets it means these are not a link's delimiters.
            (Mode::Quote(_), c) if c.is_whitespace() || c == '<' || c == '>' => {
                return Some((Found { text: out, joined }, at));
            }
            (_, c) if c.is_whitespace() || c.is_control() || c == '<' || c == '"' => return None,
            (_, c) => out.push(c),
        }
        if out.len() > MAX_LINK {
            return None;
        }
    }
    None
}

/// After the line break at byte `at`: where the next line's content starts, past indentation and reply markers.
/// `None` for a blank line, which no wrapped link spans.
fn skip_line_prefix(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let rest_after_break =
        rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n')).or_else(|| rest.strip_prefix('\r'))?;
    let content = rest_after_break.trim_start_matches([' ', '\t', '>']);
    if content.is_empty() || content.starts_with(['\r', '\n']) {
        return None;
    }
    Some(text.len() - content.len())
}

/// The reply depth (`>` markers) of the line containing byte `at`, and where that line starts.
fn line_depth(text: &str, at: usize) -> usize {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    quote_depth(&text[line_start..])
}

fn quote_depth(line: &str) -> usize {
    line.chars().take_while(|c| matches!(c, '>' | ' ' | '\t')).filter(|c| *c == '>').count()
}

fn scan_bare(text: &str, start: usize) -> (Found, usize) {
    let mut out = String::new();
    let mut joined = false;
    let mut depth = [0i32; 3];
    // Once, not at each wrapped line: the first line can be the whole paste.
    let link_depth = line_depth(text, start);
    let mut part = Part::default();
    let mut pos = start;
    while pos < text.len() {
        let Some(c) = text[pos..].chars().next() else { break };
        if c == '\n' || c == '\r' {
            match continuation(text, link_depth, pos, &out) {
                Some(resume) => {
                    joined = true;
                    pos = resume;
                    continue;
                }
                None => break,
            }
        }
        if c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`') || ends_cjk_link(c) {
            break;
        }
        if is_cjk(c) && part.cjk_text_glued_on() {
            break;
        }
        if let Some(kind) = "([{".find(c) {
            depth[kind] += 1;
        } else if let Some(kind) = ")]}".find(c) {
            if depth[kind] == 0 {
                break;
            }
            depth[kind] -= 1;
        }
        part.push(c, &out);
        out.push(c);
        pos += c.len_utf8();
        if out.len() > MAX_LINK {
            break;
        }
    }
    (Found { text: out, joined }, pos)
}

/// The part of a bare link being read that a character would join: a host
/// label, a path segment, a query name or value. Kept up to date character
/// by character, so asking about it costs nothing however long the link.
#[derive(Default)]
struct Part {
    past_scheme: bool,
    in_host: bool,
    len: usize,
    non_ascii: bool,
    digit: bool,
}

impl Part {
    /// `c` is about to follow `so_far`.
    fn push(&mut self, c: char, so_far: &str) {
        if c == '/' && !self.past_scheme && so_far.ends_with(":/") {
            *self = Part { past_scheme: true, in_host: true, ..Part::default() };
        } else if matches!(c, '/' | '?' | '#' | '&' | '=' | '.' | ';') {
            let in_host = self.in_host && !matches!(c, '/' | '?' | '#');
            *self = Part { past_scheme: self.past_scheme, in_host, ..Part::default() };
        } else {
            self.len += 1;
            self.non_ascii |= !c.is_ascii();
            self.digit |= c.is_ascii_digit();
        }
    }

    /// Whether a CJK letter here is text the mail ran on
    /// (`…?token=a1请在24小时内使用`) rather than part of the link. It is when
    /// the part it would join is ASCII and token-like: a host label, or a
    /// path segment or query value with a digit or of 16 characters or
    /// more. A path written in the language (`/ja/パスワード`) starts with
    /// its letters and is kept; so is a word like `/reset-パスワード`.
    fn cjk_text_glued_on(&self) -> bool {
        self.len > 0 && !self.non_ascii && (self.in_host || self.len >= 16 || self.digit)
    }
}

/// Full-width punctuation, which Chinese and Japanese text puts right
/// after a link where English puts a space; no reset link holds it.
fn ends_cjk_link(c: char) -> bool {
    "。，、；：！？「」『』（）【】《》〈〉｡｢｣､".contains(c)
}

/// A Chinese, Japanese or Korean letter: Han ideographs, kana, Hangul.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' // hiragana, katakana
        | '\u{3400}'..='\u{4dbf}' // Han, extension A
        | '\u{4e00}'..='\u{9fff}' // Han
        | '\u{ac00}'..='\u{d7af}' // Hangul syllables
        | '\u{f900}'..='\u{faff}' // Han compatibility
        | '\u{20000}'..='\u{3134f}' // Han, extensions B to G
    )
}

/// Whether the bare link continues on the next line, and where. A mail client that hard-wraps at 72–78 columns
/// splits long links; the next line then has the same reply depth and starts with text only a URL looks like.
fn continuation(text: &str, link_depth: usize, at: usize, so_far: &str) -> Option<usize> {
    if so_far.len() < 16 {
        return None;
    }
    let resume = skip_line_prefix(text, at)?;
    let next_line_start = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    if quote_depth(&text[next_line_start..]) != link_depth {
        return None;
    }
    let token: &str =
        text[resume..].split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`')).next().unwrap_or("");
    looks_like_url_continuation(token).then_some(resume)
}

fn looks_like_url_continuation(token: &str) -> bool {
    if token.is_empty() || starts_with_ignore_case(token, "http") || starts_with_ignore_case(token, "www.") {
        return false;
    }
    if token.contains(['%', '&', '=', '?', '#', '+', '~']) {
        return true;
    }
    token.len() >= 16
        && token.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        && token.chars().any(|c| c.is_ascii_digit())
        && token.chars().any(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    fn check(text: &str, expect: Expect) {
        let out: Vec<String> =
            find_links(text).iter().map(|f| format!("{}{}", f.text, if f.joined { " (joined)" } else { "" })).collect();
        expect.assert_eq(&out.join("\n"));
    }

    #[test]
    fn bare_link_ends_at_space_and_unbalanced_bracket() {
        check(
            "See (https://example.com/a_(b)_c) and [https://x.test/y].",
            expect![[r#"
                https://example.com/a_(b)_c
                https://x.test/y"#]],
        );
    }

    #[test]
    fn angle_brackets_span_lines_and_reply_markers() {
        check(
            "> Learn why<https://eu-west-1.protection.sophos.com?d=aka.ms&u=aHR0\n> cHM6Ly9&p=m>\n",
            expect![[r#"https://eu-west-1.protection.sophos.com?d=aka.ms&u=aHR0cHM6Ly9&p=m (joined)"#]],
        );
    }

    #[test]
    fn link_run_on_from_cjk_text_is_found_but_not_from_a_word() {
        // Constructed after the Chinese and Japanese reset mails of common
        // stacks, which put no space before a bare link.
        check(
            "请点击https://example.com/reset?token=a1，24小时内有效。こちらhttps://example.jp/r?t=2。 xhttps://no.test/",
            expect![[r#"
                https://example.com/reset?token=a1
                https://example.jp/r?t=2"#]],
        );
    }

    #[test]
    fn cjk_text_run_on_after_a_link_is_left_out() {
        // Constructed after the same mails with the punctuation left out,
        // as a mobile keyboard or a template with no space leaves it.
        check(
            "链接https://example.com/reset?token=a1b2请在24小时内使用 \
             https://example.jp/r/Zx9kQ7mLp2Rt8VwY2cD4このリンク \
             https://example.kr/r?t=abcdefghijklmnopq링크 \
             https://example.com请点击 \
             https://example.jp/ja/パスワード再設定?t=1 \
             https://例え.jp/reset-パスワード",
            expect![[r#"
                https://example.com/reset?token=a1b2
                https://example.jp/r/Zx9kQ7mLp2Rt8VwY2cD4
                https://example.kr/r?t=abcdefghijklmnopq
                https://example.com
                https://example.jp/ja/パスワード再設定?t=1
                https://例え.jp/reset-パスワード"#]],
        );
    }

    #[test]
    fn angle_brackets_join_a_next_line_no_bare_link_would_take() {
        // RFC 3986 appendix C: `<…>` delimit a link across line breaks whatever the next line looks like. Read as a
        // bare link it would end at the break, without the token's last characters.
        check(
            "Reset: <https://example.com/reset?token=4f9a\nb2c1> today",
            expect![[r#"https://example.com/reset?token=4f9ab2c1 (joined)"#]],
        );
    }

    #[test]
    fn a_space_after_an_opening_angle_bracket_reads_a_bare_link() {
        // A space means the `<` was not the link's delimiter, even when a `>` comes later in the text: the link ends
        // at the space, not at that `>` with the words before it.
        check(
            "<https://example.com/reset?t=1 expires in 1 hour -> use it",
            expect![[r#"https://example.com/reset?t=1"#]],
        );
        // So do a quote or a `<` (HTML source around it), and a blank line, which no wrapped link spans.
        check(
            "<https://example.com/reset?t=2\"> <https://example.com/reset?t=3<br> <https://example.com/reset?t=4\n\nabc>",
            expect![[r#"
                https://example.com/reset?t=2
                https://example.com/reset?t=3
                https://example.com/reset?t=4"#]],
        );
    }

    #[test]
    fn unclosed_angle_bracket_reads_a_bare_link() {
        check("<https://example.com/reset?t=1 is the link", expect![[r#"https://example.com/reset?t=1"#]]);
    }

    #[test]
    fn quoted_attribute_value() {
        check(
            r#"<a href="https://example.com/r?a=1&amp;b=2" data-x='https://y.test/'>https://example.com/r</a>"#,
            expect![[r#"
                https://example.com/r?a=1&amp;b=2
                https://y.test/
                https://example.com/r"#]],
        );
    }

    #[test]
    fn hard_wrapped_quoted_link_is_joined() {
        check(
            "> https://nam11.safelinks.protection.outlook.com/?url=https%3A%2F%2Flists.free\n> desktop.org%2Fmailman%2Flistinfo%2Famd-\n> gfx&amp;data=02%7C01&amp;reserved=0\n_______________\n",
            expect![[r#"https://nam11.safelinks.protection.outlook.com/?url=https%3A%2F%2Flists.freedesktop.org%2Fmailman%2Flistinfo%2Famd-gfx&amp;data=02%7C01&amp;reserved=0 (joined)"#]],
        );
    }

    #[test]
    fn hard_wrapped_link_outside_a_reply_is_joined() {
        // Most reset mails are read unquoted: a link wrapped there must be joined as in a reply, or the token on the
        // next line is lost.
        check(
            "Reset here: https://example.com/reset?email=a%40b.test\n&token=4f9ab2c1\nThanks",
            expect![[r#"https://example.com/reset?email=a%40b.test&token=4f9ab2c1 (joined)"#]],
        );
    }

    #[test]
    fn wrapped_lines_join_only_at_the_links_own_reply_depth() {
        // The depth is the link's line's, wherever that line is in the paste and however its `>` are spaced; a line
        // quoted deeper (or less) than the link is another message's text, however URL-like.
        check(
            "Forwarded:\n> https://example.com/reset?email=a%40b.test\n>&token=4f9ab2c1\n",
            expect![[r#"https://example.com/reset?email=a%40b.test&token=4f9ab2c1 (joined)"#]],
        );
        // Windows line ends too: the next line starts after the `\r\n`.
        check(
            "Forwarded:\r\n> https://example.com/reset?email=a%40b.test\r\n> &token=4f9ab2c1\r\n",
            expect![[r#"https://example.com/reset?email=a%40b.test&token=4f9ab2c1 (joined)"#]],
        );
        check(
            "https://example.com/reset?email=a%40b.test\n> &token=4f9ab2c1\n",
            expect![[r#"https://example.com/reset?email=a%40b.test"#]],
        );
    }

    #[test]
    fn prose_after_a_link_is_not_joined() {
        check(
            "https://example.com/reset/abcdef\nThanks,\nhttps://example.com/other\n> reply",
            expect![[r#"
                https://example.com/reset/abcdef
                https://example.com/other"#]],
        );
    }

    #[test]
    fn only_the_next_lines_first_word_decides_a_join() {
        // A question later in the line is not the link going on; nor is anything after a link too short to have
        // been wrapped.
        check(
            "https://example.com/reset/abcdef\nThanks! Any questions? Reply here\nhttps://a.test/\nWhy? No idea",
            expect![[r#"
                https://example.com/reset/abcdef
                https://a.test/"#]],
        );
    }

    #[test]
    fn a_long_run_of_letters_and_digits_continues_a_wrapped_link() {
        // A token wrapped mid-way often goes on with letters and digits only; a short word with a digit is prose.
        check(
            "https://example.com/reset/Zx9kQ7mLp2Rt8VwY\n2cD4aB6eF8gH0jK1 thanks\nhttps://example.com/reset/abcdefgh\n2nd try failed",
            expect![[r#"
                https://example.com/reset/Zx9kQ7mLp2Rt8VwY2cD4aB6eF8gH0jK1 (joined)
                https://example.com/reset/abcdefgh"#]],
        );
    }

    #[test]
    fn scheme_inside_a_word_is_not_a_link() {
        check("xhttps://a.test nohttp", expect![[""]]);
    }

    #[test]
    fn non_web_schemes() {
        assert!(non_web_scheme("  java\tscript:alert(1)"));
        assert!(non_web_scheme("<DATA:text/html,x>"));
        assert!(!non_web_scheme("https://example.com"));
    }
}
