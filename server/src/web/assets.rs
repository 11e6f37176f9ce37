//! The site's static files: the bundles under `/pkg` and the fonts, served from the
//! built site (`LEPTOS_SITE_ROOT`) with the brotli or gzip copy a release build wrote
//! beside each file (`cargo leptos build --release --precompress`), so nothing is
//! compressed per request.
//!
//! The page language's messages (`/i18n/<lang>.<hash>.json`, which the bundle fetches
//! before hydrating) are made by the server from its Fluent files; each is compressed
//! once, on its first request.
//!
//! A release build names each bundle by its content (`khidmat.<hash>.wasm`, with
//! `hash-files`): a new build means a new name, so browsers may keep one for a year
//! without asking again. A name without a hash (a development build) is revalidated.

use std::path::Path;
use std::sync::LazyLock;

use axum::body::Body;
use axum::extract::Path as UrlPath;
use axum::http::{header, HeaderMap, HeaderValue, Request, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::IntoResponse;
use axum::response::Response;
use axum::routing::get;
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
        .route(
            &format!("{}/{{name}}", app::i18n::CATALOG_URL),
            get(catalog),
        )
        .layer(from_fn(cache_control))
}

/// A language's catalog, as JSON and its brotli and gzip copies.
struct CompressedCatalog {
    json: &'static str,
    br: Vec<u8>,
    gzip: Vec<u8>,
}

static CATALOGS: LazyLock<[CompressedCatalog; 2]> = LazyLock::new(|| {
    use std::io::Write;
    app::i18n::Lang::ALL.map(|lang| {
        let json = app::i18n::catalog_json(lang);
        let mut br = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            ..Default::default()
        };
        // Writing into memory cannot fail.
        let _ = brotli::BrotliCompress(&mut json.as_bytes(), &mut br, &params);
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let _ = gzip.write_all(json.as_bytes());
        CompressedCatalog {
            json,
            br,
            gzip: gzip.finish().unwrap_or_default(),
        }
    })
});

async fn catalog(UrlPath(name): UrlPath<String>, headers: HeaderMap) -> Response {
    let Some(lang) = app::i18n::catalog_named(&name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // Borrowed from the static copies: nothing is copied per request.
    let catalog: &'static CompressedCatalog = &CATALOGS[lang as usize];
    let accepted = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let (encoding, body): (_, &'static [u8]) = if accepts(accepted, "br") {
        (Some("br"), &catalog.br)
    } else if accepts(accepted, "gzip") {
        (Some("gzip"), &catalog.gzip)
    } else {
        (None, catalog.json.as_bytes())
    };
    let mut response = (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::VARY, "accept-encoding"),
        ],
        body,
    )
        .into_response();
    if let Some(encoding) = encoding {
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

/// Whether `Accept-Encoding` lists `coding` without refusing it (`;q=0`).
fn accepts(header: &str, coding: &str) -> bool {
    header.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        parts.next().is_some_and(|c| c.eq_ignore_ascii_case(coding))
            && parts.all(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_none_or(|q| q > 0.0)
            })
    })
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

    #[tokio::test]
    async fn catalogs_are_immutable_and_compressed_once() {
        use app::i18n::{catalog_href, catalog_json, Lang};
        let root = site();
        for lang in Lang::ALL {
            let href = catalog_href(lang);
            let br = get(&root, href, Some("gzip, br")).await;
            assert_eq!(br.status(), StatusCode::OK);
            assert_eq!(header_of(&br, header::CONTENT_ENCODING), Some("br"));
            assert_eq!(header_of(&br, header::CACHE_CONTROL), Some(IMMUTABLE));
            assert_eq!(
                header_of(&br, header::CONTENT_TYPE),
                Some("application/json")
            );
            let body = axum::body::to_bytes(br.into_body(), 1 << 20).await.unwrap();
            let mut json = Vec::new();
            brotli::BrotliDecompress(&mut &body[..], &mut json).unwrap();
            assert_eq!(json, catalog_json(lang).as_bytes());
            assert!(
                body.len() * 3 < json.len(),
                "{} of {}",
                body.len(),
                json.len()
            );

            let gzip = get(&root, href, Some("br;q=0, gzip")).await;
            assert_eq!(header_of(&gzip, header::CONTENT_ENCODING), Some("gzip"));
            let plain = get(&root, href, None).await;
            assert_eq!(header_of(&plain, header::CONTENT_ENCODING), None);
            let body = axum::body::to_bytes(plain.into_body(), 1 << 20)
                .await
                .unwrap();
            assert_eq!(&body[..], catalog_json(lang).as_bytes());
        }
        // An old name (a catalog from an earlier build) is not found, so not cached.
        let old = get(&root, "/i18n/ar.0123456789abcdef.json", Some("br")).await;
        assert_eq!(old.status(), StatusCode::NOT_FOUND);
        assert_eq!(header_of(&old, header::CACHE_CONTROL), None);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn accepted_encodings_are_read_with_their_weights() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("BR;q=0.5", "br"));
        assert!(!accepts("br;q=0, gzip", "br"));
        assert!(!accepts("gzip", "br"));
        assert!(!accepts("", "gzip"));
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
