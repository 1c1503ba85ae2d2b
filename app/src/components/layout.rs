//! The frame around every page: header with navigation, sign-in state and language;
//! footer. Rendered on the server only: signing out and switching language are plain
//! form posts that come back to a freshly rendered page.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::language::LanguageSwitch;
use crate::accounts::api::{SignOut, optional_user};
use crate::accounts::model::Role;
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let sign_out = ServerAction::<SignOut>::new();
    // The section the visitor is in, for screen readers and the highlighted link.
    let current = move |section: &'static str| {
        move || {
            location.pathname.with(|path| {
                let inside = if section == "/" {
                    path == "/"
                } else {
                    path.starts_with(section)
                };
                inside.then_some("page")
            })
        }
    };
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="/">
                    <span class="brand__mark" aria-hidden="true">"◆"</span>
                    {t!(i18n, site.name)}
                </a>
                <nav class="site-nav" aria-label=move || t_string!(i18n, nav.main)>
                    <ul>
                        <li><a href="/" aria-current=current("/")>{t!(i18n, nav.home)}</a></li>
                        <li><a href="/merchants" aria-current=current("/merchants")>{t!(i18n, nav.merchants)}</a></li>
                        <li><a href="/catalog" aria-current=current("/catalog")>{t!(i18n, nav.catalog)}</a></li>
                    </ul>
                </nav>
                <div class="site-tools">
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            match optional_user().await {
                                Ok(Some(user)) => {
                                let unread = crate::notifications::unread_count_for(user.id).await.unwrap_or(0);
                                let unread_label = t_string!(i18n, nav.unread, count = unread);
                                let places = match user.role {
                                    Role::Admin => Some(("/admin", t_string!(i18n, nav.console))),
                                    Role::Merchant => Some(("/merchant", t_string!(i18n, nav.workspace))),
                                    Role::Buyer => Some(("/account/orders", t_string!(i18n, nav.orders))),
                                };
                                view! {
                                    {places.map(|(href, words)| view! { <a href=href>{words}</a> })}
                                    <a href="/account/notifications" class="notifications-link" data-testid="notifications-link"
                                        aria-label=unread_label.clone()>
                                        <svg class="bell" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                                            <path d="M12 2a6 6 0 0 0-6 6v3.6L4.3 15a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 11.6V8a6 6 0 0 0-6-6Zm0 20a3 3 0 0 0 2.8-2H9.2A3 3 0 0 0 12 22Z" fill="currentColor"/>
                                        </svg>
                                        {(unread > 0).then(|| view! { <span class="count" aria-hidden="true" data-testid="unread">{unread}</span> })}
                                    </a>
                                    <span class="user-chip">
                                        <span class="visually-hidden">{t!(i18n, nav.signed_in_as)} " "</span>
                                        <a href="/account">{user.display_name}</a>
                                    </span>
                                    <ActionForm action=sign_out>
                                        <button type="submit" class="button button--link">{t!(i18n, nav.sign_out)}</button>
                                    </ActionForm>
                                }.into_any()
                                }
                                _ => view! {
                                    <a href="/login">{t!(i18n, nav.sign_in)}</a>
                                    <a class="button" href="/register">{t!(i18n, nav.register)}</a>
                                }.into_any(),
                            }
                        })}
                    </Suspense>
                    <LanguageSwitch/>
                </div>
            </div>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <p>{t!(i18n, site.footer)}</p>
                <p>{t!(i18n, site.footer_rights)}</p>
            </div>
        </footer>
    }
}
