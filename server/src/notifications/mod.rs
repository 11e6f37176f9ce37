//! In-app notifications: written in the transaction of what they tell about (an order's
//! step or message, a new order, a review, a decided withdrawal), so there is never a
//! notification of something that did not happen, nor a step nobody was told of.

pub mod live;
pub mod mail;

use shared::error::StoreError;
use shared::lang::Lang;
use shared::notifications::{order_recipients, MailPreferences, MailTopic, Notice, NoticeKind};
use shared::orders::lifecycle::OrderEvent;
use shared::orders::Author;
use sqlx::{Any, Transaction};

use crate::infra::db::{Db, OrIncident};
use live::{Live, Signal};

/// What a notification is about, besides its kind.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct About {
    pub(crate) order: Option<i64>,
    pub(crate) conversation: Option<i64>,
    pub(crate) request: Option<i64>,
}

impl About {
    pub(crate) fn order(id: i64) -> About {
        About {
            order: Some(id),
            ..About::default()
        }
    }

    pub(crate) fn request(id: i64) -> About {
        About {
            request: Some(id),
            ..About::default()
        }
    }
}

/// Lines on the notifications page.
const LISTED: i64 = 50;

/// Tells `user` of `kind`, in the caller's transaction, and signals their open
/// connections (see [`live`]).
pub(crate) async fn notify(
    live: &Live,
    tx: &mut Transaction<'static, Any>,
    user: i64,
    kind: NoticeKind,
    about: About,
    now: i64,
) -> Result<(), StoreError> {
    // The email is decided now, from the member's preferences (and only to a verified
    // address), and sent by the jobs after the commit.
    let id = sqlx::query_scalar::<_, i64>(&format!(
        "INSERT INTO notifications (user_id, kind, order_id, conversation_id, request_id, \
         created_at, mail_state) SELECT id, $2, $3, $4, $6, $5, \
         CASE WHEN {} = 1 AND email_verified_at IS NOT NULL THEN 1 ELSE 0 END \
         FROM users WHERE id = $1 RETURNING id",
        kind.topic().column()
    ))
    .bind(user)
    .bind(kind.as_string())
    .bind(about.order)
    .bind(about.conversation)
    .bind(now)
    .bind(about.request)
    .fetch_one(&mut **tx)
    .await
    .or_incident("notification")?;
    live.signal(Signal {
        user,
        notification: id,
        conversation: about.conversation,
    });
    Ok(())
}

/// Tells an order's parties of `event`, except whoever wrote it (`author`: a user's id, or
/// `None` for the jobs).
pub(crate) async fn order_event(
    live: &Live,
    tx: &mut Transaction<'static, Any>,
    (order_id, buyer, seller): (i64, i64, i64),
    author: Option<i64>,
    event: OrderEvent,
    now: i64,
) -> Result<(), StoreError> {
    let author = match author {
        None => Author::System,
        Some(id) if id == buyer => Author::Buyer,
        Some(id) if id == seller => Author::Seller,
        Some(_) => Author::Admin,
    };
    let (to_buyer, to_seller) = order_recipients(author);
    for (told, user) in [(to_buyer, buyer), (to_seller, seller)] {
        if told {
            notify(
                live,
                tx,
                user,
                NoticeKind::Order(event),
                About::order(order_id),
                now,
            )
            .await?;
        }
    }
    Ok(())
}

/// The user's newest notifications.
pub async fn list(db: &Db, user: i64) -> Result<Vec<Notice>, StoreError> {
    type Row = (
        i64,
        String,
        Option<i64>,
        Option<String>,
        Option<i64>,
        Option<String>,
        Option<i64>,
        Option<String>,
        i64,
        Option<i64>,
    );
    let rows = sqlx::query_as::<_, Row>(
        "SELECT n.id, n.kind, n.order_id, o.title, n.conversation_id, s.title, n.request_id, \
         r.title, n.created_at, n.read_at \
         FROM notifications n LEFT JOIN orders o ON o.id = n.order_id \
         LEFT JOIN requests r ON r.id = n.request_id \
         LEFT JOIN conversations c ON c.id = n.conversation_id \
         LEFT JOIN services s ON s.id = c.service_id \
         WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2",
    )
    .bind(user)
    .bind(LISTED)
    .fetch_all(db.pool())
    .await
    .or_incident("notifications")?;
    Ok(rows
        .into_iter()
        .filter_map(
            |(
                id,
                kind,
                order_id,
                title,
                conversation,
                service,
                request,
                request_title,
                at,
                read_at,
            )| {
                Some(Notice {
                    id,
                    kind: NoticeKind::parse(&kind)?,
                    order: order_id.map(|o| (o, title.unwrap_or_default())),
                    conversation: conversation.map(|c| (c, service.unwrap_or_default())),
                    request: request.map(|r| (r, request_title.unwrap_or_default())),
                    at,
                    read: read_at.is_some(),
                })
            },
        )
        .collect())
}

/// How many of the user's notifications are unread.
pub async fn unread(db: &Db, user: i64) -> Result<u32, StoreError> {
    let n = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
    )
    .bind(user)
    .fetch_one(db.pool())
    .await
    .or_incident("unread notifications")?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Marks every notification of the user read.
pub async fn mark_read(db: &Db, user: i64, now: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
        .bind(now)
        .bind(user)
        .execute(db.pool())
        .await
        .or_incident("mark notifications read")?;
    Ok(())
}

/// Which notification emails the user gets.
pub async fn preferences(db: &Db, user: i64) -> Result<MailPreferences, StoreError> {
    let (orders, messages, reviews, wallet) = sqlx::query_as::<_, (i64, i64, i64, i64)>(
        "SELECT mail_orders, mail_messages, mail_reviews, mail_wallet FROM users WHERE id = $1",
    )
    .bind(user)
    .fetch_one(db.pool())
    .await
    .or_incident("mail preferences")?;
    Ok(MailPreferences {
        orders: orders == 1,
        messages: messages == 1,
        reviews: reviews == 1,
        wallet: wallet == 1,
    })
}

/// Saves the user's choice. Notifications already written keep the email decided then.
pub async fn set_preferences(
    db: &Db,
    user: i64,
    preferences: MailPreferences,
) -> Result<(), StoreError> {
    let on = |topic: MailTopic| i64::from(preferences.wants(topic));
    sqlx::query(
        "UPDATE users SET mail_orders = $1, mail_messages = $2, mail_reviews = $3, \
         mail_wallet = $4 WHERE id = $5",
    )
    .bind(on(MailTopic::Orders))
    .bind(on(MailTopic::Messages))
    .bind(on(MailTopic::Reviews))
    .bind(on(MailTopic::Wallet))
    .bind(user)
    .execute(db.pool())
    .await
    .or_incident("save mail preferences")?;
    Ok(())
}

/// Records the language the user reads.
pub async fn set_language(db: &Db, user: i64, lang: Lang) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET lang = $1 WHERE id = $2")
        .bind(lang.code())
        .bind(user)
        .execute(db.pool())
        .await
        .or_incident("user language")?;
    Ok(())
}
