//! Arabic search on both databases: recall over spelling variants (100% required), the
//! filters, the capped count, and each statement's plan going through its index.

use crate::common::web::site;
use crate::common::{categories, databases};
use server::infra::db::Backend;
use shared::account::{Role, SessionUser};
use shared::ports::CatalogStore;
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

/// The hot search statements (the capped count and the page, by relevance with and
/// without filters, and in another order) go through their indexes, read from the
/// database's own plan rather than from timings: the full-text index finds the matches,
/// services and sellers are read by key, and the services table is never scanned.
#[tokio::test]
async fn every_search_statement_uses_its_index() {
    for t in databases().await {
        let b = t.db.backend();
        let media = t.dir.join("media");
        // PostgreSQL reads a small table whole whatever the query (rightly): its plan
        // says something about the index only on a catalog of some size.
        let services = if b == Backend::Postgres {
            20_000
        } else {
            2_000
        };
        server::tools::seed::seed_bench(&t.db, &media, services)
            .await
            .unwrap();
        // A word few services have: PostgreSQL's planner (rightly) reads a small table
        // whole for a word most rows match; for a rare one the index must pay.
        let needle = "zqxuniqueneedle";
        sqlx::query(
            "UPDATE services SET title = title || ' ' || $1, search_text = search_text || ' ' || $1 \
             WHERE id IN (SELECT id FROM services ORDER BY id LIMIT 30)",
        )
        .bind(needle)
        .execute(t.db.pool())
        .await
        .unwrap();
        if b == Backend::Postgres {
            // Plans follow statistics; a fresh table has none.
            sqlx::query("ANALYZE").execute(t.db.pool()).await.unwrap();
        }
        let filtered = SearchQuery {
            min_rating: Some(4),
            max_days: Some(7),
            max_price: Some(100),
            ..query(&format!("تصميم {needle}"))
        };
        let top_rated = SearchQuery {
            sort: SearchSort::TopRated,
            level: Some(shared::seller_level::SellerLevel::Level1),
            ..query(needle)
        };
        for q in [
            query(needle),
            query(&format!("شعار {needle}")),
            filtered,
            top_rated,
        ] {
            let plan = server::catalog::search::explain(&t.db, &q).await.unwrap();
            let text = plan.join("\n");
            println!("{b:?} «{}» {:?}:\n{text}", q.q, q.sort);
            match b {
                Backend::Sqlite => {
                    assert!(
                        plan.iter()
                            .any(|l| l.contains("services_fts VIRTUAL TABLE INDEX")),
                        "{b:?}: the full-text index is not used:\n{text}"
                    );
                    assert!(
                        !plan.iter().any(|l| {
                            let step: Vec<&str> = l.split_whitespace().take(2).collect();
                            step == ["SCAN", "s"] || step == ["SCAN", "u"]
                        }),
                        "{b:?}: a table is scanned:\n{text}"
                    );
                }
                Backend::Postgres => {
                    assert!(
                        text.contains("services_search"),
                        "{b:?}: the GIN index is not used:\n{text}"
                    );
                    assert!(
                        !text.contains("Seq Scan on services"),
                        "{b:?}: services are scanned:\n{text}"
                    );
                }
            }
        }
        t.cleanup().await;
    }
}

/// The count stops at the cap and says so; below it, paging through every page by
/// relevance yields exactly the counted services, each once, even when the filters drop
/// most of the best-ranked candidates (the page then widens its candidates).
#[tokio::test]
async fn counts_are_capped_and_pages_add_up_to_the_count() {
    use shared::search::COUNT_CAP;
    for t in databases().await {
        let media = t.dir.join("media");
        server::tools::seed::seed_bench(&t.db, &media, 1_500)
            .await
            .unwrap();
        let s = site(&t).await;
        let all = s.state.catalog.search(&query("")).await.unwrap();
        assert!(all.capped, "{}", t.backend);
        assert_eq!(all.services.total, COUNT_CAP);
        let pages = COUNT_CAP.div_ceil(u64::from(shared::catalog::PAGE_SIZE)) as u32;
        assert_eq!(all.services.total_pages(), pages);
        let last = SearchQuery {
            page: pages,
            ..query("")
        };
        assert!(!s
            .state
            .catalog
            .search(&last)
            .await
            .unwrap()
            .services
            .items
            .is_empty());
        let past = SearchQuery {
            page: pages + 1,
            ..query("")
        };
        assert!(s
            .state
            .catalog
            .search(&past)
            .await
            .unwrap()
            .services
            .items
            .is_empty());

        // A common word, and two filters that keep about one match in six.
        for q in [
            query("تصميم"),
            SearchQuery {
                min_price: Some(100),
                ..query("موقع")
            },
            SearchQuery {
                max_days: Some(1),
                ..query("تصميم")
            },
        ] {
            let first = s.state.catalog.search(&q).await.unwrap();
            assert!(!first.capped, "{}: {q:?}", t.backend);
            let mut seen = std::collections::HashSet::new();
            for page in 1..=first.services.total_pages() {
                let paged = SearchQuery { page, ..q.clone() };
                let r = s.state.catalog.search(&paged).await.unwrap();
                let full = server::catalog::search::search_ranking_every_match(&t.db, &paged)
                    .await
                    .unwrap();
                assert_eq!(
                    r, full,
                    "{}: page {page} differs from the full ranking",
                    t.backend
                );
                for card in r.services.items {
                    assert!(seen.insert(card.id), "{}: {} twice", t.backend, card.id);
                }
            }
            assert_eq!(
                seen.len() as u64,
                first.services.total,
                "{}: {q:?}",
                t.backend
            );
            assert!(
                first.services.total > 2 * u64::from(shared::catalog::PAGE_SIZE),
                "{}: {q:?} should span pages, found {}",
                t.backend,
                first.services.total
            );
        }
        t.cleanup().await;
    }
}

/// A ranking kept between searches is used only while the indexed text is unchanged: a
/// change made outside the server (here, straight in the database, as another process
/// would) shows in the very next search, which equals ranking every match again. (The
/// store itself: the catalog's answers above it are kept for up to `CATALOG_CACHE_SECS`
/// against another process's changes, and that is tested with them.)
#[tokio::test]
async fn a_kept_ranking_follows_every_change_to_the_indexed_text() {
    for t in databases().await {
        let media = t.dir.join("media");
        server::tools::seed::seed_bench(&t.db, &media, 400)
            .await
            .unwrap();
        let store = server::catalog::SqlCatalog::new(t.db.clone());
        let q = query("موقع");
        let before = store.search(&q).await.unwrap();
        let shown: Vec<i64> = before.services.items.iter().map(|c| c.id).collect();
        assert_eq!(
            shown.len() as u32,
            shared::catalog::PAGE_SIZE,
            "{}",
            t.backend
        );
        // Kept now: the same search again is the same page.
        assert_eq!(store.search(&q).await.unwrap(), before);

        // A visible match below the first page says the word many more times.
        let below: i64 = sqlx::query_scalar(
            "SELECT s.id FROM services s JOIN users u ON u.id = s.seller_id \
             WHERE s.status = 'published' AND u.status = 'active' \
             AND s.search_text LIKE '%موقع%' ORDER BY s.id",
        )
        .fetch_all(t.db.pool())
        .await
        .unwrap()
        .into_iter()
        .find(|id| !shown.contains(id))
        .expect("a match below the first page");
        sqlx::query("UPDATE services SET search_text = search_text || $1 WHERE id = $2")
            .bind(" موقع".repeat(8))
            .bind(below)
            .execute(t.db.pool())
            .await
            .unwrap();
        let after = store.search(&q).await.unwrap();
        let full = server::catalog::search::search_ranking_every_match(&t.db, &q)
            .await
            .unwrap();
        assert_eq!(after, full, "{}: a stale ranking was used", t.backend);
        assert_eq!(after.services.items[0].id, below, "{}", t.backend);

        // And a match that loses the word is gone from the next search.
        sqlx::query("UPDATE services SET search_text = 'خدمة' WHERE id = $1")
            .bind(below)
            .execute(t.db.pool())
            .await
            .unwrap();
        let gone = store.search(&q).await.unwrap();
        assert!(
            gone.services.items.iter().all(|c| c.id != below),
            "{}: a stale ranking was used",
            t.backend
        );
        assert_eq!(
            gone,
            server::catalog::search::search_ranking_every_match(&t.db, &q)
                .await
                .unwrap()
        );
        t.cleanup().await;
    }
}

/// The facets kept in memory select exactly what the SQL selects (random queries: every
/// sort, each filter, words or none, later pages), and every change to what they hold,
/// made straight in the database as another process would, drops them until read again.
#[tokio::test]
async fn kept_facets_select_what_sql_selects_and_follow_every_change() {
    use rand::{Rng, SeedableRng};
    use server::catalog::search::{search_from_facets, search_ranking_every_match};
    use shared::seller_level::SellerLevel;
    const SORTS: [SearchSort; 4] = [
        SearchSort::Relevance,
        SearchSort::Newest,
        SearchSort::TopRated,
        SearchSort::BestSelling,
    ];
    for t in databases().await {
        let media = t.dir.join("media");
        server::tools::seed::seed_bench(&t.db, &media, 600)
            .await
            .unwrap();
        let slugs: Vec<String> = sqlx::query_scalar("SELECT slug FROM categories ORDER BY id")
            .fetch_all(t.db.pool())
            .await
            .unwrap();
        let db = &t.db;
        assert!(
            search_from_facets(db, &query("موقع"))
                .await
                .unwrap()
                .is_none(),
            "{}: facets used before they were read",
            t.backend
        );
        db.facets().load(db).await.unwrap();

        let mut rng = rand::rngs::StdRng::seed_from_u64(20261202);
        let words = ["", "موقع", "تصميم", "ترجمه", "شعار احترافي", "zzzzqx"];
        let mut nonempty = 0;
        for _ in 0..150 {
            let q = SearchQuery {
                q: words[rng.gen_range(0..words.len())].to_owned(),
                sort: SORTS[rng.gen_range(0..SORTS.len())],
                category: rng
                    .gen_bool(0.3)
                    .then(|| slugs[rng.gen_range(0..slugs.len())].clone()),
                level: rng
                    .gen_bool(0.3)
                    .then(|| SellerLevel::ALL[rng.gen_range(0..SellerLevel::ALL.len())]),
                min_rating: rng.gen_bool(0.3).then(|| rng.gen_range(1..=5)),
                max_days: rng.gen_bool(0.2).then(|| rng.gen_range(1..=10)),
                min_price: rng.gen_bool(0.2).then(|| rng.gen_range(5..=60)),
                max_price: rng.gen_bool(0.2).then(|| rng.gen_range(20..=200)),
                page: rng.gen_range(1..=3),
            };
            let kept = search_from_facets(db, &q)
                .await
                .unwrap()
                .unwrap_or_else(|| panic!("{}: fresh facets not used", t.backend));
            let full = search_ranking_every_match(db, &q).await.unwrap();
            assert_eq!(kept, full, "{}: {q:?}", t.backend);
            nonempty += usize::from(!kept.services.items.is_empty());
        }
        assert!(
            nonempty > 50,
            "{}: only {nonempty} pages had rows",
            t.backend
        );

        // A change to anything else keeps them.
        sqlx::query("UPDATE users SET last_seen_at = last_seen_at + 1")
            .execute(db.pool())
            .await
            .unwrap();
        assert!(search_from_facets(db, &query("")).await.unwrap().is_some());

        let seller_of = "(SELECT seller_id FROM services WHERE id = $1)";
        let changes = [
            "UPDATE services SET orders_count = orders_count + 500 WHERE id = $1".to_owned(),
            "UPDATE services SET rating_sum = rating_count * 5 + 5, rating_count = rating_count + 1 \
             WHERE id = $1"
                .to_owned(),
            "UPDATE services SET price_cents = 500 WHERE id = $1".to_owned(),
            "UPDATE services SET delivery_days = 1 WHERE id = $1".to_owned(),
            "UPDATE services SET published_at = published_at + 100000000 WHERE id = $1".to_owned(),
            "UPDATE services SET category_id = (SELECT MAX(id) FROM categories) WHERE id = $1"
                .to_owned(),
            "UPDATE services SET status = 'paused' WHERE id = $1".to_owned(),
            format!(
                "UPDATE users SET seller_level = CASE WHEN seller_level = 'top' THEN 'new' \
                 ELSE 'top' END WHERE id = {seller_of}"
            ),
            format!("UPDATE users SET status = 'suspended' WHERE id = {seller_of}"),
            "UPDATE categories SET slug = slug || '-x' \
             WHERE id = (SELECT category_id FROM services WHERE id = $1)"
                .to_owned(),
        ];
        let checked = [
            query(""),
            SearchQuery {
                sort: SearchSort::BestSelling,
                ..query("موقع")
            },
            SearchQuery {
                sort: SearchSort::TopRated,
                level: Some(SellerLevel::Top),
                ..query("")
            },
            SearchQuery {
                max_price: Some(5),
                max_days: Some(1),
                ..query("")
            },
            SearchQuery {
                category: slugs.last().cloned(),
                ..query("")
            },
        ];
        for change in &changes {
            // A visible service that matches «موقع».
            let id: i64 = sqlx::query_scalar(
                "SELECT s.id FROM services s JOIN users u ON u.id = s.seller_id \
                 WHERE s.status = 'published' AND u.status = 'active' \
                 AND s.search_text LIKE '%موقع%' ORDER BY s.id DESC LIMIT 1",
            )
            .fetch_one(db.pool())
            .await
            .unwrap();
            sqlx::query(change)
                .bind(id)
                .execute(db.pool())
                .await
                .unwrap();
            assert!(
                search_from_facets(db, &query("")).await.unwrap().is_none(),
                "{}: facets kept after {change}",
                t.backend
            );
            for q in &checked {
                let full = search_ranking_every_match(db, q).await.unwrap();
                assert_eq!(
                    server::catalog::search::search(db, q).await.unwrap(),
                    full,
                    "{}: {q:?} after {change}",
                    t.backend
                );
            }
            db.facets().load(db).await.unwrap();
            for q in &checked {
                let full = search_ranking_every_match(db, q).await.unwrap();
                assert_eq!(
                    search_from_facets(db, q).await.unwrap(),
                    Some(full),
                    "{}: {q:?} after {change}, read again",
                    t.backend
                );
            }
        }
        t.cleanup().await;
    }
}
