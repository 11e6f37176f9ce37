//! Reviews of orders: who may rate an order or answer its review, until when, what a
//! review must say, and how it moves the service's and the seller's stars.

use serde::{Deserialize, Serialize};

use crate::catalog::RatingSummary;
use crate::error::Refusal;
use crate::lang::Lang;
use crate::orders::lifecycle::Role;
use crate::orders::OrderStatus;
use crate::validation::FieldError;

/// The buyer rates within 14 days of the order closing.
pub const RATE_WINDOW_SECS: i64 = 14 * 86_400;
/// A review, or a reply, can be changed for 24 hours after it is written; then it stands.
pub const EDIT_WINDOW_SECS: i64 = 86_400;
pub const COMMENT_MIN_CHARS: usize = 10;
pub const COMMENT_MAX_CHARS: usize = 1_000;
pub const REPLY_MAX_CHARS: usize = 1_000;
/// Reviews on one page of a service's reviews.
pub const REVIEWS_PAGE_SIZE: u32 = 10;

/// How an order ended, as far as reviewing it goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reviewable {
    pub status: OrderStatus,
    pub closed_at: Option<i64>,
    /// Cancelled by the buyer because the seller was late: it may be rated too.
    pub cancelled_late: bool,
}

/// When the order's review and its reply were written, if they were.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReviewTimes {
    pub created_at: i64,
    pub replied_at: Option<i64>,
}

/// What a party writes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewRequest {
    /// The buyer's stars and comment: a new review, or a change within 24 hours.
    Rate { rating: u8, comment: String },
    /// The seller's public answer: new, or changed within 24 hours.
    Reply { text: String },
}

/// What the viewer of an order may write about it now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewOptions {
    pub rate: bool,
    pub edit_rating: bool,
    pub reply: bool,
    pub edit_reply: bool,
    /// Until when the buyer may still rate (shown beside the form).
    pub rate_until: Option<i64>,
}

/// An order's review as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderReview {
    pub id: i64,
    pub rating: u8,
    pub comment: String,
    pub created_at: i64,
    pub reply: Option<String>,
    pub replied_at: Option<i64>,
}

/// Whether `role` may write `request` about `order` at `now`; `existing` is the order's
/// review so far. The same rule answers the page (which forms to show) and the server
/// (what to write), so they never disagree.
pub fn decide_review(
    order: Reviewable,
    existing: Option<ReviewTimes>,
    role: Role,
    request: &ReviewRequest,
    now: i64,
) -> Result<(), Refusal> {
    match request {
        ReviewRequest::Rate { .. } => {
            if role != Role::Buyer {
                return Err(Refusal::OrderNotYours);
            }
            let closed = match (order.status, order.closed_at) {
                (OrderStatus::Completed, Some(at)) => at,
                (OrderStatus::Cancelled, Some(at)) if order.cancelled_late => at,
                _ => return Err(Refusal::ReviewNotAllowed),
            };
            match existing {
                None if now > closed + RATE_WINDOW_SECS => Err(Refusal::ReviewWindowClosed),
                None => Ok(()),
                Some(r) if now > r.created_at + EDIT_WINDOW_SECS => Err(Refusal::ReviewFinal),
                Some(_) => Ok(()),
            }
        }
        ReviewRequest::Reply { .. } => {
            if role != Role::Seller {
                return Err(Refusal::OrderNotYours);
            }
            match existing {
                None => Err(Refusal::ReviewNotAllowed),
                Some(ReviewTimes {
                    replied_at: Some(at),
                    ..
                }) if now > at + EDIT_WINDOW_SECS => Err(Refusal::ReviewFinal),
                Some(_) => Ok(()),
            }
        }
    }
}

/// The forms the order page offers `role` now.
pub fn review_options(
    order: Reviewable,
    existing: Option<ReviewTimes>,
    role: Role,
    now: i64,
) -> ReviewOptions {
    let rate = ReviewRequest::Rate {
        rating: 5,
        comment: String::new(),
    };
    let reply = ReviewRequest::Reply {
        text: String::new(),
    };
    let may_rate = decide_review(order, existing, role, &rate, now).is_ok();
    let may_reply = decide_review(order, existing, role, &reply, now).is_ok();
    let replied = existing.is_some_and(|r| r.replied_at.is_some());
    ReviewOptions {
        rate: may_rate && existing.is_none(),
        edit_rating: may_rate && existing.is_some(),
        reply: may_reply && !replied,
        edit_reply: may_reply && replied,
        rate_until: (may_rate && existing.is_none())
            .then(|| order.closed_at.map(|at| at + RATE_WINDOW_SECS))
            .flatten(),
    }
}

/// The stars and the comment as stored: trimmed, 1–5 stars, 10–1,000 characters, and no
/// contact details (a review is public).
pub fn check_review(rating: u8, comment: &str) -> Result<(u8, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    if !(1..=5).contains(&rating) {
        errors.push(FieldError::new("rating", "review-rating-invalid"));
    }
    let comment = comment.trim();
    let chars = comment.chars().count();
    if !(COMMENT_MIN_CHARS..=COMMENT_MAX_CHARS).contains(&chars) {
        errors.push(FieldError::new("comment", "review-comment-length"));
    } else if let Some(found) = crate::contact::find_contact(comment) {
        errors.push(FieldError::new("comment", found.kind.message_id()));
    }
    if errors.is_empty() {
        Ok((rating, comment.to_owned()))
    } else {
        Err(errors)
    }
}

/// The seller's reply as stored: trimmed, 1–1,000 characters, no contact details.
pub fn check_reply(text: &str) -> Result<String, FieldError> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > REPLY_MAX_CHARS {
        Err(FieldError::new("reply", "review-reply-length"))
    } else if let Some(found) = crate::contact::find_contact(text) {
        Err(FieldError::new("reply", found.kind.message_id()))
    } else {
        Ok(text.to_owned())
    }
}

/// What a review does to a sum and a count of stars: a new one adds its stars and one to
/// the count; a changed one moves the sum by the difference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StarsDelta {
    pub sum: i64,
    pub count: i64,
}

pub fn stars_delta(before: Option<u8>, after: u8) -> StarsDelta {
    match before {
        None => StarsDelta {
            sum: i64::from(after),
            count: 1,
        },
        Some(old) => StarsDelta {
            sum: i64::from(after) - i64::from(old),
            count: 0,
        },
    }
}

impl RatingSummary {
    /// The summary after `delta` (saturating: storage never goes below zero).
    pub fn apply(self, delta: StarsDelta) -> RatingSummary {
        let add = |v: u32, d: i64| u32::try_from((i64::from(v) + d).max(0)).unwrap_or(u32::MAX);
        RatingSummary {
            count: add(self.count, delta.count),
            sum: add(self.sum, delta.sum),
        }
    }

    /// The average to one decimal in the reader's digits: "4.7", «٤٫٧».
    pub fn average_in(self, lang: Lang) -> Option<String> {
        self.average_label().map(|a| localized_number(&a, lang))
    }
}

/// Western digits and point → Arabic-Indic digits and the Arabic decimal separator.
pub fn localized_number(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => text.to_owned(),
        Lang::Ar => text
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c),
                '.' => '٫',
                other => other,
            })
            .collect(),
    }
}

/// How many reviews gave each number of stars (index 0 is one star).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StarHistogram {
    pub counts: [u32; 5],
}

impl StarHistogram {
    pub fn total(self) -> u32 {
        self.counts.iter().sum()
    }

    /// The share of reviews with `stars` stars, in whole percent (for a bar's width).
    pub fn percent(self, stars: u8) -> u32 {
        let total = self.total();
        match (total, usize::from(stars).checked_sub(1)) {
            (0, _) | (_, None) => 0,
            (_, Some(i)) => self.counts.get(i).map_or(0, |c| c * 100 / total),
        }
    }
}

/// One page of a service's reviews, newest first, with the histogram of all of them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPage {
    pub reviews: Vec<crate::catalog::Review>,
    pub histogram: StarHistogram,
    pub page: u32,
    pub pages: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const T0: i64 = 1_800_000_000;
    const DAY: i64 = 86_400;

    fn completed() -> Reviewable {
        Reviewable {
            status: OrderStatus::Completed,
            closed_at: Some(T0),
            cancelled_late: false,
        }
    }

    fn rate() -> ReviewRequest {
        ReviewRequest::Rate {
            rating: 4,
            comment: "عمل ممتاز وسريع".into(),
        }
    }

    fn reply() -> ReviewRequest {
        ReviewRequest::Reply {
            text: "شكراً لك".into(),
        }
    }

    #[test]
    fn only_the_buyer_rates_and_only_the_seller_replies() {
        let written = Some(ReviewTimes {
            created_at: T0,
            replied_at: None,
        });
        for role in [Role::Seller, Role::Admin, Role::System] {
            assert_eq!(
                decide_review(completed(), None, role, &rate(), T0),
                Err(Refusal::OrderNotYours)
            );
        }
        for role in [Role::Buyer, Role::Admin, Role::System] {
            assert_eq!(
                decide_review(completed(), written, role, &reply(), T0),
                Err(Refusal::OrderNotYours)
            );
        }
        assert_eq!(
            decide_review(completed(), None, Role::Buyer, &rate(), T0),
            Ok(())
        );
        assert_eq!(
            decide_review(completed(), written, Role::Seller, &reply(), T0),
            Ok(())
        );
        // No review yet: nothing to reply to.
        assert_eq!(
            decide_review(completed(), None, Role::Seller, &reply(), T0),
            Err(Refusal::ReviewNotAllowed)
        );
    }

    #[test]
    fn only_completed_orders_and_late_cancellations_are_rated() {
        for status in OrderStatus::ALL {
            for cancelled_late in [false, true] {
                let order = Reviewable {
                    status,
                    closed_at: (!status.holds_escrow()).then_some(T0),
                    cancelled_late: cancelled_late && status == OrderStatus::Cancelled,
                };
                let allowed = status == OrderStatus::Completed
                    || (status == OrderStatus::Cancelled && cancelled_late);
                assert_eq!(
                    decide_review(order, None, Role::Buyer, &rate(), T0).is_ok(),
                    allowed,
                    "{status:?} late={cancelled_late}"
                );
            }
        }
    }

    #[test]
    fn the_windows_at_their_edges() {
        let o = completed();
        let buyer = |existing, now| decide_review(o, existing, Role::Buyer, &rate(), now);
        assert_eq!(buyer(None, T0 + 14 * DAY), Ok(()));
        assert_eq!(
            buyer(None, T0 + 14 * DAY + 1),
            Err(Refusal::ReviewWindowClosed)
        );
        let written = |at| {
            Some(ReviewTimes {
                created_at: at,
                replied_at: None,
            })
        };
        let at = T0 + 13 * DAY;
        // Changed within 24 hours even past the 14 days; final after.
        assert_eq!(buyer(written(at), at + DAY), Ok(()));
        assert_eq!(buyer(written(at), at + DAY + 1), Err(Refusal::ReviewFinal));
        let replied = |at| {
            Some(ReviewTimes {
                created_at: T0,
                replied_at: Some(at),
            })
        };
        let seller = |existing, now| decide_review(o, existing, Role::Seller, &reply(), now);
        // A first reply has no deadline; a reply can be changed for 24 hours.
        assert_eq!(seller(written(T0), T0 + 365 * DAY), Ok(()));
        assert_eq!(seller(replied(T0 + DAY), T0 + 2 * DAY), Ok(()));
        assert_eq!(
            seller(replied(T0 + DAY), T0 + 2 * DAY + 1),
            Err(Refusal::ReviewFinal)
        );
    }

    #[test]
    fn the_page_offers_what_the_server_allows() {
        let o = completed();
        let none = review_options(o, None, Role::Buyer, T0);
        assert!(none.rate && !none.edit_rating && !none.reply);
        assert_eq!(none.rate_until, Some(T0 + RATE_WINDOW_SECS));
        let written = Some(ReviewTimes {
            created_at: T0,
            replied_at: None,
        });
        let b = review_options(o, written, Role::Buyer, T0 + 60);
        assert!(!b.rate && b.edit_rating);
        let s = review_options(o, written, Role::Seller, T0 + 60);
        assert!(s.reply && !s.edit_reply && !s.rate);
        let late = review_options(o, written, Role::Buyer, T0 + 2 * DAY);
        assert_eq!(late, ReviewOptions::default());
        assert_eq!(
            review_options(o, None, Role::Admin, T0),
            ReviewOptions::default()
        );
    }

    #[test]
    fn what_a_review_must_say() {
        assert!(check_review(5, "  خدمة رائعة جداً  ").is_ok());
        assert_eq!(
            check_review(5, "  خدمة رائعة جداً  ").unwrap().1,
            "خدمة رائعة جداً"
        );
        let fields = |r: Result<(u8, String), Vec<FieldError>>| -> Vec<String> {
            r.unwrap_err().into_iter().map(|e| e.message).collect()
        };
        assert_eq!(
            fields(check_review(0, "خدمة رائعة جداً")),
            ["review-rating-invalid"]
        );
        assert_eq!(
            fields(check_review(6, "قصير")),
            ["review-rating-invalid", "review-comment-length"]
        );
        assert_eq!(
            fields(check_review(4, &"ا".repeat(1001))),
            ["review-comment-length"]
        );
        assert!(check_review(4, &"ا".repeat(1000)).is_ok());
        assert_eq!(
            fields(check_review(4, "تواصل معي على واتس 0551234567")),
            ["contact-phone"]
        );
        assert_eq!(check_reply("").unwrap_err().message, "review-reply-length");
        assert_eq!(check_reply(" شكراً ").unwrap(), "شكراً");
        assert_eq!(
            check_reply("راسلني ali@gmail.com").unwrap_err().message,
            "contact-email"
        );
    }

    #[test]
    fn averages_in_each_language() {
        let r = RatingSummary { count: 3, sum: 14 };
        assert_eq!(r.average_in(Lang::En).as_deref(), Some("4.7"));
        assert_eq!(r.average_in(Lang::Ar).as_deref(), Some("٤٫٧"));
        assert_eq!(RatingSummary::default().average_in(Lang::Ar), None);
    }

    #[test]
    fn histogram_shares() {
        let h = StarHistogram {
            counts: [1, 0, 0, 1, 2],
        };
        assert_eq!(h.total(), 4);
        assert_eq!(h.percent(5), 50);
        assert_eq!(h.percent(1), 25);
        assert_eq!(h.percent(0), 0);
        assert_eq!(h.percent(6), 0);
        assert_eq!(StarHistogram::default().percent(5), 0);
    }

    proptest! {
        /// Whatever the order of new reviews and changes, the kept sum and count are the
        /// ones a recount of the final reviews gives.
        #[test]
        fn kept_stars_equal_a_recount(steps in prop::collection::vec((0usize..8, 1u8..=5), 0..60)) {
            let mut reviews: Vec<Option<u8>> = vec![None; 8];
            let mut kept = RatingSummary::default();
            for (who, stars) in steps {
                kept = kept.apply(stars_delta(reviews[who], stars));
                reviews[who] = Some(stars);
            }
            let given: Vec<u32> = reviews.iter().flatten().map(|s| u32::from(*s)).collect();
            prop_assert_eq!(kept.count, given.len() as u32);
            prop_assert_eq!(kept.sum, given.iter().sum::<u32>());
        }

        /// The average shown is the exact average rounded half up to a tenth, between one
        /// and five stars.
        #[test]
        fn the_average_rounds_half_up(stars in prop::collection::vec(1u32..=5, 1..500)) {
            let r = RatingSummary { count: stars.len() as u32, sum: stars.iter().sum() };
            let tenths = r.average_tenths().unwrap();
            // 10 × sum / count, rounded half up, in integers: floor((20 sum + count) / 2 count).
            let exact = (20 * u64::from(r.sum) + u64::from(r.count)) / (2 * u64::from(r.count));
            prop_assert_eq!(u64::from(tenths), exact);
            prop_assert!((10..=50).contains(&tenths));
            let label = r.average_label().unwrap();
            prop_assert_eq!(label.parse::<f64>().unwrap(), f64::from(tenths) / 10.0);
            prop_assert_eq!(
                r.average_in(Lang::Ar).unwrap().chars().count(),
                label.chars().count()
            );
        }
    }
}
