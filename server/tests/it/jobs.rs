//! Time-driven work: housekeeping prunes what has served its time, and only that.

use server::jobs::{housekeeping, UNUSED_UPLOAD_SECS};

use crate::common::databases;
use crate::common::shop::shop;

#[tokio::test]
async fn housekeeping_deletes_unused_uploads_and_old_throttle_windows_only() {
    for t in databases().await {
        let shop = shop(&t, "").await;
        let media = t.dir.join("media");
        std::fs::create_dir_all(media.join("uploads")).unwrap();
        let now = 10_000_000;
        let old = now - UNUSED_UPLOAD_SECS - 1;
        // (name, uploaded at, used by)
        let uploads = [
            ("unused-old", old, None),
            ("unused-new", now - 60, None),
            ("gallery", old, Some("gallery")),
            ("avatar", old, Some("avatar")),
        ];
        for (name, at, used) in uploads {
            let path = format!("uploads/{name}.webp");
            let thumb = format!("uploads/{name}.thumb.webp");
            std::fs::write(media.join(&path), b"x").unwrap();
            std::fs::write(media.join(&thumb), b"x").unwrap();
            sqlx::query(
                "INSERT INTO uploads (path, owner_id, thumb_path, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(&path)
            .bind(shop.seller)
            .bind(&thumb)
            .bind(at)
            .execute(t.db.pool())
            .await
            .unwrap();
            let used_sql = match used {
                Some("gallery") => Some(
                    "INSERT INTO service_images (service_id, position, path) VALUES ($2, 0, $1)",
                ),
                Some(_) => Some("UPDATE users SET avatar_path = $1 WHERE id = $2"),
                None => None,
            };
            if let Some(sql) = used_sql {
                let owner = if used == Some("gallery") {
                    shop.service
                } else {
                    shop.seller
                };
                sqlx::query(sql)
                    .bind(&path)
                    .bind(owner)
                    .execute(t.db.pool())
                    .await
                    .unwrap();
            }
        }
        for (scope, start) in [("login:old", now - 2 * 24 * 3600), ("login:new", now - 60)] {
            sqlx::query("INSERT INTO throttle (scope, window_start, hits) VALUES ($1, $2, 3)")
                .bind(scope)
                .bind(start)
                .execute(t.db.pool())
                .await
                .unwrap();
        }
        let report = housekeeping(&t.db, &media, now).await.unwrap();
        assert_eq!(report.unused_uploads_deleted, 1, "{}", t.backend);
        assert_eq!(report.throttle_rows_pruned, 1, "{}", t.backend);
        let left: Vec<String> = sqlx::query_scalar("SELECT path FROM uploads ORDER BY path")
            .fetch_all(t.db.pool())
            .await
            .unwrap();
        assert_eq!(
            left,
            [
                "uploads/avatar.webp",
                "uploads/gallery.webp",
                "uploads/unused-new.webp"
            ]
        );
        assert!(!media.join("uploads/unused-old.webp").exists());
        assert!(!media.join("uploads/unused-old.thumb.webp").exists());
        assert!(media.join("uploads/gallery.webp").exists());
        // Running it again finds nothing more.
        let again = housekeeping(&t.db, &media, now).await.unwrap();
        assert_eq!(again, server::jobs::Report::default());
        t.cleanup().await;
    }
}
