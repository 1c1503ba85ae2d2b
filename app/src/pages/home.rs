use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::Canonical;
use crate::components::cards::MerchantCardView;
use crate::components::labels;
use crate::i18n::{t, t_string, use_i18n};
use crate::merchants::service::formation;
use crate::vocab::{Industry, ServiceField, Tier};

/// The front door: the formation at a glance, a search box, and ways in by field and industry.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=""/>
        <Meta name="description" content=move || t_string!(i18n, home.description)/>
        <Canonical path="/"/>
        <section class="hero">
            <h1>{t!(i18n, home.title)}</h1>
            <p class="lead">{t!(i18n, home.lead)}</p>
            <form class="search-bar" method="get" action="/catalog" role="search">
                <label class="visually-hidden" for="home-q">{t!(i18n, home.search_label)}</label>
                <input id="home-q" type="search" name="q" maxlength="100"
                    placeholder=move || t_string!(i18n, home.search_placeholder)/>
                <button class="button" type="submit">{t!(i18n, home.search_button)}</button>
            </form>
        </section>
        {super::with_data(
            || async {
                let index = crate::request::state()?.search_index;
                formation(&super::db()?, &index).await
            },
            move |formation| {
                let merchants: i64 = formation.per_tier.iter().map(|(_, n)| n).sum();
                let per_field = formation.per_field.clone();
                view! {
                    <section aria-labelledby="formation-heading">
                        <h2 id="formation-heading">{t!(i18n, home.formation_heading)}</h2>
                        <ul class="stats">
                            <li class="stat card">
                                <span class="stat__number">{merchants}</span>
                                <span class="stat__label">{t!(i18n, home.merchants_count)}</span>
                            </li>
                            {formation.per_tier.into_iter().map(|(tier, n)| view! {
                                <li class="stat card">
                                    <a class="stat__number" href=format!("/merchants?tier={}", tier.slug())>{n}</a>
                                    <span class="stat__label">{move || labels::tier(i18n.get_locale(), tier)}</span>
                                </li>
                            }).collect_view()}
                            <li class="stat card">
                                <a class="stat__number" href="/catalog">{formation.listings}</a>
                                <span class="stat__label">{t!(i18n, home.listings_count)}</span>
                            </li>
                        </ul>
                    </section>
                    <section aria-labelledby="fields-heading">
                        <h2 id="fields-heading">{t!(i18n, home.by_field)}</h2>
                        <ul class="chips">
                            {ServiceField::ALL.iter().copied().map(|field| {
                                let n = per_field.iter().find(|(f, _)| *f == field).map_or(0, |(_, n)| *n);
                                view! {
                                    <li><a class="chip" href=format!("/merchants?field={}", field.slug())>
                                        {move || labels::field(i18n.get_locale(), field)}
                                        <span class="chip__count">{n}</span>
                                    </a></li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                    <section aria-labelledby="industry-heading">
                        <h2 id="industry-heading">{t!(i18n, home.by_industry)}</h2>
                        <ul class="chips">
                            {Industry::ALL.iter().copied().map(|industry| view! {
                                <li><a class="chip" href=format!("/catalog?industry={}", industry.slug())>
                                    {move || labels::industry(i18n.get_locale(), industry)}
                                </a></li>
                            }).collect_view()}
                        </ul>
                    </section>
                    <section aria-labelledby="leading-heading">
                        <h2 id="leading-heading">{t!(i18n, home.leading_heading)}</h2>
                        <ul class="card-grid">
                            {formation.leading.into_iter().map(|merchant| view! { <li><MerchantCardView merchant/></li> }).collect_view()}
                        </ul>
                        <p><a class="button button--quiet" href=format!("/merchants?tier={}", Tier::Leading.slug())>
                            {t!(i18n, home.all_merchants)} " →"
                        </a></p>
                    </section>
                }
            },
        )}
    }
}
