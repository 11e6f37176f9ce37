//! What every area stands on: configuration, the database, the clock, mail, passwords, throttling.

pub mod clock;
pub mod config;
pub mod db;
pub mod mail;
pub mod passwords;
pub mod throttle;
