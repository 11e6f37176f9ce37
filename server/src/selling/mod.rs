//! A seller's own services: create, edit (a live service's edit waits for review beside
//! the published version), submit for review, pause and resume.

pub mod images;
pub mod levels;
pub mod moderation;

use std::collections::HashMap;

use async_trait::async_trait;
use shared::account::SessionUser;
use shared::error::{DomainError, Refusal, StoreError};
use shared::ports::SellerStore;
use shared::search_text::index_text;
use shared::seller_level::SellerLevel;
use shared::selling::{EditableService, MyService, PendingEdit, ServiceStatus};
use shared::service_form::{tidy, validate, ServiceDraft, UpgradeDraft};
use shared::validation::FieldError;
use sqlx::{Any, FromRow, Transaction};

use crate::catalog::media_url;
use crate::infra::clock::Clock;
use crate::infra::db::{Db, OrIncident};

pub struct SqlSelling {
    db: Db,
    clock: Clock,
}

#[derive(FromRow)]
struct Owned {
    seller_id: i64,
    status: String,
}

fn status(s: &str) -> ServiceStatus {
    ServiceStatus::parse(s).unwrap_or(ServiceStatus::Draft)
}

fn dollars(cents: i64) -> u32 {
    u32::try_from(cents / 100).unwrap_or(0)
}

/// Writes `draft` into the service's row, upgrades and gallery, inside `tx`.
pub(crate) async fn apply_draft(
    tx: &mut Transaction<'static, Any>,
    service_id: i64,
    draft: &ServiceDraft,
    now: i64,
) -> Result<(), StoreError> {
    let tags = draft.tags.join(",");
    sqlx::query(
        "UPDATE services SET title = $1, description = $2, category_id = $3, tags = $4, \
         price_cents = $5, delivery_days = $6, instructions = $7, search_text = $8, \
         updated_at = $9 WHERE id = $10",
    )
    .bind(&draft.title)
    .bind(&draft.description)
    .bind(draft.category_id)
    .bind(&tags)
    .bind(i64::from(draft.price_dollars) * 100)
    .bind(i64::from(draft.delivery_days))
    .bind(&draft.instructions)
    .bind(index_text(&[&draft.title, &tags, &draft.description]))
    .bind(now)
    .bind(service_id)
    .execute(&mut **tx)
    .await
    .or_incident("apply draft")?;
    sqlx::query("DELETE FROM service_upgrades WHERE service_id = $1")
        .bind(service_id)
        .execute(&mut **tx)
        .await
        .or_incident("apply draft upgrades")?;
    for (position, u) in draft.upgrades.iter().enumerate() {
        sqlx::query(
            "INSERT INTO service_upgrades (service_id, position, title, price_cents, extra_days) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(service_id)
        .bind(position as i64)
        .bind(&u.title)
        .bind(i64::from(u.price_dollars) * 100)
        .bind(i64::from(u.extra_days))
        .execute(&mut **tx)
        .await
        .or_incident("apply draft upgrade")?;
    }
    // Thumbnails: from the gallery as it was, or from the upload record.
    let mut thumbs: HashMap<String, Option<String>> =
        sqlx::query_as::<_, (String, Option<String>)>(
            "SELECT path, thumb_path FROM service_images WHERE service_id = $1",
        )
        .bind(service_id)
        .fetch_all(&mut **tx)
        .await
        .or_incident("apply draft images")?
        .into_iter()
        .collect();
    sqlx::query("DELETE FROM service_images WHERE service_id = $1")
        .bind(service_id)
        .execute(&mut **tx)
        .await
        .or_incident("apply draft images")?;
    for (position, path) in draft.images.iter().enumerate() {
        let thumb = match thumbs.remove(path) {
            Some(t) => t,
            None => {
                sqlx::query_scalar::<_, String>("SELECT thumb_path FROM uploads WHERE path = $1")
                    .bind(path)
                    .fetch_optional(&mut **tx)
                    .await
                    .or_incident("apply draft thumb")?
            }
        };
        sqlx::query(
            "INSERT INTO service_images (service_id, position, path, thumb_path, alt) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(service_id)
        .bind(position as i64)
        .bind(path)
        .bind(thumb)
        .bind(&draft.title)
        .execute(&mut **tx)
        .await
        .or_incident("apply draft image")?;
    }
    Ok(())
}

/// The service as stored (not a pending edit), as a draft.
pub(crate) async fn stored_draft(db: &Db, id: i64) -> Result<Option<ServiceDraft>, StoreError> {
    #[derive(FromRow)]
    struct Row {
        title: String,
        description: String,
        category_id: i64,
        tags: String,
        price_cents: i64,
        delivery_days: i64,
        instructions: String,
    }
    let Some(row) = sqlx::query_as::<_, Row>(
        "SELECT title, description, category_id, tags, price_cents, delivery_days, instructions \
         FROM services WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await
    .or_incident("stored draft")?
    else {
        return Ok(None);
    };
    let upgrades = sqlx::query_as::<_, (String, i64, i64)>(
        "SELECT title, price_cents, extra_days FROM service_upgrades WHERE service_id = $1 \
         ORDER BY position",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await
    .or_incident("stored draft upgrades")?;
    let images = sqlx::query_scalar::<_, String>(
        "SELECT path FROM service_images WHERE service_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await
    .or_incident("stored draft images")?;
    Ok(Some(ServiceDraft {
        title: row.title,
        description: row.description,
        category_id: row.category_id,
        tags: shared::account::split_list(&row.tags),
        price_dollars: dollars(row.price_cents),
        delivery_days: u32::try_from(row.delivery_days).unwrap_or(1),
        instructions: row.instructions,
        upgrades: upgrades
            .into_iter()
            .map(|(title, price, days)| UpgradeDraft {
                title,
                price_dollars: dollars(price),
                extra_days: u32::try_from(days).unwrap_or(0),
            })
            .collect(),
        images,
    }))
}

/// The pending or rejected edit of a live service, if any.
pub(crate) async fn revision(
    db: &Db,
    id: i64,
) -> Result<Option<(ServiceDraft, PendingEdit)>, StoreError> {
    let row = sqlx::query_as::<_, (String, String, Option<String>)>(
        "SELECT payload, state, reason FROM service_revisions WHERE service_id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await
    .or_incident("revision read")?;
    Ok(row.and_then(|(payload, state, reason)| {
        let draft = serde_json::from_str(&payload).ok()?;
        let edit = if state == "rejected" {
            PendingEdit::Rejected {
                reason: reason.unwrap_or_default(),
            }
        } else {
            PendingEdit::InReview
        };
        Some((draft, edit))
    }))
}

/// Fails with the level's cap when the seller already has that many active services.
async fn check_cap(tx: &mut Transaction<'static, Any>, seller: i64) -> Result<(), DomainError> {
    let level = sqlx::query_scalar::<_, String>("SELECT seller_level FROM users WHERE id = $1")
        .bind(seller)
        .fetch_one(&mut **tx)
        .await
        .or_incident("seller level")?;
    let cap = SellerLevel::parse(&level)
        .unwrap_or(SellerLevel::New)
        .active_service_cap();
    let active = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM services WHERE seller_id = $1 \
         AND status IN ('pending_review', 'published')",
    )
    .bind(seller)
    .fetch_one(&mut **tx)
    .await
    .or_incident("active services")?;
    if active >= i64::from(cap) {
        return Err(Refusal::ServiceCap { max: cap }.into());
    }
    Ok(())
}

impl SqlSelling {
    pub fn new(db: Db, clock: Clock) -> Self {
        SqlSelling { db, clock }
    }

    async fn owned(&self, seller: i64, id: i64) -> Result<Owned, DomainError> {
        let row = sqlx::query_as::<_, Owned>(
            "SELECT seller_id, status FROM services WHERE id = $1 AND archived_at IS NULL",
        )
        .bind(id)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("service owner")?;
        // Someone else's service is reported as missing: its existence is not their business.
        row.filter(|r| r.seller_id == seller)
            .ok_or(DomainError::NotFound)
    }

    /// Each image must be the seller's own upload or already in this service's gallery.
    async fn check_images(
        &self,
        seller: i64,
        id: Option<i64>,
        images: &[String],
    ) -> Result<(), DomainError> {
        for path in images {
            let attached = match id {
                Some(id) => sqlx::query_scalar::<_, i64>(
                    "SELECT COUNT(*) FROM service_images WHERE service_id = $1 AND path = $2",
                )
                .bind(id)
                .bind(path)
                .fetch_one(self.db.pool())
                .await
                .or_incident("image check")?,
                None => 0,
            };
            if attached == 0 && !crate::selling::images::owns(&self.db, seller, path).await? {
                return Err(DomainError::Invalid(vec![FieldError::new(
                    "images",
                    "error-image-not-yours",
                )]));
            }
        }
        Ok(())
    }

    async fn check_category(&self, id: i64) -> Result<(), DomainError> {
        let is_sub = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM categories WHERE id = $1 AND parent_id IS NOT NULL",
        )
        .bind(id)
        .fetch_one(self.db.pool())
        .await
        .or_incident("category check")?;
        if is_sub == 0 {
            return Err(DomainError::Invalid(vec![FieldError::new(
                "category_id",
                "error-category-required",
            )]));
        }
        Ok(())
    }
}

#[async_trait]
impl SellerStore for SqlSelling {
    async fn my_level(&self, seller: i64) -> Result<shared::seller_level::MyLevel, StoreError> {
        levels::my_level(&self.db, seller, (self.clock)()).await
    }

    async fn my_services(&self, seller: i64) -> Result<Vec<MyService>, StoreError> {
        #[derive(FromRow)]
        struct Row {
            id: i64,
            title: String,
            status: String,
            rejection_reason: Option<String>,
            price_cents: i64,
            image: Option<String>,
            edit_state: Option<String>,
            edit_reason: Option<String>,
        }
        let rows = sqlx::query_as::<_, Row>(
            "SELECT s.id, s.title, s.status, s.rejection_reason, s.price_cents, \
             (SELECT COALESCE(i.thumb_path, i.path) FROM service_images i \
              WHERE i.service_id = s.id ORDER BY i.position LIMIT 1) AS image, \
             r.state AS edit_state, r.reason AS edit_reason \
             FROM services s LEFT JOIN service_revisions r ON r.service_id = s.id \
             WHERE s.seller_id = $1 AND s.archived_at IS NULL \
             ORDER BY s.updated_at DESC, s.id DESC",
        )
        .bind(seller)
        .fetch_all(self.db.pool())
        .await
        .or_incident("my services")?;
        Ok(rows
            .into_iter()
            .map(|r| MyService {
                id: r.id,
                title: r.title,
                status: status(&r.status),
                rejection_reason: r.rejection_reason,
                edit: r.edit_state.map(|s| {
                    if s == "rejected" {
                        PendingEdit::Rejected {
                            reason: r.edit_reason.unwrap_or_default(),
                        }
                    } else {
                        PendingEdit::InReview
                    }
                }),
                image: r.image.as_deref().map(media_url),
                price_dollars: dollars(r.price_cents),
            })
            .collect())
    }

    async fn editable(&self, seller: i64, id: i64) -> Result<EditableService, DomainError> {
        let owned = self.owned(seller, id).await?;
        let draft = match revision(&self.db, id).await? {
            Some((draft, _)) => draft,
            None => stored_draft(&self.db, id)
                .await?
                .ok_or(DomainError::NotFound)?,
        };
        Ok(EditableService {
            id,
            status: status(&owned.status),
            image_urls: draft.images.iter().map(|p| media_url(p)).collect(),
            draft,
        })
    }

    async fn save(
        &self,
        seller: &SessionUser,
        id: Option<i64>,
        draft: ServiceDraft,
        submit: bool,
    ) -> Result<i64, DomainError> {
        let draft = tidy(draft);
        validate(&draft).map_err(DomainError::Invalid)?;
        self.check_category(draft.category_id).await?;
        if submit && !seller.email_verified {
            return Err(DomainError::from(Refusal::VerifyEmailFirst));
        }
        let previous = match id {
            Some(id) => Some(self.owned(seller.id, id).await?),
            None => None,
        };
        self.check_images(seller.id, id, &draft.images).await?;
        let now = (self.clock)();
        let mut tx = self.db.begin_write().await.or_incident("save begin")?;
        // Locks the seller's row: concurrent submissions are counted against the cap one
        // after the other.
        sqlx::query("UPDATE users SET last_seen_at = $1 WHERE id = $2")
            .bind(now)
            .bind(seller.id)
            .execute(&mut *tx)
            .await
            .or_incident("save lock")?;
        let new_status = if submit {
            ServiceStatus::PendingReview
        } else {
            ServiceStatus::Draft
        };
        let id = match (id, previous) {
            (Some(id), Some(prev)) if status(&prev.status).is_live() => {
                // The published version stays; the edit waits for review.
                let payload = serde_json::to_string(&draft).or_incident("draft json")?;
                sqlx::query("DELETE FROM service_revisions WHERE service_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .or_incident("revision replace")?;
                sqlx::query(
                    "INSERT INTO service_revisions (service_id, payload, state, submitted_at) \
                     VALUES ($1, $2, 'pending', $3)",
                )
                .bind(id)
                .bind(payload)
                .bind(now)
                .execute(&mut *tx)
                .await
                .or_incident("revision insert")?;
                id
            }
            (Some(id), Some(prev)) => {
                if submit && !status(&prev.status).is_active() {
                    check_cap(&mut tx, seller.id).await?;
                }
                apply_draft(&mut tx, id, &draft, now).await?;
                sqlx::query(
                    "UPDATE services SET status = $1, rejection_reason = NULL, \
                     submitted_at = $2 WHERE id = $3",
                )
                .bind(new_status.as_str())
                .bind(submit.then_some(now))
                .bind(id)
                .execute(&mut *tx)
                .await
                .or_incident("save status")?;
                id
            }
            _ => {
                if submit {
                    check_cap(&mut tx, seller.id).await?;
                }
                let id = sqlx::query_scalar::<_, i64>(
                    "INSERT INTO services (seller_id, category_id, title, description, \
                     price_cents, delivery_days, status, created_at, updated_at, submitted_at) \
                     VALUES ($1, $2, $3, '', $4, $5, $6, $7, $7, $8) RETURNING id",
                )
                .bind(seller.id)
                .bind(draft.category_id)
                .bind(&draft.title)
                .bind(i64::from(draft.price_dollars) * 100)
                .bind(i64::from(draft.delivery_days))
                .bind(new_status.as_str())
                .bind(now)
                .bind(submit.then_some(now))
                .fetch_one(&mut *tx)
                .await
                .or_incident("service insert")?;
                apply_draft(&mut tx, id, &draft, now).await?;
                id
            }
        };
        // Whatever changed, an admin's review of the previous version no longer applies.
        sqlx::query("UPDATE services SET review_version = review_version + 1 WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await
            .or_incident("review version")?;
        tx.commit().await.or_incident("save commit")?;
        Ok(id)
    }

    async fn set_paused(&self, seller: i64, id: i64, paused: bool) -> Result<(), DomainError> {
        let owned = self.owned(seller, id).await?;
        let (from, to) = if paused {
            (ServiceStatus::Published, ServiceStatus::Paused)
        } else {
            (ServiceStatus::Paused, ServiceStatus::Published)
        };
        if status(&owned.status) != from {
            return Err(DomainError::from(Refusal::StatusChange));
        }
        let mut tx = self.db.begin_write().await.or_incident("pause begin")?;
        if !paused {
            check_cap(&mut tx, seller).await?;
        }
        let changed = sqlx::query(
            "UPDATE services SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
        )
        .bind(to.as_str())
        .bind((self.clock)())
        .bind(id)
        .bind(from.as_str())
        .execute(&mut *tx)
        .await
        .or_incident("pause")?
        .rows_affected();
        if changed == 0 {
            return Err(DomainError::from(Refusal::StatusChange));
        }
        tx.commit().await.or_incident("pause commit")?;
        Ok(())
    }

    async fn archive(&self, seller: i64, id: i64) -> Result<(), DomainError> {
        self.owned(seller, id).await?;
        let now = (self.clock)();
        let mut tx = self.db.begin_write().await.or_incident("archive begin")?;
        let changed = sqlx::query(
            "UPDATE services SET status = 'paused', archived_at = $1, updated_at = $1 \
             WHERE id = $2 AND seller_id = $3 AND archived_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .bind(seller)
        .execute(&mut *tx)
        .await
        .or_incident("archive")?
        .rows_affected();
        if changed == 0 {
            return Err(DomainError::NotFound);
        }
        // A pending edit has nothing left to review.
        sqlx::query("DELETE FROM service_revisions WHERE service_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await
            .or_incident("archive revision")?;
        tx.commit().await.or_incident("archive commit")?;
        Ok(())
    }
}
