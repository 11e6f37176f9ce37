//! The one error type of the server functions, with a localized message for each case.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use shared::validation::FieldError;

use crate::i18n::I18n;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
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
    /// A rule said no (Fluent id).
    #[error("refused: {0}")]
    Refused(String),
    #[error("refused: {id} ({n})")]
    RefusedWith { id: String, n: u32 },
    #[error("throttled for {minutes} min")]
    Throttled { minutes: u32 },
    /// Something failed on the server; the details are in the log under this id.
    #[error("internal error (incident {incident})")]
    Internal { incident: String },
    /// The request did not reach the server function or its answer did not come back.
    #[error("request failed: {0}")]
    Request(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<shared::ports::StoreError> for AppError {
    fn from(e: shared::ports::StoreError) -> Self {
        AppError::Internal {
            incident: e.incident,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<shared::ports::DomainError> for AppError {
    fn from(e: shared::ports::DomainError) -> Self {
        use shared::ports::DomainError as D;
        match e {
            D::NotFound => AppError::NotFound,
            D::Forbidden => AppError::Forbidden,
            D::Invalid(errors) => AppError::Invalid(errors),
            D::Refused(id) => AppError::Refused(id),
            D::RefusedWith { id, n } => AppError::RefusedWith { id, n },
            D::Throttled { minutes } => AppError::Throttled { minutes },
            D::Store(e) => e.into(),
        }
    }
}

impl AppError {
    /// What the user reads: never the server's own error text.
    pub fn message(&self, i18n: I18n) -> String {
        match self {
            AppError::NotFound => i18n.t("error-not-found"),
            AppError::LoginRequired => i18n.t("error-login-required"),
            AppError::Forbidden => i18n.t("error-forbidden"),
            AppError::Invalid(_) => i18n.t("error-invalid"),
            AppError::Refused(id) => i18n.t(id),
            AppError::RefusedWith { id, n } => i18n.count(id, u64::from(*n)),
            AppError::Throttled { minutes } => i18n.count("error-throttled", u64::from(*minutes)),
            AppError::Internal { incident } => {
                i18n.t_arg("error-internal", "incident", incident.clone())
            }
            AppError::Request(_) => i18n.t("error-network"),
        }
    }

    /// The HTTP status a server function answers with: a user's mistake is never a 500.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::LoginRequired => 401,
            AppError::Forbidden => 403,
            AppError::Invalid(_) => 422,
            AppError::Refused(_) | AppError::RefusedWith { .. } | AppError::Request(_) => 400,
            AppError::Throttled { .. } => 429,
            AppError::Internal { .. } => 500,
        }
    }

    /// The field errors carried, if any.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            AppError::Invalid(errors) => errors,
            _ => &[],
        }
    }
}
