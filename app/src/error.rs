//! The one error type of the server functions, with a localized message for each case.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::I18n;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
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

impl AppError {
    /// What the user reads: never the server's own error text.
    pub fn message(&self, i18n: I18n) -> String {
        match self {
            AppError::NotFound => i18n.t("error-not-found"),
            AppError::Internal { incident } => {
                i18n.t_arg("error-internal", "incident", incident.clone())
            }
            AppError::Request(_) => i18n.t("error-network"),
        }
    }
}
