//! The wallet page: balances and the history of every money movement that touched them.

use serde::{Deserialize, Serialize};

use crate::money::Money;

/// Smallest and largest top-up by card.
pub const MIN_TOP_UP_CENTS: i64 = 500;
pub const MAX_TOP_UP_CENTS: i64 = 1_000_000;

/// What a ledger transaction was (the spelling in the database is [`TxKind::as_str`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TxKind {
    TopUp,
    Purchase,
    Refund,
    Earnings,
    Clearance,
    Withdrawal,
}

impl TxKind {
    pub const ALL: [TxKind; 6] = [
        Self::TopUp,
        Self::Purchase,
        Self::Refund,
        Self::Earnings,
        Self::Clearance,
        Self::Withdrawal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::TopUp => "top_up",
            Self::Purchase => "purchase",
            Self::Refund => "refund",
            Self::Earnings => "earnings",
            Self::Clearance => "clearance",
            Self::Withdrawal => "withdrawal",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The Fluent id of the history line ("purchase of order #…").
    pub fn message_id(self) -> &'static str {
        match self {
            Self::TopUp => "wallet-tx-top-up",
            Self::Purchase => "wallet-tx-purchase",
            Self::Refund => "wallet-tx-refund",
            Self::Earnings => "wallet-tx-earnings",
            Self::Clearance => "wallet-tx-clearance",
            Self::Withdrawal => "wallet-tx-withdrawal",
        }
    }
}

/// Which of the user's two balances a history line changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Balance {
    Available,
    Pending,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletLine {
    pub transaction_id: i64,
    pub at: i64,
    pub kind: TxKind,
    pub balance: Balance,
    /// Signed: positive money in, negative money out.
    pub amount: Money,
    pub order_id: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wallet {
    pub available: Money,
    pub pending: Money,
    /// Newest first.
    pub history: Vec<WalletLine>,
}

/// A top-up amount typed by the user (dollars, up to two decimals), within limits.
pub fn parse_top_up(input: &str) -> Result<Money, &'static str> {
    let text = crate::validation::western_digits(input.trim()).replace(['٫', ','], ".");
    let amount: rust_decimal::Decimal = text.parse().map_err(|_| "wallet-amount-invalid")?;
    let money = Money::try_from_decimal(amount).map_err(|_| "wallet-amount-invalid")?;
    let cents = money.to_cents().map_err(|_| "wallet-amount-invalid")?;
    if cents < MIN_TOP_UP_CENTS {
        Err("wallet-amount-too-small")
    } else if cents > MAX_TOP_UP_CENTS {
        Err("wallet-amount-too-large")
    } else {
        Ok(money)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in TxKind::ALL {
            assert_eq!(TxKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(TxKind::parse("gift"), None);
    }

    #[test]
    fn top_up_amounts() {
        assert_eq!(parse_top_up("25"), Ok(Money::from_dollars(25)));
        assert_eq!(parse_top_up(" ٢٥٫٥٠ "), Ok(Money::from_cents(2550)));
        assert_eq!(parse_top_up("4.99"), Err("wallet-amount-too-small"));
        assert_eq!(parse_top_up("10000.01"), Err("wallet-amount-too-large"));
        assert_eq!(parse_top_up("5.001"), Err("wallet-amount-invalid"));
        assert_eq!(parse_top_up("خمسة"), Err("wallet-amount-invalid"));
        assert_eq!(parse_top_up("-10"), Err("wallet-amount-too-small"));
    }
}
