//! Favorites of the signed-in user.

use leptos::prelude::*;
use shared::catalog::ServiceCard;

use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::{api::provided, auth::require_user, Favorites};

#[server(prefix = "/api")]
pub async fn set_favorite(service_id: i64, favorite: bool) -> Result<bool, AppError> {
    let user = require_user().await?;
    Ok(provided::<Favorites>("favorites")?
        .set_favorite(user.id, service_id, favorite)
        .await?)
}

/// The ids of the user's favorites (none for a visitor), to fill in the hearts.
#[server(prefix = "/api")]
pub async fn get_favorite_ids() -> Result<Vec<i64>, AppError> {
    match crate::auth::current_user().await? {
        Some(user) => Ok(provided::<Favorites>("favorites")?
            .favorite_ids(user.id)
            .await?),
        None => Ok(Vec::new()),
    }
}

#[server(prefix = "/api")]
pub async fn get_favorites() -> Result<Vec<ServiceCard>, AppError> {
    let user = require_user().await?;
    Ok(provided::<Favorites>("favorites")?
        .favorites(user.id)
        .await?)
}
