//! The catalog search page and the listing page.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::model::{CatalogFilters, CatalogPage, CatalogParams, ListingDetail, Sort};
use super::service;
use crate::components::cards::{ListingCardView, TierBadge};
use crate::components::labels;
use crate::components::messages::IgnoredNotices;
use crate::i18n::{Locale, t, t_string, td_string, tu_string, use_i18n};
use crate::pages::{Canonical, db, search_db, with_data};

/// The catalog URL for the current search with one parameter changed (`None` removes
/// it). Changing anything starts again from the first page.
fn catalog_href(page: &CatalogPage, name: &str, value: Option<&str>) -> String {
    let f = &page.filters;
    let sort =
        (page.sort != Sort::Relevance && page.sort != Sort::Newest).then_some(page.sort.slug());
    let current: [(&str, Option<&str>); 9] = [
        ("q", page.query.as_deref()),
        ("kind", f.kind.map(|v| v.slug())),
        ("field", f.field.map(|v| v.slug())),
        ("industry", f.industry.map(|v| v.slug())),
        ("delivery", f.delivery.map(|v| v.slug())),
        ("pricing", f.pricing.map(|v| v.slug())),
        ("tier", f.tier.map(|v| v.slug())),
        ("region", f.region.map(|v| v.slug())),
        ("sort", sort),
    ];
    let pairs: Vec<(&str, &str)> = current
        .iter()
        .map(|(k, v)| if *k == name { (*k, value) } else { (*k, *v) })
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .chain((name == "after").then_some(("after", value.unwrap_or_default())))
        .collect();
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    if query.is_empty() {
        "/catalog".to_owned()
    } else {
        format!("/catalog?{query}")
    }
}

/// The same search without any filter.
fn clear_href(page: &CatalogPage) -> String {
    match &page.query {
        Some(q) => format!(
            "/catalog?{}",
            serde_urlencoded::to_string([("q", q)]).unwrap_or_default()
        ),
        None => "/catalog".to_owned(),
    }
}

fn params_from_url() -> CatalogParams {
    use_query_map().with_untracked(|q| CatalogParams {
        q: q.get("q"),
        kind: q.get("kind"),
        field: q.get("field"),
        industry: q.get("industry"),
        delivery: q.get("delivery"),
        pricing: q.get("pricing"),
        tier: q.get("tier"),
        region: q.get("region"),
        sort: q.get("sort"),
        after: q.get("after"),
    })
}

#[component]
pub fn CatalogSearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = params_from_url();
    let typed = params.q.clone().unwrap_or_default();
    view! {
        <Title text=tu_string!(i18n, catalog.title).to_owned()/>
        <Meta name="description" content=move || t_string!(i18n, catalog.description)/>
        <Canonical path="/catalog"/>
        <h1>{t!(i18n, catalog.title)}</h1>
        <p class="lead">{t!(i18n, catalog.lead)}</p>
        <form class="search-bar" method="get" action="/catalog" role="search">
            <label class="visually-hidden" for="catalog-q">{t!(i18n, catalog.search_label)}</label>
            <input id="catalog-q" type="search" name="q" maxlength="100"
                value=typed
                placeholder=move || t_string!(i18n, home.search_placeholder)/>
            <button class="button" type="submit">{t!(i18n, home.search_button)}</button>
        </form>
        {with_data(
            move || {
                let params = params.clone();
                async move {
                    let index = crate::request::state()?.search_index;
                    service::search(&search_db()?, &index, &params).await
                }
            },
            |page| view! { <Results page/> },
        )}
    }
}

#[component]
fn Results(page: CatalogPage) -> impl IntoView {
    let i18n = use_i18n();
    let page = StoredValue::new(page);
    let total = page.with_value(|p| p.total);
    let query = page.with_value(|p| p.query.clone());
    let terms = crate::search::terms_of(query.as_deref());
    let has_filters = page.with_value(|p| p.filters != CatalogFilters::default());
    let summary = move || match &query {
        Some(q) => td_string!(
            i18n.get_locale(),
            catalog.results_for,
            count = total,
            query = q.clone()
        ),
        None => td_string!(i18n.get_locale(), catalog.results, count = total),
    };
    view! {
        <IgnoredNotices ignored=page.with_value(|p| p.ignored.clone())/>
        <div class="catalog">
            <aside class="facets" id="filters">
                <details class="facets__details" open=true>
                    <summary>{t!(i18n, catalog.filters)}</summary>
                    <FacetLists page/>
                    {has_filters.then(|| view! {
                        <p><a href=page.with_value(clear_href)>{t!(i18n, catalog.clear)}</a></p>
                    })}
                </details>
            </aside>
            <section class="results" aria-live="polite">
                <div class="results__head">
                    <p class="results__count">{summary}</p>
                    <a class="jump-to-filters" href="#filters">{t!(i18n, catalog.filters)} " ↓"</a>
                    <SortLinks page/>
                </div>
                {if page.with_value(|p| p.listings.is_empty()) {
                    view! {
                        <div class="card empty">
                            <p><strong>{t!(i18n, catalog.none)}</strong></p>
                            <p>{t!(i18n, catalog.none_hint)}</p>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <ol class="listing-list">
                            {page.with_value(|p| p.listings.clone()).into_iter()
                                .map(|listing| view! { <li><ListingCardView listing terms=terms.clone()/></li> })
                                .collect_view()}
                        </ol>
                    }.into_any()
                }}
                <nav class="pager" aria-label="pagination">
                    {page.with_value(|p| p.next.clone()).map(|next| view! {
                        <a class="button button--quiet" rel="next"
                            href=page.with_value(|p| catalog_href(p, "after", Some(&next)))>
                            {t!(i18n, catalog.next)} " →"
                        </a>
                    })}
                </nav>
            </section>
        </div>
    }
}

#[component]
fn SortLinks(page: StoredValue<CatalogPage>) -> impl IntoView {
    let i18n = use_i18n();
    let current = page.with_value(|p| p.sort);
    let has_query = page.with_value(|p| p.query.is_some());
    let link = move |sort: Sort, label: fn(Locale) -> &'static str| {
        let href = page.with_value(|p| catalog_href(p, "sort", Some(sort.slug())));
        view! {
            <a href=href aria-current=(current == sort).then_some("true")>{move || label(i18n.get_locale())}</a>
        }
    };
    view! {
        <p class="sort">
            <span>{t!(i18n, catalog.sort)} ": "</span>
            {has_query.then(|| link(Sort::Relevance, |l| td_string!(l, catalog.sort_relevance)))}
            {link(Sort::Newest, |l| td_string!(l, catalog.sort_newest))}
            {link(Sort::Price, |l| td_string!(l, catalog.sort_price))}
        </p>
    }
}

/// One list of links per filter, each value with the number of results it would give.
#[component]
fn FacetLists(page: StoredValue<CatalogPage>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let locale = i18n.get_locale();
        page.with_value(|p| {
            let f = &p.facets;
            let group = |title: &'static str, name: &'static str, active: Option<&'static str>, items: Vec<(&'static str, String, i64)>| {
                let links = items.into_iter().map(|(slug, label, n)| {
                    let is_active = active == Some(slug);
                    let href = catalog_href(p, name, (!is_active).then_some(slug));
                    view! {
                        <li>
                            <a href=href aria-current=is_active.then_some("true") class:facet--active=is_active>
                                <span>{label}</span>
                                <span class="facet__count">{if is_active { "×".to_owned() } else { n.to_string() }}</span>
                            </a>
                        </li>
                    }
                }).collect_view();
                view! {
                    <section class="facet">
                        <h2 class="facet__title">{title}</h2>
                        <ul class="facet__list">{links}</ul>
                    </section>
                }
            };
            let fl = &p.filters;
            view! {
                {group(td_string!(locale, catalog.facet_kind), "kind", fl.kind.map(|v| v.slug()),
                    f.kind.iter().map(|(v, n)| (v.slug(), labels::kind(locale, *v).to_owned(), *n)).collect())}
                {group(td_string!(locale, directory.filter_field), "field", fl.field.map(|v| v.slug()),
                    f.field.iter().map(|(v, n)| (v.slug(), labels::field(locale, *v).to_owned(), *n)).collect())}
                {group(td_string!(locale, listing.industries), "industry", fl.industry.map(|v| v.slug()),
                    f.industry.iter().map(|(v, n)| (v.slug(), labels::industry(locale, *v).to_owned(), *n)).collect())}
                {group(td_string!(locale, listing.delivery), "delivery", fl.delivery.map(|v| v.slug()),
                    f.delivery.iter().map(|(v, n)| (v.slug(), labels::delivery(locale, *v).to_owned(), *n)).collect())}
                {group(td_string!(locale, catalog.facet_pricing), "pricing", fl.pricing.map(|v| v.slug()),
                    f.pricing.iter().map(|(v, n)| (v.slug(), labels::pricing(locale, *v).to_owned(), *n)).collect())}
                {group(td_string!(locale, directory.filter_tier), "tier", fl.tier.map(|v| v.slug()),
                    f.tier.iter().map(|(v, n)| (v.slug(), labels::tier(locale, *v).to_owned(), *n)).collect())}
                {group(td_string!(locale, directory.filter_region), "region", fl.region.map(|v| v.slug()),
                    f.region.iter().map(|(v, n)| (v.slug(), labels::region(locale, *v).to_owned(), *n)).collect())}
            }
        })
    }
}

#[component]
pub fn ListingPage() -> impl IntoView {
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    with_data(
        move || {
            let slug = slug.clone();
            async move {
                let db = db()?;
                let detail = service::listing(&db, &slug).await?;
                let signed_in = crate::accounts::api::optional_user().await?.is_some();
                let own =
                    crate::merchants::workspace::viewer_works_for(&db, &detail.card.merchant_slug)
                        .await?;
                Ok((detail, signed_in, own))
            }
        },
        |(detail, signed_in, own)| {
            let (listing_id, pricing_model) = (detail.card.id, detail.card.pricing_model);
            let order =
                view! { <crate::deals::pages::OrderPanel listing_id pricing_model signed_in own/> };
            view! { <ListingDetailView detail order=order.into_any()/> }
        },
    )
}

#[component]
fn Fact(#[prop(into)] label: Signal<String>, children: Children) -> impl IntoView {
    view! {
        <dt>{label}</dt>
        <dd>{children()}</dd>
    }
}

#[component]
pub fn ListingDetailView(
    detail: ListingDetail,
    /// How to buy it (the order form); absent in a merchant's preview.
    #[prop(optional)]
    order: Option<AnyView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let detail = StoredValue::new(detail);
    let text = move |pick: fn(&ListingDetail) -> (&str, &str)| {
        move || {
            detail.with_value(|d| {
                let (zh, en) = pick(d);
                labels::pick(i18n.get_locale(), zh, en).to_owned()
            })
        }
    };
    let title = text(|d| (&d.card.title_zh, &d.card.title_en));
    let card = detail.with_value(|d| d.card.clone());
    let canonical = format!("/catalog/{}", card.slug);
    let merchant_href = format!("/merchants/{}", card.merchant_slug);
    let is_dataset = detail.with_value(|d| d.modality.is_some());
    let label =
        |f: fn(Locale) -> &'static str| Signal::derive(move || f(i18n.get_locale()).to_owned());
    view! {
        <Title text=detail.with_value(|d| labels::pick(i18n.get_locale_untracked(), &d.card.title_zh, &d.card.title_en).to_owned())/>
        <Meta name="description" content=text(|d| (&d.card.summary_zh, &d.card.summary_en))/>
        <Canonical path=canonical/>
        <article class="listing">
            <header class="listing__head card">
                <p class="meta">
                    <span class=format!("kind kind--{}", card.kind.slug())>{move || labels::kind(i18n.get_locale(), card.kind)}</span>
                    " · " {move || labels::field(i18n.get_locale(), card.service_field)}
                </p>
                <h1>{title}</h1>
                <p class="lead">{text(|d| (&d.card.summary_zh, &d.card.summary_en))}</p>
                <p class="listing__price">
                    <span class="visually-hidden">{t!(i18n, listing.price)} ": "</span>
                    <span class="price price--large">{move || labels::price(i18n.get_locale(), card.pricing_model, card.price_fen)}</span>
                </p>
                {order}
            </header>
            <div class="listing__body">
                <section class="card">
                    <h2>{t!(i18n, listing.overview)}</h2>
                    <p class="prose">{text(|d| (&d.description_zh, &d.description_en))}</p>
                    <dl class="facts">
                        <Fact label=label(|l| td_string!(l, listing.delivery))>
                            {detail.with_value(|d| d.delivery_modes.clone()).into_iter()
                                .map(|m| view! { <span class="tag">{move || labels::delivery(i18n.get_locale(), m)}</span> " " })
                                .collect_view()}
                        </Fact>
                        <Fact label=label(|l| td_string!(l, listing.industries))>
                            {detail.with_value(|d| d.industries.clone()).into_iter()
                                .map(|m| view! { <span class="tag">{move || labels::industry(i18n.get_locale(), m)}</span> " " })
                                .collect_view()}
                        </Fact>
                        <Fact label=label(|l| td_string!(l, listing.licence))>
                            {detail.with_value(|d| d.licence_terms.clone())}
                        </Fact>
                    </dl>
                </section>
                <section class="card">
                    <h2>{t!(i18n, listing.trust)}</h2>
                    <dl class="facts">
                        <Fact label=label(|l| td_string!(l, listing.data_source))>{detail.with_value(|d| d.data_source.clone())}</Fact>
                        <Fact label=label(|l| td_string!(l, listing.personal_info))>
                            {move || detail.with_value(|d| labels::personal_info(i18n.get_locale(), d.personal_info))}
                        </Fact>
                        <Fact label=label(|l| td_string!(l, listing.classification))>
                            {move || detail.with_value(|d| labels::classification(i18n.get_locale(), d.classification))}
                        </Fact>
                        {detail.with_value(|d| d.registration_cert_no.clone()).map(|no| view! {
                            <Fact label=label(|l| td_string!(l, listing.registration))>{no}</Fact>
                        })}
                        <Fact label=label(|l| td_string!(l, listing.compliance_report))>
                            {move || if detail.with_value(|d| d.has_compliance_report) {
                                t_string!(i18n, listing.report_yes)
                            } else {
                                t_string!(i18n, listing.report_no)
                            }}
                        </Fact>
                    </dl>
                </section>
                {is_dataset.then(|| view! { <DatasetSpec detail/> })}
                <section class="card">
                    <h2>{t!(i18n, listing.merchant)}</h2>
                    <p>
                        <a href=merchant_href>{text(|d| (&d.card.merchant_name_zh, &d.card.merchant_name_en))}</a>
                        " " <TierBadge tier=card.merchant_tier/>
                    </p>
                    <p class="meta">{move || detail.with_value(|d| labels::region(i18n.get_locale(), d.merchant_region))}</p>
                </section>
            </div>
        </article>
    }
}

#[component]
fn DatasetSpec(detail: StoredValue<ListingDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let optional = |value: Option<String>, label: fn(Locale) -> &'static str| {
        value.map(|value| view! { <dt>{move || label(i18n.get_locale())}</dt><dd>{value}</dd> })
    };
    let d = detail.get_value();
    let columns = d.sample.columns.clone();
    view! {
        <section class="card">
            <h2>{t!(i18n, listing.spec)}</h2>
            <dl class="facts">
                {d.modality.map(|m| view! {
                    <dt>{t!(i18n, listing.modality)}</dt>
                    <dd>{move || labels::modality(i18n.get_locale(), m)}</dd>
                })}
                {optional(d.volume.clone(), |l| td_string!(l, listing.volume))}
                {optional(d.time_coverage.clone(), |l| td_string!(l, listing.time_coverage))}
                {optional(d.update_frequency.clone(), |l| td_string!(l, listing.update_frequency))}
                {optional(d.label_schema.clone(), |l| td_string!(l, listing.label_schema))}
                {optional(d.annotation_accuracy.clone(), |l| td_string!(l, listing.annotation_accuracy))}
            </dl>
            {(!d.data_dictionary.is_empty()).then(|| view! {
                <h3>{t!(i18n, listing.dictionary)}</h3>
                <div class="table-wrap">
                    <table>
                        <thead><tr>
                            <th scope="col">{t!(i18n, listing.dict_field)}</th>
                            <th scope="col">{t!(i18n, listing.dict_type)}</th>
                            <th scope="col">{t!(i18n, listing.dict_description)}</th>
                        </tr></thead>
                        <tbody>
                            {d.data_dictionary.clone().into_iter().map(|f| view! {
                                <tr><td><code>{f.name}</code></td><td>{f.data_type}</td><td>{f.description}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {(!d.sample.rows.is_empty()).then(|| view! {
                <h3>{t!(i18n, listing.sample)}</h3>
                <div class="table-wrap">
                    <table>
                        <thead><tr>{columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr></thead>
                        <tbody>
                            {d.sample.rows.clone().into_iter().map(|row| view! {
                                <tr>{row.into_iter().map(|cell| view! {
                                    <td>{match cell { serde_json::Value::String(s) => s, other => other.to_string() }}</td>
                                }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}
