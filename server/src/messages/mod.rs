//! Conversations outside an order: a member asks a seller about one of their services
//! before buying, and both write. Only the two of them can read it or its files.
//!
//! A message commits in one transaction with the conversation's kept figures (last
//! message, the other side's unread count, the seller's first reply for their level) and
//! the recipient's notification; a refused message (contact details, too long, a file
//! that is not the sender's) stores nothing.

use std::path::{Path, PathBuf};

use shared::error::{DomainError, Refusal, StoreError};
use shared::messages::{
    check_message, snippet, Badges, Conversation, ConversationRow, Message, Side,
};
use shared::notifications::NoticeKind;
use shared::orders::{OrderFile, Party};
use sqlx::{Any, FromRow, Transaction};

use crate::infra::clock::Clock;
use crate::infra::db::{Backend, Db, OrIncident};
use crate::notifications::{notify, About};
use crate::orders::files::{keep_private, FileError};

/// Files one message may carry.
const MAX_FILES: usize = 5;
/// Messages a conversation page shows (the newest).
const SHOWN: i64 = 500;
/// Lines of the inbox.
const INBOX: i64 = 100;

#[derive(Clone)]
pub struct SqlMessages {
    db: Db,
    clock: Clock,
}

#[derive(FromRow)]
struct Record {
    id: i64,
    service_id: i64,
    asker_id: i64,
    seller_id: i64,
}

impl Record {
    fn side_of(&self, user: i64) -> Option<Side> {
        if user == self.asker_id {
            Some(Side::Asker)
        } else if user == self.seller_id {
            Some(Side::Seller)
        } else {
            None
        }
    }

    fn other(&self, side: Side) -> i64 {
        match side {
            Side::Asker => self.seller_id,
            Side::Seller => self.asker_id,
        }
    }
}

/// The unread column of a side.
fn unread_column(side: Side) -> &'static str {
    match side {
        Side::Asker => "asker_unread",
        Side::Seller => "seller_unread",
    }
}

fn field(message: &'static str) -> DomainError {
    DomainError::field("body", message)
}

impl SqlMessages {
    pub fn new(db: Db, clock: Clock) -> Self {
        SqlMessages { db, clock }
    }

    fn now(&self) -> i64 {
        (self.clock)()
    }

    /// The conversation, locked for writing on PostgreSQL (SQLite's write lock is taken
    /// at `BEGIN IMMEDIATE`), if `user` is one of its two members; `NotFound` otherwise,
    /// so a stranger learns nothing, not even that it exists.
    async fn party(
        &self,
        tx: &mut Transaction<'static, Any>,
        user: i64,
        id: i64,
    ) -> Result<(Record, Side), DomainError> {
        let lock = match self.db.backend() {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        };
        let record = sqlx::query_as::<_, Record>(&format!(
            "SELECT id, service_id, asker_id, seller_id FROM conversations WHERE id = $1{lock}"
        ))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .or_incident("conversation")?
        .ok_or(DomainError::NotFound)?;
        let side = record.side_of(user).ok_or(DomainError::NotFound)?;
        Ok((record, side))
    }

    /// Writes to the seller of a published service: continues the conversation `asker`
    /// has about it, or starts one. Answers with the conversation's id.
    pub async fn contact(
        &self,
        asker: i64,
        service_id: i64,
        body: &str,
    ) -> Result<i64, DomainError> {
        let body = check_message(body, false).map_err(field)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await.or_incident("contact")?;
        let seller = sqlx::query_scalar::<_, i64>(
            "SELECT seller_id FROM services \
             WHERE id = $1 AND status = 'published' AND archived_at IS NULL",
        )
        .bind(service_id)
        .fetch_optional(&mut *tx)
        .await
        .or_incident("contact service")?
        .ok_or(DomainError::NotFound)?;
        if seller == asker {
            return Err(Refusal::MessageOwnService.into());
        }
        // Two first messages at once make one conversation: the second insert waits for
        // the first on the unique index and does nothing.
        sqlx::query(
            "INSERT INTO conversations (service_id, asker_id, seller_id, created_at, last_at, \
             last_author_id) VALUES ($1, $2, $3, $4, $4, $2) \
             ON CONFLICT (asker_id, service_id) DO NOTHING",
        )
        .bind(service_id)
        .bind(asker)
        .bind(seller)
        .bind(now)
        .execute(&mut *tx)
        .await
        .or_incident("conversation insert")?;
        let id = sqlx::query_scalar::<_, i64>(
            "SELECT id FROM conversations WHERE asker_id = $1 AND service_id = $2",
        )
        .bind(asker)
        .bind(service_id)
        .fetch_one(&mut *tx)
        .await
        .or_incident("conversation id")?;
        let (record, side) = self.party(&mut tx, asker, id).await?;
        self.write(&mut tx, &record, side, asker, &body, &[], now)
            .await?;
        tx.commit().await.or_incident("contact commit")?;
        Ok(id)
    }

    /// A message from `user` in conversation `id`, with files they uploaded to it.
    pub async fn send(
        &self,
        user: i64,
        id: i64,
        body: &str,
        files: &[i64],
    ) -> Result<(), DomainError> {
        let body = check_message(body, !files.is_empty()).map_err(field)?;
        if files.len() > MAX_FILES {
            return Err(DomainError::field("files", "error-order-file-invalid"));
        }
        let now = self.now();
        let mut tx = self.db.begin_write().await.or_incident("message")?;
        let (record, side) = self.party(&mut tx, user, id).await?;
        self.write(&mut tx, &record, side, user, &body, files, now)
            .await?;
        tx.commit().await.or_incident("message commit")?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn write(
        &self,
        tx: &mut Transaction<'static, Any>,
        record: &Record,
        side: Side,
        author: i64,
        body: &str,
        files: &[i64],
        now: i64,
    ) -> Result<(), DomainError> {
        let message = sqlx::query_scalar::<_, i64>(
            "INSERT INTO messages (conversation_id, author_id, body, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(record.id)
        .bind(author)
        .bind(body)
        .bind(now)
        .fetch_one(&mut **tx)
        .await
        .or_incident("message insert")?;
        for &file in files {
            let attached = sqlx::query(
                "UPDATE message_files SET message_id = $1 \
                 WHERE id = $2 AND conversation_id = $3 AND uploader_id = $4 AND message_id IS NULL",
            )
            .bind(message)
            .bind(file)
            .bind(record.id)
            .bind(author)
            .execute(&mut **tx)
            .await
            .or_incident("message file attach")?
            .rows_affected();
            if attached != 1 {
                return Err(DomainError::field("files", "error-order-file-invalid"));
            }
        }
        let theirs = unread_column(match side {
            Side::Asker => Side::Seller,
            Side::Seller => Side::Asker,
        });
        let replied = match side {
            Side::Seller => "COALESCE(seller_replied_at, $3)",
            Side::Asker => "seller_replied_at",
        };
        sqlx::query(&format!(
            "UPDATE conversations SET last_at = $3, last_author_id = $2, last_snippet = $4, \
             {theirs} = {theirs} + 1, seller_replied_at = {replied} WHERE id = $1"
        ))
        .bind(record.id)
        .bind(author)
        .bind(now)
        .bind(snippet(body))
        .execute(&mut **tx)
        .await
        .or_incident("conversation update")?;
        notify(
            self.db.live(),
            tx,
            record.other(side),
            NoticeKind::Message,
            About {
                conversation: Some(record.id),
                ..About::default()
            },
            now,
        )
        .await?;
        Ok(())
    }

    /// The conversation for one of its members, who has now read it (its unread count and
    /// its notifications are cleared).
    pub async fn conversation(&self, user: i64, id: i64) -> Result<Conversation, DomainError> {
        let now = self.now();
        let mut tx = self
            .db
            .begin_write()
            .await
            .or_incident("conversation read")?;
        let (record, side) = self.party(&mut tx, user, id).await?;
        sqlx::query(&format!(
            "UPDATE conversations SET {} = 0 WHERE id = $1",
            unread_column(side)
        ))
        .bind(id)
        .execute(&mut *tx)
        .await
        .or_incident("conversation mark read")?;
        sqlx::query(
            "UPDATE notifications SET read_at = $1 \
             WHERE user_id = $2 AND conversation_id = $3 AND read_at IS NULL",
        )
        .bind(now)
        .bind(user)
        .bind(id)
        .execute(&mut *tx)
        .await
        .or_incident("conversation notifications read")?;
        let (title, name, username) = sqlx::query_as::<_, (String, String, String)>(
            "SELECT s.title, u.display_name, u.username FROM services s, users u \
             WHERE s.id = $1 AND u.id = $2",
        )
        .bind(record.service_id)
        .bind(record.other(side))
        .fetch_one(&mut *tx)
        .await
        .or_incident("conversation heading")?;
        let mut rows = sqlx::query_as::<_, (i64, i64, String, String, i64)>(
            "SELECT m.id, m.author_id, u.display_name, m.body, m.created_at \
             FROM messages m JOIN users u ON u.id = m.author_id \
             WHERE m.conversation_id = $1 ORDER BY m.id DESC LIMIT $2",
        )
        .bind(id)
        .bind(SHOWN)
        .fetch_all(&mut *tx)
        .await
        .or_incident("conversation messages")?;
        rows.reverse();
        let files = sqlx::query_as::<_, (i64, i64, String, i64)>(
            "SELECT id, message_id, name, size_bytes FROM message_files \
             WHERE conversation_id = $1 AND message_id IS NOT NULL ORDER BY id",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await
        .or_incident("conversation files")?;
        tx.commit().await.or_incident("conversation read commit")?;
        let messages = rows
            .into_iter()
            .map(|(mid, author, name, body, at)| Message {
                id: mid,
                mine: author == user,
                author: name,
                body,
                at,
                files: files
                    .iter()
                    .filter(|f| f.1 == mid)
                    .map(|(fid, _, name, size)| OrderFile {
                        id: *fid,
                        name: name.clone(),
                        size_bytes: *size,
                    })
                    .collect(),
            })
            .collect();
        Ok(Conversation {
            id,
            service_id: record.service_id,
            service_title: title,
            other: Party { name, username },
            side,
            messages,
        })
    }

    /// The user's conversations, the latest first.
    pub async fn inbox(&self, user: i64) -> Result<Vec<ConversationRow>, StoreError> {
        type Row = (
            i64,
            i64,
            String,
            i64,
            String,
            String,
            String,
            String,
            String,
            i64,
            i64,
            i64,
            i64,
        );
        let rows = sqlx::query_as::<_, Row>(
            "SELECT c.id, c.service_id, s.title, c.asker_id, a.display_name, a.username, \
             v.display_name, v.username, c.last_snippet, c.last_at, c.last_author_id, \
             c.asker_unread, c.seller_unread \
             FROM conversations c JOIN services s ON s.id = c.service_id \
             JOIN users a ON a.id = c.asker_id JOIN users v ON v.id = c.seller_id \
             WHERE c.asker_id = $1 OR c.seller_id = $1 \
             ORDER BY c.last_at DESC, c.id DESC LIMIT $2",
        )
        .bind(user)
        .bind(INBOX)
        .fetch_all(self.db.pool())
        .await
        .or_incident("inbox")?;
        Ok(rows
            .into_iter()
            .map(
                |(
                    id,
                    service_id,
                    title,
                    asker,
                    a_name,
                    a_user,
                    v_name,
                    v_user,
                    last,
                    last_at,
                    last_author,
                    a_unread,
                    v_unread,
                )| {
                    let (side, other, unread) = if asker == user {
                        (
                            Side::Asker,
                            Party {
                                name: v_name,
                                username: v_user,
                            },
                            a_unread,
                        )
                    } else {
                        (
                            Side::Seller,
                            Party {
                                name: a_name,
                                username: a_user,
                            },
                            v_unread,
                        )
                    };
                    ConversationRow {
                        id,
                        service_id,
                        service_title: title,
                        other,
                        side,
                        last,
                        last_at,
                        last_mine: last_author == user,
                        unread: u32::try_from(unread).unwrap_or(u32::MAX),
                    }
                },
            )
            .collect())
    }

    /// The header's numbers: unread notifications, and conversations with unread messages.
    pub async fn badges(&self, user: i64) -> Result<Badges, StoreError> {
        let (notifications, messages) = sqlx::query_as::<_, (i64, i64)>(
            "SELECT (SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL), \
             (SELECT COUNT(*) FROM conversations WHERE asker_id = $1 AND asker_unread > 0) + \
             (SELECT COUNT(*) FROM conversations WHERE seller_id = $1 AND seller_unread > 0)",
        )
        .bind(user)
        .fetch_one(self.db.pool())
        .await
        .or_incident("badges")?;
        let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(Badges {
            notifications: count(notifications),
            messages: count(messages),
        })
    }

    /// Stores a file `user` sends in the conversation, not yet attached: their next message
    /// carries it.
    pub async fn store_file(
        &self,
        files_dir: &Path,
        user: i64,
        id: i64,
        name: &str,
        bytes: bytes::Bytes,
    ) -> Result<OrderFile, FileError> {
        self.member(user, id).await?;
        let kept = keep_private(files_dir, &format!("conversations/{id}"), name, bytes).await?;
        let file = sqlx::query_scalar::<_, i64>(
            "INSERT INTO message_files (conversation_id, uploader_id, name, stored, mime, \
             size_bytes, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(id)
        .bind(user)
        .bind(&kept.name)
        .bind(&kept.stored)
        .bind(kept.mime)
        .bind(kept.size_bytes)
        .bind(self.now())
        .fetch_one(self.db.pool())
        .await
        .or_incident("message file")?;
        Ok(OrderFile {
            id: file,
            name: kept.name,
            size_bytes: kept.size_bytes,
        })
    }

    /// A file of the conversation, for its two members only: (path on disk, name, type).
    pub async fn file(
        &self,
        files_dir: &Path,
        user: i64,
        id: i64,
        file: i64,
    ) -> Result<(PathBuf, String, String), DomainError> {
        self.member(user, id).await?;
        let (stored, name, mime) = sqlx::query_as::<_, (String, String, String)>(
            "SELECT stored, name, mime FROM message_files WHERE id = $1 AND conversation_id = $2",
        )
        .bind(file)
        .bind(id)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("message file")?
        .ok_or(DomainError::NotFound)?;
        Ok((files_dir.join(stored), name, mime))
    }

    /// `NotFound` unless `user` is one of the conversation's two members.
    async fn member(&self, user: i64, id: i64) -> Result<Side, DomainError> {
        let record = sqlx::query_as::<_, Record>(
            "SELECT id, service_id, asker_id, seller_id FROM conversations WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("conversation")?
        .ok_or(DomainError::NotFound)?;
        record.side_of(user).ok_or(DomainError::NotFound)
    }
}

#[async_trait::async_trait]
impl shared::ports::MessageStore for SqlMessages {
    async fn contact(&self, asker: i64, service_id: i64, body: &str) -> Result<i64, DomainError> {
        SqlMessages::contact(self, asker, service_id, body).await
    }

    async fn send(&self, user: i64, id: i64, body: &str, files: &[i64]) -> Result<(), DomainError> {
        SqlMessages::send(self, user, id, body, files).await
    }

    async fn conversation(&self, user: i64, id: i64) -> Result<Conversation, DomainError> {
        SqlMessages::conversation(self, user, id).await
    }

    async fn inbox(&self, user: i64) -> Result<Vec<ConversationRow>, StoreError> {
        SqlMessages::inbox(self, user).await
    }

    async fn badges(&self, user: i64) -> Result<Badges, StoreError> {
        SqlMessages::badges(self, user).await
    }
}
