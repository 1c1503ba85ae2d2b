//! Cards and badges that several pages show.

use leptos::prelude::*;

use super::labels;
use crate::catalog::model::ListingCard;
use crate::i18n::{t, use_i18n};
use crate::merchants::model::MerchantCard;
use crate::search::{Term, highlight};
use crate::vocab::Tier;

/// `text` with what a search matched in it marked (`<mark>`); plain without a search.
#[component]
pub fn Marked(text: String, #[prop(optional)] terms: Vec<Term>) -> impl IntoView {
    highlight(&text, &terms)
        .into_iter()
        .map(|(part, hit)| match hit {
            true => view! { <mark>{part.to_owned()}</mark> }.into_any(),
            false => part.to_owned().into_any(),
        })
        .collect_view()
}

#[component]
pub fn TierBadge(tier: Tier) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("badge badge--{}", tier.slug())>{move || labels::tier(i18n.get_locale(), tier)}</span>
    }
}

/// A merchant's average stars and number of reviews (nothing before the first review).
#[component]
pub fn RatingBadge(rating: crate::deals::model::Rating) -> impl IntoView {
    let i18n = use_i18n();
    rating.average().map(|average| {
        let count = rating.count;
        view! {
            " · "
            <span class="rating" data-testid="rating">
                "★ " {average.clone()}
                <span class="muted">{move || crate::i18n::td_string!(i18n.get_locale(), orders.reviews, count = count)}</span>
            </span>
        }
    })
}

#[component]
pub fn MerchantCardView(
    merchant: MerchantCard,
    /// The terms of the search that found it, to mark in its name and summary.
    #[prop(optional)]
    terms: Vec<Term>,
) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/merchants/{}", merchant.slug);
    let MerchantCard {
        name_zh,
        name_en,
        summary_zh,
        summary_en,
        tier,
        service_fields,
        region,
        rating,
        ..
    } = merchant;
    let (name_zh2, name_en2) = (name_zh.clone(), name_en.clone());
    let (terms2, terms3) = (terms.clone(), terms.clone());
    view! {
        <article class="card merchant-card">
            <h3 class="merchant-card__name">
                <a href=href>{move || {
                    let text = labels::pick(i18n.get_locale(), &name_zh, &name_en).to_owned();
                    view! { <Marked text terms=terms.clone()/> }
                }}</a>
            </h3>
            <p class="merchant-card__alt" aria-hidden="true">
                {move || {
                    let text = labels::other(i18n.get_locale(), &name_zh2, &name_en2).to_owned();
                    view! { <Marked text terms=terms3.clone()/> }
                }}
            </p>
            <p class="meta">
                <TierBadge tier/>
                " · "
                {move || labels::region(i18n.get_locale(), region)}
                <RatingBadge rating/>
            </p>
            <p class="merchant-card__summary">
                {move || {
                    let text = labels::pick(i18n.get_locale(), &summary_zh, &summary_en).to_owned();
                    view! { <Marked text terms=terms2.clone()/> }
                }}
            </p>
            <ul class="tags" aria-label=move || crate::i18n::t_string!(i18n, profile.fields)>
                {service_fields
                    .into_iter()
                    .map(|f| view! { <li class="tag">{move || labels::field(i18n.get_locale(), f)}</li> })
                    .collect_view()}
            </ul>
        </article>
    }
}

#[component]
pub fn ListingCardView(
    listing: ListingCard,
    /// The terms of the search that found it, to mark in its title and summary.
    #[prop(optional)]
    terms: Vec<Term>,
) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/catalog/{}", listing.slug);
    let merchant_href = format!("/merchants/{}", listing.merchant_slug);
    let ListingCard {
        title_zh,
        title_en,
        summary_zh,
        summary_en,
        kind,
        pricing_model,
        price_fen,
        merchant_name_zh,
        merchant_name_en,
        merchant_tier,
        ..
    } = listing;
    let terms2 = terms.clone();
    view! {
        <article class="card listing-card">
            <p class="meta">
                <span class=format!("kind kind--{}", kind.slug())>{move || labels::kind(i18n.get_locale(), kind)}</span>
            </p>
            <h3 class="listing-card__title">
                <a href=href>{move || {
                    let text = labels::pick(i18n.get_locale(), &title_zh, &title_en).to_owned();
                    view! { <Marked text terms=terms.clone()/> }
                }}</a>
            </h3>
            <p class="listing-card__summary">
                {move || {
                    let text = labels::pick(i18n.get_locale(), &summary_zh, &summary_en).to_owned();
                    view! { <Marked text terms=terms2.clone()/> }
                }}
            </p>
            <p class="listing-card__foot">
                <span class="price">{move || labels::price(i18n.get_locale(), pricing_model, price_fen)}</span>
                <span class="listing-card__merchant">
                    {t!(i18n, catalog.by)} " "
                    <a href=merchant_href>
                        {move || labels::pick(i18n.get_locale(), &merchant_name_zh, &merchant_name_en).to_owned()}
                    </a>
                    " " <TierBadge tier=merchant_tier/>
                </span>
            </p>
        </article>
    }
}
