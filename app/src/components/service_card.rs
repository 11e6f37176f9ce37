use leptos::prelude::*;
use shared::catalog::ServiceCard as Card;

use super::favorite_button::FavoriteButton;
use super::level_badge::LevelBadge;
use super::rating::Rating;
use crate::i18n::use_i18n;

/// `eager`: the card is likely in the first screen (the first card of a page's first grid,
/// one column on a phone), so its image is fetched at once and first, instead of after
/// layout as a lazy image is: it is often the page's largest paint.
#[component]
pub fn ServiceCard(card: Card, #[prop(optional)] eager: bool) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/services/{}", card.id);
    let seller_href = format!("/sellers/{}", card.seller.username);
    let price = i18n.t_arg("price-from", "price", card.price.to_string());
    let id = card.id;
    view! {
        <article class="service-card" data-testid="service-card">
            <a class="service-card-image" href=href.clone() tabindex="-1" aria-hidden="true">
                {match card.image {
                    Some(src) => view! {
                        <img src=src alt="" width="400" height="300"
                            loading=if eager { "eager" } else { "lazy" }
                            fetchpriority=eager.then_some("high")/>
                    }
                    .into_any(),
                    None => view! { <span class="image-placeholder"></span> }.into_any(),
                }}
            </a>
            <FavoriteButton service_id=id large=false/>
            <div class="service-card-body">
                <h3 class="service-card-title"><a href=href>{card.title}</a></h3>
                <p class="service-card-seller">
                    <a href=seller_href>{card.seller.display_name}</a>
                    <LevelBadge level=card.seller.level/>
                </p>
                <p class="service-card-meta">
                    <Rating rating=card.rating/>
                    <span class="price" data-testid="card-price">{price}</span>
                </p>
            </div>
        </article>
    }
}

/// A responsive grid of cards. `lead`: the page's first grid, whose first card's image is
/// eager; every other card's stays lazy.
#[component]
pub fn ServiceGrid(cards: Vec<Card>, #[prop(optional)] lead: bool) -> impl IntoView {
    view! {
        <div class="service-grid">
            {cards
                .into_iter()
                .enumerate()
                .map(|(i, card)| view! { <ServiceCard card eager=lead && i == 0/> })
                .collect_view()}
        </div>
    }
}
