//! Throttling with fixed windows, stored in the database so that every server process
//! shares it.
//!
//! An attempt *takes* a slot first, with one atomic upsert that returns the new count, and
//! only then is the expensive or guessable work done. Checking first and counting after
//! (the obvious way) lets a burst of parallel attempts all pass the check before any of
//! them is counted.

use shared::error::StoreError;

use crate::infra::db::{Db, OrIncident};

/// How many attempts a scope gets per window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub hits: i64,
    pub window_secs: i64,
}

/// Takes one attempt of `scope`: `Ok(None)` when it is within `limit`, `Ok(Some(minutes))`
/// (until the window ends) when it is not. A refused attempt still counts, so hammering
/// does not get more tries.
pub async fn take(db: &Db, scope: &str, limit: Limit, now: i64) -> Result<Option<u32>, StoreError> {
    let (hits, window_start) = sqlx::query_as::<_, (i64, i64)>(
        "INSERT INTO throttle (scope, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (scope) DO UPDATE SET \
         hits = CASE WHEN throttle.window_start <= $3 THEN 1 ELSE throttle.hits + 1 END, \
         window_start = CASE WHEN throttle.window_start <= $3 THEN $2 \
                        ELSE throttle.window_start END \
         RETURNING hits, window_start",
    )
    .bind(scope)
    .bind(now)
    .bind(now - limit.window_secs)
    .fetch_one(db.pool())
    .await
    .or_incident("throttle take")?;
    if hits <= limit.hits {
        return Ok(None);
    }
    let seconds = (window_start + limit.window_secs - now).max(1);
    Ok(Some(u32::try_from((seconds + 59) / 60).unwrap_or(u32::MAX)))
}

/// Gives back one attempt of `scope` (it turned out not to be a failure).
pub async fn give_back(db: &Db, scope: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE throttle SET hits = hits - 1 WHERE scope = $1 AND hits > 0")
        .bind(scope)
        .execute(db.pool())
        .await
        .or_incident("throttle give back")?;
    Ok(())
}

/// Forgets every attempt of `scope`.
pub async fn clear(db: &Db, scope: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM throttle WHERE scope = $1")
        .bind(scope)
        .execute(db.pool())
        .await
        .or_incident("throttle clear")?;
    Ok(())
}

/// Deletes the windows that ended before `older_than` (no limit is longer than that);
/// returns how many.
pub async fn prune(db: &Db, older_than: i64) -> Result<u64, StoreError> {
    Ok(sqlx::query("DELETE FROM throttle WHERE window_start < $1")
        .bind(older_than)
        .execute(db.pool())
        .await
        .or_incident("throttle prune")?
        .rows_affected())
}
