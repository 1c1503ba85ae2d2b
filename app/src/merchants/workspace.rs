//! What merchants do for themselves: apply, keep their profile, run their team.
//! Every use-case takes the signed-in user and checks what they may do here.

use sqlx::PgPool;

use super::model::{Application, MerchantDetails, ProfileForm, Uscc};
use super::store::{self, Membership, TeamMember};
use crate::accounts::model::{CurrentUser, Email};
use crate::db::is_unique_violation;
use crate::error::{AppError, FieldErrors, Reason};
use crate::notifications::{NotificationFacts, NotificationKind, repo as notifications};
use crate::vocab::MemberRole;

/// This year in the market's calendar (UTC+8), for founding years.
pub fn this_year() -> i32 {
    (time::OffsetDateTime::now_utc() + time::Duration::hours(8)).year()
}

/// Where `user` works, if anywhere.
pub async fn membership(db: &PgPool, user: &CurrentUser) -> Result<Option<Membership>, AppError> {
    Ok(store::membership_of(db, user.id).await?)
}

/// Whether the signed-in reader (if any) works for merchant `slug`: its public pages then
/// offer its editors instead of an order or an inquiry, which would be refused. Asking
/// who reads makes the answer personal (not stored by any cache).
pub async fn viewer_works_for(db: &PgPool, slug: &str) -> Result<bool, AppError> {
    let Some(user) = crate::accounts::api::optional_user().await? else {
        return Ok(false);
    };
    Ok(membership(db, &user)
        .await?
        .is_some_and(|m| m.merchant.slug == slug))
}

/// The user's merchant, for anything a member may do; people without one are refused
/// (`Forbidden`: they are signed in, this is not theirs).
pub async fn require_member(db: &PgPool, user: &CurrentUser) -> Result<Membership, AppError> {
    membership(db, user).await?.ok_or(AppError::Forbidden)
}

/// [`require_member`], and only the owner.
pub async fn require_owner(db: &PgPool, user: &CurrentUser) -> Result<Membership, AppError> {
    let membership = require_member(db, user).await?;
    if membership.role == MemberRole::Owner {
        Ok(membership)
    } else {
        Err(AppError::Forbidden)
    }
}

/// What `/apply` shows: the person's merchant, or their latest application.
#[derive(Debug, Clone, PartialEq)]
pub enum ApplyState {
    Member(Membership),
    Applied(Box<Application>),
    Never,
}

pub async fn apply_state(db: &PgPool, user: &CurrentUser) -> Result<ApplyState, AppError> {
    if let Some(membership) = membership(db, user).await? {
        return Ok(ApplyState::Member(membership));
    }
    Ok(match store::latest_application_of(db, user.id).await? {
        Some(application) => ApplyState::Applied(Box::new(application)),
        None => ApplyState::Never,
    })
}

/// A URL slug for a new merchant: from its English name, made unique with a number.
async fn free_slug(db: &PgPool, name_en: &str) -> Result<String, AppError> {
    let base = match crate::text::slugify(name_en, 60) {
        base if base.is_empty() => "merchant".to_owned(),
        base => base,
    };
    Ok(crate::db::free_slug(db, crate::db::Slugged::Merchant, &base).await?)
}

/// Applies for a merchant: a verified address, no merchant and no open application yet,
/// a valid code nobody else holds, and a complete profile.
pub async fn apply(
    db: &PgPool,
    user: &CurrentUser,
    uscc: &str,
    form: &ProfileForm,
) -> Result<i64, AppError> {
    user.require_verified_email()?;
    let mut errors = FieldErrors::default();
    let code = errors.check("uscc", Uscc::parse(uscc));
    let details = form.parse(this_year()).map_err(|refused| {
        errors.errors.extend(refused.errors);
    });
    let typed = || {
        let mut typed = form.typed();
        typed.push(("uscc".to_owned(), uscc.to_owned()));
        typed
    };
    let (Some(code), Ok(details)) = (code, details) else {
        errors.typed = typed();
        return Err(errors.into());
    };
    match apply_state(db, user).await? {
        ApplyState::Member(_) => return Err(refused("form", Reason::AlreadyMember, typed())),
        ApplyState::Applied(open) if open.status == crate::vocab::MerchantStatus::Pending => {
            return Err(AppError::Conflict);
        }
        _ => {}
    }
    let merchant_slug = free_slug(db, &details.name_en).await?;
    match store::insert_application(db, user.id, &merchant_slug, code.as_str(), &details).await {
        Ok(id) => Ok(id),
        Err(e) if is_unique_violation(&e, "merchant_uscc_key") => {
            Err(refused("uscc", Reason::UsccTaken, typed()))
        }
        Err(e) if is_unique_violation(&e, "merchant_one_open_application") => {
            Err(AppError::Conflict)
        }
        Err(e) => Err(e.into()),
    }
}

fn refused(field: &str, reason: Reason, typed: Vec<(String, String)>) -> AppError {
    let mut errors = FieldErrors::single(field, reason);
    errors.typed = typed;
    errors.into()
}

/// The profile the owner edits.
pub async fn profile(
    db: &PgPool,
    user: &CurrentUser,
) -> Result<(Membership, MerchantDetails, String), AppError> {
    let membership = require_member(db, user).await?;
    let (_, details, uscc) = store::find(db, membership.merchant.merchant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((membership, details, uscc))
}

/// The owner changes what PRODUCT.md lets a merchant change (never tier, status or code).
pub async fn update_profile(
    db: &PgPool,
    user: &CurrentUser,
    form: &ProfileForm,
) -> Result<(), AppError> {
    let membership = require_owner(db, user).await?;
    let details = form.parse(this_year())?;
    store::update_details(db, membership.merchant.merchant_id, &details).await?;
    Ok(())
}

pub async fn team(
    db: &PgPool,
    user: &CurrentUser,
) -> Result<(Membership, Vec<TeamMember>), AppError> {
    let membership = require_member(db, user).await?;
    let team = store::team(db, membership.merchant.merchant_id).await?;
    Ok((membership, team))
}

fn merchant_facts(membership: &Membership) -> NotificationFacts {
    NotificationFacts {
        merchant_zh: Some(membership.merchant.name_zh.clone()),
        merchant_en: Some(membership.merchant.name_en.clone()),
        ..NotificationFacts::default()
    }
}

/// The owner adds a colleague by the address of their account, which must be verified
/// and not already in a team.
pub async fn add_member(db: &PgPool, user: &CurrentUser, email: &str) -> Result<(), AppError> {
    let membership = require_owner(db, user).await?;
    let refuse = |reason| {
        refused(
            "email",
            reason,
            vec![("email".to_owned(), email.to_owned())],
        )
    };
    let address = Email::parse(email).map_err(refuse)?;
    let colleague = crate::accounts::repo::find_by_email(db, address.as_str())
        .await?
        .filter(|colleague| colleague.email_verified_at.is_some() && !colleague.disabled)
        .ok_or_else(|| refuse(Reason::NoVerifiedAccount))?;
    let mut tx = db.begin().await?;
    match store::add_member(
        &mut tx,
        membership.merchant.merchant_id,
        colleague.app_user_id,
        MemberRole::Member,
    )
    .await
    {
        Ok(()) => {}
        Err(e)
            if e.as_database_error()
                .is_some_and(|d| d.is_unique_violation()) =>
        {
            return Err(refuse(Reason::AlreadyMember));
        }
        Err(e) => return Err(e.into()),
    }
    notifications::notify(
        &mut *tx,
        colleague.app_user_id,
        NotificationKind::TeamJoined,
        &merchant_facts(&membership),
        Some("/merchant"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The owner removes a member; someone not in this team is not found.
pub async fn remove_member(
    db: &PgPool,
    user: &CurrentUser,
    member_id: i64,
) -> Result<(), AppError> {
    let membership = require_owner(db, user).await?;
    let mut tx = db.begin().await?;
    if !store::remove_member(&mut tx, membership.merchant.merchant_id, member_id).await? {
        return Err(AppError::NotFound);
    }
    notifications::notify(
        &mut *tx,
        member_id,
        NotificationKind::TeamLeft,
        &merchant_facts(&membership),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
