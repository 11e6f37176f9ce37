//! Khidmat's domain: types and pure rules shared by the browser (wasm) and the server.
//!
//! Nothing here does I/O. Behind the `ssr` feature, [`ports`] declares the storage
//! interfaces the server implements, so that `app`'s server functions stay thin.

/// `Deserialize` for a unit enum written as its variant's name, as the derived `Serialize`
/// writes it (JSON and the session store's JSON values): serde's derived reader also takes
/// the name as bytes and the variant's index, and was some 1.3 KB of the browser's first
/// download for each such enum the islands read.
macro_rules! deserialize_by_name {
    ($ty:ident { $($variant:ident),+ $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let name = <String as serde::Deserialize>::deserialize(deserializer)?;
                match name.as_str() {
                    $(stringify!($variant) => Ok($ty::$variant),)+
                    _ => Err(serde::de::Error::unknown_variant(&name, &[$(stringify!($variant)),+])),
                }
            }
        }
    };
}

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
