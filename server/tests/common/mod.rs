//! A test client for the real router: one fresh database per test (from `#[sqlx::test]`),
//! requests through the whole middleware stack, and a cookie jar of one session.

#![allow(dead_code)]

pub mod market;

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Request, StatusCode, header};
use server::config::Settings;
use server::startup;
use sqlx::PgPool;
use tower::ServiceExt;

pub const SESSION_COOKIE: &str = "shushang_session";
pub const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    router: Router,
    pub db: PgPool,
    /// The session cookie's value, as a browser would keep it.
    pub session: Option<String>,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl TestApp {
    pub async fn spawn(db: PgPool) -> Self {
        startup::migrate(&db).await.expect("migrations apply");
        let settings = Settings::for_database("postgres://unused");
        Self::with_settings(&settings, db)
    }

    pub fn with_settings(settings: &Settings, db: PgPool) -> Self {
        let router = startup::router(settings, db.clone())
            .layer(MockConnectInfo(SocketAddr::from(([203, 0, 113, 7], 40000))));
        Self {
            router,
            db,
            session: None,
        }
    }

    pub async fn request(&mut self, mut request: Request<Body>) -> TestResponse {
        if let Some(session) = &self.session {
            let cookie =
                HeaderValue::from_str(&format!("{SESSION_COOKIE}={session}")).expect("cookie");
            request.headers_mut().insert(header::COOKIE, cookie);
        }
        request
            .headers_mut()
            .entry(header::HOST)
            .or_insert(HeaderValue::from_static("localhost:3000"));
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        for set_cookie in headers.get_all(header::SET_COOKIE) {
            let set_cookie = set_cookie.to_str().expect("ascii cookie");
            if let Some(rest) = set_cookie.strip_prefix(&format!("{SESSION_COOKIE}=")) {
                let value = rest.split(';').next().unwrap_or_default();
                let removed = value.is_empty() || set_cookie.contains("Max-Age=0");
                self.session = (!removed).then(|| value.to_owned());
            }
        }
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&mut self, path: &str) -> TestResponse {
        let request = Request::get(path).body(Body::empty()).expect("request");
        self.request(request).await
    }

    pub async fn get_html(&mut self, path: &str, accept_language: &str) -> TestResponse {
        let request = Request::get(path)
            .header(header::ACCEPT, "text/html")
            .header(header::ACCEPT_LANGUAGE, accept_language)
            .body(Body::empty())
            .expect("request");
        self.request(request).await
    }

    /// A server function called as the hydrated app calls it (answers in JSON).
    pub async fn call(&mut self, function: &str, fields: &[(&str, &str)]) -> TestResponse {
        self.post(function, fields, &[]).await
    }

    pub async fn post(
        &mut self,
        function: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let body = serde_urlencoded::to_string(fields).expect("form");
        let mut request = Request::post(format!("/api/{function}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::CONTENT_LENGTH, body.len())
            .body(Body::from(body))
            .expect("request");
        for (name, value) in headers {
            request.headers_mut().insert(
                HeaderName::from_bytes(name.as_bytes()).expect("name"),
                HeaderValue::from_str(value).expect("value"),
            );
        }
        self.request(request).await
    }

    /// A server function submitted by a plain HTML form in a browser without JavaScript.
    pub async fn submit_form(
        &mut self,
        function: &str,
        fields: &[(&str, &str)],
        from_page: &str,
    ) -> TestResponse {
        let referer = format!("http://localhost:3000{from_page}");
        let headers = [
            ("accept", "text/html,application/xhtml+xml"),
            ("origin", "http://localhost:3000"),
            ("sec-fetch-site", "same-origin"),
            ("referer", referer.as_str()),
        ];
        self.post(function, fields, &headers).await
    }

    pub async fn register(&mut self, email: &str, name: &str) -> TestResponse {
        self.call(
            "register",
            &[
                ("email", email),
                ("display_name", name),
                ("password", PASSWORD),
            ],
        )
        .await
    }

    pub async fn sign_in(&mut self, email: &str, password: &str) -> TestResponse {
        self.call("sign_in", &[("email", email), ("password", password)])
            .await
    }

    pub async fn sign_out(&mut self) -> TestResponse {
        self.call("sign_out", &[]).await
    }

    /// The signed-in user as the API reports it (`null` for a visitor).
    pub async fn whoami(&mut self) -> serde_json::Value {
        let response = self.call("current_user", &[]).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        response.json()
    }
}
