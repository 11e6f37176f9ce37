//! `/search?q=…`: results by relevance (or newest, top rated, best selling), with filters
//! as URL parameters; a plain GET page that works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::catalog::{CategoryTree, Named};
use shared::search::{SearchQuery, SearchResults, SearchSort};
use shared::seller_level::SellerLevel;

use crate::api::api_resource;
use crate::api::{get_category_tree, get_search_results};
use crate::components::pagination::Pagination;
use crate::components::service_card::ServiceGrid;
use crate::components::states::Loaded;
use crate::i18n::use_i18n;
use crate::route::use_query_map;

#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let parsed = move || SearchQuery::from_params(|k| query.read().get(k));
    let results = api_resource(parsed, get_search_results);
    let tree = api_resource(|| (), |_| get_category_tree());
    let render = move |r: SearchResults| {
        let inner = move |t: Vec<CategoryTree>| view! { <SearchView results=r.clone() tree=t/> };
        view! { <Loaded data=tree render=inner/> }
    };
    view! {
        <div class="container">
            <Loaded data=results render/>
        </div>
    }
}

#[component]
fn SearchView(results: SearchResults, tree: Vec<CategoryTree>) -> impl IntoView {
    let i18n = use_i18n();
    let q = results.query.clone();
    let heading = if q.q.is_empty() {
        i18n.t("search-all")
    } else {
        i18n.t_arg("search-results-for", "query", q.q.clone())
    };
    let total = results.services.total;
    let (page, pages) = (results.services.page, results.services.total_pages());
    let sorts = SearchSort::ALL
        .into_iter()
        .map(|s| {
            let href = SearchQuery { sort: s, ..q.clone() }.to_url(1);
            let current = s == q.sort;
            view! {
                <a href=href class="sort-link" class:active=current aria-current=current.then_some("true")
                    data-testid=format!("sort-{}", s.as_str())>{i18n.t(s.message_id())}</a>
            }
        })
        .collect_view();
    let page_query = q.clone();
    view! {
        <Title text=format!("{heading} — {}", i18n.t("site-name"))/>
        <h1 data-testid="search-heading">{heading}</h1>
        <p class="muted" data-testid="search-count">
            {if results.capped { i18n.count("search-count-more", total) } else { i18n.count("search-count", total) }}
        </p>
        <div class="search-layout">
            <Filters q=q.clone() tree/>
            <section class="search-results">
                <nav class="sort-links" aria-label=i18n.t("sort-label")>{sorts}</nav>
                {if results.services.items.is_empty() {
                    view! { <p class="empty" data-testid="no-results">{i18n.t("search-empty")}</p> }.into_any()
                } else {
                    view! { <ServiceGrid cards=results.services.items lead=true/> }.into_any()
                }}
                <Pagination page total_pages=pages href=move |p| page_query.to_url(p)/>
            </section>
        </div>
    }
}

/// The filters: a GET form whose fields are the URL's parameters.
#[component]
fn Filters(q: SearchQuery, tree: Vec<CategoryTree>) -> impl IntoView {
    let i18n = use_i18n();
    let category = q.category.clone().unwrap_or_default();
    let categories = tree
        .into_iter()
        .map(|main| {
            let selected = main.category.slug == category;
            let children = main
                .children
                .iter()
                .map(|c| {
                    let sel = c.slug == category;
                    view! { <option value=c.slug.clone() selected=sel>{format!("— {}", c.name(i18n.lang))}</option> }
                })
                .collect_view();
            view! {
                <option value=main.category.slug.clone() selected=selected>{main.category.name(i18n.lang).to_owned()}</option>
                {children}
            }
        })
        .collect_view();
    let levels = SellerLevel::ALL
        .into_iter()
        .map(|l| {
            let sel = q.level == Some(l);
            view! { <option value=l.as_str() selected=sel>{i18n.t(l.message_id())}</option> }
        })
        .collect_view();
    let ratings = (1..=5u8)
        .rev()
        .map(|r| {
            let sel = q.min_rating == Some(r);
            view! { <option value=r.to_string() selected=sel>{i18n.count("filter-stars-up", u64::from(r))}</option> }
        })
        .collect_view();
    let day_choices = [1u32, 2, 3, 7, 14]
        .into_iter()
        .map(|d| {
            let sel = q.max_days == Some(d);
            view! { <option value=d.to_string() selected=sel>{i18n.count("filter-days-within", u64::from(d))}</option> }
        })
        .collect_view();
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    view! {
        <form class="filters card-form" action="/search" method="get" data-testid="filters">
            <h2>{i18n.t("filters-title")}</h2>
            <input type="hidden" name="q" value=q.q.clone()/>
            {(q.sort != SearchSort::Relevance).then(|| view! { <input type="hidden" name="sort" value=q.sort.as_str()/> })}
            <label>{i18n.t("field-category")}
                <select name="category" data-testid="filter-category">
                    <option value="">{i18n.t("filter-any")}</option>
                    {categories}
                </select>
            </label>
            <label>{i18n.t("filter-level")}
                <select name="level" data-testid="filter-level">
                    <option value="">{i18n.t("filter-any")}</option>
                    {levels}
                </select>
            </label>
            <label>{i18n.t("filter-rating")}
                <select name="min_rating" data-testid="filter-rating">
                    <option value="">{i18n.t("filter-any")}</option>
                    {ratings}
                </select>
            </label>
            <label>{i18n.t("filter-days")}
                <select name="max_days" data-testid="filter-days">
                    <option value="">{i18n.t("filter-any")}</option>
                    {day_choices}
                </select>
            </label>
            <div class="field-row">
                <label>{i18n.t("filter-min-price")}
                    <input type="number" name="min_price" min="0" step="5" value=number(q.min_price) data-testid="filter-min-price"/>
                </label>
                <label>{i18n.t("filter-max-price")}
                    <input type="number" name="max_price" min="0" step="5" value=number(q.max_price) data-testid="filter-max-price"/>
                </label>
            </div>
            <button type="submit" class="button primary block" data-testid="filters-apply">{i18n.t("filters-apply")}</button>
        </form>
    }
}
