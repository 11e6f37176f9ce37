//! Server functions of the catalog. Thin: take the store from the context, call it, map
//! errors. Read-only, so anyone may call them.

use leptos::prelude::*;
use shared::catalog::{
    CategoryPage, CategoryTree, HomePage, SellerProfile, ServiceDetail, ServiceSort,
};
use shared::reviews::ReviewPage;
use shared::search::{SearchQuery, SearchResults};

use crate::error::AppError;

#[cfg(feature = "ssr")]
fn catalog() -> Result<crate::Catalog, AppError> {
    use_context::<crate::Catalog>().ok_or_else(|| AppError::internal("no-catalog"))
}

#[server(prefix = "/api")]
pub async fn get_category_tree() -> Result<Vec<CategoryTree>, AppError> {
    Ok(catalog()?.category_tree().await?)
}

#[server(prefix = "/api")]
pub async fn get_home_page() -> Result<HomePage, AppError> {
    Ok(catalog()?.home().await?)
}

#[server(prefix = "/api")]
pub async fn get_category_page(
    slug: String,
    sort: ServiceSort,
    page: u32,
) -> Result<CategoryPage, AppError> {
    let page = page.clamp(1, shared::catalog::MAX_PAGE);
    catalog()?
        .category_page(&slug, sort, page)
        .await?
        .ok_or(AppError::NOT_FOUND)
}

#[server(prefix = "/api")]
pub async fn get_service_detail(id: i64) -> Result<ServiceDetail, AppError> {
    catalog()?.service(id).await?.ok_or(AppError::NOT_FOUND)
}

/// A page of a published service's reviews, newest first, with the star histogram.
#[server(prefix = "/api")]
pub async fn get_service_reviews(service_id: i64, page: u32) -> Result<ReviewPage, AppError> {
    catalog()?
        .service_reviews(service_id, page.clamp(1, shared::catalog::MAX_PAGE))
        .await?
        .ok_or(AppError::NOT_FOUND)
}

#[server(prefix = "/api")]
pub async fn get_seller_profile(username: String) -> Result<SellerProfile, AppError> {
    catalog()?
        .seller(&username)
        .await?
        .ok_or(AppError::NOT_FOUND)
}

/// The search page. A plain read, so anyone may call it; the query is already parsed from
/// the URL (and bounded) by `SearchQuery::from_params`.
#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn get_search_results(query: SearchQuery) -> Result<SearchResults, AppError> {
    let mut query = query;
    query.page = query.page.clamp(1, shared::catalog::MAX_PAGE);
    query.q = query
        .q
        .chars()
        .take(shared::search::QUERY_MAX_CHARS)
        .collect();
    Ok(catalog()?.search(&query).await?)
}
