//! Picking and uploading an image, with a progress bar. The file goes to `POST /uploads`
//! by XMLHttpRequest (fetch cannot report upload progress); the server checks, re-encodes
//! and names it, and answers its media path.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Mirrors the server's limit, to refuse a too-large file before sending it.
pub const MAX_UPLOAD_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uploaded {
    pub path: String,
    pub url: String,
}

#[component]
pub fn ImageUpload(
    label: String,
    on_uploaded: Callback<Uploaded>,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(default = "image-upload")] testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    // 0–100 while uploading.
    let progress = RwSignal::new(None::<u32>);
    let error = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        error.set(None);
        let done = Callback::new(move |json: serde_json::Value| {
            let field = |k: &str| json.get(k).and_then(|v| v.as_str()).map(str::to_owned);
            match (field("path"), field("url")) {
                (Some(path), Some(url)) => on_uploaded.run(Uploaded { path, url }),
                _ => error.set(Some("error-upload-broken".into())),
            }
        });
        start_upload(
            ev,
            "/uploads".into(),
            MAX_UPLOAD_BYTES,
            progress,
            error,
            done,
        );
    };
    view! {
        <div class="image-upload">
            <label class="button secondary file-label">
                {label}
                <input type="file" accept="image/png,image/jpeg,image/webp,image/gif"
                    class="visually-hidden" data-testid=testid
                    disabled=move || disabled.get() || progress.get().is_some()
                    on:change=on_change/>
            </label>
            {move || progress.get().map(|p| view! {
                <progress max="100" value=p.to_string() data-testid="upload-progress"
                    aria-label=i18n.t("upload-progress")></progress>
            })}
            <p class="field-message" data-testid="upload-error" aria-live="polite">
                {move || error.get().map(|m| i18n.t(&m))}
            </p>
        </div>
    }
}

/// Sends the file chosen in `ev`'s input to `url` as a multipart `file` field, with
/// progress; `done` gets the JSON answer of a 200, `error` a Fluent id otherwise.
#[cfg(not(feature = "hydrate"))]
pub fn start_upload(
    _ev: leptos::ev::Event,
    _url: String,
    _max_bytes: f64,
    _progress: RwSignal<Option<u32>>,
    _error: RwSignal<Option<String>>,
    _done: Callback<serde_json::Value>,
) {
}

/// Sends the file chosen in `ev`'s input to `url` as a multipart `file` field, with
/// progress; `done` gets the JSON answer of a 200, `error` a Fluent id otherwise.
#[cfg(feature = "hydrate")]
pub fn start_upload(
    ev: leptos::ev::Event,
    url: String,
    max_bytes: f64,
    progress: RwSignal<Option<u32>>,
    error: RwSignal<Option<String>>,
    done: Callback<serde_json::Value>,
) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{FormData, HtmlInputElement, ProgressEvent, XmlHttpRequest};

    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    // The same input may pick the same file again later.
    input.set_value("");
    if file.size() > max_bytes {
        error.set(Some("error-upload-too-large".into()));
        return;
    }
    let (Ok(xhr), Ok(body)) = (XmlHttpRequest::new(), FormData::new()) else {
        error.set(Some("error-network".into()));
        return;
    };
    if body.append_with_blob("file", &file).is_err() || xhr.open("POST", &url).is_err() {
        error.set(Some("error-network".into()));
        return;
    }
    progress.set(Some(0));
    if let Ok(upload) = xhr.upload() {
        let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                progress.set(Some(((e.loaded() / e.total()) * 100.0).round() as u32));
            }
        });
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        on_progress.forget();
    }
    let request = xhr.clone();
    let on_end = Closure::<dyn FnMut()>::new(move || {
        progress.set(None);
        let status = request.status().unwrap_or(0);
        let text = request.response_text().ok().flatten().unwrap_or_default();
        let json: serde_json::Value = crate::api::read_json(&text).unwrap_or_default();
        let field = |k: &str| json.get(k).and_then(|v| v.as_str()).map(str::to_owned);
        match status {
            200 => done.run(json),
            413 => error.set(Some("error-upload-too-large".into())),
            401 => error.set(Some("error-login-required".into())),
            _ => error.set(Some(
                field("error")
                    .filter(|e| e.starts_with("error-"))
                    .unwrap_or_else(|| "error-upload-broken".into()),
            )),
        }
    });
    xhr.set_onloadend(Some(on_end.as_ref().unchecked_ref()));
    on_end.forget();
    if xhr.send_with_opt_form_data(Some(&body)).is_err() {
        progress.set(None);
        error.set(Some("error-network".into()));
    }
}
