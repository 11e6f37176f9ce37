//! Wallet, checkout, the confirmation page, and the buyer's and seller's order lists.

use leptos::prelude::*;
use shared::card::CardInput;
use shared::orders::{CheckoutRequest, OrderRow, Receipt};
use shared::wallet::Wallet;

use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::{api::provided, auth::require_user, Orders, Wallets};

/// The wallet, and whether payments are in test mode.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WalletPage {
    pub wallet: Wallet,
    pub sandbox: bool,
}

#[server(prefix = "/api")]
pub async fn get_wallet() -> Result<WalletPage, AppError> {
    let user = require_user().await?;
    let wallets = provided::<Wallets>("wallets")?;
    Ok(WalletPage {
        wallet: wallets.wallet(user.id).await?,
        sandbox: wallets.is_sandbox(),
    })
}

#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn top_up(key: String, amount: String, card: CardInput) -> Result<Wallet, AppError> {
    let user = require_user().await?;
    let amount = shared::wallet::parse_top_up(&amount).map_err(|message| {
        AppError::Domain(shared::error::DomainError::field("amount", message))
    })?;
    Ok(provided::<Wallets>("wallets")?
        .top_up(user.id, &key, amount, &card)
        .await?)
}

#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn checkout(request: CheckoutRequest) -> Result<Receipt, AppError> {
    let user = require_user().await?;
    Ok(provided::<Orders>("orders")?
        .checkout(user.id, request)
        .await?)
}

#[server(prefix = "/api")]
pub async fn get_receipt(checkout_id: i64) -> Result<Receipt, AppError> {
    let user = require_user().await?;
    Ok(provided::<Orders>("orders")?
        .receipt(user.id, checkout_id)
        .await?)
}

#[server(prefix = "/api")]
pub async fn get_purchases() -> Result<Vec<OrderRow>, AppError> {
    let user = require_user().await?;
    Ok(provided::<Orders>("orders")?.purchases(user.id).await?)
}

#[server(prefix = "/api")]
pub async fn get_sales() -> Result<Vec<OrderRow>, AppError> {
    let user = require_user().await?;
    Ok(provided::<Orders>("orders")?.sales(user.id).await?)
}
