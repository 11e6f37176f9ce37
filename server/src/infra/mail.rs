//! Outgoing mail: through SMTP when `SMTP_URL` is set, otherwise into the `outbox` table,
//! whose links the log prints and the development page `/dev/outbox` lists.

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Serialize;
use shared::error::StoreError;

use crate::infra::clock::now;
use crate::infra::db::{incident, Db, OrIncident};

pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The link the mail is about (a path on this site), kept apart for the outbox page.
    pub link: Option<String>,
}

#[derive(Clone)]
pub enum Mailer {
    Outbox,
    Smtp {
        transport: Box<AsyncSmtpTransport<Tokio1Executor>>,
        from: Mailbox,
    },
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct OutboxMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub link: Option<String>,
    pub created_at: i64,
}

impl Mailer {
    pub fn from_config(smtp_url: Option<&str>, from: &str) -> Result<Mailer, String> {
        let Some(url) = smtp_url else {
            return Ok(Mailer::Outbox);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("SMTP_URL: {e}"))?
            .build();
        let transport = Box::new(transport);
        let from = from.parse().map_err(|e| format!("MAIL_FROM: {e}"))?;
        Ok(Mailer::Smtp { transport, from })
    }

    pub async fn send(&self, db: &Db, mail: Mail) -> Result<(), StoreError> {
        match self {
            Mailer::Outbox => {
                sqlx::query(
                    "INSERT INTO outbox (recipient, subject, body, link, created_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&mail.to)
                .bind(&mail.subject)
                .bind(&mail.body)
                .bind(&mail.link)
                .bind(now())
                .execute(db.pool())
                .await
                .or_incident("outbox insert")?;
                tracing::info!(to = %mail.to, subject = %mail.subject, link = ?mail.link, "mail kept in the outbox (no SMTP_URL)");
                Ok(())
            }
            Mailer::Smtp { transport, from } => {
                let to: Mailbox = mail.to.parse().map_err(|e| incident("mail recipient", e))?;
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(mail.subject)
                    .body(mail.body)
                    .map_err(|e| incident("mail build", e))?;
                transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| incident("smtp send", e))
            }
        }
    }
}

/// The newest mail in the outbox (development only).
pub async fn outbox(db: &Db, limit: i64) -> Result<Vec<OutboxMail>, StoreError> {
    sqlx::query_as::<_, OutboxMail>(
        "SELECT id, recipient, subject, body, link, created_at FROM outbox \
         ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.pool())
    .await
    .or_incident("outbox list")
}
