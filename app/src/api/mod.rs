//! Server functions, one module per area. Thin: check who is asking, call the store the
//! server provides, map errors to [`crate::error::AppError`]. All are POST.

pub mod account;
pub mod admin;
pub mod cart;
pub mod catalog;
pub mod favorites;
pub mod messages;
pub mod notifications;
pub mod orders;
pub mod requests;
pub mod selling;

pub use catalog::*;

use leptos::prelude::{Action, Resource};
use leptos::server::codee::{Decoder, Encoder};
use leptos::server_fn::ServerFn;
use serde::{de::DeserializeOwned, Serialize};

use crate::error::AppError;

/// A server function's answer held by a page: on the server it is rendered into the HTML,
/// in the browser it is read back from there at hydration and fetched again on later moves.
pub type ApiResource<T> = Resource<Result<T, AppError>, AnswerJson>;

/// Creates an [`ApiResource`]: `fetcher` calls a server function with what `source` gives.
#[track_caller]
pub fn api_resource<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> ApiResource<T>
where
    S: Send + Sync + Clone + PartialEq + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

/// A server function as an action that a component dispatches: `ServerAction::new()`
/// without its first step, which looks in the page's context for the error of a
/// no-JavaScript `<ActionForm>` post that came back through the address (`?__err=`). No
/// page here posts one, and in the browser the context is never there, but that step
/// alone kept a base64 decoder and a second error reader in the first download.
pub fn server_action<S>() -> Action<S, Result<S::Output, S::Error>>
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    Action::new(|input: &S| S::run_on_client(input.clone()))
}

/// Reads JSON the way server functions read their answers (`serde_json::from_slice`).
/// Every JSON the browser reads goes through here: with `from_str` beside it, each type
/// would be decoded by two copies of the same code in the bundle, one per reader.
pub fn read_json<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_slice(text.as_bytes())
}

/// JSON, read with [`read_json`]. Leptos's default codec reads a resource with `from_str`.
pub struct AnswerJson;

impl<T: Serialize> Encoder<T> for AnswerJson {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for AnswerJson {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(json: &str) -> Result<T, serde_json::Error> {
        read_json(json)
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn provided<T: Clone + Send + Sync + 'static>(
    what: &str,
) -> Result<T, crate::error::AppError> {
    leptos::prelude::use_context::<T>()
        .ok_or_else(|| crate::error::AppError::internal(format!("no-{what}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::catalog::CategoryTree;

    /// The page carries the same JSON as with Leptos's own codec, and reads it back.
    #[test]
    fn answers_travel_as_plain_json_both_ways() {
        let answers: Vec<Result<Vec<CategoryTree>, AppError>> =
            vec![Ok(Vec::new()), Err(AppError::NOT_FOUND)];
        for answer in answers {
            let json = <AnswerJson as Encoder<_>>::encode(&answer).unwrap();
            assert_eq!(json, serde_json::to_string(&answer).unwrap());
            let back: Result<Vec<CategoryTree>, AppError> =
                <AnswerJson as Decoder<_>>::decode(&json).unwrap();
            assert_eq!(back, answer);
        }
        assert!(<AnswerJson as Decoder<Result<u32, AppError>>>::decode("{\"Ok\":").is_err());
    }
}
