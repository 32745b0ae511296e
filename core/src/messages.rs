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
    /// A few Arabic-like tables for the tests of what a real language
    /// needs: its own texts, plurals with a dual, grammatical forms, and
    /// falling back to English key by key.
    #[cfg(test)]
    TestAr,
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
            #[cfg(test)]
            Locale::TestAr => "ar-x-test",
        }
    }

    /// The writing direction, for `<html dir>`: `rtl` for Arabic, Hebrew,
    /// Persian or Urdu once one is added.
    pub fn dir(self) -> &'static str {
        match self {
            Locale::En | Locale::PseudoEnXa => "ltr",
            Locale::PseudoArXb => "rtl",
            #[cfg(test)]
            Locale::TestAr => "rtl",
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
            // CLDR's rule for Arabic.
            #[cfg(test)]
            Locale::TestAr => match (n, n % 100) {
                (0, _) => "zero",
                (1, _) => "one",
                (2, _) => "two",
                (_, 3..=10) => "few",
                (_, 11..=99) => "many",
                _ => "other",
            },
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

/// Which texts a catalogue carries: all, or only one bundle's, so the
/// others stay out of that bundle (see [`Section`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bundle {
    All,
    Checker,
    Entered,
}

impl Locale {
    /// The locale's own tables for `bundle`, looked in before English's.
    /// None yet: English is the source, and the pseudo-locales are made
    /// from it on the fly. A language adds its tables here, split as
    /// English's are, so the checker's catalogue names only its checker
    /// tables (docs/translating.md).
    #[cfg_attr(not(test), allow(unused_variables))]
    fn own_tables(self, bundle: Bundle) -> &'static [Table] {
        match self {
            Locale::En | Locale::PseudoEnXa | Locale::PseudoArXb => &[],
            #[cfg(test)]
            Locale::TestAr => tests::test_ar_tables(bundle),
        }
    }
}

/// The grammatical forms a placeholder may ask of the words that fill it,
/// as CLDR names grammatical cases and definiteness: `{expiry:dative}`
/// fills `{expiry}` from each catalogue entry's `.dative` variant where the
/// locale has one (`duration.days.other.dative` = "{n} Tagen"), and from
/// the plain entry where it has none. A form outside this list is ignored
/// (the tests keep one from shipping).
pub const FORMS: [&str; 14] = [
    "nominative",
    "accusative",
    "dative",
    "genitive",
    "ablative",
    "locative",
    "instrumental",
    "prepositional",
    "vocative",
    "oblique",
    "partitive",
    "construct",
    "definite",
    "indefinite",
];

/// Looks up and fills message templates for one locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Catalogue {
    locale: Locale,
    /// The locale's own tables for the bundle.
    own: &'static [Table],
    /// English's tables for the bundle, which every locale falls back to.
    /// Both are picked when the catalogue is made, not looked up by bundle
    /// on each text: a lookup naming every bundle's tables would put them
    /// all in each bundle.
    english: &'static [Table],
    /// The form the text being filled asks of its words (see [`FORMS`]).
    form: Option<&'static str>,
}

impl Catalogue {
    /// A catalogue speaking `locale`, with every text.
    pub fn new(locale: Locale) -> Catalogue {
        Catalogue { locale, own: locale.own_tables(Bundle::All), english: ALL, form: None }
    }

    /// A catalogue speaking `locale` with the checker page's texts only
    /// ([`Section::Checker`] and [`Section::Params`]): the checker's bundle
    /// builds no other, so the rest of the texts stay out of its first load.
    pub fn checker(locale: Locale) -> Catalogue {
        Catalogue { locale, own: locale.own_tables(Bundle::Checker), english: CHECKER, form: None }
    }

    /// A catalogue speaking `locale` with the texts the input module
    /// renders ([`Section::Entered`] and [`Section::Params`]): the link
    /// test's and the e-mail lint's findings, and the e-mail tip.
    pub fn entered(locale: Locale) -> Catalogue {
        Catalogue { locale, own: locale.own_tables(Bundle::Entered), english: ENTERED, form: None }
    }

    /// The locale this catalogue speaks.
    pub fn locale(self) -> Locale {
        self.locale
    }

    /// This catalogue asking `form` of every text it looks up: for the
    /// words that fill a `{name:form}` placeholder. `None` for the plain
    /// forms.
    pub fn with_form(self, form: Option<&'static str>) -> Catalogue {
        Catalogue { form, ..self }
    }

    /// The raw template for `key`, falling back to English.
    pub fn template(self, key: &str) -> Option<Cow<'static, str>> {
        self.resolve(key, None).map(|(template, _)| template)
    }

    /// The template for `key` (counted by `n`, if given: see
    /// [`Catalogue::count`]) and the catalogue to fill it with: the locale's
    /// own text and this catalogue, or else English's text and an English
    /// catalogue, so an untranslated sentence is filled with English words,
    /// durations and punctuation rather than a mix ("The device clock is
    /// 2 h nach"). The locale's own tables are searched whole first, so
    /// English's `.one` can't win over the locale's `.other`; English's
    /// step asks English's own plural category, or a language whose `one`
    /// covers 21 would show "21 day". With a form, each `key.<form>` comes
    /// before its plain `key`.
    pub(crate) fn resolve(self, key: &str, n: Option<u64>) -> Option<(Cow<'static, str>, Catalogue)> {
        if let Some(own) = find(self.own, key, n.map(|n| self.locale.plural_category(n)), self.form) {
            return Some((Cow::Borrowed(own), self));
        }
        let raw = find(self.english, key, n.map(|n| Locale::En.plural_category(n)), self.form)?;
        Some(match self.locale {
            Locale::PseudoEnXa => (Cow::Owned(pseudo_localize(raw)), self),
            Locale::PseudoArXb => (Cow::Owned(pseudo_bidi(raw)), self),
            Locale::En => (Cow::Borrowed(raw), self),
            #[cfg(test)]
            Locale::TestAr => (Cow::Borrowed(raw), Catalogue { locale: Locale::En, own: &[], ..self }),
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
        self.fill_with(key, None, args)
    }

    /// The counted text for `n`: `key.<category>` (the locale's plural
    /// category of `n`), else `key.other`, else `key` itself, with `{n}` and
    /// each other `{name}` filled. A locale's own three come before English's. A text counted in English only by its
    /// number (`link.several_links.title`, "{count} links") is one plain
    /// key there; a language with a dual or a `few` adds `key.two`, `key.few`.
    ///
    /// ```
    /// use resetcheck_core::messages::{Catalogue, Locale};
    /// let cat = Catalogue::new(Locale::En);
    /// assert_eq!(cat.count("duration.days", 1, &[]), "1 day");
    /// assert_eq!(cat.count("duration.days", 3, &[]), "3 days");
    /// assert_eq!(cat.count("duration.h", 3, &[]), "3 h");
    /// ```
    pub fn count(self, key: &str, n: u64, args: &[(&str, &str)]) -> String {
        self.fill_with(key, Some(n), args)
    }

    /// The text `key` (counted by `n`, if given) with each placeholder
    /// filled by `value`, which gets the placeholder's name and the
    /// catalogue to write its words with: this one, or English's where the
    /// text fell back to English (so an untranslated text quotes English
    /// words and durations, not the page language's), asking the form the
    /// placeholder names. For texts that quote words from the catalogue
    /// (durations, names); [`Catalogue::format`] is for data.
    ///
    /// ```
    /// use resetcheck_core::messages::{Catalogue, Locale};
    /// let cat = Catalogue::new(Locale::En);
    /// let text = cat.fill_in("duration.range", None, &mut |name, cat| Some(cat.count("duration.h", name.len() as u64, &[])));
    /// assert_eq!(text, "3 h to 4 h");
    /// ```
    pub fn fill_in(
        self,
        key: &str,
        n: Option<u64>,
        value: &mut dyn FnMut(&str, Catalogue) -> Option<String>,
    ) -> String {
        let Some((template, cat)) = self.resolve(key, n) else {
            return key.to_owned();
        };
        fill(&template, |name, form| value(name, cat.with_form(form)))
    }

    /// `key` (counted by `n`, if given) filled from `args` and `{n}`.
    fn fill_with(self, key: &str, n: Option<u64>, args: &[(&str, &str)]) -> String {
        let Some((template, _)) = self.resolve(key, n) else {
            return key.to_owned();
        };
        let n = n.map(|n| n.to_string());
        fill(&template, |name, _| match (name, &n) {
            ("n", Some(n)) => Some(n.clone()),
            _ => args.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned()),
        })
    }
}

/// The text of `key` in `tables`: counted in `category` (`key.<category>`,
/// else `key.other`, else `key`), and asked in `form` (each `.<form>`
/// before its plain key). See [`Catalogue::count`].
fn find(tables: &[Table], key: &str, category: Option<&str>, form: Option<&str>) -> Option<&'static str> {
    let suffixes = [category, category.and(Some("other")), Some("")];
    suffixes.into_iter().flatten().find_map(|suffix| {
        let key = if suffix.is_empty() { key.to_owned() } else { format!("{key}.{suffix}") };
        let formed = form.and_then(|form| tables.iter().find_map(|table| table.get(&format!("{key}.{form}"))));
        formed.or_else(|| tables.iter().find_map(|table| table.get(&key)))
    })
}

/// Replaces `{name}` placeholders using `value`, which gets the name and
/// the form the placeholder asks for (`{name:form}`, one of [`FORMS`]);
/// unknown ones stay as written.
pub(crate) fn fill(template: &str, mut value: impl FnMut(&str, Option<&'static str>) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (close, placeholder(&after[..close]))) {
            Some((close, Some((name, form)))) => {
                let form = form.and_then(|form| FORMS.into_iter().find(|known| *known == form));
                match value(name, form) {
                    Some(v) => out.push_str(&v),
                    None => out.push_str(&rest[open..open + close + 2]),
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

/// A placeholder's name and the form it asks for, if `s` (between its
/// braces) is one: `name` or `name:form`, lowercase letters, digits and `_`.
fn placeholder(s: &str) -> Option<(&str, Option<&str>)> {
    let (name, form) = match s.split_once(':') {
        Some((name, form)) => (name, Some(form)),
        None => (s, None),
    };
    let word = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    (word(name) && form.is_none_or(word)).then_some((name, form))
}

/// The placeholder names a template uses, in order.
pub fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    fill(template, |name, _| {
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

    /// Every entry of every table, English's and the test locale's.
    fn every_entry() -> impl Iterator<Item = (&'static str, &'static str)> {
        ALL.iter().flat_map(|table| table.entries())
    }

    fn every_template() -> impl Iterator<Item = (&'static str, &'static str)> {
        every_entry().chain(test_ar_tables(Bundle::All).iter().flat_map(|table| table.entries()))
    }

    /// The test locale's own tables, by bundle, as a translation would
    /// write them: Arabic-like plural keys (a dual with no number, `few`
    /// for 3 to 10) and forms after a preposition, with Latin markers so a
    /// failure reads plainly. Only the checker's table is split off, as a
    /// bundle must.
    pub(super) fn test_ar_tables(bundle: Bundle) -> &'static [Table] {
        static CHECKER: Table = table![
            ("clock.tokens_rejected.title", "AR clock {offset} {direction}"),
            ("network.unreachable.title", "AR no answer from {endpoint_name:genitive}"),
        ];
        static PARAMS: Table = table![
            ("param.direction.ahead", "AR-fast"),
            ("duration.min", "{n} AR-minute"),
            ("duration.min.two", "AR-two-minutes"),
            ("duration.min.few", "{n} AR-minutes"),
            ("duration.s", "{n} AR-s"),
            ("duration.join", "{a} AR-and {b}"),
            ("duration.range", "{low} AR-to {high}"),
            ("duration.days.other", "{n} AR-days"),
            ("duration.days.two.genitive", "AR-two-days-gen"),
            ("network.endpoint.time", "AR-time-service"),
            ("network.endpoint.time.genitive", "AR-time-service-gen"),
        ];
        static ENTERED: Table = table![
            ("link.several_links.title.two", "AR two links"),
            ("link.several_links.title.few", "AR {count} links (few)"),
            ("link.several_links.title.other", "AR {count} links (other)"),
            ("link.expired.user", "AR link expired {expiry:genitive}"),
        ];
        static ALL_TABLES: [Table; 3] = [CHECKER, PARAMS, ENTERED];
        static CHECKER_TABLES: [Table; 2] = [CHECKER, PARAMS];
        match bundle {
            Bundle::Checker => &CHECKER_TABLES,
            Bundle::All | Bundle::Entered => &ALL_TABLES,
        }
    }

    fn render_ar(finding: crate::report::Finding, measures: &[(&'static str, i64)]) -> crate::advice::FindingText {
        crate::advice::render(Catalogue::new(Locale::TestAr), &finding, ctx_of(measures))
    }

    fn ctx_of(measures: &[(&'static str, i64)]) -> crate::advice::Context<'static> {
        use crate::report::{Param, Params};
        let measures: Params = measures.iter().map(|(k, v)| (*k, Param::Int(*v))).collect();
        crate::advice::Context { measures: Some(Box::leak(Box::new(measures))), ..Default::default() }
    }

    #[test]
    fn a_language_s_own_text_is_filled_with_its_own_words() {
        use crate::report::{Finding, Param};
        let fast = Finding::new("clock.tokens_rejected").with("direction", Param::Word("ahead"));
        // Two minutes: Arabic's dual, a word with no number.
        assert_eq!(render_ar(fast.clone(), &[("offset_ms", 120_000)]).title, "AR clock AR-two-minutes AR-fast");
        assert_eq!(render_ar(fast.clone(), &[("offset_ms", 300_000)]).title, "AR clock 5 AR-minutes AR-fast");
        // 11 is Arabic's `many`, which this table lacks: its plain text, not English's.
        assert_eq!(render_ar(fast.clone(), &[("offset_ms", 660_000)]).title, "AR clock 11 AR-minute AR-fast");
        // A fraction takes the unit's plain text; units join the language's way.
        assert_eq!(render_ar(fast, &[("offset_ms", 4_200)]).title, "AR clock 4.2 AR-s AR-fast");
        let joined = duration_ar(125_000);
        assert_eq!(joined, "AR-two-minutes AR-and 5 AR-s");
    }

    fn duration_ar(ms: u64) -> String {
        crate::advice::duration(Catalogue::new(Locale::TestAr), ms)
    }

    #[test]
    fn a_language_s_own_plural_keys_come_before_english_s() {
        use crate::report::{Finding, Param};
        let links = |n| render_ar(Finding::new("link.several_links").with("count", Param::Int(n)), &[]).title;
        assert_eq!(links(2), "AR two links");
        assert_eq!(links(5), "AR 5 links (few)");
        assert_eq!(links(11), "AR 11 links (other)");
        // English's `duration.days.one` must not win over the language's `.other`.
        let cat = Catalogue::new(Locale::TestAr);
        assert_eq!(cat.count("duration.days", 1, &[]), "1 AR-days");
        assert_eq!(duration_ar(3 * 24 * 3_600_000), "3 AR-days");
        // Counted texts English has as one plain key.
        assert_eq!(
            Catalogue::new(Locale::En).count("link.several_links.title", 2, &[("count", "2")]),
            "What you pasted has 2 different links"
        );
    }

    #[test]
    fn a_placeholder_gets_its_words_in_the_form_it_asks() {
        use crate::report::{Finding, Param};
        let unreachable = |endpoint| {
            let finding = Finding::new("network.unreachable").with("endpoint", Param::Int(endpoint));
            let names = ["x", "y", "Sign-in API"].map(String::from);
            let ctx = crate::advice::Context { endpoint_names: &names, ..Default::default() };
            crate::advice::render(Catalogue::new(Locale::TestAr), &finding, ctx).title
        };
        assert_eq!(unreachable(1), "AR no answer from AR-time-service-gen");
        // A configured endpoint's name is shown as the config writes it.
        assert_eq!(unreachable(2), "AR no answer from Sign-in API");
        let expired =
            |minutes| render_ar(Finding::new("link.expired").with("expiry_minutes", Param::Int(minutes)), &[]).user;
        assert_eq!(expired(2 * 24 * 60), "AR link expired AR-two-days-gen");
        // No form of its own: the plain text.
        assert_eq!(expired(4 * 24 * 60), "AR link expired 4 AR-days");
    }

    #[test]
    fn a_text_the_language_lacks_is_english_through_and_through() {
        use crate::report::{Finding, Param};
        // The language has its own durations and words, but an English
        // sentence must not quote them ("The device clock is AR-two-minutes AR-fast").
        let fast = Finding::new("clock.tokens_rejected").with("direction", Param::Word("ahead"));
        let measures = [("offset_ms", 120_000)];
        let ar = render_ar(fast.clone(), &measures);
        assert_eq!(ar.title, "AR clock AR-two-minutes AR-fast", "the title is the language's own");
        let en = crate::advice::render(Catalogue::new(Locale::En), &fast, ctx_of(&measures));
        assert_eq!(ar.support, en.support);
        assert!(ar.support.starts_with("The device clock is 2 min fast"), "{}", ar.support);
        // A text missing from the bundle is missing, in every language.
        assert_eq!(Catalogue::checker(Locale::TestAr).text("link.expired.title"), "link.expired.title");
        assert_eq!(Catalogue::checker(Locale::TestAr).text("param.direction.ahead"), "AR-fast");
    }

    /// The English key a locale's key translates: without its form and its
    /// plural category, or English's `.other` of a text English counts too.
    fn english_key(key: &str) -> String {
        let english = |key: &str| Catalogue::new(Locale::En).template(key).is_some();
        let categories = ["zero", "one", "two", "few", "many", "other"];
        let mut key = key;
        for suffixes in [&FORMS[..], &categories[..]] {
            if let Some((base, last)) = key.rsplit_once('.') {
                if suffixes.contains(&last) && !english(key) {
                    key = base;
                }
            }
        }
        let other = format!("{key}.other");
        if english(&other) {
            other
        } else {
            key.to_owned()
        }
    }

    /// Each locale's own key translates an English one, sits in the same
    /// bundle's table, and quotes each of English's placeholders and no
    /// other (a counted `zero`, `one` or `two` may leave its number out:
    /// "دقيقتان").
    #[test]
    fn own_tables_match_english() {
        let in_checker = |tables: &[Table], key: &str| tables.iter().any(|table| table.get(key).is_some());
        let locales = [(Locale::TestAr, test_ar_tables(Bundle::All))];
        for (locale, tables) in locales {
            for (key, template) in tables.iter().flat_map(|table| table.entries()) {
                let english = english_key(key);
                let source = Catalogue::new(Locale::En).template(&english);
                let source = source.unwrap_or_else(|| panic!("{locale:?}: {key} translates no English key"));
                assert_eq!(
                    in_checker(locale.own_tables(Bundle::Checker), key),
                    in_checker(CHECKER, &english),
                    "{locale:?}: {key} is in the wrong table"
                );
                let (source, translated) = (placeholders(&source), placeholders(template));
                for name in &translated {
                    assert!(
                        source.contains(name),
                        "{locale:?}: {key} quotes {{{name}}}, which English's {english} doesn't"
                    );
                }
                let counted = |name: &str| {
                    let few = ["zero", "one", "two"].iter().any(|c| key.split('.').any(|part| part == *c));
                    few && (name == "n"
                        || crate::advice::COUNTED_PARAMS.contains(&name)
                        || ["days", "max"].contains(&name))
                };
                for name in source.iter().filter(|name| !counted(name)) {
                    assert!(translated.contains(name), "{locale:?}: {key} leaves out {{{name}}}");
                }
            }
        }
        assert_eq!(english_key("duration.days.two.genitive"), "duration.days.other");
        assert_eq!(english_key("link.several_links.title.few"), "link.several_links.title");
        assert_eq!(english_key("duration.days.one"), "duration.days.one");
    }

    /// Texts other than findings' that quote durations and names: the
    /// language's own in its words, English's in English's.
    #[test]
    fn lines_quoting_words_are_one_language_too() {
        use crate::advice::{clock_line, duration_range};
        use crate::report::{Param, Params};
        let ar = Catalogue::new(Locale::TestAr);
        assert_eq!(duration_range(ar, 120_000, Some(300_000)), "AR-two-minutes AR-to 5 AR-minutes");
        // Not in the language: English through and through.
        let en = Catalogue::new(Locale::En);
        assert_eq!(duration_range(ar, 120_000, None), duration_range(en, 120_000, None));
        let measures: Params =
            [("offset_ms", Param::Int(120_000)), ("uncertainty_ms", Param::Int(4_200))].into_iter().collect();
        let line = clock_line(ar, &measures, false);
        assert_eq!(line, clock_line(en, &measures, false));
        assert_eq!(line.as_deref(), Some("Your clock is 2 min fast (give or take 4.2 s)."));
    }

    #[test]
    fn fill_passes_known_forms_and_ignores_others() {
        let mut seen = Vec::new();
        let text = fill("{a:dative} {b:bogus} {c} {D:dative} {e:}", |name, form| {
            seen.push((name.to_owned(), form));
            None
        });
        assert_eq!(text, "{a:dative} {b:bogus} {c} {D:dative} {e:}");
        let named = |n: &str, f| (n.to_owned(), f);
        assert_eq!(seen, [named("a", Some("dative")), named("b", None), named("c", None)]);
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
        for (key, template) in every_template() {
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
            for inside in template.split('{').skip(1).filter_map(|rest| rest.split_once('}')).map(|(p, _)| p) {
                if let Some((_, Some(form))) = placeholder(inside) {
                    assert!(FORMS.contains(&form), "{key} asks for the unknown form {form}");
                }
            }
        }
    }

    #[test]
    fn fill_replaces_known_and_keeps_unknown() {
        assert_eq!(fill("a {x} b {y} {", |n, _| (n == "x").then(|| "1".to_owned())), "a 1 b {y} {");
        assert_eq!(fill("{}{Not} {x", |_, _| Some("!".to_owned())), "{}{Not} {x");
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
