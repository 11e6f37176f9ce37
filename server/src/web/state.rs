//! What every handler, page render and server function can reach: the stores behind the
//! `shared::ports` traits, the database, and the settings the HTTP layer needs.

use std::path::PathBuf;
use std::sync::Arc;

use app::auth::Accounts;
use app::{Carts, Catalog, Favorites, Messages, Moderation, Orders, Requests, Selling, Wallets};
use axum::extract::FromRef;
use leptos::prelude::{provide_context, LeptosOptions};

use crate::accounts::SqlAccounts;
use crate::catalog::cache::CachedCatalog;
use crate::catalog::favorites::SqlFavorites;
use crate::catalog::SqlCatalog;
use crate::infra::clock::{orders, system, Clock};
use crate::infra::config::Config;
use crate::infra::db::{Db, DbError};
use crate::infra::generation::Generation;
use crate::infra::mail::Mailer;
use crate::messages::SqlMessages;
use crate::money::cart::SqlCart;
use crate::money::gateway::{Gateway, Sandbox};
use crate::money::payments::SqlPayments;
use crate::notifications::mail::Mailing;
use crate::orders::SqlOrders;
use crate::requests::SqlRequests;
use crate::selling::moderation::SqlModeration;
use crate::selling::SqlSelling;
use crate::web::page_cache::PageCache;
use crate::web::sessions::Sessions;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub media_dir: PathBuf,
    /// Files attached to orders (private).
    pub files_dir: PathBuf,
    pub production: bool,
    /// How many reverse proxies' `X-Forwarded-For` entries to believe.
    pub trust_proxy: usize,
    pub sessions: Sessions,
    pub catalog: Catalog,
    pub accounts: Accounts,
    pub selling: Selling,
    pub moderation: Moderation,
    pub favorites: Favorites,
    pub carts: Carts,
    pub wallets: Wallets,
    pub orders: Orders,
    /// The lifecycle's store, for the jobs.
    pub order_flow: SqlOrders,
    pub messages: Messages,
    /// How the jobs send notification emails.
    pub mailing: Mailing,
    pub requests: Requests,
    /// The requests' store, for their files.
    pub request_files: SqlRequests,
    /// The conversations' store, for their files.
    pub conversations: SqlMessages,
    /// Catalog pages as a visitor without a session sees them, and members' account menus.
    pub pages: PageCache,
    /// Moves on every change made through this server; the page cache and the catalog's
    /// answers are kept only while it stands still.
    pub generation: Generation,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    pub async fn new(
        leptos_options: LeptosOptions,
        db: Db,
        config: &Config,
    ) -> Result<Self, DbError> {
        Self::with_clocks(leptos_options, db, config, system(), orders()).await
    }

    /// Like `new`, with one clock tests can move.
    pub async fn with_clock(
        leptos_options: LeptosOptions,
        db: Db,
        config: &Config,
        clock: Clock,
    ) -> Result<Self, DbError> {
        Self::with_clocks(leptos_options, db, config, clock.clone(), clock).await
    }

    /// `clock` for accounts, selling and carts; `order_clock` for orders and payments (the
    /// development server's `/dev/clock` moves only that one).
    async fn with_clocks(
        leptos_options: LeptosOptions,
        db: Db,
        config: &Config,
        clock: Clock,
        order_clock: Clock,
    ) -> Result<Self, DbError> {
        let mailer = Mailer::from_config(config.smtp_url.as_deref(), &config.mail_from)
            .map_err(DbError::Config)?;
        let sessions = Sessions::open(&db).await?;
        let mailing = Mailing {
            mailer: mailer.clone(),
            public_url: config.public_url.clone(),
        };
        let accounts: Accounts = Arc::new(SqlAccounts::new(
            db.clone(),
            mailer,
            clock.clone(),
            config.public_url.clone(),
        ));
        let gateway: Gateway = Arc::new(Sandbox);
        let orders = SqlOrders::new(db.clone(), order_clock.clone(), config.clearance_secs());
        let payments = Arc::new(SqlPayments::new(
            db.clone(),
            gateway,
            order_clock.clone(),
            orders.clone(),
        ));
        let generation = Generation::default();
        let pages = PageCache::new(
            config.page_cache,
            generation.clone(),
            accounts.clone(),
            sessions.clone(),
        );
        Ok(AppState {
            leptos_options,
            media_dir: config.media_dir.clone(),
            files_dir: config.files_dir.clone(),
            production: config.production,
            trust_proxy: config.trust_proxy,
            sessions,
            catalog: Arc::new(CachedCatalog::new(
                SqlCatalog::new(db.clone()),
                generation.clone(),
                config.catalog_cache,
            )),
            accounts,
            selling: Arc::new(SqlSelling::new(db.clone(), clock.clone())),
            moderation: Arc::new(SqlModeration::new(db.clone(), clock.clone())),
            carts: Arc::new(SqlCart::new(db.clone(), clock.clone())),
            messages: Arc::new(SqlMessages::new(db.clone(), clock.clone())),
            requests: Arc::new(SqlRequests::new(db.clone(), order_clock.clone())),
            request_files: SqlRequests::new(db.clone(), order_clock.clone()),
            conversations: SqlMessages::new(db.clone(), clock),
            mailing,
            wallets: payments.clone(),
            orders: payments,
            order_flow: orders,
            favorites: Arc::new(SqlFavorites::new(db.clone())),
            pages,
            generation,
            db,
        })
    }

    /// What every page render and server function may `use_context` for.
    pub(crate) fn provide(&self) {
        provide_context(self.catalog.clone());
        provide_context(self.accounts.clone());
        provide_context(self.selling.clone());
        provide_context(self.moderation.clone());
        provide_context(self.favorites.clone());
        provide_context(self.carts.clone());
        provide_context(self.wallets.clone());
        provide_context(self.orders.clone());
        provide_context(self.messages.clone());
        provide_context(self.requests.clone());
    }
}
