//! Shushang's pages and server functions, in islands mode: every page renders on the
//! server only, and the browser's wasm bundle carries just the `#[island]` components —
//! one, `components::live_form::LiveForm`, which shows a form's refusals in place — so
//! the download grows with interactivity, not with the number of pages or forms.
//!
//! Each bounded context lives in its own module: `model` (shared, wasm-safe types),
//! `api` (server functions), `service`/`repo` (server only: use-cases and SQL), `pages`
//! (server only).

#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod accounts;
pub mod audit;
pub mod catalog;
pub mod components;
pub mod deals;
pub mod error;
pub mod merchants;
pub mod notifications;
pub mod operator;
pub mod search;
pub mod text;
pub mod url_params;
pub mod vocab;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod index;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub mod security;
#[cfg(feature = "ssr")]
mod shell;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub use shell::{App, LANG_COOKIE, shell};

/// Entry point of the wasm bundle: wakes up the islands of the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // A mark for people and browser tests: the bundle loaded and took over the islands.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
