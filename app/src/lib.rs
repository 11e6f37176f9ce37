//! Khidmat's web app: the pages, their components, the routes and the server functions.
//! Compiled natively for the server (`ssr`) and to wasm for the browser (`hydrate`).
#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod components;
pub mod error;
pub mod i18n;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Meta, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use components::layout::{Footer, Header};
use components::user_state::provide_user_state;
use i18n::{current_lang, provide_i18n};
use pages::{
    account::{
        ForgotPasswordPage, LoginPage, ResetPasswordPage, SignUpPage, VerifyEmailPage, WelcomePage,
    },
    admin::{DisputesPage, ReviewQueuePage, UsersPage, WithdrawalsPage},
    cart::{CartPage, CheckoutPage, ReceiptPage},
    category::CategoryPage,
    favorites::FavoritesPage,
    home::HomePage,
    messages::{ContactPage, ConversationPage, InboxPage},
    my_level::MyLevelPage,
    my_services::MyServicesPage,
    not_found::NotFoundPage,
    notifications::NotificationsPage,
    order::OrderPage,
    orders::{PurchasesPage, SalesPage},
    requests::{MyRequestsPage, NewRequestPage, RequestDetailPage, RequestsPage},
    search::SearchPage,
    seller::SellerPage,
    service::ServicePage,
    service_editor::{EditServicePage, NewServicePage},
    settings::SettingsPage,
    styleguide::StyleguidePage,
    wallet::WalletPage,
};

/// The stores the server functions call, provided by the server per request.
#[cfg(feature = "ssr")]
pub type Catalog = std::sync::Arc<dyn shared::ports::CatalogStore>;
#[cfg(feature = "ssr")]
pub type Selling = std::sync::Arc<dyn shared::ports::SellerStore>;
#[cfg(feature = "ssr")]
pub type Moderation = std::sync::Arc<dyn shared::ports::ModerationStore>;
#[cfg(feature = "ssr")]
pub type Favorites = std::sync::Arc<dyn shared::ports::FavoriteStore>;
#[cfg(feature = "ssr")]
pub type Carts = std::sync::Arc<dyn shared::ports::CartStore>;
#[cfg(feature = "ssr")]
pub type Wallets = std::sync::Arc<dyn shared::ports::WalletStore>;
#[cfg(feature = "ssr")]
pub type Orders = std::sync::Arc<dyn shared::ports::OrderStore>;
#[cfg(feature = "ssr")]
pub type Messages = std::sync::Arc<dyn shared::ports::MessageStore>;
#[cfg(feature = "ssr")]
pub type Requests = std::sync::Arc<dyn shared::ports::RequestStore>;

/// The HTML document, rendered on the server. `lang` and `dir` are set here so the very
/// first paint is already right-to-left for Arabic.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = current_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code() dir=lang.dir()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="preload" href="/fonts/cairo-arabic-400-normal.woff2" r#as="font" r#type="font/woff2" crossorigin=""/>
                <HashedStylesheet options=options.clone()/>
                <link rel="icon" href="/favicon.svg" r#type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = provide_i18n(current_lang());
    provide_user_state();
    let tree = Resource::new(|| (), |_| api::get_category_tree());
    view! {
        <Meta name="description" content=i18n.t("meta-description")/>
        <Router>
            <Header tree/>
            <main id="main" class="site-main">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/categories/:slug") view=CategoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/services/:id") view=ServicePage ssr=SsrMode::Async/>
                    <Route path=path!("/sellers/:username") view=SellerPage ssr=SsrMode::Async/>
                    <Route path=path!("/styleguide") view=StyleguidePage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/signup") view=SignUpPage ssr=SsrMode::Async/>
                    <Route path=path!("/welcome") view=WelcomePage ssr=SsrMode::Async/>
                    <Route path=path!("/verify-email") view=VerifyEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/settings") view=SettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/favorites") view=FavoritesPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/services") view=MyServicesPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/level") view=MyLevelPage ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/messages") view=InboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/messages/:id") view=ConversationPage ssr=SsrMode::Async/>
                    <Route path=path!("/services/:id/contact") view=ContactPage ssr=SsrMode::Async/>
                    <Route path=path!("/requests") view=RequestsPage ssr=SsrMode::Async/>
                    <Route path=path!("/requests/new") view=NewRequestPage ssr=SsrMode::Async/>
                    <Route path=path!("/requests/:id") view=RequestDetailPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/requests") view=MyRequestsPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/services/new") view=NewServicePage ssr=SsrMode::Async/>
                    <Route path=path!("/my/services/:id/edit") view=EditServicePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/review") view=ReviewQueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=UsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/cart") view=CartPage ssr=SsrMode::Async/>
                    <Route path=path!("/checkout") view=CheckoutPage ssr=SsrMode::Async/>
                    <Route path=path!("/receipts/:id") view=ReceiptPage ssr=SsrMode::Async/>
                    <Route path=path!("/wallet") view=WalletPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/purchases") view=PurchasesPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/sales") view=SalesPage ssr=SsrMode::Async/>
                    <Route path=path!("/orders/:id") view=OrderPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/disputes") view=DisputesPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/withdrawals") view=WithdrawalsPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Footer tree/>
        </Router>
    }
}

/// The browser entry point: attach to the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    // Lets tests (and curious designers) tell a hydrated page from server HTML.
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
