//! The double-entry ledger: accounts with balances in integer cents, transactions whose
//! entries sum to zero, and the invariants every test (and the checkout benchmark) checks.
//!
//! Every posting happens inside the caller's database transaction, so a money movement
//! and whatever it pays for (orders, a top-up record) commit together or not at all.

use shared::wallet::TxKind;
use sqlx::{Any, Transaction};

use crate::infra::db::Db;

/// One account of the ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Account {
    /// A user's spendable money.
    Available(i64),
    /// A seller's earnings not yet cleared.
    Pending(i64),
    /// A user's money on its way out: a withdrawal an admin has not yet paid or rejected.
    WithdrawalHold(i64),
    /// What a buyer paid for one order, held until it completes or is cancelled.
    Escrow(i64),
    PlatformRevenue,
    /// Money from outside (card payments); the only account that runs negative.
    Gateway,
    /// Money that left to sellers' PayPal or bank accounts.
    Payouts,
}

/// What a ledger transaction is about, recorded on it for the wallet's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum About {
    Nothing,
    Order(i64),
    Withdrawal(i64),
}

impl Account {
    /// The (user, order) the account belongs to, for the row that creates it.
    fn owner(self) -> (Option<i64>, Option<i64>) {
        match self {
            Account::Available(u) | Account::Pending(u) | Account::WithdrawalHold(u) => {
                (Some(u), None)
            }
            Account::Escrow(o) => (None, Some(o)),
            Account::PlatformRevenue | Account::Gateway | Account::Payouts => (None, None),
        }
    }

    /// `columns` of this account's row, found through its unique index: a user's by
    /// (user_id, kind), an order's by order_id, the platform's by kind alone. (Comparing
    /// `COALESCE(user_id, 0)` would read every row.) `$1` is the kind, `$2` the owner.
    fn lookup(self, columns: &str) -> String {
        let filter = match self {
            Account::Available(_) | Account::Pending(_) | Account::WithdrawalHold(_) => {
                "user_id = $2 AND kind = $1"
            }
            Account::Escrow(_) => "order_id = $2 AND kind = $1",
            Account::PlatformRevenue | Account::Gateway | Account::Payouts => {
                "kind = $1 AND user_id IS NULL AND order_id IS NULL"
            }
        };
        format!("SELECT {columns} FROM ledger_accounts WHERE {filter}")
    }

    fn owner_id(self) -> Option<i64> {
        let (user, order) = self.owner();
        user.or(order)
    }

    fn kind(self) -> &'static str {
        match self {
            Account::Available(_) => "available",
            Account::Pending(_) => "pending",
            Account::WithdrawalHold(_) => "withdrawal_hold",
            Account::Escrow(_) => "escrow",
            Account::PlatformRevenue => "platform_revenue",
            Account::Gateway => "gateway",
            Account::Payouts => "payouts",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// A debit would take an account below zero; nothing was written.
    #[error("insufficient funds")]
    InsufficientFunds,
    #[error("unbalanced transaction: entries sum to {0} cents")]
    Unbalanced(i64),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
}

/// Runs `account`'s lookup query for one column.
fn find<'q>(
    sql: &'q str,
    account: Account,
) -> sqlx::query::QueryScalar<'q, sqlx::Any, i64, sqlx::any::AnyArguments<'q>> {
    let query = sqlx::query_scalar::<_, i64>(sql).bind(account.kind());
    match account.owner_id() {
        Some(owner) => query.bind(owner),
        None => query,
    }
}

/// Adds `cents` (negative: takes) to `account` and returns its id, one statement when the
/// account exists. A debit is conditional (`balance_cents + cents >= 0`, except for the
/// gateway, money from outside), so concurrent debits can never overdraw: `None` when it
/// would. An account is created the first time money goes into it; `new` says it almost
/// surely does not exist yet (an order's escrow at its purchase), so it is inserted first.
async fn move_money(
    tx: &mut Transaction<'_, Any>,
    account: Account,
    cents: i64,
    new: bool,
) -> Result<Option<i64>, sqlx::Error> {
    if new {
        if let Some(id) = open_with(tx, account, cents).await? {
            return Ok(Some(id));
        }
    }
    let debit = cents < 0 && account != Account::Gateway;
    let sql = move_sql(account, debit);
    if let Some(id) = find(&sql, account)
        .bind(cents)
        .fetch_optional(&mut **tx)
        .await?
    {
        return Ok(Some(id));
    }
    // No row changed: a debit of an account too low (or never used), or a first credit.
    if debit {
        return Ok(None);
    }
    if let Some(id) = open_with(tx, account, cents).await? {
        return Ok(Some(id));
    }
    // Two first uses at once: the unique indexes kept the other one's row, which this
    // statement (a new snapshot) now sees.
    find(&sql, account)
        .bind(cents)
        .fetch_optional(&mut **tx)
        .await
}

/// The UPDATE that adds its last bind to `account`'s balance and returns the account's
/// id; for a `debit`, only if the balance stays at zero or above.
fn move_sql(account: Account, debit: bool) -> String {
    let amount = if account.owner_id().is_some() {
        "$3"
    } else {
        "$2"
    };
    let guard = if debit {
        format!(" AND balance_cents + {amount} >= 0")
    } else {
        String::new()
    };
    let lookup = account.lookup("id");
    let filter = lookup
        .split_once(" WHERE ")
        .map_or("", |(_, filter)| filter);
    format!(
        "UPDATE ledger_accounts SET balance_cents = balance_cents + {amount} \
         WHERE {filter}{guard} RETURNING id"
    )
}

/// Creates `account` holding `cents`; `None` if it exists already.
async fn open_with(
    tx: &mut Transaction<'_, Any>,
    account: Account,
    cents: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let (user, order) = account.owner();
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO ledger_accounts (kind, user_id, order_id, balance_cents) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(account.kind())
    .bind(user)
    .bind(order)
    .bind(cents)
    .fetch_optional(&mut **tx)
    .await
}

/// Posts one balanced transaction: `entries` are (account, signed cents), + adds to the
/// account. Each debit is one conditional UPDATE that changes no row when the balance
/// would go negative, so concurrent debits can never overdraw.
pub async fn post(
    tx: &mut Transaction<'_, Any>,
    kind: TxKind,
    about: About,
    at: i64,
    entries: &[(Account, i64)],
) -> Result<i64, LedgerError> {
    let (order_id, withdrawal_id) = match about {
        About::Nothing => (None, None),
        About::Order(id) => (Some(id), None),
        About::Withdrawal(id) => (None, Some(id)),
    };
    let sum: i64 = entries.iter().map(|(_, c)| c).sum();
    if sum != 0 {
        return Err(LedgerError::Unbalanced(sum));
    }
    let tx_id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO ledger_transactions (kind, order_id, withdrawal_id, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(kind.as_str())
    .bind(order_id)
    .bind(withdrawal_id)
    .bind(at)
    .fetch_one(&mut **tx)
    .await?;
    let mut moved = Vec::with_capacity(entries.len());
    for &(account, cents) in entries.iter().filter(|(_, c)| *c != 0) {
        let new = kind == TxKind::Purchase && matches!(account, Account::Escrow(_));
        match move_money(tx, account, cents, new).await? {
            Some(id) => moved.push((id, cents)),
            None => return Err(LedgerError::InsufficientFunds),
        }
    }
    // Every entry in one statement: ($1 is the transaction, then account and cents).
    let rows: Vec<String> = (0..moved.len())
        .map(|i| format!("($1, ${}, ${})", 2 * i + 2, 2 * i + 3))
        .collect();
    let sql = format!(
        "INSERT INTO ledger_entries (transaction_id, account_id, amount_cents) VALUES {}",
        rows.join(", ")
    );
    let mut insert = sqlx::query(&sql).bind(tx_id);
    for (id, cents) in &moved {
        insert = insert.bind(*id).bind(*cents);
    }
    if !moved.is_empty() {
        insert.execute(&mut **tx).await?;
    }
    Ok(tx_id)
}

/// An account's balance in cents (zero if it was never used).
pub async fn balance(db: &Db, account: Account) -> Result<i64, sqlx::Error> {
    let sql = account.lookup("balance_cents");
    Ok(find(&sql, account)
        .fetch_optional(db.pool())
        .await?
        .unwrap_or(0))
}

/// The queries money moves through, each with example arguments: the tests show that
/// every one is answered from an index (`EXPLAIN`), whatever the tables hold.
pub fn hot_queries() -> Vec<(String, Vec<i64>)> {
    let accounts = [Account::Available(1), Account::Escrow(1), Account::Gateway];
    let mut queries: Vec<(String, Vec<i64>)> = Vec::new();
    for a in accounts {
        let owner: Vec<i64> = a.owner_id().into_iter().collect();
        queries.push((a.lookup("id, balance_cents"), owner.clone()));
        for debit in [false, true] {
            queries.push((move_sql(a, debit), [owner.clone(), vec![-1]].concat()));
        }
    }
    // The kind is bound as text; EXPLAIN gets it inline, and the binds after it move up.
    for ((sql, _), a) in queries.iter_mut().zip(accounts.iter().flat_map(|a| [a; 3])) {
        *sql = sql
            .replace("$1", &format!("'{}'", a.kind()))
            .replace("$2", "$1")
            .replace("$3", "$2");
    }
    queries.extend(
        [
            "SELECT amount_cents FROM gateway_charges \
             WHERE user_id = $1 AND idem_key = 'k' AND status = 'succeeded'",
            "SELECT id, fingerprint FROM checkouts WHERE buyer_id = $1 AND idem_key = 'k'",
            "SELECT id, service_id, upgrade_ids, quantity, unit_price_cents FROM cart_items \
             WHERE user_id = $1 ORDER BY id",
            "SELECT t.id, t.created_at, t.kind, a.kind, e.amount_cents, t.order_id \
             FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id \
             JOIN ledger_transactions t ON t.id = e.transaction_id \
             WHERE a.user_id = $1 ORDER BY t.id DESC, e.id DESC LIMIT 200",
            "SELECT hits FROM throttle WHERE scope = 'login:x'",
            "SELECT user_id FROM login_clients WHERE user_id = $1 AND client = '127.0.0.1'",
        ]
        .into_iter()
        .map(|sql| (sql.to_owned(), vec![1])),
    );
    queries.push((
        crate::money::payments::BEFORE_PAYING
            .replace("$2", "'k'")
            .replace("$3", "'checkout:k'"),
        vec![1],
    ));
    for q in &mut queries {
        if !q.0.contains("$1") {
            q.1.clear();
        }
    }
    queries
}

/// Checks every ledger invariant; returns what broke, or nothing.
pub async fn broken_invariants(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let checks: [(&str, &str); 12] = [
        (
            "transactions whose entries do not sum to zero",
            "SELECT transaction_id FROM ledger_entries GROUP BY transaction_id \
             HAVING SUM(amount_cents) <> 0",
        ),
        (
            "accounts whose balance is not the sum of their entries",
            "SELECT a.id FROM ledger_accounts a LEFT JOIN \
             (SELECT account_id, SUM(amount_cents) AS total FROM ledger_entries GROUP BY account_id) e \
             ON e.account_id = a.id WHERE a.balance_cents <> COALESCE(e.total, 0)",
        ),
        (
            "accounts other than the gateway below zero",
            "SELECT id FROM ledger_accounts WHERE kind <> 'gateway' AND balance_cents < 0",
        ),
        (
            "open orders whose escrow is not their price",
            "SELECT o.id FROM orders o LEFT JOIN ledger_accounts a \
             ON a.order_id = o.id AND a.kind = 'escrow' \
             WHERE o.status NOT IN ('completed', 'cancelled') \
             AND COALESCE(a.balance_cents, 0) <> o.total_cents",
        ),
        (
            "closed orders with money left in escrow",
            "SELECT o.id FROM orders o JOIN ledger_accounts a \
             ON a.order_id = o.id AND a.kind = 'escrow' \
             WHERE o.status IN ('completed', 'cancelled') AND a.balance_cents <> 0",
        ),
        (
            "checkouts whose orders do not add up to what was paid",
            "SELECT c.id FROM checkouts c LEFT JOIN \
             (SELECT checkout_id, SUM(total_cents) AS total FROM orders GROUP BY checkout_id) o \
             ON o.checkout_id = c.id WHERE COALESCE(o.total, 0) <> c.total_cents",
        ),
        (
            "orders whose seller was paid more than once",
            "SELECT order_id FROM ledger_transactions WHERE kind = 'earnings' \
             GROUP BY order_id HAVING COUNT(*) > 1",
        ),
        (
            "sellers whose pending balance is not their uncleared earnings",
            "SELECT a.user_id FROM ledger_accounts a LEFT JOIN \
             (SELECT seller_id, SUM(amount_cents) AS total FROM clearances \
              WHERE cleared_at IS NULL GROUP BY seller_id) c ON c.seller_id = a.user_id \
             WHERE a.kind = 'pending' AND a.balance_cents <> COALESCE(c.total, 0)",
        ),
        (
            "users whose withdrawal hold is not their requested withdrawals",
            "SELECT a.user_id FROM ledger_accounts a LEFT JOIN \
             (SELECT user_id, SUM(amount_cents) AS total FROM withdrawals \
              WHERE status = 'requested' GROUP BY user_id) w ON w.user_id = a.user_id \
             WHERE a.kind = 'withdrawal_hold' AND a.balance_cents <> COALESCE(w.total, 0)",
        ),
        (
            "cancelled orders not refunded in full",
            "SELECT id FROM orders WHERE status = 'cancelled' AND refunded_cents <> total_cents",
        ),
        (
            "sellers whose completed-order count is not their completed orders",
            "SELECT u.id FROM users u LEFT JOIN \
             (SELECT seller_id, COUNT(*) AS n FROM orders WHERE status = 'completed' \
              GROUP BY seller_id) o ON o.seller_id = u.id \
             WHERE u.completed_orders <> COALESCE(o.n, 0)",
        ),
        (
            "completed orders whose seller was not paid",
            "SELECT o.id FROM orders o WHERE o.status = 'completed' AND NOT EXISTS \
             (SELECT 1 FROM ledger_transactions t WHERE t.order_id = o.id AND t.kind = 'earnings')",
        ),
    ];
    let mut broken = Vec::new();
    for (what, sql) in checks {
        let ids = sqlx::query_scalar::<_, i64>(sql)
            .fetch_all(db.pool())
            .await?;
        if !ids.is_empty() {
            broken.push(format!("{what}: {ids:?}"));
        }
    }
    let total: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(balance_cents), 0) AS BIGINT) FROM ledger_accounts",
    )
    .fetch_one(db.pool())
    .await?;
    if total != 0 {
        broken.push(format!("the accounts sum to {total} cents, not 0"));
    }
    let charged: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) FROM gateway_charges \
         WHERE status = 'succeeded'",
    )
    .fetch_one(db.pool())
    .await?;
    let gateway = balance(db, Account::Gateway).await?;
    if charged != -gateway {
        broken.push(format!(
            "cards were charged {charged} cents but the gateway account is {gateway}"
        ));
    }
    let paid_out: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) FROM withdrawals \
         WHERE status = 'paid'",
    )
    .fetch_one(db.pool())
    .await?;
    let payouts = balance(db, Account::Payouts).await?;
    if paid_out != payouts {
        broken.push(format!(
            "withdrawals paid add up to {paid_out} cents but the payouts account is {payouts}"
        ));
    }
    // The platform earns exactly its commission on each seller's part (the total less what
    // went back to the buyer), and the seller the rest.
    let earned = sqlx::query_as::<_, (i64, i64, i64, i64)>(
        "SELECT o.id, o.total_cents - o.refunded_cents, \
         CAST(SUM(CASE WHEN a.kind = 'platform_revenue' THEN e.amount_cents ELSE 0 END) AS BIGINT), \
         CAST(SUM(CASE WHEN a.kind = 'pending' THEN e.amount_cents ELSE 0 END) AS BIGINT) \
         FROM orders o JOIN ledger_transactions t ON t.order_id = o.id AND t.kind = 'earnings' \
         JOIN ledger_entries e ON e.transaction_id = t.id \
         JOIN ledger_accounts a ON a.id = e.account_id \
         GROUP BY o.id, o.total_cents, o.refunded_cents",
    )
    .fetch_all(db.pool())
    .await?;
    for (order, gross, platform, seller) in earned {
        let expected = shared::orders::lifecycle::Settlement::new(
            shared::money::Money::from_cents(gross),
            shared::money::Money::from_cents(gross),
        );
        let commission = expected.commission.to_cents().unwrap_or(-1);
        if platform != commission || seller != gross - commission {
            broken.push(format!(
                "order {order}: the platform took {platform} and the seller {seller} of {gross} \
                 cents (expected {commission} and {})",
                gross - commission
            ));
        }
    }
    Ok(broken)
}
