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

/// The owner invites a colleague by address; the answer is the same whoever holds it.
#[server(endpoint = "merchant/invite")]
pub async fn invite_to_team(email: String) -> Result<(), AppError> {
    let user = crate::accounts::api::require_user().await?;
    let db = crate::request::state()?.db;
    super::team::invite(&db, &user, &email).await?;
    leptos_axum::redirect("/merchant/team?invited=1");
    Ok(())
}

/// The owner withdraws an invitation that waits for an answer.
#[server(endpoint = "merchant/withdraw_invitation")]
pub async fn withdraw_invitation(invitation_id: i64) -> Result<(), AppError> {
    let user = crate::accounts::api::require_user().await?;
    let db = crate::request::state()?.db;
    super::team::withdraw(&db, &user, invitation_id).await?;
    leptos_axum::redirect("/merchant/team?withdrawn=1");
    Ok(())
}

/// The owner removes a member.
#[server(endpoint = "merchant/remove_member")]
pub async fn remove_team_member(member_id: i64) -> Result<(), AppError> {
    let user = crate::accounts::api::require_user().await?;
    let db = crate::request::state()?.db;
    super::team::remove_member(&db, &user, member_id).await?;
    leptos_axum::redirect("/merchant/team?removed=1");
    Ok(())
}

/// A member leaves their team.
#[server(endpoint = "merchant/leave")]
pub async fn leave_team() -> Result<(), AppError> {
    let user = crate::accounts::api::require_user().await?;
    let db = crate::request::state()?.db;
    super::team::leave(&db, &user).await?;
    leptos_axum::redirect("/account?left=team");
    Ok(())
}

/// The invitee joins the team that invited their address.
#[server(endpoint = "invitations/accept")]
pub async fn accept_invitation(invitation_id: i64) -> Result<(), AppError> {
    let user = crate::accounts::api::require_user().await?;
    let db = crate::request::state()?.db;
    super::team::accept(&db, &user, invitation_id).await?;
    leptos_axum::redirect("/merchant/team?joined=1");
    Ok(())
}

/// The invitee says no to a team.
#[server(endpoint = "invitations/decline")]
pub async fn decline_invitation(invitation_id: i64) -> Result<(), AppError> {
    let user = crate::accounts::api::require_user().await?;
    let db = crate::request::state()?.db;
    super::team::decline(&db, &user, invitation_id).await?;
    leptos_axum::redirect("/account/invitations?declined=1");
    Ok(())
}
