//! The HTTP layer through the real router: server-rendered pages, language, health, 404.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use server::tools::seed::seed_demo;

use crate::common::{databases, TestDb};

async fn app(t: &TestDb) -> Router {
    let media = t.dir.join("media");
    seed_demo(&t.db, &media).await.unwrap();
    crate::common::web::site(t).await.router
}

async fn get(
    app: &Router,
    uri: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, Vec<(String, String)>, String) {
    let mut req = Request::get(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    send(app, req.body(Body::empty()).unwrap()).await
}

async fn send(app: &Router, req: Request<Body>) -> (StatusCode, Vec<(String, String)>, String) {
    let res = crate::common::web::answer(app, req).await;
    let status = res.status();
    let headers = res
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let bytes = axum::body::to_bytes(res.into_body(), 16 * 1024 * 1024)
        .await
        .unwrap();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

fn header_of<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn health_answers_when_the_database_does() {
    for t in databases().await {
        let app = app(&t).await;
        let (status, _, body) = get(&app, "/healthz", &[]).await;
        assert_eq!(
            (status, body.as_str()),
            (StatusCode::OK, "ok"),
            "{}",
            t.backend
        );
        t.db.close().await;
        let (status, _, _) = get(&app, "/healthz", &[]).await;
        assert_eq!(
            status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{}: closed database",
            t.backend
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn pages_are_rendered_in_arabic_rtl_by_default_and_english_on_request() {
    let t = crate::common::sqlite().await;
    let app = app(&t).await;
    let (status, _, html) = get(&app, "/", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(r#"<html lang="ar" dir="rtl">"#),
        "{}",
        &html[..200]
    );
    assert!(html.contains("تصفح الأقسام"));
    assert!(
        html.contains("الكتابة والترجمة"),
        "categories rendered on the server"
    );

    let (_, _, html) = get(&app, "/", &[("accept-language", "en-US,en;q=0.9")]).await;
    assert!(html.contains(r#"<html lang="en" dir="ltr">"#));
    assert!(html.contains("Browse categories"));

    // The cookie written by the switch wins over the browser's preference.
    let (_, _, html) = get(
        &app,
        "/",
        &[("accept-language", "en"), ("cookie", "khidmat_lang=ar")],
    )
    .await;
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#));
    t.cleanup().await;
}

#[tokio::test]
async fn catalog_pages_render_their_content_on_the_server() {
    let t = crate::common::sqlite().await;
    let app = app(&t).await;
    let (status, _, html) = get(&app, "/categories/design?sort=top-rated", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("data-testid=\"service-card\""),
        "cards in the HTML, not fetched later"
    );
    let (status, _, html) = get(&app, "/services/1", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("data-testid=\"order-total\""));
    let (status, _, html) = get(&app, "/sellers/ahmad.designs", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("أحمد الخطيب"));
    let (status, _, html) = get(&app, "/styleguide", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"lang="ar" dir="rtl""#) && html.contains(r#"lang="en" dir="ltr""#));
    t.cleanup().await;
}

#[tokio::test]
async fn missing_things_are_a_localized_404() {
    let t = crate::common::sqlite().await;
    let app = app(&t).await;
    for uri in [
        "/no/such/page",
        "/services/999999",
        "/services/not-a-number",
        "/categories/nope",
        "/sellers/nobody",
    ] {
        let (status, _, html) = get(&app, uri, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(html.contains("الصفحة غير موجودة"), "{uri}: Arabic 404 text");
    }
    t.cleanup().await;
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_and_returns_to_the_page() {
    let t = crate::common::sqlite().await;
    let app = app(&t).await;
    let form = |body: &str| {
        Request::post("/lang")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body.to_owned()))
            .unwrap()
    };
    let (status, headers, _) =
        send(&app, form("lang=en&next=%2Fcategories%2Fdesign%3Fpage%3D2")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        header_of(&headers, "location"),
        Some("/categories/design?page=2")
    );
    let cookie = header_of(&headers, "set-cookie").unwrap();
    assert!(
        cookie.starts_with("khidmat_lang=en;")
            && cookie.contains("Path=/")
            && cookie.contains("SameSite=Lax")
    );

    // Never off-site, and an unknown language falls back to Arabic.
    let (_, headers, _) = send(&app, form("lang=xx&next=https%3A%2F%2Fevil.example")).await;
    assert_eq!(header_of(&headers, "location"), Some("/"));
    assert!(header_of(&headers, "set-cookie")
        .unwrap()
        .starts_with("khidmat_lang=ar;"));
    t.cleanup().await;
}

/// Browsers drop tabs and line breaks from URLs: `/\t/evil.example` would become
/// `//evil.example`, another site. Such a `next` goes home instead.
#[tokio::test]
async fn the_language_switch_never_redirects_off_site() {
    let t = crate::common::sqlite().await;
    let app = crate::common::web::site(&t).await.router;
    for next in [
        "/\t/evil.example",
        "/%09/ok",
        "/\\evil.example",
        "//evil.example",
        "/\n/evil.example",
    ] {
        let body = format!("lang=en&next={}", shared::search::encode(next));
        let req = Request::post("/lang")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body))
            .unwrap();
        let (status, headers, _) = send(&app, req).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{next:?}");
        let location = header_of(&headers, "location").unwrap();
        let expected = if next == "/%09/ok" { next } else { "/" };
        assert_eq!(location, expected, "{next:?}");
    }
    t.cleanup().await;
}

/// Pages about one person are never cached; public pages may be.
#[tokio::test]
async fn personal_pages_are_not_cached() {
    let t = crate::common::sqlite().await;
    let app = app(&t).await;
    for path in [
        "/wallet",
        "/cart",
        "/my/purchases",
        "/admin/review",
        "/settings",
    ] {
        let (_, headers, _) = get(&app, path, &[]).await;
        assert_eq!(
            header_of(&headers, "cache-control"),
            Some("private, no-store"),
            "{path}"
        );
    }
    let (_, headers, _) = get(&app, "/categories/design", &[]).await;
    assert_eq!(header_of(&headers, "cache-control"), None);
    t.cleanup().await;
}

/// A line id is whatever the request says: the smallest i64 is "no such line", not a
/// panic on `line_id - 1`.
#[tokio::test]
async fn an_absurd_line_id_is_not_found() {
    let t = crate::common::sqlite().await;
    let s = crate::common::web::site(&t).await;
    let mut visitor = crate::common::web::Browser::new(&s);
    for id in [i64::MIN, -1, 0, i64::MAX] {
        let r = visitor
            .call(
                crate::common::web::path::<app::api::cart::RemoveCartLine>(),
                &[("line_id", &id.to_string())],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{id}: {}", r.body);
    }
    t.cleanup().await;
}

/// Building a router walks the app once with resource loading switched off for the whole
/// process (Leptos's route list); a page whose data began loading inside that window never
/// answered. Tests build a site each, beside others' pages being rendered: a page must
/// answer however many routers are built meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_answer_while_other_routers_are_built() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    let t = crate::common::sqlite().await;
    seed_demo(&t.db, &t.dir.join("media")).await.unwrap();
    // Every page rendered: none comes from the kept pages.
    let site = crate::common::web::site_with(&t, |c| c.page_cache = Duration::ZERO).await;
    /// Stops the builder when dropped, so a failed assertion does not leave it running
    /// (the runtime waits for it before the test can end).
    struct Building(Arc<AtomicBool>);
    impl Drop for Building {
        fn drop(&mut self) {
            self.0.store(false, Ordering::Relaxed);
        }
    }
    let building = Building(Arc::new(AtomicBool::new(true)));
    let builder = tokio::task::spawn_blocking({
        let (state, building) = (site.state.clone(), building.0.clone());
        move || {
            while building.load(Ordering::Relaxed) {
                drop(server::web::router(state.clone()));
            }
        }
    });
    for n in 0..60 {
        let page = [
            "/",
            "/categories/design",
            "/search?q=%D8%B4%D8%B9%D8%A7%D8%B1",
        ][n % 3];
        let req = Request::get(page).body(Body::empty()).unwrap();
        let answered = tokio::time::timeout(Duration::from_secs(10), async {
            crate::common::web::answer(&site.router, req).await.status()
        })
        .await;
        assert_eq!(answered.ok(), Some(StatusCode::OK), "{page}, page {n}");
    }
    drop(building);
    builder.await.unwrap();
    t.cleanup().await;
}
