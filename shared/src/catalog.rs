//! What the catalog pages show: the data transfer types between storage and pages.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::money::Money;
use crate::pricing::UpgradeOffer;
use crate::seller_level::SellerLevel;

/// Service cards on one catalog page.
pub const PAGE_SIZE: u32 = 12;
/// Highest page number a URL may ask for; deeper pages are refused, not scanned.
pub const MAX_PAGE: u32 = 10_000;

/// A category's name in both languages; pages pick one with [`Named::name`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRef {
    pub id: i64,
    pub slug: String,
    pub name_ar: String,
    pub name_en: String,
}

pub trait Named {
    fn name(&self, lang: Lang) -> &str;
}

impl Named for CategoryRef {
    fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ar => &self.name_ar,
            Lang::En => &self.name_en,
        }
    }
}

/// A category with the number of published services in it (and its sub-categories).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryCount {
    pub category: CategoryRef,
    pub icon: String,
    pub service_count: u32,
}

/// A main category and its sub-categories, for menus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryTree {
    pub category: CategoryRef,
    pub icon: String,
    pub children: Vec<CategoryRef>,
}

/// Stars given to a service or a seller: a sum and a count, so averages stay exact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingSummary {
    pub count: u32,
    pub sum: u32,
}

impl RatingSummary {
    /// Average in tenths of a star, rounded half up (4.65 → 47); `None` when unrated.
    pub fn average_tenths(self) -> Option<u32> {
        // In u64: a sum of many five-star reviews times 100 would not fit in u32.
        (self.count > 0).then(|| {
            let tenths = (u64::from(self.sum) * 100 / u64::from(self.count) + 5) / 10;
            u32::try_from(tenths).unwrap_or(u32::MAX)
        })
    }

    /// "4.7", or `None` when unrated.
    pub fn average_label(self) -> Option<String> {
        self.average_tenths()
            .map(|t| format!("{}.{}", t / 10, t % 10))
    }

    /// Percentage of five stars, for the width of a star bar.
    pub fn percent(self) -> u32 {
        self.average_tenths().map_or(0, |t| t * 2)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerSummary {
    pub username: String,
    pub display_name: String,
    pub level: SellerLevel,
    pub avatar: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceCard {
    pub id: i64,
    pub title: String,
    pub image: Option<String>,
    pub price: Money,
    pub delivery_days: u32,
    pub rating: RatingSummary,
    pub orders_count: u32,
    pub seller: SellerSummary,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ServiceSort {
    #[default]
    Newest,
    TopRated,
    BestSelling,
}

impl ServiceSort {
    pub const ALL: [ServiceSort; 3] = [Self::Newest, Self::TopRated, Self::BestSelling];

    /// The spelling in URLs (`?sort=top-rated`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::TopRated => "top-rated",
            Self::BestSelling => "best-selling",
        }
    }

    /// Unknown or missing values fall back to the default rather than failing the page.
    pub fn parse(s: Option<&str>) -> Self {
        s.and_then(|s| Self::ALL.into_iter().find(|v| v.as_str() == s))
            .unwrap_or_default()
    }

    pub fn message_id(self) -> &'static str {
        match self {
            Self::Newest => "sort-newest",
            Self::TopRated => "sort-top-rated",
            Self::BestSelling => "sort-best-selling",
        }
    }
}

/// Page numbers from URLs: 1-based, clamped to `1..=MAX_PAGE`, garbage means page 1.
pub fn parse_page(s: Option<&str>) -> u32 {
    s.and_then(|s| s.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_PAGE)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
}

impl<T> Page<T> {
    pub fn total_pages(&self) -> u32 {
        let per = u64::from(self.per_page.max(1));
        u32::try_from(self.total.div_ceil(per))
            .unwrap_or(u32::MAX)
            .max(1)
    }

    pub fn has_previous(&self) -> bool {
        self.page > 1
    }

    pub fn has_next(&self) -> bool {
        self.page < self.total_pages()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomePage {
    pub categories: Vec<CategoryCount>,
    pub newest: Vec<ServiceCard>,
    pub top_rated: Vec<ServiceCard>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryPage {
    pub category: CategoryRef,
    /// The main category, when this is a sub-category.
    pub parent: Option<CategoryRef>,
    /// Sub-categories of a main category, or the siblings of a sub-category.
    pub subcategories: Vec<CategoryCount>,
    pub sort: ServiceSort,
    pub services: Page<ServiceCard>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GalleryImage {
    pub url: String,
    pub alt: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub id: i64,
    pub buyer_name: String,
    pub rating: u8,
    pub comment: String,
    /// Unix seconds.
    pub created_at: i64,
    pub seller_reply: Option<String>,
    /// The order was cancelled because the seller was late (the review says so).
    pub cancelled_late: bool,
    /// Set on a seller's page, where reviews of several services are listed together.
    pub service: Option<(i64, String)>,
}

/// The seller as shown beside a service and on their page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerCard {
    pub summary: SellerSummary,
    pub headline: String,
    pub rating: RatingSummary,
    /// Unix seconds.
    pub member_since: i64,
    pub last_seen: i64,
    /// The server's clock when this was read: "last seen 3 days ago" is computed against
    /// it, so the server's render and the browser's hydration agree.
    pub as_of: i64,
    pub response_time_hours: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDetail {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub instructions: String,
    pub price: Money,
    pub delivery_days: u32,
    pub tags: Vec<String>,
    pub category: CategoryRef,
    pub main_category: CategoryRef,
    pub images: Vec<GalleryImage>,
    pub upgrades: Vec<UpgradeOffer>,
    pub rating: RatingSummary,
    pub orders_count: u32,
    pub seller: SellerCard,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerProfile {
    pub card: SellerCard,
    pub bio: String,
    pub skills: Vec<String>,
    pub services: Vec<ServiceCard>,
    pub reviews: Vec<Review>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averages_in_tenths_without_floats() {
        assert_eq!(RatingSummary { count: 0, sum: 0 }.average_label(), None);
        assert_eq!(
            RatingSummary { count: 3, sum: 14 }
                .average_label()
                .as_deref(),
            Some("4.7")
        );
        assert_eq!(
            RatingSummary { count: 2, sum: 9 }
                .average_label()
                .as_deref(),
            Some("4.5")
        );
        assert_eq!(RatingSummary { count: 1, sum: 5 }.percent(), 100);
    }

    #[test]
    fn pages_from_urls() {
        assert_eq!(parse_page(None), 1);
        assert_eq!(parse_page(Some("0")), 1);
        assert_eq!(parse_page(Some("-3")), 1);
        assert_eq!(parse_page(Some("abc")), 1);
        assert_eq!(parse_page(Some("4")), 4);
        assert_eq!(parse_page(Some("99999999999")), 1);
        assert_eq!(parse_page(Some("20000")), MAX_PAGE);
    }

    #[test]
    fn sort_from_urls() {
        assert_eq!(ServiceSort::parse(Some("top-rated")), ServiceSort::TopRated);
        assert_eq!(ServiceSort::parse(Some("bogus")), ServiceSort::Newest);
        assert_eq!(ServiceSort::parse(None), ServiceSort::Newest);
    }

    #[test]
    fn page_arithmetic() {
        let p = Page::<()> {
            items: vec![],
            page: 2,
            per_page: 12,
            total: 25,
        };
        assert_eq!(p.total_pages(), 3);
        assert!(p.has_previous() && p.has_next());
        let empty = Page::<()> {
            items: vec![],
            page: 1,
            per_page: 12,
            total: 0,
        };
        assert_eq!(empty.total_pages(), 1);
        assert!(!empty.has_next());
    }
}
