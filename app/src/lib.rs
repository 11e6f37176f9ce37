//! Khidmat's web app: the pages, their components, the routes and the server functions.
//! Compiled natively for the server (`ssr`) and to wasm for the browser (`hydrate`).
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod error;
pub mod i18n;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Meta, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use components::layout::{Footer, Header};
use i18n::{current_lang, provide_i18n};
use pages::{
    category::CategoryPage, home::HomePage, not_found::NotFoundPage, seller::SellerPage,
    service::ServicePage, styleguide::StyleguidePage,
};

/// The catalog the server functions read, provided by the server per request.
#[cfg(feature = "ssr")]
pub type Catalog = std::sync::Arc<dyn shared::ports::CatalogStore>;

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
