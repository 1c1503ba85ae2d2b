//! Register, sign in, and the account page.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::api::{Register, SignIn, optional_user};
use super::islands::{RegisterForm, SignInForm};
use super::model::Role;
use crate::components::form::refused_without_js;
use crate::i18n::{Locale, t, td_string, tu_string, use_i18n};
use crate::pages::with_data;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let refused = refused_without_js::<Register>();
    view! {
        <Title text=tu_string!(i18n, register.title).to_owned()/>
        <Meta name="description" content=tu_string!(i18n, register.description)/>
        <section class="card narrow">
            <h1>{t!(i18n, register.title)}</h1>
            <p>{t!(i18n, register.lead)}</p>
            <RegisterForm locale refused/>
            <p class="form__footer">
                {t!(i18n, register.have_account)} " " <a href="/login">{t!(i18n, register.sign_in_link)}</a>
            </p>
        </section>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let refused = refused_without_js::<SignIn>();
    view! {
        <Title text=tu_string!(i18n, sign_in.title).to_owned()/>
        <Meta name="description" content=tu_string!(i18n, sign_in.description)/>
        <section class="card narrow">
            <h1>{t!(i18n, sign_in.title)}</h1>
            <p>{t!(i18n, sign_in.lead)}</p>
            <SignInForm locale refused/>
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
    view! {
        <Title text=tu_string!(i18n, account.title).to_owned()/>
        {with_data(optional_user, move |user| match user {
            Some(user) => {
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
                            <dd><span class="badge">{role_text(i18n.get_locale_untracked(), user.role)}</span></dd>
                        </dl>
                    </section>
                }.into_any()
            }
            None => {
                leptos_axum::redirect("/login");
                ().into_any()
            }
        })}
    }
}
