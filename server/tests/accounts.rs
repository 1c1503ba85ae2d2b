//! Accounts and sessions over HTTP, against a real PostgreSQL database per test.

mod common;

use axum::http::StatusCode;
use common::{PASSWORD, TestApp};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn register_sign_out_sign_in_and_see_the_account(db: PgPool) {
    let mut app = TestApp::spawn(db).await;

    let registered = app.register("wei.li@example.com", "Li Wei").await;
    assert_eq!(registered.status, StatusCode::OK, "{}", registered.body);
    assert_eq!(app.whoami().await["display_name"], "Li Wei");
    assert_eq!(app.whoami().await["role"], "buyer");

    let signed_out = app.sign_out().await;
    assert_eq!(signed_out.status, StatusCode::OK);
    assert!(app.session.is_none(), "sign-out clears the cookie");
    assert!(app.whoami().await.is_null());

    let signed_in = app.sign_in("  Wei.Li@Example.com ", PASSWORD).await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
    let account = app.get_html("/account", "en").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(
        account.body.contains("Li Wei"),
        "the account page names the user"
    );
    assert!(account.body.contains("wei.li@example.com"));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_account_page_sends_visitors_to_sign_in(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    let response = app.get_html("/account", "en").await;
    assert!(response.status.is_redirection(), "got {}", response.status);
    assert_eq!(response.header("location"), Some("/login"));
}

#[sqlx::test(migrations = "../migrations")]
async fn an_email_registers_once_whatever_its_case(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    assert_eq!(
        app.register("Zhang.San@Example.com", "Zhang San")
            .await
            .status,
        StatusCode::OK
    );

    let mut other = TestApp::spawn(db.clone()).await;
    let again = other
        .register("zhang.san@EXAMPLE.COM", "Someone Else")
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.json()["code"], "invalid");
    assert_eq!(again.json()["errors"][0]["field"], "email");
    assert_eq!(again.json()["errors"][0]["reason"], "email_taken");

    let count: i64 = sqlx::query_scalar("select count(*) from app_user")
        .fetch_one(&db)
        .await
        .expect("count");
    assert_eq!(count, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn bad_registrations_name_every_bad_field_and_keep_what_was_typed(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    let response = app
        .call(
            "register",
            &[
                ("email", "not-an-email"),
                ("display_name", ""),
                ("password", "password"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.json();
    let reasons: Vec<(String, String)> = body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap_or_default().to_owned(),
                e["reason"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert!(
        reasons.contains(&("email".into(), "email_format".into())),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&("display_name".into(), "required".into())),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&("password".into(), "password_common".into())),
        "{reasons:?}"
    );
    let typed = body["typed"].to_string();
    assert!(typed.contains("not-an-email"));
    assert!(
        !typed.contains("password"),
        "passwords are never echoed: {typed}"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn missing_arguments_are_a_bad_request_not_a_crash(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    let response = app.call("register", &[("email", "a@example.com")]).await;
    assert_eq!(
        response.status,
        StatusCode::BAD_REQUEST,
        "{}",
        response.body
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    app.register("known@example.com", "Known").await;
    app.sign_out().await;

    let wrong_password = app.sign_in("known@example.com", "not the password").await;
    let unknown_email = app.sign_in("nobody@example.com", "not the password").await;
    assert_eq!(wrong_password.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong_password.status, unknown_email.status);
    let refusal = |r: &common::TestResponse| r.json()["errors"].clone();
    assert_eq!(refusal(&wrong_password), refusal(&unknown_email));
    assert_eq!(refusal(&wrong_password)[0]["reason"], "bad_credentials");
    assert!(app.session.is_none());
}

#[sqlx::test(migrations = "../migrations")]
async fn one_clients_failures_on_an_address_are_throttled_and_the_throttle_lifts(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    app.register("target@example.com", "Target").await;
    app.sign_out().await;

    for _ in 0..5 {
        assert_eq!(
            app.sign_in("target@example.com", "guess guess")
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    let throttled = app.sign_in("TARGET@example.com", PASSWORD).await;
    assert_eq!(
        throttled.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert_eq!(throttled.json()["code"], "too_many_attempts");
    assert_eq!(throttled.json()["minutes"], 15);

    // Another address from the same client is not affected by this address's throttle.
    app.register("bystander@example.com", "Bystander").await;
    assert!(!app.whoami().await.is_null());
    app.sign_out().await;

    // Fifteen minutes later the failures have left the window.
    sqlx::query("update login_failure set failed_at = failed_at - interval '15 minutes 1 second'")
        .execute(&db)
        .await
        .expect("age failures");
    assert_eq!(
        app.sign_in("target@example.com", PASSWORD).await.status,
        StatusCode::OK
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn unknown_addresses_are_throttled_just_like_known_ones(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    for _ in 0..5 {
        app.sign_in("ghost@example.com", "guess guess").await;
    }
    assert_eq!(
        app.sign_in("ghost@example.com", "guess guess").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn one_client_is_throttled_after_many_failures_across_addresses(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    // 100 failures from this client, spread over addresses so no single address trips.
    sqlx::query(
        "insert into login_failure (email, client_ip) select 'spray' || n || '@example.com', '203.0.113.7' from generate_series(1, 100) n",
    )
    .execute(&db)
    .await
    .expect("seed failures");
    assert_eq!(
        app.sign_in("fresh@example.com", "guess guess").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn signing_in_issues_a_new_session_id(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    app.register("first@example.com", "First").await;
    let before = app.session.clone().expect("a session after registering");

    app.sign_in("first@example.com", PASSWORD).await;
    let after = app.session.clone().expect("a session after signing in");
    assert_ne!(before, after, "the session id changes at sign-in");

    // The old id is worth nothing now.
    app.session = Some(before);
    assert!(app.whoami().await.is_null());
}

#[sqlx::test(migrations = "../migrations")]
async fn a_session_is_rejected_after_sign_out(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    app.register("leaver@example.com", "Leaver").await;
    let cookie = app.session.clone().expect("session");

    app.sign_out().await;
    let rows: i64 = sqlx::query_scalar("select count(*) from tower_sessions.session")
        .fetch_one(&db)
        .await
        .expect("count");
    assert_eq!(rows, 0, "sign-out deletes the session server-side");

    app.session = Some(cookie);
    assert!(
        app.whoami().await.is_null(),
        "a replayed cookie is anonymous"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_disabled_account_cannot_sign_in_or_keep_its_session(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    app.register("gone@example.com", "Gone").await;
    sqlx::query("update app_user set disabled = true")
        .execute(&db)
        .await
        .expect("disable");
    assert!(app.whoami().await.is_null());
    app.sign_out().await;
    assert_eq!(
        app.sign_in("gone@example.com", PASSWORD).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn cross_site_posts_are_refused(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    let fields = [
        ("email", "victim@example.com"),
        ("display_name", "Victim"),
        ("password", PASSWORD),
    ];

    let by_fetch_metadata = app
        .post("register", &fields, &[("sec-fetch-site", "cross-site")])
        .await;
    assert_eq!(by_fetch_metadata.status, StatusCode::FORBIDDEN);

    let by_origin = app
        .post("register", &fields, &[("origin", "https://evil.example")])
        .await;
    assert_eq!(by_origin.status, StatusCode::FORBIDDEN);
    assert!(
        by_origin.body.contains("another site"),
        "a page for a plain form"
    );

    // A hydrated form asks for JSON and gets the error its message is translated from.
    let by_island = app
        .post(
            "register",
            &fields,
            &[
                ("sec-fetch-site", "cross-site"),
                ("accept", "application/json"),
            ],
        )
        .await;
    assert_eq!(by_island.status, StatusCode::FORBIDDEN);
    assert_eq!(by_island.json(), serde_json::json!({"code": "cross_site"}));

    let count: i64 = sqlx::query_scalar("select count(*) from app_user")
        .fetch_one(&db)
        .await
        .expect("count");
    assert_eq!(count, 0, "nothing was created");

    let same_origin = app
        .post(
            "register",
            &fields,
            &[
                ("origin", "http://localhost:3000"),
                ("sec-fetch-site", "same-origin"),
            ],
        )
        .await;
    assert_eq!(same_origin.status, StatusCode::OK, "{}", same_origin.body);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_form_without_javascript_redirects_and_keeps_its_errors(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    let fields = [
        ("email", "broken-address"),
        ("display_name", "Wang Fang"),
        ("password", "short"),
    ];
    let refused = app.submit_form("register", &fields, "/register").await;
    assert_eq!(refused.status, StatusCode::FOUND);
    let location = refused
        .header("location")
        .expect("a redirect back")
        .to_owned();
    assert_eq!(
        location, "http://localhost:3000/register",
        "neither the error nor what was typed travels in the URL"
    );

    let page = app
        .get_html(
            location.trim_start_matches("http://localhost:3000"),
            "zh-CN,zh;q=0.9",
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("请输入有效的电子邮箱"),
        "the email message, in Chinese"
    );
    assert!(
        page.body.contains("密码至少需要 8 个字符"),
        "the password message, in Chinese"
    );
    assert!(
        page.body.contains(r#"value="broken-address""#),
        "the typed email is kept"
    );
    assert!(
        page.body.contains(r#"value="Wang Fang""#),
        "the typed name is kept"
    );
    assert!(
        !page.body.contains(r#"value="short""#),
        "the password is not"
    );
    let again = app.get_html("/register", "en").await;
    assert!(
        !again.body.contains("broken-address"),
        "the verdict is shown once"
    );

    // A crafted link cannot fill the form or show a message.
    let crafted = format!(
        "/register?__path=%2Fapi%2Fregister&__err={}",
        "eyJjb2RlIjoiaW52YWxpZCIsImVycm9ycyI6W10sInR5cGVkIjpbWyJlbWFpbCIsImV2aWxAZXhhbXBsZS5jb20iXV19"
    );
    let page = app.get_html(&crafted, "en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("evil@example.com"), "{}", page.body);

    let fields = [
        ("email", "wang.fang@example.com"),
        ("display_name", "Wang Fang"),
        ("password", PASSWORD),
    ];
    let accepted = app.submit_form("register", &fields, "/register").await;
    assert_eq!(accepted.status, StatusCode::FOUND);
    assert_eq!(accepted.header("location"), Some("/account"));
    assert!(
        app.get_html("/account", "en")
            .await
            .body
            .contains("Wang Fang")
    );
}

/// The same form posted in the background by the `LiveForm` island: every redirect comes
/// as 204 naming its target, marked when a verdict waits on that page, so the island
/// loads each page once.
#[sqlx::test(migrations = "../migrations")]
async fn a_live_form_is_told_where_the_answer_is_and_whether_it_refused(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    let live = [
        ("accept", "text/html"),
        ("x-live-form", "1"),
        ("origin", "http://localhost:3000"),
        ("sec-fetch-site", "same-origin"),
        ("referer", "http://localhost:3000/register"),
    ];
    let fields = [
        ("email", "broken-address"),
        ("display_name", "Wang Fang"),
        ("password", "short"),
    ];
    let refused = app.post("register", &fields, &live).await;
    assert_eq!(refused.status, StatusCode::NO_CONTENT);
    assert_eq!(refused.header("location"), None);
    assert_eq!(
        refused.header("x-live-location"),
        Some("http://localhost:3000/register")
    );
    assert_eq!(refused.header("x-live-refused"), Some("1"));
    let page = app.get_html("/register", "en").await;
    assert!(
        page.body.contains(r#"value="Wang Fang""#),
        "the verdict waits"
    );

    let fields = [
        ("email", "wang.fang@example.com"),
        ("display_name", "Wang Fang"),
        ("password", PASSWORD),
    ];
    let accepted = app.post("register", &fields, &live).await;
    assert_eq!(accepted.status, StatusCode::NO_CONTENT);
    assert_eq!(accepted.header("x-live-location"), Some("/account"));
    assert_eq!(accepted.header("x-live-refused"), None);
    assert!(accepted.body.is_empty());
}
