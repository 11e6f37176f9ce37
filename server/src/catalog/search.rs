//! Arabic-aware full-text search over published services of active sellers.
//!
//! Both sides of a match are normalized by `shared::search_text`: the index
//! stores `services.search_text` (normalized words plus their stems), and a query becomes
//! prefix terms that must all match. SQLite matches with FTS5 (an external-content table
//! kept in step by triggers) and ranks by bm25; PostgreSQL matches a generated `tsvector`
//! through a GIN index and ranks with `ts_rank`.
//!
//! Cost stays flat as the catalog grows: the count stops at `COUNT_CAP`, and a page by
//! relevance ranks the best few hundred matches inside the index before any service row
//! is joined, widening only when the filters leave too few of them.

use shared::catalog::{Page, ServiceCard, ServiceSort, PAGE_SIZE};
use shared::error::StoreError;
use shared::search::{SearchQuery, SearchResults, SearchSort, COUNT_CAP};
use shared::search_text::query_terms;

use crate::catalog::{order_by, CardRow, CARD_COLUMNS, VISIBLE};
use crate::infra::db::{Backend, Db, OrIncident};

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
    /// The placeholder of the index expression.
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

    /// The `top` best matches ranked inside the index (no service row is read to rank
    /// them on SQLite), then joined; `None` ranks every match. Ordered by `hits.score`.
    fn ranked(&self, top: Option<u64>) -> Source {
        let p = &self.param;
        let limit = top.map(|k| format!(" LIMIT {k}")).unwrap_or_default();
        let hits = match self.backend {
            Backend::Sqlite => format!(
                "SELECT rowid AS id, bm25(services_fts) AS score FROM services_fts \
                 WHERE services_fts MATCH {p} ORDER BY score, rowid DESC{limit}"
            ),
            // ts_rank is higher for better matches; negated so both sort ascending.
            Backend::Postgres => format!(
                "SELECT id, -ts_rank(search_vector, to_tsquery('simple', {p})) AS score \
                 FROM services WHERE search_vector @@ to_tsquery('simple', {p}) \
                 AND status = 'published' ORDER BY score, id DESC{limit}"
            ),
        };
        // SQLite's CROSS JOIN keeps the candidates as the outer loop; PostgreSQL plans
        // the join itself (and has no CROSS JOIN … ON).
        let join = match self.backend {
            Backend::Sqlite => "CROSS JOIN",
            Backend::Postgres => "JOIN",
        };
        Source {
            tables: format!("({hits}) AS hits {join} services s ON s.id = hits.id"),
            condition: String::new(),
        }
    }
}

/// One search as SQL: the filters with their binds, and the text match when the query
/// has words. Both the search and `explain` build their statements here.
struct Plan {
    text: Option<TextMatch>,
    filter: String,
    binds: Vec<Bind>,
    sort: SearchSort,
}

impl Plan {
    fn new(backend: Backend, query: &SearchQuery) -> Plan {
        let mut plan = Plan {
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
            let param = plan.bind(Bind::Text(expression));
            plan.text = Some(TextMatch { backend, param });
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

    /// Counts the visible matches, stopping at `COUNT_CAP + 1`.
    fn count_sql(&self) -> String {
        format!(
            "SELECT COUNT(*) FROM (SELECT 1 {} LIMIT {}) AS capped",
            self.from(self.every_match()),
            COUNT_CAP + 1
        )
    }

    /// Whether the page ranks by relevance inside the index.
    fn ranked(&self) -> Option<&TextMatch> {
        self.text
            .as_ref()
            .filter(|_| self.sort == SearchSort::Relevance)
    }

    /// One page (`LIMIT` and `OFFSET` are the two binds after the plan's own). By
    /// relevance, only the `top` best matches are ranked and joined (`None`: all).
    fn page_sql(&self, top: Option<u64>) -> String {
        let (from, order) = match self.ranked() {
            Some(t) => (self.from(t.ranked(top)), "hits.score, s.id DESC"),
            None => {
                let order = match self.sort {
                    SearchSort::Relevance | SearchSort::Newest => order_by(ServiceSort::Newest),
                    SearchSort::TopRated => order_by(ServiceSort::TopRated),
                    SearchSort::BestSelling => order_by(ServiceSort::BestSelling),
                };
                (self.from(self.every_match()), order)
            }
        };
        let n = self.binds.len();
        format!(
            "SELECT {CARD_COLUMNS} {from} ORDER BY {order} LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        )
    }
}

/// How many best matches are ranked first for a page ending at `end`: a few more than
/// it needs, since the filters may drop some.
fn first_top(end: u64) -> u64 {
    (end * 4).max(200)
}

/// Past this many candidates every match is ranked.
const TOP_LIMIT: u64 = 20_000;

pub async fn search(db: &Db, query: &SearchQuery) -> Result<SearchResults, StoreError> {
    search_with(db, query, Ranking::BestFirst).await
}

/// The same search ranking every match before joining: what `search` must equal, for
/// the tests and the benchmark to compare against.
pub async fn search_ranking_every_match(
    db: &Db,
    query: &SearchQuery,
) -> Result<SearchResults, StoreError> {
    search_with(db, query, Ranking::EveryMatch).await
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ranking {
    BestFirst,
    EveryMatch,
}

async fn search_with(
    db: &Db,
    query: &SearchQuery,
    ranking: Ranking,
) -> Result<SearchResults, StoreError> {
    let plan = Plan::new(db.backend(), query);
    let count_sql = plan.count_sql();
    let counted = bind_all!(sqlx::query_scalar::<_, i64>(&count_sql), &plan.binds)
        .fetch_one(db.pool())
        .await
        .or_incident("search count")?;
    let counted = u64::try_from(counted).unwrap_or(0);
    let total = counted.min(COUNT_CAP);

    let page = query.page.max(1);
    let per_page = PAGE_SIZE;
    let offset = u64::from(page - 1) * u64::from(per_page);
    // How many rows this page holds: a full page, or what is left of the (capped) total.
    let wanted = total.saturating_sub(offset).min(u64::from(per_page));
    let mut items = Vec::new();
    if wanted > 0 {
        // The candidates are a prefix of the full ranking, so a page they fill is the
        // page the full ranking gives; when the filters leave too few, widen.
        let mut top = plan
            .ranked()
            .filter(|_| ranking == Ranking::BestFirst)
            .map(|_| first_top(offset + u64::from(per_page)));
        loop {
            let page_sql = plan.page_sql(top);
            items = bind_all!(sqlx::query_as::<_, CardRow>(&page_sql), &plan.binds)
                .bind(i64::from(per_page))
                .bind(i64::try_from(offset).unwrap_or(i64::MAX))
                .fetch_all(db.pool())
                .await
                .or_incident("search rows")?;
            if items.len() as u64 >= wanted || top.is_none() {
                break;
            }
            top = top.map(|k| k * 8).filter(|k| *k <= TOP_LIMIT);
        }
    }
    Ok(SearchResults {
        query: query.clone(),
        services: Page {
            items: items.into_iter().map(ServiceCard::from).collect(),
            page,
            per_page,
            total,
        },
        capped: counted > COUNT_CAP,
    })
}

/// The database's plan for a search's count and its first page, one line per step
/// (SQLite `EXPLAIN QUERY PLAN`, PostgreSQL `EXPLAIN`): tests read it to prove each
/// query goes through its index.
pub async fn explain(db: &Db, query: &SearchQuery) -> Result<Vec<String>, StoreError> {
    let plan = Plan::new(db.backend(), query);
    let first = plan.ranked().map(|_| first_top(u64::from(PAGE_SIZE)));
    let mut lines = Vec::new();
    for (sql, paged) in [(plan.count_sql(), false), (plan.page_sql(first), true)] {
        let explain = match db.backend() {
            Backend::Sqlite => format!("EXPLAIN QUERY PLAN {sql}"),
            Backend::Postgres => format!("EXPLAIN {sql}"),
        };
        match db.backend() {
            Backend::Sqlite => {
                let q = bind_all!(
                    sqlx::query_as::<_, (i64, i64, i64, String)>(&explain),
                    &plan.binds
                );
                let q = if paged { q.bind(20i64).bind(0i64) } else { q };
                let rows = q.fetch_all(db.pool()).await.or_incident("search explain")?;
                lines.extend(rows.into_iter().map(|r| r.3));
            }
            Backend::Postgres => {
                let q = bind_all!(sqlx::query_scalar::<_, String>(&explain), &plan.binds);
                let q = if paged { q.bind(20i64).bind(0i64) } else { q };
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
