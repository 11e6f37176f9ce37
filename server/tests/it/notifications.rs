//! Notifications against real SQLite and PostgreSQL: each order step, message, review and
//! decided withdrawal tells the right people, never the one who acted; a refused step
//! tells nobody; each user sees and clears only their own; over HTTP a visitor sees none.

use crate::common::databases;
use crate::common::web::{path, register, site, Browser};
use crate::orders::{act, each, order, BUYER, SELLER};
use crate::reviews::{completed, rate, review, GOOD};
use app::api::messages::GetBadges;
use app::api::notifications::{GetNotifications, MarkNotificationsRead};
use axum::http::StatusCode;
use shared::notifications::NoticeKind;
use shared::orders::lifecycle::{OrderAction, OrderEvent};
use shared::reviews::ReviewRequest;

#[tokio::test]
async fn steps_tell_the_other_party_and_each_user_reads_their_own() {
    each(async |_t, s, shop| {
        let accounts = &s.state.accounts;
        let kinds = |user: i64| async move {
            accounts
                .notifications(user)
                .await
                .unwrap()
                .into_iter()
                .map(|n| n.kind)
                .collect::<Vec<_>>()
        };
        let id = order(s, &shop, 1).await;
        // A new order: the seller hears of it.
        assert_eq!(
            kinds(shop.seller).await,
            [NoticeKind::Order(OrderEvent::Placed)]
        );
        assert!(kinds(shop.buyer).await.is_empty());
        // A refused step tells nobody.
        assert!(act(s, SELLER(&shop), id, OrderAction::Deliver, "x")
            .await
            .is_err());
        assert_eq!(accounts.unread_notifications(shop.buyer).await.unwrap(), 0);
        act(
            s,
            BUYER(&shop),
            id,
            OrderAction::SendInstructions,
            "تعليمات",
        )
        .await
        .unwrap();
        s.state
            .order_flow
            .message(SELLER(&shop), id, "وصلت التعليمات", &[])
            .await
            .unwrap();
        assert_eq!(
            kinds(shop.seller).await,
            [
                NoticeKind::Order(OrderEvent::Instructions),
                NoticeKind::Order(OrderEvent::Placed)
            ]
        );
        assert_eq!(
            kinds(shop.buyer).await,
            [NoticeKind::Order(OrderEvent::Message)]
        );
        // The list names the order; a stranger has nothing.
        let listed = accounts.notifications(shop.buyer).await.unwrap();
        assert_eq!(listed[0].order.as_ref().map(|o| o.0), Some(id));
        assert_eq!(listed[0].href(), format!("/orders/{id}"));
        assert!(kinds(shop.other).await.is_empty());
        // Reading clears one's own only.
        assert_eq!(accounts.unread_notifications(shop.seller).await.unwrap(), 2);
        accounts.mark_notifications_read(shop.seller).await.unwrap();
        assert_eq!(accounts.unread_notifications(shop.seller).await.unwrap(), 0);
        assert_eq!(accounts.unread_notifications(shop.buyer).await.unwrap(), 1);
        assert!(accounts
            .notifications(shop.seller)
            .await
            .unwrap()
            .iter()
            .all(|n| n.read));

        // Reviews: the seller hears of a new rating (not of its change); the buyer of the
        // first reply.
        let done = completed(s, &shop, 2).await;
        review(s, BUYER(&shop), done, rate(5, GOOD)).await.unwrap();
        review(s, BUYER(&shop), done, rate(4, GOOD)).await.unwrap();
        let received = kinds(shop.seller).await;
        assert_eq!(
            received
                .iter()
                .filter(|k| **k == NoticeKind::ReviewReceived)
                .count(),
            1
        );
        let answer = || ReviewRequest::Reply {
            text: "شكراً لك".into(),
        };
        review(s, SELLER(&shop), done, answer()).await.unwrap();
        review(s, SELLER(&shop), done, answer()).await.unwrap();
        assert_eq!(
            kinds(shop.buyer)
                .await
                .iter()
                .filter(|k| **k == NoticeKind::ReviewReplied)
                .count(),
            1
        );
    })
    .await;
}

#[tokio::test]
async fn over_http_a_visitor_has_no_notifications() {
    for t in databases().await {
        let s = site(&t).await;
        let mut visitor = Browser::new(&s);
        assert_eq!(
            visitor.call(path::<GetNotifications>(), &[]).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            visitor
                .call(path::<MarkNotificationsRead>(), &[])
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        let unread = visitor.call(path::<GetBadges>(), &[]).await;
        assert_eq!(unread.status, StatusCode::OK);
        assert_eq!(
            serde_json::from_str::<shared::messages::Badges>(&unread.body).unwrap(),
            shared::messages::Badges::default()
        );
        let mut member = Browser::new(&s);
        register(&mut member, "noticemember").await;
        let mine = member.call(path::<GetNotifications>(), &[]).await;
        assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
        assert_eq!(mine.body.trim(), "[]");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn emails_go_in_the_recipients_language_as_they_chose() {
    crate::orders::each(async |_t, s, shop| {
        use server::notifications::mail::deliver;
        use shared::lang::Lang;
        let (db, m, accounts) = (&s.state.db, &s.state.conversations, &s.state.accounts);
        let email = |user: i64| async move {
            sqlx::query_scalar::<_, String>("SELECT email FROM users WHERE id = $1")
                .bind(user)
                .fetch_one(db.pool())
                .await
                .unwrap()
        };
        let subjects = |to: String| async move {
            server::infra::mail::outbox(db, 100)
                .await
                .unwrap()
                .into_iter()
                .filter(|mail| mail.recipient == to)
                .map(|mail| mail.subject)
                .collect::<Vec<_>>()
        };
        accounts.set_language(shop.buyer, Lang::En).await.unwrap();
        let id = m
            .contact(shop.buyer, shop.service, "هل يمكن التسليم غدًا؟")
            .await
            .unwrap();
        m.send(shop.seller, id, "نعم بإذن الله", &[]).await.unwrap();
        // Nothing is mailed inside the step; the jobs send what became due, once.
        assert!(subjects(email(shop.seller).await).await.is_empty());
        assert_eq!(deliver(db, &s.state.mailing).await.unwrap(), 2);
        assert_eq!(deliver(db, &s.state.mailing).await.unwrap(), 0);
        let to_seller = subjects(email(shop.seller).await).await;
        assert_eq!(to_seller.len(), 1);
        assert!(to_seller[0].starts_with("رسالة جديدة"), "{to_seller:?}");
        let to_buyer = subjects(email(shop.buyer).await).await;
        assert_eq!(to_buyer.len(), 1);
        assert!(to_buyer[0].starts_with("A new message"), "{to_buyer:?}");
        // Messages turned off: the bell still rings, no email goes.
        let mut off = accounts.mail_preferences(shop.buyer).await.unwrap();
        assert!(off.messages);
        off.messages = false;
        accounts
            .set_mail_preferences(shop.buyer, off)
            .await
            .unwrap();
        assert_eq!(accounts.mail_preferences(shop.buyer).await.unwrap(), off);
        m.send(shop.seller, id, "وأرسلت لك نموذجًا", &[])
            .await
            .unwrap();
        assert_eq!(accounts.unread_notifications(shop.buyer).await.unwrap(), 2);
        assert_eq!(deliver(db, &s.state.mailing).await.unwrap(), 0);
        // An address not verified gets no email.
        sqlx::query("UPDATE users SET email_verified_at = NULL WHERE id = $1")
            .bind(shop.seller)
            .execute(db.pool())
            .await
            .unwrap();
        m.send(shop.buyer, id, "شكرًا", &[]).await.unwrap();
        assert_eq!(deliver(db, &s.state.mailing).await.unwrap(), 0);
    })
    .await;
}

#[tokio::test]
async fn mail_preferences_over_http_are_each_members_own() {
    use app::api::account::{GetMailPreferences, SaveMailPreferences};
    use shared::notifications::MailPreferences;
    for t in databases().await {
        let s = site(&t).await;
        let mut visitor = Browser::new(&s);
        assert_eq!(
            visitor.call(path::<GetMailPreferences>(), &[]).await.status,
            StatusCode::UNAUTHORIZED
        );
        let mut member = Browser::new(&s);
        register(&mut member, "mailprefs").await;
        let got = member.call(path::<GetMailPreferences>(), &[]).await;
        assert_eq!(
            serde_json::from_str::<MailPreferences>(&got.body).unwrap(),
            MailPreferences::default()
        );
        let choice = MailPreferences {
            orders: true,
            messages: false,
            reviews: false,
            wallet: true,
        };
        let saved = member
            .call_json(
                path::<SaveMailPreferences>(),
                serde_json::json!({ "preferences": choice }),
            )
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let got = member.call(path::<GetMailPreferences>(), &[]).await;
        assert_eq!(
            serde_json::from_str::<MailPreferences>(&got.body).unwrap(),
            choice
        );
        let mut other = Browser::new(&s);
        register(&mut other, "mailprefs2").await;
        let theirs = other.call(path::<GetMailPreferences>(), &[]).await;
        assert_eq!(
            serde_json::from_str::<MailPreferences>(&theirs.body).unwrap(),
            MailPreferences::default()
        );
        t.cleanup().await;
    }
}
