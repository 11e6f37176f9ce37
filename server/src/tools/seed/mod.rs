//! Demo and benchmark data.
//!
//! `seed demo` writes the realistic Arabic catalog of [`catalog_data`] into an empty
//! database; `seed bench` generates any number of services from the same material, fast
//! (multi-row inserts in one transaction), for measuring the catalog at scale.

pub mod catalog_data;
mod conversations;
mod images;
mod orders;
mod requests;

use shared::search_text::index_text;
use std::path::Path;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::{Any, Transaction};

use crate::infra::clock::now;
use crate::infra::db::{Backend, Db};
use catalog_data::{DemoService, BUYERS, CATEGORIES, COMMENTS, REPLIES, SELLERS, SERVICES};

/// Password of every demo account (the README lists them).
pub const DEMO_PASSWORD: &str = "khidmat-demo-2026";
pub const DEMO_ADMIN_EMAIL: &str = "admin@khidmat.test";
pub const DEMO_BUYER_EMAIL: &str = "buyer@khidmat.test";
pub const DEMO_SELLER_EMAIL: &str = "seller@khidmat.test";
/// The seller whose account is the demo seller.
const DEMO_SELLER_USERNAME: &str = "ahmad.designs";

const DAY: i64 = 86_400;

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error("cannot write the generated images: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot hash the demo password: {0}")]
    Hash(String),
    #[error("cannot make the demo orders: {0}")]
    Orders(String),
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    pub categories: usize,
    pub users: usize,
    pub services: usize,
    pub upgrades: usize,
    pub images: usize,
    pub reviews: usize,
    pub orders: usize,
}

/// A value for a generated row. NULLs carry their type: PostgreSQL refuses a text NULL
/// in an integer column.
#[derive(Clone, Debug)]
enum V {
    I(i64),
    S(String),
    NullI,
    NullS,
}

impl From<i64> for V {
    fn from(v: i64) -> Self {
        V::I(v)
    }
}
impl From<&str> for V {
    fn from(v: &str) -> Self {
        V::S(v.to_owned())
    }
}
impl From<String> for V {
    fn from(v: String) -> Self {
        V::S(v)
    }
}
impl From<Option<i64>> for V {
    fn from(v: Option<i64>) -> Self {
        v.map_or(V::NullI, V::I)
    }
}
impl From<Option<&str>> for V {
    fn from(v: Option<&str>) -> Self {
        v.map_or(V::NullS, Into::into)
    }
}

/// Rows for one table, inserted with as few statements as the bind limits allow.
struct Batch {
    table: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Vec<V>>,
}

impl Batch {
    fn new(table: &'static str, columns: &'static [&'static str]) -> Self {
        Batch {
            table,
            columns,
            rows: Vec::new(),
        }
    }

    fn push(&mut self, row: Vec<V>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    async fn insert(
        self,
        tx: &mut Transaction<'_, Any>,
        backend: Backend,
    ) -> Result<usize, sqlx::Error> {
        // SQLite allows 32,766 bound values per statement and PostgreSQL 65,535, but
        // SQLite resolves each `$N` by scanning its parameter list, so large statements
        // with numbered parameters cost O(n²): SQLite gets plain `?` and moderate chunks.
        let per_statement = (4_000 / self.columns.len()).max(1);
        let total = self.rows.len();
        for chunk in self.rows.chunks(per_statement) {
            let mut sql = format!(
                "INSERT INTO {} ({}) VALUES ",
                self.table,
                self.columns.join(", ")
            );
            let mut n = 0;
            for r in 0..chunk.len() {
                if r > 0 {
                    sql.push_str(", ");
                }
                sql.push('(');
                for c in 0..self.columns.len() {
                    n += 1;
                    if c > 0 {
                        sql.push_str(", ");
                    }
                    match backend {
                        Backend::Sqlite => sql.push('?'),
                        Backend::Postgres => {
                            sql.push('$');
                            sql.push_str(&n.to_string());
                        }
                    }
                }
                sql.push(')');
            }
            let mut query = sqlx::query(&sql);
            for row in chunk {
                for v in row {
                    query = match v {
                        V::I(i) => query.bind(*i),
                        V::S(s) => query.bind(s.clone()),
                        V::NullI => query.bind(None::<i64>),
                        V::NullS => query.bind(None::<String>),
                    };
                }
            }
            query.execute(&mut **tx).await?;
        }
        Ok(total)
    }
}

const USER_COLUMNS: &[&str] = &[
    "id",
    "username",
    "email",
    "first_name",
    "last_name",
    "display_name",
    "password_hash",
    "role",
    "headline",
    "bio",
    "skills",
    "seller_level",
    "response_time_hours",
    "email_verified_at",
    "created_at",
    "last_seen_at",
];
const SERVICE_COLUMNS: &[&str] = &[
    "id",
    "seller_id",
    "category_id",
    "title",
    "description",
    "instructions",
    "tags",
    "price_cents",
    "delivery_days",
    "status",
    "orders_count",
    "rating_count",
    "rating_sum",
    "created_at",
    "updated_at",
    "published_at",
    "search_text",
];
const UPGRADE_COLUMNS: &[&str] = &[
    "service_id",
    "position",
    "title",
    "price_cents",
    "extra_days",
];
const IMAGE_COLUMNS: &[&str] = &["service_id", "position", "path", "alt"];
const REVIEW_COLUMNS: &[&str] = &[
    "service_id",
    "seller_id",
    "buyer_id",
    "rating",
    "comment",
    "seller_reply",
    "replied_at",
    "created_at",
];

fn hash_password(password: &str) -> Result<String, SeedError> {
    crate::infra::passwords::hash_blocking(password).map_err(SeedError::Hash)
}

async fn is_empty(db: &Db) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM categories")
        .fetch_one(db.pool())
        .await?;
    Ok(n == 0)
}

async fn next_id(tx: &mut Transaction<'_, Any>, table: &str) -> Result<i64, sqlx::Error> {
    let sql = format!("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM {table}");
    Ok(sqlx::query_scalar::<_, i64>(&sql)
        .fetch_one(&mut **tx)
        .await?
        + 1)
}

/// After rows were inserted with explicit ids, PostgreSQL's identity sequences must move
/// past them (SQLite derives the next rowid from the table itself).
async fn sync_sequences(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
) -> Result<(), sqlx::Error> {
    if backend == Backend::Postgres {
        for table in ["users", "categories", "services"] {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
            );
            sqlx::query(&sql).execute(&mut **tx).await?;
        }
    }
    Ok(())
}

/// A generated service: its identity and the demo service it is modelled on.
struct Listing<'a> {
    id: i64,
    seller_id: i64,
    category_id: i64,
    title: &'a str,
    template: &'a DemoService,
    published: i64,
    /// Orders beyond those that left a review.
    extra_orders: i64,
}

struct GivenReview<'a> {
    buyer: i64,
    rating: i64,
    comment: &'a str,
    reply: Option<&'a str>,
    at: i64,
}

/// Rows of generated services, their upgrades, images and reviews. A service's rating
/// counters are computed here from its reviews, so they always agree.
struct Listings {
    services: Batch,
    upgrades: Batch,
    gallery: Batch,
    reviews: Batch,
}

impl Listings {
    fn new() -> Self {
        Listings {
            services: Batch::new("services", SERVICE_COLUMNS),
            upgrades: Batch::new("service_upgrades", UPGRADE_COLUMNS),
            gallery: Batch::new("service_images", IMAGE_COLUMNS),
            reviews: Batch::new("reviews", REVIEW_COLUMNS),
        }
    }

    fn add(&mut self, l: Listing<'_>, reviews: &[GivenReview<'_>]) {
        for r in reviews {
            self.reviews.push(vec![
                l.id.into(),
                l.seller_id.into(),
                r.buyer.into(),
                r.rating.into(),
                r.comment.into(),
                r.reply.into(),
                r.reply.map(|_| r.at + DAY / 2).into(),
                r.at.into(),
            ]);
        }
        let rated = reviews.len() as i64;
        let stars: i64 = reviews.iter().map(|r| r.rating).sum();
        let t = l.template;
        self.services.push(vec![
            l.id.into(),
            l.seller_id.into(),
            l.category_id.into(),
            l.title.into(),
            t.description.into(),
            t.instructions.into(),
            t.tags.into(),
            (t.price * 100).into(),
            t.days.into(),
            "published".into(),
            (rated + l.extra_orders).into(),
            rated.into(),
            stars.into(),
            l.published.into(),
            l.published.into(),
            l.published.into(),
            index_text(&[l.title, t.tags, t.description]).into(),
        ]);
        for (p, (title, price, days)) in t.upgrades.iter().enumerate() {
            self.upgrades.push(vec![
                l.id.into(),
                (p as i64).into(),
                (*title).into(),
                (price * 100).into(),
                (*days).into(),
            ]);
        }
    }

    fn image(&mut self, service_id: i64, position: usize, path: String, alt: &str) {
        self.gallery.push(vec![
            service_id.into(),
            (position as i64).into(),
            path.into(),
            alt.into(),
        ]);
    }

    async fn insert(
        self,
        tx: &mut Transaction<'_, Any>,
        backend: Backend,
        report: &mut SeedReport,
    ) -> Result<(), sqlx::Error> {
        report.services = self.services.insert(tx, backend).await?;
        report.upgrades = self.upgrades.insert(tx, backend).await?;
        report.images = self.gallery.insert(tx, backend).await?;
        report.reviews = self.reviews.insert(tx, backend).await?;
        // The sellers' kept stars, from every review they have now.
        sqlx::query(
            "UPDATE users SET \
             rating_count = (SELECT COUNT(*) FROM reviews r WHERE r.seller_id = users.id), \
             rating_sum = (SELECT COALESCE(SUM(r.rating), 0) FROM reviews r \
                           WHERE r.seller_id = users.id)",
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}

/// Category hue for generated images: the main categories spread around the wheel.
fn hue_of(main_index: usize) -> u32 {
    [200, 265, 150, 20, 330, 40, 180][main_index % 7]
}

/// Inserts the category tree; returns each sub-category's (id, main index, Arabic name) by slug.
async fn insert_categories(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
) -> Result<Vec<(&'static str, i64, usize, &'static str)>, sqlx::Error> {
    let mut id = next_id(tx, "categories").await?;
    let mut batch = Batch::new(
        "categories",
        &[
            "id",
            "parent_id",
            "slug",
            "name_ar",
            "name_en",
            "icon",
            "position",
        ],
    );
    let mut subs = Vec::new();
    for (m, main) in CATEGORIES.iter().enumerate() {
        let main_id = id;
        id += 1;
        batch.push(vec![
            main_id.into(),
            V::NullI,
            main.slug.into(),
            main.name_ar.into(),
            main.name_en.into(),
            main.icon.into(),
            (m as i64).into(),
        ]);
        for (p, (slug, ar, en)) in main.subs.iter().enumerate() {
            batch.push(vec![
                id.into(),
                main_id.into(),
                (*slug).into(),
                (*ar).into(),
                (*en).into(),
                "".into(),
                (p as i64).into(),
            ]);
            subs.push((*slug, id, m, *ar));
            id += 1;
        }
    }
    batch.insert(tx, backend).await?;
    Ok(subs)
}

fn sub_of<'a>(
    subs: &'a [(&'static str, i64, usize, &'static str)],
    slug: &str,
) -> &'a (&'static str, i64, usize, &'static str) {
    subs.iter().find(|s| s.0 == slug).unwrap_or(&subs[0])
}

/// Writes the demo catalog into an empty database. `Ok(None)` when it was not empty.
pub async fn seed_demo(db: &Db, media_dir: &Path) -> Result<Option<SeedReport>, SeedError> {
    if !is_empty(db).await? {
        return Ok(None);
    }
    let mut rng = StdRng::seed_from_u64(2026);
    let now = now();
    let mut report = SeedReport::default();
    let mut tx = db.pool().begin().await?;

    let subs = insert_categories(&mut tx, db.backend()).await?;
    report.categories = CATEGORIES.len() + subs.len();

    // People: the sellers, the reviewing buyers, and the demo admin and buyer.
    let mut users = Batch::new("users", USER_COLUMNS);
    let mut id = next_id(&mut tx, "users").await?;
    let mut seller_ids = Vec::new();
    for s in SELLERS {
        let email = if s.username == DEMO_SELLER_USERNAME {
            DEMO_SELLER_EMAIL.to_owned()
        } else {
            format!("{}@khidmat.test", s.username)
        };
        let joined = now - s.joined_days_ago * DAY;
        let seen = now - rng.gen_range(0..3 * DAY);
        users.push(vec![
            id.into(),
            s.username.into(),
            email.into(),
            s.first_name.into(),
            s.last_name.into(),
            format!("{} {}", s.first_name, s.last_name).into(),
            hash_password(DEMO_PASSWORD)?.into(),
            "member".into(),
            s.headline.into(),
            s.bio.into(),
            s.skills.into(),
            s.level.into(),
            s.response_hours.into(),
            joined.into(),
            joined.into(),
            seen.into(),
        ]);
        seller_ids.push((s.username, id, format!("{} {}", s.first_name, s.last_name)));
        id += 1;
    }
    let mut buyer_ids = Vec::new();
    let extra = [
        ("admin", "مدير", "المنصة", "admin", DEMO_ADMIN_EMAIL),
        ("demo.buyer", "سامي", "المشتري", "member", DEMO_BUYER_EMAIL),
    ];
    for (username, first, last, role, email) in extra {
        let joined = now - 400 * DAY;
        users.push(vec![
            id.into(),
            username.into(),
            email.into(),
            first.into(),
            last.into(),
            format!("{first} {last}").into(),
            hash_password(DEMO_PASSWORD)?.into(),
            role.into(),
            "".into(),
            "".into(),
            "".into(),
            "new".into(),
            V::NullI,
            joined.into(),
            joined.into(),
            now.into(),
        ]);
        if role == "member" {
            buyer_ids.push(id);
        }
        id += 1;
    }
    for (username, first, last) in BUYERS {
        let joined = now - rng.gen_range(30..900) * DAY;
        users.push(vec![
            id.into(),
            (*username).into(),
            format!("{username}@khidmat.test").into(),
            (*first).into(),
            (*last).into(),
            format!("{first} {last}").into(),
            hash_password(DEMO_PASSWORD)?.into(),
            "member".into(),
            "".into(),
            "".into(),
            "".into(),
            "new".into(),
            V::NullI,
            joined.into(),
            joined.into(),
            (now - rng.gen_range(0..30) * DAY).into(),
        ]);
        buyer_ids.push(id);
        id += 1;
    }
    report.users = users.insert(&mut tx, db.backend()).await?;

    // Services, their upgrades, generated gallery images and reviews.
    let mut listings = Listings::new();
    let mut service_id = next_id(&mut tx, "services").await?;
    for (i, s) in SERVICES.iter().enumerate() {
        let (_, category_id, main_index, sub_name) = *sub_of(&subs, s.sub);
        let (_, seller_id, seller_name) = seller_ids
            .iter()
            .find(|(u, _, _)| *u == s.seller)
            .unwrap_or(&seller_ids[0]);
        // Spread publication over the last year; the list's order is roughly oldest first.
        let published = now - (SERVICES.len() - i) as i64 * 5 * DAY - rng.gen_range(0..DAY);
        let reviews: Vec<GivenReview> = (0..rng.gen_range(0..=7usize))
            .map(|r| {
                let (rating, comment) = COMMENTS[rng.gen_range(0..COMMENTS.len())];
                let at = published + rng.gen_range(DAY..(now - published).max(DAY + 1));
                let reply = rng
                    .gen_bool(0.35)
                    .then(|| REPLIES[rng.gen_range(0..REPLIES.len())]);
                GivenReview {
                    buyer: buyer_ids[(i + r) % buyer_ids.len()],
                    rating,
                    comment,
                    reply,
                    at,
                }
            })
            .collect();
        listings.add(
            Listing {
                id: service_id,
                seller_id: *seller_id,
                category_id,
                title: s.title,
                template: s,
                published,
                extra_orders: rng.gen_range(0..12),
            },
            &reviews,
        );
        for p in 0..1 + (i % 3) {
            let relative = format!("seed/service-{service_id}-{p}.svg");
            let caption = if p == 0 {
                seller_name.as_str()
            } else {
                s.title
            };
            images::write_cover(
                media_dir,
                &relative,
                hue_of(main_index),
                (i + p) as u32,
                sub_name,
                caption,
            )?;
            listings.image(service_id, p, relative, s.title);
        }
        service_id += 1;
    }
    listings.insert(&mut tx, db.backend(), &mut report).await?;
    sync_sequences(&mut tx, db.backend()).await?;
    tx.commit().await?;
    report.orders = demo_orders(db, now).await?;
    // Fresh statistics after a bulk load, so the planner uses the indexes (the search
    // index above all) instead of guessing from an empty table.
    sqlx::query("ANALYZE").execute(db.pool()).await?;
    Ok(Some(report))
}

/// The demo orders: the demo buyer and another buyer buy the demo seller's services.
async fn demo_orders(db: &Db, now: i64) -> Result<usize, SeedError> {
    let id = |username: &'static str| async move {
        sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE username = $1")
            .bind(username)
            .fetch_one(db.pool())
            .await
    };
    let seller = id(DEMO_SELLER_USERNAME).await?;
    let users = (
        id("demo.buyer").await?,
        id(BUYERS[0].0).await?,
        seller,
        id("admin").await?,
    );
    let services: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, price_cents FROM services WHERE seller_id = $1 AND status = 'published' \
         ORDER BY id",
    )
    .bind(seller)
    .fetch_all(db.pool())
    .await?;
    if services.is_empty() {
        return Ok(0);
    }
    let made = orders::seed_orders(db, users, &services, now)
        .await
        .map_err(|e| SeedError::Orders(format!("{e:?}")))?;
    // Conversations before an order, with the demo seller and with another seller.
    let elsewhere: Option<(i64, i64)> = sqlx::query_as(
        "SELECT id, seller_id FROM services WHERE seller_id <> $1 AND status = 'published' \
         ORDER BY id LIMIT 1",
    )
    .bind(seller)
    .fetch_optional(db.pool())
    .await?;
    let pick = |i: usize| services[i % services.len()].0;
    conversations::seed_conversations(
        db,
        (users.0, users.1, seller),
        (pick(7), pick(8)),
        elsewhere,
        now,
    )
    .await
    .map_err(|e| SeedError::Orders(format!("{e:?}")))?;
    // Buyer requests: open with offers, ordered, and waiting for review.
    requests::seed_requests(
        db,
        (users.0, users.1, seller),
        (pick(0), pick(2)),
        elsewhere,
        now,
    )
    .await
    .map_err(|e| SeedError::Orders(format!("{e:?}")))?;
    Ok(made)
}

/// Phrases that end generated titles, so that many services share a base title.
const QUALIFIERS: &[&str] = &[
    "",
    "خلال 24 ساعة",
    "بجودة عالية",
    "بسعر مناسب",
    "مع تعديلات غير محدودة",
    "لمتجرك الإلكتروني",
    "لشركتك الناشئة",
    "باحترافية",
    "بلمسة عصرية",
    "للمبتدئين",
    "وفق أفضل الممارسات",
    "مع ضمان الرضا",
];
const FIRST_NAMES: &[&str] = &[
    "محمد",
    "علي",
    "فاطمة",
    "يوسف",
    "مريم",
    "عبد الرحمن",
    "نور",
    "إبراهيم",
    "هند",
    "سعيد",
    "رنا",
    "وليد",
];
const LAST_NAMES: &[&str] = &[
    "العلي",
    "الأنصاري",
    "الكبيسي",
    "المصري",
    "التونسي",
    "الحكيم",
    "السالم",
    "الجابري",
    "البغدادي",
    "الهاشمي",
];

/// Adds `count` generated published services (with sellers, buyers, upgrades, images and
/// reviews) to whatever is there; adds the category tree first if the database has none.
pub async fn seed_bench(db: &Db, media_dir: &Path, count: usize) -> Result<SeedReport, SeedError> {
    let mut rng = StdRng::seed_from_u64(count as u64);
    let now = now();
    let mut report = SeedReport::default();
    let mut tx = db.pool().begin().await?;

    let subs = if is_empty(db).await? {
        let subs = insert_categories(&mut tx, db.backend()).await?;
        report.categories = CATEGORIES.len() + subs.len();
        subs
    } else {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT slug, id FROM categories WHERE parent_id IS NOT NULL")
                .fetch_all(&mut *tx)
                .await?;
        CATEGORIES
            .iter()
            .enumerate()
            .flat_map(|(m, main)| main.subs.iter().map(move |s| (m, s)))
            .filter_map(|(m, (slug, ar, _))| {
                rows.iter()
                    .find(|(s, _)| s == slug)
                    .map(|(_, id)| (*slug, *id, m, *ar))
            })
            .collect()
    };

    // One shared cover per sub-category keeps the media directory small.
    for (slug, _, m, name) in &subs {
        images::write_cover(
            media_dir,
            &format!("seed/bench/{slug}.svg"),
            hue_of(*m),
            0,
            name,
            "خدمات",
        )?;
    }

    let sellers = (count / 25).max(10);
    let buyers = (count / 50).clamp(20, 2000);
    let mut users = Batch::new("users", USER_COLUMNS);
    let first_user = next_id(&mut tx, "users").await?;
    for u in 0..sellers + buyers {
        let id = first_user + u as i64;
        let first = FIRST_NAMES[u % FIRST_NAMES.len()];
        let last = LAST_NAMES[(u / FIRST_NAMES.len()) % LAST_NAMES.len()];
        let is_seller = u < sellers;
        // Ids are unique across runs, so usernames made from them are too.
        let username = format!("{}{id}", if is_seller { "seller" } else { "buyer" });
        let joined = now - rng.gen_range(1..2000) * DAY;
        let level = ["new", "level1", "level2", "top"][rng.gen_range(0..4)];
        users.push(vec![
            id.into(),
            username.clone().into(),
            format!("{username}@bench.khidmat.test").into(),
            first.into(),
            last.into(),
            format!("{first} {last}").into(),
            V::NullS,
            "member".into(),
            "".into(),
            "".into(),
            "".into(),
            level.into(),
            (rng.gen_range(1..24) as i64).into(),
            joined.into(),
            joined.into(),
            now.into(),
        ]);
    }
    report.users = users.insert(&mut tx, db.backend()).await?;

    let mut listings = Listings::new();
    let first_service = next_id(&mut tx, "services").await?;
    for n in 0..count {
        let id = first_service + n as i64;
        let template = &SERVICES[rng.gen_range(0..SERVICES.len())];
        let (slug, category_id, _, _) = *sub_of(&subs, template.sub);
        let seller_id = first_user + rng.gen_range(0..sellers) as i64;
        let qualifier = QUALIFIERS[rng.gen_range(0..QUALIFIERS.len())];
        let title = if qualifier.is_empty() {
            template.title.to_owned()
        } else {
            format!("{} {qualifier}", template.title)
        };
        let published = now - rng.gen_range(0..730 * DAY);
        let reviews: Vec<GivenReview> = (0..rng.gen_range(0..=4))
            .map(|_| {
                let (rating, comment) = COMMENTS[rng.gen_range(0..COMMENTS.len())];
                GivenReview {
                    buyer: first_user + (sellers + rng.gen_range(0..buyers)) as i64,
                    rating,
                    comment,
                    reply: None,
                    at: published + DAY,
                }
            })
            .collect();
        listings.add(
            Listing {
                id,
                seller_id,
                category_id,
                title: &title,
                template,
                published,
                extra_orders: rng.gen_range(0..40),
            },
            &reviews,
        );
        listings.image(id, 0, format!("seed/bench/{slug}.svg"), &title);
    }
    listings.insert(&mut tx, db.backend(), &mut report).await?;
    sync_sequences(&mut tx, db.backend()).await?;
    tx.commit().await?;
    // Fresh statistics after a bulk load, so the planner uses the indexes (the search
    // index above all) instead of guessing from an empty table.
    sqlx::query("ANALYZE").execute(db.pool()).await?;
    Ok(report)
}
