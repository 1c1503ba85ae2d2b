//! The listing editor's form as browsers post it: `multipart/form-data`, so that a CSV
//! sample can come as a file (`sample_file`). Its text fields are read exactly as the
//! `save_listing` server function reads its urlencoded form, the file as the sample's
//! bytes; the listing is saved by the same service, and a refusal comes back to the
//! editor as `save_listing`'s verdict, each message beside its field.

use app::catalog::api::{SAVE_LISTING_FORM, SaveListing, saved_page};
use app::catalog::sample_csv;
use app::error::AppError;
use app::state::AppState;
use axum::Router;
use axum::extract::{Multipart, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use leptos::server_fn::ServerFn;
use tower_sessions::Session;

/// Bytes the editor's post may carry: a sample file a few times over the bound it is
/// refused past (so a too-large file gets its message, not a bare 413), and the form.
pub const MAX_POST_BYTES: usize = 4 * sample_csv::MAX_BYTES + 256 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new().route(SAVE_LISTING_FORM, post(save))
}

async fn save(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    match receive(&state, &session, multipart).await {
        Ok(id) => Redirect::to(&saved_page(id)).into_response(),
        Err(error) => crate::flash::refuse(&headers, SaveListing::PATH, error),
    }
}

async fn receive(
    state: &AppState,
    session: &Session,
    mut multipart: Multipart,
) -> Result<i64, AppError> {
    let user = app::accounts::api::require_user_in(session, &state.db).await?;
    let unreadable = |_| AppError::BadRequest;
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut file = Vec::new();
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        let Some(name) = field.name().map(str::to_owned) else {
            continue;
        };
        if name == "sample_file" {
            // Kept up to one byte past the bound: enough for the parser to refuse it.
            while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                let room = (sample_csv::MAX_BYTES + 1).saturating_sub(file.len());
                file.extend_from_slice(&chunk[..room.min(chunk.len())]);
            }
        } else {
            fields.push((name, field.text().await.map_err(unreadable)?));
        }
    }
    // As server functions read a form (`server_fn::codec::PostUrl`).
    let encoded = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&fields)
        .finish();
    let SaveListing {
        listing_id,
        mut form,
    } = serde_qs::Config::new(5, false)
        .deserialize_str(&encoded)
        .map_err(|_| AppError::BadRequest)?;
    form.sample_file = file;
    app::catalog::workspace::save_posted(&state.db, &user, &listing_id, &form).await
}
