//! Time-driven work, driven by the clock it is given: run by the server on a tick and by
//! `khidmat jobs run` (once). Every job is safe to run twice, or from two processes at once.

use std::path::Path;
use std::time::Duration;

use shared::error::StoreError;

use crate::infra::db::Db;
use crate::infra::throttle;

/// Uploads that nothing uses are kept this long (an editor may still be open on them).
pub const UNUSED_UPLOAD_SECS: i64 = 24 * 3600;
/// Throttle windows older than this are over (no limit is longer).
pub const THROTTLE_KEPT_SECS: i64 = 24 * 3600;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub throttle_rows_pruned: u64,
    pub unused_uploads_deleted: usize,
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
    })
}

/// Runs [`housekeeping`] every `interval` until the process ends.
pub fn spawn(db: Db, media_dir: std::path::PathBuf, interval: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(interval);
        loop {
            tick.tick().await;
            match housekeeping(&db, &media_dir, crate::infra::clock::now()).await {
                Ok(report) if report != Report::default() => {
                    tracing::info!(?report, "housekeeping")
                }
                Ok(_) => {}
                // Logged under an incident id already; the next tick tries again.
                Err(_) => {}
            }
        }
    });
}
