//! `resetcheck demo-host`: a stand-in for a site's own "reset didn't work?" page, on an origin of its own, that
//! embeds the checker with the one-line `embed.js` snippet and lists the events the checker sends it.
//!
//! It is a developer demo (`cargo xtask serve` runs it at http://localhost:8081), so its words are plain English
//! rather than the message catalogue's. It keeps the checker's own rules all the same: no inline script or style,
//! and a CSP whose only foreign source is the checker's origin, in `script-src` (for `embed.js`) and `frame-src`.
//!
//! The page's address may pick the snippet's options, each checked against what the loader accepts and otherwise
//! ignored: `/?lang=de&theme=dark&compact=0&checks=clock,browser`.
//!
//! Interface for tests and xtask: the one stdout line `resetcheck demo-host at http://<host>:<port>/ embedding
//! <checker>/`, and exit code 2 when it cannot start.

use crate::output;
use crate::serve::{self, ServeError};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use resetcheck_core::weburl::WebUrl;
use std::fmt;
use std::sync::Arc;

/// What `resetcheck demo-host` was asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    /// The address or host name to listen on.
    pub host: String,
    /// The port to listen on; 0 picks a free one.
    pub port: u16,
    /// The checker's address, the directory that holds `embed.js`.
    pub checker: String,
}

/// Why the demo host could not start.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// `--checker` is not a usable address of a checker.
    BadChecker {
        /// The address as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Listening or the async runtime failed.
    Serve(ServeError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadChecker { url, reason } => write!(
                f,
                "--checker {url:?} is not a checker's address: {reason}; give the directory that holds embed.js, \
                 such as http://127.0.0.1:8080/"
            ),
            Error::Serve(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

/// Where the checker is: the directory holding `embed.js` (ending in `/`) and its origin, for the CSP.
#[derive(Debug)]
struct Checker {
    base: String,
    origin: String,
}

impl Checker {
    fn parse(url: &str) -> Result<Checker, Error> {
        let bad = |reason: String| Error::BadChecker { url: url.to_owned(), reason };
        let parsed = WebUrl::parse(url).map_err(|err| bad(err.to_string()))?;
        if parsed.query.is_some() || parsed.fragment.is_some() {
            return Err(bad("it has a query or fragment".to_owned()));
        }
        let origin = parsed.origin();
        // The origin goes into a header as a CSP source: only the punycode form of a name can stand there.
        if !origin.is_ascii() {
            return Err(bad("write its host name in punycode (xn--…)".to_owned()));
        }
        let mut base = format!("{origin}{}", parsed.path);
        if !base.ends_with('/') {
            base.push('/');
        }
        Ok(Checker { base, origin })
    }
}

/// Serves the demo page until Ctrl-C or SIGTERM. Returns an error only when it could not start.
pub fn run(options: &Options) -> Result<(), Error> {
    let checker = Arc::new(Checker::parse(&options.checker)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|err| Error::Serve(ServeError::Runtime(err)))?;
    runtime.block_on(async {
        let listener = serve::bind(&options.host, options.port).await.map_err(Error::Serve)?;
        let port = listener.local_addr().map_err(|err| Error::Serve(ServeError::Runtime(err)))?.port();
        output::line(&format!(
            "resetcheck demo-host at http://{}:{port}/ embedding {}",
            serve::url_host(&options.host),
            checker.base
        ));
        // The checker shows only inside pages on its allowed_embedders' origins, and the demo config lists
        // localhost, not 127.0.0.1: the address above alone would show a page whose widget stays silent.
        if options.host == "127.0.0.1" {
            let catalogue = resetcheck_core::messages::Catalogue::new(resetcheck_core::messages::Locale::En);
            output::line(&catalogue.format("cli.demo_host.origin", &[("url", &format!("http://localhost:{port}/"))]));
        }
        serve::serve(listener, router(checker)).await;
        Ok(())
    })
}

fn router(checker: Arc<Checker>) -> Router {
    let csp = format!(
        "default-src 'self'; script-src 'self' {origin}; frame-src {origin}; style-src 'self'; img-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        origin = checker.origin
    );
    let index = move |uri: Uri| {
        let checker = Arc::clone(&checker);
        let csp = csp.clone();
        async move { respond("text/html; charset=utf-8", Some(&csp), page(&checker, uri.query())) }
    };
    Router::new()
        .route("/", get(index))
        .route("/host.js", get(|| async { respond("text/javascript; charset=utf-8", None, HOST_JS.to_owned()) }))
        .route("/host.css", get(|| async { respond("text/css; charset=utf-8", None, HOST_CSS.to_owned()) }))
        .route("/favicon.svg", get(|| async { respond("image/svg+xml", None, FAVICON.to_owned()) }))
        .fallback(|| async { (StatusCode::NOT_FOUND, "not found\n") })
}

fn respond(content_type: &'static str, csp: Option<&str>, body: String) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if let Some(value) = csp.and_then(|csp| HeaderValue::from_str(csp).ok()) {
        headers.insert(HeaderName::from_static("content-security-policy"), value);
    }
    response
}

/// The snippet's `data-` options: the defaults, overridden by the page's query where a value is one the loader
/// accepts. Only these few shapes of value ever reach the page, so the HTML needs no escaping beyond them.
fn snippet_options(query: Option<&str>) -> Vec<(&'static str, String)> {
    let mut options = vec![("lang", "en".to_owned()), ("theme", "auto".to_owned()), ("compact", "1".to_owned())];
    for pair in query.unwrap_or("").split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        // A browser may send the comma of `checks=clock,browser` percent-encoded.
        let value = value.replace("%2C", ",").replace("%2c", ",");
        let (key, ok) = match key {
            "lang" => (
                "lang",
                !value.is_empty() && value.len() <= 35 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
            ),
            "theme" => ("theme", matches!(value.as_str(), "light" | "dark" | "auto")),
            "compact" => ("compact", matches!(value.as_str(), "0" | "1")),
            "checks" => {
                ("checks", !value.is_empty() && value.bytes().all(|b| b.is_ascii_lowercase() || b == b',' || b == b'_'))
            }
            _ => continue,
        };
        if !ok {
            continue;
        }
        options.retain(|(k, _)| *k != key);
        options.push((key, value));
    }
    options
}

fn page(checker: &Checker, query: Option<&str>) -> String {
    let embed = escape(&format!("{}embed.js", checker.base));
    let options: String =
        snippet_options(query).iter().map(|(key, value)| format!(" data-{key}=\"{value}\"")).collect();
    let snippet = format!("<script src=\"{embed}\"{options}></script>");
    let snippet_text = escape(&snippet);
    let checker_link = escape(&checker.base);
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Reset didn't work? (resetcheck demo host page)</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/host.css">
  <script src="/host.js"></script>
</head>
<body>
  <header>
    <p class="note">An example of a site's own help page, served by <code>resetcheck demo-host</code> on an origin of
    its own. It embeds the checker at <a href="{checker_link}">{checker_link}</a>.</p>
  </header>
  <main>
    <h1>Reset didn't work?</h1>
    <p>If the link in our e-mail did not let you set a new password, run this quick check of your browser and give
    the code it shows to our support team.</p>
    <p data-resetcheck-fallback data-testid="fallback">If the check doesn't appear here,
    <a href="{checker_link}">open it in a page of its own</a>.</p>
    {snippet}
    <section aria-labelledby="events-heading">
      <h2 id="events-heading">What this page received</h2>
      <p><label for="code">Code for support</label>: <output id="code" data-testid="code">none yet</output></p>
      <div role="log" aria-labelledby="events-heading">
        <ol id="events" data-testid="events"></ol>
      </div>
      <p>Decode the code with <code>resetcheck decode CODE</code>. The checker sends these events only to the
      origins in its config's <code>allowed_embedders</code>, and only those origins may frame it.</p>
    </section>
    <section aria-labelledby="snippet-heading">
      <h2 id="snippet-heading">The snippet on this page</h2>
      <pre><code>{snippet_text}</code></pre>
      <p>Try other options in this page's address: <code>?theme=dark&amp;compact=0&amp;checks=clock,browser</code>.</p>
    </section>
  </main>
</body>
</html>
"#
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Shows the checker's events as the loader re-dispatches them on `window`. It runs before the snippet, so it
/// hears the first event, and looks its elements up only when an event arrives.
const HOST_JS: &str = r"// resetcheck demo host: lists the checker's events and shows the code.
(() => {
  const log = (text) => {
    const item = document.createElement('li');
    item.textContent = text;
    document.getElementById('events').append(item);
  };
  window.addEventListener('resetcheck:ready', () => log('resetcheck:ready'));
  window.addEventListener('resetcheck:progress', (e) => {
    log(`resetcheck:progress ${e.detail.done} of ${e.detail.total} checks done`);
  });
  window.addEventListener('resetcheck:done', (e) => {
    log(`resetcheck:done code ${e.detail.code}`);
    document.getElementById('code').value = e.detail.display || e.detail.code;
  });
  window.addEventListener('resetcheck:error', (e) => log(`resetcheck:error ${e.detail.reason}`));
})();
";

/// A plain square, so the browser's icon request is not a 404 in the console the tests read.
const FAVICON: &str =
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><rect width='16' height='16' fill='#2a5db0'/></svg>";

const HOST_CSS: &str = "body { font: 1rem/1.5 system-ui, sans-serif; max-width: 48rem; margin: 0 auto; padding: 1rem; }
.note { font-size: 0.9rem; color: #444; border-bottom: 1px solid #ccc; padding-bottom: 0.5rem; }
output { font-family: ui-monospace, monospace; font-weight: bold; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f4; padding: 0.5rem; }
";

#[cfg(test)]
mod tests {
    use super::*;

    fn options(query: &str) -> Vec<(&'static str, String)> {
        snippet_options(Some(query))
    }

    #[test]
    fn checker_base_ends_in_a_slash_and_origin_is_bare() {
        let checker = Checker::parse("http://127.0.0.1:8080").expect("valid");
        assert_eq!(
            (checker.base.as_str(), checker.origin.as_str()),
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080")
        );
        let checker = Checker::parse("https://Help.Example.com/resetcheck").expect("valid");
        assert_eq!(checker.base, "https://help.example.com/resetcheck/");
        assert_eq!(checker.origin, "https://help.example.com");
    }

    #[test]
    fn checker_must_be_a_plain_web_address() {
        for bad in ["ftp://x/", "http://x/?a=1", "http://x/#f", "127.0.0.1:8080", "http://bücher.example/"] {
            assert!(Checker::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn defaults_then_valid_overrides() {
        assert_eq!(options(""), [("lang", "en".to_owned()), ("theme", "auto".to_owned()), ("compact", "1".to_owned())]);
        let chosen = options("theme=dark&compact=0&checks=clock%2Cbrowser&lang=de-CH");
        assert!(chosen.contains(&("theme", "dark".to_owned())));
        assert!(chosen.contains(&("compact", "0".to_owned())));
        assert!(chosen.contains(&("checks", "clock,browser".to_owned())));
        assert!(chosen.contains(&("lang", "de-CH".to_owned())));
    }

    #[test]
    fn values_the_loader_would_not_take_are_ignored() {
        let chosen = options("theme=%22%3E%3Cscript%3E&theme=\"><script>&checks=CLOCK&lang=&compact=yes&src=x");
        assert_eq!(chosen, options(""));
    }

    #[test]
    fn the_page_has_no_inline_script() {
        let checker = Checker::parse("http://127.0.0.1:8080/").expect("valid");
        let html = page(&checker, None);
        assert_eq!(html.matches("<script").count(), html.matches("<script src=").count());
        assert!(html.contains(
            "<script src=\"http://127.0.0.1:8080/embed.js\" data-lang=\"en\" data-theme=\"auto\" data-compact=\"1\"></script>"
        ));
    }
}
