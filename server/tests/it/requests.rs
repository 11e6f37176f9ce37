//! Buyer requests against real SQLite and PostgreSQL: moderation, the public list with its
//! filters and Arabic-aware search, offers (one per seller, editable, capped per day),
//! ordering an offer through the checkout at the stored offer's terms (tampering ignored,
//! twice at once pays once), expiry by the clock, closing and deleting, and who may call
//! each server function.

use app::api::requests::{
    CloseRequest, DecideRequest, GetMyRequests, GetOfferCheckout, GetRequest, GetRequestQueue,
    MakeOffer, PostRequest,
};
use axum::http::StatusCode;
use serde_json::json;
use shared::card::SANDBOX_CARD_OK;
use shared::error::{DomainError, Refusal};
use shared::money::Money;
use shared::notifications::NoticeKind;
use shared::orders::{CheckoutRequest, CheckoutSource};
use shared::requests::{
    OfferDraft, OfferStatus, RequestDraft, RequestQuery, RequestStatus, RequestViewer, OPEN_SECS,
};

use crate::common::databases;
use crate::common::shop::{card, Shop};
use crate::common::web::{path, site, Browser, Site};
use crate::orders::{each, signed_in_parties};

/// The sub-category the shop's services are in (made by the shop).
async fn category(s: &Site) -> i64 {
    sqlx::query_scalar::<_, i64>("SELECT id FROM categories WHERE slug = 'logo-design'")
        .fetch_one(s.state.db.pool())
        .await
        .unwrap()
}

fn draft(category: i64) -> RequestDraft {
    RequestDraft {
        title: "كتابة مقالات عن السياحة في الأردن".into(),
        description:
            "أحتاج خمس مقالات عن البتراء ووادي رم، بأسلوب قريب من القارئ ومتوافقة مع محركات البحث."
                .into(),
        category_id: category,
        budget_min: "40".into(),
        budget_max: "100".into(),
        delivery_days: "7".into(),
    }
}

fn offer(service: i64, price: &str) -> OfferDraft {
    OfferDraft {
        service_id: service,
        price: price.into(),
        delivery_days: "4".into(),
        note: "أكتب لك المقالات الخمس بلغة سلسة مع عناوين جذابة.".into(),
    }
}

/// A request of the shop's buyer, approved.
async fn open_request(s: &Site, shop: &Shop) -> i64 {
    let r = &s.state.requests;
    let id = r.post(shop.buyer, draft(category(s).await)).await.unwrap();
    r.decide(id, true, "").await.unwrap();
    id
}

async fn kinds(s: &Site, user: i64) -> Vec<NoticeKind> {
    s.state
        .accounts
        .notifications(user)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.kind)
        .collect()
}

fn query(q: &str) -> RequestQuery {
    RequestQuery {
        q: q.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn moderation_then_the_list_its_filters_and_arabic_search() {
    each(async |_t, s, shop| {
        let r = &s.state.requests;
        let id = r.post(shop.buyer, draft(category(s).await)).await.unwrap();
        // Waiting for review: listed nowhere, seen by its buyer and admins only.
        assert!(r.list(&query("")).await.unwrap().requests.is_empty());
        assert_eq!(r.page(None, id).await.unwrap_err(), DomainError::NotFound);
        assert_eq!(
            r.page(Some((shop.seller, false)), id).await.unwrap_err(),
            DomainError::NotFound
        );
        assert_eq!(
            r.page(Some((shop.buyer, false)), id)
                .await
                .unwrap()
                .card
                .status,
            RequestStatus::Pending
        );
        assert_eq!(
            r.page(Some((shop.seller, true)), id).await.unwrap().viewer,
            RequestViewer::Member
        );
        assert_eq!(r.queue().await.unwrap().len(), 1);
        assert_eq!(
            r.decide(id, false, " ").await.unwrap_err(),
            DomainError::field("reason", "error-required")
        );
        r.decide(id, true, "").await.unwrap();
        assert_eq!(
            r.decide(id, false, "مكرر").await.unwrap_err(),
            DomainError::Refused(Refusal::NothingToReview)
        );
        assert!(kinds(s, shop.buyer)
            .await
            .contains(&NoticeKind::RequestApproved));
        // Listed, found with another spelling of the same words, filtered by budget.
        let found = |q: RequestQuery| async move { r.list(&q).await.unwrap().requests.len() };
        assert_eq!(found(query("")).await, 1);
        assert_eq!(
            found(query("الاردن")).await,
            1,
            "hamza folded like the services' search"
        );
        assert_eq!(
            found(query("مقالة السياحه")).await,
            0,
            "every term must match a word's start"
        );
        assert_eq!(found(query("السياحة")).await, 1);
        assert_eq!(found(query("برمجة")).await, 0);
        assert_eq!(
            found(RequestQuery {
                budget: "100".into(),
                ..query("")
            })
            .await,
            1
        );
        assert_eq!(
            found(RequestQuery {
                budget: "105".into(),
                ..query("")
            })
            .await,
            0
        );
        assert_eq!(
            found(RequestQuery {
                category: "no-such-category".into(),
                ..query("")
            })
            .await,
            0
        );
        // Bad input stores nothing.
        let mut bad = draft(category(s).await);
        bad.budget_min = "42".into();
        bad.description = "راسلني على 0551234567 للتفاصيل الكاملة عن المقالات المطلوبة".into();
        let refused = r.post(shop.buyer, bad).await.unwrap_err();
        assert!(
            matches!(refused, DomainError::Invalid(ref e) if e.len() == 2),
            "{refused:?}"
        );
        assert_eq!(r.mine(shop.buyer).await.unwrap().len(), 1);
        // Expired by the clock: gone from the list, no more offers.
        s.clock.advance(OPEN_SECS);
        assert_eq!(found(query("")).await, 0);
        assert_eq!(
            r.page(None, id).await.unwrap().card.status,
            RequestStatus::Expired
        );
        assert_eq!(
            r.offer(shop.seller, id, offer(shop.service, ""))
                .await
                .unwrap_err(),
            DomainError::Refused(Refusal::RequestNotOpen)
        );
    })
    .await;
}

#[tokio::test]
async fn one_offer_per_seller_editable_until_the_buyer_acts_and_capped_per_day() {
    each(async |_t, s, shop| {
        let r = &s.state.requests;
        let id = open_request(s, &shop).await;
        assert_eq!(
            r.offer(shop.buyer, id, offer(shop.cheap, ""))
                .await
                .unwrap_err(),
            DomainError::field("service_id", "request-offer-service"),
            "a service of someone else"
        );
        r.offer(shop.seller, id, offer(shop.service, ""))
            .await
            .unwrap();
        assert_eq!(
            kinds(s, shop.buyer)
                .await
                .iter()
                .filter(|k| **k == NoticeKind::OfferReceived)
                .count(),
            1
        );
        // A change replaces the offer; the buyer sees one, at the new price.
        r.offer(shop.seller, id, offer(shop.service, "45"))
            .await
            .unwrap();
        let page = r.page(Some((shop.buyer, false)), id).await.unwrap();
        assert_eq!(page.viewer, RequestViewer::Owner);
        assert_eq!(page.offers.len(), 1);
        assert_eq!(page.offers[0].price, Money::from_dollars(45));
        assert_eq!(page.card.offers, 1);
        // A seller sees only their own offer; the other seller none.
        assert_eq!(
            r.page(Some((shop.other, false)), id)
                .await
                .unwrap()
                .offers
                .len(),
            0
        );
        assert_eq!(
            r.offer(shop.seller, id, offer(shop.service, "47"))
                .await
                .unwrap_err(),
            DomainError::Invalid(vec![shared::validation::FieldError::new(
                "price",
                "request-budget-invalid"
            )])
        );
        // The daily cap of a new seller: 5 offers in 24 hours.
        let mut made = 1;
        let mut refused = None;
        for _ in 0..6 {
            let next = open_request(s, &shop).await;
            match r.offer(shop.seller, next, offer(shop.service, "")).await {
                Ok(()) => made += 1,
                Err(e) => {
                    refused = Some(e);
                    break;
                }
            }
        }
        assert_eq!(made, 5);
        assert_eq!(
            refused,
            Some(DomainError::Refused(Refusal::OfferDailyCap { max: 5 }))
        );
        s.clock.advance(24 * 3600 + 1);
        let later = open_request(s, &shop).await;
        r.offer(shop.seller, later, offer(shop.service, ""))
            .await
            .unwrap();
    })
    .await;
}

async fn fund(s: &Site, shop: &Shop, key: &str, dollars: i64) {
    s.state
        .wallets
        .top_up(
            shop.buyer,
            key,
            Money::from_dollars(dollars),
            &card(SANDBOX_CARD_OK),
        )
        .await
        .unwrap();
}

fn by_offer(key: &str, id: i64) -> CheckoutRequest {
    CheckoutRequest {
        key: key.into(),
        source: CheckoutSource::Offer { id },
        card: None,
    }
}

async fn offer_id(s: &Site, request: i64, seller: i64) -> i64 {
    sqlx::query_scalar::<_, i64>(
        "SELECT id FROM request_offers WHERE request_id = $1 AND seller_id = $2",
    )
    .bind(request)
    .bind(seller)
    .fetch_one(s.state.db.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn ordering_an_offer_pays_its_terms_once_and_closes_the_request() {
    each(async |_t, s, shop| {
        let r = &s.state.requests;
        let id = open_request(s, &shop).await;
        r.offer(shop.seller, id, offer(shop.service, "60"))
            .await
            .unwrap();
        r.offer(shop.other, id, offer(shop.cheap, ""))
            .await
            .unwrap();
        let chosen = offer_id(s, id, shop.seller).await;
        fund(s, &shop, "top-up-request-0001", 200).await;
        // Only the request's buyer may order an offer.
        let stranger = s
            .state
            .orders
            .checkout(shop.other, by_offer("stranger-checkout-key-01", chosen))
            .await;
        assert_eq!(stranger.unwrap_err(), DomainError::NotFound);
        // Two attempts at once with two keys: one order, one hold.
        let (a, b) = tokio::join!(
            s.state
                .orders
                .checkout(shop.buyer, by_offer("offer-checkout-key-0001", chosen)),
            s.state
                .orders
                .checkout(shop.buyer, by_offer("offer-checkout-key-0002", chosen)),
        );
        let (won, lost) = match (a, b) {
            (Ok(w), Err(l)) | (Err(l), Ok(w)) => (w, l),
            other => panic!("exactly one should pay: {other:?}"),
        };
        assert!(
            matches!(
                lost,
                DomainError::Refused(Refusal::OfferChanged | Refusal::RequestNotOpen)
            ),
            "{lost:?}"
        );
        assert_eq!(won.orders.len(), 1);
        assert_eq!(won.orders[0].total, Money::from_dollars(60));
        assert_eq!(won.orders[0].delivery_days, 4);
        let orders =
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM orders WHERE buyer_id = $1")
                .bind(shop.buyer)
                .fetch_one(s.state.db.pool())
                .await
                .unwrap();
        assert_eq!(orders, 1);
        assert_eq!(
            s.state.wallets.wallet(shop.buyer).await.unwrap().available,
            Money::from_dollars(140)
        );
        // The request is ordered; the other seller's offer closed and they were told.
        let page = r.page(Some((shop.buyer, false)), id).await.unwrap();
        assert_eq!(page.card.status, RequestStatus::Ordered);
        assert_eq!(page.order_id, Some(won.orders[0].id));
        let statuses: Vec<OfferStatus> = page.offers.iter().map(|o| o.status).collect();
        assert_eq!(statuses, [OfferStatus::Accepted, OfferStatus::Closed]);
        assert!(kinds(s, shop.seller)
            .await
            .contains(&NoticeKind::OfferAccepted));
        assert!(kinds(s, shop.other)
            .await
            .contains(&NoticeKind::RequestClosed));
        assert!(!kinds(s, shop.seller)
            .await
            .contains(&NoticeKind::RequestClosed));
        // Nothing more can happen to it.
        assert_eq!(
            r.offer(shop.seller, id, offer(shop.service, "70"))
                .await
                .unwrap_err(),
            DomainError::Refused(Refusal::RequestNotOpen)
        );
        assert_eq!(
            r.close(shop.buyer, id, false).await.unwrap_err(),
            DomainError::Refused(Refusal::RequestNotOpen)
        );
    })
    .await;
}

#[tokio::test]
async fn closing_or_deleting_tells_the_sellers() {
    each(async |_t, s, shop| {
        let r = &s.state.requests;
        let id = open_request(s, &shop).await;
        r.offer(shop.seller, id, offer(shop.service, ""))
            .await
            .unwrap();
        assert_eq!(
            r.close(shop.seller, id, false).await.unwrap_err(),
            DomainError::NotFound
        );
        r.close(shop.buyer, id, false).await.unwrap();
        assert!(kinds(s, shop.seller)
            .await
            .contains(&NoticeKind::RequestClosed));
        assert_eq!(
            r.page(None, id).await.unwrap().card.status,
            RequestStatus::Closed
        );
        let chosen = offer_id(s, id, shop.seller).await;
        assert_eq!(
            s.state
                .orders
                .checkout(shop.buyer, by_offer("closed-checkout-key-01", chosen))
                .await
                .unwrap_err(),
            DomainError::Refused(Refusal::RequestNotOpen)
        );
        r.close(shop.buyer, id, true).await.unwrap();
        assert_eq!(
            r.page(Some((shop.buyer, false)), id).await.unwrap_err(),
            DomainError::NotFound
        );
        assert!(r.mine(shop.buyer).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn over_http_each_function_answers_only_its_party() {
    for t in databases().await {
        let s = site(&t).await;
        let (mut buyer, mut seller, mut stranger, shop) = signed_in_parties(&s, &t, "req").await;
        let mut visitor = Browser::new(&s);
        let body = json!({"draft": draft(category(&s).await)});
        assert_eq!(
            visitor
                .call_json(path::<PostRequest>(), body.clone())
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        let posted = buyer.call_json(path::<PostRequest>(), body).await;
        assert_eq!(posted.status, StatusCode::OK, "{}", posted.body);
        let id: i64 = posted.body.trim().parse().unwrap();
        let sid = id.to_string();
        for (who, status) in [
            (&mut visitor, StatusCode::UNAUTHORIZED),
            (&mut seller, StatusCode::FORBIDDEN),
        ] {
            assert_eq!(
                who.call(path::<GetRequestQueue>(), &[]).await.status,
                status
            );
            assert_eq!(
                who.call(
                    path::<DecideRequest>(),
                    &[("id", &sid), ("approve", "true"), ("reason", "")]
                )
                .await
                .status,
                status
            );
        }
        assert_eq!(
            visitor
                .call(path::<GetRequest>(), &[("id", &sid)])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        s.state.requests.decide(id, true, "").await.unwrap();
        assert_eq!(
            visitor
                .call(path::<GetRequest>(), &[("id", &sid)])
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            visitor.call(path::<GetMyRequests>(), &[]).await.status,
            StatusCode::UNAUTHORIZED
        );
        let offer_body = json!({"request": id, "draft": offer(shop.service, "50")});
        assert_eq!(
            visitor
                .call_json(path::<MakeOffer>(), offer_body.clone())
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        let own = buyer
            .call_json(
                path::<MakeOffer>(),
                json!({"request": id, "draft": offer(shop.service, "50")}),
            )
            .await;
        assert_eq!(
            own.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "not the buyer's service: {}",
            own.body
        );
        let made = seller.call_json(path::<MakeOffer>(), offer_body).await;
        assert_eq!(made.status, StatusCode::OK, "{}", made.body);
        let chosen = offer_id(&s, id, shop.seller).await.to_string();
        for who in [&mut stranger, &mut seller] {
            assert_eq!(
                who.call(path::<GetOfferCheckout>(), &[("offer", &chosen)])
                    .await
                    .status,
                StatusCode::NOT_FOUND
            );
            assert_eq!(
                who.call(path::<CloseRequest>(), &[("id", &sid), ("delete", "false")])
                    .await
                    .status,
                StatusCode::NOT_FOUND
            );
        }
        let page = buyer
            .call(path::<GetOfferCheckout>(), &[("offer", &chosen)])
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("50.00"), "{}", page.body);
        // A price in the body is not read: the order costs what the stored offer says.
        s.state
            .wallets
            .top_up(
                shop.buyer,
                "top-up-http-request-01",
                Money::from_dollars(100),
                &card(SANDBOX_CARD_OK),
            )
            .await
            .unwrap();
        let paid = buyer
            .call_json(
                path::<app::api::orders::Checkout>(),
                json!({"request": {"key": "tampered-checkout-key-001", "source": {"Offer": {"id": chosen.parse::<i64>().unwrap(), "price": "5.00"}}, "card": null}}),
            )
            .await;
        assert_eq!(paid.status, StatusCode::OK, "{}", paid.body);
        let total =
            sqlx::query_scalar::<_, i64>("SELECT total_cents FROM orders WHERE buyer_id = $1")
                .bind(shop.buyer)
                .fetch_one(s.state.db.pool())
                .await
                .unwrap();
        assert_eq!(total, 5000);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn request_files_are_the_buyers_to_add_and_members_to_read() {
    for t in databases().await {
        let s = site(&t).await;
        let (mut buyer, mut seller, _stranger, shop) = signed_in_parties(&s, &t, "reqfile").await;
        let id = s
            .state
            .requests
            .post(shop.buyer, draft(category(&s).await))
            .await
            .unwrap();
        let upload = format!("/requests/{id}/files");
        let pdf = b"%PDF-1.7\n% brief\n";
        assert_eq!(
            seller.upload_to(&upload, pdf, "brief.pdf").await.status,
            StatusCode::NOT_FOUND
        );
        let up = buyer.upload_to(&upload, pdf, "brief.pdf").await;
        assert_eq!(up.status, StatusCode::OK, "{}", up.body);
        let file = serde_json::from_str::<serde_json::Value>(&up.body).unwrap()["id"]
            .as_i64()
            .unwrap();
        let download = format!("/requests/{id}/files/{file}");
        // Waiting for review: the buyer's only.
        assert_eq!(buyer.get(&download).await.status, StatusCode::OK);
        assert_eq!(seller.get(&download).await.status, StatusCode::NOT_FOUND);
        s.state.requests.decide(id, true, "").await.unwrap();
        assert_eq!(seller.get(&download).await.status, StatusCode::OK);
        assert_eq!(
            Browser::new(&s).get(&download).await.status,
            StatusCode::UNAUTHORIZED
        );
        let page = s.state.requests.page(None, id).await.unwrap();
        assert_eq!(page.files.len(), 1);
        assert_eq!(page.files[0].name, "brief.pdf");
        for n in 2..=3 {
            assert_eq!(
                buyer
                    .upload_to(&upload, pdf, &format!("b{n}.pdf"))
                    .await
                    .status,
                StatusCode::OK
            );
        }
        let full = buyer.upload_to(&upload, pdf, "b4.pdf").await;
        assert_eq!(full.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(full.body.contains("request-files-full"), "{}", full.body);
        t.cleanup().await;
    }
}
