//! What a search filters and sorts by, for every visible service, kept in memory.
//!
//! A search on a common word matches a fifth of the catalog; filtering those matches by
//! seller level or rating and sorting them by rating, date or orders in SQL joins every
//! one of them, tens of milliseconds at 100,000 services. Kept here, the same selection
//! is a pass over the match's ids, and the database only reads the page's rows by key.
//!
//! The columns are kept at a version of `search_facets_version`, which triggers move on
//! every change to them (any process), and used only while it has not moved: what they
//! select is exactly what the SQL filters and `catalog::order_by` select. While they are
//! stale the search runs in SQL as before, and a fresh copy is read in the background.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use shared::error::StoreError;
use shared::search::{SearchQuery, SearchSort};
use shared::seller_level::SellerLevel;
use sqlx::FromRow;

use crate::catalog::VISIBLE;
use crate::infra::db::{Backend, Db, OrIncident};

/// One visible service's filtered and sorted columns.
#[derive(Clone, Copy, Debug)]
struct Facet {
    category_id: i64,
    /// `None` for a level this build does not know: no level filter selects it.
    level: Option<SellerLevel>,
    price_cents: i64,
    delivery_days: i64,
    rating_count: i64,
    rating_sum: i64,
    orders_count: i64,
    published_at: Option<i64>,
}

#[derive(FromRow)]
struct FacetRow {
    id: i64,
    category_id: i64,
    seller_level: String,
    price_cents: i64,
    delivery_days: i64,
    rating_count: i64,
    rating_sum: i64,
    orders_count: i64,
    published_at: Option<i64>,
}

/// The facets of every visible service at one version.
#[derive(Debug)]
pub(crate) struct Facets {
    version: i64,
    backend: Backend,
    services: HashMap<i64, Facet>,
    /// Every category: id, slug, parent.
    categories: Vec<(i64, String, Option<i64>)>,
}

/// A search's result before its rows are read: how many visible services match (all of
/// them, not capped) and the ids of the asked slice, in order.
pub(crate) struct Selected {
    pub counted: u64,
    pub ids: Vec<i64>,
}

impl Facets {
    /// Reads the facets. The version is read first, so the rows are never older than the
    /// version they are kept at (newer only makes the next search read them again).
    async fn load(db: &Db) -> Result<Facets, StoreError> {
        let version =
            sqlx::query_scalar::<_, i64>("SELECT version FROM search_facets_version WHERE id = 1")
                .fetch_one(db.pool())
                .await
                .or_incident("search facets version")?;
        let sql = format!(
            "SELECT s.id, s.category_id, u.seller_level, s.price_cents, s.delivery_days, \
             s.rating_count, s.rating_sum, s.orders_count, s.published_at \
             FROM services s JOIN users u ON u.id = s.seller_id WHERE {VISIBLE}"
        );
        let rows = sqlx::query_as::<_, FacetRow>(&sql)
            .fetch_all(db.pool())
            .await
            .or_incident("search facets")?;
        let categories = sqlx::query_as::<_, (i64, String, Option<i64>)>(
            "SELECT id, slug, parent_id FROM categories",
        )
        .fetch_all(db.pool())
        .await
        .or_incident("search facets categories")?;
        let services = rows
            .into_iter()
            .map(|r| {
                let facet = Facet {
                    category_id: r.category_id,
                    level: SellerLevel::parse(&r.seller_level),
                    price_cents: r.price_cents,
                    delivery_days: r.delivery_days,
                    rating_count: r.rating_count,
                    rating_sum: r.rating_sum,
                    orders_count: r.orders_count,
                    published_at: r.published_at,
                };
                (r.id, facet)
            })
            .collect();
        Ok(Facets {
            version,
            backend: db.backend(),
            services,
            categories,
        })
    }

    /// The visible services the query's filters keep, among `candidates` (a text match's
    /// ranking, best first) or among all, sorted as the query asks; the slice of
    /// `limit` from `offset`.
    pub(crate) fn select(
        &self,
        query: &SearchQuery,
        candidates: Option<&[i64]>,
        offset: u64,
        limit: u64,
    ) -> Selected {
        let filter = Filter::new(self, query);
        let kept: Vec<(i64, &Facet)> = match candidates {
            Some(ids) => ids
                .iter()
                .filter_map(|id| self.services.get(id).map(|f| (*id, f)))
                .filter(|(_, f)| filter.keeps(f))
                .collect(),
            None => self
                .services
                .iter()
                .map(|(id, f)| (*id, f))
                .filter(|(_, f)| filter.keeps(f))
                .collect(),
        };
        let counted = kept.len() as u64;
        let start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(kept.len());
        let end = usize::try_from(offset.saturating_add(limit))
            .unwrap_or(usize::MAX)
            .min(kept.len());
        let by_relevance = candidates.is_some() && query.sort == SearchSort::Relevance;
        let ids = if by_relevance {
            kept[start..end].iter().map(|(id, _)| *id).collect()
        } else {
            let mut keyed: Vec<(SortKey, i64)> = kept
                .iter()
                .map(|(id, f)| (self.sort_key(query.sort, *id, f), *id))
                .collect();
            // Only the first `end` in order matter: partition there, then sort those.
            let descending = |a: &(SortKey, i64), b: &(SortKey, i64)| b.0.cmp(&a.0);
            if end > 0 && end < keyed.len() {
                keyed.select_nth_unstable_by(end - 1, descending);
                keyed.truncate(end);
            }
            keyed.sort_unstable_by(descending);
            keyed[start..end].iter().map(|(_, id)| *id).collect()
        };
        Selected { counted, ids }
    }

    /// The order of `catalog::order_by`, as a key sorted descending; the id last makes
    /// it total.
    fn sort_key(&self, sort: SearchSort, id: i64, f: &Facet) -> SortKey {
        match sort {
            // Without words, relevance is newest first.
            SearchSort::Relevance | SearchSort::Newest => {
                // A NULL sorts last descending in SQLite and first in PostgreSQL.
                let published = f.published_at.unwrap_or(match self.backend {
                    Backend::Sqlite => i64::MIN,
                    Backend::Postgres => i64::MAX,
                });
                (published, id, 0)
            }
            // Integer thousandths of a star, truncated, as the SQL computes it.
            SearchSort::TopRated => {
                let stars = if f.rating_count == 0 {
                    0
                } else {
                    (f.rating_sum * 1000) / f.rating_count
                };
                (stars, f.rating_count, id)
            }
            SearchSort::BestSelling => (f.orders_count, id, 0),
        }
    }
}

type SortKey = (i64, i64, i64);

/// A query's filters, as `search::Plan` writes them in SQL.
struct Filter<'q> {
    query: &'q SearchQuery,
    /// The category and, for a main category, its sub-categories.
    categories: Option<HashSet<i64>>,
}

impl<'q> Filter<'q> {
    fn new(facets: &Facets, query: &'q SearchQuery) -> Filter<'q> {
        let categories = query.category.as_ref().map(|slug| {
            let named: HashSet<i64> = facets
                .categories
                .iter()
                .filter(|(_, s, _)| s == slug)
                .map(|(id, _, _)| *id)
                .collect();
            facets
                .categories
                .iter()
                .filter(|(id, _, parent)| {
                    named.contains(id) || parent.is_some_and(|p| named.contains(&p))
                })
                .map(|(id, _, _)| *id)
                .collect()
        });
        Filter { query, categories }
    }

    fn keeps(&self, f: &Facet) -> bool {
        let q = self.query;
        self.categories
            .as_ref()
            .is_none_or(|c| c.contains(&f.category_id))
            && q.level.is_none_or(|level| f.level == Some(level))
            // average ≥ stars  ⇔  sum ≥ stars × count, in integers.
            && q.min_rating.is_none_or(|stars| {
                f.rating_count > 0 && f.rating_sum >= i64::from(stars) * f.rating_count
            })
            && q.max_days.is_none_or(|days| f.delivery_days <= i64::from(days))
            && q.min_price.is_none_or(|min| f.price_cents >= i64::from(min) * 100)
            && q.max_price.is_none_or(|max| f.price_cents <= i64::from(max) * 100)
    }
}

/// The facets kept between searches, and whether a fresh copy is being read. Cheap to
/// clone (shared).
#[derive(Clone, Default)]
pub struct KeptFacets {
    inner: Arc<Kept>,
}

#[derive(Default)]
struct Kept {
    facets: RwLock<Option<Arc<Facets>>>,
    loading: AtomicBool,
    /// When the last background read started and how long it took.
    last_read: Mutex<Option<(Instant, Duration)>>,
}

/// A background read starts at most once per this many times the last one's duration,
/// so a steady stream of changes costs at most a tenth of a core (searches run in SQL
/// in between).
const READ_SPACING: u32 = 10;

impl std::fmt::Debug for KeptFacets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.current().map(|k| (k.version, k.services.len()));
        write!(f, "KeptFacets({kept:?})")
    }
}

impl KeptFacets {
    fn current(&self) -> Option<Arc<Facets>> {
        self.inner
            .facets
            .read()
            .map(|kept| kept.clone())
            .unwrap_or_default()
    }

    /// The facets kept at `version`, if those are the ones kept.
    pub(crate) fn at(&self, version: i64) -> Option<Arc<Facets>> {
        self.current().filter(|kept| kept.version == version)
    }

    /// Reads the facets now and keeps them.
    pub async fn load(&self, db: &Db) -> Result<(), StoreError> {
        let facets = Arc::new(Facets::load(db).await?);
        if let Ok(mut kept) = self.inner.facets.write() {
            // Two loads may race; the one read at the later version stays.
            if kept.as_ref().is_none_or(|k| k.version <= facets.version) {
                *kept = Some(facets);
            }
        }
        Ok(())
    }

    /// Starts reading a fresh copy unless one is being read already, the last one
    /// started too recently (`READ_SPACING`), or there is no runtime to read it on. A
    /// failure is logged; a later stale search tries again.
    pub fn load_in_background(&self, db: &Db) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        if self.inner.loading.swap(true, Ordering::AcqRel) {
            return;
        }
        let started = Instant::now();
        let too_soon = self
            .inner
            .last_read
            .lock()
            .ok()
            .and_then(|last| *last)
            .is_some_and(|(at, took)| started.duration_since(at) < took * READ_SPACING);
        if too_soon {
            self.inner.loading.store(false, Ordering::Release);
            return;
        }
        let kept = self.clone();
        let db = db.clone();
        runtime.spawn(async move {
            if let Err(e) = kept.load(&db).await {
                tracing::warn!(error = ?e, "search facets were not read");
            }
            if let Ok(mut last) = kept.inner.last_read.lock() {
                *last = Some((started, started.elapsed()));
            }
            kept.inner.loading.store(false, Ordering::Release);
        });
    }
}
