//! Cart-line pricing: the one formula the browser shows and the server charges.
//!
//! `line total = (base + Σ selected upgrades) × quantity`;
//! `delivery days = base days + Σ selected upgrades' extra days`.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::money::Money;

/// Quantities a buyer may order in one cart line.
pub const MIN_QUANTITY: u32 = 1;
pub const MAX_QUANTITY: u32 = 10;

/// An upgrade (تطوير) as offered on a service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpgradeOffer {
    pub id: i64,
    pub title: String,
    pub price: Money,
    pub extra_days: u32,
}

/// The priced result of one cart line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Base price plus selected upgrades, for one unit.
    pub unit_price: Money,
    pub quantity: u32,
    pub total: Money,
    pub delivery_days: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PricingError {
    #[error("quantity must be between {MIN_QUANTITY} and {MAX_QUANTITY}")]
    QuantityOutOfRange,
    #[error("upgrade {0} does not belong to this service")]
    UnknownUpgrade(i64),
    #[error("the total is too large")]
    Overflow,
}

/// Prices a line. The selection is a set: order and repetitions do not matter.
pub fn quote(
    base_price: Money,
    base_days: u32,
    offered: &[UpgradeOffer],
    selected: &[i64],
    quantity: u32,
) -> Result<Quote, PricingError> {
    if !(MIN_QUANTITY..=MAX_QUANTITY).contains(&quantity) {
        return Err(PricingError::QuantityOutOfRange);
    }
    let chosen: BTreeSet<i64> = selected.iter().copied().collect();
    let mut unit_price = base_price;
    let mut delivery_days = base_days;
    for id in chosen {
        let upgrade = offered
            .iter()
            .find(|u| u.id == id)
            .ok_or(PricingError::UnknownUpgrade(id))?;
        unit_price = unit_price
            .checked_add(upgrade.price)
            .ok_or(PricingError::Overflow)?;
        delivery_days = delivery_days
            .checked_add(upgrade.extra_days)
            .ok_or(PricingError::Overflow)?;
    }
    let total = unit_price
        .checked_mul(quantity)
        .ok_or(PricingError::Overflow)?;
    Ok(Quote {
        unit_price,
        quantity,
        total,
        delivery_days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn offer(id: i64, cents: i64, days: u32) -> UpgradeOffer {
        UpgradeOffer {
            id,
            title: format!("تطوير {id}"),
            price: Money::from_cents(cents),
            extra_days: days,
        }
    }

    #[test]
    fn base_only() {
        let q = quote(Money::from_dollars(5), 2, &[], &[], 1).unwrap();
        assert_eq!(q.total, Money::from_dollars(5));
        assert_eq!(q.delivery_days, 2);
    }

    #[test]
    fn upgrades_and_quantity() {
        let offered = [offer(1, 1000, 1), offer(2, 500, 2), offer(3, 2500, 0)];
        let q = quote(Money::from_dollars(15), 3, &offered, &[1, 3], 3).unwrap();
        assert_eq!(q.unit_price, Money::from_dollars(50));
        assert_eq!(q.total, Money::from_dollars(150));
        assert_eq!(q.delivery_days, 4);
    }

    #[test]
    fn a_repeated_upgrade_counts_once() {
        let offered = [offer(1, 1000, 1)];
        let once = quote(Money::from_dollars(5), 1, &offered, &[1], 1).unwrap();
        let twice = quote(Money::from_dollars(5), 1, &offered, &[1, 1], 1).unwrap();
        assert_eq!(once, twice);
    }

    #[test]
    fn refuses_bad_quantities_and_foreign_upgrades() {
        let offered = [offer(1, 500, 1)];
        let base = Money::from_dollars(5);
        assert_eq!(
            quote(base, 1, &offered, &[], 0),
            Err(PricingError::QuantityOutOfRange)
        );
        assert_eq!(
            quote(base, 1, &offered, &[], 11),
            Err(PricingError::QuantityOutOfRange)
        );
        assert_eq!(
            quote(base, 1, &offered, &[7], 1),
            Err(PricingError::UnknownUpgrade(7))
        );
    }

    fn offers() -> impl Strategy<Value = Vec<UpgradeOffer>> {
        prop::collection::vec((1i64..=200, 0u32..=30), 0..=10).prop_map(|specs| {
            specs
                .into_iter()
                .enumerate()
                .map(|(i, (fives, days))| offer(i as i64 + 1, fives * 500, days))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn total_does_not_depend_on_the_order_of_picking(
            offered in offers(),
            base in 1i64..=200,
            qty in MIN_QUANTITY..=MAX_QUANTITY,
            seed in any::<u64>(),
        ) {
            let mut picked: Vec<i64> = offered.iter().filter(|u| (u.id as u64 ^ seed).is_multiple_of(2)).map(|u| u.id).collect();
            let forward = quote(Money::from_cents(base * 500), 2, &offered, &picked, qty).unwrap();
            picked.reverse();
            let rotated_by = (seed as usize) % (picked.len().max(1));
            picked.rotate_left(rotated_by);
            let shuffled = quote(Money::from_cents(base * 500), 2, &offered, &picked, qty).unwrap();
            prop_assert_eq!(forward, shuffled);
        }

        #[test]
        fn total_is_exact_to_the_cent(
            offered in offers(),
            base_cents in 1i64..=100_000,
            qty in MIN_QUANTITY..=MAX_QUANTITY,
        ) {
            let all: Vec<i64> = offered.iter().map(|u| u.id).collect();
            let q = quote(Money::from_cents(base_cents), 1, &offered, &all, qty).unwrap();
            // Recompute in plain integer cents: the decimal result must agree exactly.
            let unit: i64 = base_cents + offered.iter().map(|u| u.price.to_cents().unwrap()).sum::<i64>();
            prop_assert_eq!(q.total.to_cents(), Ok(unit * i64::from(qty)));
            let days: u32 = 1 + offered.iter().map(|u| u.extra_days).sum::<u32>();
            prop_assert_eq!(q.delivery_days, days);
        }
    }
}
