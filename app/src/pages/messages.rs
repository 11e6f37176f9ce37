//! Conversations outside an order: `/messages` (the inbox), `/messages/:id` (one
//! conversation) and `/services/:id/contact` (the first message to a seller about a
//! service). The message forms post to `/messages` without JavaScript; with it they call
//! the server functions, warn of contact details while typing, and new messages arrive
//! live.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::contact::ContactKind;
use shared::messages::{Conversation, ConversationRow, Message, Side};
use shared::orders::OrderFile;

use crate::api::api_resource;
use crate::api::get_service_detail;
use crate::api::messages::{contact_seller, get_badges, get_conversation, get_inbox, send_message};
use crate::components::attachments::{AttachFiles, FileLinks};
use crate::components::dates::full_date;
use crate::components::forms::{navigate, ContactWarning};
use crate::components::states::{use_id_param, Loaded};
use crate::components::user_state::{page_member, use_user_state};
use crate::i18n::{use_i18n, I18n};
use crate::route::use_query_map;

/// The text of a refusal the no-JavaScript form was sent back with (`?refused=`): only
/// the messages such a refusal can carry, never an arbitrary text from the address.
fn refusal_text(i18n: I18n, id: &str) -> Option<String> {
    let known = [
        "message-required",
        "message-too-long",
        "error-message-own-service",
    ]
    .contains(&id)
        || ContactKind::ALL.iter().any(|k| k.message_id() == id);
    known.then(|| i18n.t(id))
}

/// The refusal from the address, if the form came back with one.
fn refused_in_query() -> Signal<Option<String>> {
    let i18n = use_i18n();
    let query = use_query_map();
    Signal::derive(move || {
        query
            .read()
            .get("refused")
            .and_then(|id| refusal_text(i18n, &id))
    })
}

/// `/messages`
#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_user_state();
    // Reloaded whenever a live update arrives.
    let news = move || state.map_or(0, |s| s.news.get().0);
    let data = api_resource(news, |_| get_inbox());
    let render = move |rows: Vec<ConversationRow>| {
        if rows.is_empty() {
            return view! { <p class="empty-state" data-testid="no-conversations">{i18n.t("messages-empty")}</p> }.into_any();
        }
        view! {
            <ul class="inbox" data-testid="inbox">
                {rows.into_iter().map(|row| view! { <InboxLine row/> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <Title text=i18n.t("messages-title")/>
        <div class="container">
            <h1>{i18n.t("messages-title")}</h1>
            <Loaded data render/>
        </div>
    }
}

#[component]
fn InboxLine(row: ConversationRow) -> impl IntoView {
    let i18n = use_i18n();
    let unread = row.unread > 0;
    let last = if row.last.is_empty() {
        i18n.t("messages-files-only")
    } else {
        row.last.clone()
    };
    view! {
        <li class="inbox-line" class:unread=unread data-testid="conversation-line">
            <a href=format!("/messages/{}", row.id)>
                <span class="inbox-who"><strong>{row.other.name.clone()}</strong>
                    " · " <span class="muted">{row.service_title.clone()}</span></span>
                <span class="inbox-last">
                    {row.last_mine.then(|| view! { <span class="muted">{i18n.t("messages-you")} ": "</span> })}
                    <bdi data-testid="conversation-last">{last}</bdi>
                </span>
            </a>
            <span class="muted small">{full_date(i18n, row.last_at)}</span>
            {unread.then(|| view! {
                <span class="badge" data-testid="conversation-unread"
                    aria-label=i18n.count("messages-unread", u64::from(row.unread))>{row.unread}</span>
            })}
        </li>
    }
}

/// `/messages/:id`
#[component]
pub fn ConversationPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_id_param();
    let data = api_resource(id, get_conversation);
    let render = move |conversation: Conversation| view! { <ConversationView conversation/> };
    view! {
        <Title text=i18n.t("messages-title")/>
        <div class="container conversation-page">
            <Loaded data render/>
        </div>
    }
}

#[component]
fn ConversationView(conversation: Conversation) -> impl IntoView {
    let i18n = use_i18n();
    let id = conversation.id;
    let conversation = RwSignal::new(conversation);
    let body = RwSignal::new(String::new());
    let attached = RwSignal::new(Vec::<OrderFile>::new());
    let error = RwSignal::new(None::<String>);
    let refused = refused_in_query();
    let send = Action::new(move |(text, files): &(String, Vec<i64>)| {
        let (text, files) = (text.clone(), files.clone());
        async move { send_message(id, text, files).await }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(c)) => {
            conversation.set(c);
            body.set(String::new());
            attached.set(Vec::new());
            error.set(None);
        }
        Some(Err(e)) => error.set(Some(e.first_message(i18n))),
        None => {}
    });
    // A live update about this conversation (or a reconnection, about none) brings its
    // new messages. Reading them clears their counts on the server: the header follows.
    if let Some(state) = use_user_state() {
        let refresh_badges = move || {
            leptos::task::spawn_local(async move {
                if let Ok(badges) = get_badges().await {
                    state.badges.set(badges);
                }
            })
        };
        Effect::new(move |seen: Option<u64>| {
            let (count, about) = state.news.get();
            match seen {
                None => refresh_badges(),
                Some(s) if s != count && about.is_none_or(|c| c == id) => {
                    leptos::task::spawn_local(async move {
                        if let Ok(c) = get_conversation(id).await {
                            conversation.set(c);
                            if let Ok(badges) = get_badges().await {
                                state.badges.set(badges);
                            }
                        }
                    });
                }
                Some(_) => {}
            }
            count
        });
    }
    let heading = move || {
        let c = conversation.get();
        let label = match c.side {
            Side::Asker => "messages-with-seller",
            Side::Seller => "messages-with-asker",
        };
        view! {
            <header class="conversation-head">
                <h1>{i18n.t_arg(label, "name", c.other.name.clone())}</h1>
                <p>
                    {i18n.t("messages-about")} " "
                    <a href=format!("/services/{}", c.service_id) data-testid="conversation-service">{c.service_title.clone()}</a>
                    " · "
                    <a href=format!("/sellers/{}", c.other.username)>{i18n.t("messages-profile")}</a>
                </p>
            </header>
        }
    };
    view! {
        {heading}
        <ol class="messages" data-testid="messages">
            {move || conversation.get().messages.into_iter().map(|m| view! { <MessageLine conversation=id message=m/> }).collect_view()}
        </ol>
        {move || error.get().or_else(|| refused.get()).map(|e| view! { <p class="notice error" role="alert" data-testid="message-error">{e}</p> })}
        <AttachFiles upload_url=format!("/messages/{id}/files") attached hint="messages-attach-hint"/>
        <form class="message-form" method="post" action="/messages" on:submit=move |ev| {
            ev.prevent_default();
            if !send.pending().get_untracked() {
                let files = attached.with_untracked(|f| f.iter().map(|f| f.id).collect());
                send.dispatch((body.get_untracked(), files));
            }
        }>
            <input type="hidden" name="conversation" value=id.to_string()/>
            <label class="field">
                <span>{i18n.t("messages-your-message")}</span>
                <textarea name="body" rows="3" data-testid="message-body" prop:value=move || body.get()
                    on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                <ContactWarning text=body/>
            </label>
            <button type="submit" class="button primary" data-testid="message-send" disabled=move || send.pending().get()>
                {i18n.t("order-message-send")}
            </button>
        </form>
    }
}

#[component]
fn MessageLine(conversation: i64, message: Message) -> impl IntoView {
    let i18n = use_i18n();
    let who = if message.mine {
        i18n.t("messages-you")
    } else {
        message.author.clone()
    };
    view! {
        <li class="message" class:mine=message.mine data-testid="message">
            <p class="meta"><strong>{who}</strong> " · " <span class="muted">{full_date(i18n, message.at)}</span></p>
            {(!message.body.is_empty()).then(|| view! { <p class="body" data-testid="message-text">{message.body.clone()}</p> })}
            <FileLinks files=message.files.clone() base=format!("/messages/{conversation}/files") testid="message-file"/>
        </li>
    }
}

/// `/services/:id/contact`: the first message to a service's seller (or a further one:
/// the server keeps one conversation per member and service).
#[component]
pub fn ContactPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_id_param();
    let data = api_resource(id, get_service_detail);
    let me = page_member();
    let render = move |service: shared::catalog::ServiceDetail| {
        let service_id = service.id;
        let seller = service.seller.summary.display_name.clone();
        view! {
            <h1>{i18n.t_arg("messages-contact-title", "name", seller)}</h1>
            <p>{i18n.t("messages-about")} " " <a href=format!("/services/{service_id}")>{service.title.clone()}</a></p>
            <p class="muted">{i18n.t("messages-contact-hint")}</p>
            // A member's form; a visitor is asked to log in and comes back here.
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match me.await.ok().flatten() {
                        Some(_) => view! { <ContactForm service_id/> }.into_any(),
                        None => view! {
                            <p class="notice" data-testid="contact-login">
                                <a class="button primary" href=format!("/login?next=/services/{service_id}/contact")>{i18n.t("messages-log-in-to-write")}</a>
                            </p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        }
    };
    view! {
        <Title text=i18n.t("messages-title")/>
        <div class="container narrow">
            <Loaded data render/>
        </div>
    }
}

#[component]
fn ContactForm(service_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let body = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let refused = refused_in_query();
    let send = Action::new(move |text: &String| {
        let text = text.clone();
        async move { contact_seller(service_id, text).await }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(conversation)) => navigate(&format!("/messages/{conversation}")),
        Some(Err(e)) => error.set(Some(e.first_message(i18n))),
        None => {}
    });
    view! {
        {move || error.get().or_else(|| refused.get()).map(|e| view! { <p class="notice error" role="alert" data-testid="message-error">{e}</p> })}
        <form class="message-form" method="post" action="/messages" on:submit=move |ev| {
            ev.prevent_default();
            if !send.pending().get_untracked() {
                send.dispatch(body.get_untracked());
            }
        }>
            <input type="hidden" name="service" value=service_id.to_string()/>
            <label class="field">
                <span>{i18n.t("messages-your-message")}</span>
                <textarea name="body" rows="5" data-testid="message-body" prop:value=move || body.get()
                    on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                <ContactWarning text=body/>
            </label>
            <button type="submit" class="button primary" data-testid="message-send" disabled=move || send.pending().get()>
                {i18n.t("order-message-send")}
            </button>
        </form>
    }
}
