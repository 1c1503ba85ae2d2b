//! A test client for the real router: one fresh database per test (from `#[sqlx::test]`),
//! requests through the whole middleware stack, and a cookie jar of one session.

#![allow(dead_code)]

pub mod market;
pub mod s3;
pub mod security_log;

use std::net::{IpAddr, SocketAddr};

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Request, StatusCode, header};
use server::config::Settings;
use server::startup;
use sqlx::PgPool;
use tower::ServiceExt;

pub const PASSWORD: &str = "correct horse battery";
/// Every request comes from this peer, which the default test settings trust as a proxy,
/// so that a test can play several clients through `X-Forwarded-For`.
pub const PROXY: [u8; 4] = [203, 0, 113, 7];

pub struct TestApp {
    router: Router,
    pub db: PgPool,
    /// Where this app's mail is written, one `.eml` file per message.
    pub mail_dir: std::path::PathBuf,
    /// Where delivered files are stored.
    pub files_dir: std::path::PathBuf,
    /// The session cookie's name and value, as a browser would keep it.
    pub cookie_name: &'static str,
    /// The router's search index, brought up to date before each request (a server's
    /// task does it within a second; a test must not wait for that).
    pub search_index: app::index::sync::SearchIndex,
    pub session: Option<String>,
    /// The client address the trusted proxy reports, if any.
    pub forwarded_for: Option<String>,
}

/// The defaults, with `PROXY` trusted.
fn test_settings() -> Settings {
    let mut settings = Settings::for_database("postgres://unused");
    settings.trusted_proxies = vec![IpAddr::from(PROXY).into()];
    settings
}

/// A new folder for the delivered files of test database `database`, the same for every
/// client of it in this process.
fn files_dir_of(database: &str) -> std::path::PathBuf {
    static FOLDERS: std::sync::Mutex<Vec<(String, std::path::PathBuf)>> =
        std::sync::Mutex::new(Vec::new());
    let mut folders = FOLDERS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, folder)) = folders.iter().find(|(name, _)| name == database) {
        return folder.clone();
    }
    let folder = std::env::temp_dir().join(format!("shushang-test-files-{}", uuid::Uuid::new_v4()));
    folders.push((database.to_owned(), folder.clone()));
    folder
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The body as text (invalid UTF-8 replaced).
    pub body: String,
    /// The body as it came (a downloaded file).
    pub bytes: Vec<u8>,
}

impl TestResponse {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// How the page's Content-Security-Policy allows its inline scripts: all by the one
    /// nonce they carry, or all by their hashes. Panics if a script is not allowed, or
    /// the policy allows a nonce or a hash the page has no script for.
    pub fn inline_scripts_allowed_by(&self) -> ScriptsAllowedBy {
        use base64::Engine;
        use sha2::Digest;
        let policy = self.header("content-security-policy").expect("a CSP");
        let script_src: Vec<&str> = policy
            .split(';')
            .map(str::trim)
            .find_map(|directive| directive.strip_prefix("script-src "))
            .expect("a script-src")
            .split(' ')
            .filter(|source| source.starts_with("'nonce-") || source.starts_with("'sha256-"))
            .collect();
        let mut expected = Vec::new();
        let mut nonce = None;
        for element in self.body.split("<script").skip(1) {
            let (tag, rest) = element.split_once('>').expect("an opening tag");
            if tag.contains(" src=") {
                continue;
            }
            let content = &rest[..rest.find("</script>").expect("a closing tag")];
            // Leptos ends a page with an empty script, which browsers do not even prepare.
            if content.is_empty() && !tag.contains("nonce=") {
                continue;
            }
            let source = match tag.split("nonce=\"").nth(1) {
                Some(rest) => {
                    let value = rest.split('"').next().expect("a quoted nonce");
                    nonce = Some(value.to_owned());
                    format!("'nonce-{value}'")
                }
                None => format!(
                    "'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(content))
                ),
            };
            assert!(
                script_src.contains(&source.as_str()),
                "<script{tag}>{content}</script>: {source} not in {policy}"
            );
            if !expected.contains(&source) {
                expected.push(source);
            }
        }
        assert!(!expected.is_empty(), "no inline script in {}", self.body);
        assert_eq!(script_src.len(), expected.len(), "{policy} allows more");
        match nonce {
            Some(nonce) if expected.len() == 1 => ScriptsAllowedBy::Nonce(nonce),
            Some(_) => panic!("scripts with and without the nonce: {expected:?}"),
            None => ScriptsAllowedBy::Hashes,
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum ScriptsAllowedBy {
    /// The nonce (this answer's own).
    Nonce(String),
    Hashes,
}

impl TestApp {
    pub async fn spawn(db: PgPool) -> Self {
        Self::spawn_with(db, |_| {}).await
    }

    /// The test settings (`PROXY` trusted), changed by `adjust`.
    pub async fn spawn_with(db: PgPool, adjust: impl FnOnce(&mut Settings)) -> Self {
        startup::migrate(&db).await.expect("migrations apply");
        let mut settings = test_settings();
        adjust(&mut settings);
        Self::with_settings(&settings, db)
    }

    /// The test settings, with delivered files going to `files`, which keeps them in
    /// `files_dir`.
    pub async fn spawn_with_files(
        db: PgPool,
        files: server::files::Files,
        files_dir: std::path::PathBuf,
    ) -> Self {
        startup::migrate(&db).await.expect("migrations apply");
        Self::with_files(&test_settings(), db, files, files_dir)
    }

    pub fn with_settings(settings: &Settings, db: PgPool) -> Self {
        // One store per database, as one server has: every client of a test sees the
        // files any other delivered.
        let database = db
            .connect_options()
            .get_database()
            .unwrap_or("shared")
            .to_owned();
        let files_dir = files_dir_of(&database);
        let files = server::files::local(&files_dir).expect("a files folder");
        Self::with_files(settings, db, files, files_dir)
    }

    /// An app whose delivered files go to `files`, which keeps them in `files_dir`.
    pub fn with_files(
        settings: &Settings,
        db: PgPool,
        files: server::files::Files,
        files_dir: std::path::PathBuf,
    ) -> Self {
        let mail_dir =
            std::env::temp_dir().join(format!("shushang-test-mail-{}", uuid::Uuid::new_v4()));
        let mailer =
            app::mail::Mailer::files(mail_dir.clone(), &settings.mail_from).expect("a mail folder");
        let search_index = app::index::sync::SearchIndex::default();
        let router = startup::router(
            settings,
            startup::Pools::shared(db.clone()),
            mailer,
            files,
            search_index.clone(),
        )
        .layer(MockConnectInfo(SocketAddr::from((PROXY, 40000))));
        Self {
            router,
            db,
            mail_dir,
            files_dir,
            cookie_name: server::sessions::cookie_name(settings.secure_cookies()),
            search_index,
            session: None,
            forwarded_for: None,
        }
    }

    /// The text of every message sent to `to` so far (quoted-printable decoded), in no
    /// particular order. Mail sent after the answer (password resets) is waited for.
    pub async fn mail_to(&self, to: &str) -> Vec<String> {
        for _ in 0..50 {
            let messages: Vec<String> = std::fs::read_dir(&self.mail_dir)
                .into_iter()
                .flatten()
                .filter_map(Result::ok)
                .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
                .map(|raw| decode_quoted_printable(&raw))
                .filter(|text| text.contains(&format!("To: {to}")))
                .collect();
            if !messages.is_empty() {
                return messages;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        Vec::new()
    }

    /// Forgets the mail sent so far, so the next message is the only one.
    pub fn clear_mail(&self) {
        let _ = std::fs::remove_dir_all(&self.mail_dir);
        std::fs::create_dir_all(&self.mail_dir).expect("a mail folder");
    }

    /// The path and query of the one link to `page` (`/verify-email`) mailed to `to`.
    pub async fn link_in_mail_to(&self, to: &str, page: &str) -> String {
        let prefix = format!("http://127.0.0.1:3000{page}?");
        let mut links = Vec::new();
        // Some mail is sent after the answer: wait for it a little.
        for _ in 0..50 {
            links = self
                .mail_to(to)
                .await
                .iter()
                .filter_map(|text| {
                    let start = text.find(&prefix)? + "http://127.0.0.1:3000".len();
                    text[start..].split_whitespace().next().map(str::to_owned)
                })
                .collect();
            if !links.is_empty() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        match links.as_slice() {
            [link] => link.clone(),
            other => panic!("expected one {page} link to {to}, found {other:?}"),
        }
    }

    /// Follows a mailed verification link as a person does: its page spends nothing and
    /// offers "Confirm my address", a plain form post; the page that post leads to.
    pub async fn confirm_email_link(&mut self, link: &str) -> TestResponse {
        let page = self.get_html(link, "en").await;
        assert!(page.body.contains("Confirm my address"), "{}", page.body);
        let token = link.rsplit("token=").next().expect("a token");
        let posted = self
            .submit_form("confirm_email", &[("token", token)], link)
            .await;
        assert!(posted.status.is_redirection(), "{}", posted.body);
        let next = posted.header("location").expect("a location").to_owned();
        self.get_html(&next, "en").await
    }

    /// The router itself, for requests sent in parallel.
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    /// This client's headers (session cookie, forwarded address, host) on `request`.
    pub fn prepare(&self, request: &mut Request<Body>) {
        if let Some(session) = &self.session {
            let cookie =
                HeaderValue::from_str(&format!("{}={session}", self.cookie_name)).expect("cookie");
            request.headers_mut().insert(header::COOKIE, cookie);
        }
        if let Some(client) = &self.forwarded_for {
            let value = HeaderValue::from_str(client).expect("address");
            request.headers_mut().insert("x-forwarded-for", value);
        }
        request
            .headers_mut()
            .entry(header::HOST)
            .or_insert(HeaderValue::from_static("localhost:3000"));
    }

    pub async fn request(&mut self, mut request: Request<Body>) -> TestResponse {
        self.prepare(&mut request);
        // Tests of a database outage cannot catch up: the index stays as it was.
        let _ = self.search_index.catch_up(&self.db).await;
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
            if let Some(rest) = set_cookie.strip_prefix(&format!("{}=", self.cookie_name)) {
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
            bytes: bytes.to_vec(),
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

    /// A server function call ready to send (see [`TestApp::call`]).
    pub fn call_request(function: &str, fields: &[(&str, &str)]) -> Request<Body> {
        let body = serde_urlencoded::to_string(fields).expect("form");
        Request::post(format!("/api/{function}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::CONTENT_LENGTH, body.len())
            .body(Body::from(body))
            .expect("request")
    }

    /// A server function called as the hydrated app calls it (answers in JSON). A
    /// console action carries the session's form token, as the console's forms do.
    pub async fn call(&mut self, function: &str, fields: &[(&str, &str)]) -> TestResponse {
        let needs_token =
            function.starts_with("admin/") && !fields.iter().any(|(name, _)| *name == "form_token");
        let token = if needs_token { self.form_token() } else { None };
        let mut fields = fields.to_vec();
        if let Some(token) = &token {
            fields.push(("form_token", token));
        }
        self.post(function, &fields, &[]).await
    }

    /// The form token the console's forms carry for this client's session, if any.
    pub fn form_token(&self) -> Option<String> {
        self.session
            .as_deref()
            .map(app::accounts::form_token::of_session)
    }

    pub async fn post(
        &mut self,
        function: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let mut request = Self::call_request(function, fields);
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
        let mut request = Self::call_request(function, fields);
        from_form_on(&mut request, from_page);
        self.request(request).await
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

/// Edits the one signed-in session in the store as time would have: `edit` gets the
/// session's `signed_in` entry (`user_id`, `session_version`, `since`, `touched`).
/// The headers a browser sends with a form posted from `page` on this site.
pub fn from_form_on(request: &mut Request<Body>, page: &str) {
    let referer = format!("http://localhost:3000{page}");
    for (name, value) in [
        ("accept", "text/html,application/xhtml+xml"),
        ("origin", "http://localhost:3000"),
        ("sec-fetch-site", "same-origin"),
        ("referer", referer.as_str()),
    ] {
        request.headers_mut().insert(
            HeaderName::from_static(name),
            HeaderValue::from_str(value).expect("value"),
        );
    }
}

/// A form as a browser posts it with `enctype="multipart/form-data"` to `path`: its text
/// `fields`, then its `files` as (field, file name, bytes).
pub fn multipart_request(
    path: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
) -> Request<Body> {
    let boundary = "----shushang-test-boundary";
    let mut body = Vec::new();
    let mut part = |headers: String, content: &[u8]| {
        body.extend_from_slice(format!("--{boundary}\r\n{headers}\r\n\r\n").as_bytes());
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    };
    for (name, value) in fields {
        part(
            format!("Content-Disposition: form-data; name=\"{name}\""),
            value.as_bytes(),
        );
    }
    for (field, file_name, content) in files {
        part(
            format!(
                "Content-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream"
            ),
            content,
        );
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Request::post(path)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .expect("request")
}

pub async fn edit_signed_in(db: &PgPool, edit: impl FnOnce(&mut serde_json::Value)) {
    use tower_sessions::session::Record;
    let (id, data): (String, Vec<u8>) =
        sqlx::query_as("select id, data from tower_sessions.session")
            .fetch_one(db)
            .await
            .expect("one session");
    let mut record: Record = rmp_serde::from_slice(&data).expect("a session record");
    edit(record.data.get_mut("signed_in").expect("signed in"));
    sqlx::query("update tower_sessions.session set data = $2 where id = $1")
        .bind(id)
        .bind(rmp_serde::to_vec(&record).expect("encodes"))
        .execute(db)
        .await
        .expect("saved");
}

/// Undoes quoted-printable: soft line breaks and `=XX` escapes.
pub fn decode_quoted_printable(raw: &str) -> String {
    let joined = raw.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && let (Some(&hi), Some(&lo)) = (bytes.get(i + 1), bytes.get(i + 2))
            && let (Some(hi), Some(lo)) = (hex(hi), hex(lo))
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The date `days` from today in Shanghai, as date fields take it (`YYYY-MM-DD`).
pub fn in_days(days: i64) -> String {
    let date = (time::OffsetDateTime::now_utc() + time::Duration::hours(8)).date()
        + time::Duration::days(days);
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// The published secret test operators are enrolled with.
pub const OPERATOR_TOTP_SECRET: &[u8; 20] = b"test-operator-totp!!";

impl TestApp {
    /// Registers (as a buyer) and signs in a person whose address counts as verified; their id.
    pub async fn verified_user(&mut self, email: &str, name: &str) -> i64 {
        let registered = self.register(email, name).await;
        assert_eq!(registered.status, StatusCode::OK, "{}", registered.body);
        sqlx::query_scalar(
            "update app_user set email_verified_at = now() where email = $1 returning app_user_id",
        )
        .bind(email)
        .fetch_one(&self.db)
        .await
        .expect("the account")
    }

    /// Creates an operator with an enrolled authenticator and signs them in with both
    /// factors; their id.
    pub async fn operator(&mut self, email: &str) -> i64 {
        use app::accounts::model::Role;
        use app::accounts::service::{self, Registration};
        let form = Registration {
            email,
            display_name: "Test Operator",
            password: PASSWORD,
            locale: app::i18n::Locale::en,
        };
        let user = service::register(&self.db, &form, Role::Admin)
            .await
            .expect("an operator");
        sqlx::query("update app_user set totp_secret = $2, email_verified_at = now() where app_user_id = $1")
            .bind(user.id)
            .bind(OPERATOR_TOTP_SECRET.as_slice())
            .execute(&self.db)
            .await
            .expect("enrolled");
        let signed_in = self.sign_in(email, PASSWORD).await;
        assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
        let totp = totp_rs::TOTP::new(
            totp_rs::Algorithm::SHA1,
            6,
            0,
            30,
            OPERATOR_TOTP_SECRET.to_vec(),
            None,
            String::new(),
        )
        .expect("totp");
        let code = totp.generate_current().expect("a code");
        let confirmed = self.call("confirm_second_factor", &[("code", &code)]).await;
        assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
        user.id
    }
}

/// An approved growing merchant `slug` whose owner is a verified account `email`,
/// signed in on `app`; the merchant's id.
pub async fn approved_with_owner(db: &PgPool, app: &mut TestApp, slug: &str, email: &str) -> i64 {
    let id = market::merchant(slug).tier("growing").insert(db).await;
    let owner = app.verified_user(email, "Owner").await;
    sqlx::query(
        "insert into merchant_member (merchant_id, app_user_id, role) values ($1, $2, 'owner')",
    )
    .bind(id)
    .bind(owner)
    .execute(db)
    .await
    .expect("owner");
    id
}
