use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::accounts::api::get_current_user;
use crate::i18n::{t, t_string, use_i18n};

/// The front door: what Shushang is, and the way in for buyers.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let user = Resource::new(|| (), |_| get_current_user());
    view! {
        <Title text=""/>
        <Meta name="description" content=move || t_string!(i18n, home.description)/>
        <section class="hero">
            <h1>{t!(i18n, home.title)}</h1>
            <p class="lead">{t!(i18n, home.lead)}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(_)) => view! {
                            <p><a class="button" href="/account">{t!(i18n, home.cta_account)}</a></p>
                        }.into_any(),
                        _ => view! {
                            <p class="hero__actions">
                                <a class="button" href="/register">{t!(i18n, home.cta_register)}</a>
                                " "
                                <a class="button button--quiet" href="/login">{t!(i18n, home.cta_sign_in)}</a>
                            </p>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <section>
            <h2>{t!(i18n, home.fields_heading)}</h2>
            <ul class="field-list">
                <li class="card">{t!(i18n, home.field_technology)}</li>
                <li class="card">{t!(i18n, home.field_product)}</li>
                <li class="card">{t!(i18n, home.field_operation)}</li>
                <li class="card">{t!(i18n, home.field_circulation)}</li>
                <li class="card">{t!(i18n, home.field_security)}</li>
            </ul>
        </section>
    }
}
