//! Refused authorisation, logged for every server function and handler in one place
//! (pages log theirs where they load: `app::pages::with_data`). A server function's
//! error travels in its answer's body (with the `serverfnerror` header, also when a form
//! post without JavaScript is redirected back); a handler of our own marks its answer
//! with [`Refused`]. Either way the answer leaves marked, read once.

use app::error::AppError;
use app::request::UserOnce;
use app::security::{self, Origin};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// The error a handler's answer refuses with.
#[derive(Debug, Clone)]
pub struct Refused(pub AppError);

/// `response`, marked as answering `error`.
pub fn marked(mut response: Response, error: AppError) -> Response {
    response.extensions_mut().insert(Refused(error));
    response
}

pub async fn log_refusals(request: Request, next: Next) -> Response {
    let origin = Origin::of(request.extensions(), request.headers());
    let path = request.uri().path().to_owned();
    let user = request.extensions().get::<UserOnce>().cloned();
    let mut response = next.run(request).await;
    let error = match response.extensions().get::<Refused>() {
        Some(Refused(error)) => Some(error.clone()),
        None if response.headers().contains_key("serverfnerror") => {
            let error;
            (response, error) = read_error(response).await;
            // Kept on the answer: the status layer outside reads it from there.
            if let Some(error) = &error {
                response.extensions_mut().insert(Refused(error.clone()));
            }
            error
        }
        None => return response,
    };
    if let Some(error) = error {
        let user_id = user.and_then(|once| once.0.get().cloned().flatten().map(|u| u.id));
        security::refused(&error, user_id, &origin, &path);
    }
    response
}

/// The server function's error in `response`'s body, and the response as it was.
async fn read_error(response: Response) -> (Response, Option<AppError>) {
    let (parts, body) = response.into_parts();
    // An error is a small JSON object.
    let Ok(bytes) = axum::body::to_bytes(body, 1024 * 1024).await else {
        return (Response::from_parts(parts, axum::body::Body::empty()), None);
    };
    let error = serde_json::from_slice::<AppError>(&bytes).ok();
    (
        Response::from_parts(parts, axum::body::Body::from(bytes)),
        error,
    )
}
