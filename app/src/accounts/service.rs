//! Account use-cases: registration, sign-in with throttling, operator creation.

use sqlx::PgPool;
use time::{Duration, OffsetDateTime};

use super::model::{CurrentUser, DisplayName, Email, NewPassword, Role};
use super::{password, repo};
use crate::db::is_unique_violation;
use crate::error::{AppError, FieldErrors, Reason};
use crate::i18n::Locale;
use crate::security;
use leptos_i18n::Locale as _;

/// Checked wrong guesses one client may make on one address within [`THROTTLE_WINDOW`];
/// the next attempt from that client on that address waits. Nobody else is affected.
pub const FAILURES_PER_PAIR: usize = 5;
/// Checked wrong guesses one client may make across all addresses within the window;
/// high, because many people may share one address (an office, a carrier NAT).
pub const FAILURES_PER_CLIENT: usize = 100;
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);
/// Failures on one address (from any client) before each further attempt on it is
/// answered more slowly: half a second, doubling per failure up to [`MAX_ADDRESS_DELAY`].
/// A slowed attempt is still checked, so the owner always gets in.
pub const FAILURES_BEFORE_DELAY: usize = 5;
pub const MAX_ADDRESS_DELAY: std::time::Duration = std::time::Duration::from_secs(10);
/// Accounts one client may open per hour.
pub const REGISTRATIONS_PER_CLIENT: usize = 20;
pub const REGISTRATION_WINDOW: Duration = Duration::hours(1);

/// A user who just proved who they are, and the session version to sign them in with.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub user: CurrentUser,
    pub session_version: i32,
}

impl Authenticated {
    fn from_row(row: repo::UserRow) -> Option<Self> {
        let session_version = row.session_version;
        Some(Self {
            user: row.into_current_user()?,
            session_version,
        })
    }
}

/// What a registration form submits, unparsed.
#[derive(Debug, Clone)]
pub struct Registration<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    /// The language the account's e-mails will be written in.
    pub locale: Locale,
}

struct ValidRegistration {
    email: Email,
    display_name: DisplayName,
    password: NewPassword,
    locale: Locale,
}

async fn parse_registration(form: &Registration<'_>) -> Result<ValidRegistration, AppError> {
    let mut errors = FieldErrors::default();
    let email = errors.check("email", Email::parse(form.email));
    let display_name = errors.check("display_name", DisplayName::parse(form.display_name));
    let password = errors.check(
        "password",
        password::new_password(form.password, &[form.email, form.display_name]).await?,
    );
    match (email, display_name, password) {
        (Some(email), Some(display_name), Some(password)) if errors.is_empty() => {
            Ok(ValidRegistration {
                email,
                display_name,
                password,
                locale: form.locale,
            })
        }
        _ => Err(errors.into()),
    }
}

/// Opens an account (role buyer) for a visitor, at most [`REGISTRATIONS_PER_CLIENT`]
/// per client and hour.
pub async fn register_visitor(
    db: &PgPool,
    form: &Registration<'_>,
    client: &str,
) -> Result<Authenticated, AppError> {
    let valid = parse_registration(form).await?;
    rate_limit(
        db,
        "register",
        client,
        REGISTRATION_WINDOW,
        REGISTRATIONS_PER_CLIENT,
    )
    .await?;
    create_account(db, valid, Role::Buyer).await
}

/// Creates an account with `role` (operators and tools; not rate-limited).
pub async fn register(
    db: &PgPool,
    form: &Registration<'_>,
    role: Role,
) -> Result<CurrentUser, AppError> {
    let account = create_account(db, parse_registration(form).await?, role).await?;
    Ok(account.user)
}

/// Refuses an address already registered in any case.
async fn create_account(
    db: &PgPool,
    valid: ValidRegistration,
    role: Role,
) -> Result<Authenticated, AppError> {
    let hash = password::hash(&valid.password).await?;
    let new_user = repo::NewUser {
        email: valid.email.as_str(),
        display_name: valid.display_name.as_str(),
        password_hash: &hash,
        role,
        locale: valid.locale.as_str(),
    };
    let row = repo::insert_user(db, &new_user).await.map_err(|e| {
        if is_unique_violation(&e, "app_user_email_key") {
            AppError::Invalid(FieldErrors::single("email", Reason::EmailTaken))
        } else {
            e.into()
        }
    })?;
    Authenticated::from_row(row).ok_or(AppError::Unexpected)
}

/// Checks a sign-in. A wrong address and a wrong password get the same answer.
///
/// Throttling slows guessing without ever locking the owner out: one client gets
/// [`FAILURES_PER_PAIR`] checked guesses per address and [`FAILURES_PER_CLIENT`] in all
/// per window, and every attempt on an address that many clients failed on waits a little
/// longer before it is checked (see [`address_delay`]). Each attempt is recorded as a
/// failure before anything is checked, so parallel attempts cannot all slip under a limit.
pub async fn sign_in(
    db: &PgPool,
    email: &str,
    candidate: &str,
    client: &str,
) -> Result<Authenticated, AppError> {
    // The throttle key is what was typed, normalised: it exists or not, the answer is the same.
    let typed = email.trim().to_lowercase();
    let mut errors = FieldErrors::default();
    if typed.is_empty() {
        errors.push("email", Reason::Required);
    } else if typed.chars().count() > Email::MAX_LEN {
        errors.push("email", Reason::EmailFormat);
    }
    if candidate.is_empty() {
        errors.push("password", Reason::Required);
    }
    errors.into_result()?;

    let attempt = repo::record_login_attempt(db, &typed, client).await?;
    let limits = [
        (
            repo::FailureKey::Pair {
                email: &typed,
                client,
            },
            FAILURES_PER_PAIR,
            "address_and_client",
        ),
        (
            repo::FailureKey::Client(client),
            FAILURES_PER_CLIENT,
            "client",
        ),
    ];
    for (key, limit, name) in limits {
        // This attempt is the newest row; the limit-th before it decides.
        let recent = repo::recent_failures(db, key, THROTTLE_WINDOW, limit as i64 + 1).await?;
        if let Some(&oldest_counted) = recent.get(limit) {
            repo::forget_login_attempt(db, attempt).await?;
            security::sign_in_throttled(&typed, name);
            return Err(too_many_attempts(oldest_counted + THROTTLE_WINDOW));
        }
    }
    let on_address = repo::recent_failures(
        db,
        repo::FailureKey::Email(&typed),
        THROTTLE_WINDOW,
        (FAILURES_BEFORE_DELAY + 16) as i64,
    )
    .await?;
    tokio::time::sleep(address_delay(on_address.len().saturating_sub(1))).await;

    let found = repo::find_by_email(db, &typed).await?;
    let found_id = found.as_ref().map(|user| user.app_user_id);
    let disabled = found.as_ref().is_some_and(|user| user.disabled);
    let user = found.filter(|user| !user.disabled);
    let stored_hash = user.as_ref().map(|user| user.password_hash.clone());
    if password::verify(candidate.to_owned(), stored_hash).await? {
        repo::clear_login_failures(db, &typed).await?;
        if let Some(user) = user.and_then(Authenticated::from_row) {
            return Ok(user);
        }
    }
    let why = match (found_id, disabled) {
        (None, _) => security::SignInFailure::UnknownAddress,
        (Some(_), true) => security::SignInFailure::AccountDisabled,
        (Some(_), false) => security::SignInFailure::WrongPassword,
    };
    security::sign_in_failed(found_id, &typed, why);
    Err(AppError::Invalid(FieldErrors::single(
        "form",
        Reason::BadCredentials,
    )))
}

/// How long an attempt on an address waits after `failures` recent failures on it.
pub fn address_delay(failures: usize) -> std::time::Duration {
    let Some(extra) = failures.checked_sub(FAILURES_BEFORE_DELAY) else {
        return std::time::Duration::ZERO;
    };
    let half_seconds = 1u64 << extra.min(16);
    std::time::Duration::from_millis(500 * half_seconds).min(MAX_ADDRESS_DELAY)
}

/// Counts one event of `scope` by `subject` (before the work it guards, so parallel
/// events count each other) and refuses it with the wait once more than `limit` fall
/// within `window`: the one rate limit behind registrations, mails and second-factor tries.
pub async fn rate_limit(
    db: &PgPool,
    scope: &str,
    subject: &str,
    window: Duration,
    limit: usize,
) -> Result<(), AppError> {
    match repo::record_rate_event(db, scope, subject, window, limit).await? {
        Some(oldest_counted) => {
            security::throttled(scope, subject);
            Err(too_many_attempts(oldest_counted + window))
        }
        None => Ok(()),
    }
}

fn too_many_attempts(lifted_at: OffsetDateTime) -> AppError {
    AppError::TooManyAttempts {
        minutes: minutes_rounded_up(lifted_at - OffsetDateTime::now_utc()),
    }
}

fn minutes_rounded_up(wait: Duration) -> u32 {
    let seconds = wait.whole_seconds().max(1);
    u32::try_from((seconds + 59) / 60).unwrap_or(u32::MAX)
}

/// The user behind a session, if the account is still active and the session was signed
/// in with the account's current session version (a password change raises it).
pub async fn find_session_user(
    db: &PgPool,
    id: i64,
    session_version: i32,
) -> Result<Option<CurrentUser>, AppError> {
    let row = repo::find_by_id(db, id).await?;
    Ok(row
        .filter(|user| !user.disabled && user.session_version == session_version)
        .and_then(repo::UserRow::into_current_user))
}

/// Deletes throttle rows that no window counts any more.
pub async fn sweep_throttle_rows(db: &PgPool) -> Result<u64, AppError> {
    let oldest_window = THROTTLE_WINDOW.max(REGISTRATION_WINDOW);
    Ok(repo::sweep_throttle_rows(db, oldest_window).await?)
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
    fn attempts_on_a_much_failed_address_wait_longer_up_to_a_cap() {
        assert_eq!(address_delay(0), std::time::Duration::ZERO);
        assert_eq!(
            address_delay(FAILURES_BEFORE_DELAY - 1),
            std::time::Duration::ZERO
        );
        assert_eq!(
            address_delay(FAILURES_BEFORE_DELAY),
            std::time::Duration::from_millis(500)
        );
        assert_eq!(
            address_delay(FAILURES_BEFORE_DELAY + 1),
            std::time::Duration::from_secs(1)
        );
        assert_eq!(address_delay(FAILURES_BEFORE_DELAY + 5), MAX_ADDRESS_DELAY);
        assert_eq!(address_delay(usize::MAX), MAX_ADDRESS_DELAY);
    }

    #[tokio::test]
    async fn a_registration_reports_every_bad_field_at_once() {
        let form = Registration {
            email: "nope",
            display_name: " ",
            password: "short",
            locale: Locale::en,
        };
        let Err(AppError::Invalid(errors)) = parse_registration(&form).await else {
            panic!("expected a validation error");
        };
        assert_eq!(errors.for_field("email"), Some(Reason::EmailFormat));
        assert_eq!(errors.for_field("display_name"), Some(Reason::Required));
        assert_eq!(errors.for_field("password"), Some(Reason::PasswordTooShort));
    }
}
