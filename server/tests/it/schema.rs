//! The schema itself: the hot queries are answered from indexes (the query plans, not a
//! timing), and the SQLite and PostgreSQL migrations make the same tables and columns.

use std::collections::BTreeSet;

use server::money::ledger::hot_queries;
use sqlx::{Executor, Row};

use crate::common::{databases, postgres, sqlite, TestDb};

/// The plan's lines for `sql`, as the database prints them.
async fn plan(t: &TestDb, sql: &str, args: &[i64]) -> Vec<String> {
    let mut conn = t.db.pool().acquire().await.unwrap();
    let explain = match t.backend {
        "sqlite" => format!("EXPLAIN QUERY PLAN {sql}"),
        _ => {
            // Tiny test tables make a sequential scan cheapest; what is asked here is
            // whether an index *can* answer, as it must once the tables are big.
            conn.execute("SET enable_seqscan = off").await.unwrap();
            format!("EXPLAIN {sql}")
        }
    };
    let mut query = sqlx::query(&explain);
    for a in args {
        query = query.bind(*a);
    }
    let rows = query.fetch_all(&mut *conn).await.unwrap_or_else(|e| {
        panic!("{}: EXPLAIN failed for {sql}: {e}", t.backend);
    });
    rows.iter()
        .map(|r| match t.backend {
            "sqlite" => r.try_get::<String, _>("detail").unwrap(),
            _ => r.try_get::<String, _>(0).unwrap(),
        })
        .collect()
}

/// A plan that reads a whole table: SQLite's `SCAN t`, PostgreSQL's `Seq Scan`.
fn scans(plan: &[String]) -> bool {
    plan.iter().any(|line| {
        let line = line.trim_start();
        // SQLite's `SCAN CONSTANT ROW` is a SELECT without FROM, not a table.
        (line.starts_with("SCAN ") && line != "SCAN CONSTANT ROW") || line.contains("Seq Scan")
    })
}

#[tokio::test]
async fn every_hot_money_query_uses_an_index() {
    for t in databases().await {
        for (sql, args) in hot_queries() {
            let lines = plan(&t, &sql, &args).await;
            assert!(
                !scans(&lines),
                "{}: {sql}\nreads a whole table:\n{}",
                t.backend,
                lines.join("\n")
            );
        }
        // The old lookup, for contrast: the assertion can see a scan.
        let old = "SELECT id FROM ledger_accounts WHERE kind = 'available' \
                   AND COALESCE(user_id, 0) = $1 AND COALESCE(order_id, 0) = 0";
        assert!(scans(&plan(&t, old, &[1]).await), "{}", t.backend);
        t.cleanup().await;
    }
}

/// (table, column) pairs of the application's tables.
async fn columns(t: &TestDb) -> BTreeSet<(String, String)> {
    let sql = match t.backend {
        "sqlite" => {
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
             AND m.name NOT LIKE '\\_sqlx%' ESCAPE '\\' AND m.name NOT LIKE 'services_fts%'"
        }
        _ => {
            "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) \
             FROM information_schema.columns WHERE table_schema = 'public' \
             AND table_name NOT LIKE '\\_sqlx%'"
        }
    };
    sqlx::query_as::<_, (String, String)>(sql)
        .fetch_all(t.db.pool())
        .await
        .unwrap()
        .into_iter()
        // The session store makes its own table, differently per database; and each
        // database indexes search its own way (SQLite: the `services_fts` table, left
        // out above; PostgreSQL: a generated `tsvector` column).
        .filter(|(table, column)| {
            table != "tower_sessions"
                && table != "session"
                && (table.as_str(), column.as_str()) != ("services", "search_vector")
        })
        .collect()
}

#[tokio::test]
async fn both_databases_have_the_same_tables_and_columns() {
    let Some(pg) = postgres().await else {
        eprintln!("skipping: no PostgreSQL configured");
        return;
    };
    let lite = sqlite().await;
    let (a, b) = (columns(&lite).await, columns(&pg).await);
    let only_sqlite: Vec<_> = a.difference(&b).collect();
    let only_pg: Vec<_> = b.difference(&a).collect();
    assert!(
        only_sqlite.is_empty() && only_pg.is_empty(),
        "only on SQLite: {only_sqlite:?}\nonly on PostgreSQL: {only_pg:?}"
    );
    assert!(a.contains(&("throttle".into(), "hits".into())));
    lite.cleanup().await;
    pg.cleanup().await;
}
