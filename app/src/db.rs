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

/// A table whose rows have a unique URL slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slugged {
    Merchant,
    Listing,
}

/// `base` if no row of `table` has it as its slug, else the first free of `base-2`,
/// `base-3` … `base-19`, else `base-` and six random hex digits. A race with another
/// writer is settled by the unique index: the caller retries on its violation.
pub async fn free_slug(db: &PgPool, table: Slugged, base: &str) -> Result<String, sqlx::Error> {
    let sql = match table {
        Slugged::Merchant => "select exists (select 1 from merchant where slug = $1)",
        Slugged::Listing => "select exists (select 1 from listing where slug = $1)",
    };
    for n in 1..20 {
        let candidate = if n == 1 {
            base.to_owned()
        } else {
            format!("{base}-{n}")
        };
        let taken: bool = sqlx::query_scalar(sql)
            .bind(&candidate)
            .fetch_one(db)
            .await?;
        if !taken {
            return Ok(candidate);
        }
    }
    Ok(format!("{base}-{}", crate::accounts::email::random_hex(3)))
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
        if let Some(db) = error.as_database_error()
            && let Some(refusal) = refused_input(db.code().as_deref())
        {
            // A rule of the schema that the form's parser let through: the parser is
            // wrong, not the server. The person gets the form's "check and try again".
            tracing::warn!(error = %error, constraint = ?db.constraint(), "the database refused input the parser accepted");
            return refusal;
        }
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

/// What a statement refused for its input answers, by SQLSTATE: a CHECK (23514) or a
/// value out of a column's range (class 22: too long, out of range, bad format) is input
/// that should have been refused beside its field (400); a duplicate or a row that went
/// away under it (23505, 23503) is a state the request raced with (409). Never a 500:
/// callers that expect a particular violation catch it by name before this.
fn refused_input(code: Option<&str>) -> Option<AppError> {
    match code? {
        "23514" => Some(AppError::BadRequest),
        "23505" | "23503" => Some(AppError::Conflict),
        code if code.starts_with("22") => Some(AppError::BadRequest),
        _ => None,
    }
}
