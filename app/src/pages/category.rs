use leptos::prelude::*;
use leptos_meta::Title;
use shared::catalog::{parse_page, CategoryPage as Data, Named, ServiceSort};

use crate::api::api_resource;
use crate::api::get_category_page;
use crate::components::pagination::Pagination;
use crate::components::service_card::ServiceGrid;
use crate::components::states::Loaded;
use crate::i18n::use_i18n;
use crate::route::{use_params_map, use_query_map};

/// `/categories/:slug?sort=…&page=…`: a main category (with all its sub-categories'
/// services) or one sub-category.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let sort = move || ServiceSort::parse(query.read().get("sort").as_deref());
    let page = move || parse_page(query.read().get("page").as_deref());
    let data = api_resource(
        move || (slug(), sort(), page()),
        |(slug, sort, page)| get_category_page(slug, sort, page),
    );
    view! {
        <div class="container">
            <Loaded data render=|data| view! { <CategoryView data/> }/>
        </div>
    }
}

fn category_href(slug: &str, sort: ServiceSort, page: u32) -> String {
    let mut href = format!("/categories/{slug}");
    let mut sep = '?';
    if sort != ServiceSort::default() {
        href.push_str(&format!("{sep}sort={}", sort.as_str()));
        sep = '&';
    }
    if page > 1 {
        href.push_str(&format!("{sep}page={page}"));
    }
    href
}

#[component]
fn CategoryView(data: Data) -> impl IntoView {
    let i18n = use_i18n();
    let name = data.category.name(i18n.lang).to_owned();
    let slug = data.category.slug.clone();
    let sort = data.sort;
    let total = data.services.total;
    let (page, pages) = (data.services.page, data.services.total_pages());
    // Sub-categories link to themselves; the main category is the "all" entry.
    let main = data.parent.clone().unwrap_or_else(|| data.category.clone());
    let all_active = data.parent.is_none();
    let page_slug = slug.clone();
    view! {
        <Title text=format!("{name} — {}", i18n.t("site-name"))/>
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <a href="/">{i18n.t("nav-home")}</a>
            {data.parent.as_ref().map(|p| {
                let href = category_href(&p.slug, ServiceSort::default(), 1);
                view! { <span aria-hidden="true">" / "</span><a href=href>{p.name(i18n.lang).to_owned()}</a> }
            })}
        </nav>
        <header class="page-head">
            <h1 data-testid="category-title">{name}</h1>
            <p class="muted" data-testid="category-count">{i18n.count("services-count", total)}</p>
        </header>
        <nav class="chips" aria-label=i18n.t("category-subcategories")>
            <a class="chip" class:active=all_active href=category_href(&main.slug, sort, 1)>
                {i18n.t("category-all")}
            </a>
            {data.subcategories.into_iter().map(|sub| {
                let active = sub.category.slug == slug;
                let href = category_href(&sub.category.slug, sort, 1);
                view! {
                    <a class="chip" class:active=active href=href data-testid="subcategory">
                        {sub.category.name(i18n.lang).to_owned()}
                        <span class="chip-count">{sub.service_count}</span>
                    </a>
                }
            }).collect_view()}
        </nav>
        <nav class="sort" aria-label=i18n.t("sort-label")>
            <span class="muted">{i18n.t("sort-label")}</span>
            {ServiceSort::ALL.into_iter().map(|s| {
                let href = category_href(&slug, s, 1);
                let current = s == sort;
                view! {
                    <a class="sort-option" class:active=current href=href
                        aria-current=current.then_some("true") data-testid=format!("sort-{}", s.as_str())>
                        {i18n.t(s.message_id())}
                    </a>
                }
            }).collect_view()}
        </nav>
        // The cards' titles are third-level headings: this one keeps the outline in order
        // for screen readers (the sort and filters above say what the list is).
        <h2 class="visually-hidden">{i18n.t("category-services")}</h2>
        {if data.services.items.is_empty() {
            view! { <p class="empty-state">{i18n.t("category-empty")}</p> }.into_any()
        } else {
            view! { <ServiceGrid cards=data.services.items lead=true/> }.into_any()
        }}
        <Pagination page total_pages=pages href=move |p| category_href(&page_slug, sort, p)/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_carry_only_what_differs_from_the_default() {
        assert_eq!(
            category_href("design", ServiceSort::Newest, 1),
            "/categories/design"
        );
        assert_eq!(
            category_href("design", ServiceSort::TopRated, 1),
            "/categories/design?sort=top-rated"
        );
        assert_eq!(
            category_href("design", ServiceSort::Newest, 3),
            "/categories/design?page=3"
        );
        assert_eq!(
            category_href("design", ServiceSort::BestSelling, 2),
            "/categories/design?sort=best-selling&page=2"
        );
    }
}
