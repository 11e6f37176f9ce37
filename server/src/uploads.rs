//! Image uploads (gallery images and avatars). The type is decided by the bytes, never by
//! the file name; every image is decoded (with limits) and re-encoded to WebP, which
//! drops whatever else the file carried; names are generated here.

use std::io::Cursor;
use std::path::Path;

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use image::codecs::webp::WebPEncoder;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use serde_json::json;
use shared::ports::StoreError;

use crate::catalog::media_url;
use crate::clock::now;
use crate::db::{Db, OrIncident};
use crate::http::AppState;
use app::auth::signed_in;

pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// Larger images are scaled down to fit this square.
pub const MAX_SIDE: u32 = 1600;
pub const THUMB_SIDE: u32 = 480;
/// Decoding refuses anything bigger (a small file can claim a huge picture).
const MAX_DECODED_SIDE: u32 = 10_000;
const UPLOAD_DIR: &str = "uploads";

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    #[error("error-upload-type")]
    UnsupportedType,
    #[error("error-upload-too-large")]
    TooLarge,
    #[error("error-upload-broken")]
    Broken,
}

pub struct Encoded {
    pub image: Vec<u8>,
    pub thumb: Vec<u8>,
}

fn webp(img: &DynamicImage) -> Result<Vec<u8>, UploadError> {
    let rgba = img.to_rgba8();
    let mut out = Vec::new();
    WebPEncoder::new_lossless(&mut out)
        .encode(
            rgba.as_raw(),
            rgba.width(),
            rgba.height(),
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|_| UploadError::Broken)?;
    Ok(out)
}

/// Checks, decodes and re-encodes an uploaded image. CPU-bound: call it off the async
/// workers.
pub fn encode(bytes: &[u8]) -> Result<Encoded, UploadError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(UploadError::TooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| UploadError::UnsupportedType)?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP
    ) {
        return Err(UploadError::UnsupportedType);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let img = reader.decode().map_err(|_| UploadError::Broken)?;
    let img = if img.width() > MAX_SIDE || img.height() > MAX_SIDE {
        img.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Triangle)
    } else {
        img
    };
    let thumb = img.thumbnail(THUMB_SIDE, THUMB_SIDE);
    Ok(Encoded {
        image: webp(&img)?,
        thumb: webp(&thumb)?,
    })
}

/// Writes an encoded upload under the media directory and records its owner. Returns the
/// image's path (relative to the media directory) and its thumbnail's.
pub async fn store(
    db: &Db,
    media_dir: &Path,
    owner: i64,
    encoded: Encoded,
) -> Result<(String, String), StoreError> {
    let name: String = rand::random::<[u8; 16]>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let path = format!("{UPLOAD_DIR}/{name}.webp");
    let thumb = format!("{UPLOAD_DIR}/{name}.thumb.webp");
    let dir = media_dir.join(UPLOAD_DIR);
    tokio::fs::create_dir_all(&dir)
        .await
        .or_incident("upload dir")?;
    tokio::fs::write(media_dir.join(&path), &encoded.image)
        .await
        .or_incident("upload write")?;
    tokio::fs::write(media_dir.join(&thumb), &encoded.thumb)
        .await
        .or_incident("upload write")?;
    sqlx::query(
        "INSERT INTO uploads (path, owner_id, thumb_path, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&path)
    .bind(owner)
    .bind(&thumb)
    .bind(now())
    .execute(db.pool())
    .await
    .or_incident("upload record")?;
    Ok((path, thumb))
}

/// True when `path` is an image `user_id` uploaded.
pub async fn owns(db: &Db, user_id: i64, path: &str) -> Result<bool, StoreError> {
    let n = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM uploads WHERE path = $1 AND owner_id = $2",
    )
    .bind(path)
    .bind(user_id)
    .fetch_one(db.pool())
    .await
    .or_incident("upload owner")?;
    Ok(n > 0)
}

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
    let encoded = match tokio::task::spawn_blocking(move || encode(&bytes)).await {
        Ok(Ok(encoded)) => encoded,
        Ok(Err(e @ UploadError::TooLarge)) => {
            return refuse(StatusCode::PAYLOAD_TOO_LARGE, &e.to_string())
        }
        Ok(Err(e)) => return refuse(StatusCode::UNPROCESSABLE_ENTITY, &e.to_string()),
        Err(_) => return refuse(StatusCode::UNPROCESSABLE_ENTITY, "error-upload-broken"),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn images_are_re_encoded_to_webp_with_a_thumbnail() {
        let e = encode(&png(2000, 1000)).unwrap();
        assert_eq!(image::guess_format(&e.image).unwrap(), ImageFormat::WebP);
        let big = image::load_from_memory(&e.image).unwrap();
        assert_eq!((big.width(), big.height()), (1600, 800));
        let thumb = image::load_from_memory(&e.thumb).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (480, 240));
    }

    #[test]
    fn the_bytes_decide_not_the_name() {
        assert_eq!(
            encode(b"<svg xmlns='http://www.w3.org/2000/svg'/>").err(),
            Some(UploadError::UnsupportedType)
        );
        assert_eq!(encode(b"GIF89a garbage").err(), Some(UploadError::Broken));
        let mut truncated = png(50, 50);
        truncated.truncate(60);
        assert_eq!(encode(&truncated).err(), Some(UploadError::Broken));
        assert_eq!(
            encode(&vec![0u8; MAX_UPLOAD_BYTES + 1]).err(),
            Some(UploadError::TooLarge)
        );
    }
}
