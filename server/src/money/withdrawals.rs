//! Withdrawals: a seller moves available money to a hold and asks to be paid; an admin
//! pays it (hold → payouts) or rejects it with a reason (hold → available). Each step is
//! one transaction with its ledger posting; each decision is claimed with a conditional
//! UPDATE, so two admins clicking at once decide it once.

use shared::error::{DomainError, Refusal, StoreError};
use shared::money::Money;
use shared::notifications::NoticeKind;
use shared::wallet::{check_withdrawal, TxKind, Withdrawal, WithdrawalRequest, WithdrawalStatus};

use crate::infra::db::{incident, Db, OrIncident};
use crate::money::ledger::{self, About, Account, LedgerError};

/// Withdrawals listed on a wallet and in the admin's queue.
const LISTED: i64 = 100;

/// Moves the amount from `user`'s available balance to a withdrawal hold.
pub async fn request(
    db: &Db,
    user: i64,
    request: &WithdrawalRequest,
    now: i64,
) -> Result<i64, DomainError> {
    let (amount, method) = check_withdrawal(request).map_err(DomainError::Invalid)?;
    let cents = amount.to_cents().or_incident("withdrawal amount")?;
    let mut tx = db.begin_write().await.or_incident("withdrawal")?;
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO withdrawals (user_id, amount_cents, method, destination, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(user)
    .bind(cents)
    .bind(method.kind())
    .bind(method.destination())
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .or_incident("withdrawal insert")?;
    match ledger::post(
        &mut tx,
        TxKind::Withdrawal,
        About::Withdrawal(id),
        now,
        &[
            (Account::Available(user), -cents),
            (Account::WithdrawalHold(user), cents),
        ],
    )
    .await
    {
        Ok(_) => {}
        Err(LedgerError::InsufficientFunds) => return Err(Refusal::WithdrawalInsufficient.into()),
        Err(e) => return Err(incident("withdrawal hold", e).into()),
    }
    tx.commit().await.or_incident("withdrawal commit")?;
    Ok(id)
}

/// Pays (`paid`) or rejects a requested withdrawal. A rejection needs a reason.
pub async fn decide(
    db: &Db,
    id: i64,
    paid: bool,
    reason: &str,
    now: i64,
) -> Result<(), DomainError> {
    let reason = reason.trim();
    if !paid && reason.is_empty() {
        return Err(DomainError::field("reason", "order-note-required"));
    }
    let mut tx = db.begin_write().await.or_incident("withdrawal decision")?;
    let Some((user, cents)) = sqlx::query_as::<_, (i64, i64)>(
        "SELECT user_id, amount_cents FROM withdrawals WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await
    .or_incident("withdrawal")?
    else {
        return Err(DomainError::NotFound);
    };
    let status = if paid {
        WithdrawalStatus::Paid
    } else {
        WithdrawalStatus::Rejected
    };
    let claimed = sqlx::query(
        "UPDATE withdrawals SET status = $1, reason = $2, decided_at = $3 \
         WHERE id = $4 AND status = 'requested'",
    )
    .bind(status.as_str())
    .bind(reason)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await
    .or_incident("withdrawal claim")?
    .rows_affected();
    if claimed == 0 {
        return Err(Refusal::WithdrawalDecided.into());
    }
    let told = if paid {
        NoticeKind::WithdrawalPaid
    } else {
        NoticeKind::WithdrawalRejected
    };
    crate::notifications::notify(db.live(), &mut tx, user, told, Default::default(), now).await?;
    let to = if paid {
        Account::Payouts
    } else {
        Account::Available(user)
    };
    ledger::post(
        &mut tx,
        TxKind::Withdrawal,
        About::Withdrawal(id),
        now,
        &[(Account::WithdrawalHold(user), -cents), (to, cents)],
    )
    .await
    .map_err(|e| incident("withdrawal decision posting", e))?;
    tx.commit()
        .await
        .or_incident("withdrawal decision commit")?;
    Ok(())
}

/// A user's withdrawals (`Some(user)`), or every requested one for the admin (`None`).
pub async fn list(db: &Db, user: Option<i64>) -> Result<Vec<Withdrawal>, StoreError> {
    let filter = match user {
        Some(_) => "w.user_id = $1",
        None => "w.status = 'requested'",
    };
    let sql = format!(
        "SELECT w.id, u.display_name, w.amount_cents, w.method, w.destination, w.status, \
         w.reason, w.created_at FROM withdrawals w JOIN users u ON u.id = w.user_id \
         WHERE {filter} ORDER BY w.id DESC LIMIT {LISTED}"
    );
    let mut query =
        sqlx::query_as::<_, (i64, String, i64, String, String, String, String, i64)>(&sql);
    if let Some(user) = user {
        query = query.bind(user);
    }
    Ok(query
        .fetch_all(db.pool())
        .await
        .or_incident("withdrawals")?
        .into_iter()
        .map(
            |(id, user_name, cents, method, destination, status, reason, created_at)| Withdrawal {
                id,
                user_name,
                amount: Money::from_cents(cents),
                method,
                destination,
                status: WithdrawalStatus::parse(&status).unwrap_or(WithdrawalStatus::Requested),
                reason,
                created_at,
            },
        )
        .collect())
}
