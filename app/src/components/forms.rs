//! Form building blocks: labelled fields with localized messages. A field's message comes
//! from the rules in `shared` (checked as the user types, once the field was touched) or
//! from the server's answer (authoritative), whichever speaks.

use std::collections::HashSet;

use leptos::prelude::*;
use shared::validation::{message_for, FieldError};

use crate::error::AppError;
use crate::i18n::use_i18n;

#[derive(Clone, Copy)]
pub struct FormState {
    touched: RwSignal<HashSet<String>>,
    submitted: RwSignal<bool>,
    server: RwSignal<Vec<FieldError>>,
    /// A message about the whole form (not one field), already localized.
    pub notice: RwSignal<Option<String>>,
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

impl FormState {
    pub fn new() -> Self {
        FormState {
            touched: RwSignal::new(HashSet::new()),
            submitted: RwSignal::new(false),
            server: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
        }
    }

    pub fn touch(&self, field: &str) {
        if !self.touched.read_untracked().contains(field) {
            self.touched.update(|t| {
                t.insert(field.to_owned());
            });
        }
        // What the server said about this field no longer applies once it changes.
        if message_for(&self.server.read_untracked(), field).is_some() {
            self.server
                .update(|errors| errors.retain(|e| e.field != field));
        }
    }

    /// Marks every field as shown (a submit attempt) and clears the previous answer.
    pub fn attempt(&self) {
        self.submitted.set(true);
        self.server.set(Vec::new());
        self.notice.set(None);
    }

    /// The Fluent id to show for `field`: the server's, or the client rule's once touched.
    pub fn message(&self, field: &str, client: &[FieldError]) -> Option<String> {
        if let Some(m) = message_for(&self.server.read(), field) {
            return Some(m.to_owned());
        }
        let shown = self.submitted.get() || self.touched.read().contains(field);
        shown
            .then(|| message_for(client, field).map(str::to_owned))
            .flatten()
    }

    /// Records a failed answer: field errors go beside their fields, anything else on top.
    pub fn failed(&self, error: &AppError) {
        match error {
            AppError::Domain(shared::error::DomainError::Invalid(errors)) => {
                self.server.set(errors.clone());
                self.notice.set(Some(error.message(use_i18n())));
            }
            other => self.notice.set(Some(other.message(use_i18n()))),
        }
    }
}

/// A labelled input (or textarea) bound to `value`, with its message under it.
#[component]
pub fn Field(
    form: FormState,
    #[prop(into)] name: String,
    label: String,
    value: RwSignal<String>,
    /// The Fluent id of the current problem, if any.
    #[prop(into)]
    problem: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] multiline: bool,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{}", name.replace('.', "-"));
    let message_id = format!("{id}-message");
    let testid = format!("error-{name}");
    let invalid = move || problem.get().is_some();
    let on_input = {
        let name = name.clone();
        move |ev: leptos::ev::Event| {
            value.set(event_target_value(&ev));
            form.touch(&name);
        }
    };
    let on_blur = {
        let name = name.clone();
        move |_| form.touch(&name)
    };
    let input = if multiline {
        view! {
            <textarea id=id.clone() name=name.clone() rows="6" prop:value=move || value.get()
                on:input=on_input on:blur=on_blur aria-invalid=move || invalid().to_string()
                aria-describedby=message_id.clone()></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=name.clone() type=kind prop:value=move || value.get()
                autocomplete=autocomplete
                on:input=on_input on:blur=on_blur aria-invalid=move || invalid().to_string()
                aria-describedby=message_id.clone()/>
        }
        .into_any()
    };
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id>{label}</label>
            {input}
            {hint.map(|h| view! { <p class="field-hint muted">{h}</p> })}
            <p class="field-message" id=message_id data-testid=testid aria-live="polite">
                {move || problem.get().map(|m| i18n.t(&m))}
            </p>
        </div>
    }
}

/// The form-wide message (an answer that is not about one field).
/// A warning under a message box while its text carries contact details: what was found
/// and why it cannot be sent. The server refuses the same text with the same words.
#[component]
pub fn ContactWarning(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        shared::contact::find_contact(&text.get()).map(|f| {
            view! {
                <p class="field-error" role="alert" data-testid="contact-warning">
                    {i18n.t(f.kind.message_id())}" «"<bdi>{f.found}</bdi>"»"
                </p>
            }
        })
    }
}

#[component]
pub fn FormNotice(form: FormState) -> impl IntoView {
    move || {
        form.notice.get().map(|text| {
            view! { <p class="notice error" role="alert" data-testid="form-error">{text}</p> }
        })
    }
}

/// Full navigation (a fresh page load), used after a login or logout so that everything
/// on the page reflects the new session.
pub fn go_to(url: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_href(url);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = url;
}

/// A move to another page of the site, as a click on a link to it makes: the islands
/// router fetches it and swaps the page in (a full load where that script is not there).
pub fn navigate(url: &str) {
    #[cfg(feature = "hydrate")]
    {
        #[wasm_bindgen::prelude::wasm_bindgen]
        extern "C" {
            #[wasm_bindgen(catch, js_namespace = window, js_name = khidmatNavigate)]
            fn islands_navigate(url: &str) -> Result<(), wasm_bindgen::JsValue>;
        }
        if islands_navigate(url).is_err() {
            go_to(url);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = url;
}

/// `next` from a query string, if it is a path on this site.
pub fn local_next(next: Option<String>) -> String {
    next.filter(|n| shared::validation::is_local_path(n))
        .unwrap_or_else(|| "/".to_owned())
}
