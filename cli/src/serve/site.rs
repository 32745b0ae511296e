//! The served site, built once at start-up: every file in memory with its headers and compressed variants.
//!
//! Everything that could fail (reading, building header values) happens here before the first request, so
//! answering a request is a map lookup. Compressing, the one slow step, runs beside the server (see
//! [`precompress`]).

use super::ServeError;
use axum::body::Bytes;
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The page served for `/`.
pub const INDEX: &str = "index.html";
/// The config's path in the site, whichever file it came from.
pub const CONFIG: &str = "resetcheck.json";

/// Directories nested deeper than this are not read: Trunk's output is flat, and a bound keeps a strange tree
/// from running away.
const MAX_DEPTH: usize = 16;

/// Every file of the site, keyed by its path relative to the dist directory with `/` separators (`index.html`,
/// `snippets/x/inline0.js`).
pub type Files = BTreeMap<String, Vec<u8>>;

/// The site ready to serve.
#[derive(Debug)]
pub struct Site {
    /// The files, keyed like [`Files`].
    pub assets: BTreeMap<String, Asset>,
    /// The headers every response carries.
    pub security_headers: HeaderMap,
}

/// One file with everything needed to answer for it.
#[derive(Debug)]
pub struct Asset {
    /// The bytes as they are on disk.
    pub identity: Variant,
    /// Brotli-compressed; set by [`precompress`] when that is smaller.
    pub brotli: OnceLock<Variant>,
    /// Gzip-compressed; set by [`precompress`] when that is smaller.
    pub gzip: OnceLock<Variant>,
    /// Whether the format is worth compressing. Such a file may be sent in several encodings, so its responses
    /// carry `Vary: Accept-Encoding` from the start, before (and even if never) a compressed variant exists.
    pub compressible: bool,
    /// `Content-Type`.
    pub content_type: HeaderValue,
    /// `Cache-Control`.
    pub cache_control: HeaderValue,
}

/// One encoding of a file.
#[derive(Debug)]
pub struct Variant {
    /// The body as sent.
    pub body: Bytes,
    /// A strong ETag for this representation. Each encoding gets its own tag, as RFC 9110 requires of strong
    /// validators: the bytes on the wire differ.
    pub etag: HeaderValue,
}

/// Reads every regular file under `dir` into memory. Symlinks whose target lies outside `dir` are skipped with a
/// warning, so a stray link can never publish a file from elsewhere.
pub fn read_dir(dir: &Path, warn: &mut dyn FnMut(String)) -> Result<Files, ServeError> {
    let root =
        std::fs::canonicalize(dir).map_err(|source| ServeError::DistUnreadable { dir: dir.to_owned(), source })?;
    let mut files = Files::new();
    walk(&root, &root, "", 0, &mut files, warn)?;
    Ok(files)
}

fn walk(
    root: &Path,
    dir: &Path,
    prefix: &str,
    depth: usize,
    files: &mut Files,
    warn: &mut dyn FnMut(String),
) -> Result<(), ServeError> {
    let unreadable = |source| ServeError::DistUnreadable { dir: dir.to_owned(), source };
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        let path = entry.path();
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            // A request path is UTF-8 after percent-decoding, so such a file could never be asked for.
            warn(format!("skipping {}: its name is not UTF-8", path.display()));
            continue;
        };
        if name.starts_with('.') {
            // Build tools' droppings (Trunk's `.trunk-lock`) and hidden files are never part of the site.
            continue;
        }
        let key = format!("{prefix}{name}");
        let file_type =
            entry.file_type().map_err(|source| ServeError::FileUnreadable { path: path.clone(), source })?;
        if file_type.is_symlink() {
            match std::fs::canonicalize(&path) {
                Ok(target) if target.starts_with(root) && target.is_file() => {
                    files.insert(key, read_file(&path)?);
                }
                // A link to a directory inside the root is skipped: that directory is walked under its own name
                // anyway, and following such links invites cycles.
                Ok(target) if target.starts_with(root) => {}
                _ => warn(format!("skipping {}: it is a symlink leading outside {}", path.display(), root.display())),
            }
        } else if file_type.is_dir() {
            if depth >= MAX_DEPTH {
                warn(format!("skipping {}: nested deeper than {MAX_DEPTH} directories", path.display()));
            } else {
                walk(root, &path, &format!("{key}/"), depth + 1, files, warn)?;
            }
        } else if file_type.is_file() {
            files.insert(key, read_file(&path)?);
        }
    }
    Ok(())
}

fn read_file(path: &Path) -> Result<Vec<u8>, ServeError> {
    std::fs::read(path).map_err(|source| ServeError::FileUnreadable { path: path.to_owned(), source })
}

impl Site {
    /// Indexes `files` and builds their headers; fast. The compressed variants come later, from [`precompress`].
    pub fn new(files: Files, security_headers: HeaderMap) -> Site {
        let assets = files
            .into_iter()
            .map(|(key, bytes)| {
                let asset = Asset {
                    identity: Variant { etag: etag(&content_tag(&bytes), ""), body: Bytes::from(bytes) },
                    brotli: OnceLock::new(),
                    gzip: OnceLock::new(),
                    compressible: is_compressible(&key),
                    content_type: HeaderValue::from_static(content_type(&key)),
                    cache_control: HeaderValue::from_static(cache_control(&key)),
                };
                (key, asset)
            })
            .collect();
        Site { assets, security_headers }
    }
}

/// Files larger than this are compressed with less effort. A release build of the checker is far smaller; a file
/// this big is a debug build, where brotli at quality 11 would keep a core busy for minutes.
const FULL_EFFORT_LIMIT: usize = 8 * 1024 * 1024;

/// What [`precompress`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Precompressed {
    /// Compressible files.
    pub files: usize,
    /// Compressed variants kept because they are smaller.
    pub variants: usize,
}

/// Compresses every compressible file with brotli (quality 11) and gzip (level 9), less above
/// [`FULL_EFFORT_LIMIT`], keeping a variant only when it is smaller than the file; returns when all are done.
///
/// It runs after the server has started, on all cores but one, so a large wasm file never delays start-up or
/// starves requests; until a file's variant is ready, clients get the file uncompressed. Small files go first, so
/// most of the site is compressed within milliseconds.
pub fn precompress(site: &Site) -> Precompressed {
    let mut jobs: Vec<(&Asset, Codec)> = site
        .assets
        .values()
        .filter(|asset| asset.compressible)
        .flat_map(|asset| [(asset, Codec::Gzip), (asset, Codec::Brotli)])
        .collect();
    jobs.sort_by_key(|(asset, _)| asset.identity.body.len());
    let next = AtomicUsize::new(0);
    let kept = AtomicUsize::new(0);
    let workers =
        std::thread::available_parallelism().map_or(1, usize::from).saturating_sub(1).clamp(1, jobs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            // A worker the OS refuses to start is no loss: the others, or none, and files go out uncompressed.
            let _ = std::thread::Builder::new().name("precompress".to_owned()).spawn_scoped(scope, || {
                while let Some(&(asset, codec)) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let data = &asset.identity.body;
                    let Some(body) = codec.compress(data).filter(|out| out.len() < data.len()) else { continue };
                    let tag = asset.identity.etag.to_str().unwrap_or_default().trim_matches('"');
                    let variant = Variant { body: Bytes::from(body), etag: etag(tag, codec.suffix()) };
                    let slot = match codec {
                        Codec::Brotli => &asset.brotli,
                        Codec::Gzip => &asset.gzip,
                    };
                    if slot.set(variant).is_ok() {
                        kept.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    Precompressed { files: jobs.len() / 2, variants: kept.into_inner() }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Codec {
    Brotli,
    Gzip,
}

impl Codec {
    /// The compressed bytes, or `None` if the encoder failed (then the file is simply served uncompressed).
    fn compress(self, data: &[u8]) -> Option<Vec<u8>> {
        let full_effort = data.len() <= FULL_EFFORT_LIMIT;
        match self {
            Codec::Brotli => {
                let quality = if full_effort { 11 } else { 5 };
                let mut out = Vec::new();
                {
                    // 22 is brotli's largest standard window (4 MB): the best ratio, still decodable by browsers.
                    let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, 22);
                    writer.write_all(data).ok()?;
                    writer.flush().ok()?;
                }
                Some(out)
            }
            Codec::Gzip => {
                let level = if full_effort { 9 } else { 6 };
                let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
                encoder.write_all(data).ok()?;
                encoder.finish().ok()
            }
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Codec::Brotli => "-br",
            Codec::Gzip => "-gz",
        }
    }
}

/// The extension of the last path segment, lowercased.
fn extension(key: &str) -> String {
    let name = key.rsplit('/').next().unwrap_or(key);
    name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default()
}

/// Text-like formats shrink a lot; images like png and ico are already compressed.
fn is_compressible(key: &str) -> bool {
    matches!(extension(key).as_str(), "html" | "js" | "mjs" | "css" | "wasm" | "json" | "svg" | "txt" | "map" | "md")
}

fn content_type(key: &str) -> &'static str {
    match extension(key).as_str() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        // Browsers refuse `WebAssembly.instantiateStreaming` for any other type.
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Trunk renames a file when its content changes, so a hashed name may be cached forever; anything else (the
/// page, the config, the loader) must be revalidated on every use or a deployment would never reach users.
fn cache_control(key: &str) -> &'static str {
    let name = key.rsplit('/').next().unwrap_or(key);
    if has_content_hash(name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// Whether a file name carries a Trunk content hash: `-` and 12 to 16 lowercase hex digits right before the
/// extension (`main-0123456789abcdef.css`) or before `_bg.wasm` (`app-0123456789abcdef_bg.wasm`).
///
/// Trunk prints its 64-bit hash without leading zeros, so one name in 16 has 15 digits, one in 256 has 14, and so
/// on; below 12 (one in 65,536) the file is merely revalidated instead of cached forever.
fn has_content_hash(name: &str) -> bool {
    let stem = match name.strip_suffix("_bg.wasm") {
        Some(stem) => stem,
        None => match name.rsplit_once('.') {
            Some((stem, _)) => stem,
            None => return false,
        },
    };
    let Some((_, hash)) = stem.rsplit_once('-') else { return false };
    (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A tag for the content: its length and 64-bit FNV-1a hash. Not cryptographic, and needn't be: it only tells a
/// browser whether its copy is current, and the length makes an accidental match even less likely.
fn content_tag(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:x}-{hash:016x}", bytes.len())
}

fn etag(tag: &str, suffix: &str) -> HeaderValue {
    // Hex digits and dashes are always a valid header value; the fallback is unreachable but keeps this total.
    HeaderValue::from_str(&format!("\"{tag}{suffix}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

/// The Content-Security-Policy for a config's foreign origins (`connect-src`) and embedders (`frame-ancestors`),
/// each dropped with a warning unless it is a plain origin. `check-config` prints it for other servers.
pub fn content_security_policy(origins: &[String], embedders: &[String], warn: &mut dyn FnMut(String)) -> String {
    let mut sources = |directive: &str, list: &[String]| {
        let mut value = String::from("'self'");
        for origin in list {
            if is_plain_origin(origin) {
                value.push(' ');
                value.push_str(origin);
            } else {
                warn(format!("not adding {origin:?} to the CSP {directive}: it is not a plain origin"));
            }
        }
        value
    };
    let connect_src = sources("connect-src", origins);
    let frame_ancestors = sources("frame-ancestors", embedders);
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; \
         connect-src {connect_src}; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors {frame_ancestors}"
    )
}

/// The headers every response carries, built once. `origins` are the config's foreign origins for `connect-src`;
/// one that is not a plain `scheme://host[:port]` is dropped with a warning, since anything else (a `;`, a space)
/// would let the config rewrite the policy.
/// `embedders` are the origins allowed to frame the checker (`frame-ancestors`), checked the same way.
pub fn security_headers(origins: &[String], embedders: &[String], warn: &mut dyn FnMut(String)) -> HeaderMap {
    let csp = content_security_policy(origins, embedders, warn);
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(&csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // The page may show a password-reset link; no request it makes may carry the page's URL anywhere.
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin"));
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    );
    headers
}

fn is_plain_origin(origin: &str) -> bool {
    let Some(rest) = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://")) else {
        return false;
    };
    !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_recognised() {
        assert!(has_content_hash("resetcheck-app-1a2b3c4d5e6f7a8b.js"));
        assert!(has_content_hash("resetcheck-app-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(has_content_hash("main-0123456789abcdef.css"));
    }

    #[test]
    fn unhashed_names_are_not() {
        assert!(!has_content_hash("index.html"));
        assert!(!has_content_hash("boot.js"));
        assert!(!has_content_hash("resetcheck.json"));
        assert!(!has_content_hash("favicon.svg"));
        assert!(!has_content_hash("0123456789abcdef"));
    }

    #[test]
    fn hash_must_be_12_to_16_lowercase_hex_after_a_dash() {
        assert!(!has_content_hash("main-0123456789ABCDEF.css"));
        assert!(!has_content_hash("main-0123456789abcdeg.css"));
        assert!(!has_content_hash("main_0123456789abcdef.css"));
        assert!(!has_content_hash("main-0123456789abcdef0.css"));
        assert!(!has_content_hash("main-0123456789a.css"));
        assert!(has_content_hash("main-0123456789ab.css"));
    }

    /// Regression (seen end to end): Trunk writes its hash without leading
    /// zeros, so `resetcheck-app-cd132f9bc3622c1_bg.wasm` (15 digits) was
    /// served `no-cache`.
    #[test]
    fn regression_trunk_hashes_without_leading_zeros_are_hashes() {
        assert!(has_content_hash("resetcheck-app-cd132f9bc3622c1_bg.wasm"));
        assert!(has_content_hash("baseline-hello-a8ee68a5bb9c8e5_bg.wasm"));
        assert!(has_content_hash("resetcheck-app-d66ebe25a8e3bdeb.js"));
    }

    #[test]
    fn non_ascii_names_do_not_panic() {
        assert!(!has_content_hash("ééééééééééééééééé.js"));
        assert!(!has_content_hash("é-0123456789abcdé.js"));
    }

    #[test]
    fn cache_control_looks_at_the_file_name_only() {
        assert_eq!(cache_control("x-0123456789abcdef/index.html"), "no-cache");
        assert_eq!(cache_control("assets/main-0123456789abcdef.css"), "public, max-age=31536000, immutable");
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/app_bg.wasm"), "application/wasm");
        assert_eq!(content_type("boot.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("x.MJS"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("README.md"), "text/markdown; charset=utf-8");
        assert_eq!(content_type("Makefile"), "application/octet-stream");
        assert_eq!(content_type("dir.d/file"), "application/octet-stream");
    }

    #[test]
    fn content_tag_depends_on_every_byte() {
        assert_ne!(content_tag(b"abc"), content_tag(b"abd"));
        assert_eq!(content_tag(b""), "0-cbf29ce484222325");
    }

    #[test]
    fn compression_is_kept_only_when_smaller() {
        let mut files = Files::new();
        let big = "let x = 1;\n".repeat(500).into_bytes();
        files.insert("big.js".to_owned(), big.clone());
        files.insert("tiny.js".to_owned(), b"x".to_vec());
        files.insert("logo.png".to_owned(), vec![0; 4096]);
        let site = Site::new(files, HeaderMap::new());
        assert_eq!(precompress(&site), Precompressed { files: 2, variants: 2 });

        let asset = &site.assets["big.js"];
        let (Some(brotli), Some(gzip)) = (asset.brotli.get(), asset.gzip.get()) else {
            panic!("big.js not compressed")
        };
        assert!(brotli.body.len() < big.len() && gzip.body.len() < big.len());
        let tags = [&asset.identity.etag, &brotli.etag, &gzip.etag];
        assert!(tags[0] != tags[1] && tags[1] != tags[2] && tags[0] != tags[2], "{tags:?}");
        assert!(site.assets["tiny.js"].brotli.get().is_none() && site.assets["tiny.js"].gzip.get().is_none());
        assert!(site.assets["tiny.js"].compressible);
        assert!(!site.assets["logo.png"].compressible, "png is never compressed");
        assert!(site.assets["logo.png"].gzip.get().is_none());
    }

    #[test]
    fn precompressing_nothing_is_fine() {
        let site = Site::new(Files::new(), HeaderMap::new());
        assert_eq!(precompress(&site), Precompressed::default());
    }

    #[test]
    fn csp_lists_plain_origins_and_drops_others() {
        let mut warnings = Vec::new();
        let origins = ["https://a.example".to_owned(), "https://b.example; script-src *".to_owned()];
        let headers = security_headers(&origins, &[], &mut |w| warnings.push(w));
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap_or_default().to_owned();
        assert!(csp.contains("connect-src 'self' https://a.example; object-src"), "{csp}");
        assert!(!csp.contains("b.example"));
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn csp_without_origins_has_no_trailing_space() {
        let headers = security_headers(&[], &[], &mut |_| {});
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap_or_default().to_owned();
        assert!(csp.contains("connect-src 'self'; object-src"), "{csp}");
        assert!(csp.ends_with("frame-ancestors 'self'"), "{csp}");
    }

    #[test]
    fn csp_frame_ancestors_lists_allowed_embedders() {
        let mut warnings = Vec::new();
        let embedders = ["https://help.example.com".to_owned(), "https://x.example 'unsafe-inline'".to_owned()];
        let headers = security_headers(&[], &embedders, &mut |w| warnings.push(w));
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap_or_default().to_owned();
        assert!(csp.ends_with("frame-ancestors 'self' https://help.example.com"), "{csp}");
        assert_eq!(warnings.len(), 1);
    }
}
