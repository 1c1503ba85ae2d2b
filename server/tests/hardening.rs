//! What an attacker without an account, or with markup planted in a page, can make the
//! server do (#24): read huge or crawling bodies, drive an operator's action, or make
//! the page cache serve one language for another.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{Request, StatusCode, header};
use common::TestApp;
use common::market::merchant;
use futures_util::StreamExt as _;
use sqlx::PgPool;
use tower::ServiceExt;

const MIB: usize = 1024 * 1024;

/// A body of `total` bytes in 64 KiB chunks, counting in `read` what the server pulled,
/// each chunk after `pause`.
fn counted_body(total: usize, read: Arc<AtomicUsize>, pause: Duration) -> Body {
    let chunk = Bytes::from(vec![b'a'; 64 * 1024]);
    let chunks = total.div_ceil(chunk.len());
    let stream = futures_util::stream::iter(0..chunks).then(move |_| {
        let (chunk, read) = (chunk.clone(), read.clone());
        async move {
            tokio::time::sleep(pause).await;
            read.fetch_add(chunk.len(), Ordering::SeqCst);
            Ok::<_, std::io::Error>(chunk)
        }
    });
    Body::from_stream(stream)
}

async fn send(app: &TestApp, mut request: Request<Body>) -> StatusCode {
    app.prepare(&mut request);
    app.router()
        .oneshot(request)
        .await
        .expect("an answer")
        .status()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_huge_anonymous_body_that_is_not_an_upload_is_refused_unread(db: PgPool) {
    let app = TestApp::spawn(db).await;
    // Declared: refused before a byte is read.
    let read = Arc::new(AtomicUsize::new(0));
    let declared = Request::post("/orders/1/deliver")
        .header(header::CONTENT_TYPE, "text/plain")
        .header(header::CONTENT_LENGTH, 240 * MIB)
        .body(counted_body(240 * MIB, read.clone(), Duration::ZERO))
        .expect("request");
    assert_eq!(send(&app, declared).await, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(read.load(Ordering::SeqCst), 0, "nothing read");

    // Undeclared (chunked): read up to the default bound, then refused.
    let read = Arc::new(AtomicUsize::new(0));
    let chunked = Request::post("/orders/1/deliver")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(counted_body(240 * MIB, read.clone(), Duration::ZERO))
        .expect("request");
    assert_eq!(send(&app, chunked).await, StatusCode::PAYLOAD_TOO_LARGE);
    let pulled = read.load(Ordering::SeqCst);
    assert!(pulled <= 256 * 1024 + 64 * 1024, "{pulled} bytes read");

    // The same to a server function.
    let read = Arc::new(AtomicUsize::new(0));
    let to_a_function = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(counted_body(240 * MIB, read.clone(), Duration::ZERO))
        .expect("request");
    assert_eq!(
        send(&app, to_a_function).await,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    assert!(read.load(Ordering::SeqCst) <= 256 * 1024 + 64 * 1024);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_upload_from_another_site_or_from_nobody_is_refused_before_its_body_is_read(db: PgPool) {
    let app = TestApp::spawn(db).await;
    let upload = |read: Arc<AtomicUsize>, cross_site: bool| {
        let mut request = Request::post("/orders/1/deliver")
            .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
            .body(counted_body(100 * MIB, read, Duration::ZERO))
            .expect("request");
        if cross_site {
            request
                .headers_mut()
                .insert("sec-fetch-site", "cross-site".parse().expect("value"));
        }
        request
    };
    let read = Arc::new(AtomicUsize::new(0));
    assert_eq!(
        send(&app, upload(read.clone(), true)).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        read.load(Ordering::SeqCst),
        0,
        "a cross-site upload is not read"
    );

    let read = Arc::new(AtomicUsize::new(0));
    let anonymous = send(&app, upload(read.clone(), false)).await;
    assert_eq!(anonymous, StatusCode::UNAUTHORIZED);
    assert!(
        read.load(Ordering::SeqCst) <= 64 * 1024,
        "an anonymous upload is not read: {}",
        read.load(Ordering::SeqCst)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_body_that_crawls_in_is_cut_off_at_its_deadline(db: PgPool) {
    let app = TestApp::spawn_with(db, |settings| settings.body_timeout_secs = 1).await;
    let read = Arc::new(AtomicUsize::new(0));
    // 128 KiB, one chunk every 600 ms: whole only after 1.2 s.
    let crawling = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(counted_body(128 * 1024, read, Duration::from_millis(600)))
        .expect("request");
    let started = std::time::Instant::now();
    assert_eq!(send(&app, crawling).await, StatusCode::REQUEST_TIMEOUT);
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[sqlx::test(migrations = "../migrations")]
async fn console_actions_need_this_sessions_form_token(db: PgPool) {
    let id = merchant("tokened")
        .tier("growing")
        .insert(&db)
        .await
        .to_string();
    let mut operator = TestApp::spawn(db.clone()).await;
    operator.operator("ops@example.com").await;
    let mut other = TestApp::spawn(db.clone()).await;
    other.operator("ops2@example.com").await;
    let change = |token: Option<String>| {
        let mut fields = vec![
            ("merchant_id", id.clone()),
            ("tier", "leading".to_owned()),
            ("reason", "Provincial review".to_owned()),
        ];
        if let Some(token) = token {
            fields.push(("form_token", token));
        }
        fields
    };
    for (what, token) in [
        ("no token", None),
        ("another session's token", other.form_token()),
        ("an empty token", Some(String::new())),
    ] {
        let fields = change(token);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = operator.post("admin/change_tier", &fields, &[]).await;
        assert_eq!(
            refused.status,
            StatusCode::FORBIDDEN,
            "{what}: {}",
            refused.body
        );
    }
    let audited: i64 = sqlx::query_scalar("select count(*) from audit_event")
        .fetch_one(&db)
        .await
        .expect("count");
    assert_eq!(audited, 0, "nothing changed");

    // The console's own form carries the token, and with it the action goes through.
    let page = operator
        .get_html(&format!("/admin/merchants/{id}"), "en")
        .await;
    let token = operator.form_token().expect("a session");
    assert!(
        page.body
            .contains(&format!("name=\"form_token\" value=\"{token}\"")),
        "{}",
        page.body
    );
    let fields = change(Some(token));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let done = operator.post("admin/change_tier", &fields, &[]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
}

#[sqlx::test(migrations = "../migrations")]
async fn two_language_cookies_render_and_cache_one_language(db: PgPool) {
    let app = TestApp::spawn_with(db, |settings| settings.page_cache_secs = 60).await;
    let page = |cookie: &str| {
        Request::get("/merchants")
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .expect("request")
    };
    let html_lang = |body: &str| {
        body.split("<html lang=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(str::to_owned)
    };
    for (cookie, expected) in [
        ("lang=en; lang=zh", "en"),
        ("lang=%7A%68", "en"),
        ("lang=zh; lang=en", "zh"),
    ] {
        let mut request = page(cookie);
        app.prepare(&mut request);
        let response = app.router().oneshot(request).await.expect("an answer");
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a body");
        let lang = html_lang(&String::from_utf8_lossy(&body));
        assert_eq!(lang.as_deref(), Some(expected), "{cookie}");
    }
    // And the next plain English visitor gets English, not a page kept for another.
    let mut request = page("lang=en");
    app.prepare(&mut request);
    let response = app.router().oneshot(request).await.expect("an answer");
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("a body");
    assert_eq!(
        html_lang(&String::from_utf8_lossy(&body)).as_deref(),
        Some("en")
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_client_that_sends_its_headers_slowly_is_disconnected(db: PgPool) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    server::startup::migrate(&db)
        .await
        .expect("migrations apply");
    let settings = server::config::Settings::for_database("postgres://unused");
    let router = server::startup::router(
        &settings,
        server::startup::Pools::shared(db.clone()),
        app::mail::Mailer::files(
            std::env::temp_dir().join("shushang-hardening-mail"),
            &settings.mail_from,
        )
        .expect("a mailer"),
        server::files::local(&std::env::temp_dir().join("shushang-hardening-files"))
            .expect("files"),
        app::index::sync::SearchIndex::default(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let address = listener.local_addr().expect("an address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server::startup::serve_connections(
        listener,
        router,
        Duration::from_millis(500),
        async move {
            let _ = stopped.await;
        },
    ));

    // A whole request is answered.
    let mut whole = tokio::net::TcpStream::connect(address)
        .await
        .expect("connects");
    whole
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .expect("sent");
    let mut answer = String::new();
    whole.read_to_string(&mut answer).await.expect("read");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    // Headers that never end: the server closes the connection after the timeout.
    let mut slow = tokio::net::TcpStream::connect(address)
        .await
        .expect("connects");
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: local")
        .await
        .expect("sent");
    let started = std::time::Instant::now();
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut rest)).await;
    assert!(closed.is_ok(), "still open after 5 s");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );

    stop.send(()).expect("stops");
    serving.await.expect("the server stopped");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_few_uploads_run_at_once_and_the_next_is_asked_to_come_back(db: PgPool) {
    let mut seller = TestApp::spawn(db.clone()).await;
    let merchant_id =
        common::approved_with_owner(&db, &mut seller, "uploads", "owner@uploads.example.cn").await;
    let listing_id = common::market::listing(merchant_id, "upload-labels")
        .price("fixed", Some(10_000))
        .insert(&db)
        .await
        .to_string();
    let mut buyer = TestApp::spawn(db.clone()).await;
    buyer.verified_user("buyer@example.com", "Bea").await;
    let placed = buyer
        .call(
            "orders/place",
            &[
                ("listing_id", &listing_id),
                ("quantity", "1"),
                ("key", "0123456789abcdef0123"),
            ],
        )
        .await;
    assert_eq!(placed.status, StatusCode::OK, "{}", placed.body);
    let order_id: i64 = sqlx::query_scalar("select order_id from orders")
        .fetch_one(&db)
        .await
        .expect("an order");
    let accepted = seller
        .call(
            "orders/move",
            &[
                ("order_id", &order_id.to_string()),
                ("change", "accept"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);

    // Uploads whose bodies stall after their first bytes hold every place…
    let stalled = |seller: &TestApp| {
        let first =
            Bytes::from_static(b"--x\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n");
        let stream = futures_util::stream::iter([Ok::<_, std::io::Error>(first)])
            .chain(futures_util::stream::pending());
        let mut request = Request::post(format!("/orders/{order_id}/deliver"))
            .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
            .body(Body::from_stream(stream))
            .expect("request");
        seller.prepare(&mut request);
        let router = seller.router();
        tokio::spawn(async move { router.oneshot(request).await })
    };
    let holding: Vec<_> = (0..server::bodies::CONCURRENT_UPLOADS)
        .map(|_| stalled(&seller))
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    // …so the next is told to come back later, unread.
    let read = Arc::new(AtomicUsize::new(0));
    let mut next = Request::post(format!("/orders/{order_id}/deliver"))
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
        .body(counted_body(MIB, read.clone(), Duration::ZERO))
        .expect("request");
    seller.prepare(&mut next);
    let busy = seller.router().oneshot(next).await.expect("an answer");
    assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(busy.headers().contains_key(header::RETRY_AFTER));
    assert_eq!(read.load(Ordering::SeqCst), 0);

    // Once they give up, uploads are taken again.
    for upload in holding {
        upload.abort();
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut again = Request::post(format!("/orders/{order_id}/deliver"))
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
        .body(Body::from("--x--\r\n"))
        .expect("request");
    seller.prepare(&mut again);
    let answer = seller.router().oneshot(again).await.expect("an answer");
    assert_ne!(answer.status(), StatusCode::SERVICE_UNAVAILABLE);
}
