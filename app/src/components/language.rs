//! The language switch. The choice is a cookie written by the server: the form posts
//! and the server sends the browser back to the page, now rendered in that language.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{Locale, t_string, use_i18n};
use leptos_i18n::Locale as _;

/// Remembers `lang` as the visitor's language for a year.
#[server(endpoint = "set_language")]
pub async fn set_language(lang: String) -> Result<Locale, AppError> {
    let locale: Locale = lang.parse().map_err(|_| AppError::BadRequest)?;
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        crate::LANG_COOKIE,
        locale.as_str()
    );
    let value = http::HeaderValue::from_str(&cookie).map_err(|_| AppError::BadRequest)?;
    expect_context::<leptos_axum::ResponseOptions>().append_header(http::header::SET_COOKIE, value);
    Ok(locale)
}

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SetLanguage>::new();
    let option = move |locale: Locale, label: &'static str, lang: &'static str| {
        view! {
            <ActionForm action>
                <input type="hidden" name="lang" value=locale.as_str()/>
                <button type="submit" lang=lang aria-pressed=(i18n.get_locale_untracked() == locale).to_string()>
                    {label}
                </button>
            </ActionForm>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || t_string!(i18n, nav.language)>
            {option(Locale::en, "EN", "en")}
            {option(Locale::zh, "中文", "zh-CN")}
        </div>
    }
}
