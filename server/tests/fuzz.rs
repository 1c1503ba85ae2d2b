//! A bounded fuzz run through the whole router: generated paths, query strings and form
//! bodies full of what breaks parsers (NUL, broken UTF-8, bidi controls, quotes, huge
//! values). Whatever arrives, the answer is never a 5xx and nothing panics.

mod common;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, header};
use common::TestApp;
use common::market::{listing, merchant};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sqlx::PgPool;

/// How many requests one run sends, and the most time it may take.
const REQUESTS: usize = 2_000;
const TIME_BUDGET: Duration = Duration::from_secs(120);

/// Pieces that have broken web apps before, already percent-encoded where a URI needs it.
const NASTY: &[&str] = &[
    "%00",
    "%FF",
    "%C3%28",
    "%E4%B8",
    "%ED%A0%80",
    "%F0%9F%98",
    "%E2%80%AE",
    "%E2%80%8B",
    "%EF%BB%BF",
    "%0A",
    "%0D%0A",
    "%09",
    "%",
    "%%",
    "%2",
    "%2F",
    "%5C",
    "..",
    "../",
    "%2E%2E",
    "'",
    "%22",
    "%3Cscript%3E",
    "%26",
    "%3D",
    "+",
    "*",
    "%3A*",
    "%7C",
    "!",
    "%28",
    "%29",
    "-",
    "%E6%95%B0%E6%8D%AE",
    "%E6%A0%87",
    "annotation",
    "a",
    "9",
    "-1",
    "0",
    "99999999999999999999",
    "NaN",
    "null",
    "true",
    "%F0%9F%A6%80",
    "%EF%BF%BD",
    "%C0%80",
    "dataset",
    "leading",
    "relevance",
    "eyJpZCI6MX0",
    "AAAA",
    "%7B%7D",
];

fn fragment(rng: &mut ChaCha8Rng) -> String {
    match rng.gen_range(0..10) {
        0 => "x".repeat(rng.gen_range(90..400)),
        1 => (0..rng.gen_range(1..12))
            .map(|_| format!("%{:02X}", rng.r#gen::<u8>()))
            .collect(),
        _ => (0..rng.gen_range(1..5))
            .map(|_| *NASTY.choose(rng).expect("pieces"))
            .collect(),
    }
}

fn generated_request(rng: &mut ChaCha8Rng) -> Option<Request<Body>> {
    let a = fragment(rng);
    let b = fragment(rng);
    let get = |uri: String| Request::get(uri).body(Body::empty()).ok();
    let form = |function: &str, body: String, html: bool| {
        let accept = if html {
            "text/html"
        } else {
            "application/json"
        };
        Request::post(format!("/api/{function}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, accept)
            .header("sec-fetch-site", "same-origin")
            .header(header::REFERER, "http://localhost:3000/login")
            .body(Body::from(body))
            .ok()
    };
    match rng.gen_range(0..12) {
        0 => get(format!("/merchants/{a}")),
        1 => get(format!("/catalog/{a}")),
        2 => get(format!(
            "/catalog?q={a}&kind={b}&sort={a}&after={b}&field={b}"
        )),
        3 => get(format!("/merchants?q={a}&tier={b}&after={a}&region={b}")),
        4 => get(format!("/sitemaps/{a}")),
        5 => get(format!("/{a}/{b}")),
        6 => get(format!("/pkg/{a}")),
        7 => get(format!("/catalog?{a}={b}")),
        8 => form("sign_in", format!("email={a}&password={b}"), rng.r#gen()),
        9 => form(
            "register",
            format!("email={a}%40example.com&display_name={b}&password={a}{b}"),
            rng.r#gen(),
        ),
        10 => form("set_language", format!("lang={a}&{b}={a}"), rng.r#gen()),
        _ => form(&a, b, rng.r#gen()),
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn generated_paths_queries_and_forms_never_get_a_server_error(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    let merchant_id = merchant("fuzz-merchant").insert(&db).await;
    listing(merchant_id, "fuzz-listing").insert(&db).await;

    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let started = Instant::now();
    let (mut sent, mut unsendable) = (0, 0);
    let mut failures = Vec::new();
    while sent + unsendable < REQUESTS && started.elapsed() < TIME_BUDGET {
        let Some(request) = generated_request(&mut rng) else {
            unsendable += 1;
            continue;
        };
        let described = format!("{} {}", request.method(), request.uri());
        let response = app.request(request).await;
        sent += 1;
        if response.status.is_server_error() {
            failures.push(format!("{described} → {}", response.status));
        }
    }
    assert!(sent > REQUESTS / 2, "only {sent} requests were sendable");
    assert!(
        failures.is_empty(),
        "{} of {sent} requests failed on the server, e.g.:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn nul_bytes_and_broken_utf8_are_refused_at_the_door(db: PgPool) {
    let mut app = TestApp::spawn(db).await;
    for path in [
        "/merchants/%00",
        "/catalog/%00",
        "/catalog/%FF",
        "/catalog?q=%00",
        "/merchants?q=%C3%28",
    ] {
        assert_eq!(app.get(path).await.status.as_u16(), 400, "{path}");
    }
    let refused = app
        .call(
            "sign_in",
            &[("email", "nul\0@example.com"), ("password", "x")],
        )
        .await;
    assert_eq!(refused.status.as_u16(), 400);
    for content_type in ["text/plain", "APPLICATION/X-WWW-FORM-URLENCODED"] {
        let request = axum::http::Request::post("/api/sign_in")
            .header("content-type", content_type)
            .body(axum::body::Body::from(
                "email=a%00b%40example.com&password=x",
            ))
            .expect("request");
        assert_eq!(
            app.request(request).await.status.as_u16(),
            400,
            "{content_type}"
        );
    }
    let nothing: i64 = sqlx::query_scalar("select count(*) from login_failure")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(nothing, 0);
}
