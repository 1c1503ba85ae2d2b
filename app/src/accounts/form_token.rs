//! The anti-forgery token of a session, which the console's forms carry and its actions
//! check. The cross-site check already refuses posts from other sites; this one also
//! refuses a same-origin post the operator never saw as our form: markup planted in a
//! page (a stored `<form action=/api/admin/…>`) cannot know the token, so an escape
//! missed one day still cannot drive an operator action.
//!
//! The token is the SHA-256 of the session's id under a label of its own: a new one for
//! every session (the id changes at sign-in), nothing to store, and readable while a
//! page renders without waiting on the session store. The id is a 128-bit secret that
//! only the HttpOnly cookie carries, so the token cannot be made without it, and the
//! hash gives nothing of the id back.

use sha2::{Digest, Sha256};
use tower_sessions::Session;

use crate::error::AppError;

/// The form field that carries the token.
pub const FIELD: &str = "form_token";

/// This request's token, if it has a session (a signed-in page always does).
pub fn current() -> Option<String> {
    let session = crate::request::extension::<Session>()?;
    Some(of_session(&session.id()?.to_string()))
}

/// The token of the session whose id (as its cookie carries it) is `session_id`.
pub fn of_session(session_id: &str) -> String {
    let digest = Sha256::new()
        .chain_update(b"shushang form token\0")
        .chain_update(session_id.as_bytes())
        .finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// `Ok` when `given` is this session's token; a post without it, or with another
/// session's, is refused as a forgery (403, told as a request from elsewhere).
pub fn check(given: &str) -> Result<(), AppError> {
    let expected = current().unwrap_or_default();
    // Compared in time that does not depend on where they differ.
    let same = expected.len() == given.len()
        && expected
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if same && !expected.is_empty() {
        Ok(())
    } else {
        Err(AppError::CrossSite)
    }
}
