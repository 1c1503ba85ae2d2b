//! The verdict on a form posted without JavaScript travels in the session, not the URL.
//!
//! server_fn answers a refused no-JavaScript form post with a redirect back to the form
//! and the error (with what was typed) in the query string: it would sit in the browser's
//! history and every log on the way, and a crafted link could fill a form and show any
//! message. Here that redirect loses its `__path`/`__err` parameters, which go into the
//! session as a flash instead; the next page view takes the flash out (pages read it with
//! `app::request::form_verdict`). Such parameters arriving in a request are dropped, so
//! only the server can show a verdict.
//!
//! A form posted in the background by the `LiveForm` island (header `x-live-form`) gets
//! its redirect as `204 No Content` with the target in `x-live-location`, and
//! `x-live-refused` when a verdict went into the session: the island then fetches that
//! page and shows the refused form in place, or opens the next page itself, so a page
//! that shows something once (recovery codes, a flash) is loaded once.

use app::error::AppError;
use app::request::FormVerdict;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::server_fn::error::ServerFnUrlError;
use tower_sessions::Session;

const FLASH: &str = app::request::FORM_VERDICT;
use app::components::live_form::{LIVE_FORM, LIVE_LOCATION, LIVE_REFUSED};
const PARAMS: [&str; 2] = ["__path", "__err"];

pub async fn carry_form_verdicts(mut request: Request, next: Next) -> Response {
    let session = request.extensions().get::<Session>().cloned();
    let live = request.headers().contains_key(LIVE_FORM);
    strip_verdict_params(request.uri_mut());
    if let Some(session) = &session
        && wants_a_page(&request)
        && let Some(verdict) = take_flash(session).await
    {
        request.extensions_mut().insert(verdict);
    }
    let mut response = next.run(request).await;
    if let Some(session) = &session
        && response.status().is_redirection()
    {
        let refused = move_verdict_into(session, &mut response).await;
        if live {
            answer_live(&mut response, refused);
        }
    }
    response
}

/// A redirect as the `LiveForm` island takes it: 204, the target in a header of its own.
fn answer_live(response: &mut Response, refused: bool) {
    let Some(location) = response.headers_mut().remove(header::LOCATION) else {
        return;
    };
    *response.status_mut() = axum::http::StatusCode::NO_CONTENT;
    *response.body_mut() = axum::body::Body::empty();
    let headers = response.headers_mut();
    headers.remove(header::CONTENT_LENGTH);
    headers.insert(LIVE_LOCATION, location);
    if refused {
        headers.insert(LIVE_REFUSED, HeaderValue::from_static("1"));
    }
}

/// Answers a refused form post of a handler of our own (a multipart upload) the way
/// server functions answer theirs: to a browser's form post, a redirect back to the page
/// with the verdict under `form` (the key its page reads; moved into the session on the
/// way out), or to sign-in for a visitor; to others, the error's status and JSON.
pub fn refuse(headers: &HeaderMap, form: &str, error: AppError) -> Response {
    let response = refusal(headers, form, &error);
    crate::refusals::marked(response, error)
}

fn refusal(headers: &HeaderMap, form: &str, error: &AppError) -> Response {
    let back = headers.get(header::REFERER).and_then(|r| r.to_str().ok());
    if asks_for_a_page(headers)
        && let Some(back) = back
    {
        if *error == AppError::Unauthenticated {
            return Redirect::to("/login").into_response();
        }
        if let Ok(url) = ServerFnUrlError::new(form, error.clone()).to_url(back) {
            let location = match url.query() {
                Some(q) => format!("{}?{q}", url.path()),
                None => url.path().to_owned(),
            };
            return Redirect::to(&location).into_response();
        }
    }
    (error.status(), axum::Json(error)).into_response()
}

/// Whether the request is a browser's: it accepts an HTML page for an answer.
pub fn asks_for_a_page(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .is_some_and(|accept| accept.as_bytes().windows(9).any(|w| w == b"text/html"))
}

fn wants_a_page(request: &Request) -> bool {
    request.method() == axum::http::Method::GET && asks_for_a_page(request.headers())
}

/// A verdict on its way to the next page view, and whether the session was opened just
/// to carry it (a visitor who had none).
#[derive(serde::Serialize, serde::Deserialize)]
struct Flash {
    verdict: FormVerdict,
    session_made_for_it: bool,
}

/// Takes the flash out of the session. A session opened only to carry it is deleted with
/// it rather than kept around empty.
async fn take_flash(session: &Session) -> Option<FormVerdict> {
    let flash = session.remove::<Flash>(FLASH).await.ok().flatten()?;
    if flash.session_made_for_it
        && let Err(e) = session.flush().await
    {
        tracing::warn!(error = %e, "could not delete a flash-only session");
    }
    Some(flash.verdict)
}

/// Moves the verdict of a redirect into the session; whether there was one.
async fn move_verdict_into(session: &Session, response: &mut Response) -> bool {
    let Some((location, verdict)) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .and_then(split_verdict)
    else {
        return false;
    };
    let Ok(location) = HeaderValue::from_str(&location) else {
        return false;
    };
    // Loading the session tells whether there is one: no id afterwards means none.
    let _ = session.get_value(FLASH).await;
    let flash = Flash {
        verdict,
        session_made_for_it: session.id().is_none(),
    };
    if let Err(e) = session.insert(FLASH, flash).await {
        tracing::error!(error = %e, "could not keep a form's verdict");
    }
    response.headers_mut().insert(header::LOCATION, location);
    true
}

/// A redirect target without its verdict parameters, and the verdict, if it had one.
fn split_verdict(location: &str) -> Option<(String, FormVerdict)> {
    let (base, query) = location.split_once('?')?;
    let (mut path, mut err) = (None, None);
    let mut kept = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "__path" => path = Some(value.into_owned()),
            "__err" => err = Some(value.into_owned()),
            _ => {
                kept.append_pair(&key, &value);
            }
        }
    }
    let kept = kept.finish();
    let location = if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{kept}")
    };
    Some((
        location,
        FormVerdict {
            path: path?,
            err: err?,
        },
    ))
}

/// Drops `__path` and `__err` from a request's query string.
fn strip_verdict_params(uri: &mut Uri) {
    let Some(query) = uri.query() else { return };
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    if !pairs.iter().any(|(key, _)| PARAMS.contains(&key.as_str())) {
        return;
    }
    let kept = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(
            pairs
                .iter()
                .filter(|(key, _)| !PARAMS.contains(&key.as_str())),
        )
        .finish();
    let path_and_query = if kept.is_empty() {
        uri.path().to_owned()
    } else {
        format!("{}?{kept}", uri.path())
    };
    let mut parts = uri.clone().into_parts();
    if let Ok(pq) = path_and_query.parse() {
        parts.path_and_query = Some(pq);
        if let Ok(stripped) = Uri::from_parts(parts) {
            *uri = stripped;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_parameters_are_dropped_and_the_rest_kept() {
        let mut uri: Uri = "/login?next=%2Faccount&__path=%2Fapi%2Fsign_in&__err=e30"
            .parse()
            .expect("uri");
        strip_verdict_params(&mut uri);
        assert_eq!(uri.to_string(), "/login?next=%2Faccount");

        let mut uri: Uri = "/login?__err=e30".parse().expect("uri");
        strip_verdict_params(&mut uri);
        assert_eq!(uri.to_string(), "/login");

        let mut uri: Uri = "/catalog?q=a+b".parse().expect("uri");
        strip_verdict_params(&mut uri);
        assert_eq!(uri.to_string(), "/catalog?q=a+b");
    }
}
