//! Configuration from the environment, with defaults that run the demo out of the box.

use std::path::PathBuf;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/khidmat.db";
pub const DEFAULT_MEDIA_DIR: &str = "data/media";
pub const DEFAULT_FILES_DIR: &str = "data/order-files";
pub const DEFAULT_PAGE_CACHE_SECS: u64 = 5;
pub const DEFAULT_CATALOG_CACHE_SECS: u64 = 5;
pub const DEFAULT_MAIL_FROM: &str = "Khidmat <no-reply@khidmat.test>";

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://…` (default, a file under `data/`) or `postgres://…`.
    pub database_url: String,
    /// Uploaded and generated images, served under `/media`.
    pub media_dir: PathBuf,
    /// `ORDER_FILES_DIR`: files attached to orders, private (never served as media).
    pub files_dir: PathBuf,
    /// `KHIDMAT_ENV=production` turns on `Secure` cookies and HSTS and hides the dev pages.
    pub production: bool,
    /// `smtp://user:pass@host:587` or `smtps://…`; without it mail goes to the outbox table.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// The site's address as users reach it, for links in mail.
    pub public_url: String,
    /// `TRUST_PROXY`: how many reverse proxies in front of the server append to
    /// `X-Forwarded-For`. 0 (the default) ignores the header: anyone can write it.
    pub trust_proxy: usize,
    /// `JOBS_INTERVAL_SECS`: how often the server runs its jobs (default 300).
    pub jobs_interval: std::time::Duration,
    /// `CLEARANCE_DAYS`: how long a seller's earnings stay pending (default 7).
    pub clearance_days: u32,
    /// `KHIDMAT_SANDBOX_PAYMENTS=1`: in production, run on the sandbox gateway anyway
    /// (a staging site). Without it production refuses to start on the sandbox.
    pub sandbox_payments: bool,
    /// `PAGE_CACHE_SECS`: how long a catalog page rendered for nobody, and a member's
    /// account menu, may be served again, the page to visitors and with the menu to its
    /// member (default 5; 0 turns the page cache off). Any change made through
    /// this server empties it at once; the time bounds what other server processes and the
    /// jobs change.
    pub page_cache: std::time::Duration,
    /// `CATALOG_CACHE_SECS`: how long the catalog's answers (the category tree, a page of
    /// services, a service and its reviews, a seller, a search) may be given again without reading the
    /// database, to members as well (default 5; 0 turns it off). Any change made through
    /// this server makes it read again at once; the time bounds what other server
    /// processes change.
    pub catalog_cache: std::time::Duration,
}

/// Why the server refuses to start.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "KHIDMAT_ENV=production with the sandbox payment gateway would accept test cards as \
         real money; configure a real gateway, or set KHIDMAT_SANDBOX_PAYMENTS=1 for a staging site"
    )]
    SandboxInProduction,
}

impl Config {
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        // A cache's time to live: whole seconds, 0 turning that cache off.
        let cache_secs = |name: &str, default: u64| {
            std::time::Duration::from_secs(
                var(name)
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(default),
            )
        };
        let site_addr = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".to_owned());
        Config {
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
            media_dir: var("MEDIA_DIR")
                .unwrap_or_else(|| DEFAULT_MEDIA_DIR.to_owned())
                .into(),
            files_dir: var("ORDER_FILES_DIR")
                .unwrap_or_else(|| DEFAULT_FILES_DIR.to_owned())
                .into(),
            production: var("KHIDMAT_ENV").is_some_and(|v| v == "production"),
            smtp_url: var("SMTP_URL"),
            mail_from: var("MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.to_owned()),
            public_url: var("PUBLIC_URL")
                .unwrap_or_else(|| format!("http://{site_addr}"))
                .trim_end_matches('/')
                .to_owned(),
            trust_proxy: var("TRUST_PROXY")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0),
            jobs_interval: std::time::Duration::from_secs(
                var("JOBS_INTERVAL_SECS")
                    .and_then(|v| v.trim().parse().ok())
                    .filter(|s| *s > 0)
                    .unwrap_or(300),
            ),
            clearance_days: var("CLEARANCE_DAYS")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(7),
            sandbox_payments: var("KHIDMAT_SANDBOX_PAYMENTS").is_some_and(|v| v.trim() == "1"),
            page_cache: cache_secs("PAGE_CACHE_SECS", DEFAULT_PAGE_CACHE_SECS),
            catalog_cache: cache_secs("CATALOG_CACHE_SECS", DEFAULT_CATALOG_CACHE_SECS),
        }
    }

    /// Refuses settings that must not run: production printing money with test cards.
    /// (The sandbox is the only gateway built in, so production needs the explicit flag.)
    pub fn check(&self) -> Result<(), ConfigError> {
        if self.production && !self.sandbox_payments {
            return Err(ConfigError::SandboxInProduction);
        }
        Ok(())
    }

    /// Seconds a seller's earnings stay pending.
    pub fn clearance_secs(&self) -> i64 {
        i64::from(self.clearance_days) * 24 * 3600
    }

    /// Development settings over a given database and media directory (tests, tools).
    pub fn development(database_url: &str, media_dir: PathBuf) -> Self {
        Config {
            database_url: database_url.to_owned(),
            files_dir: media_dir.with_file_name("order-files"),
            media_dir,
            production: false,
            smtp_url: None,
            mail_from: DEFAULT_MAIL_FROM.to_owned(),
            public_url: "http://127.0.0.1:3000".to_owned(),
            trust_proxy: 0,
            jobs_interval: std::time::Duration::from_secs(300),
            clearance_days: 7,
            sandbox_payments: false,
            page_cache: std::time::Duration::from_secs(DEFAULT_PAGE_CACHE_SECS),
            catalog_cache: std::time::Duration::from_secs(DEFAULT_CATALOG_CACHE_SECS),
        }
    }
}
