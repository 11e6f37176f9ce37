use leptos::prelude::*;
use shared::catalog::RatingSummary;

use super::icons::StarIcon;
use crate::i18n::use_i18n;

/// Average stars and the number of reviews: "★ 4.7 (12)".
#[component]
pub fn Rating(rating: RatingSummary) -> impl IntoView {
    let i18n = use_i18n();
    // In the reader's digits: «٤٫٧» in Arabic, "4.7" in English.
    match rating.average_in(i18n.lang) {
        Some(avg) => {
            let label = i18n.t_arg("rating-label", "rating", avg.clone());
            view! {
                <span class="rating" title=label.clone() aria-label=label>
                    <StarIcon/>
                    <span class="rating-average">{avg}</span>
                    <span class="rating-count">"(" {rating.count} ")"</span>
                </span>
            }
            .into_any()
        }
        None => {
            view! { <span class="rating rating-none">{i18n.t("rating-none")}</span> }.into_any()
        }
    }
}

/// Five stars filled to the average, for review lists.
#[component]
pub fn Stars(stars: u8) -> impl IntoView {
    let i18n = use_i18n();
    let label = i18n.t_arg("rating-label", "rating", stars.to_string());
    view! {
        <span class="stars" role="img" aria-label=label>
            {(1..=5u8)
                .map(|i| view! { <span class=if i <= stars { "on" } else { "off" }><StarIcon/></span> })
                .collect_view()}
        </span>
    }
}
