//! Card payments. The site talks to a `PaymentGateway`; the built-in sandbox (the
//! default, labeled "test mode" in the UI) decides by the sandbox test card numbers.

use std::sync::Arc;

use async_trait::async_trait;
use shared::card::{Card, SANDBOX_CARD_DECLINED, SANDBOX_CARD_NETWORK_ERROR};
use shared::money::Money;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GatewayError {
    /// The card's bank said no.
    #[error("card declined")]
    Declined,
    /// The gateway could not be reached or did not answer.
    #[error("gateway unavailable")]
    Unavailable,
}

#[async_trait]
pub trait PaymentGateway: Send + Sync + 'static {
    /// Test mode: no real money moves (the UI says so).
    fn is_sandbox(&self) -> bool;
    /// Charges `amount` to `card`; `reference` is our idempotency key for the charge.
    /// Returns the gateway's reference for it.
    async fn charge(
        &self,
        card: &Card,
        amount: Money,
        reference: &str,
    ) -> Result<String, GatewayError>;
}

pub type Gateway = Arc<dyn PaymentGateway>;

/// Every valid card succeeds except the two sandbox failure numbers.
pub struct Sandbox;

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

#[async_trait]
impl PaymentGateway for Sandbox {
    fn is_sandbox(&self) -> bool {
        true
    }

    async fn charge(
        &self,
        card: &Card,
        _amount: Money,
        reference: &str,
    ) -> Result<String, GatewayError> {
        if card.number == digits(SANDBOX_CARD_DECLINED) {
            Err(GatewayError::Declined)
        } else if card.number == digits(SANDBOX_CARD_NETWORK_ERROR) {
            Err(GatewayError::Unavailable)
        } else {
            Ok(format!("sandbox_{reference}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::card::{check_card, CardInput, SANDBOX_CARD_OK};

    fn card(number: &str) -> Card {
        check_card(
            &CardInput {
                number: number.into(),
                expiry: "12/30".into(),
                cvc: "123".into(),
            },
            None,
        )
        .unwrap()
    }

    #[tokio::test]
    async fn sandbox_answers_by_card_number() {
        let amount = Money::from_dollars(10);
        assert!(Sandbox
            .charge(&card(SANDBOX_CARD_OK), amount, "k")
            .await
            .is_ok());
        assert_eq!(
            Sandbox
                .charge(&card(SANDBOX_CARD_DECLINED), amount, "k")
                .await,
            Err(GatewayError::Declined)
        );
        assert_eq!(
            Sandbox
                .charge(&card(SANDBOX_CARD_NETWORK_ERROR), amount, "k")
                .await,
            Err(GatewayError::Unavailable)
        );
    }
}
