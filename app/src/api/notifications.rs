//! The signed-in user's notifications: the list and marking them read (the bell's count
//! comes with the other badges, `api::messages::get_badges`).

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

#[server(prefix = "/api")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let user = require_user().await?;
    Ok(accounts()?.mark_notifications_read(user.id).await?)
}
