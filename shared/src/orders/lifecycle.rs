//! The order's state machine: who may do what, when, and what money it moves.
//!
//! [`decide`] is pure: from an order's state, who is asking, what they ask and the time, it
//! returns the next state and the settlement to post, or a typed refusal. The server holds
//! the order's row locked while it asks, writes the result and the ledger postings in the
//! same transaction, and so enforces exactly these rules.

use serde::{Deserialize, Serialize};

use super::OrderStatus;
use crate::error::Refusal;
use crate::money::Money;

pub const HOUR: i64 = 3600;
pub const DAY: i64 = 24 * HOUR;
/// A delivery the buyer neither accepts nor questions is accepted after this long.
pub const AUTO_ACCEPT_SECS: i64 = 3 * DAY;
/// A request to cancel that the other party does not answer is accepted after this long.
pub const CANCEL_ANSWER_SECS: i64 = 48 * HOUR;
/// The platform's commission on what a seller earns.
pub const COMMISSION_PERCENT: u32 = 20;
/// The longest text an order action or message carries.
pub const MAX_NOTE_CHARS: usize = 5000;

/// Who is asking, relative to the order. Anyone else is not shown the order at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Buyer,
    Seller,
    Admin,
    /// The time-driven jobs (auto-acceptance, unanswered cancellation requests).
    System,
}

/// One of the two parties.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    Buyer,
    Seller,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Buyer => "buyer",
            Side::Seller => "seller",
        }
    }

    pub fn parse(s: &str) -> Option<Side> {
        match s {
            "buyer" => Some(Side::Buyer),
            "seller" => Some(Side::Seller),
            _ => None,
        }
    }

    fn of(role: Role) -> Option<Side> {
        match role {
            Role::Buyer => Some(Side::Buyer),
            Role::Seller => Some(Side::Seller),
            Role::Admin | Role::System => None,
        }
    }
}

/// A pending request by one party to cancel, waiting for the other's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelRequest {
    pub by: Side,
    pub at: i64,
}

/// What the state machine needs to know of an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderState {
    pub status: OrderStatus,
    pub total: Money,
    pub delivery_days: u32,
    /// Set when the buyer sends the instructions: the work is due then.
    pub deadline: Option<i64>,
    /// Set at each delivery; auto-acceptance counts from it.
    pub delivered_at: Option<i64>,
    pub cancel_request: Option<CancelRequest>,
}

impl OrderState {
    /// An order as checkout creates it.
    pub fn new(total: Money, delivery_days: u32) -> Self {
        OrderState {
            status: OrderStatus::AwaitingInstructions,
            total,
            delivery_days,
            deadline: None,
            delivered_at: None,
            cancel_request: None,
        }
    }

    /// In progress past its deadline (a delivery waiting for the buyer is never late).
    pub fn is_late(&self, now: i64) -> bool {
        self.status == OrderStatus::InProgress && self.deadline.is_some_and(|d| now > d)
    }

    /// When the time-driven jobs will act on their own, if nobody does first.
    pub fn auto_at(&self) -> Option<i64> {
        match self.status {
            OrderStatus::Delivered => self.delivered_at.map(|t| t + AUTO_ACCEPT_SECS),
            OrderStatus::AwaitingInstructions | OrderStatus::InProgress => {
                self.cancel_request.map(|r| r.at + CANCEL_ANSWER_SECS)
            }
            _ => None,
        }
    }
}

/// An admin's decision on a disputed order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ruling {
    /// The seller is paid as if the buyer had accepted.
    ToSeller,
    /// The buyer gets everything back.
    ToBuyer,
    /// `buyer` goes back to the buyer; the rest is the seller's, commission taken on it.
    Split { buyer: Money },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrderAction {
    /// The buyer sends what the seller needs; the deadline starts.
    SendInstructions,
    /// The seller delivers the work.
    Deliver,
    Accept,
    /// The buyer asks for changes to a delivery (a reason is required).
    RequestChanges,
    /// The buyer cancels an order that is late.
    CancelLate,
    /// The seller turns the order down before delivering.
    Decline,
    /// Either party asks the other to agree to cancel.
    AskCancel,
    /// The other party answers a request to cancel.
    AnswerCancel {
        agree: bool,
    },
    /// Either party reports a problem: the order waits for an admin.
    Report,
    Rule(Ruling),
    /// A delivery left unanswered for [`AUTO_ACCEPT_SECS`].
    AutoAccept,
    /// A request to cancel left unanswered for [`CANCEL_ANSWER_SECS`].
    AutoCancel,
}

impl OrderAction {
    /// Every action a person can take, for the page's buttons (a ruling's split amount is
    /// the admin's to fill in).
    pub fn offered() -> [OrderAction; 13] {
        [
            OrderAction::SendInstructions,
            OrderAction::Deliver,
            OrderAction::Accept,
            OrderAction::RequestChanges,
            OrderAction::CancelLate,
            OrderAction::Decline,
            OrderAction::AskCancel,
            OrderAction::AnswerCancel { agree: true },
            OrderAction::AnswerCancel { agree: false },
            OrderAction::Report,
            OrderAction::Rule(Ruling::ToSeller),
            OrderAction::Rule(Ruling::ToBuyer),
            OrderAction::Rule(Ruling::Split {
                buyer: Money::from_cents(1),
            }),
        ]
    }

    /// Whether the action must say why (or, for instructions and deliveries, what).
    pub fn needs_note(self) -> bool {
        matches!(
            self,
            OrderAction::SendInstructions
                | OrderAction::Deliver
                | OrderAction::RequestChanges
                | OrderAction::Report
        )
    }

    /// The event the order's timeline records for it.
    pub fn event(self) -> OrderEvent {
        match self {
            OrderAction::SendInstructions => OrderEvent::Instructions,
            OrderAction::Deliver => OrderEvent::Delivered,
            OrderAction::Accept => OrderEvent::Accepted,
            OrderAction::RequestChanges => OrderEvent::ChangesRequested,
            OrderAction::CancelLate => OrderEvent::CancelledLate,
            OrderAction::Decline => OrderEvent::Declined,
            OrderAction::AskCancel => OrderEvent::CancelAsked,
            OrderAction::AnswerCancel { agree: true } => OrderEvent::CancelAgreed,
            OrderAction::AnswerCancel { agree: false } => OrderEvent::CancelRefused,
            OrderAction::Report => OrderEvent::Reported,
            OrderAction::Rule(Ruling::ToSeller) => OrderEvent::RuledForSeller,
            OrderAction::Rule(Ruling::ToBuyer) => OrderEvent::RuledForBuyer,
            OrderAction::Rule(Ruling::Split { .. }) => OrderEvent::RuledSplit,
            OrderAction::AutoAccept => OrderEvent::AutoAccepted,
            OrderAction::AutoCancel => OrderEvent::AutoCancelled,
        }
    }
}

/// A line of the order's timeline: a transition, or a message between the parties.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrderEvent {
    Placed,
    Message,
    Instructions,
    Delivered,
    Accepted,
    ChangesRequested,
    CancelledLate,
    Declined,
    CancelAsked,
    CancelAgreed,
    CancelRefused,
    Reported,
    RuledForSeller,
    RuledForBuyer,
    RuledSplit,
    AutoAccepted,
    AutoCancelled,
}

impl OrderEvent {
    pub const ALL: [OrderEvent; 17] = [
        OrderEvent::Placed,
        OrderEvent::Message,
        OrderEvent::Instructions,
        OrderEvent::Delivered,
        OrderEvent::Accepted,
        OrderEvent::ChangesRequested,
        OrderEvent::CancelledLate,
        OrderEvent::Declined,
        OrderEvent::CancelAsked,
        OrderEvent::CancelAgreed,
        OrderEvent::CancelRefused,
        OrderEvent::Reported,
        OrderEvent::RuledForSeller,
        OrderEvent::RuledForBuyer,
        OrderEvent::RuledSplit,
        OrderEvent::AutoAccepted,
        OrderEvent::AutoCancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderEvent::Placed => "placed",
            OrderEvent::Message => "message",
            OrderEvent::Instructions => "instructions",
            OrderEvent::Delivered => "delivered",
            OrderEvent::Accepted => "accepted",
            OrderEvent::ChangesRequested => "changes_requested",
            OrderEvent::CancelledLate => "cancelled_late",
            OrderEvent::Declined => "declined",
            OrderEvent::CancelAsked => "cancel_asked",
            OrderEvent::CancelAgreed => "cancel_agreed",
            OrderEvent::CancelRefused => "cancel_refused",
            OrderEvent::Reported => "reported",
            OrderEvent::RuledForSeller => "ruled_seller",
            OrderEvent::RuledForBuyer => "ruled_buyer",
            OrderEvent::RuledSplit => "ruled_split",
            OrderEvent::AutoAccepted => "auto_accepted",
            OrderEvent::AutoCancelled => "auto_cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<OrderEvent> {
        Self::ALL.into_iter().find(|e| e.as_str() == s)
    }

    /// The Fluent id of the timeline line.
    pub fn message_id(self) -> &'static str {
        match self {
            OrderEvent::Placed => "order-event-placed",
            OrderEvent::Message => "order-event-message",
            OrderEvent::Instructions => "order-event-instructions",
            OrderEvent::Delivered => "order-event-delivered",
            OrderEvent::Accepted => "order-event-accepted",
            OrderEvent::ChangesRequested => "order-event-changes-requested",
            OrderEvent::CancelledLate => "order-event-cancelled-late",
            OrderEvent::Declined => "order-event-declined",
            OrderEvent::CancelAsked => "order-event-cancel-asked",
            OrderEvent::CancelAgreed => "order-event-cancel-agreed",
            OrderEvent::CancelRefused => "order-event-cancel-refused",
            OrderEvent::Reported => "order-event-reported",
            OrderEvent::RuledForSeller => "order-event-ruled-seller",
            OrderEvent::RuledForBuyer => "order-event-ruled-buyer",
            OrderEvent::RuledSplit => "order-event-ruled-split",
            OrderEvent::AutoAccepted => "order-event-auto-accepted",
            OrderEvent::AutoCancelled => "order-event-auto-cancelled",
        }
    }
}

/// Where an order's escrow goes when it closes. The three parts add up to the order's
/// total exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settlement {
    pub to_buyer: Money,
    /// The seller's earnings after commission (they clear later).
    pub to_seller: Money,
    pub commission: Money,
}

impl Settlement {
    /// The seller is paid `gross` of `total`, less the commission (half-even to the cent);
    /// the buyer gets the rest back.
    pub fn new(total: Money, gross: Money) -> Settlement {
        let commission = gross.percent_half_even(COMMISSION_PERCENT);
        Settlement {
            to_buyer: total - gross,
            to_seller: gross - commission,
            commission,
        }
    }
}

/// The result of an allowed action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub next: OrderState,
    /// Present exactly when the action closes the order.
    pub settlement: Option<Settlement>,
    pub event: OrderEvent,
}

/// Decides `action` by `role` on `order` at `now`.
pub fn decide(
    order: &OrderState,
    role: Role,
    action: OrderAction,
    now: i64,
) -> Result<Step, Refusal> {
    use OrderAction as A;
    use OrderStatus as S;
    let allowed_roles: &[Role] = match action {
        A::SendInstructions | A::Accept | A::RequestChanges | A::CancelLate => &[Role::Buyer],
        A::Deliver | A::Decline => &[Role::Seller],
        A::AskCancel | A::AnswerCancel { .. } | A::Report => &[Role::Buyer, Role::Seller],
        A::Rule(_) => &[Role::Admin],
        A::AutoAccept | A::AutoCancel => &[Role::System],
    };
    if !allowed_roles.contains(&role) {
        return Err(Refusal::OrderNotYours);
    }
    let mut next = order.clone();
    let total = order.total;
    let refund = Settlement::new(total, Money::ZERO);
    let release = Settlement::new(total, total);
    let open = matches!(order.status, S::AwaitingInstructions | S::InProgress);
    let settlement = match action {
        A::SendInstructions => {
            if order.status != S::AwaitingInstructions {
                return Err(Refusal::OrderWrongState);
            }
            next.status = S::InProgress;
            next.deadline = Some(now + i64::from(order.delivery_days) * DAY);
            None
        }
        A::Deliver => {
            if order.status != S::InProgress {
                return Err(Refusal::OrderWrongState);
            }
            next.status = S::Delivered;
            next.delivered_at = Some(now);
            // A delivery settles what a request to cancel was about.
            next.cancel_request = None;
            None
        }
        A::Accept => {
            if order.status != S::Delivered {
                return Err(Refusal::OrderWrongState);
            }
            next.status = S::Completed;
            Some(release)
        }
        A::AutoAccept => {
            if order.status != S::Delivered {
                return Err(Refusal::OrderWrongState);
            }
            if order.auto_at().is_none_or(|at| now < at) {
                return Err(Refusal::OrderNotDue);
            }
            next.status = S::Completed;
            Some(release)
        }
        A::RequestChanges => {
            if order.status != S::Delivered {
                return Err(Refusal::OrderWrongState);
            }
            // Back to work; the deadline stays what it was.
            next.status = S::InProgress;
            next.delivered_at = None;
            None
        }
        A::CancelLate => {
            if order.status != S::InProgress {
                return Err(Refusal::OrderWrongState);
            }
            if !order.is_late(now) {
                return Err(Refusal::OrderNotLate);
            }
            next.status = S::Cancelled;
            Some(refund)
        }
        A::Decline => {
            if !open {
                return Err(Refusal::OrderWrongState);
            }
            next.status = S::Cancelled;
            Some(refund)
        }
        A::AskCancel => {
            if !open {
                return Err(Refusal::OrderWrongState);
            }
            if order.cancel_request.is_some() {
                return Err(Refusal::OrderCancelPending);
            }
            next.cancel_request = Some(CancelRequest {
                by: Side::of(role).ok_or(Refusal::OrderNotYours)?,
                at: now,
            });
            None
        }
        A::AnswerCancel { agree } => {
            let Some(request) = order.cancel_request.filter(|_| open) else {
                return Err(Refusal::OrderNoCancelRequest);
            };
            if Side::of(role) == Some(request.by) {
                return Err(Refusal::OrderNotYours);
            }
            next.cancel_request = None;
            if agree {
                next.status = S::Cancelled;
                Some(refund)
            } else {
                None
            }
        }
        A::AutoCancel => {
            if !open || order.cancel_request.is_none() {
                return Err(Refusal::OrderNoCancelRequest);
            }
            if order.auto_at().is_none_or(|at| now < at) {
                return Err(Refusal::OrderNotDue);
            }
            next.cancel_request = None;
            next.status = S::Cancelled;
            Some(refund)
        }
        A::Report => {
            if !matches!(order.status, S::InProgress | S::Delivered) {
                return Err(Refusal::OrderWrongState);
            }
            next.status = S::Disputed;
            next.cancel_request = None;
            None
        }
        A::Rule(ruling) => {
            if order.status != S::Disputed {
                return Err(Refusal::OrderWrongState);
            }
            match ruling {
                Ruling::ToSeller => {
                    next.status = S::Completed;
                    Some(release)
                }
                Ruling::ToBuyer => {
                    next.status = S::Cancelled;
                    Some(refund)
                }
                Ruling::Split { buyer } => {
                    if buyer <= Money::ZERO || buyer >= total || buyer.to_cents().is_err() {
                        return Err(Refusal::OrderSplitInvalid);
                    }
                    next.status = S::Completed;
                    Some(Settlement::new(total, total - buyer))
                }
            }
        }
    };
    Ok(Step {
        next,
        settlement,
        event: action.event(),
    })
}

/// What `role` may do now, in the order of [`OrderAction::offered`].
pub fn available_actions(order: &OrderState, role: Role, now: i64) -> Vec<OrderAction> {
    OrderAction::offered()
        .into_iter()
        .filter(|a| decide(order, role, *a, now).is_ok())
        .collect()
}

/// A note typed with an action or as a message: trimmed, required when the action needs
/// one, at most [`MAX_NOTE_CHARS`].
pub fn check_note(note: &str, required: bool) -> Result<String, &'static str> {
    let note = note.trim();
    if required && note.is_empty() {
        Err("order-note-required")
    } else if note.chars().count() > MAX_NOTE_CHARS {
        Err("order-note-too-long")
    } else if let Some(found) = crate::contact::find_contact(note) {
        // Contact details would take the deal off the site: refused, nothing stored.
        Err(found.kind.message_id())
    } else {
        Ok(note.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const T0: i64 = 1_800_000_000;

    fn roles() -> impl Strategy<Value = Role> {
        prop_oneof![
            Just(Role::Buyer),
            Just(Role::Seller),
            Just(Role::Admin),
            Just(Role::System)
        ]
    }

    fn actions() -> impl Strategy<Value = OrderAction> {
        prop_oneof![
            8 => (0..13usize).prop_map(|i| OrderAction::offered()[i]),
            1 => (0i64..3000).prop_map(|c| OrderAction::Rule(Ruling::Split { buyer: Money::from_cents(c) })),
            1 => Just(OrderAction::AutoAccept),
            1 => Just(OrderAction::AutoCancel),
        ]
    }

    /// Which roles may ever take an action (the table the server's tests also use).
    fn may(role: Role, action: OrderAction) -> bool {
        use OrderAction as A;
        match action {
            A::SendInstructions | A::Accept | A::RequestChanges | A::CancelLate => {
                role == Role::Buyer
            }
            A::Deliver | A::Decline => role == Role::Seller,
            A::AskCancel | A::AnswerCancel { .. } | A::Report => {
                matches!(role, Role::Buyer | Role::Seller)
            }
            A::Rule(_) => role == Role::Admin,
            A::AutoAccept | A::AutoCancel => role == Role::System,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Any sequence of attempts, by anyone, at any time: only the right role succeeds,
        /// money moves at most once and adds up, a closed order stays closed, and a
        /// refusal changes nothing.
        #[test]
        fn no_sequence_breaks_the_rules(
            total in 500i64..200_000,
            days in 1u32..30,
            steps in prop::collection::vec((roles(), actions(), 0i64..(5 * DAY)), 0..40),
        ) {
            let total = Money::from_cents(total);
            let mut order = OrderState::new(total, days);
            let mut now = T0;
            let mut settled = 0;
            for (role, action, wait) in steps {
                now += wait;
                let before = order.clone();
                match decide(&order, role, action, now) {
                    Ok(step) => {
                        prop_assert!(may(role, action), "{role:?} did {action:?}");
                        prop_assert!(before.status.holds_escrow(), "acted on a closed order");
                        prop_assert_eq!(step.settlement.is_some(), !step.next.status.holds_escrow());
                        if let Some(s) = step.settlement {
                            settled += 1;
                            prop_assert_eq!(s.to_buyer + s.to_seller + s.commission, total);
                            prop_assert!(s.to_buyer >= Money::ZERO && s.to_seller >= Money::ZERO);
                            let gross = s.to_seller + s.commission;
                            prop_assert_eq!(s.commission, gross.percent_half_even(COMMISSION_PERCENT));
                        }
                        if step.next.status == OrderStatus::InProgress {
                            prop_assert!(step.next.deadline.is_some());
                        }
                        if before.deadline.is_some() {
                            // The deadline, once started, never moves.
                            prop_assert_eq!(step.next.deadline, before.deadline);
                        }
                        order = step.next;
                    }
                    Err(_) => prop_assert_eq!(&order, &before),
                }
            }
            prop_assert!(settled <= 1, "settled {settled} times");
            prop_assert_eq!(settled == 1, !order.status.holds_escrow());
        }

        /// A split pays the seller the rest less 20% of it, half-even, and never loses a cent.
        #[test]
        fn a_split_adds_up(total in 2i64..1_000_000, pick in any::<u32>()) {
            let buyer = 1 + i64::from(pick) % (total - 1);
            let s = Settlement::new(Money::from_cents(total), Money::from_cents(total - buyer));
            prop_assert_eq!(s.to_buyer, Money::from_cents(buyer));
            // Integer half-even model of 20% of the seller's part.
            let gross = total - buyer;
            let (q, r) = (gross * 20 / 100, gross * 20 % 100);
            let commission = match r.cmp(&50) {
                std::cmp::Ordering::Less => q,
                std::cmp::Ordering::Greater => q + 1,
                std::cmp::Ordering::Equal => q + (q % 2),
            };
            prop_assert_eq!(s.commission, Money::from_cents(commission));
            prop_assert_eq!(s.to_seller, Money::from_cents(gross - commission));
        }
    }

    fn at(state: &OrderState, role: Role, action: OrderAction, now: i64) -> OrderState {
        decide(state, role, action, now).unwrap().next
    }

    #[test]
    fn the_happy_path_pays_eighty_percent() {
        let o = OrderState::new(Money::from_cents(2500), 2);
        let o = at(&o, Role::Buyer, OrderAction::SendInstructions, T0);
        assert_eq!(o.deadline, Some(T0 + 2 * DAY));
        let o = at(&o, Role::Seller, OrderAction::Deliver, T0 + DAY);
        let o = at(&o, Role::Buyer, OrderAction::RequestChanges, T0 + DAY + 1);
        assert_eq!(o.status, OrderStatus::InProgress);
        assert_eq!(o.deadline, Some(T0 + 2 * DAY));
        let o = at(&o, Role::Seller, OrderAction::Deliver, T0 + 3 * DAY);
        let step = decide(&o, Role::Buyer, OrderAction::Accept, T0 + 3 * DAY + 5).unwrap();
        assert_eq!(step.next.status, OrderStatus::Completed);
        assert_eq!(
            step.settlement,
            Some(Settlement {
                to_buyer: Money::ZERO,
                to_seller: Money::from_cents(2000),
                commission: Money::from_cents(500),
            })
        );
    }

    #[test]
    fn late_orders_and_the_clock() {
        let o = OrderState::new(Money::from_cents(500), 1);
        assert_eq!(
            decide(&o, Role::Buyer, OrderAction::CancelLate, T0).unwrap_err(),
            Refusal::OrderWrongState
        );
        let o = at(&o, Role::Buyer, OrderAction::SendInstructions, T0);
        assert_eq!(
            decide(&o, Role::Buyer, OrderAction::CancelLate, T0 + DAY).unwrap_err(),
            Refusal::OrderNotLate
        );
        assert!(o.is_late(T0 + DAY + 1));
        let step = decide(&o, Role::Buyer, OrderAction::CancelLate, T0 + DAY + 1).unwrap();
        assert_eq!(step.settlement.unwrap().to_buyer, Money::from_cents(500));

        let d = at(&o, Role::Seller, OrderAction::Deliver, T0 + 10);
        assert_eq!(
            decide(
                &d,
                Role::System,
                OrderAction::AutoAccept,
                T0 + 10 + AUTO_ACCEPT_SECS - 1
            )
            .unwrap_err(),
            Refusal::OrderNotDue
        );
        assert!(decide(
            &d,
            Role::System,
            OrderAction::AutoAccept,
            T0 + 10 + AUTO_ACCEPT_SECS
        )
        .is_ok());
        // Nobody but the jobs acts on time's behalf, and the jobs do nothing else.
        assert_eq!(
            decide(&d, Role::Buyer, OrderAction::AutoAccept, T0 + 9 * DAY).unwrap_err(),
            Refusal::OrderNotYours
        );
        assert_eq!(
            decide(&d, Role::System, OrderAction::Accept, T0 + 9 * DAY).unwrap_err(),
            Refusal::OrderNotYours
        );
    }

    #[test]
    fn cancelling_takes_two_or_time() {
        let o = OrderState::new(Money::from_cents(1000), 3);
        let asked = at(&o, Role::Seller, OrderAction::AskCancel, T0);
        assert_eq!(
            decide(
                &asked,
                Role::Seller,
                OrderAction::AnswerCancel { agree: true },
                T0
            )
            .unwrap_err(),
            Refusal::OrderNotYours
        );
        assert_eq!(
            decide(&asked, Role::Buyer, OrderAction::AskCancel, T0).unwrap_err(),
            Refusal::OrderCancelPending
        );
        let refused = at(
            &asked,
            Role::Buyer,
            OrderAction::AnswerCancel { agree: false },
            T0,
        );
        assert_eq!(refused.status, OrderStatus::AwaitingInstructions);
        assert_eq!(refused.cancel_request, None);
        assert_eq!(
            decide(
                &asked,
                Role::System,
                OrderAction::AutoCancel,
                T0 + CANCEL_ANSWER_SECS
            )
            .unwrap()
            .next
            .status,
            OrderStatus::Cancelled
        );
        assert_eq!(
            available_actions(&asked, Role::Buyer, T0),
            vec![
                OrderAction::SendInstructions,
                OrderAction::AnswerCancel { agree: true },
                OrderAction::AnswerCancel { agree: false },
            ]
        );
    }

    #[test]
    fn rulings() {
        let o = OrderState::new(Money::from_cents(3000), 3);
        let o = at(&o, Role::Buyer, OrderAction::SendInstructions, T0);
        let o = at(&o, Role::Buyer, OrderAction::Report, T0 + 1);
        assert_eq!(o.status, OrderStatus::Disputed);
        for bad in [0, 3000, 4000] {
            let split = OrderAction::Rule(Ruling::Split {
                buyer: Money::from_cents(bad),
            });
            assert_eq!(
                decide(&o, Role::Admin, split, T0).unwrap_err(),
                Refusal::OrderSplitInvalid
            );
        }
        let split = OrderAction::Rule(Ruling::Split {
            buyer: Money::from_cents(1000),
        });
        let step = decide(&o, Role::Admin, split, T0).unwrap();
        assert_eq!(
            step.settlement,
            Some(Settlement {
                to_buyer: Money::from_cents(1000),
                to_seller: Money::from_cents(1600),
                commission: Money::from_cents(400),
            })
        );
        assert_eq!(
            decide(&o, Role::Buyer, OrderAction::Rule(Ruling::ToBuyer), T0).unwrap_err(),
            Refusal::OrderNotYours
        );
    }

    #[test]
    fn notes() {
        assert_eq!(check_note("  ", true), Err("order-note-required"));
        assert_eq!(check_note("  ", false), Ok(String::new()));
        assert_eq!(check_note(" ok ", true), Ok("ok".into()));
        assert_eq!(check_note("واتس ٠٥٥١٢٣٤٥٦٧", false), Err("contact-phone"));
        assert_eq!(
            check_note("التسليم 2025-03-14", true),
            Ok("التسليم 2025-03-14".into())
        );
        assert_eq!(
            check_note(&"ب".repeat(MAX_NOTE_CHARS + 1), false),
            Err("order-note-too-long")
        );
        for e in OrderEvent::ALL {
            assert_eq!(OrderEvent::parse(e.as_str()), Some(e));
        }
    }
}
