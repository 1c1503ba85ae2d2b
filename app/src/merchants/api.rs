//! Server functions of the merchant side: applying, the profile, the team.

use leptos::prelude::*;

use crate::error::AppError;

use super::model::ProfileForm;

/// Applies for a merchant with its unified social credit code and profile.
#[server(endpoint = "merchant/apply")]
pub async fn apply_for_merchant(
    uscc: String,
    #[server(flatten)] form: ProfileForm,
) -> Result<(), AppError> {
    let user = crate::accounts::api::require_user().await?;
    let db = crate::request::state()?.db;
    super::workspace::apply(&db, &user, &uscc, &form).await?;
    leptos_axum::redirect("/apply?sent=1");
    Ok(())
}

/// The owner edits the merchant's profile.
#[server(endpoint = "merchant/profile")]
pub async fn update_merchant_profile(#[server(flatten)] form: ProfileForm) -> Result<(), AppError> {
    let user = crate::accounts::api::require_user().await?;
    let db = crate::request::state()?.db;
    super::workspace::update_profile(&db, &user, &form).await?;
    leptos_axum::redirect("/merchant/profile?saved=1");
    Ok(())
}

/// The owner adds a colleague by the address of their (verified) account.
#[server(endpoint = "merchant/add_member")]
pub async fn add_team_member(email: String) -> Result<(), AppError> {
    let user = crate::accounts::api::require_user().await?;
    let db = crate::request::state()?.db;
    super::workspace::add_member(&db, &user, &email).await?;
    leptos_axum::redirect("/merchant/team?added=1");
    Ok(())
}

/// The owner removes a member.
#[server(endpoint = "merchant/remove_member")]
pub async fn remove_team_member(member_id: i64) -> Result<(), AppError> {
    let user = crate::accounts::api::require_user().await?;
    let db = crate::request::state()?.db;
    super::workspace::remove_member(&db, &user, member_id).await?;
    leptos_axum::redirect("/merchant/team?removed=1");
    Ok(())
}
