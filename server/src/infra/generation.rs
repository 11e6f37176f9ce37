//! The count of changes this server process has made, which its read caches (the page
//! cache, the catalog's answers) compare with what they kept.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Moves on every change made through this server (a request that may change something,
/// a run of the jobs that changed something). Something read at an older generation may be
/// stale; something read at the current one was read after the last change had been made.
/// Cheap to clone (shared).
#[derive(Clone, Debug, Default)]
pub struct Generation(Arc<AtomicU64>);

impl Generation {
    /// Read before reading what is to be kept: a change that lands during the read moves
    /// the generation, and what was read is never served as current.
    pub fn current(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    /// Something may have changed: nothing read before now is current any more.
    pub fn advance(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_one_count() {
        let a = Generation::default();
        let b = a.clone();
        let before = b.current();
        a.advance();
        assert_ne!(b.current(), before);
        assert_eq!(a.current(), b.current());
    }
}
