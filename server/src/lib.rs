//! Khidmat's server side: configuration, storage, seeding and the HTTP layer.
//! The `khidmat` binary (main.rs) is a thin command line over this library.
// Leptos' statically typed views nest deeply.
#![recursion_limit = "256"]

pub mod bench;
pub mod cart;
pub mod catalog;
pub mod clock;
pub mod config;
pub mod db;
pub mod favorites;
pub mod gateway;
pub mod http;
pub mod ledger;
pub mod mail;
pub mod moderation;
pub mod passwords;
pub mod payments;
pub mod search;
pub mod security;
pub mod seed;
pub mod selling;
pub mod sessions;
pub mod uploads;
pub mod users;
