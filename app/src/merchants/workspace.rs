//! What merchants do for themselves: apply and keep their profile (their team is in
//! [`super::team`]). Every use-case takes the signed-in user and checks what they may do
//! here.

use sqlx::PgPool;

use super::model::{Application, MerchantDetails, ProfileForm, Uscc};
use super::store::{self, Membership};
use crate::accounts::model::CurrentUser;
use crate::db::is_unique_violation;
use crate::error::{AppError, FieldErrors, Reason};
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
    apply_state_of(&mut *db.acquire().await?, user.id).await
}

async fn apply_state_of(db: &mut sqlx::PgConnection, user_id: i64) -> Result<ApplyState, AppError> {
    if let Some(membership) = store::membership_of(&mut *db, user_id).await? {
        return Ok(ApplyState::Member(membership));
    }
    Ok(
        match store::latest_application_of(&mut *db, user_id).await? {
            Some(application) => ApplyState::Applied(Box::new(application)),
            None => ApplyState::Never,
        },
    )
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
    let merchant_slug = free_slug(db, &details.name_en).await?;
    let mut tx = db.begin().await?;
    // An invitation accepted at the same moment is either seen here or waits for this
    // application and then refuses (a member with an open application could never be
    // approved).
    crate::accounts::repo::lock_by_id(&mut *tx, user.id).await?;
    match apply_state_of(&mut tx, user.id).await? {
        ApplyState::Member(_) => return Err(refused("form", Reason::AlreadyMember, typed())),
        ApplyState::Applied(open) if open.status == crate::vocab::MerchantStatus::Pending => {
            return Err(AppError::Conflict);
        }
        _ => {}
    }
    let inserted =
        store::insert_application(&mut *tx, user.id, &merchant_slug, code.as_str(), &details).await;
    match inserted {
        Ok(id) => {
            tx.commit().await?;
            Ok(id)
        }
        Err(e) if is_unique_violation(&e, "merchant_uscc_key") => {
            Err(refused("uscc", Reason::UsccTaken, typed()))
        }
        Err(e) if is_unique_violation(&e, "merchant_one_open_application") => {
            Err(AppError::Conflict)
        }
        Err(e) => Err(e.into()),
    }
}

/// `reason` against `field`, giving back what was `typed`.
pub(super) fn refused(field: &str, reason: Reason, typed: Vec<(String, String)>) -> AppError {
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
