//! The console's server functions: who is asking (an operator), call the service, go back.

use leptos::prelude::*;

use crate::error::AppError;

/// An operator, asking through a form of the console: `form_token` is the one the
/// console rendered for this session (see `accounts::form_token`).
#[cfg(feature = "ssr")]
async fn operator(form_token: &str) -> Result<crate::accounts::model::CurrentUser, AppError> {
    use crate::accounts::model::Role;
    let user = crate::accounts::api::require_role(&[Role::Admin]).await?;
    crate::accounts::form_token::check(form_token)
        .inspect_err(|_| crate::security::form_token_refused(user.id))?;
    Ok(user)
}

#[cfg(feature = "ssr")]
fn back_to_merchant(merchant_id: i64) {
    leptos_axum::redirect(&format!("/admin/merchants/{merchant_id}?done=1"));
}

/// Approves an application at `tier` (inbound when blank).
#[server(endpoint = "admin/approve_application")]
pub async fn approve_application(
    merchant_id: i64,
    tier: String,
    #[server(default)] form_token: String,
) -> Result<(), AppError> {
    let user = operator(&form_token).await?;
    let db = crate::request::state()?.db;
    super::service::approve(&db, &user, merchant_id, &tier).await?;
    leptos_axum::redirect("/admin/applications?done=approved");
    Ok(())
}

/// Rejects an application with a reason the applicant sees.
#[server(endpoint = "admin/reject_application")]
pub async fn reject_application(
    merchant_id: i64,
    reason: String,
    #[server(default)] form_token: String,
) -> Result<(), AppError> {
    let user = operator(&form_token).await?;
    let db = crate::request::state()?.db;
    super::service::reject(&db, &user, merchant_id, &reason).await?;
    leptos_axum::redirect("/admin/applications?done=rejected");
    Ok(())
}

#[server(endpoint = "admin/change_tier")]
pub async fn change_tier(
    merchant_id: i64,
    tier: String,
    reason: String,
    #[server(default)] form_token: String,
) -> Result<(), AppError> {
    let user = operator(&form_token).await?;
    let db = crate::request::state()?.db;
    super::service::change_tier(&db, &user, merchant_id, &tier, &reason).await?;
    back_to_merchant(merchant_id);
    Ok(())
}

#[server(endpoint = "admin/suspend_merchant")]
pub async fn suspend_merchant(
    merchant_id: i64,
    reason: String,
    #[server(default)] form_token: String,
) -> Result<(), AppError> {
    let user = operator(&form_token).await?;
    let db = crate::request::state()?.db;
    super::service::set_merchant_suspended(&db, &user, merchant_id, true, &reason).await?;
    back_to_merchant(merchant_id);
    Ok(())
}

#[server(endpoint = "admin/reinstate_merchant")]
pub async fn reinstate_merchant(
    merchant_id: i64,
    reason: String,
    #[server(default)] form_token: String,
) -> Result<(), AppError> {
    let user = operator(&form_token).await?;
    let db = crate::request::state()?.db;
    super::service::set_merchant_suspended(&db, &user, merchant_id, false, &reason).await?;
    back_to_merchant(merchant_id);
    Ok(())
}

#[server(endpoint = "admin/suspend_listing")]
pub async fn suspend_listing(
    listing_id: i64,
    reason: String,
    #[server(default)] form_token: String,
) -> Result<(), AppError> {
    let user = operator(&form_token).await?;
    let db = crate::request::state()?.db;
    let merchant_id =
        super::service::set_listing_suspended(&db, &user, listing_id, true, &reason).await?;
    back_to_merchant(merchant_id);
    Ok(())
}

#[server(endpoint = "admin/restore_listing")]
pub async fn restore_listing(
    listing_id: i64,
    reason: String,
    #[server(default)] form_token: String,
) -> Result<(), AppError> {
    let user = operator(&form_token).await?;
    let db = crate::request::state()?.db;
    let merchant_id =
        super::service::set_listing_suspended(&db, &user, listing_id, false, &reason).await?;
    back_to_merchant(merchant_id);
    Ok(())
}

/// Unlocks another operator's authenticator, locked after too many wrong codes.
#[server(endpoint = "admin/unlock_second_factor")]
pub async fn unlock_second_factor(
    user_id: i64,
    reason: String,
    #[server(default)] form_token: String,
) -> Result<(), AppError> {
    let user = operator(&form_token).await?;
    let db = crate::request::state()?.db;
    super::service::unlock_second_factor(&db, &user, user_id, &reason).await?;
    leptos_axum::redirect("/admin?done=unlocked");
    Ok(())
}
