//! Text-level decoders the link analysis needs: lenient URL splitting, percent-decoding, Base64, HTML entities
//! and quoted-printable.
//!
//! All of them are total: malformed input decodes as far as it can, or yields `None`, and never panics. They work
//! on pasted text, so they assume nothing about its size beyond what the caller has capped.

/// A URL split into its parts without validating them, so a damaged link can still be inspected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Parts<'a> {
    /// The scheme as written, without the colon.
    pub scheme: &'a str,
    /// The host: lowercased, without user info, port or a trailing dot.
    pub host: String,
    /// The path as written, from the first `/` after the host; empty when there is none.
    pub path: &'a str,
    /// The query without its `?`.
    pub query: Option<&'a str>,
    /// The fragment without its `#`.
    pub fragment: Option<&'a str>,
    /// Everything after the host and port, as written.
    pub tail: &'a str,
}

/// Splits `url`, which must have a scheme followed by `//`.
pub(crate) fn split(url: &str) -> Option<Parts<'_>> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    let after = url[colon + 1..].strip_prefix("//")?;
    let authority_end = after.find(['/', '?', '#', '\\']).unwrap_or(after.len());
    let authority = &after[..authority_end];
    // Browsers take the host after the last `@`: `https://outlook.com@evil.test/` goes to evil.test.
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        host_port.find(']').map_or(host_port, |end| &host_port[..=end])
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    let host = host.strip_suffix('.').unwrap_or(host).to_lowercase();
    let tail = &after[authority_end..];
    let (before_fragment, fragment) = match tail.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (tail, None),
    };
    let (path, query) = match before_fragment.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (before_fragment, None),
    };
    Some(Parts { scheme, host, path, query, fragment, tail })
}

/// The raw (still encoded) value of the first query parameter called `name`.
pub(crate) fn query_param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query.split('&').find_map(|pair| match pair.split_once('=') {
        Some((key, value)) if key == name => Some(value),
        _ => None,
    })
}

/// Whether `host` is `domain` or a subdomain of it: the match is on a label boundary, so
/// `outlook.com.evil.test` is not under `outlook.com`.
pub(crate) fn host_under(host: &str, domain: &str) -> bool {
    host == domain
        || (host.len() > domain.len() && host.ends_with(domain) && host[..host.len() - domain.len()].ends_with('.'))
}

/// Whether `s` starts with a URL scheme followed by `:` (`https:`, `javascript:`).
pub(crate) fn has_scheme(s: &str) -> bool {
    match s.find(':') {
        Some(colon) if colon > 0 => {
            let scheme = &s[..colon];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        _ => false,
    }
}

/// Whether `s` starts with `http://` or `https://`, in any case.
pub(crate) fn is_web(s: &str) -> bool {
    starts_with_ignore_case(s, "http://") || starts_with_ignore_case(s, "https://")
}

pub(crate) fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` escapes exactly once. `+` stays `+`: wrappers escape a real space as `%20`, and a `+` in the
/// target is the sender's. Bytes that do not form UTF-8 are written back as `%XX`, so nothing is lost.
pub(crate) fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex_value(bytes[i + 1]), hex_value(bytes[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    bytes_to_text(&out)
}

/// Writes `b` as `%XX`.
fn push_percent(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(char::from(HEX[usize::from(b >> 4)]));
    out.push(char::from(HEX[usize::from(b & 15)]));
}

/// UTF-8 text from bytes, writing each byte that is not part of valid UTF-8 as `%XX`.
pub(crate) fn bytes_to_text(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            push_percent(&mut out, *b);
        }
    }
    out
}

/// Decodes Base64 in either alphabet (`+/` or `-_`), with or without padding. `None` on any other character.
pub(crate) fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for b in s.bytes() {
        let value = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' | b'\n' | b'\r' => continue,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// Named entities decoded with their semicolon. Only the ones that occur in links: HTML-escaped links use `&amp;`,
/// and the rest turn up in pasted HTML source around them.
const NAMED: [(&str, char); 7] =
    [("amp", '&'), ("lt", '<'), ("gt", '>'), ("quot", '"'), ("apos", '\''), ("nbsp", '\u{a0}'), ("equals", '=')];

/// Decodes HTML character references once: `&amp;`, `&#038;`, `&#x26;` and the few named ones links meet.
pub(crate) fn html_unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match entity(after) {
            Some((c, used)) => {
                out.push(c);
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `c` is a control character or one that reorders text (U+202A–U+202E, U+2066–U+2069): never part of
/// a link as a browser sends it, and in a link shown or printed it can hide or reverse what follows, or drive a
/// terminal (an `&#27;` in a crafted paste, a `%1B` a wrapper's parameter decoded).
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `link` with every [unsafe](is_unsafe_char) character percent-encoded, as a browser's URL parser writes it: the
/// link leads to the same place, and shows as what it is.
pub(crate) fn escape_unsafe(link: String) -> String {
    if !link.chars().any(is_unsafe_char) {
        return link;
    }
    let mut out = String::with_capacity(link.len() + 8);
    for c in link.chars() {
        if is_unsafe_char(c) {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                push_percent(&mut out, b);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The character a reference after `&` stands for, and how many bytes it used (with its `;`).
fn entity(after: &str) -> Option<(char, usize)> {
    let semi = after.get(..12).unwrap_or(after).find(';')?;
    let body = &after[..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        char::from_u32(code)?
    } else {
        NAMED.iter().find(|(name, _)| *name == body).map(|(_, c)| *c)?
    };
    Some((c, semi + 1))
}

/// Whether `text` looks like quoted-printable (RFC 2045) that was never decoded. Any `=3D` counts: a quoted-printable
/// encoder writes every `=` that way, and a real link rarely holds the three characters. Soft line breaks alone
/// count only when no `=` stands outside an escape, because a QP encoder leaves no bare `=` behind.
pub(crate) fn looks_quoted_printable(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut soft_breaks = 0;
    let mut bare = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            let next = bytes.get(i + 1).copied();
            let next2 = bytes.get(i + 2).copied();
            if next == Some(b'3') && next2 == Some(b'D') {
                return true;
            }
            match (next, next2) {
                (Some(b'\n'), _) | (Some(b'\r'), Some(b'\n')) => soft_breaks += 1,
                (Some(a), Some(b)) if is_upper_hex(a) && is_upper_hex(b) => {}
                _ => bare += 1,
            }
        }
        i += 1;
    }
    soft_breaks > 0 && bare == 0
}

fn is_upper_hex(b: u8) -> bool {
    b.is_ascii_digit() || (b'A'..=b'F').contains(&b)
}

/// Decodes quoted-printable: `=XX` becomes the byte, `=` at a line end (a soft break) disappears.
pub(crate) fn quoted_printable_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            match (bytes.get(i + 1).copied(), bytes.get(i + 2).copied()) {
                (Some(b'\n'), _) => {
                    i += 2;
                    continue;
                }
                (Some(b'\r'), Some(b'\n')) => {
                    i += 3;
                    continue;
                }
                // Only upper-case escapes, as RFC 2045 writes them: `b=3fa6` in a link is more likely the link's own.
                (Some(a), Some(b)) if is_upper_hex(a) && is_upper_hex(b) => {
                    if let (Some(h), Some(l)) = (hex_value(a), hex_value(b)) {
                        out.push(h * 16 + l);
                        i += 3;
                        continue;
                    }
                }
                _ => {}
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    // Quoted-printable mail is UTF-8 nearly always now; a stray byte is kept as `%XX` rather than lost.
    bytes_to_text(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_url_leniently() {
        let p = split("HTTPS://User@Nam01.SafeLinks.Protection.Outlook.com.:443/?url=x#frag").unwrap();
        assert_eq!(p.scheme, "HTTPS");
        assert_eq!(p.host, "nam01.safelinks.protection.outlook.com");
        assert_eq!(p.path, "/");
        assert_eq!(p.query, Some("url=x"));
        assert_eq!(p.fragment, Some("frag"));
        assert_eq!(split("mailto:a@b"), None);
    }

    #[test]
    fn userinfo_does_not_hide_the_real_host() {
        assert_eq!(split("https://nam01.safelinks.protection.outlook.com@evil.test/?url=x").unwrap().host, "evil.test");
    }

    #[test]
    fn host_matches_on_label_boundaries() {
        assert!(host_under("nam01.safelinks.protection.outlook.com", "safelinks.protection.outlook.com"));
        assert!(!host_under("safelinks.protection.outlook.com.evil.test", "safelinks.protection.outlook.com"));
        assert!(!host_under("evilsafelinks.protection.outlook.com", "safelinks.protection.outlook.com"));
    }

    #[test]
    fn percent_decodes_exactly_once() {
        assert_eq!(percent_decode("wiki%2F68%25E2%2580%2593"), "wiki/68%E2%80%93");
        assert_eq!(percent_decode("a+b%2Bc%zz%"), "a+b+c%zz%");
        assert_eq!(percent_decode("%C3%A9%FF"), "é%FF");
    }

    #[test]
    fn base64_takes_both_alphabets() {
        assert_eq!(base64_decode("aHR0cHM6Ly9saXRlLmR1Y2tkdWNrZ28uY29t").unwrap(), b"https://lite.duckduckgo.com");
        assert_eq!(base64_decode("-_8=").unwrap(), [0xfb, 0xff]);
        assert_eq!(base64_decode("a b"), None);
    }

    #[test]
    fn html_entities() {
        assert_eq!(html_unescape("a&amp;b&#038;c&#x3D;d&bogus;e&"), "a&b&c=d&bogus;e&");
    }

    #[test]
    fn quoted_printable_detection() {
        assert!(looks_quoted_printable("u=3Dhttps"));
        assert!(looks_quoted_printable("https://example.com/a-very-long-pa=\nth"));
        assert!(!looks_quoted_printable("https://x.test/?t=abc=\nThanks"));
        assert!(!looks_quoted_printable("https://x.test/?a=1"));
    }

    #[test]
    fn quoted_printable_decoding() {
        assert_eq!(quoted_printable_decode("k=3Da23=\nff&u=\r\n=3Dhttps =C3=A9 =zz =3f"), "k=a23ff&u=https é =zz =3f");
    }
}
