//! The optional e-mail address lint: typing and pasting mistakes in the address the user says they signed up with.
//!
//! The address is checked in the browser and then dropped: it is never sent,
//! never stored and never part of the diagnostic code. Only the *kinds* of
//! problem reach the report, and the one param, `suggestion`, is always a
//! word from [`COMMON_DOMAINS`], never text the user typed ([`Finding`]
//! holds only `&'static str`, so it cannot carry the address by accident).
//!
//! How the text is read, in order:
//!
//! 1. Unicode whitespace at either end is `email.surrounding_space`.
//! 2. Invisible characters inside (zero-width, soft hyphen, bidi controls,
//!    C0/C1 controls, non-ASCII spaces such as NBSP) are
//!    `email.invisible_character`, and are then dropped, so one pasted
//!    character gives one finding rather than also making the address look
//!    malformed.
//! 3. Full-width forms typed with an East Asian input method (`ｊｏｈｎ＠ｇｍａｉｌ．ｃｏｍ`,
//!    `gmail。com`) are `email.mixed_script`, not `email.malformed`: the
//!    letters look right but are not the ASCII ones, which is exactly the
//!    look-alike problem, and the advice ("type it again with your usual
//!    keyboard") is the fix. They are then folded to ASCII for the rest.
//! 4. What remains is split at the last `@` outside double quotes and
//!    checked for script mixing, an international domain, a misspelled
//!    common domain and a plausible shape.
//!
//! Findings come in registry order. The lint never panics and never fails:
//! anything it cannot read is a finding, not an error.

use crate::report::{CheckId, CheckResult, Finding, Param};

/// Common mailbox domains: the vocabulary of the `suggestion` param.
///
/// Taken from mailcheck.js's "List of Popular Domains"
/// (<https://github.com/mailcheck/mailcheck/wiki/List-of-Popular-Domains>),
/// narrowed to the large consumer providers plus the European ones that
/// list names (GMX, WEB.DE, T-Online, Orange, La Poste, Proton, Yandex,
/// Mail.Ru) and mailbox.org. Roughly by popularity: on a tie, the earlier
/// one is suggested.
pub const COMMON_DOMAINS: [&str; 31] = [
    "gmail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "icloud.com",
    "aol.com",
    "live.com",
    "msn.com",
    "googlemail.com",
    "me.com",
    "mac.com",
    "ymail.com",
    "mail.com",
    "comcast.net",
    "hotmail.co.uk",
    "yahoo.co.uk",
    "btinternet.com",
    "gmx.de",
    "gmx.net",
    "gmx.com",
    "web.de",
    "t-online.de",
    "mailbox.org",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "proton.me",
    "protonmail.com",
    "yandex.ru",
    "mail.ru",
    "qq.com",
];

/// Real mail domains within a typo's reach of a common one, from the same
/// mailcheck list: never flagged, never suggested.
const REAL_NEIGHBOURS: [&str; 3] = ["email.com", "love.com", "online.de"];

/// Endings typed for `.com`, `.net` and `.org`. A fixed ending only counts
/// when the result is (close to) a common domain, so `company.co` passes.
const TLD_TYPOS: [(&str, &str); 15] = [
    ("con", "com"),
    ("cm", "com"),
    ("co", "com"),
    ("om", "com"),
    ("ocm", "com"),
    ("cmo", "com"),
    ("comm", "com"),
    ("cpm", "com"),
    ("xom", "com"),
    ("vom", "com"),
    ("nte", "net"),
    ("ner", "net"),
    ("nett", "net"),
    ("ogr", "org"),
    ("orgg", "org"),
];

/// Cyrillic and Greek letters that look like Latin ones, with the letter
/// they pass for; sorted by code point for binary search. Deliberately
/// small: the letters that fool a reader, not Unicode's confusables file.
const LOOKALIKES: [(char, char); 59] = [
    ('\u{0261}', 'g'), // ɡ, IPA: Latin, but not the ASCII g
    ('\u{0391}', 'a'), // Α
    ('\u{0392}', 'b'), // Β
    ('\u{0395}', 'e'), // Ε
    ('\u{0396}', 'z'), // Ζ
    ('\u{0397}', 'h'), // Η
    ('\u{0399}', 'i'), // Ι
    ('\u{039A}', 'k'), // Κ
    ('\u{039C}', 'm'), // Μ
    ('\u{039D}', 'n'), // Ν
    ('\u{039F}', 'o'), // Ο
    ('\u{03A1}', 'p'), // Ρ
    ('\u{03A4}', 't'), // Τ
    ('\u{03A5}', 'y'), // Υ
    ('\u{03A7}', 'x'), // Χ
    ('\u{03B1}', 'a'), // α
    ('\u{03B9}', 'i'), // ι
    ('\u{03BA}', 'k'), // κ
    ('\u{03BD}', 'v'), // ν
    ('\u{03BF}', 'o'), // ο
    ('\u{03C1}', 'p'), // ρ
    ('\u{03C5}', 'u'), // υ
    ('\u{03C7}', 'x'), // χ
    ('\u{0405}', 's'), // Ѕ
    ('\u{0406}', 'i'), // І
    ('\u{0408}', 'j'), // Ј
    ('\u{0410}', 'a'), // А
    ('\u{0412}', 'b'), // В
    ('\u{0415}', 'e'), // Е
    ('\u{041A}', 'k'), // К
    ('\u{041C}', 'm'), // М
    ('\u{041D}', 'h'), // Н
    ('\u{041E}', 'o'), // О
    ('\u{0420}', 'p'), // Р
    ('\u{0421}', 'c'), // С
    ('\u{0422}', 't'), // Т
    ('\u{0423}', 'y'), // У
    ('\u{0425}', 'x'), // Х
    ('\u{0430}', 'a'), // а
    ('\u{0435}', 'e'), // е
    ('\u{043E}', 'o'), // о
    ('\u{0440}', 'p'), // р
    ('\u{0441}', 'c'), // с
    ('\u{0443}', 'y'), // у
    ('\u{0445}', 'x'), // х
    ('\u{0455}', 's'), // ѕ
    ('\u{0456}', 'i'), // і
    ('\u{0458}', 'j'), // ј
    ('\u{04AE}', 'y'), // Ү
    ('\u{04AF}', 'y'), // ү
    ('\u{04BA}', 'h'), // Һ
    ('\u{04BB}', 'h'), // һ
    ('\u{04C0}', 'l'), // Ӏ
    ('\u{04CF}', 'l'), // ӏ
    ('\u{0501}', 'd'), // ԁ
    ('\u{051A}', 'q'), // Ԛ
    ('\u{051B}', 'q'), // ԛ
    ('\u{051C}', 'w'), // Ԝ
    ('\u{051D}', 'w'), // ԝ
];

/// The longest address mail can be sent to: RFC 5321 caps a path at 256
/// octets, angle brackets included (RFC 3696, erratum 1690).
const MAX_LENGTH: usize = 254;

/// Runs the lint on what the user typed and wraps the findings as the
/// e-mail check's result. Empty or whitespace-only input passes.
///
/// ```
/// use resetcheck_core::email::analyze;
/// use resetcheck_core::report::Status;
/// assert_eq!(analyze("jane.doe@gmail.com").status, Status::Pass);
/// assert_eq!(analyze("jane.doe@gmail.com\u{200B}").status, Status::Fail);
/// ```
pub fn analyze(address: &str) -> CheckResult {
    CheckResult::new(CheckId::Email, lint(address))
}

/// For a well-typed address, the kind of mailbox it is ([`mailbox`]): the
/// page tells the user where such a mailbox files a reset e-mail that
/// doesn't seem to arrive. `None` when the address has a problem to fix
/// first, or nothing was typed. A tip for the page only: it is not a
/// finding, so neither the report nor the code says which mailbox it is.
///
/// ```
/// use resetcheck_core::email::where_to_look;
/// assert_eq!(where_to_look("jane.doe@gmail.com"), Some("gmail"));
/// assert_eq!(where_to_look("jane.doe@gmial.com"), None);
/// ```
pub fn where_to_look(address: &str) -> Option<&'static str> {
    lint_and_look(address).1
}

/// [`lint`] and [`where_to_look`] from one reading of the address.
pub(crate) fn lint_and_look(address: &str) -> (Vec<Finding>, Option<&'static str>) {
    let (findings, domain) = read(address);
    let look = domain.filter(|_| !findings.iter().any(crate::advice::is_problem)).map(|d| mailbox(&d));
    (findings, look)
}

/// The problems with a typed e-mail address, in registry order.
///
/// ```
/// use resetcheck_core::email::lint;
/// use resetcheck_core::report::Param;
/// let findings = lint(" jane.doe@gmial.com");
/// assert_eq!(findings[0].id, "email.surrounding_space");
/// assert_eq!(findings[1].id, "email.domain_typo");
/// assert_eq!(findings[1].params["suggestion"], Param::Word("gmail.com"));
/// ```
pub fn lint(address: &str) -> Vec<Finding> {
    read(address).0
}

/// The lint's findings, and the address's domain in ASCII lower case
/// (`None` for empty input).
fn read(address: &str) -> (Vec<Finding>, Option<String>) {
    let trimmed = address.trim();
    let mut invisible = false;
    let mut full_width = false;
    let mut text = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        if is_invisible(c) {
            invisible = true;
        } else if let Some(ascii) = full_width_to_ascii(c) {
            full_width = true;
            text.push(ascii);
        } else {
            text.push(c);
        }
    }
    // Dropping a leading zero-width character can expose a space behind it.
    let visible = text.trim();
    if visible.is_empty() {
        return (Vec::new(), None);
    }
    let surrounding_space = trimmed.len() != address.len() || visible.len() != text.len();

    let (local, domain, at_signs) = split_address(visible);
    let domain_lower = domain.to_ascii_lowercase();
    let domain_mixed = domain_lower.split('.').any(|label| mixes_scripts(label) || is_all_lookalikes(label));
    let mixed_script = full_width || mixes_scripts(local) || domain_mixed;
    // A look-alike domain is non-ASCII too, but "that is fine if it is
    // really your address" would contradict the mixed-script warning.
    let idn = !domain_mixed && (!domain.is_ascii() || domain_lower.split('.').any(|label| label.starts_with("xn--")));
    let suggestion = if domain.is_empty() { None } else { domain_typo(&domain_lower) };
    // A suggested domain already says what is wrong with the domain.
    let malformed = shape_problems(visible, local, domain, at_signs)
        .iter()
        .any(|problem| !(suggestion.is_some() && problem.is_in_domain()));

    let mut findings = Vec::new();
    let mut flag = |on: bool, id: &'static str| {
        if on {
            findings.push(Finding::new(id));
        }
    };
    flag(surrounding_space, "email.surrounding_space");
    flag(invisible, "email.invisible_character");
    flag(mixed_script, "email.mixed_script");
    flag(idn, "email.idn_domain");
    if let Some(common) = suggestion {
        findings.push(Finding::new("email.domain_typo").with("suggestion", Param::Word(common)));
    }
    if malformed {
        findings.push(Finding::new("email.malformed"));
    }
    (findings, Some(domain_lower))
}

/// Every word [`mailbox`] can give.
pub const MAILBOXES: [&str; 6] = ["gmail", "outlook", "yahoo", "icloud", "apple_relay", "other"];

/// The kind of mailbox a domain belongs to, by where it files mail it
/// doubts: the big consumer services by name, `other` for the rest (work
/// and school addresses among them). An iCloud+ Hide My Email address is
/// an `icloud.com` one: its tip says where such mail goes on to.
///
/// ```
/// use resetcheck_core::email::mailbox;
/// assert_eq!(mailbox("googlemail.com"), "gmail");
/// assert_eq!(mailbox("hotmail.co.uk"), "outlook");
/// assert_eq!(mailbox("privaterelay.appleid.com"), "apple_relay");
/// assert_eq!(mailbox("example.org"), "other");
/// ```
pub fn mailbox(domain: &str) -> &'static str {
    let domain = domain.trim_end_matches('.');
    let first = domain.split('.').next().unwrap_or("");
    let short = domain.split('.').count() <= 3;
    match domain {
        "gmail.com" | "googlemail.com" => "gmail",
        "msn.com" => "outlook",
        "ymail.com" | "rocketmail.com" => "yahoo",
        "icloud.com" | "me.com" | "mac.com" => "icloud",
        "privaterelay.appleid.com" => "apple_relay",
        // outlook.de, hotmail.fr, live.co.uk, yahoo.co.jp…: the service's
        // name and one or two labels of country or `com`.
        _ if short && matches!(first, "outlook" | "hotmail" | "live") => "outlook",
        _ if short && first == "yahoo" => "yahoo",
        _ => "other",
    }
}

/// Characters a reader cannot see, or sees as an ordinary space: zero-width
/// ones, the soft hyphen, bidi controls, invisible operators, controls, and
/// every non-ASCII space (NBSP, U+2000–U+200A, U+202F, U+205F, U+3000, …).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    ) || (c.is_control() && !c.is_ascii_whitespace())
        || (c.is_whitespace() && !c.is_ascii())
}

/// The ASCII character a full-width form (or the ideographic full stop an
/// IME types for `.`) stands for.
fn full_width_to_ascii(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0),
        '\u{3002}' | '\u{FF61}' => Some('.'),
        _ => None,
    }
}

/// Splits at the last `@` outside double quotes, and counts those `@`s.
/// Without one, everything is the local part and the domain is empty.
fn split_address(text: &str) -> (&str, &str, usize) {
    let mut in_quotes = false;
    let mut escaped = false;
    let mut last_at = None;
    let mut at_signs = 0;
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if in_quotes && c == '\\' {
            escaped = true;
        } else if c == '"' {
            in_quotes = !in_quotes;
        } else if c == '@' && !in_quotes {
            at_signs += 1;
            last_at = Some(i);
        }
    }
    match last_at {
        Some(i) => (&text[..i], &text[i + 1..], at_signs),
        None => (text, "", 0),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
}

/// The script of a letter, by hand-coded block ranges rather than Unicode's
/// Script property, whose tables would not fit the wasm size budget. Other
/// scripts, digits and punctuation have none: they cannot pass for Latin.
fn script(c: char) -> Option<Script> {
    match c {
        'a'..='z' | 'A'..='Z' => Some(Script::Latin),
        '\u{00D7}' | '\u{00F7}' => None,
        // Latin-1 letters, Extended-A and -B, IPA, Extended Additional (Vietnamese).
        '\u{00C0}'..='\u{02AF}' | '\u{1E00}'..='\u{1EFF}' => Some(Script::Latin),
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Some(Script::Greek),
        '\u{0400}'..='\u{052F}' => Some(Script::Cyrillic),
        _ => None,
    }
}

/// Whether letters of more than one of Latin, Greek and Cyrillic occur.
fn mixes_scripts(segment: &str) -> bool {
    let mut first = None;
    for found in segment.chars().filter_map(script) {
        match first {
            None => first = Some(found),
            Some(seen) if seen != found => return true,
            Some(_) => {}
        }
    }
    false
}

/// The Latin letter `c` passes for, if it is a known look-alike.
fn lookalike(c: char) -> Option<char> {
    LOOKALIKES.binary_search_by_key(&c, |&(from, _)| from).ok().map(|i| LOOKALIKES[i].1)
}

/// Whether a label spells a Latin word in Cyrillic or Greek look-alikes
/// only, like `аррӏе`: a whole-label homograph, which no script mixing
/// reveals. Labels with a letter that doesn't pass for Latin (`почта`) are
/// ordinary Cyrillic or Greek.
fn is_all_lookalikes(label: &str) -> bool {
    let mut letters = label.chars().filter(|&c| script(c).is_some()).peekable();
    letters.peek().is_some()
        && letters.all(|c| matches!(script(c), Some(Script::Greek | Script::Cyrillic)) && lookalike(c).is_some())
}

/// The common domain the (lowercased) domain is probably a misspelling of.
///
/// Look-alike letters count as the Latin ones they pass for, so `gmаil.com`
/// with a Cyrillic `а` suggests gmail.com. A domain matches a common one
/// when it is within edit distance 1 of it (2 for common domains of ten or
/// more characters, if the ending is the same), after fixing a typed
/// ending such as `.con`, or with its dots dropped (`gmailcom`, `gmail`).
/// Common domains under eight characters (me.com, web.de) only match
/// through a fixed ending or a dropped dot: one edit from them reaches real
/// domains (ms.com, ge.com, mi.com).
fn domain_typo(domain: &str) -> Option<&'static str> {
    if COMMON_DOMAINS.contains(&domain) || REAL_NEIGHBOURS.contains(&domain) {
        return None;
    }
    let skeleton: String = domain.chars().map(|c| lookalike(c).unwrap_or(c)).collect();
    if REAL_NEIGHBOURS.contains(&skeleton.as_str()) {
        return None;
    }
    let fixed_ending = skeleton.rsplit_once('.').and_then(|(rest, ending)| {
        let (_, right) = TLD_TYPOS.iter().find(|(typo, _)| *typo == ending)?;
        Some(format!("{rest}.{right}"))
    });
    let mut best: Option<(usize, &'static str)> = None;
    for candidate in std::iter::once(skeleton.as_str()).chain(fixed_ending.as_deref()) {
        let typed: Vec<char> = candidate.chars().collect();
        for common in COMMON_DOMAINS {
            let limit = if candidate == common { 0 } else { typo_limit(candidate, common) };
            let target: Vec<char> = common.chars().collect();
            if let Some(distance) = edit_distance_within(&typed, &target, limit) {
                if best.is_none_or(|(shortest, _)| distance < shortest) {
                    best = Some((distance, common));
                }
            }
        }
    }
    best.map(|(_, common)| common).or_else(|| without_dots(&skeleton))
}

/// How many edits from `common` still count as a typo of it.
fn typo_limit(typed: &str, common: &'static str) -> usize {
    let same_ending = typed.rsplit('.').next() == common.rsplit('.').next();
    match common.len() {
        // Two edits in the ending reach real country domains: protonmail.ch, hotmail.cl.
        10.. if same_ending => 2,
        8.. => 1,
        _ => 0,
    }
}

/// The common domain a dotless domain spells without its dots (`gmailcom`)
/// or without its ending (`gmail`).
fn without_dots(domain: &str) -> Option<&'static str> {
    if domain.contains('.') {
        return None;
    }
    COMMON_DOMAINS.into_iter().find(|common| {
        common.chars().filter(|&c| c != '.').eq(domain.chars()) || common.split('.').next() == Some(domain)
    })
}

/// The optimal-string-alignment distance (Levenshtein, plus a swap of two
/// neighbours as one edit), if it is at most `limit`.
pub(crate) fn edit_distance_within(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    // Three rows of the dynamic-programming table: i-2, i-1 and i.
    let mut before_previous = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, &ac) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, &bc) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ac != bc);
            let mut best = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && ac == b[j - 1] && a[i - 1] == bc {
                best = best.min(before_previous[j - 1] + 1);
            }
            current[j + 1] = best;
        }
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= limit).then_some(distance)
}

/// Why an address is not plausible. Deliberately far simpler than RFC 5322:
/// it catches what people mistype, and accepts a quoted local part as is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ShapeProblem {
    TooLong,
    NoAtSign,
    SeveralAtSigns,
    EmptyLocalPart,
    LocalPartDots,
    LocalPartSpace,
    EmptyDomain,
    DomainWithoutDot,
    DomainDots,
    DomainSpace,
    /// Characters no address has outside quotes, before the @: `mailto:`
    /// or a `<` copied along (robustness review, 2026-11-27: read as "no
    /// common mistakes").
    LocalPartStray,
    /// The same after the @: a `>`, a `?`, an unclosed `[`, or a comma for
    /// a dot (`gmail,com`, which a domain suggestion already covers).
    DomainStray,
}

impl ShapeProblem {
    fn is_in_domain(self) -> bool {
        matches!(self, Self::DomainWithoutDot | Self::DomainDots | Self::DomainSpace | Self::DomainStray)
    }
}

fn shape_problems(text: &str, local: &str, domain: &str, at_signs: usize) -> Vec<ShapeProblem> {
    let has_space = |part: &str| part.chars().any(char::is_whitespace);
    let bad_dots = |part: &str| part.starts_with('.') || part.ends_with('.') || part.contains("..");
    let quoted = local.len() >= 2 && local.starts_with('"') && local.ends_with('"');
    let mut problems = Vec::new();
    let mut add = |on: bool, problem| {
        if on {
            problems.push(problem);
        }
    };
    add(text.len() > MAX_LENGTH, ShapeProblem::TooLong);
    add(at_signs == 0, ShapeProblem::NoAtSign);
    add(at_signs > 1, ShapeProblem::SeveralAtSigns);
    if at_signs == 0 {
        return problems;
    }
    add(local.is_empty(), ShapeProblem::EmptyLocalPart);
    add(!quoted && bad_dots(local), ShapeProblem::LocalPartDots);
    add(!quoted && has_space(local), ShapeProblem::LocalPartSpace);
    add(domain.is_empty(), ShapeProblem::EmptyDomain);
    add(!domain.is_empty() && !domain.contains('.'), ShapeProblem::DomainWithoutDot);
    add(domain.contains('.') && bad_dots(domain), ShapeProblem::DomainDots);
    add(has_space(domain), ShapeProblem::DomainSpace);
    // RFC 5322's specials outside quotes, and in a domain anything but a
    // label's letters, digits and hyphens or a whole `[…]` literal.
    let stray_in_local = !quoted && local.chars().any(|c| "<>()[]\\,;:\"".contains(c));
    let literal = domain.starts_with('[') && domain.ends_with(']');
    let stray_in_domain = !literal
        && domain
            .chars()
            .any(|c| c.is_ascii() && !(c.is_ascii_alphanumeric() || "-.".contains(c) || c.is_whitespace()));
    add(stray_in_local, ShapeProblem::LocalPartStray);
    add(stray_in_domain, ShapeProblem::DomainStray);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry;
    use crate::report::Status;
    use expect_test::{expect, Expect};

    /// One line per finding, `id` or `id key=value`; `none` for none.
    fn show(findings: &[Finding]) -> String {
        if findings.is_empty() {
            return "none".to_owned();
        }
        let lines: Vec<String> = findings
            .iter()
            .map(|f| {
                let params = f.params.iter().map(|(k, v)| format!(" {k}={}", v.to_text()));
                format!("{}{}", f.id, params.collect::<String>())
            })
            .collect();
        lines.join("\n")
    }

    fn check(address: &str, expect: Expect) {
        expect.assert_eq(&show(&lint(address)));
    }

    /// One line per input: the input (escaped) and what the lint says.
    fn check_table(addresses: &[&str], expect: Expect) {
        let lines: Vec<String> =
            addresses.iter().map(|a| format!("{a:?} -> {}", show(&lint(a)).replace('\n', ", "))).collect();
        expect.assert_eq(&lines.join("\n"));
    }

    fn check_shape(address: &str, expect: Expect) {
        let (local, domain, at_signs) = split_address(address);
        expect.assert_eq(&format!("{:?}", shape_problems(address, local, domain, at_signs)));
    }

    /// Real-world-looking inputs for the properties every input must keep.
    const CORPUS: &[&str] = &[
        "",
        "   ",
        "jane.doe@gmail.com",
        " jane.doe@gmail.com ",
        "jane.doe@gmial.com\u{200B}",
        "jаne@gmаil.con",
        "ｊａｎｅ＠ｇｍａｉｌ．ｃｏｍ",
        "jane@müller.de",
        "jane@xn--mller-kva.de",
        "jane@@gmail.com",
        "jane@gmailcom",
        "jane@аррӏе.com",
        "\"jane doe\"@example.org",
        "jane..doe@example..org.",
        "@",
        "\u{0}@\u{0}",
        "👨\u{200D}👩\u{200D}👧@🍕.com",
        "משתמש@דוגמה.קום",
    ];

    #[test]
    fn characters_no_address_has_are_malformed() {
        check_table(
            &[
                "mailto:john@gmail.com",
                "<john@gmail.com>",
                "john@gmail.com?x",
                "john:doe@gmail.com",
                "user@[999.1.1.1",
                "john@gmail.com, jane@gmail.com",
                "\"john:doe\"@example.com",
                "user@[192.0.2.1]",
                "o'brien+reset@example.com",
                "jane@gmail,com",
            ],
            expect![[r#"
                "mailto:john@gmail.com" -> email.malformed
                "<john@gmail.com>" -> email.domain_typo suggestion=gmail.com, email.malformed
                "john@gmail.com?x" -> email.malformed
                "john:doe@gmail.com" -> email.malformed
                "user@[999.1.1.1" -> email.malformed
                "john@gmail.com, jane@gmail.com" -> email.malformed
                "\"john:doe\"@example.com" -> none
                "user@[192.0.2.1]" -> none
                "o'brien+reset@example.com" -> none
                "jane@gmail,com" -> email.domain_typo suggestion=gmail.com"#]],
        );
    }

    #[test]
    fn empty_input_gives_nothing() {
        check("", expect!["none"]);
        check(" \t\u{00A0}\u{3000}\n", expect!["none"]);
        // Only invisible characters: nothing typed that could be checked.
        check("\u{200B}\u{FEFF}", expect!["none"]);
    }

    #[test]
    fn common_addresses_pass() {
        check_table(
            &[
                "jane.doe@gmail.com",
                "Jane.Doe@GMAIL.COM",
                "j.doe+reset@outlook.com",
                "ops@example.org",
                "jane@company.com",
            ],
            expect![[r#"
                "jane.doe@gmail.com" -> none
                "Jane.Doe@GMAIL.COM" -> none
                "j.doe+reset@outlook.com" -> none
                "ops@example.org" -> none
                "jane@company.com" -> none"#]],
        );
    }

    #[test]
    fn unrelated_domains_pass() {
        check_table(
            &["jane@zzqvkbrt.net", "jane@example.co", "jane@company.co", "jane@google.com", "jane@mail.de"],
            expect![[r#"
                "jane@zzqvkbrt.net" -> none
                "jane@example.co" -> none
                "jane@company.co" -> none
                "jane@google.com" -> none
                "jane@mail.de" -> none"#]],
        );
    }

    #[test]
    fn real_neighbours_of_common_domains_pass() {
        check_table(
            &[
                "jane@protonmail.ch",
                "jane@hotmail.cl",
                "jane@yahoo.ca",
                "jane@live.ca",
                "jane@hotmail.de",
                "jane@yahoo.co.jp",
                "jane@email.com",
                "jane@online.de",
                "jane@ms.com",
                "jane@ge.com",
                "jane@gmx.at",
            ],
            expect![[r#"
                "jane@protonmail.ch" -> none
                "jane@hotmail.cl" -> none
                "jane@yahoo.ca" -> none
                "jane@live.ca" -> none
                "jane@hotmail.de" -> none
                "jane@yahoo.co.jp" -> none
                "jane@email.com" -> none
                "jane@online.de" -> none
                "jane@ms.com" -> none
                "jane@ge.com" -> none
                "jane@gmx.at" -> none"#]],
        );
    }

    #[test]
    fn quoted_local_part_is_plausible() {
        check(r#""jane doe"@example.org"#, expect!["none"]);
        check(r#""jane@home"@example.org"#, expect!["none"]);
    }

    #[test]
    fn surrounding_space() {
        check(" jane.doe@gmail.com", expect!["email.surrounding_space"]);
        check("jane.doe@gmail.com\t\n", expect!["email.surrounding_space"]);
        // A trailing NBSP is at the edge, so it is surrounding space; JS trim() drops it, many servers don't.
        check("jane.doe@gmail.com\u{00A0}", expect!["email.surrounding_space"]);
    }

    #[test]
    fn invisible_characters() {
        check_table(
            &[
                "jane.doe@gmail.com\u{200B}",
                "\u{FEFF}jane.doe@gmail.com",
                "jane.doe@exam\u{00AD}ple.org",
                "jane\u{00A0}doe@example.org",
                "jane.doe@\u{202E}moc.liamg",
                "jane.doe\u{0}@example.org",
            ],
            expect![[r#"
                "jane.doe@gmail.com\u{200b}" -> email.invisible_character
                "\u{feff}jane.doe@gmail.com" -> email.invisible_character
                "jane.doe@exam\u{ad}ple.org" -> email.invisible_character
                "jane\u{a0}doe@example.org" -> email.invisible_character
                "jane.doe@\u{202e}moc.liamg" -> email.invisible_character
                "jane.doe\0@example.org" -> email.invisible_character"#]],
        );
    }

    #[test]
    fn space_hidden_behind_an_invisible_character() {
        check(
            "\u{200B} jane.doe@gmail.com",
            expect![[r#"
            email.surrounding_space
            email.invisible_character"#]],
        );
    }

    #[test]
    fn invisible_character_and_typo_together() {
        check(
            "jane.doe@hotmial.com\u{200C}",
            expect![[r#"
            email.invisible_character
            email.domain_typo suggestion=hotmail.com"#]],
        );
    }

    #[test]
    fn cyrillic_letter_in_latin_domain() {
        // The Cyrillic а (U+0430) in gmail: mixed, and the typo check sees through it.
        check(
            "jane.doe@gm\u{0430}il.com",
            expect![[r#"
            email.mixed_script
            email.domain_typo suggestion=gmail.com"#]],
        );
    }

    #[test]
    fn greek_letter_in_latin_local_part() {
        check("j\u{03BF}hn.smith@example.org", expect!["email.mixed_script"]);
    }

    #[test]
    fn whole_label_of_lookalikes() {
        // аррӏе: Cyrillic а, р, р, ӏ, е spelling "apple", the classic homograph.
        check("jane@\u{0430}\u{0440}\u{0440}\u{04CF}\u{0435}.com", expect!["email.mixed_script"]);
    }

    #[test]
    fn genuine_cyrillic_and_greek_domains_are_only_noted() {
        check("почта@почта.рф", expect!["email.idn_domain"]);
        check("info@παράδειγμα.ελ", expect!["email.idn_domain"]);
    }

    #[test]
    fn accented_latin_is_not_mixed() {
        check("rené.müller@example.org", expect!["none"]);
    }

    #[test]
    fn full_width_input() {
        // A Japanese or Chinese IME left in full-width mode.
        check("ｊａｎｅ＠ｇｍａｉｌ．ｃｏｍ", expect!["email.mixed_script"]);
        check("taro@gmail。com", expect!["email.mixed_script"]);
    }

    #[test]
    fn international_domain() {
        check("jane@müller.de", expect!["email.idn_domain"]);
        check("jane@XN--mller-kva.de", expect!["email.idn_domain"]);
    }

    #[test]
    fn misspelled_common_domains() {
        check_table(
            &[
                "jane@gmial.com",
                "jane@gmai.com",
                "jane@outlok.com",
                "jane@hotmial.com",
                "jane@yaho.com",
                "jane@gmail.con",
                "jane@gmail.co",
                "jane@icloud.co",
                "jane@hmail.com",
                "jane@gogglemail.com",
            ],
            expect![[r#"
                "jane@gmial.com" -> email.domain_typo suggestion=gmail.com
                "jane@gmai.com" -> email.domain_typo suggestion=gmail.com
                "jane@outlok.com" -> email.domain_typo suggestion=outlook.com
                "jane@hotmial.com" -> email.domain_typo suggestion=hotmail.com
                "jane@yaho.com" -> email.domain_typo suggestion=yahoo.com
                "jane@gmail.con" -> email.domain_typo suggestion=gmail.com
                "jane@gmail.co" -> email.domain_typo suggestion=gmail.com
                "jane@icloud.co" -> email.domain_typo suggestion=icloud.com
                "jane@hmail.com" -> email.domain_typo suggestion=gmail.com
                "jane@gogglemail.com" -> email.domain_typo suggestion=googlemail.com"#]],
        );
    }

    #[test]
    fn mistyped_endings() {
        check_table(
            &["jane@gmail.ocm", "jane@gmail.cmo", "jane@gmx.nte", "jane@mailbox.ogr", "jane@me.con", "jane@gmial.con"],
            expect![[r#"
                "jane@gmail.ocm" -> email.domain_typo suggestion=gmail.com
                "jane@gmail.cmo" -> email.domain_typo suggestion=gmail.com
                "jane@gmx.nte" -> email.domain_typo suggestion=gmx.net
                "jane@mailbox.ogr" -> email.domain_typo suggestion=mailbox.org
                "jane@me.con" -> email.domain_typo suggestion=me.com
                "jane@gmial.con" -> email.domain_typo suggestion=gmail.com"#]],
        );
    }

    #[test]
    fn missing_or_doubled_dots() {
        // The suggestion explains the domain, so these are not also malformed.
        check_table(
            &["jane@gmailcom", "jane@aolcom", "jane@gmail", "jane@gmail.comm", "jane@gmail.com.", "jane@gmail..com"],
            expect![[r#"
                "jane@gmailcom" -> email.domain_typo suggestion=gmail.com
                "jane@aolcom" -> email.domain_typo suggestion=aol.com
                "jane@gmail" -> email.domain_typo suggestion=gmail.com
                "jane@gmail.comm" -> email.domain_typo suggestion=gmail.com
                "jane@gmail.com." -> email.domain_typo suggestion=gmail.com
                "jane@gmail..com" -> email.domain_typo suggestion=gmail.com"#]],
        );
    }

    #[test]
    fn short_common_domains_need_an_exact_fix() {
        check_table(
            &["jane@mw.com", "jane@wev.de", "jane@msm.com"],
            expect![[r#"
                "jane@mw.com" -> none
                "jane@wev.de" -> none
                "jane@msm.com" -> none"#]],
        );
    }

    #[test]
    fn malformed_addresses() {
        check_table(
            &[
                "jane.doe.gmail.com",
                "jane@doe@example.org",
                "@example.org",
                "jane.doe@",
                "jane@localhost",
                "jane..doe@example.org",
                ".jane@example.org",
                "jane@example..org",
                "jane doe@example.org",
            ],
            expect![[r#"
                "jane.doe.gmail.com" -> email.malformed
                "jane@doe@example.org" -> email.malformed
                "@example.org" -> email.malformed
                "jane.doe@" -> email.malformed
                "jane@localhost" -> email.malformed
                "jane..doe@example.org" -> email.malformed
                ".jane@example.org" -> email.malformed
                "jane@example..org" -> email.malformed
                "jane doe@example.org" -> email.malformed"#]],
        );
    }

    #[test]
    fn no_at_sign() {
        check_shape("jane.doe.gmail.com", expect!["[NoAtSign]"]);
    }

    #[test]
    fn several_at_signs() {
        check_shape("jane@doe@example.org", expect!["[SeveralAtSigns]"]);
    }

    #[test]
    fn at_sign_inside_quotes_does_not_count() {
        check_shape(r#""jane@home"@example.org"#, expect!["[]"]);
        check_shape(r#""jane\"@"@example.org"#, expect!["[]"]);
    }

    #[test]
    fn whole_address_in_quotes() {
        check_shape(r#""jane@example.org""#, expect!["[NoAtSign]"]);
    }

    #[test]
    fn empty_parts() {
        check_shape("@example.org", expect!["[EmptyLocalPart]"]);
        check_shape("jane@", expect!["[EmptyDomain]"]);
    }

    #[test]
    fn domain_without_dot() {
        check_shape("jane@localhost", expect!["[DomainWithoutDot]"]);
    }

    #[test]
    fn stray_dots() {
        check_shape("jane.@example.org", expect!["[LocalPartDots]"]);
        check_shape("jane..doe@example.org", expect!["[LocalPartDots]"]);
        check_shape("jane@.example.org", expect!["[DomainDots]"]);
        check_shape("jane@example.org.", expect!["[DomainDots]"]);
    }

    #[test]
    fn spaces_inside() {
        check_shape("jane doe@example.org", expect!["[LocalPartSpace]"]);
        check_shape("jane@example .org", expect!["[DomainSpace]"]);
    }

    #[test]
    fn too_long() {
        let long = format!("{}@example.org", "j".repeat(243));
        assert_eq!(long.len(), 255);
        check_shape(&long, expect!["[TooLong]"]);
        check_shape(&long[1..], expect!["[]"]);
    }

    #[test]
    fn malformed_with_other_findings() {
        check(
            " jane doe@gmial.com",
            expect![[r#"
            email.surrounding_space
            email.domain_typo suggestion=gmail.com
            email.malformed"#]],
        );
    }

    #[test]
    fn weird_unicode_never_panics() {
        let huge = "\u{0301}@.".repeat(20_000);
        let mut inputs: Vec<&str> = vec![
            "e\u{0301}\u{0301}\u{0301}@e\u{0301}xample.org",
            "👨\u{200D}👩\u{200D}👧@🍕.com",
            "משתמש@דוגמה.קום",
            "\u{0}\u{0}@\u{0}",
            "@",
            "@@@",
            "...",
            "\"",
            "\"\\",
            "\u{FF20}",
            "\u{10FFFF}@\u{10FFFF}",
            &huge,
        ];
        inputs.extend(CORPUS);
        for input in inputs {
            let _ = analyze(input);
        }
        check_table(
            &[
                "e\u{0301}@e\u{0301}xample.org",
                "👨\u{200D}👩\u{200D}👧@🍕.com",
                "משתמש@דוגמה.קום",
                "\u{0}",
                "@",
                "\"\\",
            ],
            expect![[r#"
                "e\u{301}@e\u{301}xample.org" -> email.idn_domain
                "👨\u{200d}👩\u{200d}👧@🍕.com" -> email.invisible_character, email.idn_domain
                "משתמש@דוגמה.קום" -> email.idn_domain
                "\0" -> none
                "@" -> email.malformed
                "\"\\" -> email.malformed"#]],
        );
    }

    #[test]
    fn no_personal_data_in_params() {
        for input in CORPUS.iter().copied().chain(["jane@gmial.com", "jane@outlok.com", "jane@gmx.nte"]) {
            for finding in lint(input) {
                for (name, value) in finding.params.iter() {
                    assert_eq!(name, "suggestion", "{input:?}");
                    match value {
                        Param::Word(word) => assert!(COMMON_DOMAINS.contains(word), "{input:?} gave {word}"),
                        Param::Int(_) => panic!("{input:?} gave a number"),
                    }
                }
            }
        }
    }

    #[test]
    fn a_well_typed_address_is_told_where_its_mailbox_files_the_e_mail() {
        assert_eq!(where_to_look("jane.doe@gmail.com"), Some("gmail"));
        assert_eq!(where_to_look("Jane.Doe@Outlook.DE"), Some("outlook"));
        assert_eq!(where_to_look("jane@live.co.uk"), Some("outlook"));
        assert_eq!(where_to_look("jane@yahoo.co.jp"), Some("yahoo"));
        assert_eq!(where_to_look("jane@me.com"), Some("icloud"));
        assert_eq!(where_to_look("x7k2@privaterelay.appleid.com"), Some("apple_relay"));
        // Not a service's own domain, only its name in a longer one.
        assert_eq!(where_to_look("jane@mail.live.example.org"), Some("other"));
        assert_eq!(where_to_look("jane@example.org"), Some("other"));
        // Beside a note; never beside a problem, nor for nothing typed.
        assert_eq!(where_to_look("jane@bücher.de"), Some("other"));
        assert_eq!(where_to_look("jane@gmial.com"), None);
        assert_eq!(where_to_look("jane.doe@gmail.com\u{200B}"), None);
        assert_eq!(where_to_look("  "), None);
        // Every mailbox has its words, and MAILBOXES lists every one given.
        let cat = crate::messages::Catalogue::new(crate::messages::Locale::En);
        for mailbox in MAILBOXES {
            assert!(cat.template(&format!("email.tip.where.{mailbox}")).is_some(), "{mailbox}");
        }
        for domain in ["gmail.com", "googlemail.com", "msn.com", "outlook.fr", "ymail.com", "mac.com", "example.org"]
            .into_iter()
            .chain(COMMON_DOMAINS)
        {
            assert!(MAILBOXES.contains(&mailbox(domain)), "{domain}");
        }
    }

    #[test]
    fn findings_come_in_registry_order() {
        let number = |id| registry::lookup(id).map(|d| d.number);
        for input in CORPUS {
            let numbers: Vec<_> = lint(input).iter().map(|f| number(f.id)).collect();
            assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{input:?}: {numbers:?}");
        }
    }

    #[test]
    fn status_follows_severity() {
        assert_eq!(analyze("").status, Status::Pass);
        assert_eq!(analyze("jane@müller.de").status, Status::Pass);
        assert_eq!(analyze("jane@gmial.com").status, Status::Warn);
        assert_eq!(analyze("jane@gmail.com\u{2060}").status, Status::Fail);
        assert_eq!(analyze("jane@gmail.com").check, CheckId::Email);
    }

    #[test]
    fn lookalike_table_is_sorted() {
        assert!(LOOKALIKES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn common_domains_are_distinct_lowercase_ascii() {
        for (i, domain) in COMMON_DOMAINS.iter().enumerate() {
            assert!(!COMMON_DOMAINS[..i].contains(domain), "{domain} twice");
            assert!(domain.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-'));
        }
    }

    #[test]
    fn edit_distance() {
        let d = |a: &str, b: &str| {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            edit_distance_within(&a, &b, 9)
        };
        assert_eq!(d("gmail.com", "gmail.com"), Some(0));
        assert_eq!(d("gmial.com", "gmail.com"), Some(1));
        assert_eq!(d("gmai.com", "gmail.com"), Some(1));
        assert_eq!(d("gmaiil.com", "gmail.com"), Some(1));
        assert_eq!(d("protonmail.ch", "protonmail.com"), Some(2));
        assert_eq!(d("", "abc"), Some(3));
    }
}
