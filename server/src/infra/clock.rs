//! The server's clock, in Unix seconds (the unit every timestamp column uses).

use std::sync::atomic::{AtomicI64, Ordering};

/// Seconds added to the orders' time. Only `POST /dev/clock` changes it, and that route
/// exists only outside production, so a production server always runs on real time.
static DEV_OFFSET: AtomicI64 = AtomicI64::new(0);

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The orders' and payments' clock: the system's time plus what `POST /dev/clock` added.
/// Only orders move with it, so a journey that skips a week does not expire anybody's
/// sign-in link or throttle window (or another test's) on the way.
pub fn orders() -> Clock {
    std::sync::Arc::new(|| now().saturating_add(DEV_OFFSET.load(Ordering::Relaxed)))
}

/// Moves the orders' clock forward by `secs` (development and end-to-end tests only: see
/// [`DEV_OFFSET`]). Returns the orders' new time.
pub fn advance_dev_clock(secs: i64) -> i64 {
    DEV_OFFSET.fetch_add(secs.max(0), Ordering::Relaxed);
    orders()()
}

/// A clock the server's stores read; tests substitute one they can move.
pub type Clock = std::sync::Arc<dyn Fn() -> i64 + Send + Sync>;

pub fn system() -> Clock {
    std::sync::Arc::new(now)
}
