//! Admin work: the review queue (new services and edits of live ones) and suspending
//! users. Callers (the server functions) check that the user is an admin.

use async_trait::async_trait;
use shared::error::{DomainError, Refusal, StoreError};
use shared::ports::ModerationStore;
use shared::selling::{ReviewItem, UserRow, REJECTION_REASON_MAX};
use shared::validation::{text_problem, FieldError};
use sqlx::FromRow;

use crate::catalog::media_url;
use crate::infra::clock::Clock;
use crate::infra::db::{Db, OrIncident};
use crate::selling::{apply_draft, revision, stored_draft};

/// Refuses a decision about anything but the version the admin looked at: the seller may
/// have saved again since the queue was loaded. The no-op UPDATE also locks the service
/// row until the decision commits, so a save cannot slip in between.
async fn reviewed_version(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    service_id: i64,
    version: i64,
) -> Result<(), DomainError> {
    let same = sqlx::query(
        "UPDATE services SET review_version = review_version \
         WHERE id = $1 AND review_version = $2",
    )
    .bind(service_id)
    .bind(version)
    .execute(&mut **tx)
    .await
    .or_incident("review version")?
    .rows_affected();
    if same == 0 {
        return Err(Refusal::ReviewOutdated.into());
    }
    Ok(())
}

pub struct SqlModeration {
    db: Db,
    clock: Clock,
}

#[derive(FromRow)]
struct QueueRow {
    service_id: i64,
    review_version: i64,
    is_edit: i64,
    username: String,
    display_name: String,
    submitted_at: Option<i64>,
}

impl SqlModeration {
    pub fn new(db: Db, clock: Clock) -> Self {
        SqlModeration { db, clock }
    }

    async fn category_names(&self, id: i64) -> Result<(String, String), StoreError> {
        Ok(sqlx::query_as::<_, (String, String)>(
            "SELECT name_ar, name_en FROM categories WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("category names")?
        .unwrap_or_default())
    }
}

#[async_trait]
impl ModerationStore for SqlModeration {
    async fn review_queue(&self) -> Result<Vec<ReviewItem>, StoreError> {
        let rows = sqlx::query_as::<_, QueueRow>(
            "SELECT s.id AS service_id, s.review_version, CAST(0 AS BIGINT) AS is_edit, u.username, u.display_name, s.submitted_at \
             FROM services s JOIN users u ON u.id = s.seller_id \
             WHERE s.status = 'pending_review' \
             UNION ALL \
             SELECT s.id AS service_id, s.review_version, CAST(1 AS BIGINT) AS is_edit, u.username, u.display_name, r.submitted_at \
             FROM service_revisions r JOIN services s ON s.id = r.service_id \
             JOIN users u ON u.id = s.seller_id WHERE r.state = 'pending' \
             ORDER BY submitted_at, service_id LIMIT 100",
        )
        .fetch_all(self.db.pool())
        .await
        .or_incident("review queue")?;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            let draft = if row.is_edit == 1 {
                revision(&self.db, row.service_id).await?.map(|(d, _)| d)
            } else {
                stored_draft(&self.db, row.service_id).await?
            };
            let Some(draft) = draft else { continue };
            let (category_name_ar, category_name_en) =
                self.category_names(draft.category_id).await?;
            items.push(ReviewItem {
                service_id: row.service_id,
                version: row.review_version,
                is_edit: row.is_edit == 1,
                seller_username: row.username,
                seller_name: row.display_name,
                category_name_ar,
                category_name_en,
                submitted_at: row.submitted_at.unwrap_or(0),
                image_urls: draft.images.iter().map(|p| media_url(p)).collect(),
                draft,
            });
        }
        Ok(items)
    }

    async fn approve(&self, service_id: i64, version: i64) -> Result<(), DomainError> {
        let now = (self.clock)();
        let edit = revision(&self.db, service_id)
            .await?
            .filter(|(_, e)| *e == shared::selling::PendingEdit::InReview);
        let mut tx = self.db.begin_write().await.or_incident("approve begin")?;
        reviewed_version(&mut tx, service_id, version).await?;
        if let Some((draft, _)) = edit {
            apply_draft(&mut tx, service_id, &draft, now).await?;
            sqlx::query("DELETE FROM service_revisions WHERE service_id = $1")
                .bind(service_id)
                .execute(&mut *tx)
                .await
                .or_incident("approve edit")?;
        } else {
            let changed = sqlx::query(
                "UPDATE services SET status = 'published', rejection_reason = NULL, \
                 published_at = COALESCE(published_at, $1), updated_at = $1 \
                 WHERE id = $2 AND status = 'pending_review'",
            )
            .bind(now)
            .bind(service_id)
            .execute(&mut *tx)
            .await
            .or_incident("approve")?
            .rows_affected();
            if changed == 0 {
                return Err(DomainError::from(Refusal::NothingToReview));
            }
        }
        tx.commit().await.or_incident("approve commit")?;
        Ok(())
    }

    async fn reject(&self, service_id: i64, version: i64, reason: &str) -> Result<(), DomainError> {
        let reason = reason.trim();
        if let Some(problem) = text_problem(reason, 3, REJECTION_REASON_MAX) {
            return Err(DomainError::Invalid(vec![FieldError::new(
                "reason", problem,
            )]));
        }
        let mut tx = self.db.begin_write().await.or_incident("reject begin")?;
        reviewed_version(&mut tx, service_id, version).await?;
        let edit = sqlx::query(
            "UPDATE service_revisions SET state = 'rejected', reason = $1 \
             WHERE service_id = $2 AND state = 'pending'",
        )
        .bind(reason)
        .bind(service_id)
        .execute(&mut *tx)
        .await
        .or_incident("reject edit")?
        .rows_affected();
        if edit == 0 {
            let changed = sqlx::query(
                "UPDATE services SET status = 'rejected', rejection_reason = $1, updated_at = $2 \
                 WHERE id = $3 AND status = 'pending_review'",
            )
            .bind(reason)
            .bind((self.clock)())
            .bind(service_id)
            .execute(&mut *tx)
            .await
            .or_incident("reject")?
            .rows_affected();
            if changed == 0 {
                return Err(DomainError::from(Refusal::NothingToReview));
            }
        }
        tx.commit().await.or_incident("reject commit")?;
        Ok(())
    }

    async fn users(&self, search: &str) -> Result<Vec<UserRow>, StoreError> {
        #[derive(FromRow)]
        struct Row {
            id: i64,
            username: String,
            display_name: String,
            email: String,
            role: String,
            status: String,
            created_at: i64,
        }
        let pattern = format!(
            "%{}%",
            search.trim().to_lowercase().replace(['%', '_', '\\'], "")
        );
        let rows = sqlx::query_as::<_, Row>(
            "SELECT id, username, display_name, email, role, status, created_at FROM users \
             WHERE LOWER(username) LIKE $1 OR LOWER(email) LIKE $1 OR LOWER(display_name) LIKE $1 \
             ORDER BY created_at DESC, id DESC LIMIT 50",
        )
        .bind(pattern)
        .fetch_all(self.db.pool())
        .await
        .or_incident("users")?;
        Ok(rows
            .into_iter()
            .map(|r| UserRow {
                id: r.id,
                username: r.username,
                display_name: r.display_name,
                email: r.email,
                is_admin: r.role == "admin",
                suspended: r.status == "suspended",
                created_at: r.created_at,
            })
            .collect())
    }

    async fn set_suspended(&self, user_id: i64, suspended: bool) -> Result<(), DomainError> {
        let role = sqlx::query_scalar::<_, String>("SELECT role FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(self.db.pool())
            .await
            .or_incident("suspend read")?
            .ok_or(DomainError::NotFound)?;
        if role == "admin" {
            return Err(DomainError::from(Refusal::CannotSuspendAdmin));
        }
        // Suspending also ends every session of the user (the epoch changes).
        sqlx::query(
            "UPDATE users SET status = $1, \
             session_epoch = session_epoch + (CASE WHEN $1 = 'suspended' THEN 1 ELSE 0 END) \
             WHERE id = $2",
        )
        .bind(if suspended { "suspended" } else { "active" })
        .bind(user_id)
        .execute(self.db.pool())
        .await
        .or_incident("suspend")?;
        Ok(())
    }
}
