use leptos::prelude::*;
use shared::catalog::Review;

use super::dates::month_year;
use super::rating::Stars;
use crate::i18n::use_i18n;

#[component]
pub fn ReviewItem(review: Review) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <li class="review" data-testid="review">
            <header class="review-head">
                <strong class="review-buyer">{review.buyer_name}</strong>
                <Stars stars=review.rating/>
                <time class="muted">{month_year(i18n, review.created_at)}</time>
            </header>
            {review.service.map(|(id, title)| view! {
                <p class="review-service muted">
                    <a href=format!("/services/{id}")>{i18n.t_arg("review-on", "title", title)}</a>
                </p>
            })}
            {review.cancelled_late.then(|| view! {
                <p class="review-late muted small" data-testid="review-late">{i18n.t("review-cancelled-late")}</p>
            })}
            <p class="review-comment" data-testid="review-comment">{review.comment}</p>
            {review.seller_reply.map(|reply| view! {
                <blockquote class="review-reply" data-testid="seller-reply">
                    <strong>{i18n.t("review-seller-reply")}</strong>
                    <p>{reply}</p>
                </blockquote>
            })}
        </li>
    }
}

#[component]
pub fn ReviewList(reviews: Vec<Review>, #[prop(into)] empty: String) -> impl IntoView {
    if reviews.is_empty() {
        return view! { <p class="empty-state">{empty}</p> }.into_any();
    }
    view! {
        <ul class="review-list">
            {reviews.into_iter().map(|review| view! { <ReviewItem review/> }).collect_view()}
        </ul>
    }
    .into_any()
}
