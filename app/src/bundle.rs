//! Where the browser bundle is, and when the page starts it.
//!
//! A release build names each file by its content (`hash-files`): the hashes are in the
//! hash file the build writes beside the server binary.

use std::sync::OnceLock;

use leptos::hydration::{HydrationScripts, HydrationScriptsProps};
use leptos::prelude::*;

/// The address of the build's `js`, `wasm` or `css` file, with its hash when the build
/// wrote one. Read once: the hash file does not change while the server runs.
pub fn href(options: &LeptosOptions, kind: Kind) -> &'static str {
    static HREFS: OnceLock<[String; 3]> = OnceLock::new();
    let hrefs = HREFS.get_or_init(|| {
        let hashes = options
            .hash_files
            .then(|| {
                let file = std::env::current_exe()
                    .ok()?
                    .parent()?
                    .join(options.hash_file.as_ref());
                std::fs::read_to_string(file).ok()
            })
            .flatten()
            .unwrap_or_default();
        [Kind::Js, Kind::Wasm, Kind::Css].map(|kind| {
            let hash = hashes.lines().find_map(|line| {
                let (name, hash) = line.split_once(':')?;
                (name.trim() == kind.extension()).then(|| hash.trim())
            });
            let stem = match (hash, kind) {
                (Some(hash), _) => format!("{}.{hash}", options.output_name),
                // wasm-bindgen's own name, unless cargo-leptos named the output.
                (None, Kind::Wasm) if option_env!("LEPTOS_OUTPUT_NAME").is_none() => {
                    format!("{}_bg", options.output_name)
                }
                (None, _) => options.output_name.to_string(),
            };
            format!("/{}/{stem}.{}", options.site_pkg_dir, kind.extension())
        })
    });
    &hrefs[kind as usize]
}

/// The page language's catalog. The shell is rendered only on the server.
fn catalog_href() -> &'static str {
    #[cfg(feature = "ssr")]
    {
        crate::i18n::catalog_href(crate::i18n::current_lang())
    }
    #[cfg(not(feature = "ssr"))]
    {
        crate::i18n::CATALOG_URL
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Js = 0,
    Wasm = 1,
    Css = 2,
}

impl Kind {
    fn extension(self) -> &'static str {
        match self {
            Kind::Js => "js",
            Kind::Wasm => "wasm",
            Kind::Css => "css",
        }
    }
}

/// Starts the browser bundle once the page has loaded (its text, fonts and first image)
/// and the browser is idle, then hydrates.
///
/// Leptos's `HydrationScripts` preloads the JavaScript and the WASM from the `<head>`:
/// even at low priority, on a phone's slow connection the ~480 KB download then shares
/// the bandwidth with the page's first image and delays it (Lighthouse's simulated slow
/// 4G put the largest paint at ~4 s for that alone). Until the bundle runs the page is
/// server-rendered HTML whose links and forms work.
#[component]
pub fn HydrateAfterLoad(options: LeptosOptions) -> impl IntoView {
    // Leptos's component still runs for what it registers: the split manifest, from which
    // a lazy page's own chunks are preloaded. Its markup is left out.
    let _ = HydrationScripts(
        HydrationScriptsProps::builder()
            .options(options.clone())
            // Islands: the server serializes only the data of resources inside an
            // island (the browser hydrates nothing else), numbered as the browser will.
            .islands(true)
            .build(),
    );
    // `hydrate_after_load.js` takes the three addresses (the third is the page language's
    // messages); `timeout` in it is a backstop for a page that is never idle.
    let script = format!(
        "{}({:?}, {:?}, {:?}, {});",
        include_str!("hydrate_after_load.js").trim_end(),
        href(&options, Kind::Js),
        href(&options, Kind::Wasm),
        catalog_href(),
        include_str!("islands_router.js").trim_end(),
    );
    // The page's CSP lets inline scripts run only with this page's nonce.
    let nonce = leptos::nonce::use_nonce();
    view! { <script type="module" nonce=nonce>{script}</script> }
}
