//! Server functions of the public catalog. Anyone may call them.

use leptos::prelude::*;

use super::model::{CatalogPage, CatalogParams, ListingDetail};
use crate::error::AppError;

/// One page of catalog results with facet counts, for the parameters of a catalog URL.
#[server(endpoint = "catalog/search")]
pub async fn search_catalog(params: CatalogParams) -> Result<CatalogPage, AppError> {
    let db = crate::request::state()?.db;
    super::service::search(&db, &params).await
}

/// A public listing by its slug.
#[server(endpoint = "catalog/listing")]
pub async fn get_listing(slug: String) -> Result<ListingDetail, AppError> {
    let db = crate::request::state()?.db;
    super::service::listing(&db, &slug).await
}
