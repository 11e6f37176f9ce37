//! Localization: Fluent resources (`locales/ar`, `locales/en`) compiled into both builds.
//!
//! The language is fixed for a page load: the server picks it (cookie, then
//! `Accept-Language`) and writes it into `<html lang>`, which the browser reads back at
//! hydration. Switching language is a form POST that reloads the page, so no component
//! has to re-render on a language change.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use leptos::prelude::*;
pub use shared::lang::Lang;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "ar",
    };
}

fn identifier(lang: Lang) -> LanguageIdentifier {
    lang.code().parse().unwrap_or_default()
}

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
        LOCALES.lookup(&identifier(self.lang), id)
    }

    /// A message with arguments: `t_with("days", &[("count", 3.into())])`.
    pub fn t_with(&self, id: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        LOCALES.lookup_with_args(&identifier(self.lang), id, &map)
    }

    /// A counted message (`$count` picks the plural form: Arabic has six).
    pub fn count(&self, id: &str, n: u64) -> String {
        self.t_with(id, &[("count", FluentValue::from(n))])
    }

    /// One string argument.
    pub fn t_arg(&self, id: &str, name: &'static str, value: impl Into<String>) -> String {
        self.t_with(id, &[(name, FluentValue::from(value.into()))])
    }
}

/// Provides the page's language to everything rendered inside.
pub fn provide_i18n(lang: Lang) -> I18n {
    let i18n = I18n::new(lang);
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_default()
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
        let en = I18n::new(Lang::En);
        assert_eq!(strip(en.count("days", 1)), "1 day");
        assert_eq!(strip(en.count("days", 4)), "4 days");
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
