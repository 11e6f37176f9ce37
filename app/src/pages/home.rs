use leptos::prelude::*;
use leptos_meta::Title;
use shared::catalog::HomePage as HomeData;

use crate::api::api_resource;
use crate::api::get_home_page;
use crate::components::category_tile::CategoryTile;
use crate::components::service_card::ServiceGrid;
use crate::components::states::Loaded;
use crate::i18n::use_i18n;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let data = api_resource(|| (), |_| get_home_page());
    view! {
        <Title text=format!("{} — {}", i18n.t("site-name"), i18n.t("site-tagline"))/>
        <section class="hero">
            <div class="container">
                <h1>{i18n.t("home-hero-title")}</h1>
                <p>{i18n.t("home-hero-text")}</p>
            </div>
        </section>
        <div class="container">
            <Loaded data render=move |home| view! { <HomeSections home/> }/>
        </div>
    }
}

#[component]
fn HomeSections(home: HomeData) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="section" aria-labelledby="home-categories">
            <h2 id="home-categories">{i18n.t("home-categories")}</h2>
            <div class="category-grid">
                {home.categories.into_iter().map(|entry| view! { <CategoryTile entry/> }).collect_view()}
            </div>
        </section>
        <section class="section" aria-labelledby="home-newest" data-testid="home-newest">
            <h2 id="home-newest">{i18n.t("home-newest")}</h2>
            <ServiceGrid cards=home.newest lead=true/>
        </section>
        <section class="section" aria-labelledby="home-top" data-testid="home-top-rated">
            <h2 id="home-top">{i18n.t("home-top-rated")}</h2>
            <ServiceGrid cards=home.top_rated/>
        </section>
    }
}
