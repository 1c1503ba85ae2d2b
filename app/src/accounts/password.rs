//! Password hashing: argon2id with the OWASP parameters, off the async runtime.

use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::{Arc, LazyLock};
use tokio::sync::Semaphore;

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

/// Hashes running at once: each takes 19 MiB and a core for a while, so hundreds of
/// parallel sign-ins wait their turn here instead of exhausting memory and the blocking pool.
pub fn hashing_permits() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

static HASHING: LazyLock<Arc<Semaphore>> =
    LazyLock::new(|| Arc::new(Semaphore::new(hashing_permits())));

/// Runs `work` on the blocking pool once a hashing permit is free. The permit moves
/// into the task, so a caller that gives up does not free it before the work ends.
async fn run_blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let permit = HASHING.clone().acquire_owned().await.map_err(|e| {
        tracing::error!(error = %e, "the hashing semaphore closed");
        AppError::Unexpected
    })?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        #[cfg(test)]
        let _running = gauge::Running::start();
        work()
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "password task panicked");
        AppError::Unexpected
    })?
}

#[cfg(test)]
mod gauge {
    //! The most hashes that ever ran at once, for the test of the bound.
    use std::sync::atomic::{AtomicUsize, Ordering};

    static RUNNING: AtomicUsize = AtomicUsize::new(0);
    pub static PEAK: AtomicUsize = AtomicUsize::new(0);

    pub struct Running;

    impl Running {
        pub fn start() -> Self {
            let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
            PEAK.fetch_max(now, Ordering::SeqCst);
            Self
        }
    }

    impl Drop for Running {
        fn drop(&mut self) {
            RUNNING.fetch_sub(1, Ordering::SeqCst);
        }
    }
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

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_hashes_run_at_once_than_there_are_permits() {
        let attempts = (0..hashing_permits() * 4 + 2)
            .map(|_| tokio::spawn(verify("a guess".into(), None)))
            .collect::<Vec<_>>();
        for attempt in attempts {
            attempt.await.expect("joins").expect("verifies");
        }
        let peak = gauge::PEAK.load(std::sync::atomic::Ordering::SeqCst);
        assert!(peak >= 1 && peak <= hashing_permits(), "peak {peak}");
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
