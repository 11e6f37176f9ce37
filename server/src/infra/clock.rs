//! The server's clock, in Unix seconds (the unit every timestamp column uses).

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// A clock the server's stores read; tests substitute one they can move.
pub type Clock = std::sync::Arc<dyn Fn() -> i64 + Send + Sync>;

pub fn system() -> Clock {
    std::sync::Arc::new(now)
}
