//! Merchant use-cases for the public: the directory, a profile, the formation.

use sqlx::PgPool;

use super::index::MerchantIndex;
use super::model::{
    DirectoryCursor, DirectoryPage, DirectoryParams, Formation, MerchantCard, MerchantProfile,
};
use super::repo::{self, DirectoryFilter};
use crate::error::AppError;
use crate::index::sync::SearchIndex;
use crate::search::SearchQuery;
use crate::url_params::parse_param as param;
use crate::vocab::{Region, ServiceField, Tier};

pub const PAGE_SIZE: i64 = 24;

/// A page of the directory: chosen by the search index, or by SQL while it is built.
pub async fn directory(
    db: &PgPool,
    index: &SearchIndex,
    params: &DirectoryParams,
) -> Result<DirectoryPage, AppError> {
    let mut ignored = Vec::new();
    let tier = param("tier", &params.tier, Tier::from_slug, &mut ignored);
    let field = param(
        "field",
        &params.field,
        ServiceField::from_slug,
        &mut ignored,
    );
    let region = param("region", &params.region, Region::from_slug, &mut ignored);
    let after = param(
        "after",
        &params.after,
        DirectoryCursor::decode,
        &mut ignored,
    );
    let query = params.q.as_deref().and_then(SearchQuery::parse);
    ignored.extend(query.as_ref().and_then(SearchQuery::dropped_param));
    let filter = DirectoryFilter {
        query: query.as_ref(),
        tier,
        field,
        region,
    };
    let (merchants, next) = match index.current() {
        Some(snapshot) => from_index(db, &snapshot.merchants, &filter, after, PAGE_SIZE).await?,
        None => repo::directory(db, &filter, after, PAGE_SIZE).await?,
    };
    Ok(DirectoryPage {
        query: query.as_ref().map(|q| q.text().to_owned()),
        tier,
        field,
        region,
        merchants,
        next: next.map(DirectoryCursor::encode),
        ignored,
    })
}

/// An approved merchant's profile; any other merchant is not found.
pub async fn profile(db: &PgPool, slug: &str) -> Result<MerchantProfile, AppError> {
    let mut profile = repo::find_approved(db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    profile.listings = crate::catalog::repo::public_listings_of(db, profile.card.id, 100).await?;
    Ok(profile)
}

/// A page of merchants the index chose, read by primary key, and the next page's cursor.
async fn from_index(
    db: &PgPool,
    index: &MerchantIndex,
    filter: &DirectoryFilter<'_>,
    after: Option<DirectoryCursor>,
    limit: i64,
) -> Result<(Vec<MerchantCard>, Option<DirectoryCursor>), sqlx::Error> {
    let rows = usize::try_from(limit).unwrap_or(0) + 1;
    let (ids, cursors): (Vec<i64>, Vec<DirectoryCursor>) =
        index.directory(filter, after, rows).into_iter().unzip();
    let (ids, next) = crate::db::split_page(ids, &cursors, limit);
    let mut cards = repo::approved_cards(db, &ids).await?;
    cards.sort_by_key(|card| ids.iter().position(|id| *id == card.id));
    Ok((cards, next))
}

/// The home page's figures: approved merchants per tier and field, public listings, and
/// the leading merchants. From the index: no counting per page view.
pub async fn formation(db: &PgPool, index: &SearchIndex) -> Result<Formation, AppError> {
    let leading_only = DirectoryFilter {
        query: None,
        tier: Some(Tier::Leading),
        field: None,
        region: None,
    };
    let Some(snapshot) = index.current() else {
        let (per_tier, per_field, listings) = repo::formation_counts(db).await?;
        let (leading, _) = repo::directory(db, &leading_only, None, 20).await?;
        return Ok(Formation {
            per_tier,
            per_field,
            listings,
            leading,
        });
    };
    let (per_tier, per_field) = (
        snapshot.merchants.per_tier(),
        snapshot.merchants.per_field(),
    );
    let listings = i64::try_from(snapshot.listings.bitmaps.len()).unwrap_or(i64::MAX);
    let (leading, _) = from_index(db, &snapshot.merchants, &leading_only, None, 20).await?;
    Ok(Formation {
        per_tier,
        per_field,
        listings,
        leading,
    })
}
