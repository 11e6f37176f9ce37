//! Time-driven work, driven by the clock it is given: run by the server on a tick and by
//! `khidmat jobs run` (once). Every job is safe to run twice, or from two processes at once.
//! The orders' jobs live with the orders (`orders::jobs`); this runs them all.

use std::path::Path;
use std::time::Duration;

use shared::error::StoreError;

use crate::infra::db::Db;
use crate::infra::generation::Generation;
use crate::infra::throttle;
use crate::notifications::mail::{deliver, Mailing};
use crate::orders::jobs::OrdersReport;
use crate::orders::SqlOrders;

/// Uploads that nothing uses are kept this long (an editor may still be open on them).
pub const UNUSED_UPLOAD_SECS: i64 = 24 * 3600;
/// Throttle windows older than this are over (no limit is longer).
pub const THROTTLE_KEPT_SECS: i64 = 24 * 3600;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub throttle_rows_pruned: u64,
    pub unused_uploads_deleted: usize,
    /// Sellers whose level the level job changed.
    pub levels_changed: usize,
    /// Notification emails sent.
    pub mails_sent: usize,
}

/// Every job once: the orders' work (auto-acceptance, unanswered cancellation requests,
/// clearance) at the orders' clock, housekeeping at the system's time, then the sellers'
/// levels at the orders' clock, and last the notification emails all of it made due.
pub async fn run_all(
    db: &Db,
    media_dir: &Path,
    orders: &SqlOrders,
    mailing: &Mailing,
) -> Result<(OrdersReport, Report), StoreError> {
    let order_report = orders.run_jobs().await?;
    let mut housekeeping = housekeeping(db, media_dir, crate::infra::clock::now()).await?;
    // Levels read the orders' figures, so they are decided at the orders' clock.
    housekeeping.levels_changed = crate::selling::levels::run(db, orders.now()).await?;
    housekeeping.mails_sent = deliver(db, mailing).await?;
    Ok((order_report, housekeeping))
}

/// Prunes what has served its time: old throttle windows and unused uploads.
pub async fn housekeeping(db: &Db, media_dir: &Path, now: i64) -> Result<Report, StoreError> {
    Ok(Report {
        throttle_rows_pruned: throttle::prune(db, now - THROTTLE_KEPT_SECS).await?,
        unused_uploads_deleted: crate::selling::images::delete_unused(
            db,
            media_dir,
            now - UNUSED_UPLOAD_SECS,
        )
        .await?,
        levels_changed: 0,
        mails_sent: 0,
    })
}

/// Runs [`run_all`] every `interval` until the process ends.
pub fn spawn(
    db: Db,
    media_dir: std::path::PathBuf,
    orders: SqlOrders,
    mailing: Mailing,
    interval: Duration,
    changes: Generation,
) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(interval);
        loop {
            tick.tick().await;
            match run_all(&db, &media_dir, &orders, &mailing).await {
                Ok(report) if report != Default::default() => {
                    // An order completed or a level changed shows on catalog pages.
                    changes.advance();
                    tracing::info!(?report, "jobs")
                }
                Ok(_) => {}
                // Logged under an incident id already; the next tick tries again.
                Err(_) => {}
            }
        }
    });
}
