//! The account forms, as islands: they validate inline in the browser (the server's
//! verdict shown next to each field without a page load) and, without JavaScript, post
//! and come back with the same messages. Their text arrives in the reader's language
//! through the `locale` prop, so the bundle needs no i18n context of its own.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::api::{Register, SignIn};
use crate::components::form::{Field, FormAlert, form_error};
use crate::error::AppError;
use crate::i18n::{Locale, td_string};

/// Opens a buyer account. `refused` is the verdict of a submission made without
/// JavaScript, which the server renders into the page.
#[island]
pub fn RegisterForm(locale: Locale, refused: Option<AppError>) -> impl IntoView {
    provide_context(locale);
    let action = ServerAction::<Register>::new();
    let error = form_error(action, refused);
    view! {
        <ActionForm action attr:class="form" attr:novalidate="">
            <FormAlert error/>
            <Field name="email" input_type="email" autocomplete="email" required=true
                label=td_string!(locale, register.email) error/>
            <Field name="display_name" autocomplete="name" required=true
                label=td_string!(locale, register.display_name)
                hint=td_string!(locale, register.display_name_hint) error/>
            <Field name="password" input_type="password" autocomplete="new-password" required=true
                label=td_string!(locale, register.password)
                hint=td_string!(locale, register.password_hint) error/>
            <p>
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {td_string!(locale, register.submit)}
                </button>
            </p>
        </ActionForm>
    }
}

/// Signs in with e-mail and password.
#[island]
pub fn SignInForm(locale: Locale, refused: Option<AppError>) -> impl IntoView {
    provide_context(locale);
    let action = ServerAction::<SignIn>::new();
    let error = form_error(action, refused);
    view! {
        <ActionForm action attr:class="form" attr:novalidate="">
            <FormAlert error/>
            <Field name="email" input_type="email" autocomplete="username" required=true
                label=td_string!(locale, sign_in.email) error/>
            <Field name="password" input_type="password" autocomplete="current-password" required=true
                label=td_string!(locale, sign_in.password) error/>
            <p>
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {td_string!(locale, sign_in.submit)}
                </button>
            </p>
        </ActionForm>
    }
}
