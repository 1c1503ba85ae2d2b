//! Server functions for the public merchant pages. Anyone may call them.

use leptos::prelude::*;

use super::model::{DirectoryPage, DirectoryParams, Formation, MerchantProfile};
use crate::error::AppError;

/// A page of the merchant directory for the parameters of a directory URL.
#[server(endpoint = "merchants/directory")]
pub async fn merchant_directory(params: DirectoryParams) -> Result<DirectoryPage, AppError> {
    let db = crate::request::state()?.db;
    super::service::directory(&db, &params).await
}

/// An approved merchant's public profile.
#[server(endpoint = "merchants/profile")]
pub async fn get_merchant_profile(slug: String) -> Result<MerchantProfile, AppError> {
    let db = crate::request::state()?.db;
    super::service::profile(&db, &slug).await
}

/// Counts per tier and field and the leading merchants, for the home page.
#[server(endpoint = "merchants/formation")]
pub async fn get_formation() -> Result<Formation, AppError> {
    let db = crate::request::state()?.db;
    super::service::formation(&db).await
}
