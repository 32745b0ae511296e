//! Answering requests: the time endpoint, the site's files, and the short plain-text errors.
//!
//! [`respond`] is a plain function from request parts to a response, so every branch is reachable without a
//! socket; the axum handler only adds the security headers that every response carries.

use super::negotiation::{self, Coding};
use super::request_path;
use super::site::{Asset, Site, INDEX};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// The reference time endpoint's site key (the path without its `/`).
const TIME_KEY: &str = "api/time";
const ALLOWED_METHODS: &str = "GET, HEAD";

/// Every request goes to one handler: the site is a flat map, so axum's router has nothing to route.
pub fn router(site: Arc<Site>) -> Router {
    Router::new().fallback(handle).with_state(site)
}

async fn handle(State(site): State<Arc<Site>>, request: Request) -> Response {
    let (parts, _body) = request.into_parts();
    let mut response = respond(&site, &parts.method, &parts.uri, &parts.headers);
    response.headers_mut().extend(site.security_headers.clone());
    response
}

/// The response to a request, before the security headers. The query string plays no part but in a redirect.
fn respond(site: &Site, method: &Method, uri: &Uri, headers: &HeaderMap) -> Response {
    let key = match request_path::site_key(uri.path()) {
        Ok(key) => key,
        Err(err) => return plain(StatusCode::BAD_REQUEST, &format!("bad request: {err}\n")),
    };
    if key == TIME_KEY {
        return time(method);
    }
    if method != Method::GET && method != Method::HEAD {
        return method_not_allowed();
    }
    // A directory's page is its index.html: `/` the checker, `/support/` the support page.
    let key = if key.is_empty() || key.ends_with('/') { format!("{key}{INDEX}") } else { key };
    match site.assets.get(&key) {
        Some(asset) => file(asset, method == Method::HEAD, headers),
        // `/support` is the directory `/support/`: send the browser there, so the page's relative paths work.
        None if site.assets.contains_key(&format!("{key}/{INDEX}")) => {
            let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::MOVED_PERMANENTLY;
            // Relative to the request, so it holds behind a proxy that strips a path prefix too.
            let last = uri.path().rsplit('/').next().unwrap_or_default();
            let location = format!("{last}/{query}");
            match HeaderValue::from_str(&location) {
                Ok(value) => response.headers_mut().insert(header::LOCATION, value),
                Err(_) => return plain(StatusCode::NOT_FOUND, "not found\n"),
            };
            response
        }
        None => plain(StatusCode::NOT_FOUND, "not found\n"),
    }
}

fn file(asset: &Asset, head: bool, request_headers: &HeaderMap) -> Response {
    let accept_encoding = header_strs(request_headers, &header::ACCEPT_ENCODING);
    let (brotli, gzip) = (asset.brotli.get(), asset.gzip.get());
    let coding = negotiation::choose_coding(accept_encoding, brotli.is_some(), gzip.is_some());
    let (variant, content_encoding) = match (coding, brotli, gzip) {
        (Coding::Brotli, Some(variant), _) => (variant, Some("br")),
        (Coding::Gzip, _, Some(variant)) => (variant, Some("gzip")),
        _ => (&asset.identity, None),
    };

    let mut response = Response::new(Body::empty());
    let headers = response.headers_mut();
    headers.insert(header::ETAG, variant.etag.clone());
    headers.insert(header::CACHE_CONTROL, asset.cache_control.clone());
    if asset.compressible {
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    // RFC 9110 allows Content-Length on a 304 only with the 200's value; setting it also stops axum from
    // filling in the empty body's 0.
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(variant.body.len()));

    let if_none_match = header_strs(request_headers, &header::IF_NONE_MATCH);
    let etag = variant.etag.to_str().unwrap_or_default();
    if negotiation::none_match_hits(if_none_match, etag) {
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        return response;
    }
    headers.insert(header::CONTENT_TYPE, asset.content_type.clone());
    if let Some(encoding) = content_encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    if !head {
        *response.body_mut() = Body::from(variant.body.clone());
    }
    response
}

/// `GET /api/time`: the server's clock for the page's clock check, read as late as possible so the answer is as
/// fresh as it can be when it leaves.
fn time(method: &Method) -> Response {
    if method == Method::OPTIONS {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NO_CONTENT;
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static(ALLOWED_METHODS));
        headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
        headers.insert(header::ALLOW, HeaderValue::from_static("GET, HEAD, OPTIONS"));
        return response;
    }
    if method != Method::GET && method != Method::HEAD {
        return method_not_allowed();
    }
    let Ok(since_epoch) = SystemTime::now().duration_since(UNIX_EPOCH) else {
        // Answering 0 or a clamped value would fake a reading; the page falls back to the Date header instead.
        return plain(StatusCode::INTERNAL_SERVER_ERROR, "the server clock is before 1970\n");
    };
    let body = serde_json::json!({ "now_ms": since_epoch.as_millis() }).to_string();

    let mut response = with_body(Bytes::from(body), method == Method::HEAD);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // Any page may read the time, and its Resource Timing entry too: it says nothing about anyone.
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(HeaderName::from_static("timing-allow-origin"), HeaderValue::from_static("*"));
    response
}

fn method_not_allowed() -> Response {
    let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
    response.headers_mut().insert(header::ALLOW, HeaderValue::from_static(ALLOWED_METHODS));
    response
}

/// A short plain-text answer for errors. It is never cached: a 404 may be a file that is being deployed.
fn plain(status: StatusCode, text: &str) -> Response {
    let mut response = with_body(Bytes::copy_from_slice(text.as_bytes()), false);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A 200 with `body`, or for HEAD the same headers and no body.
fn with_body(body: Bytes, head: bool) -> Response {
    let length = HeaderValue::from(body.len());
    let mut response = Response::new(if head { Body::empty() } else { Body::from(body) });
    response.headers_mut().insert(header::CONTENT_LENGTH, length);
    response
}

/// The values of a header field that are text; one that isn't can't name anything this server knows.
fn header_strs<'a>(headers: &'a HeaderMap, name: &HeaderName) -> impl Iterator<Item = &'a str> {
    headers.get_all(name).iter().filter_map(|value| value.to_str().ok())
}
