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

/// Which of the user's balances a history line changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Balance {
    Available,
    Pending,
    /// Money on its way out: requested withdrawals.
    Held,
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
    pub withdrawal_id: Option<i64>,
}

/// A seller's earnings from one order, waiting for its clearance date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingEarning {
    pub order_id: i64,
    pub amount: Money,
    pub clears_at: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wallet {
    pub available: Money,
    pub pending: Money,
    /// Requested withdrawals not yet paid.
    pub held: Money,
    /// What makes up `pending`, soonest first.
    pub pending_earnings: Vec<PendingEarning>,
    /// Newest first.
    pub withdrawals: Vec<Withdrawal>,
    /// Newest first.
    pub history: Vec<WalletLine>,
}

/// Smallest withdrawal.
pub const MIN_WITHDRAWAL_CENTS: i64 = 1000;

/// Where a withdrawal is paid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PayoutMethod {
    PayPal { email: String },
    Bank { iban: String, holder: String },
}

impl PayoutMethod {
    pub fn kind(&self) -> &'static str {
        match self {
            PayoutMethod::PayPal { .. } => "paypal",
            PayoutMethod::Bank { .. } => "bank",
        }
    }

    /// What the admin pays to: the email, or the holder and IBAN.
    pub fn destination(&self) -> String {
        match self {
            PayoutMethod::PayPal { email } => email.clone(),
            PayoutMethod::Bank { iban, holder } => format!("{holder} — {iban}"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WithdrawalStatus {
    Requested,
    Paid,
    Rejected,
}

impl WithdrawalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            WithdrawalStatus::Requested => "requested",
            WithdrawalStatus::Paid => "paid",
            WithdrawalStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Requested, Self::Paid, Self::Rejected]
            .into_iter()
            .find(|v| v.as_str() == s)
    }

    pub fn message_id(self) -> &'static str {
        match self {
            WithdrawalStatus::Requested => "withdrawal-status-requested",
            WithdrawalStatus::Paid => "withdrawal-status-paid",
            WithdrawalStatus::Rejected => "withdrawal-status-rejected",
        }
    }
}

/// A withdrawal as its owner and the admin see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdrawal {
    pub id: i64,
    pub user_name: String,
    pub amount: Money,
    pub method: String,
    pub destination: String,
    pub status: WithdrawalStatus,
    pub reason: String,
    pub created_at: i64,
}

/// A withdrawal as the form sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithdrawalRequest {
    pub amount: String,
    pub method: PayoutMethod,
}

/// Checks a withdrawal request: an amount of at least the minimum (the balance is the
/// ledger's to check), a well-formed PayPal email, or an IBAN whose checksum holds and a
/// holder's name. Returns the amount and the method as it will be stored (IBAN without
/// spaces, upper case).
pub fn check_withdrawal(
    request: &WithdrawalRequest,
) -> Result<(Money, PayoutMethod), Vec<crate::validation::FieldError>> {
    use crate::validation::FieldError;
    let mut errors = Vec::new();
    let amount = crate::money::parse_amount(&request.amount);
    match amount {
        None => errors.push(FieldError::new("amount", "wallet-amount-invalid")),
        Some(m) if m < Money::from_cents(MIN_WITHDRAWAL_CENTS) => {
            errors.push(FieldError::new("amount", "error-withdrawal-minimum"))
        }
        Some(_) => {}
    }
    let method = match &request.method {
        PayoutMethod::PayPal { email } => {
            if let Some(problem) = crate::account::email_problem(email) {
                errors.push(FieldError::new("email", problem));
            }
            PayoutMethod::PayPal {
                email: crate::account::normalize_email(email),
            }
        }
        PayoutMethod::Bank { iban, holder } => {
            let compact: String = crate::validation::western_digits(iban)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_uppercase();
            if compact.parse::<iban::Iban>().is_err() {
                errors.push(FieldError::new("iban", "withdrawal-iban-invalid"));
            }
            let holder = holder.trim().to_owned();
            if holder.is_empty() || holder.chars().count() > 100 {
                errors.push(FieldError::new("holder", "withdrawal-holder-invalid"));
            }
            PayoutMethod::Bank {
                iban: compact,
                holder,
            }
        }
    };
    match (errors.is_empty(), amount) {
        (true, Some(amount)) => Ok((amount, method)),
        _ => Err(errors),
    }
}

/// A top-up amount typed by the user (dollars, up to two decimals), within limits.
pub fn parse_top_up(input: &str) -> Result<Money, &'static str> {
    let money = crate::money::parse_amount(input).ok_or("wallet-amount-invalid")?;
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

    fn bank(iban: &str) -> WithdrawalRequest {
        WithdrawalRequest {
            amount: "١٠".into(),
            method: PayoutMethod::Bank {
                iban: iban.into(),
                holder: "سارة العتيبي".into(),
            },
        }
    }

    #[test]
    fn withdrawals_are_checked() {
        // A valid Saudi IBAN, typed in groups and lower case.
        let (amount, method) = check_withdrawal(&bank("sa03 8000 0000 6080 1016 7519")).unwrap();
        assert_eq!(amount, Money::from_dollars(10));
        assert_eq!(
            method,
            PayoutMethod::Bank {
                iban: "SA0380000000608010167519".into(),
                holder: "سارة العتيبي".into()
            }
        );
        // One digit off: the checksum catches it.
        let errors = check_withdrawal(&bank("SA0380000000608010167518")).unwrap_err();
        assert_eq!(errors[0].message, "withdrawal-iban-invalid");
        let small = WithdrawalRequest {
            amount: "9.99".into(),
            method: PayoutMethod::PayPal {
                email: "seller@example.com".into(),
            },
        };
        assert_eq!(
            check_withdrawal(&small).unwrap_err()[0].message,
            "error-withdrawal-minimum"
        );
        let bad_mail = WithdrawalRequest {
            amount: "25".into(),
            method: PayoutMethod::PayPal {
                email: "not an email".into(),
            },
        };
        assert_eq!(check_withdrawal(&bad_mail).unwrap_err()[0].field, "email");
    }

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
