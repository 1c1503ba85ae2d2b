//! A merchant's listings in its workspace: the list with status filters, the editor
//! (every field, a CSV sample that proposes the data dictionary, dictionary rows added
//! and removed by submit buttons), the preview, and the status buttons. Plain forms:
//! the same with and without JavaScript.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use super::api::{MoveListing, SAVE_LISTING_FORM, SaveListing};
use super::editor::ListingForm;
use super::model::Sample;
use super::pages::ListingDetailView;
use super::sample_csv::ColumnType;
use super::workspace;
use crate::accounts::api::require_user;
use crate::components::form::{
    ButtonForm, CheckboxGroup, Field, FileField, FormAlert, PostForm, SelectField, TextArea,
};
use crate::components::labels;
use crate::components::messages::reason_text;
use crate::error::AppError;
use crate::i18n::{Locale, t, td_string, tu_string, use_i18n};
use crate::merchants::workspace_pages::{WorkspaceHeader, name_in};
use crate::pages::{db, query, verdict, with_data};
use crate::vocab::*;

fn options<T: Copy>(
    all: &[T],
    slug: fn(T) -> &'static str,
    words: impl Fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (slug(*v).to_owned(), words(*v).to_owned()))
        .collect()
}

/// `/merchant/listings`: the merchant's listings, filtered by status.
#[component]
pub fn ListingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let status = query("status")
        .as_deref()
        .and_then(ListingStatus::from_slug);
    let after = query("after").and_then(|a| a.parse().ok());
    view! {
        <Title text=tu_string!(i18n, workspace.listings).to_owned()/>
        {with_data(
            move || async move {
                let user = require_user().await?;
                workspace::listings(&db()?, &user, status, after).await
            },
            move |(membership, listings, next)| {
                let filter = |value: Option<ListingStatus>, words: &'static str| {
                    let href = match value {
                        Some(s) => format!("/merchant/listings?status={}", s.slug()),
                        None => "/merchant/listings".to_owned(),
                    };
                    view! { <li><a href=href aria-current=(value == status).then_some("page")>{words}</a></li> }
                };
                let next = next.map(|id| match status {
                    Some(s) => format!("/merchant/listings?status={}&after={id}", s.slug()),
                    None => format!("/merchant/listings?after={id}"),
                });
                let empty = listings.is_empty();
                view! {
                    <section class="card">
                        <WorkspaceHeader locale membership current="/merchant/listings"/>
                        <p><a class="button" href="/merchant/listings/new">{t!(i18n, editor.new_listing)}</a></p>
                        <nav aria-label=td_string!(locale, editor.filter)>
                            <ul class="chips status-filter">
                                {filter(None, td_string!(locale, admin.any))}
                                {ListingStatus::ALL.iter().map(|s| filter(Some(*s), labels::listing_status(locale, *s))).collect_view()}
                            </ul>
                        </nav>
                        {empty.then(|| view! { <p class="empty">{t!(i18n, editor.none)}</p> })}
                        <div class="table-wrap">
                            <table class="table" data-testid="own-listings">
                                <thead><tr>
                                    <th scope="col">{t!(i18n, editor.title_col)}</th>
                                    <th scope="col">{t!(i18n, editor.kind)}</th>
                                    <th scope="col">{t!(i18n, apply.status)}</th>
                                    <th scope="col">{t!(i18n, editor.updated)}</th>
                                </tr></thead>
                                <tbody>
                                    {listings.into_iter().map(|l| view! {
                                        <tr>
                                            <td><a href=format!("/merchant/listings/{}", l.id)>{name_in(locale, &l.title_zh, &l.title_en)}</a></td>
                                            <td>{labels::kind(locale, l.kind)}</td>
                                            <td>
                                                <span class="badge">{labels::listing_status(locale, l.status)}</span>
                                                {l.suspension_reason.map(|r| view! { " " <span class="muted">{r}</span> })}
                                            </td>
                                            <td>{l.updated}</td>
                                        </tr>
                                    }).collect_view()}
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

/// `/merchant/listings/new`: an empty editor.
#[component]
pub fn NewListingPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = verdict::<SaveListing>(locale);
    view! {
        <Title text=tu_string!(i18n, editor.new_listing).to_owned()/>
        {with_data(
            || async move {
                let user = require_user().await?;
                crate::merchants::workspace::require_member(&db()?, &user).await
            },
            move |membership| {
                let form = ListingForm {
                    kind: ListingKind::Dataset.slug().to_owned(),
                    pricing_model: PricingModel::Fixed.slug().to_owned(),
                    personal_info: PersonalInfo::None.slug().to_owned(),
                    classification: Classification::General.slug().to_owned(),
                    ..ListingForm::default()
                };
                view! {
                    <section class="card">
                        <WorkspaceHeader locale membership current="/merchant/listings"/>
                        <h2>{t!(i18n, editor.new_listing)}</h2>
                        <Editor locale form listing_id=None sample=Sample::default() error/>
                    </section>
                }
            },
        )}
    }
}

fn listing_id() -> Option<i64> {
    use_params_map()
        .with_untracked(|p| p.get("id"))
        .and_then(|id| id.parse().ok())
}

/// `/merchant/listings/:id`: the editor, the status buttons and the way to the preview.
#[component]
pub fn EditListingPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = verdict::<SaveListing>(locale);
    let move_error = verdict::<MoveListing>(locale);
    let saved = query("saved").is_some();
    let moved = query("moved").is_some();
    let id = listing_id();
    view! {
        <Title text=tu_string!(i18n, editor.edit).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            move || async move {
                let user = require_user().await?;
                workspace::own(&db()?, &user, id.ok_or(AppError::NotFound)?).await
            },
            move |(membership, detail)| {
                let (status, reason) = (detail.status, detail.suspension_reason.clone());
                let id = detail.card.id;
                let form = ListingForm::from_detail(&detail);
                let public = detail.card.slug.clone();
                let merchant_approved = membership.merchant.status == MerchantStatus::Approved;
                let button = move |change: &'static str, words: &'static str| view! {
                    <ButtonForm action=MoveListing::PATH words
                        fields=vec![("listing_id", id.to_string()), ("change", change.to_owned())]/>
                };
                let moves = match status {
                    ListingStatus::Draft if merchant_approved => Some(button("publish", td_string!(locale, editor.publish)).into_any()),
                    ListingStatus::Published => Some(view! {
                        {button("unpublish", td_string!(locale, editor.unpublish))} " "
                        {button("archive", td_string!(locale, editor.archive))}
                    }.into_any()),
                    _ => None,
                };
                view! {
                    <section class="card">
                        <WorkspaceHeader locale membership current="/merchant/listings"/>
                        {saved.then(|| view! { <p class="alert alert--ok" role="status" data-testid="saved">{t!(i18n, workspace.saved)}</p> })}
                        {moved.then(|| view! { <p class="alert alert--ok" role="status">{t!(i18n, editor.moved)}</p> })}
                        <FormAlert error=move_error/>
                        <h2>{name_in(locale, &detail.card.title_zh, &detail.card.title_en)}</h2>
                        <p>
                            <span class="badge" data-testid="listing-status">{labels::listing_status(locale, status)}</span>
                            {reason.map(|r| view! { " " <span class="alert alert--error" data-testid="suspension-reason">{td_string!(locale, editor.suspended_because)} " " {r}</span> })}
                        </p>
                        <p class="actions">
                            {moves} " "
                            <a class="button button--quiet" href=format!("/merchant/listings/{id}/preview")>{t!(i18n, editor.preview)}</a> " "
                            {(status == ListingStatus::Published && merchant_approved).then(|| view! {
                                <a href=format!("/catalog/{public}")>{t!(i18n, editor.public_page)}</a>
                            })}
                        </p>
                        {(status == ListingStatus::Archived).then(|| view! { <p class="alert alert--notice">{t!(i18n, editor.archived)}</p> })}
                        {(status != ListingStatus::Archived).then(|| view! {
                            <Editor locale form listing_id=Some(id) sample=detail.sample.clone() error/>
                        })}
                    </section>
                }
            },
        )}
    }
}

/// `/merchant/listings/:id/preview`: the listing as buyers will see it.
#[component]
pub fn PreviewListingPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = listing_id();
    view! {
        <Meta name="robots" content="noindex"/>
        {with_data(
            move || async move {
                let user = require_user().await?;
                workspace::own(&db()?, &user, id.ok_or(AppError::NotFound)?).await
            },
            move |(_, detail)| {
                let id = detail.card.id;
                view! {
                    <p class="alert alert--notice" role="status">
                        {t!(i18n, editor.preview_note)} " "
                        <a href=format!("/merchant/listings/{id}")>{t!(i18n, editor.back_to_editor)}</a>
                    </p>
                    <ListingDetailView detail/>
                }
            },
        )}
    }
}

/// The editor's form: every field, then the dataset's specification, sample and
/// dictionary (one blank row more than there are, for adding one).
#[component]
fn Editor(
    locale: Locale,
    form: ListingForm,
    listing_id: Option<i64>,
    sample: Sample,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let typed_list = |name: &str, stored: Vec<String>| -> Vec<String> {
        error.with_untracked(|e| match e.as_ref().and_then(|e| e.typed(name)) {
            Some(typed) => typed
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            None => stored,
        })
    };
    let industries = typed_list("industries", form.industries.clone());
    let delivery = typed_list("delivery_modes", form.delivery_modes.clone());
    let report = error
        .with_untracked(|e| {
            e.as_ref()
                .and_then(|e| e.typed("has_compliance_report").map(str::to_owned))
        })
        .unwrap_or(form.has_compliance_report.clone());
    // Dictionary rows: as typed after a refusal, else as stored.
    let column = |name: &str, stored: &[String]| -> Vec<String> {
        error.with_untracked(|e| match e.as_ref().and_then(|e| e.typed(name)) {
            Some("") => Vec::new(),
            Some(typed) => typed
                .split(ListingForm::ROW_SEPARATOR)
                .map(str::to_owned)
                .collect(),
            None => stored.to_vec(),
        })
    };
    let (names, kinds, descriptions) = (
        column("dict_name", &form.dict_name),
        column("dict_type", &form.dict_type),
        column("dict_description", &form.dict_description),
    );
    let rows: Vec<(String, String, String)> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let at = |list: &[String]| list.get(i).cloned().unwrap_or_default();
            (name.clone(), at(&kinds), at(&descriptions))
        })
        .chain(std::iter::once((
            String::new(),
            ColumnType::Text.slug().to_owned(),
            String::new(),
        )))
        .collect();
    let types: Vec<(String, String)> = ColumnType::ALL
        .iter()
        .map(|t| (t.slug().to_owned(), t.slug().to_owned()))
        .collect();
    view! {
        // Posted as multipart, for the sample file; a refusal is `SaveListing`'s verdict.
        <PostForm action=SAVE_LISTING_FORM enctype="multipart/form-data">
            // Enter in a text field presses the form's first submit button: this one
            // saves, not the first row's "remove".
            <button type="submit" class="visually-hidden" tabindex="-1" aria-hidden="true">{td_string!(locale, editor.save)}</button>
            <FormAlert error/>
            <input type="hidden" name="listing_id" value=listing_id.map(|id| id.to_string()).unwrap_or_default()/>
            <h3>{td_string!(locale, editor.basics)}</h3>
            <div class="form-grid">
                <Field name="title_zh" required=true label=td_string!(locale, editor.title_zh) error value=form.title_zh.clone()/>
                <Field name="title_en" required=true label=td_string!(locale, editor.title_en) error value=form.title_en.clone()
                    hint=td_string!(locale, editor.title_en_hint)/>
            </div>
            <div class="form-grid">
                <TextArea name="summary_zh" label=td_string!(locale, editor.summary_zh) error value=form.summary_zh.clone() rows=2/>
                <TextArea name="summary_en" label=td_string!(locale, editor.summary_en) error value=form.summary_en.clone() rows=2/>
            </div>
            <TextArea name="description_zh" label=td_string!(locale, editor.description_zh) error value=form.description_zh.clone() rows=5/>
            <TextArea name="description_en" label=td_string!(locale, editor.description_en) error value=form.description_en.clone() rows=5/>
            <div class="form-grid">
                <SelectField name="kind" label=td_string!(locale, editor.kind) error value=form.kind.clone()
                    options=options(ListingKind::ALL, ListingKind::slug, |v| labels::kind(locale, v))/>
                <SelectField name="service_field" label=td_string!(locale, editor.service_field) error value=form.service_field.clone()
                    blank=td_string!(locale, profile_form.choose)
                    options=options(ServiceField::ALL, ServiceField::slug, |v| labels::field(locale, v))/>
            </div>
            <CheckboxGroup name="industries" legend=td_string!(locale, editor.industries) error checked=industries
                options=options(Industry::ALL, Industry::slug, |v| labels::industry(locale, v))/>
            <CheckboxGroup name="delivery_modes" legend=td_string!(locale, editor.delivery_modes) error checked=delivery
                options=options(DeliveryMode::ALL, DeliveryMode::slug, |v| labels::delivery(locale, v))/>
            <h3>{td_string!(locale, editor.price_heading)}</h3>
            <div class="form-grid">
                <SelectField name="pricing_model" label=td_string!(locale, editor.pricing_model) error value=form.pricing_model.clone()
                    options=options(PricingModel::ALL, PricingModel::slug, |v| labels::pricing(locale, v))/>
                <Field name="price" label=td_string!(locale, editor.price) error value=form.price.clone()
                    hint=td_string!(locale, editor.price_hint)/>
            </div>
            <TextArea name="licence_terms" label=td_string!(locale, editor.licence_terms) error value=form.licence_terms.clone() rows=3/>
            <h3>{td_string!(locale, editor.trust)}</h3>
            <TextArea name="data_source" label=td_string!(locale, editor.data_source) error value=form.data_source.clone() rows=3/>
            <div class="form-grid">
                <SelectField name="personal_info" label=td_string!(locale, editor.personal_info) error value=form.personal_info.clone()
                    options=options(PersonalInfo::ALL, PersonalInfo::slug, |v| labels::personal_info(locale, v))/>
                <SelectField name="classification" label=td_string!(locale, editor.classification) error value=form.classification.clone()
                    options=options(Classification::ALL, Classification::slug, |v| labels::classification(locale, v))/>
            </div>
            <div class="form-grid">
                <Field name="registration_cert_no" label=td_string!(locale, editor.registration_cert_no) error value=form.registration_cert_no.clone()/>
                <label class="choice" for="field-has_compliance_report">
                    <input type="checkbox" id="field-has_compliance_report" name="has_compliance_report" value="on" checked=!report.is_empty()/>
                    {td_string!(locale, editor.has_compliance_report)}
                </label>
            </div>
            <h3>{td_string!(locale, editor.dataset)}</h3>
            <p class="field__hint">{td_string!(locale, editor.dataset_hint)}</p>
            <div class="form-grid">
                <SelectField name="modality" label=td_string!(locale, editor.modality) error value=form.modality.clone()
                    blank=td_string!(locale, profile_form.choose)
                    options=options(Modality::ALL, Modality::slug, |v| labels::modality(locale, v))/>
                <Field name="volume" label=td_string!(locale, editor.volume) error value=form.volume.clone()/>
                <Field name="time_coverage" label=td_string!(locale, editor.time_coverage) error value=form.time_coverage.clone()/>
                <Field name="update_frequency" label=td_string!(locale, editor.update_frequency) error value=form.update_frequency.clone()/>
                <Field name="annotation_accuracy" label=td_string!(locale, editor.annotation_accuracy) error value=form.annotation_accuracy.clone()/>
            </div>
            <TextArea name="label_schema" label=td_string!(locale, editor.label_schema) error value=form.label_schema.clone() rows=2/>
            <TextArea name="sample_csv" label=td_string!(locale, editor.sample_csv) error rows=6
                hint=td_string!(locale, editor.sample_csv_hint)/>
            <FileField name="sample_file" label=td_string!(locale, editor.sample_file) error accept=".csv,text/csv"
                hint=td_string!(locale, editor.sample_file_hint)/>
            {(!sample.columns.is_empty()).then(|| view! { <SampleTable sample=sample.clone()/> })}
            <fieldset class="choices dictionary" data-testid="dictionary">
                <legend>{td_string!(locale, editor.dictionary)}</legend>
                {rows.into_iter().enumerate().map(|(i, (name, data_type, description))| {
                    let message = error.with_untracked(|e| e.as_ref().and_then(|e| e.field(&format!("dict.{i}"))))
                        .map(|r| reason_text(locale, r).into_owned());
                    let types = types.clone();
                    let row = i + 1;
                    view! {
                        <div class="dictionary__row">
                            <label class="visually-hidden" for=format!("dict-name-{i}")>{td_string!(locale, editor.column_name, row = row)}</label>
                            <input id=format!("dict-name-{i}") name="dict_name[]" value=name placeholder=td_string!(locale, editor.column_placeholder)/>
                            <label class="visually-hidden" for=format!("dict-type-{i}")>{td_string!(locale, editor.column_type, row = row)}</label>
                            <select id=format!("dict-type-{i}") name="dict_type[]">
                                {types.into_iter().map(|(value, words)| {
                                    let selected = value == data_type;
                                    view! { <option value=value selected=selected>{words}</option> }
                                }).collect_view()}
                            </select>
                            <label class="visually-hidden" for=format!("dict-description-{i}")>{td_string!(locale, editor.column_description, row = row)}</label>
                            <input id=format!("dict-description-{i}") name="dict_description[]" value=description placeholder=td_string!(locale, editor.description_placeholder)/>
                            <button type="submit" name="dict_remove" value=i.to_string() class="button button--quiet"
                                aria-label=td_string!(locale, editor.remove_row, row = row)>"×"</button>
                            <p class="field__error">{message}</p>
                        </div>
                    }
                }).collect_view()}
                <p><button type="submit" class="button button--quiet">{td_string!(locale, editor.add_row)}</button></p>
            </fieldset>
            <p><button type="submit" class="button">{td_string!(locale, editor.save)}</button></p>
        </PostForm>
    }
}

#[component]
fn SampleTable(sample: Sample) -> impl IntoView {
    let cell = |value: &serde_json::Value| match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    view! {
        <div class="table-wrap">
            <table class="table sample" data-testid="sample">
                <thead><tr>{sample.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {sample.rows.iter().map(|row| view! {
                        <tr>{row.iter().map(|v| view! { <td>{cell(v)}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
