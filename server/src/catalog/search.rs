//! Arabic-aware full-text search over published services of active sellers.
//!
//! Both sides of a match are normalized by `shared::search_text`: the index
//! stores `services.search_text` (normalized words plus their stems), and a query becomes
//! prefix terms that must all match. SQLite matches with FTS5 (an external-content table
//! kept in step by triggers) and ranks by bm25; PostgreSQL matches a generated `tsvector`
//! through a GIN index and ranks with `ts_rank`.

use shared::catalog::{Page, ServiceCard, ServiceSort, PAGE_SIZE};
use shared::error::StoreError;
use shared::search::{SearchQuery, SearchResults, SearchSort};
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

struct Sql {
    from: String,
    filter: String,
    binds: Vec<Bind>,
}

impl Sql {
    fn bind(&mut self, value: Bind) -> String {
        self.binds.push(value);
        format!("${}", self.binds.len())
    }
}

pub async fn search(db: &Db, query: &SearchQuery) -> Result<SearchResults, StoreError> {
    let terms = query_terms(&query.q);
    let mut sql = Sql {
        from: "services s".to_owned(),
        filter: String::new(),
        binds: Vec::new(),
    };
    let mut relevance = None;
    if !terms.is_empty() {
        match db.backend() {
            Backend::Sqlite => {
                // The FTS table drives the query (it is the outer loop), so only the
                // matching rows are read.
                let p = sql.bind(Bind::Text(fts5_expression(&terms)));
                sql.from = "services_fts CROSS JOIN services s ON s.id = services_fts.rowid".into();
                sql.filter.push_str(&format!(" AND services_fts MATCH {p}"));
                relevance = Some("bm25(services_fts), s.id DESC".to_owned());
            }
            Backend::Postgres => {
                let p = sql.bind(Bind::Text(tsquery_expression(&terms)));
                sql.filter.push_str(&format!(
                    " AND s.search_vector @@ to_tsquery('simple', {p})"
                ));
                relevance = Some(format!(
                    "ts_rank(s.search_vector, to_tsquery('simple', {p})) DESC, s.id DESC"
                ));
            }
        }
    }
    if let Some(slug) = &query.category {
        let p = sql.bind(Bind::Text(slug.clone()));
        sql.filter.push_str(&format!(
            " AND s.category_id IN (SELECT c.id FROM categories c WHERE c.slug = {p} \
             OR c.parent_id IN (SELECT p.id FROM categories p WHERE p.slug = {p}))"
        ));
    }
    if let Some(level) = query.level {
        let p = sql.bind(Bind::Text(level.as_str().to_owned()));
        sql.filter.push_str(&format!(" AND u.seller_level = {p}"));
    }
    if let Some(stars) = query.min_rating {
        // average ≥ stars  ⇔  sum ≥ stars × count, in integers.
        let p = sql.bind(Bind::Int(i64::from(stars)));
        sql.filter.push_str(&format!(
            " AND s.rating_count > 0 AND s.rating_sum >= {p} * s.rating_count"
        ));
    }
    if let Some(days) = query.max_days {
        let p = sql.bind(Bind::Int(i64::from(days)));
        sql.filter.push_str(&format!(" AND s.delivery_days <= {p}"));
    }
    if let Some(min) = query.min_price {
        let p = sql.bind(Bind::Int(i64::from(min) * 100));
        sql.filter.push_str(&format!(" AND s.price_cents >= {p}"));
    }
    if let Some(max) = query.max_price {
        let p = sql.bind(Bind::Int(i64::from(max) * 100));
        sql.filter.push_str(&format!(" AND s.price_cents <= {p}"));
    }
    let order = match (query.sort, relevance) {
        (SearchSort::Relevance, Some(r)) => r,
        (SearchSort::Relevance, None) | (SearchSort::Newest, _) => {
            order_by(ServiceSort::Newest).to_owned()
        }
        (SearchSort::TopRated, _) => order_by(ServiceSort::TopRated).to_owned(),
        (SearchSort::BestSelling, _) => order_by(ServiceSort::BestSelling).to_owned(),
    };
    let from = format!(
        "FROM {} JOIN users u ON u.id = s.seller_id WHERE {VISIBLE}{}",
        sql.from, sql.filter
    );

    let count_sql = format!("SELECT COUNT(*) {from}");
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for b in &sql.binds {
        count = match b {
            Bind::Int(v) => count.bind(*v),
            Bind::Text(v) => count.bind(v.clone()),
        };
    }
    let total = count
        .fetch_one(db.pool())
        .await
        .or_incident("search count")?;

    let page = query.page.max(1);
    let per_page = PAGE_SIZE;
    let offset = i64::from(page - 1) * i64::from(per_page);
    let n = sql.binds.len();
    let rows_sql = format!(
        "SELECT {CARD_COLUMNS} {from} ORDER BY {order} LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    );
    let mut rows = sqlx::query_as::<_, CardRow>(&rows_sql);
    for b in &sql.binds {
        rows = match b {
            Bind::Int(v) => rows.bind(*v),
            Bind::Text(v) => rows.bind(v.clone()),
        };
    }
    let items = rows
        .bind(i64::from(per_page))
        .bind(offset)
        .fetch_all(db.pool())
        .await
        .or_incident("search rows")?;
    Ok(SearchResults {
        query: query.clone(),
        services: Page {
            items: items.into_iter().map(ServiceCard::from).collect(),
            page,
            per_page,
            total: u64::try_from(total).unwrap_or(0),
        },
    })
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
