//! The HTML document and the routes (server only: no page is compiled into the wasm).

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::layout::{Footer, Header};
use crate::components::raw_text;
use crate::i18n::{I18nContextProvider, Locale};
use crate::pages::{home::HomePage, not_found::NotFound};
use crate::{accounts, catalog, deals, merchants, operator};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The security middleware chose this response's script nonce; the hydration
    // scripts carry it so the Content-Security-Policy lets them run.
    if let Some(nonce) = crate::request::csp_nonce() {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="data:,"/>
                <HydrationScripts options islands=true/>
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
    // No state while the route list is generated at start-up: nothing is rendered then.
    let stylesheet = use_context::<crate::state::AppState>()
        .map(|s| s.stylesheet.to_string())
        .unwrap_or_default();
    let cookie_options = leptos_i18n::context::CookieOptions::<Locale>::default()
        .path("/")
        .readonly(true);
    view! {
        <I18nContextProvider cookie_name=LANG_COOKIE cookie_options>
            <Stylesheet id="leptos" href=stylesheet/>
            // Titles are plain strings, read once while the page renders: leptos_meta
            // renders the title after the page's reactive owner has gone, so a closure
            // reading the language signal there panics (sandboxed arenas).
            // Every page's title passes here, and leaves escaped: leptos_meta writes it raw
            // (see `components::raw_text`).
            <Title formatter=|title: String| {
                if title.is_empty() {
                    "Shushang · 数商".to_owned()
                } else {
                    raw_text::escape(&format!("{title} · Shushang 数商")).into_owned()
                }
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
                        <Route path=path!("/account/password") view=accounts::pages::ChangePasswordPage ssr=SsrMode::Async/>
                        <Route path=path!("/account/recovery-codes") view=accounts::pages::RecoveryCodesPage ssr=SsrMode::Async/>
                        <Route path=path!("/login/code") view=accounts::pages::SecondFactorPage ssr=SsrMode::Async/>
                        <Route path=path!("/verify-email") view=accounts::pages::VerifyEmailPage ssr=SsrMode::Async/>
                        <Route path=path!("/forgot-password") view=accounts::pages::ForgotPasswordPage ssr=SsrMode::Async/>
                        <Route path=path!("/reset-password") view=accounts::pages::ResetPasswordPage ssr=SsrMode::Async/>
                        <Route path=path!("/account/notifications") view=crate::notifications::NotificationsPage ssr=SsrMode::Async/>
                        <Route path=path!("/apply") view=merchants::workspace_pages::ApplyPage ssr=SsrMode::Async/>
                        <Route path=path!("/merchant") view=merchants::workspace_pages::WorkspacePage ssr=SsrMode::Async/>
                        <Route path=path!("/merchant/profile") view=merchants::workspace_pages::MerchantProfilePage ssr=SsrMode::Async/>
                        <Route path=path!("/merchant/team") view=merchants::team_pages::TeamPage ssr=SsrMode::Async/>
                        <Route path=path!("/account/invitations") view=merchants::team_pages::InvitationsPage ssr=SsrMode::Async/>
                        <Route path=path!("/merchant/listings") view=catalog::workspace_pages::ListingsPage ssr=SsrMode::Async/>
                        <Route path=path!("/merchant/listings/new") view=catalog::workspace_pages::NewListingPage ssr=SsrMode::Async/>
                        <Route path=path!("/merchant/listings/:id") view=catalog::workspace_pages::EditListingPage ssr=SsrMode::Async/>
                        <Route path=path!("/merchant/listings/:id/preview") view=catalog::workspace_pages::PreviewListingPage ssr=SsrMode::Async/>
                        <Route path=path!("/account/orders") view=deals::pages::BoughtPage ssr=SsrMode::Async/>
                        <Route path=path!("/merchant/orders") view=deals::pages::SoldPage ssr=SsrMode::Async/>
                        <Route path=path!("/orders/:id") view=deals::pages::OrderPage ssr=SsrMode::Async/>
                        <Route path=path!("/inquiries/new") view=deals::inquiry_pages::NewInquiryPage ssr=SsrMode::Async/>
                        <Route path=path!("/inquiries/:id") view=deals::inquiry_pages::InquiryPage ssr=SsrMode::Async/>
                        <Route path=path!("/account/inquiries") view=deals::inquiry_pages::SentInquiriesPage ssr=SsrMode::Async/>
                        <Route path=path!("/merchant/inquiries") view=deals::inquiry_pages::ReceivedInquiriesPage ssr=SsrMode::Async/>
                        <Route path=path!("/requirements") view=deals::requirement_pages::RequirementsPage ssr=SsrMode::Async/>
                        <Route path=path!("/requirements/new") view=deals::requirement_pages::NewRequirementPage ssr=SsrMode::Async/>
                        <Route path=path!("/requirements/:id") view=deals::requirement_pages::RequirementPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin") view=operator::pages::DashboardPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/applications") view=operator::pages::ApplicationsPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/merchants") view=operator::pages::MerchantsPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/merchants/:id") view=operator::pages::MerchantFilePage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/orders") view=operator::pages::OrdersPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/inquiries") view=operator::pages::InquiriesPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/audit") view=operator::pages::AuditPage ssr=SsrMode::Async/>
                    </Routes>
                </main>
                <Footer/>
            </Router>
        </I18nContextProvider>
    }
}
