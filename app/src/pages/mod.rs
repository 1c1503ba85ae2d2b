//! Pages that belong to no single context, and the one way a page reads its data.
//!
//! Pages are server components: they call their context's service directly while the
//! page renders (every route is `SsrMode::Async`), so no data travels to the browser
//! twice, once as HTML and once as a serialised blob for hydration.

pub mod home;
pub mod not_found;

use std::future::Future;

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use sqlx::PgPool;

use crate::components::messages::error_text;
use crate::error::AppError;
use crate::i18n::{t, tu_string, use_i18n};
use not_found::NotFound;

/// The request's database pool.
pub fn db() -> Result<PgPool, AppError> {
    Ok(crate::request::state()?.db)
}

/// The pool for search statements (see [`crate::state::AppState::search_db`]).
pub fn search_db() -> Result<PgPool, AppError> {
    Ok(crate::request::state()?.search_db)
}

/// Renders `render` with what `load` found, awaited while the page is rendered on the
/// server; a missing object becomes the 404 page, any other failure the error page
/// with the error's status (503 when the database does not answer), and `Unauthenticated`
/// a redirect to sign in.
///
/// `load` runs exactly once per page view, to the end. `Suspense` calls its children
/// three times while rendering on the server and drops the first two futures half-way
/// (measured): a load started there would run its statements up to three times, and a
/// load with an effect (using a link from an e-mail) could be cut off after the effect
/// but before its answer. So the load is spawned once, with the page's reactive owner
/// (its request context), and every call of the children awaits that one result.
pub fn with_data<T, Fut, V>(
    load: impl FnOnce() -> Fut,
    render: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    let (loaded, result) = tokio::sync::watch::channel(None::<Result<T, AppError>>);
    let work = leptos::reactive::computed::ScopedFuture::new(load());
    // A refused page is logged here, once per load, with what the load learnt of its user.
    let origin = crate::security::Origin::current();
    let path = crate::request::path().unwrap_or_default();
    let user = crate::request::user_once();
    tokio::spawn(async move {
        let outcome = work.await;
        if let Err(error) = &outcome {
            let user_id = user.and_then(|once| once.0.get().cloned().flatten().map(|u| u.id));
            crate::security::refused(error, user_id, &origin, &path);
        }
        let _ = loaded.send(Some(outcome));
    });
    let render = std::sync::Arc::new(render);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (mut result, render) = (result.clone(), render.clone());
                Suspend::new(async move {
                    let data = match result.wait_for(Option::is_some).await {
                        Ok(data) => data.clone().unwrap_or(Err(AppError::Unexpected)),
                        Err(_) => Err(AppError::Unexpected),
                    };
                    match data {
                        Ok(data) => render(data).into_any(),
                        Err(AppError::NotFound) => view! { <NotFound/> }.into_any(),
                        // A page for the signed-in, asked for by a visitor: sign in first.
                        Err(AppError::Unauthenticated) => {
                            leptos_axum::redirect("/login");
                            ().into_any()
                        }
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Sends the browser to `path` instead of rendering this page (visitors to pages for the
/// signed-in, a second step with nobody between the steps, codes already shown).
pub fn elsewhere(path: &str) -> AnyView {
    leptos_axum::redirect(path);
    ().into_any()
}

/// The value of query parameter `name` in the page's URL.
pub fn query(name: &str) -> Option<String> {
    leptos_router::hooks::use_query_map().with_untracked(|q| q.get(name))
}

/// The verdict on the last post of server function `S` made without JavaScript, for
/// the server-rendered fields of a plain form; they read the language from context, as
/// they do inside an island.
pub fn verdict<S: leptos::server_fn::ServerFn<Error = AppError>>(
    locale: crate::i18n::Locale,
) -> Signal<Option<AppError>> {
    provide_context(locale);
    Signal::stored(crate::components::form::refused_without_js::<S>())
}

/// The page's canonical address, absolute as search engines want it
/// (`SHUSHANG_PUBLIC_URL` + `path`).
#[component]
pub fn Canonical(#[prop(into)] path: String) -> impl IntoView {
    let origin = crate::request::state()
        .map(|state| state.public_url.trim_end_matches('/').to_owned())
        .unwrap_or_default();
    view! { <Link rel="canonical" href=format!("{origin}{path}")/> }
}

/// A friendly page for a failure, answered with the failure's HTTP status. What went
/// wrong on the server is in the log (with the request id), never on the page.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
    let text = error_text(i18n.get_locale_untracked(), &error);
    view! {
        <Title text=tu_string!(i18n, error_page.title).to_owned()/>
        <Meta name="robots" content="noindex"/>
        <section class="card error-page">
            <p class="error-page__code" aria-hidden="true">{error.status().as_u16()}</p>
            <h1>{t!(i18n, error_page.title)}</h1>
            <p class="alert alert--error">{text}</p>
            <p><a class="button" href="/">{t!(i18n, not_found.home)}</a></p>
        </section>
    }
}
