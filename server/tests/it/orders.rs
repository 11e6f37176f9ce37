//! The order lifecycle against real SQLite and PostgreSQL: every transition with its
//! money, refusals that write nothing, races that pay once, the jobs, withdrawals, and
//! the ledger invariants after every test.

use crate::common::shop::{assert_invariants, card, shop, Shop};
use crate::common::web::{path, register, site, site_with, Browser, Site};
use crate::common::{databases, TestDb};
use app::api::orders::{GetOrder, OrderAction as OrderActionFn};
use axum::http::StatusCode;
use serde_json::json;
use server::money::ledger::{balance, Account};
use server::orders::Actor;
use shared::card::SANDBOX_CARD_OK;
use shared::cart::CartItem;
use shared::error::{DomainError, Refusal};
use shared::money::Money;
use shared::orders::lifecycle::{OrderAction, Ruling, AUTO_ACCEPT_SECS, CANCEL_ANSWER_SECS, DAY};
use shared::orders::{ActionRequest, CheckoutRequest, CheckoutSource, OrderStatus};
use shared::wallet::{PayoutMethod, WithdrawalRequest};

pub(crate) const BUYER: fn(&Shop) -> Actor = |s| Actor::User {
    id: s.buyer,
    admin: false,
};
pub(crate) const SELLER: fn(&Shop) -> Actor = |s| Actor::User {
    id: s.seller,
    admin: false,
};
pub(crate) const STRANGER: fn(&Shop) -> Actor = |s| Actor::User {
    id: s.other,
    admin: false,
};
/// An admin who is no party to the order (the stranger, promoted).
pub(crate) const ADMIN: fn(&Shop) -> Actor = |s| Actor::User {
    id: s.other,
    admin: true,
};

fn req(action: OrderAction, note: &str) -> ActionRequest {
    ActionRequest {
        action,
        note: note.into(),
        files: Vec::new(),
    }
}

/// The buyer tops up and buys the $25 service (3 days); returns the order's id.
pub(crate) async fn order(s: &Site, shop: &Shop, n: u32) -> i64 {
    s.state
        .wallets
        .top_up(
            shop.buyer,
            &format!("top-up-key-{n:08}"),
            Money::from_dollars(25),
            &card(SANDBOX_CARD_OK),
        )
        .await
        .unwrap();
    let receipt = s
        .state
        .orders
        .checkout(
            shop.buyer,
            CheckoutRequest {
                key: format!("checkout-key-{n:08}"),
                source: CheckoutSource::Now(CartItem::new(
                    shop.service,
                    &[],
                    1,
                    Money::from_cents(2500),
                )),
                card: None,
            },
        )
        .await
        .unwrap();
    receipt.orders[0].id
}

/// An order whose buyer has sent the instructions.
pub(crate) async fn started(s: &Site, shop: &Shop, n: u32) -> i64 {
    let id = order(s, shop, n).await;
    act(s, BUYER(shop), id, OrderAction::SendInstructions, "تعليمات")
        .await
        .unwrap();
    id
}

/// An order the seller has delivered.
pub(crate) async fn delivered(s: &Site, shop: &Shop, n: u32) -> i64 {
    let id = started(s, shop, n).await;
    act(s, SELLER(shop), id, OrderAction::Deliver, "تسليم")
        .await
        .unwrap();
    id
}

pub(crate) async fn act(
    s: &Site,
    who: Actor,
    id: i64,
    action: OrderAction,
    note: &str,
) -> Result<(), DomainError> {
    s.state.order_flow.act(who, id, req(action, note)).await
}

async fn status(t: &TestDb, id: i64) -> OrderStatus {
    let s: String = sqlx::query_scalar("SELECT status FROM orders WHERE id = $1")
        .bind(id)
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    OrderStatus::parse(&s).unwrap()
}

async fn cents(t: &TestDb, account: Account) -> i64 {
    balance(&t.db, account).await.unwrap()
}

/// Rows in the tables an action writes: nothing may change when one is refused.
pub(crate) async fn footprint(t: &TestDb) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in [
        "order_events",
        "ledger_transactions",
        "clearances",
        "withdrawals",
    ] {
        counts.push(
            sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(t.db.pool())
                .await
                .unwrap(),
        );
    }
    counts
}

pub(crate) async fn each(test: impl AsyncFn(&TestDb, &Site, Shop)) {
    for t in databases().await {
        let s = site(&t).await;
        let shop = shop(&t, "").await;
        test(&t, &s, shop).await;
        assert_invariants(&t).await;
        t.cleanup().await;
    }
}

#[tokio::test]
async fn an_order_from_instructions_to_a_paid_withdrawal() {
    each(async |t, s, shop| {
        let id = order(s, &shop, 1).await;
        let (buyer, seller) = (BUYER(&shop), SELLER(&shop));
        act(
            s,
            buyer,
            id,
            OrderAction::SendInstructions,
            "الاسم: مقهى الريف، الألوان: أخضر",
        )
        .await
        .unwrap();
        let started = s.clock.0.load(std::sync::atomic::Ordering::SeqCst);
        act(s, seller, id, OrderAction::Deliver, "الشعار بثلاث صيغ")
            .await
            .unwrap();
        assert_eq!(
            act(s, buyer, id, OrderAction::RequestChanges, "  ").await,
            Err(DomainError::field("note", "order-note-required"))
        );
        act(s, buyer, id, OrderAction::RequestChanges, "كبّر الخط قليلًا")
            .await
            .unwrap();
        assert_eq!(status(t, id).await, OrderStatus::InProgress);
        act(s, seller, id, OrderAction::Deliver, "النسخة المعدّلة")
            .await
            .unwrap();
        act(s, buyer, id, OrderAction::Accept, "").await.unwrap();
        assert_invariants(t).await;
        // 80% pending for the seller, 20% to the platform, nothing left in escrow.
        assert_eq!(
            cents(t, Account::Pending(shop.seller)).await,
            2000,
            "{}",
            t.backend
        );
        assert_eq!(cents(t, Account::PlatformRevenue).await, 500);
        assert_eq!(cents(t, Account::Escrow(id)).await, 0);
        let orders_count: i64 =
            sqlx::query_scalar("SELECT orders_count FROM services WHERE id = $1")
                .bind(shop.service)
                .fetch_one(t.db.pool())
                .await
                .unwrap();
        assert_eq!(orders_count, 1);
        let completed: i64 = sqlx::query_scalar("SELECT completed_orders FROM users WHERE id = $1")
            .bind(shop.seller)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(completed, 1);
        let page = s.state.order_flow.detail(seller, id).await.unwrap();
        assert_eq!(page.state.deadline, Some(started + 3 * DAY));
        let events: Vec<_> = page.timeline.iter().map(|e| e.event.as_str()).collect();
        assert_eq!(
            events,
            [
                "placed",
                "instructions",
                "delivered",
                "changes_requested",
                "delivered",
                "accepted"
            ]
        );
        assert!(page.actions.is_empty());
        // The wallet shows the pending earnings with their date; 7 days later they clear.
        let wallet = s.state.wallets.wallet(shop.seller).await.unwrap();
        assert_eq!(wallet.pending_earnings.len(), 1);
        assert_eq!(
            wallet.pending_earnings[0].clears_at,
            s.state.order_flow.now() + 7 * DAY
        );
        s.clock.advance(7 * DAY - 1);
        assert_eq!(s.state.order_flow.run_jobs().await.unwrap().cleared, 0);
        s.clock.advance(1);
        let report = s.state.order_flow.run_jobs().await.unwrap();
        assert_eq!((report.cleared, report.cleared_cents), (1, 2000));
        assert_eq!(cents(t, Account::Available(shop.seller)).await, 2000);
        assert_eq!(cents(t, Account::Pending(shop.seller)).await, 0);
        // Withdrawals: more than available is refused and writes nothing; $15 is held, then paid.
        let paypal = |amount: &str| WithdrawalRequest {
            amount: amount.into(),
            method: PayoutMethod::PayPal {
                email: "seller@example.com".into(),
            },
        };
        let before = footprint(t).await;
        assert_eq!(
            s.state
                .wallets
                .request_withdrawal(shop.seller, paypal("20.01"))
                .await,
            Err(Refusal::WithdrawalInsufficient.into())
        );
        assert_eq!(footprint(t).await, before);
        let wallet = s
            .state
            .wallets
            .request_withdrawal(shop.seller, paypal("15"))
            .await
            .unwrap();
        assert_eq!(
            (wallet.available, wallet.held),
            (Money::from_dollars(5), Money::from_dollars(15))
        );
        assert_invariants(t).await;
        let queue = s.state.wallets.withdrawal_queue().await.unwrap();
        assert_eq!(queue.len(), 1);
        s.state
            .wallets
            .decide_withdrawal(queue[0].id, true, "")
            .await
            .unwrap();
        assert_eq!(
            s.state
                .wallets
                .decide_withdrawal(queue[0].id, false, "مكرر")
                .await,
            Err(Refusal::WithdrawalDecided.into())
        );
        assert_eq!(cents(t, Account::Payouts).await, 1500);
        assert_eq!(cents(t, Account::WithdrawalHold(shop.seller)).await, 0);
        // A rejected withdrawal comes back to available.
        s.state
            .wallets
            .request_withdrawal(shop.seller, paypal("5"))
            .await
            .ok();
        let w = s
            .state
            .wallets
            .request_withdrawal(shop.seller, paypal("10"))
            .await;
        assert_eq!(
            w,
            Err(Refusal::WithdrawalInsufficient.into()),
            "$5 is below the minimum"
        );
        let bank = WithdrawalRequest {
            amount: "10".into(),
            method: PayoutMethod::Bank {
                iban: "SA03 8000 0000 6080 1016 7518".into(),
                holder: "متجر".into(),
            },
        };
        let before = footprint(t).await;
        assert!(matches!(
            s.state.wallets.request_withdrawal(shop.seller, bank).await,
            Err(DomainError::Invalid(_))
        ));
        assert_eq!(footprint(t).await, before);
    })
    .await;
}

#[tokio::test]
async fn only_the_right_party_acts_and_a_refusal_writes_nothing() {
    each(async |t, s, shop| {
        let id = order(s, &shop, 1).await;
        let all = OrderAction::offered();
        // Awaiting instructions: the seller cannot start, the buyer cannot deliver, a
        // stranger is told there is no such order, an admin cannot take a party's step.
        let before = footprint(t).await;
        for action in all {
            let stranger = act(s, STRANGER(&shop), id, action, "ملاحظة").await;
            assert_eq!(stranger, Err(DomainError::NotFound), "{action:?}");
            let admin = act(s, ADMIN(&shop), id, action, "ملاحظة").await;
            assert!(admin.is_err(), "admin did {action:?}");
        }
        for (who, action) in [
            (SELLER(&shop), OrderAction::SendInstructions),
            (BUYER(&shop), OrderAction::Deliver),
            (BUYER(&shop), OrderAction::Accept),
            (BUYER(&shop), OrderAction::CancelLate),
            (SELLER(&shop), OrderAction::AnswerCancel { agree: true }),
            (BUYER(&shop), OrderAction::Report),
            (BUYER(&shop), OrderAction::Decline),
        ] {
            assert!(
                act(s, who, id, action, "ملاحظة").await.is_err(),
                "{action:?}"
            );
        }
        assert_eq!(
            s.state
                .order_flow
                .message(STRANGER(&shop), id, "مرحبا", &[])
                .await,
            Err(DomainError::NotFound)
        );
        // Contact details in a message or in an action's note: refused with what was
        // found, nothing stored.
        assert_eq!(
            s.state
                .order_flow
                .message(SELLER(&shop), id, "واتس ٠٥٥١٢٣٤٥٦٧", &[])
                .await,
            Err(DomainError::field("note", "contact-phone"))
        );
        assert_eq!(
            act(
                s,
                BUYER(&shop),
                id,
                OrderAction::SendInstructions,
                "التفاصيل على ahmad at gmail dot com",
            )
            .await,
            Err(DomainError::field("note", "contact-email"))
        );
        assert_eq!(footprint(t).await, before, "{}", t.backend);
        assert_eq!(status(t, id).await, OrderStatus::AwaitingInstructions);
        // Late: only after the deadline may the buyer cancel alone; the refund is whole.
        act(
            s,
            BUYER(&shop),
            id,
            OrderAction::SendInstructions,
            "تعليمات",
        )
        .await
        .unwrap();
        assert_eq!(
            act(s, BUYER(&shop), id, OrderAction::CancelLate, "").await,
            Err(Refusal::OrderNotLate.into())
        );
        s.clock.advance(3 * DAY + 1);
        act(s, BUYER(&shop), id, OrderAction::CancelLate, "")
            .await
            .unwrap();
        assert_eq!(cents(t, Account::Available(shop.buyer)).await, 2500);
        assert_eq!(status(t, id).await, OrderStatus::Cancelled);
        let before = footprint(t).await;
        for action in all {
            for who in [BUYER(&shop), SELLER(&shop), ADMIN(&shop)] {
                assert!(act(s, who, id, action, "ملاحظة").await.is_err());
            }
        }
        assert_eq!(footprint(t).await, before);
    })
    .await;
}

/// Three signed-in browsers (`<tag>buyer`, `<tag>seller`, `<tag>stranger`) and a $25
/// service of the seller's, for the tests over HTTP.
pub(crate) async fn signed_in_parties(
    s: &Site,
    t: &TestDb,
    tag: &str,
) -> (Browser, Browser, Browser, Shop) {
    let mut browsers = Vec::new();
    for role in ["buyer", "seller", "stranger"] {
        let mut b = Browser::new(s);
        register(&mut b, &format!("{tag}{role}")).await;
        browsers.push(b);
    }
    let id = |role: &'static str| {
        let name = format!("{tag}{role}");
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE username = $1")
                .bind(name)
                .fetch_one(t.db.pool())
                .await
                .unwrap()
        }
    };
    let (buyer, seller) = (id("buyer").await, id("seller").await);
    let category = crate::common::categories(t).await;
    let service = crate::common::shop::service(t, seller, category, 2500, 3).await;
    let shop = Shop {
        buyer,
        seller,
        other: seller,
        service,
        upgrades: [0, 0],
        cheap: service,
    };
    let mut browsers = browsers.into_iter();
    let mut next = || browsers.next().expect("three browsers");
    (next(), next(), next(), shop)
}

#[tokio::test]
async fn the_order_page_over_http_is_for_the_parties_only() {
    for t in databases().await {
        let s = site(&t).await;
        let (mut buyer, mut seller, mut stranger, shop) = signed_in_parties(&s, &t, "order").await;
        let id = order(&s, &shop, 7).await;
        let args = [("id", id.to_string())];
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            buyer.call(path::<GetOrder>(), &args).await.status,
            StatusCode::OK
        );
        assert_eq!(
            stranger.call(path::<GetOrder>(), &args).await.status,
            StatusCode::NOT_FOUND
        );
        let mut visitor = Browser::new(&s);
        assert_eq!(
            visitor.call(path::<GetOrder>(), &args).await.status,
            StatusCode::UNAUTHORIZED
        );
        let step =
            |action: &str| json!({"id": id, "request": {"action": action, "note": "تعليمات"}});
        assert_eq!(
            visitor
                .call_json(path::<OrderActionFn>(), step("SendInstructions"))
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            stranger
                .call_json(path::<OrderActionFn>(), step("SendInstructions"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let refused = seller
            .call_json(path::<OrderActionFn>(), step("SendInstructions"))
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
        assert!(refused.refused(Refusal::OrderNotYours), "{}", refused.body);
        let ok = buyer
            .call_json(path::<OrderActionFn>(), step("SendInstructions"))
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        assert!(ok.body.contains("InProgress"));
        assert_invariants(&t).await;
        t.cleanup().await;
    }
}

#[tokio::test]
async fn conflicting_actions_at_once_move_the_money_once() {
    each(async |t, s, shop| {
        // The buyer accepts five times while the auto-accept job runs twice.
        let id = delivered(s, &shop, 1).await;
        s.clock.advance(AUTO_ACCEPT_SECS);
        let flow = &s.state.order_flow;
        let accepts = (0..5).map(|_| act(s, BUYER(&shop), id, OrderAction::Accept, ""));
        let (results, jobs) = tokio::join!(
            futures::future::join_all(accepts),
            futures::future::join(flow.run_jobs(), flow.run_jobs())
        );
        let accepted = results.iter().filter(|r| r.is_ok()).count();
        let auto = jobs.0.unwrap().auto_accepted + jobs.1.unwrap().auto_accepted;
        assert_eq!(accepted + auto, 1, "{}", t.backend);
        assert_eq!(cents(t, Account::Pending(shop.seller)).await, 2000);

        // Late: the buyer cancels while the seller delivers; one of them wins.
        let id = started(s, &shop, 2).await;
        s.clock.advance(3 * DAY + 1);
        let (cancel, deliver) = tokio::join!(
            act(s, BUYER(&shop), id, OrderAction::CancelLate, ""),
            act(s, SELLER(&shop), id, OrderAction::Deliver, "تسليم")
        );
        assert!(cancel.is_ok() != deliver.is_ok(), "{cancel:?} {deliver:?}");
        assert_invariants(t).await;
    })
    .await;
}

#[tokio::test]
async fn two_job_runners_act_on_each_order_once() {
    each(async |t, s, shop| {
        let mut ids = Vec::new();
        for n in 0..6 {
            let id = order(s, &shop, n).await;
            act(
                s,
                BUYER(&shop),
                id,
                OrderAction::SendInstructions,
                "تعليمات",
            )
            .await
            .unwrap();
            if n % 2 == 0 {
                act(s, SELLER(&shop), id, OrderAction::Deliver, "تسليم")
                    .await
                    .unwrap();
            } else {
                act(s, SELLER(&shop), id, OrderAction::AskCancel, "")
                    .await
                    .unwrap();
            }
            ids.push(id);
        }
        s.clock.advance(AUTO_ACCEPT_SECS.max(CANCEL_ANSWER_SECS));
        let flow = &s.state.order_flow;
        let (a, b) = tokio::join!(flow.run_jobs(), flow.run_jobs());
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.auto_accepted + b.auto_accepted, 3, "{}", t.backend);
        assert_eq!(a.auto_cancelled + b.auto_cancelled, 3);
        assert_eq!(cents(t, Account::Pending(shop.seller)).await, 3 * 2000);
        assert_eq!(cents(t, Account::Available(shop.buyer)).await, 3 * 2500);
        // Clearance: two runners, each earning cleared once.
        s.clock.advance(7 * DAY);
        let (a, b) = tokio::join!(flow.run_jobs(), flow.run_jobs());
        assert_eq!(a.unwrap().cleared + b.unwrap().cleared, 3);
        assert_eq!(cents(t, Account::Available(shop.seller)).await, 3 * 2000);
        let page = flow.detail(BUYER(&shop), ids[0]).await.unwrap();
        assert_eq!(
            page.timeline.last().unwrap().event.as_str(),
            "auto_accepted"
        );
    })
    .await;
}

#[tokio::test]
async fn an_admin_rules_on_a_dispute_and_a_split_adds_up() {
    each(async |t, s, shop| {
        let id = delivered(s, &shop, 1).await;
        assert_eq!(
            act(s, SELLER(&shop), id, OrderAction::Report, "").await,
            Err(DomainError::field("note", "order-note-required"))
        );
        act(
            s,
            BUYER(&shop),
            id,
            OrderAction::Report,
            "التسليم لا يطابق الوصف",
        )
        .await
        .unwrap();
        assert_eq!(s.state.order_flow.disputes().await.unwrap().len(), 1);
        // The job does not auto-accept a disputed order.
        s.clock.advance(AUTO_ACCEPT_SECS * 2);
        assert_eq!(
            s.state.order_flow.run_jobs().await.unwrap().auto_accepted,
            0
        );
        let split = |c: i64| {
            OrderAction::Rule(Ruling::Split {
                buyer: Money::from_cents(c),
            })
        };
        assert_eq!(
            act(s, ADMIN(&shop), id, split(2500), "").await,
            Err(Refusal::OrderSplitInvalid.into())
        );
        assert_eq!(
            act(s, BUYER(&shop), id, split(1000), "").await,
            Err(Refusal::OrderNotYours.into())
        );
        // $10.01 back to the buyer; the seller's $14.99 less 20% ($3.00 half-even).
        act(s, ADMIN(&shop), id, split(1001), "نصف العمل مسلّم")
            .await
            .unwrap();
        assert_eq!(
            cents(t, Account::Available(shop.buyer)).await,
            1001,
            "{}",
            t.backend
        );
        assert_eq!(cents(t, Account::Pending(shop.seller)).await, 1199);
        assert_eq!(cents(t, Account::PlatformRevenue).await, 300);
        assert_eq!(status(t, id).await, OrderStatus::Completed);
        assert!(s.state.order_flow.disputes().await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn production_refuses_the_sandbox_and_has_no_dev_routes() {
    let mut config = server::infra::config::Config::development("sqlite::memory:", "m".into());
    config.production = true;
    assert_eq!(
        config.check(),
        Err(server::infra::config::ConfigError::SandboxInProduction)
    );
    config.sandbox_payments = true;
    assert_eq!(config.check(), Ok(()));
    for t in databases().await {
        let s = site_with(&t, |c| c.production = true).await;
        let mut b = Browser::new(&s);
        assert_eq!(b.get("/dev/outbox").await.status, StatusCode::NOT_FOUND);
        let clock = b.post_form("/dev/clock").await;
        assert_ne!(clock.status, StatusCode::OK);
        let dev = site(&t).await;
        let mut b = Browser::new(&dev);
        assert_eq!(b.get("/dev/outbox").await.status, StatusCode::OK);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_deleted_service_leaves_the_catalog_and_carts_but_its_orders_stay() {
    each(async |t, s, shop| {
        let id = order(s, &shop, 1).await;
        let item = s
            .state
            .carts
            .choose(Some(shop.other), shop.service, &[], 1)
            .await
            .unwrap();
        s.state.carts.add(shop.other, item).await.unwrap();
        // Only its seller can delete it.
        assert_eq!(
            s.state.selling.archive(shop.other, shop.service).await,
            Err(DomainError::NotFound)
        );
        s.state
            .selling
            .archive(shop.seller, shop.service)
            .await
            .unwrap();
        assert_eq!(s.state.catalog.service(shop.service).await.unwrap(), None);
        assert!(s
            .state
            .selling
            .my_services(shop.seller)
            .await
            .unwrap()
            .iter()
            .all(|m| m.id != shop.service));
        assert_eq!(
            s.state
                .selling
                .set_paused(shop.seller, shop.service, false)
                .await,
            Err(DomainError::NotFound),
            "a deleted service cannot come back"
        );
        let lines = s.state.carts.lines(shop.other).await.unwrap();
        let view = s.state.carts.view(Some(shop.other), lines).await.unwrap();
        assert_eq!(
            view.lines[0].problem,
            Some(shared::cart::LineProblem::Unavailable),
            "{}",
            t.backend
        );
        // The order keeps its snapshot and its lifecycle.
        let page = s.state.order_flow.detail(BUYER(&shop), id).await.unwrap();
        assert_eq!(page.title, "تصميم شعار احترافي");
        act(
            s,
            BUYER(&shop),
            id,
            OrderAction::SendInstructions,
            "تعليمات",
        )
        .await
        .unwrap();
    })
    .await;
}
