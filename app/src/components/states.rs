use leptos::prelude::*;

use crate::api::ApiResource;
use crate::error::AppError;
use crate::i18n::use_i18n;

/// A failed load, in the user's language; sets 404 on the server for a missing thing.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    if error == AppError::NOT_FOUND {
        return view! { <NotFoundNotice/> }.into_any();
    }
    view! {
        <div class="notice error" role="alert" data-testid="error-notice">
            <h1>{i18n.t("error-title")}</h1>
            <p>{error.message(i18n)}</p>
        </div>
    }
    .into_any()
}

/// "Page not found", with the 404 status when rendered on the server.
#[component]
pub fn NotFoundNotice() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <div class="notice not-found" data-testid="not-found">
            <h1>{i18n.t("not-found-title")}</h1>
            <p>{i18n.t("not-found-text")}</p>
            <a class="button primary" href="/">{i18n.t("not-found-home")}</a>
        </div>
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" aria-busy="true">{i18n.t("loading")}</p> }
}

/// A page's data: "loading…" until it arrives (on the server, rendering waits for it), then
/// `render` of the value, or the error in the user's language.
#[component]
pub fn Loaded<T, V, F>(data: ApiResource<T>, render: F) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=Loading>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => render(value).into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The page's `:id` as a number (0 when it is not one: the server answers 404 for it).
pub fn use_id_param() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = crate::route::use_params_map();
    move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    }
}
