//! Register, sign in, and the account page.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use super::api::{Register, SignIn, get_current_user};
use super::model::Role;
use crate::components::form::{Field, FormAlert};
use crate::components::messages::error_text;
use crate::error::AppError;
use crate::i18n::{Locale, t, t_string, td_string, tu_string, use_i18n};

/// The action's last error, for the fields and the alert of its form.
fn last_error<A>(action: ServerAction<A>) -> Signal<Option<AppError>>
where
    A: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Register>::new();
    let error = last_error(action);
    view! {
        <Title text=tu_string!(i18n, register.title).to_owned()/>
        <section class="card narrow">
            <h1>{t!(i18n, register.title)}</h1>
            <p>{t!(i18n, register.lead)}</p>
            <ActionForm action attr:class="form" attr:novalidate="">
                <FormAlert error/>
                <Field name="email" input_type="email" autocomplete="email" required=true
                    label=move || t_string!(i18n, register.email) error/>
                <Field name="display_name" autocomplete="name" required=true
                    label=move || t_string!(i18n, register.display_name)
                    hint=move || t_string!(i18n, register.display_name_hint) error/>
                <Field name="password" input_type="password" autocomplete="new-password" required=true
                    label=move || t_string!(i18n, register.password)
                    hint=move || t_string!(i18n, register.password_hint) error/>
                <p>
                    <button type="submit" class="button" disabled=move || action.pending().get()>
                        {t!(i18n, register.submit)}
                    </button>
                </p>
            </ActionForm>
            <p class="form__footer">
                {t!(i18n, register.have_account)} " " <a href="/login">{t!(i18n, register.sign_in_link)}</a>
            </p>
        </section>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignIn>::new();
    let error = last_error(action);
    view! {
        <Title text=tu_string!(i18n, sign_in.title).to_owned()/>
        <section class="card narrow">
            <h1>{t!(i18n, sign_in.title)}</h1>
            <p>{t!(i18n, sign_in.lead)}</p>
            <ActionForm action attr:class="form" attr:novalidate="">
                <FormAlert error/>
                <Field name="email" input_type="email" autocomplete="username" required=true
                    label=move || t_string!(i18n, sign_in.email) error/>
                <Field name="password" input_type="password" autocomplete="current-password" required=true
                    label=move || t_string!(i18n, sign_in.password) error/>
                <p>
                    <button type="submit" class="button" disabled=move || action.pending().get()>
                        {t!(i18n, sign_in.submit)}
                    </button>
                </p>
            </ActionForm>
            <p class="form__footer">
                {t!(i18n, sign_in.no_account)} " " <a href="/register">{t!(i18n, sign_in.register_link)}</a>
            </p>
        </section>
    }
}

fn role_text(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::Buyer => td_string!(locale, roles.buyer),
        Role::Merchant => td_string!(locale, roles.merchant),
        Role::Admin => td_string!(locale, roles.admin),
    }
}

/// Who you are. Visitors are sent to sign in.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let user = Resource::new(|| (), |_| get_current_user());
    view! {
        <Title text=tu_string!(i18n, account.title).to_owned()/>
        <Suspense fallback=move || view! { <p>{t!(i18n, account.loading)}</p> }>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(user)) => {
                        let name = user.display_name.clone();
                        view! {
                            <section class="card">
                                <h1>{t!(i18n, account.greeting, name = move || name.clone())}</h1>
                                <dl class="facts">
                                    <dt>{t!(i18n, account.display_name)}</dt>
                                    <dd data-testid="account-name">{user.display_name}</dd>
                                    <dt>{t!(i18n, account.email)}</dt>
                                    <dd>{user.email}</dd>
                                    <dt>{t!(i18n, account.role)}</dt>
                                    <dd><span class="badge">{move || role_text(i18n.get_locale(), user.role)}</span></dd>
                                </dl>
                            </section>
                        }.into_any()
                    }
                    Ok(None) => view! { <Redirect path="/login"/> }.into_any(),
                    Err(error) => view! {
                        <p class="alert alert--error">{move || error_text(i18n.get_locale(), &error)}</p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
