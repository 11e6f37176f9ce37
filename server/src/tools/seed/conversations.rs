//! Demo conversations before an order, written through the real store on a clock that
//! walks through the last days: the demo seller has an inquiry waiting for an answer, the
//! demo buyer an answer they have not read yet.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use shared::error::DomainError;
use shared::orders::lifecycle::{DAY, HOUR};

use crate::infra::clock::Clock;
use crate::infra::db::Db;
use crate::messages::SqlMessages;

/// Who writes: the one who asked, or the seller.
#[derive(Clone, Copy)]
enum By {
    Asker,
    Seller,
}

/// (asker, service, seller, start, lines with the hours before each, read by both at
/// the end).
type Thread<'a> = (i64, i64, i64, i64, &'a [(By, &'a str, i64)], bool);

/// Seeds the demo conversations. `users` = (demo buyer, another buyer, demo seller);
/// `service` = a demo seller's service, `elsewhere` = (another seller's service, that
/// seller). Answers how many it wrote.
pub async fn seed_conversations(
    db: &Db,
    users: (i64, i64, i64),
    services: (i64, i64),
    elsewhere: Option<(i64, i64)>,
    now: i64,
) -> Result<usize, DomainError> {
    let (buyer, buyer2, seller) = users;
    let time = Arc::new(AtomicI64::new(now));
    let clock: Clock = {
        let time = time.clone();
        Arc::new(move || time.load(Ordering::SeqCst))
    };
    let messages = SqlMessages::new(db.clone(), clock);
    use By::*;
    let mut threads: Vec<Thread> = vec![
        // Answered, then a new question the demo seller has not read.
        (
            buyer,
            services.0,
            seller,
            now - 3 * DAY,
            &[
                (Asker, "السلام عليكم، هل يمكن أن يكون الشعار بالعربية والإنجليزية معًا؟", 0),
                (Seller, "وعليكم السلام، نعم بالتأكيد، وأسلّمك نسختين: أفقية ومربعة.", 2),
                (Asker, "ممتاز. وهل السعر يشمل ملف المصدر أم أطلب التطوير؟", 20),
            ],
            false,
        ),
        // A finished exchange with another buyer, read on both sides.
        (
            buyer2,
            services.1,
            seller,
            now - 6 * DAY,
            &[
                (Asker, "مرحبًا، أحتاج التصميم خلال يومين لمعرض تجاري، هل هذا ممكن؟", 0),
                (Seller, "أهلًا بك، نعم ممكن إذا أرسلت التفاصيل اليوم. اطلب الخدمة مع تطوير التسليم السريع.", 1),
                (Asker, "شكرًا لك، سأطلبها الآن.", 1),
            ],
            true,
        ),
    ];
    if let Some((service, other_seller)) = elsewhere {
        // The demo buyer asked another seller, whose answer is still unread.
        threads.push((
            buyer,
            service,
            other_seller,
            now - DAY,
            &[
                (Asker, "هل تستطيع العمل على متجر سلة أم ووكومرس فقط؟", 0),
                (
                    Seller,
                    "أعمل على الاثنين، وأرسل لك نموذجًا من أعمالي السابقة هنا في المحادثة.",
                    5,
                ),
            ],
            false,
        ));
    }
    let mut written = 0;
    for (asker, service, seller, start, lines, read_all) in threads {
        time.store(start, Ordering::SeqCst);
        let mut id = None;
        for &(by, text, hours) in lines {
            time.fetch_add(hours * HOUR, Ordering::SeqCst);
            match (by, id) {
                (Asker, None) => id = Some(messages.contact(asker, service, text).await?),
                (Asker, Some(c)) => messages.send(asker, c, text, &[]).await?,
                (Seller, Some(c)) => {
                    // The seller read the conversation before answering.
                    messages.conversation(seller, c).await?;
                    messages.send(seller, c, text, &[]).await?;
                }
                (Seller, None) => continue,
            }
            written += 1;
        }
        if let (Some(c), true) = (id, read_all) {
            messages.conversation(asker, c).await?;
            messages.conversation(seller, c).await?;
        }
    }
    Ok(written)
}
