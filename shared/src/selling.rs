//! A seller's view of their own services, and the admin's review queue and user list.

use serde::{Deserialize, Serialize};

use crate::service_form::ServiceDraft;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServiceStatus {
    Draft,
    PendingReview,
    Published,
    Paused,
    Rejected,
}

impl ServiceStatus {
    pub const ALL: [ServiceStatus; 5] = [
        Self::Draft,
        Self::PendingReview,
        Self::Published,
        Self::Paused,
        Self::Rejected,
    ];

    /// The spelling in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::PendingReview => "pending_review",
            Self::Published => "published",
            Self::Paused => "paused",
            Self::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn message_id(self) -> &'static str {
        match self {
            Self::Draft => "status-draft",
            Self::PendingReview => "status-pending-review",
            Self::Published => "status-published",
            Self::Paused => "status-paused",
            Self::Rejected => "status-rejected",
        }
    }

    /// Counted against the seller level's cap on active services.
    pub fn is_active(self) -> bool {
        matches!(self, Self::PendingReview | Self::Published)
    }

    /// A live service: edits to it wait for review beside the published version.
    pub fn is_live(self) -> bool {
        matches!(self, Self::Published | Self::Paused)
    }
}

/// An edit of a live service, waiting for review or turned down.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PendingEdit {
    InReview,
    Rejected { reason: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyService {
    pub id: i64,
    pub title: String,
    pub status: ServiceStatus,
    pub rejection_reason: Option<String>,
    pub edit: Option<PendingEdit>,
    pub image: Option<String>,
    pub price_dollars: u32,
}

/// A service as its seller edits it: the pending edit if there is one, else the service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditableService {
    pub id: i64,
    pub status: ServiceStatus,
    pub draft: ServiceDraft,
    /// Media URLs for the draft's image paths, in the same order.
    pub image_urls: Vec<String>,
}

/// One entry of the admin's review queue: a new service or an edit of a live one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub service_id: i64,
    /// Which save of the service this is: approving or rejecting names it, so a decision
    /// never applies to content the admin did not see.
    pub version: i64,
    pub is_edit: bool,
    pub seller_username: String,
    pub seller_name: String,
    pub category_name_ar: String,
    pub category_name_en: String,
    pub submitted_at: i64,
    pub draft: ServiceDraft,
    pub image_urls: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub is_admin: bool,
    pub suspended: bool,
    pub created_at: i64,
}

pub const REJECTION_REASON_MAX: usize = 500;
