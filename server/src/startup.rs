//! Wiring: the database pool, migrations, the session layer, the router and the
//! middleware every response passes through.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use app::index::sync::SearchIndex;
use app::state::AppState;
use app::{App, shell};
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos::config::LeptosOptions;
use leptos_axum::{LeptosRoutes, generate_route_list};
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tower::ServiceBuilder;
use tower_http::CompressionLevel;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeader;
use tower_http::trace::TraceLayer;
use tower_sessions::ExpiredDeletion;
use tower_sessions_sqlx_store::PostgresStore;

use crate::config::Settings;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Connection options for `url`, measured at 1,000,000 listings:
/// - `plan_cache_mode`: catalog statements are built per request with optional filters;
///   PostgreSQL's generic plans for them (chosen after five executions of a prepared
///   statement) lose the partial and covering indexes, so we always plan for the actual
///   values (0.9 s generic vs 0.1 s custom).
/// - `work_mem`: the bitmap of a broad text search (a quarter of the catalog) stays exact
///   instead of lossy, so matches are not re-checked against their search documents, and
///   the matches' facet columns are counted in memory (4 MB: 4.9 s; 32 MB: 1.0 s).
/// - `jit`: compiling a facet statement took longer than running it.
pub fn connect_options(url: &str) -> Result<PgConnectOptions, sqlx::Error> {
    Ok(PgConnectOptions::from_str(url)?.options([
        ("plan_cache_mode", "force_custom_plan"),
        ("work_mem", "32MB"),
        ("jit", "off"),
    ]))
}

/// A pool that connects on first use, so the process starts (and `/healthz` answers)
/// even while the database is down; requests wait at most the acquire timeout. For
/// commands and migrations: no statement timeout.
pub fn connect_pool(settings: &Settings) -> Result<PgPool, sqlx::Error> {
    let options = connect_options(settings.database_url.expose())?;
    Ok(lazy_pool(settings, settings.db_pool_size, options))
}

fn lazy_pool(settings: &Settings, size: u32, options: PgConnectOptions) -> PgPool {
    PgPoolOptions::new()
        .max_connections(size)
        .acquire_timeout(Duration::from_secs(settings.db_acquire_timeout_secs))
        .connect_lazy_with(options)
}

/// No statement of a request runs longer than this; a slower one is cancelled and the
/// request answers 503.
pub const STATEMENT_TIMEOUT: &str = "5s";
/// Searches are cut sooner: the broadest ones are the cheapest way to load the database.
pub const SEARCH_STATEMENT_TIMEOUT: &str = "3s";

/// The pools a serving process uses: `db` (`SHUSHANG_DB_POOL_SIZE` connections) and
/// `search_db` (half as many, at least one), each with its statement timeout.
#[derive(Clone)]
pub struct Pools {
    pub db: PgPool,
    pub search_db: PgPool,
}

impl Pools {
    pub fn connect(settings: &Settings) -> Result<Self, sqlx::Error> {
        Ok(Self::with_options(
            settings,
            connect_options(settings.database_url.expose())?,
        ))
    }

    pub fn with_options(settings: &Settings, options: PgConnectOptions) -> Self {
        let timeout = |value| options.clone().options([("statement_timeout", value)]);
        Self {
            db: lazy_pool(settings, settings.db_pool_size, timeout(STATEMENT_TIMEOUT)),
            search_db: lazy_pool(
                settings,
                (settings.db_pool_size / 2).max(1),
                timeout(SEARCH_STATEMENT_TIMEOUT),
            ),
        }
    }

    /// One pool for everything (tests, where no limit is under test).
    pub fn shared(db: PgPool) -> Self {
        Self {
            search_db: db.clone(),
            db,
        }
    }
}

/// Creates the configured database when the server has none of that name yet.
pub async fn create_database_if_missing(settings: &Settings) -> Result<(), BoxError> {
    use sqlx::migrate::MigrateDatabase;
    let url = settings.database_url.expose();
    if !sqlx::Postgres::database_exists(url).await? {
        tracing::info!("creating the database");
        sqlx::Postgres::create_database(url).await?;
    }
    Ok(())
}

/// Applies the project's migrations and the session store's table, then the one data
/// migration SQL cannot do: sealing recovery codes kept as bare SHA-256 with argon2.
pub async fn migrate(db: &PgPool) -> Result<(), BoxError> {
    sqlx::migrate!("../migrations").run(db).await?;
    PostgresStore::new(db.clone()).migrate().await?;
    let sealed = app::accounts::second_factor::upgrade_recovery_codes(db, None).await?;
    if sealed > 0 {
        tracing::info!(sealed, "recovery codes sealed with argon2");
    }
    Ok(())
}

/// The built site's files, as `cargo xtask build` left them for this binary.
struct Assets {
    site_root: PathBuf,
    /// `kind: hash` lines of the site's `hash.txt`, read once here; none when the site
    /// was not built (integration tests), and the plain names are used.
    hashes: Option<String>,
}

impl Assets {
    fn locate(settings: &Settings) -> Self {
        // <target>/<profile>/shushang is served from <target>/site/<profile>.
        let beside_binary = || {
            let exe = std::env::current_exe().unwrap_or_default();
            let exe_dir = exe.parent().unwrap_or(Path::new("."));
            exe_dir
                .join("../site")
                .join(exe_dir.file_name().unwrap_or_default())
        };
        let site_root = settings.site_root.clone().unwrap_or_else(beside_binary);
        let hashes = std::fs::read_to_string(site_root.join("hash.txt")).ok();
        Self { site_root, hashes }
    }

    /// `shushang`, or `shushang.<hash>` for a kind the build hashed.
    fn name(&self, kind: &str) -> String {
        let name = env!("LEPTOS_OUTPUT_NAME");
        let hash = self.hashes.as_deref().and_then(|hashes| {
            hashes.lines().find_map(|line| {
                let (k, hash) = line.split_once(':')?;
                (k.trim() == kind).then(|| hash.trim())
            })
        });
        match hash {
            Some(hash) => format!("{name}.{hash}"),
            None => name.to_owned(),
        }
    }

    fn stylesheet(&self) -> String {
        format!("/pkg/{}.css", self.name("css"))
    }

    /// The JS glue and the wasm share one hash, so the hashed name is simply the output
    /// name: Leptos then needs no `hash_files`, which would re-read a file on every page.
    fn leptos_options(&self, settings: &Settings) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(self.name("bundle"))
            .site_root(self.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .site_addr(settings.site_addr)
            .build()
    }
}

/// The bundle under `/pkg`: content-hashed names, so browsers keep each file for a year
/// without asking again, and the `.br`/`.gz` twins the build wrote, sent as they are.
/// A path the file system cannot read is a 404: `ServeDir` answers 500 for a name longer
/// than the file system allows, which a visitor's typo must never cause.
fn pkg_files(site_root: &Path) -> Router {
    let files = ServeDir::new(site_root.join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    let files = SetResponseHeader::overriding(
        files,
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Router::new()
        .fallback_service(files)
        .layer(middleware::map_response(|response: Response| async move {
            if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
                return response;
            }
            tracing::warn!("an asset path the file system could not read");
            StatusCode::NOT_FOUND.into_response()
        }))
}

/// The whole application as one axum router.
pub fn router(
    settings: &Settings,
    pools: Pools,
    mailer: app::mail::Mailer,
    files: crate::files::Files,
    search_index: SearchIndex,
) -> Router {
    let Pools { db, search_db } = pools;
    let public_url = settings
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", settings.site_addr));
    let assets = Assets::locate(settings);
    let state = AppState {
        leptos_options: assets.leptos_options(settings),
        db: db.clone(),
        search_db,
        search_index,
        mailer,
        public_url,
        stylesheet: assets.stylesheet().into(),
    };

    let sessions = crate::sessions::layer(settings, db);
    let trusted_proxies: Arc<[ipnet::IpNet]> = settings.trusted_proxies.clone().into();
    let https = settings.https();
    let body_rules = crate::bodies::BodyRules::new(
        settings.max_body_bytes,
        Duration::from_secs(settings.body_timeout_secs),
    );
    let page_cache = crate::page_cache::PageCache::new(
        Duration::from_secs(settings.page_cache_secs),
        state.search_index.clone(),
    );

    let pages = generate_route_list(App);
    let app_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };

    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .merge(crate::seo::routes())
        .merge(crate::files::routes(files))
        .merge(crate::listing_upload::routes())
        .nest_service("/pkg", pkg_files(&assets.site_root))
        .leptos_routes(&state, pages, app_shell)
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(
            ServiceBuilder::new()
                .layer(middleware::from_fn(drop_unusable_request_id))
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(request_span))
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                // Pages and API answers, compressed as they are sent; the bundle under
                // /pkg and the page cache's pages arrive compressed and pass untouched.
                .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
                .layer(middleware::from_fn(move |request, next| {
                    security_headers(https, request, next)
                }))
                // One language per request, read by the page cache and the renderer alike.
                .layer(middleware::from_fn(
                    |mut request: Request, next: Next| async move {
                        app::request::settle_locale(request.headers_mut());
                        next.run(request).await
                    },
                ))
                .layer(middleware::from_fn(move |request, next| {
                    crate::page_cache::serve(page_cache.clone(), request, next)
                }))
                .layer(CatchPanicLayer::custom(crate::errors::panic_page))
                // Before any body is read: a cross-site post gets none of it read.
                .layer(middleware::from_fn(refuse_cross_site))
                .layer(middleware::from_fn(move |request, next| {
                    crate::bodies::bound(body_rules.clone(), request, next)
                }))
                .layer(middleware::from_fn(crate::bodies::refuse_unreadable_text))
                .layer(middleware::from_fn(server_fn_error_status))
                .layer(middleware::from_fn(move |request, next| {
                    crate::client::identify(trusted_proxies.clone(), request, next)
                }))
                .layer(sessions)
                .layer(middleware::from_fn(
                    |mut request: Request, next: Next| async move {
                        request
                            .extensions_mut()
                            .insert(app::request::UserOnce::default());
                        next.run(request).await
                    },
                ))
                .layer(middleware::from_fn(crate::flash::carry_form_verdicts))
                .layer(middleware::from_fn(crate::refusals::log_refusals)),
        )
        .with_state(state)
}

fn request_span(request: &Request) -> tracing::Span {
    let id = request
        .extensions()
        .get::<RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", id = %id, method = %request.method(), path = %request.uri().path())
}

/// Keeps a client's `x-request-id` only if it is short and plain (it goes into every log
/// line of the request); otherwise a fresh one is made.
async fn drop_unusable_request_id(mut request: Request, next: Next) -> Response {
    let usable = |id: &HeaderValue| {
        (1..=64).contains(&id.len())
            && id
                .as_bytes()
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    };
    if request
        .headers()
        .get(&REQUEST_ID)
        .is_some_and(|id| !usable(id))
    {
        request.headers_mut().remove(&REQUEST_ID);
    }
    next.run(request).await
}

/// 200 while the process runs.
async fn healthz() -> &'static str {
    "ok"
}

/// 200 when PostgreSQL answers, 503 when it does not.
async fn readyz(State(state): State<AppState>) -> Response {
    match sqlx::query("select 1").execute(&state.db).await {
        Ok(_) => "ready".into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "database not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// Refuses state-changing requests that a browser says come from another site.
/// Browsers send `Sec-Fetch-Site` (and `Origin` on POST); clients that send neither are
/// not browsers, and carry no ambient cookies of a victim to abuse.
async fn refuse_cross_site(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || is_same_origin(request.headers()) {
        return next.run(request).await;
    }
    tracing::warn!("cross-site request refused");
    crate::errors::cross_site_refused(crate::bodies::wants_json(&request))
}

pub fn is_same_origin(headers: &axum::http::HeaderMap) -> bool {
    let header = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    match header(HeaderName::from_static("sec-fetch-site")) {
        Some("same-origin" | "none") => return true,
        Some(_) => return false,
        None => {}
    }
    match (header(header::ORIGIN), header(header::HOST)) {
        (None, _) => true,
        (Some(origin), Some(host)) => {
            origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"))
                == Some(host)
        }
        (Some(_), None) => false,
    }
}

/// Gives a failed server function the HTTP status of its [`app::error::AppError`]: server_fn answers
/// every error with 500, but a refused field is a 422, a throttle 429, and so on. A plain
/// form post (no JavaScript) was already turned into a redirect and is left alone.
/// The error is read once, by [`crate::refusals::log_refusals`] inside, which marks the
/// answer with it.
async fn server_fn_error_status(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    if let Some(crate::refusals::Refused(error)) = response.extensions().get() {
        *response.status_mut() = error.status();
    }
    response
}

/// A fresh script nonce for every response, the Content-Security-Policy that names
/// it, and the other protective headers. Pages read the nonce from the request. A page
/// from the page cache carries no nonce: the policy names its scripts' hashes instead.
/// Over HTTPS, browsers are also told never to use plain HTTP for this site again.
async fn security_headers(https: bool, mut request: Request, next: Next) -> Response {
    let nonce = app::request::CspNonce(uuid::Uuid::new_v4().simple().to_string());
    let nonce_source = format!("'nonce-{}'", nonce.0);
    request.extensions_mut().insert(nonce);
    let mut response = next.run(request).await;
    let scripts = response
        .extensions_mut()
        .remove::<crate::page_cache::ScriptHashes>();
    let scripts = scripts
        .as_ref()
        .map_or(nonce_source.as_str(), |kept| &kept.0);
    let policy = format!(
        "default-src 'self'; script-src 'self' {scripts} 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    let headers = response.headers_mut();
    if let Ok(policy) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // A page is rendered for who asks and when: a cache may keep it, but must ask first.
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    if is_html && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

/// Serves until SIGTERM or Ctrl-C, then lets in-flight requests finish.
pub async fn serve(settings: &Settings) -> Result<(), BoxError> {
    let pools = Pools::connect(settings)?;
    let mailer = settings.mailer()?;
    tracing::info!("mail goes to {}", mailer.describe());
    tokio::spawn(sweep_expired_rows(pools.db.clone()));
    tokio::spawn(send_notification_mail(
        pools.db.clone(),
        mailer.clone(),
        settings
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", settings.site_addr)),
    ));
    let listener = tokio::net::TcpListener::bind(settings.site_addr).await?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    let files = settings.files()?;
    tracing::info!("delivered files go to {files}");
    // The index reads the whole catalog at start-up: a pool of its own, without the
    // requests' statement timeout.
    let search_index = SearchIndex::default();
    let index_db = lazy_pool(
        settings,
        2,
        connect_options(settings.database_url.expose())?,
    );
    search_index.spawn(index_db);
    let app = router(settings, pools, mailer, files, search_index);
    serve_connections(listener, app, HEADER_READ_TIMEOUT, shutdown_signal()).await;
    tracing::info!("stopped");
    Ok(())
}

/// Longest a client may take to send a request's headers.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `app` to every connection `listener` accepts until `shutdown` resolves, then
/// stops accepting and lets in-flight requests finish. (`axum::serve` gives hyper no
/// timer, so its header-read timeout never fires: a client sending its headers a byte at
/// a time held a connection for as long as it liked. Here hyper has tokio's timer, and a
/// connection whose headers are not in within `header_timeout` is closed.)
pub async fn serve_connections(
    listener: tokio::net::TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: impl std::future::Future<Output = ()>,
) {
    use axum::extract::ConnectInfo;
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    use hyper_util::server::conn::auto::Builder;
    use hyper_util::server::graceful::GracefulShutdown;
    use hyper_util::service::TowerToHyperService;
    use tower::ServiceExt;

    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    let connections = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, most likely: wait for some to close.
                    tracing::warn!(error = %e, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let app = app.clone();
        let service = tower::service_fn(move |request: http::Request<hyper::body::Incoming>| {
            let mut request = request.map(axum::body::Body::new);
            request.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(request)
        });
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), TowerToHyperService::new(service))
            .into_owned();
        let connection = connections.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    connections.shutdown().await;
}

/// Sends what the mail outbox holds, every two seconds (at once again while there is more).
async fn send_notification_mail(db: PgPool, mailer: app::mail::Mailer, public_url: String) {
    let mut tick = tokio::time::interval(Duration::from_secs(2));
    loop {
        tick.tick().await;
        loop {
            match app::notifications::outbox::send_pending(&db, &mailer, &public_url, 50).await {
                Ok(50) => continue,
                Ok(_) => break,
                Err(e) => {
                    tracing::warn!(error = %e, "the mail outbox could not be read");
                    break;
                }
            }
        }
    }
}

/// Sweeps expired sessions, throttle rows and the record of sent mail every few
/// minutes; a failed sweep is retried on the next tick.
async fn sweep_expired_rows(db: PgPool) {
    let sessions = PostgresStore::new(db.clone());
    let mut tick = tokio::time::interval(Duration::from_secs(300));
    loop {
        tick.tick().await;
        if let Err(e) = sessions.delete_expired().await {
            tracing::warn!(error = %e, "could not delete expired sessions");
        }
        if let Err(e) = app::accounts::service::sweep_throttle_rows(&db).await {
            tracing::warn!(error = ?e, "could not sweep throttle rows");
        }
        if let Err(e) = app::notifications::outbox::sweep_sent_mail_rows(&db).await {
            tracing::warn!(error = ?e, "could not sweep the record of sent mail");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => tracing::error!(error = %e, "cannot listen for SIGTERM"),
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
