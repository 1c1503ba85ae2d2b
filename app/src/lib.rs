//! Shushang's pages and server functions, rendered on the server and hydrated in the browser.
//!
//! Each bounded context lives in its own module: `model` (shared, wasm-safe types),
//! `api` (server functions), `service`/`repo` (server only: use-cases and SQL) and `pages`.

#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod accounts;
pub mod catalog;
pub mod components;
pub mod error;
pub mod merchants;
pub mod pages;
pub mod url_params;
pub mod vocab;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub mod state;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::layout::{Footer, Header};
use crate::i18n::{I18nContextProvider, Locale};
use crate::pages::{home::HomePage, not_found::NotFound};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The security middleware chose this response's script nonce; the hydration
    // scripts carry it so the Content-Security-Policy lets them run.
    #[cfg(feature = "ssr")]
    if let Some(nonce) = request::csp_nonce() {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="data:,"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The language chosen with the switch lives in the `lang` cookie, which only the
/// server writes; without it the browser's Accept-Language decides, then English.
pub const LANG_COOKIE: &str = "lang";

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let cookie_options = leptos_i18n::context::CookieOptions::<Locale>::default()
        .path("/")
        .readonly(true);
    view! {
        <I18nContextProvider cookie_name=LANG_COOKIE cookie_options>
            <Stylesheet id="leptos" href="/pkg/shushang.css"/>
            // Titles are plain strings, read once while the page renders: leptos_meta
            // renders the title after the page's reactive owner has gone, so a closure
            // reading the language signal there panics (sandboxed arenas).
            <Title formatter=|title: String| {
                if title.is_empty() { "Shushang · 数商".to_owned() } else { format!("{title} · Shushang 数商") }
            }/>
            <Router>
                <a class="skip-link" href="#main">{move || crate::i18n::t_string!(crate::i18n::use_i18n(), site.skip)}</a>
                <Header/>
                // Every route renders whole before it is sent (SsrMode::Async): out-of-order
                // streaming would leave Suspense fallbacks on the page for visitors without
                // JavaScript, and statuses such as 404 must be set before the first byte.
                <main id="main" tabindex="-1">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                        <Route path=path!("/merchants") view=merchants::pages::DirectoryPageView ssr=SsrMode::Async/>
                        <Route path=path!("/merchants/:slug") view=merchants::pages::ProfilePage ssr=SsrMode::Async/>
                        <Route path=path!("/catalog") view=catalog::pages::CatalogSearchPage ssr=SsrMode::Async/>
                        <Route path=path!("/catalog/:slug") view=catalog::pages::ListingPage ssr=SsrMode::Async/>
                        <Route path=path!("/register") view=accounts::pages::RegisterPage ssr=SsrMode::Async/>
                        <Route path=path!("/login") view=accounts::pages::SignInPage ssr=SsrMode::Async/>
                        <Route path=path!("/account") view=accounts::pages::AccountPage ssr=SsrMode::Async/>
                    </Routes>
                </main>
                <Footer/>
            </Router>
        </I18nContextProvider>
    }
}

/// Entry point of the wasm bundle: attaches the app to the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    // A mark for people and browser tests: the bundle loaded and took over the page.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
