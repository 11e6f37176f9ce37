//! The one error type of the server functions, with a localized message for each case.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use shared::error::{DomainError, ErrorWire, Refusal, StoreError};
use shared::validation::FieldError;

use crate::i18n::I18n;

/// What a server function answers when it does not succeed: a refusal of the domain's
/// own vocabulary, or a request that never got an answer.
///
/// On the wire, the domain error's own form (`DomainError::to_wire`), or
/// `["request:<text>", []]`: one small reader in the browser instead of serde's tagged one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// The request did not reach the server function or its answer did not come back.
    #[error("request failed: {0}")]
    Request(String),
}

impl Serialize for AppError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            AppError::Domain(e) => e.to_wire().serialize(serializer),
            AppError::Request(text) => (format!("request:{text}"), [(); 0]).serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for AppError {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (kind, fields) = ErrorWire::deserialize(deserializer)?;
        if let Some(text) = kind.strip_prefix("request:") {
            return Ok(AppError::Request(text.to_owned()));
        }
        DomainError::from_wire((kind, fields))
            .map(AppError::Domain)
            .ok_or_else(|| serde::de::Error::custom("not an error's wire form"))
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::Domain(DomainError::Store(e))
    }
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        AppError::Domain(DomainError::Refused(r))
    }
}

impl AppError {
    pub const NOT_FOUND: AppError = AppError::Domain(DomainError::NotFound);
    pub const LOGIN_REQUIRED: AppError = AppError::Domain(DomainError::LoginRequired);
    pub const FORBIDDEN: AppError = AppError::Domain(DomainError::Forbidden);

    /// An unexpected failure, logged (on the server) under `incident`.
    pub fn internal(incident: impl Into<String>) -> Self {
        AppError::Domain(DomainError::Store(StoreError {
            incident: incident.into(),
        }))
    }

    /// What the user reads: never the server's own error text.
    pub fn message(&self, i18n: I18n) -> String {
        let AppError::Domain(error) = self else {
            return i18n.t("error-network");
        };
        match error {
            DomainError::NotFound => i18n.t("error-not-found"),
            DomainError::LoginRequired => i18n.t("error-login-required"),
            DomainError::Forbidden => i18n.t("error-forbidden"),
            DomainError::Invalid(_) => i18n.t("error-invalid"),
            DomainError::Refused(refusal) => match refusal.count() {
                Some(n) => i18n.count(refusal.message_id(), u64::from(n)),
                None => i18n.t(refusal.message_id()),
            },
            DomainError::Throttled { minutes } => {
                i18n.count("error-throttled", u64::from(*minutes))
            }
            DomainError::Store(e) => i18n.t_arg("error-internal", "incident", e.incident.clone()),
        }
    }

    /// The HTTP status a server function answers with: a user's mistake is never a 500.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Domain(e) => e.status_code(),
            AppError::Request(_) => 400,
        }
    }

    /// The field errors carried, if any.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            AppError::Domain(DomainError::Invalid(errors)) => errors,
            _ => &[],
        }
    }

    /// What a form with one text box shows: the first field's own message (too long,
    /// contact details…), else the error's.
    pub fn first_message(&self, i18n: I18n) -> String {
        match self.fields().first() {
            Some(field) => i18n.t(&field.message),
            None => self.message(i18n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_kinds_travel_and_come_back() {
        for error in [
            AppError::Request("network down: 'x' [y]".into()),
            AppError::LOGIN_REQUIRED,
            AppError::from(Refusal::OfferDailyCap { max: 5 }),
            AppError::Domain(DomainError::field("title", "error-too-short")),
        ] {
            let json = serde_json::to_string(&error).unwrap();
            assert_eq!(
                serde_json::from_str::<AppError>(&json).unwrap(),
                error,
                "{json}"
            );
        }
        assert_eq!(
            serde_json::to_string(&AppError::Request("timeout".into())).unwrap(),
            r#"["request:timeout",[]]"#
        );
        assert!(serde_json::from_str::<AppError>(r#"["request",[]]"#).is_err());
    }
}
