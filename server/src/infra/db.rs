//! The database: one sqlx `Any` pool over SQLite (default) or PostgreSQL, and migrations.

use shared::error::StoreError;
use std::path::Path;
use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL must start with sqlite: or postgres: (got {0:?})")]
    UnsupportedUrl(String),
    #[error("cannot create the database directory {0}: {1}")]
    Directory(String, std::io::Error),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("configuration: {0}")]
    Config(String),
}

#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// The URL the pool was opened with (after `sqlite_url`), for the session store's pool.
    url: String,
    /// Tells open connections of news committed in this database.
    live: crate::notifications::live::Live,
    /// Search rankings kept between searches while the indexed text is unchanged.
    rankings: crate::catalog::search::Rankings,
    /// What searches filter and sort by, kept while unchanged.
    facets: crate::catalog::facets::KeptFacets,
}

impl Db {
    /// Connects, creating the SQLite file (and its directory) when needed.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let backend = backend_of(url)?;
        let url = match backend {
            Backend::Sqlite => sqlite_url(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let opened_url = url.clone();
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the one writer; the busy timeout makes
                        // writers queue instead of failing with "database is locked". Reads
                        // go through a memory map (no read() call and copy per page: a
                        // search's bm25 looks up every match's length) and a larger page
                        // cache than the 2 MiB default.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; \
                             PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; \
                             PRAGMA mmap_size = 268435456; PRAGMA cache_size = -16384;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Db {
            live: crate::notifications::live::Live::new(backend, &opened_url, &pool),
            pool,
            backend,
            url: opened_url,
            rankings: crate::catalog::search::Rankings::default(),
            facets: crate::catalog::facets::KeptFacets::default(),
        })
    }

    pub async fn migrate(&self) -> Result<(), DbError> {
        match self.backend {
            Backend::Sqlite => {
                // A migration that rebuilds a table (SQLite cannot change a CHECK in place)
                // drops a table others refer to: foreign keys are off while migrations run
                // (the pragma does nothing inside their transactions), then every
                // reference is checked.
                let mut conn = self.pool.acquire().await?;
                conn.execute("PRAGMA foreign_keys = OFF").await?;
                let migrated = sqlx::migrate!("./migrations/sqlite").run(&mut *conn).await;
                conn.execute("PRAGMA foreign_keys = ON").await?;
                migrated?;
                let broken = sqlx::query("PRAGMA foreign_key_check")
                    .fetch_all(&mut *conn)
                    .await?;
                if !broken.is_empty() {
                    return Err(DbError::Config(format!(
                        "{} rows refer to missing rows after migrating",
                        broken.len()
                    )));
                }
            }
            Backend::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn rankings(&self) -> &crate::catalog::search::Rankings {
        &self.rankings
    }

    pub fn facets(&self) -> &crate::catalog::facets::KeptFacets {
        &self.facets
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn live(&self) -> &crate::notifications::live::Live {
        &self.live
    }

    /// A transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred transaction that writes later fails with "database is
    /// locked" instead of waiting for the busy timeout.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// Makes the transactions about one user's rows (their cart) run one after the other:
    /// each reads the rows, decides, and writes, which two at once would interleave.
    /// SQLite needs nothing more (its write transactions take the database's one write
    /// lock at `BEGIN`); on PostgreSQL the user's row is locked until the transaction ends.
    pub async fn lock_user(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        user_id: i64,
    ) -> Result<(), sqlx::Error> {
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT id FROM users WHERE id = $1 FOR NO KEY UPDATE")
                .bind(user_id)
                .fetch_optional(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// True when the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn backend_of(url: &str) -> Result<Backend, DbError> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Backend::Postgres)
    } else {
        Err(DbError::UnsupportedUrl(url.to_owned()))
    }
}

/// Makes sure the file's directory exists and that sqlx may create the file.
fn sqlite_url(url: &str) -> Result<String, DbError> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if !path.is_empty() && path != ":memory:" {
        if let Some(dir) = Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| DbError::Directory(dir.display().to_string(), e))?;
        }
    }
    Ok(if query.contains("mode=") {
        url.to_owned()
    } else if query.is_empty() {
        format!("sqlite://{path}?mode=rwc")
    } else {
        format!("sqlite://{path}?{query}&mode=rwc")
    })
}

/// Logs an unexpected storage error under a fresh incident id; see [`StoreError::incident`].
pub fn incident(context: &str, err: impl std::fmt::Display) -> StoreError {
    StoreError::incident(context, err)
}

/// True when `e` is a UNIQUE (or primary key) violation, on either database.
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .is_some_and(|d| d.is_unique_violation())
}

/// `.or_incident("what")` on any storage result: log it, keep only the incident id.
pub trait OrIncident<T> {
    fn or_incident(self, context: &str) -> Result<T, StoreError>;
}

impl<T, E: std::fmt::Display> OrIncident<T> for Result<T, E> {
    fn or_incident(self, context: &str) -> Result<T, StoreError> {
        self.map_err(|e| incident(context, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backends_by_scheme() {
        assert_eq!(backend_of("sqlite://data/k.db").unwrap(), Backend::Sqlite);
        assert_eq!(backend_of("postgres://u@h/db").unwrap(), Backend::Postgres);
        assert!(backend_of("mysql://u@h/db").is_err());
    }

    #[test]
    fn sqlite_urls_allow_creating_the_file() {
        let dir = std::env::temp_dir().join(format!("khidmat-url-{}", std::process::id()));
        let file = dir.join("k.db");
        let url = sqlite_url(&format!("sqlite://{}", file.display())).unwrap();
        assert!(url.ends_with("?mode=rwc"));
        assert!(dir.is_dir());
        let _ = std::fs::remove_dir_all(dir);
        assert_eq!(
            sqlite_url("sqlite://:memory:?cache=shared").unwrap(),
            "sqlite://:memory:?cache=shared&mode=rwc"
        );
    }
}
