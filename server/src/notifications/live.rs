//! Live updates: who has something new, told to the server processes that hold their open
//! connections (`GET /live`).
//!
//! A notification is the one thing that makes news, so it is also the signal. On
//! PostgreSQL the signal is a `NOTIFY`, delivered to every server process that `LISTEN`s,
//! which is how several processes on one database tell each other; on SQLite (one
//! process) an in-process channel carries it. Either way it may arrive before the
//! notification's transaction commits (or is rolled back), so whoever reads the news
//! waits for the notification's row to be committed first ([`Live::visible`]).
//!
//! The `NOTIFY` is not sent inside the notification's transaction: PostgreSQL commits
//! every transaction that notified one at a time (a database-wide lock held through the
//! commit's disk flush), which halved the checkouts per second. A background task sends
//! it on its own connection, right after the step asks for it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::postgres::PgListener;
use tokio::sync::{broadcast, mpsc, oneshot};

use crate::infra::db::Backend;

/// The PostgreSQL channel the servers listen on.
const CHANNEL: &str = "khidmat_live";

/// Signals kept for a slow reader before it misses some (it then re-reads its counts).
const BUFFERED: usize = 1024;

/// PostgreSQL: signals waiting for their `NOTIFY` before new ones are dropped.
const UNSENT: usize = 4096;

/// Something new for `user`: notification `notification`, about `conversation` if a
/// message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signal {
    pub user: i64,
    pub notification: i64,
    pub conversation: Option<i64>,
}

impl Signal {
    fn payload(self) -> String {
        format!(
            "{}:{}:{}",
            self.user,
            self.notification,
            self.conversation.unwrap_or(0)
        )
    }

    fn parse(payload: &str) -> Option<Signal> {
        let mut parts = payload.split(':').map(str::parse::<i64>);
        let (Some(Ok(user)), Some(Ok(notification)), Some(Ok(conversation)), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        Some(Signal {
            user,
            notification,
            conversation: (conversation != 0).then_some(conversation),
        })
    }
}

#[derive(Clone, Debug)]
pub struct Live {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    sender: broadcast::Sender<Signal>,
    /// The PostgreSQL URL to listen on (`None` on SQLite).
    listen_url: Option<String>,
    /// Whether a listener task runs: it starts with the first open connection and stops
    /// when none is left, so a server nobody watches holds no extra database connection.
    listening: Mutex<bool>,
    /// PostgreSQL: signals on their way to `NOTIFY`, and the pool that sends them.
    outbox: Option<(mpsc::Sender<Signal>, sqlx::AnyPool)>,
    /// The receiving end, until the first signal starts the task that sends them.
    unsent: Mutex<Option<mpsc::Receiver<Signal>>>,
}

impl Live {
    pub fn new(backend: Backend, url: &str, pool: &sqlx::AnyPool) -> Live {
        let postgres = backend == Backend::Postgres;
        let (outbox, unsent) = if postgres {
            let (send, receive) = mpsc::channel(UNSENT);
            (Some((send, pool.clone())), Some(receive))
        } else {
            (None, None)
        };
        Live {
            inner: Arc::new(Inner {
                sender: broadcast::channel(BUFFERED).0,
                listen_url: postgres.then(|| url.to_owned()),
                listening: Mutex::new(false),
                outbox,
                unsent: Mutex::new(unsent),
            }),
        }
    }

    /// Signals a notification written in a transaction not yet committed: a `NOTIFY` on
    /// PostgreSQL (sent outside that transaction, see the module's comment), the channel
    /// on SQLite.
    pub(crate) fn signal(&self, signal: Signal) {
        match &self.inner.outbox {
            Some((outbox, pool)) => {
                let unsent = self
                    .inner
                    .unsent
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .take();
                if let Some(unsent) = unsent {
                    tokio::spawn(send_notifies(unsent, pool.clone()));
                }
                // Full only while the database cannot take them: dropped, like a
                // signal that fails to send.
                let _ = outbox.try_send(signal);
            }
            // Nobody listening is not an error.
            None => {
                let _ = self.inner.sender.send(signal);
            }
        }
    }

    /// Every signal from now on. On PostgreSQL the first subscriber starts the listener
    /// and waits (up to 5 s) until it listens, so nothing committed after this returns is
    /// missed.
    pub async fn subscribe(&self) -> broadcast::Receiver<Signal> {
        let receiver = self.inner.sender.subscribe();
        if let Some(url) = &self.inner.listen_url {
            let start = {
                let mut listening = self
                    .inner
                    .listening
                    .lock()
                    .unwrap_or_else(|e| e.into_inner());
                !std::mem::replace(&mut *listening, true)
            };
            if start {
                let (ready, listens) = oneshot::channel();
                tokio::spawn(listen(self.inner.clone(), url.clone(), ready));
                let _ = tokio::time::timeout(Duration::from_secs(5), listens).await;
            }
        }
        receiver
    }

    /// Waits until notification `id` is committed (SQLite signals before its commit) or
    /// 2 s have passed (its transaction was rolled back); true if it is there.
    pub async fn visible(db: &crate::infra::db::Db, id: i64) -> bool {
        for _ in 0..80 {
            let found = sqlx::query_scalar::<_, i64>("SELECT id FROM notifications WHERE id = $1")
                .bind(id)
                .fetch_optional(db.pool())
                .await;
            if matches!(found, Ok(Some(_))) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        false
    }
}

/// Sends each signal as a `NOTIFY` of its own, in the order they were asked for. A signal
/// that cannot be sent is dropped: an open page re-reads its counts when it reconnects.
async fn send_notifies(mut unsent: mpsc::Receiver<Signal>, pool: sqlx::AnyPool) {
    while let Some(signal) = unsent.recv().await {
        let sent = sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(signal.payload())
            .execute(&pool)
            .await;
        match sent {
            Ok(_) => {}
            // The server is shutting down.
            Err(sqlx::Error::PoolClosed) => return,
            Err(e) => tracing::warn!(error = %e, "live updates: cannot notify"),
        }
    }
}

/// Forwards the channel's notifications to this process's subscribers until none is left.
/// `PgListener` reconnects by itself after a dropped connection; a failed reconnect is
/// retried every second.
async fn listen(inner: Arc<Inner>, url: String, ready: oneshot::Sender<()>) {
    let mut ready = Some(ready);
    loop {
        let mut listener = match PgListener::connect(&url).await {
            Ok(l) => l,
            Err(e) => {
                tracing::warn!(error = %e, "live updates: cannot connect, retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if let Err(e) = listener.listen(CHANNEL).await {
            tracing::warn!(error = %e, "live updates: cannot listen, retrying");
            tokio::time::sleep(Duration::from_secs(1)).await;
            continue;
        }
        if let Some(ready) = ready.take() {
            let _ = ready.send(());
        }
        loop {
            tokio::select! {
                received = listener.recv() => match received {
                    Ok(n) => {
                        if let Some(signal) = Signal::parse(n.payload()) {
                            let _ = inner.sender.send(signal);
                        }
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "live updates: connection lost");
                        break;
                    }
                },
                () = tokio::time::sleep(Duration::from_secs(1)) => {
                    let mut listening = inner.listening.lock().unwrap_or_else(|e| e.into_inner());
                    if inner.sender.receiver_count() == 0 {
                        *listening = false;
                        return;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Signal;

    #[test]
    fn signals_cross_the_wire_intact() {
        for signal in [
            Signal {
                user: 7,
                notification: 99,
                conversation: None,
            },
            Signal {
                user: 1,
                notification: 2,
                conversation: Some(3),
            },
        ] {
            assert_eq!(Signal::parse(&signal.payload()), Some(signal));
        }
        assert_eq!(Signal::parse("1:2"), None);
        assert_eq!(Signal::parse("a:2:3"), None);
        assert_eq!(Signal::parse("1:2:3:4"), None);
    }
}
