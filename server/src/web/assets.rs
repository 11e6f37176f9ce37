//! The site's static files: the bundles under `/pkg` and the fonts, served from the
//! built site (`LEPTOS_SITE_ROOT`) with the brotli or gzip copy a release build wrote
//! beside each file (`cargo leptos build --release --precompress`), so nothing is
//! compressed per request.
//!
//! A release build names each bundle by its content (`khidmat.<hash>.wasm`, with
//! `hash-files`): a new build means a new name, so browsers may keep one for a year
//! without asking again. A name without a hash (a development build) is revalidated.

use std::path::Path;

use axum::body::Body;
use axum::http::{header, HeaderValue, Request};
use axum::middleware::{from_fn, Next};
use axum::response::Response;
use axum::Router;
use leptos::prelude::LeptosOptions;
use tower_http::services::ServeDir;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "public, no-cache";
/// Fonts keep their names from one release to the next (they change only with the font
/// package), so they are cached for a week rather than forever.
const FONTS: &str = "public, max-age=604800";

/// `/pkg` and `/fonts`, ahead of the Leptos fallback.
pub fn routes<S: Clone + Send + Sync + 'static>(options: &LeptosOptions) -> Router<S> {
    let root = Path::new(options.site_root.as_ref());
    let pkg = format!("/{}", options.site_pkg_dir);
    let serve = |dir: &Path| ServeDir::new(dir).precompressed_br().precompressed_gzip();
    Router::new()
        .nest_service(&pkg, serve(&root.join(options.site_pkg_dir.as_ref())))
        .nest_service("/fonts", serve(&root.join("fonts")))
        .layer(from_fn(cache_control))
}

async fn cache_control(request: Request<Body>, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status().as_u16() == 304 {
        let value = if path.starts_with("/fonts/") {
            FONTS
        } else if is_hashed(&path) {
            IMMUTABLE
        } else {
            REVALIDATE
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// `khidmat.<hash>.css`: a name with a part between the stem and the extension.
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let mut parts = name.split('.');
    let (Some(stem), Some(hash), Some(_ext)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !stem.is_empty()
        && hash.len() >= 8
        && hash
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The stylesheet's address, with its hash when the build wrote one.
pub fn stylesheet_href(options: &LeptosOptions) -> &'static str {
    app::bundle::href(options, app::bundle::Kind::Css)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;
    use tower::ServiceExt;

    const HASHED: &str = "khidmat.AbCdEfGh12345678901234.css";

    /// A built site: a hashed stylesheet with its brotli copy, an unhashed one, a font.
    fn site() -> std::path::PathBuf {
        let root = std::env::temp_dir().join(format!("khidmat-assets-{:x}", rand::random::<u64>()));
        std::fs::create_dir_all(root.join("pkg")).unwrap();
        std::fs::create_dir_all(root.join("fonts")).unwrap();
        std::fs::write(root.join("pkg").join(HASHED), "body{}").unwrap();
        std::fs::write(
            root.join("pkg").join(format!("{HASHED}.br")),
            b"\x0b\x02\x80body{}\x03",
        )
        .unwrap();
        std::fs::write(root.join("pkg/khidmat.css"), "body{}").unwrap();
        std::fs::write(root.join("fonts/cairo.woff2"), "wOF2").unwrap();
        root
    }

    async fn get(root: &Path, path: &str, encoding: Option<&str>) -> Response {
        let options = LeptosOptions::builder()
            .output_name("khidmat")
            .site_root(root.to_string_lossy().into_owned())
            .build();
        let mut request = Request::get(path);
        if let Some(e) = encoding {
            request = request.header(header::ACCEPT_ENCODING, e);
        }
        routes::<()>(&options)
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    fn header_of(r: &Response, name: header::HeaderName) -> Option<&str> {
        r.headers().get(name).and_then(|v| v.to_str().ok())
    }

    #[tokio::test]
    async fn hashed_bundles_are_immutable_and_served_precompressed() {
        let root = site();
        let path = format!("/pkg/{HASHED}");
        let br = get(&root, &path, Some("gzip, br")).await;
        assert_eq!(br.status(), StatusCode::OK);
        assert_eq!(header_of(&br, header::CONTENT_ENCODING), Some("br"));
        assert_eq!(header_of(&br, header::CACHE_CONTROL), Some(IMMUTABLE));
        assert_eq!(header_of(&br, header::CONTENT_TYPE), Some("text/css"));

        let plain = get(&root, &path, None).await;
        assert_eq!(header_of(&plain, header::CONTENT_ENCODING), None);
        let body = axum::body::to_bytes(plain.into_body(), 1024).await.unwrap();
        assert_eq!(&body[..], b"body{}");

        let unhashed = get(&root, "/pkg/khidmat.css", Some("br")).await;
        assert_eq!(unhashed.status(), StatusCode::OK);
        assert_eq!(
            header_of(&unhashed, header::CACHE_CONTROL),
            Some(REVALIDATE)
        );

        let font = get(&root, "/fonts/cairo.woff2", None).await;
        assert_eq!(header_of(&font, header::CACHE_CONTROL), Some(FONTS));

        let missing = get(&root, "/pkg/khidmat.ZZZZZZZZZZZZZZZZZZZZZZ.wasm", None).await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        assert_eq!(header_of(&missing, header::CACHE_CONTROL), None);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn hashed_names_are_recognized() {
        assert!(is_hashed("/pkg/khidmat.gA3f9Xk2bQ1.wasm"));
        assert!(is_hashed("/pkg/khidmat.0123456789abcdef.css"));
        assert!(!is_hashed("/pkg/khidmat.css"));
        assert!(!is_hashed("/pkg/khidmat.wasm"));
        assert!(!is_hashed("/pkg/.hidden.css"));
        assert!(!is_hashed("/pkg/khidmat.a.css"));
    }
}
