//! Notification emails: the jobs send the ones that are due, each in its recipient's
//! language, through the same mail path as every other email (SMTP, or the outbox in
//! development). A notification decides its email when it is written (the member's
//! preferences then); sending happens after the commit, so a rolled-back step mails
//! nobody, and a failed send is tried again on the next run.

use app::i18n::I18n;
use shared::error::StoreError;
use shared::lang::Lang;
use shared::notifications::NoticeKind;

use crate::infra::db::{Db, OrIncident};
use crate::infra::mail::{Mail, Mailer};

/// Emails one run sends at most; the next run sends the rest.
const BATCH: i64 = 100;

/// Where the jobs send notification emails from.
#[derive(Clone)]
pub struct Mailing {
    pub mailer: Mailer,
    /// The site's address, for the links in the mail.
    pub public_url: String,
}

/// The subject and body of a notification email, in `lang`.
pub fn compose(
    lang: Lang,
    kind: NoticeKind,
    subject: Option<&str>,
    href: &str,
    public_url: &str,
) -> (String, String) {
    let i18n = I18n::new(lang);
    let what = i18n.t_arg(kind.message_id(), "amount", String::new());
    let title = match subject {
        Some(s) if !s.is_empty() => format!("{what}: {s}"),
        _ => what.clone(),
    };
    let body = format!(
        "{title}\n\n{}\n{public_url}{href}\n\n{}\n{public_url}/settings\n\n— {}",
        i18n.t("mail-open"),
        i18n.t("mail-preferences"),
        i18n.t("site-name"),
    );
    (title, body)
}

type Due = (
    i64,
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<String>,
);

/// Sends the due emails; answers how many went.
pub async fn deliver(db: &Db, mailing: &Mailing) -> Result<usize, StoreError> {
    let due = sqlx::query_as::<_, Due>(
        "SELECT n.id, n.kind, u.email, u.lang, n.order_id, o.title, n.conversation_id, s.title, \
         n.request_id, r.title FROM notifications n JOIN users u ON u.id = n.user_id \
         LEFT JOIN requests r ON r.id = n.request_id \
         LEFT JOIN orders o ON o.id = n.order_id \
         LEFT JOIN conversations c ON c.id = n.conversation_id \
         LEFT JOIN services s ON s.id = c.service_id \
         WHERE n.mail_state = 1 ORDER BY n.id LIMIT $1",
    )
    .bind(BATCH)
    .fetch_all(db.pool())
    .await
    .or_incident("due mail")?;
    let mut sent = 0;
    for (
        id,
        kind,
        email,
        lang,
        order,
        order_title,
        conversation,
        service_title,
        request,
        request_title,
    ) in due
    {
        // Claimed first, so two runners never send the same email twice.
        let claimed =
            sqlx::query("UPDATE notifications SET mail_state = 2 WHERE id = $1 AND mail_state = 1")
                .bind(id)
                .execute(db.pool())
                .await
                .or_incident("mail claim")?
                .rows_affected();
        let Some(kind) = NoticeKind::parse(&kind).filter(|_| claimed == 1) else {
            continue;
        };
        let (href, subject) = match (order, conversation, request) {
            (Some(o), _, _) => (format!("/orders/{o}"), order_title),
            (None, Some(c), _) => (format!("/messages/{c}"), service_title),
            (None, None, Some(r)) => (format!("/requests/{r}"), request_title),
            (None, None, None) => ("/wallet".to_owned(), None),
        };
        let lang = Lang::from_tag(&lang).unwrap_or_default();
        let (subject, body) = compose(lang, kind, subject.as_deref(), &href, &mailing.public_url);
        let mail = Mail {
            to: email,
            subject,
            body,
            link: Some(href),
        };
        if let Err(e) = mailing.mailer.send(db, mail).await {
            // Due again: the next run retries it.
            sqlx::query("UPDATE notifications SET mail_state = 1 WHERE id = $1")
                .bind(id)
                .execute(db.pool())
                .await
                .or_incident("mail unclaim")?;
            return Err(e);
        }
        sent += 1;
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::orders::lifecycle::OrderEvent;

    #[test]
    fn mail_reads_in_the_recipients_language() {
        let (subject, body) = compose(
            Lang::Ar,
            NoticeKind::Message,
            Some("تصميم شعار"),
            "/messages/4",
            "https://khidmat.example",
        );
        assert!(subject.starts_with("رسالة جديدة"), "{subject}");
        assert!(subject.contains("تصميم شعار"));
        assert!(
            body.contains("https://khidmat.example/messages/4"),
            "{body}"
        );
        assert!(body.contains("https://khidmat.example/settings"), "{body}");
        let (subject, _) = compose(
            Lang::En,
            NoticeKind::Order(OrderEvent::Placed),
            None,
            "/orders/1",
            "",
        );
        assert_eq!(subject, "A new order for your service");
    }
}
