//! Files attached to an order's step or a message: the upload button with its progress
//! and errors, the list of files waiting to be sent, and their sizes.

use leptos::prelude::*;
use shared::orders::OrderFile;

use crate::components::image_upload::start_upload;
use crate::i18n::use_i18n;

/// "1.2 MB", "34 KB".
pub fn size_text(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

/// Uploads files (to `upload_url`, an order's or a conversation's) for the next step or
/// message; lists them until it is sent.
#[component]
pub fn AttachFiles(
    upload_url: String,
    attached: RwSignal<Vec<OrderFile>>,
    /// Who will see the files (a Fluent id).
    #[prop(default = "order-attach-hint")]
    hint: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let progress = RwSignal::new(None::<u32>);
    let problem = RwSignal::new(None::<String>);
    let done = Callback::new(move |json: serde_json::Value| {
        match serde_json::from_value::<OrderFile>(json) {
            Ok(file) => attached.update(|f| f.push(file)),
            Err(_) => problem.set(Some("error-upload-broken".into())),
        }
    });
    let on_change = move |ev: leptos::ev::Event| {
        problem.set(None);
        start_upload(
            ev,
            upload_url.clone(),
            MAX_ORDER_FILE_BYTES,
            progress,
            problem,
            done,
        );
    };
    view! {
        <div class="attach-files">
            <label class="button secondary file-label">
                {i18n.t("order-attach")}
                <input type="file" class="visually-hidden" data-testid="order-file-input"
                    accept="image/png,image/jpeg,image/webp,image/gif,application/pdf,application/zip,.zip,.pdf"
                    disabled=move || progress.get().is_some() on:change=on_change/>
            </label>
            <span class="muted small">{i18n.t(hint)}</span>
            {move || progress.get().map(|p| view! { <progress max="100" value=p.to_string()></progress> })}
            <p class="field-message" data-testid="order-file-error" aria-live="polite">{move || problem.get().map(|m| i18n.t(&m))}</p>
            <ul class="files" data-testid="attached-files">
                {move || attached.get().into_iter().map(|f| view! { <li data-testid="attached-file">{f.name}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// The largest file an order or a conversation accepts (PDF or ZIP; images have the image limit).
const MAX_ORDER_FILE_BYTES: f64 = 25.0 * 1024.0 * 1024.0;

/// Files sent with a step, a message or a request, as download links (`{base}/{id}`) with
/// their sizes.
#[component]
pub fn FileLinks(files: Vec<OrderFile>, base: String, testid: &'static str) -> impl IntoView {
    (!files.is_empty()).then(|| {
        view! {
            <ul class="files">
                {files.into_iter().map(|f| view! {
                    <li><a href=format!("{base}/{}", f.id) data-testid=testid download=f.name.clone()>{f.name.clone()}</a>
                        " " <span class="muted small" dir="ltr">{size_text(f.size_bytes)}</span></li>
                }).collect_view()}
            </ul>
        }
    })
}
