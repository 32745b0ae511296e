//! The link rewriters resetcheck recognises, as data, and how to peel exactly one layer off each.
//!
//! Security gateways (Safe Links, Proofpoint, Mimecast, …), mail-service click trackers (SendGrid, Mandrill, …) and
//! site redirectors (Google, Facebook, …) wrap a link in their own. Each [`Rewriter`] says how to recognise its
//! wrapper and how to get the target back. Three rules from the public decoders (see
//! `shared/reference/link-rewriters.md` §0) shape this module:
//!
//! - Hosts match on a label boundary: `nam01.safelinks.protection.outlook.com.evil.test` is not Safe Links, and
//!   is reported as a look-alike instead of being unwrapped.
//! - One layer is one decoding. Percent-escapes that belong to the target survive (`%2525` becomes `%25`, not `%`);
//!   "decode until stable" corrupts real links. The one exception is a target whose *scheme* is still encoded
//!   (`https%3a%2f%2f…`), which can only be a double encoding.
//! - Opaque wrappers (Mimecast, SendGrid, Mailchimp, …) are named and never followed: following one is the very
//!   click that spends a single-use token.

use super::text::{
    base64_decode, bytes_to_text, has_scheme, host_under, html_unescape, percent_decode, query_param,
    starts_with_ignore_case, Parts,
};

/// One kind of wrapper.
#[derive(Debug)]
pub struct Rewriter {
    /// The stable word findings carry (`wrapper` param) and `param.wrapper.<id>` names.
    pub id: &'static str,
    /// Whether the service is known to fetch wrapped links itself (scanning at delivery or at click time), which
    /// spends tokens that a plain GET consumes.
    pub prefetches: bool,
    /// Where the pattern and the algorithm are documented.
    pub source: &'static str,
    hosts: &'static [Host],
    path: PathRule,
    /// A query parameter that must be present for the pattern to apply.
    needs_param: Option<&'static str>,
    method: Method,
}

impl Rewriter {
    /// Whether the target cannot be recovered without asking the service.
    ///
    /// ```
    /// use resetcheck_core::link::REWRITERS;
    /// assert!(REWRITERS.iter().filter(|r| r.id == "mimecast").all(|r| r.is_opaque()));
    /// assert!(REWRITERS.iter().filter(|r| r.id == "safelinks").all(|r| !r.is_opaque()));
    /// ```
    pub fn is_opaque(&self) -> bool {
        matches!(self.method, Method::Opaque)
    }
}

#[derive(Debug)]
enum Host {
    /// Exactly this host.
    Exact(&'static str),
    /// This host or any subdomain of it.
    Under(&'static str),
    /// A subdomain whose first label starts with the prefix: `protect-eu.mimecast.com`.
    PrefixedBelow(&'static str, &'static str),
    /// Any host whose first label is this: a tracker on the sender's own domain (`email.example.com`).
    FirstLabel(&'static str),
    /// Any host: the path and parameters identify it (customer-hosted gateways, branded trackers).
    Any,
}

#[derive(Debug)]
enum PathRule {
    Any,
    Exact(&'static str),
    Prefix(&'static str),
}

#[derive(Debug)]
enum Method {
    /// The first present parameter of these, percent-decoded once.
    Param(&'static [&'static str]),
    /// Trend Micro: the parameter, percent-decoded once; or, when it holds a plain `http(s)://` URL, the raw text up
    /// to the first of the gateway's own parameters.
    ParamOrPlainUntil(&'static str, &'static [&'static str]),
    /// Sophos: the parameter holds the target in standard Base64.
    Base64Param(&'static str),
    /// `u`, percent-decoded, then HTML-unescaped.
    ProofpointV1,
    /// `u` with `-` read as `%` and `_` as `/`, percent-decoded, then HTML-unescaped.
    ProofpointV2,
    /// `__URL__;BASE64!…`: `*` tokens stand for the characters listed in the Base64 part.
    ProofpointV3,
    /// Cisco: everything after the opaque token segment, percent-decoded once.
    CiscoTail,
    /// Amazon SES: the single path segment after `/L0/`, percent-decoded once.
    SesSegment,
    /// Postmark: the scheme-less, percent-encoded target is the segment after the version.
    Postmark,
    /// Mandrill: `p` is Base64 JSON whose `p` is JSON holding `url`.
    Mandrill,
    /// Customer.io: the segment after `/e/c/` is Base64 JSON holding `href`.
    CustomerIo,
    /// SparkPost: a Base64 segment holds tag-length-value records; tag `D` is the target.
    SparkPost,
    /// Avanan: the plain target sits between `___` markers.
    Avanan,
    /// No way back without asking the service.
    Opaque,
}

const GOOGLE: &[Host] = &[
    Host::Exact("google.com"),
    Host::Exact("www.google.com"),
    Host::Exact("www.google.co.uk"),
    Host::Exact("www.google.de"),
    Host::Exact("www.google.fr"),
    Host::Exact("www.google.ca"),
    Host::Exact("www.google.com.au"),
];

const REFERENCE: &str = "shared/reference/link-rewriters.md";

/// Every wrapper resetcheck knows, checked in this order. More specific entries come before catch-alls.
pub static REWRITERS: &[Rewriter] = &[
    Rewriter {
        id: "safelinks",
        prefetches: true,
        source: "https://learn.microsoft.com/en-us/defender-office-365/safe-links-about; https://github.com/atc0005/safelinks",
        hosts: &[
            Host::Under("safelinks.protection.outlook.com"),
            Host::Under("safelinks.protection.office365.us"),
        ],
        path: PathRule::Any,
        needs_param: Some("url"),
        method: Method::Param(&["url"]),
    },
    Rewriter {
        id: "safelinks",
        prefetches: true,
        source: REFERENCE,
        hosts: &[Host::Exact("statics.teams.cdn.office.net")],
        path: PathRule::Prefix("/evergreen-assets/safelinks/"),
        needs_param: Some("url"),
        method: Method::Param(&["url"]),
    },
    Rewriter {
        id: "proofpoint",
        prefetches: true,
        source: "https://github.com/cardi/proofpoint-url-decoder; https://github.com/ninoseki/kachi (rules/proofpoint_v1.yml)",
        hosts: &[Host::Exact("urldefense.proofpoint.com")],
        path: PathRule::Prefix("/v1/url"),
        needs_param: Some("u"),
        method: Method::ProofpointV1,
    },
    Rewriter {
        id: "proofpoint",
        prefetches: true,
        source: "https://github.com/cardi/proofpoint-url-decoder (decode_test.py)",
        hosts: &[Host::Exact("urldefense.proofpoint.com"), Host::Exact("urldefense.com")],
        path: PathRule::Prefix("/v2/url"),
        needs_param: Some("u"),
        method: Method::ProofpointV2,
    },
    Rewriter {
        id: "proofpoint",
        prefetches: true,
        source: "https://github.com/cardi/proofpoint-url-decoder (decode_test.py); Proofpoint urldecoder.py 3.0.1",
        hosts: &[Host::Exact("urldefense.com"), Host::Exact("urldefense.us"), Host::Exact("urldefense.proofpoint.com")],
        path: PathRule::Prefix("/v3/__"),
        needs_param: None,
        method: Method::ProofpointV3,
    },
    Rewriter {
        id: "mimecast",
        prefetches: true,
        source: "https://github.com/goauthentik/authentik/issues/8953; shared/reference/link-rewriters.md",
        hosts: &[Host::PrefixedBelow("protect", "mimecast.com"), Host::Under("mimecastprotect.com")],
        path: PathRule::Prefix("/s/"),
        needs_param: None,
        method: Method::Opaque,
    },
    Rewriter {
        id: "barracuda",
        prefetches: true,
        source: "https://github.com/ninoseki/kachi (rules/barracuda.yml); https://github.com/supabase/auth/issues/1214",
        hosts: &[Host::Under("linkprotect.cudasvc.com")],
        path: PathRule::Any,
        needs_param: Some("a"),
        method: Method::Param(&["a"]),
    },
    Rewriter {
        id: "cisco",
        prefetches: false,
        source: REFERENCE,
        hosts: &[Host::Exact("secure-web.cisco.com")],
        path: PathRule::Any,
        needs_param: None,
        method: Method::CiscoTail,
    },
    Rewriter {
        id: "trendmicro",
        prefetches: false,
        source: "https://github.com/ninoseki/kachi (rules/trendmicro.yml); shared/reference/link-rewriters.md",
        hosts: &[Host::Under("trendmicro.com"), Host::Under("trendmicro.eu")],
        path: PathRule::Prefix("/wis/clicktime/v1/query"),
        needs_param: Some("url"),
        method: Method::ParamOrPlainUntil("url", &["&umid=", "&auth=", "&rct="]),
    },
    Rewriter {
        id: "sophos",
        prefetches: false,
        source: "https://github.com/ninoseki/kachi (rules/sophos.yml); https://community.sophos.com/sophos-email/f/discussions/148123/get-effective-url-from-masqueraded-url",
        hosts: &[Host::Under("protection.sophos.com")],
        path: PathRule::Any,
        needs_param: Some("u"),
        method: Method::Base64Param("u"),
    },
    Rewriter {
        // Without `u` only the host hint `d` is left.
        id: "sophos",
        prefetches: false,
        source: "https://github.com/ninoseki/kachi (tests/test_main.py, is_protected_link)",
        hosts: &[Host::Under("protection.sophos.com")],
        path: PathRule::Any,
        needs_param: None,
        method: Method::Opaque,
    },
    Rewriter {
        id: "symantec",
        prefetches: false,
        source: REFERENCE,
        hosts: &[Host::Exact("clicktime.symantec.com")],
        path: PathRule::Any,
        needs_param: Some("u"),
        method: Method::Param(&["u"]),
    },
    Rewriter {
        id: "symantec",
        prefetches: false,
        source: REFERENCE,
        hosts: &[Host::Exact("clicktime.symantec.com")],
        path: PathRule::Any,
        needs_param: None,
        method: Method::Opaque,
    },
    Rewriter {
        id: "fireeye",
        prefetches: false,
        source: "https://github.com/ninoseki/kachi (rules/fireeye.yml)",
        hosts: &[Host::Exact("protect2.fireeye.com"), Host::Exact("protect.fireeye.com")],
        path: PathRule::Prefix("/v1/url"),
        needs_param: Some("u"),
        method: Method::Param(&["u"]),
    },
    Rewriter {
        id: "fortimail",
        prefetches: false,
        source: REFERENCE,
        hosts: &[Host::Any],
        path: PathRule::Prefix("/fmlurlsvc"),
        needs_param: Some("url"),
        method: Method::Param(&["url"]),
    },
    Rewriter {
        id: "hornetsecurity",
        prefetches: false,
        source: REFERENCE,
        hosts: &[Host::Under("atpscan.global.hornetsecurity.com")],
        path: PathRule::Any,
        needs_param: Some("u"),
        method: Method::Param(&["u"]),
    },
    Rewriter {
        id: "esvalabs",
        prefetches: false,
        source: "https://github.com/ninoseki/kachi (rules/esvalabs.yml)",
        hosts: &[Host::Exact("urlsand.esvalabs.com")],
        path: PathRule::Any,
        needs_param: Some("u"),
        method: Method::Param(&["u"]),
    },
    Rewriter {
        id: "avanan",
        prefetches: false,
        source: "public decoder script: https://url.avanan.click/v2/___<original url>___.<token>",
        hosts: &[Host::Exact("url.avanan.click")],
        path: PathRule::Prefix("/v2/___"),
        needs_param: None,
        method: Method::Avanan,
    },
    Rewriter {
        id: "google",
        prefetches: false,
        source: "https://github.com/klanchman/untrack (GoogleRedirectReverser)",
        hosts: GOOGLE,
        path: PathRule::Exact("/url"),
        needs_param: None,
        method: Method::Param(&["q", "url"]),
    },
    Rewriter {
        id: "facebook",
        prefetches: false,
        source: "https://developers.facebook.com/docs/sharing/webmasters/crawler (l.facebook.com link shim)",
        hosts: &[Host::Exact("l.facebook.com"), Host::Exact("lm.facebook.com")],
        path: PathRule::Exact("/l.php"),
        needs_param: Some("u"),
        method: Method::Param(&["u"]),
    },
    Rewriter {
        id: "instagram",
        prefetches: false,
        source: REFERENCE,
        hosts: &[Host::Exact("l.instagram.com")],
        path: PathRule::Any,
        needs_param: Some("u"),
        method: Method::Param(&["u"]),
    },
    Rewriter {
        id: "slack",
        prefetches: false,
        source: REFERENCE,
        hosts: &[Host::Exact("slack-redir.net")],
        path: PathRule::Exact("/link"),
        needs_param: Some("url"),
        method: Method::Param(&["url"]),
    },
    Rewriter {
        id: "whatsapp",
        prefetches: false,
        source: "https://github.com/ninoseki/kachi (rules/whatsapp.yml)",
        hosts: &[Host::Exact("l.wl.co")],
        path: PathRule::Exact("/l"),
        needs_param: Some("u"),
        method: Method::Param(&["u"]),
    },
    Rewriter {
        id: "linkedin",
        prefetches: false,
        source: REFERENCE,
        hosts: &[Host::Exact("www.linkedin.com")],
        path: PathRule::Prefix("/redir/redirect"),
        needs_param: Some("url"),
        method: Method::Param(&["url"]),
    },
    Rewriter {
        id: "linkedin",
        prefetches: false,
        source: REFERENCE,
        hosts: &[Host::Exact("www.linkedin.com")],
        path: PathRule::Prefix("/safety/go"),
        needs_param: Some("url"),
        method: Method::Param(&["url"]),
    },
    Rewriter {
        id: "youtube",
        prefetches: false,
        source: REFERENCE,
        hosts: &[Host::Exact("www.youtube.com")],
        path: PathRule::Exact("/redirect"),
        needs_param: Some("q"),
        method: Method::Param(&["q"]),
    },
    Rewriter {
        id: "azure_email",
        prefetches: false,
        source: "https://github.com/ninoseki/kachi (rules/azure_email.yml)",
        hosts: &[Host::Exact("emails.azure.microsoft.com")],
        path: PathRule::Prefix("/redirect"),
        needs_param: Some("destination"),
        method: Method::Param(&["destination"]),
    },
    Rewriter {
        id: "mandrill",
        prefetches: false,
        source: "https://github.com/klanchman/untrack (MandrillReverser)",
        hosts: &[Host::Exact("mandrillapp.com")],
        path: PathRule::Prefix("/track/click/"),
        needs_param: Some("p"),
        method: Method::Mandrill,
    },
    Rewriter {
        id: "postmark",
        prefetches: false,
        source: "https://github.com/uBlockOrigin/uAssets (click.pstmrk.it urlskip rule)",
        hosts: &[Host::Exact("click.pstmrk.it")],
        path: PathRule::Any,
        needs_param: None,
        method: Method::Postmark,
    },
    Rewriter {
        id: "ses",
        prefetches: false,
        source: "https://github.com/ninoseki/kachi (rules/ses_awstrack.yml)",
        hosts: &[Host::Under("awstrack.me")],
        path: PathRule::Prefix("/L0/"),
        needs_param: None,
        method: Method::SesSegment,
    },
    Rewriter {
        id: "customerio",
        prefetches: false,
        source: "https://github.com/klanchman/untrack (CustomerIOReverser)",
        hosts: &[Host::Exact("e.customeriomail.com")],
        path: PathRule::Prefix("/e/c/"),
        needs_param: None,
        method: Method::CustomerIo,
    },
    Rewriter {
        id: "sparkpost",
        prefetches: false,
        source: "https://github.com/SparkPost/wordpress-sparkpost/issues/49; shared/reference/link-rewriters.md",
        hosts: &[Host::Under("sparkpostmail.com")],
        path: PathRule::Prefix("/f/a/"),
        needs_param: None,
        method: Method::SparkPost,
    },
    Rewriter {
        id: "sendgrid",
        prefetches: false,
        source: "https://github.com/hexpm/hexpm/issues/1576; shared/reference/link-rewriters.md",
        hosts: &[Host::Under("sendgrid.net")],
        path: PathRule::Any,
        needs_param: None,
        method: Method::Opaque,
    },
    Rewriter {
        // A branded SendGrid domain (`url1234.example.com`): the path and `upn` identify it.
        id: "sendgrid",
        prefetches: false,
        source: REFERENCE,
        hosts: &[Host::Any],
        path: PathRule::Exact("/ls/click"),
        needs_param: Some("upn"),
        method: Method::Opaque,
    },
    Rewriter {
        id: "mailchimp",
        prefetches: false,
        source: REFERENCE,
        hosts: &[Host::Under("list-manage.com")],
        path: PathRule::Prefix("/track/click"),
        needs_param: None,
        method: Method::Opaque,
    },
    Rewriter {
        id: "brevo",
        prefetches: false,
        source: REFERENCE,
        hosts: &[
            Host::Under("sp1-brevo.net"),
            Host::Under("sendibt3.com"),
            Host::Under("sendibt2.com"),
            Host::Under("sendibm1.com"),
            Host::Exact("r.brevo.com"),
        ],
        path: PathRule::Any,
        needs_param: None,
        method: Method::Opaque,
    },
    Rewriter {
        id: "mailgun",
        prefetches: false,
        source: "https://github.com/mailgun/wordpress-plugin/pull/186; shared/reference/link-rewriters.md",
        hosts: &[Host::Under("mailgun.org"), Host::FirstLabel("email")],
        path: PathRule::Prefix("/c/"),
        needs_param: None,
        method: Method::Opaque,
    },
    Rewriter {
        id: "hubspot",
        prefetches: false,
        source: REFERENCE,
        hosts: &[Host::Under("hubspotlinks.com")],
        path: PathRule::Any,
        needs_param: None,
        method: Method::Opaque,
    },
    Rewriter {
        id: "constant_contact",
        prefetches: false,
        source: REFERENCE,
        hosts: &[Host::Under("rs6.net")],
        path: PathRule::Prefix("/tn.jsp"),
        needs_param: None,
        method: Method::Opaque,
    },
];

/// Every `wrapper` word a finding can carry (with repeats), for the catalogue's completeness test.
///
/// ```
/// assert!(resetcheck_core::link::wrapper_ids().any(|w| w == "proofpoint"));
/// ```
pub fn wrapper_ids() -> impl Iterator<Item = &'static str> {
    REWRITERS.iter().map(|r| r.id)
}

fn host_matches(rule: &Host, host: &str) -> bool {
    match rule {
        Host::Exact(h) => host == *h,
        Host::Under(d) => host_under(host, d),
        Host::PrefixedBelow(prefix, d) => host_under(host, d) && host != *d && host.starts_with(prefix),
        Host::FirstLabel(label) => host.split('.').next() == Some(*label) && host.contains('.'),
        Host::Any => true,
    }
}

fn host_rule_domain(rule: &Host) -> Option<&'static str> {
    match rule {
        Host::Exact(d) | Host::Under(d) | Host::PrefixedBelow(_, d) => Some(d),
        Host::FirstLabel(_) | Host::Any => None,
    }
}

fn path_matches(rule: &PathRule, path: &str) -> bool {
    match rule {
        PathRule::Any => true,
        PathRule::Exact(p) => path == *p || path.strip_suffix('/') == Some(p),
        PathRule::Prefix(p) => path.starts_with(p),
    }
}

/// What recognising a link found.
#[derive(Debug)]
pub(crate) enum Recognised {
    /// A wrapper of this kind.
    Wrapper(&'static Rewriter),
    /// A host that imitates this wrapper's (`safelinks.protection.outlook.com.evil.test`): not unwrapped.
    Lookalike(&'static Rewriter),
}

/// Which wrapper `parts` is, if any.
pub(crate) fn recognise(parts: &Parts<'_>) -> Option<Recognised> {
    let host = parts.host.as_str();
    for rw in REWRITERS {
        if !rw.hosts.iter().any(|h| host_matches(h, host)) || !path_matches(&rw.path, parts.path) {
            continue;
        }
        let has_param = |name| parts.query.is_some_and(|q| query_param(q, name).is_some());
        if rw.needs_param.is_none_or(has_param) {
            return Some(Recognised::Wrapper(rw));
        }
    }
    // A wrapper's domain followed by more labels is the classic look-alike.
    REWRITERS
        .iter()
        .find(|rw| {
            rw.hosts.iter().filter_map(host_rule_domain).any(|d| {
                host.match_indices(d).any(|(i, _)| host[i + d.len()..].starts_with('.')) && !host_under(host, d)
            })
        })
        .map(Recognised::Lookalike)
}

/// One layer taken off.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Peeled {
    /// The wrapped link.
    pub target: String,
    /// The target's own scheme was still percent-encoded, so it was decoded a second time.
    pub double_encoded: bool,
}

/// Takes one layer off the link `parts` came from, which [`recognise`] matched to `rw`. `None` when the wrapper
/// holds no usable target (a cut or garbled parameter).
pub(crate) fn peel(rw: &Rewriter, parts: &Parts<'_>) -> Option<Peeled> {
    let query = parts.query.unwrap_or("");
    let target = match &rw.method {
        Method::Param(names) => percent_decode(names.iter().find_map(|n| query_param(query, n))?),
        Method::ParamOrPlainUntil(name, until) => {
            let value = query_param(query, name)?;
            if starts_with_ignore_case(value, "http://") || starts_with_ignore_case(value, "https://") {
                // Unencoded: the target's own `&` split it, so take the raw text up to the gateway's parameters.
                let start = query.find(&format!("{name}=")).map_or(0, |i| i + name.len() + 1);
                let raw = &query[start..];
                let end = until.iter().filter_map(|u| raw.find(u)).min().unwrap_or(raw.len());
                raw[..end].to_owned()
            } else {
                percent_decode(value)
            }
        }
        Method::Base64Param(name) => {
            let value = percent_decode(query_param(query, name)?);
            bytes_to_text(&base64_decode(&value)?)
        }
        Method::ProofpointV1 => html_unescape(&percent_decode(query_param(query, "u")?)),
        Method::ProofpointV2 => {
            let translated: String = query_param(query, "u")?
                .chars()
                .map(|c| match c {
                    '-' => '%',
                    '_' => '/',
                    other => other,
                })
                .collect();
            html_unescape(&percent_decode(&translated))
        }
        Method::ProofpointV3 => proofpoint_v3(parts.tail)?,
        Method::CiscoTail => {
            let rest = parts.tail.strip_prefix('/')?;
            let (_token, target) = rest.split_once('/')?;
            let target = target.split('#').next().unwrap_or(target);
            percent_decode(target)
        }
        Method::SesSegment => {
            let after = parts.tail.split_once("/L0/")?.1;
            percent_decode(after.split('/').next().unwrap_or(after))
        }
        Method::Postmark => {
            let mut segments = parts.path.split('/').skip(1);
            let version = segments.next()?;
            if !version.starts_with(['2', '3']) {
                return None;
            }
            let target = percent_decode(segments.next()?);
            if has_scheme(&target) {
                target
            } else {
                format!("https://{target}")
            }
        }
        Method::Mandrill => {
            let json = base64_json(&percent_decode(query_param(query, "p")?))?;
            match json.get("url").and_then(|v| v.as_str()) {
                Some(url) => url.to_owned(),
                None => {
                    let inner: serde_json::Value = serde_json::from_str(json.get("p")?.as_str()?).ok()?;
                    inner.get("url")?.as_str()?.to_owned()
                }
            }
        }
        Method::CustomerIo => {
            let segment = parts.path.strip_prefix("/e/c/")?.split('/').next()?;
            base64_json(segment)?.get("href")?.as_str()?.to_owned()
        }
        Method::SparkPost => sparkpost(parts.path)?,
        Method::Avanan => {
            let inner = parts.tail.strip_prefix("/v2/___")?;
            let end = inner.rfind("___.").or_else(|| inner.rfind("___"))?;
            restore_single_slash(&inner[..end])
        }
        Method::Opaque => return None,
    };
    finish(target, parts)
}

/// The checks and fix-ups every decoded target gets.
fn finish(target: String, parts: &Parts<'_>) -> Option<Peeled> {
    let mut target = target.trim().to_owned();
    // `url==http…`: quoted-printable residue doubled the parameter's `=`.
    let unprefixed = target.trim_start_matches('=');
    if unprefixed.len() < target.len() && has_scheme(unprefixed) {
        target = unprefixed.to_owned();
    }
    let mut double_encoded = false;
    if starts_with_ignore_case(&target, "http%3a") || starts_with_ignore_case(&target, "https%3a") {
        target = percent_decode(&target);
        double_encoded = true;
    }
    if target.is_empty() || target.chars().any(|c| c.is_control()) {
        return None;
    }
    // A redirect without a fragment keeps the one the browser had (RFC 9110 §10.2.2), so a fragment left on the
    // wrapper (Avanan puts it there) belongs to the target.
    if let Some(fragment) = parts.fragment {
        if !target.contains('#') && !fragment.is_empty() && !parts.path.starts_with("/v3/__") {
            target.push('#');
            target.push_str(fragment);
        }
    }
    Some(Peeled { target, double_encoded })
}

fn base64_json(text: &str) -> Option<serde_json::Value> {
    let bytes = base64_decode(text.trim_end_matches('='))?;
    serde_json::from_slice(&bytes).ok()
}

/// `https:/host` (one slash, as Proofpoint v3 and Avanan sometimes store it) becomes `https://host`.
fn restore_single_slash(url: &str) -> String {
    if let Some(colon) = url.find(":/") {
        let scheme = &url[..colon];
        let after = &url[colon + 2..];
        if !scheme.is_empty()
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
            && !after.starts_with('/')
            && !after.is_empty()
        {
            return format!("{scheme}://{after}");
        }
    }
    url.to_owned()
}

/// The run lengths of `**X` tokens: `X`'s index in this alphabet plus 2.
const V3_RUN_ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Proofpoint URL Defense v3, after the official `urldecoder.py` 3.0.1: take the URL between `/v3/__` and `__;`,
/// restore a single slash after the scheme, percent-decode it, then replace each `*` token with the next characters
/// of the Base64 part (up to the first `!`): `*` takes one, `**X` takes a run of `index(X) + 2`.
fn proofpoint_v3(tail: &str) -> Option<String> {
    let rest = tail.split_once("/v3/__")?.1;
    let end = rest.find("__;")?;
    let url = &rest[..end];
    if url.is_empty() {
        return None;
    }
    let after = &rest[end + 3..];
    let encoded = after.split('!').next().unwrap_or(after);
    let url = percent_decode(&restore_single_slash(url));
    // Runs count bytes, not characters: `**B` over `í#` takes the two bytes of `í` and the `#` (the UTF-8 vectors
    // in cardi/proofpoint-url-decoder's tests, taken from real links).
    let replacements = base64_decode(encoded)?;
    let mut next = 0;
    let mut out: Vec<u8> = Vec::with_capacity(url.len());
    let mut bytes = url.bytes().peekable();
    while let Some(b) = bytes.next() {
        if b != b'*' {
            out.push(b);
            continue;
        }
        let run = if bytes.peek() == Some(&b'*') {
            bytes.next();
            let x = bytes.next()?;
            V3_RUN_ALPHABET.bytes().position(|r| r == x)? + 2
        } else {
            1
        };
        out.extend_from_slice(replacements.get(next..next + run)?);
        next += run;
    }
    Some(bytes_to_text(&out))
}

/// SparkPost's click link: Base64 segments of binary records; a `D` tag with a one-byte length holds the target.
/// Not documented by SparkPost, so a segment without such a record makes the link opaque.
fn sparkpost(path: &str) -> Option<String> {
    let segments = path.strip_prefix("/f/a/")?;
    for segment in segments.split('/') {
        let Some(bytes) = base64_decode(segment.trim_matches('~')) else { continue };
        for i in 0..bytes.len() {
            if bytes[i] != b'D' {
                continue;
            }
            let Some(&len) = bytes.get(i + 1) else { continue };
            if let Some(url) = bytes.get(i + 2..i + 2 + usize::from(len)) {
                if url.starts_with(b"http") {
                    return Some(bytes_to_text(url));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::text::split;

    fn unwrap_once(url: &str) -> Option<String> {
        let parts = split(url)?;
        match recognise(&parts)? {
            Recognised::Wrapper(rw) => peel(rw, &parts).map(|p| p.target),
            Recognised::Lookalike(_) => None,
        }
    }

    #[test]
    fn proofpoint_v3_tokens() {
        assert_eq!(
            unwrap_once("https://urldefense.com/v3/__https://google.com:443/search?q=a*test&gs=ps__;Kw!-612Flbf0JvQ3kNJkRi5Jg!Ue6t$")
                .as_deref(),
            Some("https://google.com:443/search?q=a+test&gs=ps")
        );
        assert_eq!(
            unwrap_once("https://urldefense.com/v3/__http://www.example.com/**Aa*.html__;w60j!!foo!bar$").as_deref(),
            Some("http://www.example.com/ía#.html")
        );
    }

    #[test]
    fn proofpoint_v3_with_too_few_replacements_is_undecodable() {
        assert_eq!(unwrap_once("https://urldefense.com/v3/__http://x.test/**Z__;Iw!!a$"), None);
    }

    #[test]
    fn lookalike_is_not_unwrapped() {
        let parts =
            split("https://nam01.safelinks.protection.outlook.com.evil.test/?url=https%3A%2F%2Fx.test").unwrap();
        assert!(matches!(recognise(&parts), Some(Recognised::Lookalike(rw)) if rw.id == "safelinks"));
    }

    #[test]
    fn trend_micro_plain_target_is_cut_at_the_gateway_parameters() {
        assert_eq!(
            unwrap_once("https://hes32-ctp.trendmicro.com/wis/clicktime/v1/query?url=https://example.com/store?a=1&b=2&umid=72c1&auth=b9").as_deref(),
            Some("https://example.com/store?a=1&b=2")
        );
    }

    #[test]
    fn double_encoded_scheme_is_decoded_again() {
        let url = "https://smex-ctp.trendmicro.com/wis/clicktime/v1/query?url=https%253a%252f%252fexample.com%252fpage&umid=5";
        let parts = split(url).unwrap();
        let Some(Recognised::Wrapper(rw)) = recognise(&parts) else { panic!("not recognised") };
        assert_eq!(
            peel(rw, &parts),
            Some(Peeled { target: "https://example.com/page".to_owned(), double_encoded: true })
        );
    }

    #[test]
    fn wrapper_fragment_carries_over() {
        assert_eq!(
            unwrap_once("https://url.avanan.click/v2/___https://www.postgresql.org/docs/16/ddl-constraints.html___.YXAz#DDL-KEYS")
                .as_deref(),
            Some("https://www.postgresql.org/docs/16/ddl-constraints.html#DDL-KEYS")
        );
    }

    #[test]
    fn opaque_wrappers_are_recognised_but_not_peeled() {
        let url = "https://protect-eu.mimecast.com/s/AbCdEfGh?domain=example.com";
        let parts = split(url).unwrap();
        let Some(Recognised::Wrapper(rw)) = recognise(&parts) else { panic!("not recognised") };
        assert!(rw.is_opaque());
        assert_eq!(peel(rw, &parts), None);
        assert!(recognise(&split("https://www.mimecast.com/s/x").unwrap()).is_none());
    }
}
