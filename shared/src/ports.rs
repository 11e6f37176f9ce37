//! Interfaces the server implements and `app`'s server functions call (server side only).

use async_trait::async_trait;

use crate::catalog::{
    CategoryPage, CategoryTree, HomePage, SellerProfile, ServiceDetail, ServiceSort,
};

/// A storage failure. The details are logged by the server under `incident`; users see
/// only the incident id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("internal error (incident {incident})")]
pub struct StoreError {
    pub incident: String,
}

/// Read side of the catalog: published services of active sellers only.
#[async_trait]
pub trait CatalogStore: Send + Sync + 'static {
    async fn category_tree(&self) -> Result<Vec<CategoryTree>, StoreError>;
    async fn home(&self) -> Result<HomePage, StoreError>;
    /// `None` when no category has that slug.
    async fn category_page(
        &self,
        slug: &str,
        sort: ServiceSort,
        page: u32,
    ) -> Result<Option<CategoryPage>, StoreError>;
    /// `None` when the service does not exist or is not published.
    async fn service(&self, id: i64) -> Result<Option<ServiceDetail>, StoreError>;
    /// `None` when no active seller has that username.
    async fn seller(&self, username: &str) -> Result<Option<SellerProfile>, StoreError>;
}
