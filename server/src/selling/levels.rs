//! Seller levels: the figures each level is decided on, the job that decides, and the
//! "My level" page's data. The rules themselves are `shared::seller_level`.
//!
//! The job takes the sellers it looked at longest ago (a bounded batch per run), reads
//! their figures, and writes the decision with an UPDATE conditional on the state it
//! read, so two runners at once (two processes, the tick and `khidmat jobs run`) cannot
//! undo each other, and a second run on the same figures changes nothing.

use shared::catalog::RatingSummary;
use shared::error::StoreError;
use shared::seller_level::{
    median_hours, next_state, LevelState, MyLevel, SellerFigures, SellerLevel, FIGURES_WINDOW_SECS,
    RESPONSE_WINDOW_SECS,
};

use crate::infra::db::{Db, OrIncident};

/// Sellers one run looks at; the next run takes the next ones.
const BATCH: i64 = 200;
/// A seller is looked at again after this long.
const RECHECK_SECS: i64 = 3600;

fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// The seller's rolling figures at `now`.
pub async fn figures(db: &Db, seller: i64, now: i64) -> Result<SellerFigures, StoreError> {
    // Clients, closed and completed orders in one pass over the seller's closed orders.
    let (clients, closed, completed) = sqlx::query_as::<_, (i64, i64, i64)>(
        "SELECT COUNT(DISTINCT CASE WHEN status = 'completed' THEN buyer_id END), COUNT(*), \
         COUNT(CASE WHEN status = 'completed' THEN 1 END) FROM orders \
         WHERE seller_id = $1 AND status IN ('completed', 'cancelled') AND closed_at >= $2",
    )
    .bind(seller)
    .bind(now - FIGURES_WINDOW_SECS)
    .fetch_one(db.pool())
    .await
    .or_incident("seller figures")?;
    let (rating_count, rating_sum) =
        sqlx::query_as::<_, (i64, i64)>("SELECT rating_count, rating_sum FROM users WHERE id = $1")
            .bind(seller)
            .fetch_one(db.pool())
            .await
            .or_incident("seller stars")?;
    // Time to the seller's first word (a message or a step) on each recent order; one
    // still unanswered counts as waiting until now.
    let answers = sqlx::query_as::<_, (i64, Option<i64>)>(
        "SELECT o.created_at, MIN(e.created_at) FROM orders o \
         LEFT JOIN order_events e ON e.order_id = o.id AND e.author_id = o.seller_id \
         WHERE o.seller_id = $1 AND o.created_at >= $2 GROUP BY o.id, o.created_at",
    )
    .bind(seller)
    .bind(now - RESPONSE_WINDOW_SECS)
    .fetch_all(db.pool())
    .await
    .or_incident("seller answers")?;
    // And to their first reply in each recent inquiry (a conversation before an order).
    let inquiries = sqlx::query_as::<_, (i64, Option<i64>)>(
        "SELECT created_at, seller_replied_at FROM conversations \
         WHERE seller_id = $1 AND created_at >= $2",
    )
    .bind(seller)
    .bind(now - RESPONSE_WINDOW_SECS)
    .fetch_all(db.pool())
    .await
    .or_incident("seller inquiry answers")?;
    let waits = answers
        .into_iter()
        .chain(inquiries)
        .map(|(asked, answered)| answered.unwrap_or(now) - asked)
        .collect();
    Ok(SellerFigures {
        clients: count(clients),
        rating: RatingSummary {
            count: count(rating_count),
            sum: count(rating_sum),
        },
        closed_orders: count(closed),
        completed_orders: count(completed),
        response_hours: median_hours(waits),
    })
}

#[derive(sqlx::FromRow)]
struct StateRow {
    id: i64,
    seller_level: String,
    level_at_risk_since: Option<i64>,
}

impl StateRow {
    fn state(&self) -> LevelState {
        LevelState {
            level: SellerLevel::parse(&self.seller_level).unwrap_or(SellerLevel::New),
            at_risk_since: self.level_at_risk_since,
        }
    }
}

/// One run of the level job at `now`: returns how many sellers' levels changed.
pub async fn run(db: &Db, now: i64) -> Result<usize, StoreError> {
    let due = sqlx::query_as::<_, StateRow>(
        "SELECT id, seller_level, level_at_risk_since FROM users \
         WHERE (level_checked_at IS NULL OR level_checked_at <= $1) \
         AND (seller_level <> 'new' OR EXISTS (SELECT 1 FROM services s WHERE s.seller_id = users.id)) \
         ORDER BY level_checked_at, id LIMIT $2",
    )
    .bind(now - RECHECK_SECS)
    .bind(BATCH)
    .fetch_all(db.pool())
    .await
    .or_incident("level job")?;
    let mut changed = 0;
    for row in due {
        let figures = figures(db, row.id, now).await?;
        let before = row.state();
        let after = next_state(before, figures, now);
        let response = figures.response_hours.map(i64::from);
        let written = sqlx::query(
            "UPDATE users SET seller_level = $1, level_at_risk_since = $2, \
             response_time_hours = $3, level_checked_at = $4 \
             WHERE id = $5 AND seller_level = $6 AND COALESCE(level_at_risk_since, -1) = $7",
        )
        .bind(after.level.as_str())
        .bind(after.at_risk_since)
        .bind(response)
        .bind(now)
        .bind(row.id)
        .bind(&row.seller_level)
        .bind(row.level_at_risk_since.unwrap_or(-1))
        .execute(db.pool())
        .await
        .or_incident("level update")?
        .rows_affected();
        if written == 1 && after.level != before.level {
            changed += 1;
        }
    }
    Ok(changed)
}

/// The "My level" page of `seller` at `now`.
pub async fn my_level(db: &Db, seller: i64, now: i64) -> Result<MyLevel, StoreError> {
    let row = sqlx::query_as::<_, StateRow>(
        "SELECT id, seller_level, level_at_risk_since FROM users WHERE id = $1",
    )
    .bind(seller)
    .fetch_one(db.pool())
    .await
    .or_incident("my level")?;
    let active = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM services WHERE seller_id = $1 \
         AND status IN ('pending_review', 'published')",
    )
    .bind(seller)
    .fetch_one(db.pool())
    .await
    .or_incident("active services")?;
    Ok(MyLevel::new(
        row.state(),
        figures(db, seller, now).await?,
        count(active),
        now,
    ))
}
