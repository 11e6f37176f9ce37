//! Benchmarks that print figures (`khidmat bench …`). Absolute times depend on the
//! machine; the test suite checks ratios instead (see tests/search.rs).

use std::fmt;
use std::time::{Duration, Instant};

use shared::ports::StoreError;
use shared::search::{SearchQuery, SearchSort};
use shared::seller_level::SellerLevel;

use crate::db::{Backend, Db, OrIncident};

/// Queries as buyers type them: spelling variants, tashkeel, digits, English, filters.
pub const QUERIES: [&str; 12] = [
    "تصميم شعار",
    "تصميم الشعارات",
    "شعار احترافي",
    "ترجمه",
    "ترجمة",
    "كتابة مقالات",
    "مونتاج فيديو",
    "تَصْمِيم",
    "logo",
    "WordPress",
    "موقع",
    "سيو",
];

pub struct SearchReport {
    pub backend: Backend,
    pub services: i64,
    pub queries: usize,
    pub p50: Duration,
    pub p95: Duration,
    pub max: Duration,
    pub mean_results: u64,
}

impl fmt::Display for SearchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "search latency on {:?}, {} published services, {} queries: \
             p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms (mean {} results per query)",
            self.backend,
            self.services,
            self.queries,
            self.p50.as_secs_f64() * 1e3,
            self.p95.as_secs_f64() * 1e3,
            self.max.as_secs_f64() * 1e3,
            self.mean_results
        )
    }
}

/// The i-th query of a run: the texts in turn, every third with filters, every fifth on
/// another sort, and a later page now and then.
pub fn nth_query(i: usize) -> SearchQuery {
    let mut q = SearchQuery {
        q: QUERIES[i % QUERIES.len()].to_owned(),
        page: 1 + (i % 7 == 6) as u32,
        ..Default::default()
    };
    if i % 3 == 2 {
        q.min_rating = Some(4);
        q.max_days = Some(7);
        q.max_price = Some(100);
    }
    if i % 5 == 4 {
        q.sort = SearchSort::TopRated;
        q.level = Some(SellerLevel::Level1);
    }
    q
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

pub async fn search_latency(db: &Db, queries: usize) -> Result<SearchReport, StoreError> {
    let services =
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM services WHERE status = 'published'")
            .fetch_one(db.pool())
            .await
            .or_incident("bench count")?;
    // Warm the caches the way a running server has them warm.
    for i in 0..QUERIES.len() {
        crate::search::search(db, &nth_query(i)).await?;
    }
    let mut times = Vec::with_capacity(queries);
    let mut results = 0u64;
    for i in 0..queries {
        let q = nth_query(i);
        let started = Instant::now();
        let r = crate::search::search(db, &q).await?;
        times.push(started.elapsed());
        results += r.services.total;
    }
    times.sort();
    Ok(SearchReport {
        backend: db.backend(),
        services,
        queries,
        p50: percentile(&times, 0.50),
        p95: percentile(&times, 0.95),
        max: times.last().copied().unwrap_or_default(),
        mean_results: results / queries.max(1) as u64,
    })
}
