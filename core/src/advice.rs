//! The advice catalogue: findings rendered into words for a person.
//!
//! The same rendering serves the end user's page, the support view and the
//! CLI, so everyone reads the same advice for the same finding.

use crate::messages::{fill, Catalogue};
use crate::registry::FINDINGS;
use crate::report::{CheckId, Finding, Param, Status};

/// A finding in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingText {
    /// A short headline.
    pub title: String,
    /// What the user can do.
    pub user: String,
    /// What support checks next.
    pub support: String,
}

/// Renders `finding` in the catalogue's language.
///
/// A word param shows as its catalogue entry `param.<name>.<word>` where one
/// exists, so vocabularies are translated too.
///
/// ```
/// use resetcheck_core::advice::render;
/// use resetcheck_core::messages::{Catalogue, Locale};
/// use resetcheck_core::report::{Finding, Param};
/// let f = Finding::new("check.timeout").with("timeout_ms", Param::Int(5000));
/// let text = render(Catalogue::new(Locale::En), &f);
/// assert_eq!(text.title, "This check took too long");
/// assert!(text.support.contains("5000 ms"));
/// ```
pub fn render(cat: Catalogue, finding: &Finding) -> FindingText {
    let part = |part: &str| {
        let template = cat.text(&format!("{}.{part}", finding.id));
        fill(&template, |name| finding.params.get(name).map(|value| param_text(cat, name, value)))
    };
    FindingText { title: part("title"), user: part("user"), support: part("support") }
}

fn param_text(cat: Catalogue, name: &str, value: &Param) -> String {
    match value {
        Param::Int(n) => n.to_string(),
        Param::Word(word) => {
            let key = format!("param.{name}.{word}");
            cat.template(&key).map(|t| t.into_owned()).unwrap_or_else(|| (*word).to_owned())
        }
    }
}

/// The check's display name.
pub fn check_name(cat: Catalogue, check: CheckId) -> String {
    cat.text(&format!("check.{}.name", check.as_str()))
}

/// The status in words.
pub fn status_label(cat: Catalogue, status: Status) -> String {
    cat.text(&format!("status.{}", status.as_str()))
}

/// `docs/findings.md`, generated from the registry and the English texts.
pub fn findings_markdown() -> String {
    let cat = Catalogue::new(crate::messages::Locale::En);
    let mut out = String::from(
        "# Finding registry\n\n\
         Generated from `core/src/registry.rs` and the English catalogue by the core's tests; do not edit by hand.\n\
         Regenerate with `UPDATE_EXPECT=1 cargo test -p resetcheck-core findings_doc`.\n\n\
         The registry is append-only: a number, once released, keeps its meaning forever, because diagnostic codes carry numbers.\n\
         A decoder that meets a number it does not know still decodes the rest of the code, and shows that finding as \"unknown finding N (made by a newer resetcheck)\" with status warn.\n\n\
         Severity sets the check's status: error > fail > warn > skip > pass; a note leaves it at pass.\n\n\
         | # | id | severity | params | meaning | user advice | support next step |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for def in FINDINGS {
        let row = |part: &str| cat.text(&format!("{}.{part}", def.id)).replace('|', "\\|");
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} | {} | {} |\n",
            def.number,
            def.id,
            def.severity.as_str(),
            if def.params.is_empty() { "none".to_owned() } else { def.params.join(", ") },
            row("title"),
            row("user"),
            row("support"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Locale;

    #[test]
    fn findings_doc_is_up_to_date() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/findings.md");
        expect_test::expect_file![path].assert_eq(&findings_markdown());
    }

    #[test]
    fn word_params_are_translated() {
        let f = Finding::new("browser.local_storage_unavailable").with("reason", Param::Word("quota"));
        let text = render(Catalogue::new(Locale::En), &f);
        assert!(text.support.contains("storage quota is full"), "{}", text.support);
    }

    #[test]
    fn every_storage_reason_has_words() {
        let cat = Catalogue::new(Locale::En);
        for reason in crate::browser::STORAGE_REASONS {
            assert!(cat.template(&format!("param.reason.{reason}")).is_some(), "param.reason.{reason}");
        }
    }

    #[test]
    fn every_check_and_status_has_words() {
        let cat = Catalogue::new(Locale::En);
        for check in CheckId::ALL {
            for part in ["name", "pass", "running"] {
                let key = format!("check.{}.{part}", check.as_str());
                assert!(cat.template(&key).is_some(), "{key}");
            }
        }
        for status in [Status::Pass, Status::Skip, Status::Warn, Status::Fail, Status::Error] {
            assert_ne!(status_label(cat, status), format!("status.{}", status.as_str()));
        }
    }
}
