//! Khidmat's domain: types and pure rules shared by the browser (wasm) and the server.
//!
//! Nothing here does I/O. Behind the `ssr` feature, [`ports`] declares the storage
//! interfaces the server implements, so that `app`'s server functions stay thin.

pub mod account;
pub mod card;
pub mod cart;
pub mod catalog;
pub mod contact;
pub mod error;
pub mod i18n;
pub mod lang;
pub mod messages;
pub mod money;
pub mod notifications;
pub mod orders;
pub mod pricing;
pub mod requests;
pub mod reviews;
pub mod search;
pub mod search_text;
pub mod seller_level;
pub mod selling;
pub mod service_form;
pub mod validation;
pub mod wallet;

#[cfg(feature = "ssr")]
pub mod ports;
