//! Sellers' services through the real router: create, submit, review, publish, edit while
//! live, pause; who may do what (owner / other member / visitor / admin); uploads.

use std::time::Duration;

use crate::common::web::{path, register, site, site_with, Browser, Site, PASSWORD};
use crate::common::{categories, databases, TestDb};
use app::api::admin::{ApproveService, GetReviewQueue, RejectService};
use app::api::catalog::{GetSearchResults, GetServiceDetail};
use app::api::favorites::{GetFavorites, SetFavorite};
use app::api::selling::{GetEditableService, GetMyServices, SaveService, SetServicePaused};
use axum::http::StatusCode;
use serde_json::{json, Value};
use shared::error::Refusal;

/// A signed-in member with a verified email (an admin if `admin`).
async fn member(t: &TestDb, s: &Site, username: &str, admin: bool) -> Browser {
    let mut b = Browser::new(s);
    register(&mut b, username).await;
    sqlx::query("UPDATE users SET email_verified_at = 1, role = $1 WHERE username = $2")
        .bind(if admin { "admin" } else { "member" })
        .bind(username)
        .execute(t.db.pool())
        .await
        .unwrap();
    b
}

fn draft(category: i64, title: &str) -> Value {
    json!({
        "title": title,
        "description": "أصمم لك شعارًا أصليًا بثلاثة مقترحات وتعديلات غير محدودة حتى ترضى تمامًا.",
        "category_id": category,
        "tags": ["شعار", "logo"],
        "price_dollars": 25,
        "delivery_days": 3,
        "instructions": "أرسل اسم النشاط والألوان المفضلة.",
        "upgrades": [
            {"title": "ملفات المصدر المفتوحة", "price_dollars": 10, "extra_days": 1},
            {"title": "تسليم خلال يوم واحد", "price_dollars": 15, "extra_days": 0}
        ],
        "images": []
    })
}

async fn save(
    b: &mut Browser,
    id: Option<i64>,
    draft: Value,
    submit: bool,
) -> crate::common::web::Response {
    b.call_json(
        path::<SaveService>(),
        json!({"id": id, "draft": draft, "submit": submit}),
    )
    .await
}

/// The version of the service an admin sees in the queue now.
async fn version(t: &TestDb, id: i64) -> String {
    sqlx::query_scalar::<_, i64>("SELECT review_version FROM services WHERE id = $1")
        .bind(id)
        .fetch_one(t.db.pool())
        .await
        .unwrap()
        .to_string()
}

/// A service `seller` submitted and `admin` approved: live in the catalog.
async fn published(
    t: &TestDb,
    seller: &mut Browser,
    admin: &mut Browser,
    category: i64,
    title: &str,
) -> i64 {
    let id: i64 = save(seller, None, draft(category, title), true)
        .await
        .body
        .parse()
        .unwrap();
    admin
        .call(
            path::<ApproveService>(),
            &[("id", &id.to_string()), ("version", &version(t, id).await)],
        )
        .await;
    id
}

async fn search(b: &mut Browser, q: &str) -> Vec<String> {
    let r = b
        .call_json(
            path::<GetSearchResults>(),
            json!({"query": {"q": q, "sort": "Relevance", "category": null, "level": null,
                "min_rating": null, "max_days": null, "min_price": null, "max_price": null, "page": 1}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    v["services"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap().to_owned())
        .collect()
}

async fn each(test: impl AsyncFn(&TestDb, &Site, i64)) {
    for t in databases().await {
        let s = site(&t).await;
        let category = categories(&t).await;
        test(&t, &s, category).await;
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_service_goes_from_draft_to_review_to_search() {
    each(async |t, s, category| {
        let mut seller = member(t, s, "sara", false).await;
        let mut admin = member(t, s, "admin", true).await;
        let mut buyer = member(t, s, "badr", false).await;
        let title = "تصميم شعار احترافي لشركتك الناشئة";
        let r = save(&mut seller, None, draft(category, title), false).await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", t.backend, r.body);
        let id: i64 = r.body.parse().unwrap();
        // A draft is nobody's business but the seller's.
        let r = buyer
            .call(path::<GetServiceDetail>(), &[("id", &id.to_string())])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(search(&mut buyer, "شعار").await.is_empty());
        let queue = admin.call(path::<GetReviewQueue>(), &[]).await;
        assert_eq!(queue.body, "[]");

        let r = save(&mut seller, Some(id), draft(category, title), true).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let queue: Value =
            serde_json::from_str(&admin.call(path::<GetReviewQueue>(), &[]).await.body).unwrap();
        assert_eq!(queue[0]["draft"]["title"], title);
        assert_eq!(queue[0]["draft"]["upgrades"].as_array().unwrap().len(), 2);

        let r = admin
            .call(
                path::<ApproveService>(),
                &[("id", &id.to_string()), ("version", &version(t, id).await)],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(search(&mut buyer, "الشعار").await, [title]);
        let r = buyer
            .call(path::<GetServiceDetail>(), &[("id", &id.to_string())])
            .await;
        assert_eq!(r.status, StatusCode::OK);

        // Editing a live service: the published version stays until the edit is approved.
        let new_title = "تصميم هوية بصرية كاملة لشركتك";
        let r = save(&mut seller, Some(id), draft(category, new_title), true).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(search(&mut buyer, "شعار").await, [title]);
        assert!(search(&mut buyer, "هويه").await.is_empty());
        let mine: Value =
            serde_json::from_str(&seller.call(path::<GetMyServices>(), &[]).await.body).unwrap();
        assert_eq!(mine[0]["status"], "Published");
        assert_eq!(mine[0]["edit"], "InReview");
        admin
            .call(
                path::<ApproveService>(),
                &[("id", &id.to_string()), ("version", &version(t, id).await)],
            )
            .await;
        assert_eq!(search(&mut buyer, "هويه").await, [new_title]);

        // Favorites, then a pause hides it from search.
        let r = buyer
            .call(
                path::<SetFavorite>(),
                &[("service_id", &id.to_string()), ("favorite", "true")],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        buyer
            .call(
                path::<SetFavorite>(),
                &[("service_id", &id.to_string()), ("favorite", "true")],
            )
            .await;
        let favorites: Value =
            serde_json::from_str(&buyer.call(path::<GetFavorites>(), &[]).await.body).unwrap();
        assert_eq!(favorites.as_array().unwrap().len(), 1);
        let r = seller
            .call(
                path::<SetServicePaused>(),
                &[("id", &id.to_string()), ("paused", "true")],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(search(&mut buyer, "هويه").await.is_empty());
        seller
            .call(
                path::<SetServicePaused>(),
                &[("id", &id.to_string()), ("paused", "false")],
            )
            .await;
        assert_eq!(search(&mut buyer, "هويه").await, [new_title]);
    })
    .await;
}

#[tokio::test]
async fn a_rejection_carries_its_reason_to_the_seller() {
    each(async |t, s, category| {
        let mut seller = member(t, s, "sara", false).await;
        let mut admin = member(t, s, "admin", true).await;
        let id: i64 = save(
            &mut seller,
            None,
            draft(category, "تصميم شعار احترافي لشركتك"),
            true,
        )
        .await
        .body
        .parse()
        .unwrap();
        let r = admin
            .call(
                path::<RejectService>(),
                &[
                    ("id", &id.to_string()),
                    ("version", &version(t, id).await),
                    ("reason", ""),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a reason is required"
        );
        let reason = "الصور منخفضة الجودة، ارفع صورًا أوضح.";
        let r = admin
            .call(
                path::<RejectService>(),
                &[
                    ("id", &id.to_string()),
                    ("version", &version(t, id).await),
                    ("reason", reason),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let mine: Value =
            serde_json::from_str(&seller.call(path::<GetMyServices>(), &[]).await.body).unwrap();
        assert_eq!(mine[0]["status"], "Rejected");
        assert_eq!(mine[0]["rejection_reason"], reason);
        // Approving what is not waiting for review changes nothing.
        let r = admin
            .call(
                path::<ApproveService>(),
                &[("id", &id.to_string()), ("version", &version(t, id).await)],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    })
    .await;
}

#[tokio::test]
async fn nobody_but_the_owner_may_see_edit_or_pause_a_service() {
    each(async |t, s, category| {
        let mut owner = member(t, s, "sara", false).await;
        let mut other = member(t, s, "badr", false).await;
        let mut admin = member(t, s, "admin", true).await;
        let mut visitor = Browser::new(s);
        let id = published(
            t,
            &mut owner,
            &mut admin,
            category,
            "تصميم شعار احترافي لشركتك",
        )
        .await;
        let sid = id.to_string();
        for (who, b, expected) in [
            ("owner", &mut owner, StatusCode::OK),
            ("other", &mut other, StatusCode::NOT_FOUND),
            ("visitor", &mut visitor, StatusCode::UNAUTHORIZED),
        ] {
            let r = b.call(path::<GetEditableService>(), &[("id", &sid)]).await;
            assert_eq!(
                r.status, expected,
                "{} {who} get_editable: {}",
                t.backend, r.body
            );
            let r = save(
                b,
                Some(id),
                draft(category, "عنوان جديد من شخص آخر تمامًا"),
                true,
            )
            .await;
            assert_eq!(r.status, expected, "{who} save: {}", r.body);
            let r = b
                .call(
                    path::<SetServicePaused>(),
                    &[("id", &sid), ("paused", "true")],
                )
                .await;
            assert_eq!(r.status, expected, "{who} pause: {}", r.body);
            if expected == StatusCode::OK {
                b.call(
                    path::<SetServicePaused>(),
                    &[("id", &sid), ("paused", "false")],
                )
                .await;
            }
        }
        // Others' "my services" never list it; the service is untouched by them.
        let theirs = other.call(path::<GetMyServices>(), &[]).await;
        assert_eq!(theirs.body, "[]");
        let status: String = sqlx::query_scalar("SELECT status FROM services WHERE id = $1")
            .bind(id)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(status, "published");
        let revisions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM service_revisions")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(revisions, 1, "only the owner's edit waits for review");
        // Moderation is for admins only.
        for (who, b, expected) in [
            ("member", &mut other, StatusCode::FORBIDDEN),
            ("visitor", &mut visitor, StatusCode::UNAUTHORIZED),
        ] {
            for r in [
                b.call(path::<GetReviewQueue>(), &[]).await,
                b.call(path::<ApproveService>(), &[("id", &sid), ("version", "1")])
                    .await,
                b.call(
                    path::<RejectService>(),
                    &[("id", &sid), ("version", "1"), ("reason", "لا يعجبني")],
                )
                .await,
            ] {
                assert_eq!(r.status, expected, "{who}: {}", r.body);
            }
        }
    })
    .await;
}

#[tokio::test]
async fn invalid_services_and_unverified_sellers_are_refused() {
    each(async |t, s, category| {
        let mut seller = member(t, s, "sara", false).await;
        let mut bad = draft(category, "قصير");
        bad["price_dollars"] = json!(12);
        bad["images"] = json!(["demo/someone-elses.svg"]);
        let r = save(&mut seller, None, bad, true).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.body.contains("error-too-short") && r.body.contains("error-price-step"),
            "{}",
            r.body
        );
        let r = save(
            &mut seller,
            None,
            {
                let mut d = draft(category, "تصميم شعار احترافي لشركتك");
                d["images"] = json!(["demo/someone-elses.svg"]);
                d
            },
            true,
        )
        .await;
        assert!(r.body.contains("error-image-not-yours"), "{}", r.body);
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM services")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(count, 0, "{}", t.backend);

        sqlx::query("UPDATE users SET email_verified_at = NULL WHERE username = 'sara'")
            .execute(t.db.pool())
            .await
            .unwrap();
        // The session still says "verified" until it reloads the user: log in again.
        let mut fresh = Browser::new(s);
        fresh
            .call(
                path::<app::api::account::LogIn>(),
                &[("email", "sara@example.com"), ("password", PASSWORD)],
            )
            .await;
        let r = save(
            &mut fresh,
            None,
            draft(category, "تصميم شعار احترافي لشركتك"),
            true,
        )
        .await;
        assert!(r.refused(Refusal::VerifyEmailFirst), "{}", r.body);
    })
    .await;
}

#[tokio::test]
async fn the_seller_level_caps_active_services() {
    each(async |t, s, category| {
        let mut seller = member(t, s, "sara", false).await;
        let cap = shared::seller_level::SellerLevel::New.active_service_cap();
        for i in 0..cap {
            let r = save(
                &mut seller,
                None,
                draft(category, &format!("تصميم شعار احترافي رقم {i}")),
                true,
            )
            .await;
            assert_eq!(r.status, StatusCode::OK, "{i}: {}", r.body);
        }
        let r = save(
            &mut seller,
            None,
            draft(category, "خدمة واحدة زيادة عن الحد"),
            true,
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "{}: {}",
            t.backend,
            r.body
        );
        assert!(r.refused(Refusal::ServiceCap { max: cap }), "{}", r.body);
        // A draft does not count and can still be saved.
        let r = save(
            &mut seller,
            None,
            draft(category, "خدمة محفوظة كمسودة فقط"),
            false,
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    })
    .await;
}

fn png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x / 3) as u8, (y / 2) as u8, 120])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

#[tokio::test]
async fn uploads_are_checked_re_encoded_and_owned() {
    each(async |t, s, category| {
        let mut visitor = Browser::new(s);
        assert_eq!(
            visitor.upload(&png(), "a.png").await.status,
            StatusCode::UNAUTHORIZED
        );
        let mut seller = member(t, s, "sara", false).await;
        let r = seller.upload(b"<?php echo 'hi'; ?>", "image.png").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("error-upload-type"));
        let r = seller.upload(&png(), "photo.php").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let v: Value = serde_json::from_str(&r.body).unwrap();
        let path = v["path"].as_str().unwrap().to_owned();
        assert!(
            path.starts_with("uploads/") && path.ends_with(".webp"),
            "{path}"
        );
        let stored = std::fs::read(t.dir.join("media").join(&path)).unwrap();
        assert_eq!(
            image::guess_format(&stored).unwrap(),
            image::ImageFormat::WebP
        );
        let served = seller.get(v["url"].as_str().unwrap()).await;
        assert_eq!(served.status, StatusCode::OK);

        // Another seller cannot use it.
        let mut other = member(t, s, "badr", false).await;
        let mut d = draft(category, "تصميم شعار احترافي لشركتك");
        d["images"] = json!([path]);
        let r = save(&mut other, None, d.clone(), true).await;
        assert!(r.body.contains("error-image-not-yours"), "{}", r.body);
        let r = save(&mut seller, None, d, true).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    })
    .await;
}

/// The seller re-saves while the admin is looking: the admin's decision names the version
/// it saw and is refused, and nothing changes; the new version can then be decided.
#[tokio::test]
async fn a_decision_applies_only_to_the_version_the_admin_saw() {
    each(async |t, s, category| {
        let mut seller = member(t, s, "sara", false).await;
        let mut admin = member(t, s, "admin", true).await;
        let mut buyer = member(t, s, "badr", false).await;
        let title = "تصميم شعار احترافي لشركتك";
        let id: i64 = save(&mut seller, None, draft(category, title), true)
            .await
            .body
            .parse()
            .unwrap();
        let queue: Value =
            serde_json::from_str(&admin.call(path::<GetReviewQueue>(), &[]).await.body).unwrap();
        let seen = queue[0]["version"].as_i64().unwrap().to_string();
        // The seller swaps the content in after the admin opened it.
        let sneaky = "عنوان آخر لم يره المراجع أبدًا";
        let r = save(&mut seller, Some(id), draft(category, sneaky), true).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        for r in [
            admin
                .call(
                    path::<ApproveService>(),
                    &[("id", &id.to_string()), ("version", &seen)],
                )
                .await,
            admin
                .call(
                    path::<RejectService>(),
                    &[
                        ("id", &id.to_string()),
                        ("version", &seen),
                        ("reason", "غير مناسب"),
                    ],
                )
                .await,
        ] {
            assert_eq!(
                r.status,
                StatusCode::BAD_REQUEST,
                "{} {}",
                t.backend,
                r.body
            );
            assert!(r.refused(Refusal::ReviewOutdated), "{}", r.body);
        }
        assert!(
            search(&mut buyer, "عنوان").await.is_empty(),
            "nothing was published"
        );
        let status: String = sqlx::query_scalar("SELECT status FROM services WHERE id = $1")
            .bind(id)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(status, "pending_review");
        // Reloaded, the admin sees the new version and approves that.
        let queue: Value =
            serde_json::from_str(&admin.call(path::<GetReviewQueue>(), &[]).await.body).unwrap();
        assert_eq!(queue[0]["draft"]["title"], sneaky);
        let now = queue[0]["version"].as_i64().unwrap().to_string();
        let r = admin
            .call(
                path::<ApproveService>(),
                &[("id", &id.to_string()), ("version", &now)],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);

        // The same for an edit of the live service.
        let edit = "تصميم هوية بصرية كاملة لشركتك";
        save(&mut seller, Some(id), draft(category, edit), true).await;
        let queue: Value =
            serde_json::from_str(&admin.call(path::<GetReviewQueue>(), &[]).await.body).unwrap();
        let seen = queue[0]["version"].as_i64().unwrap().to_string();
        save(&mut seller, Some(id), draft(category, sneaky), true).await;
        let r = admin
            .call(
                path::<ApproveService>(),
                &[("id", &id.to_string()), ("version", &seen)],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert!(search(&mut buyer, "هويه").await.is_empty());
    })
    .await;
}

/// The `nonce="…"` of a page's inline scripts.
fn nonce_of(html: &str) -> &str {
    let start = html.find("nonce=\"").expect("a nonce") + "nonce=\"".len();
    &html[start..start + html[start..].find('"').unwrap()]
}

#[tokio::test]
async fn visitors_get_kept_pages_until_something_changes() {
    each(async |t, s, category| {
        let mut seller = member(t, s, "sara", false).await;
        let mut admin = member(t, s, "admin", true).await;
        let title = "تصميم شعار احترافي لشركتك الناشئة";
        let id = published(t, &mut seller, &mut admin, category, title).await;
        let page = format!("/services/{id}");
        let mut visitor = Browser::new(s);

        // A page rendered for a member is not kept for anyone.
        let r = seller.get(&page).await;
        assert_eq!(r.header("x-cache"), None, "{}", t.backend);
        let first = visitor.get(&page).await;
        assert_eq!(first.status, StatusCode::OK, "{}", t.backend);
        assert_eq!(first.header("x-cache"), Some("miss"));
        assert!(first.body.contains(title));
        assert_eq!(visitor.cookie, None, "a catalog page starts no session");

        // The second visitor gets the same page with a nonce of its own, named by its CSP.
        let second = Browser::new(s).get(&page).await;
        assert_eq!(second.header("x-cache"), Some("hit"), "{}", t.backend);
        let (a, b) = (nonce_of(&first.body), nonce_of(&second.body));
        assert_ne!(a, b, "every answer has a fresh nonce");
        assert_eq!(first.body.replace(a, b), second.body);
        let csp = second.header("content-security-policy").unwrap();
        assert!(csp.contains(&format!("'nonce-{b}'")), "{csp}");

        // Each language is its own page.
        let english = Browser::new(s)
            .send(
                axum::http::Request::get(page.as_str())
                    .header("accept-language", "en")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(english.header("x-cache"), Some("miss"));
        assert!(english.body.contains(r#"<html lang="en" dir="ltr">"#));

        // A server function that only reads changes nothing...
        visitor
            .call(path::<GetServiceDetail>(), &[("id", &id.to_string())])
            .await;
        assert_eq!(visitor.get(&page).await.header("x-cache"), Some("hit"));
        // ...and a change is seen by the very next visitor.
        let r = seller
            .call(
                path::<SetServicePaused>(),
                &[("id", &id.to_string()), ("paused", "true")],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let after = Browser::new(s).get(&page).await;
        assert_eq!(after.status, StatusCode::NOT_FOUND, "{}", t.backend);
        assert_eq!(after.header("x-cache"), None);
    })
    .await;
}

/// The HTML with its nonce (fresh on every answer) written as `N`.
fn without_nonce(html: &str) -> String {
    html.replace(nonce_of(html), "N")
}

/// A member gets the page kept for everyone with their own account menu in it: exactly the
/// page a render for them makes, never another member's menu, and a visitor never gets a
/// member's.
#[tokio::test]
async fn members_get_kept_pages_with_their_own_account_menu() {
    each(async |t, _, category| {
        // Kept long enough for a slow run to see every answer kept; and, on the same
        // database, a site that renders every page for whoever asks: what each must be.
        let kept = site_with(t, |c| c.page_cache = Duration::from_secs(300)).await;
        let rendered = site_with(t, |c| c.page_cache = Duration::ZERO).await;
        let mut seller = member(t, &kept, "sara", false).await;
        let mut admin = member(t, &kept, "admin", true).await;
        for (username, name) in [("sara", "سارة البائعة"), ("admin", "مدير المنصة")]
        {
            sqlx::query("UPDATE users SET display_name = $1 WHERE username = $2")
                .bind(name)
                .bind(username)
                .execute(t.db.pool())
                .await
                .unwrap();
        }
        let title = "تصميم شعار احترافي لشركتك الناشئة";
        let id = published(t, &mut seller, &mut admin, category, title).await;
        let pages = [
            "/".to_owned(),
            "/categories/logo-design".to_owned(),
            format!("/services/{id}"),
            "/sellers/sara".to_owned(),
            "/search?q=%D8%B4%D8%B9%D8%A7%D8%B1".to_owned(),
        ];
        // Who asks, the name their menu shows, and what the page cache says to each of
        // three requests for the first page and for the others. The seller's first page is
        // rendered for them (their menu is kept from it), the second is rendered for
        // nobody and kept; the admin's first is rendered for them, then all are kept.
        let askers = [
            (
                &mut seller,
                "سارة البائعة",
                [None, Some("miss"), Some("hit")],
                [Some("miss"), Some("hit"), Some("hit")],
            ),
            (
                &mut admin,
                "مدير المنصة",
                [None, Some("hit"), Some("hit")],
                [Some("hit"); 3],
            ),
        ];
        for (who, name, first_page, other_pages) in askers {
            let mut whole = Browser::new(&rendered);
            whole.cookie = who.cookie.clone();
            for (n, page) in pages.iter().enumerate() {
                let expected = whole.get(page).await;
                assert_eq!(expected.status, StatusCode::OK, "{} {page}", t.backend);
                let summary = format!(r#"<summary data-testid="user-menu">{name}</summary>"#);
                assert!(expected.body.contains(&summary), "{} {page}", t.backend);
                let caches = if n == 0 { first_page } else { other_pages };
                for cache in caches {
                    let r = who.get(page).await;
                    assert_eq!(r.status, StatusCode::OK, "{} {page}", t.backend);
                    assert_eq!(r.header("x-cache"), cache, "{} {page} {name}", t.backend);
                    assert_eq!(
                        without_nonce(&r.body),
                        without_nonce(&expected.body),
                        "{} {page} {name}",
                        t.backend
                    );
                }
            }
        }
        // The admin's menu has the admin's links; the seller's pages did not (above: equal
        // to the seller's own render). A visitor gets the kept page as it was rendered.
        let visitor = Browser::new(&kept).get(&pages[2]).await;
        assert_eq!(visitor.header("x-cache"), Some("hit"), "{}", t.backend);
        assert!(visitor.body.contains(r#"data-testid="login-link""#));
        // (The seller's name is on their service's page, but not in its menu.)
        for name in [
            r#"data-testid="user-menu""#,
            "مدير المنصة",
            "nav-admin-review",
        ] {
            assert!(!visitor.body.contains(name), "{}: {name}", t.backend);
        }
        let ours = Browser::new(&rendered).get(&pages[2]).await;
        assert_eq!(without_nonce(&visitor.body), without_nonce(&ours.body));
        // Signing out ends it: the next page is a visitor's, even with the old cookie.
        let old_cookie = seller.cookie.clone();
        let r = seller.post_form("/logout").await;
        assert!(r.status.is_redirection(), "{}", r.status);
        seller.cookie = old_cookie;
        let after = seller.get(&pages[2]).await;
        assert!(
            !after.body.contains(r#"data-testid="user-menu""#),
            "{}",
            t.backend
        );
        assert!(after.body.contains(r#"data-testid="login-link""#));
    })
    .await;
}

/// Members' pages rendered every time (no page cache) come from the catalog's kept
/// answers: a change made through this server is in the very next page; one made by
/// another process (here, straight in the database) is in the first page after
/// `CATALOG_CACHE_SECS`.
#[tokio::test]
async fn members_get_kept_catalog_answers_until_something_changes() {
    each(async |t, _, category| {
        let s = &site_with(t, |c| c.page_cache = Duration::ZERO).await;
        let mut seller = member(t, s, "sara", false).await;
        let mut admin = member(t, s, "admin", true).await;
        let mut buyer = member(t, s, "omar", false).await;
        let title = "تصميم شعار احترافي لشركتك الناشئة";
        let id = published(t, &mut seller, &mut admin, category, title).await;
        let page = format!("/services/{id}");
        let retitle = async |to: &str| {
            sqlx::query("UPDATE services SET title = $1 WHERE id = $2")
                .bind(to)
                .bind(id)
                .execute(t.db.pool())
                .await
                .unwrap();
        };
        assert!(buyer.get(&page).await.body.contains(title), "{}", t.backend);

        // Another process's change: the kept answer is still given...
        let elsewhere = "تصميم شعار وهوية بصرية متكاملة";
        retitle(elsewhere).await;
        let kept = buyer.get(&page).await;
        assert_eq!(kept.header("x-cache"), None, "no page is kept");
        assert!(
            kept.body.contains(title),
            "{}: the answer was not kept",
            t.backend
        );
        // ...until a change made through this server, by anyone: its seller pauses it
        // and takes it up again.
        for (paused, status) in [("true", StatusCode::NOT_FOUND), ("false", StatusCode::OK)] {
            let r = seller
                .call(
                    path::<SetServicePaused>(),
                    &[("id", &id.to_string()), ("paused", paused)],
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            assert_eq!(buyer.get(&page).await.status, status, "{}", t.backend);
        }
        assert!(
            buyer.get(&page).await.body.contains(elsewhere),
            "{}",
            t.backend
        );

        // A second server process on the same database, keeping answers for 300 ms.
        let other = site_with(t, |c| {
            c.page_cache = Duration::ZERO;
            c.catalog_cache = Duration::from_millis(300);
        })
        .await;
        let mut visitor = Browser::new(&other);
        assert!(visitor.get(&page).await.body.contains(elsewhere));
        retitle(title).await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert!(
            visitor.get(&page).await.body.contains(title),
            "{}",
            t.backend
        );
    })
    .await;
}
