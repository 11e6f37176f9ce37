//! Cart, wallet, checkout and the ledger against real SQLite and PostgreSQL: exact money,
//! idempotency, concurrency, and the ledger invariants after every test.

use std::collections::HashSet;

use crate::common::shop::{assert_invariants, card, shop, Shop};
use crate::common::web::{path, register, site, Browser, Site};
use crate::common::{databases, TestDb};
use app::api::cart::{AddToCart, GetCart, RemoveCartLine, UpdateCartLine};
use app::api::orders::{Checkout, GetPurchases, GetReceipt, GetWallet, TopUp};
use axum::http::StatusCode;
use serde_json::{json, Value};
use server::money::ledger::{balance, Account};
use shared::card::{CardInput, SANDBOX_CARD_DECLINED, SANDBOX_CARD_NETWORK_ERROR, SANDBOX_CARD_OK};
use shared::cart::{CartItem, LineProblem};
use shared::error::{DomainError, Refusal};
use shared::money::Money;
use shared::orders::{CheckoutRequest, CheckoutSource, OrderStatus, Receipt};
use shared::wallet::TxKind;

fn key(n: usize) -> String {
    format!("test-key-{n:012}")
}

async fn top_up(s: &Site, user: i64, dollars: i64, k: &str) {
    s.state
        .wallets
        .top_up(
            user,
            k,
            Money::from_dollars(dollars),
            &card(SANDBOX_CARD_OK),
        )
        .await
        .unwrap();
}

async fn available(t: &TestDb, user: i64) -> i64 {
    balance(&t.db, Account::Available(user)).await.unwrap()
}

async fn count(t: &TestDb, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(t.db.pool())
        .await
        .unwrap()
}

async fn add(s: &Site, user: i64, service: i64, upgrades: &[i64], qty: u32) {
    let item = s
        .state
        .carts
        .choose(Some(user), service, upgrades, qty)
        .await
        .unwrap();
    s.state.carts.add(user, item).await.unwrap();
}

async fn cart_checkout(
    s: &Site,
    user: i64,
    k: &str,
    card: Option<CardInput>,
) -> Result<Receipt, DomainError> {
    let lines = s.state.carts.lines(user).await.unwrap();
    let view = s.state.carts.view(Some(user), lines).await.unwrap();
    s.state
        .orders
        .checkout(
            user,
            CheckoutRequest {
                key: k.into(),
                source: CheckoutSource::Cart {
                    fingerprint: view.fingerprint,
                },
                card,
            },
        )
        .await
}

fn now_item(service: i64, upgrades: &[i64], qty: u32, unit_cents: i64) -> CheckoutSource {
    CheckoutSource::Now(CartItem::new(
        service,
        upgrades,
        qty,
        Money::from_cents(unit_cents),
    ))
}

async fn each(test: impl AsyncFn(&TestDb, &Site, Shop)) {
    for t in databases().await {
        let s = site(&t).await;
        let shop = shop(&t, "").await;
        test(&t, &s, shop).await;
        assert_invariants(&t).await;
        t.cleanup().await;
    }
}

#[tokio::test]
async fn checkout_pays_every_line_into_escrow_in_one_go() {
    each(async |t, s, shop| {
        // $25 + $10 upgrade, twice = $70; and the $5 service = $75 in all.
        add(s, shop.buyer, shop.service, &[shop.upgrades[0]], 2).await;
        add(s, shop.buyer, shop.cheap, &[], 1).await;
        let view = s
            .state
            .carts
            .view(
                Some(shop.buyer),
                s.state.carts.lines(shop.buyer).await.unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(view.total, Money::from_dollars(75));
        assert_eq!(view.lines[0].quote.unwrap().delivery_days, 4);
        top_up(s, shop.buyer, 100, &key(1)).await;
        let receipt = cart_checkout(s, shop.buyer, &key(2), None).await.unwrap();
        assert_eq!(receipt.orders.len(), 2, "{}", t.backend);
        assert_eq!(receipt.total, Money::from_dollars(75));
        assert_eq!(receipt.paid_by_card, Money::ZERO);
        assert_eq!(receipt.orders[0].instructions, "أرسل اسم نشاطك والألوان");
        assert_eq!(available(t, shop.buyer).await, 2500);
        for (order, cents) in receipt.orders.iter().zip([7000, 500]) {
            assert_eq!(
                balance(&t.db, Account::Escrow(order.id)).await.unwrap(),
                cents
            );
        }
        assert!(s.state.carts.lines(shop.buyer).await.unwrap().is_empty());
        // Lists: the buyer's purchases, each seller's sales, nobody else's.
        let purchases = s.state.orders.purchases(shop.buyer).await.unwrap();
        assert_eq!(purchases.len(), 2);
        assert!(purchases
            .iter()
            .all(|o| o.status == OrderStatus::AwaitingInstructions));
        let sales = s.state.orders.sales(shop.seller).await.unwrap();
        assert_eq!(sales.len(), 1);
        assert_eq!(sales[0].upgrades.len(), 1);
        assert_eq!(sales[0].quantity, 2);
        assert_eq!(sales[0].total, Money::from_dollars(70));
        assert!(s
            .state
            .orders
            .purchases(shop.seller)
            .await
            .unwrap()
            .is_empty());
        // The wallet explains every cent: +100, −70, −5.
        let wallet = s.state.wallets.wallet(shop.buyer).await.unwrap();
        let lines: Vec<(TxKind, i64)> = wallet
            .history
            .iter()
            .map(|l| (l.kind, l.amount.to_cents().unwrap()))
            .collect();
        assert_eq!(
            lines,
            vec![
                (TxKind::Purchase, -500),
                (TxKind::Purchase, -7000),
                (TxKind::TopUp, 10000)
            ]
        );
        assert_eq!(wallet.available, Money::from_dollars(25));
    })
    .await;
}

#[tokio::test]
async fn a_card_pays_the_shortfall_and_a_failed_card_charges_nothing() {
    each(async |t, s, shop| {
        add(s, shop.buyer, shop.service, &[shop.upgrades[1]], 1).await; // $40
        top_up(s, shop.buyer, 10, &key(1)).await;
        let before = (count(t, "orders").await, available(t, shop.buyer).await);
        let refused = cart_checkout(s, shop.buyer, &key(2), None).await;
        assert_eq!(
            refused.unwrap_err(),
            DomainError::from(Refusal::CheckoutInsufficientBalance)
        );
        let declined =
            cart_checkout(s, shop.buyer, &key(2), Some(card(SANDBOX_CARD_DECLINED))).await;
        assert_eq!(
            declined.unwrap_err(),
            DomainError::from(Refusal::PaymentDeclined)
        );
        let failed = cart_checkout(
            s,
            shop.buyer,
            &key(2),
            Some(card(SANDBOX_CARD_NETWORK_ERROR)),
        )
        .await;
        assert_eq!(
            failed.unwrap_err(),
            DomainError::from(Refusal::PaymentUnavailable)
        );
        let bad = cart_checkout(
            s,
            shop.buyer,
            &key(2),
            Some(CardInput {
                number: "1234".into(),
                ..card(SANDBOX_CARD_OK)
            }),
        )
        .await;
        assert!(matches!(bad, Err(DomainError::Invalid(_))));
        assert_eq!(
            (count(t, "orders").await, available(t, shop.buyer).await),
            before,
            "{}",
            t.backend
        );
        // The same key again, now with a good card: only the $30 shortfall is charged.
        let receipt = cart_checkout(s, shop.buyer, &key(2), Some(card(SANDBOX_CARD_OK)))
            .await
            .unwrap();
        assert_eq!(receipt.paid_by_card, Money::from_dollars(30));
        assert_eq!(available(t, shop.buyer).await, 0);
        let statuses: Vec<String> =
            sqlx::query_scalar("SELECT status FROM gateway_charges ORDER BY id")
                .fetch_all(t.db.pool())
                .await
                .unwrap();
        assert_eq!(statuses, ["succeeded", "declined", "failed", "succeeded"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_checkouts_from_one_wallet_never_overdraw() {
    each(async |t, s, shop| {
        // B = $260, p = $25: exactly 10 succeed.
        top_up(s, shop.buyer, 260, &key(1)).await;
        let orders = s.state.orders.clone();
        let tasks: Vec<_> = (0..50)
            .map(|i| {
                let orders = orders.clone();
                let source = now_item(shop.service, &[], 1, 2500);
                tokio::spawn(async move {
                    orders
                        .checkout(
                            shop.buyer,
                            CheckoutRequest {
                                key: key(100 + i),
                                source,
                                card: None,
                            },
                        )
                        .await
                })
            })
            .collect();
        let mut ok = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(r) => {
                    assert_eq!(r.orders.len(), 1);
                    ok += 1;
                }
                Err(e) => assert_eq!(
                    e,
                    DomainError::from(Refusal::CheckoutInsufficientBalance),
                    "{}",
                    t.backend
                ),
            }
        }
        assert_eq!(ok, 10, "{}", t.backend);
        assert_eq!(available(t, shop.buyer).await, 26000 - 10 * 2500);
        assert_eq!(count(t, "orders").await, 10);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_key_pays_once_however_often_it_is_sent() {
    each(async |t, s, shop| {
        top_up(s, shop.buyer, 10, &key(1)).await;
        add(s, shop.buyer, shop.service, &[], 1).await; // $25: $15 by card
        let lines = s.state.carts.lines(shop.buyer).await.unwrap();
        let fingerprint = s
            .state
            .carts
            .view(Some(shop.buyer), lines)
            .await
            .unwrap()
            .fingerprint;
        let request = |k: &str| CheckoutRequest {
            key: k.into(),
            source: CheckoutSource::Cart {
                fingerprint: fingerprint.clone(),
            },
            card: Some(card(SANDBOX_CARD_OK)),
        };
        // 20 at once, then 10 in a row: one set of orders, one charge, one answer.
        let tasks: Vec<_> = (0..20)
            .map(|_| {
                let orders = s.state.orders.clone();
                let r = request(&key(7));
                tokio::spawn(async move { orders.checkout(shop.buyer, r).await })
            })
            .collect();
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.unwrap().unwrap());
        }
        for _ in 0..10 {
            answers.push(
                s.state
                    .orders
                    .checkout(shop.buyer, request(&key(7)))
                    .await
                    .unwrap(),
            );
        }
        assert!(answers.iter().all(|a| *a == answers[0]), "{}", t.backend);
        assert_eq!(count(t, "orders").await, 1);
        assert_eq!(count(t, "checkouts").await, 1);
        let charges: Vec<i64> = sqlx::query_scalar(
            "SELECT amount_cents FROM gateway_charges WHERE idem_key LIKE 'checkout:%'",
        )
        .fetch_all(t.db.pool())
        .await
        .unwrap();
        assert_eq!(charges, [1500]);
        // The same key for another cart is refused, and writes nothing.
        add(s, shop.buyer, shop.cheap, &[], 1).await;
        let before = (
            count(t, "orders").await,
            count(t, "ledger_entries").await,
            count(t, "gateway_charges").await,
        );
        let other = s
            .state
            .orders
            .checkout(
                shop.buyer,
                CheckoutRequest {
                    key: key(7),
                    source: now_item(shop.cheap, &[], 1, 500),
                    card: Some(card(SANDBOX_CARD_OK)),
                },
            )
            .await;
        assert_eq!(
            other.unwrap_err(),
            DomainError::from(Refusal::CheckoutKeyReused)
        );
        let after = (
            count(t, "orders").await,
            count(t, "ledger_entries").await,
            count(t, "gateway_charges").await,
        );
        assert_eq!(before, after);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_keys_for_one_cart_pay_it_once() {
    each(async |t, s, shop| {
        top_up(s, shop.buyer, 500, &key(1)).await;
        add(s, shop.buyer, shop.service, &[], 3).await;
        let tasks: Vec<_> = (0..8)
            .map(|i| {
                let s_orders = s.state.orders.clone();
                let carts = s.state.carts.clone();
                tokio::spawn(async move {
                    let lines = carts.lines(shop.buyer).await.unwrap();
                    let fp = carts
                        .view(Some(shop.buyer), lines)
                        .await
                        .unwrap()
                        .fingerprint;
                    s_orders
                        .checkout(
                            shop.buyer,
                            CheckoutRequest {
                                key: key(50 + i),
                                source: CheckoutSource::Cart { fingerprint: fp },
                                card: None,
                            },
                        )
                        .await
                })
            })
            .collect();
        let mut paid = 0;
        for task in tasks {
            if task.await.unwrap().is_ok() {
                paid += 1;
            }
        }
        assert_eq!(paid, 1, "{}", t.backend);
        assert_eq!(available(t, shop.buyer).await, 50000 - 7500);
    })
    .await;
}

#[tokio::test]
async fn changed_lines_are_flagged_and_refused_at_checkout() {
    each(async |t, s, shop| {
        top_up(s, shop.buyer, 200, &key(1)).await;
        add(s, shop.buyer, shop.service, &[shop.upgrades[0]], 1).await;
        add(s, shop.buyer, shop.cheap, &[], 1).await;
        sqlx::query("UPDATE services SET price_cents = 3000 WHERE id = $1")
            .bind(shop.service)
            .execute(t.db.pool())
            .await
            .unwrap();
        sqlx::query("UPDATE services SET status = 'paused' WHERE id = $1")
            .bind(shop.cheap)
            .execute(t.db.pool())
            .await
            .unwrap();
        let lines = s.state.carts.lines(shop.buyer).await.unwrap();
        let view = s
            .state
            .carts
            .view(Some(shop.buyer), lines.clone())
            .await
            .unwrap();
        assert_eq!(
            view.lines[0].problem,
            Some(LineProblem::PriceChanged {
                was: Money::from_dollars(35),
                now: Money::from_dollars(40)
            })
        );
        assert_eq!(view.lines[1].problem, Some(LineProblem::Unavailable));
        let refused = cart_checkout(s, shop.buyer, &key(2), None).await;
        assert_eq!(
            refused.unwrap_err(),
            DomainError::from(Refusal::CheckoutLineProblem)
        );
        // Accepting the new price (the same choice again) and removing the paused line.
        let again = s
            .state
            .carts
            .choose(Some(shop.buyer), shop.service, &[shop.upgrades[0]], 1)
            .await
            .unwrap();
        s.state
            .carts
            .replace(shop.buyer, lines[0].0, again)
            .await
            .unwrap();
        s.state.carts.remove(shop.buyer, lines[1].0).await.unwrap();
        let receipt = cart_checkout(s, shop.buyer, &key(3), None).await.unwrap();
        assert_eq!(receipt.total, Money::from_dollars(40));
        // An upgrade the seller removed.
        add(s, shop.buyer, shop.service, &[shop.upgrades[1]], 1).await;
        sqlx::query("DELETE FROM service_upgrades WHERE id = $1")
            .bind(shop.upgrades[1])
            .execute(t.db.pool())
            .await
            .unwrap();
        let lines = s.state.carts.lines(shop.buyer).await.unwrap();
        let view = s.state.carts.view(Some(shop.buyer), lines).await.unwrap();
        assert_eq!(
            view.lines[0].problem,
            Some(LineProblem::UpgradeGone),
            "{}",
            t.backend
        );
    })
    .await;
}

#[tokio::test]
async fn sellers_cannot_buy_their_own_services_and_bad_choices_change_nothing() {
    each(async |t, s, shop| {
        let carts = &s.state.carts;
        let own = carts.choose(Some(shop.seller), shop.service, &[], 1).await;
        assert_eq!(own.unwrap_err(), DomainError::from(Refusal::CartOwnService));
        let own_now = s
            .state
            .orders
            .checkout(
                shop.seller,
                CheckoutRequest {
                    key: key(1),
                    source: now_item(shop.service, &[], 1, 2500),
                    card: Some(card(SANDBOX_CARD_OK)),
                },
            )
            .await;
        assert_eq!(
            own_now.unwrap_err(),
            DomainError::from(Refusal::CartOwnService)
        );
        let qty = carts.choose(Some(shop.buyer), shop.service, &[], 11).await;
        assert_eq!(
            qty.unwrap_err(),
            DomainError::from(Refusal::CartQuantityInvalid)
        );
        let foreign = carts
            .choose(Some(shop.buyer), shop.service, &[999_999], 1)
            .await;
        assert_eq!(
            foreign.unwrap_err(),
            DomainError::from(Refusal::CartUpgradeInvalid)
        );
        let missing = carts.choose(Some(shop.buyer), 999_999, &[], 1).await;
        assert_eq!(missing.unwrap_err(), DomainError::NotFound);
        assert_eq!(count(t, "cart_items").await, 0);
        assert_eq!(count(t, "gateway_charges").await, 0);
        // Same choice twice: one line, quantities added and capped at 10.
        add(
            s,
            shop.buyer,
            shop.service,
            &[shop.upgrades[1], shop.upgrades[0]],
            6,
        )
        .await;
        add(
            s,
            shop.buyer,
            shop.service,
            &[shop.upgrades[0], shop.upgrades[1]],
            7,
        )
        .await;
        let lines = carts.lines(shop.buyer).await.unwrap();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].1.quantity, 10);
        // Someone else's line cannot be changed or removed.
        let item = carts
            .choose(Some(shop.other), shop.service, &[], 1)
            .await
            .unwrap();
        assert_eq!(
            carts
                .replace(shop.other, lines[0].0, item)
                .await
                .unwrap_err(),
            DomainError::NotFound
        );
        assert_eq!(
            carts.remove(shop.other, lines[0].0).await.unwrap_err(),
            DomainError::NotFound
        );
        assert_eq!(carts.lines(shop.buyer).await.unwrap(), lines);
    })
    .await;
}

#[tokio::test]
async fn receipts_belong_to_their_buyer() {
    each(async |_t, s, shop| {
        top_up(s, shop.buyer, 50, &key(1)).await;
        let receipt = s
            .state
            .orders
            .checkout(
                shop.buyer,
                CheckoutRequest {
                    key: key(2),
                    source: now_item(shop.cheap, &[], 2, 500),
                    card: None,
                },
            )
            .await
            .unwrap();
        assert_eq!(
            s.state
                .orders
                .receipt(shop.buyer, receipt.checkout_id)
                .await
                .unwrap(),
            receipt
        );
        for stranger in [shop.other, shop.seller] {
            assert_eq!(
                s.state
                    .orders
                    .receipt(stranger, receipt.checkout_id)
                    .await
                    .unwrap_err(),
                DomainError::NotFound
            );
        }
        let ids: HashSet<i64> = s
            .state
            .orders
            .sales(shop.other)
            .await
            .unwrap()
            .iter()
            .map(|o| o.id)
            .collect();
        assert_eq!(ids.len(), 1);
    })
    .await;
}

fn json_of(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[tokio::test]
async fn over_http_a_visitors_cart_is_kept_at_sign_up_and_nobody_else_touches_it() {
    for t in databases().await {
        let s = site(&t).await;
        let shop = shop(&t, "").await;
        let mut owner = Browser::new(&s);
        let add =
            json!({"service_id": shop.service, "upgrades": [shop.upgrades[0]], "quantity": 2});
        let r = owner.call_json(path::<AddToCart>(), add.clone()).await;
        assert_eq!(
            (r.status, r.body.as_str()),
            (StatusCode::OK, "1"),
            "{}",
            t.backend
        );
        let r = owner.call_json(path::<AddToCart>(), add).await;
        assert_eq!(r.body, "1");
        register(&mut owner, "owner1").await;
        let cart = json_of(&owner.call(path::<GetCart>(), &[]).await.body);
        assert_eq!(cart["signed_in"], true);
        let lines = cart["cart"]["lines"].as_array().unwrap();
        assert_eq!(lines.len(), 1, "{}: {cart}", t.backend);
        assert_eq!(lines[0]["item"]["quantity"], 4);
        assert_eq!(cart["cart"]["total"], "140.00");
        let line = lines[0]["id"].as_i64().unwrap().to_string();

        let mut other = Browser::new(&s);
        register(&mut other, "stranger").await;
        let mut anonymous = Browser::new(&s);
        for b in [&mut other, &mut anonymous] {
            let r = b
                .call_json(
                    path::<UpdateCartLine>(),
                    json!({"line_id": line.parse::<i64>().unwrap(), "upgrades": [], "quantity": 1}),
                )
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
            let r = b
                .call(path::<RemoveCartLine>(), &[("line_id", &line)])
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
        }
        for p in [path::<GetWallet>(), path::<GetPurchases>()] {
            assert_eq!(
                anonymous.call(p, &[]).await.status,
                StatusCode::UNAUTHORIZED
            );
        }
        // Paying: first top up over HTTP, then the cart as seen.
        let r = owner
            .call_json(
                path::<TopUp>(),
                json!({"key": key(1), "amount": "٢٠٠", "card": card(SANDBOX_CARD_OK)}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(json_of(&r.body)["available"], "200.00");
        let fingerprint =
            json_of(&owner.call(path::<GetCart>(), &[]).await.body)["cart"]["fingerprint"].clone();
        let request = json!({"request": {"key": key(2), "source": {"Cart": {"fingerprint": fingerprint}}, "card": null}});
        let r = anonymous
            .call_json(path::<Checkout>(), request.clone())
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        let r = owner.call_json(path::<Checkout>(), request).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let checkout_id = json_of(&r.body)["checkout_id"]
            .as_i64()
            .unwrap()
            .to_string();
        let r = owner
            .call(path::<GetReceipt>(), &[("checkout_id", &checkout_id)])
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(
            other
                .call(path::<GetReceipt>(), &[("checkout_id", &checkout_id)])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            anonymous
                .call(path::<GetReceipt>(), &[("checkout_id", &checkout_id)])
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        let theirs = json_of(&other.call(path::<GetPurchases>(), &[]).await.body);
        assert_eq!(theirs, json!([]));
        // Bad input is a clear 4xx and changes nothing.
        let r = owner
            .call_json(
                path::<TopUp>(),
                json!({"key": key(3), "amount": "0.5", "card": card(SANDBOX_CARD_OK)}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let r = owner
            .call_json(
                path::<AddToCart>(),
                json!({"service_id": shop.service, "upgrades": [], "quantity": 0}),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert_invariants(&t).await;
        t.cleanup().await;
    }
}

/// 50 different services added at once: the cart stops at its line limit, and every
/// refusal says why. (On PostgreSQL the adds used to interleave and pass the limit.)
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_parallel_adds_never_pass_the_line_limit() {
    each(async |t, s, shop| {
        let category: i64 =
            sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'logo-design'")
                .fetch_one(t.db.pool())
                .await
                .unwrap();
        let mut services = Vec::new();
        for _ in 0..50 {
            services.push(crate::common::shop::service(t, shop.seller, category, 500, 1).await);
        }
        let adds = services.into_iter().map(|service| {
            let carts = s.state.carts.clone();
            tokio::spawn(async move {
                let item = carts
                    .choose(Some(shop.buyer), service, &[], 1)
                    .await
                    .unwrap();
                carts.add(shop.buyer, item).await
            })
        });
        let mut refused = 0;
        for add in adds.collect::<Vec<_>>() {
            match add.await.unwrap() {
                Ok(()) => {}
                Err(e) => {
                    assert_eq!(e, DomainError::Refused(Refusal::CartFull { max: 20 }));
                    refused += 1;
                }
            }
        }
        assert_eq!(count(t, "cart_items").await, 20, "{}", t.backend);
        assert_eq!(refused, 30, "{}", t.backend);
    })
    .await;
}

/// The same choice added from 8 requests at once adds up, none overwriting another.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_adds_of_one_choice_add_up() {
    each(async |t, s, shop| {
        let adds: Vec<_> = (0..8)
            .map(|_| {
                let carts = s.state.carts.clone();
                tokio::spawn(async move {
                    let item = carts
                        .choose(Some(shop.buyer), shop.cheap, &[], 1)
                        .await
                        .unwrap();
                    carts.add(shop.buyer, item).await.unwrap();
                })
            })
            .collect();
        for a in adds {
            a.await.unwrap();
        }
        let lines = s.state.carts.lines(shop.buyer).await.unwrap();
        assert_eq!(lines.len(), 1, "{}", t.backend);
        assert_eq!(lines[0].1.quantity, 8, "{}", t.backend);
    })
    .await;
}

/// A gateway that pauses the service while it charges the card: the catalog changes
/// after checkout priced the cart and before it pays.
struct PausingGateway {
    db: server::infra::db::Db,
    service: i64,
}

#[async_trait::async_trait]
impl server::money::gateway::PaymentGateway for PausingGateway {
    fn is_sandbox(&self) -> bool {
        true
    }

    async fn charge(
        &self,
        _card: &shared::card::Card,
        _amount: Money,
        reference: &str,
    ) -> Result<String, server::money::gateway::GatewayError> {
        sqlx::query("UPDATE services SET status = 'paused' WHERE id = $1")
            .bind(self.service)
            .execute(self.db.pool())
            .await
            .unwrap();
        Ok(format!("test_{reference}"))
    }
}

#[tokio::test]
async fn a_service_paused_while_the_card_is_charged_is_not_bought() {
    each(async |t, _, shop| {
        let payments = server::money::payments::SqlPayments::new(
            t.db.clone(),
            std::sync::Arc::new(PausingGateway {
                db: t.db.clone(),
                service: shop.service,
            }),
            server::infra::clock::system(),
            server::orders::SqlOrders::new(
                t.db.clone(),
                server::infra::clock::system(),
                7 * 86_400,
            ),
        );
        use shared::ports::OrderStore;
        let refused = payments
            .checkout(
                shop.buyer,
                CheckoutRequest {
                    key: key(1),
                    source: now_item(shop.service, &[], 1, 2500),
                    card: Some(card(SANDBOX_CARD_OK)),
                },
            )
            .await;
        assert_eq!(
            refused.unwrap_err(),
            DomainError::Refused(Refusal::CheckoutCartChanged),
            "{}",
            t.backend
        );
        assert_eq!(count(t, "orders").await, 0, "{}", t.backend);
        // The card's money is in the wallet, not lost.
        assert_eq!(available(t, shop.buyer).await, 2500);
    })
    .await;
}

/// Makes crediting a top-up fail in the database (as a crash or a lost connection would,
/// after the gateway said yes).
async fn break_top_up_credits(t: &TestDb) {
    let statements: &[&str] = match t.backend {
        "sqlite" => &[
            "CREATE TRIGGER no_top_ups BEFORE INSERT ON ledger_transactions \
                       WHEN new.kind = 'top_up' BEGIN SELECT RAISE(ABORT, 'down'); END",
        ],
        _ => &[
            "CREATE FUNCTION no_top_ups() RETURNS trigger AS $$ BEGIN \
             IF new.kind = 'top_up' THEN RAISE EXCEPTION 'down'; END IF; RETURN new; END $$ \
             LANGUAGE plpgsql",
            "CREATE TRIGGER no_top_ups BEFORE INSERT ON ledger_transactions \
             FOR EACH ROW EXECUTE FUNCTION no_top_ups()",
        ],
    };
    for sql in statements {
        sqlx::query(sql).execute(t.db.pool()).await.unwrap();
    }
}

#[tokio::test]
async fn a_charge_the_wallet_missed_is_credited_once_by_reconcile() {
    each(async |t, s, shop| {
        break_top_up_credits(t).await;
        let r = s
            .state
            .wallets
            .top_up(
                shop.buyer,
                &key(1),
                Money::from_dollars(40),
                &card(SANDBOX_CARD_OK),
            )
            .await;
        assert!(
            matches!(r, Err(DomainError::Store(_))),
            "{}: {r:?}",
            t.backend
        );
        assert_eq!(available(t, shop.buyer).await, 0);
        // Recorded for reconciliation: still pending, with the gateway's reference.
        let (status, reference): (String, Option<String>) =
            sqlx::query_as("SELECT status, reference FROM gateway_charges")
                .fetch_one(t.db.pool())
                .await
                .unwrap();
        assert_eq!(status, "pending");
        assert!(
            reference.is_some(),
            "{}: the gateway's answer was lost",
            t.backend
        );
        let drop = match t.backend {
            "sqlite" => "DROP TRIGGER no_top_ups",
            _ => "DROP TRIGGER no_top_ups ON ledger_transactions",
        };
        sqlx::query(drop).execute(t.db.pool()).await.unwrap();
        let clock = server::infra::clock::system();
        let first = server::money::payments::reconcile(&t.db, clock.clone())
            .await
            .unwrap();
        assert_eq!(
            (first.credited, first.credited_cents),
            (1, 4000),
            "{}",
            t.backend
        );
        let again = server::money::payments::reconcile(&t.db, clock)
            .await
            .unwrap();
        assert_eq!(again.credited, 0);
        assert_eq!(available(t, shop.buyer).await, 4000);
        // The same key now answers as paid, and charges nothing more.
        top_up(s, shop.buyer, 40, &key(1)).await;
        assert_eq!(available(t, shop.buyer).await, 4000);
    })
    .await;
}
