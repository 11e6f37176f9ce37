//! Demo orders in every state, made through the real stores (checkout, the lifecycle's
//! actions, the jobs, withdrawals) on a clock that walks through the last weeks, so the
//! demo's ledger is exactly what real use would have written.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use shared::card::{CardInput, SANDBOX_CARD_OK};
use shared::cart::CartItem;
use shared::error::DomainError;
use shared::money::Money;
use shared::orders::lifecycle::{OrderAction, Ruling, DAY, HOUR};
use shared::orders::{ActionRequest, CheckoutRequest, CheckoutSource};
use shared::ports::{OrderStore, WalletStore};
use shared::reviews::ReviewRequest;
use shared::wallet::{PayoutMethod, WithdrawalRequest};

use crate::infra::clock::Clock;
use crate::infra::db::Db;
use crate::money::gateway::Sandbox;
use crate::money::payments::SqlPayments;
use crate::orders::{Actor, SqlOrders};

/// Demo clearance period (the default).
const CLEARANCE_SECS: i64 = 7 * DAY;

struct Demo {
    time: Arc<AtomicI64>,
    payments: SqlPayments,
    orders: SqlOrders,
    keys: u32,
}

/// One step of a demo order's story: who does what, `hours` after the previous step.
type Step = (Who, OrderAction, &'static str, i64);

#[derive(Clone, Copy)]
enum Who {
    Buyer,
    Seller,
    Admin,
    /// A message, not an action.
    SaysBuyer,
    SaysSeller,
}

impl Demo {
    fn at(&self, t: i64) {
        self.time.store(t, Ordering::SeqCst);
    }

    fn key(&mut self, what: &str) -> String {
        self.keys += 1;
        format!("demo-{what}-{:08}", self.keys)
    }

    async fn buy(&mut self, buyer: i64, service: (i64, i64)) -> Result<i64, DomainError> {
        let key = self.key("order");
        let receipt = self
            .payments
            .checkout(
                buyer,
                CheckoutRequest {
                    key,
                    source: CheckoutSource::Now(CartItem::new(
                        service.0,
                        &[],
                        1,
                        Money::from_cents(service.1),
                    )),
                    card: None,
                },
            )
            .await?;
        Ok(receipt.orders[0].id)
    }

    /// `who` writes about the order `hours` after the clock's last step.
    async fn review(
        &mut self,
        who: i64,
        order: i64,
        request: ReviewRequest,
        hours: i64,
    ) -> Result<(), DomainError> {
        let t = self.time.load(Ordering::SeqCst) + hours * HOUR;
        self.at(t);
        self.orders
            .review(
                Actor::User {
                    id: who,
                    admin: false,
                },
                order,
                request,
            )
            .await
    }

    async fn story(
        &mut self,
        (buyer, seller, admin): (i64, i64, i64),
        service: (i64, i64),
        start: i64,
        steps: &[Step],
    ) -> Result<i64, DomainError> {
        self.at(start);
        let id = self.buy(buyer, service).await?;
        let mut t = start;
        for &(who, action, note, hours) in steps {
            t += hours * HOUR;
            self.at(t);
            let actor = |id| Actor::User { id, admin: false };
            match who {
                Who::SaysBuyer => self.orders.message(actor(buyer), id, note, &[]).await?,
                Who::SaysSeller => self.orders.message(actor(seller), id, note, &[]).await?,
                Who::Buyer | Who::Seller | Who::Admin => {
                    let actor = match who {
                        Who::Buyer => actor(buyer),
                        Who::Seller => actor(seller),
                        _ => Actor::User {
                            id: admin,
                            admin: true,
                        },
                    };
                    let request = ActionRequest {
                        action,
                        note: note.to_owned(),
                        files: Vec::new(),
                    };
                    self.orders.act(actor, id, request).await?
                }
            }
        }
        Ok(id)
    }
}

fn rate(rating: u8, comment: &str) -> ReviewRequest {
    ReviewRequest::Rate {
        rating,
        comment: comment.to_owned(),
    }
}

fn reply(text: &str) -> ReviewRequest {
    ReviewRequest::Reply {
        text: text.to_owned(),
    }
}

const RATED_FIVE: &str = "تعامل راقٍ والتزام تام بالموعد، والتعديلات نُفّذت بسرعة ودقة. \
أنصح بالتعامل معه بشدة.";
const RATED_FOUR: &str =
    "التصميم جميل ومطابق للمطلوب، تأخر الرد على الرسائل قليلًا لكن النتيجة ممتازة.";
const REPLY: &str = "سعدت جدًا بالعمل على مشروعك، وأتمنى لمقهى الريف كل التوفيق!";

const BRIEF: &str = "اسم النشاط: مقهى الريف. الألوان المفضلة: الأخضر الزيتوني والبني. \
أرفقت صور المحل وشعارنا القديم للاستئناس.";
const DELIVERY: &str = "مرفق التصميم بصيغ PNG وSVG وPDF، مع نسخة للخلفيات الداكنة.";
const CHANGES: &str = "جميل جدًا! هل يمكن تكبير الخط العربي قليلًا وتجربة لون أغمق؟";
const THANKS: &str = "عمل رائع وسريع، شكرًا جزيلًا.";
/// The action slot of a message step, which takes no action.
const M: OrderAction = OrderAction::SendInstructions;

/// Seeds the demo orders. `users` = (demo buyer, another buyer, demo seller, admin).
pub async fn seed_orders(
    db: &Db,
    users: (i64, i64, i64, i64),
    services: &[(i64, i64)],
    now: i64,
) -> Result<usize, DomainError> {
    let (buyer, buyer2, seller, admin) = users;
    let time = Arc::new(AtomicI64::new(now - 30 * DAY));
    let clock: Clock = {
        let time = time.clone();
        Arc::new(move || time.load(Ordering::SeqCst))
    };
    let orders = SqlOrders::new(db.clone(), clock.clone(), CLEARANCE_SECS);
    let payments = SqlPayments::new(db.clone(), Arc::new(Sandbox), clock, orders.clone());
    let mut demo = Demo {
        time,
        payments,
        orders,
        keys: 0,
    };
    let card = CardInput {
        number: SANDBOX_CARD_OK.into(),
        expiry: "12/40".into(),
        cvc: "123".into(),
    };
    for who in [buyer, buyer2] {
        let key = demo.key("top-up");
        demo.payments
            .top_up(who, &key, Money::from_dollars(1000), &card)
            .await?;
    }
    let s = |i: usize| services[i % services.len()];
    let parties = (buyer, seller, admin);
    let others = (buyer2, seller, admin);
    use OrderAction as A;
    use Who::*;
    let delivered_and_accepted: &[Step] = &[
        (Buyer, A::SendInstructions, BRIEF, 2),
        (SaysSeller, M, "وصلت التعليمات، سأبدأ اليوم إن شاء الله.", 1),
        (Seller, A::Deliver, DELIVERY, 40),
        (Buyer, A::RequestChanges, CHANGES, 5),
        (Seller, A::Deliver, "عدّلت الخط واللون كما طلبت.", 10),
        (Buyer, A::Accept, THANKS, 3),
    ];
    let mut made = 0;
    // Completed weeks ago: cleared into the seller's available balance, rated, and one
    // review answered by the seller.
    let first = demo
        .story(parties, s(0), now - 28 * DAY, delivered_and_accepted)
        .await?;
    demo.review(buyer, first, rate(5, RATED_FIVE), 6).await?;
    demo.review(seller, first, reply(REPLY), 4).await?;
    let second = demo
        .story(others, s(1), now - 25 * DAY, delivered_and_accepted)
        .await?;
    demo.review(buyer2, second, rate(4, RATED_FOUR), 20).await?;
    // Completed days ago: still pending, with its clearance date.
    demo.story(parties, s(2), now - 5 * DAY, delivered_and_accepted)
        .await?;
    // Awaiting instructions.
    demo.story(parties, s(3), now - 6 * HOUR, &[]).await?;
    // In progress, on time, with a conversation.
    demo.story(
        parties,
        s(4),
        now - 30 * HOUR,
        &[
            (Buyer, A::SendInstructions, BRIEF, 1),
            (SaysSeller, M, "هل تفضّل أن يكون الشعار أفقيًا أم مربعًا؟", 3),
            (SaysBuyer, M, "أفقيًا من فضلك، ليناسب لافتة المحل.", 2),
        ],
    )
    .await?;
    // In progress and late: the buyer may cancel alone.
    demo.story(
        others,
        s(5),
        now - 12 * DAY,
        &[(Buyer, A::SendInstructions, BRIEF, 2)],
    )
    .await?;
    // Delivered, waiting for the buyer (auto-accepted in 3 days otherwise).
    demo.story(
        parties,
        s(6),
        now - 2 * DAY,
        &[
            (Buyer, A::SendInstructions, BRIEF, 1),
            (Seller, A::Deliver, DELIVERY, 20),
        ],
    )
    .await?;
    // The seller asked to cancel; the buyer has not answered yet.
    demo.story(
        parties,
        s(7),
        now - 2 * DAY,
        &[
            (Buyer, A::SendInstructions, BRIEF, 1),
            (
                Seller,
                A::AskCancel,
                "أعتذر، لدي ظرف طارئ ولن أتمكن من التسليم في الموعد.",
                20,
            ),
        ],
    )
    .await?;
    // Cancelled by agreement.
    demo.story(
        others,
        s(8),
        now - 9 * DAY,
        &[
            (Buyer, A::AskCancel, "غيّرت خطتي ولم أعد أحتاج الخدمة.", 3),
            (Seller, A::AnswerCancel { agree: true }, "", 4),
        ],
    )
    .await?;
    // An open dispute for the admin.
    demo.story(
        parties,
        s(9),
        now - 4 * DAY,
        &[
            (Buyer, A::SendInstructions, BRIEF, 1),
            (Seller, A::Deliver, "التسليم النهائي.", 30),
            (
                Buyer,
                A::Report,
                "التصميم لا يطابق الوصف، واستُخدم قالب جاهز.",
                6,
            ),
        ],
    )
    .await?;
    // A dispute the admin split.
    demo.story(
        others,
        s(10),
        now - 15 * DAY,
        &[
            (Buyer, A::SendInstructions, BRIEF, 1),
            (Seller, A::Deliver, "سلّمت نصف الصفحات المتفق عليها.", 48),
            (Buyer, A::Report, "لم تصل إلا نصف الصفحات.", 4),
            (
                Admin,
                A::Rule(Ruling::Split {
                    buyer: Money::from_cents(s(10).1 / 2),
                }),
                "سُلّم نصف العمل؛ يُعاد نصف المبلغ للمشتري.",
                20,
            ),
        ],
    )
    .await?;
    made += 11;
    // Time catches up: the jobs clear what is due, then the seller withdraws.
    demo.at(now);
    demo.orders.run_jobs().await.map_err(DomainError::Store)?;
    let paypal = |amount: &str| WithdrawalRequest {
        amount: amount.into(),
        method: PayoutMethod::PayPal {
            email: "ahmad.designs@example.com".into(),
        },
    };
    demo.at(now - 2 * HOUR);
    if let Ok(wallet) = demo.payments.request_withdrawal(seller, paypal("10")).await {
        if let Some(w) = wallet.withdrawals.first() {
            demo.payments.decide_withdrawal(w.id, true, "").await?;
        }
    }
    demo.at(now - HOUR);
    demo.payments
        .request_withdrawal(seller, paypal("10"))
        .await
        .ok();
    Ok(made)
}
