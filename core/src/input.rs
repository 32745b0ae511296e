//! What the user types or pastes, analysed by the input module.
//!
//! The link test and the e-mail lint are the heaviest analysers and run
//! only when the user uses them, and the QR code is drawn only when asked
//! for, so they live in a bundle of their own
//! (`input/`, built into `dist/input/`) that the checker loads on first
//! use, not on first load. This module is both sides of that boundary:
//! the module calls [`link_json`], [`email_json`] and [`qr_json`], and the
//! checker reads the answers with [`LinkView::from_json`],
//! [`email_from_json`] and [`qr_from_json`].
//!
//! Everything crosses as JSON: the findings as the report JSON writes them
//! (id and params), read back against the registry and the code's word
//! lists so they hold the same `&'static str`s as the checker's own, and
//! carry exactly what the checker's code can carry (a word the code
//! doesn't know reads as `other`); then what only the page shows (the
//! links found, the layers, the repaired link, the findings' texts and the
//! e-mail tip, rendered here in the page's language, so the checker's
//! catalogue can leave them out). Nothing crosses a network: both sides run in the same
//! page.

use crate::advice::{self, Context, FindingText};
use crate::link::{self, LinkAnalysis};
use crate::messages::{Catalogue, Locale};
use crate::qr::{self, QrSvg};
use crate::report::{CheckId, CheckResult, Finding, Param};
use crate::{code, config, email, registry};
use serde_json::{json, Map, Value};

/// What the link test shows: the analysis without what only the core
/// needs (token times, the stack), read back on the checker's side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkView {
    /// The links found in the paste, repaired, in order.
    pub candidates: Vec<String>,
    /// Several different links were found: the user picks one.
    pub needs_choice: bool,
    /// The wrappers taken off, outermost first, by their words.
    pub layers: Vec<String>,
    /// The original link recovered, when it could be.
    pub unwrapped: Option<String>,
    /// Whether the page may offer "open the repaired link".
    pub openable: bool,
    /// The token's time left when analysed, in ms (negative once expired),
    /// when its expiry is known: what a report made later ages.
    pub expires_in_ms: Option<i64>,
    /// The link check's result and its findings' texts.
    pub rendered: Rendered,
}

/// A check's result with its findings' texts, in order: the e-mail lint's
/// answer, and part of the link test's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// The result, as the report carries it.
    pub result: CheckResult,
    /// Its findings' texts, in order.
    pub texts: Vec<FindingText>,
}

impl Rendered {
    /// `result` with its findings' texts from `cat`. Link and e-mail
    /// findings name no endpoint, so no endpoint names are needed.
    fn of(result: CheckResult, cat: Catalogue) -> Rendered {
        let ctx = Context { measures: Some(&result.measures), ..Context::default() };
        let texts = result.findings.iter().map(|f| advice::render(cat, f, ctx)).collect();
        Rendered { result, texts }
    }

    /// Each finding with its text.
    pub fn findings(&self) -> Vec<(Finding, FindingText)> {
        self.result.findings.iter().cloned().zip(self.texts.iter().cloned()).collect()
    }

    /// The answer's `check`, `findings` (as the report JSON writes them)
    /// and `texts` fields.
    fn write(&self, answer: &mut Map<String, Value>) {
        answer.insert("check".to_owned(), Value::from(self.result.check.as_str()));
        answer.insert("findings".to_owned(), serde_json::to_value(&self.result.findings).unwrap_or_default());
        let texts = self.texts.iter().map(|t| json!([t.title, t.user, t.support])).collect();
        answer.insert("texts".to_owned(), Value::Array(texts));
    }

    /// Reads what [`Rendered::write`] wrote for `check`: one text per finding.
    fn read(answer: &Value, check: CheckId) -> Option<Rendered> {
        if answer.get("check")?.as_str()? != check.as_str() {
            return None;
        }
        let findings: Vec<Finding> =
            answer.get("findings")?.as_array()?.iter().map(read_finding).collect::<Option<_>>()?;
        // A finding of another check is no answer to this one.
        let prefix = format!("{}.", check.as_str());
        if !findings.iter().all(|f| f.id.starts_with(&prefix)) {
            return None;
        }
        let result = CheckResult::new(check, findings);
        let texts: Vec<FindingText> = answer
            .get("texts")?
            .as_array()?
            .iter()
            .map(|t| match t.as_array()?.as_slice() {
                [title, user, support] => Some(FindingText {
                    title: title.as_str()?.to_owned(),
                    user: user.as_str()?.to_owned(),
                    support: support.as_str()?.to_owned(),
                }),
                _ => None,
            })
            .collect::<Option<_>>()?;
        (texts.len() == result.findings.len()).then_some(Rendered { result, texts })
    }
}

/// A finding as the report JSON writes it, with the registry's id and
/// param names and the code's words; `None` for an id this build doesn't
/// know or a param value of the wrong kind.
fn read_finding(v: &Value) -> Option<Finding> {
    let def = registry::lookup(v.get("id")?.as_str()?)?;
    let given = v.get("params")?.as_object()?;
    let mut finding = Finding::new(def.id);
    for &name in def.params {
        if let Some(value) = given.get(name) {
            finding = finding.with(name, code::param_from_json(name, value)?);
        }
    }
    Some(finding)
}

impl LinkView {
    /// The view of an analysis, as the input module sends it, with texts
    /// from `cat`.
    pub fn of(analysis: &LinkAnalysis, cat: Catalogue) -> LinkView {
        LinkView {
            candidates: analysis.candidates.clone(),
            needs_choice: analysis.needs_choice,
            layers: analysis.layers.iter().map(|l| l.wrapper.to_owned()).collect(),
            unwrapped: analysis.unwrapped.clone(),
            openable: analysis.openable,
            expires_in_ms: analysis.expires_in_ms,
            rendered: Rendered::of(link::check_result(analysis), cat),
        }
    }

    /// Whether the link shown differs from the one pasted: a wrapper came
    /// off, or mail damage was mended (punctuation of the sentence around
    /// it doesn't count). If not, the page offers "the link", not "the
    /// repaired link".
    pub fn repaired(&self) -> bool {
        const MENDED: &[&str] = &[
            "link.quoted_printable",
            "link.line_wrapped",
            "link.html_entities",
            "link.entity_damage",
            "link.markdown_escaped",
            "link.invisible_characters",
            "link.plus_as_space",
        ];
        !self.layers.is_empty() || self.rendered.result.findings.iter().any(|f| MENDED.contains(&f.id))
    }

    /// Whether the link can't work as it is (truncated, its token damaged
    /// or expired): the page says so instead of offering it.
    pub fn broken(&self) -> bool {
        link::is_broken(&self.rendered.result.findings)
    }

    /// Reads [`link_json`]'s answer; `None` when it is not one (a module
    /// from another build, say).
    pub fn from_json(text: &str) -> Option<LinkView> {
        let v: Value = serde_json::from_str(text).ok()?;
        let strings = |key: &str| -> Option<Vec<String>> {
            v.get(key)?.as_array()?.iter().map(|s| s.as_str().map(str::to_owned)).collect()
        };
        let layers = strings("layers")?;
        let mut rendered = Rendered::read(&v, CheckId::Link)?;
        // The code carries no link measure; `layers`, the only one, follows from the layers.
        let count = i64::try_from(layers.len()).unwrap_or(i64::MAX);
        rendered.result.measures.insert("layers", Param::Int(count));
        Some(LinkView {
            candidates: strings("candidates")?,
            needs_choice: v.get("needs_choice")?.as_bool()?,
            layers,
            unwrapped: v.get("unwrapped").and_then(Value::as_str).map(str::to_owned),
            openable: v.get("openable")?.as_bool()?,
            expires_in_ms: v.get("expires_in_ms").and_then(Value::as_i64),
            rendered,
        })
    }
}

/// The link test of `pasted` against the site's config (the text of
/// `resetcheck.json`, empty when there is none), as JSON for the checker,
/// with texts in the language tagged `lang`. `choice` picks a candidate
/// after the user chose one; `now_ms` is the server-corrected time expiry is
/// judged on.
pub fn link_json(pasted: &str, choice: Option<usize>, config_text: &str, now_ms: Option<i64>, lang: &str) -> String {
    let config = config::load(config_text).config.reset_link;
    let analysis = match choice {
        Some(i) => link::analyze_choice(pasted, i, &config, now_ms),
        None => link::analyze(pasted, &config, now_ms),
    };
    let view = LinkView::of(&analysis, catalogue(lang));
    let mut answer = Map::new();
    view.rendered.write(&mut answer);
    answer.insert("candidates".to_owned(), json!(view.candidates));
    answer.insert("needs_choice".to_owned(), json!(view.needs_choice));
    answer.insert("layers".to_owned(), json!(view.layers));
    answer.insert("unwrapped".to_owned(), json!(view.unwrapped));
    answer.insert("openable".to_owned(), json!(view.openable));
    answer.insert("expires_in_ms".to_owned(), json!(view.expires_in_ms));
    Value::Object(answer).to_string()
}

/// What the e-mail check shows: the lint, and for a well-typed address
/// where to look for the reset e-mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailView {
    /// The lint's findings and their texts.
    pub rendered: Rendered,
    /// Where the address's kind of mailbox files a reset e-mail that
    /// doesn't seem to arrive ([`email::where_to_look`]): its heading and
    /// text. Page only: it is in no report.
    pub tip: Option<(String, String)>,
}

/// The e-mail lint of `typed`, as JSON for the checker, with texts in the
/// language tagged `lang`.
pub fn email_json(typed: &str, lang: &str) -> String {
    let cat = catalogue(lang);
    let (findings, look) = email::lint_and_look(typed);
    let mut answer = Map::new();
    Rendered::of(CheckResult::new(CheckId::Email, findings), cat).write(&mut answer);
    let tip = look.map(|mailbox| {
        let place = cat.text(&format!("email.tip.where.{mailbox}"));
        [cat.text("email.tip.title"), cat.format("email.tip.text", &[("where", &place)])]
    });
    answer.insert("tip".to_owned(), json!(tip));
    Value::Object(answer).to_string()
}

/// Reads [`email_json`]'s answer.
pub fn email_from_json(text: &str) -> Option<EmailView> {
    let v: Value = serde_json::from_str(text).ok()?;
    let tip = match v.get("tip") {
        None | Some(Value::Null) => None,
        Some(tip) => match tip.as_array()?.as_slice() {
            [title, text] => Some((title.as_str()?.to_owned(), text.as_str()?.to_owned())),
            _ => return None,
        },
    };
    Some(EmailView { rendered: Rendered::read(&v, CheckId::Email)?, tip })
}

/// The input module's catalogue for the language tagged `lang`.
fn catalogue(lang: &str) -> Catalogue {
    let none: &[&str] = &[];
    Catalogue::entered(Locale::negotiate(Some(lang), none))
}

/// The QR code of `text` (the support link), as JSON for the checker;
/// `null` when it is too long for one.
pub fn qr_json(text: &str) -> String {
    match qr::svg(text) {
        Some(qr) => json!({ "size": qr.size, "path": qr.path }).to_string(),
        None => String::from("null"),
    }
}

/// Reads [`qr_json`]'s answer.
pub fn qr_from_json(text: &str) -> Option<QrSvg> {
    let v: Value = serde_json::from_str(text).ok()?;
    let size = i32::try_from(v.get("size")?.as_i64()?).ok()?;
    Some(QrSvg { size, path: v.get("path")?.as_str()?.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = r#"{"reset_link": {"hosts": ["auth.example.com"], "preset": "keycloak"}}"#;

    /// Real-world shapes the link corpus has too: a Safe Links wrapper
    /// (Microsoft Defender for Office 365 "Safe Links" URL format) around a
    /// Keycloak action-token link, and two different links in one paste.
    const SAFE_LINKS: &str = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fauth.example.com%2Frealms%2Fmain%2Flogin-actions%2Faction-token%3Fkey%3DeyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDAwMDB9.c2ln&data=05%7C01";
    const TWO_LINKS: &str = "Reset: https://auth.example.com/a?key=one or https://auth.example.com/b?key=two";

    #[test]
    fn a_link_answer_reads_back_as_the_analysis_shows_it() {
        let config = config::load(CONFIG).config.reset_link;
        for (pasted, choice) in [(SAFE_LINKS, None), (TWO_LINKS, None), (TWO_LINKS, Some(1)), ("no link here", None)] {
            let now = Some(1_700_000_000_000 + 3_600_000);
            let direct = match choice {
                Some(i) => link::analyze_choice(pasted, i, &config, now),
                None => link::analyze(pasted, &config, now),
            };
            let read = LinkView::from_json(&link_json(pasted, choice, CONFIG, now, "en")).unwrap();
            assert_eq!(read, LinkView::of(&direct, Catalogue::new(Locale::En)), "{pasted} {choice:?}");
        }
    }

    #[test]
    fn the_answer_carries_the_findings_exactly() {
        let read = LinkView::from_json(&link_json(SAFE_LINKS, None, CONFIG, Some(1_700_003_600_000), "en")).unwrap();
        let ids: Vec<&str> = read.rendered.result.findings.iter().map(|f| f.id).collect();
        assert!(ids.contains(&"link.rewritten"), "{ids:?}");
        assert!(ids.contains(&"link.expired"), "{ids:?}");
        assert_eq!(read.layers, ["safelinks"]);
        assert_eq!(read.rendered.result.measures.get("layers"), Some(&Param::Int(1)));
        assert!(!read.openable, "expired, so shown as text");
        assert!(read.broken());
        assert_eq!(read.rendered.texts.len(), read.rendered.result.findings.len());
        assert!(
            read.rendered.texts.iter().any(|t| t.title.contains("Microsoft Safe Links")),
            "{:?}",
            read.rendered.texts
        );
    }

    #[test]
    fn only_a_changed_link_is_called_repaired() {
        let view = |pasted: &str| LinkView::from_json(&link_json(pasted, None, CONFIG, None, "en")).unwrap();
        assert!(view(SAFE_LINKS).repaired(), "a wrapper came off");
        let plain = "https://example.com/reset?token=abc";
        assert!(!view(plain).repaired(), "{:?}", view(plain).rendered.result.findings);
        let v = view(&format!("Reset it here: {plain}."));
        assert!(!v.repaired(), "only the sentence around it went: {:?}", v.rendered.result.findings);
        assert!(view(r"https://example.com/reset?token=a\_b").repaired(), "a Markdown escape");
        assert!(view("https://example.com/re=\nset?token=3Dabc").repaired(), "quoted-printable");
    }

    #[test]
    fn texts_come_in_the_pages_language() {
        let pseudo = LinkView::from_json(&link_json(SAFE_LINKS, None, CONFIG, None, "en-XA")).unwrap();
        assert!(pseudo.rendered.texts.iter().all(|t| t.title.starts_with('⟦')), "{:?}", pseudo.rendered.texts);
        let email = email_from_json(&email_json("jane@gmial.com", "en-XA")).unwrap();
        assert!(email.rendered.texts[0].user.starts_with('⟦'));
        let tip = email_from_json(&email_json("jane@gmail.com", "en-XA")).unwrap().tip.unwrap();
        assert!(tip.0.starts_with('⟦') && tip.1.starts_with('⟦'), "{tip:?}");
    }

    #[test]
    fn every_corpus_link_reads_back_as_analysed() {
        // Real-world rewritten links (core/tests/data/links.jsonl, each row with its source).
        let config = config::load(CONFIG).config.reset_link;
        let now = Some(1_700_000_000_000);
        let mut read = 0;
        for row in include_str!("../tests/data/links.jsonl").lines() {
            let row: Value = serde_json::from_str(row).unwrap();
            let pasted = row["input"].as_str().unwrap();
            let direct = LinkView::of(&link::analyze(pasted, &config, now), Catalogue::new(Locale::En));
            assert_eq!(LinkView::from_json(&link_json(pasted, None, CONFIG, now, "en")), Some(direct), "{pasted}");
            read += 1;
        }
        assert!(read > 20, "{read}");
    }

    #[test]
    fn an_email_answer_reads_back_as_the_lint() {
        for typed in ["jane@gmial.com", "jane@example.com", " jane@outlook.com", "not an address"] {
            let read = email_from_json(&email_json(typed, "en")).unwrap().rendered;
            let direct = email::analyze(typed);
            assert_eq!(read, Rendered::of(direct.clone(), Catalogue::new(Locale::En)), "{typed}");
            assert_eq!(read.result, direct, "{typed}");
        }
    }

    #[test]
    fn a_well_typed_address_comes_with_where_to_look_and_the_report_without() {
        let gmail = email_from_json(&email_json("jane@gmail.com", "en")).unwrap();
        let (title, text) = gmail.tip.unwrap();
        assert_eq!(title, "If the reset e-mail doesn't arrive");
        assert!(
            text.starts_with("It can take a few minutes. In Gmail, look in Spam, Promotions and Updates."),
            "{text}"
        );
        assert!(gmail.rendered.result.findings.is_empty(), "the tip is no finding");
        assert!(!email_json("jane@gmail.com", "en").contains("gmail\""), "nor is the mailbox's word in the answer");
        // An address with a problem gets the fix, not the tip.
        assert_eq!(email_from_json(&email_json("jane@gmial.com", "en")).unwrap().tip, None);
        assert_eq!(email_from_json(&email_json("", "en")).unwrap().tip, None);
    }

    #[test]
    fn a_broken_or_foreign_answer_is_none() {
        let unknown = r#"{"check": "email", "findings": [{"id": "email.no_such_finding", "params": {}}], "texts": [["a", "b", "c"]]}"#;
        let wrong_kind = r#"{"check": "email", "findings": [{"id": "email.domain_typo", "params": {"suggestion": 5}}], "texts": [["a", "b", "c"]]}"#;
        let other_check =
            r#"{"check": "email", "findings": [{"id": "link.truncated", "params": {}}], "texts": [["a", "b", "c"]]}"#;
        for bad in ["", "{}", "null", r#"{"findings": 5}"#, unknown, wrong_kind, other_check] {
            assert_eq!(email_from_json(bad), None, "{bad}");
            assert_eq!(LinkView::from_json(bad), None, "{bad}");
        }
        // An e-mail answer is not a link answer, and the other way round.
        let email = email_json("jane@gmial.com", "en");
        assert_eq!(LinkView::from_json(&email), None);
        let link = link_json(SAFE_LINKS, None, CONFIG, None, "en");
        assert_eq!(email_from_json(&link), None);
        // A text missing for a finding.
        assert_eq!(email_from_json(&email.replace(r#""texts":[["#, r#""texts":[],"x":[["#)), None);
        // A tip of the wrong shape; none at all reads as no tip.
        let clean = email_json("jane@example.com", "en");
        let tip_at = clean.find(r#""tip":"#).unwrap();
        for bad in ["5", r#"["a"]"#, r#"["a",5]"#, r#"{"a":"b"}"#] {
            let broken = format!(r#"{}"tip":{bad}}}"#, &clean[..tip_at]);
            assert_eq!(email_from_json(&broken), None, "{broken}");
        }
        let without = format!("{}}}", clean[..tip_at].trim_end_matches(','));
        assert_eq!(email_from_json(&without).map(|v| v.tip), Some(None), "{without}");
    }

    #[test]
    fn a_qr_answer_reads_back_as_drawn() {
        let link = "https://help.example.com/support/index.html#support=DKW4HM6P10ZJ9504H34";
        assert_eq!(qr_from_json(&qr_json(link)), qr::svg(link));
        assert!(qr_from_json(&qr_json(link)).is_some());
        assert_eq!(qr_from_json(&qr_json(&"x".repeat(5_000))), None);
        assert_eq!(qr_from_json(r#"{"size": "9", "path": "M0 0"}"#), None);
    }

    #[test]
    fn no_config_means_the_defaults() {
        let read = LinkView::from_json(&link_json(SAFE_LINKS, None, "", None, "en")).unwrap();
        let direct = link::analyze(SAFE_LINKS, &link::LinkConfig::default(), None);
        assert_eq!(read, LinkView::of(&direct, Catalogue::new(Locale::En)));
        assert!(!read.openable, "no configured host, so never openable");
    }
}
