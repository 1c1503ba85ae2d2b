//! Security events (ASVS 16.3), one log line each on the `security` tracing target, so
//! they can be kept and searched apart from the rest: what happened (`event`), to whom
//! (`user_id`, when known), from where (`client`, the address as the trusted proxies
//! vouch for it) and in which request (`request_id`, also sent back as `x-request-id`).
//! Never a password, code or token; an address typed into the sign-in form is written
//! escaped (`?`), as it is text from anyone. README's "Security notes" lists the events.
//!
//! Each event carries the request id itself rather than relying on the request's span:
//! page loads run in tasks of their own, outside it.

use crate::error::AppError;

/// Where a request came from and which one it is.
#[derive(Debug, Clone)]
pub struct Origin {
    pub client: String,
    pub request_id: String,
}

impl Origin {
    /// Of a request, by its extensions (the server's client middleware put the address
    /// there) and headers (`x-request-id`: the client's if usable, else the server's).
    pub fn of(extensions: &http::Extensions, headers: &http::HeaderMap) -> Self {
        let client = extensions
            .get::<crate::request::ClientAddress>()
            .map_or("-", |a| a.0.as_str());
        let request_id = headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-");
        Self {
            client: client.to_owned(),
            request_id: request_id.to_owned(),
        }
    }

    /// Of the request being served (`-` outside one: commands, tests calling a service).
    pub fn current() -> Self {
        crate::request::with_parts(|p| Self::of(&p.extensions, &p.headers)).unwrap_or_else(|| {
            Self {
                client: "-".to_owned(),
                request_id: "-".to_owned(),
            }
        })
    }
}

/// One security event: its name, the user id (an `Option<i64>`), then any more fields.
macro_rules! security_event {
    ($level:ident, $name:literal, $user:expr $(, $($field:tt)+)?) => {{
        let origin = Origin::current();
        tracing::$level!(
            target: "security",
            event = $name,
            user_id = $user,
            client = %origin.client,
            request_id = %origin.request_id,
            $($($field)+)?
        );
    }};
}

/// Why a sign-in failed, as the log says it (the person is told the same for all).
#[derive(Debug, Clone, Copy)]
pub enum SignInFailure {
    UnknownAddress,
    WrongPassword,
    AccountDisabled,
}

impl SignInFailure {
    fn as_str(self) -> &'static str {
        match self {
            Self::UnknownAddress => "unknown_address",
            Self::WrongPassword => "wrong_password",
            Self::AccountDisabled => "account_disabled",
        }
    }
}

/// A password was right: the user is signed in, or (an operator) owes the second factor.
pub fn sign_in_succeeded(user_id: i64, second_factor_pending: bool) {
    security_event!(
        info,
        "sign_in.succeeded",
        Some(user_id),
        second_factor_pending
    );
}

/// A checked password was wrong (or the address unknown); `typed` is the address tried.
pub fn sign_in_failed(user_id: Option<i64>, typed: &str, why: SignInFailure) {
    security_event!(
        warn,
        "sign_in.failed",
        user_id,
        email = ?typed,
        reason = why.as_str()
    );
}

/// A sign-in was refused unchecked: `limit` (`address_and_client`, `client`) was reached.
pub fn sign_in_throttled(typed: &str, limit: &'static str) {
    security_event!(
        warn,
        "sign_in.throttled",
        None::<i64>,
        email = ?typed,
        limit
    );
}

/// Another rate limit was reached (`scope`: registrations, mails, second-factor tries).
pub fn throttled(scope: &str, subject: &str) {
    security_event!(
        warn,
        "throttled",
        None::<i64>,
        scope,
        subject = ?subject
    );
}

/// A wrong second-factor code; `failures` in a row now (0 while enrolling: not counted).
pub fn second_factor_failed(user_id: i64, failures: i32) {
    security_event!(warn, "second_factor.failed", Some(user_id), failures);
}

/// The operator's authenticator was locked after too many wrong codes in a row.
pub fn second_factor_locked(user_id: i64) {
    security_event!(error, "second_factor.locked", Some(user_id));
}

/// The lock was lifted: by the operator with a recovery code, or by another operator
/// (`by_operator`) from the console.
pub fn second_factor_unlocked(user_id: i64, by_operator: Option<i64>) {
    let how = if by_operator.is_some() {
        "operator"
    } else {
        "recovery_code"
    };
    security_event!(
        warn,
        "second_factor.unlocked",
        Some(user_id),
        by_operator,
        how
    );
}

/// The second factor was given: an operator is signed in.
pub fn second_factor_succeeded(user_id: i64) {
    security_event!(info, "second_factor.succeeded", Some(user_id));
}

/// One of the operator's recovery codes was used.
pub fn recovery_code_used(user_id: i64) {
    security_event!(warn, "recovery_code.used", Some(user_id));
}

/// The password was changed by its signed-in owner.
pub fn password_changed(user_id: i64) {
    security_event!(info, "password.changed", Some(user_id));
}

/// The password was set through a mailed reset link.
pub fn password_reset(user_id: i64) {
    security_event!(warn, "password.reset", Some(user_id));
}

/// A console action came without this session's form token (markup planted in a page,
/// or a form from another session).
pub fn form_token_refused(user_id: i64) {
    security_event!(warn, "form_token.refused", Some(user_id));
}

/// A mailed verification link was used.
pub fn email_verified(user_id: i64) {
    security_event!(info, "email.verified", Some(user_id));
}

/// Whether `error` refuses authorisation: nobody signed in, or not allowed.
pub fn is_refusal(error: &AppError) -> bool {
    matches!(error, AppError::Unauthenticated | AppError::Forbidden)
}

/// Logs `error` if it refuses authorisation (see [`is_refusal`]); `user_id` is the
/// signed-in user, if the request looked one up; `path` is what was asked for (no query:
/// it may hold a token). The one place every refusal is logged: the server calls it for
/// every answer of a server function or handler, pages for every page load.
pub fn refused(error: &AppError, user_id: Option<i64>, origin: &Origin, path: &str) {
    if !is_refusal(error) {
        return;
    }
    let code = match error {
        AppError::Forbidden => "forbidden",
        _ => "unauthenticated",
    };
    tracing::warn!(
        target: "security",
        event = "authorization.refused",
        user_id,
        client = %origin.client,
        request_id = %origin.request_id,
        path = ?path,
        code
    );
}
