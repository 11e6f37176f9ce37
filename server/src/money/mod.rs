//! Money: the double-entry ledger, the payment gateway, carts, the wallet and checkout.

pub mod cart;
pub mod gateway;
pub mod ledger;
pub mod payments;
pub mod withdrawals;
