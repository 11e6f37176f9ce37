//! Fresh databases for storage tests: a new SQLite file always, and a new PostgreSQL
//! database when `TEST_DATABASE_URL` points at a server. With `CI=true`, an unreachable
//! PostgreSQL fails the test instead of being skipped.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use server::infra::db::Db;
use sqlx::Executor;

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub struct TestDb {
    pub backend: &'static str,
    pub db: Db,
    /// Scratch directory: the SQLite file and the media files live here.
    pub dir: PathBuf,
    drop_database: Option<(String, String)>,
}

impl TestDb {
    pub async fn cleanup(self) {
        self.db.close().await;
        if let Some((admin_url, name)) = self.drop_database {
            if let Ok(admin) = Db::connect(&admin_url).await {
                let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                let _ = admin.pool().execute(sql.as_str()).await;
                admin.close().await;
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}_{:06x}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        rand::random::<u32>() & 0xff_ffff
    )
}

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(unique("khidmat_test"));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

pub async fn sqlite() -> TestDb {
    let dir = scratch_dir();
    let db = Db::connect(&format!("sqlite://{}", dir.join("test.db").display()))
        .await
        .expect("open sqlite");
    db.migrate().await.expect("migrate sqlite");
    TestDb {
        backend: "sqlite",
        db,
        dir,
        drop_database: None,
    }
}

/// `postgres://user@host:port/db?opts` with the database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let prefix = match base.rsplit_once('/') {
        Some((head, _)) if head.contains("//") && head.len() > head.find("//").unwrap_or(0) + 2 => {
            head
        }
        _ => base,
    };
    match query {
        Some(q) => format!("{prefix}/{name}?{q}"),
        None => format!("{prefix}/{name}"),
    }
}

pub async fn postgres() -> Option<TestDb> {
    let admin_url = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())?;
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let admin = match Db::connect(&admin_url).await {
        Ok(db) => db,
        Err(e) if in_ci => panic!("PostgreSQL at TEST_DATABASE_URL is unreachable in CI: {e}"),
        Err(e) => {
            eprintln!("skipping PostgreSQL: {e}");
            return None;
        }
    };
    let name = unique("khidmat_test");
    admin
        .pool()
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create test database");
    admin.close().await;
    let db = Db::connect(&with_database(&admin_url, &name))
        .await
        .expect("open test database");
    db.migrate().await.expect("migrate postgres");
    Some(TestDb {
        backend: "postgres",
        db,
        dir: scratch_dir(),
        drop_database: Some((admin_url, name)),
    })
}

/// SQLite, then PostgreSQL if configured: every storage test runs on each.
pub async fn databases() -> Vec<TestDb> {
    let mut all = vec![sqlite().await];
    all.extend(postgres().await);
    all
}

#[test]
fn database_names_are_replaced_in_urls() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
        "postgres://postgres@127.0.0.1:5432/x"
    );
    assert_eq!(
        with_database("postgres://u@h/test?sslmode=disable", "x"),
        "postgres://u@h/x?sslmode=disable"
    );
    assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
}

pub mod shop;
pub mod web;

/// A main category and one sub-category; returns the sub-category's id.
pub async fn categories(t: &TestDb) -> i64 {
    for (slug, parent) in [("design", None), ("logo-design", Some("design"))] {
        sqlx::query(
            "INSERT INTO categories (parent_id, slug, name_ar, name_en) \
             VALUES ((SELECT id FROM categories WHERE slug = $1), $2, $3, $4)",
        )
        .bind(parent.unwrap_or(""))
        .bind(slug)
        .bind(format!("قسم {slug}"))
        .bind(slug)
        .execute(t.db.pool())
        .await
        .expect("category");
    }
    sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'logo-design'")
        .fetch_one(t.db.pool())
        .await
        .unwrap()
}
