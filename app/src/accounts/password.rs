//! Password hashing: argon2id with the OWASP parameters, off the async runtime.

use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use argon2::{Algorithm, Argon2, Params, Version};

use super::model::NewPassword;
use crate::error::AppError;

/// m = 19 MiB, t = 2, p = 1 (OWASP Password Storage Cheat Sheet).
fn argon2id() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|e| {
        tracing::error!(error = %e, "invalid argon2 parameters");
        AppError::Unexpected
    })?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) for `password`, with a fresh salt.
pub async fn hash(password: &NewPassword) -> Result<String, AppError> {
    let password = password.expose().to_owned();
    run_blocking(move || {
        // argon2 0.6 draws a fresh 16-byte salt from the OS for every hash.
        argon2id()?
            .hash_password(password.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|e| {
                tracing::error!(error = %e, "hashing a password failed");
                AppError::Unexpected
            })
    })
    .await
}

/// Whether `candidate` matches the stored PHC string. With no stored hash (unknown
/// e-mail) a dummy hash is verified instead, so both answers take the same time.
pub async fn verify(candidate: String, stored: Option<String>) -> Result<bool, AppError> {
    run_blocking(move || {
        let known = stored.is_some();
        let phc = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
        let parsed = PasswordHash::new(&phc).map_err(|e| {
            tracing::error!(error = %e, "a stored password hash does not parse");
            AppError::Unexpected
        })?;
        let matches = argon2id()?
            .verify_password(candidate.as_bytes(), &parsed)
            .is_ok();
        Ok(known && matches)
    })
    .await
}

/// The hash of a random string nobody knows, with the same parameters as real hashes.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2h1c2hhbmdkdW1teXNhbHQ$9Sk2sB9rLcQnqqM0aSOJ3xcOgw5t5U/QLRkVnPjwVsw";

async fn run_blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "password task panicked");
        AppError::Unexpected
    })?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_and_nothing_else() {
        let password = NewPassword::parse("correct horse battery").expect("valid");
        let phc = hash(&password).await.expect("hashes");
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(
            verify("correct horse battery".into(), Some(phc.clone()))
                .await
                .expect("verifies")
        );
        assert!(
            !verify("wrong horse battery".into(), Some(phc))
                .await
                .expect("verifies")
        );
    }

    #[tokio::test]
    async fn an_unknown_account_never_verifies() {
        assert!(
            !verify("anything at all".into(), None)
                .await
                .expect("verifies")
        );
    }
}
