use leptos::prelude::*;
use leptos_meta::Title;
use shared::catalog::SellerProfile;

use crate::api::api_resource;
use crate::api::get_seller_profile;
use crate::components::review::ReviewList;
use crate::components::seller_card::SellerCardView;
use crate::components::service_card::ServiceGrid;
use crate::components::states::Loaded;
use crate::i18n::use_i18n;
use crate::route::use_params_map;

/// `/sellers/:username`: the seller's public page.
#[component]
pub fn SellerPage() -> impl IntoView {
    let params = use_params_map();
    let username = move || params.read().get("username").unwrap_or_default();
    let data = api_resource(username, get_seller_profile);
    view! {
        <div class="container">
            <Loaded data render=|profile| view! { <SellerView profile/> }/>
        </div>
    }
}

#[component]
fn SellerView(profile: SellerProfile) -> impl IntoView {
    let i18n = use_i18n();
    let name = profile.card.summary.display_name.clone();
    view! {
        <Title text=format!("{name} — {}", i18n.t("site-name"))/>
        <div class="seller-layout">
            <aside>
                <SellerCardView card=profile.card.clone() with_link=false/>
            </aside>
            <div class="seller-main">
                <section class="panel">
                    <h1 data-testid="seller-name">{name}</h1>
                    <h2>{i18n.t("seller-about")}</h2>
                    <p class="prose">{profile.bio.clone()}</p>
                    {(!profile.skills.is_empty()).then(|| view! {
                        <h2>{i18n.t("seller-skills")}</h2>
                        <ul class="tags">
                            {profile.skills.iter().map(|s| view! { <li class="chip">{s.clone()}</li> }).collect_view()}
                        </ul>
                    })}
                </section>
                <section class="section" data-testid="seller-services">
                    <h2>{i18n.t("seller-services")} " · " {i18n.count("services-count", profile.services.len() as u64)}</h2>
                    {if profile.services.is_empty() {
                        view! { <p class="empty-state">{i18n.t("seller-no-services")}</p> }.into_any()
                    } else {
                        view! { <ServiceGrid cards=profile.services.clone() lead=true/> }.into_any()
                    }}
                </section>
                <section class="panel">
                    <h2>{i18n.t("seller-reviews")}</h2>
                    <ReviewList reviews=profile.reviews.clone() empty=i18n.t("service-no-reviews")/>
                </section>
            </div>
        </div>
    }
}
