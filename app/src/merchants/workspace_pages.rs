//! The merchant side: `/apply`, and the workspace `/merchant/…` (overview, profile; the
//! team is in [`super::team_pages`]).
//! Plain server-rendered forms: they work the same with and without JavaScript.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};

use super::api::{ApplyForMerchant, UpdateMerchantProfile};
use super::model::{Application, ProfileForm};
use super::store::Membership;
use super::workspace::{self, ApplyState};
use crate::accounts::api::require_user;
use crate::components::form::{CheckboxGroup, Field, FormAlert, PostForm, SelectField, TextArea};
use crate::components::labels;
use crate::error::AppError;
use crate::i18n::{Locale, t, td_string, tu_string, use_i18n};
use crate::pages::{db, query, verdict, with_data};
use crate::vocab::{MemberRole, MerchantStatus, Region, ServiceField};

/// A merchant's name in the reader's language.
pub fn name_in(locale: Locale, zh: &str, en: &str) -> String {
    match locale {
        Locale::zh => zh.to_owned(),
        Locale::en => en.to_owned(),
    }
}

/// The profile's fields, filled with `form` (or what was typed before a refusal).
#[component]
fn ProfileFields(
    locale: Locale,
    form: ProfileForm,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let fields = ServiceField::ALL
        .iter()
        .map(|f| (f.slug().to_owned(), labels::field(locale, *f).to_owned()))
        .collect();
    let regions = Region::ALL
        .iter()
        .map(|r| (r.slug().to_owned(), labels::region(locale, *r).to_owned()))
        .collect();
    view! {
        <div class="form-grid">
            <Field name="name_zh" required=true label=td_string!(locale, profile_form.name_zh) error value=form.name_zh/>
            <Field name="name_en" required=true label=td_string!(locale, profile_form.name_en) error value=form.name_en
                hint=td_string!(locale, profile_form.name_en_hint)/>
        </div>
        <Field name="legal_name" required=true label=td_string!(locale, profile_form.legal_name) error value=form.legal_name/>
        <CheckboxGroup name="service_fields" legend=td_string!(locale, profile_form.service_fields) error
            options=fields checked=form.service_fields/>
        <div class="form-grid">
            <SelectField name="region" label=td_string!(locale, profile_form.region) error options=regions
                value=form.region blank=td_string!(locale, profile_form.choose)/>
            <Field name="founded_year" label=td_string!(locale, profile_form.founded_year) error value=form.founded_year
                input_type="number"/>
        </div>
        <div class="form-grid">
            <Field name="website" label=td_string!(locale, profile_form.website) error value=form.website input_type="url"
                hint=td_string!(locale, profile_form.website_hint)/>
            <Field name="contact_email" label=td_string!(locale, profile_form.contact_email) error value=form.contact_email
                input_type="email"/>
        </div>
        <TextArea name="description_zh" label=td_string!(locale, profile_form.description_zh) error value=form.description_zh/>
        <TextArea name="description_en" label=td_string!(locale, profile_form.description_en) error value=form.description_en/>
        <TextArea name="certifications" label=td_string!(locale, profile_form.certifications) error
            value=form.certifications rows=3 hint=td_string!(locale, profile_form.certifications_hint)/>
    }
}

/// `/apply`: the application form, or where the person's application stands.
#[component]
pub fn ApplyPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = verdict::<ApplyForMerchant>(locale);
    let sent = query("sent").is_some();
    view! {
        <Title text=tu_string!(i18n, apply.title).to_owned()/>
        <Meta name="description" content=tu_string!(i18n, apply.lead)/>
        {with_data(
            || async move {
                let user = require_user().await?;
                let state = workspace::apply_state(&db()?, &user).await?;
                Ok((user.email_verified, state))
            },
            move |(verified, state)| {
                let body = match state {
                    ApplyState::Member(membership) => view! {
                        <p class="alert alert--ok" role="status">
                            {td_string!(locale, apply.already_member, name = name_in(locale, &membership.merchant.name_zh, &membership.merchant.name_en))}
                        </p>
                        <p><a class="button" href="/merchant">{t!(i18n, apply.to_workspace)}</a></p>
                    }.into_any(),
                    ApplyState::Applied(application) if application.status == MerchantStatus::Pending => view! {
                        {sent.then(|| view! { <p class="alert alert--ok" role="status" data-testid="application-sent">{t!(i18n, apply.sent)}</p> })}
                        <ApplicationStatus locale application=*application/>
                    }.into_any(),
                    ApplyState::Applied(application) => {
                        // Rejected: the reason, and the form again with what was sent.
                        let form = application.details.to_form();
                        let uscc = application.uscc.clone();
                        view! {
                            <ApplicationStatus locale application=*application/>
                            <h2>{t!(i18n, apply.again)}</h2>
                            <ApplicationForm locale form uscc error verified/>
                        }.into_any()
                    }
                    ApplyState::Never => view! {
                        <ApplicationForm locale form=ProfileForm::default() uscc=String::new() error verified/>
                    }.into_any(),
                };
                view! {
                    <section class="card">
                        <h1>{t!(i18n, apply.title)}</h1>
                        <p>{t!(i18n, apply.lead)}</p>
                        {body}
                    </section>
                }
            },
        )}
    }
}

#[component]
fn ApplicationStatus(locale: Locale, application: Application) -> impl IntoView {
    let status = labels::merchant_status(locale, application.status);
    let name = name_in(
        locale,
        &application.details.name_zh,
        &application.details.name_en,
    );
    view! {
        <dl class="facts" data-testid="application-status">
            <dt>{td_string!(locale, apply.company)}</dt>
            <dd>{name}</dd>
            <dt>{td_string!(locale, apply.submitted)}</dt>
            <dd>{application.submitted.clone()}</dd>
            <dt>{td_string!(locale, apply.status)}</dt>
            <dd><span class="badge">{status}</span></dd>
            {application.reason.clone().map(|reason| view! {
                <dt>{td_string!(locale, apply.reason)}</dt>
                <dd data-testid="application-reason">{reason}</dd>
            })}
        </dl>
    }
}

#[component]
fn ApplicationForm(
    locale: Locale,
    form: ProfileForm,
    uscc: String,
    error: Signal<Option<AppError>>,
    verified: bool,
) -> impl IntoView {
    if !verified {
        return view! {
            <p class="alert alert--notice" role="status" data-testid="verify-first">
                {td_string!(locale, errors.email_unverified)} " "
                <a href="/account">{td_string!(locale, apply.to_account)}</a>
            </p>
        }
        .into_any();
    }
    view! {
        <PostForm action=ApplyForMerchant::PATH>
            <FormAlert error/>
            <Field name="uscc" required=true label=td_string!(locale, apply.uscc) error value=uscc
                hint=td_string!(locale, apply.uscc_hint)/>
            <ProfileFields locale form error/>
            <p><button type="submit" class="button">{td_string!(locale, apply.submit)}</button></p>
        </PostForm>
    }
    .into_any()
}

/// The workspace's navigation, under the merchant's name and status.
#[component]
pub fn WorkspaceHeader(
    locale: Locale,
    membership: Membership,
    current: &'static str,
) -> impl IntoView {
    let merchant = &membership.merchant;
    let name = name_in(locale, &merchant.name_zh, &merchant.name_en);
    let link = |path: &'static str, words: &'static str| {
        view! { <li><a href=path aria-current=(path == current).then_some("page")>{words}</a></li> }
    };
    let notice = match merchant.status {
        MerchantStatus::Suspended => Some(view! {
            <p class="alert alert--error" role="alert" data-testid="merchant-suspended">
                {td_string!(locale, workspace.suspended)} " "
                {merchant.status_reason.clone().unwrap_or_default()}
            </p>
        }),
        _ => None,
    };
    view! {
        <header class="workspace-header">
            <p class="eyebrow">{td_string!(locale, workspace.eyebrow)}</p>
            <h1>{name}</h1>
            <p>
                <span class="badge">{labels::tier(locale, merchant.tier)}</span> " "
                <span class="badge">{labels::merchant_status(locale, merchant.status)}</span> " "
                <span class="badge">{labels::member_role(locale, membership.role)}</span>
            </p>
            {notice}
            <nav aria-label=td_string!(locale, workspace.nav)>
                <ul class="tabs">
                    {link("/merchant", td_string!(locale, workspace.overview))}
                    {link("/merchant/listings", td_string!(locale, workspace.listings))}
                    {link("/merchant/inquiries", td_string!(locale, workspace.inquiries))}
                    {link("/requirements", td_string!(locale, workspace.requirements))}
                    {link("/merchant/orders", td_string!(locale, workspace.orders))}
                    {link("/merchant/profile", td_string!(locale, workspace.profile))}
                    {link("/merchant/team", td_string!(locale, workspace.team))}
                </ul>
            </nav>
        </header>
    }
}

/// `/merchant`: the merchant's state and where to go.
#[component]
pub fn WorkspacePage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <Title text=tu_string!(i18n, workspace.title).to_owned()/>
        {with_data(
            || async move {
                let user = require_user().await?;
                workspace::require_member(&db()?, &user).await
            },
            move |membership| {
                let public = membership.merchant.status == MerchantStatus::Approved;
                let profile = format!("/merchants/{}", membership.merchant.slug);
                view! {
                    <section class="card">
                        <WorkspaceHeader locale membership current="/merchant"/>
                        {public.then(|| view! {
                            <p><a href=profile>{td_string!(locale, workspace.public_profile)}</a></p>
                        })}
                        <ul class="link-list">
                            <li><a href="/merchant/listings">{t!(i18n, workspace.listings_lead)}</a></li>
                            <li><a href="/merchant/profile">{t!(i18n, workspace.profile_lead)}</a></li>
                            <li><a href="/merchant/team">{t!(i18n, workspace.team_lead)}</a></li>
                        </ul>
                    </section>
                }
            },
        )}
    }
}

/// `/merchant/profile`: the owner edits; members read.
#[component]
pub fn MerchantProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = verdict::<UpdateMerchantProfile>(locale);
    let saved = query("saved").is_some();
    view! {
        <Title text=tu_string!(i18n, workspace.profile).to_owned()/>
        {with_data(
            || async move {
                let user = require_user().await?;
                workspace::profile(&db()?, &user).await
            },
            move |(membership, details, uscc)| {
                let owner = membership.role == MemberRole::Owner;
                view! {
                    <section class="card">
                        <WorkspaceHeader locale membership current="/merchant/profile"/>
                        {saved.then(|| view! { <p class="alert alert--ok" role="status">{t!(i18n, workspace.saved)}</p> })}
                        <dl class="facts">
                            <dt>{t!(i18n, apply.uscc)}</dt>
                            <dd>{uscc}</dd>
                        </dl>
                        {if owner {
                            view! {
                                <PostForm action=UpdateMerchantProfile::PATH>
                                    <FormAlert error/>
                                    <ProfileFields locale form=details.to_form() error/>
                                    <p><button type="submit" class="button">{t!(i18n, workspace.save)}</button></p>
                                </PostForm>
                            }.into_any()
                        } else {
                            view! { <p class="alert alert--notice">{t!(i18n, workspace.owner_only)}</p> }.into_any()
                        }}
                    </section>
                }
            },
        )}
    }
}
