//! Card details typed at checkout or top-up, checked before anything is sent to the
//! payment gateway, and the sandbox gateway's test card numbers.

use serde::{Deserialize, Serialize};

use crate::validation::{western_digits, Errors, FieldError};

/// The sandbox gateway's test cards (shown in the UI in test mode).
pub const SANDBOX_CARD_OK: &str = "4242 4242 4242 4242";
pub const SANDBOX_CARD_DECLINED: &str = "4000 0000 0000 0002";
pub const SANDBOX_CARD_NETWORK_ERROR: &str = "4000 0000 0000 0119";

/// As typed; never stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardInput {
    pub number: String,
    /// `MM/YY`.
    pub expiry: String,
    pub cvc: String,
}

/// A card that passed the checks: digits only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    pub number: String,
    pub exp_month: u32,
    pub exp_year: u32,
}

impl Card {
    pub fn last4(&self) -> &str {
        &self.number[self.number.len() - 4..]
    }
}

fn digits(s: &str) -> String {
    western_digits(s)
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect()
}

/// The Luhn checksum every card number carries.
pub fn luhn_ok(number: &str) -> bool {
    let mut sum = 0;
    for (i, c) in number.chars().rev().enumerate() {
        let Some(d) = c.to_digit(10) else {
            return false;
        };
        sum += if i % 2 == 1 {
            let x = d * 2;
            if x > 9 {
                x - 9
            } else {
                x
            }
        } else {
            d
        };
    }
    sum % 10 == 0
}

/// Checks the card; `today` is `(year, month)`, to refuse expired cards (the browser
/// passes `None` and leaves that to the server).
pub fn check_card(input: &CardInput, today: Option<(u32, u32)>) -> Result<Card, Vec<FieldError>> {
    let number = digits(&input.number);
    let mut errors = Errors::default();
    errors.check(
        "card.number",
        if number.is_empty() {
            Some("error-required")
        } else if !(12..=19).contains(&number.len()) || !luhn_ok(&number) {
            Some("card-number-invalid")
        } else {
            None
        },
    );
    let expiry = digits(&input.expiry);
    let parsed = expiry
        .split_once('/')
        .and_then(|(m, y)| Some((m.trim().parse::<u32>().ok()?, y.trim().parse::<u32>().ok()?)))
        .filter(|(m, y)| (1..=12).contains(m) && *y < 100);
    errors.check(
        "card.expiry",
        match (parsed, today) {
            _ if expiry.is_empty() => Some("error-required"),
            (None, _) => Some("card-expiry-invalid"),
            (Some((m, y)), Some((ty, tm))) if (2000 + y, m) < (ty, tm) => Some("card-expired"),
            _ => None,
        },
    );
    let cvc = digits(&input.cvc);
    errors.check(
        "card.cvc",
        if cvc.is_empty() {
            Some("error-required")
        } else if !(3..=4).contains(&cvc.len()) || !cvc.chars().all(|c| c.is_ascii_digit()) {
            Some("card-cvc-invalid")
        } else {
            None
        },
    );
    errors.finish()?;
    let (exp_month, y) = parsed.unwrap_or((1, 0));
    Ok(Card {
        number,
        exp_month,
        exp_year: 2000 + y,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(number: &str, expiry: &str, cvc: &str) -> CardInput {
        CardInput {
            number: number.into(),
            expiry: expiry.into(),
            cvc: cvc.into(),
        }
    }

    #[test]
    fn sandbox_cards_are_valid_numbers() {
        for n in [
            SANDBOX_CARD_OK,
            SANDBOX_CARD_DECLINED,
            SANDBOX_CARD_NETWORK_ERROR,
        ] {
            let c = check_card(&card(n, "12/30", "123"), Some((2026, 11))).unwrap();
            assert_eq!(c.number.len(), 16);
        }
        assert_eq!(
            check_card(&card(SANDBOX_CARD_OK, "12/30", "123"), None)
                .unwrap()
                .last4(),
            "4242"
        );
    }

    #[test]
    fn arabic_digits_are_read() {
        let c = check_card(&card("٤٢٤٢ ٤٢٤٢ ٤٢٤٢ ٤٢٤٢", "١٢/٣٠", "١٢٣"), None).unwrap();
        assert_eq!(c.number, "4242424242424242");
        assert_eq!((c.exp_month, c.exp_year), (12, 2030));
    }

    #[test]
    fn each_field_gets_its_message() {
        let errs = check_card(&card("4242 4242 4242 4241", "13/30", "12"), None).unwrap_err();
        let fields: Vec<(&str, &str)> = errs
            .iter()
            .map(|e| (e.field.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("card.number", "card-number-invalid"),
                ("card.expiry", "card-expiry-invalid"),
                ("card.cvc", "card-cvc-invalid"),
            ]
        );
        let errs = check_card(&card("", "", ""), None).unwrap_err();
        assert!(errs.iter().all(|e| e.message == "error-required"));
    }

    #[test]
    fn expired_cards_are_refused_only_when_today_is_known() {
        let old = card(SANDBOX_CARD_OK, "10/26", "123");
        assert!(check_card(&old, None).is_ok());
        assert!(check_card(&old, Some((2026, 10))).is_ok());
        let errs = check_card(&old, Some((2026, 11))).unwrap_err();
        assert_eq!(errs[0].message, "card-expired");
    }
}
