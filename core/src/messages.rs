//! The message catalogue: every string a person reads, in every language.
//!
//! The UI, the support view, the CLI and the config validator all take their
//! words from here, by key. Templates use `{name}` placeholders, filled from
//! a finding's params or a caller's arguments.
//!
//! Languages: English (`en`) is the source. `en-XA` is a pseudo-locale made
//! from English on the fly (accented letters, brackets): loading the page
//! with `?lang=en-XA` shows at a glance any text that bypassed this
//! catalogue, and the end-to-end suite checks it. `ar-XB` is its
//! right-to-left twin: each English word shown mirrored, on a page laid out
//! right to left, to check the layout a right-to-left language gets. A
//! new language is a new set of tables plus a [`Locale`] variant, and
//! [`Catalogue::template`] then looks in its tables before English's, so a
//! key it lacks falls back to English (`docs/translating.md`).
//!
//! Each language's texts are four tables, by which bundle needs them (see
//! [`Section`]): the checker page builds its catalogue with
//! [`Catalogue::checker`] and the input module with [`Catalogue::entered`],
//! which name only the tables they need, so the others stay out of those
//! bundles; everything else uses [`Catalogue::new`], which has all.

use std::borrow::Cow;

mod en;

/// A language the catalogue can speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Locale {
    /// English, the source language.
    En,
    /// Pseudo-English for finding untranslated text (`en-XA`).
    PseudoEnXa,
    /// Right-to-left pseudo-English for checking the layout (`ar-XB`).
    PseudoArXb,
}

impl Locale {
    /// Every locale, source first.
    pub const ALL: [Locale; 3] = [Locale::En, Locale::PseudoEnXa, Locale::PseudoArXb];

    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::PseudoEnXa => "en-XA",
            Locale::PseudoArXb => "ar-XB",
        }
    }

    /// The writing direction, for `<html dir>`: `rtl` for Arabic, Hebrew,
    /// Persian or Urdu once one is added.
    pub fn dir(self) -> &'static str {
        match self {
            Locale::En | Locale::PseudoEnXa => "ltr",
            Locale::PseudoArXb => "rtl",
        }
    }

    /// The plural category of `n` in this language, as CLDR names them
    /// (`zero`, `one`, `two`, `few`, `many`, `other`): a counted text's key
    /// gets it as a suffix (see [`Catalogue::count`]). English has `one`
    /// and `other`; Arabic has all six, Polish four.
    pub fn plural_category(self, n: u64) -> &'static str {
        match self {
            Locale::En | Locale::PseudoEnXa | Locale::PseudoArXb => {
                if n == 1 {
                    "one"
                } else {
                    "other"
                }
            }
        }
    }

    /// Picks the locale: an explicit `?lang=` override first, then the
    /// browser's preferred languages in order, then English.
    ///
    /// ```
    /// use resetcheck_core::messages::Locale;
    /// assert_eq!(Locale::negotiate(None, &["de-DE", "en-GB"]), Locale::En);
    /// assert_eq!(Locale::negotiate(Some("en-xa"), &["en"]), Locale::PseudoEnXa);
    /// ```
    pub fn negotiate<S: AsRef<str>>(override_tag: Option<&str>, preferred: &[S]) -> Locale {
        override_tag
            .into_iter()
            .chain(preferred.iter().map(AsRef::as_ref))
            .find_map(Locale::from_tag)
            .unwrap_or(Locale::En)
    }

    /// Matches a tag exactly, then by its primary language.
    fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim();
        if let Some(exact) = Locale::ALL.into_iter().find(|l| l.tag().eq_ignore_ascii_case(tag)) {
            return Some(exact);
        }
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Locale::En),
            _ => None,
        }
    }
}

/// One table of texts. Its entries are one string, each
/// `\u{1e}key\u{1f}text`, so a bundle carries a table as one piece of data
/// rather than a pointer pair per text (a few KB of the checker's first
/// load). [`table!`] writes it from `(key, text)` pairs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Table(&'static str);

/// A [`Table`] from `(key, text)` pairs of string literals.
macro_rules! table {
    ($(($key:literal, $text:literal $(,)?)),* $(,)?) => {
        $crate::messages::Table(concat!($("\u{1e}", $key, "\u{1f}", $text),*))
    };
}
use table;

impl Table {
    /// The text for `key`, if the table has it.
    fn get(self, key: &str) -> Option<&'static str> {
        let entry = format!("\u{1e}{key}\u{1f}");
        let start = self.0.find(&entry)? + entry.len();
        let rest = &self.0[start..];
        Some(rest.find('\u{1e}').map_or(rest, |end| &rest[..end]))
    }

    /// Every `(key, text)`, in order.
    #[cfg(test)]
    fn entries(self) -> impl Iterator<Item = (&'static str, &'static str)> {
        self.0.split('\u{1e}').skip(1).map(|entry| entry.split_once('\u{1f}').unwrap_or((entry, "")))
    }
}

/// Which table a key belongs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// Everything the checker page shows but the words below.
    Checker,
    /// The words finding texts quote: param values (`param.*`), durations
    /// and numbers. The checker and the input module both render findings.
    Params,
    /// The texts of the link test's and the e-mail lint's findings, and
    /// the e-mail tip (`email.tip.*`): the input module renders them.
    Entered,
    /// The support side's words: the support page (`support.*`,
    /// `unknown.*`), the CLI (`cli.*`) and the runbook (`admin.*`).
    Support,
}

impl Section {
    /// The section `key` belongs in: the tests hold every table to this.
    pub fn of(key: &str) -> Section {
        let support_side = ["support.", "admin.", "unknown.", "cli."];
        if support_side.iter().any(|prefix| key.starts_with(prefix)) {
            return Section::Support;
        }
        // What support tells the user about a finding (`briefing`).
        if key.strip_suffix(".tell").and_then(crate::registry::lookup).is_some() {
            return Section::Support;
        }
        if key.starts_with("param.") || key.starts_with("duration.") || key.starts_with("number.") {
            return Section::Params;
        }
        // The tip the input module renders under a well-typed address.
        if key.starts_with("email.tip.") {
            return Section::Entered;
        }
        let finding_text = key
            .rsplit_once('.')
            .filter(|(_, part)| matches!(*part, "title" | "user" | "support"))
            .and_then(|(id, _)| crate::registry::lookup(id));
        match finding_text {
            Some(def) if def.id.starts_with("link.") || def.id.starts_with("email.") => Section::Entered,
            _ => Section::Checker,
        }
    }
}

/// Every English table.
const ALL: &[Table] = &[en::CHECKER, en::PARAMS, en::ENTERED, en::SUPPORT];
/// The checker page's English tables.
const CHECKER: &[Table] = &[en::CHECKER, en::PARAMS];
/// The input module's English tables.
const ENTERED: &[Table] = &[en::ENTERED, en::PARAMS];

/// Looks up and fills message templates for one locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Catalogue {
    locale: Locale,
    tables: &'static [Table],
}

impl Catalogue {
    /// A catalogue speaking `locale`, with every text.
    pub fn new(locale: Locale) -> Catalogue {
        Catalogue { locale, tables: ALL }
    }

    /// A catalogue speaking `locale` with the checker page's texts only
    /// ([`Section::Checker`] and [`Section::Params`]): the checker's bundle
    /// builds no other, so the rest of the texts stay out of its first load.
    pub fn checker(locale: Locale) -> Catalogue {
        Catalogue { locale, tables: CHECKER }
    }

    /// A catalogue speaking `locale` with the texts the input module
    /// renders ([`Section::Entered`] and [`Section::Params`]): the link
    /// test's and the e-mail lint's findings, and the e-mail tip.
    pub fn entered(locale: Locale) -> Catalogue {
        Catalogue { locale, tables: ENTERED }
    }

    /// The locale this catalogue speaks.
    pub fn locale(self) -> Locale {
        self.locale
    }

    /// The raw template for `key`, falling back to English.
    pub fn template(self, key: &str) -> Option<Cow<'static, str>> {
        // Only English so far, which every locale falls back to.
        let raw = self.tables.iter().find_map(|table| table.get(key))?;
        Some(match self.locale {
            Locale::PseudoEnXa => Cow::Owned(pseudo_localize(raw)),
            Locale::PseudoArXb => Cow::Owned(pseudo_bidi(raw)),
            Locale::En => Cow::Borrowed(raw),
        })
    }

    /// The text for `key` with no placeholders filled.
    ///
    /// A missing key yields the key itself, so a mistake shows up on screen
    /// instead of crashing; the catalogue's tests keep that from shipping.
    pub fn text(self, key: &str) -> String {
        self.template(key).map(Cow::into_owned).unwrap_or_else(|| key.to_owned())
    }

    /// The text for `key` with each `{name}` replaced by its argument.
    /// A placeholder without an argument is left as written.
    ///
    /// ```
    /// use resetcheck_core::messages::{Catalogue, Locale};
    /// let cat = Catalogue::new(Locale::En);
    /// assert_eq!(
    ///     cat.format("duration.range", &[("low", "1 min"), ("high", "2 min")]),
    ///     "1 min to 2 min"
    /// );
    /// ```
    pub fn format(self, key: &str, args: &[(&str, &str)]) -> String {
        let template = self.text(key);
        fill(&template, |name| args.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned()))
    }

    /// The counted text `key.<category>` for `n` (the locale's plural
    /// category, falling back to `key.other`), with `{n}` and each other
    /// `{name}` filled.
    ///
    /// ```
    /// use resetcheck_core::messages::{Catalogue, Locale};
    /// let cat = Catalogue::new(Locale::En);
    /// assert_eq!(cat.count("duration.days", 1, &[]), "1 day");
    /// assert_eq!(cat.count("duration.days", 3, &[]), "3 days");
    /// ```
    pub fn count(self, key: &str, n: u64, args: &[(&str, &str)]) -> String {
        let template = self
            .template(&format!("{key}.{}", self.locale.plural_category(n)))
            .or_else(|| self.template(&format!("{key}.other")))
            .map_or_else(|| key.to_owned(), Cow::into_owned);
        let n = n.to_string();
        fill(&template, |name| match name {
            "n" => Some(n.clone()),
            _ => args.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned()),
        })
    }
}

/// Replaces `{name}` placeholders using `value`; unknown ones stay.
pub(crate) fn fill(template: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_placeholder_name(&after[..close]) => {
                let name = &after[..close];
                match value(name) {
                    Some(v) => out.push_str(&v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_placeholder_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The placeholder names a template uses, in order.
pub fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    fill(template, |name| {
        names.push(name.to_owned());
        None
    });
    names
}

/// Makes pseudo-English: letters get accents, the text gets brackets and
/// some padding (translations run longer), placeholders stay intact.
fn pseudo_localize(source: &str) -> String {
    let mut out = String::from("⟦");
    let mut in_placeholder = false;
    for c in source.chars() {
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            _ => {}
        }
        out.push(if in_placeholder { c } else { accent(c) });
    }
    out.push_str(" ·⟧");
    out
}

/// Makes right-to-left pseudo-English: each word outside placeholders is
/// wrapped in a right-to-left override (U+202E … U+202C), so it shows
/// mirrored and runs right to left, as Android's `ar-XB` does; what fills
/// a placeholder (a code, a link) keeps its own direction.
fn pseudo_bidi(source: &str) -> String {
    let mut out = String::with_capacity(source.len() * 2);
    let mut in_placeholder = false;
    let mut in_word = false;
    for c in source.chars() {
        let word_char = !in_placeholder && c != '{' && !c.is_ascii_whitespace();
        if in_word && !word_char {
            out.push('\u{202c}');
        } else if !in_word && word_char {
            out.push('\u{202e}');
        }
        in_word = word_char;
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            _ => {}
        }
        out.push(c);
    }
    if in_word {
        out.push('\u{202c}');
    }
    out
}

fn accent(c: char) -> char {
    match c {
        'a' => 'á',
        'c' => 'ç',
        'e' => 'é',
        'i' => 'í',
        'n' => 'ñ',
        'o' => 'ö',
        'u' => 'ü',
        'y' => 'ý',
        'A' => 'Å',
        'C' => 'Ç',
        'E' => 'É',
        'I' => 'Î',
        'N' => 'Ñ',
        'O' => 'Ö',
        'U' => 'Û',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn every_entry() -> impl Iterator<Item = (&'static str, &'static str)> {
        ALL.iter().flat_map(|table| table.entries())
    }

    #[test]
    fn keys_are_unique() {
        let mut seen = HashSet::new();
        for (key, _) in every_entry() {
            assert!(seen.insert(key), "duplicate message key {key}");
        }
    }

    #[test]
    fn every_key_is_in_its_sections_table() {
        let tables = [
            (Section::Checker, en::CHECKER),
            (Section::Params, en::PARAMS),
            (Section::Entered, en::ENTERED),
            (Section::Support, en::SUPPORT),
        ];
        for (section, table) in tables {
            for (key, _) in table.entries() {
                assert_eq!(Section::of(key), section, "{key} belongs in the {:?} table", Section::of(key));
            }
        }
        let len = |table: Table| table.entries().count();
        assert!(len(en::ENTERED) > 50 && len(en::SUPPORT) > 10 && len(en::PARAMS) > 50, "the rule moved everything");
    }

    /// The input module renders the link and e-mail findings with
    /// [`Catalogue::entered`]: with every param and measure filled, each
    /// renders as with every table.
    #[test]
    fn the_input_modules_catalogue_renders_every_link_and_email_finding() {
        use crate::advice::{render, Context, DERIVED_PLACEHOLDERS};
        use crate::report::{Finding, Param, Params};
        let entered =
            crate::registry::FINDINGS.iter().filter(|d| Section::of(&format!("{}.title", d.id)) == Section::Entered);
        let measures: Params = DERIVED_PLACEHOLDERS.iter().map(|(_, m)| (*m, Param::Int(93_500))).collect();
        let ctx = Context { measures: Some(&measures), ..Context::default() };
        let mut checked = 0;
        for def in entered {
            let mut finding = Finding::new(def.id);
            for &name in def.params {
                let prefix = format!("param.{name}.");
                let word = en::PARAMS.entries().find(|(k, _)| k.starts_with(&prefix)).map(|(k, _)| &k[prefix.len()..]);
                finding = finding.with(name, word.map_or(Param::Int(7), Param::Word));
            }
            for locale in Locale::ALL {
                let text = render(Catalogue::entered(locale), &finding, ctx);
                assert_eq!(text, render(Catalogue::new(locale), &finding, ctx), "{}", def.id);
                assert!(!text.title.contains(def.id) && !text.support.contains('{'), "{}: {text:?}", def.id);
            }
            checked += 1;
        }
        assert!(checked > 30, "only {checked} link and e-mail findings");
    }

    #[test]
    fn the_checker_catalogue_has_only_the_checker_texts() {
        let checker = Catalogue::checker(Locale::En);
        assert_eq!(checker.text("link.expired.title"), "link.expired.title");
        assert_eq!(checker.text("support.title"), "support.title");
        assert_eq!(
            checker.text("browser.cookies_blocked.title"),
            Catalogue::new(Locale::En).text("browser.cookies_blocked.title")
        );
        assert_ne!(Catalogue::new(Locale::En).text("link.expired.title"), "link.expired.title");
    }

    #[test]
    fn templates_are_well_formed() {
        for (key, template) in every_entry() {
            // Punctuation that joins texts is spaces and marks by nature.
            // Even empty: Japanese joins sentences with no space.
            if key.starts_with("punct.") {
                continue;
            }
            assert!(!template.trim().is_empty(), "{key} is empty");
            assert_eq!(template.trim(), template, "{key} has outer whitespace");
            let braces_open = template.matches('{').count();
            let braces_close = template.matches('}').count();
            assert_eq!(braces_open, braces_close, "{key} has unbalanced braces");
            assert_eq!(placeholders(template).len(), braces_open, "{key} has a malformed placeholder");
        }
    }

    #[test]
    fn fill_replaces_known_and_keeps_unknown() {
        assert_eq!(fill("a {x} b {y} {", |n| (n == "x").then(|| "1".to_owned())), "a 1 b {y} {");
        assert_eq!(fill("{}{Not} {x", |_| Some("!".to_owned())), "{}{Not} {x");
    }

    #[test]
    fn missing_key_shows_the_key() {
        assert_eq!(Catalogue::new(Locale::En).text("no.such.key"), "no.such.key");
    }

    #[test]
    fn pseudo_locale_keeps_placeholders() {
        let cat = Catalogue::new(Locale::PseudoEnXa);
        let text = cat.format("duration.range", &[("low", "1 min"), ("high", "2 min")]);
        assert_eq!(text, "⟦1 min tö 2 min ·⟧");
        // Right to left: every word overridden, what fills a placeholder not.
        let cat = Catalogue::new(Locale::PseudoArXb);
        let text = cat.format("progress.done", &[("summary", "3 problems")]);
        let (rlo, pdf) = ('\u{202e}', '\u{202c}');
        assert_eq!(text, format!("{rlo}All{pdf} {rlo}checks{pdf} {rlo}finished.{pdf} 3 problems"));
        assert_eq!(Locale::PseudoArXb.dir(), "rtl");
    }

    /// Every literal key the app passes to `t(..)` or `f(..)` exists, so a
    /// typo can't reach users as a raw key; the checker's in its own table.
    #[test]
    fn keys_used_by_the_app_exist() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src");
        let mut files = vec![src];
        let mut checked = 0;
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for call in [".t(\"", ".f(\""] {
                for (i, _) in text.match_indices(call) {
                    let rest = &text[i + call.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    let tables = if path.ends_with("ui/support.rs") { ALL } else { CHECKER };
                    let found = tables.iter().any(|table| table.get(key).is_some());
                    assert!(found, "{} uses missing key {key}", path.display());
                    checked += 1;
                }
            }
        }
        assert!(checked > 10, "found only {checked} keys; did the app's i18n calls change shape?");
    }

    /// The `<noscript>` lines, and the lines `boot.js` shows while the wasm
    /// loads and when it can't start, are texts the wasm can't render, so
    /// the pages carry them as written; they must match the catalogue.
    #[test]
    fn pages_fallback_texts_are_the_catalogues() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for (page, prefix) in [("index.html", "app"), ("support.html", "support")] {
            let html = std::fs::read_to_string(root.join(page)).unwrap();
            let text = |key: &str| Catalogue::new(Locale::En).text(&format!("{prefix}.{key}"));
            let noscript = format!(r#"<noscript><p class="boot-line">{}</p></noscript>"#, text("noscript"));
            assert!(html.contains(&noscript), "{page}");
            let loading =
                format!(r#"<p id="boot-loading" class="boot-line" role="status" hidden>{}</p>"#, text("loading"));
            assert!(html.contains(&loading), "{page}");
            let failed =
                format!(r#"<p id="boot-failed" class="boot-line" role="alert" hidden>{}</p>"#, text("boot_failed"));
            assert!(html.contains(&failed), "{page}");
        }
    }

    #[test]
    fn negotiation() {
        let none: &[&str] = &[];
        assert_eq!(Locale::negotiate(None, none), Locale::En);
        assert_eq!(Locale::negotiate(Some("xx"), &["fr", "en-US"]), Locale::En);
        assert_eq!(Locale::negotiate(Some("EN-xa"), none), Locale::PseudoEnXa);
        assert_eq!(Locale::negotiate(Some("ar-XB"), none), Locale::PseudoArXb);
        // Arabic itself is not spoken yet: English, not the pseudo-locale.
        assert_eq!(Locale::negotiate(None, &["ar-EG"]), Locale::En);
        assert_eq!(Locale::negotiate(None, &["fr-FR"]), Locale::En);
    }
}
