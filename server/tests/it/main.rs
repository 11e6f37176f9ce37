//! The server's integration tests, one binary (one link, one process start): storage and
//! HTTP tests that run every case on SQLite and, when `TEST_DATABASE_URL` is set, on
//! PostgreSQL too.
// Each test module uses its own part of the helpers.
#![allow(dead_code)]

mod common;

mod accounts;
mod catalog;
mod http;
mod jobs;
mod ledger_properties;
mod levels;
mod messages;
mod notifications;
mod orders;
mod payments;
mod requests;
mod reviews;
mod schema;
mod search;
mod selling;
mod serve;
