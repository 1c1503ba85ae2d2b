//! Database helpers shared by every context (server only).

use crate::error::AppError;

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
        AppError::Unexpected
    }
}
