//! The HTTP layer: the connection loop, the router, the state handlers share, sessions, security middleware,
//! the upload endpoint and the static files.

pub mod assets;
pub mod messages;
pub mod page_cache;
pub mod router;
pub mod security;
pub mod serve;
pub mod sessions;
pub mod state;
pub mod uploads;

pub use router::router;
pub use serve::{serve, Limits};
pub use state::AppState;
