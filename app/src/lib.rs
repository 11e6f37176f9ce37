//! Khidmat's web app: the pages, their components, the routes and the server functions.
//! Compiled natively for the server (`ssr`) and to wasm for the browser (`hydrate`).
#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod bundle;
pub mod components;
pub mod error;
pub mod i18n;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Meta, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, LazyRoute, SsrMode};

use api::api_resource;
use bundle::HydrateAfterLoad;
use components::layout::{Footer, Header};
use components::user_state::provide_user_state;
use i18n::{current_lang, provide_i18n, Lang};
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
                {preloaded_fonts(lang)
                    .iter()
                    .map(|href| view! { <link rel="preload" href=*href r#as="font" r#type="font/woff2" crossorigin=""/> })
                    .collect_view()}
                <HashedStylesheet options=options.clone()/>
                <link rel="icon" href="/favicon.svg" r#type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                // The WASM loads after the page's own text, fonts and first image, so it
                // does not compete with them. Until then the page is server-rendered HTML
                // whose links and forms work (the no-JavaScript browser tests walk the
                // catalog that way).
                <HydrateAfterLoad options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The Cairo files a page's first paint uses, loaded before it so the text does not
/// reflow when they arrive (with `font-display: swap`, a late font moved an English
/// category page's whole `main`: a layout shift of 0.32). Services are written in Arabic in
/// both languages, so Arabic's regular weight is always there; the bold weight and the
/// Latin files follow the page's language (headings are bold, an Arabic page's Latin is
/// only digits and prices).
fn preloaded_fonts(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Ar => &[
            "/fonts/cairo-arabic-400-normal.woff2",
            "/fonts/cairo-arabic-700-normal.woff2",
        ],
        Lang::En => &[
            "/fonts/cairo-arabic-400-normal.woff2",
            "/fonts/cairo-latin-400-normal.woff2",
            "/fonts/cairo-latin-700-normal.woff2",
        ],
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = provide_i18n(current_lang());
    provide_user_state();
    let tree = api_resource(|| (), |_| api::get_category_tree());
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
                    <Route path=path!("/my/level") view={Lazy::<MyLevelRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view={Lazy::<NotificationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/messages") view={Lazy::<InboxRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/messages/:id") view={Lazy::<ConversationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/services/:id/contact") view={Lazy::<ContactRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/requests") view={Lazy::<RequestsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/requests/new") view={Lazy::<NewRequestRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/requests/:id") view={Lazy::<RequestDetailRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/my/requests") view={Lazy::<MyRequestsRoute>::new()} ssr=SsrMode::Async/>
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
                    <Route path=path!("/orders/:id") view={Lazy::<OrderRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/disputes") view={Lazy::<DisputesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/withdrawals") view={Lazy::<WithdrawalsRoute>::new()} ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Footer tree/>
        </Router>
    }
}

/// Pages whose code is not in the first download, in groups a visitor tends to use
/// together: the browser loads a group's chunk of the WASM (the build runs with `--split`)
/// when one of its routes is entered, or earlier, when a link to one is pointed at
/// (`prefetch_on_intent`). The five catalog pages a visitor lands on (home, category,
/// service, seller, search) stay in the main bundle.
///
/// One split function per group, not per page: wasm-split makes a chunk for every set of
/// split functions that share code, so thirty-two of them made 360 files (99 requests for
/// the cart alone, and a wasm-opt run each at build time).
///
/// Each group names its split function and that function's preloader (`#[lazy]` defines
/// `__preload_<name>` beside it on wasm32).
macro_rules! lazy_pages {
    ($($group:ident / $preload:ident { $($route:ident => $page:ident,)* })*) => {
        $($(pub struct $route;)*)*

        /// A lazy page, named without loading it. It crosses the split function's
        /// `extern "C"` boundary, hence the representation.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub enum LazyPage {
            $($($route,)*)*
        }

        $(
            #[allow(non_snake_case)]
            #[leptos::lazy]
            fn $group(page: LazyPage) -> AnyView {
                match page {
                    $(LazyPage::$route => view! { <$page/> }.into_any(),)*
                    // Another group's page: its route calls that group's function.
                    #[allow(unreachable_patterns)]
                    _ => ().into_any(),
                }
            }

            $(
                impl LazyRoute for $route {
                    fn data() -> Self {
                        $route
                    }

                    async fn view(_this: Self) -> AnyView {
                        $group(LazyPage::$route).await
                    }

                    async fn preload() {
                        #[cfg(target_arch = "wasm32")]
                        $preload().await;
                    }
                }
            )*
        )*

        /// Loads a lazy page's group (once: a loaded chunk answers at once).
        #[cfg(feature = "hydrate")]
        async fn preload(page: LazyPage) {
            match page {
                $($(LazyPage::$route => <$route as LazyRoute>::preload().await,)*)*
            }
        }
    };
}

lazy_pages! {
    account_pages / __preload_account_pages {
        LoginRoute => LoginPage,
        SignUpRoute => SignUpPage,
        WelcomeRoute => WelcomePage,
        VerifyEmailRoute => VerifyEmailPage,
        ForgotPasswordRoute => ForgotPasswordPage,
        ResetPasswordRoute => ResetPasswordPage,
        SettingsRoute => SettingsPage,
    }
    buying_pages / __preload_buying_pages {
        CartRoute => CartPage,
        CheckoutRoute => CheckoutPage,
        ReceiptRoute => ReceiptPage,
        WalletRoute => WalletPage,
        PurchasesRoute => PurchasesPage,
        OrderRoute => OrderPage,
        FavoritesRoute => FavoritesPage,
    }
    selling_pages / __preload_selling_pages {
        MyServicesRoute => MyServicesPage,
        NewServiceRoute => NewServicePage,
        EditServiceRoute => EditServicePage,
        MyLevelRoute => MyLevelPage,
        SalesRoute => SalesPage,
    }
    messages_pages / __preload_messages_pages {
        NotificationsRoute => NotificationsPage,
        InboxRoute => InboxPage,
        ConversationRoute => ConversationPage,
        ContactRoute => ContactPage,
    }
    requests_pages / __preload_requests_pages {
        RequestsRoute => RequestsPage,
        NewRequestRoute => NewRequestPage,
        RequestDetailRoute => RequestDetailPage,
        MyRequestsRoute => MyRequestsPage,
    }
    admin_pages / __preload_admin_pages {
        ReviewQueueRoute => ReviewQueuePage,
        UsersRoute => UsersPage,
        DisputesRoute => DisputesPage,
        WithdrawalsRoute => WithdrawalsPage,
    }
    styleguide_pages / __preload_styleguide_pages {
        StyleguideRoute => StyleguidePage,
    }
}

/// The lazy page a link leads to, if any: the same paths as the `<Routes>` above.
pub fn lazy_page_at(href: &str) -> Option<LazyPage> {
    use LazyPage::*;
    let path = href.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') || path.starts_with("//") {
        return None;
    }
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
    Some(match segments.as_slice() {
        ["styleguide"] => StyleguideRoute,
        ["login"] => LoginRoute,
        ["signup"] => SignUpRoute,
        ["welcome"] => WelcomeRoute,
        ["verify-email"] => VerifyEmailRoute,
        ["forgot-password"] => ForgotPasswordRoute,
        ["reset-password"] => ResetPasswordRoute,
        ["settings"] => SettingsRoute,
        ["favorites"] => FavoritesRoute,
        ["notifications"] => NotificationsRoute,
        ["messages"] => InboxRoute,
        ["messages", _] => ConversationRoute,
        ["services", _, "contact"] => ContactRoute,
        ["requests"] => RequestsRoute,
        ["requests", "new"] => NewRequestRoute,
        ["requests", _] => RequestDetailRoute,
        ["my", "requests"] => MyRequestsRoute,
        ["my", "services"] => MyServicesRoute,
        ["my", "services", "new"] => NewServiceRoute,
        ["my", "services", _, "edit"] => EditServiceRoute,
        ["my", "level"] => MyLevelRoute,
        ["my", "purchases"] => PurchasesRoute,
        ["my", "sales"] => SalesRoute,
        ["admin", "review"] => ReviewQueueRoute,
        ["admin", "users"] => UsersRoute,
        ["admin", "disputes"] => DisputesRoute,
        ["admin", "withdrawals"] => WithdrawalsRoute,
        ["cart"] => CartRoute,
        ["checkout"] => CheckoutRoute,
        ["receipts", _] => ReceiptRoute,
        ["wallet"] => WalletRoute,
        ["orders", _] => OrderRoute,
        _ => return None,
    })
}

/// Starts loading a lazy page's chunk when a link to it is pointed at, touched or focused,
/// so that by the click it is usually there and the navigation stays instant.
#[cfg(feature = "hydrate")]
fn prefetch_on_intent(document: &web_sys::Document) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let on_intent = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let href = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .and_then(|link| link.get_attribute("href"));
        if let Some(page) = href.as_deref().and_then(lazy_page_at) {
            leptos::task::spawn_local(preload(page));
        }
    });
    for kind in ["pointerover", "touchstart", "focusin"] {
        let _ = document.add_event_listener_with_callback(kind, on_intent.as_ref().unchecked_ref());
    }
    // Listens for the page's whole life.
    on_intent.forget();
}

/// The browser entry point: attach to the server-rendered page. `catalog` is the page
/// language's messages (JSON), which the bundle's loader fetched beside the WASM.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate(catalog: &str) {
    console_error_panic_hook::set_once();
    if let Err(e) = i18n::load(catalog) {
        // The page stays as the server rendered it: its links and forms work.
        leptos::logging::error!("the messages did not load: {e}");
        return;
    }
    // The page's own chunk loads before hydration (below): the executor must run before
    // that first task is spawned.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(document) = window.document() else {
            return;
        };
        let Some(body) = document.body() else {
            return;
        };
        prefetch_on_intent(&document);
        // A lazy page's chunk is loaded first, so that its route's view is ready when
        // hydration asks for it and the page hydrates in one synchronous pass (a lazy
        // route whose chunk is missing would stop it). With the vendored `tachys` patch
        // (vendor/README.md) the bundle then holds no `async` copy of every view's
        // hydration code beside the synchronous one.
        let path = window.location().pathname().unwrap_or_default();
        if let Some(page) = lazy_page_at(&path) {
            preload(page).await;
        }
        leptos::mount::hydrate_from(body.clone(), App).forget();
        // Lets tests (and curious designers) tell a hydrated page from server HTML.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every route of `App` leads `lazy_page_at` to its own lazy page, and every eager
    /// route to none: a route added to one list and not the other fails here.
    #[test]
    fn links_prefetch_the_page_their_route_shows() {
        let source = include_str!("lib.rs");
        let mut routes = 0;
        for line in source.lines().map(str::trim) {
            let Some(rest) = line.strip_prefix("<Route path=path!(\"") else {
                continue;
            };
            routes += 1;
            let (pattern, rest) = rest.split_once('"').unwrap();
            let href: String = pattern
                .split('/')
                .map(|s| if s.starts_with(':') { "7" } else { s })
                .collect::<Vec<_>>()
                .join("/");
            let href = if href.is_empty() {
                "/".to_string()
            } else {
                href
            };
            let expected = rest
                .split_once("Lazy::<")
                .map(|(_, r)| r.split_once('>').unwrap().0.to_string());
            let found = lazy_page_at(&format!("{href}?from=test")).map(|p| format!("{p:?}"));
            assert_eq!(found, expected, "{pattern}");
        }
        assert!(routes > 30, "read {routes} routes");
        assert_eq!(lazy_page_at("https://example.com/cart"), None);
        assert_eq!(lazy_page_at("//example.com/cart"), None);
        assert_eq!(lazy_page_at("#main"), None);
        assert_eq!(lazy_page_at("/cart/"), Some(LazyPage::CartRoute));
    }
}
