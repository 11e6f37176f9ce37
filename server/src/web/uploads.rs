//! The HTTP side of uploads: `POST /uploads` (images for services and avatars; the
//! pipeline itself is `selling::images`) and files attached to orders
//! (`POST /orders/{id}/files`, `GET /orders/{id}/files/{file}`; rules in `orders::files`).

use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use app::auth::signed_in;

use crate::catalog::media_url;
use crate::orders::files::FileError;
use crate::orders::Actor;
use crate::selling::images::{encode_limited, store, UploadError};
use crate::web::state::AppState;
use shared::error::DomainError;

pub(crate) fn refuse(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

/// `POST /uploads` (multipart, one `file` field), for signed-in users. Answers
/// `{path, url, thumb_url}` or `{error}` with a Fluent message id.
pub async fn upload(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    mut multipart: Multipart,
) -> Response {
    let user = match signed_in(&session, &state.accounts).await {
        Ok(Some(user)) => user,
        Ok(None) => return refuse(StatusCode::UNAUTHORIZED, "error-login-required"),
        Err(e) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.incident),
    };
    let bytes = match file_field(&mut multipart).await {
        Ok((_, bytes)) => bytes,
        Err(refused) => return refused,
    };
    let encoded = match encode_limited(bytes).await {
        Ok(encoded) => encoded,
        Err(e @ UploadError::TooLarge) => {
            return refuse(StatusCode::PAYLOAD_TOO_LARGE, &e.to_string())
        }
        Err(e) => return refuse(StatusCode::UNPROCESSABLE_ENTITY, &e.to_string()),
    };
    match store(&state.db, &state.media_dir, user.id, encoded).await {
        Ok((path, thumb)) => Json(json!({
            "path": path,
            "url": media_url(&path),
            "thumb_url": media_url(&thumb),
        }))
        .into_response(),
        Err(e) => refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.incident),
    }
}

/// The multipart form's `file` field: its name as sent and its bytes.
pub(crate) async fn file_field(
    multipart: &mut Multipart,
) -> Result<(String, bytes::Bytes), Response> {
    let mut found = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or("file").to_owned();
                match field.bytes().await {
                    Ok(b) => found = Some((name, b)),
                    Err(_) => {
                        return Err(refuse(
                            StatusCode::PAYLOAD_TOO_LARGE,
                            "error-upload-too-large",
                        ))
                    }
                }
            }
            Ok(Some(_)) => continue,
            Ok(None) => break,
            Err(_) => return Err(refuse(StatusCode::BAD_REQUEST, "error-upload-broken")),
        }
    }
    found.ok_or_else(|| refuse(StatusCode::BAD_REQUEST, "error-upload-broken"))
}

/// Who is asking, as the orders see them; or the answer for a visitor or a failure.
async fn asker(state: &AppState, session: &tower_sessions::Session) -> Result<Actor, Response> {
    match signed_in(session, &state.accounts).await {
        Ok(Some(user)) => Ok(Actor::User {
            id: user.id,
            admin: user.is_admin(),
        }),
        Ok(None) => Err(refuse(StatusCode::UNAUTHORIZED, "error-login-required")),
        Err(e) => Err(refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.incident)),
    }
}

pub(crate) fn domain_refusal(e: DomainError) -> Response {
    let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::BAD_REQUEST);
    match e {
        DomainError::Store(s) => refuse(status, &s.incident),
        DomainError::NotFound => refuse(status, "error-not-found"),
        _ => refuse(status, "error-forbidden"),
    }
}

/// `POST /orders/{id}/files` (multipart, one `file` field): stores a file for the order's
/// next action or message by the same person. Answers `{id, name, size_bytes}` or `{error}`.
pub async fn upload_order_file(
    State(state): State<AppState>,
    Path(order_id): Path<i64>,
    session: tower_sessions::Session,
    mut multipart: Multipart,
) -> Response {
    let actor = match asker(&state, &session).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let (name, bytes) = match file_field(&mut multipart).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    stored(
        state
            .order_flow
            .store_file(&state.files_dir, actor, order_id, &name, bytes)
            .await,
    )
}

/// The answer to a private file's upload: `{id, name, size_bytes}`, or `{error}`.
pub(crate) fn stored(result: Result<shared::orders::OrderFile, FileError>) -> Response {
    match result {
        Ok(file) => Json(file).into_response(),
        Err(FileError::Rejected(message)) => refuse(StatusCode::UNPROCESSABLE_ENTITY, message),
        Err(FileError::Domain(e)) => domain_refusal(e),
    }
}

/// The answer to a private file's download: the file, or why not.
pub(crate) async fn found(
    result: Result<(std::path::PathBuf, String, String), DomainError>,
) -> Response {
    match result {
        Ok((path, name, mime)) => attachment(&path, &name, mime).await,
        Err(e) => domain_refusal(e),
    }
}

/// `GET /orders/{id}/files/{file}`: the file, as an attachment, for the order's parties
/// and admins only (404 for anyone else, 401 for a visitor).
pub async fn order_file(
    State(state): State<AppState>,
    Path((order_id, file_id)): Path<(i64, i64)>,
    session: tower_sessions::Session,
) -> Response {
    let actor = match asker(&state, &session).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    found(
        state
            .order_flow
            .file(&state.files_dir, actor, order_id, file_id)
            .await,
    )
    .await
}

/// A private file as a download (`Content-Disposition: attachment`, the name in UTF-8).
pub(crate) async fn attachment(path: &std::path::Path, name: &str, mime: String) -> Response {
    let Ok(bytes) = tokio::fs::read(&path).await else {
        return refuse(StatusCode::NOT_FOUND, "error-not-found");
    };
    let disposition = format!(
        "attachment; filename=\"file\"; filename*=UTF-8''{}",
        shared::search::encode(name)
    );
    (
        [
            (header::CONTENT_TYPE, mime),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}
