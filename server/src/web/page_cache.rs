//! Catalog pages (home, a category, a service, a seller, a search) as a visitor without a
//! session sees them, kept for a few seconds and served again without rendering.
//!
//! Most of a marketplace's page views are such visitors, and for them these pages depend
//! only on the address and the language: nothing personal is in them (a visitor's header
//! has no name, no counts and no cart). So:
//! - only GET requests without the session cookie are answered from here; anyone with a
//!   session (a member, or a visitor with a cart) is rendered for, every time;
//! - only a 200 page that sets no cookie is kept, under its path and query and the
//!   language it was rendered in;
//! - every change made through this server (any POST or other unsafe method, except a
//!   server function that only reads, named `get_…`) and every run of the jobs starts a
//!   new [`Generation`], and a page of an older generation is never served: a visitor sees
//!   a change as soon as the request that made it has answered. This layer counts the
//!   changes even when it keeps no pages: the catalog's read cache goes by the same count;
//! - a page is served for at most `PAGE_CACHE_SECS` (5 s), which bounds what another
//!   server process on the same database changed;
//! - each answer gets a fresh CSP nonce: the kept page's is replaced in the HTML, and the
//!   security headers outside this layer write the policy for the new one.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use quick_cache::sync::Cache;
use quick_cache::Weighter;
use shared::lang::Lang;

use crate::infra::generation::Generation;
use crate::web::security::nonce_in;
use crate::web::sessions::COOKIE_NAME;

/// Says whether an answer came from the cache (`hit`) or was rendered and kept (`miss`).
pub const X_CACHE: HeaderName = HeaderName::from_static("x-cache");

/// At most this many bytes of pages are kept (about 700 service pages).
const CAPACITY_BYTES: u64 = 64 * 1024 * 1024;
/// A page larger than this is not kept.
const LARGEST_PAGE: usize = 2 * 1024 * 1024;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    path_and_query: String,
    lang: Lang,
}

struct Page {
    headers: HeaderMap,
    body: Bytes,
    /// The CSP nonce in `body`, replaced on every answer.
    nonce: Option<String>,
    generation: u64,
    rendered: Instant,
}

#[derive(Clone)]
struct BySize;

impl Weighter<Key, Arc<Page>> for BySize {
    fn weight(&self, key: &Key, page: &Arc<Page>) -> u64 {
        (key.path_and_query.len() + page.body.len() + 512) as u64
    }
}

/// The kept pages and the generation they must match. Cheap to clone (shared).
#[derive(Clone)]
pub struct PageCache {
    inner: Option<Arc<Inner>>,
    generation: Generation,
}

struct Inner {
    pages: Cache<Key, Arc<Page>, BySize>,
    time_to_live: Duration,
}

impl PageCache {
    /// Pages served for up to `time_to_live` while `generation` has not moved; zero keeps
    /// nothing (the changes are still counted).
    pub fn new(time_to_live: Duration, generation: Generation) -> Self {
        let inner = (!time_to_live.is_zero()).then(|| {
            Arc::new(Inner {
                pages: Cache::with_weighter(1024, CAPACITY_BYTES, BySize),
                time_to_live,
            })
        });
        PageCache { inner, generation }
    }

    /// Something may have changed: no page rendered before now is served again.
    pub fn invalidate(&self) {
        self.generation.advance();
    }
}

/// The catalog's pages: the only ones kept.
pub fn is_catalog_page(path: &str) -> bool {
    if matches!(path, "/" | "/search") {
        return true;
    }
    let one_segment = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
    };
    one_segment("/categories/") || one_segment("/sellers/") || one_segment("/services/")
}

/// A server function that only reads (they are all named `get_…`) changes nothing.
fn changes_something(method: &Method, path: &str) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
        && !path.starts_with("/api/get_")
}

/// The language the page will be rendered in, as the app decides it.
fn lang_of(headers: &HeaderMap) -> Lang {
    let header = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    Lang::negotiate(header(header::COOKIE), header(header::ACCEPT_LANGUAGE))
}

fn has_session_cookie(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .any(|c| {
            c.trim()
                .split_once('=')
                .is_some_and(|(name, _)| name == COOKIE_NAME)
        })
}

pub async fn page_cache(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if changes_something(request.method(), path) {
        let response = next.run(request).await;
        cache.invalidate();
        return response;
    }
    let Some(inner) = cache.inner.clone() else {
        return next.run(request).await;
    };
    if request.method() != Method::GET
        || !is_catalog_page(path)
        || has_session_cookie(request.headers())
    {
        return next.run(request).await;
    }
    let key = Key {
        path_and_query: request
            .uri()
            .path_and_query()
            .map_or_else(|| path.to_owned(), |p| p.as_str().to_owned()),
        lang: lang_of(request.headers()),
    };
    let generation = cache.generation.current();
    if let Some(page) = inner.pages.get(&key) {
        if page.generation == generation && page.rendered.elapsed() < inner.time_to_live {
            return answer(&page);
        }
    }
    let rendered = Instant::now();
    let response = next.run(request).await;
    let keep = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
    if !keep {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, LARGEST_PAGE).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    inner.pages.insert(
        key,
        Arc::new(Page {
            headers: parts.headers.clone(),
            nonce: nonce_in(&body),
            body: body.clone(),
            generation,
            rendered,
        }),
    );
    parts
        .headers
        .insert(X_CACHE, HeaderValue::from_static("miss"));
    Response::from_parts(parts, Body::from(body))
}

/// A kept page, with a nonce of its own.
fn answer(page: &Page) -> Response {
    let body = match (&page.nonce, std::str::from_utf8(&page.body)) {
        (Some(old), Ok(html)) => {
            let fresh = leptos::nonce::Nonce::new().to_string();
            Body::from(html.replace(old.as_str(), &fresh))
        }
        _ => Body::from(page.body.clone()),
    };
    let mut response = Response::new(body);
    *response.headers_mut() = page.headers.clone();
    response
        .headers_mut()
        .insert(X_CACHE, HeaderValue::from_static("hit"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_catalog_pages_are_kept() {
        for p in [
            "/",
            "/search",
            "/categories/design",
            "/services/23",
            "/sellers/ahmad.designs",
        ] {
            assert!(is_catalog_page(p), "{p}");
        }
        for p in [
            "/services/23/contact",
            "/services/",
            "/categories/",
            "/cart",
            "/login",
            "/messages",
            "/requests",
            "/api/get_home_page",
            "/my/services",
        ] {
            assert!(!is_catalog_page(p), "{p}");
        }
    }

    #[test]
    fn reads_change_nothing_and_everything_else_may() {
        assert!(!changes_something(&Method::GET, "/services/1"));
        assert!(!changes_something(&Method::POST, "/api/get_category_tree"));
        assert!(changes_something(&Method::POST, "/api/save_service"));
        assert!(changes_something(&Method::POST, "/lang"));
        assert!(changes_something(&Method::DELETE, "/anything"));
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_static("khidmat_lang=en"));
        assert!(!has_session_cookie(&h));
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("khidmat_lang=en; khidmat_session=abc"),
        );
        assert!(has_session_cookie(&h));
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("not_khidmat_session=abc"),
        );
        assert!(!has_session_cookie(&h));
    }
}
