//! Buyer requests and sellers' offers: posting (moderated like services), the public list
//! with its filters and Arabic-aware search, offers (one per seller, editable until the
//! buyer acts, capped per day by level), closing and deleting, and the claim a checkout
//! makes when the buyer orders an offer. The rules are `shared::requests`.

use std::collections::HashMap;

use shared::cart::{CartItem, CartView};
use shared::catalog::{CategoryRef, RatingSummary, SellerSummary};
use shared::error::{DomainError, Refusal, StoreError};
use shared::money::Money;
use shared::notifications::NoticeKind;
use shared::orders::OrderFile;
use shared::requests::{
    check_offer, check_request, may_offer, OfferDraft, OfferStatus, RequestCard, RequestDraft,
    RequestList, RequestOffer, RequestPage, RequestQuery, RequestStatus, RequestViewer, OPEN_SECS,
    PAGE_SIZE,
};
use shared::seller_level::SellerLevel;
use sqlx::{Any, FromRow, Transaction};

use crate::catalog::media_url;
use crate::infra::clock::Clock;
use crate::infra::db::{Backend, Db, OrIncident};
use crate::money::cart::{price_line, Offer};
use crate::notifications::{live::Live, notify, About};
use crate::orders::files::{keep_private, FileError};

/// Requests a buyer's own list shows.
const MINE: i64 = 100;
/// Files a request may carry.
const MAX_FILES: i64 = 3;

#[derive(Clone)]
pub struct SqlRequests {
    db: Db,
    clock: Clock,
}

fn count(v: i64) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}

const CARD_COLUMNS: &str = "r.id, r.title, r.category_id, c.slug, c.name_ar, c.name_en, \
     r.budget_min_cents, r.budget_max_cents, r.delivery_days, r.offers_count, u.display_name, \
     r.created_at, r.status, r.expires_at, r.buyer_id";
const CARD_FROM: &str =
    "FROM requests r JOIN categories c ON c.id = r.category_id JOIN users u ON u.id = r.buyer_id";

#[derive(FromRow)]
struct CardRow {
    id: i64,
    title: String,
    category_id: i64,
    slug: String,
    name_ar: String,
    name_en: String,
    budget_min_cents: i64,
    budget_max_cents: i64,
    delivery_days: i64,
    offers_count: i64,
    display_name: String,
    created_at: i64,
    status: String,
    expires_at: Option<i64>,
    buyer_id: i64,
}

impl CardRow {
    fn card(self, now: i64) -> RequestCard {
        RequestCard {
            id: self.id,
            title: self.title,
            category: CategoryRef {
                id: self.category_id,
                slug: self.slug,
                name_ar: self.name_ar,
                name_en: self.name_en,
            },
            budget_min: Money::from_cents(self.budget_min_cents),
            budget_max: Money::from_cents(self.budget_max_cents),
            delivery_days: count(self.delivery_days),
            offers: count(self.offers_count),
            buyer: self.display_name,
            created_at: self.created_at,
            status: RequestStatus::at(&self.status, self.expires_at, now)
                .unwrap_or(RequestStatus::Closed),
        }
    }
}

/// A card with the text only a request's page or the review queue shows.
#[derive(FromRow)]
struct PageRow {
    #[sqlx(flatten)]
    card: CardRow,
    description: String,
    reject_reason: Option<String>,
    order_id: Option<i64>,
}

const PAGE_COLUMNS: &str = "r.description, r.reject_reason, r.order_id";

#[derive(FromRow)]
struct OfferRow {
    id: i64,
    service_id: i64,
    service_title: String,
    price_cents: i64,
    delivery_days: i64,
    note: String,
    status: String,
    username: String,
    display_name: String,
    seller_level: String,
    avatar_path: Option<String>,
    rating_count: i64,
    rating_sum: i64,
}

impl OfferRow {
    fn offer(self) -> RequestOffer {
        RequestOffer {
            id: self.id,
            seller: SellerSummary {
                username: self.username,
                display_name: self.display_name,
                level: SellerLevel::parse(&self.seller_level).unwrap_or(SellerLevel::New),
                avatar: self.avatar_path.as_deref().map(media_url),
            },
            rating: RatingSummary {
                count: count(self.rating_count),
                sum: count(self.rating_sum),
            },
            service_id: self.service_id,
            service_title: self.service_title,
            price: Money::from_cents(self.price_cents),
            delivery_days: count(self.delivery_days),
            note: self.note,
            status: OfferStatus::parse(&self.status).unwrap_or(OfferStatus::Closed),
        }
    }
}

/// The stored request a step acts on, locked for writing on PostgreSQL.
#[derive(FromRow)]
struct Record {
    buyer_id: i64,
    status: String,
    expires_at: Option<i64>,
}

async fn load(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    id: i64,
) -> Result<Option<Record>, StoreError> {
    let lock = match backend {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    };
    sqlx::query_as::<_, Record>(&format!(
        "SELECT buyer_id, status, expires_at FROM requests WHERE id = $1 AND status <> 'deleted'{lock}"
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
    .or_incident("request load")
}

/// Tells the sellers with an open offer on the request (except `except`) that it closed,
/// and closes their offers, in the caller's transaction.
async fn close_offers(
    live: &Live,
    tx: &mut Transaction<'static, Any>,
    request: i64,
    except: Option<i64>,
    now: i64,
) -> Result<(), StoreError> {
    let sellers = sqlx::query_scalar::<_, i64>(
        "SELECT seller_id FROM request_offers WHERE request_id = $1 AND status = 'open'",
    )
    .bind(request)
    .fetch_all(&mut **tx)
    .await
    .or_incident("request offers")?;
    sqlx::query("UPDATE request_offers SET status = 'closed', updated_at = $2 WHERE request_id = $1 AND status = 'open'")
        .bind(request)
        .bind(now)
        .execute(&mut **tx)
        .await
        .or_incident("close offers")?;
    for seller in sellers.into_iter().filter(|s| Some(*s) != except) {
        notify(
            live,
            tx,
            seller,
            NoticeKind::RequestClosed,
            About::request(request),
            now,
        )
        .await?;
    }
    Ok(())
}

/// What a checkout of offer `offer` charges: (service, price, days, request). Only the
/// request's buyer may order it (anyone else: `NotFound`), and only while the request is
/// open and the offer stands.
pub(crate) async fn terms(
    db: &Db,
    buyer: i64,
    offer: i64,
    now: i64,
) -> Result<(i64, Money, u32, i64), DomainError> {
    let row = sqlx::query_as::<_, (i64, i64, i64, String, i64, String, Option<i64>)>(
        "SELECT o.service_id, o.price_cents, o.delivery_days, o.status, r.id, r.status, r.expires_at \
         FROM request_offers o JOIN requests r ON r.id = o.request_id \
         WHERE o.id = $1 AND r.buyer_id = $2 AND r.status <> 'deleted'",
    )
    .bind(offer)
    .bind(buyer)
    .fetch_optional(db.pool())
    .await
    .or_incident("offer terms")?
    .ok_or(DomainError::NotFound)?;
    let (service, price, days, offer_status, request, status, expires_at) = row;
    if RequestStatus::at(&status, expires_at, now) != Some(RequestStatus::Open) {
        return Err(Refusal::RequestNotOpen.into());
    }
    if offer_status != "open" {
        return Err(Refusal::OfferChanged.into());
    }
    Ok((service, Money::from_cents(price), count(days), request))
}

/// An offer as a checkout line: its service at the offer's price and days, without
/// upgrades; with the priced service (as the checkout knows services) and the terms.
pub(crate) async fn checkout_line(
    db: &Db,
    buyer: i64,
    offer: i64,
    now: i64,
) -> Result<(CartItem, HashMap<i64, Offer>, (i64, Money, u32)), DomainError> {
    let (service, price, days, _) = terms(db, buyer, offer, now).await?;
    let mut offers = crate::money::cart::offers(db, &[service]).await?;
    for o in offers.values_mut() {
        o.price = price;
        o.days = days;
        o.upgrades.clear();
    }
    Ok((
        CartItem::new(service, &[], 1, price),
        offers,
        (offer, price, days),
    ))
}

/// In the checkout's transaction: the offer becomes the request's order. Conditional on
/// the offer still being as priced and open, and the request open, so ordering the same
/// offer twice at once (or an offer its seller just changed) pays once.
pub(crate) async fn accept_in(
    live: &Live,
    tx: &mut Transaction<'static, Any>,
    (offer, price, days): (i64, Money, u32),
    order: i64,
    now: i64,
) -> Result<(), DomainError> {
    let price = price.to_cents().or_incident("offer price")?;
    let taken = sqlx::query_as::<_, (i64, i64)>(
        "UPDATE request_offers SET status = 'accepted', updated_at = $4 \
         WHERE id = $1 AND status = 'open' AND price_cents = $2 AND delivery_days = $3 \
         RETURNING request_id, seller_id",
    )
    .bind(offer)
    .bind(price)
    .bind(i64::from(days))
    .bind(now)
    .fetch_optional(&mut **tx)
    .await
    .or_incident("offer accept")?;
    let Some((request, seller)) = taken else {
        return Err(Refusal::OfferChanged.into());
    };
    let closed = sqlx::query(
        "UPDATE requests SET status = 'ordered', order_id = $2, closed_at = $3 \
         WHERE id = $1 AND status = 'open' AND expires_at > $3",
    )
    .bind(request)
    .bind(order)
    .bind(now)
    .execute(&mut **tx)
    .await
    .or_incident("request ordered")?
    .rows_affected();
    if closed != 1 {
        return Err(Refusal::RequestNotOpen.into());
    }
    notify(
        live,
        tx,
        seller,
        NoticeKind::OfferAccepted,
        About::order(order),
        now,
    )
    .await?;
    close_offers(live, tx, request, Some(seller), now).await?;
    Ok(())
}

impl SqlRequests {
    pub fn new(db: Db, clock: Clock) -> Self {
        SqlRequests { db, clock }
    }

    fn now(&self) -> i64 {
        (self.clock)()
    }

    /// Posts a request; it waits for moderation. Answers its id.
    pub async fn post(&self, buyer: i64, draft: RequestDraft) -> Result<i64, DomainError> {
        let valid = check_request(&draft).map_err(DomainError::Invalid)?;
        let known = sqlx::query_scalar::<_, i64>("SELECT id FROM categories WHERE id = $1")
            .bind(valid.category_id)
            .fetch_optional(self.db.pool())
            .await
            .or_incident("request category")?;
        if known.is_none() {
            return Err(DomainError::field("category_id", "error-required"));
        }
        let search = shared::search_text::index_text(&[&valid.title, &valid.description]);
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO requests (buyer_id, category_id, title, description, search_text, \
             budget_min_cents, budget_max_cents, delivery_days, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(buyer)
        .bind(valid.category_id)
        .bind(&valid.title)
        .bind(&valid.description)
        .bind(search)
        .bind(valid.budget_min.to_cents().or_incident("budget")?)
        .bind(valid.budget_max.to_cents().or_incident("budget")?)
        .bind(i64::from(valid.delivery_days))
        .bind(self.now())
        .fetch_one(self.db.pool())
        .await
        .or_incident("request insert")?;
        Ok(id)
    }

    /// Open requests, newest first, filtered.
    pub async fn list(&self, query: &RequestQuery) -> Result<RequestList, StoreError> {
        let now = self.now();
        let mut filters = vec![
            "r.status = 'open'".to_owned(),
            "r.expires_at > $1".to_owned(),
        ];
        let mut binds: Vec<String> = Vec::new();
        let category = query.category.trim();
        if !category.is_empty() {
            binds.push(category.to_owned());
            let n = binds.len() + 1;
            filters.push(format!(
                "(c.slug = ${n} OR c.parent_id IN (SELECT id FROM categories WHERE slug = ${n}))"
            ));
        }
        let budget = shared::money::parse_amount(&query.budget).and_then(|m| m.to_cents().ok());
        if let Some(cents) = budget {
            // A number this code made, not the text typed: written into the query.
            filters.push(format!("r.budget_max_cents >= {cents}"));
        }
        for term in shared::search_text::query_terms(&query.q)
            .into_iter()
            .take(8)
        {
            // Each term is the start of a word of the normalized text, as services match.
            binds.push(format!("% {term}%"));
            filters.push(format!("(' ' || r.search_text) LIKE ${}", binds.len() + 1));
        }
        let filter = filters.join(" AND ");
        let count_sql = format!("SELECT COUNT(*) {CARD_FROM} WHERE {filter}");
        let mut counted = sqlx::query_scalar::<_, i64>(&count_sql).bind(now);
        for b in &binds {
            counted = counted.bind(b.clone());
        }
        let total = counted
            .fetch_one(self.db.pool())
            .await
            .or_incident("requests count")?;
        let pages = u32::try_from((total + i64::from(PAGE_SIZE) - 1) / i64::from(PAGE_SIZE))
            .unwrap_or(1)
            .max(1);
        let page = query.page.clamp(1, pages);
        let rows_sql = format!(
            "SELECT {CARD_COLUMNS} {CARD_FROM} WHERE {filter} ORDER BY r.id DESC LIMIT {} OFFSET {}",
            PAGE_SIZE,
            (page - 1) * PAGE_SIZE
        );
        let mut rows = sqlx::query_as::<_, CardRow>(&rows_sql).bind(now);
        for b in &binds {
            rows = rows.bind(b.clone());
        }
        let requests = rows
            .fetch_all(self.db.pool())
            .await
            .or_incident("requests")?
            .into_iter()
            .map(|r| r.card(now))
            .collect();
        Ok(RequestList {
            requests,
            page,
            pages,
        })
    }

    /// The buyer's own requests, newest first, whatever their status.
    pub async fn mine(&self, buyer: i64) -> Result<Vec<RequestCard>, StoreError> {
        let now = self.now();
        Ok(sqlx::query_as::<_, CardRow>(&format!(
            "SELECT {CARD_COLUMNS} {CARD_FROM} WHERE r.buyer_id = $1 AND r.status <> 'deleted' \
             ORDER BY r.id DESC LIMIT $2"
        ))
        .bind(buyer)
        .bind(MINE)
        .fetch_all(self.db.pool())
        .await
        .or_incident("my requests")?
        .into_iter()
        .map(|r| r.card(now))
        .collect())
    }

    /// A request's page. Waiting for moderation or rejected: its buyer and admins only.
    pub async fn page(
        &self,
        viewer: Option<(i64, bool)>,
        id: i64,
    ) -> Result<RequestPage, DomainError> {
        let now = self.now();
        let PageRow {
            card: row,
            description,
            reject_reason,
            order_id,
        } = sqlx::query_as::<_, PageRow>(&format!(
            "SELECT {CARD_COLUMNS}, {PAGE_COLUMNS} {CARD_FROM} WHERE r.id = $1 AND r.status <> 'deleted'"
        ))
        .bind(id)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("request")?
        .ok_or(DomainError::NotFound)?;
        let owner = viewer.is_some_and(|(user, _)| user == row.buyer_id);
        let admin = viewer.is_some_and(|(_, admin)| admin);
        let expires_at = row.expires_at;
        let card = row.card(now);
        if matches!(
            card.status,
            RequestStatus::Pending | RequestStatus::Rejected
        ) && !owner
            && !admin
        {
            return Err(DomainError::NotFound);
        }
        let role = match viewer {
            None => RequestViewer::Visitor,
            Some(_) if owner => RequestViewer::Owner,
            Some(_) => RequestViewer::Member,
        };
        let offers_sql = "SELECT o.id, o.service_id, s.title AS service_title, o.price_cents, \
             o.delivery_days, o.note, o.status, u.username, u.display_name, u.seller_level, \
             u.avatar_path, u.rating_count, u.rating_sum \
             FROM request_offers o JOIN services s ON s.id = o.service_id \
             JOIN users u ON u.id = o.seller_id WHERE o.request_id = $1";
        let offers = match (role, viewer) {
            (RequestViewer::Owner, _) => {
                sqlx::query_as::<_, OfferRow>(&format!("{offers_sql} ORDER BY o.id"))
                    .bind(id)
                    .fetch_all(self.db.pool())
                    .await
                    .or_incident("request offers")?
            }
            (RequestViewer::Member, Some((user, _))) => {
                sqlx::query_as::<_, OfferRow>(&format!("{offers_sql} AND o.seller_id = $2"))
                    .bind(id)
                    .bind(user)
                    .fetch_all(self.db.pool())
                    .await
                    .or_incident("my offer")?
            }
            _ => Vec::new(),
        }
        .into_iter()
        .map(OfferRow::offer)
        .collect();
        let my_services = match (role, viewer) {
            (RequestViewer::Member, Some((user, _))) => sqlx::query_as::<_, (i64, String)>(
                "SELECT id, title FROM services WHERE seller_id = $1 AND status = 'published' \
                 AND archived_at IS NULL ORDER BY id",
            )
            .bind(user)
            .fetch_all(self.db.pool())
            .await
            .or_incident("offerable services")?,
            _ => Vec::new(),
        };
        let files = sqlx::query_as::<_, (i64, String, i64)>(
            "SELECT id, name, size_bytes FROM request_files WHERE request_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(self.db.pool())
        .await
        .or_incident("request files")?
        .into_iter()
        .map(|(id, name, size_bytes)| OrderFile {
            id,
            name,
            size_bytes,
        })
        .collect();
        Ok(RequestPage {
            card,
            description,
            files,
            expires_at,
            reject_reason,
            viewer: role,
            offers,
            order_id: order_id.filter(|_| owner),
            my_services,
        })
    }

    /// Makes the seller's offer on a request, or changes it while the buyer has not acted.
    pub async fn offer(
        &self,
        seller: i64,
        request: i64,
        draft: OfferDraft,
    ) -> Result<(), DomainError> {
        let now = self.now();
        let service = sqlx::query_as::<_, (i64, i64)>(
            "SELECT price_cents, delivery_days FROM services WHERE id = $1 AND seller_id = $2 \
             AND status = 'published' AND archived_at IS NULL",
        )
        .bind(draft.service_id)
        .bind(seller)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("offer service")?;
        let Some((price, days)) = service else {
            return Err(DomainError::field("service_id", "request-offer-service"));
        };
        let valid = check_offer(&draft, (Money::from_cents(price), count(days)))
            .map_err(DomainError::Invalid)?;
        let mut tx = self.db.begin_write().await.or_incident("offer")?;
        let record = load(&mut tx, self.db.backend(), request)
            .await?
            .ok_or(DomainError::NotFound)?;
        let status = RequestStatus::at(&record.status, record.expires_at, now);
        if matches!(
            status,
            Some(RequestStatus::Pending | RequestStatus::Rejected)
        ) && record.buyer_id != seller
        {
            return Err(DomainError::NotFound);
        }
        let mine = sqlx::query_as::<_, (i64, String)>(
            "SELECT id, status FROM request_offers WHERE request_id = $1 AND seller_id = $2",
        )
        .bind(request)
        .bind(seller)
        .fetch_optional(&mut *tx)
        .await
        .or_incident("existing offer")?;
        let price = valid.price.to_cents().or_incident("offer price")?;
        match mine {
            // A change: the request still open and the offer not yet acted on.
            Some((offer, offer_status)) => {
                if status != Some(RequestStatus::Open) {
                    return Err(Refusal::RequestNotOpen.into());
                }
                if offer_status != "open" {
                    return Err(Refusal::OfferChanged.into());
                }
                sqlx::query(
                    "UPDATE request_offers SET service_id = $1, price_cents = $2, delivery_days = $3, \
                     note = $4, updated_at = $5 WHERE id = $6",
                )
                .bind(valid.service_id)
                .bind(price)
                .bind(i64::from(valid.delivery_days))
                .bind(&valid.note)
                .bind(now)
                .bind(offer)
                .execute(&mut *tx)
                .await
                .or_incident("offer update")?;
            }
            None => {
                let (level, today) = sqlx::query_as::<_, (String, i64)>(
                    "SELECT u.seller_level, (SELECT COUNT(*) FROM request_offers o \
                     WHERE o.seller_id = u.id AND o.created_at > $2) FROM users u WHERE u.id = $1",
                )
                .bind(seller)
                .bind(now - 24 * 3600)
                .fetch_one(&mut *tx)
                .await
                .or_incident("offer cap")?;
                may_offer(
                    status.unwrap_or(RequestStatus::Closed),
                    record.buyer_id == seller,
                    false,
                    count(today),
                    SellerLevel::parse(&level).unwrap_or(SellerLevel::New),
                )?;
                sqlx::query(
                    "INSERT INTO request_offers (request_id, seller_id, service_id, price_cents, \
                     delivery_days, note, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
                )
                .bind(request)
                .bind(seller)
                .bind(valid.service_id)
                .bind(price)
                .bind(i64::from(valid.delivery_days))
                .bind(&valid.note)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(|e| {
                    if crate::infra::db::is_unique_violation(&e) {
                        Refusal::OfferExists.into()
                    } else {
                        DomainError::from(crate::infra::db::incident("offer insert", e))
                    }
                })?;
                sqlx::query("UPDATE requests SET offers_count = offers_count + 1 WHERE id = $1")
                    .bind(request)
                    .execute(&mut *tx)
                    .await
                    .or_incident("offers count")?;
                notify(
                    self.db.live(),
                    &mut tx,
                    record.buyer_id,
                    NoticeKind::OfferReceived,
                    About::request(request),
                    now,
                )
                .await?;
            }
        }
        tx.commit().await.or_incident("offer commit")?;
        Ok(())
    }

    /// The buyer closes their request without an order (`delete`: it also disappears);
    /// the offers close and their sellers are told.
    pub async fn close(&self, buyer: i64, id: i64, delete: bool) -> Result<(), DomainError> {
        let now = self.now();
        let mut tx = self.db.begin_write().await.or_incident("request close")?;
        let record = load(&mut tx, self.db.backend(), id)
            .await?
            .filter(|r| r.buyer_id == buyer)
            .ok_or(DomainError::NotFound)?;
        let closable = match record.status.as_str() {
            "pending" | "open" | "rejected" => true,
            "closed" => delete,
            _ => false,
        };
        if !closable {
            return Err(Refusal::RequestNotOpen.into());
        }
        sqlx::query(
            "UPDATE requests SET status = $1, closed_at = COALESCE(closed_at, $2) WHERE id = $3",
        )
        .bind(if delete { "deleted" } else { "closed" })
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await
        .or_incident("request close")?;
        close_offers(self.db.live(), &mut tx, id, None, now).await?;
        tx.commit().await.or_incident("request close commit")?;
        Ok(())
    }

    /// The checkout page of an offer: one line at the offer's terms.
    pub async fn offer_checkout(&self, buyer: i64, offer: i64) -> Result<CartView, DomainError> {
        let (item, offers, _) = checkout_line(&self.db, buyer, offer, self.now()).await?;
        let priced = offers.get(&item.service_id);
        Ok(CartView::new(vec![price_line(
            0,
            item,
            priced,
            Some(buyer),
        )]))
    }

    /// Stores a file the buyer attaches to their request (pending or open; at most 3).
    pub async fn store_file(
        &self,
        files_dir: &std::path::Path,
        buyer: i64,
        id: i64,
        name: &str,
        bytes: bytes::Bytes,
    ) -> Result<OrderFile, FileError> {
        let now = self.now();
        let (_, status, expires_at, files) = sqlx::query_as::<_, (i64, String, Option<i64>, i64)>(
            "SELECT buyer_id, status, expires_at, \
             (SELECT COUNT(*) FROM request_files f WHERE f.request_id = r.id) \
             FROM requests r WHERE id = $1 AND status <> 'deleted'",
        )
        .bind(id)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("request for file")?
        .filter(|row| row.0 == buyer)
        .ok_or(DomainError::NotFound)?;
        if !matches!(
            RequestStatus::at(&status, expires_at, now),
            Some(RequestStatus::Pending | RequestStatus::Open)
        ) {
            return Err(DomainError::from(Refusal::RequestNotOpen).into());
        }
        if files >= MAX_FILES {
            return Err(FileError::Rejected("request-files-full"));
        }
        let kept = keep_private(files_dir, &format!("requests/{id}"), name, bytes).await?;
        let file = sqlx::query_scalar::<_, i64>(
            "INSERT INTO request_files (request_id, uploader_id, name, stored, mime, size_bytes, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(id)
        .bind(buyer)
        .bind(&kept.name)
        .bind(&kept.stored)
        .bind(kept.mime)
        .bind(kept.size_bytes)
        .bind(now)
        .fetch_one(self.db.pool())
        .await
        .or_incident("request file")?;
        Ok(OrderFile {
            id: file,
            name: kept.name,
            size_bytes: kept.size_bytes,
        })
    }

    /// A file of a request, for the members who may see the request (its buyer and
    /// admins while it waits for review): (path on disk, name, type).
    pub async fn file(
        &self,
        files_dir: &std::path::Path,
        viewer: (i64, bool),
        id: i64,
        file: i64,
    ) -> Result<(std::path::PathBuf, String, String), DomainError> {
        self.page(Some(viewer), id).await?;
        let (stored, name, mime) = sqlx::query_as::<_, (String, String, String)>(
            "SELECT stored, name, mime FROM request_files WHERE id = $1 AND request_id = $2",
        )
        .bind(file)
        .bind(id)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("request file")?
        .ok_or(DomainError::NotFound)?;
        Ok((files_dir.join(stored), name, mime))
    }

    /// Requests waiting for moderation, oldest first (admins).
    pub async fn queue(&self) -> Result<Vec<(RequestCard, String)>, StoreError> {
        let now = self.now();
        Ok(sqlx::query_as::<_, PageRow>(&format!(
            "SELECT {CARD_COLUMNS}, {PAGE_COLUMNS} {CARD_FROM} WHERE r.status = 'pending' \
             ORDER BY r.id LIMIT 100"
        ))
        .fetch_all(self.db.pool())
        .await
        .or_incident("request queue")?
        .into_iter()
        .map(|row| (row.card.card(now), row.description))
        .collect())
    }

    /// Approves a pending request (open for 14 days from now) or rejects it with a reason
    /// (admins). Only a pending one: a second decision is refused.
    pub async fn decide(&self, id: i64, approve: bool, reason: &str) -> Result<(), DomainError> {
        let now = self.now();
        let reason = reason.trim();
        if !approve && reason.is_empty() {
            return Err(DomainError::field("reason", "error-required"));
        }
        let mut tx = self
            .db
            .begin_write()
            .await
            .or_incident("request decision")?;
        let buyer = sqlx::query_scalar::<_, i64>(
            "UPDATE requests SET status = $1, approved_at = $2, expires_at = $3, reject_reason = $4 \
             WHERE id = $5 AND status = 'pending' RETURNING buyer_id",
        )
        .bind(if approve { "open" } else { "rejected" })
        .bind(approve.then_some(now))
        .bind(approve.then_some(now + OPEN_SECS))
        .bind((!approve).then(|| reason.to_owned()))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await
        .or_incident("request decision")?
        .ok_or(DomainError::Refused(Refusal::NothingToReview))?;
        let told = if approve {
            NoticeKind::RequestApproved
        } else {
            NoticeKind::RequestRejected
        };
        notify(
            self.db.live(),
            &mut tx,
            buyer,
            told,
            About::request(id),
            now,
        )
        .await?;
        tx.commit().await.or_incident("request decision commit")?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl shared::ports::RequestStore for SqlRequests {
    async fn post(&self, buyer: i64, draft: RequestDraft) -> Result<i64, DomainError> {
        SqlRequests::post(self, buyer, draft).await
    }
    async fn list(&self, query: &RequestQuery) -> Result<RequestList, StoreError> {
        SqlRequests::list(self, query).await
    }
    async fn mine(&self, buyer: i64) -> Result<Vec<RequestCard>, StoreError> {
        SqlRequests::mine(self, buyer).await
    }
    async fn page(&self, viewer: Option<(i64, bool)>, id: i64) -> Result<RequestPage, DomainError> {
        SqlRequests::page(self, viewer, id).await
    }
    async fn offer(&self, seller: i64, request: i64, draft: OfferDraft) -> Result<(), DomainError> {
        SqlRequests::offer(self, seller, request, draft).await
    }
    async fn close(&self, buyer: i64, id: i64, delete: bool) -> Result<(), DomainError> {
        SqlRequests::close(self, buyer, id, delete).await
    }
    async fn offer_checkout(&self, buyer: i64, offer: i64) -> Result<CartView, DomainError> {
        SqlRequests::offer_checkout(self, buyer, offer).await
    }
    async fn queue(&self) -> Result<Vec<(RequestCard, String)>, StoreError> {
        SqlRequests::queue(self).await
    }
    async fn decide(&self, id: i64, approve: bool, reason: &str) -> Result<(), DomainError> {
        SqlRequests::decide(self, id, approve, reason).await
    }
}
