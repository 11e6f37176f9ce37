//! The two interface languages and how a request picks one.

use serde::Serialize;

/// Name of the cookie the language switch writes.
pub const LANG_COOKIE: &str = "khidmat_lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub enum Lang {
    #[default]
    Ar,
    En,
}
deserialize_by_name!(Lang { Ar, En });

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ar, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En => "ltr",
        }
    }

    /// The other language: what the header's switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ar => Lang::En,
            Lang::En => Lang::Ar,
        }
    }

    /// `ar`, `ar-EG`, `EN-us` … → the language, if it is one of ours.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ar" => Some(Lang::Ar),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of a request: the cookie the switch wrote, else the best of
    /// `Accept-Language` that we speak, else Arabic.
    pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Lang {
        if let Some(lang) = cookie_header.and_then(lang_from_cookies) {
            return lang;
        }
        accept_language.and_then(best_accepted).unwrap_or_default()
    }
}

fn lang_from_cookies(header: &str) -> Option<Lang> {
    header
        .split(';')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| name.trim() == LANG_COOKIE)
        .and_then(|(_, value)| Lang::from_tag(value))
}

/// Highest-q tag we speak; ties keep the header's order.
fn best_accepted(header: &str) -> Option<Lang> {
    let mut best: Option<(u32, Lang)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let Some(lang) = parts.next().and_then(Lang::from_tag) else {
            continue;
        };
        // q in thousandths, parsed without floats: "q=0.8" → 800.
        let q = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .map(parse_q)
            .unwrap_or(1000);
        if q > 0 && best.is_none_or(|(bq, _)| q > bq) {
            best = Some((q, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

fn parse_q(q: &str) -> u32 {
    let (whole, frac) = q.trim().split_once('.').unwrap_or((q.trim(), ""));
    let whole: u32 = whole.parse().unwrap_or(0);
    let frac: String = frac.chars().chain("000".chars()).take(3).collect();
    (whole * 1000 + frac.parse::<u32>().unwrap_or(0)).min(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn travels_as_its_name() {
        for lang in Lang::ALL {
            let json = serde_json::to_string(&lang).unwrap();
            assert_eq!(serde_json::from_str::<Lang>(&json).unwrap(), lang);
        }
        assert_eq!(serde_json::to_string(&Lang::En).unwrap(), r#""En""#);
        for json in [r#""en""#, "1", r#""Fr""#] {
            assert!(
                serde_json::from_str::<Lang>(json).is_err(),
                "{json} was read"
            );
        }
    }

    #[test]
    fn arabic_by_default() {
        assert_eq!(Lang::negotiate(None, None), Lang::Ar);
        assert_eq!(Lang::negotiate(None, Some("fr-FR,de;q=0.5")), Lang::Ar);
    }

    #[test]
    fn cookie_beats_accept_language() {
        let cookie = format!("a=1; {LANG_COOKIE}=en; b=2");
        assert_eq!(Lang::negotiate(Some(&cookie), Some("ar")), Lang::En);
        let cookie = format!("{LANG_COOKIE}=ar");
        assert_eq!(Lang::negotiate(Some(&cookie), Some("en-US")), Lang::Ar);
    }

    #[test]
    fn accept_language_by_quality() {
        assert_eq!(
            Lang::negotiate(None, Some("en-US,en;q=0.9,ar;q=0.8")),
            Lang::En
        );
        assert_eq!(
            Lang::negotiate(None, Some("fr;q=1, en;q=0.4, ar;q=0.7")),
            Lang::Ar
        );
        assert_eq!(Lang::negotiate(None, Some("en;q=0, ar-SA")), Lang::Ar);
    }

    #[test]
    fn a_bad_cookie_is_ignored() {
        let cookie = format!("{LANG_COOKIE}=xx");
        assert_eq!(Lang::negotiate(Some(&cookie), Some("en")), Lang::En);
    }
}
