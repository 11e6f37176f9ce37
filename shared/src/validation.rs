//! Field-level validation results shared by the browser (instant messages) and the server
//! (the authoritative check). A message is a Fluent id, so each side shows it localized.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field, as named in the form (`title`, `upgrades.2.price`, …).
    pub field: String,
    /// Fluent message id.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: &str) -> Self {
        FieldError {
            field: field.into(),
            message: message.to_owned(),
        }
    }
}

/// Collects errors for one form.
#[derive(Default)]
pub struct Errors(Vec<FieldError>);

impl Errors {
    pub fn check(&mut self, field: impl Into<String>, problem: Option<&str>) {
        if let Some(message) = problem {
            self.0.push(FieldError::new(field, message));
        }
    }

    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// The first message for `field`, if any.
pub fn message_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.as_str())
}

/// True for a path on this site (`/…`), the only place a `next` parameter may send a
/// user. Browsers drop tabs and line breaks from a URL and read `\\` as `/`, so
/// `/\t/evil.example` would become `//evil.example`, another site: any control character
/// or backslash is refused, and so is `//` (a host) once what browsers drop is dropped.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.chars().any(|c| c.is_control() || c == '\\')
}

/// Length in characters (not bytes: Arabic letters are two bytes each in UTF-8).
pub fn chars(s: &str) -> usize {
    s.chars().count()
}

/// `Some("error-required")` for blank text, `Some(too_long)` beyond `max` characters.
pub fn text_problem(s: &str, min: usize, max: usize) -> Option<&'static str> {
    let n = chars(s.trim());
    if n == 0 {
        Some("error-required")
    } else if n < min {
        Some("error-too-short")
    } else if n > max {
        Some("error-too-long")
    } else {
        None
    }
}

/// Arabic-Indic (٠–٩) and Persian (۰–۹) digits as ASCII digits, for numbers typed on an
/// Arabic keyboard; everything else unchanged.
pub fn western_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::is_local_path;
    use proptest::prelude::*;

    #[test]
    fn only_same_site_paths_are_local() {
        for ok in [
            "/",
            "/categories/design?page=2",
            "/services/3#reviews",
            "/بحث?q=شعار",
        ] {
            assert!(is_local_path(ok), "{ok:?}");
        }
        for bad in [
            "",
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/\t\\evil.example",
            "\t//evil.example",
            "evil.example",
        ] {
            assert!(!is_local_path(bad), "{bad:?}");
        }
    }

    proptest! {
        /// Whatever is accepted resolves, by the WHATWG URL rules browsers use, to a URL on
        /// this site.
        #[test]
        fn accepted_paths_stay_on_this_site(
            path in prop::collection::vec(
                prop::sample::select(vec!["/", "\\", "\t", "\n", "\r", " ", "a", ".", ":", "@", "?", "#", "%", "\u{0}"]),
                0..8,
            )
        ) {
            let path: String = path.concat();
            if is_local_path(&path) {
                let base = url::Url::parse("https://khidmat.test/login").unwrap();
                let joined = base.join(&path).unwrap();
                prop_assert_eq!(joined.host_str(), Some("khidmat.test"));
            }
        }
    }
}
