use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::i18n::{t, tu_string, use_i18n};

/// Any path no route matches: a real page, with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <Title text=tu_string!(i18n, not_found.title).to_owned()/>
        <Meta name="robots" content="noindex"/>
        <section class="card error-page">
            <p class="error-page__code" aria-hidden="true">"404"</p>
            <h1>{t!(i18n, not_found.title)}</h1>
            <p>{t!(i18n, not_found.body)}</p>
            <p><a class="button" href="/">{t!(i18n, not_found.home)}</a></p>
        </section>
    }
}
