//! Conversations against real SQLite and PostgreSQL: only their two members read or write
//! them; a refused message stores nothing; unread counts, badges and notifications move
//! together; over HTTP each server function and the no-JavaScript form answer as they
//! should; a message reaches a live connection, also one held by another server process
//! on the same PostgreSQL.

use std::time::Duration;

use app::api::messages::{ContactSeller, GetBadges, GetConversation, GetInbox, SendMessage};
use axum::http::StatusCode;
use serde_json::json;
use server::infra::db::Db;
use server::web::{router, serve, AppState, Limits};
use shared::error::{DomainError, Refusal};
use shared::messages::{Badges, LiveUpdate, Side};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::common::databases;
use crate::common::web::{path, site, Browser, Site, TestClock};
use crate::orders::{each, signed_in_parties};

const HELLO: &str = "السلام عليكم، هل يمكن تسليم الشعار خلال يومين؟";
const PHONE: &str = "كلمني واتس ٠٥٥١٢٣٤٥٦٧ أسرع";

async fn count(s: &Site, table: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(s.state.db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn members_write_read_and_their_counts_follow() {
    each(async |_t, s, shop| {
        let m = &s.state.conversations;
        let id = m.contact(shop.buyer, shop.service, HELLO).await.unwrap();
        assert_eq!(
            m.badges(shop.seller).await.unwrap(),
            Badges {
                notifications: 1,
                messages: 1
            }
        );
        assert_eq!(m.badges(shop.buyer).await.unwrap(), Badges::default());
        // A second "contact" about the same service continues the same conversation.
        let again = m
            .contact(shop.buyer, shop.service, "وهل تشمل الملفات المصدرية؟")
            .await
            .unwrap();
        assert_eq!(again, id);
        let inbox = m.inbox(shop.seller).await.unwrap();
        assert_eq!(inbox.len(), 1);
        assert_eq!(
            (inbox[0].unread, inbox[0].side, inbox[0].last_mine),
            (2, Side::Seller, false)
        );
        // Opening it reads it: the unread count and its notifications clear.
        let seen = m.conversation(shop.seller, id).await.unwrap();
        assert_eq!(seen.messages.len(), 2);
        assert_eq!(seen.messages[0].body, HELLO);
        assert!(!seen.messages[0].mine);
        assert_eq!(m.badges(shop.seller).await.unwrap(), Badges::default());
        m.send(shop.seller, id, "نعم، خلال يومين بإذن الله.", &[])
            .await
            .unwrap();
        assert_eq!(
            m.badges(shop.buyer).await.unwrap(),
            Badges {
                notifications: 1,
                messages: 1
            }
        );
        let line = &m.inbox(shop.buyer).await.unwrap()[0];
        assert_eq!(
            (line.unread, line.side, line.last.as_str()),
            (1, Side::Asker, "نعم، خلال يومين بإذن الله.")
        );
        // The seller's first reply is kept for their response time, and stays the first.
        let replied = || async {
            sqlx::query_scalar::<_, Option<i64>>(
                "SELECT seller_replied_at FROM conversations WHERE id = $1",
            )
            .bind(id)
            .fetch_one(s.state.db.pool())
            .await
            .unwrap()
        };
        let first = replied().await.expect("a reply time");
        s.clock.advance(3600);
        m.send(shop.seller, id, "أرسل لي التفاصيل هنا.", &[])
            .await
            .unwrap();
        assert_eq!(replied().await, Some(first));
    })
    .await;
}

#[tokio::test]
async fn only_the_two_members_and_bad_input_stores_nothing() {
    each(async |_t, s, shop| {
        let m = &s.state.conversations;
        let id = m.contact(shop.buyer, shop.service, HELLO).await.unwrap();
        let stranger = shop.other;
        assert_eq!(
            m.conversation(stranger, id).await.unwrap_err(),
            DomainError::NotFound
        );
        assert_eq!(
            m.send(stranger, id, "مرحبا", &[]).await.unwrap_err(),
            DomainError::NotFound
        );
        assert_eq!(
            m.conversation(shop.buyer, id + 1000).await.unwrap_err(),
            DomainError::NotFound
        );
        assert_eq!(
            m.contact(shop.seller, shop.service, HELLO)
                .await
                .unwrap_err(),
            DomainError::Refused(Refusal::MessageOwnService)
        );
        assert_eq!(
            m.contact(shop.buyer, -5, HELLO).await.unwrap_err(),
            DomainError::NotFound
        );
        let (messages, conversations, notices) = (
            count(s, "messages").await,
            count(s, "conversations").await,
            count(s, "notifications").await,
        );
        for (body, message) in [
            (PHONE, "contact-phone"),
            ("راسلني على ahmad at gmail dot com", "contact-email"),
            ("   ", "message-required"),
        ] {
            assert_eq!(
                m.send(shop.buyer, id, body, &[]).await.unwrap_err(),
                DomainError::field("body", message),
                "{body}"
            );
        }
        assert_eq!(
            m.send(shop.buyer, id, &"ب".repeat(2001), &[])
                .await
                .unwrap_err(),
            DomainError::field("body", "message-too-long")
        );
        assert!(m.contact(shop.buyer, shop.cheap, PHONE).await.is_err());
        // Someone else's file, or one never uploaded, cannot ride on a message.
        assert_eq!(
            m.send(shop.buyer, id, "الملف", &[424242])
                .await
                .unwrap_err(),
            DomainError::field("files", "error-order-file-invalid")
        );
        assert_eq!(
            (
                count(s, "messages").await,
                count(s, "conversations").await,
                count(s, "notifications").await
            ),
            (messages, conversations, notices)
        );
    })
    .await;
}

#[tokio::test]
async fn first_messages_at_once_make_one_conversation() {
    each(async |_t, s, shop| {
        let m = s.state.conversations.clone();
        let tasks: Vec<_> = (0..5)
            .map(|i| {
                let m = m.clone();
                tokio::spawn(async move {
                    m.contact(shop.buyer, shop.service, &format!("سؤال رقم {i} عن الخدمة"))
                        .await
                })
            })
            .collect();
        let mut ids = Vec::new();
        for t in tasks {
            ids.push(t.await.unwrap().unwrap());
        }
        ids.dedup();
        assert_eq!(ids.len(), 1);
        assert_eq!(count(s, "conversations").await, 1);
        assert_eq!(count(s, "messages").await, 5);
        assert_eq!(m.inbox(shop.seller).await.unwrap()[0].unread, 5);
    })
    .await;
}

#[tokio::test]
async fn over_http_each_function_and_the_form_without_javascript() {
    for t in databases().await {
        let s = site(&t).await;
        let (mut buyer, mut seller, mut stranger, shop) = signed_in_parties(&s, &t, "msg").await;
        let service = shop.service.to_string();
        let mut visitor = Browser::new(&s);
        for fn_path in [
            path::<ContactSeller>(),
            path::<GetInbox>(),
            path::<GetConversation>(),
        ] {
            let r = visitor
                .call(
                    fn_path,
                    &[("service", &service), ("body", HELLO), ("id", "1")],
                )
                .await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{fn_path}: {}", r.body);
        }
        let badges = visitor.call(path::<GetBadges>(), &[]).await;
        assert_eq!(badges.status, StatusCode::OK);
        assert_eq!(
            serde_json::from_str::<Badges>(&badges.body).unwrap(),
            Badges::default()
        );
        let own = seller
            .call(
                path::<ContactSeller>(),
                &[("service", &service), ("body", HELLO)],
            )
            .await;
        assert_eq!(own.status, StatusCode::BAD_REQUEST, "{}", own.body);
        assert!(own.refused(Refusal::MessageOwnService), "{}", own.body);
        let refused = buyer
            .call(
                path::<ContactSeller>(),
                &[("service", &service), ("body", PHONE)],
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
        assert!(refused.body.contains("contact-phone"), "{}", refused.body);
        let sent = buyer
            .call(
                path::<ContactSeller>(),
                &[("service", &service), ("body", HELLO)],
            )
            .await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        let id: i64 = sent.body.trim().parse().unwrap();
        let sid = id.to_string();
        let theirs = stranger
            .call(path::<GetConversation>(), &[("id", &sid)])
            .await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND, "{}", theirs.body);
        let intrude = stranger
            .call_json(
                path::<SendMessage>(),
                json!({"id": id, "body": "مرحبا", "files": []}),
            )
            .await;
        assert_eq!(intrude.status, StatusCode::NOT_FOUND, "{}", intrude.body);
        let badges = seller.call(path::<GetBadges>(), &[]).await;
        assert_eq!(
            serde_json::from_str::<Badges>(&badges.body).unwrap(),
            Badges {
                notifications: 1,
                messages: 1
            }
        );
        let read = seller
            .call(path::<GetConversation>(), &[("id", &sid)])
            .await;
        assert_eq!(read.status, StatusCode::OK, "{}", read.body);
        assert!(read.body.contains(HELLO));
        // Files: a member uploads, their next message carries it, only members download.
        let pdf = b"%PDF-1.7\n% brief\n";
        let upload = format!("/messages/{id}/files");
        assert_eq!(
            stranger.upload_to(&upload, pdf, "brief.pdf").await.status,
            StatusCode::NOT_FOUND
        );
        let up = seller.upload_to(&upload, pdf, "brief.pdf").await;
        assert_eq!(up.status, StatusCode::OK, "{}", up.body);
        let file = serde_json::from_str::<serde_json::Value>(&up.body).unwrap()["id"]
            .as_i64()
            .unwrap();
        let reply = seller
            .call_json(
                path::<SendMessage>(),
                json!({"id": id, "body": "", "files": [file]}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let download = format!("/messages/{id}/files/{file}");
        assert_eq!(buyer.get(&download).await.status, StatusCode::OK);
        assert_eq!(stranger.get(&download).await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            visitor.get(&download).await.status,
            StatusCode::UNAUTHORIZED
        );
        // Without JavaScript the form posts to /messages: refused, it comes back with the
        // reason and nothing is stored; sent, it goes to the conversation.
        let before = count(&s, "messages").await;
        let back = buyer
            .send(form(
                "/messages",
                &format!("conversation={id}&body={}", shared::search::encode(PHONE)),
            ))
            .await;
        assert_eq!(back.status, StatusCode::SEE_OTHER);
        assert_eq!(
            back.header("location"),
            Some(format!("/messages/{id}?refused=contact-phone").as_str())
        );
        assert_eq!(count(&s, "messages").await, before);
        let first = buyer
            .send(form(
                "/messages",
                &format!("service={service}&body={}", shared::search::encode(PHONE)),
            ))
            .await;
        assert_eq!(
            first.header("location"),
            Some(format!("/services/{service}/contact?refused=contact-phone").as_str())
        );
        let ok = buyer
            .send(form(
                "/messages",
                &format!(
                    "conversation={id}&body={}",
                    shared::search::encode("شكرًا، وصل الملف")
                ),
            ))
            .await;
        assert_eq!(
            ok.header("location"),
            Some(format!("/messages/{id}").as_str())
        );
        assert_eq!(count(&s, "messages").await, before + 1);
        let outsider = stranger
            .send(form("/messages", &format!("conversation={id}&body=hello")))
            .await;
        assert_eq!(outsider.status, StatusCode::NOT_FOUND);
        let anonymous = visitor
            .send(form("/messages", &format!("service={service}&body=hello")))
            .await;
        assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
        assert!(anonymous
            .header("location")
            .unwrap()
            .starts_with("/login?next="));
        assert_eq!(count(&s, "messages").await, before + 1);
        t.cleanup().await;
    }
}

fn form(path: &str, body: &str) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::post(path)
        .header("host", "khidmat.test")
        .header("origin", "http://khidmat.test")
        .header("sec-fetch-site", "same-origin")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(body.to_owned()))
        .unwrap()
}

/// A second server process on the same database: its own pool, its own live channel.
async fn second_server(s: &Site, t: &crate::common::TestDb) -> (std::net::SocketAddr, Db) {
    let db = Db::connect(t.db.url()).await.unwrap();
    let config = server::infra::config::Config::development(t.db.url(), t.dir.join("media"));
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("khidmat")
        .build();
    let clock = TestClock::new();
    let state = AppState::with_clock(options, db.clone(), &config, clock.clock())
        .await
        .unwrap();
    let _ = s;
    start(router(state)).await.map(|a| (a, db)).unwrap()
}

async fn start(router: axum::Router) -> Option<std::net::SocketAddr> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.ok()?;
    let addr = listener.local_addr().ok()?;
    tokio::spawn(serve(
        listener,
        router,
        Limits::default(),
        std::future::pending(),
    ));
    Some(addr)
}

/// Opens `GET /live` with `cookie` on `addr`; answers with a reader of its updates.
async fn connect_live(
    addr: std::net::SocketAddr,
    cookie: &str,
) -> BufReader<tokio::net::TcpStream> {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "GET /live HTTP/1.1\r\nHost: khidmat.test\r\nAccept: text/event-stream\r\nCookie: {}={cookie}\r\n\r\n",
        server::web::sessions::COOKIE_NAME
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    BufReader::new(stream)
}

/// The next update on the stream (the test fails after 10 s without one).
async fn next_update(reader: &mut BufReader<tokio::net::TcpStream>) -> LiveUpdate {
    let read = async {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(
                reader.read_line(&mut line).await.unwrap() > 0,
                "the stream ended"
            );
            if let Some(data) = line.trim_end().strip_prefix("data: ") {
                return serde_json::from_str::<LiveUpdate>(data).unwrap();
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(10), read)
        .await
        .expect("a live update within 10 s")
}

#[tokio::test]
async fn a_message_reaches_a_live_connection_also_on_another_server() {
    for t in databases().await {
        let s = site(&t).await;
        let (mut buyer, seller, _stranger, shop) = signed_in_parties(&s, &t, "live").await;
        // On PostgreSQL the seller watches through a second server process; on SQLite
        // (one process) through the same one.
        let (addr, other_db) = if t.backend == "postgres" {
            let (addr, db) = second_server(&s, &t).await;
            (addr, Some(db))
        } else {
            (start(s.router.clone()).await.unwrap(), None)
        };
        let mut live = connect_live(addr, seller.cookie.as_deref().unwrap()).await;
        assert_eq!(next_update(&mut live).await.badges, Badges::default());
        let sent = buyer
            .call(
                path::<ContactSeller>(),
                &[("service", &shop.service.to_string()), ("body", HELLO)],
            )
            .await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        let id: i64 = sent.body.trim().parse().unwrap();
        let update = next_update(&mut live).await;
        assert_eq!(update.conversation, Some(id));
        assert_eq!(
            update.badges,
            Badges {
                notifications: 1,
                messages: 1
            }
        );
        // A refused message tells nobody: the next update is the next real message.
        assert!(s
            .state
            .conversations
            .send(shop.buyer, id, PHONE, &[])
            .await
            .is_err());
        s.state
            .conversations
            .send(shop.buyer, id, "وسؤال أخير", &[])
            .await
            .unwrap();
        assert_eq!(
            next_update(&mut live).await.badges,
            Badges {
                notifications: 2,
                messages: 1
            }
        );
        // A visitor has no stream.
        let mut anonymous = tokio::net::TcpStream::connect(addr).await.unwrap();
        anonymous
            .write_all(b"GET /live HTTP/1.1\r\nHost: khidmat.test\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut answer = String::new();
        tokio::io::AsyncReadExt::read_to_string(&mut anonymous, &mut answer)
            .await
            .unwrap();
        assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
        drop(live);
        if let Some(db) = other_db {
            db.close().await;
        }
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_first_reply_to_an_inquiry_is_the_sellers_response_time() {
    each(async |_t, s, shop| {
        let m = &s.state.conversations;
        let now = || s.clock.0.load(std::sync::atomic::Ordering::SeqCst);
        let response = || async {
            server::selling::levels::figures(&s.state.db, shop.seller, now())
                .await
                .unwrap()
                .response_hours
        };
        let id = m.contact(shop.buyer, shop.service, HELLO).await.unwrap();
        // Unanswered, it counts as waiting until now.
        s.clock.advance(4 * 3600);
        assert_eq!(response().await, Some(4));
        s.clock.advance(6 * 3600);
        m.send(shop.seller, id, "أهلًا بك، نعم ممكن.", &[])
            .await
            .unwrap();
        // Later messages change nothing: the first reply took 10 hours.
        s.clock.advance(30 * 3600);
        m.send(shop.buyer, id, "شكرًا", &[]).await.unwrap();
        m.send(shop.seller, id, "العفو", &[]).await.unwrap();
        assert_eq!(response().await, Some(10));
    })
    .await;
}
