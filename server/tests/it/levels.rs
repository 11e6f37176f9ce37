//! Seller levels against real SQLite and PostgreSQL: the job reads the figures real
//! orders and reviews leave, promotes at once, keeps a level for the grace period before
//! a demotion, and changes nothing when run again; the "My level" page's data.

use crate::common::shop::Shop;
use crate::orders::each;
use crate::reviews::{completed, rate, review, GOOD};
use server::orders::Actor;
use server::selling::levels;
use shared::seller_level::{Criterion, SellerLevel, GRACE_SECS};

async fn level(t: &crate::common::TestDb, seller: i64) -> (String, Option<i64>) {
    sqlx::query_as("SELECT seller_level, level_at_risk_since FROM users WHERE id = $1")
        .bind(seller)
        .fetch_one(t.db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_level_job_promotes_keeps_through_the_grace_period_and_is_idempotent() {
    each(async |t, s, shop| {
        let third = server::tools::simulate::user(&t.db, "levelbuyer")
            .await
            .unwrap();
        let now = || s.state.order_flow.now();
        // Three different clients complete an order each and rate it four stars.
        for (n, buyer) in [(1, shop.buyer), (2, shop.other), (3, third)] {
            let as_buyer = Shop { buyer, ..shop };
            let id = completed(s, &as_buyer, n).await;
            let who = Actor::User {
                id: buyer,
                admin: false,
            };
            review(s, who, id, rate(4, GOOD)).await.unwrap();
        }
        assert_eq!(level(t, shop.seller).await, ("new".to_owned(), None));
        assert!(levels::run(&t.db, now()).await.unwrap() >= 1);
        assert_eq!(level(t, shop.seller).await, ("level1".to_owned(), None));
        // What the seller's page reads: each criterion of this level and the next.
        let my = s.state.selling.my_level(shop.seller).await.unwrap();
        assert_eq!(my.figures.clients, 3);
        assert_eq!(my.figures.completion_percent(), Some(100));
        assert!(my.current.iter().all(|c| c.met()), "{my:?}");
        let (next, criteria) = my.next.unwrap();
        assert_eq!(next, SellerLevel::Level2);
        assert_eq!(criteria[0], Criterion::Clients { have: 3, need: 10 });
        assert!(!criteria[0].met());

        // Run again at once: nothing is due, nothing changes.
        assert_eq!(levels::run(&t.db, now()).await.unwrap(), 0);
        // A seller placed above what they meet keeps the level, at risk from the run.
        sqlx::query("UPDATE users SET seller_level = 'top' WHERE id = $1")
            .bind(shop.seller)
            .execute(t.db.pool())
            .await
            .unwrap();
        s.clock.advance(3601);
        let at = now();
        levels::run(&t.db, at).await.unwrap();
        assert_eq!(level(t, shop.seller).await, ("top".to_owned(), Some(at)));
        // Later runs within the grace period keep the same start.
        s.clock.advance(GRACE_SECS / 2);
        levels::run(&t.db, now()).await.unwrap();
        assert_eq!(level(t, shop.seller).await, ("top".to_owned(), Some(at)));
        let my = s.state.selling.my_level(shop.seller).await.unwrap();
        assert_eq!(my.state.demotion_at(), Some(at + GRACE_SECS));
        // At the end of it: down to what the figures earn (the orders are still within
        // the 365-day window).
        s.clock.advance(GRACE_SECS - GRACE_SECS / 2);
        levels::run(&t.db, now()).await.unwrap();
        assert_eq!(level(t, shop.seller).await, ("level1".to_owned(), None));
    })
    .await;
}
