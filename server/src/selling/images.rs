//! Uploaded images (gallery images and avatars): checking, decoding and storing them. The type is decided by the bytes, never by
//! the file name; every image is decoded (with limits) and re-encoded to WebP, which
//! drops whatever else the file carried; names are generated here.

use shared::error::StoreError;
use std::io::Cursor;
use std::path::Path;

use image::codecs::webp::WebPEncoder;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};

use crate::infra::clock::now;
use crate::infra::db::{Db, OrIncident};

pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// Larger images are scaled down to fit this square.
pub const MAX_SIDE: u32 = 1600;
pub const THUMB_SIDE: u32 = 480;
/// A small file can claim a huge picture (a 10000×10000 PNG of zeros is 100 KB and
/// decodes to 300 MB): the size in the header is checked before decoding, and the decoder
/// itself may not allocate more than `MAX_DECODE_ALLOC`.
pub const MAX_PIXELS: u64 = 40_000_000;
const MAX_DECODED_SIDE: u32 = 12_000;
/// 40 MP of RGBA is 160 MB; a little room for the decoder's own buffers.
const MAX_DECODE_ALLOC: u64 = 200 * 1024 * 1024;
const UPLOAD_DIR: &str = "uploads";

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    #[error("error-upload-type")]
    UnsupportedType,
    #[error("error-upload-too-large")]
    TooLarge,
    #[error("error-upload-broken")]
    Broken,
    #[error("error-upload-too-many-pixels")]
    TooManyPixels,
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

/// Checks, decodes and re-encodes an uploaded image. CPU-bound and memory-hungry: call it
/// through [`encode_limited`].
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
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| UploadError::Broken)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(UploadError::TooManyPixels);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => UploadError::TooManyPixels,
        _ => UploadError::Broken,
    })?;
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

/// [`encode`] on the blocking pool, at most one per core at a time, so parallel uploads
/// cannot add up their decoding memory.
pub async fn encode_limited(bytes: bytes::Bytes) -> Result<Encoded, UploadError> {
    static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    let slots = SLOTS.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    });
    let _permit = slots.acquire().await.map_err(|_| UploadError::Broken)?;
    tokio::task::spawn_blocking(move || encode(&bytes))
        .await
        .unwrap_or(Err(UploadError::Broken))
}

/// Files under the media directory that were uploaded before `before` and that no
/// gallery, pending edit or avatar uses: their rows are deleted and their files removed.
/// Returns how many uploads went.
pub async fn delete_unused(db: &Db, media_dir: &Path, before: i64) -> Result<usize, StoreError> {
    let unused = sqlx::query_as::<_, (String, String)>(
        "SELECT u.path, u.thumb_path FROM uploads u WHERE u.created_at < $1 \
         AND NOT EXISTS (SELECT 1 FROM service_images i WHERE i.path = u.path) \
         AND NOT EXISTS (SELECT 1 FROM users a WHERE a.avatar_path = u.path) \
         AND NOT EXISTS (SELECT 1 FROM service_revisions r \
                         WHERE r.payload LIKE '%' || u.path || '%') \
         LIMIT 500",
    )
    .bind(before)
    .fetch_all(db.pool())
    .await
    .or_incident("unused uploads")?;
    for (path, thumb) in &unused {
        let deleted = sqlx::query("DELETE FROM uploads WHERE path = $1")
            .bind(path)
            .execute(db.pool())
            .await
            .or_incident("unused upload delete")?;
        if deleted.rows_affected() == 1 {
            for file in [path, thumb] {
                // Already gone is fine: the row was the record of it.
                let _ = tokio::fs::remove_file(media_dir.join(file)).await;
            }
        }
    }
    Ok(unused.len())
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

    /// A decompression bomb: 100 KB of PNG that claims 10000×10000 pixels. Refused from
    /// its header, before anything is decoded.
    #[test]
    fn a_picture_of_too_many_pixels_is_refused_before_decoding() {
        use image::codecs::png::{CompressionType, FilterType, PngEncoder};
        use image::ImageEncoder;
        let side = 10_000u32;
        let zeros = vec![0u8; (side * side) as usize];
        let mut bomb = Vec::new();
        PngEncoder::new_with_quality(&mut bomb, CompressionType::Fast, FilterType::NoFilter)
            .write_image(&zeros, side, side, image::ExtendedColorType::L8)
            .unwrap();
        drop(zeros);
        assert!(bomb.len() < MAX_UPLOAD_BYTES, "the bomb is a small file");
        assert_eq!(encode(&bomb).err(), Some(UploadError::TooManyPixels));
    }
}
