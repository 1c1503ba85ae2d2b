//! Form pieces that show the server's verdict next to each field and keep what was typed.
//! They live inside form islands, which provide the reader's [`Locale`] as context.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::text_prop::TextProp;

use super::messages::{error_text, reason_text};
use crate::error::AppError;
use crate::i18n::Locale;

/// The language the surrounding island was rendered in.
fn locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The error a form shows: its action's last answer once it has been submitted in the
/// browser, and before that `refused`, the verdict on a submission without JavaScript.
pub fn form_error<S>(action: ServerAction<S>, refused: Option<AppError>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || match action.value().get() {
        Some(result) => result.err(),
        None => refused.clone(),
    })
}

/// The verdict on a submission of `S` made without JavaScript: server_fn redirected the
/// browser back here, and the server carried the error in the session (never the URL).
#[cfg(feature = "ssr")]
pub fn refused_without_js<S: ServerFn<Error = AppError>>() -> Option<AppError> {
    use leptos::server_fn::error::ServerFnUrlError;
    let verdict = crate::request::form_verdict()?;
    (verdict.path == S::PATH).then(|| ServerFnUrlError::<AppError>::decode_err(&verdict.err))
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

/// A form that posts to a server function (`action`: its path) as plain HTML: the browser
/// submits it and follows the answer's redirect, with or without JavaScript, so it needs
/// no island. Its fields read the verdict the server carried back (`refused_without_js`).
#[cfg(feature = "ssr")]
#[component]
pub fn PostForm(action: &'static str, children: Children) -> impl IntoView {
    view! {
        <form method="post" action=action class="form" novalidate="">
            {children()}
        </form>
    }
}
