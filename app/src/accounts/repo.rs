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
    /// Sessions signed in with another version are over (see the guard in `api`).
    pub session_version: i32,
    pub email_verified_at: Option<OffsetDateTime>,
    /// `en` or `zh`: the language of the account's e-mails.
    pub locale: String,
    /// The TOTP secret of an operator who enrolled a second factor.
    pub totp_secret: Option<Vec<u8>>,
}

impl UserRow {
    pub fn into_current_user(self) -> Option<CurrentUser> {
        Some(CurrentUser {
            id: self.app_user_id,
            email: self.email,
            display_name: self.display_name,
            role: Role::from_slug(&self.role)?,
            email_verified: self.email_verified_at.is_some(),
        })
    }
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub locale: &'a str,
}

pub async fn insert_user(
    db: impl PgExecutor<'_>,
    user: &NewUser<'_>,
) -> Result<UserRow, sqlx::Error> {
    sqlx::query_as(
        "insert into app_user (email, display_name, password_hash, role, locale)
         values ($1, $2, $3, $4, $5)
         returning app_user_id, email, display_name, role, password_hash, disabled, session_version, email_verified_at, locale, totp_secret",
    )
    .bind(user.email)
    .bind(user.display_name)
    .bind(user.password_hash)
    .bind(user.role.slug())
    .bind(user.locale)
    .fetch_one(db)
    .await
}

pub async fn find_by_email(
    db: impl PgExecutor<'_>,
    email: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(
        "select app_user_id, email, display_name, role, password_hash, disabled, session_version, email_verified_at, locale, totp_secret
         from app_user where lower(email) = lower($1)",
    )
    .bind(email)
    .fetch_optional(db)
    .await
}

pub async fn find_by_id(db: impl PgExecutor<'_>, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(
        "select app_user_id, email, display_name, role, password_hash, disabled, session_version, email_verified_at, locale, totp_secret
         from app_user where app_user_id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// [`find_by_id`], locked until the transaction ends. Whatever decides whom a person
/// works for (applying, accepting an invitation) takes this lock first, so two such
/// decisions about one person happen one after the other, each seeing the other's end.
pub async fn lock_by_id(db: impl PgExecutor<'_>, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(
        "select app_user_id, email, display_name, role, password_hash, disabled, session_version, email_verified_at, locale, totp_secret
         from app_user where app_user_id = $1 for update",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Records a sign-in attempt as failed before its password is checked, so that parallel
/// attempts count each other; a success deletes it again ([`clear_login_failures`]).
/// Ends every session of the user: they hold the old version.
pub async fn bump_session_version(db: impl PgExecutor<'_>, id: i64) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar(
        "update app_user set session_version = session_version + 1
         where app_user_id = $1 returning session_version",
    )
    .bind(id)
    .fetch_one(db)
    .await
}

pub async fn record_login_attempt(
    db: impl PgExecutor<'_>,
    email: &str,
    client: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into login_failure (email, client_ip) values ($1, $2) returning login_failure_id",
    )
    .bind(email)
    .bind(client)
    .fetch_one(db)
    .await
}

/// Forgets one attempt that was refused before it was checked: only checked guesses count.
pub async fn forget_login_attempt(db: impl PgExecutor<'_>, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("delete from login_failure where login_failure_id = $1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Which failures a throttle counts.
#[derive(Debug, Clone, Copy)]
pub enum FailureKey<'a> {
    /// One client guessing one address.
    Pair { email: &'a str, client: &'a str },
    /// Every client's failures on one address.
    Email(&'a str),
    /// One client's failures on every address.
    Client(&'a str),
}

/// The recent failures under `key` within `window`, newest first, at most `limit`.
pub async fn recent_failures(
    db: impl PgExecutor<'_>,
    key: FailureKey<'_>,
    window: time::Duration,
    limit: i64,
) -> Result<Vec<OffsetDateTime>, sqlx::Error> {
    let (email, client) = match key {
        FailureKey::Pair { email, client } => (Some(email), Some(client)),
        FailureKey::Email(email) => (Some(email), None),
        FailureKey::Client(client) => (None, Some(client)),
    };
    sqlx::query_scalar(
        "select failed_at from login_failure
         where ($1::text is null or email = $1) and ($2::text is null or client_ip = $2)
           and failed_at > now() - $3
         order by failed_at desc limit $4",
    )
    .bind(email)
    .bind(client)
    .bind(window)
    .bind(limit)
    .fetch_all(db)
    .await
}

pub async fn clear_login_failures(db: impl PgExecutor<'_>, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from login_failure where email = $1")
        .bind(email)
        .execute(db)
        .await?;
    Ok(())
}

/// Records one event of `scope` by `subject` and, if that makes more than `limit` within
/// `window` (recorded first, so parallel events count each other), when the oldest
/// event that still counts happened: one window later there is room again.
pub async fn record_rate_event(
    db: &sqlx::PgPool,
    scope: &str,
    subject: &str,
    window: time::Duration,
    limit: usize,
) -> Result<Option<OffsetDateTime>, sqlx::Error> {
    sqlx::query("insert into rate_event (scope, subject) values ($1, $2)")
        .bind(scope)
        .bind(subject)
        .execute(db)
        .await?;
    sqlx::query_scalar(
        "select happened_at from rate_event
         where scope = $1 and subject = $2 and happened_at > now() - $3
         order by happened_at desc offset $4 limit 1",
    )
    .bind(scope)
    .bind(subject)
    .bind(window)
    .bind(i64::try_from(limit).unwrap_or(i64::MAX))
    .fetch_optional(db)
    .await
}

/// Forgets the events of `scope` by `subject` (a success ends a run of failures).
pub async fn clear_rate_events(
    db: impl PgExecutor<'_>,
    scope: &str,
    subject: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("delete from rate_event where scope = $1 and subject = $2")
        .bind(scope)
        .bind(subject)
        .execute(db)
        .await?;
    Ok(())
}

/// Deletes throttle rows older than `age`: they can no longer count in any window.
pub async fn sweep_throttle_rows(
    db: &sqlx::PgPool,
    age: time::Duration,
) -> Result<u64, sqlx::Error> {
    let failures = sqlx::query("delete from login_failure where failed_at < now() - $1")
        .bind(age)
        .execute(db)
        .await?
        .rows_affected();
    let events = sqlx::query("delete from rate_event where happened_at < now() - $1")
        .bind(age)
        .execute(db)
        .await?
        .rows_affected();
    Ok(failures + events)
}

/// A new password hash; every session of the user ends (their version is old).
pub async fn set_password_hash(
    db: impl PgExecutor<'_>,
    id: i64,
    password_hash: &str,
) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar(
        "update app_user set password_hash = $2, session_version = session_version + 1
         where app_user_id = $1 returning session_version",
    )
    .bind(id)
    .bind(password_hash)
    .fetch_one(db)
    .await
}

/// Marks the account's address verified if it still is `email`; says whether it is now.
pub async fn mark_email_verified(
    db: impl PgExecutor<'_>,
    id: i64,
    email: &str,
) -> Result<bool, sqlx::Error> {
    let verified: Option<bool> = sqlx::query_scalar(
        "update app_user set email_verified_at = coalesce(email_verified_at, now())
         where app_user_id = $1 and lower(email) = lower($2) returning true",
    )
    .bind(id)
    .bind(email)
    .fetch_optional(db)
    .await?;
    Ok(verified.is_some())
}

/// Stores a link token's hash, valid for `lifetime`, and voids the user's earlier unused
/// tokens of the same purpose: only the newest link works.
pub async fn insert_token(
    db: &sqlx::PgPool,
    user_id: i64,
    purpose: &str,
    token_hash: &[u8],
    email: &str,
    lifetime: time::Duration,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "update account_token set used_at = now()
         where app_user_id = $1 and purpose = $2 and used_at is null",
    )
    .bind(user_id)
    .bind(purpose)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "insert into account_token (app_user_id, purpose, token_hash, email, expires_at)
         values ($1, $2, $3, $4, now() + $5)",
    )
    .bind(user_id)
    .bind(purpose)
    .bind(token_hash)
    .bind(email)
    .bind(lifetime)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// The user and address of a token that is unused and unexpired, without using it.
pub async fn peek_token(
    db: impl PgExecutor<'_>,
    purpose: &str,
    token_hash: &[u8],
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "select app_user_id, email from account_token
         where token_hash = $1 and purpose = $2 and used_at is null and expires_at > now()",
    )
    .bind(token_hash)
    .bind(purpose)
    .fetch_optional(db)
    .await
}

/// Uses a token: at most one caller ever gets its user and address back.
pub async fn redeem_token(
    db: impl PgExecutor<'_>,
    purpose: &str,
    token_hash: &[u8],
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "update account_token set used_at = now()
         where token_hash = $1 and purpose = $2 and used_at is null and expires_at > now()
         returning app_user_id, email",
    )
    .bind(token_hash)
    .bind(purpose)
    .fetch_optional(db)
    .await
}

/// Stores an operator's TOTP secret with the step of the code that confirmed it, and
/// their sealed recovery codes (argon2id PHC strings), unless a secret is enrolled already (two pending
/// enrollments racing: the first wins, the other gets `false`).
pub async fn enroll_second_factor(
    db: &sqlx::PgPool,
    user_id: i64,
    secret: &[u8],
    step: i64,
    recovery_codes_sealed: &[String],
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let enrolled = sqlx::query(
        "update app_user set totp_secret = $2, totp_last_step = $3
         where app_user_id = $1 and totp_secret is null",
    )
    .bind(user_id)
    .bind(secret)
    .bind(step)
    .execute(&mut *tx)
    .await?;
    if enrolled.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("delete from recovery_code where app_user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("insert into recovery_code (app_user_id, code_phc) select $1, unnest($2::text[])")
        .bind(user_id)
        .bind(recovery_codes_sealed)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// Accepts a code's time step if it is later than the last accepted one: a code, even
/// a correct one, works once.
pub async fn use_totp_step(
    db: impl PgExecutor<'_>,
    user_id: i64,
    step: i64,
) -> Result<bool, sqlx::Error> {
    let used = sqlx::query(
        "update app_user set totp_last_step = $2
         where app_user_id = $1 and (totp_last_step is null or totp_last_step < $2)",
    )
    .bind(user_id)
    .bind(step)
    .execute(db)
    .await?;
    Ok(used.rows_affected() == 1)
}

/// The account's unused recovery codes: their ids and PHC strings.
pub async fn unused_recovery_codes(
    db: impl PgExecutor<'_>,
    user_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "select recovery_code_id, code_phc from recovery_code
         where app_user_id = $1 and used_at is null and code_phc is not null
         order by recovery_code_id",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// Uses recovery code `id`; whether it was still unused (of two at once, one wins).
pub async fn use_recovery_code(db: impl PgExecutor<'_>, id: i64) -> Result<bool, sqlx::Error> {
    let used = sqlx::query(
        "update recovery_code set used_at = now() where recovery_code_id = $1 and used_at is null",
    )
    .bind(id)
    .execute(db)
    .await?;
    Ok(used.rows_affected() == 1)
}

/// Recovery codes still kept as bare SHA-256 (from before argon2), of one account or all.
pub async fn legacy_recovery_codes(
    db: impl PgExecutor<'_>,
    user_id: Option<i64>,
) -> Result<Vec<(i64, Vec<u8>)>, sqlx::Error> {
    sqlx::query_as(
        "select recovery_code_id, code_hash from recovery_code
         where code_hash is not null and ($1::bigint is null or app_user_id = $1)",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// Replaces the bare SHA-256 of recovery code `id` by its sealed form, if the row still
/// holds `digest`; how many rows changed (0 or 1).
pub async fn seal_recovery_code(
    db: impl PgExecutor<'_>,
    id: i64,
    digest: &[u8],
    phc: &str,
) -> Result<u64, sqlx::Error> {
    let sealed = sqlx::query(
        "update recovery_code set code_phc = $3, code_hash = null
         where recovery_code_id = $1 and code_hash = $2",
    )
    .bind(id)
    .bind(digest)
    .bind(phc)
    .execute(db)
    .await?;
    Ok(sealed.rows_affected())
}

/// Counts a wrong second-factor code, and locks the authenticator when that makes
/// `lock_at` in a row; the count now (equal to `lock_at` for the one call that locked).
pub async fn record_second_factor_failure(
    db: impl PgExecutor<'_>,
    user_id: i64,
    lock_at: i32,
) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar(
        "update app_user set
             second_factor_failures = second_factor_failures + 1,
             second_factor_locked_at = case
                 when second_factor_failures + 1 >= $2 then coalesce(second_factor_locked_at, now())
                 else second_factor_locked_at end
         where app_user_id = $1 returning second_factor_failures",
    )
    .bind(user_id)
    .bind(lock_at)
    .fetch_one(db)
    .await
}

/// Whether the user's authenticator is locked.
pub async fn second_factor_locked(
    db: impl PgExecutor<'_>,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let locked: Option<bool> = sqlx::query_scalar(
        "select second_factor_locked_at is not null from app_user where app_user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await?;
    Ok(locked.unwrap_or(false))
}

/// A right code: the run of wrong ones starts again, and a lock (if any) is lifted;
/// whether there was one.
pub async fn clear_second_factor_failures(
    db: impl PgExecutor<'_>,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let unlocked: Option<bool> = sqlx::query_scalar(
        "update app_user u set second_factor_failures = 0, second_factor_locked_at = null
           from (select app_user_id, second_factor_locked_at from app_user
                  where app_user_id = $1 for update) before
          where u.app_user_id = before.app_user_id
          returning before.second_factor_locked_at is not null",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await?;
    Ok(unlocked.unwrap_or(false))
}

/// An operator whose authenticator is locked, as the console lists them.
#[derive(Debug, Clone, FromRow)]
pub struct LockedOperator {
    pub app_user_id: i64,
    pub display_name: String,
    pub email: String,
}

/// Operators whose authenticator is locked, longest first.
pub async fn locked_operators(db: impl PgExecutor<'_>) -> Result<Vec<LockedOperator>, sqlx::Error> {
    sqlx::query_as(
        "select app_user_id, display_name, email from app_user
         where second_factor_locked_at is not null and role = 'admin'
         order by second_factor_locked_at, app_user_id",
    )
    .fetch_all(db)
    .await
}

/// Lifts the lock of an operator's authenticator (another operator's decision); the
/// operator, if they were locked.
pub async fn unlock_second_factor(
    db: impl PgExecutor<'_>,
    user_id: i64,
) -> Result<Option<LockedOperator>, sqlx::Error> {
    sqlx::query_as(
        "update app_user set second_factor_failures = 0, second_factor_locked_at = null
         where app_user_id = $1 and second_factor_locked_at is not null and role = 'admin'
         returning app_user_id, display_name, email",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await
}
