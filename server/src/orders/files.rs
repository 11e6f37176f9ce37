//! Files attached to an order's timeline: images (through the same decoding pipeline and
//! limits as service images, re-encoded), PDF and ZIP up to 25 MB (recognized by their
//! bytes, kept as sent). They are stored outside the public media directory and served
//! only to the order's two parties and admins.

use std::path::{Path, PathBuf};

use shared::error::{DomainError, StoreError};
use shared::orders::OrderFile;

use super::{Actor, SqlOrders};
use crate::infra::db::OrIncident;
use crate::selling::images::{encode_limited, UploadError, MAX_UPLOAD_BYTES};

/// The largest PDF or ZIP accepted.
pub const MAX_FILE_BYTES: usize = 25 * 1024 * 1024;

/// What the bytes are: (MIME type, extension), or `None` for anything else.
fn document_kind(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(b"%PDF-") {
        Some(("application/pdf", "pdf"))
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Some(("application/zip", "zip"))
    } else {
        None
    }
}

/// A file name safe to show and to offer back in `Content-Disposition`: no path, no
/// control characters, at most 120 characters.
fn clean_name(name: &str, extension: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let base: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(120)
        .collect();
    let base = base.trim();
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let stem = if stem.is_empty() { "file" } else { stem };
    format!("{stem}.{extension}")
}

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// A Fluent id: the file's type, size or content.
    #[error("{0}")]
    Rejected(&'static str),
}

impl From<StoreError> for FileError {
    fn from(e: StoreError) -> Self {
        FileError::Domain(e.into())
    }
}

/// A file as kept on disk: where (relative to the files directory), its clean name, type
/// and size.
pub(crate) struct Kept {
    pub(crate) stored: String,
    pub(crate) name: String,
    pub(crate) mime: &'static str,
    pub(crate) size_bytes: i64,
}

/// Checks a sent file (PDF or ZIP by its bytes, else an image through the image pipeline,
/// re-encoded) and writes it under `folder` of the private files directory, under a
/// random name. Orders and conversations keep their attachments through this one door.
pub(crate) async fn keep_private(
    files_dir: &Path,
    folder: &str,
    name: &str,
    bytes: bytes::Bytes,
) -> Result<Kept, FileError> {
    let (content, mime, extension) = match document_kind(&bytes) {
        Some(_) if bytes.len() > MAX_FILE_BYTES => {
            return Err(FileError::Rejected("error-upload-too-large"))
        }
        Some((mime, ext)) => (bytes.to_vec(), mime, ext),
        None if bytes.len() > MAX_UPLOAD_BYTES => {
            return Err(FileError::Rejected("error-upload-too-large"))
        }
        None => match encode_limited(bytes).await {
            Ok(encoded) => (encoded.image, "image/webp", "webp"),
            Err(UploadError::UnsupportedType) => {
                return Err(FileError::Rejected("error-order-file-type"))
            }
            Err(e) => {
                return Err(FileError::Rejected(match e {
                    UploadError::TooLarge => "error-upload-too-large",
                    UploadError::TooManyPixels => "error-upload-too-many-pixels",
                    _ => "error-upload-broken",
                }))
            }
        },
    };
    let stored = format!(
        "{folder}/{:016x}{:016x}.{extension}",
        rand::random::<u64>(),
        rand::random::<u64>()
    );
    let path = files_dir.join(&stored);
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir)
            .await
            .or_incident("private files directory")?;
    }
    tokio::fs::write(&path, &content)
        .await
        .or_incident("private file write")?;
    Ok(Kept {
        stored,
        name: clean_name(name, extension),
        mime,
        size_bytes: content.len() as i64,
    })
}

impl SqlOrders {
    /// Stores a file for `actor` on the order (a party or an admin; `NotFound` for anyone
    /// else), not yet attached to a timeline line: the next action or message by the same
    /// person attaches it.
    pub async fn store_file(
        &self,
        files_dir: &Path,
        actor: Actor,
        order_id: i64,
        name: &str,
        bytes: bytes::Bytes,
    ) -> Result<OrderFile, FileError> {
        let Actor::User { id: user, .. } = actor else {
            return Err(DomainError::Forbidden.into());
        };
        self.role(actor, order_id).await?;
        let kept = keep_private(files_dir, &order_id.to_string(), name, bytes).await?;
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO order_files (order_id, uploader_id, name, stored, mime, size_bytes, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(order_id)
        .bind(user)
        .bind(&kept.name)
        .bind(&kept.stored)
        .bind(kept.mime)
        .bind(kept.size_bytes)
        .bind(self.now())
        .fetch_one(self.db.pool())
        .await
        .or_incident("order file")?;
        Ok(OrderFile {
            id,
            name: kept.name,
            size_bytes: kept.size_bytes,
        })
    }

    /// A file of the order, for its parties and admins: (path on disk, name, MIME type).
    pub async fn file(
        &self,
        files_dir: &Path,
        actor: Actor,
        order_id: i64,
        file_id: i64,
    ) -> Result<(PathBuf, String, String), DomainError> {
        self.role(actor, order_id).await?;
        let (stored, name, mime) = sqlx::query_as::<_, (String, String, String)>(
            "SELECT stored, name, mime FROM order_files WHERE id = $1 AND order_id = $2",
        )
        .bind(file_id)
        .bind(order_id)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("order file")?
        .ok_or(DomainError::NotFound)?;
        Ok((files_dir.join(stored), name, mime))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_kinds() {
        assert_eq!(clean_name("../../etc/passwd", "pdf"), "passwd.pdf");
        assert_eq!(
            clean_name("C:\\x\\تصميم.final.zip", "zip"),
            "تصميم.final.zip"
        );
        assert_eq!(clean_name("\"\u{7}", "pdf"), "file.pdf");
        assert_eq!(
            document_kind(b"%PDF-1.7 ..."),
            Some(("application/pdf", "pdf"))
        );
        assert_eq!(
            document_kind(b"PK\x03\x04rest"),
            Some(("application/zip", "zip"))
        );
        assert_eq!(document_kind(b"MZ\x90\x00"), None);
    }
}
