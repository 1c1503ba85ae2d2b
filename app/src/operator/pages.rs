//! The console's pages. Each load asks for an operator first: visitors are sent to sign
//! in, anyone else gets the 403 page.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};

use super::api::{
    ApproveApplication, ChangeTier, ReinstateMerchant, RejectApplication, RestoreListing,
    SuspendListing, SuspendMerchant, UnlockSecondFactor,
};
use super::model::{ConsoleMerchant, MerchantFilter, ModeratedListing, TierChange};
use super::{repo, service};
use crate::accounts::form_token;
use crate::accounts::model::{CurrentUser, Role};
use crate::audit::{AuditAction, AuditEntry, AuditFilter, AuditObject};
use crate::components::form::{FormAlert, SelectField};
use crate::components::labels;
use crate::components::live_form::LiveForm;
use crate::error::AppError;
use crate::i18n::{Locale, t, td_string, tu_string, use_i18n};
use crate::merchants::model::{Application, MerchantDetails};
use crate::merchants::store::MerchantState;
use crate::merchants::workspace_pages::name_in;
use crate::pages::{db, query, verdict, with_data};
use crate::vocab::{ListingStatus, MerchantStatus, Region, ServiceField, Tier};

async fn operator() -> Result<CurrentUser, AppError> {
    crate::accounts::api::require_role(&[Role::Admin]).await
}

/// The session's anti-forgery token, which every console form carries and every
/// console action checks (`accounts::form_token`).
#[component]
fn FormToken() -> impl IntoView {
    view! { <input type="hidden" name=form_token::FIELD value=form_token::current()/> }
}

/// The console's tabs.
#[component]
fn ConsoleNav(locale: Locale, current: &'static str) -> impl IntoView {
    let link = |path: &'static str, words: &'static str| {
        view! { <li><a href=path aria-current=(path == current).then_some("page")>{words}</a></li> }
    };
    view! {
        <nav aria-label=td_string!(locale, admin.nav)>
            <ul class="tabs">
                {link("/admin", td_string!(locale, admin.dashboard))}
                {link("/admin/applications", td_string!(locale, admin.applications))}
                {link("/admin/merchants", td_string!(locale, admin.merchants))}
                {link("/admin/orders", td_string!(locale, admin.orders))}
                {link("/admin/inquiries", td_string!(locale, admin.inquiries))}
                {link("/admin/audit", td_string!(locale, admin.audit))}
            </ul>
        </nav>
    }
}

fn tier_options(locale: Locale) -> Vec<(String, String)> {
    Tier::ALL
        .iter()
        .map(|t| (t.slug().to_owned(), labels::tier(locale, *t).to_owned()))
        .collect()
}

/// A one-line reason field and a button, posting `action` for the object `id_name = id`.
/// After a refusal of this object's form (`error`), the message stands by the field and
/// what was typed is back.
#[component]
fn ReasonForm(
    locale: Locale,
    action: &'static str,
    id_name: &'static str,
    id: i64,
    button: &'static str,
    error: Signal<Option<AppError>>,
    #[prop(optional)] danger: bool,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let field_id = format!(
        "reason-{}-{id}",
        action.rsplit('/').next().unwrap_or("action")
    );
    let error_id = format!("{field_id}-error");
    let (message, typed) = error.with_untracked(|e| {
        let ours = e
            .as_ref()
            .filter(|e| e.typed(service::OBJECT_FIELD) == Some(id.to_string().as_str()));
        (
            ours.and_then(|e| e.field("reason"))
                .map(|r| crate::components::messages::reason_text(locale, r).into_owned()),
            ours.and_then(|e| e.typed("reason")).map(str::to_owned),
        )
    });
    let invalid = message.is_some().then_some("true");
    let described = message.is_some().then(|| error_id.clone());
    view! {
        <LiveForm>
            <form method="post" action=action class="form form--compact" novalidate="">
                <FormToken/>
                <input type="hidden" name=id_name value=id.to_string()/>
                {children.map(|c| c())}
                <div class="field">
                    <label for=field_id.clone()>{td_string!(locale, admin.reason)}</label>
                    <input id=field_id type="text" name="reason" required=true maxlength="500"
                        value=typed aria-invalid=invalid aria-describedby=described/>
                    <p class="field__error" id=error_id>{message}</p>
                </div>
                <p><button type="submit" class=if danger { "button button--danger" } else { "button" }>{button}</button></p>
            </form>
        </LiveForm>
    }
}

/// `/admin/applications`: the queue, oldest first; approve at a tier, or reject.
#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let approve_error = verdict::<ApproveApplication>(locale);
    let reject_error = verdict::<RejectApplication>(locale);
    let done = query("done");
    view! {
        <Title text=tu_string!(i18n, admin.applications).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            || async move {
                operator().await?;
                service::pending_applications(&db()?).await
            },
            move |applications| {
                let empty = applications.is_empty();
                view! {
                    <section class="card">
                        <h1>{t!(i18n, admin.applications)}</h1>
                        <ConsoleNav locale current="/admin/applications"/>
                        {done.clone().map(|_| view! { <p class="alert alert--ok" role="status" data-testid="decided">{t!(i18n, admin.decided)}</p> })}
                        <FormAlert error=approve_error/>
                        <FormAlert error=reject_error/>
                        {empty.then(|| view! { <p>{t!(i18n, admin.no_applications)}</p> })}
                        <ol class="queue">
                            {applications.into_iter().map(|application| view! {
                                <li><ApplicationCard locale application reject_error/></li>
                            }).collect_view()}
                        </ol>
                    </section>
                }
            },
        )}
    }
}

#[component]
fn ApplicationCard(
    locale: Locale,
    application: Application,
    reject_error: Signal<Option<AppError>>,
) -> impl IntoView {
    let d = &application.details;
    let name = name_in(locale, &d.name_zh, &d.name_en);
    let fields = d
        .service_fields
        .iter()
        .map(|f| labels::field(locale, *f))
        .collect::<Vec<_>>()
        .join(" · ");
    let id = application.merchant_id;
    let tier_id = format!("tier-{id}");
    view! {
        <article class="application" data-testid="application">
            <h2>{name}</h2>
            <dl class="facts">
                <dt>{td_string!(locale, apply.uscc)}</dt><dd>{application.uscc.clone()}</dd>
                <dt>{td_string!(locale, profile_form.legal_name)}</dt><dd>{d.legal_name.clone()}</dd>
                <dt>{td_string!(locale, profile_form.service_fields)}</dt><dd>{fields}</dd>
                <dt>{td_string!(locale, profile_form.region)}</dt><dd>{labels::region(locale, d.region)}</dd>
                {application.applicant_email.clone().map(|email| view! {
                    <dt>{td_string!(locale, admin.applicant)}</dt>
                    <dd>{application.applicant_name.clone().unwrap_or_default()} " " {email}</dd>
                })}
                <dt>{td_string!(locale, apply.submitted)}</dt>
                <dd>{application.submitted.clone()} " · " {td_string!(locale, admin.waiting_days, days = application.waiting_days)}</dd>
            </dl>
            <div class="decision">
                <LiveForm>
                    <form method="post" action=ApproveApplication::PATH class="form form--compact">
                        <FormToken/>
                        <input type="hidden" name="merchant_id" value=id.to_string()/>
                        <div class="field">
                            <label for=tier_id.clone()>{td_string!(locale, admin.tier)}</label>
                            <select id=tier_id name="tier">
                                {tier_options(locale).into_iter().map(|(value, words)| {
                                    let selected = value == Tier::Inbound.slug();
                                    view! { <option value=value selected=selected>{words}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <p><button type="submit" class="button">{td_string!(locale, admin.approve)}</button></p>
                    </form>
                </LiveForm>
                <ReasonForm locale action=RejectApplication::PATH id_name="merchant_id" id error=reject_error
                    button=td_string!(locale, admin.reject) danger=true/>
            </div>
        </article>
    }
}

/// The console's merchant filters from the URL (unknown values are ignored).
fn merchant_filter() -> MerchantFilter {
    MerchantFilter {
        q: query("q").filter(|q| !q.trim().is_empty()),
        tier: query("tier").as_deref().and_then(Tier::from_slug),
        status: query("status")
            .as_deref()
            .and_then(MerchantStatus::from_slug),
        field: query("field").as_deref().and_then(ServiceField::from_slug),
        region: query("region").as_deref().and_then(Region::from_slug),
        after: query("after").and_then(|a| a.parse().ok()),
    }
}

/// `/admin/merchants`: every merchant, filtered, newest first.
#[component]
pub fn MerchantsPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let filter = merchant_filter();
    let shown = filter.clone();
    view! {
        <Title text=tu_string!(i18n, admin.merchants).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            move || async move {
                operator().await?;
                service::merchants(&db()?, &filter).await
            },
            move |page| {
                let f = shown.clone();
                let next = page.next.map(|after| {
                    let mut params = vec![("after", after.to_string())];
                    if let Some(q) = &f.q { params.push(("q", q.clone())); }
                    if let Some(v) = f.tier { params.push(("tier", v.slug().to_owned())); }
                    if let Some(v) = f.status { params.push(("status", v.slug().to_owned())); }
                    if let Some(v) = f.field { params.push(("field", v.slug().to_owned())); }
                    if let Some(v) = f.region { params.push(("region", v.slug().to_owned())); }
                    format!("/admin/merchants?{}", serde_urlencoded::to_string(&params).unwrap_or_default())
                });
                let no_error = Signal::stored(None::<AppError>);
                let options = |all: Vec<(String, String)>| all;
                view! {
                    <section class="card">
                        <h1>{t!(i18n, admin.merchants)}</h1>
                        <ConsoleNav locale current="/admin/merchants"/>
                        <form method="get" action="/admin/merchants" class="console-filters">
                            <div class="field">
                                <label for="field-q">{t!(i18n, admin.search)}</label>
                                <input id="field-q" type="search" name="q" value=f.q.clone().unwrap_or_default()/>
                            </div>
                            <SelectField name="status" label=td_string!(locale, apply.status) error=no_error
                                options=options(MerchantStatus::ALL.iter().map(|s| (s.slug().to_owned(), labels::merchant_status(locale, *s).to_owned())).collect())
                                value=f.status.map(|s| s.slug().to_owned()).unwrap_or_default() blank=td_string!(locale, admin.any)/>
                            <SelectField name="tier" label=td_string!(locale, admin.tier) error=no_error
                                options=tier_options(locale)
                                value=f.tier.map(|s| s.slug().to_owned()).unwrap_or_default() blank=td_string!(locale, admin.any)/>
                            <SelectField name="field" label=td_string!(locale, profile_form.service_fields) error=no_error
                                options=ServiceField::ALL.iter().map(|s| (s.slug().to_owned(), labels::field(locale, *s).to_owned())).collect()
                                value=f.field.map(|s| s.slug().to_owned()).unwrap_or_default() blank=td_string!(locale, admin.any)/>
                            <SelectField name="region" label=td_string!(locale, profile_form.region) error=no_error
                                options=Region::ALL.iter().map(|s| (s.slug().to_owned(), labels::region(locale, *s).to_owned())).collect()
                                value=f.region.map(|s| s.slug().to_owned()).unwrap_or_default() blank=td_string!(locale, admin.any)/>
                            <p><button type="submit" class="button">{t!(i18n, admin.filter)}</button></p>
                        </form>
                        <div class="table-wrap">
                            <table class="table" data-testid="console-merchants">
                                <thead><tr>
                                    <th scope="col">{t!(i18n, apply.company)}</th>
                                    <th scope="col">{t!(i18n, apply.uscc)}</th>
                                    <th scope="col">{t!(i18n, admin.tier)}</th>
                                    <th scope="col">{t!(i18n, apply.status)}</th>
                                    <th scope="col">{t!(i18n, profile_form.region)}</th>
                                </tr></thead>
                                <tbody>
                                    {page.merchants.into_iter().map(|m| view! { <MerchantRow locale m/> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {next.map(|href| view! { <p><a class="button button--quiet" href=href rel="next">{t!(i18n, catalog.next)}</a></p> })}
                    </section>
                }
            },
        )}
    }
}

#[component]
fn MerchantRow(locale: Locale, m: ConsoleMerchant) -> impl IntoView {
    view! {
        <tr>
            <td><a href=format!("/admin/merchants/{}", m.id)>{name_in(locale, &m.name_zh, &m.name_en)}</a></td>
            <td><code>{m.uscc}</code></td>
            <td>{labels::tier(locale, m.tier)}</td>
            <td>{labels::merchant_status(locale, m.status)}</td>
            <td>{labels::region(locale, m.region)}</td>
        </tr>
    }
}

/// Everything the console shows of one merchant.
#[derive(Debug, Clone)]
struct MerchantFile {
    state: MerchantState,
    details: MerchantDetails,
    uscc: String,
    history: Vec<TierChange>,
    listings: Vec<ModeratedListing>,
    audit: Vec<AuditEntry>,
}

/// `/admin/merchants/:id`: the merchant, its tier (change), status (suspend or
/// reinstate), listings (suspend or restore) and its audit trail.
#[component]
pub fn MerchantFilePage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let params = leptos_router::hooks::use_params_map();
    let id: Option<i64> = params
        .with_untracked(|p| p.get("id"))
        .and_then(|id| id.parse().ok());
    let tier_error = verdict::<ChangeTier>(locale);
    let suspend_error = verdict::<SuspendMerchant>(locale);
    let reinstate_error = verdict::<ReinstateMerchant>(locale);
    let listing_errors = (
        verdict::<SuspendListing>(locale),
        verdict::<RestoreListing>(locale),
    );
    let errors = [
        tier_error,
        suspend_error,
        reinstate_error,
        listing_errors.0,
        listing_errors.1,
    ];
    let done = query("done").is_some();
    view! {
        <Title text=tu_string!(i18n, admin.merchants).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            move || async move {
                operator().await?;
                let id = id.ok_or(AppError::NotFound)?;
                let db = db()?;
                let (state, details, uscc) = crate::merchants::store::find(&db, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let history = repo::tier_history(&db, id).await?;
                let listings = repo::listings(&db, Some(id), None, None, 100).await?;
                let filter = AuditFilter { object: Some(AuditObject::Merchant), object_id: Some(id), ..AuditFilter::default() };
                let audit = crate::audit::repo::page(&db, &filter, 20).await?;
                Ok(MerchantFile { state, details, uscc, history, listings, audit })
            },
            move |file| {
                let id = file.state.merchant_id;
                let status = file.state.status;
                let name = name_in(locale, &file.details.name_zh, &file.details.name_en);
                let current_tier = file.state.tier;
                view! {
                    <section class="card">
                        <p><a href="/admin/merchants">{t!(i18n, admin.merchants)}</a></p>
                        <h1>{name}</h1>
                        {done.then(|| view! { <p class="alert alert--ok" role="status" data-testid="done">{t!(i18n, admin.done)}</p> })}
                        {errors.into_iter().map(|error| view! { <FormAlert error/> }).collect_view()}
                        <dl class="facts">
                            <dt>{t!(i18n, apply.uscc)}</dt><dd>{file.uscc.clone()}</dd>
                            <dt>{t!(i18n, apply.status)}</dt>
                            <dd data-testid="merchant-status">{labels::merchant_status(locale, status)}
                                {file.state.status_reason.clone().map(|r| format!(" — {r}"))}</dd>
                            <dt>{t!(i18n, admin.tier)}</dt><dd data-testid="merchant-tier">{labels::tier(locale, current_tier)}</dd>
                            <dt>{t!(i18n, profile_form.legal_name)}</dt><dd>{file.details.legal_name.clone()}</dd>
                        </dl>
                        {(status == MerchantStatus::Approved).then(|| view! {
                            <p><a href=format!("/merchants/{}", file.state.slug)>{t!(i18n, workspace.public_profile)}</a></p>
                        })}
                        {matches!(status, MerchantStatus::Approved | MerchantStatus::Suspended).then(|| view! {
                            <div class="decision">
                                <section>
                                    <h2>{t!(i18n, admin.change_tier)}</h2>
                                    <ReasonForm locale action=ChangeTier::PATH id_name="merchant_id" id error=tier_error button=td_string!(locale, admin.change_tier)>
                                        <div class="field">
                                            <label for="field-tier">{td_string!(locale, admin.new_tier)}</label>
                                            <select id="field-tier" name="tier">
                                                {tier_options(locale).into_iter().filter(|(v, _)| v != current_tier.slug()).map(|(value, words)| view! {
                                                    <option value=value>{words}</option>
                                                }).collect_view()}
                                            </select>
                                        </div>
                                    </ReasonForm>
                                </section>
                                <section>
                                    {if status == MerchantStatus::Approved {
                                        view! {
                                            <h2>{t!(i18n, admin.suspend)}</h2>
                                            <ReasonForm locale action=SuspendMerchant::PATH id_name="merchant_id" id error=suspend_error
                                                button=td_string!(locale, admin.suspend) danger=true/>
                                        }.into_any()
                                    } else {
                                        view! {
                                            <h2>{t!(i18n, admin.reinstate)}</h2>
                                            <ReasonForm locale action=ReinstateMerchant::PATH id_name="merchant_id" id error=reinstate_error
                                                button=td_string!(locale, admin.reinstate)/>
                                        }.into_any()
                                    }}
                                </section>
                            </div>
                        })}
                    </section>
                    <section class="card" id="listings">
                        <h2>{t!(i18n, workspace.listings)}</h2>
                        {file.listings.is_empty().then(|| view! { <p>{t!(i18n, admin.no_listings)}</p> })}
                        <ul class="moderation">
                            {file.listings.into_iter().map(|listing| view! { <ModerationRow locale listing errors=listing_errors/> }).collect_view()}
                        </ul>
                    </section>
                    <section class="card">
                        <h2>{t!(i18n, admin.tier_history)}</h2>
                        <TierHistory locale history=file.history/>
                    </section>
                    <section class="card">
                        <h2>{t!(i18n, admin.audit)}</h2>
                        <AuditTable locale entries=file.audit/>
                    </section>
                }
            },
        )}
    }
}

#[component]
fn ModerationRow(
    locale: Locale,
    listing: ModeratedListing,
    /// The verdicts on suspending and on restoring a listing.
    errors: (Signal<Option<AppError>>, Signal<Option<AppError>>),
) -> impl IntoView {
    let (suspend_error, restore_error) = errors;
    let suspended = listing.status == ListingStatus::Suspended;
    let id = listing.id;
    view! {
        <li class="moderation__row" data-testid="moderated-listing">
            <p>
                <strong>{name_in(locale, &listing.title_zh, &listing.title_en)}</strong> " "
                <span class="badge">{labels::listing_status(locale, listing.status)}</span>
                {listing.suspension_reason.clone().map(|r| view! { " " <span>{r}</span> })}
            </p>
            {if suspended {
                view! { <ReasonForm locale action=RestoreListing::PATH id_name="listing_id" id error=restore_error button=td_string!(locale, admin.restore)/> }.into_any()
            } else {
                view! { <ReasonForm locale action=SuspendListing::PATH id_name="listing_id" id error=suspend_error button=td_string!(locale, admin.suspend_listing) danger=true/> }.into_any()
            }}
        </li>
    }
}

#[component]
fn TierHistory(locale: Locale, history: Vec<TierChange>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead><tr>
                    <th scope="col">{td_string!(locale, admin.when)}</th>
                    <th scope="col">{td_string!(locale, admin.change)}</th>
                    <th scope="col">{td_string!(locale, admin.reason)}</th>
                    <th scope="col">{td_string!(locale, admin.by)}</th>
                </tr></thead>
                <tbody>
                    {history.into_iter().map(|c| view! {
                        <tr>
                            <td>{c.at}</td>
                            <td>{c.old.map(|t| format!("{} → ", labels::tier(locale, t)))}{labels::tier(locale, c.new)}</td>
                            <td>{c.reason}</td>
                            <td>{c.by.unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn action_text(locale: Locale, action: AuditAction) -> &'static str {
    match action {
        AuditAction::ApproveApplication => td_string!(locale, admin.actions.approve_application),
        AuditAction::RejectApplication => td_string!(locale, admin.actions.reject_application),
        AuditAction::ChangeTier => td_string!(locale, admin.actions.change_tier),
        AuditAction::SuspendMerchant => td_string!(locale, admin.actions.suspend_merchant),
        AuditAction::ReinstateMerchant => td_string!(locale, admin.actions.reinstate_merchant),
        AuditAction::SuspendListing => td_string!(locale, admin.actions.suspend_listing),
        AuditAction::RestoreListing => td_string!(locale, admin.actions.restore_listing),
        AuditAction::UnlockSecondFactor => {
            td_string!(locale, admin.actions.unlock_second_factor)
        }
    }
}

#[component]
fn AuditTable(locale: Locale, entries: Vec<AuditEntry>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="audit">
                <thead><tr>
                    <th scope="col">{td_string!(locale, admin.when)}</th>
                    <th scope="col">{td_string!(locale, admin.by)}</th>
                    <th scope="col">{td_string!(locale, admin.action)}</th>
                    <th scope="col">{td_string!(locale, admin.object)}</th>
                    <th scope="col">{td_string!(locale, admin.change)}</th>
                    <th scope="col">{td_string!(locale, admin.reason)}</th>
                </tr></thead>
                <tbody>
                    {entries.into_iter().map(|e| {
                        let object = match e.object {
                            AuditObject::Merchant => view! { <a href=format!("/admin/merchants/{}", e.object_id)>{e.object_label.clone()}</a> }.into_any(),
                            AuditObject::Listing | AuditObject::Account => view! { <span>{e.object_label.clone()}</span> }.into_any(),
                        };
                        view! {
                            <tr>
                                <td>{e.at.clone()}</td>
                                <td>{e.actor_name.clone()}</td>
                                <td>{action_text(locale, e.action)}</td>
                                <td>{object}</td>
                                <td>{e.before.clone()} " → " {e.after.clone()}</td>
                                <td>{e.reason.clone().unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// `/admin/orders`: every order of the market, newest first, by status; each opens the
/// order's own page, which the operator reads but cannot act on.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let (status, after) = crate::deals::pages::list_query();
    view! {
        <Title text=tu_string!(i18n, admin.orders).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            move || async move {
                let user = operator().await?;
                crate::deals::service::market(&db()?, &user, status, after).await
            },
            move |(rows, next)| view! {
                <section class="card">
                    <h1>{t!(i18n, admin.orders)}</h1>
                    <ConsoleNav locale current="/admin/orders"/>
                    {crate::deals::pages::order_table(locale, "/admin/orders", status, rows, next, td_string!(locale, orders.merchant))}
                </section>
            },
        )}
    }
}

/// `/admin/inquiries`: every inquiry of the market, newest first; each opens its thread,
/// which the operator reads without taking part.
#[component]
pub fn InquiriesPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let after = query("after").and_then(|a| a.parse().ok());
    view! {
        <Title text=tu_string!(i18n, admin.inquiries).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            move || async move {
                let user = operator().await?;
                crate::deals::inquiries::market(&db()?, &user, after).await
            },
            move |(rows, next)| view! {
                <section class="card">
                    <h1>{t!(i18n, admin.inquiries)}</h1>
                    <ConsoleNav locale current="/admin/inquiries"/>
                    {crate::deals::inquiry_pages::thread_table(locale, "/inquiries", rows, next, td_string!(locale, admin.parties), crate::deals::inquiry_pages::inquiry_status_words)}
                </section>
            },
        )}
    }
}

/// `/admin/audit`: the whole log, newest first, filtered by action and object.
#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let filter = AuditFilter {
        action: query("action").as_deref().and_then(AuditAction::from_slug),
        object: query("object").as_deref().and_then(AuditObject::from_slug),
        object_id: query("object_id").and_then(|id| id.parse().ok()),
        before: query("before").and_then(|id| id.parse().ok()),
    };
    let shown = filter.clone();
    view! {
        <Title text=tu_string!(i18n, admin.audit).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            move || async move {
                operator().await?;
                const PAGE: i64 = 50;
                let entries = crate::audit::repo::page(&db()?, &filter, PAGE + 1).await?;
                Ok(entries)
            },
            move |mut entries| {
                let f = shown.clone();
                let more = entries.len() > 50;
                entries.truncate(50);
                let next = more.then(|| {
                    let mut params = vec![("before", entries.last().map(|e| e.id).unwrap_or_default().to_string())];
                    if let Some(a) = f.action { params.push(("action", a.slug().to_owned())); }
                    if let Some(o) = f.object { params.push(("object", o.slug().to_owned())); }
                    if let Some(id) = f.object_id { params.push(("object_id", id.to_string())); }
                    format!("/admin/audit?{}", serde_urlencoded::to_string(&params).unwrap_or_default())
                });
                let no_error = Signal::stored(None::<AppError>);
                view! {
                    <section class="card">
                        <h1>{t!(i18n, admin.audit)}</h1>
                        <ConsoleNav locale current="/admin/audit"/>
                        <form method="get" action="/admin/audit" class="console-filters">
                            <SelectField name="action" label=td_string!(locale, admin.action) error=no_error
                                options=AuditAction::ALL.iter().map(|a| (a.slug().to_owned(), action_text(locale, *a).to_owned())).collect()
                                value=f.action.map(|a| a.slug().to_owned()).unwrap_or_default() blank=td_string!(locale, admin.any)/>
                            <SelectField name="object" label=td_string!(locale, admin.object) error=no_error
                                options=vec![
                                    ("merchant".to_owned(), td_string!(locale, admin.object_merchant).to_owned()),
                                    ("listing".to_owned(), td_string!(locale, admin.object_listing).to_owned()),
                                    ("account".to_owned(), td_string!(locale, admin.object_account).to_owned()),
                                ]
                                value=f.object.map(|o| o.slug().to_owned()).unwrap_or_default() blank=td_string!(locale, admin.any)/>
                            <p><button type="submit" class="button">{t!(i18n, admin.filter)}</button></p>
                        </form>
                        <AuditTable locale entries/>
                        {next.map(|href| view! { <p><a class="button button--quiet" href=href rel="next">{t!(i18n, catalog.next)}</a></p> })}
                    </section>
                }
            },
        )}
    }
}

/// `/admin`: the market at a glance, drawn as charts with their tables.
#[component]
pub fn DashboardPage() -> impl IntoView {
    use crate::components::charts::{BarChart, ColumnChart, StackedBarChart};
    use crate::vocab::ListingKind;
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let unlock_error = verdict::<UnlockSecondFactor>(locale);
    let done = query("done").is_some();
    view! {
        <Title text=tu_string!(i18n, admin.dashboard).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            || async move {
                operator().await?;
                let db = db()?;
                Ok((service::dashboard(&db).await?, service::locked_operators(&db).await?))
            },
            move |(d, locked)| {
                let waiting: i64 = d.waiting_by_age.iter().sum();
                let field = |f: ServiceField| labels::field(locale, f).to_owned();
                let ages = [
                    td_string!(locale, admin.age_day),
                    td_string!(locale, admin.age_week),
                    td_string!(locale, admin.age_month),
                    td_string!(locale, admin.age_older),
                ];
                let locked = (!locked.is_empty()).then(|| view! {
                    <section class="card" data-testid="locked-authenticators">
                        <h2>{t!(i18n, admin.locked_title)}</h2>
                        <p>{t!(i18n, admin.locked_lead)}</p>
                        {locked.into_iter().map(|op| view! {
                            <h3>{op.display_name} " · " {op.email}</h3>
                            <ReasonForm locale action=UnlockSecondFactor::PATH id_name="user_id"
                                id=op.app_user_id button=td_string!(locale, admin.unlock) error=unlock_error/>
                        }).collect_view()}
                    </section>
                });
                view! {
                    <section class="card">
                        <h1>{t!(i18n, admin.dashboard)}</h1>
                        <ConsoleNav locale current="/admin"/>
                        {done.then(|| view! { <p class="alert alert--ok" role="status">{t!(i18n, admin.done)}</p> })}
                        <p><a href="/admin/applications" data-testid="waiting">
                            {td_string!(locale, admin.waiting, count = waiting)}
                        </a></p>
                        <div class="charts">
                            <StackedBarChart id="formation" title=td_string!(locale, admin.chart_formation)
                                group_heading=td_string!(locale, profile_form.service_fields).to_owned()
                                series=Tier::ALL.iter().map(|t| labels::tier(locale, *t).to_owned()).collect()
                                stacks=d.tier_by_field.iter().map(|(f, counts)| (field(*f), counts.to_vec())).collect()/>
                            <BarChart id="regions" title=td_string!(locale, admin.chart_regions)
                                headings=(td_string!(locale, profile_form.region).to_owned(), td_string!(locale, admin.merchants).to_owned())
                                bars=d.by_region.iter().map(|(r, n)| (labels::region(locale, *r).to_owned(), *n)).collect()/>
                            <StackedBarChart id="listings" title=td_string!(locale, admin.chart_listings)
                                group_heading=td_string!(locale, editor.service_field).to_owned()
                                series=ListingKind::ALL.iter().map(|k| labels::kind(locale, *k).to_owned()).collect()
                                stacks=d.kind_by_field.iter().map(|(f, counts)| (field(*f), counts.to_vec())).collect()/>
                            <BarChart id="waiting" title=td_string!(locale, admin.chart_waiting)
                                headings=(td_string!(locale, admin.age).to_owned(), td_string!(locale, admin.applications).to_owned())
                                bars=ages.iter().zip(d.waiting_by_age).map(|(a, n)| ((*a).to_owned(), n)).collect()/>
                            <ColumnChart id="tiers" title=td_string!(locale, admin.chart_tiers)
                                headings=(td_string!(locale, admin.month).to_owned(), td_string!(locale, admin.tier_history).to_owned())
                                columns=d.tier_changes.clone()/>
                            <ColumnChart id="orders" title=td_string!(locale, admin.chart_orders)
                                headings=(td_string!(locale, admin.month).to_owned(), td_string!(locale, admin.orders).to_owned())
                                columns=d.orders_placed.clone()/>
                            <ColumnChart id="inquiries" title=td_string!(locale, admin.chart_inquiries)
                                headings=(td_string!(locale, admin.month).to_owned(), td_string!(locale, admin.inquiries).to_owned())
                                columns=d.inquiries_sent.clone()/>
                        </div>
                    </section>
                    {locked}
                }
            },
        )}
    }
}
