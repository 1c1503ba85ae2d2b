//! Account use-cases: registration, sign-in with throttling, operator creation.

use sqlx::PgPool;
use time::{Duration, OffsetDateTime};

use super::model::{CurrentUser, DisplayName, Email, NewPassword, Role};
use super::{password, repo};
use crate::db::is_unique_violation;
use crate::error::{AppError, FieldErrors, Reason};

/// Failed sign-ins allowed per address typed within [`THROTTLE_WINDOW`].
pub const FAILURES_PER_EMAIL: i64 = 5;
/// Failed sign-ins allowed per client address within [`THROTTLE_WINDOW`]; high, because
/// many people may share one address (an office, a carrier NAT).
pub const FAILURES_PER_CLIENT: i64 = 100;
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);

/// What a registration form submits, unparsed.
#[derive(Debug, Clone)]
pub struct Registration<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
}

struct ValidRegistration {
    email: Email,
    display_name: DisplayName,
    password: NewPassword,
}

fn parse_registration(form: &Registration<'_>) -> Result<ValidRegistration, AppError> {
    let mut errors = FieldErrors::default();
    let email = errors.check("email", Email::parse(form.email));
    let display_name = errors.check("display_name", DisplayName::parse(form.display_name));
    let password = errors.check("password", NewPassword::parse(form.password));
    match (email, display_name, password) {
        (Some(email), Some(display_name), Some(password)) if errors.is_empty() => {
            Ok(ValidRegistration {
                email,
                display_name,
                password,
            })
        }
        _ => Err(errors.into()),
    }
}

/// Creates an account with `role`; refuses an address already registered in any case.
pub async fn register(
    db: &PgPool,
    form: &Registration<'_>,
    role: Role,
) -> Result<CurrentUser, AppError> {
    let valid = parse_registration(form)?;
    let hash = password::hash(&valid.password).await?;
    let row = repo::insert_user(
        db,
        valid.email.as_str(),
        valid.display_name.as_str(),
        &hash,
        role,
    )
    .await
    .map_err(|e| {
        if is_unique_violation(&e, "app_user_email_key") {
            AppError::Invalid(FieldErrors::single("email", Reason::EmailTaken))
        } else {
            e.into()
        }
    })?;
    row.into_current_user().ok_or(AppError::Unexpected)
}

/// Checks a sign-in. A wrong address and a wrong password get the same answer, and
/// repeated failures are throttled per address typed and per client.
pub async fn sign_in(
    db: &PgPool,
    email: &str,
    candidate: &str,
    client_ip: &str,
) -> Result<CurrentUser, AppError> {
    // The throttle key is what was typed, normalised: it exists or not, the answer is the same.
    let typed = email.trim().to_lowercase();
    let mut errors = FieldErrors::default();
    if typed.is_empty() {
        errors.push("email", Reason::Required);
    }
    if candidate.is_empty() {
        errors.push("password", Reason::Required);
    }
    errors.into_result()?;

    throttle(db, repo::FailureKey::Email(&typed), FAILURES_PER_EMAIL).await?;
    throttle(
        db,
        repo::FailureKey::ClientIp(client_ip),
        FAILURES_PER_CLIENT,
    )
    .await?;

    let user = repo::find_by_email(db, &typed)
        .await?
        .filter(|user| !user.disabled);
    let stored_hash = user.as_ref().map(|user| user.password_hash.clone());
    if password::verify(candidate.to_owned(), stored_hash).await? {
        repo::clear_login_failures(db, &typed).await?;
        if let Some(user) = user.and_then(repo::UserRow::into_current_user) {
            return Ok(user);
        }
    }
    repo::record_login_failure(db, &typed, client_ip).await?;
    Err(AppError::Invalid(FieldErrors::single(
        "form",
        Reason::BadCredentials,
    )))
}

async fn throttle(db: &PgPool, key: repo::FailureKey<'_>, limit: i64) -> Result<(), AppError> {
    let Some(nth) = repo::nth_recent_failure(db, key, THROTTLE_WINDOW, limit).await? else {
        return Ok(());
    };
    let wait = (nth + THROTTLE_WINDOW) - OffsetDateTime::now_utc();
    Err(AppError::TooManyAttempts {
        minutes: minutes_rounded_up(wait),
    })
}

fn minutes_rounded_up(wait: Duration) -> u32 {
    let seconds = wait.whole_seconds().max(1);
    u32::try_from((seconds + 59) / 60).unwrap_or(u32::MAX)
}

/// The signed-in user behind a session's user id, unless the account was disabled since.
pub async fn find_active_user(db: &PgPool, id: i64) -> Result<Option<CurrentUser>, AppError> {
    let row = repo::find_by_id(db, id).await?;
    Ok(row
        .filter(|user| !user.disabled)
        .and_then(repo::UserRow::into_current_user))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_rounded_up_to_whole_minutes() {
        assert_eq!(minutes_rounded_up(Duration::seconds(1)), 1);
        assert_eq!(minutes_rounded_up(Duration::seconds(60)), 1);
        assert_eq!(minutes_rounded_up(Duration::seconds(61)), 2);
        assert_eq!(minutes_rounded_up(Duration::minutes(15)), 15);
        assert_eq!(minutes_rounded_up(Duration::seconds(-5)), 1);
    }

    #[test]
    fn a_registration_reports_every_bad_field_at_once() {
        let form = Registration {
            email: "nope",
            display_name: " ",
            password: "short",
        };
        let Err(AppError::Invalid(errors)) = parse_registration(&form) else {
            panic!("expected a validation error");
        };
        assert_eq!(errors.for_field("email"), Some(Reason::EmailFormat));
        assert_eq!(errors.for_field("display_name"), Some(Reason::Required));
        assert_eq!(errors.for_field("password"), Some(Reason::PasswordTooShort));
    }
}
