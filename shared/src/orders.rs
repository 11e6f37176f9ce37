//! Orders as the buyer and the seller see them, and what checkout takes and gives back.

use serde::{Deserialize, Serialize};

use crate::card::CardInput;
use crate::cart::CartItem;
use crate::money::Money;

/// An order's status (DESIGN §1). Checkout creates orders in `AwaitingInstructions`; the
/// transitions between the others come with the order lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrderStatus {
    AwaitingInstructions,
    InProgress,
    Delivered,
    Completed,
    Disputed,
    Cancelled,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 6] = [
        Self::AwaitingInstructions,
        Self::InProgress,
        Self::Delivered,
        Self::Completed,
        Self::Disputed,
        Self::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AwaitingInstructions => "awaiting_instructions",
            Self::InProgress => "in_progress",
            Self::Delivered => "delivered",
            Self::Completed => "completed",
            Self::Disputed => "disputed",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn message_id(self) -> &'static str {
        match self {
            Self::AwaitingInstructions => "order-status-awaiting-instructions",
            Self::InProgress => "order-status-in-progress",
            Self::Delivered => "order-status-delivered",
            Self::Completed => "order-status-completed",
            Self::Disputed => "order-status-disputed",
            Self::Cancelled => "order-status-cancelled",
        }
    }

    /// Money stays in escrow until the order is completed or cancelled.
    pub fn holds_escrow(self) -> bool {
        !matches!(self, Self::Completed | Self::Cancelled)
    }
}

/// An upgrade as bought (a snapshot: later edits of the service do not change it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoughtUpgrade {
    pub title: String,
    pub price: Money,
    pub extra_days: u32,
}

/// A line of "My purchases" or "My sales".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRow {
    pub id: i64,
    pub service_id: i64,
    pub title: String,
    pub upgrades: Vec<BoughtUpgrade>,
    pub quantity: u32,
    pub total: Money,
    pub delivery_days: u32,
    pub status: OrderStatus,
    pub created_at: i64,
    /// The seller (in purchases) or the buyer (in sales).
    pub other_name: String,
    pub other_username: String,
}

/// What a buyer pays for: the whole cart as they saw it, or one service right away
/// ("order now") as priced on its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckoutSource {
    Cart { fingerprint: String },
    Now(CartItem),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutRequest {
    /// One per checkout attempt, made by the page: a retry or a double click reuses it.
    pub key: String,
    pub source: CheckoutSource,
    /// Needed only when the wallet does not cover the total.
    pub card: Option<CardInput>,
}

/// An idempotency key: 16–64 letters, digits, `-` or `_`.
pub fn key_ok(key: &str) -> bool {
    (16..=64).contains(&key.len())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptOrder {
    pub id: i64,
    pub title: String,
    pub seller_name: String,
    pub quantity: u32,
    pub total: Money,
    pub delivery_days: u32,
    /// The seller's instructions to the buyer (what to send to get started).
    pub instructions: String,
}

/// The confirmation page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub checkout_id: i64,
    pub orders: Vec<ReceiptOrder>,
    pub total: Money,
    /// The part charged to the card (the rest came from the wallet).
    pub paid_by_card: Money,
    pub created_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip() {
        for s in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(s.as_str()), Some(s));
        }
        assert!(OrderStatus::AwaitingInstructions.holds_escrow());
        assert!(!OrderStatus::Completed.holds_escrow());
    }

    #[test]
    fn keys() {
        assert!(key_ok("0f8a2c-4d1e-4b7a-9c3d"));
        assert!(!key_ok("short"));
        assert!(!key_ok("has spaces in it, sixteen+"));
        assert!(!key_ok(&"k".repeat(65)));
    }
}
