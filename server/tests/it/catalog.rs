//! Catalog storage against real databases: SQLite always, PostgreSQL when configured.

use std::collections::HashSet;

use server::catalog::SqlCatalog;
use server::tools::seed::{catalog_data, seed_bench, seed_demo};
use shared::catalog::{ServiceSort, PAGE_SIZE};
use shared::ports::CatalogStore;
use sqlx::Executor;

use crate::common::{databases, TestDb};

async fn seeded() -> Vec<TestDb> {
    let mut all = databases().await;
    for t in &mut all {
        seed_demo(&t.db, &t.dir.join("media"))
            .await
            .unwrap_or_else(|e| panic!("{}: seed: {e}", t.backend))
            .expect("empty database gets seeded");
    }
    all
}

async fn count(t: &TestDb, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(t.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{}: {sql}: {e}", t.backend))
}

#[tokio::test]
async fn demo_seed_is_realistic_and_only_fills_an_empty_database() {
    for t in seeded().await {
        let b = t.backend;
        // Demo orders in every state, made through the real stores: the ledger holds.
        for status in shared::orders::OrderStatus::ALL {
            let sql = format!(
                "SELECT COUNT(*) FROM orders WHERE status = '{}'",
                status.as_str()
            );
            assert!(count(&t, &sql).await > 0, "{b}: no demo order {status:?}");
        }
        assert!(
            count(
                &t,
                "SELECT COUNT(*) FROM clearances WHERE cleared_at IS NULL"
            )
            .await
                > 0
        );
        assert!(
            count(
                &t,
                "SELECT COUNT(*) FROM withdrawals WHERE status = 'requested'"
            )
            .await
                > 0
        );
        let broken = server::money::ledger::broken_invariants(&t.db)
            .await
            .unwrap();
        assert!(broken.is_empty(), "{b}: {broken:?}");
        assert_eq!(
            count(
                &t,
                "SELECT COUNT(*) FROM categories WHERE parent_id IS NULL"
            )
            .await,
            7,
            "{b}"
        );
        let per_main: Vec<(i64,)> = sqlx::query_as(
            "SELECT COUNT(*) FROM categories c JOIN categories m ON m.id = c.parent_id GROUP BY m.id",
        )
        .fetch_all(t.db.pool())
        .await
        .unwrap();
        assert!(
            per_main.iter().all(|(n,)| (4..=8).contains(n)),
            "{b}: 4–8 sub-categories each: {per_main:?}"
        );
        assert!(
            count(
                &t,
                "SELECT COUNT(*) FROM services WHERE status = 'published'"
            )
            .await
                >= 60,
            "{b}"
        );
        assert!(
            count(&t, "SELECT COUNT(DISTINCT seller_id) FROM services").await >= 15,
            "{b}"
        );
        let upgrades: Vec<(i64,)> =
            sqlx::query_as("SELECT COUNT(u.id) FROM services s LEFT JOIN service_upgrades u ON u.service_id = s.id GROUP BY s.id")
                .fetch_all(t.db.pool())
                .await
                .unwrap();
        assert!(
            upgrades.iter().all(|(n,)| (1..=5).contains(n)),
            "{b}: 1–5 upgrades each"
        );
        assert_eq!(count(&t, "SELECT COUNT(*) FROM services s WHERE NOT EXISTS (SELECT 1 FROM service_images i WHERE i.service_id = s.id)").await, 0, "{b}: every service has an image");
        assert!(
            count(
                &t,
                "SELECT COUNT(*) FROM reviews WHERE seller_reply IS NOT NULL"
            )
            .await
                > 0,
            "{b}: some replies"
        );
        // Denormalized rating counters agree with the reviews.
        assert_eq!(
            count(&t, "SELECT COUNT(*) FROM services s WHERE s.rating_count <> (SELECT COUNT(*) FROM reviews r WHERE r.service_id = s.id) OR s.rating_sum <> (SELECT COALESCE(SUM(r.rating), 0) FROM reviews r WHERE r.service_id = s.id)").await,
            0,
            "{b}: rating counters"
        );
        for role in ["admin", "member"] {
            let sql = format!("SELECT COUNT(*) FROM users WHERE role = '{role}' AND password_hash LIKE '$argon2id$%'");
            assert!(
                count(&t, &sql).await >= 1,
                "{b}: demo {role} with an argon2id password"
            );
        }
        // Generated images exist on disk, no external URLs.
        let paths: Vec<(String,)> = sqlx::query_as("SELECT path FROM service_images")
            .fetch_all(t.db.pool())
            .await
            .unwrap();
        for (p,) in &paths {
            assert!(!p.contains("://"), "{b}: local image path {p}");
            assert!(t.dir.join("media").join(p).is_file(), "{b}: {p} written");
        }
        // A second run changes nothing.
        let before = count(&t, "SELECT COUNT(*) FROM services").await;
        assert!(
            seed_demo(&t.db, &t.dir.join("media"))
                .await
                .unwrap()
                .is_none(),
            "{b}"
        );
        assert_eq!(
            count(&t, "SELECT COUNT(*) FROM services").await,
            before,
            "{b}"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn home_counts_categories_and_lists_newest_and_top_rated() {
    for t in seeded().await {
        let b = t.backend;
        let catalog = SqlCatalog::new(t.db.clone());
        let home = catalog.home().await.unwrap();
        assert_eq!(home.categories.len(), 7, "{b}");
        let total: u32 = home.categories.iter().map(|c| c.service_count).sum();
        assert_eq!(
            i64::from(total),
            count(&t, "SELECT COUNT(*) FROM services").await,
            "{b}: every service counted once"
        );
        assert_eq!(
            home.categories[0].category.slug,
            catalog_data::CATEGORIES[0].slug,
            "{b}: menu order"
        );
        assert!(!home.newest.is_empty() && home.newest.len() <= 8, "{b}");
        // The newest strip starts with the most recently published service.
        let newest_id = count(
            &t,
            "SELECT id FROM services ORDER BY published_at DESC, id DESC LIMIT 1",
        )
        .await;
        assert_eq!(home.newest[0].id, newest_id, "{b}");
        let avgs: Vec<u32> = home
            .top_rated
            .iter()
            .map(|c| c.rating.average_tenths().unwrap_or(0))
            .collect();
        assert!(
            avgs.windows(2).all(|w| w[0] >= w[1]),
            "{b}: top rated in order {avgs:?}"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn category_pages_include_subcategories_sort_and_paginate() {
    for t in seeded().await {
        let b = t.backend;
        let catalog = SqlCatalog::new(t.db.clone());
        let design = catalog
            .category_page("design", ServiceSort::Newest, 1)
            .await
            .unwrap()
            .expect("design");
        let expected = count(&t, "SELECT COUNT(*) FROM services s JOIN categories c ON c.id = s.category_id JOIN categories m ON m.id = c.parent_id WHERE m.slug = 'design'").await;
        assert_eq!(
            design.services.total as i64, expected,
            "{b}: main category counts its sub-categories"
        );
        assert!(design.parent.is_none(), "{b}");
        assert_eq!(design.subcategories.len(), 6, "{b}");
        assert!(design.services.items.len() <= PAGE_SIZE as usize, "{b}");

        // Walking every page visits every service exactly once, in order.
        let mut seen = Vec::new();
        for sort in ServiceSort::ALL {
            seen.clear();
            let first = catalog
                .category_page("design", sort, 1)
                .await
                .unwrap()
                .unwrap();
            for page in 1..=first.services.total_pages() {
                let p = catalog
                    .category_page("design", sort, page)
                    .await
                    .unwrap()
                    .unwrap();
                seen.extend(p.services.items);
            }
            let ids: HashSet<i64> = seen.iter().map(|c| c.id).collect();
            assert_eq!(
                ids.len() as i64,
                expected,
                "{b}: {sort:?} pages are disjoint and complete"
            );
            match sort {
                ServiceSort::BestSelling => assert!(
                    seen.windows(2)
                        .all(|w| w[0].orders_count >= w[1].orders_count),
                    "{b}: best selling"
                ),
                ServiceSort::TopRated => {
                    let avg = |c: &shared::catalog::ServiceCard| {
                        c.rating.sum as u64 * 1000 / c.rating.count.max(1) as u64
                    };
                    assert!(
                        seen.windows(2).all(|w| avg(&w[0]) >= avg(&w[1])),
                        "{b}: top rated"
                    );
                }
                ServiceSort::Newest => {
                    let order: Vec<(i64,)> = sqlx::query_as("SELECT s.id FROM services s JOIN categories c ON c.id = s.category_id JOIN categories m ON m.id = c.parent_id WHERE m.slug = 'design' ORDER BY s.published_at DESC, s.id DESC").fetch_all(t.db.pool()).await.unwrap();
                    let got: Vec<i64> = seen.iter().map(|c| c.id).collect();
                    assert_eq!(
                        got,
                        order.into_iter().map(|(i,)| i).collect::<Vec<_>>(),
                        "{b}: newest"
                    );
                }
            }
        }

        // A sub-category: only its own services, its siblings as chips, its parent known.
        let logos = catalog
            .category_page("logo-design", ServiceSort::Newest, 1)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            logos.parent.as_ref().map(|p| p.slug.as_str()),
            Some("design"),
            "{b}"
        );
        assert_eq!(logos.subcategories.len(), 6, "{b}: siblings");
        let in_logos = count(&t, "SELECT COUNT(*) FROM services s JOIN categories c ON c.id = s.category_id WHERE c.slug = 'logo-design'").await;
        assert_eq!(logos.services.total as i64, in_logos, "{b}");

        // Past the last page: an empty page, not an error.
        let far = catalog
            .category_page("design", ServiceSort::Newest, 500)
            .await
            .unwrap()
            .unwrap();
        assert!(far.services.items.is_empty(), "{b}");
        assert!(
            catalog
                .category_page("no-such-category", ServiceSort::Newest, 1)
                .await
                .unwrap()
                .is_none(),
            "{b}"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_service_comes_with_its_upgrades_reviews_and_seller() {
    for t in seeded().await {
        let b = t.backend;
        let catalog = SqlCatalog::new(t.db.clone());
        let title = "سأصمم شعاراً احترافياً لمشروعك بـ 3 خيارات";
        let id: i64 = sqlx::query_scalar("SELECT id FROM services WHERE title = $1")
            .bind(title)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        let s = catalog.service(id).await.unwrap().expect("published");
        assert_eq!(s.title, title, "{b}");
        assert_eq!(s.price.to_string(), "$25.00", "{b}");
        assert_eq!(s.delivery_days, 3, "{b}");
        let upgrades: Vec<(&str, String, u32)> = s
            .upgrades
            .iter()
            .map(|u| (u.title.as_str(), u.price.to_string(), u.extra_days))
            .collect();
        assert_eq!(
            upgrades,
            vec![
                ("ملفات المصدر AI وEPS", "$10.00".to_owned(), 0),
                ("مقترحان إضافيان", "$15.00".to_owned(), 2),
                ("تصميم بطاقة عمل بالشعار", "$10.00".to_owned(), 1),
                ("تسليم خلال 24 ساعة", "$20.00".to_owned(), 0),
            ],
            "{b}: upgrades in order"
        );
        assert_eq!(s.main_category.slug, "design", "{b}");
        assert_eq!(s.category.slug, "logo-design", "{b}");
        assert_eq!(s.seller.summary.username, "ahmad.designs", "{b}");
        assert!(
            !s.images.is_empty() && s.images.iter().all(|i| i.url.starts_with("/media/")),
            "{b}"
        );
        let reviews = catalog.service_reviews(s.id, 1).await.unwrap().unwrap();
        assert_eq!(
            reviews.reviews.len() as u32,
            s.rating.count.min(shared::reviews::REVIEWS_PAGE_SIZE),
            "{b}"
        );
        assert_eq!(reviews.histogram.total(), s.rating.count, "{b}: histogram");
        let seller_reviews = count(&t, "SELECT COUNT(*) FROM reviews r JOIN users u ON u.id = r.seller_id WHERE u.username = 'ahmad.designs'").await;
        assert_eq!(
            i64::from(s.seller.rating.count),
            seller_reviews,
            "{b}: seller rating over all services"
        );
        let dates: Vec<i64> = reviews.reviews.iter().map(|r| r.created_at).collect();
        assert!(
            dates.windows(2).all(|w| w[0] >= w[1]),
            "{b}: newest reviews first"
        );

        assert!(catalog.service(999_999).await.unwrap().is_none(), "{b}");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn paused_services_and_suspended_sellers_disappear() {
    for t in seeded().await {
        let b = t.backend;
        let catalog = SqlCatalog::new(t.db.clone());
        let id: i64 = sqlx::query_scalar("SELECT MIN(id) FROM services")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        let before = catalog.home().await.unwrap();
        t.db.pool()
            .execute(format!("UPDATE services SET status = 'paused' WHERE id = {id}").as_str())
            .await
            .unwrap();
        assert!(
            catalog.service(id).await.unwrap().is_none(),
            "{b}: paused is not shown"
        );
        let after = catalog.home().await.unwrap();
        let total = |h: &shared::catalog::HomePage| {
            h.categories.iter().map(|c| c.service_count).sum::<u32>()
        };
        assert_eq!(total(&after), total(&before) - 1, "{b}");

        t.db.pool()
            .execute("UPDATE users SET status = 'suspended' WHERE username = 'ahmad.designs'")
            .await
            .unwrap();
        assert!(
            catalog.seller("ahmad.designs").await.unwrap().is_none(),
            "{b}"
        );
        let design = catalog
            .category_page("design", ServiceSort::Newest, 1)
            .await
            .unwrap()
            .unwrap();
        let pages = design.services.total_pages();
        let mut all = design.services.items;
        for page in 2..=pages {
            all.extend(
                catalog
                    .category_page("design", ServiceSort::Newest, page)
                    .await
                    .unwrap()
                    .unwrap()
                    .services
                    .items,
            );
        }
        assert!(
            all.iter().all(|c| c.seller.username != "ahmad.designs"),
            "{b}: suspended seller's services hidden"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_seller_page_has_services_and_reviews() {
    for t in seeded().await {
        let b = t.backend;
        let catalog = SqlCatalog::new(t.db.clone());
        let p = catalog
            .seller("sara.writes")
            .await
            .unwrap()
            .expect("seller");
        assert_eq!(p.card.summary.display_name, "سارة المنصوري", "{b}");
        assert!(!p.bio.is_empty() && !p.skills.is_empty(), "{b}");
        let published = count(&t, "SELECT COUNT(*) FROM services s JOIN users u ON u.id = s.seller_id WHERE u.username = 'sara.writes'").await;
        assert_eq!(p.services.len() as i64, published, "{b}");
        assert!(
            p.reviews.iter().all(|r| r.service.is_some()),
            "{b}: reviews name their service"
        );
        assert!(
            p.card.member_since < p.card.as_of && p.card.last_seen <= p.card.as_of,
            "{b}"
        );
        assert!(catalog.seller("nobody").await.unwrap().is_none(), "{b}");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn bench_seed_adds_the_requested_number_of_services() {
    for t in databases().await {
        let b = t.backend;
        let media = t.dir.join("media");
        let report = seed_bench(&t.db, &media, 1_500).await.unwrap();
        assert_eq!(report.services, 1_500, "{b}");
        assert_eq!(
            count(&t, "SELECT COUNT(*) FROM services").await,
            1_500,
            "{b}"
        );
        // Again on top of the first batch: ids and sequences keep working.
        seed_bench(&t.db, &media, 100).await.unwrap();
        assert_eq!(
            count(&t, "SELECT COUNT(*) FROM services").await,
            1_600,
            "{b}"
        );
        let catalog = SqlCatalog::new(t.db.clone());
        let home = catalog.home().await.unwrap();
        assert_eq!(
            home.categories.iter().map(|c| c.service_count).sum::<u32>(),
            1_600,
            "{b}"
        );
        // New rows after explicit-id inserts get fresh ids (PostgreSQL sequences synced).
        sqlx::query(
            "INSERT INTO categories (slug, name_ar, name_en) VALUES ('extra', 'إضافي', 'Extra')",
        )
        .execute(t.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{b}: insert after seeding: {e}"));
        t.cleanup().await;
    }
}

/// Budget, as a ratio measured in the same run: seeding cost per service must not grow
/// with the batch size. (Numbered `$N` parameters in large SQLite statements once made it
/// quadratic: 100,000 services took 212 s instead of 9 s.)
#[tokio::test]
async fn bench_seeding_scales_linearly() {
    for t in databases().await {
        let b = t.backend;
        let media = t.dir.join("media");
        // Warm up: categories, caches, the first statements prepared.
        seed_bench(&t.db, &media, 200).await.unwrap();
        let per_service = |n: usize| {
            let db = t.db.clone();
            let media = media.clone();
            async move {
                let started = std::time::Instant::now();
                seed_bench(&db, &media, n).await.unwrap();
                started.elapsed().as_secs_f64() / n as f64
            }
        };
        let mut small = f64::MAX;
        let mut large = f64::MAX;
        for _ in 0..2 {
            small = small.min(per_service(500).await);
            large = large.min(per_service(4_000).await);
        }
        let ratio = large / small;
        println!("{b}: per-service cost at 4,000 vs 500: {ratio:.2}×");
        assert!(
            ratio < 2.5,
            "{b}: seeding is superlinear: {ratio:.2}× the per-service cost"
        );
        t.cleanup().await;
    }
}
