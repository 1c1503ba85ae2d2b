//! What the server shares with every request (server only).

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::PgPool;

/// The axum state; leptos_axum also provides it as context to pages and server functions.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: PgPool,
    /// The site's public address (`https://shushang.example`), for absolute links.
    pub public_url: String,
    /// The stylesheet's URL under its content-hashed name (`/pkg/shushang.<hash>.css`).
    pub stylesheet: std::sync::Arc<str>,
}
