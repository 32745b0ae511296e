//! A small, lenient parser for `http:` and `https:` URLs.
//!
//! The core cannot lean on the browser's `URL` and the `url` crate would
//! bring IDNA tables into the wasm bundle, so this parser covers exactly what
//! resetcheck needs: scheme, host, port, path, query and fragment of web
//! URLs. It never panics; anything it cannot read is an [`UrlError`].

use std::fmt;

/// The scheme of a web URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// `http:`.
    Http,
    /// `https:`.
    Https,
}

impl Scheme {
    /// The scheme as written in a URL, without the colon.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }

    fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }
}

/// An absolute `http:`/`https:` URL split into its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebUrl {
    /// `http` or `https`.
    pub scheme: Scheme,
    /// The host, lowercased; IPv6 literals keep their brackets.
    pub host: String,
    /// The port when one was written and differs from the scheme's default.
    pub port: Option<u16>,
    /// The path, starting with `/` (an empty path becomes `/`).
    pub path: String,
    /// The query without its `?`, when there is one.
    pub query: Option<String>,
    /// The fragment without its `#`, when there is one.
    pub fragment: Option<String>,
}

/// Why a string is not a usable web URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrlError {
    /// The string is empty or only whitespace.
    Empty,
    /// The URL's scheme is neither `http` nor `https`.
    UnsupportedScheme,
    /// There is no host after `//`.
    MissingHost,
    /// The host holds characters a host name cannot hold.
    InvalidHost,
    /// The port is not a number from 1 to 65535.
    InvalidPort,
    /// The URL holds whitespace or control characters.
    InvalidCharacter,
    /// Credentials (`user@host`) are not accepted.
    HasCredentials,
}

impl UrlError {
    /// A stable snake-case name, used as a message-catalogue key part.
    pub fn as_str(self) -> &'static str {
        match self {
            UrlError::Empty => "empty",
            UrlError::UnsupportedScheme => "unsupported_scheme",
            UrlError::MissingHost => "missing_host",
            UrlError::InvalidHost => "invalid_host",
            UrlError::InvalidPort => "invalid_port",
            UrlError::InvalidCharacter => "invalid_character",
            UrlError::HasCredentials => "has_credentials",
        }
    }
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlError::Empty => "the URL is empty",
            UrlError::UnsupportedScheme => "the URL must start with http:// or https://",
            UrlError::MissingHost => "the URL has no host",
            UrlError::InvalidHost => "the URL's host is not a valid host name",
            UrlError::InvalidPort => "the URL's port is not a number from 1 to 65535",
            UrlError::InvalidCharacter => "the URL contains spaces or control characters",
            UrlError::HasCredentials => "the URL must not contain a user name or password",
        })
    }
}

impl WebUrl {
    /// Parses an absolute `http:` or `https:` URL.
    ///
    /// ```
    /// use resetcheck_core::weburl::{Scheme, WebUrl};
    /// let url = WebUrl::parse("HTTPS://Example.COM:443/reset?t=1#x").unwrap();
    /// assert_eq!(url.scheme, Scheme::Https);
    /// assert_eq!(url.host, "example.com");
    /// assert_eq!(url.port, None);
    /// assert_eq!(url.origin(), "https://example.com");
    /// ```
    pub fn parse(input: &str) -> Result<WebUrl, UrlError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(UrlError::Empty);
        }
        if input.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(UrlError::InvalidCharacter);
        }
        let (scheme, rest) = match input.split_once("://") {
            Some((s, rest)) if s.eq_ignore_ascii_case("https") => (Scheme::Https, rest),
            Some((s, rest)) if s.eq_ignore_ascii_case("http") => (Scheme::Http, rest),
            _ => return Err(UrlError::UnsupportedScheme),
        };
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(authority_end);
        if authority.contains('@') {
            return Err(UrlError::HasCredentials);
        }
        let (host, port) = split_host_port(authority)?;
        let port = port.filter(|p| *p != scheme.default_port());

        let (before_fragment, fragment) = match tail.split_once('#') {
            Some((b, f)) => (b, Some(f.to_owned())),
            None => (tail, None),
        };
        let (path, query) = match before_fragment.split_once('?') {
            Some((p, q)) => (p, Some(q.to_owned())),
            None => (before_fragment, None),
        };
        let path = if path.is_empty() { "/".to_owned() } else { path.to_owned() };
        Ok(WebUrl { scheme, host, port, path, query, fragment })
    }

    /// The URL's origin in the form a CSP source and `Origin` use, such as
    /// `https://api.example.com` or `http://127.0.0.1:8080`.
    pub fn origin(&self) -> String {
        match self.port {
            Some(port) => format!("{}://{}:{}", self.scheme.as_str(), self.host, port),
            None => format!("{}://{}", self.scheme.as_str(), self.host),
        }
    }
}

fn split_host_port(authority: &str) -> Result<(String, Option<u16>), UrlError> {
    if authority.is_empty() {
        return Err(UrlError::MissingHost);
    }
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        // An IPv6 literal: `[::1]:8080`.
        let Some((inside, after)) = rest.split_once(']') else {
            return Err(UrlError::InvalidHost);
        };
        if inside.is_empty() || !inside.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
            return Err(UrlError::InvalidHost);
        }
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':').ok_or(UrlError::InvalidHost)?),
        };
        (format!("[{}]", inside.to_ascii_lowercase()), port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_owned(), Some(p)),
            None => (authority.to_owned(), None),
        }
    };
    if host.is_empty() {
        return Err(UrlError::MissingHost);
    }
    if !host.starts_with('[') && !is_host_name(&host) {
        return Err(UrlError::InvalidHost);
    }
    let port = match port {
        None | Some("") => None,
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 && p.bytes().all(|b| b.is_ascii_digit()) => Some(n),
            _ => return Err(UrlError::InvalidPort),
        },
    };
    // ASCII case only: Unicode's case tables would cost the checker's
    // first load about 6 KB, and a non-ASCII host is flagged anyway
    // (config: its `xn--` form is asked for).
    Ok((host.to_ascii_lowercase(), port))
}

/// Accepts DNS names and IPv4 literals, including internationalized labels
/// as typed (browsers punycode them; a CSP source may hold either form).
pub(crate) fn is_host_name(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.chars().count() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(is_label_char)
        })
}

/// A letter, digit, `-` or `_`, or a non-ASCII character: whether that one
/// is allowed is IDNA's call (the browser's), which takes marks and other
/// characters `char::is_alphanumeric` refuses. ASCII punctuation and spaces
/// are never part of a host, nor the ideographic and full-width full stops
/// and solidus, which IDNA turns into `.` and `/`.
fn is_label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_' || (!c.is_ascii() && !matches!(c, '。' | '．' | '｡' | '／'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(input: &str) -> UrlError {
        match WebUrl::parse(input) {
            Ok(url) => panic!("expected an error for {input:?}, got {url:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn parses_parts() {
        let url = WebUrl::parse("https://auth.example.com:8443/reset/confirm?token=abc&x=1#frag").unwrap();
        assert_eq!(url.host, "auth.example.com");
        assert_eq!(url.port, Some(8443));
        assert_eq!(url.path, "/reset/confirm");
        assert_eq!(url.query.as_deref(), Some("token=abc&x=1"));
        assert_eq!(url.fragment.as_deref(), Some("frag"));
        assert_eq!(url.origin(), "https://auth.example.com:8443");
    }

    #[test]
    fn empty_path_becomes_slash_and_default_port_is_dropped() {
        let url = WebUrl::parse("http://127.0.0.1:80").unwrap();
        assert_eq!(url.path, "/");
        assert_eq!(url.origin(), "http://127.0.0.1");
    }

    #[test]
    fn ipv6_literal() {
        let url = WebUrl::parse("http://[::1]:8080/api/time").unwrap();
        assert_eq!(url.host, "[::1]");
        assert_eq!(url.origin(), "http://[::1]:8080");
        assert_eq!(err("http://[::1"), UrlError::InvalidHost);
        assert_eq!(err("http://[zz]/"), UrlError::InvalidHost);
    }

    #[test]
    fn rejects_what_is_not_a_web_url() {
        assert_eq!(err(""), UrlError::Empty);
        assert_eq!(err("   "), UrlError::Empty);
        assert_eq!(err("ftp://example.com/"), UrlError::UnsupportedScheme);
        assert_eq!(err("/api/time"), UrlError::UnsupportedScheme);
        assert_eq!(err("javascript:alert(1)"), UrlError::UnsupportedScheme);
        assert_eq!(err("https:///path"), UrlError::MissingHost);
        assert_eq!(err("https://exa mple.com/"), UrlError::InvalidCharacter);
        assert_eq!(err("https://example.com:0/"), UrlError::InvalidPort);
        assert_eq!(err("https://example.com:99999/"), UrlError::InvalidPort);
        assert_eq!(err("https://example.com:+80/"), UrlError::InvalidPort);
        assert_eq!(err("https://user:pw@example.com/"), UrlError::HasCredentials);
        assert_eq!(err("https://exa<mple.com/"), UrlError::InvalidHost);
        assert_eq!(err("https://-bad-.com/"), UrlError::InvalidHost);
    }

    #[test]
    fn internationalized_hosts_are_left_to_idna() {
        // A virama (U+094D) is a mark, not alphanumeric, yet IDNA and
        // browsers take it: "हिन्दी" is a real label.
        assert_eq!(WebUrl::parse("https://हिन्दी.example/").map(|u| u.host), Ok("हिन्दी.example".to_string()));
        // Only ASCII letters are lowercased; the browser's IDNA mapping does the rest.
        assert_eq!(WebUrl::parse("https://Bücher.EXAMPLE/").map(|u| u.host), Ok("bücher.example".to_string()));
        assert_eq!(err("https://exa_mple!.com/"), UrlError::InvalidHost);
        // An ideographic full stop is a dot to IDNA: not part of one label.
        assert_eq!(err("https://例え。jp/"), UrlError::InvalidHost);
        assert_eq!(err("https://a..b/"), UrlError::InvalidHost);
    }
}
