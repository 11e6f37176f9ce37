//! The heart: add a service to favorites or take it out, instantly (the server answers
//! after); a visitor is sent to log in and brought back to this page.

use leptos::prelude::*;

use super::forms::go_to;
use super::user_state::use_user_state;
use crate::api::favorites::SetFavorite;
use crate::api::server_action;
use crate::i18n::use_i18n;
use shared::search::encode;

#[island]
pub fn FavoriteButton(service_id: i64, large: bool) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_user_state();
    let is_favorite = move || state.is_some_and(|s| s.favorites.read().contains(&service_id));
    let set = server_action::<SetFavorite>();
    // What the last click asked for: the heart showed it at once, and goes back if the
    // server says no.
    let asked = StoredValue::new(false);
    Effect::new(move |_| {
        if let (Some(state), Some(Err(_))) = (state, set.value().get()) {
            let want = asked.get_value();
            state.favorites.update(|f| {
                if want {
                    f.remove(&service_id);
                } else {
                    f.insert(service_id);
                }
            });
        }
    });
    let toggle = move |_| {
        let Some(state) = state else { return };
        if state.user().is_none() {
            // The browser's `search` keeps its '?', so the two make the way back.
            let location = window().location();
            let here = format!(
                "{}{}",
                location.pathname().unwrap_or_default(),
                location.search().unwrap_or_default()
            );
            go_to(&format!("/login?next={}", encode(&here)));
            return;
        }
        let want = !is_favorite();
        // Instant: show the new state, and put it back if the server says no.
        state.favorites.update(|f| {
            if want {
                f.insert(service_id);
            } else {
                f.remove(&service_id);
            }
        });
        asked.set_value(want);
        set.dispatch(SetFavorite {
            service_id,
            favorite: want,
        });
    };
    let label = move || {
        if is_favorite() {
            i18n.t("favorite-remove")
        } else {
            i18n.t("favorite-add")
        }
    };
    view! {
        <button type="button" class="favorite-button" class:large=large
            class:active=is_favorite
            aria-pressed=move || is_favorite().to_string()
            aria-label=label title=label
            data-testid="favorite-button"
            on:click=toggle>
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                <path d="M12 21s-7.5-4.6-9.6-9.2C1 8.6 3 5 6.6 5c2 0 3.6 1.1 4.4 2.6h2C13.8 6.1 15.4 5 17.4 5 21 5 23 8.6 21.6 11.8 19.5 16.4 12 21 12 21z"/>
            </svg>
        </button>
    }
}
