//! Sessions: tower-sessions with its sqlx store on the application's own database
//! (SQLite or PostgreSQL), so a session survives restarts and logout deletes it for real.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, Session, SessionManagerLayer, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use crate::infra::db::{Backend, Db, DbError};

pub const COOKIE_NAME: &str = "khidmat_session";
/// A session not used for this long ends.
const IDLE_DAYS: i64 = 30;

#[derive(Clone, Debug)]
pub enum Sessions {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl Sessions {
    /// Opens the store (its own small pool on the same database) and creates its table.
    pub async fn open(db: &Db) -> Result<Sessions, DbError> {
        match db.backend() {
            Backend::Sqlite => {
                let options = SqliteConnectOptions::from_str(db.url())?
                    .journal_mode(SqliteJournalMode::Wal)
                    .busy_timeout(Duration::from_secs(10));
                let pool = SqlitePoolOptions::new()
                    .max_connections(4)
                    .connect_with(options)
                    .await?;
                let store = SqliteStore::new(pool);
                store.migrate().await?;
                Ok(Sessions::Sqlite(store))
            }
            Backend::Postgres => {
                let pool = PgPoolOptions::new()
                    .max_connections(4)
                    .connect(db.url())
                    .await?;
                let store = PostgresStore::new(pool);
                store.migrate().await?;
                Ok(Sessions::Postgres(store))
            }
        }
    }

    /// Wraps `router` in the session layer. `secure` (outside development) keeps the
    /// cookie off plain HTTP.
    pub fn layer<S: Clone + Send + Sync + 'static>(
        &self,
        router: Router<S>,
        secure: bool,
    ) -> Router<S> {
        fn configured<T: SessionStore + Clone>(store: T, secure: bool) -> SessionManagerLayer<T> {
            SessionManagerLayer::new(store)
                .with_name(COOKIE_NAME)
                .with_http_only(true)
                .with_same_site(SameSite::Lax)
                .with_secure(secure)
                .with_path("/")
                .with_expiry(Expiry::OnInactivity(
                    tower_sessions::cookie::time::Duration::days(IDLE_DAYS),
                ))
        }
        match self {
            Sessions::Sqlite(s) => router.layer(configured(s.clone(), secure)),
            Sessions::Postgres(s) => router.layer(configured(s.clone(), secure)),
        }
    }

    /// A session of nobody's, on this store: no id, so nothing is read for it, and as it
    /// is never saved, nothing is written. A page rendered with it is the one a visitor
    /// without a session gets.
    pub fn nobody(&self) -> Session {
        match self {
            Sessions::Sqlite(s) => Session::new(None, Arc::new(s.clone()), None),
            Sessions::Postgres(s) => Session::new(None, Arc::new(s.clone()), None),
        }
    }

    /// Deletes expired sessions every hour, in the background.
    pub fn spawn_cleanup(&self) {
        let period = tokio::time::Duration::from_secs(3600);
        match self.clone() {
            Sessions::Sqlite(s) => {
                tokio::spawn(
                    tower_sessions::ExpiredDeletion::continuously_delete_expired(s, period),
                );
            }
            Sessions::Postgres(s) => {
                tokio::spawn(
                    tower_sessions::ExpiredDeletion::continuously_delete_expired(s, period),
                );
            }
        }
    }
}
