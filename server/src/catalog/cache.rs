//! The catalog's answers, kept for a few seconds and given again without reading the
//! database: for members too, whose pages the page cache does not keep.
//!
//! Nothing in an answer depends on who asks (the catalog's questions name no user), so one
//! answer serves everyone. The same rules as the page cache's keep it true:
//! - an answer is given again only while the server's [`Generation`] has not moved since
//!   it was read: every change made through this server and every run of the jobs that
//!   changed something moves it, so whoever made a change sees it in their next page;
//! - and for at most `CATALOG_CACHE_SECS` (5 s), which bounds what another server process
//!   on the same database changed;
//! - errors are not kept.
//!
//! Without it, every page a member opens read the category tree and the page's data in
//! several queries, each a round trip through sqlx's SQLite worker thread: in a profile of
//! rendered pages, those wake-ups, sqlx and SQLite were about a third of the CPU.

use std::any::Any;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use quick_cache::sync::Cache;
use shared::catalog::{
    CategoryPage, CategoryTree, HomePage, SellerProfile, ServiceDetail, ServiceSort,
};
use shared::error::StoreError;
use shared::ports::CatalogStore;
use shared::reviews::ReviewPage;
use shared::search::{SearchQuery, SearchResults};

use crate::infra::generation::Generation;

/// At most this many answers are kept. The largest (a service with its reviews, a search
/// page) are a few tens of kilobytes, so this stays within tens of megabytes.
const CAPACITY: usize = 2048;

/// A question to the catalog, as its answer is kept under.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Question {
    CategoryTree,
    Home,
    Category {
        slug: String,
        sort: ServiceSort,
        page: u32,
    },
    Service(i64),
    Seller(String),
    Search(SearchQuery),
    Reviews {
        service_id: i64,
        page: u32,
    },
}

struct Answer {
    /// The store's answer: the type the question's method returns.
    value: Box<dyn Any + Send + Sync>,
    /// The generation current before the read started.
    generation: u64,
    read: Instant,
}

/// A [`CatalogStore`] that keeps `store`'s answers while `generation` stands still, for
/// up to `time_to_live`. Zero keeps nothing.
pub struct CachedCatalog<S> {
    store: S,
    generation: Generation,
    time_to_live: Duration,
    answers: Option<Cache<Question, Arc<Answer>>>,
}

impl<S: CatalogStore> CachedCatalog<S> {
    pub fn new(store: S, generation: Generation, time_to_live: Duration) -> Self {
        CachedCatalog {
            store,
            generation,
            time_to_live,
            answers: (!time_to_live.is_zero()).then(|| Cache::new(CAPACITY)),
        }
    }

    /// The kept answer to `question` if it is current, or `read`'s, kept.
    async fn answer<T, F>(
        &self,
        question: Question,
        read: impl FnOnce() -> F,
    ) -> Result<T, StoreError>
    where
        T: Clone + Send + Sync + 'static,
        F: Future<Output = Result<T, StoreError>>,
    {
        let Some(answers) = &self.answers else {
            return read().await;
        };
        // Before the read: a change that lands while it runs moves the generation past
        // the one this answer is kept under.
        let generation = self.generation.current();
        if let Some(kept) = answers.get(&question) {
            if kept.generation == generation && kept.read.elapsed() < self.time_to_live {
                if let Some(value) = kept.value.downcast_ref::<T>() {
                    return Ok(value.clone());
                }
            }
        }
        let started = Instant::now();
        let value = read().await?;
        answers.insert(
            question,
            Arc::new(Answer {
                value: Box::new(value.clone()),
                generation,
                read: started,
            }),
        );
        Ok(value)
    }
}

#[async_trait]
impl<S: CatalogStore> CatalogStore for CachedCatalog<S> {
    async fn category_tree(&self) -> Result<Vec<CategoryTree>, StoreError> {
        self.answer(Question::CategoryTree, || self.store.category_tree())
            .await
    }

    async fn home(&self) -> Result<HomePage, StoreError> {
        self.answer(Question::Home, || self.store.home()).await
    }

    async fn category_page(
        &self,
        slug: &str,
        sort: ServiceSort,
        page: u32,
    ) -> Result<Option<CategoryPage>, StoreError> {
        let question = Question::Category {
            slug: slug.to_owned(),
            sort,
            page,
        };
        self.answer(question, || self.store.category_page(slug, sort, page))
            .await
    }

    async fn service(&self, id: i64) -> Result<Option<ServiceDetail>, StoreError> {
        self.answer(Question::Service(id), || self.store.service(id))
            .await
    }

    async fn seller(&self, username: &str) -> Result<Option<SellerProfile>, StoreError> {
        self.answer(Question::Seller(username.to_owned()), || {
            self.store.seller(username)
        })
        .await
    }

    async fn search(&self, query: &SearchQuery) -> Result<SearchResults, StoreError> {
        self.answer(Question::Search(query.clone()), || self.store.search(query))
            .await
    }

    async fn service_reviews(
        &self,
        service_id: i64,
        page: u32,
    ) -> Result<Option<ReviewPage>, StoreError> {
        let question = Question::Reviews { service_id, page };
        self.answer(question, || self.store.service_reviews(service_id, page))
            .await
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use shared::catalog::{CategoryRef, Page};

    use super::*;

    /// A store that counts its reads and answers with that count: an answer given again
    /// from the cache shows an older count.
    #[derive(Default)]
    struct Counting {
        reads: AtomicU32,
        fail: std::sync::atomic::AtomicBool,
    }

    impl Counting {
        fn read(&self) -> Result<u32, StoreError> {
            if self.fail.load(Ordering::Acquire) {
                return Err(StoreError {
                    incident: "test".to_owned(),
                });
            }
            Ok(self.reads.fetch_add(1, Ordering::AcqRel) + 1)
        }
    }

    fn tree(reads: u32) -> Vec<CategoryTree> {
        vec![CategoryTree {
            category: CategoryRef {
                id: i64::from(reads),
                slug: "design".to_owned(),
                name_ar: "تصميم".to_owned(),
                name_en: "Design".to_owned(),
            },
            icon: String::new(),
            children: Vec::new(),
        }]
    }

    fn home() -> HomePage {
        HomePage {
            categories: Vec::new(),
            newest: Vec::new(),
            top_rated: Vec::new(),
        }
    }

    #[async_trait]
    impl CatalogStore for Counting {
        async fn category_tree(&self) -> Result<Vec<CategoryTree>, StoreError> {
            self.read().map(tree)
        }
        async fn home(&self) -> Result<HomePage, StoreError> {
            self.read().map(|_| home())
        }
        async fn category_page(
            &self,
            _: &str,
            _: ServiceSort,
            _: u32,
        ) -> Result<Option<CategoryPage>, StoreError> {
            self.read().map(|_| None)
        }
        async fn service(&self, id: i64) -> Result<Option<ServiceDetail>, StoreError> {
            self.read()
                .map(|_| None::<ServiceDetail>.filter(|_| id > 0))
        }
        async fn seller(&self, _: &str) -> Result<Option<SellerProfile>, StoreError> {
            self.read().map(|_| None)
        }
        async fn search(&self, query: &SearchQuery) -> Result<SearchResults, StoreError> {
            self.read().map(|reads| SearchResults {
                query: query.clone(),
                services: Page {
                    items: Vec::new(),
                    page: query.page,
                    per_page: 1,
                    total: u64::from(reads),
                },
                capped: false,
            })
        }
        async fn service_reviews(&self, _: i64, _: u32) -> Result<Option<ReviewPage>, StoreError> {
            self.read().map(|_| None)
        }
    }

    fn cached(time_to_live: Duration) -> (CachedCatalog<Counting>, Generation) {
        let generation = Generation::default();
        let catalog = CachedCatalog::new(Counting::default(), generation.clone(), time_to_live);
        (catalog, generation)
    }

    fn reads(catalog: &CachedCatalog<Counting>) -> u32 {
        catalog.store.reads.load(Ordering::Acquire)
    }

    #[tokio::test]
    async fn an_answer_is_given_again_until_a_change() {
        let (catalog, generation) = cached(Duration::from_secs(60));
        let first = catalog.category_tree().await.unwrap();
        assert_eq!(catalog.category_tree().await.unwrap(), first);
        assert_eq!(reads(&catalog), 1);
        generation.advance();
        let after = catalog.category_tree().await.unwrap();
        assert_ne!(after, first, "a change must be read anew");
        assert_eq!(reads(&catalog), 2);
    }

    #[tokio::test]
    async fn each_question_has_its_own_answer() {
        let (catalog, _) = cached(Duration::from_secs(60));
        let mut query = SearchQuery {
            q: "شعار".to_owned(),
            page: 1,
            ..SearchQuery::default()
        };
        let first = catalog.search(&query).await.unwrap();
        query.page = 2;
        let second = catalog.search(&query).await.unwrap();
        assert_ne!(first.services.total, second.services.total);
        assert_eq!(second.query, query);
        query.page = 1;
        assert_eq!(
            catalog.search(&query).await.unwrap().services.total,
            first.services.total
        );
        catalog.service(1).await.unwrap();
        catalog.service(2).await.unwrap();
        catalog.service(1).await.unwrap();
        catalog.service_reviews(1, 1).await.unwrap();
        catalog.service_reviews(1, 2).await.unwrap();
        catalog
            .category_page("design", ServiceSort::Newest, 1)
            .await
            .unwrap();
        catalog
            .category_page("design", ServiceSort::TopRated, 1)
            .await
            .unwrap();
        catalog
            .category_page("design", ServiceSort::TopRated, 1)
            .await
            .unwrap();
        catalog.seller("a").await.unwrap();
        catalog.seller("b").await.unwrap();
        catalog.home().await.unwrap();
        catalog.home().await.unwrap();
        // Two searches, two services, two review pages, two category pages, two
        // sellers, one home page.
        assert_eq!(reads(&catalog), 11);
    }

    #[tokio::test]
    async fn answers_expire_and_zero_keeps_none() {
        let (catalog, _) = cached(Duration::from_millis(30));
        let first = catalog.category_tree().await.unwrap();
        tokio::time::sleep(Duration::from_millis(40)).await;
        assert_ne!(catalog.category_tree().await.unwrap(), first);

        let (catalog, _) = cached(Duration::ZERO);
        catalog.home().await.unwrap();
        catalog.home().await.unwrap();
        assert_eq!(reads(&catalog), 2);
    }

    #[tokio::test]
    async fn errors_are_not_kept() {
        let (catalog, _) = cached(Duration::from_secs(60));
        catalog.store.fail.store(true, Ordering::Release);
        assert!(catalog.home().await.is_err());
        assert!(catalog.home().await.is_err(), "a failure is read again");
        catalog.store.fail.store(false, Ordering::Release);
        assert!(catalog.home().await.is_ok());
        assert!(catalog.home().await.is_ok());
        assert_eq!(reads(&catalog), 1);
    }

    /// A change that lands while an answer is being read: that answer is not given again
    /// (it may hold the world before the change).
    #[tokio::test]
    async fn an_answer_read_across_a_change_is_not_kept_as_current() {
        let (catalog, generation) = cached(Duration::from_secs(60));
        let during = catalog
            .answer(Question::CategoryTree, || async {
                generation.advance();
                Ok(tree(100))
            })
            .await
            .unwrap();
        assert_eq!(during, tree(100));
        let again = catalog
            .answer(Question::CategoryTree, || async { Ok(tree(200)) })
            .await
            .unwrap();
        assert_eq!(again, tree(200));
    }
}
