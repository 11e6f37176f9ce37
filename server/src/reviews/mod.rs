//! Reviews of orders: the buyer's stars and comment, the seller's public reply, and the
//! stars kept on the service and on the seller.
//!
//! A review is written in one transaction with the order's row locked (the SQLite write
//! lock taken at `BEGIN IMMEDIATE`; `FOR UPDATE` on PostgreSQL): the pure rule in
//! `shared::reviews` decides on what was read, and the review and both kept sums and
//! counts change together, so an average is never a review behind. The unique index on
//! `reviews.order_id` makes a second review of an order impossible even so.

use shared::error::{DomainError, Refusal, StoreError};
use shared::notifications::NoticeKind;
use shared::orders::lifecycle::{OrderEvent, Role};
use shared::orders::OrderStatus;
use shared::reviews::{
    check_reply, check_review, decide_review, review_options, stars_delta, OrderReview,
    ReviewOptions, ReviewRequest, ReviewTimes, Reviewable,
};
use sqlx::{Any, Executor, FromRow, Transaction};

use crate::infra::db::{Db, OrIncident};
use crate::notifications::{notify, About};
use crate::orders::{load, Actor, OrderRecord};

#[derive(FromRow)]
struct ReviewRecord {
    id: i64,
    rating: i64,
    comment: String,
    created_at: i64,
    seller_reply: Option<String>,
    replied_at: Option<i64>,
}

impl ReviewRecord {
    fn times(&self) -> ReviewTimes {
        ReviewTimes {
            created_at: self.created_at,
            replied_at: self.replied_at,
        }
    }

    fn into_order_review(self) -> OrderReview {
        OrderReview {
            id: self.id,
            rating: u8::try_from(self.rating.clamp(1, 5)).unwrap_or(5),
            comment: self.comment,
            created_at: self.created_at,
            reply: self.seller_reply,
            replied_at: self.replied_at,
        }
    }
}

async fn review_of<'e, E: Executor<'e, Database = Any>>(
    executor: E,
    order_id: i64,
) -> Result<Option<ReviewRecord>, StoreError> {
    sqlx::query_as::<_, ReviewRecord>(
        "SELECT id, rating, comment, created_at, seller_reply, replied_at \
         FROM reviews WHERE order_id = $1",
    )
    .bind(order_id)
    .fetch_optional(executor)
    .await
    .or_incident("order review")
}

/// Whether a cancelled order was cancelled because the seller was late.
async fn cancelled_late<'e, E: Executor<'e, Database = Any>>(
    executor: E,
    order_id: i64,
) -> Result<bool, StoreError> {
    let n = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM order_events WHERE order_id = $1 AND kind = $2",
    )
    .bind(order_id)
    .bind(OrderEvent::CancelledLate.as_str())
    .fetch_one(executor)
    .await
    .or_incident("order cancelled late")?;
    Ok(n > 0)
}

/// How the order ended, as far as reviewing it goes.
async fn reviewable<'e, E: Executor<'e, Database = Any>>(
    executor: E,
    record: &OrderRecord,
    order_id: i64,
) -> Result<Reviewable, StoreError> {
    let status = record.state().status;
    Ok(Reviewable {
        status,
        closed_at: record.closed_at,
        cancelled_late: status == OrderStatus::Cancelled
            && cancelled_late(executor, order_id).await?,
    })
}

/// The order's review and what `actor` may write about it now, for the order page.
pub(crate) async fn for_order_page(
    db: &Db,
    record: &OrderRecord,
    role: Role,
    order_id: i64,
    now: i64,
) -> Result<(Option<OrderReview>, ReviewOptions), StoreError> {
    let review = review_of(db.pool(), order_id).await?;
    let options = review_options(
        reviewable(db.pool(), record, order_id).await?,
        review.as_ref().map(ReviewRecord::times),
        role,
        now,
    );
    Ok((review.map(ReviewRecord::into_order_review), options))
}

/// Writes what `actor` asks about the order's review, or refuses with nothing written.
/// Anyone who is not a party gets `NotFound`, as for every other order request.
pub(crate) async fn write(
    db: &Db,
    actor: Actor,
    order_id: i64,
    request: ReviewRequest,
    now: i64,
) -> Result<(), DomainError> {
    // The text first: a bad one is refused before anything is read or locked.
    let request = match request {
        ReviewRequest::Rate { rating, comment } => {
            let (rating, comment) = check_review(rating, &comment).map_err(DomainError::Invalid)?;
            ReviewRequest::Rate { rating, comment }
        }
        ReviewRequest::Reply { text } => ReviewRequest::Reply {
            text: check_reply(&text).map_err(|e| DomainError::Invalid(vec![e]))?,
        },
    };
    let mut tx = db.begin_write().await.or_incident("review")?;
    let record = load(&mut tx, db.backend(), order_id)
        .await?
        .ok_or(DomainError::NotFound)?;
    let role = record.role_of(actor).ok_or(DomainError::NotFound)?;
    let order = reviewable(&mut *tx, &record, order_id).await?;
    let existing = review_of(&mut *tx, order_id).await?;
    decide_review(
        order,
        existing.as_ref().map(ReviewRecord::times),
        role,
        &request,
        now,
    )?;
    match (request, existing) {
        (ReviewRequest::Rate { rating, comment }, None) => {
            sqlx::query(
                "INSERT INTO reviews (service_id, seller_id, buyer_id, order_id, rating, comment, \
                 cancelled_late, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(record.service_id)
            .bind(record.seller_id)
            .bind(record.buyer_id)
            .bind(order_id)
            .bind(i64::from(rating))
            .bind(&comment)
            .bind(i64::from(order.cancelled_late))
            .bind(now)
            .execute(&mut *tx)
            .await
            .or_incident("review insert")?;
            keep_stars(&mut tx, &record, None, rating).await?;
            notify(
                db.live(),
                &mut tx,
                record.seller_id,
                NoticeKind::ReviewReceived,
                About::order(order_id),
                now,
            )
            .await?;
        }
        (ReviewRequest::Rate { rating, comment }, Some(old)) => {
            sqlx::query(
                "UPDATE reviews SET rating = $1, comment = $2, updated_at = $3 WHERE id = $4",
            )
            .bind(i64::from(rating))
            .bind(&comment)
            .bind(now)
            .bind(old.id)
            .execute(&mut *tx)
            .await
            .or_incident("review update")?;
            let before = u8::try_from(old.rating).ok();
            keep_stars(&mut tx, &record, before, rating).await?;
        }
        (ReviewRequest::Reply { text }, Some(review)) => {
            if review.replied_at.is_none() {
                notify(
                    db.live(),
                    &mut tx,
                    record.buyer_id,
                    NoticeKind::ReviewReplied,
                    About::order(order_id),
                    now,
                )
                .await?;
            }
            // The first reply's time stays: the 24 hours to change it count from there.
            sqlx::query(
                "UPDATE reviews SET seller_reply = $1, replied_at = COALESCE(replied_at, $2) \
                 WHERE id = $3",
            )
            .bind(&text)
            .bind(now)
            .bind(review.id)
            .execute(&mut *tx)
            .await
            .or_incident("review reply")?;
        }
        // `decide_review` refuses a reply with no review.
        (ReviewRequest::Reply { .. }, None) => return Err(Refusal::ReviewNotAllowed.into()),
    }
    tx.commit().await.or_incident("review commit")?;
    Ok(())
}

/// Moves the service's and the seller's kept stars by what the review changed.
async fn keep_stars(
    tx: &mut Transaction<'static, Any>,
    record: &OrderRecord,
    before: Option<u8>,
    after: u8,
) -> Result<(), StoreError> {
    let delta = stars_delta(before, after);
    for (table, id) in [("services", record.service_id), ("users", record.seller_id)] {
        sqlx::query(&format!(
            "UPDATE {table} SET rating_sum = rating_sum + $1, rating_count = rating_count + $2 \
             WHERE id = $3"
        ))
        .bind(delta.sum)
        .bind(delta.count)
        .bind(id)
        .execute(&mut **tx)
        .await
        .or_incident("kept stars")?;
    }
    Ok(())
}
