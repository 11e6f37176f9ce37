//! Reusable pieces of the interface; each is also shown on `/styleguide`.

pub mod attachments;
pub mod category_tile;
pub mod dates;
pub mod favorite_button;
pub mod forms;
pub mod icons;
pub mod image_upload;
pub mod layout;
pub mod level_badge;
pub mod order_box;
pub mod pagination;
pub mod pay_panel;
pub mod rating;
pub mod review;
pub mod seller_card;
pub mod service_card;
pub mod states;
pub mod user_state;
