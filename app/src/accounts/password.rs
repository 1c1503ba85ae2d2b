//! Password hashing: argon2id with the OWASP parameters, off the async runtime.

use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::{Arc, LazyLock};
use tokio::sync::Semaphore;

use super::model::NewPassword;
use crate::error::{AppError, Reason};

/// Least zxcvbn score a new password needs. 2 means about a million guesses or more:
/// it refuses every password on zxcvbn's 30,000-entry list, and dictionary words with
/// digits, years or l33t added, keyboard walks and dates. 3 would also refuse eight
/// Chinese characters, which zxcvbn prices as ten guesses each.
const LEAST_SCORE: zxcvbn::Score = zxcvbn::Score::Two;

/// A new password: 8–128 characters ([`NewPassword::parse`]), not guessable, and not
/// made of what the site knows of its owner (`about_owner`: e-mail, name). The estimate
/// takes milliseconds of CPU for long inputs, so it runs where hashes run, under their bound.
pub async fn new_password(
    raw: &str,
    about_owner: &[&str],
) -> Result<Result<NewPassword, Reason>, AppError> {
    let password = match NewPassword::parse(raw) {
        Ok(password) => password,
        Err(reason) => return Ok(Err(reason)),
    };
    let owner_words = owner_words(about_owner);
    run_blocking(move || {
        let owner_words: Vec<&str> = owner_words.iter().map(String::as_str).collect();
        let score = zxcvbn::zxcvbn(password.expose(), &owner_words).score();
        Ok(if score < LEAST_SCORE {
            Err(Reason::PasswordCommon)
        } else {
            Ok(password)
        })
    })
    .await
}

/// `wang.fang@example.com` and `Wang Fang` as the words zxcvbn should know: each piece
/// (`wang`, `fang`, `example`) and each text with its separators dropped (`wangfang`).
fn owner_words(about_owner: &[&str]) -> Vec<String> {
    let mut words = Vec::new();
    for text in about_owner {
        let text = text.to_lowercase();
        let local = text.split('@').next().unwrap_or_default();
        words.push(local.chars().filter(|c| c.is_alphanumeric()).collect());
        words.extend(
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|piece| piece.chars().count() >= 3)
                .map(str::to_owned),
        );
    }
    words.retain(|w: &String| !w.is_empty());
    words
}

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

/// Argon2id for recovery codes: m = 8 MiB, t = 1, p = 1. A code is checked against
/// every unused code of its account (salted hashes cannot be looked up), so one attempt
/// runs up to ten of these: about 10 ms each, 0.1 s in all, where the password's
/// parameters would take half a second. A code holds 50 random bits, so even this
/// lighter hash leaves someone holding the table 2^49 hashes per code to try: some
/// hundred thousand core-years.
fn recovery_argon2id() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(8 * 1024, 1, 1, None).map_err(|e| {
        tracing::error!(error = %e, "invalid argon2 parameters");
        AppError::Unexpected
    })?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// PHC strings, each with a fresh salt, for `secrets` (recovery codes' digests), hashed
/// one after another off the async runtime.
pub async fn seal_codes(secrets: Vec<Vec<u8>>) -> Result<Vec<String>, AppError> {
    run_blocking(move || {
        let argon2 = recovery_argon2id()?;
        secrets
            .iter()
            .map(|secret| {
                argon2
                    .hash_password(secret)
                    .map(|hash| hash.to_string())
                    .map_err(|e| {
                        tracing::error!(error = %e, "hashing a recovery code failed");
                        AppError::Unexpected
                    })
            })
            .collect()
    })
    .await
}

/// Which of `sealed` (PHC strings from [`seal_codes`]) holds `secret`, if any.
pub async fn find_sealed(secret: Vec<u8>, sealed: Vec<String>) -> Result<Option<usize>, AppError> {
    run_blocking(move || {
        let argon2 = recovery_argon2id()?;
        Ok(sealed.iter().position(|phc| {
            PasswordHash::new(phc)
                .is_ok_and(|parsed| argon2.verify_password(&secret, &parsed).is_ok())
        }))
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

    #[tokio::test]
    async fn a_sealed_code_is_found_among_others_and_ten_take_well_under_a_second() {
        let secrets: Vec<Vec<u8>> = (0u8..10).map(|i| vec![i; 32]).collect();
        let sealed = seal_codes(secrets.clone()).await.expect("seals");
        assert!(
            sealed
                .iter()
                .all(|phc| phc.starts_with("$argon2id$v=19$m=8192,t=1,p=1$"))
        );
        assert_ne!(
            sealed[0],
            seal_codes(vec![secrets[0].clone()]).await.expect("seals")[0]
        );
        let started = std::time::Instant::now();
        let found = find_sealed(secrets[9].clone(), sealed.clone())
            .await
            .expect("checks");
        assert!(
            started.elapsed() < std::time::Duration::from_millis(500),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(found, Some(9));
        assert_eq!(
            find_sealed(vec![42; 32], sealed).await.expect("checks"),
            None
        );
    }

    async fn check(raw: &str, about_owner: &[&str]) -> Result<NewPassword, Reason> {
        new_password(raw, about_owner).await.expect("runs")
    }

    #[tokio::test]
    async fn common_and_guessable_passwords_are_refused() {
        for raw in [
            "password",
            "12345678",
            "Password1",
            "QWERTYUIOP",
            "iloveyou",
            "sunshine2026",
            "P@ssw0rd!",
            "1qaz2wsx3edc",
            "19870412",
        ] {
            assert_eq!(
                check(raw, &[]).await.err(),
                Some(Reason::PasswordCommon),
                "{raw}"
            );
        }
    }

    #[tokio::test]
    async fn a_password_made_of_its_owners_address_is_refused() {
        let context = ["wang.fang@example.com", "Wang Fang"];
        assert_eq!(
            check("wangfang2026", &context).await.err(),
            Some(Reason::PasswordCommon)
        );
    }

    #[tokio::test]
    async fn long_unusual_passwords_pass_and_lengths_still_count() {
        for raw in [
            "correct horse battery",
            "shushang-demo-2026",
            "蓝色的数据集很贵",
        ] {
            assert!(check(raw, &[]).await.is_ok(), "{raw}");
        }
        assert_eq!(
            check("short", &[]).await.err(),
            Some(Reason::PasswordTooShort)
        );
        assert_eq!(
            check(&"x".repeat(129), &[]).await.err(),
            Some(Reason::PasswordTooLong)
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
