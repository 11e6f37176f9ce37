//! Exact money: US dollars as a `rust_decimal::Decimal`, stored as integer cents.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Mul, Sub};

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// An amount of US dollars, exact to the cent.
///
/// Serialized as a decimal string (`"12.50"`), never as a float. Deserializing refuses
/// fractions of a cent (`"1.005"`) instead of keeping a value no database row can hold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "Decimal")]
pub struct Money(Decimal);

/// Only the decimal string `Serialize` writes: not a JSON number (a float cannot hold
/// every amount) and not the exponent forms `Decimal`'s own reader also takes, whose code
/// would be in the browser's first download for nothing.
impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{Error, Unexpected};
        let text = String::deserialize(deserializer)?;
        let amount = Decimal::from_str_exact(&text).map_err(|_| {
            D::Error::invalid_value(Unexpected::Str(&text), &"an amount such as \"12.50\"")
        })?;
        Money::try_from_decimal(amount).map_err(D::Error::custom)
    }
}

impl TryFrom<Decimal> for Money {
    type Error = MoneyError;
    fn try_from(amount: Decimal) -> Result<Self, MoneyError> {
        Money::try_from_decimal(amount)
    }
}

impl From<Money> for Decimal {
    fn from(m: Money) -> Decimal {
        m.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("the amount has fractions of a cent")]
    FractionOfCent,
    #[error("the amount does not fit in the database")]
    OutOfRange,
}

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// From integer cents, the database representation.
    pub fn from_cents(cents: i64) -> Self {
        Money(Decimal::new(cents, 2))
    }

    /// Whole dollars.
    pub fn from_dollars(dollars: i64) -> Self {
        Money(Decimal::from(dollars))
    }

    /// From a decimal; refuses anything finer than a cent rather than rounding silently.
    pub fn try_from_decimal(amount: Decimal) -> Result<Self, MoneyError> {
        if amount.round_dp(2) != amount {
            return Err(MoneyError::FractionOfCent);
        }
        Ok(Money(amount))
    }

    /// Integer cents for the database; exact, or an error if it does not fit in `i64`.
    pub fn to_cents(self) -> Result<i64, MoneyError> {
        let cents = self.0 * Decimal::ONE_HUNDRED;
        if cents.fract() != Decimal::ZERO {
            return Err(MoneyError::FractionOfCent);
        }
        i64::try_from(cents).map_err(|_| MoneyError::OutOfRange)
    }

    pub fn amount(self) -> Decimal {
        self.0
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// `rate` of this amount, rounded half-to-even to the cent (banker's rounding), as the
    /// commission rule requires.
    pub fn percent_half_even(self, percent: u32) -> Money {
        let raw = self.0 * Decimal::from(percent) / Decimal::ONE_HUNDRED;
        Money(raw.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven))
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_mul(self, factor: u32) -> Option<Money> {
        self.0.checked_mul(Decimal::from(factor)).map(Money)
    }
}

/// An amount typed by a person: dollars with up to two decimals, Arabic-Indic digits and
/// the Arabic decimal separator accepted. `None` when it is not such an amount.
pub fn parse_amount(input: &str) -> Option<Money> {
    let text = crate::validation::western_digits(input.trim()).replace(['٫', ','], ".");
    let amount: Decimal = text.parse().ok()?;
    let money = Money::try_from_decimal(amount).ok()?;
    money.to_cents().ok().map(|_| money)
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Mul<u32> for Money {
    type Output = Money;
    fn mul(self, rhs: u32) -> Money {
        Money(self.0 * Decimal::from(rhs))
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

/// `$12.50`: always two decimals, so amounts line up and are never ambiguous.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rounded = self.0.round_dp(2);
        if rounded.is_sign_negative() && !rounded.is_zero() {
            write!(f, "-${:.2}", rounded.abs())
        } else {
            write!(f, "${:.2}", rounded.abs())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    #[test]
    fn cents_round_trip_and_display() {
        let m = Money::from_cents(1250);
        assert_eq!(m.to_string(), "$12.50");
        assert_eq!(m.to_cents(), Ok(1250));
        assert_eq!(Money::from_dollars(5).to_string(), "$5.00");
        assert_eq!(Money::from_cents(-5).to_string(), "-$0.05");
    }

    #[test]
    fn fractions_of_a_cent_are_refused_not_rounded() {
        let d = Decimal::from_str("1.005").unwrap();
        assert_eq!(Money::try_from_decimal(d), Err(MoneyError::FractionOfCent));
        assert!(Money::try_from_decimal(Decimal::from_str("1.50").unwrap()).is_ok());
    }

    #[test]
    fn commission_rounds_half_to_even() {
        // 20% of $0.125 is not representable; 20% of 0.05 = 0.01 exactly.
        assert_eq!(
            Money::from_cents(5).percent_half_even(20),
            Money::from_cents(1)
        );
        // 20% of $0.03 = 0.006 → 0.01; 20% of $0.025 can't occur (cents only);
        // 10% of $0.25 = 0.025 → 0.02 (half to even), of $0.35 = 0.035 → 0.04.
        assert_eq!(
            Money::from_cents(25).percent_half_even(10),
            Money::from_cents(2)
        );
        assert_eq!(
            Money::from_cents(35).percent_half_even(10),
            Money::from_cents(4)
        );
    }

    #[test]
    fn serializes_as_a_string_never_a_float() {
        let json = serde_json::to_string(&Money::from_cents(1999)).unwrap();
        assert_eq!(json, "\"19.99\"");
        let back: Money = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Money::from_cents(1999));
    }

    #[test]
    fn fractions_of_a_cent_are_refused_when_deserialized() {
        assert!(serde_json::from_str::<Money>("\"1.005\"").is_err());
        assert!(serde_json::from_str::<Money>("\"0.001\"").is_err());
        assert_eq!(
            serde_json::from_str::<Money>("\"1.50\"").unwrap(),
            Money::from_cents(150)
        );
    }

    #[test]
    fn only_the_decimal_string_is_read() {
        for json in ["19.99", "1999", "\"1.999e1\"", "\"\"", "\"twelve\"", "null"] {
            assert!(
                serde_json::from_str::<Money>(json).is_err(),
                "{json} was read"
            );
        }
        assert_eq!(
            serde_json::from_str::<Money>("\"-0.50\"").unwrap(),
            Money::from_cents(-50)
        );
    }

    proptest! {
        #[test]
        fn cents_survive_the_round_trip(c in -1_000_000_000_000i64..1_000_000_000_000) {
            prop_assert_eq!(Money::from_cents(c).to_cents(), Ok(c));
        }

        /// The decimal commission agrees with the same rule done in integer cents:
        /// `cents × percent / 100`, with an exact half rounded to the even cent.
        #[test]
        fn commission_matches_integer_half_even(c in 0i64..100_000_000, percent in 0u32..=100) {
            let scaled = c * i64::from(percent);
            let (whole, rest) = (scaled / 100, scaled % 100);
            let expected = match rest.cmp(&50) {
                std::cmp::Ordering::Less => whole,
                std::cmp::Ordering::Greater => whole + 1,
                std::cmp::Ordering::Equal => whole + (whole % 2),
            };
            let commission = Money::from_cents(c).percent_half_even(percent);
            prop_assert_eq!(commission.to_cents(), Ok(expected));
        }
    }
}
