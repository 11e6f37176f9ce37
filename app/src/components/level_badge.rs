use leptos::prelude::*;
use shared::seller_level::SellerLevel;

use crate::i18n::use_i18n;

/// The seller's level as a coloured badge.
#[component]
pub fn LevelBadge(level: SellerLevel) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("level-badge level-{}", level.as_str()) data-testid="level-badge">
            {i18n.t(level.message_id())}
        </span>
    }
}
