//! Server functions of a merchant's listings: save (create or edit) and move along the
//! state machine.

use leptos::prelude::*;

use super::editor::ListingForm;
use crate::error::AppError;

/// Where the editor's form posts: [`save_listing`]'s fields as `multipart/form-data`,
/// with the sample as a CSV file (`sample_file`) when one is chosen. The server reads it
/// (`listing_upload` there) and answers as `save_listing` does, its verdict included.
pub const SAVE_LISTING_FORM: &str = "/merchant/listings/save";

/// Saves the editor: a new draft when `listing_id` is blank, else the listing itself.
#[server(endpoint = "merchant/save_listing")]
pub async fn save_listing(
    #[server(default)] listing_id: String,
    #[server(flatten)] form: ListingForm,
) -> Result<(), AppError> {
    let user = crate::accounts::api::require_user().await?;
    let db = crate::request::state()?.db;
    let id = super::workspace::save_posted(&db, &user, &listing_id, &form).await?;
    leptos_axum::redirect(&saved_page(id));
    Ok(())
}

/// Where a save leads: the listing's page, saying it was saved.
pub fn saved_page(listing_id: i64) -> String {
    format!("/merchant/listings/{listing_id}?saved=1")
}

/// Publishes, unpublishes or archives one of the caller's listings (`change`).
#[server(endpoint = "merchant/move_listing")]
pub async fn move_listing(listing_id: i64, change: String) -> Result<(), AppError> {
    use super::workspace::{Move, transition};
    let user = crate::accounts::api::require_user().await?;
    let db = crate::request::state()?.db;
    let change = Move::from_slug(&change).ok_or(AppError::BadRequest)?;
    transition(&db, &user, listing_id, change).await?;
    leptos_axum::redirect(&format!("/merchant/listings/{listing_id}?moved=1"));
    Ok(())
}
