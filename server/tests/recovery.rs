//! E-mail verification, password reset and password change, followed through the mail
//! the app writes (#8).

mod common;

use axum::http::StatusCode;
use common::{PASSWORD, TestApp};
use sqlx::PgPool;

const NEW_PASSWORD: &str = "a quite different passphrase";

async fn verified(db: &PgPool, email: &str) -> bool {
    sqlx::query_scalar("select email_verified_at is not null from app_user where email = $1")
        .bind(email)
        .fetch_one(db)
        .await
        .expect("user")
}

#[sqlx::test(migrations = "../migrations")]
async fn a_new_account_verifies_its_address_through_the_mailed_link_once(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    let request = axum::http::Request::post("/api/register")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept-language", "zh-CN,zh;q=0.9")
        .body(axum::body::Body::from(
            "email=wang%40example.com&display_name=%E7%8E%8B%E8%8A%B3&password=correct+horse+battery",
        ))
        .expect("request");
    assert_eq!(app.request(request).await.status, StatusCode::OK);
    assert!(
        !app.whoami().await["email_verified"]
            .as_bool()
            .expect("a flag")
    );
    let account = app.get_html("/account", "zh-CN").await;
    assert!(
        account.body.contains("尚未验证"),
        "the account page says so"
    );

    let mail = app.mail_to("wang@example.com").await;
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0].contains("王芳，您好"),
        "written in the registration's language"
    );
    let link = app
        .link_in_mail_to("wang@example.com", "/verify-email")
        .await;
    assert!(link.starts_with("/verify-email?token="), "{link}");

    // Opening the link (as a mail scanner does) spends nothing: only the button does.
    for _ in 0..2 {
        let page = app.get_html(&link, "en").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Confirm my address"), "{}", page.body);
    }
    assert!(!verified(&db, "wang@example.com").await);
    let page = app.confirm_email_link(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("your e-mail address is verified"),
        "{}",
        page.body
    );
    assert!(verified(&db, "wang@example.com").await);
    assert!(
        app.whoami().await["email_verified"]
            .as_bool()
            .expect("a flag")
    );

    let again = app.get_html(&link, "en").await;
    assert!(
        again
            .body
            .contains("This link has expired, was already used")
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn links_are_stored_hashed_and_expire(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    app.register("late@example.com", "Late").await;
    let link = app
        .link_in_mail_to("late@example.com", "/verify-email")
        .await;
    let token = link.rsplit('=').next().expect("a token");
    let stored: Vec<u8> = sqlx::query_scalar("select token_hash from account_token")
        .fetch_one(&db)
        .await
        .expect("one token");
    assert_eq!(stored.len(), 32);
    assert_ne!(stored, token.as_bytes());

    sqlx::query("update account_token set expires_at = now() - interval '1 second'")
        .execute(&db)
        .await
        .expect("expire");
    let page = app.get_html(&link, "en").await;
    assert!(page.body.contains("This link has expired"));
    assert!(!verified(&db, "late@example.com").await);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_new_verification_link_voids_the_old_one_and_asking_is_limited(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    app.register("again@example.com", "Again").await;
    let first = app
        .link_in_mail_to("again@example.com", "/verify-email")
        .await;

    app.clear_mail();
    assert_eq!(
        app.call("resend_verification", &[]).await.status,
        StatusCode::OK
    );
    let second = app
        .link_in_mail_to("again@example.com", "/verify-email")
        .await;
    assert_ne!(first, second);
    assert!(
        app.get_html(&first, "en")
            .await
            .body
            .contains("This link has expired")
    );

    // The mail at registration and the one above count: three more make five.
    for _ in 0..2 {
        app.call("resend_verification", &[]).await;
    }
    app.clear_mail();
    assert_eq!(
        app.call("resend_verification", &[]).await.status,
        StatusCode::OK
    );
    let refused = app.call("resend_verification", &[]).await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "five an hour"
    );

    let newest: String = app
        .link_in_mail_to("again@example.com", "/verify-email")
        .await;
    let page = app.confirm_email_link(&newest).await;
    assert!(
        page.body.contains("your e-mail address is verified"),
        "{newest}: {}",
        page.body.split("<main").nth(1).unwrap_or_default()
    );
    assert!(verified(&db, "again@example.com").await);

    let mut visitor = TestApp::spawn(db).await;
    assert_eq!(
        visitor.call("resend_verification", &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_password_reset_by_mail_ends_every_session_and_works_once(db: PgPool) {
    let mut laptop = TestApp::spawn(db.clone()).await;
    laptop.register("forgetful@example.com", "Forgetful").await;
    let mut visitor = TestApp::spawn(db.clone()).await;

    let known = visitor
        .call(
            "request_password_reset",
            &[("email", "forgetful@example.com")],
        )
        .await;
    let unknown = visitor
        .call("request_password_reset", &[("email", "nobody@example.com")])
        .await;
    assert_eq!(known.status, StatusCode::OK);
    assert_eq!(
        (known.status, known.body.clone()),
        (unknown.status, unknown.body)
    );
    let link = visitor
        .link_in_mail_to("forgetful@example.com", "/reset-password")
        .await;
    assert!(link.starts_with("/reset-password?token="), "{link}");
    assert!(visitor.mail_to("nobody@example.com").await.is_empty());
    let token = link.rsplit('=').next().expect("token").to_owned();

    // A guessable password is refused and the link keeps working.
    let weak = visitor
        .call(
            "reset_password",
            &[("token", &token), ("password", "password1")],
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(weak.json()["errors"][0]["field"], "password");
    assert!(
        visitor
            .get_html(&link, "en")
            .await
            .body
            .contains(r#"name="token""#)
    );

    let reset = visitor
        .call(
            "reset_password",
            &[("token", &token), ("password", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    assert_eq!(visitor.whoami().await["email"], "forgetful@example.com");
    assert!(laptop.whoami().await.is_null(), "the other session ended");
    assert!(
        verified(&db, "forgetful@example.com").await,
        "the link proved the address"
    );

    let reused = visitor
        .call(
            "reset_password",
            &[("token", &token), ("password", "yet another passphrase")],
        )
        .await;
    assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reused.json()["errors"][0]["reason"], "link_invalid");

    let mut fresh = TestApp::spawn(db).await;
    assert_eq!(
        fresh
            .sign_in("forgetful@example.com", PASSWORD)
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        fresh
            .sign_in("forgetful@example.com", NEW_PASSWORD)
            .await
            .status,
        StatusCode::OK
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn reset_requests_are_limited_per_address_and_per_client(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    for _ in 0..3 {
        let asked = app
            .call("request_password_reset", &[("email", "target@example.com")])
            .await;
        assert_eq!(asked.status, StatusCode::OK);
    }
    let refused = app
        .call("request_password_reset", &[("email", "target@example.com")])
        .await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);

    for n in 0..6 {
        app.call(
            "request_password_reset",
            &[("email", &format!("spray{n}@example.com"))],
        )
        .await;
    }
    let refused = app
        .call("request_password_reset", &[("email", "fresh@example.com")])
        .await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "ten per client"
    );
    let bad = app
        .call("request_password_reset", &[("email", "not an address")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[sqlx::test(migrations = "../migrations")]
async fn changing_the_password_needs_the_current_one_and_ends_the_other_sessions(db: PgPool) {
    let mut laptop = TestApp::spawn(db.clone()).await;
    laptop.register("mover@example.com", "Mover").await;
    let mut phone = TestApp::spawn(db.clone()).await;
    phone.sign_in("mover@example.com", PASSWORD).await;

    let wrong = laptop
        .call(
            "change_password",
            &[
                ("current_password", "not it at all"),
                ("new_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.json()["errors"][0]["field"], "current_password");
    assert_eq!(wrong.json()["errors"][0]["reason"], "wrong_password");

    let weak = laptop
        .call(
            "change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "mover2026"),
            ],
        )
        .await;
    assert_eq!(weak.json()["errors"][0]["field"], "new_password");

    let changed = laptop
        .call(
            "change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(
        laptop.whoami().await["email"],
        "mover@example.com",
        "this session stays"
    );
    assert!(phone.whoami().await.is_null(), "the other one ends");
    assert_eq!(
        phone
            .sign_in("mover@example.com", NEW_PASSWORD)
            .await
            .status,
        StatusCode::OK
    );

    let mut visitor = TestApp::spawn(db).await;
    let refused = visitor
        .call(
            "change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_recovery_pages_work_without_javascript(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    app.register("plain@example.com", "Plain").await;
    app.sign_out().await;

    let page = app.get_html("/login", "en").await;
    assert!(page.body.contains(r#"href="/forgot-password""#));
    let asked = app
        .submit_form(
            "request_password_reset",
            &[("email", "plain@example.com")],
            "/forgot-password",
        )
        .await;
    assert_eq!(asked.status, StatusCode::FOUND);
    assert_eq!(asked.header("location"), Some("/forgot-password?sent=1"));
    let link = app
        .link_in_mail_to("plain@example.com", "/reset-password")
        .await;
    let form = app.get_html(&link, "zh-CN").await;
    assert!(form.body.contains("设置新密码"), "in Chinese");
    let token = link.rsplit('=').next().expect("token");

    let refused = app
        .submit_form(
            "reset_password",
            &[("token", token), ("password", "short")],
            &link,
        )
        .await;
    assert_eq!(refused.status, StatusCode::FOUND);
    let again = app.get_html(&link, "en").await;
    assert!(
        again.body.contains("Use at least 8 characters."),
        "the message comes back"
    );

    let done = app
        .submit_form(
            "reset_password",
            &[("token", token), ("password", NEW_PASSWORD)],
            &link,
        )
        .await;
    assert_eq!(done.header("location"), Some("/account?changed=password"));
    let account = app.get_html("/account?changed=password", "en").await;
    assert!(account.body.contains("Your password was changed"));

    let bad_link = app.get_html("/reset-password?token=nothing", "en").await;
    assert!(
        bad_link
            .body
            .contains("This link has expired or was already used")
    );
    assert_eq!(
        app.get_html("/account/password", "en").await.status,
        StatusCode::OK
    );
}
