//! App-wide web security: cross-site request refusal, security headers, the client's
//! address, and caching rules for personal pages.
//!
//! Leptos server functions do no CSRF checks of their own; every state change here is a
//! POST, and this middleware refuses POSTs (and other unsafe methods) that a browser says
//! come from another site. Pages set their own CSP with the nonce of their hydration
//! script (see `app::shell`); every other response gets a strict default one.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// True when the request is one a browser made on behalf of another site.
pub fn is_cross_site(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    // Modern browsers say where a request comes from; `same-site` is a sibling
    // sub-domain, which is not us either.
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    // Older browsers: compare Origin with the Host the request was sent to.
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
        return origin == "null" || host.is_empty() || !origin_host.eq_ignore_ascii_case(host);
    }
    // No browser metadata at all: not a browser (curl, a server), so not CSRF.
    false
}

pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    if is_cross_site(request.method(), request.headers()) {
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    next.run(request).await
}

/// The address throttling counts a request under: the TCP peer, or, behind `trust_proxy`
/// reverse proxies, the address the outermost trusted one saw. Each proxy appends the
/// address it received from, so the entry `trust_proxy` places from the end was written by
/// a proxy of ours; anything to its left was written by the client and is not believed.
pub fn client_address(
    peer: Option<std::net::IpAddr>,
    headers: &HeaderMap,
    trust_proxy: usize,
) -> String {
    let peer = peer.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    if trust_proxy == 0 {
        return peer;
    }
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect();
    forwarded
        .len()
        .checked_sub(trust_proxy)
        .and_then(|i| forwarded.get(i))
        .and_then(|a| a.parse::<std::net::IpAddr>().ok())
        .map_or(peer, |ip| ip.to_string())
}

/// Puts the [`app::auth::ClientAddress`] of each request into its extensions.
pub async fn add_client_address(
    axum::extract::State(trust_proxy): axum::extract::State<usize>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let address = client_address(peer, request.headers(), trust_proxy);
    request
        .extensions_mut()
        .insert(app::auth::ClientAddress(address));
    next.run(request).await
}

/// Pages and answers about one person (wallet, receipts, orders, cart, admin, settings,
/// server functions) are never stored by a shared cache or kept by the browser's back
/// button after logout.
pub fn is_personal(path: &str) -> bool {
    const PERSONAL: [&str; 11] = [
        "/api/",
        "/wallet",
        "/receipts/",
        "/orders/",
        "/my/",
        "/cart",
        "/checkout",
        "/admin/",
        "/settings",
        "/favorites",
        "/dev/",
    ];
    PERSONAL.iter().any(|p| path.starts_with(p))
}

/// The CSP of a page whose inline scripts carry `nonce`.
pub fn page_csp(nonce: &str, development: bool) -> String {
    // `cargo leptos watch` reloads pages over a websocket on another port.
    let connect = if development {
        "'self' ws://127.0.0.1:3001 ws://localhost:3001"
    } else {
        "'self'"
    };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; \
         connect-src {connect}; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

const DEFAULT_CSP: &str = "default-src 'none'; img-src 'self'; style-src 'self'; \
     font-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

#[derive(Clone, Copy)]
pub struct Headers {
    pub hsts: bool,
    pub development: bool,
}

/// The nonce Leptos gave this page's inline scripts (the first `nonce="…"` in the HTML).
pub fn nonce_in(html: &[u8]) -> Option<String> {
    let needle = b"nonce=\"";
    let start = html.windows(needle.len()).position(|w| w == needle)? + needle.len();
    let len = html[start..].iter().position(|b| *b == b'"')?;
    let nonce = std::str::from_utf8(&html[start..start + len]).ok()?;
    nonce
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '/' | '='))
        .then(|| nonce.to_owned())
}

pub async fn security_headers(
    axum::extract::State(config): axum::extract::State<Headers>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let personal = is_personal(request.uri().path());
    let mut response = next.run(request).await;
    if personal {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    // Pages: the CSP names the nonce Leptos put on this response's inline scripts. It is
    // read from the rendered HTML (pages are rendered whole, `SsrMode::Async`), so the
    // header and the scripts cannot disagree.
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        let (mut parts, body) = response.into_parts();
        let bytes = match axum::body::to_bytes(body, 16 * 1024 * 1024).await {
            Ok(b) => b,
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
        if let Some(nonce) = nonce_in(&bytes) {
            if let Ok(v) = HeaderValue::from_str(&page_csp(&nonce, config.development)) {
                parts.headers.insert(header::CONTENT_SECURITY_POLICY, v);
            }
        }
        response = Response::from_parts(parts, Body::from(bytes));
    }
    let h = response.headers_mut();
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(DEFAULT_CSP));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if config.hsts {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn the_client_address_believes_only_trusted_proxies() {
        let peer = Some("10.0.0.9".parse().unwrap());
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 203.0.113.7")]);
        // No proxy configured: the header is anyone's to write.
        assert_eq!(client_address(peer, &h, 0), "10.0.0.9");
        // One proxy: the address it appended, not what the client wrote before it.
        assert_eq!(client_address(peer, &h, 1), "203.0.113.7");
        assert_eq!(client_address(peer, &h, 2), "6.6.6.6");
        // More proxies configured than entries, or garbage: the peer.
        assert_eq!(client_address(peer, &h, 3), "10.0.0.9");
        let junk = headers(&[("x-forwarded-for", "not-an-ip")]);
        assert_eq!(client_address(peer, &junk, 1), "10.0.0.9");
        assert_eq!(client_address(None, &HeaderMap::new(), 0), "unknown");
    }

    #[test]
    fn personal_pages_are_recognized() {
        for p in [
            "/wallet",
            "/receipts/3",
            "/api/get_wallet",
            "/admin/review",
            "/settings",
            "/my/sales",
        ] {
            assert!(is_personal(p), "{p}");
        }
        for p in [
            "/",
            "/services/3",
            "/categories/design",
            "/search",
            "/pkg/khidmat.wasm",
        ] {
            assert!(!is_personal(p), "{p}");
        }
    }

    #[test]
    fn the_nonce_is_read_from_the_page() {
        let html = br#"<script type="module" nonce="Ab3-_x">import</script>"#;
        assert_eq!(nonce_in(html).as_deref(), Some("Ab3-_x"));
        assert_eq!(nonce_in(b"<p>no script</p>"), None);
        assert_eq!(nonce_in(br#"nonce="a'b""#), None);
    }

    #[test]
    fn cross_site_posts_are_recognized() {
        let post = Method::POST;
        assert!(is_cross_site(
            &post,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
        assert!(is_cross_site(
            &post,
            &headers(&[("sec-fetch-site", "same-site")])
        ));
        assert!(!is_cross_site(
            &post,
            &headers(&[("sec-fetch-site", "same-origin")])
        ));
        assert!(is_cross_site(
            &post,
            &headers(&[("origin", "https://evil.example"), ("host", "khidmat.test")])
        ));
        assert!(!is_cross_site(
            &post,
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ])
        ));
        assert!(is_cross_site(
            &post,
            &headers(&[("origin", "null"), ("host", "khidmat.test")])
        ));
        assert!(!is_cross_site(&post, &headers(&[])));
        assert!(!is_cross_site(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
    }
}
