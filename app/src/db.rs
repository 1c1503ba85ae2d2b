//! Database helpers shared by every context (server only).

use sqlx::postgres::PgRow;
use sqlx::{PgPool, Postgres, QueryBuilder};

use crate::error::AppError;

/// Runs `statement` with PostgreSQL's plain index scans and sequential scans turned off
/// for it, so text matches are found through the GIN index as one bitmap. Its cost model
/// does not count reading search documents back from TOAST, so on its own it sometimes
/// walks an index in sort order testing every row's document, which at a million rows
/// takes seconds when the word is rarer than its statistics predict.
pub async fn fetch_all_through_bitmaps(
    db: &PgPool,
    statement: &mut QueryBuilder<'_, Postgres>,
) -> Result<Vec<PgRow>, sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "select set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true)",
    )
    .execute(&mut *tx)
    .await?;
    let rows = statement.build().fetch_all(&mut *tx).await?;
    tx.commit().await?;
    Ok(rows)
}

/// A page from `limit + 1` fetched rows and their sort keys: the first `limit` rows, and
/// the key of the last of them when a further row shows there is a next page.
pub fn split_page<T, K: Copy>(mut rows: Vec<T>, keys: &[K], limit: i64) -> (Vec<T>, Option<K>) {
    let limit = usize::try_from(limit).unwrap_or(0);
    let next = (limit > 0 && rows.len() > limit).then(|| keys[limit - 1]);
    rows.truncate(limit);
    (rows, next)
}

/// Whether `error` is a unique violation of the named constraint or index; matching on
/// the name, not the message, survives Postgres upgrades and translations.
pub fn is_unique_violation(error: &sqlx::Error, constraint: &str) -> bool {
    error
        .as_database_error()
        .is_some_and(|db| db.is_unique_violation() && db.constraint() == Some(constraint))
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        // Logged inside the request's span, so the line carries its request id.
        tracing::error!(error = %error, "database error");
        match error {
            // The database is down or overloaded: a 503 tells people and proxies to retry.
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                AppError::Unavailable
            }
            // The statement ran past `statement_timeout` (query_canceled): busy, not broken.
            sqlx::Error::Database(ref db) if db.code().as_deref() == Some("57014") => {
                AppError::Unavailable
            }
            _ => AppError::Unexpected,
        }
    }
}
