//! Turning a request path into the key of a file in the site, refusing anything that looks like traversal.
//!
//! The site is an in-memory map, so a bad path could at worst miss; refusing it with 400 anyway keeps probes
//! visible as such in logs and tests, and keeps the rule simple if the site ever learns to read from disk.

use std::fmt;

/// Why a request path was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PathError {
    /// The path does not start with `/` (such as `*` in `OPTIONS *`).
    NotAbsolute,
    /// A `%` not followed by two hex digits, or an escape that is not UTF-8.
    BadEscape,
    /// A `..` segment, after decoding.
    ParentSegment,
    /// A backslash, after decoding: some systems read it as a separator.
    Backslash,
    /// NUL or another control character, after decoding.
    ControlCharacter,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PathError::NotAbsolute => "the path does not start with /",
            PathError::BadEscape => "the path has a malformed percent escape",
            PathError::ParentSegment => "the path has a .. segment",
            PathError::Backslash => "the path has a backslash",
            PathError::ControlCharacter => "the path has a control character",
        })
    }
}

impl std::error::Error for PathError {}

/// The site key for a request path (without its query): percent-decoded, without the leading `/`. `/` gives the
/// empty key.
pub fn site_key(path: &str) -> Result<String, PathError> {
    let rest = path.strip_prefix('/').ok_or(PathError::NotAbsolute)?;
    let decoded = String::from_utf8(percent_decode(rest)?).map_err(|_| PathError::BadEscape)?;
    if decoded.chars().any(char::is_control) {
        return Err(PathError::ControlCharacter);
    }
    if decoded.contains('\\') {
        return Err(PathError::Backslash);
    }
    if decoded.split('/').any(|segment| segment == "..") {
        return Err(PathError::ParentSegment);
    }
    Ok(decoded)
}

fn percent_decode(text: &str) -> Result<Vec<u8>, PathError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        if byte == b'%' {
            let high = bytes.get(index + 1).and_then(|&b| hex_value(b)).ok_or(PathError::BadEscape)?;
            let low = bytes.get(index + 2).and_then(|&b| hex_value(b)).ok_or(PathError::BadEscape)?;
            out.push((high << 4) | low);
            index += 3;
        } else {
            out.push(byte);
            index += 1;
        }
    }
    Ok(out)
}

fn hex_value(byte: u8) -> Option<u8> {
    char::from(byte).to_digit(16).and_then(|digit| u8::try_from(digit).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths() {
        assert_eq!(site_key("/"), Ok(String::new()));
        assert_eq!(site_key("/index.html"), Ok("index.html".to_owned()));
        assert_eq!(site_key("/snippets/a-b/inline0.js"), Ok("snippets/a-b/inline0.js".to_owned()));
    }

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(site_key("/a%20b.txt"), Ok("a b.txt".to_owned()));
        assert_eq!(site_key("/%C3%A9.txt"), Ok("é.txt".to_owned()));
        assert_eq!(site_key("/%e2%82%ac"), Ok("€".to_owned()));
    }

    #[test]
    fn parent_segments_are_refused_however_spelled() {
        for path in ["/../Cargo.toml", "/%2e%2e/%2e%2e/etc/passwd", "/..%2fCargo.toml", "/a/..", "/a/%2E%2E/b", "/.."] {
            assert_eq!(site_key(path), Err(PathError::ParentSegment), "{path}");
        }
    }

    #[test]
    fn dots_inside_names_are_fine() {
        assert_eq!(site_key("/a..b"), Ok("a..b".to_owned()));
        assert_eq!(site_key("/.well-known/x"), Ok(".well-known/x".to_owned()));
    }

    #[test]
    fn backslashes_are_refused() {
        assert_eq!(site_key("/static/..\\..\\x"), Err(PathError::Backslash));
        assert_eq!(site_key("/a%5cb"), Err(PathError::Backslash));
    }

    #[test]
    fn control_characters_are_refused() {
        assert_eq!(site_key("/index.html%00.js"), Err(PathError::ControlCharacter));
        assert_eq!(site_key("/a%0ab"), Err(PathError::ControlCharacter));
        assert_eq!(site_key("/a%7f"), Err(PathError::ControlCharacter));
        assert_eq!(site_key("/a%c2%85"), Err(PathError::ControlCharacter));
    }

    #[test]
    fn malformed_escapes_are_refused() {
        assert_eq!(site_key("/a%2"), Err(PathError::BadEscape));
        assert_eq!(site_key("/a%zz"), Err(PathError::BadEscape));
        assert_eq!(site_key("/%ff"), Err(PathError::BadEscape));
    }

    #[test]
    fn relative_targets_are_refused() {
        assert_eq!(site_key("*"), Err(PathError::NotAbsolute));
        assert_eq!(site_key(""), Err(PathError::NotAbsolute));
    }
}
