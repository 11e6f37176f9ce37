//! Configuration from the environment, with defaults that run the demo out of the box.

use std::path::PathBuf;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/khidmat.db";
pub const DEFAULT_MEDIA_DIR: &str = "data/media";

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://…` (default, a file under `data/`) or `postgres://…`.
    pub database_url: String,
    /// Uploaded and generated images, served under `/media`.
    pub media_dir: PathBuf,
}

impl Config {
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        Config {
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
            media_dir: var("MEDIA_DIR")
                .unwrap_or_else(|| DEFAULT_MEDIA_DIR.to_owned())
                .into(),
        }
    }
}
