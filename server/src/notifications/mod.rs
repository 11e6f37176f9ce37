//! In-app notifications: written in the transaction of what they tell about (an order's
//! step or message, a new order, a review, a decided withdrawal), so there is never a
//! notification of something that did not happen, nor a step nobody was told of.

pub mod live;

use shared::error::StoreError;
use shared::notifications::{order_recipients, Notice, NoticeKind};
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
}

impl About {
    pub(crate) fn order(id: i64) -> About {
        About {
            order: Some(id),
            conversation: None,
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
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO notifications (user_id, kind, order_id, conversation_id, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(user)
    .bind(kind.as_string())
    .bind(about.order)
    .bind(about.conversation)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .or_incident("notification")?;
    live.signal(
        tx,
        Signal {
            user,
            notification: id,
            conversation: about.conversation,
        },
    )
    .await
    .or_incident("notification signal")?;
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
        i64,
        Option<i64>,
    );
    let rows = sqlx::query_as::<_, Row>(
        "SELECT n.id, n.kind, n.order_id, o.title, n.conversation_id, s.title, n.created_at, \
         n.read_at FROM notifications n LEFT JOIN orders o ON o.id = n.order_id \
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
            |(id, kind, order_id, title, conversation, service, at, read_at)| {
                Some(Notice {
                    id,
                    kind: NoticeKind::parse(&kind)?,
                    order: order_id.map(|o| (o, title.unwrap_or_default())),
                    conversation: conversation.map(|c| (c, service.unwrap_or_default())),
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
