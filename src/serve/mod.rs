//! `hs-audit serve`: a local web page for people who do not use a terminal.
//! One small HTTP server on 127.0.0.1 only, guarded by a secret token and
//! a `Host` check; each check runs in its own temporary folder, removed when
//! the answer is sent, and the server's folder is removed when it stops.

mod answer;
mod downloads;
mod guard;
mod job;
mod page;
mod progress;
mod routes;
mod scratch;
mod secret;
mod texts;
mod upload;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

pub use guard::{Denied, check as check_request};
pub use upload::UPLOAD_LIMIT;

use crate::i18n::Lang;

/// Checks that run at once; more wait their turn (memory stays bounded).
const MAX_RUNNING: usize = 2;

/// The environment variable naming the folder the server's temporary folder
/// is made in (default: the system's temporary folder).
pub const TEMP_ENV: &str = "HS_AUDIT_SERVE_TMP";

/// How `serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub port: u16,
    pub open_browser: bool,
    pub lang: Lang,
    pub temp_parent: PathBuf,
}

/// What the handlers share.
pub(crate) struct ServerState {
    pub token: String,
    pub port: u16,
    pub lang: Lang,
    pub scratch: scratch::Scratch,
    pub jobs: progress::Jobs,
    pub running: Arc<tokio::sync::Semaphore>,
    /// Log lines go to the thread that owns standard error.
    pub log: tokio::sync::mpsc::UnboundedSender<String>,
}

/// What the server tells the command that runs it.
#[derive(Debug)]
pub enum Event<'a> {
    /// Listening: the address to print.
    Started(&'a str),
    /// The browser could not be opened.
    OpenFailed,
    /// One request: method, path, status, time (never a query or a file name).
    Log(&'a str),
}

/// Why the server could not run.
#[derive(Debug)]
pub enum ServeError {
    /// The port is taken or may not be used.
    Bind(std::io::Error),
    /// The temporary folder could not be made.
    Temp(std::io::Error),
    /// The runtime could not start.
    Runtime(std::io::Error),
}

/// Runs the server until Ctrl-C, telling `events` what happens.
pub fn run(opts: &ServeOptions, events: &mut dyn FnMut(Event)) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .build()
        .map_err(ServeError::Runtime)?;
    let listener = std::net::TcpListener::bind(("127.0.0.1", opts.port)).map_err(ServeError::Bind)?;
    listener.set_nonblocking(true).map_err(ServeError::Bind)?;
    let port = listener.local_addr().map_err(ServeError::Bind)?.port();
    let (log, mut log_rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    let state = Arc::new(ServerState {
        token: secret::random_hex(16),
        port,
        lang: opts.lang,
        scratch: scratch::Scratch::create(&opts.temp_parent).map_err(ServeError::Temp)?,
        jobs: progress::Jobs::default(),
        running: Arc::new(tokio::sync::Semaphore::new(MAX_RUNNING)),
        log,
    });
    let url = format!("http://127.0.0.1:{port}/?token={}", state.token);
    events(Event::Started(&url));
    if opts.open_browser && open::that_detached(&url).is_err() {
        events(Event::OpenFailed);
    }
    let app = router(state.clone());
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stop_rx.await;
                })
                .await
        });
        let ctrl_c = tokio::signal::ctrl_c();
        tokio::pin!(ctrl_c);
        loop {
            tokio::select! {
                _ = &mut ctrl_c => break,
                Some(line) = log_rx.recv() => events(Event::Log(&line)),
            }
        }
        let _ = stop_tx.send(());
        // Answers under way get a moment to finish; then the server stops.
        let _ = tokio::time::timeout(Duration::from_secs(3), server).await;
        Ok::<(), std::io::Error>(())
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
    state.scratch.remove();
    served.map_err(ServeError::Bind)
}

fn router(state: Arc<ServerState>) -> Router {
    Router::new()
        .route("/", get(routes::index))
        .route("/audit", post(routes::audit))
        .route("/progress", get(routes::progress))
        .route("/template", get(routes::template))
        .fallback(routes::not_found)
        .layer(DefaultBodyLimit::max((UPLOAD_LIMIT + 64 * 1024) as usize))
        .layer(axum::middleware::from_fn_with_state(state.clone(), guard::guard))
        .with_state(state)
}
