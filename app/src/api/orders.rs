//! Wallet and withdrawals, checkout, the confirmation page, the order lists, and the
//! order page with its actions and messages.

use leptos::prelude::*;
use shared::card::CardInput;
use shared::orders::{ActionRequest, CheckoutRequest, OrderDetail, OrderRow, Receipt};
use shared::reviews::ReviewRequest;
use shared::wallet::{Wallet, Withdrawal, WithdrawalRequest};

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

/// The order page (its buyer, its seller and admins only; anyone else gets 404).
#[server(prefix = "/api")]
pub async fn get_order(id: i64) -> Result<OrderDetail, AppError> {
    let user = require_user().await?;
    Ok(provided::<Orders>("orders")?.order(&user, id).await?)
}

/// Takes a step of the order's lifecycle; answers with the page as it is after it.
#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn order_action(id: i64, request: ActionRequest) -> Result<OrderDetail, AppError> {
    let user = require_user().await?;
    Ok(provided::<Orders>("orders")?
        .act(&user, id, request)
        .await?)
}

#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn order_message(
    id: i64,
    body: String,
    files: Vec<i64>,
) -> Result<OrderDetail, AppError> {
    let user = require_user().await?;
    Ok(provided::<Orders>("orders")?
        .message(&user, id, &body, &files)
        .await?)
}

/// Rates the order (its buyer) or replies to its review (its seller); answers with the
/// page as it is after.
#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn review_order(id: i64, request: ReviewRequest) -> Result<OrderDetail, AppError> {
    let user = require_user().await?;
    Ok(provided::<Orders>("orders")?
        .review(&user, id, request)
        .await?)
}

#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn request_withdrawal(request: WithdrawalRequest) -> Result<Wallet, AppError> {
    let user = require_user().await?;
    Ok(provided::<Wallets>("wallets")?
        .request_withdrawal(user.id, request)
        .await?)
}

/// Disputed orders waiting for a ruling (admins only).
#[server(prefix = "/api")]
pub async fn get_disputes() -> Result<Vec<OrderRow>, AppError> {
    crate::auth::require_admin().await?;
    Ok(provided::<Orders>("orders")?.disputes().await?)
}

/// Requested withdrawals (admins only).
#[server(prefix = "/api")]
pub async fn get_withdrawal_queue() -> Result<Vec<Withdrawal>, AppError> {
    crate::auth::require_admin().await?;
    Ok(provided::<Wallets>("wallets")?.withdrawal_queue().await?)
}

/// Pays or rejects (with a reason) a withdrawal (admins only).
#[server(prefix = "/api")]
pub async fn decide_withdrawal(id: i64, paid: bool, reason: String) -> Result<(), AppError> {
    crate::auth::require_admin().await?;
    Ok(provided::<Wallets>("wallets")?
        .decide_withdrawal(id, paid, &reason)
        .await?)
}
