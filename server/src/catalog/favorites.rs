//! Favorites (the heart on cards and service pages).

use async_trait::async_trait;
use shared::catalog::{ServiceCard, ServiceSort};
use shared::error::{DomainError, StoreError};
use shared::ports::FavoriteStore;

use crate::catalog::SqlCatalog;
use crate::infra::clock::now;
use crate::infra::db::{Db, OrIncident};

/// At most this many favorites are listed.
const LISTED: i64 = 200;

pub struct SqlFavorites {
    db: Db,
    catalog: SqlCatalog,
}

impl SqlFavorites {
    pub fn new(db: Db) -> Self {
        SqlFavorites {
            catalog: SqlCatalog::new(db.clone()),
            db,
        }
    }
}

#[async_trait]
impl FavoriteStore for SqlFavorites {
    async fn set_favorite(
        &self,
        user_id: i64,
        service_id: i64,
        favorite: bool,
    ) -> Result<bool, DomainError> {
        if favorite {
            let visible = sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM services s JOIN users u ON u.id = s.seller_id \
                 WHERE s.id = $1 AND s.status = 'published' AND u.status = 'active'",
            )
            .bind(service_id)
            .fetch_one(self.db.pool())
            .await
            .or_incident("favorite check")?;
            if visible == 0 {
                return Err(DomainError::NotFound);
            }
            // Idempotent: a double click adds it once.
            sqlx::query(
                "INSERT INTO favorites (user_id, service_id, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (user_id, service_id) DO NOTHING",
            )
            .bind(user_id)
            .bind(service_id)
            .bind(now())
            .execute(self.db.pool())
            .await
            .or_incident("favorite add")?;
        } else {
            sqlx::query("DELETE FROM favorites WHERE user_id = $1 AND service_id = $2")
                .bind(user_id)
                .bind(service_id)
                .execute(self.db.pool())
                .await
                .or_incident("favorite remove")?;
        }
        Ok(favorite)
    }

    async fn favorite_ids(&self, user_id: i64) -> Result<Vec<i64>, StoreError> {
        sqlx::query_scalar::<_, i64>("SELECT service_id FROM favorites WHERE user_id = $1")
            .bind(user_id)
            .fetch_all(self.db.pool())
            .await
            .or_incident("favorite ids")
    }

    async fn favorites(&self, user_id: i64) -> Result<Vec<ServiceCard>, StoreError> {
        self.catalog
            .cards(
                "AND s.id IN (SELECT f.service_id FROM favorites f WHERE f.user_id = $1)",
                &[user_id],
                ServiceSort::Newest,
                LISTED,
                0,
            )
            .await
    }
}
