//! Server functions of orders: place, move, review. Each redirects to the order's page.

use leptos::prelude::*;

use crate::error::AppError;

/// The signed-in user (or `Unauthenticated`) and the database, for every deal's action.
#[cfg(feature = "ssr")]
async fn signed_in() -> Result<(crate::accounts::model::CurrentUser, sqlx::PgPool), AppError> {
    let user = crate::accounts::api::require_user().await?;
    Ok((user, crate::request::state()?.db))
}

/// Places an order for `quantity` units of a listing; `key` is the idempotency key the
/// form was rendered with.
#[server(endpoint = "orders/place")]
pub async fn place_order(listing_id: i64, quantity: String, key: String) -> Result<(), AppError> {
    let (user, db) = signed_in().await?;
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
    let (user, db) = signed_in().await?;
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
    let (user, db) = signed_in().await?;
    super::service::review(&db, &user, order_id, &stars, &comment).await?;
    leptos_axum::redirect(&format!("/orders/{order_id}#review"));
    Ok(())
}

/// A new inquiry to the merchant of listing `listing_id`, or to merchant `merchant` (a
/// slug) when no listing is given.
#[server(endpoint = "inquiries/send")]
pub async fn send_inquiry(
    #[server(default)] listing_id: String,
    #[server(default)] merchant: String,
    #[server(flatten)] form: super::forms::InquiryForm,
) -> Result<(), AppError> {
    use super::inquiries::Addressee;
    let (user, db) = signed_in().await?;
    let to = match listing_id.trim() {
        "" => Addressee::Merchant(merchant),
        raw => Addressee::Listing(raw.parse().map_err(|_| AppError::BadRequest)?),
    };
    let id = super::inquiries::send(&db, &user, &to, &form).await?;
    leptos_axum::redirect(&format!("/inquiries/{id}"));
    Ok(())
}

/// A message in an inquiry's thread.
#[server(endpoint = "inquiries/write")]
pub async fn write_message(
    inquiry_id: i64,
    #[server(default)] body: String,
) -> Result<(), AppError> {
    let (user, db) = signed_in().await?;
    super::inquiries::write(&db, &user, inquiry_id, &body).await?;
    leptos_axum::redirect(&format!("/inquiries/{inquiry_id}#thread-end"));
    Ok(())
}

/// The merchant's quote on an inquiry.
#[server(endpoint = "inquiries/quote")]
pub async fn quote_inquiry(
    inquiry_id: i64,
    #[server(flatten)] form: super::forms::QuoteForm,
) -> Result<(), AppError> {
    let (user, db) = signed_in().await?;
    super::inquiries::quote(&db, &user, inquiry_id, &form).await?;
    leptos_axum::redirect(&format!("/inquiries/{inquiry_id}#quotes"));
    Ok(())
}

/// Either side closes an inquiry.
#[server(endpoint = "inquiries/close")]
pub async fn close_inquiry(inquiry_id: i64) -> Result<(), AppError> {
    let (user, db) = signed_in().await?;
    super::inquiries::close(&db, &user, inquiry_id).await?;
    leptos_axum::redirect(&format!("/inquiries/{inquiry_id}"));
    Ok(())
}

/// The buyer accepts a quote (on a requirement: awards it); on to the order it became.
#[server(endpoint = "quotes/accept")]
pub async fn accept_quote(quote_id: i64) -> Result<(), AppError> {
    let (user, db) = signed_in().await?;
    let order_id = super::quotes::accept(&db, &user, quote_id).await?;
    leptos_axum::redirect(&format!("/orders/{order_id}"));
    Ok(())
}

/// The buyer declines a quote.
#[server(endpoint = "quotes/decline")]
pub async fn decline_quote(quote_id: i64) -> Result<(), AppError> {
    let (user, db) = signed_in().await?;
    let back = super::quotes::decline(&db, &user, quote_id).await?;
    leptos_axum::redirect(&back);
    Ok(())
}

/// A buyer posts a requirement.
#[server(endpoint = "requirements/post")]
pub async fn post_requirement(
    #[server(flatten)] form: super::forms::RequirementForm,
) -> Result<(), AppError> {
    let (user, db) = signed_in().await?;
    let id = super::requirements::post(&db, &user, &form).await?;
    leptos_axum::redirect(&format!("/requirements/{id}"));
    Ok(())
}

/// A merchant of the field quotes on a requirement, or revises its quote.
#[server(endpoint = "requirements/quote")]
pub async fn quote_requirement(
    requirement_id: i64,
    #[server(flatten)] form: super::forms::QuoteForm,
) -> Result<(), AppError> {
    let (user, db) = signed_in().await?;
    super::requirements::quote(&db, &user, requirement_id, &form).await?;
    leptos_axum::redirect(&format!("/requirements/{requirement_id}"));
    Ok(())
}

/// The buyer closes a requirement without awarding it.
#[server(endpoint = "requirements/close")]
pub async fn close_requirement(requirement_id: i64) -> Result<(), AppError> {
    let (user, db) = signed_in().await?;
    super::requirements::close(&db, &user, requirement_id).await?;
    leptos_axum::redirect(&format!("/requirements/{requirement_id}"));
    Ok(())
}
