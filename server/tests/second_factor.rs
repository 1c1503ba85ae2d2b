//! Operators sign in with a second factor: TOTP enrolled at the first sign-in, recovery
//! codes shown once (#8).

mod common;

use app::accounts::model::Role;
use app::accounts::service::{self, Registration};
use axum::http::StatusCode;
use common::{PASSWORD, TestApp};
use sqlx::PgPool;
use totp_rs::{Algorithm, Secret, TOTP};

const OPERATOR: &str = "ops@example.com";

async fn operator(db: &PgPool) -> TestApp {
    let app = TestApp::spawn(db.clone()).await;
    let form = Registration {
        email: OPERATOR,
        display_name: "Ops",
        password: PASSWORD,
        locale: app::i18n::Locale::en,
    };
    service::register(db, &form, Role::Admin)
        .await
        .expect("an operator");
    app
}

/// The authenticator app: codes for the secret the enrollment page showed.
fn authenticator(page: &str) -> TOTP {
    let at = page.find(r#"data-testid="totp-secret""#).expect("a secret");
    let start = at + page[at..].find('>').expect("a tag") + 1;
    let secret = &page[start..start + page[start..].find('<').expect("end")];
    let bytes = Secret::Encoded(secret.to_owned())
        .to_bytes()
        .expect("base32");
    TOTP::new(Algorithm::SHA1, 6, 0, 30, bytes, None, String::new()).expect("totp")
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("time")
        .as_secs()
}

/// The SHA-256 of a recovery code as it is typed into the form, normalised (lower case,
/// no dash), in hex and in unpadded base64 (how a PHC string writes bytes).
fn sha_256(code: &str) -> (String, String) {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(code.replace('-', "").to_lowercase().as_bytes());
    let hex = digest.iter().map(|b| format!("{b:02x}")).collect();
    (
        hex,
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(digest),
    )
}

/// Enrolls the signed-in-by-password operator; the recovery codes.
async fn enroll(app: &mut TestApp) -> (TOTP, Vec<String>) {
    let page = app.get_html("/login/code", "en").await;
    assert!(
        page.body.contains("Set up your authenticator"),
        "{}",
        page.body
    );
    assert_eq!(
        page.header("cache-control"),
        Some("no-store"),
        "it shows a secret"
    );
    let totp = authenticator(&page.body);
    let confirmed = app
        .call("confirm_second_factor", &[("code", &totp.generate(now()))])
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    let codes_page = app.get_html("/account/recovery-codes", "en").await;
    let codes: Vec<String> = codes_page
        .body
        .split("<li><code>")
        .skip(1)
        .map(|rest| rest[..11].to_owned())
        .collect();
    assert_eq!(codes.len(), 10, "{}", codes_page.body);
    (totp, codes)
}

#[sqlx::test(migrations = "../migrations")]
async fn an_operator_enrolls_at_the_first_sign_in_and_needs_a_code_every_time(db: PgPool) {
    let mut app = operator(&db).await;
    let signed = app.sign_in(OPERATOR, PASSWORD).await;
    assert_eq!(signed.status, StatusCode::OK);
    assert!(
        app.whoami().await.is_null(),
        "a password alone signs in no operator"
    );
    assert_eq!(
        app.get_html("/account", "en").await.status,
        StatusCode::FOUND,
        "the account stays closed"
    );

    let early = app
        .call("confirm_second_factor", &[("code", "000000")])
        .await;
    assert_eq!(
        early.status,
        StatusCode::CONFLICT,
        "no secret was shown yet"
    );
    app.get_html("/login/code", "en").await;
    let wrong = app
        .call("confirm_second_factor", &[("code", "000000")])
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.json()["errors"][0]["field"], "code");

    let (totp, codes) = enroll(&mut app).await;
    assert_eq!(app.whoami().await["role"], "admin");
    let again = app.get_html("/account/recovery-codes", "en").await;
    assert_eq!(again.status, StatusCode::FOUND, "the codes are shown once");
    let stored: Vec<(Option<Vec<u8>>, Option<String>)> =
        sqlx::query_as("select code_hash, code_phc from recovery_code")
            .fetch_all(&db)
            .await
            .expect("hashes");
    assert_eq!(stored.len(), 10);
    for (bare, sealed) in &stored {
        assert_eq!(bare, &None, "no bare SHA-256 of a code is kept");
        let sealed = sealed.as_deref().expect("a sealed code");
        assert!(sealed.starts_with("$argon2id$"), "{sealed}");
        for code in &codes {
            let digest = sha_256(code);
            assert!(
                !sealed.contains(code.as_str())
                    && !sealed.contains(&digest.0)
                    && !sealed.contains(&digest.1)
            );
        }
    }

    app.sign_out().await;
    app.sign_in(OPERATOR, PASSWORD).await;
    let page = app.get_html("/login/code", "en").await;
    assert!(page.body.contains("Code from your app, or a recovery code"));
    let reused = app
        .call("confirm_second_factor", &[("code", &totp.generate(now()))])
        .await;
    assert_eq!(
        reused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a code works once"
    );
    let recovered = app
        .call("confirm_second_factor", &[("code", &codes[0])])
        .await;
    assert_eq!(recovered.status, StatusCode::OK);
    assert_eq!(app.whoami().await["role"], "admin");

    app.sign_out().await;
    app.sign_in(OPERATOR, PASSWORD).await;
    let reused = app
        .call("confirm_second_factor", &[("code", &codes[0])])
        .await;
    assert_eq!(
        reused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "so does a recovery code"
    );
    let next_step = app
        .call(
            "confirm_second_factor",
            &[("code", &totp.generate(now() + 30))],
        )
        .await;
    assert_eq!(
        next_step.status,
        StatusCode::OK,
        "the next step's code is fine"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn guessing_codes_is_stopped_after_five_tries_without_keeping_the_operator_out(db: PgPool) {
    let mut app = operator(&db).await;
    app.sign_in(OPERATOR, PASSWORD).await;
    let (_, codes) = enroll(&mut app).await;
    app.sign_out().await;

    let mut thief = TestApp::spawn(db.clone()).await;
    thief.forwarded_for = Some("198.51.100.66".into());
    thief.sign_in(OPERATOR, PASSWORD).await;
    for _ in 0..5 {
        let wrong = thief
            .call("confirm_second_factor", &[("code", "123456")])
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let refused = thief
        .call("confirm_second_factor", &[("code", &codes[1])])
        .await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);

    app.sign_in(OPERATOR, PASSWORD).await;
    let owner = app
        .call("confirm_second_factor", &[("code", &codes[1])])
        .await;
    assert_eq!(owner.status, StatusCode::OK, "another client still gets in");
}

#[sqlx::test(migrations = "../migrations")]
async fn nobody_skips_the_second_step(db: PgPool) {
    let mut visitor = TestApp::spawn(db.clone()).await;
    assert_eq!(
        visitor
            .call("confirm_second_factor", &[("code", "123456")])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        visitor.get_html("/login/code", "en").await.status,
        StatusCode::FOUND
    );

    // A password reset proves the mailbox, not the authenticator.
    let mut app = operator(&db).await;
    app.call("request_password_reset", &[("email", OPERATOR)])
        .await;
    let link = app.link_in_mail_to(OPERATOR, "/reset-password").await;
    let token = link.rsplit('=').next().expect("token");
    app.call(
        "reset_password",
        &[
            ("token", token),
            ("password", "a quite different passphrase"),
        ],
    )
    .await;
    assert!(app.whoami().await.is_null());
    assert!(
        app.get_html("/login/code", "en")
            .await
            .body
            .contains("Set up your authenticator")
    );

    // The second step expires with the session version: a password change elsewhere ends it.
    sqlx::query("update app_user set session_version = session_version + 1")
        .execute(&db)
        .await
        .expect("bump");
    assert_eq!(
        app.get_html("/login/code", "en").await.status,
        StatusCode::FOUND
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_wrong_code_without_javascript_comes_back_to_the_same_step(db: PgPool) {
    let mut app = operator(&db).await;
    app.sign_in(OPERATOR, PASSWORD).await;
    app.get_html("/login/code", "en").await;
    let refused = app
        .submit_form(
            "confirm_second_factor",
            &[("code", "000000")],
            "/login/code",
        )
        .await;
    assert_eq!(refused.status, StatusCode::FOUND);
    let page = app.get_html("/login/code", "en").await;
    assert_eq!(page.status, StatusCode::OK, "the step is still there");
    assert!(
        page.body.contains("This code is not right"),
        "{}",
        page.body
    );
}

/// Turns the `nth` recovery code of `codes` back into a row as it was kept before
/// argon2: its bare SHA-256. (Codes are stored in the order they are shown.)
async fn keep_as_before(db: &PgPool, codes: &[String], nth: usize) {
    let normalised = codes[nth].replace('-', "");
    let changed = sqlx::query(
        "update recovery_code set code_hash = sha256(convert_to($1, 'UTF8')), code_phc = null
         where recovery_code_id = (select recovery_code_id from recovery_code
                                   order by recovery_code_id offset $2 limit 1)",
    )
    .bind(&normalised)
    .bind(nth as i64)
    .execute(db)
    .await
    .expect("kept as before");
    assert_eq!(changed.rows_affected(), 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn recovery_codes_kept_as_bare_sha_256_still_work_and_are_sealed(db: PgPool) {
    let mut app = operator(&db).await;
    app.sign_in(OPERATOR, PASSWORD).await;
    let (_, codes) = enroll(&mut app).await;
    app.sign_out().await;
    let bare = || async {
        sqlx::query_scalar::<_, i64>(
            "select count(*) from recovery_code where code_hash is not null",
        )
        .fetch_one(&db)
        .await
        .expect("a count")
    };

    // At start-up every bare row is sealed; the code still works, once.
    keep_as_before(&db, &codes, 0).await;
    assert_eq!(bare().await, 1);
    server::startup::migrate(&db).await.expect("migrates");
    assert_eq!(bare().await, 0, "sealed at start-up");
    app.sign_in(OPERATOR, PASSWORD).await;
    let first = app
        .call("confirm_second_factor", &[("code", &codes[0])])
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    app.sign_out().await;

    // A bare row that appears later (an older server still running) is sealed when its
    // account's code is checked.
    keep_as_before(&db, &codes, 1).await;
    app.sign_in(OPERATOR, PASSWORD).await;
    let second = app
        .call("confirm_second_factor", &[("code", &codes[1])])
        .await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    assert_eq!(bare().await, 0);
    app.sign_out().await;
    app.sign_in(OPERATOR, PASSWORD).await;
    let again = app
        .call("confirm_second_factor", &[("code", &codes[1])])
        .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "each works once"
    );
}

/// The operator's run of wrong codes, as if `failures` had been typed in earlier windows
/// (the window caps stop one client after five a quarter hour).
async fn failed_before(db: &PgPool, failures: i32) {
    sqlx::query("update app_user set second_factor_failures = $2 where email = $1")
        .bind(OPERATOR)
        .bind(failures)
        .execute(db)
        .await
        .expect("failures");
}

fn refusal(response: &common::TestResponse) -> String {
    assert_eq!(
        response.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        response.body
    );
    response.json()["errors"][0]["reason"]
        .as_str()
        .expect("a reason")
        .to_owned()
}

#[sqlx::test(migrations = "../migrations")]
async fn the_hundredth_wrong_code_in_a_row_locks_the_app_until_a_recovery_code(db: PgPool) {
    let mut app = operator(&db).await;
    app.sign_in(OPERATOR, PASSWORD).await;
    let (totp, codes) = enroll(&mut app).await;
    app.sign_out().await;
    app.clear_mail();
    failed_before(&db, 98).await;

    app.sign_in(OPERATOR, PASSWORD).await;
    let ninety_ninth = app
        .call("confirm_second_factor", &[("code", "000000")])
        .await;
    assert_eq!(refusal(&ninety_ninth), "wrong_code");
    assert!(app.mail_to(OPERATOR).await.is_empty(), "not locked yet");
    let hundredth = app
        .call("confirm_second_factor", &[("code", "000001")])
        .await;
    assert_eq!(refusal(&hundredth), "second_factor_locked");
    let mail = app.mail_to(OPERATOR).await;
    assert_eq!(mail.len(), 1, "the operator is told");
    assert!(mail[0].contains("authenticator is locked"), "{}", mail[0]);
    assert!(
        mail[0].contains("100 wrong authenticator codes"),
        "{}",
        mail[0]
    );

    let right = app
        .call("confirm_second_factor", &[("code", &totp.generate(now()))])
        .await;
    assert_eq!(
        refusal(&right),
        "second_factor_locked",
        "a right code is refused too"
    );
    let page = app.get_html("/login/code", "en").await;
    assert_eq!(page.status, StatusCode::OK);

    let recovered = app
        .call("confirm_second_factor", &[("code", &codes[3])])
        .await;
    assert_eq!(recovered.status, StatusCode::OK, "{}", recovered.body);
    assert_eq!(app.whoami().await["role"], "admin");
    let (failures, locked): (i32, bool) = sqlx::query_as(
        "select second_factor_failures, second_factor_locked_at is not null from app_user where email = $1",
    )
    .bind(OPERATOR)
    .fetch_one(&db)
    .await
    .expect("the operator");
    assert_eq!((failures, locked), (0, false), "a recovery code unlocks");

    app.sign_out().await;
    app.sign_in(OPERATOR, PASSWORD).await;
    let next = app
        .call(
            "confirm_second_factor",
            &[("code", &totp.generate(now() + 30))],
        )
        .await;
    assert_eq!(next.status, StatusCode::OK, "the app's codes work again");
    assert_eq!(app.mail_to(OPERATOR).await.len(), 1, "mailed once");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_right_code_starts_the_count_again(db: PgPool) {
    let mut app = operator(&db).await;
    app.sign_in(OPERATOR, PASSWORD).await;
    let (totp, _) = enroll(&mut app).await;
    app.sign_out().await;
    failed_before(&db, 98).await;
    app.sign_in(OPERATOR, PASSWORD).await;
    app.call("confirm_second_factor", &[("code", "000000")])
        .await;
    let right = app
        .call(
            "confirm_second_factor",
            &[("code", &totp.generate(now() + 30))],
        )
        .await;
    assert_eq!(right.status, StatusCode::OK, "{}", right.body);
    let failures: i32 =
        sqlx::query_scalar("select second_factor_failures from app_user where email = $1")
            .bind(OPERATOR)
            .fetch_one(&db)
            .await
            .expect("the operator");
    assert_eq!(failures, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn another_operator_unlocks_a_locked_app_on_the_record(db: PgPool) {
    let mut app = operator(&db).await;
    app.sign_in(OPERATOR, PASSWORD).await;
    let (totp, _) = enroll(&mut app).await;
    app.sign_out().await;
    let id: i64 = sqlx::query_scalar(
        "update app_user set second_factor_failures = 100, second_factor_locked_at = now()
         where email = $1 returning app_user_id",
    )
    .bind(OPERATOR)
    .fetch_one(&db)
    .await
    .expect("locked");

    let mut colleague = TestApp::spawn(db.clone()).await;
    let colleague_id = colleague.operator("colleague@example.com").await;
    let dashboard = colleague.get_html("/admin", "en").await;
    assert!(
        dashboard.body.contains("Locked authenticators"),
        "{}",
        dashboard.body
    );
    assert!(dashboard.body.contains(OPERATOR));
    let id = id.to_string();
    let no_reason = colleague
        .call(
            "admin/unlock_second_factor",
            &[("user_id", &id), ("reason", " ")],
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unlocked = colleague
        .call(
            "admin/unlock_second_factor",
            &[("user_id", &id), ("reason", "Called Ops on her phone")],
        )
        .await;
    assert_eq!(unlocked.status, StatusCode::OK, "{}", unlocked.body);
    let audit: (String, String, String, String) =
        sqlx::query_as("select action, object_type, actor_name, reason from audit_event")
            .fetch_one(&db)
            .await
            .expect("one audit entry");
    assert_eq!(
        audit,
        (
            "unlock_second_factor".to_owned(),
            "account".to_owned(),
            "Test Operator".to_owned(),
            "Called Ops on her phone".to_owned()
        )
    );
    let log = colleague.get_html("/admin/audit", "en").await;
    assert!(log.body.contains("Unlocked authenticator"), "{}", log.body);
    let again = colleague
        .call(
            "admin/unlock_second_factor",
            &[("user_id", &id), ("reason", "again")],
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "it is not locked any more"
    );

    // Nobody unlocks their own.
    sqlx::query("update app_user set second_factor_locked_at = now() where app_user_id = $1")
        .bind(colleague_id)
        .execute(&db)
        .await
        .expect("locked");
    let own = colleague
        .call(
            "admin/unlock_second_factor",
            &[("user_id", &colleague_id.to_string()), ("reason", "me")],
        )
        .await;
    assert_eq!(own.status, StatusCode::CONFLICT);

    app.sign_in(OPERATOR, PASSWORD).await;
    let right = app
        .call(
            "confirm_second_factor",
            &[("code", &totp.generate(now() + 30))],
        )
        .await;
    assert_eq!(right.status, StatusCode::OK, "{}", right.body);
}
