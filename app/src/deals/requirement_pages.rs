//! Requirement pages: posting one, the list (open ones for merchants of their fields,
//! one's own for everyone else), and a requirement with its compared quotes.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use super::api::{AcceptQuote, CloseRequirement, PostRequirement, QuoteRequirement};
use super::forms::QuoteForm;
use super::inquiry_pages::{QuoteFields, QuotesTable, blank_quote, thread_table};
use super::machine::Side;
use super::model::Requirement;
use super::requirements;
use super::service::Viewer;
use crate::accounts::api::require_user;
use crate::components::form::{
    ButtonForm, CheckboxGroup, Field, FormAlert, PostForm, SelectField, TextArea,
};
use crate::components::labels;
use crate::error::AppError;
use crate::i18n::{Locale, t, td_string, tu_string, use_i18n};
use crate::merchants::store::Membership;
use crate::pages::{db, query, verdict, with_data};
use crate::vocab::{Industry, QuoteStatus, RequirementStatus, ServiceField, format_fen};

/// `/requirements/new`: a buyer describes a need for every merchant of its field.
#[component]
pub fn NewRequirementPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = verdict::<PostRequirement>(locale);
    let fields: Vec<(String, String)> = ServiceField::ALL
        .iter()
        .map(|f| (f.slug().to_owned(), labels::field(locale, *f).to_owned()))
        .collect();
    let industries: Vec<(String, String)> = Industry::ALL
        .iter()
        .map(|f| (f.slug().to_owned(), labels::industry(locale, *f).to_owned()))
        .collect();
    view! {
        <Title text=tu_string!(i18n, requirements.start).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            || async move { require_user().await.map(|_| ()) },
            move |()| {
                let (fields, industries) = (fields.clone(), industries.clone());
                view! {
                <section class="card narrow">
                    <h1>{td_string!(locale, requirements.start)}</h1>
                    <p class="lead">{td_string!(locale, requirements.lead)}</p>
                    <PostForm action=PostRequirement::PATH>
                        <FormAlert error/>
                        <Field name="title" label=td_string!(locale, requirements.title_label) error required=true/>
                        <TextArea name="description" label=td_string!(locale, requirements.description) error rows=6 required=true/>
                        <SelectField name="service_field" label=td_string!(locale, requirements.field) error options=fields.clone()
                            blank=td_string!(locale, requirements.choose)/>
                        <CheckboxGroup name="industries" legend=td_string!(locale, requirements.industries) error options=industries.clone()/>
                        <div class="form-row">
                            <Field name="budget_min" label=td_string!(locale, requirements.budget_min) error/>
                            <Field name="budget_max" label=td_string!(locale, requirements.budget_max) error/>
                        </div>
                        <Field name="deadline" input_type="date" label=td_string!(locale, requirements.deadline) error required=true/>
                        <button type="submit" class="button">{td_string!(locale, requirements.post)}</button>
                    </PostForm>
                </section>
                }
            },
        )}
    }
}

fn status_words(locale: Locale, slug: &str) -> &'static str {
    RequirementStatus::from_slug(slug)
        .map(|s| labels::requirement_status(locale, s))
        .unwrap_or_default()
}

fn field_words(locale: Locale, slug: &str) -> String {
    ServiceField::from_slug(slug)
        .map(|f| labels::field(locale, f).to_owned())
        .unwrap_or_default()
}

/// `/requirements`: for merchants, the open requirements of their fields; for others,
/// their own requirements.
#[component]
pub fn RequirementsPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let after = query("after").and_then(|a| a.parse().ok());
    view! {
        <Title text=tu_string!(i18n, requirements.title).to_owned()/>
        {with_data(
            move || async move { requirements::listing(&db()?, &require_user().await?, after).await },
            move |(membership, rows, next)| {
                let rows = rows
                    .into_iter()
                    .map(|mut r| {
                        r.party_zh = field_words(Locale::zh, &r.party_zh);
                        r.party_en = field_words(Locale::en, &r.party_en);
                        r
                    })
                    .collect();
                let (heading, lead) = match membership {
                    Some(_) => (td_string!(locale, requirements.open_for_you), td_string!(locale, requirements.open_lead)),
                    None => (td_string!(locale, requirements.mine), td_string!(locale, requirements.lead)),
                };
                view! {
                    <section class="card">
                        <h1>{heading}</h1>
                        <p class="lead">{lead}</p>
                        <p><a class="button" href="/requirements/new">{t!(i18n, requirements.start)}</a></p>
                        {thread_table(locale, "/requirements", rows, next, td_string!(locale, requirements.field), status_words)}
                    </section>
                }
            },
        )}
    }
}

/// `/requirements/{id}`.
#[component]
pub fn RequirementPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let quoted = verdict::<QuoteRequirement>(locale);
    let answered = verdict::<AcceptQuote>(locale);
    view! {
        <Title text=tu_string!(i18n, requirements.requirement).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            move || async move {
                let user = require_user().await?;
                requirements::find(&db()?, &user, id.ok_or(AppError::NotFound)?).await
            },
            move |(requirement, viewer, membership)| view! {
                <RequirementView locale requirement viewer membership quoted answered/>
            },
        )}
    }
}

#[component]
fn RequirementView(
    locale: Locale,
    requirement: Requirement,
    viewer: Viewer,
    membership: Option<Membership>,
    quoted: Signal<Option<AppError>>,
    answered: Signal<Option<AppError>>,
) -> impl IntoView {
    let open = requirement.status == RequirementStatus::Open;
    let buyer = viewer == Viewer::Party(Side::Buyer);
    let budget = match (requirement.budget_min_fen, requirement.budget_max_fen) {
        (Some(a), Some(b)) => Some(format!("{} – {}", format_fen(a), format_fen(b))),
        (Some(a), None) => Some(format!("≥ {}", format_fen(a))),
        (None, Some(b)) => Some(format!("≤ {}", format_fen(b))),
        (None, None) => None,
    };
    let id = requirement.id;
    // A merchant's own live quote fills its form, to be revised.
    let own = requirement
        .quotes
        .first()
        .filter(|_| membership.is_some())
        .cloned();
    let form = match &own {
        Some(q) if q.status == QuoteStatus::Offered => QuoteForm {
            pricing_model: q.pricing_model.slug().to_owned(),
            price: format!("{}.{:02}", q.unit_price_fen / 100, q.unit_price_fen % 100),
            quantity: q.quantity.to_string(),
            delivery_days: q.delivery_days.to_string(),
            terms: q.terms.clone(),
            valid_until: q.valid_until.clone(),
        },
        _ => blank_quote(),
    };
    let may_quote = open
        && membership.is_some()
        && own
            .as_ref()
            .is_none_or(|q| q.status == QuoteStatus::Offered);
    view! {
        <article class="requirement" data-testid="requirement">
            <header class="card">
                <p class="eyebrow">{td_string!(locale, requirements.requirement)} " · " {requirement.at.clone()}</p>
                <h1>{requirement.title.clone()}</h1>
                <p><span class="badge" data-testid="requirement-status">{labels::requirement_status(locale, requirement.status)}</span></p>
                <p class="prose">{requirement.description.clone()}</p>
                <dl class="facts">
                    <dt>{td_string!(locale, requirements.field)}</dt>
                    <dd>{labels::field(locale, requirement.service_field)}</dd>
                    {(!requirement.industries.is_empty()).then(|| view! {
                        <dt>{td_string!(locale, requirements.industries)}</dt>
                        <dd>{requirement.industries.iter().map(|i| labels::industry(locale, *i)).collect::<Vec<_>>().join(" · ")}</dd>
                    })}
                    {budget.map(|b| view! { <dt>{td_string!(locale, requirements.budget)}</dt><dd>{b}</dd> })}
                    <dt>{td_string!(locale, requirements.deadline)}</dt>
                    <dd>{requirement.deadline.clone()}</dd>
                    <dt>{td_string!(locale, orders.buyer)}</dt>
                    <dd>{requirement.buyer_name.clone()}</dd>
                </dl>
            </header>
            <section class="card" id="quotes">
                <h2>{if membership.is_some() { td_string!(locale, quotes.yours) } else { td_string!(locale, quotes.compare) }}</h2>
                {requirement.quotes.is_empty().then(|| view! { <p class="empty">{td_string!(locale, quotes.none)}</p> })}
                <FormAlert error=answered/>
                {(!requirement.quotes.is_empty()).then(|| view! {
                    <QuotesTable locale quotes=requirement.quotes.clone() buyer_may_answer=buyer && open award=true/>
                })}
                {may_quote.then(|| view! {
                    <h3>{if own.is_some() { td_string!(locale, quotes.revise) } else { td_string!(locale, quotes.make) }}</h3>
                    <PostForm action=QuoteRequirement::PATH>
                        <input type="hidden" name="requirement_id" value=id.to_string()/>
                        <QuoteFields locale form error=quoted/>
                        <button type="submit" class="button">{td_string!(locale, quotes.send)}</button>
                    </PostForm>
                })}
            </section>
            {(open && buyer).then(|| view! {
                <ButtonForm action=CloseRequirement::PATH words=td_string!(locale, requirements.close) quiet=true
                    fields=vec![("requirement_id", id.to_string())]/>
            })}
        </article>
    }
}
