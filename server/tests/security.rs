//! Sessions and sign-in throttling under attack and under careless deployments (#8).

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{PASSWORD, ScriptsAllowedBy, TestApp, edit_signed_in};
use rand::{Rng, SeedableRng};
use sqlx::PgPool;
use tower::ServiceExt;

async fn session_rows(db: &PgPool) -> i64 {
    sqlx::query_scalar("select count(*) from tower_sessions.session")
        .fetch_one(db)
        .await
        .expect("count")
}

#[sqlx::test(migrations = "../migrations")]
async fn a_sign_out_holds_against_a_request_that_was_in_flight(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    app.register("slow@example.com", "Slow").await;
    // Long enough ago that the in-flight request saves the session when it ends.
    edit_signed_in(&db, |s| s["touched"] = 0.into()).await;

    // Hold the accounts table: a request that has read its session waits for its user.
    let mut lock = db.begin().await.expect("begin");
    sqlx::query("lock table app_user in access exclusive mode")
        .execute(&mut *lock)
        .await
        .expect("lock");
    let mut slow = Request::get("/account")
        .body(Body::empty())
        .expect("request");
    app.prepare(&mut slow);
    let in_flight = tokio::spawn(app.router().oneshot(slow));
    wait_for_a_lock_wait(&db).await;

    let cookie = app.session.clone();
    assert_eq!(app.sign_out().await.status, StatusCode::OK);
    lock.rollback().await.expect("release");
    in_flight.await.expect("joins").expect("answers");

    assert_eq!(session_rows(&db).await, 0, "the session stays deleted");
    app.session = cookie;
    assert!(app.whoami().await.is_null(), "the old cookie is anonymous");
}

async fn wait_for_a_lock_wait(db: &PgPool) {
    for _ in 0..500 {
        let waiting: i64 = sqlx::query_scalar(
            "select count(*) from pg_stat_activity
             where datname = current_database() and wait_event_type = 'Lock'",
        )
        .fetch_one(db)
        .await
        .expect("activity");
        if waiting > 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the request never waited on the lock");
}

#[sqlx::test(migrations = "../migrations")]
async fn made_up_session_cookies_create_no_sessions(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(8);
    let paths = [
        "/healthz",
        "/pkg/shushang.js",
        "/sitemap.xml",
        "/",
        "/login",
    ];
    for n in 0..1_000 {
        let made_up: String = (0..22)
            .map(|_| char::from(rng.gen_range(b'a'..=b'z')))
            .collect();
        app.session = Some(made_up);
        app.get(paths[n % paths.len()]).await;
    }
    assert_eq!(session_rows(&db).await, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn over_https_the_cookie_is_host_prefixed_and_secure_and_hsts_is_on(db: PgPool) {
    let mut app = TestApp::spawn_with(db.clone(), |settings| {
        settings.public_url = Some("https://shushang.example".into());
    })
    .await;
    let response = app.register("tls@example.com", "Tls").await;
    let cookie = response.header("set-cookie").expect("a session cookie");
    assert!(cookie.starts_with("__Host-shushang_session="), "{cookie}");
    for attribute in ["Secure", "HttpOnly", "Path=/", "SameSite=Lax"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    assert!(!app.whoami().await.is_null());
    let page = app.get("/").await;
    assert_eq!(
        page.header("strict-transport-security"),
        Some("max-age=31536000; includeSubDomains")
    );

    let mut plain = TestApp::spawn(db).await;
    let page = plain.get("/").await;
    assert_eq!(page.header("strict-transport-security"), None);
    let response = plain.register("plain@example.com", "Plain").await;
    let cookie = response.header("set-cookie").expect("a session cookie");
    assert!(cookie.starts_with("shushang_session=") && !cookie.contains("Secure"));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_session_ends_at_its_absolute_lifetime_however_active(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    app.register("long@example.com", "Long").await;
    let day = 24 * 60 * 60;
    edit_signed_in(&db, |s| {
        s["since"] = (s["since"].as_i64().expect("since") - 29 * day).into();
    })
    .await;
    assert!(!app.whoami().await.is_null(), "29 days is still fine");
    edit_signed_in(&db, |s| {
        s["since"] = (s["since"].as_i64().expect("since") - 2 * day).into();
    })
    .await;
    assert!(app.whoami().await.is_null(), "31 days is over");
    assert_eq!(session_rows(&db).await, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_operator_session_ends_after_twelve_hours(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    app.register("op@example.com", "Op").await;
    sqlx::query("update app_user set role = 'admin'")
        .execute(&db)
        .await
        .expect("promote");
    assert_eq!(app.whoami().await["role"], "admin");
    edit_signed_in(&db, |s| {
        s["since"] = (s["since"].as_i64().expect("since") - 13 * 60 * 60).into();
    })
    .await;
    assert!(app.whoami().await.is_null());
}

#[sqlx::test(migrations = "../migrations")]
async fn a_new_session_version_ends_every_session_of_the_user(db: PgPool) {
    let mut laptop = TestApp::spawn(db.clone()).await;
    laptop.register("two@example.com", "Two").await;
    let mut phone = TestApp::spawn(db.clone()).await;
    phone.sign_in("two@example.com", PASSWORD).await;
    assert!(!phone.whoami().await.is_null());

    sqlx::query("update app_user set session_version = session_version + 1")
        .execute(&db)
        .await
        .expect("bump");
    assert!(laptop.whoami().await.is_null());
    assert!(phone.whoami().await.is_null());
}

#[sqlx::test(migrations = "../migrations")]
async fn answers_with_personal_data_are_never_stored(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    assert_eq!(app.get("/").await.header("cache-control"), Some("no-cache"));
    let registered = app.register("private@example.com", "Private").await;
    assert_eq!(registered.header("cache-control"), Some("no-store"));
    let me = app.call("current_user", &[]).await;
    assert_eq!(me.header("cache-control"), Some("no-store"));
    for page in ["/account", "/", "/catalog"] {
        let response = app.get_html(page, "en").await;
        assert_eq!(response.status, StatusCode::OK, "{page}");
        assert_eq!(response.header("cache-control"), Some("no-store"), "{page}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn guesses_from_one_client_never_lock_the_owner_out(db: PgPool) {
    let mut owner = TestApp::spawn(db.clone()).await;
    owner.forwarded_for = Some("198.51.100.2".into());
    owner.register("owner@example.com", "Owner").await;
    owner.sign_out().await;

    let mut attacker = TestApp::spawn(db.clone()).await;
    attacker.forwarded_for = Some("198.51.100.66".into());
    for _ in 0..5 {
        let guess = attacker.sign_in("owner@example.com", "guess guess").await;
        assert_eq!(guess.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let sixth = attacker.sign_in("owner@example.com", "guess guess").await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS);

    let started = std::time::Instant::now();
    let response = owner.sign_in("owner@example.com", PASSWORD).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "an address many guesses failed on answers more slowly"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn parallel_guesses_are_counted_before_any_is_checked(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    app.register("target@example.com", "Target").await;
    app.sign_out().await;
    let attempts = (0..20).map(|_| {
        let mut request = TestApp::call_request(
            "sign_in",
            &[("email", "target@example.com"), ("password", "guess guess")],
        );
        app.prepare(&mut request);
        tokio::spawn(app.router().oneshot(request))
    });
    let mut checked = 0;
    for attempt in attempts.collect::<Vec<_>>() {
        let response = attempt.await.expect("joins").expect("answers");
        match response.status() {
            StatusCode::UNPROCESSABLE_ENTITY => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert!(checked <= 5, "{checked} guesses were checked");
}

#[sqlx::test(migrations = "../migrations")]
async fn forwarded_addresses_count_only_from_trusted_proxies(db: PgPool) {
    // No proxy trusted: every forged address is the same peer, throttled as one client.
    let mut app = TestApp::spawn_with(db, |settings| settings.trusted_proxies.clear()).await;
    for n in 0..5 {
        app.forwarded_for = Some(format!("198.51.100.{n}"));
        app.sign_in("someone@example.com", "guess guess").await;
    }
    app.forwarded_for = Some("198.51.100.99".into());
    let response = app.sign_in("someone@example.com", "guess guess").await;
    assert_eq!(response.status, StatusCode::TOO_MANY_REQUESTS);
}

#[sqlx::test(migrations = "../migrations")]
async fn registrations_are_limited_per_client(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    app.forwarded_for = Some("198.51.100.5".into());
    sqlx::query(
        "insert into rate_event (scope, subject) select 'register', '198.51.100.5' from generate_series(1, 20)",
    )
    .execute(&db)
    .await
    .expect("earlier registrations");
    let refused = app.register("one-too-many@example.com", "Many").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let accounts: i64 = sqlx::query_scalar("select count(*) from app_user")
        .fetch_one(&db)
        .await
        .expect("count");
    assert_eq!(accounts, 0);

    app.forwarded_for = Some("198.51.100.6".into());
    assert_eq!(
        app.register("neighbour@example.com", "Neighbour")
            .await
            .status,
        StatusCode::OK
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn an_overlong_email_is_refused_before_anything_is_hashed_or_stored(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    let long = format!("{}@example.com", "a".repeat(250));
    let response = app.sign_in(&long, "guess guess").await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.json()["errors"][0]["field"], "email");
    let response = app.register(&long, "Long").await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    for table in ["login_failure", "rate_event", "app_user"] {
        let rows: i64 = sqlx::query_scalar(&format!("select count(*) from {table}"))
            .fetch_one(&db)
            .await
            .expect("count");
        assert_eq!(rows, 0, "{table}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_sweep_deletes_throttle_rows_no_window_counts(db: PgPool) {
    TestApp::spawn(db.clone()).await;
    sqlx::raw_sql(
        "insert into login_failure (email, client_ip, failed_at) values
           ('old@example.com', '198.51.100.1', now() - interval '2 hours'),
           ('new@example.com', '198.51.100.1', now());
         insert into rate_event (scope, subject, happened_at) values
           ('register', '198.51.100.1', now() - interval '2 hours'),
           ('register', '198.51.100.1', now())",
    )
    .execute(&db)
    .await
    .expect("rows");
    let swept = app::accounts::service::sweep_throttle_rows(&db)
        .await
        .expect("sweeps");
    assert_eq!(swept, 2);
    let left: i64 = sqlx::query_scalar(
        "select (select count(*) from login_failure) + (select count(*) from rate_event)",
    )
    .fetch_one(&db)
    .await
    .expect("count");
    assert_eq!(left, 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_client_request_id_is_kept_only_when_short_and_plain(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    let with_id = |id: &str| {
        Request::get("/healthz")
            .header("x-request-id", id)
            .body(Body::empty())
            .expect("request")
    };
    let plain = app.request(with_id("edge-7f3a.1")).await;
    assert_eq!(plain.header("x-request-id"), Some("edge-7f3a.1"));
    for bad in ["has space", "quote\"s", &"x".repeat(65)] {
        let response = app.request(with_id(bad)).await;
        let id = response.header("x-request-id").expect("an id");
        assert_ne!(id, bad);
        assert_eq!(id.len(), 36, "a fresh uuid: {id}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn pages_may_not_rebase_their_links(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    let page = app.get("/").await;
    let policy = page
        .header(header::CONTENT_SECURITY_POLICY.as_str())
        .expect("a policy");
    assert!(policy.contains("base-uri 'none'"), "{policy}");
}

#[sqlx::test(migrations = "../migrations")]
async fn merchant_websites_are_web_addresses_only(db: PgPool) {
    TestApp::spawn(db.clone()).await;
    let id = common::market::merchant("linked").insert(&db).await;
    for bad in [
        "javascript:alert(1)",
        "data:text/html,x",
        "https://a b",
        "ftp://x",
    ] {
        let refused = sqlx::query("update merchant set website = $2 where merchant_id = $1")
            .bind(id)
            .bind(bad)
            .execute(&db)
            .await;
        assert!(refused.is_err(), "{bad} was stored");
    }
    sqlx::query(
        "update merchant set website = 'https://linked.example.com/about' where merchant_id = $1",
    )
    .bind(id)
    .execute(&db)
    .await
    .expect("a web address is fine");
}

#[sqlx::test(migrations = "../migrations")]
async fn display_names_may_not_hide_characters(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    for name in ["Evil\u{202E}nimda", "Zero\u{200B}Width", "Tab\tName"] {
        let response = app
            .call(
                "register",
                &[
                    ("email", "hidden@example.com"),
                    ("display_name", name),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name:?}"
        );
        assert_eq!(response.json()["errors"][0]["field"], "display_name");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_refused_form_keeps_the_session_it_came_from(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    app.register("keeper@example.com", "Keeper").await;
    let refused = app
        .submit_form(
            "change_password",
            &[("current_password", "wrong one"), ("new_password", "x")],
            "/account/password",
        )
        .await;
    assert_eq!(refused.status, StatusCode::FOUND);
    let page = app.get_html("/account/password", "en").await;
    assert!(page.body.contains("Use at least 8 characters."));
    assert_eq!(
        app.whoami().await["email"],
        "keeper@example.com",
        "still signed in"
    );

    // A visitor's refused form opens a session just for the message, gone once shown.
    let mut visitor = TestApp::spawn(db.clone()).await;
    visitor
        .submit_form(
            "sign_in",
            &[("email", "a@example.com"), ("password", "")],
            "/login",
        )
        .await;
    assert_eq!(session_rows(&db).await, 2);
    let page = visitor.get_html("/login", "en").await;
    assert!(page.body.contains("This field is required."));
    assert_eq!(session_rows(&db).await, 1);

    // A message never read before signing in does not end the signed-in session later.
    visitor
        .submit_form(
            "sign_in",
            &[("email", "keeper@example.com"), ("password", "")],
            "/login",
        )
        .await;
    visitor.sign_in("keeper@example.com", PASSWORD).await;
    visitor.get_html("/login", "en").await;
    assert_eq!(visitor.whoami().await["email"], "keeper@example.com");
}

#[sqlx::test(migrations = "../migrations")]
async fn anonymous_pages_are_shared_for_their_index_version_and_signed_in_ones_never(db: PgPool) {
    use common::market::{listing, merchant};
    // Kept for a minute, so that only a change of index version renders a page again.
    let mut app = TestApp::spawn_with(db.clone(), |s| s.page_cache_secs = 60).await;
    let merchant_id = merchant("acme").insert(&db).await;
    listing(merchant_id, "traffic")
        .title("交通视频", "Traffic video")
        .insert(&db)
        .await;
    app.verified_user("mei@example.com", "Mei Lin").await;
    let signed_in = app.session.take().expect("a session");
    let as_member = |app: &mut TestApp, member: bool| {
        app.session = member.then(|| signed_in.clone());
    };

    as_member(&mut app, true);
    assert!(
        app.get_html("/catalog", "en")
            .await
            .body
            .contains("Mei Lin")
    );
    as_member(&mut app, false);
    let first = app.get_html("/catalog", "en").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("Traffic video") && !first.body.contains("Mei Lin"));
    assert!(
        first.header("set-cookie").is_none(),
        "an anonymous page sets no cookie"
    );
    as_member(&mut app, true);
    assert!(
        app.get_html("/catalog", "en")
            .await
            .body
            .contains("Mei Lin"),
        "a signed-in visitor never gets the anonymous page"
    );
    as_member(&mut app, false);
    assert!(
        !app.get_html("/catalog", "en")
            .await
            .body
            .contains("Mei Lin"),
        "nor an anonymous visitor the signed-in one"
    );

    // A kept page is the same bytes for every anonymous visitor: no nonce, its scripts
    // allowed by their hashes. A signed-in visitor's page has its answer's own nonce.
    let second = app.get_html("/catalog", "en").await;
    assert_eq!(first.body, second.body);
    assert_eq!(first.inline_scripts_allowed_by(), ScriptsAllowedBy::Hashes);
    assert_eq!(
        first.header("content-security-policy"),
        second.header("content-security-policy")
    );
    as_member(&mut app, true);
    let own = app.get_html("/catalog", "en").await;
    let ScriptsAllowedBy::Nonce(nonce) = own.inline_scripts_allowed_by() else {
        panic!("a signed-in page without a nonce")
    };
    as_member(&mut app, false);
    assert!(!first.body.contains(&nonce));
    // Compressed once, and sent so to who takes brotli.
    let compressed = app
        .request(
            Request::get("/catalog")
                .header(header::ACCEPT_LANGUAGE, "en")
                .header(header::ACCEPT_ENCODING, "gzip, br")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(compressed.header("content-encoding"), Some("br"));
    let mut unpacked = Vec::new();
    brotli::BrotliDecompress(&mut &compressed.bytes[..], &mut unpacked).expect("brotli");
    assert_eq!(String::from_utf8(unpacked).expect("UTF-8"), first.body);
    // Each language is a page of its own.
    let chinese = app.get_html("/catalog", "zh-CN,zh;q=0.9").await;
    assert!(chinese.body.contains("交通视频"), "{}", chinese.body);

    // A change the index does not hear of leaves the kept page as it was, for anonymous
    // visitors only; one it hears of (a new version) renders it again at once.
    let retitle = |title: &'static str, index_hears: bool| {
        let db = db.clone();
        async move {
            let trigger = if index_hears { "enable" } else { "disable" };
            sqlx::query(&format!(
                "alter table listing {trigger} trigger listing_search_changes_update"
            ))
            .execute(&db)
            .await
            .expect("the search trigger switched");
            sqlx::query("update listing set title_en = $1 where slug = 'traffic'")
                .bind(title)
                .execute(&db)
                .await
                .expect("retitled");
        }
    };
    let catalog_shows = async |app: &mut TestApp, title: &str| {
        app.get_html("/catalog", "en").await.body.contains(title)
    };
    retitle("Harbour video", false).await;
    assert!(catalog_shows(&mut app, "Traffic video").await);
    as_member(&mut app, true);
    assert!(catalog_shows(&mut app, "Harbour video").await);
    as_member(&mut app, false);
    retitle("Port video", true).await;
    assert!(catalog_shows(&mut app, "Port video").await);
}

#[sqlx::test(migrations = "../migrations")]
async fn sign_ins_and_refused_authorisation_leave_security_events_without_secrets(db: PgPool) {
    let log = common::security_log::SecurityLog::catch();
    let mut app = TestApp::spawn(db.clone()).await;
    app.forwarded_for = Some("198.51.100.23".into());
    app.register("someone@example.com", "Someone").await;
    let id: i64 = sqlx::query_scalar("select app_user_id from app_user")
        .fetch_one(&db)
        .await
        .expect("the account");
    app.sign_out().await;

    let wrong = app
        .sign_in("someone@example.com", "not the password at all")
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let failed = log.events("sign_in.failed");
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0]["reason"], "wrong_password");
    assert_eq!(failed[0]["user_id"], id.to_string());
    assert_eq!(failed[0]["email"], "\"someone@example.com\"");
    assert_eq!(failed[0]["client"], "198.51.100.23");
    assert_eq!(failed[0]["level"], "WARN");
    assert_eq!(
        Some(failed[0]["request_id"].as_str()),
        wrong.header("x-request-id"),
        "the id the answer carries"
    );
    app.sign_in("nobody@example.com", "not the password at all")
        .await;
    assert_eq!(log.events("sign_in.failed")[1]["reason"], "unknown_address");
    assert!(!log.events("sign_in.failed")[1].contains_key("user_id"));

    app.sign_in("someone@example.com", PASSWORD).await;
    let succeeded = log.events("sign_in.succeeded");
    assert_eq!(succeeded.len(), 1);
    assert_eq!(succeeded[0]["user_id"], id.to_string());

    // A buyer calls an operator's action, and opens the console.
    let action = app
        .call(
            "admin/change_tier",
            &[("merchant_id", "1"), ("tier", "growing"), ("reason", "x")],
        )
        .await;
    assert_eq!(action.status, StatusCode::FORBIDDEN);
    let page = app.get_html("/admin", "en").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let refused = log.events("authorization.refused");
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert_eq!(refused[0]["path"], "\"/api/admin/change_tier\"");
    assert_eq!(refused[0]["code"], "forbidden");
    assert_eq!(refused[0]["user_id"], id.to_string());
    assert_eq!(
        Some(refused[0]["request_id"].as_str()),
        action.header("x-request-id")
    );
    assert_eq!(refused[1]["path"], "\"/admin\"");
    assert_eq!(refused[1]["user_id"], id.to_string());

    // A visitor posts a form for the signed-in, without JavaScript.
    app.sign_out().await;
    let visitor = app
        .submit_form(
            "change_password",
            &[("current_password", PASSWORD), ("new_password", "x")],
            "/account/password",
        )
        .await;
    assert!(visitor.status.is_redirection());
    let refused = log.events("authorization.refused");
    assert_eq!(refused.len(), 3, "{refused:?}");
    assert_eq!(refused[2]["code"], "unauthenticated");
    assert!(!refused[2].contains_key("user_id"));
    assert_eq!(refused[2]["client"], "198.51.100.23");

    let everything = log.everything();
    for secret in [PASSWORD, "not the password at all"] {
        assert!(!everything.contains(secret), "{everything}");
    }
}
