//! The deal pages: an order with its snapshot, timeline, deliveries, the moves the
//! viewer may make and the review; the buyer's and the merchant's order lists; and the
//! order form on a listing. Plain forms: the same with and without JavaScript.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use super::api::{MoveOrder, PlaceOrder, ReviewOrder};
use super::machine::{self, Move, Note, Side};
use super::model::{MAX_FILE_BYTES, MAX_FILES, MAX_QUANTITY, Order, OrderRow};
use super::service::{self, Viewer};
use crate::accounts::api::require_user;
use crate::components::form::{Field, FileField, FormAlert, PostForm, SelectField, TextArea};
use crate::components::live_form::LiveForm;
use crate::components::messages::reason_text;
use crate::components::{labels, raw_text};
use crate::error::AppError;
use crate::i18n::{Locale, t, td_string, tu_string, use_i18n};
use crate::merchants::workspace_pages::{WorkspaceHeader, name_in};
use crate::pages::{db, query, verdict, with_data};
use crate::vocab::{OrderStatus, PricingModel, format_fen};

/// The order form on a listing page: a quantity in the listing's unit and an
/// idempotency key rendered into the form, so a double submission is one order.
#[component]
pub fn OrderPanel(
    listing_id: i64,
    pricing_model: PricingModel,
    signed_in: bool,
    /// The reader works for the listing's merchant: nobody orders from or asks their own
    /// merchant, so they get its editor instead.
    #[prop(optional)]
    own: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    if own {
        return view! {
            <p class="muted" data-testid="own-listing">
                {t!(i18n, listing.yours)} " "
                <a href=format!("/merchant/listings/{listing_id}")>{t!(i18n, listing.edit_yours)}</a>
            </p>
        }
        .into_any();
    }
    let ask = view! {
        <p><a class="button button--quiet" href=format!("/inquiries/new?listing={listing_id}")>{t!(i18n, inquiries.ask)}</a></p>
    };
    if pricing_model == PricingModel::Quote {
        return view! { <p class="muted">{t!(i18n, orders.quote_only)}</p> {ask} }.into_any();
    }
    if !signed_in {
        return view! {
            <p><a class="button" href="/login">{t!(i18n, orders.sign_in_to_order)}</a></p>
        }
        .into_any();
    }
    let error = verdict::<PlaceOrder>(locale);
    let unit = labels::unit(locale, pricing_model);
    view! {
        <div class="order-panel" data-testid="order-panel">
            <PostForm action=PlaceOrder::PATH>
                <FormAlert error/>
                <input type="hidden" name="listing_id" value=listing_id.to_string()/>
                <input type="hidden" name="key" value=service::new_key()/>
                <Field name="quantity" input_type="number" error value="1".to_owned()
                    label=td_string!(locale, orders.quantity, unit = unit)
                    hint=td_string!(locale, orders.quantity_hint, max = MAX_QUANTITY)/>
                <button type="submit" class="button">{t!(i18n, orders.order_now)}</button>
            </PostForm>
            {ask}
        </div>
    }
    .into_any()
}

fn status_badge(locale: Locale, status: OrderStatus) -> impl IntoView {
    view! { <span class=format!("badge order-status order-status--{}", status.slug())>{labels::order_status(locale, status)}</span> }
}

/// An event in the timeline: the state it led to, or "changes requested" for the step
/// back from a delivery.
fn event_badge(locale: Locale, from: Option<OrderStatus>, to: OrderStatus) -> AnyView {
    if from == Some(OrderStatus::Delivered) && to == OrderStatus::Accepted {
        view! { <span class="badge order-status order-status--placed">{td_string!(locale, orders.changes_requested)}</span> }.into_any()
    } else {
        status_badge(locale, to).into_any()
    }
}

/// Status filter chips and the table of a list of orders.
pub(crate) fn order_table(
    locale: Locale,
    base: &'static str,
    status: Option<OrderStatus>,
    rows: Vec<OrderRow>,
    next: Option<i64>,
    party: &'static str,
) -> impl IntoView {
    let filter = move |value: Option<OrderStatus>, words: &'static str| {
        let href = match value {
            Some(s) => format!("{base}?status={}", s.slug()),
            None => base.to_owned(),
        };
        view! { <li><a href=href aria-current=(value == status).then_some("page")>{words}</a></li> }
    };
    let next = next.map(|id| match status {
        Some(s) => format!("{base}?status={}&after={id}", s.slug()),
        None => format!("{base}?after={id}"),
    });
    let empty = rows.is_empty();
    view! {
        <nav aria-label=td_string!(locale, orders.filter)>
            <ul class="chips status-filter">
                {filter(None, td_string!(locale, admin.any))}
                {OrderStatus::ALL.iter().map(|s| filter(Some(*s), labels::order_status(locale, *s))).collect_view()}
            </ul>
        </nav>
        {empty.then(|| view! { <p class="empty">{td_string!(locale, orders.none)}</p> })}
        <div class="table-wrap">
            <table class="table" data-testid="orders">
                <thead><tr>
                    <th scope="col">{td_string!(locale, orders.what)}</th>
                    <th scope="col">{party}</th>
                    <th scope="col">{td_string!(locale, orders.status)}</th>
                    <th scope="col" class="num">{td_string!(locale, orders.total)}</th>
                    <th scope="col">{td_string!(locale, orders.placed)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|o| view! {
                        <tr>
                            <td><a href=format!("/orders/{}", o.id)>"#" {o.id} " " {name_in(locale, &o.title_zh, &o.title_en)}</a></td>
                            <td>{name_in(locale, &o.party_zh, &o.party_en)}</td>
                            <td>{status_badge(locale, o.status)}</td>
                            <td class="num">{format_fen(o.total_fen)}</td>
                            <td>{o.placed}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {next.map(|href| view! { <p><a class="button button--quiet" href=href rel="next">{td_string!(locale, catalog.next)}</a></p> })}
    }
}

pub(crate) fn list_query() -> (Option<OrderStatus>, Option<i64>) {
    let status = query("status").as_deref().and_then(OrderStatus::from_slug);
    (status, query("after").and_then(|a| a.parse().ok()))
}

/// `/account/orders`: what the signed-in person bought.
#[component]
pub fn BoughtPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let (status, after) = list_query();
    view! {
        <Title text=tu_string!(i18n, orders.bought).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            move || async move {
                let user = require_user().await?;
                service::bought(&db()?, &user, status, after).await
            },
            move |(rows, next)| view! {
                <section class="card">
                    <h1>{t!(i18n, orders.bought)}</h1>
                    {order_table(locale, "/account/orders", status, rows, next, td_string!(locale, orders.merchant))}
                </section>
            },
        )}
    }
}

/// `/merchant/orders`: what the merchant sold.
#[component]
pub fn SoldPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let (status, after) = list_query();
    view! {
        <Title text=tu_string!(i18n, orders.sold).to_owned()/>
        {with_data(
            move || async move {
                let user = require_user().await?;
                service::sold(&db()?, &user, status, after).await
            },
            move |(membership, rows, next)| view! {
                <section class="card">
                    <WorkspaceHeader locale membership current="/merchant/orders"/>
                    {order_table(locale, "/merchant/orders", status, rows, next, td_string!(locale, orders.buyer))}
                </section>
            },
        )}
    }
}

/// `/orders/{id}`: one order, for its buyer, its merchant's members and the operator.
#[component]
pub fn OrderPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let moved = verdict::<MoveOrder>(locale);
    let delivered = Signal::stored(crate::components::form::refused_at(DELIVER_VERDICT));
    let reviewed = verdict::<ReviewOrder>(locale);
    view! {
        <Title text=tu_string!(i18n, orders.order).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            move || async move {
                let user = require_user().await?;
                let id = id.ok_or(AppError::NotFound)?;
                service::order(&db()?, &user, id).await
            },
            move |(order, viewer)| view! { <OrderView locale order viewer moved delivered reviewed/> },
        )}
    }
}

#[component]
fn OrderView(
    locale: Locale,
    order: Order,
    viewer: Viewer,
    moved: Signal<Option<AppError>>,
    delivered: Signal<Option<AppError>>,
    reviewed: Signal<Option<AppError>>,
) -> impl IntoView {
    let title = name_in(locale, &order.title_zh, &order.title_en);
    let merchant = name_in(locale, &order.merchant_zh, &order.merchant_en);
    let merchant_href = format!("/merchants/{}", order.merchant_slug);
    let unit = labels::unit(locale, order.pricing_model);
    let moves = match viewer {
        Viewer::Party(side) => machine::moves_for(order.status, side),
        Viewer::Operator => Vec::new(),
    };
    let can_review = viewer == Viewer::Party(Side::Buyer)
        && order.status == OrderStatus::Completed
        && order.review.is_none();
    let (id, status) = (order.id, order.status);
    let listing = order.listing_slug.clone().map(|slug| {
        view! { <p><a href=format!("/catalog/{slug}")>{td_string!(locale, orders.see_listing)}</a></p> }
    });
    view! {
        <article class="order" data-testid="order">
            <header class="card">
                <p class="eyebrow">{td_string!(locale, orders.number, order = id)}</p>
                <h1>{title}</h1>
                <p data-testid="order-status">{status_badge(locale, status)}</p>
                <dl class="facts">
                    <dt>{td_string!(locale, orders.merchant)}</dt>
                    <dd><a href=merchant_href>{merchant}</a></dd>
                    <dt>{td_string!(locale, orders.buyer)}</dt>
                    <dd>{order.buyer_name.clone()}</dd>
                    <dt>{td_string!(locale, orders.placed)}</dt>
                    <dd>{order.placed.clone()}</dd>
                </dl>
            </header>
            <div class="order__body">
                <section class="card">
                    <h2>{td_string!(locale, orders.what_was_bought)}</h2>
                    <dl class="facts">
                        <dt>{td_string!(locale, orders.unit_price)}</dt>
                        <dd>{labels::price(locale, order.pricing_model, Some(order.unit_price_fen))}</dd>
                        <dt>{td_string!(locale, orders.quantity, unit = unit)}</dt>
                        <dd>{order.quantity}</dd>
                        <dt>{td_string!(locale, orders.total)}</dt>
                        <dd class="price" data-testid="order-total">{format_fen(order.total_fen)}</dd>
                        <dt>{td_string!(locale, listing.licence)}</dt>
                        <dd class="prose">{order.licence_terms.clone()}</dd>
                    </dl>
                    {listing}
                </section>
                {(!moves.is_empty()).then(|| view! {
                    <section class="card" data-testid="order-moves">
                        <h2>{td_string!(locale, orders.next_step)}</h2>
                        <FormAlert error=Signal::derive(move || moved.get().filter(|e| e.field("note").is_none()))/>
                        <FormAlert error=Signal::derive(move || delivered.get().filter(|e| e.field("note").is_none() && e.field("files").is_none()))/>
                        {moves.into_iter().map(|mv| {
                            let error = if mv == Move::Deliver { delivered } else { moved };
                            view! { <MoveForm locale order_id=id status mv error/> }
                        }).collect_view()}
                    </section>
                })}
                <Deliveries locale order=order.clone()/>
                <section class="card">
                    <h2>{td_string!(locale, orders.timeline)}</h2>
                    <ol class="timeline" data-testid="timeline">
                        {order.events.iter().map(|e| view! {
                            <li>
                                <p>
                                    {event_badge(locale, e.from, e.to)} " "
                                    <span class="muted">{e.actor.clone().unwrap_or_default()} " · " <time>{e.at.clone()}</time></span>
                                </p>
                                {e.note.clone().map(|note| view! { <p class="prose">{note}</p> })}
                            </li>
                        }).collect_view()}
                    </ol>
                </section>
                <ReviewPart locale order=order.clone() can_review error=reviewed/>
            </div>
        </article>
    }
}

/// One move's form: its button, and a note where the move takes one.
#[component]
fn MoveForm(
    locale: Locale,
    order_id: i64,
    status: OrderStatus,
    mv: Move,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let side_needs = [Side::Buyer, Side::Merchant]
        .into_iter()
        .find_map(|side| machine::next(status, mv, side))
        .map(|(_, note)| note)
        .unwrap_or(Note::None);
    // The refusal of this form's note, and what was typed in it.
    let (message, typed) = error.with_untracked(|e| match e {
        Some(e) if e.typed("change") == Some(mv.slug()) => (
            e.field("note").map(|r| reason_text(locale, r).into_owned()),
            e.typed("note").map(str::to_owned),
        ),
        _ => (None, None),
    });
    let id = format!("note-{}", mv.slug());
    let error_id = format!("{id}-error");
    let (label, button) = move_words(locale, mv);
    let note = (side_needs != Note::None).then(|| {
        let invalid = message.is_some().then_some("true");
        let described = message.is_some().then(|| error_id.clone());
        let label = if side_needs == Note::Optional {
            td_string!(locale, orders.note_optional, label = label)
        } else {
            label.to_owned()
        };
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <textarea id=id.clone() name="note" rows="3" aria-invalid=invalid aria-describedby=described>{raw_text::escape(&typed.unwrap_or_default()).into_owned()}</textarea>
                <p class="field__error" id=error_id.clone()>{message.clone()}</p>
            </div>
        }
    });
    let quiet = matches!(mv, Move::Reject | Move::Cancel);
    let class = if quiet {
        "button button--quiet"
    } else {
        "button"
    };
    // A delivery carries files: it posts as multipart to its own handler.
    let (action, enctype) = match mv {
        Move::Deliver => (format!("/orders/{order_id}/deliver"), "multipart/form-data"),
        _ => (
            MoveOrder::PATH.to_owned(),
            "application/x-www-form-urlencoded",
        ),
    };
    let files = (mv == Move::Deliver).then(|| {
        view! {
            <FileField name="files" label=td_string!(locale, orders.files) error multiple=true
                hint=td_string!(locale, orders.files_hint, count = MAX_FILES, mb = MAX_FILE_BYTES / 1024 / 1024)/>
        }
    });
    view! {
        <LiveForm>
            <form method="post" action=action enctype=enctype class="form move-form" novalidate="" data-move=mv.slug()>
                <input type="hidden" name="order_id" value=order_id.to_string()/>
                <input type="hidden" name="change" value=mv.slug()/>
                {note}
                {files}
                <button type="submit" class=class>{button}</button>
            </form>
        </LiveForm>
    }
}

/// A move's note label and button words.
fn move_words(locale: Locale, mv: Move) -> (&'static str, &'static str) {
    match mv {
        Move::Accept => ("", td_string!(locale, orders.accept)),
        Move::Reject => (
            td_string!(locale, orders.reject_reason),
            td_string!(locale, orders.reject),
        ),
        Move::Cancel => (
            td_string!(locale, orders.cancel_reason),
            td_string!(locale, orders.cancel),
        ),
        Move::Deliver => (
            td_string!(locale, orders.delivery_note),
            td_string!(locale, orders.deliver),
        ),
        Move::Complete => ("", td_string!(locale, orders.complete)),
        Move::RequestChanges => (
            td_string!(locale, orders.changes_wanted),
            td_string!(locale, orders.request_changes),
        ),
    }
}

/// A file size for people: bytes, KB or MB.
fn size(bytes: i64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / 1024.0 / 1024.0),
    }
}

/// The verdict name a refused delivery upload is carried back under.
pub const DELIVER_VERDICT: &str = "/orders/deliver";

#[component]
fn Deliveries(locale: Locale, order: Order) -> impl IntoView {
    let order_id = order.id;
    (!order.deliveries.is_empty()).then(|| view! {
        <section class="card">
            <h2>{td_string!(locale, orders.deliveries)}</h2>
            <ol class="deliveries" data-testid="deliveries">
                {order.deliveries.into_iter().map(|d| view! {
                    <li>
                        <p class="muted">{d.author.unwrap_or_default()} " · " <time>{d.at}</time></p>
                        <p class="prose">{d.note}</p>
                        {(!d.files.is_empty()).then(|| view! {
                            <ul class="files">
                                {d.files.into_iter().map(|f| view! {
                                    <li>
                                        <a href=format!("/orders/{order_id}/files/{}", f.id) download=f.name.clone()>{f.name.clone()}</a>
                                        " " <span class="muted">{size(f.size_bytes)}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    })
}

#[component]
fn ReviewPart(
    locale: Locale,
    order: Order,
    can_review: bool,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let shown = order.review.map(|r| {
        let stars = "★".repeat(r.stars as usize) + &"☆".repeat(5 - r.stars as usize);
        view! {
            <section class="card" id="review" data-testid="review">
                <h2>{td_string!(locale, orders.review)}</h2>
                <p class="stars" aria-label=td_string!(locale, orders.stars_of, stars = r.stars)>{stars}</p>
                <p class="prose">{r.comment}</p>
                <p class="muted"><time>{r.at}</time></p>
            </section>
        }
    });
    let form = can_review.then(|| {
        let options: Vec<(String, String)> = (1..=5)
            .rev()
            .map(|n| (n.to_string(), td_string!(locale, orders.stars_of, stars = n)))
            .collect();
        view! {
            <section class="card" id="review">
                <h2>{td_string!(locale, orders.write_review)}</h2>
                <PostForm action=ReviewOrder::PATH>
                    <FormAlert error=Signal::derive(move || error.get().filter(|e| e.field("stars").is_none() && e.field("comment").is_none()))/>
                    <input type="hidden" name="order_id" value=order.id.to_string()/>
                    <SelectField name="stars" label=td_string!(locale, orders.stars) error options value="5".to_owned()/>
                    <TextArea name="comment" label=td_string!(locale, orders.comment) error/>
                    <button type="submit" class="button">{td_string!(locale, orders.send_review)}</button>
                </PostForm>
            </section>
        }
    });
    view! { {shown} {form} }
}
