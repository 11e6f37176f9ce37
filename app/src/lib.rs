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
use leptos_meta::{provide_meta_context, Meta, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{lazy_route, path, Lazy, LazyRoute, SsrMode};

use components::layout::{Footer, Header};
use components::user_state::provide_user_state;
use i18n::{current_lang, provide_i18n};
use pages::{
    account::{
        ForgotPasswordPage, LoginPage, ResetPasswordPage, SignUpPage, VerifyEmailPage, WelcomePage,
    },
    admin::{ReviewQueuePage, UsersPage},
    cart::{CartPage, CheckoutPage, ReceiptPage},
    category::CategoryPage,
    favorites::FavoritesPage,
    home::HomePage,
    my_services::MyServicesPage,
    not_found::NotFoundPage,
    orders::{PurchasesPage, SalesPage},
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
                <link rel="stylesheet" href="/pkg/khidmat.css"/>
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
                    <Route path=path!("/styleguide") view={Lazy::<StyleguideRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/signup") view={Lazy::<SignUpRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/welcome") view={Lazy::<WelcomeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/verify-email") view={Lazy::<VerifyEmailRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-password") view={Lazy::<ForgotPasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/reset-password") view={Lazy::<ResetPasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/favorites") view={Lazy::<FavoritesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/my/services") view={Lazy::<MyServicesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/my/services/new") view={Lazy::<NewServiceRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/my/services/:id/edit") view={Lazy::<EditServiceRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/review") view={Lazy::<ReviewQueueRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view={Lazy::<UsersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/cart") view={Lazy::<CartRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/checkout") view={Lazy::<CheckoutRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/receipts/:id") view={Lazy::<ReceiptRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/wallet") view={Lazy::<WalletRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/my/purchases") view={Lazy::<PurchasesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/my/sales") view={Lazy::<SalesRoute>::new()} ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Footer tree/>
        </Router>
    }
}

/// A page whose code is not in the first download: the browser loads it (a separate wasm
/// chunk) when its route is entered. Everything a visitor needs to browse the catalog
/// (home, category, service, seller, search) stays in the main bundle.
macro_rules! lazy_page {
    ($route:ident, $page:ident) => {
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }
    };
}

lazy_page!(StyleguideRoute, StyleguidePage);
lazy_page!(LoginRoute, LoginPage);
lazy_page!(SignUpRoute, SignUpPage);
lazy_page!(WelcomeRoute, WelcomePage);
lazy_page!(VerifyEmailRoute, VerifyEmailPage);
lazy_page!(ForgotPasswordRoute, ForgotPasswordPage);
lazy_page!(ResetPasswordRoute, ResetPasswordPage);
lazy_page!(SettingsRoute, SettingsPage);
lazy_page!(FavoritesRoute, FavoritesPage);
lazy_page!(MyServicesRoute, MyServicesPage);
lazy_page!(NewServiceRoute, NewServicePage);
lazy_page!(EditServiceRoute, EditServicePage);
lazy_page!(ReviewQueueRoute, ReviewQueuePage);
lazy_page!(UsersRoute, UsersPage);
lazy_page!(CartRoute, CartPage);
lazy_page!(CheckoutRoute, CheckoutPage);
lazy_page!(ReceiptRoute, ReceiptPage);
lazy_page!(WalletRoute, WalletPage);
lazy_page!(PurchasesRoute, PurchasesPage);
lazy_page!(SalesRoute, SalesPage);

/// The browser entry point: attach to the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazy routes hydrate asynchronously (a route's chunk may have to load first).
    let _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async {
        let owner = leptos::mount::hydrate_from_async(
            leptos::prelude::document().body().expect("body"),
            App,
        )
        .await;
        owner.forget();
        // Lets tests (and curious designers) tell a hydrated page from server HTML.
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
