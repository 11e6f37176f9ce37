//! Benchmarks that print figures (`khidmat bench …`). Absolute times depend on the
//! machine; the test suite checks ratios instead (see tests/search.rs).

use std::collections::BTreeMap;
use std::fmt;
use std::time::{Duration, Instant};

use shared::error::StoreError;
use shared::search::{SearchQuery, SearchSort};
use shared::seller_level::SellerLevel;

use crate::infra::db::{Backend, Db, OrIncident};

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
    /// Queries with more matches than the count goes to.
    pub capped: usize,
    /// Queries whose page differed from ranking every match (must be 0).
    pub different: usize,
    /// The slowest kinds of query (text, filters, sort, page) by their median time,
    /// slowest first: what the p95 is made of.
    pub slowest: Vec<(String, Duration)>,
    /// How long reading the kept facets took (again after each change to them).
    pub facets_read: Duration,
}

impl fmt::Display for SearchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "search latency on {:?}, {} published services, {} queries: \
             p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms (mean {} results per query, \
             {} of them capped at {}); pages different from ranking every match: {}",
            self.backend,
            self.services,
            self.queries,
            self.p50.as_secs_f64() * 1e3,
            self.p95.as_secs_f64() * 1e3,
            self.max.as_secs_f64() * 1e3,
            self.mean_results,
            self.capped,
            shared::search::COUNT_CAP,
            self.different
        )?;
        for (query, median) in &self.slowest {
            write!(f, "\n  {:.1} ms  {query}", median.as_secs_f64() * 1e3)?;
        }
        write!(
            f,
            "\nthe facets of every visible service read in {:.1} ms (at start-up and after \
             each change to them; searches run in SQL meanwhile)",
            self.facets_read.as_secs_f64() * 1e3
        )?;
        Ok(())
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
    // Warm the caches the way a running server has them warm (it reads the facets at
    // start-up and after every change to them).
    let reading = Instant::now();
    db.facets().load(db).await?;
    let facets_read = reading.elapsed();
    for i in 0..QUERIES.len() {
        crate::catalog::search::search(db, &nth_query(i)).await?;
    }
    let mut times = Vec::with_capacity(queries);
    let mut by_kind: BTreeMap<String, Vec<Duration>> = BTreeMap::new();
    let mut results = 0u64;
    let mut capped = 0;
    for i in 0..queries {
        let q = nth_query(i);
        let started = Instant::now();
        let r = crate::catalog::search::search(db, &q).await?;
        let took = started.elapsed();
        times.push(took);
        by_kind.entry(describe(&q)).or_default().push(took);
        results += r.services.total;
        capped += usize::from(r.capped);
    }
    // Untimed: each distinct query's page against the full ranking.
    let mut different = 0;
    for i in 0..queries.min(QUERIES.len() * 35) {
        let q = nth_query(i);
        let fast = crate::catalog::search::search(db, &q).await?;
        let full = crate::catalog::search::search_ranking_every_match(db, &q).await?;
        different += usize::from(fast != full);
    }
    times.sort();
    let mut slowest: Vec<(String, Duration)> = by_kind
        .into_iter()
        .map(|(kind, mut t)| {
            t.sort();
            (kind, percentile(&t, 0.5))
        })
        .collect();
    slowest.sort_by_key(|kind| std::cmp::Reverse(kind.1));
    slowest.truncate(5);
    Ok(SearchReport {
        backend: db.backend(),
        services,
        queries,
        p50: percentile(&times, 0.50),
        p95: percentile(&times, 0.95),
        max: times.last().copied().unwrap_or_default(),
        mean_results: results / queries.max(1) as u64,
        capped,
        different,
        slowest,
        facets_read,
    })
}

/// A query in one line, for the report.
fn describe(q: &SearchQuery) -> String {
    let mut parts = vec![format!("«{}» {:?}", q.q, q.sort)];
    if q.min_rating.is_some() {
        parts.push("filters".into());
    }
    if q.level.is_some() {
        parts.push("level".into());
    }
    if q.page > 1 {
        parts.push(format!("page {}", q.page));
    }
    parts.join(", ")
}

pub struct CheckoutReport {
    pub backend: Backend,
    pub orders: usize,
    pub concurrency: usize,
    pub refused: usize,
    pub elapsed: Duration,
    pub p50: Duration,
    pub p99: Duration,
    /// What the ledger check found broken; empty when every invariant holds.
    pub broken: Vec<String>,
}

impl fmt::Display for CheckoutReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.elapsed.as_secs_f64();
        writeln!(
            f,
            "checkout on {:?}: {} orders by {} concurrent buyers in {:.2} s: \
             {:.0} checkouts/s, p50 {:.1} ms, p99 {:.1} ms, {} refused",
            self.backend,
            self.orders,
            self.concurrency,
            secs,
            self.orders as f64 / secs.max(1e-9),
            self.p50.as_secs_f64() * 1e3,
            self.p99.as_secs_f64() * 1e3,
            self.refused
        )?;
        if self.broken.is_empty() {
            write!(f, "invariants: ok")
        } else {
            write!(f, "invariants: BROKEN\n  {}", self.broken.join("\n  "))
        }
    }
}

/// Bench data for checkouts: a seller with a $25 service and a $10 upgrade, and
/// `buyers` buyers, each topped up (through the sandbox gateway) for `each` orders.
async fn checkout_fixture(
    db: &Db,
    payments: &crate::money::payments::SqlPayments,
    run: &str,
    buyers: usize,
    each: usize,
) -> Result<(i64, i64, Vec<i64>), String> {
    use shared::ports::WalletStore;
    let err = |e: sqlx::Error| e.to_string();
    let category =
        match sqlx::query_scalar::<_, i64>("SELECT id FROM categories ORDER BY id LIMIT 1")
            .fetch_optional(db.pool())
            .await
            .map_err(err)?
        {
            Some(id) => id,
            None => sqlx::query_scalar(
                "INSERT INTO categories (slug, name_ar, name_en) VALUES ('bench', 'قسم', 'Bench') \
             RETURNING id",
            )
            .fetch_one(db.pool())
            .await
            .map_err(err)?,
        };
    let user = |name: String| async move {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO users (username, email, first_name, last_name, display_name, \
             email_verified_at, created_at, last_seen_at) VALUES ($1, $2, 'ب', 'ب', $1, 1, 1, 1) \
             RETURNING id",
        )
        .bind(&name)
        .bind(format!("{name}@bench.test"))
        .fetch_one(db.pool())
        .await
    };
    let seller = user(format!("bench-seller-{run}")).await.map_err(err)?;
    let service = sqlx::query_scalar::<_, i64>(
        "INSERT INTO services (seller_id, category_id, title, description, price_cents, \
         delivery_days, status, created_at, updated_at, published_at) \
         VALUES ($1, $2, 'خدمة لقياس الدفع', 'خدمة لقياس سرعة الدفع', 2500, 3, 'published', 1, 1, 1) \
         RETURNING id",
    )
    .bind(seller)
    .bind(category)
    .fetch_one(db.pool())
    .await
    .map_err(err)?;
    let upgrade = sqlx::query_scalar::<_, i64>(
        "INSERT INTO service_upgrades (service_id, position, title, price_cents, extra_days) \
         VALUES ($1, 1, 'تسليم سريع', 1000, 0) RETURNING id",
    )
    .bind(service)
    .fetch_one(db.pool())
    .await
    .map_err(err)?;
    let card = shared::card::CardInput {
        number: shared::card::SANDBOX_CARD_OK.into(),
        expiry: "12/40".into(),
        cvc: "123".into(),
    };
    let mut ids = Vec::with_capacity(buyers);
    for i in 0..buyers {
        let buyer = user(format!("bench-buyer-{run}-{i}")).await.map_err(err)?;
        // $35 per order, in top-ups of at most $7,000.
        let mut owed = each as i64 * 35;
        let mut n = 0;
        while owed > 0 {
            let dollars = owed.min(7_000);
            payments
                .top_up(
                    buyer,
                    &format!("bench-top-up-{run}-{i}-{n}"),
                    shared::money::Money::from_dollars(dollars),
                    &card,
                )
                .await
                .map_err(|e| format!("top-up: {e}"))?;
            owed -= dollars;
            n += 1;
        }
        ids.push(buyer);
    }
    Ok((service, upgrade, ids))
}

/// `orders` "order now" checkouts by `concurrency` buyers at once (each pays its share in
/// turn), timed one by one; then every ledger invariant is checked.
pub async fn checkout_throughput(
    db: &Db,
    concurrency: usize,
    orders: usize,
) -> Result<CheckoutReport, String> {
    let mut report = checkouts(db, concurrency, orders).await?;
    report.broken = crate::money::ledger::broken_invariants(db)
        .await
        .map_err(|e| e.to_string())?;
    Ok(report)
}

/// Fills the ledger with `orders` checkouts through the same path, so a measured run
/// afterwards shows whether checkout stays flat as the order and ledger tables grow.
pub async fn checkout_preload(db: &Db, concurrency: usize, orders: usize) -> Result<(), String> {
    let report = checkouts(db, concurrency, orders).await?;
    if report.refused > 0 {
        return Err(format!("{} preload checkouts refused", report.refused));
    }
    Ok(())
}

async fn checkouts(db: &Db, concurrency: usize, orders: usize) -> Result<CheckoutReport, String> {
    use shared::ports::OrderStore;
    let concurrency = concurrency.clamp(1, orders.max(1));
    let payments = std::sync::Arc::new(crate::money::payments::SqlPayments::new(
        db.clone(),
        std::sync::Arc::new(crate::money::gateway::Sandbox),
        crate::infra::clock::system(),
        crate::orders::SqlOrders::new(db.clone(), crate::infra::clock::system(), 7 * 86_400),
    ));
    let run = format!("{:x}", rand::random::<u32>());
    let share = orders.div_ceil(concurrency);
    let (service, upgrade, buyers) =
        checkout_fixture(db, &payments, &run, concurrency, share).await?;
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(concurrency);
    for (i, buyer) in buyers.into_iter().enumerate() {
        let payments = payments.clone();
        let run = run.clone();
        let mine = share.min(orders.saturating_sub(i * share));
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(mine);
            let mut refused = 0;
            for n in 0..mine {
                let request = shared::orders::CheckoutRequest {
                    key: format!("bench-{run}-{i}-{n:06}"),
                    source: shared::orders::CheckoutSource::Now(shared::cart::CartItem::new(
                        service,
                        &[upgrade],
                        1,
                        shared::money::Money::from_dollars(35),
                    )),
                    card: None,
                };
                let t = Instant::now();
                if payments.checkout(buyer, request).await.is_err() {
                    refused += 1;
                }
                times.push(t.elapsed());
            }
            (times, refused)
        }));
    }
    let mut times = Vec::with_capacity(orders);
    let mut refused = 0;
    for task in tasks {
        let (t, r) = task.await.map_err(|e| e.to_string())?;
        times.extend(t);
        refused += r;
    }
    let elapsed = started.elapsed();
    times.sort();
    Ok(CheckoutReport {
        backend: db.backend(),
        orders: times.len(),
        concurrency,
        refused,
        elapsed,
        p50: percentile(&times, 0.50),
        p99: percentile(&times, 0.99),
        broken: Vec::new(),
    })
}
