//! Who is asking (server side): the session of the current request and its user.

use std::sync::Arc;

use leptos::prelude::*;
use shared::account::SessionUser;
use shared::error::StoreError;
use shared::ports::{AccountStore, SessionAuth};
use tower_sessions::Session;

use crate::error::AppError;

pub type Accounts = Arc<dyn AccountStore>;

/// The session key holding [`SessionAuth`].
pub const AUTH_KEY: &str = "auth";

fn session_error(e: tower_sessions::session::Error) -> AppError {
    StoreError::incident("session store", e).into()
}

/// The user of `session`, if any. A stale session (password changed, user suspended)
/// is ended here.
pub async fn signed_in(
    session: &Session,
    accounts: &Accounts,
) -> Result<Option<SessionUser>, StoreError> {
    let auth = match session.get::<SessionAuth>(AUTH_KEY).await {
        Ok(auth) => auth,
        Err(e) => {
            tracing::warn!(error = %e, "unreadable session");
            None
        }
    };
    let Some(auth) = auth else {
        return Ok(None);
    };
    let user = accounts.session_user(auth).await?;
    if user.is_none() {
        let _ = session.flush().await;
    }
    Ok(user)
}

pub fn accounts() -> Result<Accounts, AppError> {
    use_context::<Accounts>().ok_or_else(|| AppError::internal("no-accounts"))
}

/// The session of the request being served.
pub fn session() -> Result<Session, AppError> {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Session>().cloned())
        .ok_or_else(|| AppError::internal("no-session"))
}

pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    Ok(signed_in(&session()?, &accounts()?).await?)
}

pub async fn require_user() -> Result<SessionUser, AppError> {
    current_user().await?.ok_or(AppError::LOGIN_REQUIRED)
}

pub async fn require_admin() -> Result<SessionUser, AppError> {
    let user = require_user().await?;
    if user.is_admin() {
        Ok(user)
    } else {
        Err(AppError::FORBIDDEN)
    }
}

/// Starts a signed-in session under a new id: whatever id the browser had before (a
/// visitor's, or another user's) stops working.
pub async fn start_session(auth: SessionAuth) -> Result<(), AppError> {
    let session = session()?;
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(AUTH_KEY, auth)
        .await
        .map_err(session_error)?;
    Ok(())
}

/// Ends the session on the server (the row is deleted) and in the browser.
pub async fn end_session(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_error)
}

/// The client's address as the server decided it (the peer, or what a trusted proxy
/// says): put into each request's extensions by the server's middleware.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub String);

/// The client's address, for throttling.
pub fn client_address() -> String {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientAddress>().map(|c| c.0.clone()))
        .unwrap_or_else(|| "unknown".to_owned())
}
