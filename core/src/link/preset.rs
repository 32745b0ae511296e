//! Identity-stack presets: what a reset link of a common stack looks like, whether opening it spends the token,
//! and how long it lives. A config names one (`"preset": "django"`) and overrides any field; without a config the
//! analysis recognises a stack from its link's shape, to read a token's expiry where the format carries it.
//!
//! The values come from `shared/reference/reset-link-formats.md`, which cites each stack's source. "GET consumes"
//! decides whether a mail scanner that opens the link before the user breaks the reset.

use super::text::{query_param, Parts};
use super::token::{Alphabet, Clock, TokenLocation, TokenSpec};
use std::borrow::Cow;

/// A common identity stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Preset {
    /// Django's `django.contrib.auth` password reset.
    Django,
    /// Rails with Devise (also GitLab).
    Devise,
    /// Laravel's password broker.
    Laravel,
    /// ASP.NET Core Identity's scaffolded UI.
    AspNetIdentity,
    /// WordPress's `wp-login.php?action=rp`.
    WordPress,
    /// Supabase Auth (GoTrue) `/verify` links.
    Supabase,
    /// Firebase Auth's action handler.
    Firebase,
    /// Keycloak action tokens.
    Keycloak,
    /// Auth0 password-change tickets.
    Auth0,
    /// Okta Classic recovery links.
    Okta,
    /// Ory Kratos recovery links.
    Kratos,
    /// Authentik recovery flows.
    Authentik,
    /// FusionAuth change-password links.
    FusionAuth,
    /// Gitea (and Forgejo) account recovery.
    Gitea,
}

/// A preset's settings.
#[derive(Debug)]
pub(crate) struct Defaults {
    /// Text every reset link of the stack has in its path (the stack may be mounted under a prefix).
    pub path_contains: &'static str,
    pub location: TokenLocation,
    pub alphabet: Alphabet,
    pub min_len: usize,
    pub max_len: usize,
    /// Whether opening the link (a GET) spends the token.
    pub get_consumes_token: bool,
    /// The default lifetime, for formats that carry only the issue time.
    pub lifetime_s: Option<i64>,
    /// How the token carries its times, if it does.
    pub clock: Option<Clock>,
}

const fn query(name: &'static str) -> TokenLocation {
    TokenLocation::Query(Cow::Borrowed(name))
}

impl Preset {
    /// Every preset, in the order of [`Preset::NAMES`].
    pub const ALL: [Preset; 14] = [
        Preset::Django,
        Preset::Devise,
        Preset::Laravel,
        Preset::AspNetIdentity,
        Preset::WordPress,
        Preset::Supabase,
        Preset::Firebase,
        Preset::Keycloak,
        Preset::Auth0,
        Preset::Okta,
        Preset::Kratos,
        Preset::Authentik,
        Preset::FusionAuth,
        Preset::Gitea,
    ];

    /// The names the config accepts; also the stable words for the stack.
    pub const NAMES: [&'static str; 14] = [
        "django",
        "devise",
        "laravel",
        "aspnet_identity",
        "wordpress",
        "supabase",
        "firebase",
        "keycloak",
        "auth0",
        "okta",
        "kratos",
        "authentik",
        "fusionauth",
        "gitea",
    ];

    /// The preset's config name.
    ///
    /// ```
    /// use resetcheck_core::link::Preset;
    /// assert_eq!(Preset::AspNetIdentity.name(), "aspnet_identity");
    /// assert_eq!(Preset::from_name("gitea"), Some(Preset::Gitea));
    /// ```
    pub fn name(self) -> &'static str {
        let i = Preset::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Preset::NAMES[i]
    }

    /// The preset the config calls `name`.
    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::NAMES.iter().position(|n| *n == name).map(|i| Preset::ALL[i])
    }

    /// Whether opening this stack's link spends its token, so a mail scanner that opens it first breaks the reset.
    ///
    /// ```
    /// use resetcheck_core::link::Preset;
    /// assert!(Preset::Supabase.get_consumes_token());
    /// assert!(!Preset::Django.get_consumes_token());
    /// ```
    pub fn get_consumes_token(self) -> bool {
        self.defaults().get_consumes_token
    }

    /// The preset's token settings.
    ///
    /// ```
    /// use resetcheck_core::link::{Alphabet, Preset};
    /// let token = Preset::WordPress.token();
    /// assert_eq!((token.alphabet, token.min_len, token.max_len), (Alphabet::Alnum, Some(20), Some(20)));
    /// ```
    pub fn token(self) -> TokenSpec {
        let d = self.defaults();
        TokenSpec { location: d.location, alphabet: d.alphabet, min_len: Some(d.min_len), max_len: Some(d.max_len) }
    }

    /// Text every reset link of the stack has in its path.
    ///
    /// ```
    /// use resetcheck_core::link::Preset;
    /// assert_eq!(Preset::Gitea.path_contains(), "/user/recover_account");
    /// ```
    pub fn path_contains(self) -> &'static str {
        self.defaults().path_contains
    }

    pub(crate) fn defaults(self) -> Defaults {
        let d = |path_contains, location, alphabet, min_len, max_len, get_consumes_token, lifetime_s, clock| Defaults {
            path_contains,
            location,
            alphabet,
            min_len,
            max_len,
            get_consumes_token,
            lifetime_s,
            clock,
        };
        match self {
            // `/reset/<uidb64>/<token>/`; PASSWORD_RESET_TIMEOUT is 3 days. The view moves the token into the
            // session before showing the form, so a GET does not spend it.
            Preset::Django => d(
                "/reset/",
                TokenLocation::Path(-1),
                Alphabet::Django,
                22,
                46,
                false,
                Some(259_200),
                Some(Clock::Django),
            ),
            // 20-character friendly token; `reset_password_within` is 6 hours.
            Preset::Devise => d(
                "/password/edit",
                query("reset_password_token"),
                Alphabet::Base64Url,
                20,
                20,
                false,
                Some(21_600),
                None,
            ),
            // 64 hex in the path; `expire` is 60 minutes.
            Preset::Laravel => {
                d("/reset-password/", TokenLocation::Path(-1), Alphabet::Hex, 64, 64, false, Some(3_600), None)
            }
            // `code` is Base64url of the Data Protection token (it starts `Q2ZESjh`); lifespan 1 day.
            Preset::AspNetIdentity => {
                d("/Account/ResetPassword", query("code"), Alphabet::Base64Url, 80, 2048, false, Some(86_400), None)
            }
            // `key` is 20 alphanumerics; the key lives 24 hours; wp-login.php moves it into a cookie on GET.
            Preset::WordPress => d("/wp-login.php", query("key"), Alphabet::Alnum, 20, 20, false, Some(86_400), None),
            // `/auth/v1/verify` redeems the token on GET, then redirects: pre-fetch breaks it.
            Preset::Supabase => {
                d("/auth/v1/verify", query("token"), Alphabet::Supabase, 56, 61, true, Some(86_400), None)
            }
            // `oobCode` is opaque; about an hour.
            Preset::Firebase => {
                d("/__/auth/action", query("oobCode"), Alphabet::Base64Url, 20, 256, false, Some(3_600), None)
            }
            // `key` is a JWT with `exp` and `iat`; the GET starts the flow and the token is single-use.
            Preset::Keycloak => {
                d("/login-actions/action-token", query("key"), Alphabet::Jwt, 60, 4096, true, None, Some(Clock::Jwt))
            }
            // `ticket` is 32 alphanumerics followed by a literal `#`.
            Preset::Auth0 => d("/reset", query("ticket"), Alphabet::Alnum, 32, 32, false, None, None),
            // The recovery token is 20 alphanumerics in the path; links live an hour by default.
            Preset::Okta => {
                d("/signin/reset-password/", TokenLocation::Path(-1), Alphabet::Alnum, 20, 20, false, Some(3_600), None)
            }
            // The link method redeems `token` on GET; lifespan 1 hour.
            Preset::Kratos => {
                d("/self-service/recovery", query("token"), Alphabet::Alnum, 32, 32, true, Some(3_600), None)
            }
            // `flow_token` restores the flow on GET; the e-mail stage's expiry is 30 minutes.
            Preset::Authentik => d("/if/flow/", query("flow_token"), Alphabet::Alnum, 20, 128, true, Some(1_800), None),
            // The change-password id lives 10 minutes; Safe Links submits the page's JS auto-POST, so it counts as
            // spent.
            Preset::FusionAuth => {
                d("/password/change/", TokenLocation::Path(-1), Alphabet::Base64Url, 30, 64, true, Some(600), None)
            }
            // The code carries its start time and minutes; 180 minutes by default.
            Preset::Gitea => d(
                "/user/recover_account",
                query("code"),
                Alphabet::Gitea,
                60,
                512,
                false,
                Some(10_800),
                Some(Clock::Gitea),
            ),
        }
    }

    /// The stack whose reset link `parts` looks like, judged by distinctive paths and parameters only.
    pub(crate) fn detect(parts: &Parts<'_>) -> Option<Preset> {
        let path = parts.path;
        let has = |name: &str| parts.query.is_some_and(|q| query_param(q, name).is_some());
        let last_segment = path.split('/').rfind(|s| !s.is_empty()).unwrap_or("");
        let detected = if path.contains("/login-actions/action-token") && has("key") {
            Preset::Keycloak
        } else if path.ends_with("/wp-login.php") && has("key") && has("login") {
            Preset::WordPress
        } else if path.ends_with("/auth/v1/verify") && has("token") {
            Preset::Supabase
        } else if path.ends_with("/__/auth/action") && has("oobCode") {
            Preset::Firebase
        } else if path.ends_with("/user/recover_account") && has("code") {
            Preset::Gitea
        } else if path.contains("/password/edit") && has("reset_password_token") {
            Preset::Devise
        } else if path.contains("/self-service/recovery") && has("token") {
            Preset::Kratos
        } else if path.contains("/if/flow/") && has("flow_token") {
            Preset::Authentik
        } else if path.contains("/Account/ResetPassword") && has("code") {
            Preset::AspNetIdentity
        } else if (path.ends_with("/lo/reset") || path.ends_with("/u/reset-verify")) && has("ticket") {
            Preset::Auth0
        } else if path.contains("/signin/reset-password/") {
            Preset::Okta
        } else if path.contains("/password/change/") && (has("tenantId") || has("client_id")) {
            Preset::FusionAuth
        } else if path.contains("/reset-password/") && (has("email") || last_segment.len() == 64) {
            Preset::Laravel
        } else if path.contains("/reset/")
            && last_segment.split_once('-').is_some_and(|(ts, h)| {
                (1..=13).contains(&ts.len()) && ts.chars().all(|c| c.is_ascii_alphanumeric()) && h.len() >= 20
            })
        {
            Preset::Django
        } else {
            return None;
        };
        Some(detected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::text::split;

    fn detect(url: &str) -> Option<&'static str> {
        Preset::detect(&split(url).unwrap()).map(Preset::name)
    }

    #[test]
    fn names_round_trip() {
        for preset in Preset::ALL {
            assert_eq!(Preset::from_name(preset.name()), Some(preset));
        }
    }

    #[test]
    fn detects_stacks_from_link_shape() {
        assert_eq!(
            detect("https://sso.x.test/realms/a/login-actions/action-token?key=eyJ.eyJ.s&client_id=c"),
            Some("keycloak")
        );
        assert_eq!(detect("https://x.test/wp-login.php?action=rp&key=abc&login=bob"), Some("wordpress"));
        assert_eq!(detect("https://p.supabase.co/auth/v1/verify?token=ab&type=recovery"), Some("supabase"));
        assert_eq!(detect("https://x.test/accounts/reset/MQ/c5mh0d-0f6f4b1e32a52d2b76ed/"), Some("django"));
        assert_eq!(detect("https://x.test/user/recover_account?code=2023"), Some("gitea"));
        assert_eq!(detect("https://x.test/reset-password/abc?email=a%40b.test"), Some("laravel"));
        assert_eq!(detect("https://x.test/blog/2024/reset-your-router"), None);
    }
}
