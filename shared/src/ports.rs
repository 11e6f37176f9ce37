//! Interfaces the server implements and `app`'s server functions call (server side only).

use async_trait::async_trait;

use crate::account::{Profile, SessionUser, SignUp};
use crate::card::CardInput;
use crate::cart::{CartItem, CartView};
use crate::error::{DomainError, StoreError};

use crate::catalog::{
    CategoryPage, CategoryTree, HomePage, SellerProfile, ServiceCard, ServiceDetail, ServiceSort,
};
use crate::money::Money;
use crate::orders::{ActionRequest, CheckoutRequest, OrderDetail, OrderRow, Receipt};
use crate::search::{SearchQuery, SearchResults};
use crate::selling::{EditableService, MyService, ReviewItem, UserRow};
use crate::service_form::ServiceDraft;
use crate::wallet::{Wallet, Withdrawal, WithdrawalRequest};

/// Read side of the catalog: published services of active sellers only.
#[async_trait]
pub trait CatalogStore: Send + Sync + 'static {
    async fn category_tree(&self) -> Result<Vec<CategoryTree>, StoreError>;
    async fn home(&self) -> Result<HomePage, StoreError>;
    /// `None` when no category has that slug.
    async fn category_page(
        &self,
        slug: &str,
        sort: ServiceSort,
        page: u32,
    ) -> Result<Option<CategoryPage>, StoreError>;
    /// `None` when the service does not exist or is not published.
    async fn service(&self, id: i64) -> Result<Option<ServiceDetail>, StoreError>;
    /// `None` when no active seller has that username.
    async fn seller(&self, username: &str) -> Result<Option<SellerProfile>, StoreError>;
    async fn search(&self, query: &SearchQuery) -> Result<SearchResults, StoreError>;
    /// A page of a published service's reviews, newest first; `None` when the service is
    /// not published.
    async fn service_reviews(
        &self,
        service_id: i64,
        page: u32,
    ) -> Result<Option<crate::reviews::ReviewPage>, StoreError>;
}

/// Where the signed-in user is recorded in the session: `epoch` ends every session of the
/// user at once when it changes (password change or reset, suspension).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SessionAuth {
    pub user_id: i64,
    pub epoch: i64,
}

#[async_trait]
pub trait AccountStore: Send + Sync + 'static {
    /// The user's newest notifications.
    async fn notifications(
        &self,
        user: i64,
    ) -> Result<Vec<crate::notifications::Notice>, StoreError>;
    async fn unread_notifications(&self, user: i64) -> Result<u32, StoreError>;
    /// Marks all of the user's notifications read.
    async fn mark_notifications_read(&self, user: i64) -> Result<(), StoreError>;
    /// Which notification emails the user gets.
    async fn mail_preferences(
        &self,
        user: i64,
    ) -> Result<crate::notifications::MailPreferences, StoreError>;
    async fn set_mail_preferences(
        &self,
        user: i64,
        preferences: crate::notifications::MailPreferences,
    ) -> Result<(), StoreError>;
    /// The language the user reads (their emails are written in it).
    async fn set_language(&self, user: i64, lang: crate::lang::Lang) -> Result<(), StoreError>;
    /// Creates the account and mails the verification link; throttled per `client`.
    async fn sign_up(
        &self,
        form: SignUp,
        client: &str,
    ) -> Result<(SessionUser, SessionAuth), DomainError>;
    async fn verify_email(&self, token: &str) -> Result<(), DomainError>;
    async fn resend_verification(&self, user_id: i64) -> Result<(), DomainError>;
    /// Checks the password, with throttling per (account, client), per client, and per
    /// account for clients that never logged in to it.
    async fn log_in(
        &self,
        email: &str,
        password: &str,
        client: &str,
    ) -> Result<(SessionUser, SessionAuth), DomainError>;
    /// `None` when the user is gone, suspended, or the session's epoch is stale.
    async fn session_user(&self, auth: SessionAuth) -> Result<Option<SessionUser>, StoreError>;
    /// Always succeeds for a well-formed email, so nobody learns who has an account.
    /// Throttled per `client` and per address.
    async fn request_password_reset(&self, email: &str, client: &str) -> Result<(), DomainError>;
    async fn reset_password(&self, token: &str, password: &str) -> Result<(), DomainError>;
    /// Returns the new auth for the current session; every other session ends.
    async fn change_password(
        &self,
        user_id: i64,
        current: &str,
        new: &str,
    ) -> Result<SessionAuth, DomainError>;
    async fn profile(&self, user_id: i64) -> Result<Profile, DomainError>;
    async fn update_profile(&self, user_id: i64, profile: Profile) -> Result<(), DomainError>;
}

/// A seller's own services. Every method checks that `seller` owns the service.
#[async_trait]
pub trait SellerStore: Send + Sync + 'static {
    /// The seller's level, their figures, and each criterion of this level and the next.
    async fn my_level(&self, seller: i64) -> Result<crate::seller_level::MyLevel, StoreError>;
    async fn my_services(&self, seller: i64) -> Result<Vec<MyService>, StoreError>;
    async fn editable(&self, seller: i64, id: i64) -> Result<EditableService, DomainError>;
    /// Creates (`id` = None) or edits a service. With `submit`, it goes to review.
    async fn save(
        &self,
        seller: &SessionUser,
        id: Option<i64>,
        draft: ServiceDraft,
        submit: bool,
    ) -> Result<i64, DomainError>;
    async fn set_paused(&self, seller: i64, id: i64, paused: bool) -> Result<(), DomainError>;
    /// Deletes the service for its seller: it leaves the catalog, search, carts and the
    /// seller's list for good; its orders and receipts keep their snapshot.
    async fn archive(&self, seller: i64, id: i64) -> Result<(), DomainError>;
}

/// Admin work. Callers check that the user is an admin.
#[async_trait]
pub trait ModerationStore: Send + Sync + 'static {
    async fn review_queue(&self) -> Result<Vec<ReviewItem>, StoreError>;
    /// `version` is the [`ReviewItem::version`] the admin looked at; a newer save refuses.
    async fn approve(&self, service_id: i64, version: i64) -> Result<(), DomainError>;
    async fn reject(&self, service_id: i64, version: i64, reason: &str) -> Result<(), DomainError>;
    async fn users(&self, search: &str) -> Result<Vec<UserRow>, StoreError>;
    async fn set_suspended(&self, user_id: i64, suspended: bool) -> Result<(), DomainError>;
}

#[async_trait]
pub trait FavoriteStore: Send + Sync + 'static {
    /// Returns whether the service is a favorite afterwards.
    async fn set_favorite(
        &self,
        user_id: i64,
        service_id: i64,
        favorite: bool,
    ) -> Result<bool, DomainError>;
    async fn favorite_ids(&self, user_id: i64) -> Result<Vec<i64>, StoreError>;
    async fn favorites(&self, user_id: i64) -> Result<Vec<ServiceCard>, StoreError>;
}

/// Carts. A user's cart is stored here; a visitor's lives in their session, and `app`
/// prices it with [`CartStore::view`] and merges it with [`CartStore::merge`] at login.
#[async_trait]
pub trait CartStore: Send + Sync + 'static {
    /// A cart item for a service as offered now: published, upgrades it offers, a
    /// quantity in range, and not the buyer's own service.
    async fn choose(
        &self,
        buyer: Option<i64>,
        service_id: i64,
        upgrades: &[i64],
        quantity: u32,
    ) -> Result<CartItem, DomainError>;
    /// Prices `lines` (id, item) from the current catalog and flags what changed.
    async fn view(
        &self,
        buyer: Option<i64>,
        lines: Vec<(i64, CartItem)>,
    ) -> Result<CartView, StoreError>;
    async fn lines(&self, user: i64) -> Result<Vec<(i64, CartItem)>, StoreError>;
    /// Adds to the user's cart; the same choice adds up its quantity.
    async fn add(&self, user: i64, item: CartItem) -> Result<(), DomainError>;
    /// Replaces the choice on the user's line; `NotFound` for anyone else's line.
    async fn replace(&self, user: i64, line_id: i64, item: CartItem) -> Result<(), DomainError>;
    async fn remove(&self, user: i64, line_id: i64) -> Result<(), DomainError>;
    async fn merge(&self, user: i64, items: Vec<CartItem>) -> Result<(), StoreError>;
}

/// The wallet: balances, history, and top-up by card.
#[async_trait]
pub trait WalletStore: Send + Sync + 'static {
    async fn wallet(&self, user: i64) -> Result<Wallet, StoreError>;
    /// Charges the card through the payment gateway, then credits the wallet. `key`
    /// makes a retried request charge once.
    async fn top_up(
        &self,
        user: i64,
        key: &str,
        amount: Money,
        card: &CardInput,
    ) -> Result<Wallet, DomainError>;
    /// Whether the payment gateway is the sandbox (the UI then says "test mode").
    fn is_sandbox(&self) -> bool;
    /// Moves the amount from available to a withdrawal hold, for an admin to pay.
    async fn request_withdrawal(
        &self,
        user: i64,
        request: WithdrawalRequest,
    ) -> Result<Wallet, DomainError>;
    /// Requested withdrawals, for the admin (callers check that the user is an admin).
    async fn withdrawal_queue(&self) -> Result<Vec<Withdrawal>, StoreError>;
    /// Pays or rejects (with a reason) a requested withdrawal; admins only.
    async fn decide_withdrawal(&self, id: i64, paid: bool, reason: &str)
        -> Result<(), DomainError>;
}

/// Checkout and the order lists.
#[async_trait]
pub trait OrderStore: Send + Sync + 'static {
    /// Pays the cart (or one service) into escrow: every order or none, once per key.
    async fn checkout(&self, buyer: i64, request: CheckoutRequest) -> Result<Receipt, DomainError>;
    /// The confirmation page of the buyer's own checkout; `NotFound` for anyone else.
    async fn receipt(&self, buyer: i64, checkout_id: i64) -> Result<Receipt, DomainError>;
    async fn purchases(&self, buyer: i64) -> Result<Vec<OrderRow>, StoreError>;
    async fn sales(&self, seller: i64) -> Result<Vec<OrderRow>, StoreError>;
    /// The order page; `NotFound` for anyone but its buyer, its seller and admins.
    async fn order(&self, viewer: &SessionUser, id: i64) -> Result<OrderDetail, DomainError>;
    /// Takes an action of the order's lifecycle, or refuses it with nothing written.
    async fn act(
        &self,
        viewer: &SessionUser,
        id: i64,
        request: ActionRequest,
    ) -> Result<OrderDetail, DomainError>;
    /// Adds a message to the order's timeline.
    async fn message(
        &self,
        viewer: &SessionUser,
        id: i64,
        body: &str,
        files: &[i64],
    ) -> Result<OrderDetail, DomainError>;
    /// Rates the order (its buyer) or replies to its review (its seller), or refuses with
    /// nothing written; answers with the page as it is after.
    async fn review(
        &self,
        viewer: &SessionUser,
        id: i64,
        request: crate::reviews::ReviewRequest,
    ) -> Result<OrderDetail, DomainError>;
    /// Orders waiting for an admin's ruling (callers check that the user is an admin).
    async fn disputes(&self) -> Result<Vec<OrderRow>, StoreError>;
}

/// Conversations outside an order (inquiries about a service).
#[async_trait]
pub trait MessageStore: Send + Sync + 'static {
    /// Writes to the seller of a published service, in the conversation the asker has
    /// about it (started if new); answers with its id.
    async fn contact(&self, asker: i64, service_id: i64, body: &str) -> Result<i64, DomainError>;
    /// A message in a conversation, carrying files the writer uploaded to it.
    async fn send(&self, user: i64, id: i64, body: &str, files: &[i64]) -> Result<(), DomainError>;
    /// The conversation for one of its members, marked read for them.
    async fn conversation(
        &self,
        user: i64,
        id: i64,
    ) -> Result<crate::messages::Conversation, DomainError>;
    async fn inbox(&self, user: i64) -> Result<Vec<crate::messages::ConversationRow>, StoreError>;
    /// The header's numbers.
    async fn badges(&self, user: i64) -> Result<crate::messages::Badges, StoreError>;
}

/// Buyer requests and sellers' offers.
#[async_trait]
pub trait RequestStore: Send + Sync + 'static {
    /// Posts a request (it waits for moderation); answers its id.
    async fn post(
        &self,
        buyer: i64,
        draft: crate::requests::RequestDraft,
    ) -> Result<i64, DomainError>;
    /// Open requests, newest first, filtered.
    async fn list(
        &self,
        query: &crate::requests::RequestQuery,
    ) -> Result<crate::requests::RequestList, StoreError>;
    async fn mine(&self, buyer: i64) -> Result<Vec<crate::requests::RequestCard>, StoreError>;
    /// A request's page for `viewer` (id, admin).
    async fn page(
        &self,
        viewer: Option<(i64, bool)>,
        id: i64,
    ) -> Result<crate::requests::RequestPage, DomainError>;
    /// Makes or changes the seller's offer.
    async fn offer(
        &self,
        seller: i64,
        request: i64,
        draft: crate::requests::OfferDraft,
    ) -> Result<(), DomainError>;
    /// Closes (or deletes) the buyer's request without an order.
    async fn close(&self, buyer: i64, id: i64, delete: bool) -> Result<(), DomainError>;
    /// The checkout line of an offer, at its terms.
    async fn offer_checkout(&self, buyer: i64, offer: i64) -> Result<CartView, DomainError>;
    /// Requests waiting for moderation, with their descriptions.
    async fn queue(&self) -> Result<Vec<(crate::requests::RequestCard, String)>, StoreError>;
    async fn decide(&self, id: i64, approve: bool, reason: &str) -> Result<(), DomainError>;
}
