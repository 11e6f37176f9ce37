//! Accounts: sign-up, email verification, login, password reset and change, profile.

use leptos::prelude::*;
use shared::account::{Profile, SessionUser};

use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::auth::{accounts, client_address, require_user, start_session};

/// The signed-in user, if any (the header shows their menu).
#[server(prefix = "/api")]
pub async fn get_me() -> Result<Option<SessionUser>, AppError> {
    crate::auth::current_user().await
}

#[server(prefix = "/api")]
pub async fn register(
    first_name: String,
    last_name: String,
    email: String,
    password: String,
    username: String,
) -> Result<(), AppError> {
    let form = shared::account::SignUp {
        first_name,
        last_name,
        email,
        password,
        username,
    };
    let accounts = accounts()?;
    let (_, auth) = accounts.sign_up(form, &client_address()).await?;
    // Their emails will be written in the language they signed up in.
    accounts
        .set_language(auth.user_id, crate::i18n::current_lang())
        .await?;
    start_session(auth).await?;
    crate::api::cart::merge_visitor_cart(auth.user_id).await
}

#[server(prefix = "/api")]
pub async fn log_in(email: String, password: String) -> Result<(), AppError> {
    let accounts = accounts()?;
    let (_, auth) = accounts
        .log_in(&email, &password, &client_address())
        .await?;
    accounts
        .set_language(auth.user_id, crate::i18n::current_lang())
        .await?;
    start_session(auth).await?;
    // The cart filled before logging in is kept.
    crate::api::cart::merge_visitor_cart(auth.user_id).await
}

#[server(prefix = "/api")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    Ok(accounts()?.verify_email(&token).await?)
}

#[server(prefix = "/api")]
pub async fn resend_verification() -> Result<(), AppError> {
    let user = require_user().await?;
    Ok(accounts()?.resend_verification(user.id).await?)
}

#[server(prefix = "/api")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    Ok(accounts()?
        .request_password_reset(&email, &client_address())
        .await?)
}

#[server(prefix = "/api")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    Ok(accounts()?.reset_password(&token, &password).await?)
}

/// Ends every other session of the user; this one continues under a new id.
#[server(prefix = "/api")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    let user = require_user().await?;
    let auth = accounts()?
        .change_password(user.id, &current_password, &new_password)
        .await?;
    start_session(auth).await
}

#[server(prefix = "/api")]
pub async fn get_profile() -> Result<Profile, AppError> {
    let user = require_user().await?;
    Ok(accounts()?.profile(user.id).await?)
}

#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn update_profile(profile: Profile) -> Result<(), AppError> {
    let user = require_user().await?;
    Ok(accounts()?.update_profile(user.id, profile).await?)
}

/// Which notification emails the user gets.
#[server(prefix = "/api")]
pub async fn get_mail_preferences() -> Result<shared::notifications::MailPreferences, AppError> {
    let user = require_user().await?;
    Ok(accounts()?.mail_preferences(user.id).await?)
}

#[server(prefix = "/api", input = leptos::server_fn::codec::Json)]
pub async fn save_mail_preferences(
    preferences: shared::notifications::MailPreferences,
) -> Result<(), AppError> {
    let user = require_user().await?;
    Ok(accounts()?
        .set_mail_preferences(user.id, preferences)
        .await?)
}
