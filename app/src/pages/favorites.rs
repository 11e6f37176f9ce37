//! `/favorites`: the services the member hearted.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::catalog::ServiceCard;

use crate::api::api_resource;
use crate::api::favorites::get_favorites;
use crate::components::service_card::ServiceGrid;
use crate::components::states::Loaded;
use crate::i18n::use_i18n;

#[component]
pub fn FavoritesPage() -> impl IntoView {
    let i18n = use_i18n();
    let favorites = api_resource(|| (), |_| get_favorites());
    let render = move |cards: Vec<ServiceCard>| {
        if cards.is_empty() {
            view! { <p class="empty" data-testid="no-favorites">{i18n.t("favorites-empty")}</p> }
                .into_any()
        } else {
            view! { <ServiceGrid cards/> }.into_any()
        }
    };
    view! {
        <Title text=i18n.t("favorites-title")/>
        <div class="container">
            <h1>{i18n.t("favorites-title")}</h1>
            <Loaded data=favorites render/>
        </div>
    }
}
