//! App-wide web security: cross-site request refusal and security headers.
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
    let mut response = next.run(request).await;
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
