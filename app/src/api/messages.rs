//! Conversations outside an order: the inbox, a conversation, writing to a seller about
//! a service, and the header's numbers.

use leptos::prelude::*;
use shared::messages::{Badges, Conversation, ConversationRow};

use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::{api::provided, auth::require_user, Messages};

/// A first (or further) message to the seller of a service; answers with the
/// conversation's id.
#[server(prefix = "/api")]
pub async fn contact_seller(service: i64, body: String) -> Result<i64, AppError> {
    let user = require_user().await?;
    Ok(provided::<Messages>("messages")?
        .contact(user.id, service, &body)
        .await?)
}

#[server(prefix = "/api")]
pub async fn get_inbox() -> Result<Vec<ConversationRow>, AppError> {
    let user = require_user().await?;
    Ok(provided::<Messages>("messages")?.inbox(user.id).await?)
}

/// A conversation (its two members only; anyone else gets 404), marked read.
#[server(prefix = "/api")]
pub async fn get_conversation(id: i64) -> Result<Conversation, AppError> {
    let user = require_user().await?;
    Ok(provided::<Messages>("messages")?
        .conversation(user.id, id)
        .await?)
}

/// Sends a message; answers with the conversation as it is after.
#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn send_message(
    id: i64,
    body: String,
    files: Vec<i64>,
) -> Result<Conversation, AppError> {
    let user = require_user().await?;
    let messages = provided::<Messages>("messages")?;
    messages.send(user.id, id, &body, &files).await?;
    Ok(messages.conversation(user.id, id).await?)
}

/// The header's numbers (zeros for a visitor).
#[server(prefix = "/api")]
pub async fn get_badges() -> Result<Badges, AppError> {
    match crate::auth::current_user().await? {
        Some(user) => Ok(provided::<Messages>("messages")?.badges(user.id).await?),
        None => Ok(Badges::default()),
    }
}
