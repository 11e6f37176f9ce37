//! Moderation, for admins only.

use leptos::prelude::*;
use shared::selling::{ReviewItem, UserRow};

use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::{api::provided, auth::require_admin, Moderation};

#[server(prefix = "/api")]
pub async fn get_review_queue() -> Result<Vec<ReviewItem>, AppError> {
    require_admin().await?;
    Ok(provided::<Moderation>("moderation")?.review_queue().await?)
}

#[server(prefix = "/api")]
pub async fn approve_service(id: i64, version: i64) -> Result<(), AppError> {
    require_admin().await?;
    Ok(provided::<Moderation>("moderation")?
        .approve(id, version)
        .await?)
}

#[server(prefix = "/api")]
pub async fn reject_service(id: i64, version: i64, reason: String) -> Result<(), AppError> {
    require_admin().await?;
    Ok(provided::<Moderation>("moderation")?
        .reject(id, version, &reason)
        .await?)
}

#[server(prefix = "/api")]
pub async fn get_users(search: String) -> Result<Vec<UserRow>, AppError> {
    require_admin().await?;
    Ok(provided::<Moderation>("moderation")?.users(&search).await?)
}

#[server(prefix = "/api")]
pub async fn set_user_suspended(id: i64, suspended: bool) -> Result<(), AppError> {
    require_admin().await?;
    Ok(provided::<Moderation>("moderation")?
        .set_suspended(id, suspended)
        .await?)
}
