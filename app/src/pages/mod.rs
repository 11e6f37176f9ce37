//! One module per route.

pub mod account;
pub mod admin;
pub mod cart;
pub mod category;
pub mod favorites;
pub mod home;
pub mod messages;
pub mod my_level;
pub mod my_services;
pub mod not_found;
pub mod notifications;
pub mod order;
pub mod orders;
pub mod requests;
pub mod search;
pub mod seller;
pub mod service;
pub mod service_editor;
pub mod settings;
pub mod styleguide;
pub mod wallet;
