//! The search page's query: everything it needs lives in the URL (`/search?q=…`), so a
//! result page can be linked, reloaded and used without JavaScript.

use serde::{Deserialize, Serialize};

use crate::catalog::{parse_page, Page, ServiceCard};
use crate::seller_level::SellerLevel;

pub const QUERY_MAX_CHARS: usize = 100;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SearchSort {
    #[default]
    Relevance,
    Newest,
    TopRated,
    BestSelling,
}

impl SearchSort {
    pub const ALL: [SearchSort; 4] = [
        Self::Relevance,
        Self::Newest,
        Self::TopRated,
        Self::BestSelling,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Relevance => "relevance",
            Self::Newest => "newest",
            Self::TopRated => "top-rated",
            Self::BestSelling => "best-selling",
        }
    }

    pub fn parse(s: Option<&str>) -> Self {
        s.and_then(|s| Self::ALL.into_iter().find(|v| v.as_str() == s))
            .unwrap_or_default()
    }

    pub fn message_id(self) -> &'static str {
        match self {
            Self::Relevance => "sort-relevance",
            Self::Newest => "sort-newest",
            Self::TopRated => "sort-top-rated",
            Self::BestSelling => "sort-best-selling",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SearchQuery {
    pub q: String,
    pub sort: SearchSort,
    /// A main or sub-category slug.
    pub category: Option<String>,
    pub level: Option<SellerLevel>,
    /// Whole stars, 1–5.
    pub min_rating: Option<u8>,
    pub max_days: Option<u32>,
    /// Whole dollars.
    pub min_price: Option<u32>,
    pub max_price: Option<u32>,
    pub page: u32,
}

fn number<T: std::str::FromStr>(s: Option<String>) -> Option<T> {
    s.and_then(|s| s.trim().parse().ok())
}

impl SearchQuery {
    /// Reads the URL's parameters. Anything malformed is ignored rather than failing the
    /// page: a hand-edited URL still shows results.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let q: String = get("q")
            .unwrap_or_default()
            .trim()
            .chars()
            .take(QUERY_MAX_CHARS)
            .collect();
        SearchQuery {
            q,
            sort: SearchSort::parse(get("sort").as_deref()),
            category: get("category").filter(|c| {
                !c.is_empty()
                    && c.len() <= 80
                    && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
            }),
            level: get("level").and_then(|l| SellerLevel::parse(&l)),
            min_rating: number::<u8>(get("min_rating")).filter(|r| (1..=5).contains(r)),
            max_days: number::<u32>(get("max_days")).filter(|d| (1..=90).contains(d)),
            min_price: number::<u32>(get("min_price")).filter(|p| *p <= 100_000),
            max_price: number::<u32>(get("max_price")).filter(|p| *p <= 100_000),
            page: parse_page(get("page").as_deref()),
        }
    }

    /// The page's URL with another page number (or sort, via a clone).
    pub fn to_url(&self, page: u32) -> String {
        let mut params: Vec<(&str, String)> = vec![("q", self.q.clone())];
        if self.sort != SearchSort::Relevance {
            params.push(("sort", self.sort.as_str().into()));
        }
        if let Some(c) = &self.category {
            params.push(("category", c.clone()));
        }
        if let Some(l) = self.level {
            params.push(("level", l.as_str().into()));
        }
        if let Some(r) = self.min_rating {
            params.push(("min_rating", r.to_string()));
        }
        if let Some(d) = self.max_days {
            params.push(("max_days", d.to_string()));
        }
        if let Some(p) = self.min_price {
            params.push(("min_price", p.to_string()));
        }
        if let Some(p) = self.max_price {
            params.push(("max_price", p.to_string()));
        }
        if page > 1 {
            params.push(("page", page.to_string()));
        }
        let query: Vec<String> = params
            .into_iter()
            .map(|(k, v)| format!("{k}={}", encode(&v)))
            .collect();
        format!("/search?{}", query.join("&"))
    }
}

/// Percent-encoding for a query value (UTF-8 bytes outside the unreserved set).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Search counts matches only up to this many: counting every match of a common word
/// would read every matching row, and no buyer pages through more than a thousand
/// services (84 pages of 12). Past it the page says "more than 1000 results".
pub const COUNT_CAP: u64 = 1_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub query: SearchQuery,
    /// `services.total` is at most `COUNT_CAP`; `capped` says more services match.
    pub services: Page<ServiceCard>,
    pub capped: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &str)]) -> SearchQuery {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        SearchQuery::from_params(|k| map.get(k).cloned())
    }

    #[test]
    fn garbage_parameters_are_ignored() {
        let q = parse(&[
            ("q", "  شعار "),
            ("sort", "cheapest"),
            ("min_rating", "9"),
            ("max_days", "-1"),
            ("level", "emperor"),
            ("category", "x' OR 1=1"),
            ("page", "abc"),
        ]);
        assert_eq!(
            q,
            SearchQuery {
                q: "شعار".into(),
                page: 1,
                ..Default::default()
            }
        );
    }

    #[test]
    fn urls_round_trip() {
        let q = parse(&[
            ("q", "تصميم & logo"),
            ("sort", "top-rated"),
            ("category", "logo-design"),
            ("level", "top"),
            ("min_rating", "4"),
            ("max_days", "3"),
            ("min_price", "5"),
            ("max_price", "50"),
        ]);
        let url = q.to_url(2);
        assert!(url.starts_with("/search?q=%D8%AA"), "{url}");
        let params: HashMap<String, String> = url["/search?".len()..]
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_owned(), decode(v))
            })
            .collect();
        let back = SearchQuery::from_params(|k| params.get(k).cloned());
        assert_eq!(back, SearchQuery { page: 2, ..q });
    }

    fn decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    proptest! {
        #[test]
        fn encoding_is_reversible(s in "\\PC{0,30}") {
            prop_assert_eq!(decode(&encode(&s)), s);
        }
    }
}
