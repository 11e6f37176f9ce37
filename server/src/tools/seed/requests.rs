//! Demo buyer requests, through the real stores on a clock that walks through the last
//! days: open requests with and without offers, one ordered through the checkout (so the
//! other seller sees it closed), and one waiting in the moderation queue.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use shared::error::DomainError;
use shared::orders::lifecycle::{DAY, HOUR};
use shared::orders::{CheckoutRequest, CheckoutSource};
use shared::ports::OrderStore;
use shared::requests::{OfferDraft, RequestDraft};

use crate::infra::clock::Clock;
use crate::infra::db::{Db, OrIncident};
use crate::money::gateway::Sandbox;
use crate::money::payments::SqlPayments;
use crate::orders::SqlOrders;
use crate::requests::SqlRequests;

fn draft(
    title: &str,
    description: &str,
    category: i64,
    budget: (u32, u32),
    days: u32,
) -> RequestDraft {
    RequestDraft {
        title: title.into(),
        description: description.into(),
        category_id: category,
        budget_min: budget.0.to_string(),
        budget_max: budget.1.to_string(),
        delivery_days: days.to_string(),
    }
}

fn offer(service: i64, price: &str, days: &str, note: &str) -> OfferDraft {
    OfferDraft {
        service_id: service,
        price: price.into(),
        delivery_days: days.into(),
        note: note.into(),
    }
}

/// Seeds the demo requests. `users` = (demo buyer, another buyer, demo seller);
/// `services` = two of the demo seller's; `elsewhere` = another seller's service and id.
pub async fn seed_requests(
    db: &Db,
    users: (i64, i64, i64),
    services: (i64, i64),
    elsewhere: Option<(i64, i64)>,
    now: i64,
) -> Result<usize, DomainError> {
    let (buyer, buyer2, seller) = users;
    let time = Arc::new(AtomicI64::new(now - 6 * DAY));
    let clock: Clock = {
        let time = time.clone();
        Arc::new(move || time.load(Ordering::SeqCst))
    };
    let at = |t: i64| time.store(t, Ordering::SeqCst);
    let requests = SqlRequests::new(db.clone(), clock.clone());
    let orders = SqlOrders::new(db.clone(), clock.clone(), 7 * DAY);
    let payments = SqlPayments::new(db.clone(), Arc::new(Sandbox), clock, orders);
    let category = |slug: &'static str| async move {
        sqlx::query_scalar::<_, i64>(
            "SELECT id FROM categories WHERE slug = $1 OR parent_id IS NOT NULL \
             ORDER BY CASE WHEN slug = $1 THEN 0 ELSE 1 END, id LIMIT 1",
        )
        .bind(slug)
        .fetch_one(db.pool())
        .await
        .or_incident("demo request category")
    };
    // Ordered five days ago from the demo seller: the other seller's offer closed.
    at(now - 6 * DAY);
    let articles = requests
        .post(
            buyer2,
            draft(
                "كتابة عشر مقالات عن السياحة في الأردن",
                "أحتاج عشر مقالات بين 700 و900 كلمة عن البتراء ووادي رم والبحر الميت وعجلون، بأسلوب قريب من القارئ ومتوافقة مع محركات البحث، مع عنوان ووصف لكل مقالة.",
                category("content-writing").await?,
                (60, 120),
                10,
            ),
        )
        .await?;
    requests.decide(articles, true, "").await?;
    at(now - 6 * DAY + 3 * HOUR);
    requests
        .offer(
            seller,
            articles,
            offer(
                services.1,
                "100",
                "8",
                "كتبت عشرات المقالات السياحية، وأرسل لك مخططًا للمقالات العشر قبل البدء لتعتمده.",
            ),
        )
        .await?;
    if let Some((service, other)) = elsewhere {
        at(now - 6 * DAY + 5 * HOUR);
        requests
            .offer(
                other,
                articles,
                offer(
                    service,
                    "90",
                    "10",
                    "أقدّم لك المقالات العشر بلغة سلسة مع صور مقترحة حرة الحقوق لكل مقالة.",
                ),
            )
            .await?;
    }
    at(now - 5 * DAY);
    let chosen = sqlx::query_scalar::<_, i64>(
        "SELECT id FROM request_offers WHERE request_id = $1 AND seller_id = $2",
    )
    .bind(articles)
    .bind(seller)
    .fetch_one(db.pool())
    .await
    .or_incident("demo offer")?;
    payments
        .checkout(
            buyer2,
            CheckoutRequest {
                key: "demo-request-offer-00000001".into(),
                source: CheckoutSource::Offer { id: chosen },
                card: None,
            },
        )
        .await?;
    // Open for two days, with two offers waiting for the demo buyer.
    at(now - 2 * DAY);
    let identity = requests
        .post(
            buyer,
            draft(
                "هوية بصرية كاملة لمخبز منزلي",
                "مخبز منزلي في جدة اسمه «خبز الدار»، أحتاج شعارًا بالعربية والإنجليزية وألوانًا وخطوطًا وتصميم ملصق للعلب وبطاقة عمل، مع ملف يشرح استخدام الهوية.",
                category("brand-identity").await?,
                (50, 150),
                7,
            ),
        )
        .await?;
    requests.decide(identity, true, "").await?;
    at(now - 2 * DAY + 4 * HOUR);
    requests
        .offer(seller, identity, offer(services.0, "120", "6", "صممت هويات لعدة مخابز ومقاهٍ، وأبدأ بثلاثة مقترحات للشعار ثم نكمل بقية العناصر على المقترح الذي تختاره."))
        .await?;
    if let Some((service, other)) = elsewhere {
        at(now - DAY);
        requests
            .offer(
                other,
                identity,
                offer(
                    service,
                    "80",
                    "7",
                    "أستطيع تنفيذ الهوية كاملة بسعر مناسب، مع تعديلات حتى ترضى عن النتيجة.",
                ),
            )
            .await?;
    }
    // Open since yesterday, no offer yet.
    at(now - DAY);
    let translation = requests
        .post(
            buyer,
            draft(
                "ترجمة كتيب تعريفي من الإنجليزية إلى العربية",
                "كتيب من 12 صفحة (نحو 3000 كلمة) يعرّف بشركة تقنية ناشئة، أريد ترجمة عربية طبيعية غير حرفية مع الحفاظ على المصطلحات التقنية الشائعة.",
                category("translation").await?,
                (25, 60),
                5,
            ),
        )
        .await?;
    requests.decide(translation, true, "").await?;
    // Waiting for the admin.
    at(now - 3 * HOUR);
    requests
        .post(
            buyer2,
            draft(
                "قالب عرض تقديمي لشركة ناشئة",
                "أحتاج قالب عرض تقديمي من 15 شريحة بألوان الشركة، مناسب لعرض على المستثمرين، بصيغة PowerPoint وGoogle Slides.",
                category("print-design").await?,
                (30, 80),
                4,
            ),
        )
        .await?;
    Ok(4)
}
