//! The one error vocabulary: why a request was refused, as the server decides it and as
//! the browser shows it. Each case has a Fluent message id; none carries server text.

use serde::{Deserialize, Serialize};

use crate::validation::FieldError;

/// A storage failure. The details are logged by the server under `incident`; users see
/// only the incident id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("internal error (incident {incident})")]
pub struct StoreError {
    pub incident: String,
}

#[cfg(feature = "ssr")]
impl StoreError {
    /// Logs an unexpected failure under a fresh incident id and returns what a user may
    /// see: the id, never the failure's own text (a database's message can quote SQL).
    pub fn incident(context: &str, err: impl std::fmt::Display) -> Self {
        let incident = format!("{:08x}", rand::random::<u32>());
        tracing::error!(%incident, context, error = %err, "unexpected failure");
        StoreError { incident }
    }
}

/// A rule that said no. `message_id` is what the user reads.
///
/// On the wire it is that id, with the count after a colon for the cases that carry one
/// (`"cart-full:20"`): the derived form would put a reader of forty-odd variant names
/// in the browser's first download, where any answer of a server function may carry one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    // Accounts.
    LoginFailed,
    AccountSuspended,
    AlreadyVerified,
    LinkInvalid,
    VerifyEmailFirst,
    // Selling and moderation.
    ServiceCap {
        max: u32,
    },
    StatusChange,
    NothingToReview,
    /// The seller changed the service after the admin opened it for review.
    ReviewOutdated,
    CannotSuspendAdmin,
    // Cart.
    CartFull {
        max: u32,
    },
    CartOwnService,
    CartQuantityInvalid,
    CartUpgradeInvalid,
    // Checkout and payments.
    CheckoutEmpty,
    CheckoutCartChanged,
    CheckoutLineProblem,
    CheckoutInsufficientBalance,
    CheckoutKeyInvalid,
    CheckoutKeyReused,
    PaymentDeclined,
    PaymentUnavailable,
    PaymentInProgress,
    // Orders.
    /// The action is another party's to take.
    OrderNotYours,
    /// The order is not in a state where this can happen (any more).
    OrderWrongState,
    OrderNotLate,
    /// A time-driven action asked before its time.
    OrderNotDue,
    OrderCancelPending,
    OrderNoCancelRequest,
    OrderSplitInvalid,
    // Withdrawals.
    WithdrawalBelowMinimum,
    WithdrawalInsufficient,
    WithdrawalDecided,
    // Reviews.
    /// The order cannot be rated (not completed, nor cancelled for lateness), or there is
    /// no review to reply to.
    ReviewNotAllowed,
    /// More than 14 days since the order closed.
    ReviewWindowClosed,
    /// Written more than 24 hours ago: it stands as it is.
    ReviewFinal,
    // Messages.
    /// A seller asking about their own service.
    MessageOwnService,
    // Buyer requests.
    /// Not open for offers (waiting for moderation, closed, ordered or expired).
    RequestNotOpen,
    /// A buyer offering on their own request.
    RequestOwn,
    /// One offer per seller and request.
    OfferExists,
    OfferDailyCap {
        max: u32,
    },
    /// The offer was changed, or the request acted on, since the page was loaded.
    OfferChanged,
}

impl Refusal {
    /// The Fluent id of the message.
    pub fn message_id(self) -> &'static str {
        match self {
            Refusal::LoginFailed => "error-login-failed",
            Refusal::AccountSuspended => "error-account-suspended",
            Refusal::AlreadyVerified => "error-already-verified",
            Refusal::LinkInvalid => "error-link-invalid",
            Refusal::VerifyEmailFirst => "error-verify-email-first",
            Refusal::ServiceCap { .. } => "error-service-cap",
            Refusal::StatusChange => "error-status-change",
            Refusal::NothingToReview => "error-nothing-to-review",
            Refusal::ReviewOutdated => "error-review-outdated",
            Refusal::CannotSuspendAdmin => "error-cannot-suspend-admin",
            Refusal::CartFull { .. } => "cart-full",
            Refusal::CartOwnService => "cart-own-service",
            Refusal::CartQuantityInvalid => "cart-quantity-invalid",
            Refusal::CartUpgradeInvalid => "cart-upgrade-invalid",
            Refusal::CheckoutEmpty => "checkout-empty",
            Refusal::CheckoutCartChanged => "checkout-cart-changed",
            Refusal::CheckoutLineProblem => "checkout-line-problem",
            Refusal::CheckoutInsufficientBalance => "checkout-insufficient-balance",
            Refusal::CheckoutKeyInvalid => "checkout-key-invalid",
            Refusal::CheckoutKeyReused => "checkout-key-reused",
            Refusal::PaymentDeclined => "payment-declined",
            Refusal::PaymentUnavailable => "payment-unavailable",
            Refusal::PaymentInProgress => "payment-in-progress",
            Refusal::OrderNotYours => "error-order-not-yours",
            Refusal::OrderWrongState => "error-order-wrong-state",
            Refusal::OrderNotLate => "error-order-not-late",
            Refusal::OrderNotDue => "error-order-not-due",
            Refusal::OrderCancelPending => "error-order-cancel-pending",
            Refusal::OrderNoCancelRequest => "error-order-no-cancel-request",
            Refusal::OrderSplitInvalid => "error-order-split-invalid",
            Refusal::WithdrawalBelowMinimum => "error-withdrawal-minimum",
            Refusal::WithdrawalInsufficient => "error-withdrawal-insufficient",
            Refusal::WithdrawalDecided => "error-withdrawal-decided",
            Refusal::ReviewNotAllowed => "error-review-not-allowed",
            Refusal::ReviewWindowClosed => "error-review-window-closed",
            Refusal::ReviewFinal => "error-review-final",
            Refusal::MessageOwnService => "error-message-own-service",
            Refusal::RequestNotOpen => "error-request-not-open",
            Refusal::RequestOwn => "error-request-own",
            Refusal::OfferExists => "error-offer-exists",
            Refusal::OfferDailyCap { .. } => "error-offer-daily-cap",
            Refusal::OfferChanged => "error-offer-changed",
        }
    }

    /// The number the message shows (a limit), for the messages that take a count.
    pub fn count(self) -> Option<u32> {
        match self {
            Refusal::ServiceCap { max }
            | Refusal::CartFull { max }
            | Refusal::OfferDailyCap { max } => Some(max),
            _ => None,
        }
    }

    /// The same case with another count; the cases without one are returned as they are.
    pub fn with_count(self, n: u32) -> Refusal {
        match self {
            Refusal::ServiceCap { .. } => Refusal::ServiceCap { max: n },
            Refusal::CartFull { .. } => Refusal::CartFull { max: n },
            Refusal::OfferDailyCap { .. } => Refusal::OfferDailyCap { max: n },
            other => other,
        }
    }

    /// The case whose wire form (see [`Refusal`]) this is.
    pub fn from_wire(text: &str) -> Option<Refusal> {
        let (id, count) = match text.split_once(':') {
            Some((id, count)) => (id, Some(count.parse().ok()?)),
            None => (text, None),
        };
        let refusal = Refusal::ALL.into_iter().find(|r| r.message_id() == id)?;
        match (refusal.count(), count) {
            (Some(_), Some(n)) => Some(refusal.with_count(n)),
            (None, None) => Some(refusal),
            _ => None,
        }
    }

    /// Every case, for the test that each message exists in every language and for
    /// reading the wire form: a new case goes here too.
    pub const ALL: [Refusal; 42] = [
        Refusal::LoginFailed,
        Refusal::AccountSuspended,
        Refusal::AlreadyVerified,
        Refusal::LinkInvalid,
        Refusal::VerifyEmailFirst,
        Refusal::ServiceCap { max: 10 },
        Refusal::StatusChange,
        Refusal::NothingToReview,
        Refusal::ReviewOutdated,
        Refusal::CannotSuspendAdmin,
        Refusal::CartFull { max: 20 },
        Refusal::CartOwnService,
        Refusal::CartQuantityInvalid,
        Refusal::CartUpgradeInvalid,
        Refusal::CheckoutEmpty,
        Refusal::CheckoutCartChanged,
        Refusal::CheckoutLineProblem,
        Refusal::CheckoutInsufficientBalance,
        Refusal::CheckoutKeyInvalid,
        Refusal::CheckoutKeyReused,
        Refusal::PaymentDeclined,
        Refusal::PaymentUnavailable,
        Refusal::PaymentInProgress,
        Refusal::OrderNotYours,
        Refusal::OrderWrongState,
        Refusal::OrderNotLate,
        Refusal::OrderNotDue,
        Refusal::OrderCancelPending,
        Refusal::OrderNoCancelRequest,
        Refusal::OrderSplitInvalid,
        Refusal::WithdrawalBelowMinimum,
        Refusal::WithdrawalInsufficient,
        Refusal::WithdrawalDecided,
        Refusal::ReviewNotAllowed,
        Refusal::ReviewWindowClosed,
        Refusal::ReviewFinal,
        Refusal::MessageOwnService,
        Refusal::RequestNotOpen,
        Refusal::RequestOwn,
        Refusal::OfferExists,
        Refusal::OfferDailyCap { max: 5 },
        Refusal::OfferChanged,
    ];
}

impl Serialize for DomainError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_wire().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for DomainError {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        DomainError::from_wire(ErrorWire::deserialize(deserializer)?)
            .ok_or_else(|| serde::de::Error::custom("not an error's wire form"))
    }
}

/// The wire form (see [`Refusal`]): its message id, and its count after a colon.
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self.count() {
            Some(n) => write!(f, "{}:{n}", self.message_id()),
            None => f.write_str(self.message_id()),
        }
    }
}

impl Serialize for Refusal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Refusal {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{Error, Unexpected};
        let text = String::deserialize(deserializer)?;
        Refusal::from_wire(&text)
            .ok_or_else(|| D::Error::invalid_value(Unexpected::Str(&text), &"a refusal's id"))
    }
}

/// Why a request was refused, on the server and on the wire.
///
/// On the wire it is a pair (see [`ErrorWire`]): the kind with its detail after a colon
/// (`"refused:cart-full:20"`, `"throttled:15"`, `"store:1a2b3c4d"`), and the fields' problems
/// for `"invalid"`. Any server function's answer may carry one, so its reader is in the
/// browser's first download, and serde's tagged form of seven cases read three times the
/// bytes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("not found")]
    NotFound,
    /// The visitor must log in first.
    #[error("login required")]
    LoginRequired,
    #[error("forbidden")]
    Forbidden,
    /// Field-level problems, each a Fluent id.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("refused: {0:?}")]
    Refused(Refusal),
    /// Too many attempts (or too much work asked for); retry after `minutes`.
    #[error("too many attempts, retry in {minutes} min")]
    Throttled { minutes: u32 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<Refusal> for DomainError {
    fn from(r: Refusal) -> Self {
        DomainError::Refused(r)
    }
}

/// An error as it travels: its kind and detail, and the fields' problems as
/// `(field, message id)` pairs.
pub type ErrorWire = (String, Vec<(String, String)>);

impl DomainError {
    /// The wire form (see [`DomainError`]).
    pub fn to_wire(&self) -> ErrorWire {
        let kind = match self {
            DomainError::NotFound => "not-found".to_owned(),
            DomainError::LoginRequired => "login-required".to_owned(),
            DomainError::Forbidden => "forbidden".to_owned(),
            DomainError::Invalid(_) => "invalid".to_owned(),
            DomainError::Refused(refusal) => format!("refused:{refusal}"),
            DomainError::Throttled { minutes } => format!("throttled:{minutes}"),
            DomainError::Store(e) => format!("store:{}", e.incident),
        };
        let fields = match self {
            DomainError::Invalid(errors) => errors
                .iter()
                .map(|e| (e.field.clone(), e.message.clone()))
                .collect(),
            _ => Vec::new(),
        };
        (kind, fields)
    }

    /// The error whose wire form this is; `None` for anything else.
    pub fn from_wire((kind, fields): ErrorWire) -> Option<DomainError> {
        let (name, detail) = match kind.split_once(':') {
            Some((name, detail)) => (name, Some(detail)),
            None => (kind.as_str(), None),
        };
        if name != "invalid" && !fields.is_empty() {
            return None;
        }
        Some(match (name, detail) {
            ("not-found", None) => DomainError::NotFound,
            ("login-required", None) => DomainError::LoginRequired,
            ("forbidden", None) => DomainError::Forbidden,
            ("invalid", None) => DomainError::Invalid(
                fields
                    .into_iter()
                    .map(|(field, message)| FieldError { field, message })
                    .collect(),
            ),
            ("refused", Some(refusal)) => DomainError::Refused(Refusal::from_wire(refusal)?),
            ("throttled", Some(minutes)) => DomainError::Throttled {
                minutes: minutes.parse().ok()?,
            },
            ("store", Some(incident)) => DomainError::Store(StoreError {
                incident: incident.to_owned(),
            }),
            _ => return None,
        })
    }

    /// One field's problem.
    pub fn field(field: &str, message: &str) -> Self {
        DomainError::Invalid(vec![FieldError::new(field, message)])
    }

    /// The HTTP status a request refused this way answers with: a user's mistake is never
    /// a 500.
    pub fn status_code(&self) -> u16 {
        match self {
            DomainError::NotFound => 404,
            DomainError::LoginRequired => 401,
            DomainError::Forbidden => 403,
            DomainError::Invalid(_) => 422,
            DomainError::Refused(_) => 400,
            DomainError::Throttled { .. } => 429,
            DomainError::Store(_) => 500,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_has_its_own_message() {
        let mut ids: Vec<&str> = Refusal::ALL.iter().map(|r| r.message_id()).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "two refusals share a message");
    }

    #[test]
    fn every_refusal_travels_as_its_id() {
        for refusal in Refusal::ALL {
            let json = serde_json::to_string(&refusal).unwrap();
            let id = refusal.message_id();
            match refusal.count() {
                Some(n) => assert_eq!(json, format!("\"{id}:{n}\"")),
                None => assert_eq!(json, format!("\"{id}\"")),
            }
            assert_eq!(serde_json::from_str::<Refusal>(&json).unwrap(), refusal);
        }
        assert_eq!(
            serde_json::from_str::<Refusal>("\"cart-full:7\"").unwrap(),
            Refusal::CartFull { max: 7 }
        );
        // An unknown id, a count where none belongs or missing where one does: refused.
        for json in [
            "\"no-such-id\"",
            "\"checkout-empty:3\"",
            "\"cart-full\"",
            "\"cart-full:x\"",
            "3",
        ] {
            assert!(
                serde_json::from_str::<Refusal>(json).is_err(),
                "{json} was read"
            );
        }
    }

    #[test]
    fn every_error_travels_as_its_wire_form() {
        let mut errors = vec![
            DomainError::NotFound,
            DomainError::LoginRequired,
            DomainError::Forbidden,
            DomainError::Invalid(vec![
                FieldError::new("title", "error-too-short"),
                FieldError::new("upgrades.2.price", "error-price-range"),
            ]),
            DomainError::Invalid(vec![]),
            DomainError::Throttled { minutes: 15 },
            DomainError::Store(StoreError {
                incident: "1a2b3c4d".into(),
            }),
        ];
        errors.extend(Refusal::ALL.map(DomainError::Refused));
        for error in errors {
            let json = serde_json::to_string(&error).unwrap();
            let back: DomainError = serde_json::from_str(&json).unwrap();
            assert_eq!(back, error, "{json}");
        }
        assert_eq!(
            serde_json::to_string(&DomainError::Refused(Refusal::CartFull { max: 20 })).unwrap(),
            r#"["refused:cart-full:20",[]]"#
        );
        for json in [
            r#"["not-found:x",[]]"#,
            r#"["forbidden",[["title","x"]]]"#,
            r#"["refused:no-such-id",[]]"#,
            r#"["throttled:soon",[]]"#,
            r#"["store",[]]"#,
            r#"["teapot",[]]"#,
            r#""not-found""#,
        ] {
            assert!(
                serde_json::from_str::<DomainError>(json).is_err(),
                "{json} was read"
            );
        }
    }

    #[test]
    fn refusals_travel_as_json() {
        let e = DomainError::Refused(Refusal::CartFull { max: 20 });
        let back: DomainError = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(back, e);
        assert_eq!(back.status_code(), 400);
    }
}
