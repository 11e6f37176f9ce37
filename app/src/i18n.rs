//! Localization: the messages are Fluent files (`locales/ar`, `locales/en`), compiled on
//! the server into one [`Catalog`] per language.
//!
//! The language is fixed for a page load: the server picks it (cookie, then
//! `Accept-Language`) and writes it into `<html lang>`, which the browser reads back at
//! hydration. Switching language is a form POST that reloads the page, so no component
//! has to re-render on a language change — and the browser needs only its page's
//! language: the server renders every message, and the bundle fetches that language's
//! catalog (JSON, cached for good under a name that changes with its content) beside the
//! WASM and hands it to [`load`] before hydrating. Neither the Fluent files nor the Fluent
//! runtime are in the browser's download.

use leptos::prelude::*;
pub use shared::i18n::{Arg, Catalog};
pub use shared::lang::Lang;

/// The current language and its messages; `use_i18n()` in any component.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct I18n {
    pub lang: Lang,
}

impl I18n {
    pub fn new(lang: Lang) -> Self {
        I18n { lang }
    }

    /// A message without arguments.
    pub fn t(&self, id: &str) -> String {
        self.t_with(id, &[])
    }

    /// A message with arguments: `t_with("page-of", &[("page", 2.into()), ("total", 9.into())])`.
    /// The id itself when this language's catalog is not at hand (the browser has only
    /// its page's language).
    pub fn t_with(&self, id: &str, args: &[(&str, Arg)]) -> String {
        match catalog(self.lang) {
            Some(catalog) => catalog.format(id, args),
            None => id.to_owned(),
        }
    }

    /// A counted message (`$count` picks the plural form: Arabic has six).
    pub fn count(&self, id: &str, n: u64) -> String {
        self.t_with(id, &[("count", n.into())])
    }

    /// One string argument.
    pub fn t_arg(&self, id: &str, name: &'static str, value: impl Into<String>) -> String {
        self.t_with(id, &[(name, Arg::Text(value.into()))])
    }
}

#[cfg(feature = "ssr")]
mod catalogs {
    use std::sync::LazyLock;

    use super::*;

    struct Compiled {
        catalog: Catalog,
        json: String,
        href: String,
    }

    /// Both languages, compiled once. The Fluent files are part of the binary and a test
    /// compiles them, so a failure here is a build that should not have shipped.
    static COMPILED: LazyLock<[Compiled; 2]> = LazyLock::new(|| {
        Lang::ALL.map(|lang| {
            let source = match lang {
                Lang::Ar => include_str!("../locales/ar/main.ftl"),
                Lang::En => include_str!("../locales/en/main.ftl"),
            };
            let catalog = Catalog::from_ftl(lang, source)
                .unwrap_or_else(|e| panic!("locales/{}/main.ftl: {e}", lang.code()));
            let json = serde_json::to_string(&catalog).unwrap_or_default();
            let href = format!("{CATALOG_URL}/{}.{}.json", lang.code(), content_hash(&json));
            Compiled {
                catalog,
                json,
                href,
            }
        })
    });

    fn compiled(lang: Lang) -> &'static Compiled {
        &COMPILED[lang as usize]
    }

    pub fn catalog(lang: Lang) -> Option<&'static Catalog> {
        Some(&compiled(lang).catalog)
    }

    /// A language's catalog as the browser gets it.
    pub fn catalog_json(lang: Lang) -> &'static str {
        &compiled(lang).json
    }

    /// Where the browser fetches it: the name holds a hash of the content, so it can be
    /// cached for good.
    pub fn catalog_href(lang: Lang) -> &'static str {
        &compiled(lang).href
    }

    /// The language whose catalog `/i18n/<name>` is, if that is its current name.
    pub fn catalog_named(name: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|&lang| catalog_href(lang).rsplit('/').next() == Some(name))
    }

    fn content_hash(text: &str) -> String {
        use std::hash::{DefaultHasher, Hash, Hasher};
        // SipHash with fixed keys: the same text gives the same name in every run.
        let mut hasher = DefaultHasher::new();
        text.hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    }
}
#[cfg(feature = "ssr")]
pub use catalogs::{catalog, catalog_href, catalog_json, catalog_named};

/// Where the catalogs are served.
pub const CATALOG_URL: &str = "/i18n";

#[cfg(not(feature = "ssr"))]
mod catalogs {
    use std::sync::OnceLock;

    use super::*;

    static LOADED: OnceLock<Catalog> = OnceLock::new();

    /// Takes the page's catalog, as the server sent it. Only the first one counts.
    pub fn load(json: &str) -> Result<(), serde_json::Error> {
        let catalog: Catalog = crate::api::read_json(json)?;
        let _ = LOADED.set(catalog);
        Ok(())
    }

    pub fn catalog(lang: Lang) -> Option<&'static Catalog> {
        LOADED.get().filter(|catalog| catalog.lang == lang)
    }
}
#[cfg(not(feature = "ssr"))]
pub use catalogs::{catalog, load};

/// Provides the page's language to everything rendered inside.
pub fn provide_i18n(lang: Lang) -> I18n {
    let i18n = I18n::new(lang);
    provide_context(i18n);
    i18n
}

/// The page's language: the app's context on the server; in the browser an island has no
/// app around it, and reads the page's `lang`.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n::new(current_lang()))
}

impl Default for I18n {
    fn default() -> Self {
        I18n::new(Lang::Ar)
    }
}

/// The language of this request (server) or of this page (browser).
pub fn current_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use http::header::{ACCEPT_LANGUAGE, COOKIE};
        use_context::<http::request::Parts>()
            .map(|parts| {
                let header = |name| {
                    parts
                        .headers
                        .get(name)
                        .and_then(|v: &http::HeaderValue| v.to_str().ok())
                };
                Lang::negotiate(header(COOKIE), header(ACCEPT_LANGUAGE))
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|l| Lang::from_tag(&l))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of every Rust source file of the three crates, read at test time.
    fn rust_sources() -> Vec<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for krate in ["app/src", "shared/src", "server/src"] {
            walk(&root.join(krate), &mut files);
        }
        files
    }

    #[test]
    fn arabic_plurals_have_their_six_forms() {
        let ar = I18n::new(Lang::Ar);
        let strip = |s: String| s.replace(['\u{2068}', '\u{2069}'], "");
        assert_eq!(strip(ar.count("days", 1)), "يوم واحد");
        assert_eq!(strip(ar.count("days", 2)), "يومان");
        assert_eq!(strip(ar.count("days", 3)), "3 أيام");
        assert_eq!(strip(ar.count("days", 11)), "11 يومًا");
        assert_eq!(strip(ar.count("days", 100)), "100 يوم");
        // The last two digits decide above a hundred (Fluent's plural rules said "103 خدمة").
        assert_eq!(strip(ar.count("services-count", 103)), "103 خدمات");
        assert_eq!(strip(ar.count("services-count", 111)), "111 خدمة");
        assert_eq!(strip(ar.count("reviews-count", 1_012)), "1012 تقييمًا");
        let en = I18n::new(Lang::En);
        assert_eq!(strip(en.count("days", 1)), "1 day");
        assert_eq!(strip(en.count("days", 4)), "4 days");
    }

    #[cfg(feature = "ssr")]
    /// Every message of both files, with numbers and with text for each of its
    /// variables, reads exactly as `fluent-bundle` renders it — below 100, where Fluent's
    /// plural rules are right (see `arabic_plurals_have_their_six_forms`).
    #[test]
    fn catalogs_render_every_message_as_fluent_does() {
        use fluent_templates::fluent_bundle::FluentValue;
        use fluent_templates::Loader;
        use shared::i18n::{Pattern, Piece};
        fluent_templates::static_loader! {
            static FLUENT = {
                locales: "./locales",
                fallback_language: "ar",
            };
        }
        fn variables(pattern: &Pattern, out: &mut Vec<String>) {
            for piece in &pattern.0 {
                match piece {
                    Piece::Text(_) => {}
                    Piece::Arg { name, .. } => out.push(name.clone()),
                    Piece::Select { on, variants, .. } => {
                        out.push(on.clone());
                        for variant in variants {
                            variables(&variant.pattern, out);
                        }
                    }
                }
            }
        }
        let mut compared = 0;
        for lang in Lang::ALL {
            let catalog = catalog(lang).unwrap();
            let language = lang.code().parse().unwrap();
            assert!(catalog.messages.len() > 300);
            for (id, pattern) in &catalog.messages {
                let mut names = Vec::new();
                variables(pattern, &mut names);
                let values = (0..100)
                    .map(Arg::Number)
                    .chain(["نص", "one", "Sara"].map(Arg::from));
                for value in values {
                    let args: Vec<(&str, Arg)> =
                        names.iter().map(|n| (n.as_str(), value.clone())).collect();
                    let fluent_args = args
                        .iter()
                        .map(|(name, value)| {
                            let value = match value {
                                Arg::Number(n) => FluentValue::from(*n),
                                Arg::Text(s) => FluentValue::from(s.clone()),
                            };
                            (std::borrow::Cow::Owned(name.to_string()), value)
                        })
                        .collect();
                    assert_eq!(
                        catalog.format(id, &args),
                        FLUENT.lookup_with_args(&language, id, &fluent_args),
                        "{} {id} {value:?}",
                        lang.code()
                    );
                    compared += 1;
                    if names.is_empty() {
                        break;
                    }
                }
            }
        }
        assert!(compared > 2_000, "{compared}");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn each_catalog_has_its_own_address_and_comes_back_from_it() {
        for lang in Lang::ALL {
            let href = catalog_href(lang);
            assert!(
                href.starts_with("/i18n/") && href.ends_with(".json"),
                "{href}"
            );
            let name = href.rsplit('/').next().unwrap();
            assert_eq!(catalog_named(name), Some(lang));
            let back: Catalog = serde_json::from_str(catalog_json(lang)).unwrap();
            assert_eq!(&back, catalog(lang).unwrap());
        }
        assert_ne!(catalog_href(Lang::Ar), catalog_href(Lang::En));
        // The same messages make the same JSON, so every server names it alike.
        let again = Catalog::from_ftl(Lang::Ar, include_str!("../locales/ar/main.ftl")).unwrap();
        assert_eq!(
            serde_json::to_string(&again).unwrap(),
            catalog_json(Lang::Ar)
        );
        assert_eq!(catalog_named("ar.0000000000000000.json"), None);
    }

    #[test]
    fn every_message_exists_in_both_languages() {
        let ids = |src: &str| -> Vec<String> {
            src.lines()
                .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
                .map(|l| l.split(" =").next().unwrap_or_default().trim().to_owned())
                .collect()
        };
        let ar = ids(include_str!("../locales/ar/main.ftl"));
        let en = ids(include_str!("../locales/en/main.ftl"));
        let missing_en: Vec<_> = ar.iter().filter(|id| !en.contains(id)).collect();
        let missing_ar: Vec<_> = en.iter().filter(|id| !ar.contains(id)).collect();
        assert!(missing_en.is_empty(), "missing in en: {missing_en:?}");
        assert!(missing_ar.is_empty(), "missing in ar: {missing_ar:?}");
        assert!(ar.len() > 40);
    }

    /// Every Fluent id the code names: arguments of `t`, `count`, `t_arg` and `t_with`,
    /// message ids given as `"error-…"` literals (field errors, upload errors), and every
    /// refusal's message. Read from the sources of all three crates.
    #[test]
    fn every_message_the_code_uses_exists_in_both_languages() {
        let files = rust_sources();
        let is_id = |s: &str| {
            s.contains('-')
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        let mut used = std::collections::BTreeSet::new();
        for file in &files {
            for call in [".t(\"", ".count(\"", ".t_arg(\"", ".t_with(\""] {
                for (i, _) in file.match_indices(call) {
                    let rest = &file[i + call.len()..];
                    let id = &rest[..rest.find('"').unwrap_or(0)];
                    if is_id(id) {
                        used.insert(id.to_owned());
                    }
                }
            }
            for (i, _) in file.match_indices("\"error-") {
                // An attribute value (`data-testid="error-…"`) is not a message.
                if file[..i].ends_with('=') {
                    continue;
                }
                let rest = &file[i + 1..];
                let id = &rest[..rest.find('"').unwrap_or(0)];
                if is_id(id) && !id.ends_with('-') {
                    used.insert(id.to_owned());
                }
            }
        }
        for refusal in shared::error::Refusal::ALL {
            used.insert(refusal.message_id().to_owned());
        }
        for kind in shared::contact::ContactKind::ALL {
            used.insert(kind.message_id().to_owned());
        }
        let files = [
            ("ar", include_str!("../locales/ar/main.ftl")),
            ("en", include_str!("../locales/en/main.ftl")),
        ];
        let missing: Vec<String> = used
            .iter()
            .flat_map(|id| {
                files
                    .iter()
                    .filter(move |(_, ftl)| !ftl.lines().any(|l| l.starts_with(&format!("{id} ="))))
                    .map(move |(lang, _)| format!("{id} ({lang})"))
            })
            .collect();
        assert!(
            missing.is_empty(),
            "messages the code uses but no file has: {missing:?}"
        );
        assert!(
            used.len() > 100,
            "only {} ids found: is the scan broken?",
            used.len()
        );
    }

    /// The other way round: no message sits in the files that no code names (months are
    /// named by number, `month-{n}`).
    #[test]
    fn every_message_in_the_files_is_used() {
        let code = rust_sources().concat();
        let dead: Vec<&str> = include_str!("../locales/ar/main.ftl")
            .lines()
            .filter(|l| !l.starts_with([' ', '#', '\t', '.']) && l.contains(" ="))
            .map(|l| l.split(" =").next().unwrap_or_default().trim())
            .filter(|id| !id.starts_with("month-") && !code.contains(&format!("\"{id}\"")))
            .collect();
        assert!(dead.is_empty(), "messages nothing uses: {dead:?}");
    }
}
