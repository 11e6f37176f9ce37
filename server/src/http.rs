//! The HTTP layer: the Leptos app and server functions, health, language switch, media.

use std::path::Path;
use std::sync::Arc;

use app::{shell, App, Catalog};
use axum::body::Body;
use axum::extract::{FromRef, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use leptos::prelude::{provide_context, LeptosOptions};
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use serde::Deserialize;
use shared::lang::{Lang, LANG_COOKIE};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;

use crate::catalog::{SqlCatalog, MEDIA_URL};
use crate::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub catalog: Catalog,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, db: Db) -> Self {
        let catalog: Catalog = Arc::new(SqlCatalog::new(db.clone()));
        AppState {
            leptos_options,
            db,
            catalog,
        }
    }

    /// What every page render and server function may `use_context` for.
    fn provide(&self) {
        provide_context(self.catalog.clone());
    }
}

pub fn router(state: AppState, media_dir: &Path) -> Router {
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .route("/lang", post(switch_language))
        // Server functions are POST only (the default of `#[server]`): no state change by GET.
        .route("/api/{*fn_name}", post(server_fn))
        .nest_service(MEDIA_URL, ServeDir::new(media_dir))
        .leptos_routes_with_context(
            &state,
            routes,
            move || context_state.provide(),
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            {
                let state = state.clone();
                move || state.provide()
            },
            shell,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn server_fn(State(state): State<AppState>, request: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(move || state.provide(), request).await
}

/// 200 only when the database answers.
async fn healthz(State(state): State<AppState>) -> Response {
    if state.db.ping().await {
        (StatusCode::OK, "ok").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
    }
}

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    #[serde(default)]
    next: String,
}

/// The header's language switch: a plain form POST, so it works without JavaScript. The
/// cookie is written here, by the server, and read back when the next page is rendered.
async fn switch_language(Form(form): Form<LanguageForm>) -> Response {
    let lang = Lang::from_tag(&form.lang).unwrap_or_default();
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    let mut response = Redirect::to(safe_next(&form.next)).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// Only local paths: `next` must never send the user to another site.
fn safe_next(next: &str) -> &str {
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if local {
        next
    } else {
        "/"
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(
            safe_next("/categories/design?page=2"),
            "/categories/design?page=2"
        );
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
        assert_eq!(safe_next(""), "/");
    }
}
