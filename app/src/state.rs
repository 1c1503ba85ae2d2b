//! What the server shares with every request (server only).

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::PgPool;

/// The axum state; leptos_axum also provides it as context to pages and server functions.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: PgPool,
    /// Searches (catalog, directory) run on a pool of their own, so a burst of broad
    /// searches waits for its own connections and leaves `db`'s to everything else.
    #[from_ref(skip)]
    pub search_db: PgPool,
    /// The catalog's and the directory's search indexes, kept in step with the database by its own task.
    pub search_index: crate::index::sync::SearchIndex,
    /// The site's public address (`https://shushang.example`), for absolute links.
    pub public_url: String,
    /// Where e-mail goes: SMTP, or `.eml` files.
    pub mailer: crate::mail::Mailer,
    /// The stylesheet's URL under its content-hashed name (`/pkg/shushang.<hash>.css`).
    pub stylesheet: std::sync::Arc<str>,
}
