//! The cart: what a buyer chose (service × upgrades × quantity), how a visitor's cart is
//! merged into theirs at login, and what the cart page shows for each line.
//!
//! Prices are never taken from the browser: a line remembers the unit price the buyer saw
//! when adding it only to tell them when it has changed since.

use serde::{Deserialize, Serialize};

use crate::catalog::SellerSummary;
use crate::money::Money;
use crate::pricing::{Quote, UpgradeOffer, MAX_QUANTITY};

/// Lines one cart may hold; adding beyond it is refused.
pub const MAX_LINES: usize = 20;

/// One choice in a cart, as stored (session or database).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartItem {
    pub service_id: i64,
    /// Sorted and without repeats, so equal choices compare equal.
    pub upgrade_ids: Vec<i64>,
    pub quantity: u32,
    /// The unit price (base + upgrades) shown when the line was added or last edited.
    pub unit_price: Money,
}

impl CartItem {
    pub fn new(service_id: i64, upgrades: &[i64], quantity: u32, unit_price: Money) -> Self {
        CartItem {
            service_id,
            upgrade_ids: normalized_upgrades(upgrades),
            quantity,
            unit_price,
        }
    }

    /// Same service with the same upgrades: one line, whatever the quantity.
    pub fn same_choice(&self, other: &CartItem) -> bool {
        self.service_id == other.service_id && self.upgrade_ids == other.upgrade_ids
    }
}

pub fn normalized_upgrades(upgrades: &[i64]) -> Vec<i64> {
    let mut ids = upgrades.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Merged {
    /// Added as a new line at this index.
    Added(usize),
    /// Joined the existing line at this index (quantities added, capped).
    Joined(usize),
    /// The cart is full; nothing changed.
    Full,
}

/// Adds `incoming` to `items`: the same choice adds up its quantity (capped at
/// [`MAX_QUANTITY`]) and takes the newer unit price; a new choice becomes a new line.
pub fn merge_item(items: &mut Vec<CartItem>, incoming: CartItem) -> Merged {
    if let Some(i) = items.iter().position(|it| it.same_choice(&incoming)) {
        let line = &mut items[i];
        line.quantity = (line.quantity + incoming.quantity).min(MAX_QUANTITY);
        line.unit_price = incoming.unit_price;
        return Merged::Joined(i);
    }
    if items.len() >= MAX_LINES {
        return Merged::Full;
    }
    items.push(CartItem {
        quantity: incoming.quantity.min(MAX_QUANTITY),
        ..incoming
    });
    Merged::Added(items.len() - 1)
}

/// Puts `item` in place of line `index`; if another line already holds the same choice,
/// the two become one (quantities added, capped) instead.
pub fn replace_item(items: &mut Vec<CartItem>, index: usize, item: CartItem) {
    items.remove(index);
    if let Some(twin) = items.iter_mut().find(|it| it.same_choice(&item)) {
        twin.quantity = (twin.quantity + item.quantity).min(MAX_QUANTITY);
        twin.unit_price = item.unit_price;
    } else {
        items.insert(index, item);
    }
}

/// A visitor's cart into a user's at login. Lines beyond [`MAX_LINES`] are dropped.
pub fn merge_carts(items: &mut Vec<CartItem>, visitor: Vec<CartItem>) {
    for item in visitor {
        merge_item(items, item);
    }
}

/// Why a line cannot be paid as it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineProblem {
    /// Paused, deleted, under review, or its seller suspended.
    Unavailable,
    /// The unit price is not the one the buyer saw.
    PriceChanged { was: Money, now: Money },
    /// A chosen upgrade is no longer offered.
    UpgradeGone,
    /// Sellers cannot buy their own services.
    OwnService,
}

impl LineProblem {
    /// The Fluent id of the message shown on the line.
    pub fn message_id(&self) -> &'static str {
        match self {
            LineProblem::Unavailable => "cart-problem-unavailable",
            LineProblem::PriceChanged { .. } => "cart-problem-price",
            LineProblem::UpgradeGone => "cart-problem-upgrade",
            LineProblem::OwnService => "cart-problem-own",
        }
    }
}

/// One line of the cart page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    /// The line's id: a database id for a user, a 1-based position for a visitor.
    pub id: i64,
    pub item: CartItem,
    pub title: String,
    pub image: Option<String>,
    pub seller: Option<SellerSummary>,
    pub base_price: Money,
    pub base_days: u32,
    /// Every upgrade the service offers now (the line may select some).
    pub offered: Vec<UpgradeOffer>,
    /// `None` when the line cannot be priced (service gone or an upgrade gone).
    pub quote: Option<Quote>,
    pub problem: Option<LineProblem>,
}

/// The cart page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartView {
    pub lines: Vec<CartLine>,
    /// Sum of the priced lines' totals.
    pub total: Money,
    /// What the buyer sees, in a form checkout can compare (see [`fingerprint`]).
    pub fingerprint: String,
}

impl CartView {
    pub fn new(lines: Vec<CartLine>) -> Self {
        let total = lines.iter().filter_map(|l| l.quote.map(|q| q.total)).sum();
        let fingerprint = fingerprint(lines.iter().map(|l| (l.id, &l.item)));
        CartView {
            lines,
            total,
            fingerprint,
        }
    }

    pub fn count(&self) -> u32 {
        self.lines.len() as u32
    }

    /// True when every line can be paid as shown.
    pub fn payable(&self) -> bool {
        !self.lines.is_empty() && self.lines.iter().all(|l| l.problem.is_none())
    }
}

/// A canonical text of the lines (id, service, upgrades, quantity, unit price). Checkout
/// receives the fingerprint of the cart the buyer saw and pays only that exact cart.
pub fn fingerprint<'a>(lines: impl IntoIterator<Item = (i64, &'a CartItem)>) -> String {
    lines
        .into_iter()
        .map(|(id, it)| {
            let upgrades: Vec<String> = it.upgrade_ids.iter().map(i64::to_string).collect();
            format!(
                "{id}:{}:{}:{}:{}",
                it.service_id,
                upgrades.join("."),
                it.quantity,
                it.unit_price.amount()
            )
        })
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn item(service: i64, upgrades: &[i64], qty: u32) -> CartItem {
        CartItem::new(service, upgrades, qty, Money::from_dollars(5))
    }

    #[test]
    fn same_service_and_upgrades_join_and_cap() {
        let mut cart = vec![item(1, &[3, 2], 4)];
        assert_eq!(
            merge_item(&mut cart, item(1, &[2, 3, 3], 9)),
            Merged::Joined(0)
        );
        assert_eq!(cart.len(), 1);
        assert_eq!(cart[0].quantity, MAX_QUANTITY);
        assert_eq!(merge_item(&mut cart, item(1, &[2], 1)), Merged::Added(1));
        assert_eq!(cart.len(), 2);
    }

    #[test]
    fn a_full_cart_refuses_new_lines_but_joins_old_ones() {
        let mut cart: Vec<CartItem> = (0..MAX_LINES as i64).map(|s| item(s, &[], 1)).collect();
        assert_eq!(merge_item(&mut cart, item(999, &[], 1)), Merged::Full);
        assert_eq!(merge_item(&mut cart, item(3, &[], 2)), Merged::Joined(3));
        assert_eq!(cart.len(), MAX_LINES);
    }

    #[test]
    fn the_newer_price_is_kept_when_joining() {
        let mut cart = vec![item(1, &[], 1)];
        merge_item(&mut cart, CartItem::new(1, &[], 1, Money::from_dollars(10)));
        assert_eq!(cart[0].unit_price, Money::from_dollars(10));
    }

    #[test]
    fn a_replaced_line_stays_in_place_or_joins_its_twin() {
        let mut cart = vec![item(1, &[], 1), item(2, &[], 1), item(3, &[], 9)];
        replace_item(&mut cart, 1, item(2, &[5], 2));
        assert_eq!(cart[1], item(2, &[5], 2));
        replace_item(&mut cart, 0, item(3, &[], 4));
        assert_eq!(cart, vec![item(2, &[5], 2), item(3, &[], MAX_QUANTITY)]);
    }

    #[test]
    fn fingerprints_tell_carts_apart() {
        let a = item(1, &[2], 1);
        let b = item(1, &[2], 2);
        assert_ne!(fingerprint([(1, &a)]), fingerprint([(1, &b)]));
        assert_ne!(fingerprint([(1, &a)]), fingerprint([(2, &a)]));
        assert_eq!(fingerprint([(1, &a)]), fingerprint([(1, &a.clone())]));
        assert_eq!(fingerprint(std::iter::empty()), "");
    }

    fn items() -> impl Strategy<Value = Vec<CartItem>> {
        prop::collection::vec(
            (
                1i64..6,
                prop::collection::vec(1i64..4, 0..3),
                1u32..=MAX_QUANTITY,
            ),
            0..30,
        )
        .prop_map(|v| v.into_iter().map(|(s, u, q)| item(s, &u, q)).collect())
    }

    proptest! {
        #[test]
        fn merging_keeps_one_line_per_choice_within_limits(mine in items(), visitor in items()) {
            let mut cart = Vec::new();
            merge_carts(&mut cart, mine.clone());
            merge_carts(&mut cart, visitor.clone());
            prop_assert!(cart.len() <= MAX_LINES);
            for (i, a) in cart.iter().enumerate() {
                prop_assert!((1..=MAX_QUANTITY).contains(&a.quantity));
                for b in &cart[i + 1..] {
                    prop_assert!(!a.same_choice(b));
                }
                // Each line's quantity is the capped sum of what was put in for it.
                let put_in: u32 = mine.iter().chain(&visitor).filter(|x| x.same_choice(a)).map(|x| x.quantity).sum();
                prop_assert_eq!(a.quantity, put_in.min(MAX_QUANTITY));
            }
        }

        /// Editing a line (the cart page, for users and visitors alike): the new choice
        /// takes the line's place, or joins the line that already has that choice; no
        /// other line changes, and no choice appears twice.
        #[test]
        fn replacing_a_line_keeps_one_line_per_choice(
            start in items(),
            index in 0usize..30,
            new in items(),
        ) {
            let mut cart = Vec::new();
            merge_carts(&mut cart, start);
            prop_assume!(!cart.is_empty() && !new.is_empty());
            let index = index % cart.len();
            let new = new[0].clone();
            let before = cart.clone();
            replace_item(&mut cart, index, new.clone());
            let twin = before
                .iter()
                .enumerate()
                .find(|(j, it)| *j != index && it.same_choice(&new))
                .map(|(j, _)| j);
            match twin {
                Some(j) => {
                    prop_assert_eq!(cart.len(), before.len() - 1);
                    let joined = cart.iter().find(|it| it.same_choice(&new)).unwrap();
                    prop_assert_eq!(
                        joined.quantity,
                        (before[j].quantity + new.quantity).min(MAX_QUANTITY)
                    );
                }
                None => {
                    prop_assert_eq!(cart.len(), before.len());
                    prop_assert_eq!(&cart[index], &new);
                }
            }
            for (i, a) in cart.iter().enumerate() {
                for b in &cart[i + 1..] {
                    prop_assert!(!a.same_choice(b));
                }
            }
            // Every other line is untouched.
            for (j, old) in before.iter().enumerate() {
                if j != index && Some(j) != twin {
                    prop_assert!(cart.contains(old));
                }
            }
        }
    }
}
