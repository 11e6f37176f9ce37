//! Orders after checkout: the order page, every action of the lifecycle with its money,
//! and the order's timeline (transitions and messages).
//!
//! An action runs in one write transaction: the order's row is read under a lock (the
//! SQLite write lock taken at `BEGIN IMMEDIATE`; `FOR UPDATE` on PostgreSQL), the pure
//! state machine in `shared::orders::lifecycle` decides, and the new state, the ledger
//! postings and the timeline line commit together. The status update is also conditional
//! on the status that was read, so two actions at once (accept and cancel, the buyer and
//! the auto-accept job, two job runners) move the money exactly once.

pub mod files;
pub mod jobs;

use shared::error::{DomainError, Refusal, StoreError};
use shared::money::Money;
use shared::orders::lifecycle::{
    available_actions, check_note, decide, CancelRequest, OrderEvent, OrderState, Role, Settlement,
    Side,
};
use shared::orders::{
    ActionRequest, Author, BoughtUpgrade, OrderDetail, OrderFile, OrderRow, OrderStatus, Party,
    TimelineEntry,
};
use shared::wallet::TxKind;
use sqlx::{Any, FromRow, Transaction};

use crate::infra::clock::Clock;
use crate::infra::db::{incident, Backend, Db, OrIncident};
use crate::money::ledger::{self, About, Account, LedgerError};

/// Who asks for an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    User {
        id: i64,
        admin: bool,
    },
    /// The time-driven jobs.
    System,
}

/// Timeline lines shown on the order page.
const TIMELINE: i64 = 500;

#[derive(FromRow)]
pub(crate) struct OrderRecord {
    pub(crate) buyer_id: i64,
    pub(crate) seller_id: i64,
    pub(crate) service_id: i64,
    status: String,
    total_cents: i64,
    delivery_days: i64,
    deadline_at: Option<i64>,
    delivered_at: Option<i64>,
    cancel_requested_by: Option<String>,
    cancel_requested_at: Option<i64>,
    pub(crate) closed_at: Option<i64>,
}

impl OrderRecord {
    pub(crate) fn state(&self) -> OrderState {
        OrderState {
            status: OrderStatus::parse(&self.status).unwrap_or(OrderStatus::Disputed),
            total: Money::from_cents(self.total_cents),
            delivery_days: u32::try_from(self.delivery_days).unwrap_or(1),
            deadline: self.deadline_at,
            delivered_at: self.delivered_at,
            cancel_request: match (&self.cancel_requested_by, self.cancel_requested_at) {
                (Some(by), Some(at)) => Side::parse(by).map(|by| CancelRequest { by, at }),
                _ => None,
            },
        }
    }

    /// The asker's role, or `None` when the order is none of their business.
    pub(crate) fn role_of(&self, actor: Actor) -> Option<Role> {
        match actor {
            Actor::System => Some(Role::System),
            Actor::User { id, .. } if id == self.buyer_id => Some(Role::Buyer),
            Actor::User { id, .. } if id == self.seller_id => Some(Role::Seller),
            Actor::User { admin: true, .. } => Some(Role::Admin),
            Actor::User { .. } => None,
        }
    }
}

const ORDER_COLUMNS: &str = "buyer_id, seller_id, service_id, status, total_cents, \
     delivery_days, deadline_at, delivered_at, cancel_requested_by, cancel_requested_at, closed_at";

pub(crate) async fn load(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    order_id: i64,
) -> Result<Option<OrderRecord>, StoreError> {
    let lock = match backend {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    };
    sqlx::query_as::<_, OrderRecord>(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1{lock}"
    ))
    .bind(order_id)
    .fetch_optional(&mut **tx)
    .await
    .or_incident("order load")
}

fn cents(m: Money) -> Result<i64, StoreError> {
    m.to_cents().or_incident("money out of range")
}

/// Posts where a closing order's escrow goes: the buyer's part back to their wallet, the
/// seller's earnings to their pending balance (with the date they clear) and the
/// commission to the platform, in the caller's transaction.
async fn settle(
    tx: &mut Transaction<'static, Any>,
    order_id: i64,
    record: &OrderRecord,
    settlement: Settlement,
    now: i64,
    clearance_secs: i64,
) -> Result<(), StoreError> {
    let to_buyer = cents(settlement.to_buyer)?;
    let to_seller = cents(settlement.to_seller)?;
    let commission = cents(settlement.commission)?;
    let posted = |e: LedgerError| incident("order settlement", e);
    if to_buyer > 0 {
        ledger::post(
            tx,
            TxKind::Refund,
            About::Order(order_id),
            now,
            &[
                (Account::Escrow(order_id), -to_buyer),
                (Account::Available(record.buyer_id), to_buyer),
            ],
        )
        .await
        .map_err(posted)?;
    }
    if to_seller + commission > 0 {
        ledger::post(
            tx,
            TxKind::Earnings,
            About::Order(order_id),
            now,
            &[
                (Account::Escrow(order_id), -(to_seller + commission)),
                (Account::Pending(record.seller_id), to_seller),
                (Account::PlatformRevenue, commission),
            ],
        )
        .await
        .map_err(posted)?;
    }
    if to_seller > 0 {
        // The primary key on order_id: a seller is paid at most once per order.
        sqlx::query(
            "INSERT INTO clearances (order_id, seller_id, amount_cents, clears_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(order_id)
        .bind(record.seller_id)
        .bind(to_seller)
        .bind(now + clearance_secs)
        .execute(&mut **tx)
        .await
        .or_incident("clearance")?;
        sqlx::query("UPDATE services SET orders_count = orders_count + 1 WHERE id = $1")
            .bind(record.service_id)
            .execute(&mut **tx)
            .await
            .or_incident("orders count")?;
        sqlx::query("UPDATE users SET completed_orders = completed_orders + 1 WHERE id = $1")
            .bind(record.seller_id)
            .execute(&mut **tx)
            .await
            .or_incident("completed orders")?;
    }
    Ok(())
}

/// Writes a timeline line in the caller's transaction, and tells the parties who did not
/// write it.
#[allow(clippy::too_many_arguments)]
async fn record_event(
    db: &Db,
    tx: &mut Transaction<'static, Any>,
    (order_id, record): (i64, &OrderRecord),
    author: Option<i64>,
    event: OrderEvent,
    body: &str,
    amount: Option<Money>,
    now: i64,
) -> Result<i64, StoreError> {
    let amount = amount.map(cents).transpose()?;
    crate::notifications::order_event(
        db.live(),
        tx,
        (order_id, record.buyer_id, record.seller_id),
        author,
        event,
        now,
    )
    .await?;
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO order_events (order_id, author_id, kind, body, amount_cents, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(order_id)
    .bind(author)
    .bind(event.as_str())
    .bind(body)
    .bind(amount)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .or_incident("order event")
}

/// Attaches the files `author` uploaded to this order (and attached to nothing yet) to
/// the timeline line `event`; any other file id is refused.
async fn attach(
    tx: &mut Transaction<'static, Any>,
    order_id: i64,
    author: Option<i64>,
    event: i64,
    files: &[i64],
) -> Result<(), DomainError> {
    if files.is_empty() {
        return Ok(());
    }
    let (Some(author), true) = (author, files.len() <= MAX_FILES) else {
        return Err(DomainError::field("files", "error-order-file-invalid"));
    };
    for &file in files {
        let attached = sqlx::query(
            "UPDATE order_files SET event_id = $1 \
             WHERE id = $2 AND order_id = $3 AND uploader_id = $4 AND event_id IS NULL",
        )
        .bind(event)
        .bind(file)
        .bind(order_id)
        .bind(author)
        .execute(&mut **tx)
        .await
        .or_incident("order file attach")?
        .rows_affected();
        if attached != 1 {
            return Err(DomainError::field("files", "error-order-file-invalid"));
        }
    }
    Ok(())
}

/// Files one timeline line may carry.
const MAX_FILES: usize = 10;

/// Orders: the page, actions, messages, and the jobs' entry point.
#[derive(Clone)]
pub struct SqlOrders {
    db: Db,
    clock: Clock,
    clearance_secs: i64,
}

impl SqlOrders {
    pub fn new(db: Db, clock: Clock, clearance_secs: i64) -> Self {
        SqlOrders {
            db,
            clock,
            clearance_secs,
        }
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn now(&self) -> i64 {
        (self.clock)()
    }

    /// Takes `action` on the order for `actor`: decided by the state machine, written with
    /// its money and its timeline line in one transaction, or refused with nothing written.
    /// Anyone who is not a party (nor an admin) gets `NotFound`, as if there were no order.
    pub async fn act(
        &self,
        actor: Actor,
        order_id: i64,
        request: ActionRequest,
    ) -> Result<(), DomainError> {
        let note = check_note(&request.note, request.action.needs_note())
            .map_err(|m| DomainError::field("note", m))?;
        let now = self.now();
        let mut tx = self.db.begin_write().await.or_incident("order action")?;
        let record = load(&mut tx, self.db.backend(), order_id)
            .await?
            .ok_or(DomainError::NotFound)?;
        let role = record.role_of(actor).ok_or(DomainError::NotFound)?;
        let step = decide(&record.state(), role, request.action, now)?;
        let next = &step.next;
        let closed_at = (!next.status.holds_escrow()).then_some(now);
        let refunded = match step.settlement {
            Some(s) => cents(s.to_buyer)?,
            None => 0,
        };
        let changed = sqlx::query(
            "UPDATE orders SET status = $1, deadline_at = $2, delivered_at = $3, \
             cancel_requested_by = $4, cancel_requested_at = $5, closed_at = $6, \
             refunded_cents = $7 WHERE id = $8 AND status = $9",
        )
        .bind(next.status.as_str())
        .bind(next.deadline)
        .bind(next.delivered_at)
        .bind(next.cancel_request.map(|r| r.by.as_str()))
        .bind(next.cancel_request.map(|r| r.at))
        .bind(closed_at)
        .bind(refunded)
        .bind(order_id)
        .bind(&record.status)
        .execute(&mut *tx)
        .await
        .or_incident("order update")?
        .rows_affected();
        if changed == 0 {
            return Err(Refusal::OrderWrongState.into());
        }
        if let Some(settlement) = step.settlement {
            settle(
                &mut tx,
                order_id,
                &record,
                settlement,
                now,
                self.clearance_secs,
            )
            .await?;
        }
        let author = match actor {
            Actor::User { id, .. } => Some(id),
            Actor::System => None,
        };
        let amount = step
            .settlement
            .map(|s| s.to_buyer)
            .filter(|m| *m > Money::ZERO);
        let event = record_event(
            &self.db,
            &mut tx,
            (order_id, &record),
            author,
            step.event,
            &note,
            amount,
            now,
        )
        .await?;
        attach(&mut tx, order_id, author, event, &request.files).await?;
        tx.commit().await.or_incident("order action commit")?;
        Ok(())
    }

    /// A message in the order's timeline, by a party or an admin.
    pub async fn message(
        &self,
        actor: Actor,
        order_id: i64,
        body: &str,
        files: &[i64],
    ) -> Result<(), DomainError> {
        // A message is text, files, or both.
        let body = check_note(body, files.is_empty()).map_err(|m| DomainError::field("note", m))?;
        let Actor::User { id, .. } = actor else {
            return Err(DomainError::Forbidden);
        };
        let now = self.now();
        let mut tx = self.db.begin_write().await.or_incident("order message")?;
        let record = load(&mut tx, self.db.backend(), order_id)
            .await?
            .ok_or(DomainError::NotFound)?;
        record.role_of(actor).ok_or(DomainError::NotFound)?;
        let event = record_event(
            &self.db,
            &mut tx,
            (order_id, &record),
            Some(id),
            OrderEvent::Message,
            &body,
            None,
            now,
        )
        .await?;
        attach(&mut tx, order_id, Some(id), event, files).await?;
        tx.commit().await.or_incident("order message commit")?;
        Ok(())
    }

    /// Rates the order, or replies to its review (see `crate::reviews`).
    pub async fn review(
        &self,
        actor: Actor,
        order_id: i64,
        request: shared::reviews::ReviewRequest,
    ) -> Result<(), DomainError> {
        crate::reviews::write(&self.db, actor, order_id, request, self.now()).await
    }

    /// The asker's role on the order; `NotFound` when it is none of their business.
    pub async fn role(&self, actor: Actor, order_id: i64) -> Result<Role, DomainError> {
        let record = sqlx::query_as::<_, OrderRecord>(&format!(
            "SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1"
        ))
        .bind(order_id)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("order")?
        .ok_or(DomainError::NotFound)?;
        record.role_of(actor).ok_or(DomainError::NotFound)
    }

    /// The order page as `actor` sees it; `NotFound` for anyone but the parties and admins.
    pub async fn detail(&self, actor: Actor, order_id: i64) -> Result<OrderDetail, DomainError> {
        #[derive(FromRow)]
        struct Row {
            service_id: i64,
            title: String,
            upgrades: String,
            quantity: i64,
            instructions: String,
            created_at: i64,
            closed_at: Option<i64>,
            refunded_cents: i64,
            buyer_name: String,
            buyer_username: String,
            seller_name: String,
            seller_username: String,
        }
        let Some(record) = sqlx::query_as::<_, OrderRecord>(&format!(
            "SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1"
        ))
        .bind(order_id)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("order")?
        else {
            return Err(DomainError::NotFound);
        };
        let role = record.role_of(actor).ok_or(DomainError::NotFound)?;
        let row = sqlx::query_as::<_, Row>(
            "SELECT o.service_id, o.title, o.upgrades, o.quantity, o.instructions, o.created_at, \
             o.closed_at, o.refunded_cents, b.display_name AS buyer_name, \
             b.username AS buyer_username, s.display_name AS seller_name, \
             s.username AS seller_username \
             FROM orders o JOIN users b ON b.id = o.buyer_id JOIN users s ON s.id = o.seller_id \
             WHERE o.id = $1",
        )
        .bind(order_id)
        .fetch_one(self.db.pool())
        .await
        .or_incident("order detail")?;
        let events = sqlx::query_as::<_, (i64, i64, String, Option<i64>, Option<String>, String, Option<i64>)>(
            "SELECT e.id, e.created_at, e.kind, e.author_id, u.display_name, e.body, e.amount_cents \
             FROM order_events e LEFT JOIN users u ON u.id = e.author_id \
             WHERE e.order_id = $1 ORDER BY e.id LIMIT $2",
        )
        .bind(order_id)
        .bind(TIMELINE)
        .fetch_all(self.db.pool())
        .await
        .or_incident("order timeline")?;
        let mut files: std::collections::HashMap<i64, Vec<OrderFile>> = Default::default();
        for (id, event, name, size) in sqlx::query_as::<_, (i64, i64, String, i64)>(
            "SELECT id, event_id, name, size_bytes FROM order_files \
             WHERE order_id = $1 AND event_id IS NOT NULL ORDER BY id",
        )
        .bind(order_id)
        .fetch_all(self.db.pool())
        .await
        .or_incident("order files")?
        {
            files.entry(event).or_default().push(OrderFile {
                id,
                name,
                size_bytes: size,
            });
        }
        let mut timeline = vec![TimelineEntry {
            id: 0,
            at: row.created_at,
            event: OrderEvent::Placed,
            author: Author::Buyer,
            author_name: row.buyer_name.clone(),
            body: String::new(),
            amount: None,
            files: Vec::new(),
        }];
        timeline.extend(events.into_iter().filter_map(
            |(id, at, kind, author_id, name, body, amount)| {
                let author = match author_id {
                    None => Author::System,
                    Some(a) if a == record.buyer_id => Author::Buyer,
                    Some(a) if a == record.seller_id => Author::Seller,
                    Some(_) => Author::Admin,
                };
                Some(TimelineEntry {
                    id,
                    at,
                    event: OrderEvent::parse(&kind)?,
                    author,
                    author_name: name.unwrap_or_default(),
                    body,
                    amount: amount.map(Money::from_cents),
                    files: files.remove(&id).unwrap_or_default(),
                })
            },
        ));
        let state = record.state();
        let now = self.now();
        let (review, review_options) =
            crate::reviews::for_order_page(&self.db, &record, role, order_id, now).await?;
        Ok(OrderDetail {
            id: order_id,
            service_id: row.service_id,
            title: row.title,
            upgrades: serde_json::from_str::<Vec<BoughtUpgrade>>(&row.upgrades).unwrap_or_default(),
            quantity: u32::try_from(row.quantity).unwrap_or(1),
            total: state.total,
            seller_instructions: row.instructions,
            buyer: Party {
                name: row.buyer_name,
                username: row.buyer_username,
            },
            seller: Party {
                name: row.seller_name,
                username: row.seller_username,
            },
            viewer: role,
            actions: available_actions(&state, role, now),
            state,
            created_at: row.created_at,
            closed_at: row.closed_at,
            refunded: Money::from_cents(row.refunded_cents),
            timeline,
            review,
            review_options,
            now,
        })
    }

    /// Orders in dispute, oldest first, for the admin.
    pub async fn disputes(&self) -> Result<Vec<OrderRow>, StoreError> {
        list(
            &self.db,
            "o.status = 'disputed'",
            "u.id = o.buyer_id",
            None,
            "o.id",
        )
        .await
    }
}

/// Order rows for "My purchases" (`column` = buyer_id), "My sales" (seller_id) or the
/// admin's disputes; `status` narrows them.
pub async fn list(
    db: &Db,
    filter: &str,
    other_join: &str,
    user: Option<i64>,
    order_by: &str,
) -> Result<Vec<OrderRow>, StoreError> {
    #[derive(FromRow)]
    struct Row {
        id: i64,
        service_id: i64,
        title: String,
        upgrades: String,
        quantity: i64,
        total_cents: i64,
        delivery_days: i64,
        status: String,
        created_at: i64,
        deadline_at: Option<i64>,
        display_name: String,
        username: String,
    }
    let sql = format!(
        "SELECT o.id, o.service_id, o.title, o.upgrades, o.quantity, o.total_cents, \
         o.delivery_days, o.status, o.created_at, o.deadline_at, u.display_name, u.username \
         FROM orders o JOIN users u ON {other_join} \
         WHERE {filter} ORDER BY {order_by} LIMIT 200"
    );
    let mut query = sqlx::query_as::<_, Row>(&sql);
    if let Some(user) = user {
        query = query.bind(user);
    }
    let rows = query.fetch_all(db.pool()).await.or_incident("orders")?;
    Ok(rows
        .into_iter()
        .map(|r| OrderRow {
            id: r.id,
            service_id: r.service_id,
            title: r.title,
            upgrades: serde_json::from_str(&r.upgrades).unwrap_or_default(),
            quantity: u32::try_from(r.quantity).unwrap_or(1),
            total: Money::from_cents(r.total_cents),
            delivery_days: u32::try_from(r.delivery_days).unwrap_or(1),
            status: OrderStatus::parse(&r.status).unwrap_or(OrderStatus::AwaitingInstructions),
            created_at: r.created_at,
            deadline: r.deadline_at,
            other_name: r.display_name,
            other_username: r.username,
        })
        .collect())
}
