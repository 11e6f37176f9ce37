//! Accounts end to end through the real router: sign-up, verification, login, logout,
//! reset, password change, throttling, sessions; on SQLite and PostgreSQL.

use crate::common::web::{path, site, site_with, Browser, Site};
use crate::common::{databases, TestDb};
use app::api::account::{
    ChangePassword, GetMe, LogIn, Register, RequestPasswordReset, ResetPassword, VerifyEmail,
};
use axum::http::StatusCode;
use server::accounts::{
    ACCOUNT_CLIENT_LIMIT, ACCOUNT_LIMIT, CLIENT_LIMIT, MAIL_LIMIT, SIGN_UP_LIMIT,
};
use shared::error::{DomainError, Refusal};

const PASSWORD: &str = "قهوة-الصباح-2026";

async fn register(b: &mut Browser, username: &str) -> crate::common::web::Response {
    b.call(
        path::<Register>(),
        &[
            ("first_name", "سارة"),
            ("last_name", "العلي"),
            ("email", &format!("{username}@example.com")),
            ("password", PASSWORD),
            ("username", username),
        ],
    )
    .await
}

async fn me(b: &mut Browser) -> serde_json::Value {
    let r = b.call(path::<GetMe>(), &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    serde_json::from_str(&r.body).unwrap()
}

async fn log_in(b: &mut Browser, email: &str, password: &str) -> crate::common::web::Response {
    b.call(path::<LogIn>(), &[("email", email), ("password", password)])
        .await
}

/// The newest mailed link to `to`, from the outbox.
async fn mailed_link(t: &TestDb, to: &str) -> String {
    let mails = server::infra::mail::outbox(&t.db, 50).await.unwrap();
    mails
        .into_iter()
        .find(|m| m.recipient == to)
        .and_then(|m| m.link)
        .expect("a mailed link")
}

fn token_of(link: &str) -> &str {
    link.split("token=").nth(1).unwrap()
}

async fn each(test: impl AsyncFn(&TestDb, &Site)) {
    for t in databases().await {
        let s = site(&t).await;
        test(&t, &s).await;
        t.cleanup().await;
    }
}

#[tokio::test]
async fn sign_up_verify_log_out_and_log_in() {
    each(async |t, s| {
        let mut b = Browser::new(s);
        let r = register(&mut b, "sara").await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", t.backend, r.body);
        let cookie = r.header("set-cookie").unwrap();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        assert!(
            !cookie.contains("Secure"),
            "development cookies work over http"
        );
        assert_eq!(me(&mut b).await["username"], "sara");
        assert_eq!(me(&mut b).await["email_verified"], false);

        let link = mailed_link(t, "sara@example.com").await;
        assert!(link.starts_with("/verify-email?token="), "{link}");
        let r = b
            .call(path::<VerifyEmail>(), &[("token", token_of(&link))])
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(me(&mut b).await["email_verified"], true);
        // A verification link works once.
        let r = b
            .call(path::<VerifyEmail>(), &[("token", token_of(&link))])
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.refused(Refusal::LinkInvalid), "{}", r.body);

        let old = b.cookie.clone();
        let r = b.post_form("/logout").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(me(&mut b).await.is_null());
        // The old cookie is dead on the server too.
        let mut replay = b.clone();
        replay.cookie = old;
        assert!(me(&mut replay).await.is_null(), "{}", t.backend);

        let r = log_in(&mut b, "SARA@example.com ", PASSWORD).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(me(&mut b).await["username"], "sara");
    })
    .await;
}

#[tokio::test]
async fn bad_sign_ups_change_nothing() {
    each(async |t, s| {
        let mut b = Browser::new(s);
        assert_eq!(register(&mut b, "sara").await.status, StatusCode::OK);
        let mut other = Browser::new(s);
        let r = register(&mut other, "sara").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("error-email-taken"), "{}", r.body);
        let r = other
            .call(
                path::<Register>(),
                &[
                    ("first_name", "x"),
                    ("last_name", "y"),
                    ("email", "not-an-email"),
                    ("password", "password1"),
                    ("username", "9lives"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        for id in [
            "error-email-invalid",
            "error-password-common",
            "error-username-chars",
        ] {
            assert!(r.body.contains(id), "{id} in {}", r.body);
        }
        assert!(!r.body.to_lowercase().contains("sql"), "{}", r.body);
        assert!(me(&mut other).await.is_null());
        let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(users, 1, "{}", t.backend);
    })
    .await;
}

#[tokio::test]
async fn the_session_id_changes_at_every_login_and_old_ids_stop_working() {
    each(async |_, s| {
        let mut a = Browser::new(s);
        register(&mut a, "amal").await;
        let mut b = Browser::new(s);
        register(&mut b, "badr").await;

        let mut browser = Browser::new(s);
        log_in(&mut browser, "amal@example.com", PASSWORD).await;
        let first = browser.cookie.clone().unwrap();
        assert_eq!(me(&mut browser).await["username"], "amal");
        // Logging in again, as someone else, from the same browser.
        log_in(&mut browser, "badr@example.com", PASSWORD).await;
        let second = browser.cookie.clone().unwrap();
        assert_ne!(first, second);
        assert_eq!(me(&mut browser).await["username"], "badr");
        let mut stale = browser.clone();
        stale.cookie = Some(first);
        assert!(me(&mut stale).await.is_null());
        // And again as the same user.
        log_in(&mut browser, "badr@example.com", PASSWORD).await;
        assert_ne!(browser.cookie.clone().unwrap(), second);
    })
    .await;
}

#[tokio::test]
async fn sessions_survive_a_restart() {
    for t in databases().await {
        let s = site(&t).await;
        let mut b = Browser::new(&s);
        register(&mut b, "sara").await;
        let cookie = b.cookie.clone();
        drop(s);
        let restarted = site(&t).await;
        let mut again = Browser::new(&restarted);
        again.cookie = cookie;
        assert_eq!(me(&mut again).await["username"], "sara", "{}", t.backend);
        t.cleanup().await;
    }
}

const OWNER_ADDRESS: &str = "203.0.113.5";

/// Sara signs up and logs in once from her usual address.
async fn owner(s: &Site) -> Browser {
    let mut owner = Browser::new(s).from(OWNER_ADDRESS);
    register(&mut owner, "sara").await;
    let r = log_in(&mut owner, "sara@example.com", PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    owner
}

#[tokio::test]
async fn a_guessing_client_is_stopped_and_the_owner_is_not_locked_out() {
    each(async |t, s| {
        let mut owner = owner(s).await;
        let mut attacker = Browser::new(s).from("198.51.100.9");
        let wrong = log_in(&mut attacker, "sara@example.com", "wrong-password-1").await;
        let unknown = log_in(&mut attacker, "nobody@example.com", "wrong-password-1").await;
        // Unknown email and wrong password: the same answer.
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
        assert_eq!((wrong.status, &wrong.body), (unknown.status, &unknown.body));
        for _ in 1..ACCOUNT_CLIENT_LIMIT.hits {
            log_in(&mut attacker, "sara@example.com", "wrong-password-1").await;
        }
        // That client now waits, even with the right password…
        let r = log_in(&mut attacker, "sara@example.com", PASSWORD).await;
        assert_eq!(
            r.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}: {}",
            t.backend,
            r.body
        );
        assert!(
            r.error() == Some(DomainError::Throttled { minutes: 15 }),
            "{}",
            r.body
        );
        // …and the owner, from her own address, is not locked out.
        let r = log_in(&mut owner, "sara@example.com", PASSWORD).await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", t.backend, r.body);
        // The window ends and the client may try again.
        s.clock.advance(ACCOUNT_CLIENT_LIMIT.window_secs + 1);
        let r = log_in(&mut attacker, "sara@example.com", PASSWORD).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    })
    .await;
}

/// Guessing spread over many addresses stops at the account-wide limit for new clients,
/// while a client that logged in before still gets in.
#[tokio::test]
async fn guessing_from_many_addresses_does_not_lock_out_a_known_client() {
    each(async |t, s| {
        let mut owner = owner(s).await;
        for i in 0..ACCOUNT_LIMIT.hits {
            let mut bot = Browser::new(s).from(&format!("198.51.100.{}", i + 1));
            let r = log_in(&mut bot, "sara@example.com", "wrong-password-1").await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        }
        let mut stranger = Browser::new(s).from("192.0.2.200");
        let r = log_in(&mut stranger, "sara@example.com", PASSWORD).await;
        assert_eq!(
            r.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}: {}",
            t.backend,
            r.body
        );
        let r = log_in(&mut owner, "sara@example.com", PASSWORD).await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", t.backend, r.body);
    })
    .await;
}

#[tokio::test]
async fn logins_are_throttled_per_client_address() {
    each(async |_, s| {
        let mut owner = owner(s).await;
        let mut bot = Browser::new(s).from("198.51.100.10");
        for i in 0..CLIENT_LIMIT.hits {
            log_in(
                &mut bot,
                &format!("user{i}@example.com"),
                "wrong-password-1",
            )
            .await;
        }
        let r = log_in(&mut bot, "sara@example.com", PASSWORD).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
        // Another address is not affected.
        let r = log_in(&mut owner, "sara@example.com", PASSWORD).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    })
    .await;
}

/// Counting and deciding are one step: a burst of parallel guesses gets exactly the
/// allowed number of password checks, not one each.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_get_no_more_password_checks_than_the_limit() {
    use shared::ports::AccountStore;
    for t in databases().await {
        let s = site(&t).await;
        owner(&s).await;
        let accounts = std::sync::Arc::new(server::accounts::SqlAccounts::new(
            t.db.clone(),
            server::infra::mail::Mailer::Outbox,
            s.clock.clock(),
            "http://khidmat.test".into(),
        ));
        let attempts = (0..20).map(|_| {
            let accounts = accounts.clone();
            async move {
                accounts
                    .log_in("sara@example.com", "wrong-password-1", "198.51.100.77")
                    .await
                    .map(|_| ())
            }
        });
        let results = futures_join_all(attempts).await;
        assert_eq!(
            accounts.password_checks(),
            ACCOUNT_CLIENT_LIMIT.hits as u64,
            "{}",
            t.backend
        );
        let throttled = results
            .iter()
            .filter(|r| matches!(r, Err(shared::error::DomainError::Throttled { .. })))
            .count();
        assert_eq!(throttled, 20 - ACCOUNT_CLIENT_LIMIT.hits as usize);
        t.cleanup().await;
    }
}

/// Runs the futures at once on the test's runtime and collects their outputs in order.
async fn futures_join_all<F: std::future::Future + Send + 'static>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

/// Peak resident memory of this process (VmHWM), in KiB.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// 300 sign-ups at once: the ones over the per-client limit are refused before any work,
/// the rest are hashed a core's worth at a time (each Argon2 hash takes 19 MiB), memory
/// stays bounded and the health check keeps answering throughout.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_sign_ups_is_throttled_and_hashed_a_few_at_a_time() {
    each(async |t, s| {
        let before = peak_rss_kib();
        let addresses = 20;
        let burst = (0..300).map(|i| {
            let mut b = Browser::new(s).from(&format!("198.51.100.{}", i % addresses + 1));
            async move { register(&mut b, &format!("user{i}")).await.status }
        });
        let health = {
            let mut b = Browser::new(s);
            tokio::spawn(async move {
                let mut answers = Vec::new();
                for _ in 0..40 {
                    answers.push(b.get("/healthz").await.status);
                    tokio::time::sleep(std::time::Duration::from_millis(25)).await;
                }
                answers
            })
        };
        let statuses = futures_join_all(burst).await;
        let created = statuses.iter().filter(|s| **s == StatusCode::OK).count();
        let refused = statuses
            .iter()
            .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
            .count();
        assert_eq!(
            created,
            addresses * SIGN_UP_LIMIT.hits as usize,
            "{}",
            t.backend
        );
        assert_eq!(refused, 300 - created, "{}: {statuses:?}", t.backend);
        let health = health.await.unwrap();
        assert!(health.iter().all(|s| *s == StatusCode::OK), "{health:?}");
        assert!(
            server::infra::passwords::peak_concurrent()
                <= server::infra::passwords::max_concurrent(),
            "more hashes ran at once than there are cores"
        );
        let grown_mib = peak_rss_kib().saturating_sub(before) / 1024;
        eprintln!(
            "{}: 300 sign-ups grew peak memory by {grown_mib} MiB",
            t.backend
        );
        assert!(grown_mib < 512, "peak memory grew by {grown_mib} MiB");
    })
    .await;
}

#[tokio::test]
async fn mailed_links_are_throttled_per_client_and_per_address() {
    each(async |t, s| {
        owner(s).await;
        let mut b = Browser::new(s).from("198.51.100.20");
        for _ in 0..MAIL_LIMIT.hits {
            let r = b
                .call(
                    path::<RequestPasswordReset>(),
                    &[("email", "sara@example.com")],
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        }
        let r = b
            .call(
                path::<RequestPasswordReset>(),
                &[("email", "sara@example.com")],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}: {}",
            t.backend,
            r.body
        );
        // The mailbox is protected from other addresses too.
        let mut other = Browser::new(s).from("198.51.100.21");
        let r = other
            .call(
                path::<RequestPasswordReset>(),
                &[("email", "sara@example.com")],
            )
            .await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
        let sent = server::infra::mail::outbox(&t.db, 50)
            .await
            .unwrap()
            .iter()
            .filter(|m| m.recipient == "sara@example.com" && m.subject.contains("Reset"))
            .count();
        assert_eq!(sent, MAIL_LIMIT.hits as usize);
    })
    .await;
}

/// The account is made before its mail is sent: a mail server that is down must not turn
/// the sign-up into an error (a retry would then say the email is taken).
#[tokio::test]
async fn a_sign_up_succeeds_when_the_mail_server_is_down() {
    for t in databases().await {
        let s = site_with(&t, |c| c.smtp_url = Some("smtp://127.0.0.1:9".into())).await;
        let mut b = Browser::new(&s);
        let r = register(&mut b, "sara").await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", t.backend, r.body);
        assert_eq!(me(&mut b).await["username"], "sara");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_reset_link_works_once_and_expires() {
    each(async |t, s| {
        let mut b = Browser::new(s);
        register(&mut b, "sara").await;
        let mut other = Browser::new(s);
        // Unknown emails get the same answer as known ones.
        let r = other
            .call(
                path::<RequestPasswordReset>(),
                &[("email", "ghost@example.com")],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let r = other
            .call(
                path::<RequestPasswordReset>(),
                &[("email", "sara@example.com")],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let link = mailed_link(t, "sara@example.com").await;
        assert!(link.starts_with("/reset-password?token="), "{link}");
        let new = "نخلة-وتمر-وقهوة";
        let r = other
            .call(
                path::<ResetPassword>(),
                &[("token", token_of(&link)), ("password", new)],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let r = other
            .call(
                path::<ResetPassword>(),
                &[("token", token_of(&link)), ("password", new)],
            )
            .await;
        assert!(r.refused(Refusal::LinkInvalid), "{}", r.body);
        // The reset ended the session that was open, and only the new password works.
        assert!(me(&mut b).await.is_null(), "{}", t.backend);
        assert_eq!(
            log_in(&mut other, "sara@example.com", PASSWORD)
                .await
                .status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            log_in(&mut other, "sara@example.com", new).await.status,
            StatusCode::OK
        );

        other
            .call(
                path::<RequestPasswordReset>(),
                &[("email", "sara@example.com")],
            )
            .await;
        let late = mailed_link(t, "sara@example.com").await;
        s.clock.advance(2 * 3600);
        let r = other
            .call(
                path::<ResetPassword>(),
                &[
                    ("token", token_of(&late)),
                    ("password", "another-good-one-2026"),
                ],
            )
            .await;
        assert!(r.refused(Refusal::LinkInvalid), "{}", r.body);
    })
    .await;
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    each(async |t, s| {
        let mut laptop = Browser::new(s);
        register(&mut laptop, "sara").await;
        let mut phone = Browser::new(s);
        log_in(&mut phone, "sara@example.com", PASSWORD).await;
        assert_eq!(me(&mut phone).await["username"], "sara");
        let r = laptop
            .call(
                path::<ChangePassword>(),
                &[
                    ("current_password", "wrong"),
                    ("new_password", "جديدة-وقوية-2026"),
                ],
            )
            .await;
        assert!(r.body.contains("error-password-wrong"), "{}", r.body);
        let r = laptop
            .call(
                path::<ChangePassword>(),
                &[
                    ("current_password", PASSWORD),
                    ("new_password", "جديدة-وقوية-2026"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(me(&mut laptop).await["username"], "sara", "{}", t.backend);
        assert!(me(&mut phone).await.is_null(), "{}", t.backend);
    })
    .await;
}

#[tokio::test]
async fn suspended_users_cannot_log_in_and_their_sessions_end() {
    each(async |t, s| {
        let mut b = Browser::new(s);
        register(&mut b, "sara").await;
        let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'sara'")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        s.state.moderation.set_suspended(id, true).await.unwrap();
        assert!(me(&mut b).await.is_null());
        let r = log_in(&mut b, "sara@example.com", PASSWORD).await;
        assert!(r.refused(Refusal::AccountSuspended), "{}", r.body);
        s.state.moderation.set_suspended(id, false).await.unwrap();
        assert_eq!(
            log_in(&mut b, "sara@example.com", PASSWORD).await.status,
            StatusCode::OK
        );
    })
    .await;
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    each(async |_, s| {
        let mut b = Browser::new(s);
        for (name, value) in [
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://evil.example"),
        ] {
            let req = axum::http::Request::post(path::<LogIn>())
                .header("host", "khidmat.test")
                .header(name, value)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from("email=a%40b.c&password=x"))
                .unwrap();
            assert_eq!(b.send(req).await.status, StatusCode::FORBIDDEN, "{name}");
            let req = axum::http::Request::post("/logout")
                .header(name, value)
                .header("host", "khidmat.test")
                .body(axum::body::Body::empty())
                .unwrap();
            assert_eq!(b.send(req).await.status, StatusCode::FORBIDDEN, "{name}");
        }
    })
    .await;
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    each(async |_, s| {
        let mut b = Browser::new(s);
        let page = b.get("/login").await;
        assert_eq!(page.status, StatusCode::OK);
        let csp = page.header("content-security-policy").unwrap().to_owned();
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        // The page's inline scripts carry the nonce the policy names, and only they run.
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .unwrap()
            .split('\'')
            .next()
            .unwrap();
        assert!(
            page.body.contains(&format!("nonce=\"{nonce}\"")),
            "nonce in page"
        );
        assert!(
            !csp.contains("unsafe-inline'; script")
                && !csp.contains("script-src 'self' 'unsafe-inline'")
        );
        for r in [
            &page,
            &b.get("/healthz").await,
            &b.call(path::<GetMe>(), &[]).await,
        ] {
            assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
            assert!(r.header("referrer-policy").is_some());
            assert!(r.header("content-security-policy").is_some());
            // Development: no HSTS.
            assert!(r.header("strict-transport-security").is_none());
        }
        // A second page gets a different nonce.
        let again = b.get("/login").await;
        assert_ne!(again.header("content-security-policy").unwrap(), csp);
    })
    .await;
}
