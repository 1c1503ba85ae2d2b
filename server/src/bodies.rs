//! Request bodies: how large, how slow and what they may hold, decided before any handler
//! reads a byte of them.
//!
//! Every body gets the default bound ([`BodyRules::default_limit`], 256 KB) and must
//! arrive whole within [`BodyRules::timeout`]. Only a `multipart/form-data` post to a
//! route that takes files (a delivery, the listing editor) may be larger; it must keep
//! arriving (no pause longer than the timeout), and a few such uploads run at once, the
//! next being asked to come back (503). Its handler signs the sender in before it reads
//! the body, and cross-site posts are refused before this layer runs, so an anonymous or
//! foreign request never gets more than the default bound read.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::{Frame, SizeHint};
use tokio::sync::Semaphore;
use tokio::time::{Instant, Sleep};

/// Uploads read at the same time; each may hold a connection for minutes.
pub const CONCURRENT_UPLOADS: usize = 8;

/// What [`bound`] applies, made once at start-up.
#[derive(Clone)]
pub struct BodyRules {
    /// Largest body of a request that is not an upload.
    pub default_limit: usize,
    /// Longest a body may take in all (not an upload), or pause (an upload).
    pub timeout: Duration,
    uploads: Arc<Semaphore>,
}

impl BodyRules {
    pub fn new(default_limit: usize, timeout: Duration) -> Self {
        Self {
            default_limit,
            timeout,
            uploads: Arc::new(Semaphore::new(CONCURRENT_UPLOADS)),
        }
    }
}

/// The larger bound of the route `path` names, if it takes files.
fn upload_limit(path: &str) -> Option<usize> {
    if crate::files::is_upload(path) {
        Some(crate::files::MAX_UPLOAD_BYTES)
    } else if path == app::catalog::api::SAVE_LISTING_FORM {
        Some(crate::listing_upload::MAX_POST_BYTES)
    } else {
        None
    }
}

fn is_form_data(request: &Request) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .and_then(|t| t.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("multipart/form-data"))
}

/// Bounds the request's body as the module says. A declared length over the bound is
/// refused at once (413); a body that runs past it, or too slowly, fails whoever reads it
/// with [`TooLarge`](http_body_util::LengthLimitError) or [`TooSlow`].
pub async fn bound(rules: BodyRules, request: Request, next: Next) -> Response {
    let upload = upload_limit(request.uri().path()).filter(|_| is_form_data(&request));
    let limit = upload.unwrap_or(rules.default_limit);
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let (parts, body) = request.into_parts();
    let pace = if upload.is_some() {
        Pace::Steady(rules.timeout)
    } else {
        Pace::Within(rules.timeout)
    };
    let body = Body::new(http_body_util::Limited::new(Timed::new(body, pace), limit));
    let request = Request::from_parts(parts, body);
    if upload.is_none() {
        return next.run(request).await;
    }
    // Held until the answer is made: the handler has read the body by then.
    let Ok(_permit) = rules.uploads.clone().try_acquire_owned() else {
        tracing::warn!("upload refused: {CONCURRENT_UPLOADS} already on their way");
        let mut busy = StatusCode::SERVICE_UNAVAILABLE.into_response();
        busy.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
        return busy;
    };
    next.run(request).await
}

/// How a body must arrive.
#[derive(Clone, Copy)]
enum Pace {
    /// Whole, within this long.
    Within(Duration),
    /// With no pause longer than this.
    Steady(Duration),
}

/// The error a [`Timed`] body fails with.
#[derive(Debug, thiserror::Error)]
#[error("the request body arrived too slowly")]
pub struct TooSlow;

/// A body that fails with [`TooSlow`] when it does not arrive at its [`Pace`].
struct Timed {
    body: Body,
    pace: Pace,
    timer: Pin<Box<Sleep>>,
}

impl Timed {
    fn new(body: Body, pace: Pace) -> Self {
        let (Pace::Within(limit) | Pace::Steady(limit)) = pace;
        Self {
            body,
            pace,
            timer: Box::pin(tokio::time::sleep(limit)),
        }
    }
}

impl HttpBody for Timed {
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let frame = Pin::new(&mut self.body).poll_frame(cx);
        if frame.is_pending() {
            return match self.timer.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Some(Err(TooSlow.into()))),
                Poll::Pending => Poll::Pending,
            };
        }
        if let Pace::Steady(pause) = self.pace {
            self.timer.as_mut().reset(Instant::now() + pause);
        }
        frame.map_err(Into::into)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// The answer to a body that could not be read: 408 when it came too slowly, else 413
/// (it ran past its bound).
pub fn unread(error: &axum::Error) -> Response {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = source {
        if cause.is::<TooSlow>() {
            return StatusCode::REQUEST_TIMEOUT.into_response();
        }
        source = cause.source();
    }
    StatusCode::PAYLOAD_TOO_LARGE.into_response()
}

/// Whether percent-encoded `bytes` decode to UTF-8 text without NUL.
fn readable(bytes: &[u8]) -> bool {
    let decoded: std::borrow::Cow<'_, [u8]> = percent_encoding::percent_decode(bytes).into();
    !decoded.contains(&0) && std::str::from_utf8(&decoded).is_ok()
}

pub fn wants_json(request: &Request) -> bool {
    request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("application/json"))
}

/// Refuses, with a 400, a path, query string or form body that decodes to something that
/// is not text (a NUL byte, bytes that are not UTF-8), so no handler, parser or database
/// statement ever sees one.
pub async fn refuse_unreadable_text(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let head_readable =
        readable(uri.path().as_bytes()) && uri.query().is_none_or(|q| readable(q.as_bytes()));
    if !head_readable {
        return crate::errors::unreadable_request(wants_json(&request));
    }
    // Server functions decode any body as a form, whatever its Content-Type says; only
    // file uploads (multipart) carry bytes that are not text.
    let has_text_body = !matches!(*request.method(), Method::GET | Method::HEAD)
        && !request
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|t| t.as_bytes().to_ascii_lowercase().starts_with(b"multipart/"));
    if !has_text_body {
        return next.run(request).await;
    }
    let wants_json = wants_json(&request);
    let (parts, body) = request.into_parts();
    // [`bound`], outside this layer, bounds what is read here, in size and in time.
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(e) => return unread(&e),
    };
    if !readable(&bytes) {
        return crate::errors::unreadable_request(wants_json);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(path: &str, content_type: &str) -> Request {
        Request::post(path)
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::empty())
            .expect("request")
    }

    #[test]
    fn only_form_data_to_an_upload_route_is_an_upload() {
        let upload = |r: &Request| upload_limit(r.uri().path()).filter(|_| is_form_data(r));
        let form_data = "multipart/form-data; boundary=x";
        assert!(upload(&post("/orders/7/deliver", form_data)).is_some());
        assert!(upload(&post("/orders/7/deliver", "MULTIPART/FORM-DATA;boundary=x")).is_some());
        assert!(upload(&post("/orders/7/deliver", "text/plain")).is_none());
        assert!(upload(&post("/orders/7/deliver", "multipart/mixed; boundary=x")).is_none());
        assert!(upload(&post("/orders/7/deliver", "multipart/form-datax")).is_none());
        assert!(upload(&post("/api/orders/move", form_data)).is_none());
    }
}
