//! A property test: random sequences of top-ups, cart edits, checkouts and retries by
//! several users keep every ledger invariant, and each wallet matches a model that knows
//! only what succeeded.

use std::collections::HashMap;

use crate::common::databases;
use crate::common::shop::{assert_invariants, card, shop, Shop};
use crate::common::web::site;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use server::money::ledger::{balance, Account};
use shared::card::{SANDBOX_CARD_DECLINED, SANDBOX_CARD_OK};
use shared::money::Money;
use shared::orders::{CheckoutRequest, CheckoutSource};

#[derive(Clone, Debug)]
enum Op {
    TopUp {
        user: usize,
        dollars: i64,
    },
    Add {
        user: usize,
        service: usize,
        upgrades: u8,
        quantity: u32,
    },
    Remove {
        user: usize,
        line: usize,
    },
    /// `card`: 0 none, 1 the good test card, 2 the declined one.
    Checkout {
        user: usize,
        card: u8,
        now: bool,
    },
    /// The same request as this user's last checkout, sent again.
    Retry {
        user: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..3usize, 5..80i64).prop_map(|(user, dollars)| Op::TopUp { user, dollars }),
        (0..3usize, 0..2usize, 0..4u8, 1..4u32).prop_map(|(user, service, upgrades, quantity)| {
            Op::Add {
                user,
                service,
                upgrades,
                quantity,
            }
        }),
        (0..3usize, 0..3usize).prop_map(|(user, line)| Op::Remove { user, line }),
        (0..3usize, 0..3u8, any::<bool>()).prop_map(|(user, card, now)| Op::Checkout {
            user,
            card,
            now
        }),
        (0..3usize).prop_map(|user| Op::Retry { user }),
    ]
}

/// Three buyers: the shop's buyer and two more (the sellers buy from each other too).
fn users(shop: &Shop) -> [i64; 3] {
    [shop.buyer, shop.other, shop.seller]
}

async fn run(
    t: &crate::common::TestDb,
    s: &crate::common::web::Site,
    shop: Shop,
    ops: Vec<Op>,
    case: usize,
) {
    let users = users(&shop);
    let services = [shop.service, shop.cheap];
    let mut model: HashMap<i64, i64> = users.iter().map(|u| (*u, 0)).collect();
    let mut last: HashMap<i64, CheckoutRequest> = HashMap::new();
    let mut keys = 0;
    let mut next_key = || {
        keys += 1;
        format!("prop-{case:06}-{keys:08}")
    };
    for op in ops {
        match op {
            Op::TopUp { user, dollars } => {
                let u = users[user];
                s.state
                    .wallets
                    .top_up(
                        u,
                        &next_key(),
                        Money::from_dollars(dollars),
                        &card(SANDBOX_CARD_OK),
                    )
                    .await
                    .unwrap();
                *model.get_mut(&u).unwrap() += dollars * 100;
            }
            Op::Add {
                user,
                service,
                upgrades,
                quantity,
            } => {
                let u = users[user];
                let picked: Vec<i64> = shop
                    .upgrades
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| service == 0 && upgrades & (1 << i) != 0)
                    .map(|(_, id)| *id)
                    .collect();
                // Refused for a seller's own service: nothing changes.
                if let Ok(item) = s
                    .state
                    .carts
                    .choose(Some(u), services[service], &picked, quantity)
                    .await
                {
                    s.state.carts.add(u, item).await.unwrap();
                }
            }
            Op::Remove { user, line } => {
                let u = users[user];
                let lines = s.state.carts.lines(u).await.unwrap();
                if let Some((id, _)) = lines.get(line) {
                    s.state.carts.remove(u, *id).await.unwrap();
                }
            }
            Op::Checkout { user, card: c, now } => {
                let u = users[user];
                let source = if now {
                    let item = s.state.carts.choose(Some(u), shop.cheap, &[], 2).await;
                    match item {
                        Ok(item) => CheckoutSource::Now(item),
                        Err(_) => continue,
                    }
                } else {
                    let lines = s.state.carts.lines(u).await.unwrap();
                    CheckoutSource::Cart {
                        fingerprint: s
                            .state
                            .carts
                            .view(Some(u), lines)
                            .await
                            .unwrap()
                            .fingerprint,
                    }
                };
                let request = CheckoutRequest {
                    key: next_key(),
                    source,
                    card: match c {
                        0 => None,
                        1 => Some(card(SANDBOX_CARD_OK)),
                        _ => Some(card(SANDBOX_CARD_DECLINED)),
                    },
                };
                last.insert(u, request.clone());
                if let Ok(receipt) = s.state.orders.checkout(u, request).await {
                    let m = model.get_mut(&u).unwrap();
                    *m += receipt.paid_by_card.to_cents().unwrap()
                        - receipt.total.to_cents().unwrap();
                }
            }
            Op::Retry { user } => {
                let u = users[user];
                let Some(request) = last.get(&u).cloned() else {
                    continue;
                };
                let paid: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM checkouts WHERE buyer_id = $1 AND idem_key = $2",
                )
                .bind(u)
                .bind(&request.key)
                .fetch_one(t.db.pool())
                .await
                .unwrap();
                let answer = s.state.orders.checkout(u, request).await;
                // After a success the same receipt comes back and nothing more is paid;
                // after a failure the retry is a new attempt like any other.
                match answer {
                    Ok(_) if paid == 1 => {}
                    Ok(receipt) => {
                        let m = model.get_mut(&u).unwrap();
                        *m += receipt.paid_by_card.to_cents().unwrap()
                            - receipt.total.to_cents().unwrap();
                    }
                    Err(e) => assert_eq!(paid, 0, "a paid key was refused: {e:?}"),
                }
            }
        }
        for u in users {
            assert_eq!(
                balance(&t.db, Account::Available(u)).await.unwrap(),
                model[&u],
                "{}: wallet of user {u}",
                t.backend
            );
        }
        assert_invariants(t).await;
    }
}

#[test]
fn random_operations_keep_every_invariant() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    for t in rt.block_on(databases()) {
        let s = rt.block_on(site(&t));
        let case = std::sync::atomic::AtomicUsize::new(0);
        let mut runner = TestRunner::new(Config {
            cases: 100,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&prop::collection::vec(op(), 1..25), |ops| {
                let case = case.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                rt.block_on(async {
                    let shop = shop(&t, &format!("p{case}")).await;
                    run(&t, &s, shop, ops, case).await;
                });
                Ok(())
            })
            .unwrap();
        rt.block_on(t.cleanup());
    }
}

/// What the simulation did on one database, over every seed.
#[derive(Default)]
struct SimTotals {
    steps: usize,
    orders: usize,
    refused: usize,
    took: std::time::Duration,
}

/// The whole lifecycle, simulated: every seed runs checkouts, actions by every kind of
/// asker, messages, clock jumps with the jobs, clearance and withdrawals, and after every
/// step the database must match a model built from the pure rules, with every ledger
/// invariant holding. `SIM_SEED=n` replays one seed; `SIM_RUNS` changes how many run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lifecycle_simulation_keeps_every_invariant() {
    let seeds: Vec<u64> = match std::env::var("SIM_SEED") {
        Ok(seed) => vec![seed.trim().parse().expect("SIM_SEED is a number")],
        Err(_) => {
            let runs = std::env::var("SIM_RUNS")
                .ok()
                .and_then(|r| r.parse().ok())
                .unwrap_or(200u64);
            (0..runs).collect()
        }
    };
    // A fresh pair of databases for each batch of seeds: the invariants read whole
    // tables, and a run's checks should not slow down with every run before it.
    let mut totals: std::collections::BTreeMap<&str, SimTotals> = Default::default();
    let mut taken = std::collections::BTreeMap::new();
    for batch in seeds.chunks(25) {
        for t in databases().await {
            let started = std::time::Instant::now();
            let total = totals.entry(t.backend).or_default();
            for &seed in batch {
                let report = server::tools::simulate::run(&t.db, seed, 30, 1)
                    .await
                    .unwrap_or_else(|e| panic!("{}: {e}", t.backend));
                total.steps += report.steps;
                total.orders += report.orders;
                total.refused += report.refused;
                if t.backend == "sqlite" {
                    for (k, v) in report.taken {
                        *taken.entry(k).or_insert(0) += v;
                    }
                }
            }
            total.took += started.elapsed();
            t.cleanup().await;
        }
    }
    for (backend, t) in totals {
        println!(
            "{backend}: {} runs, {} steps, {} orders, {} refusals, in {:?}",
            seeds.len(),
            t.steps,
            t.orders,
            t.refused,
            t.took
        );
    }
    println!("actions taken per database: {taken:?}");
}
