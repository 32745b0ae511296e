//! The deployment config, `resetcheck.json`: model, defaults and validation.
//!
//! Loading never fails. [`load`] always returns a usable [`Config`]: a field
//! that is wrong falls back to its default, and every problem is listed as a
//! [`ConfigProblem`] naming the field (`endpoints[1].url`) and what was
//! expected. The page shows those problems to the admin (`?debug=1` and the
//! console), never to the end user as a broken page.
//!
//! The schema is documented for admins in `docs/config.md`; keep the two in
//! step.

use crate::link::{Alphabet, Environment, LinkConfig, Preset, TokenLocation, TokenOverride};
use crate::messages::{Catalogue, Locale};
use crate::weburl::{UrlError, WebUrl};
use serde_json::{Map, Value};
use std::fmt;

/// Longest accepted probe timeout: a probe that needs longer is broken.
pub const MAX_PROBE_TIMEOUT_MS: u64 = 30_000;
/// Shortest accepted probe timeout: anything shorter fails on slow phones.
pub const MIN_PROBE_TIMEOUT_MS: u64 = 500;
/// Most endpoints a config may list, to keep the run bounded.
pub const MAX_ENDPOINTS: usize = 16;
/// Most entries in any other list (embedders, hosts, environments): far
/// more than a site has, and a bound on the work a config file can ask.
pub const MAX_LIST_ENTRIES: usize = 100;

/// The validated deployment config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The site's name, shown in the header ("Password reset help for …").
    pub site_name: Option<String>,
    /// Where the user can reach the site's support.
    pub support_url: Option<EndpointUrl>,
    /// The support team's e-mail address, for the code panel's "e-mail this
    /// code to support" link.
    pub support_email: Option<String>,
    /// The address the reset e-mail comes from, which the e-mail check's
    /// tip names for the user to search their mail for.
    pub reset_email_from: Option<String>,
    /// The time endpoint answering `{"now_ms": …}`; `None` means the clock
    /// check falls back to the `Date` header.
    pub time_endpoint: Option<EndpointUrl>,
    /// The auth endpoints the network check probes.
    pub endpoints: Vec<Endpoint>,
    /// How long one probe may take before it counts as timed out.
    pub probe_timeout_ms: u64,
    /// Origins allowed to embed the checker in a frame (`frame-ancestors`),
    /// normalized like `https://help.example.com`.
    pub allowed_embedders: Vec<String>,
    /// What the site's real reset links look like, for the link paste test.
    pub reset_link: LinkConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            site_name: None,
            support_url: None,
            support_email: None,
            reset_email_from: None,
            time_endpoint: None,
            endpoints: Vec::new(),
            probe_timeout_ms: 5_000,
            allowed_embedders: Vec::new(),
            reset_link: LinkConfig::default(),
        }
    }
}

/// One endpoint the deploying site wants probed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// A short name for people, such as "Sign-in API".
    pub name: String,
    /// Where it lives.
    pub url: EndpointUrl,
    /// `GET` or `HEAD`.
    pub method: Method,
    /// Whether the page must be able to read the response (CORS), or only
    /// reach it.
    pub cors: bool,
}

/// The HTTP method of a probe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`.
    Get,
    /// `HEAD`.
    Head,
}

impl Method {
    /// The method as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
        }
    }
}

/// `allowed_embedders` entries that are plain `http://` origins of a real
/// (not loopback) host: a help page served over https has the https
/// origin, so it would be refused the frame and hear nothing. Only
/// `resetcheck check-config` looks, as warnings: a page really served over
/// http is possible, just unlikely.
///
/// ```
/// use resetcheck_core::config::{load, plain_http_embedders};
/// let config = load(r#"{"allowed_embedders": ["http://help.acme.test", "https://www.acme.test", "http://localhost:8081"]}"#).config;
/// let fields: Vec<String> = plain_http_embedders(&config).into_iter().map(|p| p.field).collect();
/// assert_eq!(fields, ["allowed_embedders[0]"]);
/// ```
pub fn plain_http_embedders(config: &Config) -> Vec<ConfigProblem> {
    config
        .allowed_embedders
        .iter()
        .enumerate()
        .filter(|(_, origin)| {
            WebUrl::parse(origin)
                .is_ok_and(|u| origin.starts_with("http://") && !is_loopback(&u.host.to_ascii_lowercase()))
        })
        .map(|(i, _)| ConfigProblem {
            level: Level::Warning,
            field: format!("allowed_embedders[{i}]"),
            kind: ProblemKind::PlainHttpEmbedder,
        })
        .collect()
}

/// `time_endpoint` and `endpoints` URLs that are plain `http://` on a real
/// (not loopback) host: from a checker served over https, as it should
/// be, the browser blocks them as mixed content, so every check of them
/// fails. Only `resetcheck check-config` looks, as warnings.
///
/// ```
/// use resetcheck_core::config::{load, plain_http_endpoints};
/// let config = load(r#"{"time_endpoint": "http://time.acme.test/now",
///     "endpoints": [{"name": "A", "url": "https://auth.acme.test/"}, {"name": "B", "url": "http://127.0.0.1:9000/"}]}"#).config;
/// let fields: Vec<String> = plain_http_endpoints(&config).into_iter().map(|p| p.field).collect();
/// assert_eq!(fields, ["time_endpoint"]);
/// ```
pub fn plain_http_endpoints(config: &Config) -> Vec<ConfigProblem> {
    let plain = |url: &EndpointUrl| matches!(url, EndpointUrl::Absolute(u) if u.scheme == crate::weburl::Scheme::Http && !is_loopback(&u.host.to_ascii_lowercase()));
    let time = config.time_endpoint.iter().filter(|u| plain(u)).map(|_| "time_endpoint".to_owned());
    let endpoints =
        config.endpoints.iter().enumerate().filter(|(_, e)| plain(&e.url)).map(|(i, _)| format!("endpoints[{i}].url"));
    time.chain(endpoints)
        .map(|field| ConfigProblem { level: Level::Warning, field, kind: ProblemKind::PlainHttpEndpoint })
        .collect()
}

/// Whether a lower-case host is this machine: `localhost` (and below it),
/// `127.…`, `[::1]`.
fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.ends_with(".localhost") || host.starts_with("127.") || host == "[::1]"
}

/// Settings that still name a host reserved for examples (`example.com`,
/// `.example`; RFC 2606) or a loopback one: the demo config's values, left
/// in a deployed file. Only `resetcheck check-config` looks, as warnings:
/// the page itself runs the same with them.
///
/// ```
/// use resetcheck_core::config::{load, placeholders};
/// let config = load(r#"{"support_url": "https://example.com/help", "allowed_embedders": ["https://help.acme.test"]}"#).config;
/// let fields: Vec<String> = placeholders(&config).into_iter().map(|p| p.field).collect();
/// assert_eq!(fields, ["support_url"]);
/// ```
pub fn placeholders(config: &Config) -> Vec<ConfigProblem> {
    let reserved = |host: &str| {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let under = |name: &str| host == name || host.ends_with(&format!(".{name}"));
        ["example.com", "example.net", "example.org", "example"].iter().any(|n| under(n)) || is_loopback(&host)
    };
    let url_host = |url: &EndpointUrl| match url {
        EndpointUrl::Absolute(url) => Some(url.host.clone()),
        EndpointUrl::SameOrigin(_) => None,
    };
    let origin_host = |origin: &str| WebUrl::parse(origin).ok().map(|u| u.host);
    let mut found: Vec<(String, Option<String>)> = vec![
        ("support_url".into(), config.support_url.as_ref().and_then(url_host)),
        (
            "support_email".into(),
            config.support_email.as_ref().and_then(|e| e.rsplit_once('@')).map(|(_, d)| d.to_owned()),
        ),
        (
            "reset_email_from".into(),
            config.reset_email_from.as_ref().and_then(|e| e.rsplit_once('@')).map(|(_, d)| d.to_owned()),
        ),
        ("time_endpoint".into(), config.time_endpoint.as_ref().and_then(url_host)),
    ];
    found.extend(config.endpoints.iter().enumerate().map(|(i, e)| (format!("endpoints[{i}].url"), url_host(&e.url))));
    found.extend(
        config.allowed_embedders.iter().enumerate().map(|(i, o)| (format!("allowed_embedders[{i}]"), origin_host(o))),
    );
    found.extend(
        config.reset_link.hosts.iter().enumerate().map(|(i, h)| (format!("reset_link.hosts[{i}]"), Some(h.clone()))),
    );
    for (e, env) in config.reset_link.environments.iter().enumerate() {
        found.extend(
            env.hosts
                .iter()
                .enumerate()
                .map(|(i, h)| (format!("reset_link.environments[{e}].hosts[{i}]"), Some(h.clone()))),
        );
    }
    found
        .into_iter()
        .filter(|(_, host)| host.as_deref().is_some_and(reserved))
        .map(|(field, _)| ConfigProblem { level: Level::Warning, field, kind: ProblemKind::Placeholder })
        .collect()
}

/// A URL in the config: either a path on the checker's own origin or an
/// absolute `http(s)` URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndpointUrl {
    /// A path such as `/api/time`, resolved against the page's origin.
    SameOrigin(String),
    /// An absolute URL on some origin.
    Absolute(WebUrl),
}

impl EndpointUrl {
    /// Parses a config URL: a path starting with a single `/`, or an
    /// absolute `http`/`https` URL.
    ///
    /// ```
    /// use resetcheck_core::config::EndpointUrl;
    /// assert!(matches!(EndpointUrl::parse("/api/time"), Ok(EndpointUrl::SameOrigin(_))));
    /// assert!(EndpointUrl::parse("//evil.test/x").is_err());
    /// assert!(EndpointUrl::parse("/\\evil.test/x").is_err());
    /// ```
    pub fn parse(input: &str) -> Result<EndpointUrl, UrlError> {
        let trimmed = input.trim();
        // `//host` and `/\host` (browsers read `\` as `/`) lead to another host.
        if trimmed.starts_with('/') && !trimmed[1..].starts_with(['/', '\\']) {
            if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err(UrlError::InvalidCharacter);
            }
            return Ok(EndpointUrl::SameOrigin(trimmed.to_owned()));
        }
        WebUrl::parse(trimmed).map(EndpointUrl::Absolute)
    }

    /// The string to hand to `fetch`: the path itself or the full URL.
    pub fn as_fetch_url(&self) -> String {
        match self {
            EndpointUrl::SameOrigin(path) => path.clone(),
            EndpointUrl::Absolute(url) => {
                let mut s = format!("{}{}", url.origin(), url.path);
                if let Some(q) = &url.query {
                    s.push('?');
                    s.push_str(q);
                }
                s
            }
        }
    }

    /// The origin to allow in CSP `connect-src`, or `None` for same-origin.
    pub fn foreign_origin(&self) -> Option<String> {
        match self {
            EndpointUrl::SameOrigin(_) => None,
            EndpointUrl::Absolute(url) => Some(url.origin()),
        }
    }
}

impl Config {
    /// Every origin other than the page's own that the checker may contact,
    /// sorted and without duplicates: what `connect-src` must allow.
    ///
    /// ```
    /// let load = resetcheck_core::config::load(r#"{"time_endpoint": "https://t.example/now"}"#);
    /// assert_eq!(load.config.connect_origins(), vec!["https://t.example".to_owned()]);
    /// ```
    pub fn connect_origins(&self) -> Vec<String> {
        let mut origins: Vec<String> = self
            .time_endpoint
            .iter()
            .chain(self.endpoints.iter().map(|e| &e.url))
            .filter_map(EndpointUrl::foreign_origin)
            .collect();
        crate::order::sort_by(&mut origins, String::cmp);
        origins.dedup();
        origins
    }

    /// The origins the checker posts its events to when framed: those in
    /// `allowed_embedders`, and the checker's own (`own_origin`). A help
    /// page on the checker's own origin needs no listing: it could read
    /// the frame anyway, and `frame-ancestors 'self'` lets it frame it.
    ///
    /// ```
    /// let load = resetcheck_core::config::load(r#"{"allowed_embedders": ["https://help.example.com"]}"#);
    /// let origins = load.config.message_origins(Some("https://id.example.com"));
    /// assert_eq!(origins, ["https://help.example.com", "https://id.example.com"]);
    /// assert_eq!(load.config.message_origins(Some("https://HELP.example.com")), ["https://help.example.com"]);
    /// ```
    pub fn message_origins(&self, own_origin: Option<&str>) -> Vec<String> {
        let mut origins = self.allowed_embedders.clone();
        let own = own_origin.map(str::trim).filter(|o| o.starts_with("http://") || o.starts_with("https://"));
        if let Some(own) = own {
            if !origins.iter().any(|a| a.eq_ignore_ascii_case(own)) {
                origins.push(own.to_ascii_lowercase());
            }
        }
        origins
    }

    /// The origins to post the checker's events to: of
    /// [`message_origins`](Config::message_origins), only the parent's,
    /// when the browser names it (`location.ancestorOrigins`), and none for
    /// a parent not listed; every one when it doesn't (Firefox). A message
    /// posted to an origin that isn't the parent's is dropped with a console
    /// error: 36 of them in one run of a checker framed by a page not
    /// listed (privacy review, 2026-11-27), two per message for a site
    /// listing three.
    ///
    /// ```
    /// let load = resetcheck_core::config::load(r#"{"allowed_embedders": ["https://a.example", "https://b.example"]}"#);
    /// let own = Some("https://id.example.com");
    /// assert_eq!(load.config.post_targets(own, Some("https://B.example")), ["https://b.example"]);
    /// assert!(load.config.post_targets(own, Some("https://evil.test")).is_empty());
    /// assert_eq!(load.config.post_targets(own, None).len(), 3);
    /// assert_eq!(load.config.post_targets(own, Some("null")).len(), 3);
    /// ```
    pub fn post_targets(&self, own_origin: Option<&str>, parent_origin: Option<&str>) -> Vec<String> {
        let mut origins = self.message_origins(own_origin);
        // "null": a frame with referrerpolicy="no-referrer" hides its parent's origin from Chromium's list too.
        if let Some(parent) = parent_origin.map(str::trim).filter(|p| !p.is_empty() && *p != "null") {
            origins.retain(|o| o.eq_ignore_ascii_case(parent));
        }
        origins
    }

    /// What to tell the admin, in the console, when the checker runs in a
    /// frame of `parent_origin` that `allowed_embedders` doesn't list (nor
    /// is the checker's own, `own_origin`): it then posts no events and
    /// can't size its frame, and nothing else would say why. `None` when
    /// the origin is allowed or unknown.
    ///
    /// ```
    /// use resetcheck_core::messages::{Catalogue, Locale};
    /// let load = resetcheck_core::config::load(r#"{"allowed_embedders": ["https://help.example.com"]}"#);
    /// let cat = Catalogue::checker(Locale::En);
    /// let own = Some("https://id.example.com");
    /// assert!(load.config.embedder_warning(Some("https://HELP.example.com"), own, cat).is_none());
    /// assert!(load.config.embedder_warning(Some("https://id.example.com"), own, cat).is_none());
    /// assert!(load.config.embedder_warning(Some("https://evil.test"), own, cat).unwrap().contains("https://evil.test"));
    /// ```
    pub fn embedder_warning(
        &self,
        parent_origin: Option<&str>,
        own_origin: Option<&str>,
        cat: Catalogue,
    ) -> Option<String> {
        let origin = parent_origin?.trim();
        let unknown = origin.is_empty() || origin == "null";
        let allowed = self.message_origins(own_origin).iter().any(|a| a.eq_ignore_ascii_case(origin));
        (!unknown && !allowed).then(|| cat.format("config.embedder_not_allowed", &[("origin", origin)]))
    }
}

/// A config together with what was wrong with the text it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigLoad {
    /// The config to use: the file's valid parts over the defaults.
    pub config: Config,
    /// Everything wrong with the file, in document order.
    pub problems: Vec<ConfigProblem>,
}

impl ConfigLoad {
    /// The load to use when the page found no config file at all.
    pub fn missing() -> ConfigLoad {
        ConfigLoad {
            config: Config::default(),
            problems: vec![ConfigProblem { level: Level::Info, field: String::new(), kind: ProblemKind::FileMissing }],
        }
    }

    /// The load to use when the config file exists but could not be read:
    /// an HTTP error status, or no response at all (`None`).
    pub fn unreadable(status: Option<u16>) -> ConfigLoad {
        ConfigLoad {
            config: Config::default(),
            problems: vec![ConfigProblem {
                level: Level::Error,
                field: String::new(),
                kind: ProblemKind::FileUnreadable { status },
            }],
        }
    }

    /// The load to use when the config file did not arrive within
    /// `limit_ms`.
    pub fn timed_out(limit_ms: u64) -> ConfigLoad {
        ConfigLoad {
            config: Config::default(),
            problems: vec![ConfigProblem {
                level: Level::Error,
                field: String::new(),
                kind: ProblemKind::FileTimedOut { limit_ms },
            }],
        }
    }

    /// Whether any problem is an error (a setting was ignored).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.level == Level::Error)
    }
}

/// How serious a config problem is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Worth knowing; nothing was ignored.
    #[default]
    Info,
    /// Probably a mistake (an unknown field); nothing was ignored.
    Warning,
    /// A setting was ignored and its default used instead.
    Error,
}

/// One thing wrong with a config file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigProblem {
    /// How serious it is.
    pub level: Level,
    /// The field's path, such as `endpoints[1].url`; empty for the file.
    pub field: String,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// What is wrong with a config field.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// There is no config file; defaults apply.
    FileMissing,
    /// The file could not be fetched; defaults apply.
    FileUnreadable {
        /// The HTTP status, when there was a response.
        status: Option<u16>,
    },
    /// The file did not arrive in time; defaults apply.
    FileTimedOut {
        /// How long the page waited, in ms.
        limit_ms: u64,
    },
    /// The file is empty (or only white space); defaults apply.
    FileEmpty,
    /// The file is a web page, not JSON: most often a host's fallback page
    /// (a single-page-app rewrite) answering for a missing file.
    FileIsHtml,
    /// The file is not UTF-8 text: UTF-16 (an error, as no JSON reads), or
    /// Latin-1 or another legacy encoding (bytes shown as U+FFFD).
    FileNotUtf8,
    /// The file is not JSON.
    InvalidJson {
        /// 1-based line of the syntax error.
        line: usize,
        /// 1-based column of the syntax error.
        column: usize,
    },
    /// The field is not part of the schema (a typo, or a newer version's).
    UnknownField,
    /// A field resetcheck doesn't know, so close to one it does that it is
    /// probably a typo of it (`timeEndpoint`, `suport_url`).
    UnknownFieldLike(&'static str),
    /// The value has the wrong JSON type.
    WrongType {
        /// What the field needs.
        expected: Expected,
        /// What it holds.
        found: &'static str,
    },
    /// The value is not a usable URL.
    BadUrl(UrlError),
    /// A number outside the accepted range.
    OutOfRange {
        /// Smallest accepted value.
        min: u64,
        /// Largest accepted value.
        max: u64,
    },
    /// A required field is absent.
    Missing,
    /// A required text is empty or only spaces.
    Blank,
    /// The value is not one of the accepted words.
    NotOneOf(&'static [&'static str]),
    /// The value is not one of the accepted words, but close to this one
    /// (a typo such as "djnago").
    NotOneOfLike(&'static [&'static str], &'static str),
    /// A list is longer than allowed; the rest is ignored.
    TooMany {
        /// Most accepted entries.
        max: usize,
    },
    /// Another entry already uses this name.
    DuplicateName,
    /// The same field is written twice in one object: JSON keeps only the
    /// last, so the first is silently lost.
    DuplicateKey,
    /// The value is a URL with a path, query or fragment, not a bare origin.
    NotAnOrigin,
    /// An origin written without its scheme (`help.example.com`).
    OriginWithoutScheme,
    /// The value is not a plain e-mail address.
    NotAnEmailAddress,
    /// The value is not a bare host name such as `example.com`.
    NotAHost,
    /// The value is not a path starting with `/`.
    NotAPath,
    /// A URL whose host has non-ASCII letters: browsers fetch and match it
    /// in its ASCII (`xn--`) form, so the CSP and the checks need that form.
    NonAsciiHost,
    /// A URL whose host is an IPv6 literal, which no CSP source can name:
    /// the page's policy could never allow it.
    Ipv6Host,
    /// More problems than are listed: this many more.
    More(usize),
    /// A host reserved for examples (`example.com`, RFC 2606) or a
    /// loopback one, as the demo config has: a value never replaced.
    Placeholder,
    /// An `allowed_embedders` entry with `http://` on a real host, which a
    /// help page served over https never matches.
    PlainHttpEmbedder,
    /// An endpoint with `http://` on a real host, which a checker served
    /// over https can't reach (mixed content).
    PlainHttpEndpoint,
    /// An `allowed_embedders` entry with a wildcard (`https://*.example.com`).
    WildcardOrigin,
    /// A bound below the other end of its range (`max_len` under `min_len`).
    BelowOther(&'static str),
    /// A whole number outside the accepted range, which may be negative.
    OutOfSignedRange {
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
}

/// The shape a config field expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A JSON object.
    Object,
    /// A JSON string.
    String,
    /// A non-negative integer.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// A JSON array.
    List,
    /// A URL string, or a path starting with `/`.
    Url,
    /// A URL string, a path, or `null`.
    UrlOrNull,
}

impl Expected {
    fn key(self) -> &'static str {
        match self {
            Expected::Object => "config.expected.object",
            Expected::String => "config.expected.string",
            Expected::Integer => "config.expected.integer",
            Expected::Boolean => "config.expected.boolean",
            Expected::List => "config.expected.list",
            Expected::Url => "config.expected.url",
            Expected::UrlOrNull => "config.expected.url_or_null",
        }
    }
}

impl ConfigProblem {
    /// The problem in words, in `cat`'s locale, naming the field.
    pub fn message(&self, cat: Catalogue) -> String {
        let field = self.field.as_str();
        match &self.kind {
            ProblemKind::FileMissing => cat.text("config.problem.file_missing"),
            ProblemKind::FileUnreadable { status: Some(status) } => {
                cat.format("config.problem.file_http_error", &[("status", &status.to_string())])
            }
            ProblemKind::FileUnreadable { status: None } => cat.text("config.problem.file_unreachable"),
            ProblemKind::FileTimedOut { limit_ms } => {
                cat.format("config.problem.file_timed_out", &[("seconds", &(limit_ms / 1000).to_string())])
            }
            ProblemKind::FileEmpty => cat.text("config.problem.file_empty"),
            ProblemKind::FileIsHtml => cat.text("config.problem.file_is_html"),
            ProblemKind::FileNotUtf8 => cat.text("config.problem.file_not_utf8"),
            ProblemKind::InvalidJson { line, column } => cat
                .format("config.problem.invalid_json", &[("line", &line.to_string()), ("column", &column.to_string())]),
            ProblemKind::UnknownField => cat.format("config.problem.unknown_field", &[("field", field)]),
            ProblemKind::UnknownFieldLike(known) => {
                cat.format("config.problem.unknown_field_like", &[("field", field), ("known", known)])
            }
            ProblemKind::WrongType { expected, found } => cat.format(
                match (field.is_empty(), *found) {
                    (true, _) => "config.problem.file_wrong_type",
                    (false, "quoted") => "config.problem.wrong_type_quoted",
                    (false, "unbracketed") => "config.problem.wrong_type_unbracketed",
                    (false, _) => "config.problem.wrong_type",
                },
                &[
                    ("field", field),
                    ("expected", &cat.text(expected.key())),
                    ("found", &cat.text(&format!("config.found.{found}"))),
                ],
            ),
            ProblemKind::BadUrl(reason) => cat.format(
                "config.problem.bad_url",
                &[("field", field), ("reason", &cat.text(&format!("url_error.{}", reason.as_str())))],
            ),
            ProblemKind::OutOfRange { min, max } => cat.format(
                "config.problem.out_of_range",
                &[("field", field), ("min", &min.to_string()), ("max", &max.to_string())],
            ),
            ProblemKind::Missing => cat.format("config.problem.missing", &[("field", field)]),
            ProblemKind::Blank => cat.format("config.problem.blank", &[("field", field)]),
            ProblemKind::NotOneOf(allowed) => cat.format(
                "config.problem.not_one_of",
                &[("field", field), ("allowed", &allowed.join(&cat.text("punct.list_sep")))],
            ),
            ProblemKind::NotOneOfLike(allowed, known) => cat.format(
                "config.problem.not_one_of_like",
                &[("field", field), ("allowed", &allowed.join(&cat.text("punct.list_sep"))), ("known", known)],
            ),
            ProblemKind::TooMany { max } => {
                cat.count("config.problem.too_many", *max as u64, &[("field", field), ("max", &max.to_string())])
            }
            ProblemKind::DuplicateName => cat.format("config.problem.duplicate_name", &[("field", field)]),
            ProblemKind::DuplicateKey => cat.format("config.problem.duplicate_key", &[("field", field)]),
            ProblemKind::NotAnOrigin => cat.format("config.problem.not_an_origin", &[("field", field)]),
            ProblemKind::OriginWithoutScheme => cat.format("config.problem.origin_without_scheme", &[("field", field)]),
            ProblemKind::NotAnEmailAddress => cat.format("config.problem.not_an_email", &[("field", field)]),
            ProblemKind::NotAHost => cat.format("config.problem.not_a_host", &[("field", field)]),
            ProblemKind::Placeholder => cat.format("config.problem.placeholder", &[("field", field)]),
            ProblemKind::PlainHttpEmbedder => cat.format("config.problem.plain_http_embedder", &[("field", field)]),
            ProblemKind::PlainHttpEndpoint => cat.format("config.problem.plain_http_endpoint", &[("field", field)]),
            ProblemKind::WildcardOrigin => cat.format("config.problem.wildcard_origin", &[("field", field)]),
            ProblemKind::NotAPath => cat.format("config.problem.not_a_path", &[("field", field)]),
            ProblemKind::NonAsciiHost => cat.format("config.problem.non_ascii_host", &[("field", field)]),
            ProblemKind::Ipv6Host => cat.format("config.problem.ipv6_host", &[("field", field)]),
            ProblemKind::More(n) => cat.count("config.problem.more", *n as u64, &[]),
            ProblemKind::BelowOther(other) => {
                cat.format("config.problem.below_other", &[("field", field), ("other", other)])
            }
            ProblemKind::OutOfSignedRange { min, max } => cat.format(
                "config.problem.out_of_range",
                &[("field", field), ("min", &min.to_string()), ("max", &max.to_string())],
            ),
        }
    }
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Catalogue::checker(Locale::En)))
    }
}

/// Parses and validates config text. Never fails: see the module docs.
///
/// ```
/// use resetcheck_core::config::{load, ProblemKind};
/// let load = load(r#"{"probe_timeout_ms": "soon", "colour": "blue"}"#);
/// assert_eq!(load.config.probe_timeout_ms, 5000); // the default
/// assert_eq!(load.problems[0].field, "colour");
/// assert_eq!(load.problems[0].kind, ProblemKind::UnknownField);
/// assert_eq!(load.problems[1].field, "probe_timeout_ms");
/// assert!(matches!(load.problems[1].kind, ProblemKind::WrongType { .. }));
/// ```
pub fn load(text: &str) -> ConfigLoad {
    let mut v = Validator::default();
    // A byte-order mark, as some Windows editors save: browsers drop it
    // (`response.json()`), so the CLI and the server must too, or they would
    // build a CSP from the defaults while the page uses the config.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let config = match serde_json::from_str::<Value>(text) {
        Err(e) => {
            let kind = if text.trim().is_empty() {
                ProblemKind::FileEmpty
            } else if text.trim_start().starts_with('<') {
                ProblemKind::FileIsHtml
            } else if not_utf8(text) {
                ProblemKind::FileNotUtf8
            } else {
                ProblemKind::InvalidJson { line: e.line(), column: e.column() }
            };
            v.push(Level::Error, "", kind);
            Config::default()
        }
        Ok(Value::Object(map)) => {
            // Read, but "Café" shows as "Caf�" (robustness review, 2026-11-27).
            if not_utf8(text) {
                v.push(Level::Warning, "", ProblemKind::FileNotUtf8);
            }
            v.config(&map)
        }
        Ok(other) => {
            v.wrong_type("", Expected::Object, &other);
            Config::default()
        }
    };
    ConfigLoad { config, problems: v.finish() }
}

/// Fields written twice in one object (`endpoints[0].url`), which
/// [`load`] can't see: a JSON parser keeps the last and drops the first
/// without a word, as the browser's does. A file pasted together from two
/// examples has them. For `check-config` and `serve`; the page's bundle
/// leaves it out.
pub fn duplicate_keys(text: &str) -> Vec<ConfigProblem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut found = Found::default();
    let mut reader = serde_json::Deserializer::from_str(text);
    // Invalid JSON is `load`'s to report.
    if serde::de::DeserializeSeed::deserialize(Walk { path: String::new(), found: &mut found }, &mut reader).is_err() {
        return Vec::new();
    }
    let mut problems: Vec<ConfigProblem> = found
        .paths
        .into_iter()
        .map(|field| ConfigProblem { level: Level::Warning, field, kind: ProblemKind::DuplicateKey })
        .collect();
    if found.more > 0 {
        problems.push(ConfigProblem {
            level: Level::Warning,
            field: String::new(),
            kind: ProblemKind::More(found.more),
        });
    }
    problems
}

/// The paths of keys met twice: the first [`MAX_PROBLEMS`], and how many more.
#[derive(Default)]
struct Found {
    paths: Vec<String>,
    more: usize,
}

/// Walks one JSON value at `path`, noting the paths of keys met twice.
struct Walk<'a> {
    path: String,
    found: &'a mut Found,
}

impl<'de> serde::de::DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // Sets: a generated file may hold a hundred thousand keys.
        let mut seen = std::collections::HashSet::new();
        let mut told = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() { key.clone() } else { format!("{}.{key}", self.path) };
            // Notes, which the page skips wherever they are: two are no setting lost.
            let note = matches!(key.as_str(), "$comment" | "$schema");
            if !note && seen.contains(&key) && told.insert(key.clone()) {
                if self.found.paths.len() < MAX_PROBLEMS {
                    self.found.paths.push(path.clone());
                } else {
                    self.found.more += 1;
                }
            }
            seen.insert(key);
            map.next_value_seed(Walk { path, found: &mut *self.found })?;
        }
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while seq
            .next_element_seed(Walk { path: format!("{}[{index}]", self.path), found: &mut *self.found })?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// Whether `text` was decoded from bytes that are not UTF-8, as browsers
/// decode a config (bad bytes become U+FFFD): Latin-1's "é", or UTF-16's
/// byte-order mark and the NUL beside every ASCII letter.
fn not_utf8(text: &str) -> bool {
    text.contains(['\u{FFFD}', '\0'])
}

/// The fields of the config object, of `reset_link` and of its `token`.
const TOP_FIELDS: &[&str] = &[
    "site_name",
    "support_url",
    "support_email",
    "reset_email_from",
    "time_endpoint",
    "probe_timeout_ms",
    "endpoints",
    "allowed_embedders",
    "reset_link",
];
const RESET_LINK_FIELDS: &[&str] = &["preset", "hosts", "environments", "path", "token", "get_consumes_token"];
const TOKEN_FIELDS: &[&str] = &["in", "name", "segment", "alphabet", "min_len", "max_len"];

/// The known field `key` is probably a typo of: the same but for case and
/// separators (`timeEndpoint`), or within two edits of it (`suport_url`).
fn known_like(key: &str, known: &'static [&'static str]) -> Option<&'static str> {
    words_like(key, known, 2)
}

/// The word of `known` that `key` is at most `most` edits from (fewer for
/// a short one), ignoring case, `_`, `-` and spaces.
fn words_like(key: &str, known: &'static [&'static str], most: usize) -> Option<&'static str> {
    let bare = |s: &str| -> Vec<char> {
        s.chars().filter(|c| !matches!(c, '_' | '-' | ' ')).map(|c| c.to_ascii_lowercase()).collect()
    };
    let typed = bare(key);
    // Two letters off for a longer name, one for a short one ("host" for
    // "hosts"); none for the shortest, where a guess is more often wrong.
    let within = match typed.len() {
        0..=2 => 0,
        3..=4 => 1,
        _ => most,
    };
    known.iter().copied().find(|k| bare(k) == typed).or_else(|| {
        known.iter().copied().find(|k| crate::email::edit_distance_within(&typed, &bare(k), within).is_some())
    })
}

/// At most this many problems are listed: a generated or pasted-over file
/// can hold thousands, and listing them all would flood the console and
/// stall the page.
const MAX_PROBLEMS: usize = 50;

#[derive(Default)]
struct Validator {
    problems: Vec<ConfigProblem>,
}

impl Validator {
    fn push(&mut self, level: Level, field: &str, kind: ProblemKind) {
        self.problems.push(ConfigProblem { level, field: field.to_owned(), kind });
    }

    /// `given` at `field` is none of `allowed`: an error, naming the word
    /// it is probably a typo of (admin review, 2026-11-27: field names had
    /// a "did you mean", values not).
    fn not_one_of(&mut self, field: &str, given: &str, allowed: &'static [&'static str]) {
        // One edit: a value two off is as often another word ("base32" is
        // no typo of "base64").
        let kind = match words_like(given, allowed, 1) {
            Some(like) => ProblemKind::NotOneOfLike(allowed, like),
            None => ProblemKind::NotOneOf(allowed),
        };
        self.push(Level::Error, field, kind);
    }

    /// The problems, at most [`MAX_PROBLEMS`] of them, the most serious
    /// kept, and then one saying how many more there were.
    fn finish(self) -> Vec<ConfigProblem> {
        if self.problems.len() <= MAX_PROBLEMS {
            return self.problems;
        }
        // A stable partition, errors first: thousands of problems are no job for an insertion sort.
        let (mut problems, rest): (Vec<_>, Vec<_>) = self.problems.into_iter().partition(|p| p.level == Level::Error);
        let (warnings, infos): (Vec<_>, Vec<_>) = rest.into_iter().partition(|p| p.level == Level::Warning);
        problems.extend(warnings);
        problems.extend(infos);
        let dropped = problems.split_off(MAX_PROBLEMS);
        let level = dropped.iter().map(|p| p.level).max().unwrap_or_default();
        problems.push(ConfigProblem { level, field: String::new(), kind: ProblemKind::More(dropped.len()) });
        problems
    }

    /// `field` (ending in `key`) is none of `known`: ignored, with the known
    /// one it is probably a typo of.
    fn unknown(&mut self, field: &str, key: &str, known: &'static [&'static str]) {
        // A note on an endpoint or the link settings, as at the top level.
        if key == "$comment" {
            return;
        }
        let kind = match known_like(key, known) {
            Some(like) => ProblemKind::UnknownFieldLike(like),
            None => ProblemKind::UnknownField,
        };
        self.push(Level::Warning, field, kind);
    }

    fn wrong_type(&mut self, field: &str, expected: Expected, found: &Value) {
        // "false" or "5000" in quotes: the fix is the quotes.
        let found = match (expected, found) {
            (Expected::Boolean, Value::String(s)) if matches!(s.trim(), "true" | "false") => "quoted",
            (Expected::Integer, Value::String(s)) if s.trim().parse::<u64>().is_ok() => "quoted",
            _ => json_type(found),
        };
        self.push(Level::Error, field, ProblemKind::WrongType { expected, found });
    }

    /// The entries of a list of text, or a problem: one entry written
    /// without its list's brackets (`"allowed_embedders": "https://…"`)
    /// gets the fix, the brackets.
    fn text_list<'v>(&mut self, field: &str, value: &'v Value) -> Option<&'v [Value]> {
        match value {
            Value::Array(items) => Some(self.capped(field, items)),
            Value::String(_) => {
                self.push(
                    Level::Error,
                    field,
                    ProblemKind::WrongType { expected: Expected::List, found: "unbracketed" },
                );
                None
            }
            other => {
                self.wrong_type(field, Expected::List, other);
                None
            }
        }
    }

    fn config(&mut self, map: &Map<String, Value>) -> Config {
        let mut config = Config::default();
        // serde_json keeps keys sorted, so problems come out in a stable order.
        for (key, value) in map {
            match key.as_str() {
                // Editors' and humans' annotations.
                "$schema" | "$comment" => {}
                "site_name" => config.site_name = self.string(key, value),
                "support_url" => config.support_url = self.url(key, value, false, false).flatten(),
                "support_email" => config.support_email = self.email_address(key, value),
                "reset_email_from" => config.reset_email_from = self.email_address(key, value),
                "time_endpoint" => config.time_endpoint = self.url(key, value, true, true).flatten(),
                "probe_timeout_ms" => {
                    if let Some(ms) = self.integer(key, value, MIN_PROBE_TIMEOUT_MS, MAX_PROBE_TIMEOUT_MS) {
                        config.probe_timeout_ms = ms;
                    }
                }
                "endpoints" => config.endpoints = self.endpoints(key, value),
                "allowed_embedders" => config.allowed_embedders = self.origins(key, value),
                "reset_link" => config.reset_link = self.reset_link(key, value),
                _ => self.unknown(key, key, TOP_FIELDS),
            }
        }
        config
    }

    /// A plain address (`help@example.com`): one `@`, no spaces or `?`/`&`
    /// that would break the `mailto:` link built from it.
    fn email_address(&mut self, field: &str, value: &Value) -> Option<String> {
        let text = self.string(field, value)?;
        let text = text.trim();
        let plausible = text.split('@').count() == 2
            && text.split('@').all(|part| !part.is_empty())
            && text.contains('.')
            // A colon: "mailto:help@…" would give "mailto:mailto%3Ahelp@…".
            && !text.chars().any(|c| c.is_whitespace() || c.is_control() || "?&#<>\":".contains(c));
        if plausible {
            Some(text.to_owned())
        } else {
            self.push(Level::Error, field, ProblemKind::NotAnEmailAddress);
            None
        }
    }

    fn string(&mut self, field: &str, value: &Value) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            other => {
                self.wrong_type(field, Expected::String, other);
                None
            }
        }
    }

    /// `Some(None)` is an explicit `null` where `nullable` allows it.
    /// A URL or path; `fetched` URLs (the page requests them, and the CSP
    /// must name their origin) must have an ASCII host.
    fn url(&mut self, field: &str, value: &Value, nullable: bool, fetched: bool) -> Option<Option<EndpointUrl>> {
        match value {
            Value::Null if nullable => Some(None),
            Value::String(s) => match EndpointUrl::parse(s) {
                Ok(EndpointUrl::Absolute(url)) if fetched => match csp_host_problem(&url.host) {
                    Some(kind) => {
                        self.push(Level::Error, field, kind);
                        None
                    }
                    None => Some(Some(EndpointUrl::Absolute(url))),
                },
                Ok(url) => Some(Some(url)),
                Err(e) => {
                    self.push(Level::Error, field, ProblemKind::BadUrl(e));
                    None
                }
            },
            other => {
                let expected = if nullable { Expected::UrlOrNull } else { Expected::Url };
                self.wrong_type(field, expected, other);
                None
            }
        }
    }

    /// A name to show: text that is not blank, without the spaces around it.
    fn name(&mut self, field: &str, value: &Value) -> Option<String> {
        let name = self.string(field, value)?;
        if name.trim().is_empty() {
            self.push(Level::Error, field, ProblemKind::Blank);
            return None;
        }
        Some(name.trim().to_owned())
    }

    fn integer(&mut self, field: &str, value: &Value, min: u64, max: u64) -> Option<u64> {
        match whole_number(value).and_then(|n| u64::try_from(n).ok()) {
            Some(n) if (min..=max).contains(&n) => Some(n),
            Some(_) => {
                self.push(Level::Error, field, ProblemKind::OutOfRange { min, max });
                None
            }
            None if value.is_number() => {
                // Negative or fractional.
                self.push(Level::Error, field, ProblemKind::OutOfRange { min, max });
                None
            }
            None => {
                self.wrong_type(field, Expected::Integer, value);
                None
            }
        }
    }

    /// A list of bare origins (`https://host[:port]`); bad entries are dropped.
    fn origins(&mut self, field: &str, value: &Value) -> Vec<String> {
        let Some(items) = self.text_list(field, value) else { return Vec::new() };
        let mut origins = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("{field}[{i}]");
            let Some(text) = self.string(&path, item) else { continue };
            // `reset_link.hosts` takes `*.example.com`; origins are listed one by one.
            if text.contains('*') && text != "*" {
                self.push(Level::Error, &path, ProblemKind::WildcardOrigin);
                continue;
            }
            match WebUrl::parse(&text) {
                // `*` or a bare host: the message for URLs would suggest a path, which is no origin.
                // "help.example.com": the scheme left out, the likeliest slip.
                Err(UrlError::UnsupportedScheme) if !text.contains("://") && text.contains('.') => {
                    self.push(Level::Error, &path, ProblemKind::OriginWithoutScheme)
                }
                Err(UrlError::UnsupportedScheme | UrlError::Empty) => {
                    self.push(Level::Error, &path, ProblemKind::NotAnOrigin)
                }
                Err(e) => self.push(Level::Error, &path, ProblemKind::BadUrl(e)),
                Ok(url) if url.path != "/" || url.query.is_some() || url.fragment.is_some() => {
                    self.push(Level::Error, &path, ProblemKind::NotAnOrigin)
                }
                Ok(url) => match csp_host_problem(&url.host) {
                    Some(kind) => self.push(Level::Error, &path, kind),
                    None if origins.contains(&url.origin()) => {}
                    None => origins.push(url.origin()),
                },
            }
        }
        origins
    }

    /// The `reset_link` object; see `docs/config.md`.
    fn reset_link(&mut self, field: &str, value: &Value) -> LinkConfig {
        let Value::Object(map) = value else {
            self.wrong_type(field, Expected::Object, value);
            return LinkConfig::default();
        };
        let mut link = LinkConfig::default();
        for (key, value) in map {
            let path = format!("{field}.{key}");
            match key.as_str() {
                "preset" => match value.as_str() {
                    Some(name) => match Preset::from_name(name) {
                        Some(preset) => link.preset = Some(preset),
                        None => self.not_one_of(&path, name, &Preset::NAMES),
                    },
                    None => self.wrong_type(&path, Expected::String, value),
                },
                "hosts" => link.hosts = self.hosts(&path, value),
                "environments" => link.environments = self.environments(&path, value),
                "path" => {
                    if let Some(p) = self.string(&path, value) {
                        if p.starts_with('/') && !p.contains(['?', '#']) && !p.chars().any(char::is_whitespace) {
                            link.path = Some(p);
                        } else {
                            self.push(Level::Error, &path, ProblemKind::NotAPath);
                        }
                    }
                }
                "token" => link.token = self.token(&path, value),
                "get_consumes_token" => match value {
                    Value::Bool(b) => link.get_consumes_token = Some(*b),
                    other => self.wrong_type(&path, Expected::Boolean, other),
                },
                _ => self.unknown(&path, key, RESET_LINK_FIELDS),
            }
        }
        link
    }

    /// A list of host names, lowercased; `*.example.com` allows subdomains. Bad entries are dropped.
    fn hosts(&mut self, field: &str, value: &Value) -> Vec<String> {
        let Some(items) = self.text_list(field, value) else { return Vec::new() };
        let mut hosts = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("{field}[{i}]");
            let Some(text) = self.string(&path, item) else { continue };
            let host = text.trim().trim_end_matches('.').to_ascii_lowercase();
            let valid = crate::weburl::is_host_name(host.strip_prefix("*.").unwrap_or(&host));
            if !valid {
                self.push(Level::Error, &path, ProblemKind::NotAHost);
            } else if !hosts.contains(&host) {
                hosts.push(host);
            }
        }
        hosts
    }

    fn environments(&mut self, field: &str, value: &Value) -> Vec<Environment> {
        let Value::Array(items) = value else {
            self.wrong_type(field, Expected::List, value);
            return Vec::new();
        };
        let items = self.capped(field, items);
        let mut environments = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("{field}[{i}]");
            let Value::Object(map) = item else {
                self.wrong_type(&path, Expected::Object, item);
                continue;
            };
            let mut name = None;
            let mut hosts = None;
            for (key, value) in map {
                let field = format!("{path}.{key}");
                match key.as_str() {
                    "name" => name = self.name(&field, value),
                    "hosts" => hosts = Some(self.hosts(&field, value)),
                    _ => self.unknown(&field, key, &["name", "hosts"]),
                }
            }
            for (present, key) in [(map.contains_key("name"), "name"), (map.contains_key("hosts"), "hosts")] {
                if !present {
                    self.push(Level::Error, &format!("{path}.{key}"), ProblemKind::Missing);
                }
            }
            if let (Some(name), Some(hosts)) = (name, hosts) {
                environments.push(Environment { name, hosts });
            }
        }
        environments
    }

    /// The `token` object: where the token is (`in` with `name` or `segment`), its `alphabet` and its length.
    fn token(&mut self, field: &str, value: &Value) -> TokenOverride {
        let Value::Object(map) = value else {
            self.wrong_type(field, Expected::Object, value);
            return TokenOverride::default();
        };
        let mut token = TokenOverride::default();
        let mut place = None;
        let mut name = None;
        let mut segment = None;
        for (key, value) in map {
            let path = format!("{field}.{key}");
            match key.as_str() {
                "in" => match value.as_str() {
                    Some(p @ ("query" | "path" | "fragment")) => place = Some(p),
                    Some(other) => self.not_one_of(&path, other, &["query", "path", "fragment"]),
                    None => self.wrong_type(&path, Expected::String, value),
                },
                "name" => name = self.string(&path, value),
                "segment" => match whole_number(value) {
                    Some(n) if (-16..=16).contains(&n) => segment = i32::try_from(n).ok(),
                    // Out of range, or fractional.
                    _ if value.is_number() => {
                        self.push(Level::Error, &path, ProblemKind::OutOfSignedRange { min: -16, max: 16 })
                    }
                    _ => self.wrong_type(&path, Expected::Integer, value),
                },
                "alphabet" => match value.as_str() {
                    Some(a) => match Alphabet::from_name(a) {
                        Some(alphabet) => token.alphabet = Some(alphabet),
                        None => self.not_one_of(&path, a, &Alphabet::NAMES),
                    },
                    None => self.wrong_type(&path, Expected::String, value),
                },
                "min_len" => token.min_len = self.integer(&path, value, 1, 4096).and_then(|n| usize::try_from(n).ok()),
                "max_len" => token.max_len = self.integer(&path, value, 1, 4096).and_then(|n| usize::try_from(n).ok()),
                _ => self.unknown(&path, key, TOKEN_FIELDS),
            }
        }
        let place = place.or(if segment.is_some() {
            Some("path")
        } else if name.is_some() {
            Some("query")
        } else {
            None
        });
        token.location = match place {
            Some("query") => match name {
                Some(n) => Some(TokenLocation::Query(n.into())),
                // Present but unusable already has its own problem.
                None if map.contains_key("name") => None,
                None => {
                    self.push(Level::Error, &format!("{field}.name"), ProblemKind::Missing);
                    None
                }
            },
            Some("path") => match segment {
                Some(s) => Some(TokenLocation::Path(s)),
                None if map.contains_key("segment") => None,
                None => {
                    self.push(Level::Error, &format!("{field}.segment"), ProblemKind::Missing);
                    None
                }
            },
            Some(_) => Some(TokenLocation::Fragment(name.map(Into::into))),
            None => None,
        };
        if let (Some(min), Some(max)) = (token.min_len, token.max_len) {
            if min > max {
                self.push(Level::Error, &format!("{field}.max_len"), ProblemKind::BelowOther("min_len"));
                token.max_len = None;
            }
        }
        token
    }

    /// The first [`MAX_LIST_ENTRIES`] of `items`, saying so when there are more.
    fn capped<'v>(&mut self, field: &str, items: &'v [Value]) -> &'v [Value] {
        if items.len() > MAX_LIST_ENTRIES {
            self.push(Level::Error, field, ProblemKind::TooMany { max: MAX_LIST_ENTRIES });
        }
        &items[..items.len().min(MAX_LIST_ENTRIES)]
    }

    fn endpoints(&mut self, field: &str, value: &Value) -> Vec<Endpoint> {
        let Value::Array(items) = value else {
            self.wrong_type(field, Expected::List, value);
            return Vec::new();
        };
        if items.len() > MAX_ENDPOINTS {
            self.push(Level::Error, field, ProblemKind::TooMany { max: MAX_ENDPOINTS });
        }
        let mut endpoints: Vec<Endpoint> = Vec::new();
        for (i, item) in items.iter().take(MAX_ENDPOINTS).enumerate() {
            let path = format!("{field}[{i}]");
            if let Some(endpoint) = self.endpoint(&path, item) {
                if endpoints.iter().any(|e| e.name == endpoint.name) {
                    self.push(Level::Warning, &format!("{path}.name"), ProblemKind::DuplicateName);
                }
                endpoints.push(endpoint);
            }
        }
        endpoints
    }

    fn endpoint(&mut self, path: &str, value: &Value) -> Option<Endpoint> {
        let Value::Object(map) = value else {
            self.wrong_type(path, Expected::Object, value);
            return None;
        };
        let mut name = None;
        let mut url = None;
        let mut method = Method::Get;
        let mut cors = true;
        let mut broken = false;
        for (key, value) in map {
            let field = format!("{path}.{key}");
            match key.as_str() {
                "name" => {
                    name = self.name(&field, value);
                    broken |= name.is_none();
                }
                "url" => {
                    url = self.url(&field, value, false, true).flatten();
                    broken |= url.is_none();
                }
                "method" => match value.as_str() {
                    Some(m) if m.eq_ignore_ascii_case("GET") => method = Method::Get,
                    Some(m) if m.eq_ignore_ascii_case("HEAD") => method = Method::Head,
                    Some(other) => self.not_one_of(&field, other, &["GET", "HEAD"]),
                    None => self.wrong_type(&field, Expected::String, value),
                },
                "cors" => match value {
                    Value::Bool(b) => cors = *b,
                    other => self.wrong_type(&field, Expected::Boolean, other),
                },
                _ => self.unknown(&field, key, &["name", "url", "method", "cors"]),
            }
        }
        for (present, key) in [(map.contains_key("name"), "name"), (map.contains_key("url"), "url")] {
            if !present {
                self.push(Level::Error, &format!("{path}.{key}"), ProblemKind::Missing);
                broken = true;
            }
        }
        match (name, url) {
            (Some(name), Some(url)) if !broken => Some(Endpoint { name, url, method, cors }),
            _ => None,
        }
    }
}

/// Why a page's CSP could not name `host` (a fetched URL's, or an
/// embedder's): non-ASCII letters (browsers match the `xn--` form) or an
/// IPv6 literal (no CSP source can be one).
fn csp_host_problem(host: &str) -> Option<ProblemKind> {
    if !host.is_ascii() {
        Some(ProblemKind::NonAsciiHost)
    } else if host.starts_with('[') {
        Some(ProblemKind::Ipv6Host)
    } else {
        None
    }
}

/// A number without a fractional part, however JSON writes it (`5000`,
/// `5000.0`, `5e3`, `-0`); beyond `i64` it saturates, which every range
/// here refuses. `None` for a fraction or what is not a number.
fn whole_number(value: &Value) -> Option<i64> {
    value.as_i64().or_else(|| value.as_u64().map(|_| i64::MAX)).or_else(|| {
        let f = value.as_f64()?;
        // `as` saturates; an infinity's fractional part is NaN.
        (f.fract() == 0.0).then_some(f as i64)
    })
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    /// Loads `text` and renders the config's key fields and every problem in
    /// English, one per line.
    fn check(text: &str, expect: Expect) {
        let load = load(text);
        let mut out = String::new();
        let c = &load.config;
        out.push_str(&format!(
            "site_name={:?} time={:?} timeout={} endpoints={:?}\n",
            c.site_name,
            c.time_endpoint.as_ref().map(EndpointUrl::as_fetch_url),
            c.probe_timeout_ms,
            c.endpoints.iter().map(|e| format!("{}:{}:{}", e.name, e.method.as_str(), e.cors)).collect::<Vec<_>>()
        ));
        for p in &load.problems {
            out.push_str(&format!("{:?} {}: {}\n", p.level, p.field, p));
        }
        expect.assert_eq(&out);
    }

    #[test]
    fn empty_object_gives_defaults() {
        check(
            "{}",
            expect![[r#"
                site_name=None time=None timeout=5000 endpoints=[]
            "#]],
        );
    }

    #[test]
    fn full_valid_config() {
        check(
            r#"{
                "$schema": "./config.schema.json",
                "site_name": "Example",
                "support_url": "https://example.com/help",
                "time_endpoint": "/api/time",
                "probe_timeout_ms": 3000,
                "endpoints": [
                    {"name": "Auth API", "url": "https://auth.example.com/health", "method": "head", "cors": false},
                    {"name": "Time", "url": "/api/time"}
                ]
            }"#,
            expect![[r#"
                site_name=Some("Example") time=Some("/api/time") timeout=3000 endpoints=["Auth API:HEAD:false", "Time:GET:true"]
            "#]],
        );
    }

    #[test]
    fn wrong_types_name_the_field_and_keep_defaults() {
        check(
            r#"{"site_name": 42, "probe_timeout_ms": "fast", "endpoints": {"a": 1}, "time_endpoint": true}"#,
            expect![[r#"
                site_name=None time=None timeout=5000 endpoints=[]
                Error endpoints: The setting “endpoints” should be a list, but it is an object. Its default is used instead.
                Error probe_timeout_ms: The setting “probe_timeout_ms” should be a whole number, but it is text. Its default is used instead.
                Error site_name: The setting “site_name” should be text, but it is a number. Its default is used instead.
                Error time_endpoint: The setting “time_endpoint” should be a URL, a path starting with “/”, or null, but it is true or false. Its default is used instead.
            "#]],
        );
    }

    #[test]
    fn unknown_fields_are_warnings() {
        check(
            r#"{"site_nam": "typo", "endpoints": [{"name": "A", "url": "/a", "timeout": 3}]}"#,
            expect![[r#"
                site_name=None time=None timeout=5000 endpoints=["A:GET:true"]
                Warning endpoints[0].timeout: The setting “endpoints[0].timeout” is not one resetcheck knows; it is ignored. Check its spelling.
                Warning site_nam: The setting “site_nam” is not one resetcheck knows; it is ignored. Did you mean “site_name”?
            "#]],
        );
    }

    #[test]
    fn the_likeliest_slips_get_their_own_fix() {
        // Review, 2026-11-27: each read "must be an origin such as …" or "without mailto:", which fixes nothing.
        check(
            r#"{"allowed_embedders": ["help.example.com"], "probe_timeout_ms": "5000",
                "endpoints": [{"name": "A", "url": "/a", "cors": "false"}],
                "reset_link": {"hosts": "example.com"}}"#,
            expect![[r#"
                site_name=None time=None timeout=5000 endpoints=["A:GET:true"]
                Error allowed_embedders[0]: The setting “allowed_embedders[0]” has no scheme: write the origin in full, with https:// before the host, such as https://help.example.com. It is ignored.
                Error endpoints[0].cors: The setting “endpoints[0].cors” should be true or false, but it is text in quotes: write it without the quotes. Its default is used instead.
                Error probe_timeout_ms: The setting “probe_timeout_ms” should be a whole number, but it is text in quotes: write it without the quotes. Its default is used instead.
                Error reset_link.hosts: The setting “reset_link.hosts” should be a list, but it is text: write it as a list in square brackets, each entry in quotes of its own: ["…", "…"], even for one entry. Its default is used instead.
            "#]],
        );
        // One origin without its list's brackets: the fix is the brackets.
        // A list of objects gets no such fix: brackets alone don't make one.
        check(
            r#"{"allowed_embedders": "https://help.example.com", "endpoints": "https://auth.example.com/health"}"#,
            expect![[r#"
                site_name=None time=None timeout=5000 endpoints=[]
                Error allowed_embedders: The setting “allowed_embedders” should be a list, but it is text: write it as a list in square brackets, each entry in quotes of its own: ["…", "…"], even for one entry. Its default is used instead.
                Error endpoints: The setting “endpoints” should be a list, but it is text. Its default is used instead.
            "#]],
        );
    }

    #[test]
    fn a_comment_is_allowed_at_every_level() {
        // Review, 2026-11-27: config.md allowed "$comment", but only the top level took it.
        check(
            r#"{"$comment": "top", "endpoints": [{"$comment": "main API", "name": "A", "url": "/a"}],
                "reset_link": {"$comment": "links", "hosts": ["example.com"], "token": {"$comment": "t"}}}"#,
            expect![[r#"
                site_name=None time=None timeout=5000 endpoints=["A:GET:true"]
            "#]],
        );
    }

    #[test]
    fn bad_urls_say_why() {
        check(
            r#"{"time_endpoint": "ftp://x/", "support_url": "//evil.test", "endpoints": [{"name": "A", "url": "https://"}]}"#,
            expect![[r#"
                site_name=None time=None timeout=5000 endpoints=[]
                Error endpoints[0].url: The setting “endpoints[0].url” is not a usable URL: the URL has no host. It is ignored.
                Error support_url: The setting “support_url” is not a usable URL: it must start with http://, https:// or a single “/”. It is ignored.
                Error time_endpoint: The setting “time_endpoint” is not a usable URL: it must start with http://, https:// or a single “/”. It is ignored.
            "#]],
        );
    }

    #[test]
    fn endpoint_problems() {
        check(
            r#"{"endpoints": [
                {"url": "/a"},
                {"name": "B", "url": "/b", "method": "POST", "cors": "yes"},
                {"name": " B ", "url": "/c"},
                "oops",
                {"name": "  ", "url": "/d"}
            ]}"#,
            expect![[r#"
                site_name=None time=None timeout=5000 endpoints=["B:GET:true", "B:GET:true"]
                Error endpoints[0].name: The setting “endpoints[0].name” is missing. This entry is ignored.
                Error endpoints[1].cors: The setting “endpoints[1].cors” should be true or false, but it is text. Its default is used instead.
                Error endpoints[1].method: The setting “endpoints[1].method” must be one of: GET, HEAD. Its default is used instead.
                Warning endpoints[2].name: The name in “endpoints[2].name” is already used by another endpoint.
                Error endpoints[3]: The setting “endpoints[3]” should be an object, but it is text. Its default is used instead.
                Error endpoints[4].name: The setting “endpoints[4].name” is empty. This entry is ignored.
            "#]],
        );
    }

    #[test]
    fn out_of_range_numbers() {
        check(
            r#"{"probe_timeout_ms": 100000}"#,
            expect![[r#"
                site_name=None time=None timeout=5000 endpoints=[]
                Error probe_timeout_ms: The setting “probe_timeout_ms” must be a whole number from 500 to 30000. Its default is used instead.
            "#]],
        );
        assert_eq!(load(r#"{"probe_timeout_ms": -1}"#).config.probe_timeout_ms, 5000);
        assert_eq!(load(r#"{"probe_timeout_ms": 1.5}"#).problems.len(), 1);
        assert_eq!(load(r#"{"probe_timeout_ms": 1e99}"#).problems.len(), 1);
    }

    #[test]
    fn whole_numbers_may_be_written_as_json_floats() {
        for text in ["5e3", "5000.0", "5E+3"] {
            let loaded = load(&format!(r#"{{"probe_timeout_ms": {text}}}"#));
            assert_eq!((loaded.config.probe_timeout_ms, loaded.problems.len()), (5000, 0), "{text}");
        }
        let token = |segment: &str| {
            let text = format!(r#"{{"reset_link": {{"token": {{"in": "path", "segment": {segment}}}}}}}"#);
            load(&text).problems.iter().map(|p| p.to_string()).collect::<Vec<_>>()
        };
        assert_eq!(token("-0"), Vec::<String>::new());
        assert_eq!(token("-2.0"), Vec::<String>::new());
        assert_eq!(
            token("2.5"),
            ["The setting “reset_link.token.segment” must be a whole number from -16 to 16. Its default is used instead."]
        );
    }

    #[test]
    fn not_json_or_not_an_object() {
        check(
            "{\n  \"site_name\": \"x\",\n}",
            expect![[r#"
                site_name=None time=None timeout=5000 endpoints=[]
                Error : The config file is not valid JSON (line 3, column 1), so every setting uses its default.
            "#]],
        );
        check(
            "[1, 2]",
            expect![[r#"
                site_name=None time=None timeout=5000 endpoints=[]
                Error : The config file should be an object, but it is a list, so every setting uses its default.
            "#]],
        );
    }

    #[test]
    fn too_many_endpoints_are_cut() {
        let list: Vec<String> = (0..20).map(|i| format!(r#"{{"name": "e{i}", "url": "/e{i}"}}"#)).collect();
        let load = load(&format!(r#"{{"endpoints": [{}]}}"#, list.join(",")));
        assert_eq!(load.config.endpoints.len(), MAX_ENDPOINTS);
        assert_eq!(load.problems[0].kind, ProblemKind::TooMany { max: MAX_ENDPOINTS });
    }

    #[test]
    fn reset_email_from_is_a_plain_address() {
        let from = |json: &str| load(json).config.reset_email_from;
        assert_eq!(from(r#"{"reset_email_from": " no-reply@acme.test "}"#).as_deref(), Some("no-reply@acme.test"));
        let bad = load(r#"{"reset_email_from": "Acme Support"}"#);
        assert_eq!(bad.config.reset_email_from, None);
        assert_eq!(bad.problems[0].field, "reset_email_from");
    }

    #[test]
    fn support_email_is_a_plain_address() {
        assert_eq!(
            load(r#"{"support_email": " help@example.com "}"#).config.support_email.as_deref(),
            Some("help@example.com")
        );
        for bad in
            [r#""help""#, r#""a@b@c.com""#, r#""help@example.com?cc=x@evil.test""#, "3", r#""mailto:help@example.com""#]
        {
            let load = load(&format!(r#"{{"support_email": {bad}}}"#));
            assert_eq!(load.config.support_email, None, "{bad}");
            assert_eq!(load.problems.len(), 1, "{bad}");
        }
    }

    #[test]
    fn a_support_email_with_a_space_inside_is_refused() {
        // The mailto: link built from it would break at the space.
        let load = load(r#"{"support_email": "help desk@example.com"}"#);
        assert_eq!(load.config.support_email, None);
        assert_eq!(load.problems.len(), 1);
        assert!(matches!(load.problems[0].kind, ProblemKind::NotAnEmailAddress));
    }

    #[test]
    fn null_turns_off_only_the_settings_that_allow_it() {
        let off = load(r#"{"time_endpoint": null}"#);
        assert_eq!(off.problems, []);
        assert_eq!(off.config.time_endpoint, None);
        let wrong = load(r#"{"support_url": null}"#);
        assert_eq!(wrong.problems.len(), 1);
        assert_eq!(wrong.problems[0].field, "support_url");
        assert!(matches!(wrong.problems[0].kind, ProblemKind::WrongType { .. }));
    }

    #[test]
    fn a_token_place_without_its_name_or_segment_is_an_error() {
        // Otherwise the token is silently not checked at all.
        for (text, field) in [
            (r#"{"reset_link": {"token": {"in": "query"}}}"#, "reset_link.token.name"),
            (r#"{"reset_link": {"token": {"in": "path"}}}"#, "reset_link.token.segment"),
        ] {
            let load = load(text);
            assert_eq!(load.config.reset_link.token.location, None, "{text}");
            assert_eq!(load.problems.len(), 1, "{text}");
            assert_eq!(load.problems[0].field, field, "{text}");
            assert!(matches!(load.problems[0].kind, ProblemKind::Missing), "{text}");
        }
    }

    #[test]
    fn an_endpoint_names_its_method_in_any_case() {
        let load = load(
            r#"{"endpoints": [{"name": "A", "url": "https://auth.acme.test/a", "method": "get"},
                {"name": "B", "url": "https://auth.acme.test/b", "method": "HEAD"}]}"#,
        );
        assert_eq!(load.problems, []);
        let methods: Vec<Method> = load.config.endpoints.iter().map(|e| e.method).collect();
        assert_eq!(methods, [Method::Get, Method::Head]);
    }

    #[test]
    fn a_misspelt_field_names_the_field_it_is_probably() {
        let load = load(
            r#"{"timeEndpoint": "/api/time", "suport_url": "/help", "colour": "blue",
            "reset_link": {"Token": {"min-len": 4}}, "endpoints": [{"name": "A", "url": "/a", "methd": "GET"}]}"#,
        );
        let kinds: Vec<(&str, &ProblemKind)> = load.problems.iter().map(|p| (p.field.as_str(), &p.kind)).collect();
        assert!(kinds.contains(&("timeEndpoint", &ProblemKind::UnknownFieldLike("time_endpoint"))), "{kinds:?}");
        assert!(kinds.contains(&("suport_url", &ProblemKind::UnknownFieldLike("support_url"))), "{kinds:?}");
        assert!(kinds.contains(&("colour", &ProblemKind::UnknownField)), "{kinds:?}");
        assert!(kinds.contains(&("reset_link.Token", &ProblemKind::UnknownFieldLike("token"))), "{kinds:?}");
        assert!(kinds.contains(&("endpoints[0].methd", &ProblemKind::UnknownFieldLike("method"))), "{kinds:?}");
        // A wildcard origin is named as such (deploy audit): hosts take them, origins don't.
        let wild = super::load(r#"{"allowed_embedders": ["https://*.acme.test"]}"#);
        assert_eq!(wild.problems[0].kind, ProblemKind::WildcardOrigin, "{:?}", wild.problems);
        assert!(wild.config.allowed_embedders.is_empty());
        // A short name one letter off (after the deploy audit, 2026-11-26).
        let short = super::load(r#"{"reset_link": {"host": ["acme.test"]}}"#);
        assert_eq!(short.problems[0].kind, ProblemKind::UnknownFieldLike("hosts"), "{:?}", short.problems);
        let problem = load.problems.iter().find(|p| p.field == "timeEndpoint").unwrap();
        assert!(problem.to_string().contains("Did you mean “time_endpoint”?"), "{problem}");
        // A value one or two letters off one of its words (admin review, 2026-11-27).
        let values = super::load(
            r#"{"reset_link": {"preset": "djnago", "token": {"in": "quary", "alphabet": "base46"}},
                "endpoints": [{"name": "A", "url": "/a", "method": "HED"}, {"name": "B", "url": "/b", "method": "POST"}]}"#,
        );
        let kinds: Vec<(&str, &ProblemKind)> = values.problems.iter().map(|p| (p.field.as_str(), &p.kind)).collect();
        let like = |field: &str| {
            kinds.iter().find(|(f, _)| *f == field).and_then(|(_, k)| match k {
                ProblemKind::NotOneOfLike(_, like) => Some(*like),
                _ => None,
            })
        };
        assert_eq!(like("reset_link.preset"), Some("django"), "{kinds:?}");
        assert_eq!(like("reset_link.token.in"), Some("query"), "{kinds:?}");
        assert_eq!(like("reset_link.token.alphabet"), Some("base64"), "{kinds:?}");
        assert_eq!(like("endpoints[0].method"), Some("HEAD"), "{kinds:?}");
        assert!(kinds.contains(&("endpoints[1].method", &ProblemKind::NotOneOf(&["GET", "HEAD"]))), "{kinds:?}");
        let preset = values.problems.iter().find(|p| p.field == "reset_link.preset").unwrap();
        assert!(preset.to_string().ends_with("Its default is used instead. Did you mean “django”?"), "{preset}");
    }

    /// The field lists the suggestions come from name exactly the fields
    /// the validator reads, so a new field can't be "unknown" by mistake.
    #[test]
    fn the_suggestion_lists_are_the_fields_read() {
        let is_unknown = |load: &ConfigLoad| {
            load.problems.iter().any(|p| matches!(p.kind, ProblemKind::UnknownField | ProblemKind::UnknownFieldLike(_)))
        };
        for field in TOP_FIELDS {
            assert!(!is_unknown(&load(&format!(r#"{{"{field}": null}}"#))), "{field}");
        }
        for field in RESET_LINK_FIELDS {
            assert!(!is_unknown(&load(&format!(r#"{{"reset_link": {{"{field}": null}}}}"#))), "{field}");
        }
        for field in TOKEN_FIELDS {
            assert!(!is_unknown(&load(&format!(r#"{{"reset_link": {{"token": {{"{field}": null}}}}}}"#))), "{field}");
        }
        assert!(is_unknown(&load(r#"{"reset_link": {"token": {"colour": null}}}"#)), "the test can tell");
    }

    #[test]
    fn an_empty_file_and_a_web_page_are_named_as_such() {
        for (text, kind) in [
            ("", ProblemKind::FileEmpty),
            ("  \n", ProblemKind::FileEmpty),
            ("<!DOCTYPE html><html>…", ProblemKind::FileIsHtml),
            // UTF-16 as the browser decodes it: the byte-order mark's two bytes, then a NUL after each ASCII letter.
            ("\u{FFFD}\u{FFFD}{\0\"\0}\0", ProblemKind::FileNotUtf8),
            ("{\"site_name\": \"x\",}", ProblemKind::InvalidJson { line: 1, column: 19 }),
        ] {
            let load = load(text);
            assert_eq!(load.problems.iter().map(|p| &p.kind).collect::<Vec<_>>(), [&kind], "{text:?}");
        }
    }

    #[test]
    fn a_latin_1_file_is_read_with_a_warning_to_save_it_as_utf_8() {
        let load = load("{\"site_name\": \"Caf\u{FFFD} Ol\u{FFFD}\"}");
        assert_eq!(
            load.problems.iter().map(|p| (p.level, &p.kind)).collect::<Vec<_>>(),
            [(Level::Warning, &ProblemKind::FileNotUtf8)]
        );
        assert_eq!(load.config.site_name.as_deref(), Some("Caf\u{FFFD} Ol\u{FFFD}"));
    }

    #[test]
    fn one_bad_token_setting_is_one_problem() {
        let load = load(r#"{"reset_link": {"token": {"in": "path", "segment": 20, "min_len": 50, "max_len": 20}}}"#);
        let problems: Vec<String> = load.problems.iter().map(|p| format!("{}: {p}", p.field)).collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("reset_link.token.segment: "), "{problems:?}");
        assert!(problems[1].starts_with("reset_link.token.max_len: "), "{problems:?}");
        assert!(problems[1].contains("less than “min_len”"), "{problems:?}");
    }

    #[test]
    fn an_internationalized_host_must_be_written_in_its_ascii_form() {
        let load = load(
            r#"{"time_endpoint": "http://bücher.example/api/time", "allowed_embedders": ["https://mañana.example"],
                "support_url": "https://bücher.example/help",
                "endpoints": [{"name": "A", "url": "https://xn--maana-pta.example/health"}]}"#,
        );
        let kinds: Vec<(&str, &ProblemKind)> = load.problems.iter().map(|p| (p.field.as_str(), &p.kind)).collect();
        assert_eq!(
            kinds,
            [("allowed_embedders[0]", &ProblemKind::NonAsciiHost), ("time_endpoint", &ProblemKind::NonAsciiHost)]
        );
        assert_eq!(load.config.connect_origins(), ["https://xn--maana-pta.example"]);
        // Only followed as a link, never fetched: any host the browser can open.
        assert!(load.config.support_url.is_some());
    }

    #[test]
    fn an_ipv6_host_cannot_be_allowed_by_the_csp() {
        let load = load(
            r#"{"time_endpoint": "http://[::1]:8080/api/time", "allowed_embedders": ["http://[::1]:8081"],
                "endpoints": [{"name": "A", "url": "http://[2001:db8::1]/x"}, {"name": "B", "url": "http://127.0.0.1:8080/y"}]}"#,
        );
        let kinds: Vec<(&str, &ProblemKind)> = load.problems.iter().map(|p| (p.field.as_str(), &p.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("allowed_embedders[0]", &ProblemKind::Ipv6Host),
                ("endpoints[0].url", &ProblemKind::Ipv6Host),
                ("time_endpoint", &ProblemKind::Ipv6Host)
            ]
        );
        assert_eq!(load.config.connect_origins(), ["http://127.0.0.1:8080"]);
    }

    #[test]
    fn long_lists_are_capped() {
        // 20,000 hosts and embedders: the first hundred of each, said so, and quickly.
        let hosts: Vec<String> = (0..20_000).map(|i| format!("\"a{i}.test\"")).collect();
        let origins: Vec<String> = (0..20_000).map(|i| format!("\"https://a{i}.test\"")).collect();
        let text = format!(
            r#"{{"reset_link": {{"hosts": [{}]}}, "allowed_embedders": [{}]}}"#,
            hosts.join(","),
            origins.join(",")
        );
        let load = load(&text);
        assert_eq!(load.config.reset_link.hosts.len(), MAX_LIST_ENTRIES);
        assert_eq!(load.config.allowed_embedders.len(), MAX_LIST_ENTRIES);
        let too_many: Vec<&str> = load
            .problems
            .iter()
            .filter(|p| p.kind == ProblemKind::TooMany { max: MAX_LIST_ENTRIES })
            .map(|p| p.field.as_str())
            .collect();
        assert_eq!(too_many, ["allowed_embedders", "reset_link.hosts"]);
    }

    #[test]
    fn thousands_of_problems_are_capped() {
        let fields: Vec<String> = (0..3000).map(|i| format!("\"unknown_{i}\": 1")).collect();
        let load = load(&format!("{{{}}}", fields.join(",")));
        assert_eq!(load.problems.len(), MAX_PROBLEMS + 1);
        assert_eq!(load.problems.last().map(|p| &p.kind), Some(&ProblemKind::More(3000 - MAX_PROBLEMS)));
        assert!(load.problems.last().unwrap().to_string().contains("2950 more problems"));
        // One over the cap: one problem, in the singular.
        let one_over: Vec<String> = (0..=MAX_PROBLEMS).map(|i| format!("\"unknown_{i}\": 1")).collect();
        let said = super::load(&format!("{{{}}}", one_over.join(","))).problems.last().unwrap().to_string();
        assert!(said.contains("…and 1 more problem, not listed."), "{said}");
        // An error past the first fifty keys is still listed: the most serious come first.
        let with_error = super::load(&format!("{{{}, \"time_endpoint\": \"ftp://x\"}}", fields.join(",")));
        assert_eq!(with_error.problems[0].field, "time_endpoint");
        assert_eq!(with_error.problems[0].level, Level::Error);
    }

    #[test]
    fn a_field_written_twice_is_named_where_it_is() {
        // Two examples pasted together: the second "endpoints" silently replaces the first.
        let text = r#"{
            "time_endpoint": "/api/time",
            "endpoints": [{"name": "Login", "url": "/login", "url": "/signin"}],
            "reset_link": {"hosts": ["a.test"], "token": {"in": "query", "in": "path", "in": "query"}},
            "endpoints": [],
            "\u0074ime_endpoint": null
        }"#;
        let fields: Vec<_> = duplicate_keys(text).into_iter().map(|p| (p.field, p.level, p.kind)).collect();
        assert_eq!(
            fields,
            [
                ("endpoints[0].url".to_owned(), Level::Warning, ProblemKind::DuplicateKey),
                ("reset_link.token.in".to_owned(), Level::Warning, ProblemKind::DuplicateKey),
                ("endpoints".to_owned(), Level::Warning, ProblemKind::DuplicateKey),
                ("time_endpoint".to_owned(), Level::Warning, ProblemKind::DuplicateKey),
            ]
        );
        // What the page's parser keeps, and so what the warning says is lost.
        assert!(load(text).config.endpoints.is_empty());
        let message = duplicate_keys(text)[0].message(Catalogue::checker(Locale::En));
        assert!(message.contains("“endpoints[0].url” is written more than once"), "{message}");
        // The same name in different objects, and a file that is not JSON, are not duplicates.
        assert_eq!(duplicate_keys(r#"{"endpoints": [{"name": "A"}, {"name": "B"}], "name": 1}"#), []);
        assert_eq!(duplicate_keys("\u{feff}{\"a\": 1, \"b\": {\"a\": 2}}"), []);
        assert_eq!(duplicate_keys(r#"{"a": 1, "a": "#), []);
        // Notes may be written as often as an admin likes (review, 2026-11-27: two $comments failed the check).
        assert_eq!(
            duplicate_keys(
                r#"{"$comment": "a", "site_name": "x", "$comment": "b", "reset_link": {"$comment": 1, "$comment": 2}}"#
            ),
            []
        );
        // Many: the first fifty, then how many more.
        let many =
            format!("{{{}}}", (0..60).map(|i| format!(r#""k{i}": 1, "k{i}": 2"#)).collect::<Vec<_>>().join(", "));
        let problems = duplicate_keys(&many);
        assert_eq!(problems.len(), MAX_PROBLEMS + 1);
        assert_eq!(problems[MAX_PROBLEMS].kind, ProblemKind::More(10));
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let load = load("\u{feff}{\"site_name\": \"BOM\"}");
        assert_eq!(load.problems, []);
        assert_eq!(load.config.site_name.as_deref(), Some("BOM"));
    }

    #[test]
    fn allowed_embedders_are_bare_origins() {
        let load = load(
            r#"{"allowed_embedders": ["https://Help.Example.com", "http://localhost:8199/", "https://x.test/page", "ftp://y", 3, "https://help.example.com:443"]}"#,
        );
        assert_eq!(load.config.allowed_embedders, ["https://help.example.com", "http://localhost:8199"]);
        let problems: Vec<String> = load.problems.iter().map(|p| format!("{}: {p}", p.field)).collect();
        expect![[r#"
            [
                "allowed_embedders[2]: The setting “allowed_embedders[2]” must be an origin such as https://help.example.com, without a path. It is ignored.",
                "allowed_embedders[3]: The setting “allowed_embedders[3]” must be an origin such as https://help.example.com, without a path. It is ignored.",
                "allowed_embedders[4]: The setting “allowed_embedders[4]” should be text, but it is a number. Its default is used instead.",
            ]
        "#]]
        .assert_debug_eq(&problems);
    }

    #[test]
    fn connect_origins_are_foreign_sorted_and_unique() {
        let load = load(
            r#"{"time_endpoint": "https://b.example/t", "endpoints": [
                {"name": "1", "url": "https://a.example:8443/x"},
                {"name": "2", "url": "/same"},
                {"name": "3", "url": "https://b.example/other"}
            ]}"#,
        );
        assert_eq!(load.config.connect_origins(), vec!["https://a.example:8443", "https://b.example"]);
    }

    #[test]
    fn unreadable_file_is_an_error_with_defaults() {
        let load = ConfigLoad::unreadable(Some(500));
        assert!(load.has_errors());
        assert_eq!(load.config, Config::default());
        assert_eq!(
            load.problems[0].to_string(),
            "The config file could not be loaded (HTTP status 500), so every setting uses its default."
        );
        assert_eq!(
            ConfigLoad::unreadable(None).problems[0].to_string(),
            "The config file could not be loaded (no response), so every setting uses its default."
        );
        // A slow server is told apart from a dead one (audit C, 2026-11-26).
        let late = ConfigLoad::timed_out(4_000);
        assert!(late.has_errors());
        assert_eq!(
            late.problems[0].to_string(),
            "The config file did not arrive within 4 s, so every setting uses its default. Check that the server answers it quickly."
        );
    }

    /// The problems of a config, one `field: message` per line.
    fn problems(text: &str) -> Vec<String> {
        load(text).problems.iter().map(|p| format!("{}: {p}", p.field)).collect()
    }

    #[test]
    fn reset_link_full_valid() {
        let load = load(
            r#"{"reset_link": {
                "preset": "laravel",
                "hosts": ["Example.com", "*.auth.example.com", "example.com"],
                "environments": [{"name": "Staging", "hosts": ["staging.example.com"]}],
                "path": "/reset-password/",
                "token": {"in": "path", "segment": -1, "alphabet": "hex", "min_len": 64, "max_len": 64},
                "get_consumes_token": false
            }}"#,
        );
        assert_eq!(load.problems, []);
        let link = &load.config.reset_link;
        assert_eq!(link.preset, Some(Preset::Laravel));
        assert_eq!(link.hosts, ["example.com", "*.auth.example.com"]);
        assert_eq!(link.environments[0].word(), "staging");
        assert_eq!(link.path.as_deref(), Some("/reset-password/"));
        assert_eq!(link.token.location, Some(TokenLocation::Path(-1)));
        assert_eq!(link.token.alphabet, Some(Alphabet::Hex));
        assert_eq!((link.token.min_len, link.token.max_len), (Some(64), Some(64)));
        assert_eq!(link.get_consumes_token, Some(false));
    }

    #[test]
    fn reset_link_problems_name_the_field() {
        expect![[r#"
            [
                "reset_link.colour: The setting “reset_link.colour” is not one resetcheck knows; it is ignored. Check its spelling.",
                "reset_link.environments[0].hosts: The setting “reset_link.environments[0].hosts” is missing. This entry is ignored.",
                "reset_link.get_consumes_token: The setting “reset_link.get_consumes_token” should be true or false, but it is text. Its default is used instead.",
                "reset_link.hosts[0]: The setting “reset_link.hosts[0]” should be text, but it is a number. Its default is used instead.",
                "reset_link.hosts[1]: The setting “reset_link.hosts[1]” must be a host name such as example.com, without https:// or a path. It is ignored.",
                "reset_link.path: The setting “reset_link.path” must be a path starting with “/”, without ? or #. It is ignored.",
                "reset_link.preset: The setting “reset_link.preset” must be one of: django, devise, laravel, aspnet_identity, wordpress, supabase, firebase, keycloak, auth0, okta, kratos, authentik, fusionauth, gitea. Its default is used instead.",
                "reset_link.token.alphabet: The setting “reset_link.token.alphabet” must be one of: base64url, base64, hex, alnum, digits, jwt, django, gitea, supabase, any. Its default is used instead.",
                "reset_link.token.segment: The setting “reset_link.token.segment” must be a whole number from -16 to 16. Its default is used instead.",
            ]
        "#]]
        .assert_debug_eq(&problems(
            r#"{"reset_link": {
                "preset": "rails", "hosts": [3, "https://example.com/"], "path": "reset",
                "environments": [{"name": "Test"}], "get_consumes_token": "yes", "colour": 1,
                "token": {"in": "path", "segment": 40, "alphabet": "base32"}
            }}"#,
        ));
    }

    #[test]
    fn reset_link_token_lengths_must_be_ordered() {
        let load = load(r#"{"reset_link": {"token": {"name": "t", "min_len": 40, "max_len": 20}}}"#);
        assert_eq!(load.config.reset_link.token.location, Some(TokenLocation::Query("t".into())));
        assert_eq!(load.config.reset_link.token.max_len, None);
        assert_eq!(load.problems[0].field, "reset_link.token.max_len");
    }

    #[test]
    fn reset_link_must_be_an_object() {
        assert_eq!(
            problems(r#"{"reset_link": ["example.com"]}"#),
            ["reset_link: The setting “reset_link” should be an object, but it is a list. Its default is used instead."]
        );
    }

    #[test]
    fn missing_file_is_info_not_error() {
        let load = ConfigLoad::missing();
        assert!(!load.has_errors());
        assert_eq!(load.config, Config::default());
    }
}
