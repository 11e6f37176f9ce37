//! Arabic-aware full-text search over published services of active sellers.
//!
//! Both sides of a match are normalized by `shared::search_text`: the index
//! stores `services.search_text` (normalized words plus their stems), and a query becomes
//! prefix terms that must all match. SQLite matches with FTS5 (an external-content table
//! kept in step by triggers) and ranks by bm25; PostgreSQL matches a generated `tsvector`
//! through a GIN index and ranks with `ts_rank`.
//!
//! Cost stays flat as the catalog grows: the count stops at `COUNT_CAP`, and a page by
//! relevance joins only the best few hundred matches, widening only when the filters
//! leave too few of them. Ranking itself scores every match (a common word matches a
//! fifth of the catalog), so a query's ranking is kept (`Rankings`) and reused until the
//! indexed text changes; the scores depend on nothing else. What the filters and sorts
//! read is kept too (`facets`), so while neither has changed a search selects its page
//! in memory and reads only that page's rows.

use shared::catalog::{Page, ServiceCard, ServiceSort, PAGE_SIZE};
use shared::error::StoreError;
use shared::search::{SearchQuery, SearchResults, SearchSort, COUNT_CAP};
use shared::search_text::query_terms;

use std::sync::Arc;

use quick_cache::sync::Cache;
use quick_cache::Weighter;

use crate::catalog::{order_by, CardRow, CARD_COLUMNS, VISIBLE};
use crate::infra::db::{Backend, Db, OrIncident};

#[derive(Clone)]
enum Bind {
    Int(i64),
    Text(String),
}

/// The FTS5 expression: every term as a quoted prefix (`"شعار"* AND "logo"*`). Terms
/// hold only letters and digits (see `query_terms`), so quoting cannot be broken out of.
pub fn fts5_expression(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{t}\"*"))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The `to_tsquery` expression: `شعار:* & logo:*`.
pub fn tsquery_expression(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("{t}:*"))
        .collect::<Vec<_>>()
        .join(" & ")
}

/// Binds `binds` in order to any sqlx query.
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut q = $query;
        for b in $binds {
            q = match b {
                Bind::Int(v) => q.bind(*v),
                Bind::Text(v) => q.bind(v.clone()),
            };
        }
        q
    }};
}

/// Where a page's rows come from: the tables joined to `services s`, and what the
/// text match adds to the WHERE clause.
struct Source {
    tables: String,
    condition: String,
}

impl Source {
    fn every_service() -> Source {
        Source {
            tables: "services s".into(),
            condition: String::new(),
        }
    }
}

/// The text match: the index's matching ids, and for relevance their score, best first.
struct TextMatch {
    backend: Backend,
    /// The index expression (`fts5_expression` or `tsquery_expression`).
    expression: String,
    /// Its placeholder: the plan's first bind.
    param: String,
}

impl TextMatch {
    /// Every match, unranked, for counting and for the other sorts.
    fn matches(&self) -> Source {
        let p = &self.param;
        match self.backend {
            // The FTS table drives the join (the outer loop), so only matching rows are
            // read.
            Backend::Sqlite => Source {
                tables: "services_fts CROSS JOIN services s ON s.id = services_fts.rowid".into(),
                condition: format!(" AND services_fts MATCH {p}"),
            },
            Backend::Postgres => Source {
                tables: "services s".into(),
                condition: format!(" AND s.search_vector @@ to_tsquery('simple', {p})"),
            },
        }
    }

    /// Every match (of any status: a ranking kept by `Rankings` must not depend on
    /// anything but the indexed text) as `id, score`, best first; ties go to the newer
    /// service.
    fn ranking_sql(&self) -> String {
        let p = &self.param;
        match self.backend {
            Backend::Sqlite => format!(
                "SELECT rowid AS id, bm25(services_fts) AS score FROM services_fts \
                 WHERE services_fts MATCH {p} ORDER BY score, rowid DESC"
            ),
            // ts_rank is higher for better matches; negated so both sort ascending.
            // (float4 widened to float8, exactly, for one score type on both.)
            Backend::Postgres => format!(
                "SELECT id, \
                 CAST(-ts_rank(search_vector, to_tsquery('simple', {p})) AS DOUBLE PRECISION) \
                 AS score FROM services WHERE search_vector @@ to_tsquery('simple', {p}) \
                 ORDER BY score, id DESC"
            ),
        }
    }

    /// The matches to join, ordered by `hits.score`: every match ranked here in the
    /// index, or read from a bound JSON array of ids, best first (`Hits::Listed`, its
    /// position is the score).
    fn hits(&self, hits: &Hits) -> Source {
        match hits {
            Hits::Ranked => hits_source(self.backend, self.ranking_sql()),
            Hits::Listed(p) => listed_source(self.backend, p),
        }
    }
}

/// Services joined to `hits` (`id, score`), the hits first.
fn hits_source(backend: Backend, hits: String) -> Source {
    // SQLite's CROSS JOIN keeps the candidates as the outer loop; PostgreSQL plans the
    // join itself (and has no CROSS JOIN … ON).
    let join = match backend {
        Backend::Sqlite => "CROSS JOIN",
        Backend::Postgres => "JOIN",
    };
    Source {
        tables: format!("({hits}) AS hits {join} services s ON s.id = hits.id"),
        condition: String::new(),
    }
}

/// Services joined to a JSON array of ids bound at `p`; an id's position is its score.
fn listed_source(backend: Backend, p: &str) -> Source {
    let hits = match backend {
        Backend::Sqlite => format!("SELECT value AS id, key AS score FROM json_each({p})"),
        Backend::Postgres => format!(
            "SELECT CAST(t.id AS BIGINT) AS id, t.score \
             FROM jsonb_array_elements_text(CAST({p} AS jsonb)) WITH ORDINALITY AS t(id, score)"
        ),
    };
    hits_source(backend, hits)
}

/// Where a page by relevance gets its candidates.
enum Hits {
    /// Every match, ranked by the database in the page's own statement.
    Ranked,
    /// A JSON array of ids, best first, bound at this placeholder.
    Listed(String),
}

/// One search as SQL: the filters with their binds, and the text match when the query
/// has words. Both the search and `explain` build their statements here.
struct Plan {
    backend: Backend,
    text: Option<TextMatch>,
    filter: String,
    binds: Vec<Bind>,
    sort: SearchSort,
}

impl Plan {
    fn new(backend: Backend, query: &SearchQuery) -> Plan {
        let mut plan = Plan {
            backend,
            text: None,
            filter: String::new(),
            binds: Vec::new(),
            sort: query.sort,
        };
        let terms = query_terms(&query.q);
        if !terms.is_empty() {
            let expression = match backend {
                Backend::Sqlite => fts5_expression(&terms),
                Backend::Postgres => tsquery_expression(&terms),
            };
            let param = plan.bind(Bind::Text(expression.clone()));
            plan.text = Some(TextMatch {
                backend,
                expression,
                param,
            });
        }
        if let Some(slug) = &query.category {
            let p = plan.bind(Bind::Text(slug.clone()));
            plan.filter.push_str(&format!(
                " AND s.category_id IN (SELECT c.id FROM categories c WHERE c.slug = {p} \
                 OR c.parent_id IN (SELECT p.id FROM categories p WHERE p.slug = {p}))"
            ));
        }
        if let Some(level) = query.level {
            let p = plan.bind(Bind::Text(level.as_str().to_owned()));
            plan.filter.push_str(&format!(" AND u.seller_level = {p}"));
        }
        if let Some(stars) = query.min_rating {
            // average ≥ stars  ⇔  sum ≥ stars × count, in integers.
            let p = plan.bind(Bind::Int(i64::from(stars)));
            plan.filter.push_str(&format!(
                " AND s.rating_count > 0 AND s.rating_sum >= {p} * s.rating_count"
            ));
        }
        if let Some(days) = query.max_days {
            let p = plan.bind(Bind::Int(i64::from(days)));
            plan.filter
                .push_str(&format!(" AND s.delivery_days <= {p}"));
        }
        if let Some(min) = query.min_price {
            let p = plan.bind(Bind::Int(i64::from(min) * 100));
            plan.filter.push_str(&format!(" AND s.price_cents >= {p}"));
        }
        if let Some(max) = query.max_price {
            let p = plan.bind(Bind::Int(i64::from(max) * 100));
            plan.filter.push_str(&format!(" AND s.price_cents <= {p}"));
        }
        plan
    }

    fn bind(&mut self, value: Bind) -> String {
        self.binds.push(value);
        format!("${}", self.binds.len())
    }

    fn from(&self, source: Source) -> String {
        format!(
            "FROM {} JOIN users u ON u.id = s.seller_id WHERE {VISIBLE}{}{}",
            source.tables, source.condition, self.filter
        )
    }

    fn every_match(&self) -> Source {
        self.text
            .as_ref()
            .map_or_else(Source::every_service, TextMatch::matches)
    }

    /// Counts the visible matches, stopping at `COUNT_CAP + 1`: every match, or only the
    /// listed ones (`Hits::Listed`, bound after the plan's own binds).
    fn count_sql(&self, hits: Option<&Hits>) -> String {
        let source = match (hits, &self.text) {
            (Some(hits), Some(text)) => text.hits(hits),
            _ => self.every_match(),
        };
        format!(
            "SELECT COUNT(*) FROM (SELECT 1 {} LIMIT {}) AS capped",
            self.from(source),
            COUNT_CAP + 1
        )
    }

    /// Whether the page ranks by relevance inside the index.
    fn ranked(&self) -> Option<&TextMatch> {
        self.text
            .as_ref()
            .filter(|_| self.sort == SearchSort::Relevance)
    }

    /// One page (`LIMIT` and `OFFSET` are the two binds after the plan's own, and after
    /// the list of `Hits::Listed`). By relevance only the given hits are joined.
    fn page_sql(&self, hits: &Hits) -> String {
        let (from, order) = match self.ranked() {
            Some(t) => (self.from(t.hits(hits)), "hits.score, s.id DESC"),
            None => {
                let order = match self.sort {
                    SearchSort::Relevance | SearchSort::Newest => order_by(ServiceSort::Newest),
                    SearchSort::TopRated => order_by(ServiceSort::TopRated),
                    SearchSort::BestSelling => order_by(ServiceSort::BestSelling),
                };
                (self.from(self.every_match()), order)
            }
        };
        let n = self.binds.len() + usize::from(matches!(hits, Hits::Listed(_)));
        format!(
            "SELECT {CARD_COLUMNS} {from} ORDER BY {order} LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        )
    }

    /// The rows of listed ids in their order, each still visible and kept by the
    /// filters (binds as `page_sql` with `Hits::Listed`): a page selected from the facets.
    fn listed_page_sql(&self) -> String {
        let n = self.binds.len() + 1;
        format!(
            "SELECT {CARD_COLUMNS} {} ORDER BY hits.score LIMIT ${} OFFSET ${}",
            self.from(listed_source(self.backend, &format!("${n}"))),
            n + 1,
            n + 2
        )
    }

    /// The placeholder of a page's list of hits: the bind after the plan's own.
    fn listed(&self) -> Hits {
        Hits::Listed(format!("${}", self.binds.len() + 1))
    }
}

/// How many best matches are joined first for a page ending at `end`: a few more than
/// it needs, since the filters may drop some.
fn first_top(end: u64) -> u64 {
    (end * 4).max(200)
}

pub async fn search(db: &Db, query: &SearchQuery) -> Result<SearchResults, StoreError> {
    search_with(db, query, Ranking::Kept).await
}

/// The same search ranking every match inside the page's statement, never reusing a
/// kept ranking: what `search` must equal, for the tests and the benchmark to compare
/// against.
pub async fn search_ranking_every_match(
    db: &Db,
    query: &SearchQuery,
) -> Result<SearchResults, StoreError> {
    search_with(db, query, Ranking::EveryMatch).await
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ranking {
    Kept,
    EveryMatch,
}

async fn search_with(
    db: &Db,
    query: &SearchQuery,
    ranking: Ranking,
) -> Result<SearchResults, StoreError> {
    let plan = Plan::new(db.backend(), query);
    if ranking == Ranking::Kept {
        if let Some(results) = search_kept(db, &plan, query).await? {
            return Ok(results);
        }
    }
    // On PostgreSQL, without filters, the count joins the kept ranking's ids, found by
    // key: matching the words instead reads the table (half the time, measured). With
    // filters the first few thousand ids often hold fewer than the cap and it would join
    // them all; FTS5 counts as fast from its own index.
    let count_by_key = db.backend() == Backend::Postgres && plan.filter.is_empty();
    let kept = match (&plan.text, ranking) {
        (Some(text), Ranking::Kept) if count_by_key || plan.ranked().is_some() => {
            let version = search_index_version(db).await?;
            Some(db.rankings().ranking(db, text, version).await?)
        }
        _ => None,
    };
    let count_listed = kept.as_ref().filter(|_| count_by_key);
    let counted = match count_listed {
        Some(ranked) => {
            // The first few thousand matches usually hold more than the cap; a count
            // below it is exact only once every match was listed.
            let mut listed = 4 * (COUNT_CAP + 1);
            let sql = plan.count_sql(Some(&plan.listed()));
            loop {
                let shown = usize::try_from(listed)
                    .unwrap_or(usize::MAX)
                    .min(ranked.ids.len());
                let counted = bind_all!(sqlx::query_scalar::<_, i64>(&sql), &plan.binds)
                    .bind(json_ids(&ranked.ids[..shown]))
                    .fetch_one(db.pool())
                    .await
                    .or_incident("search count")?;
                let counted = u64::try_from(counted).unwrap_or(0);
                if counted > COUNT_CAP || shown == ranked.ids.len() {
                    break counted;
                }
                listed *= 8;
            }
        }
        None => {
            let sql = plan.count_sql(None);
            let counted = bind_all!(sqlx::query_scalar::<_, i64>(&sql), &plan.binds)
                .fetch_one(db.pool())
                .await
                .or_incident("search count")?;
            u64::try_from(counted).unwrap_or(0)
        }
    };
    let total = counted.min(COUNT_CAP);

    let page = query.page.max(1);
    let per_page = PAGE_SIZE;
    let offset = u64::from(page - 1) * u64::from(per_page);
    // How many rows this page holds: a full page, or what is left of the (capped) total.
    let wanted = total.saturating_sub(offset).min(u64::from(per_page));
    let mut items = Vec::new();
    if wanted > 0 {
        let page_rows = |hits: Hits, listed: Option<String>| {
            page_rows(db, &plan, hits, listed, u64::from(per_page), offset)
        };
        match kept.filter(|_| plan.ranked().is_some()) {
            Some(ranked) => {
                // The candidates are a prefix of the full ranking, so a page they fill is
                // the page the full ranking gives; when the filters leave too few, widen.
                let mut top = first_top(offset + u64::from(per_page));
                loop {
                    let shown = usize::try_from(top)
                        .unwrap_or(usize::MAX)
                        .min(ranked.ids.len());
                    let listed = json_ids(&ranked.ids[..shown]);
                    items = page_rows(plan.listed(), Some(listed))
                        .await
                        .or_incident("search rows")?;
                    if items.len() as u64 >= wanted || shown == ranked.ids.len() {
                        break;
                    }
                    top *= 8;
                }
            }
            None => {
                items = page_rows(Hits::Ranked, None)
                    .await
                    .or_incident("search rows")?;
            }
        }
    }
    Ok(results(query, items, counted))
}

/// A search's results from its page's rows and how many services matched (capped here).
fn results(query: &SearchQuery, items: Vec<CardRow>, counted: u64) -> SearchResults {
    SearchResults {
        query: query.clone(),
        services: Page {
            items: items.into_iter().map(ServiceCard::from).collect(),
            page: query.page.max(1),
            per_page: PAGE_SIZE,
            total: counted.min(COUNT_CAP),
        },
        capped: counted > COUNT_CAP,
    }
}

/// The search from what is kept: the text match's ranking and the facets, when the
/// facets are those of the current version (else `None`, and a fresh copy is read in
/// the background). The count is exact (then capped); the page is selected in memory
/// and only its rows are read, by key.
async fn search_kept(
    db: &Db,
    plan: &Plan,
    query: &SearchQuery,
) -> Result<Option<SearchResults>, StoreError> {
    // Both versions in one read, before anything they guard.
    let (index_version, facets_version) = sqlx::query_as::<_, (i64, i64)>(
        "SELECT (SELECT version FROM search_index_version WHERE id = 1), \
         (SELECT version FROM search_facets_version WHERE id = 1)",
    )
    .fetch_one(db.pool())
    .await
    .or_incident("search versions")?;
    let Some(facets) = db.facets().at(facets_version) else {
        db.facets().load_in_background(db);
        return Ok(None);
    };
    let ranked = match &plan.text {
        Some(text) => Some(db.rankings().ranking(db, text, index_version).await?),
        None => None,
    };
    let page = query.page.max(1);
    let per_page = PAGE_SIZE;
    let offset = u64::from(page - 1) * u64::from(per_page);
    let candidates = ranked.as_ref().map(|r| r.ids.as_slice());
    let selected = facets.select(query, candidates, offset, u64::from(per_page));
    let total = selected.counted.min(COUNT_CAP);
    // As in SQL: no rows past the (capped) total.
    let items = if total > offset && !selected.ids.is_empty() {
        let sql = plan.listed_page_sql();
        bind_all!(sqlx::query_as::<_, CardRow>(&sql), &plan.binds)
            .bind(json_ids(&selected.ids))
            .bind(i64::from(per_page))
            .bind(0_i64)
            .fetch_all(db.pool())
            .await
            .or_incident("search rows")?
    } else {
        Vec::new()
    };
    Ok(Some(results(query, items, selected.counted)))
}

/// The version of the indexed text (see `Rankings`).
async fn search_index_version(db: &Db) -> Result<i64, StoreError> {
    sqlx::query_scalar::<_, i64>("SELECT version FROM search_index_version WHERE id = 1")
        .fetch_one(db.pool())
        .await
        .or_incident("search index version")
}

/// The search from the kept facets only: `None` when they are not those of the current
/// version. For the tests, to see that the facets are used and dropped when they should.
pub async fn search_from_facets(
    db: &Db,
    query: &SearchQuery,
) -> Result<Option<SearchResults>, StoreError> {
    let plan = Plan::new(db.backend(), query);
    search_kept(db, &plan, query).await
}

/// The rows of one page: `limit` from `offset`, joined from `hits` (`listed` binds the
/// ids of `Hits::Listed`).
async fn page_rows(
    db: &Db,
    plan: &Plan,
    hits: Hits,
    listed: Option<String>,
    limit: u64,
    offset: u64,
) -> Result<Vec<CardRow>, sqlx::Error> {
    let sql = plan.page_sql(&hits);
    let mut q = bind_all!(sqlx::query_as::<_, CardRow>(&sql), &plan.binds);
    if let Some(listed) = listed {
        q = q.bind(listed);
    }
    q.bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .bind(i64::try_from(offset).unwrap_or(i64::MAX))
        .fetch_all(db.pool())
        .await
}

/// `[3,1,2]`: ids for `Hits::Listed`.
fn json_ids(ids: &[i64]) -> String {
    serde_json::to_string(ids).unwrap_or_default()
}

/// One query's ranking: every match's id, best first, and the version of the indexed
/// text it was ranked at.
struct Ranked {
    version: i64,
    ids: Vec<i64>,
}

/// At most this many bytes of rankings are kept (a word matching 18,000 services takes
/// 144 KB).
const RANKINGS_BYTES: u64 = 16 << 20;

#[derive(Clone)]
struct ByLength;

impl Weighter<String, Arc<Ranked>> for ByLength {
    fn weight(&self, expression: &String, ranked: &Arc<Ranked>) -> u64 {
        (expression.len() + ranked.ids.len() * 8 + 64) as u64
    }
}

/// Rankings kept per index expression. A score (bm25: the match's length and frequency
/// against every row of the index; `ts_rank`: the match's own text) changes only when
/// the indexed text does, and every such change moves `search_index_version` (triggers
/// on `services`, any process), so a kept ranking is used only at the version it was
/// ranked at: exactly what ranking again would give. Cheap to clone (shared).
#[derive(Clone)]
pub struct Rankings {
    kept: Arc<Cache<String, Arc<Ranked>, ByLength>>,
}

impl Default for Rankings {
    fn default() -> Rankings {
        Rankings {
            kept: Arc::new(Cache::with_weighter(256, RANKINGS_BYTES, ByLength)),
        }
    }
}

impl std::fmt::Debug for Rankings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Rankings({} kept)", self.kept.len())
    }
}

impl Rankings {
    /// The ranking at `version`, read before ranking, so a ranking is never older than
    /// the version it is kept at.
    async fn ranking(
        &self,
        db: &Db,
        text: &TextMatch,
        version: i64,
    ) -> Result<Arc<Ranked>, StoreError> {
        if let Some(kept) = self.kept.get(&text.expression) {
            if kept.version == version {
                return Ok(kept);
            }
        }
        let sql = text.ranking_sql();
        let rows = sqlx::query_as::<_, (i64, f64)>(&sql)
            .bind(text.expression.clone())
            .fetch_all(db.pool())
            .await
            .or_incident("search ranking")?;
        let ranked = Arc::new(Ranked {
            version,
            ids: rows.into_iter().map(|(id, _)| id).collect(),
        });
        self.kept.insert(text.expression.clone(), ranked.clone());
        Ok(ranked)
    }
}

/// The database's plan for a search's count and its first page (each way a search may
/// read them), one line per step
/// (SQLite `EXPLAIN QUERY PLAN`, PostgreSQL `EXPLAIN`): tests read it to prove each
/// query goes through its index.
pub async fn explain(db: &Db, query: &SearchQuery) -> Result<Vec<String>, StoreError> {
    let plan = Plan::new(db.backend(), query);
    // Each statement with what it binds: a page binds a limit and an offset after the
    // plan's own (and a list of hits before them); a ranking binds only the expression.
    let paged = |mut binds: Vec<Bind>| {
        binds.extend([Bind::Int(20), Bind::Int(0)]);
        binds
    };
    let mut listing = plan.binds.clone();
    listing.push(Bind::Text("[1,2,3]".into()));
    let mut statements = vec![(plan.count_sql(None), plan.binds.clone())];
    if let Some(text) = &plan.text {
        statements.push((
            text.ranking_sql(),
            vec![Bind::Text(text.expression.clone())],
        ));
        statements.push((plan.count_sql(Some(&plan.listed())), listing.clone()));
    }
    // A page selected from the kept facets.
    statements.push((plan.listed_page_sql(), paged(listing.clone())));
    if plan.ranked().is_some() {
        statements.push((plan.page_sql(&plan.listed()), paged(listing)));
    } else {
        statements.push((plan.page_sql(&Hits::Ranked), paged(plan.binds.clone())));
    }
    let mut lines = Vec::new();
    for (sql, binds) in statements {
        match db.backend() {
            Backend::Sqlite => {
                let explain = format!("EXPLAIN QUERY PLAN {sql}");
                let q = bind_all!(
                    sqlx::query_as::<_, (i64, i64, i64, String)>(&explain),
                    &binds
                );
                let rows = q.fetch_all(db.pool()).await.or_incident("search explain")?;
                lines.extend(rows.into_iter().map(|r| r.3));
            }
            Backend::Postgres => {
                let explain = format!("EXPLAIN {sql}");
                let q = bind_all!(sqlx::query_scalar::<_, String>(&explain), &binds);
                lines.extend(q.fetch_all(db.pool()).await.or_incident("search explain")?);
            }
        }
    }
    Ok(lines)
}

/// Fills `search_text` for services that have none (rows written before search
/// existed). Runs at start-up; a no-op once every row is indexed.
pub async fn backfill(db: &Db) -> Result<u64, StoreError> {
    let rows = sqlx::query_as::<_, (i64, String, String, String)>(
        "SELECT id, title, tags, description FROM services WHERE search_text = ''",
    )
    .fetch_all(db.pool())
    .await
    .or_incident("backfill read")?;
    let mut tx = db.begin_write().await.or_incident("backfill begin")?;
    for (id, title, tags, description) in &rows {
        sqlx::query("UPDATE services SET search_text = $1 WHERE id = $2")
            .bind(shared::search_text::index_text(&[title, tags, description]))
            .bind(*id)
            .execute(&mut *tx)
            .await
            .or_incident("backfill write")?;
    }
    tx.commit().await.or_incident("backfill commit")?;
    Ok(rows.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_quote_every_term_as_a_prefix() {
        let terms = query_terms("الشعار LOGO");
        assert_eq!(fts5_expression(&terms), "\"شعار\"* AND \"logo\"*");
        assert_eq!(tsquery_expression(&terms), "شعار:* & logo:*");
    }
}
