//! Pages as every anonymous visitor sees them, kept for a moment and for one version of
//! the search index: under load, the home page, the directory, the catalog's popular
//! searches and a listing are rendered once a second, not once per visitor.
//!
//! A request can be answered from here only when nothing in it can make its page
//! personal: a `GET` without cookies (the language switch's `lang` cookie aside, which is
//! part of the key), asking for HTML. A page is kept only when it is personal to nobody
//! either: a `200` HTML answer that sets no cookie. Every answer still gets its own
//! script nonce: the page is kept cut at the nonce it was rendered with, and served with
//! the one the security middleware chose for this response.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use app::i18n::Locale;
use app::index::sync::SearchIndex;
use app::request::CspNonce;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

/// The most page bytes kept; past it, what has expired goes, and if that is not enough,
/// everything (the next second refills what is asked for).
const CAPACITY_BYTES: usize = 8 * 1024 * 1024;

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
    /// The HTML between the places its script nonce goes.
    parts: Vec<Box<str>>,
}

impl Page {
    fn len(&self) -> usize {
        self.parts.iter().map(|part| part.len()).sum()
    }

    fn body(&self, nonce: &str) -> String {
        let mut body = String::with_capacity(self.len() + self.parts.len() * nonce.len());
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                body.push_str(nonce);
            }
            body.push_str(part);
        }
        body
    }
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

    fn keep(&self, key: Key, page: Page) {
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
        if let Some(old) = pages.by_key.insert(key, Arc::new(page)) {
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

/// Whether an answer is a page every visitor may be given.
fn is_shared_page(response: &Response) -> bool {
    let headers = response.headers();
    response.status() == StatusCode::OK
        && !headers.contains_key(header::SET_COOKIE)
        && headers
            .get(header::CONTENT_TYPE)
            .is_some_and(|t| t.as_bytes().starts_with(b"text/html"))
}

/// The middleware: inside the security headers (which choose the nonce), outside
/// everything a kept page can skip (sessions, rendering, the database).
pub async fn serve(cache: PageCache, request: Request, next: Next) -> Response {
    // A page is kept cut at its nonce, so without one there is nothing to keep it by.
    let key = (!cache.inner.ttl.is_zero())
        .then(|| shared_page_key(&request))
        .flatten();
    let nonce = request.extensions().get::<CspNonce>().map(|n| n.0.clone());
    let (Some(key), Some(nonce)) = (key, nonce) else {
        return next.run(request).await;
    };
    let version = cache.version();
    if let Some(page) = cache.fresh(&key, version) {
        let mut response = Response::new(Body::from(page.body(&nonce)));
        *response.headers_mut() = page.headers.clone();
        return response;
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
    let Ok(html) = std::str::from_utf8(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    let page = Page {
        version,
        rendered: Instant::now(),
        headers: parts.headers.clone(),
        parts: html.split(nonce.as_str()).map(Box::from).collect(),
    };
    cache.keep(key, page);
    Response::from_parts(parts, Body::from(bytes))
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
    }

    #[test]
    fn a_kept_page_takes_each_answers_own_nonce() {
        let page = Page {
            version: 1,
            rendered: Instant::now(),
            headers: HeaderMap::new(),
            parts: "<script nonce=\"N1\">a</script><script nonce=\"N1\">b</script>"
                .split("N1")
                .map(Box::from)
                .collect(),
        };
        assert_eq!(
            page.body("N2"),
            "<script nonce=\"N2\">a</script><script nonce=\"N2\">b</script>"
        );
    }
}
