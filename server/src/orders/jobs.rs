//! The orders' time-driven work: deliveries nobody answered are accepted, requests to
//! cancel nobody answered are granted, and earnings clear into sellers' balances.
//!
//! Each job finds what is due, then claims each row with a conditional UPDATE in the
//! transaction that moves its money (an order's status, a clearance's `cleared_at`), so
//! two runners at once (two server processes on one PostgreSQL, the tick and
//! `khidmat jobs run`) act on each row once: the second finds it already claimed.

use shared::error::{DomainError, StoreError};
use shared::orders::lifecycle::{OrderAction, AUTO_ACCEPT_SECS, CANCEL_ANSWER_SECS};
use shared::orders::ActionRequest;
use shared::wallet::TxKind;

use super::{Actor, SqlOrders};
use crate::infra::db::{incident, OrIncident};
use crate::money::ledger::{self, About, Account};

/// Rows one run takes of each kind; the next tick takes the rest.
const BATCH: i64 = 500;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct OrdersReport {
    pub auto_accepted: usize,
    pub auto_cancelled: usize,
    pub cleared: usize,
    pub cleared_cents: i64,
}

impl SqlOrders {
    /// Runs every order job due at the clock's time.
    pub async fn run_jobs(&self) -> Result<OrdersReport, StoreError> {
        let now = self.now();
        let mut report = OrdersReport::default();
        let delivered = self
            .due(
                "SELECT id FROM orders WHERE status = 'delivered' AND delivered_at <= $1 \
                 ORDER BY delivered_at LIMIT $2",
                now - AUTO_ACCEPT_SECS,
            )
            .await?;
        report.auto_accepted = self.system(&delivered, OrderAction::AutoAccept).await?;
        let asked = self
            .due(
                "SELECT id FROM orders WHERE cancel_requested_at <= $1 \
                 ORDER BY cancel_requested_at LIMIT $2",
                now - CANCEL_ANSWER_SECS,
            )
            .await?;
        report.auto_cancelled = self.system(&asked, OrderAction::AutoCancel).await?;
        let (cleared, cents) = self.clear(now).await?;
        report.cleared = cleared;
        report.cleared_cents = cents;
        Ok(report)
    }

    async fn due(&self, sql: &str, before: i64) -> Result<Vec<i64>, StoreError> {
        sqlx::query_scalar::<_, i64>(sql)
            .bind(before)
            .bind(BATCH)
            .fetch_all(self.db.pool())
            .await
            .or_incident("due orders")
    }

    /// Takes `action` for the platform on each order; one that someone else acted on
    /// meanwhile is refused by the state machine and skipped.
    async fn system(&self, ids: &[i64], action: OrderAction) -> Result<usize, StoreError> {
        let mut done = 0;
        for &id in ids {
            let request = ActionRequest {
                action,
                note: String::new(),
                files: Vec::new(),
            };
            match self.act(Actor::System, id, request).await {
                Ok(()) => done += 1,
                Err(DomainError::Store(e)) => return Err(e),
                Err(_) => {}
            }
        }
        Ok(done)
    }

    /// Moves each due clearance from the seller's pending balance to available.
    async fn clear(&self, now: i64) -> Result<(usize, i64), StoreError> {
        let due = sqlx::query_as::<_, (i64, i64, i64)>(
            "SELECT order_id, seller_id, amount_cents FROM clearances \
             WHERE cleared_at IS NULL AND clears_at <= $1 ORDER BY clears_at LIMIT $2",
        )
        .bind(now)
        .bind(BATCH)
        .fetch_all(self.db.pool())
        .await
        .or_incident("due clearances")?;
        let (mut count, mut total) = (0, 0);
        for (order_id, seller, cents) in due {
            let mut tx = self.db.begin_write().await.or_incident("clearance")?;
            let claimed = sqlx::query(
                "UPDATE clearances SET cleared_at = $1 WHERE order_id = $2 AND cleared_at IS NULL",
            )
            .bind(now)
            .bind(order_id)
            .execute(&mut *tx)
            .await
            .or_incident("clearance claim")?
            .rows_affected();
            if claimed == 0 {
                continue;
            }
            ledger::post(
                &mut tx,
                TxKind::Clearance,
                About::Order(order_id),
                now,
                &[
                    (Account::Pending(seller), -cents),
                    (Account::Available(seller), cents),
                ],
            )
            .await
            .map_err(|e| incident("clearance posting", e))?;
            tx.commit().await.or_incident("clearance commit")?;
            count += 1;
            total += cents;
        }
        Ok((count, total))
    }
}
