//! Form pieces that show the server's verdict next to each field and keep what was typed.
//! Rendered on the server only; the page provides the reader's [`Locale`] as context
//! (`pages::verdict`), and a [`LiveForm`](super::live_form::LiveForm) around a form
//! shows the next verdict in place.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::text_prop::TextProp;

use super::live_form::LiveForm;
use super::messages::{error_text, reason_text};
use super::raw_text;
use crate::error::AppError;
use crate::i18n::Locale;

/// The language the surrounding island was rendered in.
fn locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The verdict on a submission of `S` made without JavaScript: server_fn redirected the
/// browser back here, and the server carried the error in the session (never the URL).
pub fn refused_without_js<S: ServerFn<Error = AppError>>() -> Option<AppError> {
    refused_at(S::PATH)
}

/// The verdict on a plain form posted to `path` (a server function's, or a handler's
/// that answers the same way, such as a delivery's upload).
pub fn refused_at(path: &str) -> Option<AppError> {
    use leptos::server_fn::error::ServerFnUrlError;
    let verdict = crate::request::form_verdict()?;
    (verdict.path == path).then(|| ServerFnUrlError::<AppError>::decode_err(&verdict.err))
}

/// A labelled input. Its message comes from `error` (the form action's last error), and
/// after a refusal without JavaScript it is filled again with what was typed — except
/// passwords, which are never echoed.
#[component]
pub fn Field(
    /// The form field name, as the server function's argument is called.
    name: &'static str,
    #[prop(into)] label: TextProp,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<TextProp>,
    #[prop(optional)] required: bool,
    /// What the field holds before anything is typed (an edit form's current value).
    #[prop(optional, into)]
    value: Option<String>,
) -> impl IntoView {
    let locale = locale();
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let reason = move || error.with(|e| e.as_ref().and_then(|e| e.field(name)));
    let echo = input_type != "password";
    let typed = move || {
        echo.then(|| error.with(|e| e.as_ref().and_then(|e| e.typed(name)).map(str::to_owned)))
            .flatten()
            .or_else(|| value.clone())
    };
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if reason().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{move || label.get()}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{move || hint.get()}</p> })}
            <input
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                required=required
                value=typed
                aria-invalid=move || reason().is_some().then_some("true")
                aria-describedby=described_by
            />
            <p class="field__error" id=error_id>
                {move || reason().map(|r| reason_text(locale, r))}
            </p>
        </div>
    }
}

/// The message at the top of a form for what concerns no single field.
#[component]
pub fn FormAlert(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let locale = locale();
    let text = move || error.with(|e| e.as_ref().map(|e| error_text(locale, e)));
    view! {
        <div role="alert" aria-live="assertive">
            {move || text().map(|text| view! { <p class="alert alert--error">{text}</p> })}
        </div>
    }
}

/// A form that posts to a server function (`action`: its path) as plain HTML, and follows
/// the answer's redirect; its fields read the verdict the server carried back
/// (`refused_without_js`). With JavaScript it is live: a refusal shows in place.
/// A form carrying files ([`FileField`]) posts as `enctype="multipart/form-data"` to a
/// handler that reads it as such.
#[component]
pub fn PostForm(
    action: &'static str,
    #[prop(optional)] enctype: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <LiveForm>
            <form method="post" action=action enctype=enctype class="form" novalidate="">
                {children()}
            </form>
        </LiveForm>
    }
}

/// A form that is one button (a move, a close, a removal): its hidden `fields` (name,
/// value) and the button's `words`, posted live like every [`PostForm`].
#[component]
pub fn ButtonForm(
    action: &'static str,
    fields: Vec<(&'static str, String)>,
    #[prop(into)] words: String,
    #[prop(optional)] quiet: bool,
    /// The button's accessible name, where its words alone are ambiguous ("Remove").
    #[prop(optional, into)]
    label: Option<String>,
) -> impl IntoView {
    let class = if quiet {
        "button button--quiet"
    } else {
        "button"
    };
    view! {
        <LiveForm>
            <form method="post" action=action class="inline-form">
                {fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
                <button type="submit" class=class aria-label=label>{words}</button>
            </form>
        </LiveForm>
    }
}

/// The ids a field's input is described by: its hint and its message, when shown.
fn described_by(name: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(format!("field-{name}-hint"));
    }
    if has_error {
        ids.push(format!("field-{name}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The refusal of `name` in `error`, in words, and what was typed in it.
fn verdict_on(error: &Signal<Option<AppError>>, name: &str) -> (Option<String>, Option<String>) {
    let locale = locale();
    error.with_untracked(|e| {
        let e = e.as_ref();
        (
            e.and_then(|e| e.field(name))
                .map(|r| reason_text(locale, r).into_owned()),
            e.and_then(|e| e.typed(name)).map(str::to_owned),
        )
    })
}

/// The label, hint and message around a server-rendered control.
#[component]
fn FieldFrame(
    name: &'static str,
    label: String,
    hint: Option<String>,
    message: Option<String>,
    children: Children,
) -> impl IntoView {
    let id = format!("field-{name}");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=format!("field-{name}-hint")>{hint}</p> })}
            {children()}
            <p class="field__error" id=format!("field-{name}-error")>{message}</p>
        </div>
    }
}

/// A labelled multi-line text, server-rendered (plain forms), keeping what was typed.
#[component]
pub fn TextArea(
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = 4)] rows: u32,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let (message, typed) = verdict_on(&error, name);
    let described = described_by(name, hint.is_some(), message.is_some());
    let invalid = message.is_some().then_some("true");
    // Escaped here: the renderer writes a textarea's text raw (see `raw_text`).
    let text = raw_text::escape(&typed.or(value).unwrap_or_default()).into_owned();
    view! {
        <FieldFrame name label hint message>
            <textarea id=format!("field-{name}") name=name rows=rows required=required
                aria-invalid=invalid aria-describedby=described>{text}</textarea>
        </FieldFrame>
    }
}

/// A labelled file input, server-rendered. Browsers never give a chosen file back: after
/// a refusal the message says what was wrong and the file is chosen again.
#[component]
pub fn FileField(
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional, into)] hint: Option<String>,
    /// What the file picker offers first, e.g. `.csv,text/csv`.
    #[prop(optional)]
    accept: Option<&'static str>,
    #[prop(optional)] multiple: bool,
) -> impl IntoView {
    let (message, _) = verdict_on(&error, name);
    let described = described_by(name, hint.is_some(), message.is_some());
    let invalid = message.is_some().then_some("true");
    view! {
        <FieldFrame name label hint message>
            <input id=format!("field-{name}") type="file" name=name accept=accept multiple=multiple
                aria-invalid=invalid aria-describedby=described/>
        </FieldFrame>
    }
}

/// A labelled choice of one value, server-rendered. `options` are (value, words); a
/// blank first option when `blank` is given (its words).
#[component]
pub fn SelectField(
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(into)] error: Signal<Option<AppError>>,
    options: Vec<(String, String)>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional, into)] blank: Option<String>,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let (message, typed) = verdict_on(&error, name);
    let described = described_by(name, hint.is_some(), message.is_some());
    let invalid = message.is_some().then_some("true");
    let chosen = typed.or(value).unwrap_or_default();
    view! {
        <FieldFrame name label hint message>
            <select id=format!("field-{name}") name=name aria-invalid=invalid aria-describedby=described>
                {blank.map(|words| view! { <option value="">{words}</option> })}
                {options.into_iter().map(|(value, words)| {
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{words}</option> }
                }).collect_view()}
            </select>
        </FieldFrame>
    }
}

/// A group of checkboxes posting `{name}[]` (a list), server-rendered, in a fieldset.
#[component]
pub fn CheckboxGroup(
    name: &'static str,
    #[prop(into)] legend: String,
    #[prop(into)] error: Signal<Option<AppError>>,
    options: Vec<(String, String)>,
    #[prop(optional)] checked: Vec<String>,
) -> impl IntoView {
    let (message, typed) = verdict_on(&error, name);
    let checked: Vec<String> = match typed {
        Some(typed) => typed.split(',').map(str::to_owned).collect(),
        None => checked,
    };
    let error_id = format!("field-{name}-error");
    let invalid = message.is_some().then_some("true");
    let described = message.is_some().then(|| error_id.clone());
    view! {
        <fieldset class="field choices" aria-invalid=invalid aria-describedby=described>
            <legend>{legend}</legend>
            <div class="choices__options">
                {options.into_iter().map(|(value, words)| {
                    let on = checked.contains(&value);
                    let id = format!("field-{name}-{value}");
                    let label_for = id.clone();
                    view! {
                        <label class="choice" for=label_for>
                            <input type="checkbox" id=id name=format!("{name}[]") value=value checked=on/>
                            {words}
                        </label>
                    }
                }).collect_view()}
            </div>
            <p class="field__error" id=error_id>{message}</p>
        </fieldset>
    }
}
