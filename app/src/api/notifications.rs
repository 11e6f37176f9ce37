//! The signed-in user's notifications: the list, the bell's count, and marking them read.

use leptos::prelude::*;
use shared::notifications::Notice;

use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::auth::{accounts, require_user};

#[server(prefix = "/api")]
pub async fn get_notifications() -> Result<Vec<Notice>, AppError> {
    let user = require_user().await?;
    Ok(accounts()?.notifications(user.id).await?)
}

/// The bell's number (0 for a visitor).
#[server(prefix = "/api")]
pub async fn get_unread_count() -> Result<u32, AppError> {
    match crate::auth::current_user().await? {
        Some(user) => Ok(accounts()?.unread_notifications(user.id).await?),
        None => Ok(0),
    }
}

#[server(prefix = "/api")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let user = require_user().await?;
    Ok(accounts()?.mark_notifications_read(user.id).await?)
}
