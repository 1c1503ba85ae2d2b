//! Server functions of orders: place, move, review. Each redirects to the order's page.

use leptos::prelude::*;

use crate::error::AppError;

/// Places an order for `quantity` units of a listing; `key` is the idempotency key the
/// form was rendered with.
#[server(endpoint = "orders/place")]
pub async fn place_order(listing_id: i64, quantity: String, key: String) -> Result<(), AppError> {
    let user = crate::accounts::api::require_user().await?;
    let db = crate::request::state()?.db;
    let id = super::service::place(&db, &user, listing_id, &quantity, &key).await?;
    leptos_axum::redirect(&format!("/orders/{id}"));
    Ok(())
}

/// One move on an order (`change`: accept, reject, cancel, deliver, complete,
/// request-changes) with its note.
#[server(endpoint = "orders/move")]
pub async fn move_order(
    order_id: i64,
    change: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let user = crate::accounts::api::require_user().await?;
    let db = crate::request::state()?.db;
    let mv = super::machine::Move::from_slug(&change).ok_or(AppError::BadRequest)?;
    super::service::make_move(&db, &user, order_id, mv, &note).await?;
    leptos_axum::redirect(&format!("/orders/{order_id}"));
    Ok(())
}

/// The buyer's review of a completed order.
#[server(endpoint = "orders/review")]
pub async fn review_order(
    order_id: i64,
    #[server(default)] stars: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    let user = crate::accounts::api::require_user().await?;
    let db = crate::request::state()?.db;
    super::service::review(&db, &user, order_id, &stars, &comment).await?;
    leptos_axum::redirect(&format!("/orders/{order_id}#review"));
    Ok(())
}
