//! Reviews of orders against real SQLite and PostgreSQL: who may rate and reply, the
//! windows, refusals that write nothing, kept stars that always equal a recount, a late
//! cancellation's review, the service's review pages, and the server function over HTTP.

use crate::common::shop::Shop;
use crate::common::web::{path, site, Browser, Site};
use crate::common::{databases, TestDb};
use crate::orders::{act, delivered, each, order, ADMIN, BUYER, SELLER, STRANGER};
use app::api::orders::ReviewOrder;
use axum::http::StatusCode;
use serde_json::json;
use server::orders::Actor;
use shared::error::{DomainError, Refusal};
use shared::orders::lifecycle::{OrderAction, DAY};
use shared::reviews::{ReviewRequest, EDIT_WINDOW_SECS, RATE_WINDOW_SECS, REVIEWS_PAGE_SIZE};

pub(crate) fn rate(rating: u8, comment: &str) -> ReviewRequest {
    ReviewRequest::Rate {
        rating,
        comment: comment.into(),
    }
}

fn reply(text: &str) -> ReviewRequest {
    ReviewRequest::Reply { text: text.into() }
}

pub(crate) const GOOD: &str = "عمل ممتاز وتسليم في الموعد";

pub(crate) async fn review(
    s: &Site,
    who: Actor,
    id: i64,
    request: ReviewRequest,
) -> Result<(), DomainError> {
    s.state.order_flow.review(who, id, request).await
}

/// A delivered order the buyer accepted.
pub(crate) async fn completed(s: &Site, shop: &Shop, n: u32) -> i64 {
    let id = delivered(s, shop, n).await;
    act(s, BUYER(shop), id, OrderAction::Accept, "")
        .await
        .unwrap();
    id
}

/// Rows and kept stars: nothing may change when a review is refused.
async fn footprint(t: &TestDb) -> Vec<(i64, i64, i64)> {
    sqlx::query_as::<_, (i64, i64, i64)>(
        "SELECT (SELECT COUNT(*) FROM reviews), \
         (SELECT CAST(COALESCE(SUM(rating_sum), 0) AS BIGINT) FROM services), \
         (SELECT CAST(COALESCE(SUM(rating_count), 0) AS BIGINT) FROM users)",
    )
    .fetch_all(t.db.pool())
    .await
    .unwrap()
}

/// Every service's and seller's kept sum and count equal a recount of their reviews.
async fn assert_kept_stars(t: &TestDb) {
    for (table, column) in [("services", "service_id"), ("users", "seller_id")] {
        let wrong: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM {table} x WHERE x.rating_count <> \
             (SELECT COUNT(*) FROM reviews r WHERE r.{column} = x.id) \
             OR x.rating_sum <> (SELECT COALESCE(SUM(r.rating), 0) FROM reviews r \
                                 WHERE r.{column} = x.id)"
        ))
        .fetch_one(t.db.pool())
        .await
        .unwrap();
        assert_eq!(
            wrong, 0,
            "{table} stars differ from a recount on {}",
            t.backend
        );
    }
}

async fn stars(t: &TestDb, table: &str, id: i64) -> (i64, i64) {
    sqlx::query_as(&format!(
        "SELECT rating_count, rating_sum FROM {table} WHERE id = $1"
    ))
    .bind(id)
    .fetch_one(t.db.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn only_the_buyer_rates_only_the_seller_replies_and_refusals_write_nothing() {
    each(async |t, s, shop| {
        // Not completed yet: nobody rates.
        let id = delivered(s, &shop, 1).await;
        assert_eq!(
            review(s, BUYER(&shop), id, rate(5, GOOD)).await,
            Err(Refusal::ReviewNotAllowed.into())
        );
        act(s, BUYER(&shop), id, OrderAction::Accept, "")
            .await
            .unwrap();
        let before = footprint(t).await;
        // The authorization matrix: a stranger sees no order; an admin, the seller and the
        // buyer (for a reply) are not the ones to write.
        for request in [rate(5, GOOD), reply("شكراً لك")] {
            assert_eq!(
                review(s, STRANGER(&shop), id, request.clone()).await,
                Err(DomainError::NotFound)
            );
            assert_eq!(
                review(s, ADMIN(&shop), id, request.clone()).await,
                Err(Refusal::OrderNotYours.into())
            );
        }
        assert_eq!(
            review(s, SELLER(&shop), id, rate(5, GOOD)).await,
            Err(Refusal::OrderNotYours.into())
        );
        assert_eq!(
            review(s, BUYER(&shop), id, reply("شكراً لك")).await,
            Err(Refusal::OrderNotYours.into())
        );
        // Nothing to reply to yet.
        assert_eq!(
            review(s, SELLER(&shop), id, reply("شكراً لك")).await,
            Err(Refusal::ReviewNotAllowed.into())
        );
        // Bad input: refused with the field's message.
        for (request, field, message) in [
            (rate(0, GOOD), "rating", "review-rating-invalid"),
            (rate(6, GOOD), "rating", "review-rating-invalid"),
            (rate(5, "قصير"), "comment", "review-comment-length"),
            (
                rate(5, &"ب".repeat(1001)),
                "comment",
                "review-comment-length",
            ),
            (
                rate(5, "رائع، كلمني واتس ٠٥٥١٢٣٤٥٦٧"),
                "comment",
                "contact-phone",
            ),
        ] {
            assert_eq!(
                review(s, BUYER(&shop), id, request).await,
                Err(DomainError::field(field, message))
            );
        }
        assert_eq!(footprint(t).await, before, "{}", t.backend);

        // The buyer rates: the service and the seller move in the same transaction.
        let service_before = stars(t, "services", shop.service).await;
        let seller_before = stars(t, "users", shop.seller).await;
        review(s, BUYER(&shop), id, rate(4, GOOD)).await.unwrap();
        assert_eq!(
            stars(t, "services", shop.service).await,
            (service_before.0 + 1, service_before.1 + 4)
        );
        assert_eq!(
            stars(t, "users", shop.seller).await,
            (seller_before.0 + 1, seller_before.1 + 4)
        );
        // Changed within 24 hours: the sum moves, the count does not.
        s.clock.advance(EDIT_WINDOW_SECS - 10);
        review(s, BUYER(&shop), id, rate(2, "تغيّر رأيي بعد التجربة"))
            .await
            .unwrap();
        assert_eq!(
            stars(t, "services", shop.service).await,
            (service_before.0 + 1, service_before.1 + 2)
        );
        // The seller replies, and may change the reply for 24 hours.
        review(s, SELLER(&shop), id, reply("شكراً، يسعدنا خدمتك"))
            .await
            .unwrap();
        s.clock.advance(20);
        // Past the review's 24 hours: it stands.
        let before = footprint(t).await;
        assert_eq!(
            review(s, BUYER(&shop), id, rate(5, GOOD)).await,
            Err(Refusal::ReviewFinal.into())
        );
        review(s, SELLER(&shop), id, reply("شكراً جزيلاً، يسعدنا خدمتك"))
            .await
            .unwrap();
        s.clock.advance(EDIT_WINDOW_SECS);
        assert_eq!(
            review(s, SELLER(&shop), id, reply("تعديل متأخر")).await,
            Err(Refusal::ReviewFinal.into())
        );
        assert_eq!(footprint(t).await, before);
        let detail = s.state.order_flow.detail(BUYER(&shop), id).await.unwrap();
        let written = detail.review.unwrap();
        assert_eq!(written.rating, 2);
        assert_eq!(written.reply.as_deref(), Some("شكراً جزيلاً، يسعدنا خدمتك"));
        assert_eq!(detail.review_options, Default::default());
        assert_kept_stars(t).await;
    })
    .await;
}

#[tokio::test]
async fn the_fourteen_days_and_a_late_cancellation() {
    each(async |t, s, shop| {
        let on_time = completed(s, &shop, 1).await;
        let too_late = completed(s, &shop, 2).await;
        s.clock.advance(RATE_WINDOW_SECS);
        review(s, BUYER(&shop), on_time, rate(5, GOOD))
            .await
            .unwrap();
        s.clock.advance(1);
        assert_eq!(
            review(s, BUYER(&shop), too_late, rate(5, GOOD)).await,
            Err(Refusal::ReviewWindowClosed.into())
        );
        // Cancelled by agreement: not rated. Cancelled because the seller was late: rated,
        // and the review says so.
        let agreed = order(s, &shop, 3).await;
        act(
            s,
            BUYER(&shop),
            agreed,
            OrderAction::AskCancel,
            "لم أعد أحتاجها",
        )
        .await
        .unwrap();
        act(
            s,
            SELLER(&shop),
            agreed,
            OrderAction::AnswerCancel { agree: true },
            "",
        )
        .await
        .unwrap();
        assert_eq!(
            review(s, BUYER(&shop), agreed, rate(3, GOOD)).await,
            Err(Refusal::ReviewNotAllowed.into())
        );
        let late = order(s, &shop, 4).await;
        act(
            s,
            BUYER(&shop),
            late,
            OrderAction::SendInstructions,
            "تعليمات",
        )
        .await
        .unwrap();
        s.clock.advance(3 * DAY + 1);
        act(s, BUYER(&shop), late, OrderAction::CancelLate, "")
            .await
            .unwrap();
        review(s, BUYER(&shop), late, rate(1, "تأخر البائع ولم يسلّم شيئاً"))
            .await
            .unwrap();
        let page = s
            .state
            .catalog
            .service_reviews(shop.service, 1)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(page.histogram.counts, [1, 0, 0, 0, 1]);
        let newest = &page.reviews[0];
        assert!(newest.cancelled_late && newest.rating == 1, "{newest:?}");
        assert!(!page.reviews[1].cancelled_late);
        assert_kept_stars(t).await;
    })
    .await;
}

#[tokio::test]
async fn ratings_at_once_count_once_and_pages_hold_every_review() {
    each(async |t, s, shop| {
        let ids = [
            completed(s, &shop, 1).await,
            completed(s, &shop, 2).await,
            completed(s, &shop, 3).await,
        ];
        // Five tabs rate each order at once: one review each, counted once.
        let mut tries = Vec::new();
        for id in ids {
            for stars in 1..=5u8 {
                tries.push(review(s, BUYER(&shop), id, rate(stars, GOOD)));
            }
        }
        for result in futures::future::join_all(tries).await {
            result.unwrap();
        }
        let reviews: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reviews WHERE service_id = $1")
            .bind(shop.service)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(reviews, 3, "{}", t.backend);
        assert_eq!(stars(t, "services", shop.service).await.0, 3);
        assert_kept_stars(t).await;
        // Many more reviews (seeded directly), then the pages: newest first, each once.
        for i in 0..23i64 {
            sqlx::query(
                "INSERT INTO reviews (service_id, seller_id, buyer_id, rating, comment, created_at) \
                 VALUES ($1, $2, $3, $4, 'تقييم قديم للخدمة', $5)",
            )
            .bind(shop.service)
            .bind(shop.seller)
            .bind(shop.buyer)
            .bind(1 + i % 5)
            .bind(1_000 + i)
            .execute(t.db.pool())
            .await
            .unwrap();
        }
        let first = s
            .state
            .catalog
            .service_reviews(shop.service, 1)
            .await
            .unwrap()
            .unwrap();
        let total = first.histogram.total();
        assert_eq!(total, 26);
        assert_eq!(first.pages, total.div_ceil(REVIEWS_PAGE_SIZE));
        let mut seen = Vec::new();
        for page in 1..=first.pages {
            let p = s
                .state
                .catalog
                .service_reviews(shop.service, page)
                .await
                .unwrap()
                .unwrap();
            assert!(p.reviews.len() as u32 <= REVIEWS_PAGE_SIZE);
            seen.extend(p.reviews.into_iter().map(|r| (r.created_at, r.id)));
        }
        assert_eq!(seen.len() as u32, total);
        assert!(seen.windows(2).all(|w| w[0] > w[1]), "not newest first");
        // A page past the end shows the last one; an unpublished service has none.
        let past = s.state.catalog.service_reviews(shop.service, 99).await.unwrap().unwrap();
        assert_eq!(past.page, first.pages);
        assert!(s.state.catalog.service_reviews(-1, 1).await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn the_review_server_function_over_http() {
    for t in databases().await {
        let s = site(&t).await;
        let (mut buyer, mut seller, mut stranger, shop) =
            crate::orders::signed_in_parties(&s, &t, "review").await;
        let id = completed(&s, &shop, 9).await;
        let body = |request: serde_json::Value| json!({"id": id, "request": request});
        let rating = body(json!({"Rate": {"rating": 5, "comment": GOOD}}));
        let mut visitor = Browser::new(&s);
        assert_eq!(
            visitor
                .call_json(path::<ReviewOrder>(), rating.clone())
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            stranger
                .call_json(path::<ReviewOrder>(), rating.clone())
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let refused = seller
            .call_json(path::<ReviewOrder>(), rating.clone())
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
        assert!(refused.refused(Refusal::OrderNotYours), "{}", refused.body);
        let short = buyer
            .call_json(
                path::<ReviewOrder>(),
                body(json!({"Rate": {"rating": 5, "comment": "جيد"}})),
            )
            .await;
        assert_eq!(
            short.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            short.body
        );
        let ok = buyer.call_json(path::<ReviewOrder>(), rating).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        assert!(ok.body.contains(GOOD), "{}", ok.body);
        let replied = seller
            .call_json(
                path::<ReviewOrder>(),
                body(json!({"Reply": {"text": "شكراً لك"}})),
            )
            .await;
        assert_eq!(replied.status, StatusCode::OK, "{}", replied.body);
        assert_kept_stars(&t).await;
        t.cleanup().await;
    }
}
