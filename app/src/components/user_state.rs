//! Who is signed in and which services they favorited, for every component of the page.

use std::collections::HashSet;

use leptos::prelude::*;
use shared::account::SessionUser;
use shared::messages::{Badges, LiveUpdate};

use crate::api::account::get_me;
use crate::api::{api_resource, ApiResource};

pub type MeResource = ApiResource<Option<SessionUser>>;

#[derive(Clone, Copy)]
pub struct UserState {
    pub me: MeResource,
    /// Filled in the browser after hydration (the server renders empty hearts).
    pub favorites: RwSignal<HashSet<i64>>,
    /// Lines in the cart, for the header's badge (filled in the browser, then kept
    /// current by every page that changes the cart).
    pub cart_count: RwSignal<u32>,
    /// Unread notifications and conversations, for the header (a member's, filled in the
    /// browser and kept current by live updates).
    pub badges: RwSignal<Badges>,
    /// How many live updates arrived, and the conversation the last one was about: a
    /// conversation page reloads its messages when its own comes (or on a reconnection,
    /// which is about none).
    pub news: RwSignal<(u64, Option<i64>)>,
}

impl UserState {
    /// The signed-in user, once known.
    pub fn user(&self) -> Option<SessionUser> {
        self.me.get().and_then(Result::ok).flatten()
    }
}

/// The signed-in user, read with the page that renders from it. Inside an island its
/// answer travels with the page's data, so the browser's first render of the island is
/// the one the server made. A page must not render from the page state's `me` instead:
/// the browser fetches that one after load, and an island hydrated before it arrives
/// meets HTML drawn with the answer, which breaks hydration (the contact page showed the
/// member's form twice).
pub fn page_member() -> MeResource {
    api_resource(|| (), |_| get_me())
}

/// Provides the page's user state to the server's render of it. (In the browser the
/// islands share one, [`use_user_state`].)
pub fn provide_user_state() -> UserState {
    let state = new_user_state();
    provide_context(state);
    state
}

fn new_user_state() -> UserState {
    let me = api_resource(|| (), |_| get_me());
    let state = UserState {
        me,
        favorites: RwSignal::new(HashSet::new()),
        cart_count: RwSignal::new(0),
        badges: RwSignal::new(Badges::default()),
        news: RwSignal::new((0, None)),
    };
    // In the browser only: fetch the hearts to fill in.
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            if let Ok(ids) = crate::api::favorites::get_favorite_ids().await {
                state.favorites.set(ids.into_iter().collect());
            }
            if let Ok(n) = crate::api::cart::get_cart_count().await {
                state.cart_count.set(n);
            }
        });
    });
    // A member's live updates, once they are known to be one (a visitor has no badges and
    // opens no connection). The first update is the badges as they are.
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        let member = matches!(me.get(), Some(Ok(Some(_))));
        if member {
            listen_live(state);
        }
        member
    });
    state
}

/// Applies a live update to the page's state.
fn apply(state: UserState, update: LiveUpdate) {
    state.badges.set(update.badges);
    state.news.update(|(count, conversation)| {
        *count += 1;
        *conversation = update.conversation;
    });
}

/// Opens `GET /live` (server-sent events). The browser reconnects by itself after a drop,
/// and the server's first event on each connection is the badges as they are then.
#[cfg(feature = "hydrate")]
fn listen_live(state: UserState) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Ok(source) = web_sys::EventSource::new("/live") else {
        return;
    };
    let on_update =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if let Some(update) = event
                .data()
                .as_string()
                .and_then(|text| crate::api::read_json::<LiveUpdate>(&text).ok())
            {
                apply(state, update);
            }
        });
    let _ = source.add_event_listener_with_callback("update", on_update.as_ref().unchecked_ref());
    // Both live as long as the page: the browser keeps an open EventSource.
    on_update.forget();
}

#[cfg(not(feature = "hydrate"))]
fn listen_live(state: UserState) {
    let _ = (state, apply);
}

/// The user state: on the server, the one the app provided for this request; in the
/// browser, one for the whole page, shared by its islands (each is hydrated on its own,
/// so none is inside another to take it from), kept across the islands router's moves.
pub fn use_user_state() -> Option<UserState> {
    #[cfg(feature = "ssr")]
    {
        use_context::<UserState>()
    }
    #[cfg(not(feature = "ssr"))]
    {
        thread_local! {
            static PAGE_STATE: UserState = {
                // Its own root: it outlives every island, and it is not hydrated (its
                // answers are fetched, as the server rendered none of them into the page).
                let owner = Owner::new_root(None);
                let state = owner.with(new_user_state);
                std::mem::forget(owner);
                state
            };
        }
        Some(PAGE_STATE.with(|state| *state))
    }
}
