//! The router: the Leptos app and server functions, sessions, security middleware,
//! uploads, logout, language switch, media, and the development outbox and clock.

use std::path::Path;
use std::sync::OnceLock;

use app::auth::end_session;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};

use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use serde::Deserialize;
use shared::lang::{Lang, LANG_COOKIE};
use shared::validation::is_local_path;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;

use crate::catalog::MEDIA_URL;
use crate::orders::files::MAX_FILE_BYTES;
use crate::selling::images::MAX_UPLOAD_BYTES;
use crate::web::page_cache::page_cache;
use crate::web::security::{add_client_address, refuse_cross_site, security_headers, Headers};
use crate::web::state::AppState;
use crate::web::uploads::{order_file, upload, upload_order_file};
use crate::web::{assets, messages};

pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let context_state = state.clone();
    let options = state.leptos_options.clone();
    let media_dir: &Path = &state.media_dir;
    let mut app = Router::new()
        .route("/healthz", get(healthz))
        .route("/lang", post(switch_language))
        .route("/logout", post(logout))
        .route(
            "/uploads",
            post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024)),
        )
        .route(
            "/orders/{id}/files",
            post(upload_order_file).layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 64 * 1024)),
        )
        .route("/orders/{id}/files/{file}", get(order_file))
        .route("/messages", post(messages::post_message))
        .route(
            "/messages/{id}/files",
            post(messages::upload_message_file)
                .layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 64 * 1024)),
        )
        .route("/messages/{id}/files/{file}", get(messages::message_file))
        .route("/live", get(messages::live))
        .route(
            "/requests/{id}/files",
            post(messages::upload_request_file)
                .layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 64 * 1024)),
        )
        .route("/requests/{id}/files/{file}", get(messages::request_file))
        .nest_service(MEDIA_URL, ServeDir::new(media_dir))
        .merge(assets::routes(&state.leptos_options));
    if !state.production {
        app = app
            .route("/dev/outbox", get(dev_outbox))
            .route("/dev/clock", post(dev_clock));
    }
    let app = app
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
        .layer(from_fn(server_fn_status))
        .layer(from_fn(refuse_cross_site))
        .layer(from_fn_with_state(state.trust_proxy, add_client_address))
        // Inside the sessions: it tells a member from a visitor.
        .layer(from_fn_with_state(state.pages.clone(), page_cache));
    let app = state.sessions.layer(app, state.production);
    app.layer(from_fn_with_state(
        Headers {
            hsts: state.production,
            development: !state.production,
        },
        security_headers,
    ))
    .layer(CompressionLayer::new())
    .layer(TraceLayer::new_for_http())
    .with_state(state)
}

/// The app's routes, found once per process. Finding them walks the app with resource
/// loading switched off for the whole process (Leptos's `SuppressResourceLoad` is one
/// global flag): a page rendering meanwhile, for another router on the same process, would
/// wait forever for data that never starts loading. Walked once, before any router exists,
/// no page can be rendering then.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Leptos answers every server-function error with 500; the status is set here from the
/// error itself, so a user's mistake reads as 4xx (and only ours as 500). (Leptos registers
/// each server function's route itself, POST as declared, in `leptos_routes_with_context`.)
async fn server_fn_status(request: Request<Body>, next: Next) -> Response {
    let is_server_fn = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1024 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// 200 only when the database answers.
async fn healthz(State(state): State<AppState>) -> Response {
    if state.db.ping().await {
        (StatusCode::OK, "ok").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
    }
}

/// A plain form POST (works without JavaScript): ends the session on the server.
async fn logout(session: tower_sessions::Session) -> Response {
    match end_session(&session).await {
        Ok(()) => Redirect::to("/").into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Development only: the mail that would have been sent, newest first, with its links.
#[derive(Deserialize)]
struct ClockForm {
    hours: i64,
}

/// Development and end-to-end tests only (not mounted in production): moves the server's
/// clock forward and runs the jobs at the new time, so a journey can watch an order
/// auto-complete or earnings clear without waiting days.
async fn dev_clock(State(state): State<AppState>, Form(form): Form<ClockForm>) -> Response {
    let now = crate::infra::clock::advance_dev_clock(form.hours.clamp(0, 24 * 365) * 3600);
    match crate::jobs::run_all(
        &state.db,
        &state.media_dir,
        &state.order_flow,
        &state.mailing,
    )
    .await
    {
        Ok((orders, _)) => format!("now {now}\n{orders:?}\n").into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

async fn dev_outbox(State(state): State<AppState>) -> Response {
    let Ok(mails) = crate::infra::mail::outbox(&state.db, 50).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let rows: String = mails
        .iter()
        .map(|m| {
            let link = m
                .link
                .as_deref()
                .map(|l| {
                    format!(
                        "<a data-testid=\"outbox-link\" href=\"{0}\">{0}</a>",
                        escape(l)
                    )
                })
                .unwrap_or_default();
            format!(
                "<tr data-testid=\"outbox-mail\" data-to=\"{}\"><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&m.recipient),
                escape(&m.recipient),
                escape(&m.subject),
                link
            )
        })
        .collect();
    Html(format!(
        "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">\
         <title>Outbox</title><link rel=\"stylesheet\" href=\"{}\">\
         <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"></head>\
         <body><main class=\"container\"><h1>صندوق البريد الصادر (تطوير)</h1>\
         <table class=\"outbox\"><thead><tr><th>إلى</th><th>الموضوع</th><th>الرابط</th></tr>\
         </thead><tbody>{rows}</tbody></table></main></body></html>",
        assets::stylesheet_href(&state.leptos_options)
    ))
    .into_response()
}

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    #[serde(default)]
    next: String,
}

/// The header's language switch: a plain form POST, so it works without JavaScript. The
/// cookie is written here, by the server, and read back when the next page is rendered. A
/// member's choice is also kept with their account: their emails are written in it.
async fn switch_language(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Form(form): Form<LanguageForm>,
) -> Response {
    let lang = Lang::from_tag(&form.lang).unwrap_or_default();
    if let Ok(Some(user)) = app::auth::signed_in(&session, &state.accounts).await {
        // The page still switches if this fails (it was logged with an incident id).
        let _ = state.accounts.set_language(user.id, lang).await;
    }
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
pub fn safe_next(next: &str) -> &str {
    if is_local_path(next) {
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
