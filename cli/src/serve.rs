//! `resetcheck serve`: the reference server for the built checker, its config and the time endpoint.
//!
//! Start-up does the work once: read every file of the dist directory into memory, overlay the config, check it,
//! and build every header value. After that a request only looks things up, so serving cannot fail half-way and
//! can never reach the file system. Precompression starts with the server and finishes beside it (a large wasm
//! file takes seconds at brotli quality 11); stderr says when it is done.
//!
//! Architecture Invariant: only paths in the in-memory [`site::Site`] can be served. Path traversal is impossible
//! by construction, and [`request_path`] still refuses `..`, backslashes and control characters outright (400) so
//! that probing shows up as such.
//!
//! Interfaces other tools rely on: the one stdout line `resetcheck serving <dir> at http://<host>:<port>/`,
//! `GET /api/time` answering `{"now_ms": …}` with `Cache-Control: no-store`, and exit code 2 when it cannot start.

mod negotiation;
mod request_path;
mod routes;
mod site;
pub use site::content_security_policy;

use crate::config_check;
use crate::output;
use resetcheck_core::config;
use std::fmt;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long open connections get to finish after Ctrl-C or SIGTERM before the process exits anyway.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);
/// How long a connection may take to send a request's headers.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long to wait after a failed `accept` before the next.
const ACCEPT_RETRY: Duration = Duration::from_millis(50);

/// What `resetcheck serve` was asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    /// The directory Trunk built.
    pub dir: PathBuf,
    /// The address or host name to listen on.
    pub host: String,
    /// The port to listen on; 0 picks a free one.
    pub port: u16,
    /// A config file that replaces `<dir>/resetcheck.json`.
    pub config: Option<PathBuf>,
}

/// Why the server could not start.
#[derive(Debug)]
#[non_exhaustive]
pub enum ServeError {
    /// The dist directory is missing or unreadable.
    DistUnreadable {
        /// The directory asked for.
        dir: PathBuf,
        /// Why it could not be read.
        source: io::Error,
    },
    /// The dist directory has no `index.html`, so it is not a built checker.
    NoIndex {
        /// The directory asked for.
        dir: PathBuf,
    },
    /// A file inside the dist directory could not be read.
    FileUnreadable {
        /// The file.
        path: PathBuf,
        /// Why it could not be read.
        source: io::Error,
    },
    /// The `--config` file could not be read.
    ConfigUnreadable {
        /// The file asked for.
        path: PathBuf,
        /// Why it could not be read.
        source: io::Error,
    },
    /// Another process already listens on the port.
    PortInUse {
        /// The host asked for.
        host: String,
        /// The port asked for.
        port: u16,
    },
    /// Listening failed for another reason (an unknown host, a privileged port).
    Bind {
        /// The host asked for.
        host: String,
        /// The port asked for.
        port: u16,
        /// What the OS said.
        source: io::Error,
    },
    /// The async runtime could not start.
    Runtime(io::Error),
}

/// Appended to every "there is no built app here" message: the two ways out.
const BUILD_HINT: &str =
    "run `cargo xtask serve` (which builds the app and serves it) or pass --dir with a Trunk build";

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::DistUnreadable { dir, source } => {
                write!(f, "cannot read the app directory {}: {source}; {BUILD_HINT}", dir.display())
            }
            ServeError::NoIndex { dir } => write!(f, "{} has no index.html; {BUILD_HINT}", dir.display()),
            ServeError::FileUnreadable { path, source } => write!(f, "cannot read {}: {source}", path.display()),
            ServeError::ConfigUnreadable { path, source } => {
                write!(f, "cannot read the config file {} given with --config: {source}", path.display())
            }
            ServeError::PortInUse { host, port } => write!(
                f,
                "port {port} on {host} is already in use; stop the other server or pass another --port (0 picks a free one)"
            ),
            ServeError::Bind { host, port, source } => write!(f, "cannot listen on {host} port {port}: {source}"),
            ServeError::Runtime(source) => write!(f, "cannot start the async runtime: {source}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// Serves until Ctrl-C or SIGTERM. Returns an error only when it could not start.
pub fn run(options: &Options) -> Result<(), ServeError> {
    let mut files =
        site::read_dir(&options.dir, &mut |warning| output::error(&format!("resetcheck serve: {warning}")))?;
    if !files.contains_key(site::INDEX) {
        return Err(ServeError::NoIndex { dir: options.dir.clone() });
    }
    if let Some(path) = &options.config {
        let bytes =
            std::fs::read(path).map_err(|source| ServeError::ConfigUnreadable { path: path.clone(), source })?;
        files.insert(site::CONFIG.to_owned(), bytes);
    }

    // The page reports config problems to the admin itself, so a broken config is printed here and still served
    // byte for byte: the server must never be the reason a deployment shows nothing.
    let (origins, embedders) = match files.get(site::CONFIG) {
        Some(bytes) => {
            let text = config_check::config_text(bytes);
            let load = config::load(&text);
            for problem in load.problems.iter().chain(&config::duplicate_keys(&text)) {
                output::error(&format!("config: {}", config_check::describe(problem)));
            }
            (load.config.connect_origins(), load.config.allowed_embedders)
        }
        None => (Vec::new(), Vec::new()),
    };
    let security =
        site::security_headers(&origins, &embedders, &mut |warning| output::error(&format!("config: {warning}")));

    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(ServeError::Runtime)?;
    runtime.block_on(async {
        let listener = bind(&options.host, options.port).await?;
        let port = listener.local_addr().map_err(ServeError::Runtime)?.port();
        let site = Arc::new(site::Site::new(files, security));
        let compressing = Arc::clone(&site);
        // A plain thread, not the runtime's blocking pool: it is CPU-bound for seconds and owes nothing to tokio.
        // Should the OS refuse it, the site is simply served uncompressed.
        let _ = std::thread::Builder::new().name("precompress".to_owned()).spawn(move || {
            let started = Instant::now();
            let done = site::precompress(&compressing);
            output::error(&format!(
                "resetcheck serve: precompressed {} files ({} smaller variants) in {:.1} s",
                done.files,
                done.variants,
                started.elapsed().as_secs_f64()
            ));
        });
        output::line(&format!(
            "resetcheck serving {} at http://{}:{port}/",
            options.dir.display(),
            url_host(&options.host)
        ));
        serve(listener, routes::router(site)).await;
        Ok(())
    })
}

/// Listens on `host:port`, telling a port in use apart from other failures. `demo_host` shares it.
pub(crate) async fn bind(host: &str, port: u16) -> Result<tokio::net::TcpListener, ServeError> {
    tokio::net::TcpListener::bind((host, port)).await.map_err(|source| {
        if source.kind() == io::ErrorKind::AddrInUse {
            ServeError::PortInUse { host: host.to_owned(), port }
        } else {
            ServeError::Bind { host: host.to_owned(), port, source }
        }
    })
}

/// Runs the server until a shutdown signal, then gives open connections [`SHUTDOWN_GRACE`] to finish.
///
/// A connection whose request headers don't arrive within [`HEADER_READ_TIMEOUT`] is closed: one that sends
/// nothing, or a header line every few seconds, would otherwise be held open for ever (security review,
/// 2026-11-27), and enough of them exhaust the process's file descriptors.
pub(crate) async fn serve(listener: tokio::net::TcpListener, router: axum::Router) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let signal = shutdown_signal();
    tokio::pin!(signal);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    // Out of file descriptors, say: wait rather than spin.
                    tokio::time::sleep(ACCEPT_RETRY).await;
                    continue;
                };
                let service = hyper_util::service::TowerToHyperService::new(router.clone());
                let connection = hyper::server::conn::http1::Builder::new()
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(HEADER_READ_TIMEOUT)
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
                let connection = graceful.watch(connection);
                // A connection's error is its own: a client that went away.
                tokio::spawn(async move {
                    let _ = connection.await;
                });
            }
            () = &mut signal => break,
        }
    }
    drop(listener);
    // A client holding a connection open must not keep the process alive forever after it was told to stop.
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(SHUTDOWN_GRACE) => {}
    }
}

/// Waits for Ctrl-C or, on Unix, SIGTERM. A signal that can't be watched just never fires: the server keeps
/// running and can still be killed.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

/// The host as it goes into a URL: IPv6 addresses need brackets.
pub(crate) fn url_host(host: &str) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]")
    } else {
        host.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_host_brackets_ipv6_only() {
        assert_eq!(url_host("127.0.0.1"), "127.0.0.1");
        assert_eq!(url_host("localhost"), "localhost");
        assert_eq!(url_host("::1"), "[::1]");
        assert_eq!(url_host("[::1]"), "[::1]");
    }
}
