//! The session store and the session layer's settings.
//!
//! Sessions live in PostgreSQL (`tower_sessions.session`, created by the sqlx store's
//! migration). The stock store saves with an upsert, so a request that loaded a session
//! before its sign-out would write it back afterwards and undo the sign-out. Here saving
//! only ever updates a row that still exists: once a session is deleted, it stays deleted.

use async_trait::async_trait;
use sqlx::PgPool;
use tower_sessions::cookie::SameSite;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

use crate::config::Settings;

/// The cookie's name. Over HTTPS it carries the `__Host-` prefix, which browsers accept
/// only with `Secure`, `Path=/` and no `Domain`, so no subdomain can set or shadow it.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-shushang_session"
    } else {
        "shushang_session"
    }
}

/// The session layer: saved only when a request changes the session (the sign-in guard
/// touches it now and then, which slides the inactivity expiry).
pub fn layer(settings: &Settings, db: PgPool) -> SessionManagerLayer<UpdateOnlyStore> {
    let secure = settings.secure_cookies();
    SessionManagerLayer::new(UpdateOnlyStore::new(db))
        .with_name(cookie_name(secure))
        .with_secure(secure)
        .with_http_only(true)
        .with_path("/")
        .with_same_site(SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(
            settings.session_idle_minutes,
        )))
}

/// [`PostgresStore`] whose `save` never brings a deleted session back.
#[derive(Debug, Clone)]
pub struct UpdateOnlyStore {
    inner: PostgresStore,
    db: PgPool,
}

impl UpdateOnlyStore {
    pub fn new(db: PgPool) -> Self {
        Self {
            inner: PostgresStore::new(db.clone()),
            db,
        }
    }

    pub fn postgres(&self) -> &PostgresStore {
        &self.inner
    }
}

#[async_trait]
impl SessionStore for UpdateOnlyStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        self.inner.create(record).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data =
            rmp_serde::to_vec(record).map_err(|e| session_store::Error::Encode(e.to_string()))?;
        sqlx::query("update tower_sessions.session set data = $2, expiry_date = $3 where id = $1")
            .bind(record.id.to_string())
            .bind(data)
            .bind(record.expiry_date)
            .execute(&self.db)
            .await
            .map_err(|e| session_store::Error::Backend(e.to_string()))?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        self.inner.load(id).await
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.inner.delete(id).await
    }
}
