//! Orders as the buyer and the seller see them, and what checkout takes and gives back.

pub mod lifecycle;

use serde::{Deserialize, Serialize};

use crate::card::CardInput;
use crate::cart::CartItem;
use crate::money::Money;

/// An order's status. Checkout creates orders in `AwaitingInstructions`; [`lifecycle`]
/// decides every move between them.
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
    /// When the work is due (set when the buyer sends the instructions).
    pub deadline: Option<i64>,
    /// The seller (in purchases) or the buyer (in sales).
    pub other_name: String,
    pub other_username: String,
}

/// What a buyer pays for: the whole cart as they saw it, or one service right away
/// ("order now") as priced on its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckoutSource {
    Cart {
        fingerprint: String,
    },
    Now(CartItem),
    /// A seller's offer on the buyer's request, at the offer's price and days (read from
    /// the stored offer, never from the request).
    Offer {
        id: i64,
    },
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

/// What a checkout will do, decided before any money moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckoutPlan {
    /// What the orders cost together.
    pub total: Money,
    /// What the card must top the wallet up with first (zero when the wallet covers it).
    pub charge: Money,
}

/// Decides a checkout from the cart as priced now (`view`), what the buyer saw
/// (`fingerprint`), their wallet's `available` balance, what a card already paid under this
/// checkout's key (a retry after the charge), and whether a card came with the request.
/// Refuses an empty cart, a cart that changed since the buyer saw it, a line that cannot be
/// paid, and a shortfall with no card to cover it.
pub fn plan_checkout(
    view: &crate::cart::CartView,
    fingerprint: &str,
    available: Money,
    already_charged: Money,
    has_card: bool,
) -> Result<CheckoutPlan, crate::error::Refusal> {
    use crate::cart::LineProblem;
    use crate::error::Refusal;
    if view.lines.is_empty() {
        return Err(Refusal::CheckoutEmpty);
    }
    if view.fingerprint != fingerprint {
        return Err(Refusal::CheckoutCartChanged);
    }
    if let Some(problem) = view.lines.iter().find_map(|l| l.problem.as_ref()) {
        return Err(match problem {
            LineProblem::OwnService => Refusal::CartOwnService,
            _ => Refusal::CheckoutLineProblem,
        });
    }
    let total = view.total;
    let charge = if available >= total || already_charged > Money::ZERO {
        // Covered, or a card already topped the wallet up for this very checkout (the
        // wallet pays what it can; a shortfall then is a refusal at payment, not a
        // second charge).
        Money::ZERO
    } else if has_card {
        total - available
    } else {
        return Err(Refusal::CheckoutInsufficientBalance);
    };
    Ok(CheckoutPlan { total, charge })
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

/// A party as the other one sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    pub username: String,
}

/// Who wrote a timeline line, as the page labels it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Author {
    Buyer,
    Seller,
    Admin,
    /// The platform's jobs (auto-acceptance, unanswered requests).
    System,
}

/// A file attached to the order's timeline (downloaded from
/// `/orders/{order}/files/{id}` by the parties and admins only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderFile {
    pub id: i64,
    pub name: String,
    pub size_bytes: i64,
}

/// A line of the order's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub id: i64,
    pub at: i64,
    pub event: lifecycle::OrderEvent,
    pub author: Author,
    pub author_name: String,
    pub body: String,
    /// The buyer's part of a split, the refund of a cancellation.
    pub amount: Option<Money>,
    pub files: Vec<OrderFile>,
}

/// The order page: what was bought, where it stands, what the viewer may do, and the
/// timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDetail {
    pub id: i64,
    pub service_id: i64,
    pub title: String,
    pub upgrades: Vec<BoughtUpgrade>,
    pub quantity: u32,
    pub total: Money,
    /// The seller's instructions to buyers (what to send to get started).
    pub seller_instructions: String,
    pub buyer: Party,
    pub seller: Party,
    pub viewer: lifecycle::Role,
    pub state: lifecycle::OrderState,
    pub created_at: i64,
    pub closed_at: Option<i64>,
    /// What went back to the buyer when the order closed.
    pub refunded: Money,
    pub actions: Vec<lifecycle::OrderAction>,
    pub timeline: Vec<TimelineEntry>,
    /// The buyer's review of this order and the seller's reply, once written.
    pub review: Option<crate::reviews::OrderReview>,
    /// What the viewer may write about the order now.
    pub review_options: crate::reviews::ReviewOptions,
    /// The server's time when the page was made, for the countdown.
    pub now: i64,
}

/// An action as a page sends it: what, and the note that goes with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRequest {
    pub action: lifecycle::OrderAction,
    pub note: String,
    /// Files the asker uploaded to this order for this step.
    #[serde(default)]
    pub files: Vec<i64>,
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

    use crate::cart::{CartLine, CartView, LineProblem};
    use crate::error::Refusal;
    use crate::pricing::quote;
    use proptest::prelude::*;

    fn line(id: i64, cents: i64, quantity: u32, problem: Option<LineProblem>) -> CartLine {
        let price = Money::from_cents(cents);
        CartLine {
            id,
            item: CartItem::new(id, &[], quantity, price),
            title: String::new(),
            image: None,
            seller: None,
            base_price: price,
            base_days: 1,
            offered: Vec::new(),
            quote: quote(price, 1, &[], &[], quantity).ok(),
            problem,
        }
    }

    proptest! {
        /// A plan pays exactly the cart: the wallet after the card's top-up covers the
        /// total, the card is charged only the shortfall, and never when it is not needed.
        #[test]
        fn a_plan_covers_the_total_with_the_smallest_charge(
            prices in prop::collection::vec((1i64..40, 1u32..=10), 1..6),
            available in 0i64..100_000,
            has_card in any::<bool>(),
        ) {
            let lines: Vec<CartLine> = prices
                .iter()
                .enumerate()
                .map(|(i, (p, q))| line(i as i64 + 1, p * 500, *q, None))
                .collect();
            let view = CartView::new(lines);
            let available = Money::from_cents(available);
            let fp = view.fingerprint.clone();
            match plan_checkout(&view, &fp, available, Money::ZERO, has_card) {
                Ok(plan) => {
                    prop_assert_eq!(plan.total, view.total);
                    prop_assert!(available + plan.charge >= plan.total);
                    if available >= plan.total {
                        prop_assert_eq!(plan.charge, Money::ZERO);
                    } else {
                        prop_assert_eq!(available + plan.charge, plan.total);
                    }
                }
                Err(refusal) => {
                    prop_assert_eq!(refusal, Refusal::CheckoutInsufficientBalance);
                    prop_assert!(!has_card && available < view.total);
                }
            }
            // What the buyer saw is what is paid for, or nothing is.
            let stale = format!("{fp}x");
            prop_assert_eq!(
                plan_checkout(&view, &stale, available, Money::ZERO, true),
                Err(Refusal::CheckoutCartChanged)
            );
        }
    }

    #[test]
    fn a_plan_refuses_what_cannot_be_paid() {
        let empty = CartView::new(Vec::new());
        assert_eq!(
            plan_checkout(&empty, &empty.fingerprint, Money::ZERO, Money::ZERO, true),
            Err(Refusal::CheckoutEmpty)
        );
        let own = CartView::new(vec![line(1, 500, 1, Some(LineProblem::OwnService))]);
        assert_eq!(
            plan_checkout(
                &own,
                &own.fingerprint,
                Money::from_dollars(99),
                Money::ZERO,
                true
            ),
            Err(Refusal::CartOwnService)
        );
        let gone = CartView::new(vec![line(1, 500, 1, Some(LineProblem::Unavailable))]);
        assert_eq!(
            plan_checkout(
                &gone,
                &gone.fingerprint,
                Money::from_dollars(99),
                Money::ZERO,
                true
            ),
            Err(Refusal::CheckoutLineProblem)
        );
        // A retry after the card paid does not charge again.
        let view = CartView::new(vec![line(1, 2500, 1, None)]);
        let plan = plan_checkout(
            &view,
            &view.fingerprint,
            Money::from_dollars(25),
            Money::from_dollars(15),
            true,
        )
        .unwrap();
        assert_eq!(plan.charge, Money::ZERO);
    }

    #[test]
    fn keys() {
        assert!(key_ok("0f8a2c-4d1e-4b7a-9c3d"));
        assert!(!key_ok("short"));
        assert!(!key_ok("has spaces in it, sixteen+"));
        assert!(!key_ok(&"k".repeat(65)));
    }
}
