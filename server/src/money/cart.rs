//! Carts: a user's lines in `cart_items`, and the pricing of any cart (a user's or a
//! visitor's) from the current catalog with `shared::pricing` — never from the browser.

use std::collections::HashMap;

use async_trait::async_trait;
use shared::cart::{
    merge_item, replace_item, CartItem, CartLine, CartView, LineProblem, Merged, MAX_LINES,
};
use shared::catalog::SellerSummary;
use shared::error::{DomainError, Refusal, StoreError};
use shared::money::Money;
use shared::ports::CartStore;
use shared::pricing::{quote, PricingError, Quote, UpgradeOffer, MAX_QUANTITY};
use shared::seller_level::SellerLevel;
use sqlx::{Any, FromRow, Transaction};

use crate::catalog::media_url;
use crate::infra::clock::Clock;
use crate::infra::db::{Db, OrIncident};

/// A service as it can be bought now.
#[derive(Clone, Debug)]
pub struct Offer {
    pub service_id: i64,
    pub seller_id: i64,
    pub title: String,
    pub instructions: String,
    pub price: Money,
    pub days: u32,
    pub upgrades: Vec<UpgradeOffer>,
    pub image: Option<String>,
    pub seller: SellerSummary,
    /// Published and its seller active.
    pub buyable: bool,
}

impl Offer {
    pub fn quote(&self, item: &CartItem) -> Result<Quote, PricingError> {
        quote(
            self.price,
            self.days,
            &self.upgrades,
            &item.upgrade_ids,
            item.quantity,
        )
    }
}

#[derive(FromRow)]
struct OfferRow {
    id: i64,
    seller_id: i64,
    title: String,
    instructions: String,
    price_cents: i64,
    delivery_days: i64,
    buyable: i64,
    username: String,
    display_name: String,
    seller_level: String,
    avatar_path: Option<String>,
    image: Option<String>,
}

/// The offers of the given services (missing ones are absent from the map).
pub async fn offers(db: &Db, ids: &[i64]) -> Result<HashMap<i64, Offer>, StoreError> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let marks = marks.join(", ");
    let sql = format!(
        "SELECT s.id, s.seller_id, s.title, s.instructions, s.price_cents, s.delivery_days, \
         CASE WHEN s.status = 'published' AND u.status = 'active' THEN 1 ELSE 0 END AS buyable, \
         u.username, u.display_name, u.seller_level, u.avatar_path, \
         (SELECT COALESCE(i.thumb_path, i.path) FROM service_images i \
          WHERE i.service_id = s.id ORDER BY i.position LIMIT 1) AS image \
         FROM services s JOIN users u ON u.id = s.seller_id WHERE s.id IN ({marks})"
    );
    let mut query = sqlx::query_as::<_, OfferRow>(&sql);
    for id in &ids {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(db.pool()).await.or_incident("offers")?;
    let upgrade_sql = format!(
        "SELECT service_id, id, title, price_cents, extra_days FROM service_upgrades \
         WHERE service_id IN ({marks}) ORDER BY service_id, position, id"
    );
    let mut query = sqlx::query_as::<_, (i64, i64, String, i64, i64)>(&upgrade_sql);
    for id in &ids {
        query = query.bind(*id);
    }
    let mut upgrades: HashMap<i64, Vec<UpgradeOffer>> = HashMap::new();
    for (service, id, title, cents, days) in query
        .fetch_all(db.pool())
        .await
        .or_incident("offer upgrades")?
    {
        upgrades.entry(service).or_default().push(UpgradeOffer {
            id,
            title,
            price: Money::from_cents(cents),
            extra_days: u32::try_from(days).unwrap_or(0),
        });
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let offer = Offer {
                service_id: r.id,
                seller_id: r.seller_id,
                title: r.title,
                instructions: r.instructions,
                price: Money::from_cents(r.price_cents),
                days: u32::try_from(r.delivery_days).unwrap_or(1),
                upgrades: upgrades.remove(&r.id).unwrap_or_default(),
                image: r.image.as_deref().map(media_url),
                seller: SellerSummary {
                    username: r.username,
                    display_name: r.display_name,
                    level: SellerLevel::parse(&r.seller_level).unwrap_or(SellerLevel::New),
                    avatar: r.avatar_path.as_deref().map(media_url),
                },
                buyable: r.buyable == 1,
            };
            (offer.service_id, offer)
        })
        .collect())
}

/// One cart line priced now, with what changed since it was added.
pub fn price_line(id: i64, item: CartItem, offer: Option<&Offer>, buyer: Option<i64>) -> CartLine {
    let Some(offer) = offer else {
        return CartLine {
            id,
            item,
            title: String::new(),
            image: None,
            seller: None,
            base_price: Money::ZERO,
            base_days: 0,
            offered: Vec::new(),
            quote: None,
            problem: Some(LineProblem::Unavailable),
        };
    };
    let quoted = offer.quote(&item).ok();
    let problem = if !offer.buyable {
        Some(LineProblem::Unavailable)
    } else if buyer == Some(offer.seller_id) {
        Some(LineProblem::OwnService)
    } else {
        match quoted {
            None => Some(LineProblem::UpgradeGone),
            Some(q) if q.unit_price != item.unit_price => Some(LineProblem::PriceChanged {
                was: item.unit_price,
                now: q.unit_price,
            }),
            Some(_) => None,
        }
    };
    CartLine {
        id,
        title: offer.title.clone(),
        image: offer.image.clone(),
        seller: Some(offer.seller.clone()),
        base_price: offer.price,
        base_days: offer.days,
        offered: offer.upgrades.clone(),
        quote: quoted,
        problem,
        item,
    }
}

pub async fn price_lines(
    db: &Db,
    buyer: Option<i64>,
    lines: Vec<(i64, CartItem)>,
) -> Result<CartView, StoreError> {
    let ids: Vec<i64> = lines.iter().map(|(_, it)| it.service_id).collect();
    let offers = offers(db, &ids).await?;
    Ok(CartView::new(
        lines
            .into_iter()
            .map(|(id, item)| {
                let offer = offers.get(&item.service_id);
                price_line(id, item, offer, buyer)
            })
            .collect(),
    ))
}

fn upgrades_text(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

fn parse_upgrades(text: &str) -> Vec<i64> {
    text.split(',').filter_map(|s| s.parse().ok()).collect()
}

/// The user's cart lines, oldest first, from the pool or inside a transaction.
async fn read_lines<'e, E: sqlx::Executor<'e, Database = Any>>(
    executor: E,
    user: i64,
) -> Result<Vec<(i64, CartItem)>, sqlx::Error> {
    let rows = sqlx::query_as::<_, (i64, i64, String, i64, i64)>(
        "SELECT id, service_id, upgrade_ids, quantity, unit_price_cents FROM cart_items \
         WHERE user_id = $1 ORDER BY id",
    )
    .bind(user)
    .fetch_all(executor)
    .await?;
    Ok(rows.into_iter().map(row_item).collect())
}

/// The user's cart lines, oldest first.
pub async fn stored_lines(db: &Db, user: i64) -> Result<Vec<(i64, CartItem)>, StoreError> {
    read_lines(db.pool(), user).await.or_incident("cart lines")
}

pub struct SqlCart {
    db: Db,
    clock: Clock,
}

impl SqlCart {
    pub fn new(db: Db, clock: Clock) -> Self {
        SqlCart { db, clock }
    }

    /// Adds `items` to the user's cart in one transaction; `Full` for a new choice that
    /// does not fit.
    async fn add_all(&self, user: i64, items: Vec<CartItem>) -> Result<Vec<Merged>, StoreError> {
        let mut tx = self.db.begin_write().await.or_incident("cart add")?;
        self.db
            .lock_user(&mut tx, user)
            .await
            .or_incident("cart lock")?;
        let existing = read_lines(&mut *tx, user).await.or_incident("cart add")?;
        let (ids, mut current): (Vec<i64>, Vec<CartItem>) = existing.into_iter().unzip();
        let mut outcomes = Vec::new();
        for item in items {
            let outcome = merge_item(&mut current, item);
            match outcome {
                Merged::Joined(i) => {
                    let line = &current[i];
                    let id = ids.get(i).copied();
                    match id {
                        Some(id) => {
                            sqlx::query(
                                "UPDATE cart_items SET quantity = $1, unit_price_cents = $2 \
                                 WHERE id = $3",
                            )
                            .bind(i64::from(line.quantity))
                            .bind(line.unit_price.to_cents().or_incident("cart price")?)
                            .bind(id)
                            .execute(&mut *tx)
                            .await
                            .or_incident("cart join")?;
                        }
                        None => self.upsert(&mut tx, user, line).await?,
                    }
                }
                Merged::Added(i) => self.upsert(&mut tx, user, &current[i]).await?,
                Merged::Full => {}
            }
            outcomes.push(outcome);
        }
        tx.commit().await.or_incident("cart add")?;
        Ok(outcomes)
    }

    /// Inserts a line (or sets the quantity of a line added since `current` was read).
    async fn upsert(
        &self,
        tx: &mut Transaction<'_, Any>,
        user: i64,
        line: &CartItem,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO cart_items \
             (user_id, service_id, upgrade_ids, quantity, unit_price_cents, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (user_id, service_id, upgrade_ids) \
             DO UPDATE SET quantity = excluded.quantity, unit_price_cents = excluded.unit_price_cents",
        )
        .bind(user)
        .bind(line.service_id)
        .bind(upgrades_text(&line.upgrade_ids))
        .bind(i64::from(line.quantity))
        .bind(line.unit_price.to_cents().or_incident("cart price")?)
        .bind((self.clock)())
        .execute(&mut **tx)
        .await
        .or_incident("cart insert")?;
        Ok(())
    }
}

fn row_item(
    (id, service_id, upgrades, quantity, cents): (i64, i64, String, i64, i64),
) -> (i64, CartItem) {
    (
        id,
        CartItem::new(
            service_id,
            &parse_upgrades(&upgrades),
            u32::try_from(quantity).unwrap_or(1).clamp(1, MAX_QUANTITY),
            Money::from_cents(cents),
        ),
    )
}

#[async_trait]
impl CartStore for SqlCart {
    async fn choose(
        &self,
        buyer: Option<i64>,
        service_id: i64,
        upgrades: &[i64],
        quantity: u32,
    ) -> Result<CartItem, DomainError> {
        let offers = offers(&self.db, &[service_id]).await?;
        let offer = offers
            .get(&service_id)
            .filter(|o| o.buyable)
            .ok_or(DomainError::NotFound)?;
        if buyer == Some(offer.seller_id) {
            return Err(DomainError::from(Refusal::CartOwnService));
        }
        let probe = CartItem::new(service_id, upgrades, quantity, Money::ZERO);
        let quoted = offer.quote(&probe).map_err(|e| match e {
            PricingError::QuantityOutOfRange => DomainError::from(Refusal::CartQuantityInvalid),
            PricingError::UnknownUpgrade(_) => DomainError::from(Refusal::CartUpgradeInvalid),
            PricingError::Overflow => DomainError::from(Refusal::CartQuantityInvalid),
        })?;
        Ok(CartItem {
            unit_price: quoted.unit_price,
            ..probe
        })
    }

    async fn view(
        &self,
        buyer: Option<i64>,
        lines: Vec<(i64, CartItem)>,
    ) -> Result<CartView, StoreError> {
        price_lines(&self.db, buyer, lines).await
    }

    async fn lines(&self, user: i64) -> Result<Vec<(i64, CartItem)>, StoreError> {
        stored_lines(&self.db, user).await
    }

    async fn add(&self, user: i64, item: CartItem) -> Result<(), DomainError> {
        match self.add_all(user, vec![item]).await?.as_slice() {
            [Merged::Full] => Err(Refusal::CartFull {
                max: MAX_LINES as u32,
            }
            .into()),
            _ => Ok(()),
        }
    }

    async fn replace(&self, user: i64, line_id: i64, item: CartItem) -> Result<(), DomainError> {
        let mut tx = self.db.begin_write().await.or_incident("cart edit")?;
        self.db
            .lock_user(&mut tx, user)
            .await
            .or_incident("cart lock")?;
        let (mut ids, mut items): (Vec<i64>, Vec<CartItem>) = read_lines(&mut *tx, user)
            .await
            .or_incident("cart edit")?
            .into_iter()
            .unzip();
        let index = ids
            .iter()
            .position(|id| *id == line_id)
            .ok_or(DomainError::NotFound)?;
        let before = items.len();
        // The same rule as a visitor's cart: a choice equal to another line's joins it.
        replace_item(&mut items, index, item.clone());
        let price = item.unit_price.to_cents().or_incident("cart price")?;
        if items.len() < before {
            ids.remove(index);
            let twin = items
                .iter()
                .position(|it| it.same_choice(&item))
                .ok_or_else(|| crate::infra::db::incident("cart edit", "twin vanished"))?;
            sqlx::query("DELETE FROM cart_items WHERE id = $1")
                .bind(line_id)
                .execute(&mut *tx)
                .await
                .or_incident("cart edit")?;
            sqlx::query("UPDATE cart_items SET quantity = $1, unit_price_cents = $2 WHERE id = $3")
                .bind(i64::from(items[twin].quantity))
                .bind(price)
                .bind(ids[twin])
                .execute(&mut *tx)
                .await
                .or_incident("cart edit")?;
        } else {
            sqlx::query(
                "UPDATE cart_items SET upgrade_ids = $1, quantity = $2, unit_price_cents = $3 \
                 WHERE id = $4 AND user_id = $5",
            )
            .bind(upgrades_text(&item.upgrade_ids))
            .bind(i64::from(item.quantity))
            .bind(price)
            .bind(line_id)
            .bind(user)
            .execute(&mut *tx)
            .await
            .or_incident("cart edit")?;
        }
        tx.commit().await.or_incident("cart edit")?;
        Ok(())
    }

    async fn remove(&self, user: i64, line_id: i64) -> Result<(), DomainError> {
        let removed = sqlx::query("DELETE FROM cart_items WHERE id = $1 AND user_id = $2")
            .bind(line_id)
            .bind(user)
            .execute(self.db.pool())
            .await
            .or_incident("cart remove")?
            .rows_affected();
        if removed == 0 {
            return Err(DomainError::NotFound);
        }
        Ok(())
    }

    async fn merge(&self, user: i64, items: Vec<CartItem>) -> Result<(), StoreError> {
        if !items.is_empty() {
            self.add_all(user, items).await?;
        }
        Ok(())
    }
}
