//! SQL for accounts. Nothing else in the code base talks to these tables.

use sqlx::{FromRow, PgExecutor};
use time::OffsetDateTime;

use super::model::{CurrentUser, Role};

#[derive(Debug, FromRow)]
pub struct UserRow {
    pub app_user_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub password_hash: String,
    pub disabled: bool,
}

impl UserRow {
    pub fn into_current_user(self) -> Option<CurrentUser> {
        Some(CurrentUser {
            id: self.app_user_id,
            email: self.email,
            display_name: self.display_name,
            role: Role::from_slug(&self.role)?,
        })
    }
}

pub async fn insert_user(
    db: impl PgExecutor<'_>,
    email: &str,
    display_name: &str,
    password_hash: &str,
    role: Role,
) -> Result<UserRow, sqlx::Error> {
    sqlx::query_as(
        "insert into app_user (email, display_name, password_hash, role)
         values ($1, $2, $3, $4)
         returning app_user_id, email, display_name, role, password_hash, disabled",
    )
    .bind(email)
    .bind(display_name)
    .bind(password_hash)
    .bind(role.slug())
    .fetch_one(db)
    .await
}

pub async fn find_by_email(
    db: impl PgExecutor<'_>,
    email: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(
        "select app_user_id, email, display_name, role, password_hash, disabled
         from app_user where lower(email) = lower($1)",
    )
    .bind(email)
    .fetch_optional(db)
    .await
}

pub async fn find_by_id(db: impl PgExecutor<'_>, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(
        "select app_user_id, email, display_name, role, password_hash, disabled
         from app_user where app_user_id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn record_login_failure(
    db: impl PgExecutor<'_>,
    email: &str,
    client_ip: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("insert into login_failure (email, client_ip) values ($1, $2)")
        .bind(email)
        .bind(client_ip)
        .execute(db)
        .await?;
    Ok(())
}

/// When the `limit`-th most recent failure within `window` happened, if there were
/// that many: the moment it leaves the window is the moment the throttle lifts.
pub async fn nth_recent_failure(
    db: impl PgExecutor<'_>,
    by: FailureKey<'_>,
    window: time::Duration,
    limit: i64,
) -> Result<Option<OffsetDateTime>, sqlx::Error> {
    let (sql, value) = match by {
        FailureKey::Email(email) => (
            "select failed_at from login_failure
             where email = $1 and failed_at > now() - $2
             order by failed_at desc offset $3 limit 1",
            email,
        ),
        FailureKey::ClientIp(ip) => (
            "select failed_at from login_failure
             where client_ip = $1 and failed_at > now() - $2
             order by failed_at desc offset $3 limit 1",
            ip,
        ),
    };
    sqlx::query_scalar(sql)
        .bind(value)
        .bind(window)
        .bind(limit - 1)
        .fetch_optional(db)
        .await
}

#[derive(Debug, Clone, Copy)]
pub enum FailureKey<'a> {
    Email(&'a str),
    ClientIp(&'a str),
}

pub async fn clear_login_failures(db: impl PgExecutor<'_>, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "delete from login_failure where email = $1 or failed_at < now() - interval '1 day'",
    )
    .bind(email)
    .execute(db)
    .await?;
    Ok(())
}
