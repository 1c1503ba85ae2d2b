//! Inquiry pages: the form that starts one, the thread with its quotes, and the
//! buyer's and merchant's lists; and the quote pieces the requirement pages share.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use super::api::{
    AcceptQuote, CloseInquiry, DeclineQuote, QuoteInquiry, SendInquiry, WriteMessage,
};
use super::forms::QuoteForm;
use super::inquiries::{self, Addressee};
use super::machine::Side;
use super::model::{Inquiry, Quote, ThreadRow};
use super::service::Viewer;
use crate::accounts::api::require_user;
use crate::components::cards::{RatingBadge, TierBadge};
use crate::components::form::{ButtonForm, Field, FormAlert, PostForm, SelectField, TextArea};
use crate::components::labels;
use crate::error::AppError;
use crate::i18n::{Locale, t, td_string, tu_string, use_i18n};
use crate::merchants::workspace_pages::{WorkspaceHeader, name_in};
use crate::pages::{db, query, verdict, with_data};
use crate::vocab::{InquiryStatus, PricingModel, QuoteStatus, format_fen};

/// `/inquiries/new?listing={id}` or `?merchant={slug}`: ask a merchant.
#[component]
pub fn NewInquiryPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let listing = query("listing").unwrap_or_default();
    let merchant = query("merchant").unwrap_or_default();
    let error = verdict::<SendInquiry>(locale);
    let to = match listing.parse::<i64>() {
        Ok(id) => Addressee::Listing(id),
        Err(_) => Addressee::Merchant(merchant.clone()),
    };
    view! {
        <Title text=tu_string!(i18n, inquiries.start).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            move || async move {
                require_user().await?;
                inquiries::target(&db()?, &to).await
            },
            move |target| {
                let name = name_in(locale, &target.merchant_zh, &target.merchant_en);
                let subject = target.listing.as_ref().map(|(_, zh, en)| name_in(locale, zh, en));
                let (listing, merchant) = (listing.clone(), merchant.clone());
                view! {
                    <section class="card narrow">
                        <p class="eyebrow">{td_string!(locale, inquiries.to, merchant = name)}</p>
                        <h1>{td_string!(locale, inquiries.start)}</h1>
                        <PostForm action=SendInquiry::PATH>
                            <FormAlert error/>
                            <input type="hidden" name="listing_id" value=listing/>
                            <input type="hidden" name="merchant" value=merchant/>
                            <Field name="subject" label=td_string!(locale, inquiries.subject) error value=subject.unwrap_or_default() required=true/>
                            <TextArea name="message" label=td_string!(locale, inquiries.message) error rows=6 required=true/>
                            <Field name="quantity" input_type="number" label=td_string!(locale, inquiries.quantity) error/>
                            <Field name="budget" label=td_string!(locale, inquiries.budget) error hint=td_string!(locale, inquiries.budget_hint)/>
                            <Field name="deadline" input_type="date" label=td_string!(locale, inquiries.deadline) error/>
                            <button type="submit" class="button">{td_string!(locale, inquiries.send)}</button>
                        </PostForm>
                    </section>
                }
            },
        )}
    }
}

/// A quote's fields, filled with `form` (a revision) or what was typed before a refusal.
#[component]
pub fn QuoteFields(
    locale: Locale,
    form: QuoteForm,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let models: Vec<(String, String)> = [
        PricingModel::Fixed,
        PricingModel::Subscription,
        PricingModel::PerCall,
    ]
    .iter()
    .map(|m| (m.slug().to_owned(), labels::pricing(locale, *m).to_owned()))
    .collect();
    view! {
        <FormAlert error=Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Invalid(_))))/>
        <div class="form-row">
            <SelectField name="pricing_model" label=td_string!(locale, quotes.pricing_model) error options=models value=form.pricing_model/>
            <Field name="price" label=td_string!(locale, quotes.price) error value=form.price hint=td_string!(locale, quotes.price_hint)/>
        </div>
        <div class="form-row">
            <Field name="quantity" input_type="number" label=td_string!(locale, quotes.quantity) error value=form.quantity/>
            <Field name="delivery_days" input_type="number" label=td_string!(locale, quotes.delivery_days) error value=form.delivery_days/>
            <Field name="valid_until" input_type="date" label=td_string!(locale, quotes.valid_until) error value=form.valid_until/>
        </div>
        <TextArea name="terms" label=td_string!(locale, quotes.terms) error value=form.terms rows=3 required=true/>
    }
}

/// The quotes side by side: price, delivery time, the merchant's tier, rating and
/// completed orders; with the buyer's accept and decline buttons on live ones.
#[component]
pub fn QuotesTable(
    locale: Locale,
    quotes: Vec<Quote>,
    buyer_may_answer: bool,
    award: bool,
) -> impl IntoView {
    let accept_words = if award {
        td_string!(locale, quotes.award)
    } else {
        td_string!(locale, quotes.accept)
    };
    view! {
        <div class="table-wrap">
            <table class="table quotes" data-testid="quotes">
                <thead><tr>
                    <th scope="col">{td_string!(locale, quotes.merchant)}</th>
                    <th scope="col" class="num">{td_string!(locale, quotes.unit_price)}</th>
                    <th scope="col" class="num">{td_string!(locale, quotes.quantity)}</th>
                    <th scope="col" class="num">{td_string!(locale, orders.total)}</th>
                    <th scope="col" class="num">{td_string!(locale, quotes.delivery_days)}</th>
                    <th scope="col">{td_string!(locale, quotes.valid_until)}</th>
                    <th scope="col">{td_string!(locale, quotes.terms)}</th>
                    <th scope="col">{td_string!(locale, orders.status)}</th>
                </tr></thead>
                <tbody>
                    {quotes.into_iter().map(|q| {
                        let live = q.status == QuoteStatus::Offered;
                        let id = q.id.to_string();
                        view! {
                            <tr data-quote=q.id>
                                <td>
                                    <a href=format!("/merchants/{}", q.merchant_slug)>{name_in(locale, &q.merchant_zh, &q.merchant_en)}</a>
                                    <br/><TierBadge tier=q.merchant_tier/><RatingBadge rating=q.rating/>
                                    <br/><span class="muted">{td_string!(locale, quotes.completed_orders, count = q.completed_orders)}</span>
                                </td>
                                <td class="num" data-label=td_string!(locale, quotes.unit_price)>{labels::price(locale, q.pricing_model, Some(q.unit_price_fen))}</td>
                                <td class="num" data-label=td_string!(locale, quotes.quantity)>{q.quantity}</td>
                                <td class="num" data-label=td_string!(locale, orders.total)><strong>{format_fen(q.total_fen)}</strong></td>
                                <td class="num" data-label=td_string!(locale, quotes.delivery_days)>{q.delivery_days}</td>
                                <td data-label=td_string!(locale, quotes.valid_until)>{q.valid_until}</td>
                                <td class="prose" data-label=td_string!(locale, quotes.terms)>{q.terms}</td>
                                <td data-label=td_string!(locale, orders.status)>
                                    <span class="badge">{labels::quote_status(locale, q.status)}</span>
                                    {q.order_id.map(|o| view! { " " <a href=format!("/orders/{o}")>{td_string!(locale, orders.number, order = o)}</a> })}
                                    {(live && buyer_may_answer).then(|| view! {
                                        <ButtonForm action=AcceptQuote::PATH words=accept_words fields=vec![("quote_id", id.clone())]/>
                                        <ButtonForm action=DeclineQuote::PATH words=td_string!(locale, quotes.decline) quiet=true
                                            fields=vec![("quote_id", id.clone())]/>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A blank quote form's defaults: one unit, valid for two weeks.
pub fn blank_quote() -> QuoteForm {
    let until = super::forms::today() + time::Duration::days(14);
    QuoteForm {
        pricing_model: PricingModel::Fixed.slug().to_owned(),
        quantity: "1".to_owned(),
        valid_until: format!(
            "{:04}-{:02}-{:02}",
            until.year(),
            u8::from(until.month()),
            until.day()
        ),
        ..QuoteForm::default()
    }
}

/// `/inquiries/{id}`: the thread, the quotes and what the viewer can do next.
#[component]
pub fn InquiryPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let wrote = verdict::<WriteMessage>(locale);
    let quoted = verdict::<QuoteInquiry>(locale);
    let answered = verdict::<AcceptQuote>(locale);
    view! {
        <Title text=tu_string!(i18n, inquiries.inquiry).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            move || async move {
                let user = require_user().await?;
                inquiries::thread(&db()?, &user, id.ok_or(AppError::NotFound)?).await
            },
            move |(inquiry, viewer)| view! { <InquiryView locale inquiry viewer wrote quoted answered/> },
        )}
    }
}

#[component]
fn InquiryView(
    locale: Locale,
    inquiry: Inquiry,
    viewer: Viewer,
    wrote: Signal<Option<AppError>>,
    quoted: Signal<Option<AppError>>,
    answered: Signal<Option<AppError>>,
) -> impl IntoView {
    let open = inquiry.status != InquiryStatus::Closed;
    let party = matches!(viewer, Viewer::Party(_));
    let merchant_side = viewer == Viewer::Party(Side::Merchant);
    let buyer = viewer == Viewer::Party(Side::Buyer);
    let id = inquiry.id;
    let facts = [
        inquiry
            .quantity
            .map(|q| (td_string!(locale, inquiries.quantity), q.to_string())),
        inquiry
            .budget_fen
            .map(|b| (td_string!(locale, inquiries.budget), format_fen(b))),
        inquiry
            .deadline
            .clone()
            .map(|d| (td_string!(locale, inquiries.deadline), d)),
    ];
    view! {
        <article class="inquiry" data-testid="inquiry">
            <header class="card">
                <p class="eyebrow">{td_string!(locale, inquiries.inquiry)} " · " {inquiry.at.clone()}</p>
                <h1>{inquiry.subject.clone()}</h1>
                <p><span class="badge" data-testid="inquiry-status">{labels::inquiry_status(locale, inquiry.status)}</span></p>
                <dl class="facts">
                    <dt>{td_string!(locale, orders.merchant)}</dt>
                    <dd><a href=format!("/merchants/{}", inquiry.merchant_slug)>{name_in(locale, &inquiry.merchant_zh, &inquiry.merchant_en)}</a></dd>
                    <dt>{td_string!(locale, orders.buyer)}</dt>
                    <dd>{inquiry.buyer_name.clone()}</dd>
                    {inquiry.listing.clone().map(|(slug, zh, en)| view! {
                        <dt>{td_string!(locale, inquiries.about)}</dt>
                        <dd><a href=format!("/catalog/{slug}")>{name_in(locale, &zh, &en)}</a></dd>
                    })}
                    {facts.into_iter().flatten().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                </dl>
            </header>
            <section class="card" id="thread">
                <h2>{td_string!(locale, inquiries.thread)}</h2>
                <ol class="thread" data-testid="thread">
                    {inquiry.messages.iter().map(|m| {
                        let class = if m.from_merchant { "message message--merchant" } else { "message" };
                        view! {
                            <li class=class>
                                <p class="muted">{m.author.clone().unwrap_or_default()} " · " <time>{m.at.clone()}</time></p>
                                <p class="prose">{m.body.clone()}</p>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                <span id="thread-end"></span>
                {(open && party).then(|| view! {
                    <PostForm action=WriteMessage::PATH>
                        <FormAlert error=Signal::derive(move || wrote.get().filter(|e| e.field("body").is_none()))/>
                        <input type="hidden" name="inquiry_id" value=id.to_string()/>
                        <TextArea name="body" label=td_string!(locale, inquiries.reply) error=wrote rows=3/>
                        <button type="submit" class="button">{td_string!(locale, inquiries.send_message)}</button>
                    </PostForm>
                })}
            </section>
            <section class="card" id="quotes">
                <h2>{td_string!(locale, quotes.title)}</h2>
                {inquiry.quotes.is_empty().then(|| view! { <p class="empty">{td_string!(locale, quotes.none)}</p> })}
                <FormAlert error=answered/>
                {(!inquiry.quotes.is_empty()).then(|| view! {
                    <QuotesTable locale quotes=inquiry.quotes.clone() buyer_may_answer=buyer && open award=false/>
                })}
                {(open && merchant_side).then(|| view! {
                    <h3>{td_string!(locale, quotes.make)}</h3>
                    <PostForm action=QuoteInquiry::PATH>
                        <input type="hidden" name="inquiry_id" value=id.to_string()/>
                        <QuoteFields locale form=blank_quote() error=quoted/>
                        <button type="submit" class="button">{td_string!(locale, quotes.send)}</button>
                    </PostForm>
                })}
            </section>
            {(open && party).then(|| view! {
                <ButtonForm action=CloseInquiry::PATH words=td_string!(locale, inquiries.close) quiet=true
                    fields=vec![("inquiry_id", id.to_string())]/>
            })}
        </article>
    }
}

/// A list of inquiries or requirements: subject, party, status, date.
pub fn thread_table(
    locale: Locale,
    base: &'static str,
    rows: Vec<ThreadRow>,
    next: Option<i64>,
    party: &'static str,
    status: fn(Locale, &str) -> &'static str,
) -> impl IntoView {
    let empty = rows.is_empty();
    view! {
        {empty.then(|| view! { <p class="empty">{td_string!(locale, orders.none)}</p> })}
        <div class="table-wrap">
            <table class="table" data-testid="threads">
                <thead><tr>
                    <th scope="col">{td_string!(locale, inquiries.subject)}</th>
                    <th scope="col">{party}</th>
                    <th scope="col">{td_string!(locale, orders.status)}</th>
                    <th scope="col">{td_string!(locale, inquiries.date)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td><a href=format!("{base}/{}", r.id)>{r.subject}</a></td>
                            <td>{name_in(locale, &r.party_zh, &r.party_en)}</td>
                            <td><span class="badge">{status(locale, &r.status)}</span></td>
                            <td>{r.at}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {next.map(|id| view! { <p><a class="button button--quiet" rel="next" href=format!("?after={id}")>{td_string!(locale, catalog.next)}</a></p> })}
    }
}

pub fn inquiry_status_words(locale: Locale, slug: &str) -> &'static str {
    InquiryStatus::from_slug(slug)
        .map(|s| labels::inquiry_status(locale, s))
        .unwrap_or_default()
}

/// `/account/inquiries`: what the signed-in person asked.
#[component]
pub fn SentInquiriesPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let after = query("after").and_then(|a| a.parse().ok());
    view! {
        <Title text=tu_string!(i18n, inquiries.mine).to_owned()/>
        {with_data(
            move || async move { inquiries::sent(&db()?, &require_user().await?, after).await },
            move |(rows, next)| view! {
                <section class="card">
                    <h1>{t!(i18n, inquiries.mine)}</h1>
                    {thread_table(locale, "/inquiries", rows, next, td_string!(locale, orders.merchant), inquiry_status_words)}
                </section>
            },
        )}
    }
}

/// `/merchant/inquiries`: what buyers asked the merchant.
#[component]
pub fn ReceivedInquiriesPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let after = query("after").and_then(|a| a.parse().ok());
    view! {
        <Title text=tu_string!(i18n, inquiries.received).to_owned()/>
        {with_data(
            move || async move { inquiries::received(&db()?, &require_user().await?, after).await },
            move |(membership, rows, next)| view! {
                <section class="card">
                    <WorkspaceHeader locale membership current="/merchant/inquiries"/>
                    {thread_table(locale, "/inquiries", rows, next, td_string!(locale, orders.buyer), inquiry_status_words)}
                </section>
            },
        )}
    }
}
