//! Where a page is: its path, the path's parameters and its query.
//!
//! The app is rendered as islands: the server's router picks the page, and the browser
//! hydrates only the interactive parts, with no router of its own. A page's island gets
//! its address from the server as a prop ([`PageAddress`]) and provides it to everything
//! inside, so a component asks here, not the router, and reads the same on both sides.

use leptos::prelude::*;
use leptos_router::params::ParamsMap;
use serde::{Deserialize, Serialize};

/// The address the server rendered a page for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageAddress {
    /// The path, e.g. `/orders/7`.
    pub path: String,
    /// The path's parameters, e.g. `id` = `7` for `/orders/:id`.
    pub params: Vec<(String, String)>,
    /// The query's pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The query as the URL has it, without its `?`.
    pub search: String,
}

impl PageAddress {
    /// The address of the page the server's router is rendering (empty outside a request,
    /// e.g. while the route list is made; no parameters outside the matched route).
    #[cfg(feature = "ssr")]
    pub fn current() -> Self {
        if use_context::<http::request::Parts>().is_none() {
            return PageAddress::default();
        }
        let location = leptos_router::hooks::use_location();
        let pairs = |map: ParamsMap| {
            map.into_iter()
                .map(|(k, v)| (k.into_owned(), v))
                .collect::<Vec<_>>()
        };
        let params = use_context::<ArcMemo<ParamsMap>>()
            .map(|params| pairs(params.get_untracked()))
            .unwrap_or_default();
        PageAddress {
            path: location.pathname.get_untracked(),
            params,
            query: pairs(location.query.get_untracked()),
            search: location
                .search
                .get_untracked()
                .trim_start_matches('?')
                .to_owned(),
        }
    }

    /// The path with its query, to come back to (`next`).
    pub fn path_with_query(&self) -> String {
        if self.search.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.search)
        }
    }

    fn query_map(&self) -> ParamsMap {
        self.query.iter().cloned().collect()
    }
}

/// Provides a page island's address to what it renders.
pub fn provide_page_address(address: PageAddress) {
    provide_context(address);
}

/// The page's address: the island's, or the router's where there is no island around.
pub fn use_page_address() -> PageAddress {
    match use_context::<PageAddress>() {
        Some(address) => address,
        #[cfg(feature = "ssr")]
        None => PageAddress::current(),
        #[cfg(not(feature = "ssr"))]
        None => PageAddress::default(),
    }
}

/// The path's parameters (`:id`), as the router's hook gives them.
pub fn use_params_map() -> Memo<ParamsMap> {
    let address = use_page_address();
    Memo::new(move |_| address.params.iter().cloned().collect())
}

/// The query's pairs, as the router's hook gives them.
pub fn use_query_map() -> Memo<ParamsMap> {
    let address = use_page_address();
    Memo::new(move |_| address.query_map())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_way_back_keeps_the_query() {
        let address = PageAddress {
            path: "/search".into(),
            params: vec![],
            query: vec![
                ("sort".into(), "best-selling".into()),
                ("page".into(), "2".into()),
            ],
            search: "sort=best-selling&page=2".into(),
        };
        assert_eq!(
            address.path_with_query(),
            "/search?sort=best-selling&page=2"
        );
        let bare = PageAddress {
            path: "/cart".into(),
            ..PageAddress::default()
        };
        assert_eq!(bare.path_with_query(), "/cart");
    }
}
