//! Khidmat's server side, one folder per area; the `khidmat` binary (main.rs) is a thin
//! command line over it.
//!
//! - `infra`: configuration, database and migrations, clock, mail, password hashing.
//! - `web`: the axum router, shared state, sessions, security middleware, uploads.
//! - `catalog`: the public catalog, search and favorites.
//! - `accounts`: sign-up, login with throttling, verification, profiles.
//! - `selling`: sellers' drafts, moderation, uploaded images.
//! - `money`: ledger, gateway, cart, wallet, checkout and withdrawals.
//! - `orders`: the order lifecycle after checkout (actions, timeline, its jobs).
//! - `notifications`: in-app notifications, written with what they tell about.
//! - `reviews`: buyers' reviews of orders, sellers' replies, the kept stars.
//! - `jobs`: time-driven work (housekeeping, and the orders' jobs).
//! - `tools`: seeding and benchmarks.
//!
//! Dependencies point one way: `web` → areas → `infra`; no area imports `web`.
// Leptos' statically typed views nest deeply.
#![recursion_limit = "256"]

pub mod accounts;
pub mod catalog;
pub mod infra;
pub mod jobs;
pub mod messages;
pub mod money;
pub mod notifications;
pub mod orders;
pub mod requests;
pub mod reviews;
pub mod selling;
pub mod tools;
pub mod web;
