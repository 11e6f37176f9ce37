//! The cart. A signed-in buyer's cart is stored by the server; a visitor's lives in their
//! session and is merged into their cart when they log in or sign up.

use leptos::prelude::*;
use shared::cart::CartView;

use crate::error::AppError;

#[cfg(feature = "ssr")]
mod visitor {
    use shared::cart::{merge_item, CartItem, Merged};
    use tower_sessions::Session;

    use crate::error::AppError;

    /// The session key of a visitor's cart.
    const CART_KEY: &str = "cart";

    pub async fn items(session: &Session) -> Vec<CartItem> {
        session
            .get::<Vec<CartItem>>(CART_KEY)
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    pub async fn save(session: &Session, items: &[CartItem]) -> Result<(), AppError> {
        session
            .insert(CART_KEY, items)
            .await
            .map_err(|_| AppError::internal("session-cart"))
    }

    pub async fn take(session: &Session) -> Vec<CartItem> {
        session
            .remove::<Vec<CartItem>>(CART_KEY)
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// Lines are numbered from 1 by their position.
    pub fn numbered(items: Vec<CartItem>) -> Vec<(i64, CartItem)> {
        items
            .into_iter()
            .enumerate()
            .map(|(i, it)| (i as i64 + 1, it))
            .collect()
    }

    pub fn index(items: &[CartItem], line_id: i64) -> Result<usize, AppError> {
        // Line ids come from the request: any i64, so no arithmetic that can overflow.
        line_id
            .checked_sub(1)
            .and_then(|i| usize::try_from(i).ok())
            .filter(|i| *i < items.len())
            .ok_or(AppError::NOT_FOUND)
    }

    pub fn add(items: &mut Vec<CartItem>, item: CartItem) -> Result<(), AppError> {
        match merge_item(items, item) {
            Merged::Full => Err(shared::error::Refusal::CartFull {
                max: shared::cart::MAX_LINES as u32,
            }
            .into()),
            _ => Ok(()),
        }
    }
}

#[cfg(feature = "ssr")]
fn carts() -> Result<crate::Carts, AppError> {
    crate::api::provided::<crate::Carts>("carts")
}

/// The id of the signed-in user asking, if any (looked up once per server function).
#[cfg(feature = "ssr")]
async fn buyer() -> Result<Option<i64>, AppError> {
    Ok(crate::auth::current_user().await?.map(|u| u.id))
}

/// The cart of `buyer` (the session's, for a visitor), priced now.
#[cfg(feature = "ssr")]
async fn current_cart(buyer: Option<i64>) -> Result<CartView, AppError> {
    let carts = carts()?;
    match buyer {
        Some(id) => Ok(carts.view(Some(id), carts.lines(id).await?).await?),
        None => {
            let items = visitor::items(&crate::auth::session()?).await;
            Ok(carts.view(None, visitor::numbered(items)).await?)
        }
    }
}

/// Moves a visitor's cart into the user's; called right after login or sign-up.
#[cfg(feature = "ssr")]
pub async fn merge_visitor_cart(user_id: i64) -> Result<(), AppError> {
    let items = visitor::take(&crate::auth::session()?).await;
    Ok(carts()?.merge(user_id, items).await?)
}

/// Lines in the cart of whoever is asking (the header's badge).
#[server(prefix = "/api")]
pub async fn get_cart_count() -> Result<u32, AppError> {
    match buyer().await? {
        Some(id) => Ok(carts()?.lines(id).await?.len() as u32),
        None => Ok(visitor::items(&crate::auth::session()?).await.len() as u32),
    }
}

/// A cart page: the priced lines, and whether the buyer may pay (signed in) or must log in.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CartPage {
    pub cart: CartView,
    pub signed_in: bool,
    /// The buyer's wallet balance (zero for a visitor), for the pay panel.
    pub available: shared::money::Money,
    /// Payments are in test mode (the sandbox gateway).
    pub sandbox: bool,
}

/// The page around a priced cart: the buyer's balance comes with it, so the pay panel
/// needs no second request.
#[cfg(feature = "ssr")]
pub(crate) async fn cart_page(cart: CartView, buyer: Option<i64>) -> Result<CartPage, AppError> {
    let wallets = crate::api::provided::<crate::Wallets>("wallets")?;
    let available = match buyer {
        Some(id) => wallets.wallet(id).await?.available,
        None => shared::money::Money::ZERO,
    };
    Ok(CartPage {
        cart,
        signed_in: buyer.is_some(),
        available,
        sandbox: wallets.is_sandbox(),
    })
}

#[server(prefix = "/api")]
pub async fn get_cart() -> Result<CartPage, AppError> {
    let buyer = buyer().await?;
    cart_page(current_cart(buyer).await?, buyer).await
}

/// "Order now": one service with upgrades and a quantity, priced now.
#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn get_order_now(
    service_id: i64,
    upgrades: Vec<i64>,
    quantity: u32,
) -> Result<CartPage, AppError> {
    let buyer = buyer().await?;
    let carts = carts()?;
    let item = carts.choose(buyer, service_id, &upgrades, quantity).await?;
    cart_page(carts.view(buyer, vec![(0, item)]).await?, buyer).await
}

/// Adds a service with upgrades and a quantity; answers the number of lines.
#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn add_to_cart(
    service_id: i64,
    upgrades: Vec<i64>,
    quantity: u32,
) -> Result<u32, AppError> {
    let carts = carts()?;
    match buyer().await? {
        Some(id) => {
            let item = carts
                .choose(Some(id), service_id, &upgrades, quantity)
                .await?;
            carts.add(id, item).await?;
            Ok(carts.lines(id).await?.len() as u32)
        }
        None => {
            let item = carts.choose(None, service_id, &upgrades, quantity).await?;
            let session = crate::auth::session()?;
            let mut items = visitor::items(&session).await;
            visitor::add(&mut items, item)?;
            visitor::save(&session, &items).await?;
            Ok(items.len() as u32)
        }
    }
}

/// Changes a line's upgrades and quantity (at today's price: this also accepts a change).
#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn update_cart_line(
    line_id: i64,
    upgrades: Vec<i64>,
    quantity: u32,
) -> Result<CartView, AppError> {
    let carts = carts()?;
    let buyer = buyer().await?;
    match buyer {
        Some(id) => {
            let service_id = carts
                .lines(id)
                .await?
                .into_iter()
                .find(|(line, _)| *line == line_id)
                .map(|(_, it)| it.service_id)
                .ok_or(AppError::NOT_FOUND)?;
            let item = carts
                .choose(Some(id), service_id, &upgrades, quantity)
                .await?;
            carts.replace(id, line_id, item).await?;
        }
        None => {
            let session = crate::auth::session()?;
            let mut items = visitor::items(&session).await;
            let i = visitor::index(&items, line_id)?;
            let item = carts
                .choose(None, items[i].service_id, &upgrades, quantity)
                .await?;
            shared::cart::replace_item(&mut items, i, item);
            visitor::save(&session, &items).await?;
        }
    }
    current_cart(buyer).await
}

#[server(prefix = "/api")]
pub async fn remove_cart_line(line_id: i64) -> Result<CartView, AppError> {
    let buyer = buyer().await?;
    match buyer {
        Some(id) => carts()?.remove(id, line_id).await?,
        None => {
            let session = crate::auth::session()?;
            let mut items = visitor::items(&session).await;
            let i = visitor::index(&items, line_id)?;
            items.remove(i);
            visitor::save(&session, &items).await?;
        }
    }
    current_cart(buyer).await
}
