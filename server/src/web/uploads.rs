//! `POST /uploads`: the HTTP side of image uploads. The pipeline itself (type from the
//! bytes, decoding with limits, re-encoding) is `selling::images`.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use app::auth::signed_in;

use crate::catalog::media_url;
use crate::selling::images::{encode_limited, store, UploadError};
use crate::web::state::AppState;

fn refuse(status: StatusCode, message: &str) -> Response {
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
    let mut bytes = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => match field.bytes().await {
                Ok(b) => bytes = Some(b),
                Err(_) => return refuse(StatusCode::PAYLOAD_TOO_LARGE, "error-upload-too-large"),
            },
            Ok(Some(_)) => continue,
            Ok(None) => break,
            Err(_) => return refuse(StatusCode::BAD_REQUEST, "error-upload-broken"),
        }
    }
    let Some(bytes) = bytes else {
        return refuse(StatusCode::BAD_REQUEST, "error-upload-broken");
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
