//! Register, sign in, and the account page.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use leptos::server_fn::ServerFn;

use super::api::{
    ChangePassword, ConfirmEmail, ConfirmSecondFactor, Register, RequestPasswordReset,
    ResendVerification, ResetPassword, SecondFactorStep, SignIn, optional_user, second_factor_step,
    take_recovery_codes,
};
use super::model::Role;
use crate::components::form::{Field, FormAlert, PostForm};
use crate::error::AppError;
use crate::i18n::{Locale, t, td_string, tu_string, use_i18n};
use crate::pages::{db, elsewhere, query, verdict, with_data};

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = verdict::<Register>(locale);
    view! {
        <Title text=tu_string!(i18n, register.title).to_owned()/>
        <Meta name="description" content=tu_string!(i18n, register.description)/>
        <section class="card narrow">
            <h1>{t!(i18n, register.title)}</h1>
            <p>{t!(i18n, register.lead)}</p>
            <RegisterForm locale error/>
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
    let error = verdict::<SignIn>(locale);
    view! {
        <Title text=tu_string!(i18n, sign_in.title).to_owned()/>
        <Meta name="description" content=tu_string!(i18n, sign_in.description)/>
        <section class="card narrow">
            <h1>{t!(i18n, sign_in.title)}</h1>
            <p>{t!(i18n, sign_in.lead)}</p>
            <SignInForm locale error/>
            <p class="form__footer"><a href="/forgot-password">{t!(i18n, sign_in.forgot)}</a></p>
            <p class="form__footer">
                {t!(i18n, sign_in.no_account)} " " <a href="/register">{t!(i18n, sign_in.register_link)}</a>
            </p>
        </section>
    }
}

/// Opens a buyer account; `error` is the verdict on the last submission.
#[component]
fn RegisterForm(locale: Locale, error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <PostForm action=Register::PATH>
            <FormAlert error/>
            <Field name="email" input_type="email" autocomplete="email" required=true
                label=td_string!(locale, register.email) error/>
            <Field name="display_name" autocomplete="name" required=true
                label=td_string!(locale, register.display_name)
                hint=td_string!(locale, register.display_name_hint) error/>
            <Field name="password" input_type="password" autocomplete="new-password" required=true
                label=td_string!(locale, register.password)
                hint=td_string!(locale, register.password_hint) error/>
            <p><button type="submit" class="button">{td_string!(locale, register.submit)}</button></p>
        </PostForm>
    }
}

/// Signs in with e-mail and password; `error` is the verdict on the last submission.
#[component]
fn SignInForm(locale: Locale, error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <PostForm action=SignIn::PATH>
            <FormAlert error/>
            <Field name="email" input_type="email" autocomplete="username" required=true
                label=td_string!(locale, sign_in.email) error/>
            <Field name="password" input_type="password" autocomplete="current-password" required=true
                label=td_string!(locale, sign_in.password) error/>
            <p><button type="submit" class="button">{td_string!(locale, sign_in.submit)}</button></p>
        </PostForm>
    }
}

fn role_text(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::Buyer => td_string!(locale, roles.buyer),
        Role::Merchant => td_string!(locale, roles.merchant),
        Role::Admin => td_string!(locale, roles.admin),
    }
}

/// Who you are, whether your address is verified, and the way to your password.
/// Visitors are sent to sign in.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let resend_refused = verdict::<ResendVerification>(locale);
    let resent = query("sent").as_deref() == Some("verification");
    let changed = query("changed").as_deref() == Some("password");
    let mail_saved = query("mail").as_deref() == Some("saved");
    let left_team = query("left").as_deref() == Some("team");
    view! {
        <Title text=tu_string!(i18n, account.title).to_owned()/>
        {with_data(
            || async move {
                let user = optional_user().await?;
                let (mail, invitations) = match &user {
                    Some(user) => {
                        let db = crate::pages::db()?;
                        let mail = crate::notifications::outbox::wanted(&db, user.id).await?;
                        let invitations = crate::merchants::team::invitations(&db, user).await?.len();
                        (mail, invitations)
                    }
                    None => (false, 0),
                };
                Ok((user, mail, invitations))
            },
            move |(user, mail, invitations)| match user {
            Some(user) => {
                let name = user.display_name.clone();
                let email = user.email.clone();
                let status = if user.email_verified {
                    view! { <span class="badge badge--ok">{t!(i18n, account.verified)}</span> }.into_any()
                } else {
                    view! { <span class="badge badge--warn">{t!(i18n, account.unverified)}</span> }.into_any()
                };
                view! {
                    {changed.then(|| view! {
                        <p class="alert alert--ok" role="status">{t!(i18n, account.password_changed)}</p>
                    })}
                    {left_team.then(|| view! {
                        <p class="alert alert--ok" role="status">{t!(i18n, team.left)}</p>
                    })}
                    {(invitations > 0).then(|| view! {
                        <section class="card" data-testid="invitations-waiting">
                            <h2>{t!(i18n, team.invitations_title)}</h2>
                            <p>
                                {td_string!(locale, team.waiting_for_you, count = invitations)} " "
                                <a href=crate::merchants::team::INVITATIONS_PAGE>{t!(i18n, team.answer)}</a>
                            </p>
                        </section>
                    })}
                    <section class="card">
                        <h1>{t!(i18n, account.greeting, name = move || name.clone())}</h1>
                        <dl class="facts">
                            <dt>{t!(i18n, account.display_name)}</dt>
                            <dd data-testid="account-name">{user.display_name.clone()}</dd>
                            <dt>{t!(i18n, account.email)}</dt>
                            <dd>{user.email.clone()} " " {status}</dd>
                            <dt>{t!(i18n, account.role)}</dt>
                            <dd><span class="badge">{role_text(locale, user.role)}</span></dd>
                        </dl>
                        {(!user.email_verified).then(|| {
                            let email = email.clone();
                            let sent_to = email.clone();
                            view! {
                                <div class="verify-note" data-testid="verify-note">
                                    <p>{td_string!(locale, account.unverified_note, email = email)}</p>
                                    {resent.then(|| view! {
                                        <p class="alert alert--ok" role="status">
                                            {td_string!(locale, account.resent, email = sent_to)}
                                        </p>
                                    })}
                                    <PostForm action=ResendVerification::PATH>
                                        <FormAlert error=resend_refused/>
                                        <p><button type="submit" class="button button--quiet">{t!(i18n, account.resend)}</button></p>
                                    </PostForm>
                                </div>
                            }
                        })}
                    </section>
                    <section class="card">
                        <h2>{t!(i18n, account.deals)}</h2>
                        <ul class="links">
                            <li><a href="/account/orders">{t!(i18n, account.orders_link)}</a></li>
                            <li><a href="/account/inquiries">{t!(i18n, account.inquiries_link)}</a></li>
                            <li><a href="/requirements">{t!(i18n, account.requirements_link)}</a></li>
                        </ul>
                    </section>
                    <section class="card">
                        <h2>{t!(i18n, account.mail_title)}</h2>
                        {mail_saved.then(|| view! {
                            <p class="alert alert--ok" role="status" data-testid="mail-saved">{t!(i18n, account.mail_saved)}</p>
                        })}
                        <PostForm action=crate::notifications::SetMailNotifications::PATH>
                            <label class="choice" for="mail-on">
                                <input type="checkbox" id="mail-on" name="on" value="on" checked=mail/>
                                {t!(i18n, account.mail_on)}
                            </label>
                            <p><button type="submit" class="button button--quiet">{t!(i18n, account.mail_save)}</button></p>
                        </PostForm>
                    </section>
                    <section class="card">
                        <h2>{t!(i18n, account.security)}</h2>
                        <p><a href="/account/password">{t!(i18n, account.change_password_link)}</a></p>
                    </section>
                }.into_any()
            }
            None => elsewhere("/login"),
        })}
    }
}

/// Where a verification link leads: a button that confirms the address (the page alone
/// spends nothing, so a mail scanner opening the link verifies nobody), then the result.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = verdict::<ConfirmEmail>(locale);
    let token = query("token").unwrap_or_default();
    let verified = query("verified").is_some();
    view! {
        <Title text=tu_string!(i18n, verify.title).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            {
                let token = token.clone();
                move || {
                    let token = token.clone();
                    async move {
                        if verified || token.is_empty() {
                            return Ok(false);
                        }
                        super::email::verification_link_usable(&db()?, &token).await
                    }
                }
            },
            move |usable| view! {
                <section class="card narrow">
                    <h1>{t!(i18n, verify.title)}</h1>
                    {if verified {
                        view! { <p class="alert alert--ok" role="status" data-testid="verified">{t!(i18n, verify.done)}</p> }.into_any()
                    } else if usable {
                        let token = token.clone();
                        view! {
                            <p>{t!(i18n, verify.lead)}</p>
                            <PostForm action=ConfirmEmail::PATH>
                                <FormAlert error/>
                                <input type="hidden" name="token" value=token/>
                                <p><button type="submit" class="button">{t!(i18n, verify.confirm)}</button></p>
                            </PostForm>
                        }.into_any()
                    } else {
                        view! { <p class="alert alert--error" role="alert">{t!(i18n, verify.failed)}</p> }.into_any()
                    }}
                    <p><a href="/account">{t!(i18n, verify.to_account)}</a></p>
                </section>
            },
        )}
    }
}

/// Asks for a password reset link.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = verdict::<RequestPasswordReset>(locale);
    let sent = query("sent").is_some();
    view! {
        <Title text=tu_string!(i18n, forgot.title).to_owned()/>
        <section class="card narrow">
            <h1>{t!(i18n, forgot.title)}</h1>
            {if sent {
                view! { <p class="alert alert--ok" role="status" data-testid="reset-sent">{t!(i18n, forgot.sent)}</p> }.into_any()
            } else {
                view! {
                    <p>{t!(i18n, forgot.lead)}</p>
                    <PostForm action=RequestPasswordReset::PATH>
                        <FormAlert error/>
                        <Field name="email" input_type="email" autocomplete="email" required=true
                            label=td_string!(locale, forgot.email) error/>
                        <p><button type="submit" class="button">{t!(i18n, forgot.submit)}</button></p>
                    </PostForm>
                }.into_any()
            }}
        </section>
    }
}

/// Where a reset link leads: a new password, if the link still works.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = verdict::<ResetPassword>(locale);
    let token = query("token").unwrap_or_default();
    view! {
        <Title text=tu_string!(i18n, reset.title).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            {
                let token = token.clone();
                move || {
                    let token = token.clone();
                    async move { super::email::reset_link_usable(&db()?, &token).await }
                }
            },
            move |usable| view! {
                <section class="card narrow">
                    <h1>{t!(i18n, reset.title)}</h1>
                    {if usable {
                        let token = token.clone();
                        view! {
                            <p>{t!(i18n, reset.lead)}</p>
                            <PostForm action=ResetPassword::PATH>
                                <FormAlert error/>
                                <input type="hidden" name="token" value=token/>
                                <Field name="password" input_type="password" autocomplete="new-password" required=true
                                    label=td_string!(locale, reset.password)
                                    hint=td_string!(locale, register.password_hint) error/>
                                <p><button type="submit" class="button">{t!(i18n, reset.submit)}</button></p>
                            </PostForm>
                        }.into_any()
                    } else {
                        view! {
                            <p class="alert alert--error" role="alert">{t!(i18n, errors.link_invalid)}</p>
                            <p><a href="/forgot-password">{t!(i18n, sign_in.forgot)}</a></p>
                        }.into_any()
                    }}
                </section>
            },
        )}
    }
}

/// A new password for the signed-in user, who confirms the current one.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = verdict::<ChangePassword>(locale);
    view! {
        <Title text=tu_string!(i18n, change_password.title).to_owned()/>
        {with_data(optional_user, move |user| match user {
            Some(_) => view! {
                <section class="card narrow">
                    <h1>{t!(i18n, change_password.title)}</h1>
                    <p>{t!(i18n, change_password.lead)}</p>
                    <PostForm action=ChangePassword::PATH>
                        <FormAlert error/>
                        <Field name="current_password" input_type="password" autocomplete="current-password" required=true
                            label=td_string!(locale, change_password.current_password) error/>
                        <Field name="new_password" input_type="password" autocomplete="new-password" required=true
                            label=td_string!(locale, change_password.new_password)
                            hint=td_string!(locale, register.password_hint) error/>
                        <p><button type="submit" class="button">{t!(i18n, change_password.submit)}</button></p>
                    </PostForm>
                </section>
            }.into_any(),
            None => elsewhere("/login"),
        })}
    }
}

/// The operator's second step: a code from the authenticator app, or, the first time,
/// setting the app up. Only for someone whose password was just right.
#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = verdict::<ConfirmSecondFactor>(locale);
    view! {
        <Title text=tu_string!(i18n, second_factor.title).to_owned()/>
        {with_data(second_factor_step, move |step| match step {
            Some(SecondFactorStep::Code) => view! {
                <section class="card narrow">
                    <h1>{t!(i18n, second_factor.title)}</h1>
                    <p>{t!(i18n, second_factor.lead)}</p>
                    <CodeForm label=td_string!(locale, second_factor.code) error/>
                </section>
            }.into_any(),
            Some(SecondFactorStep::Enroll(enrollment)) => view! {
                <section class="card narrow">
                    <h1>{t!(i18n, second_factor.enroll_title)}</h1>
                    <p>{t!(i18n, second_factor.enroll_lead)}</p>
                    <dl class="facts">
                        <dt>{t!(i18n, second_factor.secret)}</dt>
                        <dd><code class="secret" data-testid="totp-secret">{enrollment.secret_base32.clone()}</code></dd>
                    </dl>
                    <p><a href=enrollment.link.clone() rel="nofollow">{t!(i18n, second_factor.open_link)}</a></p>
                    <CodeForm label=td_string!(locale, second_factor.enroll_code) error/>
                </section>
            }.into_any(),
            None => elsewhere("/login"),
        })}
    }
}

/// The one field of the second step, under `label`.
#[component]
fn CodeForm(label: &'static str, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PostForm action=ConfirmSecondFactor::PATH>
            <FormAlert error/>
            <Field name="code" autocomplete="one-time-code" required=true label error/>
            <p><button type="submit" class="button">{t!(i18n, second_factor.submit)}</button></p>
        </PostForm>
    }
}

/// The recovery codes of a new enrollment, shown this once.
#[component]
pub fn RecoveryCodesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=tu_string!(i18n, second_factor.codes_title).to_owned()/>
        {with_data(take_recovery_codes, move |codes| match codes {
            Some(codes) => view! {
                <section class="card narrow">
                    <h1>{t!(i18n, second_factor.codes_title)}</h1>
                    <p>{t!(i18n, second_factor.codes_lead)}</p>
                    <ol class="recovery-codes" data-testid="recovery-codes">
                        {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
                    </ol>
                    <p><a class="button" href="/account">{t!(i18n, second_factor.codes_done)}</a></p>
                </section>
            }.into_any(),
            None => elsewhere("/account"),
        })}
    }
}
