//! The catalog's read side: published services of active sellers, for the pages.

pub mod cache;
pub mod facets;
pub mod favorites;
pub mod search;

use async_trait::async_trait;
use shared::catalog::{
    CategoryCount, CategoryPage, CategoryRef, CategoryTree, GalleryImage, HomePage, Page,
    RatingSummary, Review, SellerCard, SellerProfile, SellerSummary, ServiceCard, ServiceDetail,
    ServiceSort, PAGE_SIZE,
};
use shared::error::StoreError;
use shared::money::Money;
use shared::ports::CatalogStore;
use shared::pricing::UpgradeOffer;
use shared::reviews::{ReviewPage, StarHistogram, REVIEWS_PAGE_SIZE};
use shared::search::{SearchQuery, SearchResults};
use shared::seller_level::SellerLevel;
use sqlx::FromRow;

use crate::infra::db::{incident, Db};

/// Public URL prefix of files under the media directory.
pub const MEDIA_URL: &str = "/media";
/// Cards in each strip of the home page.
const HOME_STRIP: i64 = 8;
/// Reviews shown on a service or seller page (newest first).
const REVIEWS_SHOWN: i64 = 20;

#[derive(Clone)]
pub struct SqlCatalog {
    db: Db,
}

impl SqlCatalog {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

/// What makes a service visible in the catalog.
pub(crate) const VISIBLE: &str = "s.status = 'published' AND u.status = 'active'";

pub(crate) const CARD_COLUMNS: &str =
    "s.id, s.title, s.price_cents, s.delivery_days, s.rating_count, \
     s.rating_sum, s.orders_count, u.username, u.display_name, u.seller_level, u.avatar_path, \
     (SELECT COALESCE(i.thumb_path, i.path) FROM service_images i WHERE i.service_id = s.id \
      ORDER BY i.position LIMIT 1) AS image";

pub(crate) fn order_by(sort: ServiceSort) -> &'static str {
    match sort {
        ServiceSort::Newest => "s.published_at DESC, s.id DESC",
        // Integer thousandths of a star: no floats, same order on both databases.
        ServiceSort::TopRated => {
            "CASE WHEN s.rating_count = 0 THEN 0 \
             ELSE (s.rating_sum * 1000) / s.rating_count END DESC, \
             s.rating_count DESC, s.id DESC"
        }
        ServiceSort::BestSelling => "s.orders_count DESC, s.id DESC",
    }
}

#[derive(FromRow)]
pub(crate) struct CardRow {
    id: i64,
    title: String,
    price_cents: i64,
    delivery_days: i64,
    rating_count: i64,
    rating_sum: i64,
    orders_count: i64,
    username: String,
    display_name: String,
    seller_level: String,
    avatar_path: Option<String>,
    image: Option<String>,
}

/// Counters are kept non-negative by CHECKs and by the code that writes them.
fn count(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

pub fn media_url(path: &str) -> String {
    format!("{MEDIA_URL}/{path}")
}

fn level(s: &str) -> SellerLevel {
    SellerLevel::parse(s).unwrap_or(SellerLevel::New)
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

impl From<CardRow> for ServiceCard {
    fn from(r: CardRow) -> Self {
        ServiceCard {
            id: r.id,
            title: r.title,
            image: r.image.as_deref().map(media_url),
            price: Money::from_cents(r.price_cents),
            delivery_days: count(r.delivery_days),
            rating: RatingSummary {
                count: count(r.rating_count),
                sum: count(r.rating_sum),
            },
            orders_count: count(r.orders_count),
            seller: SellerSummary {
                username: r.username,
                display_name: r.display_name,
                level: level(&r.seller_level),
                avatar: r.avatar_path.as_deref().map(media_url),
            },
        }
    }
}

#[derive(FromRow)]
struct CategoryRow {
    id: i64,
    slug: String,
    name_ar: String,
    name_en: String,
    icon: String,
    parent_id: Option<i64>,
}

impl CategoryRow {
    fn reference(&self) -> CategoryRef {
        CategoryRef {
            id: self.id,
            slug: self.slug.clone(),
            name_ar: self.name_ar.clone(),
            name_en: self.name_en.clone(),
        }
    }
}

const CATEGORY_COLUMNS: &str = "c.id, c.slug, c.name_ar, c.name_en, c.icon, c.parent_id";

#[derive(FromRow)]
struct SellerRow {
    id: i64,
    username: String,
    display_name: String,
    seller_level: String,
    avatar_path: Option<String>,
    headline: String,
    bio: String,
    skills: String,
    created_at: i64,
    last_seen_at: i64,
    response_time_hours: Option<i64>,
    rating_count: i64,
    rating_sum: i64,
}

const SELLER_COLUMNS: &str = "u.id, u.username, u.display_name, u.seller_level, u.avatar_path, \
     u.headline, u.bio, u.skills, u.created_at, u.last_seen_at, u.response_time_hours, \
     u.rating_count, u.rating_sum";

#[derive(FromRow)]
struct ReviewRow {
    id: i64,
    buyer_name: String,
    rating: i64,
    comment: String,
    created_at: i64,
    seller_reply: Option<String>,
    cancelled_late: i64,
    service_id: i64,
    service_title: String,
}

impl ReviewRow {
    fn into_review(self, with_service: bool) -> Review {
        Review {
            id: self.id,
            buyer_name: self.buyer_name,
            rating: u8::try_from(self.rating.clamp(1, 5)).unwrap_or(5),
            comment: self.comment,
            created_at: self.created_at,
            seller_reply: self.seller_reply,
            cancelled_late: self.cancelled_late != 0,
            service: with_service.then_some((self.service_id, self.service_title)),
        }
    }
}

const REVIEW_SELECT: &str = "SELECT r.id, b.display_name AS buyer_name, r.rating, r.comment, \
     r.created_at, r.seller_reply, r.cancelled_late, s.id AS service_id, s.title AS service_title \
     FROM reviews r JOIN users b ON b.id = r.buyer_id JOIN services s ON s.id = r.service_id";

impl SqlCatalog {
    pub(crate) async fn cards(
        &self,
        filter: &str,
        binds: &[i64],
        sort: ServiceSort,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<ServiceCard>, StoreError> {
        let n = binds.len();
        let sql = format!(
            "SELECT {CARD_COLUMNS} FROM services s JOIN users u ON u.id = s.seller_id \
             WHERE {VISIBLE} {filter} ORDER BY {} LIMIT ${} OFFSET ${}",
            order_by(sort),
            n + 1,
            n + 2
        );
        let mut query = sqlx::query_as::<_, CardRow>(&sql);
        for b in binds {
            query = query.bind(*b);
        }
        let rows = query
            .bind(limit)
            .bind(offset)
            .fetch_all(self.db.pool())
            .await
            .map_err(|e| incident("catalog cards", e))?;
        Ok(rows.into_iter().map(ServiceCard::from).collect())
    }

    async fn count_visible(&self, filter: &str, binds: &[i64]) -> Result<u64, StoreError> {
        let sql = format!(
            "SELECT COUNT(*) FROM services s JOIN users u ON u.id = s.seller_id \
             WHERE {VISIBLE} {filter}"
        );
        let mut query = sqlx::query_scalar::<_, i64>(&sql);
        for b in binds {
            query = query.bind(*b);
        }
        let n = query
            .fetch_one(self.db.pool())
            .await
            .map_err(|e| incident("catalog count", e))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Categories with their visible services counted, sub-categories included.
    async fn counted(&self, parent: Option<i64>) -> Result<Vec<CategoryCount>, StoreError> {
        let scope = match parent {
            None => "c.parent_id IS NULL",
            Some(_) => "c.parent_id = $1",
        };
        let sql = format!(
            "SELECT {CATEGORY_COLUMNS}, \
               (SELECT COUNT(*) FROM services s JOIN users u ON u.id = s.seller_id \
                JOIN categories sc ON sc.id = s.category_id \
                WHERE (sc.id = c.id OR sc.parent_id = c.id) AND {VISIBLE}) AS n \
             FROM categories c WHERE {scope} ORDER BY c.position, c.id"
        );
        let mut query =
            sqlx::query_as::<_, (i64, String, String, String, String, Option<i64>, i64)>(&sql);
        if let Some(p) = parent {
            query = query.bind(p);
        }
        let rows = query
            .fetch_all(self.db.pool())
            .await
            .map_err(|e| incident("category counts", e))?;
        Ok(rows
            .into_iter()
            .map(|(id, slug, name_ar, name_en, icon, _, n)| CategoryCount {
                category: CategoryRef {
                    id,
                    slug,
                    name_ar,
                    name_en,
                },
                icon,
                service_count: count(n),
            })
            .collect())
    }

    async fn category_by(
        &self,
        column: &str,
        value: CategoryKey<'_>,
    ) -> Result<Option<CategoryRow>, StoreError> {
        let sql = format!("SELECT {CATEGORY_COLUMNS} FROM categories c WHERE c.{column} = $1");
        let query = sqlx::query_as::<_, CategoryRow>(&sql);
        let query = match value {
            CategoryKey::Id(id) => query.bind(id),
            CategoryKey::Slug(slug) => query.bind(slug.to_owned()),
        };
        query
            .fetch_optional(self.db.pool())
            .await
            .map_err(|e| incident("category lookup", e))
    }

    async fn seller_card(&self, row: &SellerRow) -> Result<SellerCard, StoreError> {
        Ok(SellerCard {
            summary: SellerSummary {
                username: row.username.clone(),
                display_name: row.display_name.clone(),
                level: level(&row.seller_level),
                avatar: row.avatar_path.as_deref().map(media_url),
            },
            headline: row.headline.clone(),
            // Kept with every review, in the review's transaction.
            rating: RatingSummary {
                count: count(row.rating_count),
                sum: count(row.rating_sum),
            },
            member_since: row.created_at,
            last_seen: row.last_seen_at,
            as_of: crate::infra::clock::now(),
            response_time_hours: row.response_time_hours.map(count),
        })
    }

    async fn reviews(
        &self,
        column: &str,
        id: i64,
        with_service: bool,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Review>, StoreError> {
        let sql = format!(
            "{REVIEW_SELECT} WHERE r.{column} = $1 ORDER BY r.created_at DESC, r.id DESC \
             LIMIT $2 OFFSET $3"
        );
        let rows = sqlx::query_as::<_, ReviewRow>(&sql)
            .bind(id)
            .bind(limit)
            .bind(offset)
            .fetch_all(self.db.pool())
            .await
            .map_err(|e| incident("reviews", e))?;
        Ok(rows
            .into_iter()
            .map(|r| r.into_review(with_service))
            .collect())
    }
}

#[derive(Clone, Copy)]
enum CategoryKey<'a> {
    Id(i64),
    Slug(&'a str),
}

#[async_trait]
impl CatalogStore for SqlCatalog {
    async fn category_tree(&self) -> Result<Vec<CategoryTree>, StoreError> {
        let sql = format!("SELECT {CATEGORY_COLUMNS} FROM categories c ORDER BY c.position, c.id");
        let rows = sqlx::query_as::<_, CategoryRow>(&sql)
            .fetch_all(self.db.pool())
            .await
            .map_err(|e| incident("category tree", e))?;
        Ok(rows
            .iter()
            .filter(|r| r.parent_id.is_none())
            .map(|main| CategoryTree {
                category: main.reference(),
                icon: main.icon.clone(),
                children: rows
                    .iter()
                    .filter(|c| c.parent_id == Some(main.id))
                    .map(CategoryRow::reference)
                    .collect(),
            })
            .collect())
    }

    async fn home(&self) -> Result<HomePage, StoreError> {
        Ok(HomePage {
            categories: self.counted(None).await?,
            newest: self
                .cards("", &[], ServiceSort::Newest, HOME_STRIP, 0)
                .await?,
            top_rated: self
                .cards("", &[], ServiceSort::TopRated, HOME_STRIP, 0)
                .await?,
        })
    }

    async fn category_page(
        &self,
        slug: &str,
        sort: ServiceSort,
        page: u32,
    ) -> Result<Option<CategoryPage>, StoreError> {
        let Some(category) = self.category_by("slug", CategoryKey::Slug(slug)).await? else {
            return Ok(None);
        };
        let parent = match category.parent_id {
            Some(pid) => self.category_by("id", CategoryKey::Id(pid)).await?,
            None => None,
        };
        // A main category lists its sub-categories; a sub-category lists its siblings.
        let subcategories = self
            .counted(Some(category.parent_id.unwrap_or(category.id)))
            .await?;
        let filter =
            "AND s.category_id IN (SELECT id FROM categories WHERE id = $1 OR parent_id = $1)";
        let binds = [category.id];
        let page = page.max(1);
        let per_page = PAGE_SIZE;
        let offset = i64::from(page - 1) * i64::from(per_page);
        let total = self.count_visible(filter, &binds).await?;
        let items = self
            .cards(filter, &binds, sort, i64::from(per_page), offset)
            .await?;
        Ok(Some(CategoryPage {
            category: category.reference(),
            parent: parent.map(|p| p.reference()),
            subcategories,
            sort,
            services: Page {
                items,
                page,
                per_page,
                total,
            },
        }))
    }

    async fn service(&self, id: i64) -> Result<Option<ServiceDetail>, StoreError> {
        #[derive(FromRow)]
        struct Row {
            id: i64,
            title: String,
            description: String,
            instructions: String,
            tags: String,
            price_cents: i64,
            delivery_days: i64,
            rating_count: i64,
            rating_sum: i64,
            orders_count: i64,
            category_id: i64,
            seller_id: i64,
        }
        let sql = format!(
            "SELECT s.id, s.title, s.description, s.instructions, s.tags, s.price_cents, \
             s.delivery_days, s.rating_count, s.rating_sum, s.orders_count, s.category_id, \
             s.seller_id FROM services s JOIN users u ON u.id = s.seller_id \
             WHERE s.id = $1 AND {VISIBLE}"
        );
        let Some(row) = sqlx::query_as::<_, Row>(&sql)
            .bind(id)
            .fetch_optional(self.db.pool())
            .await
            .map_err(|e| incident("service", e))?
        else {
            return Ok(None);
        };
        let Some(category) = self
            .category_by("id", CategoryKey::Id(row.category_id))
            .await?
        else {
            return Ok(None);
        };
        let main_category = match category.parent_id {
            Some(pid) => self
                .category_by("id", CategoryKey::Id(pid))
                .await?
                .map(|c| c.reference())
                .unwrap_or_else(|| category.reference()),
            None => category.reference(),
        };
        let images = sqlx::query_as::<_, (String, String)>(
            "SELECT path, alt FROM service_images WHERE service_id = $1 ORDER BY position, id",
        )
        .bind(id)
        .fetch_all(self.db.pool())
        .await
        .map_err(|e| incident("service images", e))?
        .into_iter()
        .map(|(path, alt)| GalleryImage {
            url: media_url(&path),
            alt,
        })
        .collect();
        let upgrades = sqlx::query_as::<_, (i64, String, i64, i64)>(
            "SELECT id, title, price_cents, extra_days FROM service_upgrades \
             WHERE service_id = $1 ORDER BY position, id",
        )
        .bind(id)
        .fetch_all(self.db.pool())
        .await
        .map_err(|e| incident("service upgrades", e))?
        .into_iter()
        .map(|(id, title, cents, days)| UpgradeOffer {
            id,
            title,
            price: Money::from_cents(cents),
            extra_days: count(days),
        })
        .collect();
        let seller_sql = format!("SELECT {SELLER_COLUMNS} FROM users u WHERE u.id = $1");
        let seller_row = sqlx::query_as::<_, SellerRow>(&seller_sql)
            .bind(row.seller_id)
            .fetch_one(self.db.pool())
            .await
            .map_err(|e| incident("service seller", e))?;
        Ok(Some(ServiceDetail {
            id: row.id,
            title: row.title,
            description: row.description,
            instructions: row.instructions,
            price: Money::from_cents(row.price_cents),
            delivery_days: count(row.delivery_days),
            tags: split_list(&row.tags),
            category: category.reference(),
            main_category,
            images,
            upgrades,
            rating: RatingSummary {
                count: count(row.rating_count),
                sum: count(row.rating_sum),
            },
            orders_count: count(row.orders_count),
            seller: self.seller_card(&seller_row).await?,
        }))
    }

    async fn search(&self, query: &SearchQuery) -> Result<SearchResults, StoreError> {
        crate::catalog::search::search(&self.db, query).await
    }

    async fn service_reviews(
        &self,
        service_id: i64,
        page: u32,
    ) -> Result<Option<ReviewPage>, StoreError> {
        let sql = format!(
            "SELECT s.id FROM services s JOIN users u ON u.id = s.seller_id \
             WHERE s.id = $1 AND {VISIBLE}"
        );
        let visible = sqlx::query_scalar::<_, i64>(&sql)
            .bind(service_id)
            .fetch_optional(self.db.pool())
            .await
            .map_err(|e| incident("service reviews", e))?;
        if visible.is_none() {
            return Ok(None);
        }
        let mut histogram = StarHistogram::default();
        for (stars, n) in sqlx::query_as::<_, (i64, i64)>(
            "SELECT rating, COUNT(*) FROM reviews WHERE service_id = $1 GROUP BY rating",
        )
        .bind(service_id)
        .fetch_all(self.db.pool())
        .await
        .map_err(|e| incident("review histogram", e))?
        {
            if let Some(slot) = usize::try_from(stars - 1)
                .ok()
                .and_then(|i| histogram.counts.get_mut(i))
            {
                *slot = count(n);
            }
        }
        let size = REVIEWS_PAGE_SIZE;
        let pages = histogram.total().div_ceil(size).max(1);
        let page = page.clamp(1, pages);
        let reviews = self
            .reviews(
                "service_id",
                service_id,
                false,
                i64::from(size),
                i64::from((page - 1) * size),
            )
            .await?;
        Ok(Some(ReviewPage {
            reviews,
            histogram,
            page,
            pages,
        }))
    }

    async fn seller(&self, username: &str) -> Result<Option<SellerProfile>, StoreError> {
        let sql = format!(
            "SELECT {SELLER_COLUMNS} FROM users u WHERE u.username = $1 AND u.status = 'active'"
        );
        let Some(row) = sqlx::query_as::<_, SellerRow>(&sql)
            .bind(username.to_owned())
            .fetch_optional(self.db.pool())
            .await
            .map_err(|e| incident("seller", e))?
        else {
            return Ok(None);
        };
        let services = self
            .cards(
                "AND s.seller_id = $1",
                &[row.id],
                ServiceSort::BestSelling,
                50,
                0,
            )
            .await?;
        Ok(Some(SellerProfile {
            card: self.seller_card(&row).await?,
            bio: row.bio.clone(),
            skills: split_list(&row.skills),
            services,
            reviews: self
                .reviews("seller_id", row.id, true, REVIEWS_SHOWN, 0)
                .await?,
        }))
    }
}
