//! Operator commands of the `shushang` binary.

use std::io::{BufRead, IsTerminal};

use app::accounts::model::Role;
use app::accounts::service::{self, Registration};
use app::error::AppError;
use sqlx::PgPool;

use crate::startup::BoxError;

pub const ADMIN_PASSWORD_VAR: &str = "SHUSHANG_ADMIN_PASSWORD";

/// The new operator's password: from the environment, else typed at the terminal
/// without echo, else the first line of stdin (a pipe).
pub fn admin_password_from_env_or_stdin() -> Result<String, BoxError> {
    if let Ok(password) = std::env::var(ADMIN_PASSWORD_VAR) {
        return Ok(password);
    }
    if std::io::stdin().is_terminal() {
        return Ok(rpassword::prompt_password(
            "Password for the new operator (not shown): ",
        )?);
    }
    eprintln!("Password for the new operator (one line on stdin):");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// Creates an operator account, explaining any refusal in words.
pub async fn create_admin(
    db: &PgPool,
    email: &str,
    name: &str,
    password: &str,
) -> Result<(), BoxError> {
    let form = Registration {
        email,
        display_name: name,
        password,
        locale: app::i18n::Locale::en,
    };
    match service::register(db, &form, Role::Admin).await {
        Ok(user) => {
            tracing::info!(user_id = user.id, "operator account created");
            eprintln!("Created operator {} <{}>", user.display_name, user.email);
            Ok(())
        }
        Err(AppError::Invalid(errors)) => {
            let reasons: Vec<String> = errors
                .errors
                .iter()
                .map(|e| format!("{}: {:?}", e.field, e.reason))
                .collect();
            Err(format!("the operator account was refused ({})", reasons.join(", ")).into())
        }
        Err(other) => Err(format!("the operator account could not be created: {other}").into()),
    }
}
