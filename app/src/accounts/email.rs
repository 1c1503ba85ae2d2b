//! E-mail ownership and password recovery (server only): links sent by e-mail that work
//! once, for a while, and are stored only as hashes.

use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use time::Duration;

use super::model::{CurrentUser, Email};
use super::service::{self, Authenticated};
use super::{password, repo};
use crate::error::{AppError, FieldErrors, Reason};
use crate::i18n::{Locale, td_string};
use crate::mail::Mail;
use crate::state::AppState;

/// Verification mails one account may ask for per hour.
pub const VERIFICATION_MAILS_PER_HOUR: usize = 5;
/// Reset mails one address may be sent per hour, and requests one client may make.
pub const RESET_MAILS_PER_ADDRESS_HOUR: usize = 3;
pub const RESET_REQUESTS_PER_CLIENT_HOUR: usize = 10;
const HOUR: Duration = Duration::hours(1);

/// What a link sent by e-mail is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    VerifyEmail,
    ResetPassword,
}

impl Link {
    fn purpose(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
        }
    }

    fn page(self) -> &'static str {
        match self {
            Self::VerifyEmail => "/verify-email",
            Self::ResetPassword => "/reset-password",
        }
    }

    fn lifetime(self) -> Duration {
        match self {
            Self::VerifyEmail => Duration::hours(48),
            Self::ResetPassword => HOUR,
        }
    }

    fn mail(self, locale: Locale, name: &str, link: &str) -> (String, String) {
        match self {
            Self::VerifyEmail => (
                td_string!(locale, mail.verify_subject).to_owned(),
                td_string!(locale, mail.verify_body, name = name, link = link).to_string(),
            ),
            Self::ResetPassword => (
                td_string!(locale, mail.reset_subject).to_owned(),
                td_string!(locale, mail.reset_body, name = name, link = link).to_string(),
            ),
        }
    }
}

/// A fresh token (256 random bits, hex) for the link; only its hash is stored.
fn new_token() -> String {
    random_hex(32)
}

/// `bytes` random bytes from the operating system, in hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buffer);
    buffer.iter().map(|b| format!("{b:02x}")).collect()
}

fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.trim().as_bytes()).into()
}

/// Stores a new link for `user` (voiding their earlier ones of its kind) and mails it.
async fn send_link(state: &AppState, user: &repo::UserRow, link: Link) -> Result<(), AppError> {
    let token = new_token();
    repo::insert_token(
        &state.db,
        user.app_user_id,
        link.purpose(),
        &token_hash(&token),
        &user.email,
        link.lifetime(),
    )
    .await?;
    let url = format!(
        "{}{}?token={token}",
        state.public_url.trim_end_matches('/'),
        link.page()
    );
    let locale = user.locale.parse().unwrap_or_default();
    let (subject, body) = link.mail(locale, &user.display_name, &url);
    state
        .mailer
        .send(Mail {
            to: user.email.clone(),
            subject,
            body,
        })
        .await
}

async fn limit(db: &PgPool, scope: &str, subject: &str, per_hour: usize) -> Result<(), AppError> {
    service::rate_limit(db, scope, subject, HOUR, per_hour).await
}

/// Mails `user_id` a link that verifies their address, unless it is verified already.
pub async fn send_verification(state: &AppState, user_id: i64) -> Result<(), AppError> {
    let user = repo::find_by_id(&state.db, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if user.email_verified_at.is_some() {
        return Ok(());
    }
    limit(
        &state.db,
        "verification_mail",
        &user_id.to_string(),
        VERIFICATION_MAILS_PER_HOUR,
    )
    .await?;
    send_link(state, &user, Link::VerifyEmail).await
}

/// Whether a verification link can still be used (its page offers the button), without
/// using it.
pub async fn verification_link_usable(db: &PgPool, token: &str) -> Result<bool, AppError> {
    let found = repo::peek_token(db, Link::VerifyEmail.purpose(), &token_hash(token)).await?;
    Ok(found.is_some())
}

/// Uses a verification link; says whether the address is verified now.
pub async fn verify_email(db: &PgPool, token: &str) -> Result<bool, AppError> {
    let Some((user_id, email)) =
        repo::redeem_token(db, Link::VerifyEmail.purpose(), &token_hash(token)).await?
    else {
        return Ok(false);
    };
    let verified = repo::mark_email_verified(db, user_id, &email).await?;
    if verified {
        crate::security::email_verified(user_id);
    }
    Ok(verified)
}

/// Mails a reset link to the account of `typed`, if there is one. The answer is the same
/// either way, and the mail is sent after the answer, so neither tells whether it exists.
pub async fn request_password_reset(
    state: &AppState,
    typed: &str,
    client: &str,
) -> Result<(), AppError> {
    let email = Email::parse(typed).map_err(|reason| FieldErrors::single("email", reason))?;
    limit(
        &state.db,
        "reset_request",
        client,
        RESET_REQUESTS_PER_CLIENT_HOUR,
    )
    .await?;
    limit(
        &state.db,
        "reset_mail",
        email.as_str(),
        RESET_MAILS_PER_ADDRESS_HOUR,
    )
    .await?;
    let Some(user) = repo::find_by_email(&state.db, email.as_str())
        .await?
        .filter(|user| !user.disabled)
    else {
        return Ok(());
    };
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(e) = send_link(&state, &user, Link::ResetPassword).await {
            tracing::error!(error = ?e, "the password reset mail failed");
        }
    });
    Ok(())
}

fn link_invalid() -> AppError {
    FieldErrors::single("form", Reason::LinkInvalid).into()
}

/// Whether a reset link can still be used (the page shows the form, or says why not).
pub async fn reset_link_usable(db: &PgPool, token: &str) -> Result<bool, AppError> {
    let found = repo::peek_token(db, Link::ResetPassword.purpose(), &token_hash(token)).await?;
    Ok(found.is_some())
}

/// Sets a new password through a reset link. The link is used only once the password
/// is acceptable, so a refused password leaves it working. Following it proved the
/// address, so the address counts as verified; every session of the account ends.
pub async fn reset_password(
    db: &PgPool,
    token: &str,
    new_password: &str,
) -> Result<Authenticated, AppError> {
    let hash = token_hash(token);
    let purpose = Link::ResetPassword.purpose();
    let Some((user_id, _)) = repo::peek_token(db, purpose, &hash).await? else {
        return Err(link_invalid());
    };
    let user = repo::find_by_id(db, user_id)
        .await?
        .filter(|user| !user.disabled)
        .ok_or_else(link_invalid)?;
    let password = password::new_password(new_password, &[&user.email, &user.display_name])
        .await?
        .map_err(|reason| FieldErrors::single("password", reason))?;
    let phc = password::hash(&password).await?;

    let mut tx = db.begin().await?;
    let Some((_, email)) = repo::redeem_token(&mut *tx, purpose, &hash).await? else {
        return Err(link_invalid());
    };
    let session_version = repo::set_password_hash(&mut *tx, user_id, &phc).await?;
    repo::mark_email_verified(&mut *tx, user_id, &email).await?;
    repo::clear_login_failures(&mut *tx, &user.email).await?;
    tx.commit().await?;
    crate::security::password_reset(user_id);
    let user = repo::find_by_id(db, user_id)
        .await?
        .and_then(repo::UserRow::into_current_user)
        .ok_or(AppError::Unexpected)?;
    Ok(Authenticated {
        user,
        session_version,
    })
}

/// Changes the password of a signed-in `user`, who proves it is them with the current
/// one (checked and throttled like a sign-in). Every other session of theirs ends.
pub async fn change_password(
    db: &PgPool,
    user: &CurrentUser,
    current: &str,
    new_password: &str,
    client: &str,
) -> Result<Authenticated, AppError> {
    let mut errors = FieldErrors::default();
    if current.is_empty() {
        errors.push("current_password", Reason::Required);
    }
    let password = errors.check(
        "new_password",
        password::new_password(new_password, &[&user.email, &user.display_name]).await?,
    );
    let Some(password) = password.filter(|_| errors.is_empty()) else {
        return Err(errors.into());
    };
    match service::sign_in(db, &user.email, current, client).await {
        Ok(_) => {}
        Err(AppError::Invalid(_)) => {
            return Err(FieldErrors::single("current_password", Reason::WrongPassword).into());
        }
        Err(other) => return Err(other),
    }
    let phc = password::hash(&password).await?;
    let session_version = repo::set_password_hash(db, user.id, &phc).await?;
    crate::security::password_changed(user.id);
    Ok(Authenticated {
        user: user.clone(),
        session_version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_only_their_hash_is_kept() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), token_hash(&format!(" {a}\n")));
        assert_ne!(token_hash(&a), token_hash(&b));
    }

    #[test]
    fn mails_are_written_in_the_accounts_language_with_the_link() {
        let link = "https://shushang.example/verify-email?token=abc";
        let (subject, body) = Link::VerifyEmail.mail(Locale::zh, "王芳", link);
        assert!(subject.contains("验证"));
        assert!(body.contains("王芳") && body.contains(link));
        let (subject, body) = Link::ResetPassword.mail(Locale::en, "Wang Fang", link);
        assert!(subject.contains("Reset"));
        assert!(body.contains("Wang Fang") && body.contains(link));
    }
}
