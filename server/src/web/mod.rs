//! The HTTP layer: the router, the state handlers share, sessions, security middleware,
//! and the upload endpoint.

pub mod router;
pub mod security;
pub mod sessions;
pub mod state;
pub mod uploads;

pub use router::router;
pub use state::AppState;
