//! A seller's own services. Every call names the signed-in user as the seller; the store
//! refuses services that are not theirs.

use leptos::prelude::*;
use shared::selling::{EditableService, MyService};
use shared::service_form::ServiceDraft;

use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::{api::provided, auth::require_user, Selling};

#[server(prefix = "/api")]
pub async fn get_my_services() -> Result<Vec<MyService>, AppError> {
    let user = require_user().await?;
    Ok(provided::<Selling>("selling")?.my_services(user.id).await?)
}

/// The signed-in seller's level, their figures and what each level asks.
#[server(prefix = "/api")]
pub async fn get_my_level() -> Result<shared::seller_level::MyLevel, AppError> {
    let user = require_user().await?;
    Ok(provided::<Selling>("selling")?.my_level(user.id).await?)
}

#[server(prefix = "/api")]
pub async fn get_editable_service(id: i64) -> Result<EditableService, AppError> {
    let user = require_user().await?;
    Ok(provided::<Selling>("selling")?
        .editable(user.id, id)
        .await?)
}

/// Creates (`id` = None) or edits a service; `submit` sends it to review.
#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn save_service(
    id: Option<i64>,
    draft: ServiceDraft,
    submit: bool,
) -> Result<i64, AppError> {
    let user = require_user().await?;
    Ok(provided::<Selling>("selling")?
        .save(&user, id, draft, submit)
        .await?)
}

/// Deletes one of the seller's services (archived: its orders keep their snapshot).
#[server(prefix = "/api")]
pub async fn archive_service(id: i64) -> Result<(), AppError> {
    let user = require_user().await?;
    Ok(provided::<Selling>("selling")?.archive(user.id, id).await?)
}

#[server(prefix = "/api")]
pub async fn set_service_paused(id: i64, paused: bool) -> Result<(), AppError> {
    let user = require_user().await?;
    Ok(provided::<Selling>("selling")?
        .set_paused(user.id, id, paused)
        .await?)
}
