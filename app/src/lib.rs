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
pub mod route;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Meta, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

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
                    <Route path=path!("/styleguide") view=|| lazy_page_view(LazyPage::StyleguideRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=|| lazy_page_view(LazyPage::LoginRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/signup") view=|| lazy_page_view(LazyPage::SignUpRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/welcome") view=|| lazy_page_view(LazyPage::WelcomeRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/verify-email") view=|| lazy_page_view(LazyPage::VerifyEmailRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-password") view=|| lazy_page_view(LazyPage::ForgotPasswordRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/reset-password") view=|| lazy_page_view(LazyPage::ResetPasswordRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/settings") view=|| lazy_page_view(LazyPage::SettingsRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/favorites") view=|| lazy_page_view(LazyPage::FavoritesRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/my/services") view=|| lazy_page_view(LazyPage::MyServicesRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/my/level") view=|| lazy_page_view(LazyPage::MyLevelRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view=|| lazy_page_view(LazyPage::NotificationsRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/messages") view=|| lazy_page_view(LazyPage::InboxRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/messages/:id") view=|| lazy_page_view(LazyPage::ConversationRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/services/:id/contact") view=|| lazy_page_view(LazyPage::ContactRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/requests") view=|| lazy_page_view(LazyPage::RequestsRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/requests/new") view=|| lazy_page_view(LazyPage::NewRequestRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/requests/:id") view=|| lazy_page_view(LazyPage::RequestDetailRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/my/requests") view=|| lazy_page_view(LazyPage::MyRequestsRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/my/services/new") view=|| lazy_page_view(LazyPage::NewServiceRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/my/services/:id/edit") view=|| lazy_page_view(LazyPage::EditServiceRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/review") view=|| lazy_page_view(LazyPage::ReviewQueueRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=|| lazy_page_view(LazyPage::UsersRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/cart") view=|| lazy_page_view(LazyPage::CartRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/checkout") view=|| lazy_page_view(LazyPage::CheckoutRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/receipts/:id") view=|| lazy_page_view(LazyPage::ReceiptRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/wallet") view=|| lazy_page_view(LazyPage::WalletRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/my/purchases") view=|| lazy_page_view(LazyPage::PurchasesRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/my/sales") view=|| lazy_page_view(LazyPage::SalesRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/orders/:id") view=|| lazy_page_view(LazyPage::OrderRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/disputes") view=|| lazy_page_view(LazyPage::DisputesRoute) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/withdrawals") view=|| lazy_page_view(LazyPage::WithdrawalsRoute) ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Footer tree/>
        </Router>
    }
}

/// Pages whose code is not in the first download, in groups a visitor tends to use
/// together. A group is one lazy island (`#[island(lazy)]`): the server renders the page
/// inside it, and the browser loads the group's chunk of the WASM (the build runs with
/// `--split`) to hydrate it, or earlier, when a link to one of its pages is pointed at
/// (`prefetch_on_intent`). The five catalog pages a visitor lands on (home, category,
/// service, seller, search) are rendered on the server only, with small islands (the
/// order box, the hearts, the header's badges) in the first download.
///
/// One island per group, not per page: wasm-split makes a chunk for every set of split
/// functions that share code, so thirty-two of them made 360 files (99 requests for the
/// cart alone, and a wasm-opt run each at build time).
///
/// Each group names its island and the preloader of the island's chunk (`#[lazy]` defines
/// `__preload_<name>` beside the `<island>_loader` function `#[island(lazy)]` makes).
macro_rules! lazy_pages {
    ($($group:ident / $preload:ident { $($route:ident => $page:ident,)* })*) => {
        /// A lazy page, named without loading it; it travels to the browser in its
        /// island's props.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        pub enum LazyPage {
            $($($route,)*)*
        }

        $(
            #[island(lazy)]
            fn $group(page: LazyPage, address: route::PageAddress) -> impl IntoView {
                route::provide_page_address(address);
                match page {
                    $(LazyPage::$route => view! { <$page/> }.into_any(),)*
                    // Another group's page: its route renders that group's island.
                    #[allow(unreachable_patterns)]
                    _ => ().into_any(),
                }
            }
        )*

        /// What a lazy page's route renders: its group's island, for this address.
        pub fn lazy_page_view(page: LazyPage) -> AnyView {
            let address = route::use_page_address();
            match page {
                $($(LazyPage::$route => view! { <$group page address/> }.into_any(),)*)*
            }
        }

        /// Loads a lazy page's group (once: a loaded chunk answers at once).
        #[cfg(feature = "hydrate")]
        async fn preload(page: LazyPage) {
            match page {
                $($(LazyPage::$route)|* => {
                    #[cfg(target_arch = "wasm32")]
                    $preload().await;
                })*
            }
        }
    };
}

lazy_pages! {
    AccountPages / __preload_AccountPages_loader {
        LoginRoute => LoginPage,
        SignUpRoute => SignUpPage,
        WelcomeRoute => WelcomePage,
        VerifyEmailRoute => VerifyEmailPage,
        ForgotPasswordRoute => ForgotPasswordPage,
        ResetPasswordRoute => ResetPasswordPage,
        SettingsRoute => SettingsPage,
    }
    BuyingPages / __preload_BuyingPages_loader {
        CartRoute => CartPage,
        CheckoutRoute => CheckoutPage,
        ReceiptRoute => ReceiptPage,
        WalletRoute => WalletPage,
        PurchasesRoute => PurchasesPage,
        OrderRoute => OrderPage,
        FavoritesRoute => FavoritesPage,
    }
    SellingPages / __preload_SellingPages_loader {
        MyServicesRoute => MyServicesPage,
        NewServiceRoute => NewServicePage,
        EditServiceRoute => EditServicePage,
        MyLevelRoute => MyLevelPage,
        SalesRoute => SalesPage,
    }
    MessagesPages / __preload_MessagesPages_loader {
        NotificationsRoute => NotificationsPage,
        InboxRoute => InboxPage,
        ConversationRoute => ConversationPage,
        ContactRoute => ContactPage,
    }
    RequestsPages / __preload_RequestsPages_loader {
        RequestsRoute => RequestsPage,
        NewRequestRoute => NewRequestPage,
        RequestDetailRoute => RequestDetailPage,
        MyRequestsRoute => MyRequestsPage,
    }
    AdminPages / __preload_AdminPages_loader {
        ReviewQueueRoute => ReviewQueuePage,
        UsersRoute => UsersPage,
        DisputesRoute => DisputesPage,
        WithdrawalsRoute => WithdrawalsPage,
    }
    StyleguidePages / __preload_StyleguidePages_loader {
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

/// Room for the split build to lay out the read-only data again. With `--split`, wasm-split
/// gives each lazy chunk the constants only its code reads (strings, tables, vtables), so
/// they load with the chunk instead of with the first page. Rebuilt that way, the data is
/// a little longer than the linker made it (strings the linker merged are copied into
/// each chunk that reads them, and each chunk's part is aligned), and it may not grow into
/// the next segment: when it would, wasm-split keeps all of it in the main module, which
/// was 167 KB (52 KB brotli) of the first download. Nothing reads these bytes, so no
/// module carries them; they only make the read-only segment long enough (`#[used]` keeps
/// the linker from dropping them). Were the data back in main, the first download would
/// grow by some 35 KB brotli, and `scripts/budget` would fail.
#[cfg(all(feature = "hydrate", target_arch = "wasm32"))]
#[used]
static SPLIT_DATA_ROOM: [u8; 16 * 1024] = [0x5a; 16 * 1024];

/// The browser entry point: takes the page language's messages (JSON, which the bundle's
/// loader fetched beside the WASM) and starts the islands' runtime. The loader then
/// hydrates each island (`islands_router.js`). False when the page is to stay as the
/// server rendered it (its links and forms work).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate(catalog: &str) -> bool {
    console_error_panic_hook::set_once();
    if let Err(e) = i18n::load(catalog) {
        leptos::logging::error!("the messages did not load: {e}");
        return false;
    }
    leptos::mount::hydrate_islands();
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        prefetch_on_intent(&document);
    }
    true
}

/// Called by the islands router before it hydrates the islands of a page it brought: the
/// server numbered that page's data from 0, so the islands are hydrated under a new root
/// whose numbering starts there too. (The islands a move keeps, the header's, read no data.)
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn next_page() {
    leptos::mount::hydrate_islands();
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
                .split_once("lazy_page_view(LazyPage::")
                .map(|(_, r)| r.split_once(')').unwrap().0.to_string());
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
