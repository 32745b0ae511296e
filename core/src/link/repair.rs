//! Repairs to one link: Markdown escapes, HTML entities and the damage of entities decoded where they should not
//! have been, and the punctuation auto-linkers glue to a link's end.
//!
//! Each repair reports itself, so the analysis can name every step it took.

use super::text::html_unescape;

/// What a repair did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Repair {
    /// `\&`, `\_` and other Markdown escapes were removed.
    MarkdownEscapes,
    /// HTML character references such as `&amp;` were decoded.
    HtmlEntities,
    /// A parameter name eaten by an HTML renderer (`×tamp=` for `&timestamp=`) or a half-decoded `#038;` was
    /// restored.
    EntityDamage,
    /// Sentence punctuation or an unbalanced bracket was cut from the end.
    Trimmed,
    /// The link ended in an ellipsis: it was shortened for display, and the rest is lost.
    Ellipsis,
    /// Zero-width spaces, joiners, byte-order marks or soft hyphens inside the link were removed.
    Invisible,
}

/// Legacy HTML entities that browsers decode even without a semicolon, so `&times` in `&timestamp=` renders as
/// `×tamp=` when a link's `&` was not escaped (https://github.com/metabrainz/metabrainz.org/pull/625). The list is
/// the part of the HTML standard's no-semicolon entities that begin common parameter names.
const EATEN_ENTITIES: [(char, &str); 26] = [
    ('×', "times"),
    ('©', "copy"),
    ('®', "reg"),
    ('¶', "para"),
    ('¬', "not"),
    ('§', "sect"),
    ('¤', "curren"),
    ('¢', "cent"),
    ('£', "pound"),
    ('¥', "yen"),
    ('°', "deg"),
    ('µ', "micro"),
    ('¯', "macr"),
    ('¨', "uml"),
    ('ª', "ordf"),
    ('º', "ordm"),
    ('±', "plusmn"),
    ('÷', "divide"),
    ('«', "laquo"),
    ('»', "raquo"),
    ('·', "middot"),
    ('¡', "iexcl"),
    ('¦', "brvbar"),
    ('´', "acute"),
    ('¸', "cedil"),
    ('ð', "eth"),
];

/// Applies every repair to a link as found in the paste.
pub(crate) fn repair_found(link: &str, repairs: &mut Vec<Repair>) -> String {
    let mut link = remove_markdown_escapes(link, repairs);
    let mut decoded = html_unescape(&link);
    // HTML that was escaped twice (`&amp;amp;`) needs a second pass; a third is never legitimate.
    if decoded != link {
        repairs.push(Repair::HtmlEntities);
        if decoded.contains("&amp;") {
            decoded = html_unescape(&decoded);
        }
        link = decoded;
    }
    let link = restore_eaten_entities(&link, repairs);
    // After the references are decoded: `&#8203;` is one too.
    let link = remove_invisible(&link, repairs);
    trim_end(&link, repairs, PASTED_PUNCTUATION)
}

/// The repairs that also apply to a target recovered from a wrapper: entity damage, and the end an auto-linker
/// glued on before the gateway wrapped the link (`…la-licence).`). Less is cut than from pasted text: a wrapper
/// holds exactly what the sender's mail held.
pub(crate) fn repair_target(link: &str, repairs: &mut Vec<Repair>) -> String {
    let link = restore_eaten_entities(link, repairs);
    trim_end(&link, repairs, INNER_PUNCTUATION)
}

/// Cut from the end of a link found in pasted text.
const PASTED_PUNCTUATION: &[char] = &['.', ',', ';', ':', '!', '?', '\'', '"', '>', '’', '”', '»'];
/// Cut from the end of a link recovered from a wrapper.
const INNER_PUNCTUATION: &[char] = &['.', ',', ';', '\'', '"', '>'];

/// Whether `c` is a character with no width that renderers put into long words to let them break (U+200B zero-width
/// space, U+00AD soft hyphen, U+2060 word joiner) or that a copy brings along (U+FEFF byte order mark): none belongs
/// in a link, and a browser would percent-encode it into the token.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Whether `c` is a zero-width joiner or non-joiner: part of the spelling in Persian and Indic words and of emoji,
/// which a link's path may hold, but stray between two ASCII characters.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Removes [invisible](is_invisible) characters from inside the link, and joiners between ASCII characters
/// (robustness review, 2026-11-27: a zero-width space in the token read as a damaged token, and "copy the link
/// again" copies it again).
fn remove_invisible(link: &str, repairs: &mut Vec<Repair>) -> String {
    let chars: Vec<char> = link.chars().collect();
    let stray = |i: usize| {
        let c = chars[i];
        is_invisible(c)
            || (is_joiner(c)
                && i.checked_sub(1).and_then(|p| chars.get(p)).is_some_and(char::is_ascii)
                && chars.get(i + 1).is_some_and(char::is_ascii))
    };
    if !(0..chars.len()).any(stray) {
        return link.to_owned();
    }
    repairs.push(Repair::Invisible);
    (0..chars.len()).filter(|&i| !stray(i)).map(|i| chars[i]).collect()
}

fn remove_markdown_escapes(link: &str, repairs: &mut Vec<Repair>) -> String {
    if !link.contains('\\') {
        return link.to_owned();
    }
    let mut out = String::with_capacity(link.len());
    let mut chars = link.chars().peekable();
    let mut changed = false;
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            changed = true;
            continue;
        }
        out.push(c);
    }
    if changed {
        repairs.push(Repair::MarkdownEscapes);
    }
    out
}

fn restore_eaten_entities(link: &str, repairs: &mut Vec<Repair>) -> String {
    let Some(query_start) = link.find('?') else { return link.to_owned() };
    let (head, query) = link.split_at(query_start);
    let mut out = String::with_capacity(link.len() + 8);
    out.push_str(head);
    let mut changed = false;
    // A `&#038;` whose `&` was already consumed leaves `#038;`, which starts a fragment and loses the rest.
    let query = if query.contains("#038;") {
        changed = true;
        query.replace("#038;", "&")
    } else {
        query.to_owned()
    };
    let mut prev: Option<char> = None;
    let mut rest = query.as_str();
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        let eaten = EATEN_ENTITIES.iter().find(|(e, _)| *e == c).map(|(_, name)| *name);
        match eaten {
            Some(name) if prev.is_some_and(|p| p != '&' && p != '?') && looks_like_param_rest(after) => {
                out.push('&');
                out.push_str(name);
                changed = true;
            }
            _ => out.push(c),
        }
        prev = Some(c);
        rest = after;
    }
    if changed {
        repairs.push(Repair::EntityDamage);
    }
    out
}

/// After the eaten `&name`, the rest of a parameter name and its `=`.
fn looks_like_param_rest(after: &str) -> bool {
    let name_len =
        after.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))).unwrap_or(after.len());
    after[name_len..].starts_with('=')
}

/// Cuts what auto-linkers and sentences leave at a link's end: `.`, `,`, `;`, `:`, `!`, `?`, quotes, a `>`, and a
/// closing bracket without its opening one. `$` (Proofpoint v3), `#` (Auth0 tickets), `=` and `/` stay.
fn trim_end(link: &str, repairs: &mut Vec<Repair>, punctuation: &[char]) -> String {
    let mut end = link.len();
    for ellipsis in ["…", "..."] {
        if link[..end].ends_with(ellipsis) {
            end -= ellipsis.len();
            repairs.push(Repair::Ellipsis);
            break;
        }
    }
    let start_end = end;
    // Bracket counts of what is left, kept up to date as characters are cut, so trimming stays linear.
    let count = |c: char| link[..end].chars().filter(|x| *x == c).count();
    let open = [count('('), count('['), count('{')];
    let mut close = [count(')'), count(']'), count('}')];
    while let Some(c) = link[..end].chars().next_back() {
        let cut = match c {
            c if punctuation.contains(&c) => true,
            ')' | ']' | '}' => {
                let kind = ")]}".find(c).unwrap_or(0);
                if close[kind] > open[kind] {
                    close[kind] -= 1;
                    true
                } else {
                    false
                }
            }
            _ => false,
        };
        if !cut {
            break;
        }
        end -= c.len_utf8();
    }
    if end < start_end {
        repairs.push(Repair::Trimmed);
    }
    link[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    fn check(link: &str, expect: Expect) {
        let mut repairs = Vec::new();
        let out = repair_found(link, &mut repairs);
        expect.assert_eq(&format!("{out} {repairs:?}"));
    }

    #[test]
    fn times_entity_damage() {
        check(
            "https://metabrainz.org/reset?user=7×tamp=1712000000&sig=ab",
            expect![[r#"https://metabrainz.org/reset?user=7&timestamp=1712000000&sig=ab [EntityDamage]"#]],
        );
    }

    #[test]
    fn region_and_section_damage() {
        check(
            "https://x.test/p?a=1®ion=eu§ion=2",
            expect![[r#"https://x.test/p?a=1&region=eu&section=2 [EntityDamage]"#]],
        );
    }

    #[test]
    fn half_decoded_ampersand() {
        check(
            "https://x.test/wp-login.php?action=rp#038;key=abc#038;login=bob",
            expect![[r#"https://x.test/wp-login.php?action=rp&key=abc&login=bob [EntityDamage]"#]],
        );
    }

    #[test]
    fn a_real_multiplication_sign_in_a_value_stays() {
        check("https://x.test/s?q=2×3", expect![[r#"https://x.test/s?q=2×3 []"#]]);
    }

    #[test]
    fn markdown_escapes_and_entities() {
        check(
            r"https://x.test/?url=a\&data=b\_c&amp;d=1",
            expect![[r#"https://x.test/?url=a&data=b_c&d=1 [MarkdownEscapes, HtmlEntities]"#]],
        );
    }

    #[test]
    fn trailing_punctuation_and_brackets() {
        check("https://x.test/la-licence).", expect![[r#"https://x.test/la-licence [Trimmed]"#]]);
        check("https://x.test/wiki/A_(b)", expect![[r#"https://x.test/wiki/A_(b) []"#]]);
        check("https://urldefense.com/v3/__x__;!!a$", expect![[r#"https://urldefense.com/v3/__x__;!!a$ []"#]]);
        check("https://t.auth0.com/lo/reset?ticket=abc#", expect![[r#"https://t.auth0.com/lo/reset?ticket=abc# []"#]]);
    }

    #[test]
    fn ellipsis_means_truncated() {
        check("https://x.test/reset?token=abc…", expect![[r#"https://x.test/reset?token=abc [Ellipsis]"#]]);
    }
}
