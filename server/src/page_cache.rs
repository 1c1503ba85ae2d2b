//! Pages as every anonymous visitor sees them, kept for a moment and for one version of
//! the search index: under load, the home page, the directory, the catalog's popular
//! searches and a listing are rendered once a second, not once per visitor.
//!
//! A request can be answered from here only when nothing in it can make its page
//! personal: a `GET` without cookies (the language switch's `lang` cookie aside, which is
//! part of the key), asking for HTML. A page is kept only when it is personal to nobody
//! either: a `200` HTML answer that sets no cookie.
//!
//! A kept page is the same bytes for everyone, so it is compressed once. That leaves no
//! room for a per-answer script nonce: its scripts are the ones rendered with this
//! answer's nonce (which nothing stored in the database could have known), kept without
//! it and allowed by their SHA-256 instead (CSP hash sources, [`ScriptHashes`]).

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use app::i18n::Locale;
use app::index::sync::SearchIndex;
use app::request::CspNonce;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The most page bytes kept; past it, what has expired goes, and if that is not enough,
/// everything (the next second refills what is asked for).
const CAPACITY_BYTES: usize = 8 * 1024 * 1024;

/// Brotli's quality for a kept page: compressed once a second rather than per answer,
/// it can afford smaller bytes than the per-answer compression's fastest setting.
const BROTLI_QUALITY: u32 = 5;

/// The script sources of a kept page's policy (`'sha256-…'` each), as a response
/// extension the security headers put in place of the nonce.
#[derive(Clone, Debug)]
pub struct ScriptHashes(pub Arc<str>);

#[derive(Clone)]
pub struct PageCache {
    inner: Arc<Inner>,
}

struct Inner {
    /// How long a page is kept; zero keeps none.
    ttl: Duration,
    index: SearchIndex,
    pages: Mutex<Pages>,
}

#[derive(Default)]
struct Pages {
    by_key: HashMap<Key, Arc<Page>>,
    bytes: usize,
}

#[derive(PartialEq, Eq, Hash)]
struct Key {
    path_and_query: String,
    locale: Locale,
}

struct Page {
    /// The index version it was rendered from.
    version: u64,
    rendered: Instant,
    headers: HeaderMap,
    scripts: ScriptHashes,
    html: Bytes,
    brotli: Bytes,
}

impl Page {
    /// `html` as rendered with `nonce`, kept; `None` if the nonce appears anywhere but
    /// in its scripts' opening tags.
    fn new(version: u64, headers: HeaderMap, html: &str, nonce: &str) -> Option<Self> {
        let (html, hashes) = without_nonce(html, nonce)?;
        let mut brotli = Vec::with_capacity(html.len() / 4);
        {
            let mut writer = brotli::CompressorWriter::new(&mut brotli, 4096, BROTLI_QUALITY, 22);
            writer.write_all(html.as_bytes()).ok()?;
        }
        Some(Self {
            version,
            rendered: Instant::now(),
            headers,
            scripts: ScriptHashes(hashes.into()),
            html: html.into(),
            brotli: brotli.into(),
        })
    }

    fn len(&self) -> usize {
        self.html.len() + self.brotli.len()
    }

    /// The page as an answer, compressed if the request takes brotli.
    fn answer(&self, takes_brotli: bool) -> Response {
        let body = if takes_brotli {
            &self.brotli
        } else {
            &self.html
        };
        let mut response = Response::new(Body::from(body.clone()));
        *response.headers_mut() = self.headers.clone();
        if takes_brotli {
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        response.extensions_mut().insert(self.scripts.clone());
        response
    }
}

/// `html` without the nonce it was rendered with, and the CSP hash sources of the
/// scripts that carried it (each distinct one once, space-separated). `None` if the
/// nonce appears anywhere else: the page is then not one this cache can keep.
fn without_nonce(html: &str, nonce: &str) -> Option<(String, String)> {
    let mut kept = String::with_capacity(html.len());
    let mut hashes: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(nonce) {
        let (before, after) = rest.split_at(at);
        let after = after[nonce.len()..].strip_prefix('"')?;
        let tag = &before[before.rfind('<')?..];
        if tag.contains('>') {
            return None;
        }
        if let Some(before) = before.strip_suffix(" nonce=\"")
            && tag.starts_with("<script")
        {
            let opened = after.find('>')? + 1;
            let closed = opened + after[opened..].find("</script>")?;
            let source = format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD
                    .encode(Sha256::digest(&after[opened..closed]))
            );
            if !hashes.contains(&source) {
                hashes.push(source);
            }
            kept.push_str(before);
            kept.push_str(&after[..closed]);
            rest = &after[closed..];
        } else if before.ends_with(" crossorigin=\"") && tag.starts_with("<link") {
            // Leptos gives the bundle's preload links the nonce as their `crossorigin`;
            // any value but `use-credentials` means `anonymous`, as the empty one does.
            kept.push_str(before);
            kept.push('"');
            rest = after;
        } else {
            return None;
        }
    }
    kept.push_str(rest);
    (!kept.contains(nonce)).then(|| (kept, hashes.join(" ")))
}

impl PageCache {
    /// Keeps pages for `ttl` (none if zero), and for the version of `index` they were
    /// rendered from.
    pub fn new(ttl: Duration, index: SearchIndex) -> Self {
        Self {
            inner: Arc::new(Inner {
                ttl,
                index,
                pages: Mutex::new(Pages::default()),
            }),
        }
    }

    fn version(&self) -> u64 {
        self.inner
            .index
            .current()
            .map_or(0, |snapshot| snapshot.version)
    }

    fn pages(&self) -> std::sync::MutexGuard<'_, Pages> {
        self.inner
            .pages
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn fresh(&self, key: &Key, version: u64) -> Option<Arc<Page>> {
        let page = self.pages().by_key.get(key)?.clone();
        (page.version == version && page.rendered.elapsed() < self.inner.ttl).then_some(page)
    }

    fn keep(&self, key: Key, page: Arc<Page>) {
        let ttl = self.inner.ttl;
        let len = page.len();
        let mut pages = self.pages();
        let pages = &mut *pages;
        if pages.bytes + len > CAPACITY_BYTES {
            pages.by_key.retain(|_, kept| kept.rendered.elapsed() < ttl);
            pages.bytes = pages.by_key.values().map(|kept| kept.len()).sum();
        }
        if pages.bytes + len > CAPACITY_BYTES {
            pages.by_key.clear();
            pages.bytes = 0;
        }
        pages.bytes += len;
        if let Some(old) = pages.by_key.insert(key, page) {
            pages.bytes -= old.len();
        }
    }
}

/// The key of a request whose page is the same for every visitor who sends it.
fn shared_page_key(request: &Request) -> Option<Key> {
    let headers = request.headers();
    let only_language_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .flat_map(|v| v.as_bytes().split(|b| *b == b';'))
        .all(|cookie| cookie.trim_ascii().starts_with(b"lang="));
    let asks_for_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|accept| !accept.contains("application/json"));
    let anonymous = only_language_cookie && !headers.contains_key(header::AUTHORIZATION);
    (request.method() == Method::GET && anonymous && asks_for_html).then(|| Key {
        path_and_query: request
            .uri()
            .path_and_query()
            .map_or("/", |pq| pq.as_str())
            .to_owned(),
        locale: app::request::locale_of(headers),
    })
}

/// Whether the request's `Accept-Encoding` takes brotli (listed, and not with `q=0`).
fn takes_brotli(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            parts
                .next()
                .is_some_and(|name| name.eq_ignore_ascii_case("br"))
                && parts.all(|param| {
                    param
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                        .is_none_or(|q| q > 0.0)
                })
        })
}

/// Whether an answer is a page every visitor may be given.
fn is_shared_page(response: &Response) -> bool {
    let headers = response.headers();
    response.status() == StatusCode::OK
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::CONTENT_ENCODING)
        && headers
            .get(header::CONTENT_TYPE)
            .is_some_and(|t| t.as_bytes().starts_with(b"text/html"))
}

/// The middleware: inside the security headers (which choose the nonce and read
/// [`ScriptHashes`]) and the per-answer compression (which passes an answer already
/// compressed through), outside everything a kept page can skip (sessions, rendering,
/// the database).
pub async fn serve(cache: PageCache, request: Request, next: Next) -> Response {
    let key = (!cache.inner.ttl.is_zero())
        .then(|| shared_page_key(&request))
        .flatten();
    // Without a nonce, nothing in a page can be told from what the database put in it.
    let nonce = key
        .is_some()
        .then(|| request.extensions().get::<CspNonce>().map(|n| n.0.clone()))
        .flatten();
    let (Some(key), Some(nonce)) = (key, nonce) else {
        return next.run(request).await;
    };
    let brotli = takes_brotli(request.headers());
    let version = cache.version();
    if let Some(page) = cache.fresh(&key, version) {
        return page.answer(brotli);
    }
    let response = next.run(request).await;
    if !is_shared_page(&response) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::warn!(error = %e, "a page could not be read whole");
            return Response::from_parts(parts, Body::empty());
        }
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    let page = std::str::from_utf8(&bytes)
        .ok()
        .and_then(|html| Page::new(version, parts.headers.clone(), html, &nonce));
    let Some(page) = page else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let page = Arc::new(page);
    cache.keep(key, page.clone());
    page.answer(brotli)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(headers: &[(&str, &str)]) -> Request {
        let mut builder = Request::get("/catalog?q=%E6%A0%87%E6%B3%A8");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Body::empty()).expect("request")
    }

    #[test]
    fn only_a_request_that_cannot_be_personal_shares_a_page() {
        let key = shared_page_key(&request(&[])).expect("anonymous");
        assert_eq!(key.path_and_query, "/catalog?q=%E6%A0%87%E6%B3%A8");
        assert_eq!(key.locale, Locale::en);
        let chinese = shared_page_key(&request(&[("accept-language", "zh-CN,zh;q=0.9")]));
        assert_eq!(chinese.expect("anonymous").locale, Locale::zh);
        let chosen = shared_page_key(&request(&[("cookie", "lang=zh")]));
        assert_eq!(
            chosen.expect("the language cookie alone").locale,
            Locale::zh
        );

        for personal in [
            [("cookie", "id=abc")],
            [("cookie", "lang=en; id=abc")],
            [("authorization", "Bearer x")],
            [("accept", "application/json")],
        ] {
            assert!(
                shared_page_key(&request(&personal)).is_none(),
                "{personal:?}"
            );
        }
        let post = Request::post("/catalog")
            .body(Body::empty())
            .expect("request");
        assert!(shared_page_key(&post).is_none());
    }

    #[test]
    fn only_a_page_personal_to_nobody_is_kept() {
        let answer = |status: StatusCode, headers: &[(&'static str, &str)]| {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = status;
            for (name, value) in headers {
                let value = value.parse().expect("a header value");
                response
                    .headers_mut()
                    .insert(header::HeaderName::from_static(name), value);
            }
            response
        };
        let html = ("content-type", "text/html; charset=utf-8");
        assert!(is_shared_page(&answer(StatusCode::OK, &[html])));
        let signing_in = ("set-cookie", "id=abc; HttpOnly");
        assert!(!is_shared_page(&answer(
            StatusCode::OK,
            &[html, signing_in]
        )));
        assert!(!is_shared_page(&answer(StatusCode::NOT_FOUND, &[html])));
        assert!(!is_shared_page(&answer(StatusCode::SEE_OTHER, &[html])));
        let json = ("content-type", "application/json");
        assert!(!is_shared_page(&answer(StatusCode::OK, &[json])));
        assert!(!is_shared_page(&answer(StatusCode::OK, &[])));
        let compressed = ("content-encoding", "gzip");
        assert!(!is_shared_page(&answer(
            StatusCode::OK,
            &[html, compressed]
        )));
    }

    #[test]
    fn a_kept_page_allows_exactly_the_scripts_rendered_with_its_nonce() {
        let rendered = "<head><link rel=\"modulepreload\" href=\"/pkg/a.js\" crossorigin=\"N1\">\
                        <script type=\"module\" nonce=\"N1\">a</script></head>\
                        <body><p>N0</p><script>evil</script><script nonce=\"N1\">b</script>\
                        <script nonce=\"N1\">a</script></body>";
        let (html, hashes) = without_nonce(rendered, "N1").expect("kept");
        assert_eq!(
            html,
            "<head><link rel=\"modulepreload\" href=\"/pkg/a.js\" crossorigin=\"\">\
             <script type=\"module\">a</script></head><body><p>N0</p>\
             <script>evil</script><script>b</script><script>a</script></body>"
        );
        // "a" once, then "b"; the script without the nonce is not allowed.
        assert_eq!(
            hashes,
            "'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs=' \
             'sha256-PiPoFgA5WUoziU9lZOGxNIu9egCI1CxKy3PurtWcAJ0='"
        );
        assert_eq!(
            without_nonce("<p>none</p>", "N1"),
            Some(("<p>none</p>".to_owned(), String::new()))
        );
        // The nonce anywhere but in a script's opening tag: not a page to keep.
        for elsewhere in [
            "<p>N1</p>",
            "<img nonce=\"N1\">",
            "<img crossorigin=\"N1\">",
            "<script title=\"N1\"></script>",
            "<script nonce=\"N1\">N1</script>",
            "<script nonce=\"N1\">unclosed",
        ] {
            assert_eq!(without_nonce(elsewhere, "N1"), None, "{elsewhere}");
        }
    }

    #[test]
    fn brotli_is_sent_only_to_who_takes_it() {
        let takes = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, value.parse().expect("a value"));
            takes_brotli(&headers)
        };
        assert!(takes("gzip, deflate, br, zstd"));
        assert!(takes("BR;q=0.5"));
        assert!(!takes("gzip"));
        assert!(!takes("br;q=0, gzip"));
        assert!(!takes("brotli"));
        assert!(!takes_brotli(&HeaderMap::new()));
    }

    #[test]
    fn a_kept_page_is_the_same_compressed_or_not() {
        let html = "<p>数据标注</p>".repeat(200);
        let page = Page::new(1, HeaderMap::new(), &html, "N1").expect("kept");
        assert!(page.brotli.len() < html.len() / 10);
        let mut unpacked = Vec::new();
        brotli::BrotliDecompress(&mut &page.brotli[..], &mut unpacked).expect("brotli");
        assert_eq!(unpacked, html.as_bytes());
        let sent = page.answer(true);
        assert_eq!(sent.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(sent.headers()[header::VARY], "accept-encoding");
        let plain = page.answer(false);
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        assert!(plain.extensions().get::<ScriptHashes>().is_some());
    }
}
