//! Operators' second factor (server only): a TOTP authenticator app (RFC 6238, 30-second
//! steps, six digits, SHA-1: what every app understands) enrolled at the first sign-in,
//! and ten recovery codes shown once.
//!
//! Recovery codes are kept as argon2id of their SHA-256 (salted, see
//! [`password::seal_codes`]). Hashing the digest rather than the code lets rows written
//! before, which hold the bare SHA-256, be upgraded in place without the codes:
//! [`upgrade_recovery_codes`] runs at start-up for all of them, and before a code is
//! checked for its account's, so none is ever missed.

use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use totp_rs::{Algorithm, TOTP};

use super::{password, repo};
use crate::error::{AppError, FieldErrors, Reason};
use crate::i18n::{Locale, td_string};
use crate::mail::Mail;
use crate::state::AppState;

/// Codes one client may try per operator and window before waiting; an authenticator
/// code has a million values, so five tries a quarter hour leave a guesser nowhere. The
/// operator's own cap over all clients is looser, so that someone who stole the password
/// cannot keep the real operator out by spending the tries.
pub const TRIES_PER_WINDOW: usize = 5;
pub const TRIES_PER_OPERATOR: usize = 50;
pub const TRY_WINDOW: Duration = Duration::minutes(15);
/// Wrong codes in a row (over any number of windows) after which the authenticator is
/// locked: the window caps alone would let a patient thief with the password try ~4,800
/// codes a day. A locked operator gets in with a recovery code, or another operator
/// unlocks them; they are mailed when it happens.
pub const LOCK_AFTER_FAILURES: i32 = 100;
pub const RECOVERY_CODES: usize = 10;
const STEP_SECONDS: u64 = 30;
const ISSUER: &str = "Shushang";

/// A new 160-bit secret, the length RFC 4226 recommends.
pub fn new_secret() -> Vec<u8> {
    let mut secret = vec![0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    secret
}

fn totp(secret: &[u8], account: &str) -> Result<TOTP, AppError> {
    // ':' separates issuer and account in otpauth labels; an e-mail has none anyway.
    let account = account.replace(':', "");
    TOTP::new(
        Algorithm::SHA1,
        6,
        0,
        STEP_SECONDS,
        secret.to_vec(),
        Some(ISSUER.to_owned()),
        account,
    )
    .map_err(|e| {
        tracing::error!(error = %e, "a TOTP secret was refused");
        AppError::Unexpected
    })
}

/// What an operator types into an authenticator app: the secret in base32, and the
/// `otpauth://` link a phone opens directly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrollment {
    pub secret_base32: String,
    pub link: String,
}

pub fn enrollment(secret: &[u8], account: &str) -> Result<Enrollment, AppError> {
    let totp = totp(secret, account)?;
    Ok(Enrollment {
        secret_base32: totp.get_secret_base32(),
        link: totp.get_url(),
    })
}

/// The time step `code` is right for, allowing one step of clock drift either way.
fn matching_step(secret: &[u8], code: &str, now: u64) -> Result<Option<u64>, AppError> {
    let totp = totp(secret, "")?;
    let step = now / STEP_SECONDS;
    Ok([step.saturating_sub(1), step, step + 1]
        .into_iter()
        .find(|&s| totp.check(code, s * STEP_SECONDS)))
}

fn now() -> u64 {
    u64::try_from(OffsetDateTime::now_utc().unix_timestamp()).unwrap_or_default()
}

fn normalised(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// What is sealed with argon2 for a recovery code: the SHA-256 of its normalised form
/// (what rows from before held as it was).
fn code_digest(code: &str) -> Vec<u8> {
    Sha256::digest(normalised(code).as_bytes()).to_vec()
}

/// Seals recovery codes kept as bare SHA-256 (rows from before argon2) as argon2id of
/// that digest, for one account or (`None`) all; how many. Each row is replaced only if
/// it is unchanged, so a code used meanwhile stays used.
pub async fn upgrade_recovery_codes(db: &PgPool, user_id: Option<i64>) -> Result<u64, AppError> {
    let legacy = repo::legacy_recovery_codes(db, user_id).await?;
    if legacy.is_empty() {
        return Ok(0);
    }
    let digests: Vec<Vec<u8>> = legacy.iter().map(|(_, digest)| digest.clone()).collect();
    let sealed = password::seal_codes(digests).await?;
    let mut upgraded = 0;
    for ((id, digest), phc) in legacy.iter().zip(&sealed) {
        upgraded += repo::seal_recovery_code(db, *id, digest, phc).await?;
    }
    Ok(upgraded)
}

/// Ten codes like `k7q2m-xw9ta`: 50 random bits each, from an alphabet without 0/o, 1/l.
fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    (0..RECOVERY_CODES)
        .map(|_| {
            let chars: String = (0..10)
                .map(|_| char::from(ALPHABET[(rng.next_u32() % 32) as usize]))
                .collect();
            format!("{}-{}", &chars[..5], &chars[5..])
        })
        .collect()
}

fn wrong_code() -> AppError {
    FieldErrors::single("code", Reason::WrongCode).into()
}

fn locked() -> AppError {
    FieldErrors::single("code", Reason::SecondFactorLocked).into()
}

const TRIES: &str = "second_factor";

/// Counts a try per (operator, client) and per operator, before it is checked, so
/// parallel tries count each other; a right code forgets the tries before it.
async fn limit_tries(db: &PgPool, user_id: i64, client: &str) -> Result<(), AppError> {
    let limits = [
        (format!("{user_id} {client}"), TRIES_PER_WINDOW),
        (user_id.to_string(), TRIES_PER_OPERATOR),
    ];
    for (subject, limit) in limits {
        super::service::rate_limit(db, TRIES, &subject, TRY_WINDOW, limit).await?;
    }
    Ok(())
}

async fn forget_tries(db: &PgPool, user_id: i64, client: &str) -> Result<(), AppError> {
    repo::clear_rate_events(db, TRIES, &format!("{user_id} {client}")).await?;
    repo::clear_rate_events(db, TRIES, &user_id.to_string()).await?;
    Ok(())
}

/// Confirms an enrollment with a code from the app (proving it holds `secret`), stores
/// the secret, and hands back the recovery codes to show once.
pub async fn enroll(
    db: &PgPool,
    user_id: i64,
    secret: &[u8],
    code: &str,
    client: &str,
) -> Result<Vec<String>, AppError> {
    limit_tries(db, user_id, client).await?;
    let Some(step) = matching_step(secret, &normalised(code), now())? else {
        // Not counted towards the lock: nothing is enrolled yet to lock.
        crate::security::second_factor_failed(user_id, 0);
        return Err(wrong_code());
    };
    let codes = new_recovery_codes();
    let sealed = password::seal_codes(codes.iter().map(|c| code_digest(c)).collect()).await?;
    let step = i64::try_from(step).map_err(|_| AppError::Unexpected)?;
    if !repo::enroll_second_factor(db, user_id, secret, step, &sealed).await? {
        return Err(AppError::Conflict);
    }
    forget_tries(db, user_id, client).await?;
    Ok(codes)
}

/// Checks a code from the app, or a recovery code, for an enrolled operator. Each code
/// works once. Wrong ones are counted in a row: the [`LOCK_AFTER_FAILURES`]th locks the
/// app's codes out (and mails the operator) until a recovery code is used or another
/// operator unlocks it.
pub async fn verify(
    state: &AppState,
    user_id: i64,
    secret: &[u8],
    code: &str,
    client: &str,
) -> Result<(), AppError> {
    let db = &state.db;
    limit_tries(db, user_id, client).await?;
    let code = normalised(code);
    let right = if code.len() == 10 {
        use_recovery_code(db, user_id, &code).await?
    } else if repo::second_factor_locked(db, user_id).await? {
        return Err(locked());
    } else {
        use_totp_code(db, user_id, secret, &code).await?
    };
    if !right {
        let failures = repo::record_second_factor_failure(db, user_id, LOCK_AFTER_FAILURES).await?;
        crate::security::second_factor_failed(user_id, failures);
        if failures == LOCK_AFTER_FAILURES {
            crate::security::second_factor_locked(user_id);
            mail_the_lock(state, user_id).await;
            return Err(locked());
        }
        return Err(wrong_code());
    }
    if repo::clear_second_factor_failures(db, user_id).await? {
        crate::security::second_factor_unlocked(user_id, None);
    }
    forget_tries(db, user_id, client).await
}

/// Tells the operator their authenticator was locked: someone who has their password is
/// guessing codes. A mail that fails is logged; the lock holds either way.
async fn mail_the_lock(state: &AppState, user_id: i64) {
    let sent = async {
        let user = repo::find_by_id(&state.db, user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let locale: Locale = user.locale.parse().unwrap_or_default();
        let name = user.display_name.as_str();
        let mail = Mail {
            subject: td_string!(locale, mail.second_factor_locked_subject).to_owned(),
            body: td_string!(locale, mail.second_factor_locked_body, name = name).to_string(),
            to: user.email.clone(),
        };
        state.mailer.send(mail).await
    };
    if let Err(e) = sent.await {
        tracing::error!(error = ?e, user_id, "the mail about a locked authenticator failed");
    }
}

/// Whether `code` is the app's code of a step not used before, using the step if so.
async fn use_totp_code(
    db: &PgPool,
    user_id: i64,
    secret: &[u8],
    code: &str,
) -> Result<bool, AppError> {
    let Some(step) = matching_step(secret, code, now())? else {
        return Ok(false);
    };
    let step = i64::try_from(step).map_err(|_| AppError::Unexpected)?;
    Ok(repo::use_totp_step(db, user_id, step).await?)
}

/// Uses `code` if it is one of the account's unused recovery codes; whether it was.
async fn use_recovery_code(db: &PgPool, user_id: i64, code: &str) -> Result<bool, AppError> {
    upgrade_recovery_codes(db, Some(user_id)).await?;
    let unused = repo::unused_recovery_codes(db, user_id).await?;
    let (ids, sealed): (Vec<i64>, Vec<String>) = unused.into_iter().unzip();
    let Some(found) = password::find_sealed(code_digest(code), sealed).await? else {
        return Ok(false);
    };
    // Two tries with the same code at once: the row is used by one of them only.
    let used = repo::use_recovery_code(db, ids[found]).await?;
    if used {
        crate::security::recovery_code_used(user_id);
    }
    Ok(used)
}

/// The second step for `user_id`: a code for an enrolled operator (`None` back), or the
/// code that confirms `enrolling` (the recovery codes back, to show once).
pub async fn confirm(
    state: &AppState,
    user_id: i64,
    enrolling: Option<&[u8]>,
    code: &str,
    client: &str,
) -> Result<Option<Vec<String>>, AppError> {
    if code.trim().is_empty() {
        return Err(FieldErrors::single("code", Reason::Required).into());
    }
    let user = repo::find_by_id(&state.db, user_id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    match (user.totp_secret, enrolling) {
        (Some(secret), _) => verify(state, user_id, &secret, code, client)
            .await
            .map(|()| None),
        (None, Some(secret)) => enroll(&state.db, user_id, secret, code, client)
            .await
            .map(Some),
        (None, None) => Err(AppError::Conflict),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rfc_6238_test_vector_matches() {
        // RFC 6238 appendix B: SHA-1, secret "12345678901234567890", T = 59 s → 94287082
        // (eight digits); its last six are what a six-digit app shows.
        let secret = b"12345678901234567890";
        assert_eq!(
            matching_step(secret, "287082", 59).expect("checks"),
            Some(1)
        );
        assert_eq!(matching_step(secret, "287083", 59).expect("checks"), None);
    }

    #[test]
    fn a_code_of_the_step_before_or_after_is_accepted_and_no_further() {
        let secret = new_secret();
        let totp = totp(&secret, "").expect("totp");
        let now = 1_000_000_000;
        for (offset, expected) in [
            (-60i64, None),
            (-30, Some(-1)),
            (0, Some(0)),
            (30, Some(1)),
            (60, None),
        ] {
            let at = (now as i64 + offset) as u64;
            let code = totp.generate(at);
            let found = matching_step(&secret, &code, now).expect("checks");
            let expected = expected.map(|d: i64| ((now / 30) as i64 + d) as u64);
            // A code can repeat across steps by chance; only a miss matters here.
            if expected.is_some() {
                assert_eq!(found, expected, "offset {offset}");
            }
        }
    }

    #[test]
    fn recovery_codes_are_ten_distinct_and_typed_any_way() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 11 && c.as_bytes()[5] == b'-')
        );
        assert_eq!(code_digest("K7Q2M-XW9TA"), code_digest(" k7q2m xw9ta "));
    }

    #[test]
    fn the_enrollment_link_names_the_site_and_the_account() {
        let enrollment = enrollment(&[7u8; 20], "op@example.com").expect("enrollment");
        assert!(
            enrollment
                .link
                .starts_with("otpauth://totp/Shushang:op%40example.com?")
        );
        assert!(
            enrollment
                .link
                .contains(&format!("secret={}", enrollment.secret_base32))
        );
    }
}
