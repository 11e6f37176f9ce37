//! Arabic search on both databases: recall over spelling variants (100% required), the
//! filters, and an index-use budget measured as a ratio in the same run.

use std::time::Instant;

use crate::common::web::site;
use crate::common::{categories, databases};
use shared::account::{Role, SessionUser};
use shared::search::{SearchQuery, SearchSort};
use shared::service_form::ServiceDraft;

/// (title, queries that must find it).
const RECALL: &[(&str, &[&str])] = &[
    (
        "تصميم شعار احترافي لشركتك",
        &[
            "شعار",
            "الشعار",
            "تصميم",
            "تَصْمِيمُ شِعَارٍ",
            "تصـــميم",
            "شعار احترافي",
            "احترافى",
        ],
    ),
    (
        "ترجمة المقالات من الإنجليزية إلى العربية",
        &[
            "ترجمه",
            "ترجمة",
            "المقالات",
            "مقالات",
            "الانجليزية",
            "انجليزيه",
            "الإنجليزيّة",
            "العربيه",
        ],
    ),
    (
        "إعداد خطة تسويق للمتاجر",
        &["اعداد", "أعداد", "إعداد", "آعداد", "خطه", "متاجر", "تسويق"],
    ),
    (
        "كتابة محتوى لموقع مستشفى",
        &["مستشفي", "مستشفى", "محتوي", "كتابه", "موقع"],
    ),
    (
        "رسم توضيحي ٤ شخصيات كرتونية",
        &["4 شخصيات", "٤ شخصيات", "كرتونيه", "رسم"],
    ),
    (
        "تصميم 3 بطاقات أعمال",
        &["٣ بطاقات", "3", "بطاقات اعمال", "البطاقات"],
    ),
    (
        "برمجة موقع WordPress متجاوب",
        &["wordpress", "WORDPRESS", "Word", "موقع wordpress", "برمجه"],
    ),
    (
        "مونتاج فيديو يوتيوب احترافي",
        &["الفيديو", "فيديو", "يوتيوب", "مونتاج"],
    ),
    (
        "تصميم أسئلة اختبار ومسؤول محتوى",
        &["اسيله", "أسئلة", "اسئله", "مسوول", "مسؤول"],
    ),
    (
        "تدقيق لغوي بالذكاء الاصطناعي",
        &["ذكاء", "الذكاء", "بالذكاء", "اصطناعي", "لغوى"],
    ),
    (
        "Logo design شعار بالعربي والإنجليزي",
        &["logo", "LOGO Design", "design شعار", "بالعربي", "عربي"],
    ),
];

fn draft(category: i64, title: &str, price: u32, days: u32) -> ServiceDraft {
    ServiceDraft {
        title: title.to_owned(),
        description: "وصف الخدمة بالتفصيل: ما ستحصل عليه، وكيف أعمل، ومتى أسلم.".to_owned(),
        category_id: category,
        tags: vec![],
        price_dollars: price,
        delivery_days: days,
        instructions: String::new(),
        upgrades: vec![],
        images: vec![],
    }
}

fn query(q: &str) -> SearchQuery {
    SearchQuery {
        q: q.to_owned(),
        page: 1,
        ..Default::default()
    }
}

#[tokio::test]
async fn every_spelling_variant_finds_its_service() {
    for t in databases().await {
        let s = site(&t).await;
        let category = categories(&t).await;
        sqlx::query(
            "INSERT INTO users (username, email, first_name, last_name, display_name, \
             email_verified_at, created_at, last_seen_at) \
             VALUES ('seller', 'seller@example.com', 'س', 'ع', 'بائع', 1, 1, 1)",
        )
        .execute(t.db.pool())
        .await
        .unwrap();
        let seller = SessionUser {
            id: sqlx::query_scalar("SELECT id FROM users WHERE username = 'seller'")
                .fetch_one(t.db.pool())
                .await
                .unwrap(),
            username: "seller".into(),
            display_name: "بائع".into(),
            role: Role::Member,
            email_verified: true,
        };
        sqlx::query("UPDATE users SET seller_level = 'top' WHERE id = $1")
            .bind(seller.id)
            .execute(t.db.pool())
            .await
            .unwrap();
        for (title, _) in RECALL {
            let id = s
                .state
                .selling
                .save(&seller, None, draft(category, title, 10, 3), true)
                .await
                .unwrap();
            // A new service's first save is version 1.
            s.state.moderation.approve(id, 1).await.unwrap();
        }
        let mut misses = Vec::new();
        let mut total = 0;
        for (title, queries) in RECALL {
            for q in *queries {
                total += 1;
                let found = s.state.catalog.search(&query(q)).await.unwrap();
                if !found.services.items.iter().any(|c| c.title == *title) {
                    misses.push(format!("{q:?} → {title:?}"));
                }
            }
        }
        assert!(
            misses.is_empty(),
            "{}: recall {}/{total}; missed: {misses:#?}",
            t.backend,
            total - misses.len()
        );
        println!("{}: recall {total}/{total}", t.backend);

        // Nothing matches nonsense; an empty query lists everything.
        assert_eq!(
            s.state
                .catalog
                .search(&query("زززز"))
                .await
                .unwrap()
                .services
                .total,
            0
        );
        assert_eq!(
            s.state
                .catalog
                .search(&query(""))
                .await
                .unwrap()
                .services
                .total,
            RECALL.len() as u64
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn filters_sorts_and_pages() {
    for t in databases().await {
        let media = t.dir.join("media");
        server::tools::seed::seed_demo(&t.db, &media).await.unwrap();
        let s = site(&t).await;
        let search = |q: SearchQuery| {
            let catalog = s.state.catalog.clone();
            async move { catalog.search(&q).await.unwrap() }
        };
        let all = search(query("تصميم")).await;
        assert!(
            all.services.total > 5,
            "{}: {}",
            t.backend,
            all.services.total
        );
        let cheap = search(SearchQuery {
            max_price: Some(10),
            ..query("تصميم")
        })
        .await;
        assert!(cheap.services.total < all.services.total);
        assert!(cheap
            .services
            .items
            .iter()
            .all(|c| c.price.to_cents().unwrap() <= 1000));
        let fast = search(SearchQuery {
            max_days: Some(2),
            ..query("")
        })
        .await;
        assert!(fast.services.items.iter().all(|c| c.delivery_days <= 2));
        let rated = search(SearchQuery {
            min_rating: Some(5),
            ..query("")
        })
        .await;
        assert!(rated
            .services
            .items
            .iter()
            .all(|c| c.rating.count > 0 && c.rating.sum == 5 * c.rating.count));
        let top = search(SearchQuery {
            level: Some(shared::seller_level::SellerLevel::Top),
            ..query("")
        })
        .await;
        assert!(top
            .services
            .items
            .iter()
            .all(|c| c.seller.level == shared::seller_level::SellerLevel::Top));
        let best = search(SearchQuery {
            sort: SearchSort::BestSelling,
            ..query("")
        })
        .await;
        let orders: Vec<u32> = best.services.items.iter().map(|c| c.orders_count).collect();
        assert!(orders.windows(2).all(|w| w[0] >= w[1]), "{orders:?}");
        let page2 = search(SearchQuery {
            page: 2,
            ..query("")
        })
        .await;
        assert_eq!(page2.services.page, 2);
        let first_ids: Vec<i64> = search(query(""))
            .await
            .services
            .items
            .iter()
            .map(|c| c.id)
            .collect();
        assert!(page2
            .services
            .items
            .iter()
            .all(|c| !first_ids.contains(&c.id)));
        // A category filter keeps its sub-categories' services.
        let design = search(SearchQuery {
            category: Some("design".into()),
            ..query("")
        })
        .await;
        assert!(design.services.total > 0 && design.services.total < all.services.total + 100);
        t.cleanup().await;
    }
}

/// Budget, as a ratio in the same run: finding one service among 5,500 costs about what it
/// costs among 500, because the query goes through the full-text index (a scan of
/// every row would cost ~10×).
#[tokio::test]
async fn search_goes_through_the_index() {
    for t in databases().await {
        let b = t.backend;
        let media = t.dir.join("media");
        server::tools::seed::seed_bench(&t.db, &media, 500)
            .await
            .unwrap();
        let needle = "zqxuniqueneedle";
        sqlx::query(
            "UPDATE services SET title = title || ' ' || $1, search_text = search_text || ' ' || $1 \
             WHERE id = (SELECT MIN(id) FROM services)",
        )
        .bind(needle)
        .execute(t.db.pool())
        .await
        .unwrap();
        let s = site(&t).await;
        let time = || {
            let catalog = s.state.catalog.clone();
            async move {
                let mut best = f64::MAX;
                for _ in 0..30 {
                    let started = Instant::now();
                    let r = catalog.search(&query(needle)).await.unwrap();
                    best = best.min(started.elapsed().as_secs_f64());
                    assert_eq!(r.services.total, 1);
                }
                best
            }
        };
        let small = time().await;
        server::tools::seed::seed_bench(&t.db, &media, 5_000)
            .await
            .unwrap();
        let large = time().await;
        let ratio = large / small;
        println!("{b}: one match among 5,500 vs 500 services: {ratio:.2}×");
        assert!(ratio < 4.0, "{b}: search looks like a scan: {ratio:.2}×");
        t.cleanup().await;
    }
}
