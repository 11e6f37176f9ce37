//! What every area stands on: configuration, the database, the clock, the change count,
//! mail, passwords, throttling.

pub mod clock;
pub mod config;
pub mod db;
pub mod generation;
pub mod mail;
pub mod passwords;
pub mod throttle;
