//! Catalog pages (home, a category, a service, a seller, a search) as a visitor without a
//! session sees them, kept for a few seconds and served again without rendering, to
//! visitors and members alike.
//!
//! Most of a marketplace's page views are of these pages, and they depend only on the
//! address, the language and who is asking, and on who is asking only in the header's
//! account menu (log in / sign up, or a member's name, links and badges; the hearts and the
//! cart's count are filled in by the browser). So:
//! - a page is kept as it is rendered for nobody (a session without an id, so nothing of
//!   the asker's goes into it), under its path and query and the language it was rendered
//!   in, when it is a 200 page that sets no cookie;
//! - a visitor gets it as it is; a member gets it with the account menu's content replaced
//!   by their own, cut from a catalog page rendered for them and kept under who they are
//!   (every field of their session user) and the language. Their first catalog page is
//!   rendered for them whole; so is every page of anyone whose session cannot be read;
//! - every change made through this server (any POST or other unsafe method, except a
//!   server function that only reads, named `get_…`) and every run of the jobs starts a
//!   new [`Generation`], and nothing kept at an older generation is served: a visitor sees
//!   a change as soon as the request that made it has answered. This layer counts the
//!   changes even when it keeps no pages: the catalog's read cache goes by the same count;
//! - nothing is served after `PAGE_CACHE_SECS` (5 s), which bounds what another server
//!   process on the same database changed;
//! - each answer gets a fresh CSP nonce: the kept page's is replaced in the HTML, and the
//!   security headers outside this layer write the policy for the new one.

use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::auth::{signed_in, Accounts};
use app::components::layout::ACCOUNT_MENU_CLASS;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use quick_cache::sync::Cache;
use quick_cache::Weighter;
use shared::account::SessionUser;
use shared::lang::Lang;
use tower_sessions::Session;

use crate::infra::generation::Generation;
use crate::web::security::nonce_in;
use crate::web::sessions::{Sessions, COOKIE_NAME};

/// Says whether an answer came from the kept pages (`hit`) or was rendered and kept
/// (`miss`).
pub const X_CACHE: HeaderName = HeaderName::from_static("x-cache");

/// At most this many bytes of pages are kept (about 700 service pages).
const CAPACITY_BYTES: u64 = 64 * 1024 * 1024;
/// At most this many bytes of members' menus (a menu is about 3 KB).
const MENUS_CAPACITY_BYTES: u64 = 16 * 1024 * 1024;
/// A page larger than this is not kept.
const LARGEST_PAGE: usize = 2 * 1024 * 1024;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    path_and_query: String,
    lang: Lang,
}

/// A member's menu depends on nothing else.
#[derive(Clone, PartialEq, Eq, Hash)]
struct MenuKey {
    user: SessionUser,
    lang: Lang,
}

struct Page {
    headers: HeaderMap,
    body: Bytes,
    /// The CSP nonce in `body`, replaced on every answer.
    nonce: Option<String>,
    /// Where in `body` the account menu's content is.
    menu: Option<Range<usize>>,
    generation: u64,
    rendered: Instant,
}

/// The content of a member's account menu.
struct Menu {
    html: String,
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

impl Weighter<MenuKey, Arc<Menu>> for BySize {
    fn weight(&self, key: &MenuKey, menu: &Arc<Menu>) -> u64 {
        (key.user.username.len() + key.user.display_name.len() + menu.html.len() + 128) as u64
    }
}

/// The kept pages and menus, the generation they must match, and what finding out who is
/// asking takes. Cheap to clone (shared).
#[derive(Clone)]
pub struct PageCache {
    inner: Option<Arc<Inner>>,
    generation: Generation,
    accounts: Accounts,
    sessions: Sessions,
}

struct Inner {
    pages: Cache<Key, Arc<Page>, BySize>,
    menus: Cache<MenuKey, Arc<Menu>, BySize>,
    time_to_live: Duration,
}

impl Inner {
    fn is_current(&self, generation: u64, rendered: Instant, now: u64) -> bool {
        generation == now && rendered.elapsed() < self.time_to_live
    }
}

impl PageCache {
    /// Pages served for up to `time_to_live` while `generation` has not moved; zero keeps
    /// nothing (the changes are still counted). `accounts` and `sessions` tell a member
    /// from a visitor.
    pub fn new(
        time_to_live: Duration,
        generation: Generation,
        accounts: Accounts,
        sessions: Sessions,
    ) -> Self {
        let inner = (!time_to_live.is_zero()).then(|| {
            Arc::new(Inner {
                pages: Cache::with_weighter(1024, CAPACITY_BYTES, BySize),
                menus: Cache::with_weighter(4096, MENUS_CAPACITY_BYTES, BySize),
                time_to_live,
            })
        });
        PageCache {
            inner,
            generation,
            accounts,
            sessions,
        }
    }

    /// Something may have changed: nothing rendered before now is served again.
    pub fn invalidate(&self) {
        self.generation.advance();
    }
}

/// The catalog's pages: the only ones kept. Each must depend on who is asking only in its
/// account menu.
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

/// Where the content of the page's account menu (`<div class="account-menu">…</div>`)
/// is. The page's own markup is the only markup in it (what members write is escaped), so
/// counting `div`s finds the element's end.
fn account_menu(html: &str) -> Option<Range<usize>> {
    let open = format!(r#"<div class="{ACCOUNT_MENU_CLASS}">"#);
    let start = html.find(&open)? + open.len();
    let (mut at, mut depth) = (start, 1);
    loop {
        let close = at + html[at..].find("</div>")?;
        match html[at..close].find("<div") {
            Some(inner) => {
                depth += 1;
                at += inner + "<div".len();
            }
            None => {
                depth -= 1;
                if depth == 0 {
                    return Some(start..close);
                }
                at = close + "</div>".len();
            }
        }
    }
}

pub async fn page_cache(
    State(cache): State<PageCache>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if changes_something(request.method(), path) {
        let response = next.run(request).await;
        cache.invalidate();
        return response;
    }
    let Some(inner) = cache.inner.clone() else {
        return next.run(request).await;
    };
    if request.method() != Method::GET || !is_catalog_page(path) {
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
    let session = request.extensions().get::<Session>().cloned();
    let member = match session {
        Some(session) if has_session_cookie(request.headers()) => {
            match signed_in(&session, &cache.accounts).await {
                Ok(user) => user,
                // Rendered as any page is, which reports what failed.
                Err(_) => return next.run(request).await,
            }
        }
        _ => None,
    };
    let menu = match member {
        None => None,
        Some(user) => {
            let menu_key = MenuKey {
                user,
                lang: key.lang,
            };
            match inner.menus.get(&menu_key) {
                Some(menu) if inner.is_current(menu.generation, menu.rendered, generation) => {
                    Some(menu)
                }
                // Their first: rendered for them, and their menu kept.
                _ => {
                    let rendered = Instant::now();
                    let response = next.run(request).await;
                    return keep_menu(&inner, menu_key, generation, rendered, response).await;
                }
            }
        }
    };
    if let Some(page) = inner.pages.get(&key) {
        if inner.is_current(page.generation, page.rendered, generation) {
            if let Some(response) = answer(&page, menu.as_deref(), "hit") {
                return response;
            }
        }
    }
    // Rendered for nobody, so that it can be kept and given to anyone.
    request.extensions_mut().insert(cache.sessions.nobody());
    let rendered = Instant::now();
    let response = next.run(request).await;
    let keep = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && is_html(response.headers());
    if !keep && (menu.is_none() || !is_html(response.headers())) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, LARGEST_PAGE).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let page = Arc::new(Page {
        headers: parts.headers,
        menu: std::str::from_utf8(&body).ok().and_then(account_menu),
        nonce: nonce_in(&body),
        body,
        generation,
        rendered,
    });
    // Only a page with a place for a member's menu can be given to members.
    let kept = keep && page.menu.is_some();
    if kept {
        inner.pages.insert(key.clone(), page.clone());
    }
    match answer(&page, menu.as_deref(), "miss") {
        Some(response) if kept => response,
        // Not kept (an error page, say), but the member's menu goes into it all the same.
        Some(mut response) => {
            *response.status_mut() = parts.status;
            response.headers_mut().remove(X_CACHE);
            response
        }
        // No place for the menu: the page as rendered (it holds nothing of anyone's).
        None => {
            tracing::warn!(path = %key.path_and_query, "a catalog page without its account menu");
            let mut response = Response::new(Body::from(page.body.clone()));
            *response.status_mut() = parts.status;
            *response.headers_mut() = page.headers.clone();
            response
        }
    }
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// A page rendered for a member, given to them as it is; its account menu is kept for
/// their next catalog pages.
async fn keep_menu(
    inner: &Inner,
    key: MenuKey,
    generation: u64,
    rendered: Instant,
    response: Response,
) -> Response {
    if response.status() != StatusCode::OK || !is_html(response.headers()) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, LARGEST_PAGE).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(html) = std::str::from_utf8(&body) {
        let menu = account_menu(html).map(|range| &html[range]);
        // A menu holding the page's nonce would hand it to the next page (it holds no
        // script, but the nonce must never be given twice).
        let nonce = nonce_in(&body);
        if let Some(menu) = menu.filter(|m| nonce.as_deref().is_none_or(|n| !m.contains(n))) {
            inner.menus.insert(
                key,
                Arc::new(Menu {
                    html: menu.to_owned(),
                    generation,
                    rendered,
                }),
            );
        }
    }
    Response::from_parts(parts, Body::from(body))
}

/// A kept page, with a nonce of its own and, for a member, their own account menu in it;
/// none when the page has no place for the menu.
fn answer(page: &Page, menu: Option<&Menu>, x_cache: &'static str) -> Option<Response> {
    let body = match (std::str::from_utf8(&page.body), menu, &page.nonce) {
        (Ok(html), Some(menu), nonce) => {
            let range = page.menu.clone()?;
            let html = [&html[..range.start], &menu.html, &html[range.end..]].concat();
            Body::from(match nonce {
                Some(old) => html.replace(old.as_str(), &fresh_nonce()),
                None => html,
            })
        }
        (Ok(html), None, Some(old)) => Body::from(html.replace(old.as_str(), &fresh_nonce())),
        (Err(_), Some(_), _) => return None,
        // Nothing to replace: the kept bytes, shared.
        (_, None, _) => Body::from(page.body.clone()),
    };
    let mut response = Response::new(body);
    *response.headers_mut() = page.headers.clone();
    response
        .headers_mut()
        .insert(X_CACHE, HeaderValue::from_static(x_cache));
    Some(response)
}

fn fresh_nonce() -> String {
    leptos::nonce::Nonce::new().to_string()
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
    fn the_account_menu_is_found_to_its_own_end() {
        let html = concat!(
            r#"<header><div class="header-row"><div class="account-menu">"#,
            r#"<div>a</div><details><div><div>b</div></div></details>"#,
            r#"</div><nav></nav></div></header>"#
        );
        let menu = account_menu(html).expect("the menu");
        assert_eq!(
            &html[menu],
            "<div>a</div><details><div><div>b</div></div></details>"
        );
        let empty = r#"<div class="account-menu"></div>"#;
        assert_eq!(account_menu(empty).map(|r| r.len()), Some(0));
        assert_eq!(
            account_menu(r#"<div class="account-menu"><div></div>"#),
            None
        );
        assert_eq!(account_menu(r#"<div class="other"></div>"#), None);
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
