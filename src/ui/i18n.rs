//! The catalogue as a Leptos context value.

use leptos::prelude::*;
use resetcheck_core::messages::Catalogue;

/// The page's message catalogue, provided once by `CheckerApp` or `SupportApp`.
#[derive(Clone, Copy, Debug)]
pub struct I18n(pub Catalogue);

impl I18n {
    /// The catalogue from context.
    pub fn get() -> I18n {
        use_context::<I18n>().unwrap_or(I18n(Catalogue::checker(resetcheck_core::messages::Locale::En)))
    }

    /// The text for `key`.
    pub fn t(self, key: &str) -> String {
        self.0.text(key)
    }

    /// An accessible name: the words `key` shows, then the catalogue's
    /// label punctuation and `detail` (a `visually-hidden` span in the
    /// element instead reads with a stray space in Chromium).
    pub fn labelled(self, key: &str, detail: &str) -> String {
        format!("{}{}{detail}", self.t(key), self.t("punct.label_end"))
    }

    /// The text for `key` with its placeholders filled.
    pub fn f(self, key: &str, args: &[(&str, &str)]) -> String {
        self.0.format(key, args)
    }
}
