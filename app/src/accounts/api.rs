//! Server functions for accounts: who is asking, parse, call the service, answer.

use leptos::prelude::*;

use super::model::CurrentUser;
use crate::error::AppError;

#[cfg(feature = "ssr")]
pub use guard::{
    SIGNED_IN, SecondFactorStep, optional_user, require_role, require_user, require_user_in,
    second_factor_step, take_recovery_codes, user_in,
};

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
    use super::service;
    let db = crate::request::state()?.db;
    let form = service::Registration {
        email: &email,
        display_name: &display_name,
        password: &password,
        locale: crate::request::locale(),
    };
    let user = service::register_visitor(&db, &form, &crate::request::client_key())
        .await
        .map_err(|e| e.with_typed(&[("email", &email), ("display_name", &display_name)]))?;
    guard::start_session(&user).await?;
    // The account exists either way; a failed mail can be sent again from the account page.
    let state = crate::request::state()?;
    if let Err(e) = super::email::send_verification(&state, user.user.id).await {
        tracing::warn!(error = ?e, "the verification mail was not sent at registration");
    }
    leptos_axum::redirect("/account");
    Ok(())
}

/// Mails the signed-in user a new verification link.
#[server(endpoint = "resend_verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    let user = guard::require_user().await?;
    super::email::send_verification(&crate::request::state()?, user.id).await?;
    leptos_axum::redirect("/account?sent=verification");
    Ok(())
}

/// Uses a verification link: only this post spends its token, never the page the link
/// opens (mail scanners open links), so the person confirms with a button.
#[server(endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    let db = crate::request::state()?.db;
    let verified = super::email::verify_email(&db, &token).await?;
    leptos_axum::redirect(if verified {
        "/verify-email?verified=1"
    } else {
        "/verify-email"
    });
    Ok(())
}

/// Mails a password reset link to the account of `email`, if there is one; the answer
/// does not say.
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let state = crate::request::state()?;
    super::email::request_password_reset(&state, &email, &crate::request::client_key())
        .await
        .map_err(|e| e.with_typed(&[("email", &email)]))?;
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}

/// Sets a new password through a reset link and signs in with it; every other session
/// of the account ends.
#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    let db = crate::request::state()?.db;
    let user = super::email::reset_password(&db, &token, &password).await?;
    let next = guard::start_session_or_second_factor(&user).await?;
    leptos_axum::redirect(if next == "/account" {
        "/account?changed=password"
    } else {
        next
    });
    Ok(())
}

/// Changes the signed-in user's password; this session stays, every other one ends.
#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    let user = guard::require_user().await?;
    let db = crate::request::state()?.db;
    let client = crate::request::client_key();
    let user = super::email::change_password(&db, &user, &current_password, &new_password, &client)
        .await?;
    guard::start_session(&user).await?;
    leptos_axum::redirect("/account?changed=password");
    Ok(())
}

/// Signs in with e-mail and password. Failures are throttled per address typed.
#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    use super::service;
    let db = crate::request::state()?.db;
    let user = service::sign_in(&db, &email, &password, &crate::request::client_key())
        .await
        .map_err(|e| e.with_typed(&[("email", &email)]))?;
    let next = guard::start_session_or_second_factor(&user).await?;
    crate::security::sign_in_succeeded(user.user.id, next != "/account");
    leptos_axum::redirect(next);
    Ok(())
}

/// The second step of an operator's sign-in: a code from their authenticator app (or a
/// recovery code), or, the first time, the code that confirms a new enrollment.
#[server(endpoint = "confirm_second_factor")]
pub async fn confirm_second_factor(code: String) -> Result<(), AppError> {
    let pending = guard::pending_second_factor()
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let state = crate::request::state()?;
    let recovery_codes = super::second_factor::confirm(
        &state,
        pending.user_id,
        pending.enrolling.as_deref(),
        &code,
        &crate::request::client_key(),
    )
    .await?;
    guard::finish_second_factor(&pending).await?;
    crate::security::second_factor_succeeded(pending.user_id);
    match recovery_codes {
        Some(codes) => {
            guard::show_recovery_codes_once(codes).await?;
            leptos_axum::redirect("/account/recovery-codes");
        }
        None => leptos_axum::redirect("/account"),
    }
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
    //!
    //! A signed-in session holds [`SignedIn`]. It is believed only while the account is
    //! active, its session version is unchanged (a password change ends every session),
    //! and the session is younger than its role's absolute lifetime. The session store
    //! never brings a deleted session back, so a sign-out holds even against requests
    //! that were in flight.

    use serde::{Deserialize, Serialize};
    use time::{Duration, OffsetDateTime};
    use tower_sessions::Session;

    use crate::accounts::model::{CurrentUser, Role};
    use crate::accounts::service::{self, Authenticated};
    use crate::error::AppError;

    /// The session key of a signed-in session.
    pub const SIGNED_IN: &str = "signed_in";
    /// However active a session, it ends this long after sign-in.
    pub const MAX_SESSION_AGE: Duration = Duration::days(30);
    /// Operators hold the keys to the market: their sessions end sooner.
    pub const MAX_OPERATOR_SESSION_AGE: Duration = Duration::hours(12);
    /// A request older than this since the session was last saved saves it again, which
    /// slides its inactivity expiry; more often would write on every page view.
    const TOUCH_AFTER: Duration = Duration::minutes(1);

    #[derive(Debug, Clone, Serialize, Deserialize)]
    struct SignedIn {
        user_id: i64,
        session_version: i32,
        /// Unix seconds of the sign-in.
        since: i64,
        /// Unix seconds of the last save.
        touched: i64,
    }

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

    fn max_age(role: Role) -> Duration {
        match role {
            Role::Admin => MAX_OPERATOR_SESSION_AGE,
            Role::Buyer | Role::Merchant => MAX_SESSION_AGE,
        }
    }

    /// Answers computed from a signed-in user carry personal data: no cache keeps them.
    fn forbid_storing_the_response() {
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.insert_header(
                http::header::CACHE_CONTROL,
                http::HeaderValue::from_static("no-store"),
            );
        }
    }

    pub async fn optional_user() -> Result<Option<CurrentUser>, AppError> {
        let look_up = || async {
            let session = session().await?;
            let db = crate::request::state()?.db;
            user_in(&session, &db).await
        };
        let user = match crate::request::user_once() {
            Some(once) => once.0.get_or_try_init(look_up).await?.clone(),
            None => look_up().await?,
        };
        if user.is_some() {
            forbid_storing_the_response();
        }
        Ok(user)
    }

    /// The user signed in on `session`, if any (for handlers outside server functions).
    pub async fn user_in(
        session: &Session,
        db: &sqlx::PgPool,
    ) -> Result<Option<CurrentUser>, AppError> {
        let Some(mut signed_in) = session
            .get::<SignedIn>(SIGNED_IN)
            .await
            .map_err(session_failed)?
        else {
            return Ok(None);
        };
        let user =
            service::find_session_user(db, signed_in.user_id, signed_in.session_version).await?;
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let Some(user) =
            user.filter(|user| now - signed_in.since < max_age(user.role).whole_seconds())
        else {
            session.flush().await.map_err(session_failed)?;
            return Ok(None);
        };
        if now - signed_in.touched >= TOUCH_AFTER.whole_seconds() {
            signed_in.touched = now;
            session
                .insert(SIGNED_IN, signed_in)
                .await
                .map_err(session_failed)?;
        }
        Ok(Some(user))
    }

    /// The user signed in on `session`, or `Unauthenticated` (for handlers outside
    /// server functions).
    pub async fn require_user_in(
        session: &Session,
        db: &sqlx::PgPool,
    ) -> Result<CurrentUser, AppError> {
        user_in(session, db).await?.ok_or(AppError::Unauthenticated)
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

    /// Signs `user` in under a new session id, so an id planted before sign-in is useless.
    pub async fn start_session(user: &Authenticated) -> Result<(), AppError> {
        let session = session().await?;
        session.cycle_id().await.map_err(session_failed)?;
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let signed_in = SignedIn {
            user_id: user.user.id,
            session_version: user.session_version,
            since: now,
            touched: now,
        };
        forbid_storing_the_response();
        for stale in [SECOND_FACTOR, crate::request::FORM_VERDICT] {
            session.remove_value(stale).await.map_err(session_failed)?;
        }
        session
            .insert(SIGNED_IN, signed_in)
            .await
            .map_err(session_failed)
    }

    /// Deletes the session from the store and clears the cookie.
    pub async fn end_session() -> Result<(), AppError> {
        session().await?.flush().await.map_err(session_failed)
    }

    const SECOND_FACTOR: &str = "second_factor";
    const RECOVERY_CODES: &str = "recovery_codes";
    /// How long a password-verified operator has to give the second factor.
    const SECOND_FACTOR_WINDOW: Duration = Duration::minutes(10);

    /// An operator whose password was right and who owes the second factor; not signed
    /// in to anything yet.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct PendingSecondFactor {
        pub user_id: i64,
        session_version: i32,
        since: i64,
        /// The secret shown for enrollment, kept until a code confirms it.
        pub enrolling: Option<Vec<u8>>,
    }

    /// Signs a user in whose password was right, or, for an operator, starts the second
    /// step. Says where to go next.
    pub async fn start_session_or_second_factor(
        user: &Authenticated,
    ) -> Result<&'static str, AppError> {
        if user.user.role != Role::Admin {
            start_session(user).await?;
            return Ok("/account");
        }
        let session = session().await?;
        session.cycle_id().await.map_err(session_failed)?;
        for stale in [SIGNED_IN, crate::request::FORM_VERDICT] {
            session.remove_value(stale).await.map_err(session_failed)?;
        }
        let pending = PendingSecondFactor {
            user_id: user.user.id,
            session_version: user.session_version,
            since: OffsetDateTime::now_utc().unix_timestamp(),
            enrolling: None,
        };
        session
            .insert(SECOND_FACTOR, pending)
            .await
            .map_err(session_failed)?;
        Ok("/login/code")
    }

    /// The pending second step of this session, while it is fresh and the account unchanged.
    pub async fn pending_second_factor() -> Result<Option<PendingSecondFactor>, AppError> {
        let session = session().await?;
        let Some(pending) = session
            .get::<PendingSecondFactor>(SECOND_FACTOR)
            .await
            .map_err(session_failed)?
        else {
            return Ok(None);
        };
        let db = crate::request::state()?.db;
        let fresh = OffsetDateTime::now_utc().unix_timestamp() - pending.since
            < SECOND_FACTOR_WINDOW.whole_seconds();
        let active = service::find_session_user(&db, pending.user_id, pending.session_version)
            .await?
            .is_some();
        if fresh && active {
            Ok(Some(pending))
        } else {
            session
                .remove_value(SECOND_FACTOR)
                .await
                .map_err(session_failed)?;
            Ok(None)
        }
    }

    /// The second factor was given: the operator is signed in.
    pub async fn finish_second_factor(pending: &PendingSecondFactor) -> Result<(), AppError> {
        let db = crate::request::state()?.db;
        let user = service::find_session_user(&db, pending.user_id, pending.session_version)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let session = session().await?;
        session
            .remove_value(SECOND_FACTOR)
            .await
            .map_err(session_failed)?;
        start_session(&Authenticated {
            user,
            session_version: pending.session_version,
        })
        .await
    }

    /// What `/login/code` shows: a code to type, or a new secret to enroll.
    #[derive(Debug, Clone)]
    pub enum SecondFactorStep {
        Code,
        Enroll(crate::accounts::second_factor::Enrollment),
    }

    /// The pending operator's step; `None` when nobody is between the two steps.
    pub async fn second_factor_step() -> Result<Option<SecondFactorStep>, AppError> {
        use crate::accounts::{repo, second_factor};
        let Some(mut pending) = pending_second_factor().await? else {
            return Ok(None);
        };
        // The page may show a new TOTP secret: no cache may keep it.
        forbid_storing_the_response();
        let db = crate::request::state()?.db;
        let user = repo::find_by_id(&db, pending.user_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        if user.totp_secret.is_some() {
            return Ok(Some(SecondFactorStep::Code));
        }
        let secret = match pending.enrolling.clone() {
            Some(secret) => secret,
            None => {
                let secret = second_factor::new_secret();
                pending.enrolling = Some(secret.clone());
                session()
                    .await?
                    .insert(SECOND_FACTOR, pending)
                    .await
                    .map_err(session_failed)?;
                secret
            }
        };
        let enrollment = second_factor::enrollment(&secret, &user.email)?;
        Ok(Some(SecondFactorStep::Enroll(enrollment)))
    }

    /// Keeps new recovery codes for the one page view that shows them.
    pub async fn show_recovery_codes_once(codes: Vec<String>) -> Result<(), AppError> {
        session()
            .await?
            .insert(RECOVERY_CODES, codes)
            .await
            .map_err(session_failed)
    }

    /// The recovery codes to show, taken out of the session: they are shown once.
    pub async fn take_recovery_codes() -> Result<Option<Vec<String>>, AppError> {
        forbid_storing_the_response();
        session()
            .await?
            .remove::<Vec<String>>(RECOVERY_CODES)
            .await
            .map_err(session_failed)
    }
}
