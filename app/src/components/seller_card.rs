use leptos::prelude::*;
use shared::catalog::SellerCard;

use super::dates::{days_ago, month_year};
use super::level_badge::LevelBadge;
use super::rating::Rating;
use crate::i18n::use_i18n;

/// The first letter of a name, for avatars without a picture.
fn initial(name: &str) -> String {
    name.chars().next().map(String::from).unwrap_or_default()
}

#[component]
pub fn Avatar(#[prop(into)] name: String, src: Option<String>) -> impl IntoView {
    match src {
        Some(src) => {
            view! { <img class="avatar" src=src alt="" width="56" height="56"/> }.into_any()
        }
        None => {
            view! { <span class="avatar" aria-hidden="true">{initial(&name)}</span> }.into_any()
        }
    }
}

/// The seller beside a service, and at the top of their page (`with_link = false`).
#[component]
pub fn SellerCardView(card: SellerCard, #[prop(default = true)] with_link: bool) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/sellers/{}", card.summary.username);
    view! {
        <section class="seller-card" data-testid="seller-card">
            <div class="seller-card-head">
                <Avatar name=card.summary.display_name.clone() src=card.summary.avatar.clone()/>
                <div>
                    <h2 class="seller-name">
                        <a href=href.clone()>{card.summary.display_name.clone()}</a>
                    </h2>
                    <p class="muted">{card.headline.clone()}</p>
                    <LevelBadge level=card.summary.level/>
                </div>
            </div>
            <dl class="facts">
                <div>
                    <dt>{i18n.t("rating-label-short")}</dt>
                    <dd><Rating rating=card.rating/></dd>
                </div>
                <div>
                    <dt>{i18n.t("seller-member-since")}</dt>
                    <dd>{month_year(i18n, card.member_since)}</dd>
                </div>
                <div>
                    <dt>{i18n.t("seller-last-seen")}</dt>
                    <dd>{days_ago(i18n, card.last_seen, card.as_of)}</dd>
                </div>
                {card.response_time_hours.map(|h| view! {
                    <div>
                        <dt>{i18n.t("seller-response-time")}</dt>
                        <dd>{i18n.count("hours", u64::from(h))}</dd>
                    </div>
                })}
            </dl>
            {with_link.then(|| view! {
                <a class="button secondary block" href=href>{i18n.t("seller-view-profile")}</a>
            })}
        </section>
    }
}
