//! The HTTP side of conversations that is not a server function: their files
//! (`POST /messages/{id}/files`, `GET /messages/{id}/files/{file}`), the message form
//! posted without JavaScript (`POST /messages`), live updates (`GET /live`), and the
//! files attached to buyer requests (`/requests/{id}/files`).

use std::convert::Infallible;
use std::time::Duration;

use app::auth::signed_in;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use futures::Stream;
use serde::Deserialize;
use shared::error::DomainError;
use shared::messages::LiveUpdate;
use tokio::sync::broadcast::error::RecvError;

use crate::notifications::live::Live;
use crate::web::state::AppState;
use crate::web::uploads::{domain_refusal, file_field, found, refuse, stored};

/// The signed-in user's id, or the answer for a visitor or a failure.
async fn member(state: &AppState, session: &tower_sessions::Session) -> Result<i64, Response> {
    match signed_in(session, &state.accounts).await {
        Ok(Some(user)) => Ok(user.id),
        Ok(None) => Err(refuse(StatusCode::UNAUTHORIZED, "error-login-required")),
        Err(e) => Err(refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.incident)),
    }
}

/// `POST /messages/{id}/files` (multipart, one `file` field): a file for the sender's next
/// message in the conversation. Answers `{id, name, size_bytes}` or `{error}`.
pub async fn upload_message_file(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    session: tower_sessions::Session,
    mut multipart: Multipart,
) -> Response {
    let user = match member(&state, &session).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let (name, bytes) = match file_field(&mut multipart).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    stored(
        state
            .conversations
            .store_file(&state.files_dir, user, id, &name, bytes)
            .await,
    )
}

/// `GET /messages/{id}/files/{file}`: for the conversation's two members only (404 for
/// anyone else, admins included; 401 for a visitor).
pub async fn message_file(
    State(state): State<AppState>,
    Path((id, file)): Path<(i64, i64)>,
    session: tower_sessions::Session,
) -> Response {
    let user = match member(&state, &session).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    found(
        state
            .conversations
            .file(&state.files_dir, user, id, file)
            .await,
    )
    .await
}

/// `POST /requests/{id}/files` (multipart, one `file` field): a file the buyer attaches
/// to their request. Answers `{id, name, size_bytes}` or `{error}`.
pub async fn upload_request_file(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    session: tower_sessions::Session,
    mut multipart: Multipart,
) -> Response {
    let user = match member(&state, &session).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let (name, bytes) = match file_field(&mut multipart).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    stored(
        state
            .request_files
            .store_file(&state.files_dir, user, id, &name, bytes)
            .await,
    )
}

/// `GET /requests/{id}/files/{file}`: for signed-in members who may see the request.
pub async fn request_file(
    State(state): State<AppState>,
    Path((id, file)): Path<(i64, i64)>,
    session: tower_sessions::Session,
) -> Response {
    let viewer = match signed_in(&session, &state.accounts).await {
        Ok(Some(user)) => (user.id, user.is_admin()),
        Ok(None) => return refuse(StatusCode::UNAUTHORIZED, "error-login-required"),
        Err(e) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.incident),
    };
    found(
        state
            .request_files
            .file(&state.files_dir, viewer, id, file)
            .await,
    )
    .await
}

#[derive(Deserialize)]
pub struct MessageForm {
    #[serde(default)]
    service: Option<i64>,
    #[serde(default)]
    conversation: Option<i64>,
    #[serde(default)]
    body: String,
}

/// `POST /messages`: the message forms without JavaScript (with it, the page calls the
/// server functions instead). A first message about a service (`service`) or one in a
/// conversation (`conversation`). Sent: to the conversation. Refused: back to the form
/// with the reason (`?refused=<message id>`), nothing stored.
pub async fn post_message(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Form(form): Form<MessageForm>,
) -> Response {
    let back = match (form.conversation, form.service) {
        (Some(id), _) => format!("/messages/{id}"),
        (None, Some(service)) => format!("/services/{service}/contact"),
        (None, None) => return refuse(StatusCode::BAD_REQUEST, "error-not-found"),
    };
    let user = match signed_in(&session, &state.accounts).await {
        Ok(Some(user)) => user.id,
        Ok(None) => {
            let next = shared::search::encode(&back);
            return Redirect::to(&format!("/login?next={next}")).into_response();
        }
        Err(e) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.incident),
    };
    let sent = match (form.conversation, form.service) {
        (Some(id), _) => state
            .messages
            .send(user, id, &form.body, &[])
            .await
            .map(|()| id),
        (None, Some(service)) => state.messages.contact(user, service, &form.body).await,
        (None, None) => unreachable!("answered above"),
    };
    match sent {
        Ok(id) => Redirect::to(&format!("/messages/{id}")).into_response(),
        Err(DomainError::Invalid(errors)) => {
            let message = errors
                .first()
                .map_or("error-invalid", |e| e.message.as_str());
            let sep = if back.contains('?') { '&' } else { '?' };
            Redirect::to(&format!("{back}{sep}refused={message}")).into_response()
        }
        Err(DomainError::Refused(r)) => {
            let sep = if back.contains('?') { '&' } else { '?' };
            Redirect::to(&format!("{back}{sep}refused={}", r.message_id())).into_response()
        }
        Err(e) => domain_refusal(e),
    }
}

/// `GET /live`: server-sent events for the signed-in user. The first event is the badges
/// as they are; then one each time a notification of theirs commits (a message, an order
/// step…), with the conversation it is about. A browser whose connection drops reconnects
/// by itself (`retry`) and gets the badges as they are then, so it misses no count; the
/// conversation page reloads its messages on every (re)connection for the same reason.
pub async fn live(State(state): State<AppState>, session: tower_sessions::Session) -> Response {
    let user = match member(&state, &session).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let signals = state.db.live().subscribe().await;
    Sse::new(updates(state, user, signals))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response()
}

fn updates(
    state: AppState,
    user: i64,
    signals: tokio::sync::broadcast::Receiver<crate::notifications::live::Signal>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let first = Some(LiveUpdate::default());
    futures::stream::unfold(
        (state, signals, first),
        move |(state, mut signals, first)| async move {
            let conversation = if first.is_some() {
                None
            } else {
                loop {
                    match signals.recv().await {
                        Ok(s) if s.user == user => {
                            if Live::visible(&state.db, s.notification).await {
                                break s.conversation;
                            }
                        }
                        Ok(_) => continue,
                        // Too slow a reader: the counts read now are right anyway.
                        Err(RecvError::Lagged(_)) => break None,
                        Err(RecvError::Closed) => return None,
                    }
                }
            };
            let badges = state.conversations.badges(user).await.unwrap_or_default();
            let update = LiveUpdate {
                badges,
                conversation,
            };
            let event = Event::default()
                .event("update")
                .retry(Duration::from_secs(3))
                .json_data(update)
                .unwrap_or_default();
            Some((Ok(event), (state, signals, None)))
        },
    )
}
