//! Merchant use-cases for the public: the directory, a profile, the formation.

use sqlx::PgPool;

use super::model::{DirectoryCursor, DirectoryPage, DirectoryParams, Formation, MerchantProfile};
use super::repo::{self, DirectoryFilter};
use crate::error::AppError;
use crate::search::SearchQuery;
use crate::url_params::parse_param as param;
use crate::vocab::{Region, ServiceField, Tier};

pub const PAGE_SIZE: i64 = 24;

pub async fn directory(db: &PgPool, params: &DirectoryParams) -> Result<DirectoryPage, AppError> {
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
    let (merchants, next) = repo::directory(db, &filter, after, PAGE_SIZE).await?;
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

pub async fn formation(db: &PgPool) -> Result<Formation, AppError> {
    let (per_tier, per_field, listings) = repo::formation_counts(db).await?;
    let leading_only = DirectoryFilter {
        query: None,
        tier: Some(Tier::Leading),
        field: None,
        region: None,
    };
    let (leading, _) = repo::directory(db, &leading_only, None, 20).await?;
    Ok(Formation {
        per_tier,
        per_field,
        listings,
        leading,
    })
}
