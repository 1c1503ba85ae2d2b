//! Server functions for accounts: who is asking, parse, call the service, answer.

use leptos::prelude::*;

use super::model::CurrentUser;
use crate::error::AppError;

#[cfg(feature = "ssr")]
pub use guard::{optional_user, require_role, require_user};

/// The signed-in user, or `None` for a visitor.
#[server(endpoint = "current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    guard::optional_user().await
}

/// Opens an account (role buyer) and signs it in.
#[server(endpoint = "register")]
pub async fn register(
    email: String,
    display_name: String,
    password: String,
) -> Result<(), AppError> {
    use super::{model::Role, service};
    let db = crate::request::state()?.db;
    let form = service::Registration {
        email: &email,
        display_name: &display_name,
        password: &password,
    };
    let user = service::register(&db, &form, Role::Buyer)
        .await
        .map_err(|e| e.with_typed(&[("email", &email), ("display_name", &display_name)]))?;
    guard::start_session(user.id).await?;
    leptos_axum::redirect("/account");
    Ok(())
}

/// Signs in with e-mail and password. Failures are throttled per address typed.
#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    use super::service;
    let db = crate::request::state()?.db;
    let user = service::sign_in(&db, &email, &password, &crate::request::client_ip().await)
        .await
        .map_err(|e| e.with_typed(&[("email", &email)]))?;
    guard::start_session(user.id).await?;
    leptos_axum::redirect("/account");
    Ok(())
}

/// Ends the session on the server, whatever the browser keeps.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    guard::end_session().await?;
    leptos_axum::redirect("/");
    Ok(())
}

#[cfg(feature = "ssr")]
mod guard {
    //! The one place that knows how a session maps to a user and how roles are checked.

    use tower_sessions::Session;

    use crate::accounts::model::{CurrentUser, Role};
    use crate::accounts::service;
    use crate::error::AppError;

    const USER_ID: &str = "user_id";

    async fn session() -> Result<Session, AppError> {
        leptos_axum::extract::<Session>().await.map_err(|e| {
            tracing::error!(error = ?e, "no session layer on this request");
            AppError::Unexpected
        })
    }

    fn session_failed(e: tower_sessions::session::Error) -> AppError {
        tracing::error!(error = %e, "session store failed");
        AppError::Unexpected
    }

    pub async fn optional_user() -> Result<Option<CurrentUser>, AppError> {
        let session = session().await?;
        let Some(id) = session.get::<i64>(USER_ID).await.map_err(session_failed)? else {
            return Ok(None);
        };
        let db = crate::request::state()?.db;
        service::find_active_user(&db, id).await
    }

    /// The signed-in user, or `Unauthenticated`.
    pub async fn require_user() -> Result<CurrentUser, AppError> {
        optional_user().await?.ok_or(AppError::Unauthenticated)
    }

    /// The signed-in user if their role is one of `allowed`; `Forbidden` otherwise.
    pub async fn require_role(allowed: &[Role]) -> Result<CurrentUser, AppError> {
        let user = require_user().await?;
        user.require_role(allowed)?;
        Ok(user)
    }

    /// Signs `user_id` in under a new session id, so an id planted before sign-in is useless.
    pub async fn start_session(user_id: i64) -> Result<(), AppError> {
        let session = session().await?;
        session.cycle_id().await.map_err(session_failed)?;
        session
            .insert(USER_ID, user_id)
            .await
            .map_err(session_failed)
    }

    /// Deletes the session from the store and clears the cookie.
    pub async fn end_session() -> Result<(), AppError> {
        session().await?.flush().await.map_err(session_failed)
    }
}
