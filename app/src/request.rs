//! Facts about the current request that server functions and pages need (server only).

use http::request::Parts;
use leptos::prelude::with_context;

use crate::error::AppError;
use crate::state::AppState;

/// The script nonce the security middleware put in this response's CSP.
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);

/// `read` of the request currently being served (as leptos_axum provides it), in place:
/// cloning the whole `Parts`, headers and all, for one fact would cost every page.
pub(crate) fn with_parts<R>(read: impl FnOnce(&Parts) -> R) -> Option<R> {
    with_context::<Parts, _>(read)
}

/// A value the server's middleware put into this request's extensions.
pub fn extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
    with_parts(|p| p.extensions.get::<T>().cloned()).flatten()
}

pub fn csp_nonce() -> Option<String> {
    extension::<CspNonce>().map(|n| n.0)
}

/// Who is asking, as throttles count clients: the server's client middleware decides
/// (the peer, or the client behind trusted proxies; IPv6 by its /64).
#[derive(Debug, Clone)]
pub struct ClientKey(pub String);

pub fn client_key() -> String {
    extension::<ClientKey>().map_or_else(|| "unknown".to_owned(), |k| k.0)
}

/// The client's own address (IPv6 whole, unlike [`ClientKey`]), for security logs.
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

/// The path asked for, without its query (which may hold a token).
pub fn path() -> Option<String> {
    with_parts(|p| p.uri.path().to_owned())
}

pub fn state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Unexpected
    })
}

/// The session key of a [`FormVerdict`] on its way to the next page view; a sign-in
/// drops it, so that it never ends up in (and, taken, deletes) a signed-in session.
pub const FORM_VERDICT: &str = "form_verdict";

/// The verdict on a form posted without JavaScript, as server_fn encoded it (the server
/// function's path and its encoded error), carried to the next page view in the session.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FormVerdict {
    pub path: String,
    pub err: String,
}

/// The signed-in user of one request, looked up at most once however many parts of
/// the page (header, page, server functions) ask. The server puts an empty one into
/// every request's extensions; clones of the request's parts share it.
#[derive(Clone, Default)]
pub struct UserOnce(
    pub std::sync::Arc<tokio::sync::OnceCell<Option<crate::accounts::model::CurrentUser>>>,
);

pub fn user_once() -> Option<UserOnce> {
    extension::<UserOnce>()
}

pub fn form_verdict() -> Option<FormVerdict> {
    extension::<FormVerdict>()
}

/// The reader's language for this request: see [`locale_of`].
pub fn locale() -> crate::i18n::Locale {
    with_parts(|parts| locale_of(&parts.headers)).unwrap_or_default()
}

/// Leaves exactly one `lang` cookie in the request: the language [`locale_of`] chooses.
/// The renderer (leptos_i18n, through leptos_use's cookie parser) reads that cookie its
/// own way, keeping the last of several and percent-decoding it, where `locale_of` keeps
/// the first, as it is; so `lang=en; lang=zh` or `lang=%7A%68` once rendered a Chinese
/// page that the page cache kept as English. After this, both read the same cookie.
pub fn settle_locale(headers: &mut http::HeaderMap) {
    use leptos_i18n::Locale as _;
    let locale = locale_of(headers);
    let others: Vec<String> = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .map(str::trim)
        .filter(|cookie| !cookie.is_empty() && cookie_name(cookie) != crate::LANG_COOKIE)
        .map(str::to_owned)
        .collect();
    let settled = std::iter::once(format!("{}={}", crate::LANG_COOKIE, locale.as_str()))
        .chain(others)
        .collect::<Vec<_>>()
        .join("; ");
    headers.remove(http::header::COOKIE);
    if let Ok(value) = http::HeaderValue::from_str(&settled) {
        headers.insert(http::header::COOKIE, value);
    }
}

fn cookie_name(cookie: &str) -> &str {
    cookie
        .split_once('=')
        .map_or(cookie, |(name, _)| name)
        .trim()
}

/// The reader's language by a request's headers: the `lang` cookie the language switch
/// sets, else the best match of Accept-Language, else English.
pub fn locale_of(headers: &http::HeaderMap) -> crate::i18n::Locale {
    use leptos_i18n::Locale as _;
    let chosen = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|cookie| cookie.trim().split_once('='))
        .find(|(name, _)| name.trim() == crate::LANG_COOKIE)
        .and_then(|(_, value)| value.parse().ok());
    chosen.unwrap_or_else(|| {
        let accepted: Vec<&str> = headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .split(',')
            .filter_map(|tag| tag.split(';').next())
            .map(str::trim)
            .filter(|tag| !tag.is_empty())
            .collect();
        crate::i18n::Locale::find_locale(&accepted)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn headers(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    http::HeaderName::from_static(name),
                    http::HeaderValue::from_str(value).expect("a value"),
                )
            })
            .collect()
    }

    fn settled(pairs: &[(&'static str, &str)]) -> String {
        let mut headers = headers(pairs);
        settle_locale(&mut headers);
        headers
            .get(http::header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .expect("one cookie header")
            .to_owned()
    }

    #[test]
    fn two_language_cookies_settle_on_the_first_as_the_cache_keys_it() {
        assert_eq!(settled(&[("cookie", "lang=en; lang=zh")]), "lang=en");
        assert_eq!(
            locale_of(&headers(&[("cookie", "lang=en; lang=zh")])),
            Locale::en
        );
    }

    #[test]
    fn an_encoded_language_cookie_is_not_read_and_accept_language_decides() {
        let cookie = ("cookie", "lang=%7A%68");
        assert_eq!(settled(&[cookie]), "lang=en");
        assert_eq!(
            settled(&[cookie, ("accept-language", "zh-CN,zh;q=0.9")]),
            "lang=zh"
        );
    }

    #[test]
    fn other_cookies_stay_and_a_missing_language_is_written_in() {
        assert_eq!(
            settled(&[("cookie", "id=abc; lang=zh"), ("cookie", "x=1")]),
            "lang=zh; id=abc; x=1"
        );
        assert_eq!(settled(&[("accept-language", "zh")]), "lang=zh");
    }
}
