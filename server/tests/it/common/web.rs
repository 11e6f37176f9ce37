//! A browser stand-in for HTTP tests: the real router, a cookie jar of one session
//! cookie, same-origin headers on POSTs, and the client address the server sees.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use app::error::AppError;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use leptos::prelude::LeptosOptions;
use server::infra::clock::Clock;
use server::infra::config::Config;
use server::web::sessions::COOKIE_NAME;
use server::web::{router, AppState};
use shared::error::{DomainError, Refusal};
use tower::ServiceExt;

use crate::common::TestDb;

/// A clock the test moves by hand.
#[derive(Clone)]
pub struct TestClock(pub Arc<AtomicI64>);

impl TestClock {
    pub fn new() -> Self {
        TestClock(Arc::new(AtomicI64::new(server::infra::clock::now())))
    }
    pub fn clock(&self) -> Clock {
        let t = self.0.clone();
        Arc::new(move || t.load(Ordering::SeqCst))
    }
    pub fn advance(&self, secs: i64) {
        self.0.fetch_add(secs, Ordering::SeqCst);
    }
}

pub struct Site {
    pub router: Router,
    pub state: AppState,
    pub clock: TestClock,
}

pub async fn site(t: &TestDb) -> Site {
    site_with(t, |_| {}).await
}

/// A site whose development configuration `change` adjusts first.
pub async fn site_with(t: &TestDb, change: impl FnOnce(&mut Config)) -> Site {
    let clock = TestClock::new();
    let media = t.dir.join("media");
    let mut config = Config::development(t.db.url(), media);
    change(&mut config);
    let options = LeptosOptions::builder().output_name("khidmat").build();
    let state = AppState::with_clock(options, t.db.clone(), &config, clock.clock())
        .await
        .expect("app state");
    Site {
        router: router(state.clone()),
        state,
        clock,
    }
}

/// How long one request may take in a test: a request that hangs fails its test, naming
/// itself, instead of holding the whole run until CI's limit.
pub const REQUEST_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// The router's answer to `req`, or a panic naming the request if it takes too long.
pub async fn answer(router: &Router, req: Request<Body>) -> axum::response::Response {
    let what = format!("{} {}", req.method(), req.uri());
    match tokio::time::timeout(REQUEST_LIMIT, router.clone().oneshot(req)).await {
        Ok(res) => res.unwrap(),
        Err(_) => panic!("{what} got no answer within {REQUEST_LIMIT:?}"),
    }
}

pub struct Response {
    pub status: StatusCode,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The error a server function answered with, read as the browser reads it.
    pub fn error(&self) -> Option<DomainError> {
        match serde_json::from_str(&self.body) {
            Ok(AppError::Domain(error)) => Some(error),
            _ => None,
        }
    }

    /// Whether the answer is this refusal.
    pub fn refused(&self, refusal: Refusal) -> bool {
        self.error() == Some(DomainError::Refused(refusal))
    }
}

#[derive(Clone)]
pub struct Browser {
    router: Router,
    pub cookie: Option<String>,
    pub address: SocketAddr,
}

impl Browser {
    pub fn new(site: &Site) -> Self {
        Browser {
            router: site.router.clone(),
            cookie: None,
            address: "203.0.113.7:50000".parse().unwrap(),
        }
    }

    pub fn from(mut self, address: &str) -> Self {
        self.address = format!("{address}:50000").parse().unwrap();
        self
    }

    pub async fn send(&mut self, mut req: Request<Body>) -> Response {
        if let Some(c) = &self.cookie {
            req.headers_mut().insert(
                header::COOKIE,
                format!("{COOKIE_NAME}={c}").parse().unwrap(),
            );
        }
        req.extensions_mut().insert(ConnectInfo(self.address));
        let res = answer(&self.router, req).await;
        let status = res.status();
        let headers: Vec<(String, String)> = res
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned()))
            .collect();
        for (k, v) in &headers {
            if k == "set-cookie" && v.starts_with(&format!("{COOKIE_NAME}=")) {
                let value = v[COOKIE_NAME.len() + 1..]
                    .split(';')
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                // An expired cookie is the server deleting it.
                self.cookie = (!value.is_empty() && !v.contains("Max-Age=0")).then_some(value);
            }
        }
        let bytes = axum::body::to_bytes(res.into_body(), 32 * 1024 * 1024)
            .await
            .unwrap();
        Response {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Response {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    fn post(path: &str) -> axum::http::request::Builder {
        Request::post(path)
            .header(header::HOST, "khidmat.test")
            .header(header::ORIGIN, "http://khidmat.test")
            .header("sec-fetch-site", "same-origin")
            .header(header::ACCEPT, "application/json")
    }

    /// A server function with URL-encoded arguments (the `#[server]` default).
    pub async fn call(&mut self, path: &str, args: &[(&str, &str)]) -> Response {
        let body = args
            .iter()
            .map(|(k, v)| format!("{k}={}", shared::search::encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let req = Self::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// A server function declared with `input = Json`.
    pub async fn call_json(&mut self, path: &str, args: serde_json::Value) -> Response {
        let req = Self::post(path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(args.to_string()))
            .unwrap();
        self.send(req).await
    }

    /// A plain form POST (logout).
    pub async fn post_form(&mut self, path: &str) -> Response {
        let req = Self::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::empty())
            .unwrap();
        self.send(req).await
    }

    pub async fn upload(&mut self, bytes: &[u8], filename: &str) -> Response {
        self.upload_to("/uploads", bytes, filename).await
    }

    /// A multipart upload of one `file` field to `path`.
    pub async fn upload_to(&mut self, path: &str, bytes: &[u8], filename: &str) -> Response {
        let boundary = "khidmat-test-boundary";
        let mut body = Vec::new();
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; \
                 filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let req = Self::post(path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }
}

/// The path of a server function, from its generated type.
pub fn path<T: leptos::server_fn::ServerFn>() -> &'static str {
    T::PATH
}

/// The password every test account signs up with.
pub const PASSWORD: &str = "قهوة-الصباح-2026";

/// Signs up through the router as `username` (email `username@example.com`); the
/// browser's session becomes the new member's.
pub async fn register(b: &mut Browser, username: &str) {
    let r = b
        .call(
            path::<app::api::account::Register>(),
            &[
                ("first_name", "اسم"),
                ("last_name", "العائلة"),
                ("email", &format!("{username}@example.com")),
                ("password", PASSWORD),
                ("username", username),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}
