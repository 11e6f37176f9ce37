//! One module per route.

pub mod category;
pub mod home;
pub mod not_found;
pub mod seller;
pub mod service;
pub mod styleguide;
