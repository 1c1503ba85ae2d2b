//! A merchant's own listings: list, write, preview, and move through their states
//! (`draft` → `published` → `archived`, and back to draft). Every use-case checks that
//! the listing belongs to the caller's merchant; another merchant's is not found.

use sqlx::PgPool;

use super::editor::{ListingDraft, ListingForm};
use super::model::ListingDetail;
use super::repo::{self, DetailOf};
use super::store::{self, OwnListing};
use crate::accounts::model::CurrentUser;
use crate::db::is_unique_violation;
use crate::error::AppError;
use crate::merchants::store::Membership;
use crate::merchants::workspace::require_member;
use crate::vocab::{ListingStatus, MerchantStatus};

pub const PAGE: i64 = 50;

/// The caller's merchant and a page of its listings.
pub async fn listings(
    db: &PgPool,
    user: &CurrentUser,
    status: Option<ListingStatus>,
    after: Option<i64>,
) -> Result<(Membership, Vec<OwnListing>, Option<i64>), AppError> {
    let membership = require_member(db, user).await?;
    let rows =
        store::of_merchant(db, membership.merchant.merchant_id, status, after, PAGE + 1).await?;
    let keys: Vec<i64> = rows.iter().map(|l| l.id).collect();
    let (rows, next) = crate::db::split_page(rows, &keys, PAGE);
    Ok((membership, rows, next))
}

/// One of the caller's listings with everything its page shows, and its status.
pub async fn own(
    db: &PgPool,
    user: &CurrentUser,
    listing_id: i64,
) -> Result<(Membership, ListingDetail), AppError> {
    let membership = require_member(db, user).await?;
    let of = DetailOf::Merchant {
        listing_id,
        merchant_id: membership.merchant.merchant_id,
    };
    let detail = repo::find_detail(db, of).await?.ok_or(AppError::NotFound)?;
    Ok((membership, detail))
}

/// A URL slug for a new listing: its English title's words, numbered when taken, or a
/// short random id when the title has no Latin words.
async fn free_slug(db: &PgPool, title_en: &str) -> Result<String, AppError> {
    let base = crate::text::slugify(title_en, 80);
    if base.is_empty() {
        return Ok(format!("l-{}", crate::accounts::email::random_hex(5)));
    }
    Ok(crate::db::free_slug(db, crate::db::Slugged::Listing, &base).await?)
}

/// [`save`] of a posted form, whose `listing_id` is blank for a new draft.
pub async fn save_posted(
    db: &PgPool,
    user: &CurrentUser,
    listing_id: &str,
    form: &ListingForm,
) -> Result<i64, AppError> {
    let id = match listing_id.trim() {
        "" => None,
        raw => Some(raw.parse::<i64>().map_err(|_| AppError::BadRequest)?),
    };
    save(db, user, id, form).await
}

/// Creates a draft (or writes over listing `id`); the listing's id.
pub async fn save(
    db: &PgPool,
    user: &CurrentUser,
    id: Option<i64>,
    form: &ListingForm,
) -> Result<i64, AppError> {
    let membership = require_member(db, user).await?;
    let merchant_id = membership.merchant.merchant_id;
    let draft: ListingDraft = form.parse()?;
    match id {
        Some(id) => {
            let mut tx = db.begin().await?;
            let listing = store::lock(&mut *tx, id)
                .await?
                .filter(|l| l.merchant_id == merchant_id)
                .ok_or(AppError::NotFound)?;
            if listing.status == ListingStatus::Archived {
                return Err(AppError::Conflict);
            }
            store::update(&mut *tx, id, merchant_id, &draft).await?;
            tx.commit().await?;
            Ok(id)
        }
        None => {
            for _ in 0..3 {
                let listing_slug = free_slug(db, &draft.title_en).await?;
                match store::insert(db, merchant_id, &listing_slug, &draft).await {
                    Ok(id) => return Ok(id),
                    // Another listing took the slug meanwhile: choose again.
                    Err(e) if is_unique_violation(&e, "listing_slug_key") => continue,
                    Err(e) => return Err(e.into()),
                }
            }
            Err(AppError::Conflict)
        }
    }
}

/// What a merchant may do with its listing's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Publish,
    Unpublish,
    Archive,
}

impl Move {
    pub fn from_slug(slug: &str) -> Option<Self> {
        match slug {
            "publish" => Some(Self::Publish),
            "unpublish" => Some(Self::Unpublish),
            "archive" => Some(Self::Archive),
            _ => None,
        }
    }

    /// The state machine of PRODUCT.md, the merchant's part: (from, to).
    fn edge(self) -> (ListingStatus, ListingStatus) {
        match self {
            Self::Publish => (ListingStatus::Draft, ListingStatus::Published),
            Self::Unpublish => (ListingStatus::Published, ListingStatus::Draft),
            Self::Archive => (ListingStatus::Published, ListingStatus::Archived),
        }
    }
}

/// Moves the caller's listing along the state machine; anything else (a suspended
/// listing, a suspended or unapproved merchant publishing) is `Conflict`, changing nothing.
pub async fn transition(
    db: &PgPool,
    user: &CurrentUser,
    listing_id: i64,
    change: Move,
) -> Result<(), AppError> {
    let membership = require_member(db, user).await?;
    let (from, to) = change.edge();
    if to == ListingStatus::Published && membership.merchant.status != MerchantStatus::Approved {
        return Err(AppError::Conflict);
    }
    let mut tx = db.begin().await?;
    let listing = store::lock(&mut *tx, listing_id)
        .await?
        .filter(|l| l.merchant_id == membership.merchant.merchant_id)
        .ok_or(AppError::NotFound)?;
    if listing.status != from {
        return Err(AppError::Conflict);
    }
    store::transition(&mut *tx, listing_id, from, to).await?;
    tx.commit().await?;
    Ok(())
}
