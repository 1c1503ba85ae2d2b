//! The merchant directory and a merchant's public profile.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::model::{DirectoryPage, DirectoryParams, MerchantProfile};
use super::service;
use crate::components::cards::{ListingCardView, MerchantCardView, TierBadge};
use crate::components::labels;
use crate::components::messages::IgnoredNotices;
use crate::i18n::{t, t_string, td_string, tu_string, use_i18n};
use crate::pages::{Canonical, db, search_db, with_data};
use crate::vocab::{Region, ServiceField, Tier};

#[component]
pub fn DirectoryPageView() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map().with_untracked(|q| DirectoryParams {
        q: q.get("q"),
        tier: q.get("tier"),
        field: q.get("field"),
        region: q.get("region"),
        after: q.get("after"),
    });
    view! {
        <Title text=tu_string!(i18n, directory.title).to_owned()/>
        <Meta name="description" content=move || t_string!(i18n, directory.description)/>
        <Canonical path="/merchants"/>
        <h1>{t!(i18n, directory.title)}</h1>
        <p class="lead">{t!(i18n, directory.lead)}</p>
        {with_data(
            move || {
                let params = params.clone();
                async move {
                    let index = crate::request::state()?.search_index;
                    service::directory(&search_db()?, &index, &params).await
                }
            },
            |page| view! { <Directory page/> },
        )}
    }
}

/// A select of one filter, its current value chosen. A plain GET form: works without JavaScript.
#[component]
fn FilterSelect<T: Copy + PartialEq + Send + Sync + 'static>(
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    options: &'static [T],
    current: Option<T>,
    slug: fn(T) -> &'static str,
    text: fn(crate::i18n::Locale, T) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("filter-{name}");
    view! {
        <div class="field field--inline">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="" selected=current.is_none()>{t!(i18n, directory.any)}</option>
                {options.iter().map(|option| {
                    let option = *option;
                    view! {
                        <option value=slug(option) selected=current == Some(option)>
                            {move || text(i18n.get_locale(), option)}
                        </option>
                    }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn Directory(page: DirectoryPage) -> impl IntoView {
    let i18n = use_i18n();
    let DirectoryPage {
        query,
        tier,
        field,
        region,
        merchants,
        next,
        ignored,
    } = page;
    let next_href = next.map(|after| {
        let pairs: Vec<(&str, String)> = [
            ("q", query.clone()),
            ("tier", tier.map(|t| t.slug().to_owned())),
            ("field", field.map(|f| f.slug().to_owned())),
            ("region", region.map(|r| r.slug().to_owned())),
            ("after", Some(after)),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect();
        format!(
            "/merchants?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    });
    let empty = merchants.is_empty();
    let terms = crate::search::terms_of(query.as_deref());
    view! {
        <IgnoredNotices ignored/>
        <form class="filters card" method="get" action="/merchants">
            <div class="field field--inline field--grow">
                <label for="merchant-q">{t!(i18n, directory.search_label)}</label>
                <input id="merchant-q" type="search" name="q" maxlength="100" value=query.clone().unwrap_or_default()/>
            </div>
            <FilterSelect name="tier" label=Signal::derive(move || t_string!(i18n, directory.filter_tier).to_owned())
                options=Tier::ALL current=tier slug=Tier::slug text=labels::tier/>
            <FilterSelect name="field" label=Signal::derive(move || t_string!(i18n, directory.filter_field).to_owned())
                options=ServiceField::ALL current=field slug=ServiceField::slug text=labels::field/>
            <FilterSelect name="region" label=Signal::derive(move || t_string!(i18n, directory.filter_region).to_owned())
                options=Region::ALL current=region slug=Region::slug text=labels::region/>
            <div class="filters__actions">
                <button class="button" type="submit">{t!(i18n, directory.apply)}</button>
                <a href="/merchants">{t!(i18n, directory.clear)}</a>
            </div>
        </form>
        {if empty {
            view! { <p class="card empty">{t!(i18n, directory.none)}</p> }.into_any()
        } else {
            view! {
                <h2 class="visually-hidden">{t!(i18n, directory.results)}</h2>
                <ul class="card-grid">
                    {merchants.into_iter().map(|merchant| view! { <li><MerchantCardView merchant terms=terms.clone()/></li> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <nav class="pager" aria-label="pagination">
            {next_href.map(|href| view! {
                <a class="button button--quiet" rel="next" href=href>{t!(i18n, directory.next)} " →"</a>
            })}
        </nav>
    }
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    with_data(
        move || {
            let slug = slug.clone();
            async move {
                let db = db()?;
                let profile = service::profile(&db, &slug).await?;
                let own = super::workspace::viewer_works_for(&db, &profile.card.slug).await?;
                Ok((profile, own))
            }
        },
        |(profile, own)| view! { <Profile profile own/> },
    )
}

#[component]
fn Profile(
    profile: MerchantProfile,
    /// Whether the reader works for this merchant: they are offered its editor, not an
    /// inquiry to themselves.
    own: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let profile = StoredValue::new(profile);
    let text = move |pick: fn(&MerchantProfile) -> (&str, &str)| {
        move || {
            profile.with_value(|p| {
                let (zh, en) = pick(p);
                labels::pick(i18n.get_locale(), zh, en).to_owned()
            })
        }
    };
    let name = text(|p| (&p.card.name_zh, &p.card.name_en));
    let p = profile.get_value();
    let tier = p.card.tier;
    let since = p.tier_since.clone();
    let region = p.card.region;
    view! {
        <Title text=profile.with_value(|p| labels::pick(i18n.get_locale_untracked(), &p.card.name_zh, &p.card.name_en).to_owned())/>
        <Meta name="description" content=text(|p| (&p.description_zh, &p.description_en))/>
        <Canonical path=format!("/merchants/{}", p.card.slug)/>
        <article class="profile">
            <header class="card profile__head">
                <h1>{name}</h1>
                <p class="muted">{move || labels::other(i18n.get_locale(), &p.card.name_zh, &p.card.name_en).to_owned()}</p>
                <p class="meta">
                    <TierBadge tier/> " "
                    <span>{move || td_string!(i18n.get_locale(), profile.since, date = since.clone())}</span>
                    " · " {move || labels::region(i18n.get_locale(), region)}
                    <crate::components::cards::RatingBadge rating=p.card.rating/>
                </p>
                <ul class="tags">
                    {p.card.service_fields.iter().copied().map(|f| view! {
                        <li class="tag">{move || labels::field(i18n.get_locale(), f)}</li>
                    }).collect_view()}
                </ul>
                {if own {
                    view! {
                        <p class="muted" data-testid="own-profile">
                            {t!(i18n, profile.yours)} " "
                            <a href="/merchant/profile">{t!(i18n, profile.edit_yours)}</a>
                        </p>
                    }.into_any()
                } else {
                    view! {
                        <p><a class="button button--quiet" href=format!("/inquiries/new?merchant={}", p.card.slug)>{t!(i18n, inquiries.ask)}</a></p>
                    }.into_any()
                }}
            </header>
            <div class="profile__body">
                <section class="card">
                    <h2>{t!(i18n, profile.about)}</h2>
                    <p class="prose">{text(|p| (&p.description_zh, &p.description_en))}</p>
                    <dl class="facts">
                        <dt>{t!(i18n, profile.legal_name)}</dt><dd>{p.legal_name.clone()}</dd>
                        <dt>{t!(i18n, profile.uscc)}</dt><dd><code>{p.uscc.clone()}</code></dd>
                        {p.founded_year.map(|year| view! { <dt>{t!(i18n, profile.founded)}</dt><dd>{year}</dd> })}
                        {(!p.certifications.is_empty()).then(|| view! {
                            <dt>{t!(i18n, profile.certifications)}</dt>
                            <dd>{p.certifications.iter().map(|c| view! { <span class="tag">{c.clone()}</span> " " }).collect_view()}</dd>
                        })}
                        {p.website.clone().map(|site| view! {
                            <dt>{t!(i18n, profile.website)}</dt>
                            <dd><a href=site.clone() rel="nofollow noopener external">{site.clone()}</a></dd>
                        })}
                        {p.contact_email.clone().map(|email| view! {
                            <dt>{t!(i18n, profile.contact)}</dt>
                            <dd><a href=format!("mailto:{email}") rel="external">{email.clone()}</a></dd>
                        })}
                    </dl>
                </section>
                <section>
                    <h2>{t!(i18n, profile.listings_heading)}</h2>
                    {if p.listings.is_empty() {
                        view! { <p class="card empty">{t!(i18n, profile.no_listings)}</p> }.into_any()
                    } else {
                        view! {
                            <ol class="listing-list">
                                {p.listings.clone().into_iter().map(|listing| view! { <li><ListingCardView listing/></li> }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                </section>
            </div>
        </article>
    }
}
