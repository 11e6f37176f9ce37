use leptos::prelude::*;
use shared::catalog::{CategoryCount, Named};

use super::icons::CategoryIcon;
use crate::i18n::use_i18n;

/// A main category on the home page: icon, name, number of services.
#[component]
pub fn CategoryTile(entry: CategoryCount) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/categories/{}", entry.category.slug);
    view! {
        <a class="category-tile" href=href data-testid="category-tile">
            <CategoryIcon name=entry.icon/>
            <span class="category-tile-name">{entry.category.name(i18n.lang).to_owned()}</span>
            <span class="category-tile-count">{i18n.count("services-count", u64::from(entry.service_count))}</span>
        </a>
    }
}
