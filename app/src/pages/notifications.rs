//! `/notifications`: what happened on the user's orders, reviews, withdrawals and
//! conversations, newest
//! first; opening the page marks them read.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::notifications::Notice;

use crate::api::api_resource;
use crate::api::notifications::{get_notifications, mark_notifications_read};
use crate::components::dates::full_date;
use crate::components::states::Loaded;
use crate::components::user_state::use_user_state;
use crate::i18n::use_i18n;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_user_state();
    let data = api_resource(|| (), |_| get_notifications());
    // Seen now: read on the server, and the bell goes to zero.
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            if mark_notifications_read().await.is_ok() {
                if let Some(s) = state {
                    s.badges.update(|b| b.notifications = 0);
                }
            }
        });
    });
    let render = move |list: Vec<Notice>| {
        if list.is_empty() {
            return view! { <p class="empty-state" data-testid="no-notifications">{i18n.t("notifications-empty")}</p> }.into_any();
        }
        view! {
            <ul class="notifications">
                {list.into_iter().map(|n| {
                    let what = i18n.t_arg(n.kind.message_id(), "amount", String::new());
                    let title = n.subject().map(str::to_owned);
                    view! {
                        <li class="notification" class:unread=!n.read data-testid="notification"
                            data-kind=n.kind.as_string()>
                            <a href=n.href()>
                                {title.map(|t| view! { <strong>{t}</strong> " · " })}
                                <span>{what}</span>
                            </a>
                            <span class="muted small">{full_date(i18n, n.at)}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <Title text=i18n.t("notifications-title")/>
        <div class="container">
            <h1>{i18n.t("notifications-title")}</h1>
            <Loaded data render/>
        </div>
    }
}
