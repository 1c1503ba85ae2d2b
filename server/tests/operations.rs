//! The binary's operator commands, health checks and HTTP hygiene.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{PASSWORD, ScriptsAllowedBy, TestApp};
use server::config::Settings;
use server::startup;
use sqlx::PgPool;

/// The connection string of the test's own database, for the binary to use.
async fn database_url(db: &PgPool) -> String {
    let name: String = sqlx::query_scalar("select current_database()")
        .fetch_one(db)
        .await
        .expect("name");
    let base = std::env::var("DATABASE_URL").expect("DATABASE_URL is set for tests");
    let (server, _) = base.rsplit_once('/').expect("a database path");
    format!("{server}/{name}")
}

#[sqlx::test(migrations = "../migrations")]
async fn create_admin_makes_an_operator_who_can_sign_in(db: PgPool) {
    let output = Command::new(env!("CARGO_BIN_EXE_shushang"))
        .args([
            "create-admin",
            "--email",
            "Operator@Example.com",
            "--name",
            "Provincial Operator",
        ])
        .env("DATABASE_URL", database_url(&db).await)
        .env("SHUSHANG_ADMIN_PASSWORD", PASSWORD)
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let role: String =
        sqlx::query_scalar("select role from app_user where email = 'operator@example.com'")
            .fetch_one(&db)
            .await
            .expect("the operator exists");
    assert_eq!(role, "admin");

    let mut app = TestApp::spawn(db).await;
    assert_eq!(
        app.sign_in("operator@example.com", PASSWORD).await.status,
        StatusCode::OK
    );
    assert!(app.whoami().await.is_null(), "the second step comes first");
    let next = app.get_html("/login/code", "en").await;
    assert!(next.body.contains("Set up your authenticator"));
}

#[sqlx::test(migrations = "../migrations")]
async fn create_admin_reads_the_password_from_stdin_and_refuses_weak_ones(db: PgPool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shushang"))
        .args(["create-admin", "--email", "op2@example.com"])
        .env("DATABASE_URL", database_url(&db).await)
        .env_remove("SHUSHANG_ADMIN_PASSWORD")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"password\n")
        .expect("write");
    let output = child.wait_with_output().expect("exits");
    assert!(!output.status.success(), "a common password is refused");
    assert!(String::from_utf8_lossy(&output.stderr).contains("password"));

    let count: i64 = sqlx::query_scalar("select count(*) from app_user")
        .fetch_one(&db)
        .await
        .expect("count");
    assert_eq!(count, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn readyz_reports_the_database_and_healthz_the_process(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
    assert_eq!(app.get("/readyz").await.status, StatusCode::OK);

    let mut settings = Settings::for_database("postgres://postgres@127.0.0.1:1/unreachable");
    settings.db_acquire_timeout_secs = 1;
    let unreachable = server::startup::connect_pool(&settings).expect("a lazy pool");
    let mut down = TestApp::with_settings(&settings, unreachable);
    assert_eq!(
        down.get("/readyz").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(down.get("/healthz").await.status, StatusCode::OK);
}

#[sqlx::test(migrations = "../migrations")]
async fn unknown_pages_are_a_real_404_in_the_visitors_language(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    let english = app.get_html("/no/such/page", "en-GB,en;q=0.8").await;
    assert_eq!(english.status, StatusCode::NOT_FOUND);
    assert!(english.body.contains("Page not found"));
    assert!(english.body.contains(r#"lang="en""#));

    let chinese = app.get_html("/no/such/page", "zh-CN,zh;q=0.9").await;
    assert_eq!(chinese.status, StatusCode::NOT_FOUND);
    assert!(chinese.body.contains("页面不存在"));
    assert!(chinese.body.contains(r#"lang="zh""#));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_language_cookie_beats_accept_language(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    let switched = app.call("set_language", &[("lang", "zh")]).await;
    assert_eq!(switched.status, StatusCode::OK);
    let cookie = switched.header("set-cookie").expect("a cookie").to_owned();
    assert!(
        cookie.starts_with("lang=zh;") && cookie.contains("Path=/"),
        "{cookie}"
    );

    let request = axum::http::Request::get("/login")
        .header("accept-language", "en-US,en;q=0.9")
        .header("cookie", "lang=zh")
        .body(axum::body::Body::empty())
        .expect("request");
    let page = app.request(request).await;
    assert!(
        page.body.contains("电子邮箱"),
        "Chinese labels despite an English browser"
    );

    assert_eq!(
        app.call("set_language", &[("lang", "fr")]).await.status,
        StatusCode::BAD_REQUEST
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn every_response_carries_security_headers_and_a_request_id(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    let page = app.get_html("/", "en").await;
    assert_eq!(page.status, StatusCode::OK);
    let csp = page.header("content-security-policy").expect("a CSP");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    // A page every visitor shares comes from the page cache: its scripts go by their
    // hashes. A page of one's own has this answer's nonce.
    assert_eq!(page.inline_scripts_allowed_by(), ScriptsAllowedBy::Hashes);
    app.verified_user("mei@example.com", "Mei Lin").await;
    let own = app.get_html("/", "en").await;
    assert!(matches!(
        own.inline_scripts_allowed_by(),
        ScriptsAllowedBy::Nonce(_)
    ));
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert!(page.header("referrer-policy").is_some());
    assert!(page.header("x-request-id").is_some_and(|id| id.len() >= 32));

    let api = app.call("current_user", &[]).await;
    assert_eq!(api.header("x-content-type-options"), Some("nosniff"));
}

#[sqlx::test(migrations = "../migrations")]
async fn oversized_bodies_are_refused(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    let huge = "x".repeat(300 * 1024);
    let response = app
        .call("sign_in", &[("email", &huge), ("password", "x")])
        .await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[sqlx::test(migrations = "../migrations")]
async fn pages_are_rendered_on_the_server(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    let home = app.get_html("/", "en").await;
    assert!(home.body.contains("Find a data merchant you can trust"));
    assert!(
        home.body.contains("/pkg/shushang.js"),
        "the islands bundle is linked"
    );
    assert!(
        !home.body.contains("__RESOLVED_RESOURCES["),
        "a page reads its data on the server and sends none of it twice"
    );
    assert!(
        !home.body.contains("<leptos-island"),
        "the home page has nothing interactive to hydrate"
    );

    let sign_in = app.get_html("/login", "en").await;
    assert!(
        sign_in
            .body
            .contains(r#"<leptos-island data-component="LiveForm"#),
        "the sign-in form is live"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn pages_whose_data_cannot_be_read_answer_503_with_the_error_page(db: PgPool) {
    // `db` only gives this test its own database; the app below cannot reach any.
    drop(db);
    let mut settings = Settings::for_database("postgres://postgres@127.0.0.1:1/unreachable");
    settings.db_acquire_timeout_secs = 1;
    let unreachable = server::startup::connect_pool(&settings).expect("a lazy pool");
    let mut down = TestApp::with_settings(&settings, unreachable);
    for path in [
        "/",
        "/catalog?q=标注",
        "/merchants?tier=growing",
        "/catalog/some-listing",
    ] {
        let page = down.get_html(path, "en").await;
        assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert!(
            page.body.contains("The service is briefly unavailable"),
            "{path}: the friendly error page"
        );
        assert!(!page.body.contains("127.0.0.1:1"), "{path}: no internals");
    }
    let zh = down.get_html("/", "zh-CN").await;
    assert!(zh.body.contains("服务暂时不可用"));
}

#[sqlx::test(migrations = "../migrations")]
async fn assets_go_out_precompressed_and_cached_for_good_and_pages_compressed_and_revalidated(
    db: PgPool,
) {
    let site = std::env::temp_dir().join(format!("shushang-site-{}", uuid::Uuid::new_v4()));
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).expect("a temporary site folder");
    std::fs::write(pkg.join("shushang.0123abcd.js"), "export default 1;").expect("write");
    std::fs::write(pkg.join("shushang.0123abcd.js.br"), b"brotli bytes").expect("write");
    std::fs::write(pkg.join("shushang.0123abcd.js.gz"), b"gzip bytes").expect("write");
    startup::migrate(&db).await.expect("migrations apply");
    let mut settings = Settings::for_database("postgres://unused");
    settings.site_root = Some(site.clone());
    let mut app = TestApp::with_settings(&settings, db);

    let get = |path: &str, encoding: &str| {
        Request::get(path)
            .header("accept-encoding", encoding)
            .body(Body::empty())
            .expect("request")
    };
    let br = app
        .request(get("/pkg/shushang.0123abcd.js", "gzip, br"))
        .await;
    assert_eq!(br.status, StatusCode::OK);
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(br.body, "brotli bytes", "the file compressed at build time");
    assert_eq!(
        br.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let plain = app
        .request(get("/pkg/shushang.0123abcd.js", "identity"))
        .await;
    assert_eq!(plain.body, "export default 1;");

    // Names the file system cannot even look up (too long, a file taken for a folder)
    // are files that are not there, not server errors.
    for unreadable in [
        format!("/pkg/{}", "a".repeat(300)),
        "/pkg/shushang.0123abcd.js/x".to_owned(),
    ] {
        let missing = app.request(get(&unreadable, "identity")).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND, "{unreadable}");
    }

    let page = app.request(get("/catalog", "gzip")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("content-encoding"), Some("gzip"));
    assert_eq!(page.header("cache-control"), Some("no-cache"));
    std::fs::remove_dir_all(site).ok();
}

#[sqlx::test(migrations = "../migrations")]
async fn serving_statements_are_cut_after_a_few_seconds_and_searches_sooner(db: PgPool) {
    let settings = Settings::for_database("postgres://unused");
    let pools = server::startup::Pools::with_options(&settings, (*db.connect_options()).clone());
    let timeout = |pool: PgPool| async move {
        sqlx::query_scalar::<_, String>("show statement_timeout")
            .fetch_one(&pool)
            .await
            .expect("shows")
    };
    assert_eq!(timeout(pools.db.clone()).await, "5s");
    assert_eq!(timeout(pools.search_db.clone()).await, "3s");
    assert_eq!(pools.search_db.options().get_max_connections(), 5);

    let cut = sqlx::query("select pg_sleep(4)")
        .execute(&pools.search_db)
        .await
        .expect_err("cancelled");
    assert_eq!(
        app::error::AppError::from(cut),
        app::error::AppError::Unavailable,
        "a cancelled statement is a 503, not a 500"
    );
}
