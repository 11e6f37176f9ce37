//! In-app notifications: what happened that a user should know about, and who is told.

use serde::{Deserialize, Serialize};

use crate::orders::lifecycle::OrderEvent;
use crate::orders::Author;

/// What a notification is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoticeKind {
    /// A step or a message on an order (a new order is `Order(Placed)`).
    Order(OrderEvent),
    ReviewReceived,
    ReviewReplied,
    WithdrawalPaid,
    WithdrawalRejected,
    /// A message in a conversation outside an order.
    Message,
    /// A buyer's request: approved, rejected, a new offer on it (to its buyer), the
    /// seller's offer ordered, or closed without their offer (to the other sellers).
    RequestApproved,
    RequestRejected,
    OfferReceived,
    OfferAccepted,
    RequestClosed,
}

impl NoticeKind {
    /// The database spelling: `order:<event>` or the kind's name.
    pub fn as_string(self) -> String {
        match self {
            Self::Order(event) => format!("order:{}", event.as_str()),
            Self::ReviewReceived => "review_received".into(),
            Self::ReviewReplied => "review_replied".into(),
            Self::WithdrawalPaid => "withdrawal_paid".into(),
            Self::WithdrawalRejected => "withdrawal_rejected".into(),
            Self::Message => "message".into(),
            Self::RequestApproved => "request_approved".into(),
            Self::RequestRejected => "request_rejected".into(),
            Self::OfferReceived => "offer_received".into(),
            Self::OfferAccepted => "offer_accepted".into(),
            Self::RequestClosed => "request_closed".into(),
        }
    }

    pub fn parse(s: &str) -> Option<NoticeKind> {
        if let Some(event) = s.strip_prefix("order:") {
            return OrderEvent::parse(event).map(Self::Order);
        }
        match s {
            "review_received" => Some(Self::ReviewReceived),
            "review_replied" => Some(Self::ReviewReplied),
            "withdrawal_paid" => Some(Self::WithdrawalPaid),
            "withdrawal_rejected" => Some(Self::WithdrawalRejected),
            "message" => Some(Self::Message),
            "request_approved" => Some(Self::RequestApproved),
            "request_rejected" => Some(Self::RequestRejected),
            "offer_received" => Some(Self::OfferReceived),
            "offer_accepted" => Some(Self::OfferAccepted),
            "request_closed" => Some(Self::RequestClosed),
            _ => None,
        }
    }

    /// The Fluent id of the line (order events read as on the order's timeline).
    pub fn message_id(self) -> &'static str {
        match self {
            Self::Order(OrderEvent::Placed) => "notice-order-placed",
            Self::Order(event) => event.message_id(),
            Self::ReviewReceived => "notice-review-received",
            Self::ReviewReplied => "notice-review-replied",
            Self::WithdrawalPaid => "notice-withdrawal-paid",
            Self::WithdrawalRejected => "notice-withdrawal-rejected",
            Self::Message => "notice-message",
            Self::RequestApproved => "notice-request-approved",
            Self::RequestRejected => "notice-request-rejected",
            Self::OfferReceived => "notice-offer-received",
            Self::OfferAccepted => "notice-offer-accepted",
            Self::RequestClosed => "notice-request-closed",
        }
    }
}

/// The kinds of email a member can turn off in their settings, one per area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MailTopic {
    /// Every step of the member's orders, bought or sold.
    Orders,
    /// Messages in conversations before an order.
    Messages,
    /// Reviews received and replies to the member's reviews.
    Reviews,
    /// Withdrawals paid or rejected.
    Wallet,
}

impl MailTopic {
    pub const ALL: [MailTopic; 4] = [Self::Orders, Self::Messages, Self::Reviews, Self::Wallet];

    /// The `users` column that holds whether the member wants it.
    pub fn column(self) -> &'static str {
        match self {
            Self::Orders => "mail_orders",
            Self::Messages => "mail_messages",
            Self::Reviews => "mail_reviews",
            Self::Wallet => "mail_wallet",
        }
    }

    /// The settings label's Fluent id.
    pub fn message_id(self) -> &'static str {
        match self {
            Self::Orders => "settings-mail-orders",
            Self::Messages => "settings-mail-messages",
            Self::Reviews => "settings-mail-reviews",
            Self::Wallet => "settings-mail-wallet",
        }
    }
}

impl NoticeKind {
    /// The email topic a notification of this kind belongs to.
    pub fn topic(self) -> MailTopic {
        match self {
            Self::Order(_)
            | Self::RequestApproved
            | Self::RequestRejected
            | Self::OfferReceived
            | Self::OfferAccepted
            | Self::RequestClosed => MailTopic::Orders,
            Self::Message => MailTopic::Messages,
            Self::ReviewReceived | Self::ReviewReplied => MailTopic::Reviews,
            Self::WithdrawalPaid | Self::WithdrawalRejected => MailTopic::Wallet,
        }
    }
}

/// Which emails a member gets: every topic on for a new member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailPreferences {
    pub orders: bool,
    pub messages: bool,
    pub reviews: bool,
    pub wallet: bool,
}

impl Default for MailPreferences {
    fn default() -> Self {
        MailPreferences {
            orders: true,
            messages: true,
            reviews: true,
            wallet: true,
        }
    }
}

impl MailPreferences {
    pub fn wants(&self, topic: MailTopic) -> bool {
        match topic {
            MailTopic::Orders => self.orders,
            MailTopic::Messages => self.messages,
            MailTopic::Reviews => self.reviews,
            MailTopic::Wallet => self.wallet,
        }
    }

    pub fn set(&mut self, topic: MailTopic, on: bool) {
        match topic {
            MailTopic::Orders => self.orders = on,
            MailTopic::Messages => self.messages = on,
            MailTopic::Reviews => self.reviews = on,
            MailTopic::Wallet => self.wallet = on,
        }
    }
}

/// Who hears of an order event: the party who did not write it; both when an admin or
/// the jobs did. Nobody is told of their own step.
pub fn order_recipients(author: Author) -> (bool, bool) {
    match author {
        Author::Buyer => (false, true),
        Author::Seller => (true, false),
        Author::Admin | Author::System => (true, true),
    }
}

/// A line of the notifications page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub id: i64,
    pub kind: NoticeKind,
    /// The order it is about, and its title.
    pub order: Option<(i64, String)>,
    /// The conversation it is about, and its service's title.
    pub conversation: Option<(i64, String)>,
    /// The buyer request it is about, and its title.
    pub request: Option<(i64, String)>,
    pub at: i64,
    pub read: bool,
}

impl Notice {
    /// Where the line leads: the order, the conversation, the request, or the wallet.
    pub fn href(&self) -> String {
        match (&self.order, &self.conversation, &self.request) {
            (Some((id, _)), _, _) => format!("/orders/{id}"),
            (None, Some((id, _)), _) => format!("/messages/{id}"),
            (None, None, Some((id, _))) => format!("/requests/{id}"),
            (None, None, None) => "/wallet".into(),
        }
    }

    /// The title the line names: the order's or the conversation's service.
    pub fn subject(&self) -> Option<&str> {
        self.order
            .as_ref()
            .or(self.conversation.as_ref())
            .or(self.request.as_ref())
            .map(|(_, title)| title.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_have_their_messages() {
        let mut all: Vec<NoticeKind> = OrderEvent::ALL.into_iter().map(NoticeKind::Order).collect();
        all.extend([
            NoticeKind::ReviewReceived,
            NoticeKind::ReviewReplied,
            NoticeKind::WithdrawalPaid,
            NoticeKind::WithdrawalRejected,
            NoticeKind::Message,
            NoticeKind::RequestApproved,
            NoticeKind::RequestRejected,
            NoticeKind::OfferReceived,
            NoticeKind::OfferAccepted,
            NoticeKind::RequestClosed,
        ]);
        for kind in &all {
            assert_eq!(NoticeKind::parse(&kind.as_string()), Some(*kind));
        }
        let mut ids: Vec<&str> = all.iter().map(|k| k.message_id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
        assert_eq!(NoticeKind::parse("order:nothing"), None);
        assert_eq!(NoticeKind::parse("party"), None);
    }

    #[test]
    fn every_kind_has_a_topic_each_preference_its_own() {
        assert_eq!(
            NoticeKind::Order(OrderEvent::Delivered).topic(),
            MailTopic::Orders
        );
        assert_eq!(NoticeKind::Message.topic(), MailTopic::Messages);
        assert_eq!(NoticeKind::ReviewReplied.topic(), MailTopic::Reviews);
        assert_eq!(NoticeKind::WithdrawalPaid.topic(), MailTopic::Wallet);
        for off in MailTopic::ALL {
            let mut prefs = MailPreferences::default();
            prefs.set(off, false);
            for topic in MailTopic::ALL {
                assert_eq!(prefs.wants(topic), topic != off);
            }
        }
    }

    #[test]
    fn nobody_hears_of_their_own_step() {
        assert_eq!(order_recipients(Author::Buyer), (false, true));
        assert_eq!(order_recipients(Author::Seller), (true, false));
        assert_eq!(order_recipients(Author::Admin), (true, true));
        assert_eq!(order_recipients(Author::System), (true, true));
    }
}
