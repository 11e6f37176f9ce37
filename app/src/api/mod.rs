//! Server functions, one module per area. Thin: check who is asking, call the store the
//! server provides, map errors to [`crate::error::AppError`]. All are POST.

pub mod account;
pub mod admin;
pub mod cart;
pub mod catalog;
pub mod favorites;
pub mod messages;
pub mod notifications;
pub mod orders;
pub mod requests;
pub mod selling;

pub use catalog::*;

#[cfg(feature = "ssr")]
pub(crate) fn provided<T: Clone + Send + Sync + 'static>(
    what: &str,
) -> Result<T, crate::error::AppError> {
    leptos::prelude::use_context::<T>()
        .ok_or_else(|| crate::error::AppError::internal(format!("no-{what}")))
}
