//! Who is signed in and which services they favorited, for every component of the page.

use std::collections::HashSet;

use leptos::prelude::*;
use shared::account::SessionUser;

use crate::api::account::get_me;
use crate::error::AppError;

pub type MeResource = Resource<Result<Option<SessionUser>, AppError>>;

#[derive(Clone, Copy)]
pub struct UserState {
    pub me: MeResource,
    /// Filled in the browser after hydration (the server renders empty hearts).
    pub favorites: RwSignal<HashSet<i64>>,
    /// Lines in the cart, for the header's badge (filled in the browser, then kept
    /// current by every page that changes the cart).
    pub cart_count: RwSignal<u32>,
    /// Unread notifications, for the header's bell (filled in the browser).
    pub unread: RwSignal<u32>,
}

impl UserState {
    /// The signed-in user, once known.
    pub fn user(&self) -> Option<SessionUser> {
        self.me.get().and_then(Result::ok).flatten()
    }
}

pub fn provide_user_state() -> UserState {
    let me = Resource::new(|| (), |_| get_me());
    let state = UserState {
        me,
        favorites: RwSignal::new(HashSet::new()),
        cart_count: RwSignal::new(0),
        unread: RwSignal::new(0),
    };
    provide_context(state);
    // In the browser only: fetch the hearts to fill in.
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            if let Ok(ids) = crate::api::favorites::get_favorite_ids().await {
                state.favorites.set(ids.into_iter().collect());
            }
            if let Ok(n) = crate::api::cart::get_cart_count().await {
                state.cart_count.set(n);
            }
            if let Ok(n) = crate::api::notifications::get_unread_count().await {
                state.unread.set(n);
            }
        });
    });
    state
}

pub fn use_user_state() -> Option<UserState> {
    use_context::<UserState>()
}
