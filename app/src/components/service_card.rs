use leptos::prelude::*;
use shared::catalog::ServiceCard as Card;

use super::favorite_button::FavoriteButton;
use super::level_badge::LevelBadge;
use super::rating::Rating;
use crate::i18n::use_i18n;

#[component]
pub fn ServiceCard(card: Card) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/services/{}", card.id);
    let seller_href = format!("/sellers/{}", card.seller.username);
    let price = i18n.t_arg("price-from", "price", card.price.to_string());
    let id = card.id;
    view! {
        <article class="service-card" data-testid="service-card">
            <a class="service-card-image" href=href.clone() tabindex="-1" aria-hidden="true">
                {match card.image {
                    Some(src) => view! { <img src=src alt="" loading="lazy" width="400" height="300"/> }.into_any(),
                    None => view! { <span class="image-placeholder"></span> }.into_any(),
                }}
            </a>
            <FavoriteButton service_id=id/>
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

/// A responsive grid of cards.
#[component]
pub fn ServiceGrid(cards: Vec<Card>) -> impl IntoView {
    view! {
        <div class="service-grid">
            {cards.into_iter().map(|card| view! { <ServiceCard card/> }).collect_view()}
        </div>
    }
}
