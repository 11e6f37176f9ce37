//! Buyer requests («طلبات الخدمات غير الموجودة»): a member describes a need no published
//! service covers, with a budget; sellers answer with offers; the buyer orders one through
//! the ordinary checkout. The rules here decide what may be posted, offered and ordered;
//! the server stores what they allow.

use serde::{Deserialize, Serialize};

use crate::catalog::SellerSummary;
use crate::error::Refusal;
use crate::money::Money;
use crate::seller_level::SellerLevel;
use crate::validation::{text_problem, FieldError};

/// How long an approved request takes offers.
pub const OPEN_SECS: i64 = 14 * 24 * 3600;
pub const TITLE_CHARS: (usize, usize) = (10, 100);
pub const DESCRIPTION_CHARS: (usize, usize) = (30, 2000);
pub const NOTE_CHARS: (usize, usize) = (10, 1000);
/// Budgets and offer prices are whole multiples of $5, from $5 to $10,000.
pub const STEP_CENTS: i64 = 500;
pub const MAX_CENTS: i64 = 1_000_000;
pub const MAX_DAYS: u32 = 90;
/// Requests a page of `/requests` lists.
pub const PAGE_SIZE: u32 = 20;

/// Where a request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestStatus {
    /// Waiting for moderation.
    Pending,
    /// Approved and taking offers until it expires.
    Open,
    Rejected,
    /// Closed by its buyer without an order.
    Closed,
    /// One of its offers was ordered.
    Ordered,
    /// Open, but its 14 days are over.
    Expired,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Open => "open",
            Self::Rejected => "rejected",
            Self::Closed => "closed",
            Self::Ordered => "ordered",
            Self::Expired => "expired",
        }
    }

    /// The stored status at `now`: an open request past its date is expired (nothing has
    /// to run for that to be true).
    pub fn at(stored: &str, expires_at: Option<i64>, now: i64) -> Option<RequestStatus> {
        let status = match stored {
            "pending" => Self::Pending,
            "open" => Self::Open,
            "rejected" => Self::Rejected,
            "closed" => Self::Closed,
            "ordered" => Self::Ordered,
            _ => return None,
        };
        Some(match (status, expires_at) {
            (Self::Open, Some(at)) if now >= at => Self::Expired,
            (s, _) => s,
        })
    }

    pub fn message_id(self) -> &'static str {
        match self {
            Self::Pending => "request-status-pending",
            Self::Open => "request-status-open",
            Self::Rejected => "request-status-rejected",
            Self::Closed => "request-status-closed",
            Self::Ordered => "request-status-ordered",
            Self::Expired => "request-status-expired",
        }
    }
}

/// What the buyer types.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDraft {
    pub title: String,
    pub description: String,
    pub category_id: i64,
    pub budget_min: String,
    pub budget_max: String,
    pub delivery_days: String,
}

/// A request as it will be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidRequest {
    pub title: String,
    pub description: String,
    pub category_id: i64,
    pub budget_min: Money,
    pub budget_max: Money,
    pub delivery_days: u32,
}

/// A whole number of days, 1–90, typed in any digits.
fn days(input: &str) -> Option<u32> {
    crate::validation::western_digits(input.trim())
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=MAX_DAYS).contains(d))
}

/// An amount that is a multiple of $5 between $5 and $10,000.
pub fn step_amount(input: &str) -> Option<Money> {
    let money = crate::money::parse_amount(input)?;
    let cents = money.to_cents().ok()?;
    ((STEP_CENTS..=MAX_CENTS).contains(&cents) && cents % STEP_CENTS == 0).then_some(money)
}

/// Public text: its length, and no contact details.
fn public_text(field: &str, text: &str, (min, max): (usize, usize), errors: &mut Vec<FieldError>) {
    if let Some(problem) = text_problem(text, min, max) {
        errors.push(FieldError::new(field, problem));
    } else if let Some(found) = crate::contact::find_contact(text) {
        errors.push(FieldError::new(field, found.kind.message_id()));
    }
}

/// Checks a request as typed; every problem at once, each beside its field.
pub fn check_request(draft: &RequestDraft) -> Result<ValidRequest, Vec<FieldError>> {
    let mut errors = Vec::new();
    public_text("title", &draft.title, TITLE_CHARS, &mut errors);
    public_text(
        "description",
        &draft.description,
        DESCRIPTION_CHARS,
        &mut errors,
    );
    if draft.category_id <= 0 {
        errors.push(FieldError::new("category_id", "error-required"));
    }
    let min = step_amount(&draft.budget_min);
    let max = step_amount(&draft.budget_max);
    if min.is_none() {
        errors.push(FieldError::new("budget_min", "request-budget-invalid"));
    }
    if max.is_none() {
        errors.push(FieldError::new("budget_max", "request-budget-invalid"));
    }
    if let (Some(lo), Some(hi)) = (min, max) {
        if hi < lo {
            errors.push(FieldError::new("budget_max", "request-budget-order"));
        }
    }
    let delivery = days(&draft.delivery_days);
    if delivery.is_none() {
        errors.push(FieldError::new("delivery_days", "request-days-invalid"));
    }
    match (errors.is_empty(), min, max, delivery) {
        (true, Some(budget_min), Some(budget_max), Some(delivery_days)) => Ok(ValidRequest {
            title: draft.title.trim().to_owned(),
            description: draft.description.trim().to_owned(),
            category_id: draft.category_id,
            budget_min,
            budget_max,
            delivery_days,
        }),
        _ => Err(errors),
    }
}

/// What a seller types for an offer: one of their published services, and a price and
/// days for this request (empty: the service's own).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferDraft {
    pub service_id: i64,
    pub price: String,
    pub delivery_days: String,
    pub note: String,
}

/// An offer as it will be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidOffer {
    pub service_id: i64,
    pub price: Money,
    pub delivery_days: u32,
    pub note: String,
}

/// Checks an offer; `service` is the chosen service's own (price, days), which an empty
/// price or days field takes.
pub fn check_offer(
    draft: &OfferDraft,
    service: (Money, u32),
) -> Result<ValidOffer, Vec<FieldError>> {
    let mut errors = Vec::new();
    let price = if draft.price.trim().is_empty() {
        Some(service.0)
    } else {
        step_amount(&draft.price)
    };
    if price.is_none() {
        errors.push(FieldError::new("price", "request-budget-invalid"));
    }
    let delivery = if draft.delivery_days.trim().is_empty() {
        Some(service.1)
    } else {
        days(&draft.delivery_days)
    };
    if delivery.is_none() {
        errors.push(FieldError::new("delivery_days", "request-days-invalid"));
    }
    public_text("note", &draft.note, NOTE_CHARS, &mut errors);
    match (errors.is_empty(), price, delivery) {
        (true, Some(price), Some(delivery_days)) => Ok(ValidOffer {
            service_id: draft.service_id,
            price,
            delivery_days,
            note: draft.note.trim().to_owned(),
        }),
        _ => Err(errors),
    }
}

/// Offers a seller may make in 24 hours, by level.
pub fn offers_per_day(level: SellerLevel) -> u32 {
    match level {
        SellerLevel::New => 5,
        SellerLevel::Level1 => 10,
        SellerLevel::Level2 => 20,
        SellerLevel::Top => 30,
    }
}

/// Whether a seller may make a new offer on a request: it is open, it is not their own,
/// they have not offered on it yet, and they are under their daily cap.
pub fn may_offer(
    status: RequestStatus,
    own: bool,
    already: bool,
    offers_today: u32,
    level: SellerLevel,
) -> Result<(), Refusal> {
    if status != RequestStatus::Open {
        Err(Refusal::RequestNotOpen)
    } else if own {
        Err(Refusal::RequestOwn)
    } else if already {
        Err(Refusal::OfferExists)
    } else if offers_today >= offers_per_day(level) {
        Err(Refusal::OfferDailyCap {
            max: offers_per_day(level),
        })
    } else {
        Ok(())
    }
}

/// Where an offer stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OfferStatus {
    /// Waiting for the buyer; its seller may still change it.
    Open,
    /// The buyer ordered it.
    Accepted,
    /// The request was ordered from another seller, closed, or deleted.
    Closed,
}

impl OfferStatus {
    pub fn parse(s: &str) -> Option<OfferStatus> {
        match s {
            "open" => Some(Self::Open),
            "accepted" => Some(Self::Accepted),
            "closed" => Some(Self::Closed),
            _ => None,
        }
    }
}

/// A line of `/requests`, and the head of a request's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestCard {
    pub id: i64,
    pub title: String,
    pub category: crate::catalog::CategoryRef,
    pub budget_min: Money,
    pub budget_max: Money,
    pub delivery_days: u32,
    pub offers: u32,
    pub buyer: String,
    pub created_at: i64,
    pub status: RequestStatus,
}

/// An offer as the request's page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestOffer {
    pub id: i64,
    pub seller: SellerSummary,
    pub rating: crate::catalog::RatingSummary,
    pub service_id: i64,
    pub service_title: String,
    pub price: Money,
    pub delivery_days: u32,
    pub note: String,
    pub status: OfferStatus,
}

/// Who is looking at a request page, and what they may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestViewer {
    Visitor,
    /// Its buyer: sees every offer, may order one, close or delete the request.
    Owner,
    /// Another member: sees their own offer, may make or change one.
    Member,
}

/// A request's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestPage {
    pub card: RequestCard,
    pub description: String,
    /// Files the buyer attached (members who see the request may download them).
    pub files: Vec<crate::orders::OrderFile>,
    pub expires_at: Option<i64>,
    pub reject_reason: Option<String>,
    pub viewer: RequestViewer,
    /// The owner's view: every offer; a member's: their own.
    pub offers: Vec<RequestOffer>,
    /// The order made from it, for its owner.
    pub order_id: Option<i64>,
    /// A member's published services, to offer one.
    pub my_services: Vec<(i64, String)>,
}

/// `/requests` filters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestQuery {
    pub q: String,
    /// A main category's slug (its sub-categories included) or a sub-category's.
    pub category: String,
    /// Only requests whose budget reaches at least this much (dollars).
    pub budget: String,
    pub page: u32,
}

/// A page of `/requests`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestList {
    pub requests: Vec<RequestCard>,
    pub page: u32,
    pub pages: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> RequestDraft {
        RequestDraft {
            title: "أحتاج شعارًا لمقهى صغير".into(),
            description: "مقهى في الرياض اسمه «ركن القهوة»، أريد شعارًا بسيطًا بالعربية والإنجليزية."
                .into(),
            category_id: 3,
            budget_min: "25".into(),
            budget_max: "٥٠".into(),
            delivery_days: "٥".into(),
        }
    }

    #[test]
    fn a_request_with_a_budget_in_five_dollar_steps() {
        let ok = check_request(&draft()).unwrap();
        assert_eq!(
            (ok.budget_min, ok.budget_max, ok.delivery_days),
            (Money::from_dollars(25), Money::from_dollars(50), 5)
        );
        let field = |d: RequestDraft| {
            check_request(&d)
                .unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            field(RequestDraft {
                budget_min: "27".into(),
                ..draft()
            }),
            [("budget_min".into(), "request-budget-invalid".into())]
        );
        assert_eq!(
            field(RequestDraft {
                budget_min: "0".into(),
                ..draft()
            }),
            [("budget_min".into(), "request-budget-invalid".into())]
        );
        assert_eq!(
            field(RequestDraft {
                budget_min: "60".into(),
                ..draft()
            }),
            [("budget_max".into(), "request-budget-order".into())]
        );
        assert_eq!(
            field(RequestDraft {
                delivery_days: "91".into(),
                ..draft()
            }),
            [("delivery_days".into(), "request-days-invalid".into())]
        );
        assert_eq!(
            field(RequestDraft {
                description: "تواصل معي على واتساب 0551234567 للتفاصيل الكاملة رجاءً".into(),
                ..draft()
            }),
            [("description".into(), "contact-phone".into())]
        );
        assert_eq!(
            field(RequestDraft {
                category_id: 0,
                title: "قصير".into(),
                ..draft()
            })
            .len(),
            2
        );
    }

    #[test]
    fn an_offer_takes_the_service_price_unless_it_names_its_own() {
        let note = "أصمم لك الشعار بثلاثة مقترحات وتعديلات مفتوحة.";
        let base = OfferDraft {
            service_id: 9,
            price: String::new(),
            delivery_days: String::new(),
            note: note.into(),
        };
        let ok = check_offer(&base, (Money::from_dollars(25), 3)).unwrap();
        assert_eq!((ok.price, ok.delivery_days), (Money::from_dollars(25), 3));
        let own = check_offer(
            &OfferDraft {
                price: "40".into(),
                delivery_days: "2".into(),
                ..base.clone()
            },
            (Money::from_dollars(25), 3),
        )
        .unwrap();
        assert_eq!((own.price, own.delivery_days), (Money::from_dollars(40), 2));
        assert!(check_offer(
            &OfferDraft {
                price: "42.5".into(),
                ..base.clone()
            },
            (Money::from_dollars(25), 3)
        )
        .is_err());
        assert!(check_offer(
            &OfferDraft {
                note: "راسلني على ahmad@example.com".into(),
                ..base
            },
            (Money::from_dollars(25), 3)
        )
        .is_err());
    }

    #[test]
    fn offers_need_an_open_request_of_someone_else_once_and_under_the_cap() {
        use RequestStatus::*;
        assert_eq!(may_offer(Open, false, false, 0, SellerLevel::New), Ok(()));
        assert_eq!(
            may_offer(Expired, false, false, 0, SellerLevel::New),
            Err(Refusal::RequestNotOpen)
        );
        assert_eq!(
            may_offer(Ordered, false, false, 0, SellerLevel::Top),
            Err(Refusal::RequestNotOpen)
        );
        assert_eq!(
            may_offer(Open, true, false, 0, SellerLevel::Top),
            Err(Refusal::RequestOwn)
        );
        assert_eq!(
            may_offer(Open, false, true, 0, SellerLevel::Top),
            Err(Refusal::OfferExists)
        );
        assert_eq!(may_offer(Open, false, false, 4, SellerLevel::New), Ok(()));
        assert_eq!(
            may_offer(Open, false, false, 5, SellerLevel::New),
            Err(Refusal::OfferDailyCap { max: 5 })
        );
        assert_eq!(may_offer(Open, false, false, 29, SellerLevel::Top), Ok(()));
        let caps: Vec<u32> = SellerLevel::ALL
            .iter()
            .map(|l| offers_per_day(*l))
            .collect();
        assert!(caps.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn an_open_request_expires_by_the_clock() {
        assert_eq!(
            RequestStatus::at("open", Some(100), 99),
            Some(RequestStatus::Open)
        );
        assert_eq!(
            RequestStatus::at("open", Some(100), 100),
            Some(RequestStatus::Expired)
        );
        assert_eq!(
            RequestStatus::at("ordered", Some(100), 500),
            Some(RequestStatus::Ordered)
        );
        assert_eq!(
            RequestStatus::at("pending", None, 500),
            Some(RequestStatus::Pending)
        );
        assert_eq!(RequestStatus::at("other", None, 0), None);
    }
}
