//! SQL that changes listings: the one write path of the `listing` table (the demo
//! generator's bulk load aside). `is_public` and the merchant's copied facts follow
//! from the status by the `listing_sync_merchant` trigger.

use sqlx::{PgExecutor, Row};

use crate::catalog::repo::slug;
use crate::vocab::ListingStatus;

/// A listing's state, locked until the transaction ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedListing {
    pub merchant_id: i64,
    pub status: ListingStatus,
    pub status_before_suspension: Option<ListingStatus>,
    pub title_zh: String,
    pub title_en: String,
}

pub async fn lock(
    db: impl PgExecutor<'_>,
    listing_id: i64,
) -> Result<Option<LockedListing>, sqlx::Error> {
    let row = sqlx::query(
        "select merchant_id, status, status_before_suspension, title_zh, title_en
           from listing where listing_id = $1 for update",
    )
    .bind(listing_id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let before: Option<String> = row.try_get("status_before_suspension")?;
    Ok(Some(LockedListing {
        merchant_id: row.try_get("merchant_id")?,
        status: slug(&row, "status", ListingStatus::from_slug)?,
        status_before_suspension: before.as_deref().and_then(ListingStatus::from_slug),
        title_zh: row.try_get("title_zh")?,
        title_en: row.try_get("title_en")?,
    }))
}

/// The operator suspends a listing from `from`, which a restore returns it to.
pub async fn suspend(
    db: impl PgExecutor<'_>,
    listing_id: i64,
    from: ListingStatus,
    reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update listing set status = 'suspended', status_before_suspension = $2,
                suspension_reason = $3
          where listing_id = $1",
    )
    .bind(listing_id)
    .bind(from.slug())
    .bind(reason)
    .execute(db)
    .await?;
    Ok(())
}

/// The operator lifts a suspension: back to `to`, the status before it.
pub async fn restore(
    db: impl PgExecutor<'_>,
    listing_id: i64,
    to: ListingStatus,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update listing set status = $2, status_before_suspension = null, suspension_reason = null,
                published_at = case when $2 = 'published' then coalesce(published_at, now()) else published_at end
          where listing_id = $1",
    )
    .bind(listing_id)
    .bind(to.slug())
    .execute(db)
    .await?;
    Ok(())
}

/// The merchant moves its own listing from `from` to `to` (publish, unpublish, archive);
/// says whether the listing was still in `from` (a concurrent change makes it false).
pub async fn transition(
    db: impl PgExecutor<'_>,
    listing_id: i64,
    from: ListingStatus,
    to: ListingStatus,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "update listing set status = $3,
                published_at = case when $3 = 'published' then now() else published_at end
          where listing_id = $1 and status = $2",
    )
    .bind(listing_id)
    .bind(from.slug())
    .bind(to.slug())
    .execute(db)
    .await?
    .rows_affected();
    Ok(changed == 1)
}
