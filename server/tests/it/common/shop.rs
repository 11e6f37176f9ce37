//! A small shop for money tests: a buyer, two sellers, a $25 service with two upgrades
//! and a $5 one; test cards; the ledger invariants.

use server::money::ledger::broken_invariants;
use shared::card::CardInput;

use crate::common::{categories, TestDb};

#[derive(Clone, Copy)]
pub struct Shop {
    pub buyer: i64,
    pub seller: i64,
    pub other: i64,
    /// $25, 3 days; upgrades +$10 (1 day) and +$15 (0 days).
    pub service: i64,
    pub upgrades: [i64; 2],
    /// $5, 1 day, no upgrades, by another seller.
    pub cheap: i64,
}

async fn user(t: &TestDb, name: &str) -> i64 {
    server::tools::simulate::user(&t.db, name).await.unwrap()
}

pub async fn service(t: &TestDb, seller: i64, category: i64, cents: i64, days: i64) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO services (seller_id, category_id, title, description, instructions, \
         price_cents, delivery_days, status, created_at, updated_at, published_at) \
         VALUES ($1, $2, 'تصميم شعار احترافي', 'وصف الخدمة', 'أرسل اسم نشاطك والألوان', \
         $3, $4, 'published', 1, 1, 1) RETURNING id",
    )
    .bind(seller)
    .bind(category)
    .bind(cents)
    .bind(days)
    .fetch_one(t.db.pool())
    .await
    .unwrap()
}

async fn upgrade(t: &TestDb, service: i64, position: i64, cents: i64, days: i64) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO service_upgrades (service_id, position, title, price_cents, extra_days) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(service)
    .bind(position)
    .bind(format!("تطوير {position}"))
    .bind(cents)
    .bind(days)
    .fetch_one(t.db.pool())
    .await
    .unwrap()
}

pub async fn shop(t: &TestDb, tag: &str) -> Shop {
    let category =
        match sqlx::query_scalar::<_, i64>("SELECT id FROM categories WHERE slug = 'logo-design'")
            .fetch_optional(t.db.pool())
            .await
            .unwrap()
        {
            Some(id) => id,
            None => categories(t).await,
        };
    let buyer = user(t, &format!("buyer{tag}")).await;
    let seller = user(t, &format!("seller{tag}")).await;
    let other = user(t, &format!("other{tag}")).await;
    let service_id = service(t, seller, category, 2500, 3).await;
    let upgrades = [
        upgrade(t, service_id, 1, 1000, 1).await,
        upgrade(t, service_id, 2, 1500, 0).await,
    ];
    let cheap = service(t, other, category, 500, 1).await;
    Shop {
        buyer,
        seller,
        other,
        service: service_id,
        upgrades,
        cheap,
    }
}

pub fn card(number: &str) -> CardInput {
    CardInput {
        number: number.into(),
        expiry: "12/40".into(),
        cvc: "123".into(),
    }
}

pub async fn assert_invariants(t: &TestDb) {
    let broken = broken_invariants(&t.db).await.unwrap();
    assert!(broken.is_empty(), "{}: {broken:?}", t.backend);
}
