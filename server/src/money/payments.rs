//! Money in: the wallet and its top-up by card, and checkout into escrow.
//!
//! One path for the ledger: a card payment first tops up the wallet, then the
//! wallet pays. Checkout writes the checkout row, every order, every escrow hold and the
//! cart's removal in one database transaction. The idempotency key is unique per buyer, so
//! a repeated or concurrent attempt finds the first one's orders instead of paying again.

use std::time::Duration;

use async_trait::async_trait;
use shared::account::SessionUser;
use shared::card::{check_card, Card, CardInput};
use shared::cart::{CartItem, CartView};
use shared::error::{DomainError, Refusal, StoreError};
use shared::money::Money;
use shared::notifications::NoticeKind;
use shared::orders::lifecycle::OrderEvent;
use shared::orders::{
    key_ok, plan_checkout, ActionRequest, BoughtUpgrade, CheckoutRequest, CheckoutSource,
    OrderDetail, OrderRow, Receipt, ReceiptOrder,
};
use shared::ports::{OrderStore, WalletStore};
use shared::validation::FieldError;
use shared::wallet::{
    Balance, PendingEarning, TxKind, Wallet, WalletLine, Withdrawal, WithdrawalRequest,
    MAX_TOP_UP_CENTS, MIN_TOP_UP_CENTS,
};

use crate::infra::clock::Clock;
use crate::infra::db::{incident, is_unique_violation, Backend, Db, OrIncident};
use crate::money::cart::{offers, price_line, Offer};
use crate::money::gateway::{Gateway, GatewayError};
use crate::money::ledger::{self, Account, LedgerError};
use crate::money::withdrawals;
use crate::orders::{self, Actor, SqlOrders};

/// Wallet history lines shown.
const HISTORY: i64 = 200;
/// How long a request waits for a card payment under the same key to finish.
const CHARGE_WAIT: Duration = Duration::from_secs(20);

pub struct SqlPayments {
    db: Db,
    gateway: Gateway,
    clock: Clock,
    orders: SqlOrders,
}

fn actor(user: &SessionUser) -> Actor {
    Actor::User {
        id: user.id,
        admin: user.is_admin(),
    }
}

/// A checkout's reads before it pays: an earlier attempt with the same key (id and
/// fingerprint), the buyer's available balance, and what a card already paid under the
/// key. $1 is the buyer, $2 the key, $3 the card charge's key.
pub(crate) const BEFORE_PAYING: &str =
    "SELECT (SELECT id FROM checkouts WHERE buyer_id = $1 AND idem_key = $2), \
     (SELECT fingerprint FROM checkouts WHERE buyer_id = $1 AND idem_key = $2), \
     COALESCE((SELECT balance_cents FROM ledger_accounts \
       WHERE user_id = $1 AND kind = 'available'), 0), \
     COALESCE((SELECT amount_cents FROM gateway_charges \
       WHERE user_id = $1 AND idem_key = $3 AND status = 'succeeded'), 0)";

fn cents(m: Money) -> Result<i64, StoreError> {
    m.to_cents().or_incident("money out of range")
}

/// (year, month) of a Unix time, for card expiry.
fn year_month(unix: i64) -> (u32, u32) {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| {
            (
                u32::try_from(t.year()).unwrap_or(0),
                u32::from(u8::from(t.month())),
            )
        })
        .unwrap_or((0, 0))
}

/// Marks a charge the gateway accepted as succeeded and credits the wallet, in one
/// transaction. The status change is conditional, so crediting the same charge twice (a
/// retried reconciliation, two reconcilers at once) credits it once: `Ok(false)` then.
async fn credit_charge(
    db: &Db,
    charge_id: i64,
    user: i64,
    amount_cents: i64,
    gateway_ref: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let mut tx = db.begin_write().await.or_incident("top-up")?;
    let claimed = sqlx::query(
        "UPDATE gateway_charges SET status = 'succeeded', reference = $1 \
         WHERE id = $2 AND status = 'pending'",
    )
    .bind(gateway_ref)
    .bind(charge_id)
    .execute(&mut *tx)
    .await
    .or_incident("top-up record")?
    .rows_affected();
    if claimed == 0 {
        return Ok(false);
    }
    ledger::post(
        &mut tx,
        TxKind::TopUp,
        ledger::About::Nothing,
        now,
        &[
            (Account::Gateway, -amount_cents),
            (Account::Available(user), amount_cents),
        ],
    )
    .await
    .or_incident("top-up credit")?;
    tx.commit().await.or_incident("top-up commit")?;
    Ok(true)
}

/// What a checkout pays for: the cart, one service now, or an offer on a request (its id
/// and the terms read from it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PayingFor {
    Cart,
    Now,
    RequestOffer(i64, Money, u32),
}

/// A receipt's line: the checkout's total, card part and time, then one order.
type ReceiptRow = (i64, i64, i64, i64, String, String, i64, i64, i64, String);

/// True when `offer` (what the buyer was quoted) is still what the catalog sells: the
/// service published by an active seller at the same price, each chosen upgrade still
/// offered at the same price. Read inside the paying transaction; on PostgreSQL the rows
/// are locked until it ends, so a pause or a new price waits for the payment.
async fn still_offered(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    item: &CartItem,
    offer: &Offer,
) -> Result<bool, StoreError> {
    let lock = match backend {
        Backend::Postgres => " FOR SHARE OF s",
        Backend::Sqlite => "",
    };
    let price = sqlx::query_scalar::<_, i64>(&format!(
        "SELECT s.price_cents FROM services s JOIN users u ON u.id = s.seller_id \
         WHERE s.id = $1 AND s.status = 'published' AND u.status = 'active'{lock}"
    ))
    .bind(offer.service_id)
    .fetch_optional(&mut **tx)
    .await
    .or_incident("offer recheck")?;
    if price != Some(cents(offer.price)?) {
        return Ok(false);
    }
    for upgrade in offer
        .upgrades
        .iter()
        .filter(|u| item.upgrade_ids.contains(&u.id))
    {
        let now = sqlx::query_scalar::<_, i64>(
            "SELECT price_cents FROM service_upgrades WHERE id = $1 AND service_id = $2",
        )
        .bind(upgrade.id)
        .bind(offer.service_id)
        .fetch_optional(&mut **tx)
        .await
        .or_incident("upgrade recheck")?;
        if now != Some(cents(upgrade.price)?) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// What `khidmat payments reconcile` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Reconciled {
    /// Charges the gateway accepted that are now credited.
    pub credited: usize,
    pub credited_cents: i64,
    /// Charges still pending with no gateway answer recorded, older than the wait: the
    /// process died while calling the gateway. Check them in the gateway's dashboard.
    pub unknown: Vec<i64>,
}

impl std::fmt::Display for Reconciled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "credited {} charge(s), {}; {} pending without a gateway answer{}",
            self.credited,
            Money::from_cents(self.credited_cents),
            self.unknown.len(),
            if self.unknown.is_empty() {
                String::new()
            } else {
                format!(" (ids {:?}: check them with the gateway)", self.unknown)
            }
        )
    }
}

/// Credits every charge the gateway accepted whose credit failed. Idempotent.
pub async fn reconcile(db: &Db, clock: Clock) -> Result<Reconciled, StoreError> {
    let now = clock();
    let pending = sqlx::query_as::<_, (i64, i64, i64, Option<String>, i64)>(
        "SELECT id, user_id, amount_cents, reference, created_at FROM gateway_charges \
         WHERE status = 'pending' ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
    .or_incident("pending charges")?;
    let mut report = Reconciled::default();
    for (id, user, cents, reference, created_at) in pending {
        let Some(gateway_ref) = reference else {
            if now - created_at > CHARGE_WAIT.as_secs() as i64 {
                report.unknown.push(id);
            }
            continue;
        };
        if credit_charge(db, id, user, cents, &gateway_ref, now).await? {
            report.credited += 1;
            report.credited_cents += cents;
        }
    }
    Ok(report)
}

impl SqlPayments {
    pub fn new(db: Db, gateway: Gateway, clock: Clock, orders: SqlOrders) -> Self {
        SqlPayments {
            db,
            gateway,
            clock,
            orders,
        }
    }

    fn card(&self, input: &CardInput) -> Result<Card, DomainError> {
        check_card(input, Some(year_month((self.clock)()))).map_err(DomainError::Invalid)
    }

    /// Charges `amount` to the card once per (user, `key`), records the result, and only
    /// then credits the wallet — in one transaction with that record. A second request with
    /// the same key waits for the first; after a success it charges nothing.
    async fn charge_once(
        &self,
        user: i64,
        key: &str,
        amount: Money,
        card: &Card,
    ) -> Result<(), DomainError> {
        let amount_cents = cents(amount)?;
        let started = tokio::time::Instant::now();
        let charge_id = loop {
            let claimed = sqlx::query_scalar::<_, i64>(
                "INSERT INTO gateway_charges \
                 (user_id, idem_key, amount_cents, card_last4, status, created_at) \
                 VALUES ($1, $2, $3, $4, 'pending', $5) ON CONFLICT DO NOTHING RETURNING id",
            )
            .bind(user)
            .bind(key)
            .bind(amount_cents)
            .bind(card.last4())
            .bind((self.clock)())
            .fetch_optional(self.db.pool())
            .await
            .or_incident("charge claim")?;
            if let Some(id) = claimed {
                break id;
            }
            let held = sqlx::query_as::<_, (String, i64)>(
                "SELECT status, amount_cents FROM gateway_charges \
                 WHERE user_id = $1 AND idem_key = $2 AND status IN ('pending', 'succeeded')",
            )
            .bind(user)
            .bind(key)
            .fetch_optional(self.db.pool())
            .await
            .or_incident("charge lookup")?;
            match held {
                Some((status, c)) if status == "succeeded" => {
                    return if c == amount_cents {
                        Ok(())
                    } else {
                        Err(Refusal::CheckoutKeyReused.into())
                    };
                }
                Some(_) if started.elapsed() > CHARGE_WAIT => {
                    return Err(Refusal::PaymentInProgress.into())
                }
                Some(_) => tokio::time::sleep(Duration::from_millis(50)).await,
                // It failed meanwhile: claim it again.
                None => {}
            }
        };
        let reference = format!("{user}-{key}");
        match self.gateway.charge(card, amount, &reference).await {
            Ok(gateway_ref) => {
                if let Err(e) = credit_charge(
                    &self.db,
                    charge_id,
                    user,
                    amount_cents,
                    &gateway_ref,
                    (self.clock)(),
                )
                .await
                {
                    // The card was charged but the wallet was not credited. The gateway's
                    // reference is kept on the still-pending row, so
                    // `khidmat payments reconcile` credits it later (and only once); the key
                    // is never charged again.
                    let recorded = sqlx::query(
                        "UPDATE gateway_charges SET reference = $1 \
                         WHERE id = $2 AND status = 'pending'",
                    )
                    .bind(&gateway_ref)
                    .bind(charge_id)
                    .execute(self.db.pool())
                    .await;
                    tracing::error!(
                        charge = charge_id,
                        gateway_ref,
                        recorded = recorded.is_ok(),
                        "card charged but not credited: left for reconciliation"
                    );
                    return Err(e.into());
                }
                Ok(())
            }
            Err(e) => {
                let status = match e {
                    GatewayError::Declined => "declined",
                    GatewayError::Unavailable => "failed",
                };
                sqlx::query("UPDATE gateway_charges SET status = $1 WHERE id = $2")
                    .bind(status)
                    .bind(charge_id)
                    .execute(self.db.pool())
                    .await
                    .or_incident("charge result")?;
                Err(match e {
                    GatewayError::Declined => Refusal::PaymentDeclined,
                    GatewayError::Unavailable => Refusal::PaymentUnavailable,
                }
                .into())
            }
        }
    }

    async fn charged(&self, user: i64, key: &str) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT amount_cents FROM gateway_charges \
             WHERE user_id = $1 AND idem_key = $2 AND status = 'succeeded'",
        )
        .bind(user)
        .bind(key)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("charged")?
        .unwrap_or(0))
    }

    /// The answer to an attempt whose key was used before: the same receipt for the same
    /// cart, a refusal for another.
    async fn earlier(
        &self,
        buyer: i64,
        key: &str,
        fingerprint: &str,
    ) -> Result<Option<Receipt>, DomainError> {
        let found = sqlx::query_as::<_, (i64, String)>(
            "SELECT id, fingerprint FROM checkouts WHERE buyer_id = $1 AND idem_key = $2",
        )
        .bind(buyer)
        .bind(key)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("checkout lookup")?;
        self.answer_earlier(buyer, found, fingerprint).await
    }

    async fn answer_earlier(
        &self,
        buyer: i64,
        found: Option<(i64, String)>,
        fingerprint: &str,
    ) -> Result<Option<Receipt>, DomainError> {
        match found {
            None => Ok(None),
            Some((id, fp)) if fp == fingerprint => Ok(Some(self.receipt(buyer, id).await?)),
            Some(_) => Err(Refusal::CheckoutKeyReused.into()),
        }
    }

    /// What a checkout reads before it decides how to pay, in one round trip
    /// (`BEFORE_PAYING`).
    async fn before_paying(
        &self,
        buyer: i64,
        key: &str,
        charge_key: &str,
    ) -> Result<(Option<(i64, String)>, i64, i64), StoreError> {
        let (id, fingerprint, available, charged) =
            sqlx::query_as::<_, (Option<i64>, Option<String>, i64, i64)>(BEFORE_PAYING)
                .bind(buyer)
                .bind(key)
                .bind(charge_key)
                .fetch_one(self.db.pool())
                .await
                .or_incident("checkout reads")?;
        Ok((id.zip(fingerprint), available, charged))
    }

    /// Pays priced lines from the wallet: the checkout row, each order and its escrow hold,
    /// and the paid cart lines' removal, all in one transaction.
    async fn pay(
        &self,
        buyer: i64,
        key: &str,
        fingerprint: &str,
        lines: &[(i64, CartItem, Offer)],
        paying_for: PayingFor,
        card_cents: i64,
    ) -> Result<Receipt, DomainError> {
        let now = (self.clock)();
        let mut priced = Vec::with_capacity(lines.len());
        for (_, item, offer) in lines {
            let quote = offer
                .quote(item)
                .map_err(|_| DomainError::from(Refusal::CheckoutLineProblem))?;
            priced.push((item, offer, quote));
        }
        let total: i64 = priced
            .iter()
            .map(|(_, _, q)| cents(q.total))
            .sum::<Result<i64, _>>()?;
        let mut tx = self.db.begin_write().await.or_incident("checkout")?;
        let inserted = sqlx::query_scalar::<_, i64>(
            "INSERT INTO checkouts (buyer_id, idem_key, fingerprint, total_cents, card_cents, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(buyer)
        .bind(key)
        .bind(fingerprint)
        .bind(total)
        .bind(card_cents)
        .bind(now)
        .fetch_one(&mut *tx)
        .await;
        let checkout_id = match inserted {
            Ok(id) => id,
            // The same key committed first (PostgreSQL waits for it here; SQLite's write
            // lock serializes): answer with its orders.
            Err(e) if is_unique_violation(&e) => {
                drop(tx);
                return self
                    .earlier(buyer, key, fingerprint)
                    .await?
                    .ok_or_else(|| incident("checkout race", "key vanished").into());
            }
            Err(e) => return Err(incident("checkout insert", e).into()),
        };
        for (item, offer, _) in &priced {
            // Prices were read before the transaction (and before a card was charged):
            // the service may have been paused, re-priced or lost an upgrade since.
            // An offer on a request is checked against the stored offer instead, below.
            if !matches!(paying_for, PayingFor::RequestOffer(..))
                && !still_offered(&mut tx, self.db.backend(), item, offer).await?
            {
                return Err(Refusal::CheckoutCartChanged.into());
            }
        }
        for (item, offer, quote) in &priced {
            let bought: Vec<BoughtUpgrade> = offer
                .upgrades
                .iter()
                .filter(|u| item.upgrade_ids.contains(&u.id))
                .map(|u| BoughtUpgrade {
                    title: u.title.clone(),
                    price: u.price,
                    extra_days: u.extra_days,
                })
                .collect();
            let line_total = cents(quote.total)?;
            let order_id = sqlx::query_scalar::<_, i64>(
                "INSERT INTO orders (checkout_id, buyer_id, seller_id, service_id, title, upgrades, \
                 quantity, unit_price_cents, total_cents, delivery_days, instructions, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
            )
            .bind(checkout_id)
            .bind(buyer)
            .bind(offer.seller_id)
            .bind(offer.service_id)
            .bind(&offer.title)
            .bind(serde_json::to_string(&bought).or_incident("order upgrades")?)
            .bind(i64::from(quote.quantity))
            .bind(cents(quote.unit_price)?)
            .bind(line_total)
            .bind(i64::from(quote.delivery_days))
            .bind(&offer.instructions)
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .or_incident("order insert")?;
            // The seller hears of the new order with it.
            crate::notifications::notify(
                self.db.live(),
                &mut tx,
                offer.seller_id,
                NoticeKind::Order(OrderEvent::Placed),
                crate::notifications::About::order(order_id),
                now,
            )
            .await?;
            if let PayingFor::RequestOffer(offer_id, price, days) = paying_for {
                crate::requests::accept_in(
                    self.db.live(),
                    &mut tx,
                    (offer_id, price, days),
                    order_id,
                    now,
                )
                .await?;
            }
            match ledger::post(
                &mut tx,
                TxKind::Purchase,
                ledger::About::Order(order_id),
                now,
                &[
                    (Account::Available(buyer), -line_total),
                    (Account::Escrow(order_id), line_total),
                ],
            )
            .await
            {
                Ok(_) => {}
                Err(LedgerError::InsufficientFunds) => {
                    return Err(Refusal::CheckoutInsufficientBalance.into())
                }
                Err(e) => return Err(incident("escrow hold", e).into()),
            }
        }
        if paying_for == PayingFor::Cart {
            let ids: Vec<i64> = lines.iter().map(|(id, _, _)| *id).collect();
            let marks: Vec<String> = (2..ids.len() + 2).map(|i| format!("${i}")).collect();
            let sql = format!(
                "DELETE FROM cart_items WHERE user_id = $1 AND id IN ({})",
                marks.join(", ")
            );
            let mut query = sqlx::query(&sql).bind(buyer);
            for id in &ids {
                query = query.bind(*id);
            }
            let removed = query
                .execute(&mut *tx)
                .await
                .or_incident("cart empty")?
                .rows_affected();
            // Another checkout (with another key) paid these lines meanwhile.
            if removed != ids.len() as u64 {
                return Err(Refusal::CheckoutCartChanged.into());
            }
        }
        tx.commit().await.or_incident("checkout commit")?;
        self.receipt(buyer, checkout_id).await
    }
}

#[async_trait]
impl WalletStore for SqlPayments {
    async fn wallet(&self, user: i64) -> Result<Wallet, StoreError> {
        let available = ledger::balance(&self.db, Account::Available(user))
            .await
            .or_incident("wallet")?;
        let pending = ledger::balance(&self.db, Account::Pending(user))
            .await
            .or_incident("wallet")?;
        let held = ledger::balance(&self.db, Account::WithdrawalHold(user))
            .await
            .or_incident("wallet")?;
        let pending_earnings = sqlx::query_as::<_, (i64, i64, i64)>(
            "SELECT order_id, amount_cents, clears_at FROM clearances \
             WHERE seller_id = $1 AND cleared_at IS NULL ORDER BY clears_at LIMIT $2",
        )
        .bind(user)
        .bind(HISTORY)
        .fetch_all(self.db.pool())
        .await
        .or_incident("pending earnings")?
        .into_iter()
        .map(|(order_id, cents, clears_at)| PendingEarning {
            order_id,
            amount: Money::from_cents(cents),
            clears_at,
        })
        .collect();
        let rows = sqlx::query_as::<_, (i64, i64, String, String, i64, Option<i64>, Option<i64>)>(
            "SELECT t.id, t.created_at, t.kind, a.kind, e.amount_cents, t.order_id, t.withdrawal_id \
             FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id \
             JOIN ledger_transactions t ON t.id = e.transaction_id \
             WHERE a.user_id = $1 ORDER BY t.id DESC, e.id DESC LIMIT $2",
        )
        .bind(user)
        .bind(HISTORY)
        .fetch_all(self.db.pool())
        .await
        .or_incident("wallet history")?;
        let history = rows
            .into_iter()
            .filter_map(|(id, at, kind, account, amount, order_id, withdrawal_id)| {
                Some(WalletLine {
                    transaction_id: id,
                    at,
                    kind: TxKind::parse(&kind)?,
                    balance: match account.as_str() {
                        "pending" => Balance::Pending,
                        "withdrawal_hold" => Balance::Held,
                        _ => Balance::Available,
                    },
                    amount: Money::from_cents(amount),
                    order_id,
                    withdrawal_id,
                })
            })
            .collect();
        Ok(Wallet {
            available: Money::from_cents(available),
            pending: Money::from_cents(pending),
            held: Money::from_cents(held),
            pending_earnings,
            withdrawals: withdrawals::list(&self.db, Some(user)).await?,
            history,
        })
    }

    async fn top_up(
        &self,
        user: i64,
        key: &str,
        amount: Money,
        card: &CardInput,
    ) -> Result<Wallet, DomainError> {
        if !key_ok(key) {
            return Err(Refusal::CheckoutKeyInvalid.into());
        }
        let amount_cents = cents(amount)?;
        let checked = self.card(card);
        let mut errors = match &checked {
            Err(DomainError::Invalid(errors)) => errors.clone(),
            _ => Vec::new(),
        };
        if !(MIN_TOP_UP_CENTS..=MAX_TOP_UP_CENTS).contains(&amount_cents) {
            errors.insert(0, FieldError::new("amount", "wallet-amount-out-of-range"));
        }
        if !errors.is_empty() {
            return Err(DomainError::Invalid(errors));
        }
        let card = checked?;
        self.charge_once(user, &format!("top-up:{key}"), amount, &card)
            .await?;
        Ok(self.wallet(user).await?)
    }

    fn is_sandbox(&self) -> bool {
        self.gateway.is_sandbox()
    }

    async fn request_withdrawal(
        &self,
        user: i64,
        request: WithdrawalRequest,
    ) -> Result<Wallet, DomainError> {
        withdrawals::request(&self.db, user, &request, (self.clock)()).await?;
        Ok(self.wallet(user).await?)
    }

    async fn withdrawal_queue(&self) -> Result<Vec<Withdrawal>, StoreError> {
        withdrawals::list(&self.db, None).await
    }

    async fn decide_withdrawal(
        &self,
        id: i64,
        paid: bool,
        reason: &str,
    ) -> Result<(), DomainError> {
        withdrawals::decide(&self.db, id, paid, reason, (self.clock)()).await
    }
}

#[async_trait]
impl OrderStore for SqlPayments {
    async fn checkout(&self, buyer: i64, request: CheckoutRequest) -> Result<Receipt, DomainError> {
        if !key_ok(&request.key) {
            return Err(Refusal::CheckoutKeyInvalid.into());
        }
        // An offer on a request is its service at the offer's terms, without upgrades:
        // its line and its priced service come from one read of the stored offer.
        let (lines, paying_for, offers) = match &request.source {
            CheckoutSource::Offer { id } => {
                let (item, priced, (offer, price, days)) =
                    crate::requests::checkout_line(&self.db, buyer, *id, (self.clock)()).await?;
                (
                    vec![(0, item)],
                    PayingFor::RequestOffer(offer, price, days),
                    priced,
                )
            }
            CheckoutSource::Cart { .. } => {
                let lines = crate::money::cart::stored_lines(&self.db, buyer).await?;
                let service_ids: Vec<i64> = lines.iter().map(|(_, it)| it.service_id).collect();
                let priced = offers(&self.db, &service_ids).await?;
                (lines, PayingFor::Cart, priced)
            }
            CheckoutSource::Now(item) => {
                let priced = offers(&self.db, &[item.service_id]).await?;
                (vec![(0, item.clone())], PayingFor::Now, priced)
            }
        };
        let view = CartView::new(
            lines
                .iter()
                .map(|(id, it)| {
                    price_line(*id, it.clone(), offers.get(&it.service_id), Some(buyer))
                })
                .collect(),
        );
        let fingerprint = match &request.source {
            CheckoutSource::Cart { fingerprint } => fingerprint.clone(),
            CheckoutSource::Now(_) | CheckoutSource::Offer { .. } => view.fingerprint.clone(),
        };
        let charge_key = format!("checkout:{}", request.key);
        let (found, available, mut charged) =
            self.before_paying(buyer, &request.key, &charge_key).await?;
        if let Some(receipt) = self.answer_earlier(buyer, found, &fingerprint).await? {
            return Ok(receipt);
        }
        let plan = plan_checkout(
            &view,
            &fingerprint,
            Money::from_cents(available),
            Money::from_cents(charged),
            request.card.is_some(),
        )?;
        if plan.charge > Money::ZERO {
            if let Some(input) = &request.card {
                let card = self.card(input)?;
                self.charge_once(buyer, &charge_key, plan.charge, &card)
                    .await?;
                charged = self.charged(buyer, &charge_key).await?;
            }
        }
        let paying: Vec<(i64, CartItem, Offer)> = lines
            .into_iter()
            .filter_map(|(id, item)| {
                let offer = offers.get(&item.service_id)?.clone();
                Some((id, item, offer))
            })
            .collect();
        self.pay(
            buyer,
            &request.key,
            &fingerprint,
            &paying,
            paying_for,
            charged,
        )
        .await
    }

    async fn receipt(&self, buyer: i64, checkout_id: i64) -> Result<Receipt, DomainError> {
        // A checkout always placed at least one order: one query reads both.
        let rows = sqlx::query_as::<_, ReceiptRow>(
            "SELECT c.total_cents, c.card_cents, c.created_at, o.id, o.title, u.display_name, \
             o.quantity, o.total_cents, o.delivery_days, o.instructions \
             FROM checkouts c JOIN orders o ON o.checkout_id = c.id \
             JOIN users u ON u.id = o.seller_id \
             WHERE c.id = $1 AND c.buyer_id = $2 ORDER BY o.id",
        )
        .bind(checkout_id)
        .bind(buyer)
        .fetch_all(self.db.pool())
        .await
        .or_incident("receipt")?;
        let Some(&(total, card, created_at, ..)) = rows.first() else {
            return Err(DomainError::NotFound);
        };
        let orders = rows
            .into_iter()
            .map(
                |(_, _, _, id, title, seller_name, quantity, total, days, instructions)| {
                    ReceiptOrder {
                        id,
                        title,
                        seller_name,
                        quantity: u32::try_from(quantity).unwrap_or(1),
                        total: Money::from_cents(total),
                        delivery_days: u32::try_from(days).unwrap_or(1),
                        instructions,
                    }
                },
            )
            .collect();
        Ok(Receipt {
            checkout_id,
            orders,
            total: Money::from_cents(total),
            paid_by_card: Money::from_cents(card),
            created_at,
        })
    }

    async fn purchases(&self, buyer: i64) -> Result<Vec<OrderRow>, StoreError> {
        orders::list(
            &self.db,
            "o.buyer_id = $1",
            "u.id = o.seller_id",
            Some(buyer),
            "o.id DESC",
        )
        .await
    }

    async fn sales(&self, seller: i64) -> Result<Vec<OrderRow>, StoreError> {
        orders::list(
            &self.db,
            "o.seller_id = $1",
            "u.id = o.buyer_id",
            Some(seller),
            "o.id DESC",
        )
        .await
    }

    async fn order(&self, viewer: &SessionUser, id: i64) -> Result<OrderDetail, DomainError> {
        self.orders.detail(actor(viewer), id).await
    }

    async fn act(
        &self,
        viewer: &SessionUser,
        id: i64,
        request: ActionRequest,
    ) -> Result<OrderDetail, DomainError> {
        self.orders.act(actor(viewer), id, request).await?;
        self.orders.detail(actor(viewer), id).await
    }

    async fn message(
        &self,
        viewer: &SessionUser,
        id: i64,
        body: &str,
        files: &[i64],
    ) -> Result<OrderDetail, DomainError> {
        self.orders.message(actor(viewer), id, body, files).await?;
        self.orders.detail(actor(viewer), id).await
    }

    async fn review(
        &self,
        viewer: &SessionUser,
        id: i64,
        request: shared::reviews::ReviewRequest,
    ) -> Result<OrderDetail, DomainError> {
        self.orders.review(actor(viewer), id, request).await?;
        self.orders.detail(actor(viewer), id).await
    }

    async fn disputes(&self) -> Result<Vec<OrderRow>, StoreError> {
        self.orders.disputes().await
    }
}
