//! Reusable pieces of the interface; each is also shown on `/styleguide`.

pub mod category_tile;
pub mod dates;
pub mod icons;
pub mod layout;
pub mod level_badge;
pub mod order_box;
pub mod pagination;
pub mod rating;
pub mod review;
pub mod seller_card;
pub mod service_card;
pub mod states;
