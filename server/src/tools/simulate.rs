//! A seeded, replayable simulation of the whole order lifecycle against a real database:
//! checkouts, every action by every kind of asker (the right party, the wrong one, a
//! stranger, an admin), messages, clock jumps with the jobs, clearance, withdrawals paid
//! and rejected. A model built only from the pure rules (`shared::orders::lifecycle`)
//! predicts every answer and every balance; after each step (or every `check_every`
//! steps) the database must agree with it and every ledger invariant must hold.
//!
//! The integration tests run it for many seeds on SQLite and PostgreSQL; a failing seed
//! is printed and replays alone with `SIM_SEED=…`. `khidmat bench lifecycle` runs it at
//! scale.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use shared::card::{CardInput, SANDBOX_CARD_OK};
use shared::cart::CartItem;
use shared::error::{DomainError, Refusal};
use shared::money::Money;
use shared::orders::lifecycle::{
    available_actions, decide, OrderAction, OrderState, Role, Ruling, DAY, HOUR,
};
use shared::orders::{ActionRequest, CheckoutRequest, CheckoutSource};
use shared::ports::{OrderStore, WalletStore};
use shared::wallet::{PayoutMethod, WithdrawalRequest, MIN_WITHDRAWAL_CENTS};

use crate::infra::clock::Clock;
use crate::infra::db::Db;
use crate::money::gateway::Sandbox;
use crate::money::ledger::{balance, broken_invariants, Account};
use crate::money::payments::SqlPayments;
use crate::orders::{Actor, SqlOrders};

const CLEARANCE_SECS: i64 = 7 * DAY;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SimReport {
    pub steps: usize,
    pub orders: usize,
    /// Actions taken, by event, and refusals (predicted and received).
    pub taken: BTreeMap<&'static str, usize>,
    pub refused: usize,
    pub withdrawals: usize,
    pub jobs_runs: usize,
    /// What the jobs did: deliveries accepted, cancellations granted, earnings cleared.
    pub auto_accepted: usize,
    pub auto_cancelled: usize,
    pub cleared: usize,
    pub checks: usize,
    /// Orders still holding escrow when the run ended.
    pub open_at_end: usize,
}

#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
struct Balances {
    available: i64,
    pending: i64,
    held: i64,
}

struct ModelOrder {
    buyer: i64,
    seller: i64,
    state: OrderState,
}

struct Clearance {
    seller: i64,
    cents: i64,
    at: i64,
    done: bool,
}

struct World {
    time: Arc<AtomicI64>,
    payments: SqlPayments,
    orders: SqlOrders,
    db: Db,
    rng: StdRng,
    buyers: Vec<i64>,
    /// (seller, service, price in cents)
    sellers: Vec<(i64, i64, i64)>,
    admin: i64,
    stranger: i64,
    model: BTreeMap<i64, ModelOrder>,
    balances: BTreeMap<i64, Balances>,
    clearances: Vec<Clearance>,
    /// (withdrawal id, user, cents)
    withdrawals: Vec<(i64, i64, i64)>,
    keys: u64,
    seed: u64,
    report: SimReport,
}

fn fail(seed: u64, step: usize, what: impl std::fmt::Display) -> String {
    format!("simulation failed at step {step} (replay with SIM_SEED={seed}): {what}")
}

/// A member with a confirmed email (`name@example.com`), for simulations and tests.
pub async fn user(db: &Db, name: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO users (username, email, first_name, last_name, display_name, \
         email_verified_at, created_at, last_seen_at) VALUES ($1, $2, 'س', 'ع', $3, 1, 1, 1) \
         RETURNING id",
    )
    .bind(name)
    .bind(format!("{name}@example.com"))
    .bind(format!("مستخدم {name}"))
    .fetch_one(db.pool())
    .await
}

async fn category(db: &Db) -> Result<i64, sqlx::Error> {
    if let Some(id) = sqlx::query_scalar::<_, i64>("SELECT id FROM categories ORDER BY id LIMIT 1")
        .fetch_optional(db.pool())
        .await?
    {
        return Ok(id);
    }
    sqlx::query_scalar(
        "INSERT INTO categories (slug, name_ar, name_en) VALUES ('sim', 'محاكاة', 'Simulation') \
         RETURNING id",
    )
    .fetch_one(db.pool())
    .await
}

impl World {
    async fn new(db: &Db, seed: u64) -> Result<World, String> {
        let err = |e: sqlx::Error| e.to_string();
        let tag = format!("{seed:x}{:x}", rand::random::<u32>());
        let category = category(db).await.map_err(err)?;
        let mut rng = StdRng::seed_from_u64(seed);
        let mut buyers = Vec::new();
        for i in 0..3 {
            buyers.push(user(db, &format!("simb{i}{tag}")).await.map_err(err)?);
        }
        let mut sellers = Vec::new();
        for i in 0..2 {
            let seller = user(db, &format!("sims{i}{tag}")).await.map_err(err)?;
            // Services sell in $5 steps; splits (any cent) exercise the rounding.
            let price = 500 * rng.gen_range(1..40i64);
            let service = sqlx::query_scalar::<_, i64>(
                "INSERT INTO services (seller_id, category_id, title, description, instructions, \
                 price_cents, delivery_days, status, created_at, updated_at, published_at) \
                 VALUES ($1, $2, 'خدمة محاكاة', 'وصف', 'تعليمات', $3, $4, 'published', 1, 1, 1) \
                 RETURNING id",
            )
            .bind(seller)
            .bind(category)
            .bind(price)
            .bind(rng.gen_range(1..6i64))
            .fetch_one(db.pool())
            .await
            .map_err(err)?;
            sellers.push((seller, service, price));
        }
        let admin = user(db, &format!("sima{tag}")).await.map_err(err)?;
        let stranger = user(db, &format!("simx{tag}")).await.map_err(err)?;
        let time = Arc::new(AtomicI64::new(crate::infra::clock::now()));
        let clock: Clock = {
            let time = time.clone();
            Arc::new(move || time.load(Ordering::SeqCst))
        };
        let orders = SqlOrders::new(db.clone(), clock.clone(), CLEARANCE_SECS);
        let payments = SqlPayments::new(db.clone(), Arc::new(Sandbox), clock, orders.clone());
        let mut balances = BTreeMap::new();
        for u in buyers.iter().chain(sellers.iter().map(|(s, _, _)| s)) {
            balances.insert(*u, Balances::default());
        }
        Ok(World {
            time,
            payments,
            orders,
            db: db.clone(),
            rng,
            buyers,
            sellers,
            admin,
            stranger,
            model: BTreeMap::new(),
            balances,
            clearances: Vec::new(),
            withdrawals: Vec::new(),
            keys: 0,
            seed,
            report: SimReport::default(),
        })
    }

    fn now(&self) -> i64 {
        self.time.load(Ordering::SeqCst)
    }

    fn key(&mut self) -> String {
        self.keys += 1;
        format!("sim-{:016x}-{:08}", self.seed, self.keys)
    }

    fn settle(&mut self, order: i64, to_buyer: Money, to_seller: Money) {
        let o = &self.model[&order];
        let (buyer, seller) = (o.buyer, o.seller);
        let cents = |m: Money| m.to_cents().unwrap_or(0);
        self.balances.entry(buyer).or_default().available += cents(to_buyer);
        if to_seller > Money::ZERO {
            self.balances.entry(seller).or_default().pending += cents(to_seller);
            self.clearances.push(Clearance {
                seller,
                cents: cents(to_seller),
                at: self.now() + CLEARANCE_SECS,
                done: false,
            });
        }
    }

    async fn checkout(&mut self, step: usize) -> Result<(), String> {
        let buyer = self.buyers[self.rng.gen_range(0..self.buyers.len())];
        let (seller, service, price) = self.sellers[self.rng.gen_range(0..self.sellers.len())];
        let quantity = self.rng.gen_range(1..3u32);
        let total = price * i64::from(quantity);
        let available = self.balances[&buyer].available;
        let card = (available < total).then(|| CardInput {
            number: SANDBOX_CARD_OK.into(),
            expiry: "12/40".into(),
            cvc: "123".into(),
        });
        let key = self.key();
        let receipt = self
            .payments
            .checkout(
                buyer,
                CheckoutRequest {
                    key,
                    source: CheckoutSource::Now(CartItem::new(
                        service,
                        &[],
                        quantity,
                        Money::from_cents(price),
                    )),
                    card,
                },
            )
            .await
            .map_err(|e| fail(self.seed, step, format!("checkout refused: {e:?}")))?;
        let b = self.balances.entry(buyer).or_default();
        b.available += receipt.paid_by_card.to_cents().unwrap_or(0) - total;
        let order = &receipt.orders[0];
        let days = order.delivery_days;
        self.model.insert(
            order.id,
            ModelOrder {
                buyer,
                seller,
                state: OrderState::new(Money::from_cents(total), days),
            },
        );
        self.report.orders += 1;
        Ok(())
    }

    /// A split of any amount from nothing to everything (both ends are refused).
    fn random_split(&mut self, total: Money) -> OrderAction {
        let cents = total.to_cents().unwrap_or(1).max(1);
        OrderAction::Rule(Ruling::Split {
            buyer: Money::from_cents(self.rng.gen_range(0..=cents)),
        })
    }

    fn random_action(&mut self, total: Money) -> OrderAction {
        let offered = OrderAction::offered();
        match self.rng.gen_range(0..10) {
            0 => self.random_split(total),
            _ => offered[self.rng.gen_range(0..offered.len())],
        }
    }

    async fn act(&mut self, step: usize) -> Result<(), String> {
        if self.model.is_empty() {
            return self.checkout(step).await;
        }
        let ids: Vec<i64> = self.model.keys().copied().collect();
        let id = ids[self.rng.gen_range(0..ids.len())];
        let (buyer, seller, state) = {
            let o = &self.model[&id];
            (o.buyer, o.seller, o.state.clone())
        };
        let (actor, role) = match self.rng.gen_range(0..7) {
            0..=2 => (
                Actor::User {
                    id: buyer,
                    admin: false,
                },
                Some(Role::Buyer),
            ),
            3..=4 => (
                Actor::User {
                    id: seller,
                    admin: false,
                },
                Some(Role::Seller),
            ),
            5 => (
                Actor::User {
                    id: self.admin,
                    admin: true,
                },
                Some(Role::Admin),
            ),
            _ => (
                Actor::User {
                    id: self.stranger,
                    admin: false,
                },
                None,
            ),
        };
        // Mostly a step the asker may take now (so orders move through their lives), else
        // anything at all (so refusals are tried in every state).
        let allowed = role
            .map(|r| available_actions(&state, r, self.now()))
            .unwrap_or_default();
        let forward = allowed.iter().copied().find(|a| {
            matches!(
                a,
                OrderAction::SendInstructions | OrderAction::Deliver | OrderAction::Accept
            )
        });
        let action = if let Some(a) = forward.filter(|_| self.rng.gen_bool(0.6)) {
            // Real orders mostly move forward.
            a
        } else if !allowed.is_empty() && self.rng.gen_bool(0.75) {
            match allowed[self.rng.gen_range(0..allowed.len())] {
                OrderAction::Rule(Ruling::Split { .. }) => self.random_split(state.total),
                a => a,
            }
        } else {
            self.random_action(state.total)
        };
        let note = if self.rng.gen_bool(0.9) {
            "ملاحظة"
        } else {
            ""
        };
        // The note is checked first (it says nothing about the order), then who asks.
        let expected = match role {
            _ if action.needs_note() && note.is_empty() => {
                Err(DomainError::field("note", "order-note-required"))
            }
            None => Err(DomainError::NotFound),
            Some(role) => decide(&state, role, action, self.now()).map_err(DomainError::from),
        };
        let got = self
            .orders
            .act(
                actor,
                id,
                ActionRequest {
                    action,
                    note: note.into(),
                    files: Vec::new(),
                },
            )
            .await;
        match (&expected, &got) {
            (Ok(step_taken), Ok(())) => {
                *self
                    .report
                    .taken
                    .entry(step_taken.event.as_str())
                    .or_default() += 1;
                let settlement = step_taken.settlement;
                let next = step_taken.next.clone();
                if let Some(o) = self.model.get_mut(&id) {
                    o.state = next;
                }
                if let Some(s) = settlement {
                    self.settle(id, s.to_buyer, s.to_seller);
                }
            }
            (Err(e), Err(g)) if e == g => self.report.refused += 1,
            _ => {
                return Err(fail(
                    self.seed,
                    step,
                    format!(
                        "order {id}: {action:?} by {role:?} expected {expected:?}, got {got:?}"
                    ),
                ))
            }
        }
        // What the database holds is the model's state.
        let page = self
            .orders
            .detail(
                Actor::User {
                    id: buyer,
                    admin: false,
                },
                id,
            )
            .await
            .map_err(|e| fail(self.seed, step, format!("{e:?}")))?;
        if page.state != self.model[&id].state {
            return Err(fail(
                self.seed,
                step,
                format!(
                    "order {id}: stored {:?}, model {:?}",
                    page.state, self.model[&id].state
                ),
            ));
        }
        Ok(())
    }

    async fn jump(&mut self, step: usize) -> Result<(), String> {
        let secs = self.rng.gen_range(0..4 * DAY) + self.rng.gen_range(0..HOUR);
        self.jump_by(step, secs).await
    }

    /// Moves the clock by `secs` and runs the jobs, which must do what the model predicts.
    async fn jump_by(&mut self, step: usize, secs: i64) -> Result<(), String> {
        self.time.fetch_add(secs, Ordering::SeqCst);
        let now = self.now();
        let (mut accepted, mut cancelled) = (0, 0);
        let ids: Vec<i64> = self.model.keys().copied().collect();
        for id in ids {
            let state = self.model[&id].state.clone();
            for action in [OrderAction::AutoAccept, OrderAction::AutoCancel] {
                if let Ok(s) = decide(&state, Role::System, action, now) {
                    if let Some(o) = self.model.get_mut(&id) {
                        o.state = s.next;
                    }
                    if let Some(settlement) = s.settlement {
                        self.settle(id, settlement.to_buyer, settlement.to_seller);
                    }
                    if action == OrderAction::AutoAccept {
                        accepted += 1;
                    } else {
                        cancelled += 1;
                    }
                }
            }
        }
        let report = self
            .orders
            .run_jobs()
            .await
            .map_err(|e| fail(self.seed, step, format!("jobs: {e:?}")))?;
        self.report.jobs_runs += 1;
        self.report.auto_accepted += report.auto_accepted;
        self.report.auto_cancelled += report.auto_cancelled;
        self.report.cleared += report.cleared;
        let mut cleared = 0;
        for c in self
            .clearances
            .iter_mut()
            .filter(|c| !c.done && c.at <= now)
        {
            c.done = true;
            cleared += 1;
            let b = self.balances.entry(c.seller).or_default();
            b.pending -= c.cents;
            b.available += c.cents;
        }
        if (report.auto_accepted, report.auto_cancelled, report.cleared)
            != (accepted, cancelled, cleared)
        {
            return Err(fail(
                self.seed,
                step,
                format!(
                    "jobs did {report:?} at {now}, model expected ({accepted}, {cancelled}, {cleared}); \
                     model: {:?}",
                    self.model.iter().map(|(id, o)| (id, &o.state)).collect::<Vec<_>>()
                ),
            ));
        }
        Ok(())
    }

    async fn withdraw(&mut self, step: usize) -> Result<(), String> {
        // Decide a pending one, or ask for a new one.
        if !self.withdrawals.is_empty() && self.rng.gen_bool(0.5) {
            let i = self.rng.gen_range(0..self.withdrawals.len());
            let (id, user, cents) = self.withdrawals.swap_remove(i);
            let paid = self.rng.gen_bool(0.6);
            let reason = if paid {
                ""
            } else {
                "بيانات الحساب غير مطابقة"
            };
            self.payments
                .decide_withdrawal(id, paid, reason)
                .await
                .map_err(|e| fail(self.seed, step, format!("withdrawal decision: {e:?}")))?;
            let again = self.payments.decide_withdrawal(id, true, "").await;
            if again != Err(Refusal::WithdrawalDecided.into()) {
                return Err(fail(self.seed, step, format!("decided twice: {again:?}")));
            }
            let b = self.balances.entry(user).or_default();
            b.held -= cents;
            if !paid {
                b.available += cents;
            }
            self.report.withdrawals += 1;
            return Ok(());
        }
        let (seller, _, _) = self.sellers[self.rng.gen_range(0..self.sellers.len())];
        let available = self.balances[&seller].available;
        let cents = self
            .rng
            .gen_range(0..=available.max(MIN_WITHDRAWAL_CENTS) + 500);
        let request = WithdrawalRequest {
            amount: Money::from_cents(cents).amount().to_string(),
            method: PayoutMethod::PayPal {
                email: "seller@sim.test".into(),
            },
        };
        let got = self.payments.request_withdrawal(seller, request).await;
        let expected_ok = cents >= MIN_WITHDRAWAL_CENTS && cents <= available;
        match got {
            Ok(wallet) if expected_ok => {
                let id = wallet.withdrawals[0].id;
                self.withdrawals.push((id, seller, cents));
                let b = self.balances.entry(seller).or_default();
                b.available -= cents;
                b.held += cents;
            }
            Err(_) if !expected_ok => self.report.refused += 1,
            other => {
                return Err(fail(
                    self.seed,
                    step,
                    format!("withdrawal of {cents} from {available}: {other:?}"),
                ))
            }
        }
        Ok(())
    }

    async fn message(&mut self, step: usize) -> Result<(), String> {
        let Some((&id, o)) = self.model.iter().next() else {
            return Ok(());
        };
        let (buyer, stranger) = (o.buyer, self.stranger);
        let ok = self
            .orders
            .message(
                Actor::User {
                    id: buyer,
                    admin: false,
                },
                id,
                "مرحبًا",
                &[],
            )
            .await;
        let refused = self
            .orders
            .message(
                Actor::User {
                    id: stranger,
                    admin: false,
                },
                id,
                "مرحبًا",
                &[],
            )
            .await;
        if ok.is_err() || refused != Err(DomainError::NotFound) {
            return Err(fail(
                self.seed,
                step,
                format!("messages: {ok:?} {refused:?}"),
            ));
        }
        Ok(())
    }

    async fn check(&mut self, step: usize) -> Result<(), String> {
        self.report.checks += 1;
        let broken = broken_invariants(&self.db)
            .await
            .map_err(|e| fail(self.seed, step, e))?;
        if !broken.is_empty() {
            return Err(fail(self.seed, step, format!("{broken:?}")));
        }
        for (&user, expected) in &self.balances {
            let read = |a| balance(&self.db, a);
            let got = Balances {
                available: read(Account::Available(user))
                    .await
                    .map_err(|e| e.to_string())?,
                pending: read(Account::Pending(user))
                    .await
                    .map_err(|e| e.to_string())?,
                held: read(Account::WithdrawalHold(user))
                    .await
                    .map_err(|e| e.to_string())?,
            };
            if got != *expected {
                return Err(fail(
                    self.seed,
                    step,
                    format!("user {user}: database {got:?}, model {expected:?}"),
                ));
            }
        }
        Ok(())
    }
}

/// Runs `steps` random steps from `seed`, checking everything every `check_every` steps
/// (1 = after each) and at the end.
pub async fn run(
    db: &Db,
    seed: u64,
    steps: usize,
    check_every: usize,
) -> Result<SimReport, String> {
    let mut w = World::new(db, seed).await?;
    for step in 1..=steps {
        match w.rng.gen_range(0..20) {
            0..=3 => w.checkout(step).await?,
            4..=14 => w.act(step).await?,
            15..=16 => w.jump(step).await?,
            17..=18 => w.withdraw(step).await?,
            _ => w.message(step).await?,
        }
        w.report.steps = step;
        if step % check_every.max(1) == 0 {
            w.check(step).await?;
        }
    }
    // Leave nothing for the jobs of a later run on the same database: deliveries and
    // cancellation requests are answered by time, and every earning clears.
    w.jump_by(steps, 4 * DAY).await?;
    w.jump_by(steps, CLEARANCE_SECS + DAY).await?;
    w.check(steps).await?;
    w.report.open_at_end = w
        .model
        .values()
        .filter(|o| o.state.status.holds_escrow())
        .count();
    Ok(w.report)
}
