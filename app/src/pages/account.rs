//! Sign up, log in, email verification, forgotten and reset password.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::account::{email_problem, password_problem, validate_sign_up, SignUp};
use shared::validation::FieldError;

use crate::api::account::{log_in, register, request_password_reset, reset_password, verify_email};
use crate::components::forms::{go_to, local_next, Field, FormNotice, FormState};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::route::use_query_map;

/// Runs `on_ok` or records the failure when the action's answer arrives.
fn on_answer<T: Clone + Send + Sync + 'static, I: Send + Sync + 'static>(
    action: Action<I, Result<T, AppError>>,
    form: FormState,
    on_ok: impl Fn(T) + 'static,
) {
    Effect::new(move |_| {
        if let Some(result) = action.value().get() {
            match result {
                Ok(v) => on_ok(v),
                Err(e) => form.failed(&e),
            }
        }
    });
}

fn single(field: &str, problem: Option<&str>) -> Vec<FieldError> {
    problem
        .map(|p| vec![FieldError::new(field, p)])
        .unwrap_or_default()
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let next = move || local_next(query.read_untracked().get("next"));
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = FormState::new();
    let action = Action::new(|(e, p): &(String, String)| log_in(e.clone(), p.clone()));
    on_answer(action, form, move |()| go_to(&next()));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.attempt();
        action.dispatch((email.get(), password.get()));
    };
    let signup_href = move || match query.read().get("next") {
        Some(n) => format!("/signup?next={}", shared::search::encode(&n)),
        None => "/signup".to_owned(),
    };
    view! {
        <Title text=format!("{} — {}", i18n.t("login-title"), i18n.t("site-name"))/>
        <section class="container narrow auth-page">
            <h1>{i18n.t("login-title")}</h1>
            <form on:submit=submit novalidate data-testid="login-form">
                <FormNotice form/>
                <Field form name="email" label=i18n.t("field-email") value=email kind="email"
                    autocomplete="email" problem=Signal::derive(move || form.message("email", &[]))/>
                <Field form name="password" label=i18n.t("field-password") value=password kind="password"
                    autocomplete="current-password" problem=Signal::derive(move || form.message("password", &[]))/>
                <button type="submit" class="button primary block" disabled=move || action.pending().get()
                    data-testid="login-submit">{i18n.t("login-submit")}</button>
            </form>
            <p class="auth-alt">
                <a href="/forgot-password">{i18n.t("login-forgot")}</a>
                " · "
                <a href=signup_href>{i18n.t("login-no-account")}</a>
            </p>
        </section>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let next = move || local_next(query.read_untracked().get("next"));
    let first = RwSignal::new(String::new());
    let last = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let username = RwSignal::new(String::new());
    let form = FormState::new();
    let values = move || SignUp {
        first_name: first.get(),
        last_name: last.get(),
        email: email.get(),
        password: password.get(),
        username: username.get(),
    };
    // The same rules the server applies, as the user types.
    let client = Memo::new(move |_| validate_sign_up(&values()).err().unwrap_or_default());
    let problem =
        move |field: &'static str| Signal::derive(move || form.message(field, &client.get()));
    let action = Action::new(|f: &SignUp| {
        let f = f.clone();
        register(f.first_name, f.last_name, f.email, f.password, f.username)
    });
    on_answer(action, form, move |()| {
        let next = next();
        if next == "/" {
            go_to("/welcome");
        } else {
            go_to(&next);
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.attempt();
        if client.get_untracked().is_empty() {
            action.dispatch(values());
        }
    };
    view! {
        <Title text=format!("{} — {}", i18n.t("signup-title"), i18n.t("site-name"))/>
        <section class="container narrow auth-page">
            <h1>{i18n.t("signup-title")}</h1>
            <p class="muted">{i18n.t("signup-lead")}</p>
            <form on:submit=submit novalidate data-testid="signup-form">
                <FormNotice form/>
                <div class="field-row">
                    <Field form name="first_name" label=i18n.t("field-first-name") value=first
                        autocomplete="given-name" problem=problem("first_name")/>
                    <Field form name="last_name" label=i18n.t("field-last-name") value=last
                        autocomplete="family-name" problem=problem("last_name")/>
                </div>
                <Field form name="email" label=i18n.t("field-email") value=email kind="email"
                    autocomplete="email" problem=problem("email")/>
                <Field form name="password" label=i18n.t("field-password") value=password kind="password"
                    autocomplete="new-password" hint=i18n.t("field-password-hint") problem=problem("password")/>
                <Field form name="username" label=i18n.t("field-username") value=username
                    autocomplete="username" hint=i18n.t("field-username-hint") problem=problem("username")/>
                <button type="submit" class="button primary block" disabled=move || action.pending().get()
                    data-testid="signup-submit">{i18n.t("signup-submit")}</button>
            </form>
            <p class="auth-alt"><a href="/login">{i18n.t("signup-have-account")}</a></p>
        </section>
    }
}

/// After sign-up: where the verification link went, and what to do next.
#[component]
pub fn WelcomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("welcome-title")/>
        <section class="container narrow notice success" data-testid="welcome">
            <h1>{i18n.t("welcome-title")}</h1>
            <p>{i18n.t("welcome-check-email")}</p>
            <p><a class="button primary" href="/my/services/new">{i18n.t("nav-new-service")}</a>
            " "<a class="button secondary" href="/">{i18n.t("nav-home")}</a></p>
        </section>
    }
}

/// `/verify-email?token=…`: the link from the mail. Confirming is a button (a POST), so
/// mail scanners that open links do not use up the token.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = move || query.read_untracked().get("token").unwrap_or_default();
    let form = FormState::new();
    let done = RwSignal::new(false);
    let action = Action::new(|t: &String| verify_email(t.clone()));
    on_answer(action, form, move |()| done.set(true));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.attempt();
        action.dispatch(token());
    };
    view! {
        <Title text=i18n.t("verify-title")/>
        <section class="container narrow auth-page">
            <h1>{i18n.t("verify-title")}</h1>
            <Show when=move || done.get() fallback=move || view! {
                <form on:submit=submit>
                    <FormNotice form/>
                    <p>{i18n.t("verify-lead")}</p>
                    <button type="submit" class="button primary" data-testid="verify-submit"
                        disabled=move || action.pending().get()>{i18n.t("verify-submit")}</button>
                </form>
            }>
                <p class="notice success" data-testid="verify-done">{i18n.t("verify-done")}</p>
                <p><a class="button primary" href="/my/services/new">{i18n.t("nav-new-service")}</a></p>
            </Show>
        </section>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let form = FormState::new();
    let sent = RwSignal::new(false);
    let client = Memo::new(move |_| single("email", email_problem(&email.get())));
    let action = Action::new(|e: &String| request_password_reset(e.clone()));
    on_answer(action, form, move |()| sent.set(true));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.attempt();
        if client.get_untracked().is_empty() {
            action.dispatch(email.get());
        }
    };
    view! {
        <Title text=i18n.t("forgot-title")/>
        <section class="container narrow auth-page">
            <h1>{i18n.t("forgot-title")}</h1>
            <Show when=move || sent.get() fallback=move || view! {
                <form on:submit=submit novalidate>
                    <FormNotice form/>
                    <p class="muted">{i18n.t("forgot-lead")}</p>
                    <Field form name="email" label=i18n.t("field-email") value=email kind="email"
                        problem=Signal::derive(move || form.message("email", &client.get()))/>
                    <button type="submit" class="button primary block" data-testid="forgot-submit">
                        {i18n.t("forgot-submit")}</button>
                </form>
            }>
                <p class="notice success" data-testid="forgot-sent">{i18n.t("forgot-sent")}</p>
            </Show>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = move || query.read_untracked().get("token").unwrap_or_default();
    let password = RwSignal::new(String::new());
    let form = FormState::new();
    let done = RwSignal::new(false);
    let client = Memo::new(move |_| single("password", password_problem(&password.get())));
    let action = Action::new(|(t, p): &(String, String)| reset_password(t.clone(), p.clone()));
    on_answer(action, form, move |()| done.set(true));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.attempt();
        if client.get_untracked().is_empty() {
            action.dispatch((token(), password.get()));
        }
    };
    view! {
        <Title text=i18n.t("reset-title")/>
        <section class="container narrow auth-page">
            <h1>{i18n.t("reset-title")}</h1>
            <Show when=move || done.get() fallback=move || view! {
                <form on:submit=submit novalidate>
                    <FormNotice form/>
                    <Field form name="password" label=i18n.t("field-new-password") value=password
                        kind="password" autocomplete="new-password"
                        problem=Signal::derive(move || form.message("password", &client.get()))/>
                    <button type="submit" class="button primary block" data-testid="reset-submit">
                        {i18n.t("reset-submit")}</button>
                </form>
            }>
                <p class="notice success" data-testid="reset-done">{i18n.t("reset-done")}</p>
                <p><a class="button primary" href="/login">{i18n.t("nav-login")}</a></p>
            </Show>
        </section>
    }
}
