//! Buyer requests: the public list, a request's page, posting and closing (its buyer),
//! offers (sellers), the checkout page of an offer, and moderation (admins).

use leptos::prelude::*;
use shared::requests::{
    OfferDraft, RequestCard, RequestDraft, RequestList, RequestPage, RequestQuery,
};

use crate::api::cart::CartPage;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::{api::provided, auth::require_user, Requests};

/// Open requests (anyone may read them).
#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn get_requests(query: RequestQuery) -> Result<RequestList, AppError> {
    Ok(provided::<Requests>("requests")?.list(&query).await?)
}

/// The signed-in member's own requests.
#[server(prefix = "/api")]
pub async fn get_my_requests() -> Result<Vec<RequestCard>, AppError> {
    let user = require_user().await?;
    Ok(provided::<Requests>("requests")?.mine(user.id).await?)
}

/// A request's page: what the viewer may see of it (a pending or rejected one: its buyer
/// and admins only).
#[server(prefix = "/api")]
pub async fn get_request(id: i64) -> Result<RequestPage, AppError> {
    let viewer = crate::auth::current_user()
        .await?
        .map(|u| (u.id, u.is_admin()));
    Ok(provided::<Requests>("requests")?.page(viewer, id).await?)
}

/// Posts a request (moderated before it is shown); answers its id.
#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn post_request(draft: RequestDraft) -> Result<i64, AppError> {
    let user = require_user().await?;
    Ok(provided::<Requests>("requests")?
        .post(user.id, draft)
        .await?)
}

/// Makes or changes the seller's offer; answers with the page as it is after.
#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn make_offer(request: i64, draft: OfferDraft) -> Result<RequestPage, AppError> {
    let user = require_user().await?;
    let requests = provided::<Requests>("requests")?;
    requests.offer(user.id, request, draft).await?;
    Ok(requests
        .page(Some((user.id, user.is_admin())), request)
        .await?)
}

/// Closes the buyer's request without an order, or deletes it.
#[server(prefix = "/api")]
pub async fn close_request(id: i64, delete: bool) -> Result<(), AppError> {
    let user = require_user().await?;
    Ok(provided::<Requests>("requests")?
        .close(user.id, id, delete)
        .await?)
}

/// The checkout page of an offer on the buyer's request.
#[server(prefix = "/api")]
pub async fn get_offer_checkout(offer: i64) -> Result<CartPage, AppError> {
    let user = require_user().await?;
    let cart = provided::<Requests>("requests")?
        .offer_checkout(user.id, offer)
        .await?;
    crate::api::cart::cart_page(cart, Some(user.id)).await
}

/// Requests waiting for moderation, with their descriptions (admins).
#[server(prefix = "/api")]
pub async fn get_request_queue() -> Result<Vec<(RequestCard, String)>, AppError> {
    crate::auth::require_admin().await?;
    Ok(provided::<Requests>("requests")?.queue().await?)
}

/// Approves or rejects (with a reason) a pending request (admins).
#[server(prefix = "/api")]
pub async fn decide_request(id: i64, approve: bool, reason: String) -> Result<(), AppError> {
    crate::auth::require_admin().await?;
    Ok(provided::<Requests>("requests")?
        .decide(id, approve, &reason)
        .await?)
}
