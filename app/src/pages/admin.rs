//! Admin pages: the review queue (services and buyer requests) and the users list
//! (suspend / reinstate).

use leptos::prelude::*;
use leptos_meta::Title;
use shared::requests::RequestCard;
use shared::selling::{ReviewItem, UserRow};

use crate::api::admin::{
    approve_service, get_review_queue, get_users, reject_service, set_user_suspended,
};
use crate::api::api_resource;
use crate::api::requests::{decide_request, get_request_queue};
use crate::components::states::Loaded;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::requests::BudgetRange;
use crate::route::use_query_map;

/// (service, the version shown, `None` to approve or `Some(reason)` to reject).
type Decide = Action<(i64, i64, Option<String>), Result<(), AppError>>;

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    // `None` approves; `Some(reason)` rejects.
    let decide: Decide = Action::new(|(id, version, reason): &(i64, i64, Option<String>)| {
        let (id, version, reason) = (*id, *version, reason.clone());
        async move {
            match reason {
                None => approve_service(id, version).await,
                Some(r) => reject_service(id, version, r).await,
            }
        }
    });
    let queue = api_resource(move || decide.version().get(), |_| get_review_queue());
    let error = move || {
        decide
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.message(i18n))
    };
    let render = move |items: Vec<ReviewItem>| {
        if items.is_empty() {
            return view! { <p class="empty" data-testid="queue-empty">{i18n.t("review-empty")}</p> }.into_any();
        }
        view! {
            <ul class="review-queue">
                {items.into_iter().map(|item| view! { <ReviewEntry item decide/> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <Title text=i18n.t("review-title")/>
        <div class="container">
            <h1>{i18n.t("review-title")}</h1>
            {move || error().map(|e| view! { <p class="notice error" role="alert" data-testid="review-error">{e}</p> })}
            <Loaded data=queue render/>
            <RequestQueue/>
        </div>
    }
}

/// Buyer requests waiting for moderation: approve (open for 14 days) or reject with a
/// reason the buyer sees.
#[component]
fn RequestQueue() -> impl IntoView {
    let i18n = use_i18n();
    let decide = Action::new(|(id, reason): &(i64, Option<String>)| {
        let (id, reason) = (*id, reason.clone());
        async move {
            match reason {
                None => decide_request(id, true, String::new()).await,
                Some(r) => decide_request(id, false, r).await,
            }
        }
    });
    let queue = api_resource(move || decide.version().get(), |_| get_request_queue());
    let error = move || {
        decide
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.first_message(i18n))
    };
    let render = move |items: Vec<(RequestCard, String)>| {
        if items.is_empty() {
            return view! { <p class="empty" data-testid="request-queue-empty">{i18n.t("review-empty")}</p> }.into_any();
        }
        view! {
            <ul class="review-queue">
                {items.into_iter().map(|(card, description)| {
                    let id = card.id;
                    let reason = RwSignal::new(String::new());
                    view! {
                        <li class="review-entry card-form" data-testid="request-item" data-title=card.title.clone()>
                            <p class="muted">
                                {card.buyer.clone()} " · " {shared::catalog::Named::name(&card.category, i18n.lang).to_owned()}
                                " · " <BudgetRange card=card.clone()/>
                                " · " {i18n.count("days", u64::from(card.delivery_days))}
                            </p>
                            <h3>{card.title.clone()}</h3>
                            <p class="review-description">{description}</p>
                            <div class="form-actions">
                                <button type="button" class="button primary" data-testid="request-approve"
                                    on:click=move |_| { decide.dispatch((id, None)); }>{i18n.t("review-approve")}</button>
                                <label class="visually-hidden" for=format!("request-reason-{id}")>{i18n.t("rejection-reason")}</label>
                                <input id=format!("request-reason-{id}") type="text" placeholder=i18n.t("rejection-reason")
                                    data-testid="request-reject-reason" prop:value=move || reason.get()
                                    on:input=move |ev| reason.set(event_target_value(&ev))/>
                                <button type="button" class="button secondary" data-testid="request-reject"
                                    on:click=move |_| { decide.dispatch((id, Some(reason.get()))); }>{i18n.t("review-reject")}</button>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="request-queue" data-testid="request-queue">
            <h2>{i18n.t("request-queue-title")}</h2>
            {move || error().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            <Loaded data=queue render/>
        </section>
    }
}

#[component]
fn ReviewEntry(item: ReviewItem, decide: Decide) -> impl IntoView {
    let i18n = use_i18n();
    let id = item.service_id;
    let version = item.version;
    let reason = RwSignal::new(String::new());
    let category = if i18n.lang == shared::lang::Lang::Ar {
        item.category_name_ar.clone()
    } else {
        item.category_name_en.clone()
    };
    let d = item.draft;
    view! {
        <li class="review-entry card-form" data-testid="review-item" data-title=d.title.clone()>
            <p class="muted">
                {if item.is_edit { i18n.t("review-kind-edit") } else { i18n.t("review-kind-new") }}
                " · "<a href=format!("/sellers/{}", item.seller_username)>{item.seller_name}</a>
                " · "{category}" · "{format!("${}", d.price_dollars)}" · "{i18n.count("days", u64::from(d.delivery_days))}
            </p>
            <h2>{d.title.clone()}</h2>
            <p class="review-description">{d.description}</p>
            {(!d.upgrades.is_empty()).then(|| view! {
                <ul class="review-upgrades">
                    {d.upgrades.into_iter().map(|u| view! {
                        <li>{format!("{} — ${} (+{})", u.title, u.price_dollars, u.extra_days)}</li>
                    }).collect_view()}
                </ul>
            })}
            <div class="gallery-thumbs">
                {item.image_urls.into_iter().map(|src| view! { <img src=src alt="" width="160" height="120"/> }).collect_view()}
            </div>
            <div class="form-actions">
                <button type="button" class="button primary" data-testid="approve"
                    on:click=move |_| { decide.dispatch((id, version, None)); }>{i18n.t("review-approve")}</button>
                <label class="visually-hidden" for=format!("reason-{id}")>{i18n.t("rejection-reason")}</label>
                <input id=format!("reason-{id}") type="text" placeholder=i18n.t("rejection-reason")
                    data-testid="reject-reason" prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))/>
                <button type="button" class="button secondary" data-testid="reject"
                    on:click=move |_| { decide.dispatch((id, version, Some(reason.get()))); }>{i18n.t("review-reject")}</button>
            </div>
        </li>
    }
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let toggle = Action::new(|(id, s): &(i64, bool)| set_user_suspended(*id, *s));
    let users = api_resource(
        move || (search(), toggle.version().get()),
        |(q, _)| get_users(q),
    );
    let error = move || {
        toggle
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.message(i18n))
    };
    let render = move |rows: Vec<UserRow>| {
        view! {
            <table class="users-table">
                <thead><tr><th>{i18n.t("field-username")}</th><th>{i18n.t("field-email")}</th><th></th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|u| {
                        let id = u.id;
                        let suspended = u.suspended;
                        let href = format!("/sellers/{}", u.username);
                        let handle = format!(" (@{})", u.username);
                        view! {
                            <tr data-testid="user-row" data-username=u.username.clone()>
                                <td><a href=href>{u.display_name}</a>{handle}</td>
                                <td>{u.email}</td>
                                <td>
                                    {suspended.then(|| view! { <span class="status status-rejected">{i18n.t("user-suspended")}</span>" " })}
                                    {(!u.is_admin).then(|| view! {
                                        <button type="button" class="button ghost" data-testid="toggle-suspend"
                                            on:click=move |_| { toggle.dispatch((id, !suspended)); }>
                                            {if suspended { i18n.t("user-reinstate") } else { i18n.t("user-suspend") }}
                                        </button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    view! {
        <Title text=i18n.t("users-title")/>
        <div class="container">
            <h1>{i18n.t("users-title")}</h1>
            <form action="/admin/users" method="get" class="search inline">
                <input type="search" name="q" value=search aria-label=i18n.t("search-button") data-testid="users-search"/>
                <button type="submit" class="button secondary">{i18n.t("search-button")}</button>
            </form>
            {move || error().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            <Loaded data=users render/>
        </div>
    }
}

/// `/admin/disputes`: orders waiting for a ruling; each opens its order page, where the
/// admin rules.
#[component]
pub fn DisputesPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = api_resource(|| (), |_| crate::api::orders::get_disputes());
    let render = move |orders: Vec<shared::orders::OrderRow>| {
        if orders.is_empty() {
            return view! { <p class="empty" data-testid="disputes-empty">{i18n.t("disputes-empty")}</p> }.into_any();
        }
        view! {
            <ul class="disputes">
                {orders.into_iter().map(|o| view! {
                    <li data-testid="dispute" data-order=o.id>
                        <a href=format!("/orders/{}", o.id)>{i18n.t_arg("order-number", "id", o.id.to_string())} " — " {o.title}</a>
                        " · " <span class="money">{o.total.to_string()}</span>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <Title text=i18n.t("disputes-title")/>
        <div class="container">
            <h1>{i18n.t("disputes-title")}</h1>
            <Loaded data render/>
        </div>
    }
}

/// `/admin/withdrawals`: requested withdrawals, each paid or rejected with a reason.
#[component]
pub fn WithdrawalsPage() -> impl IntoView {
    let i18n = use_i18n();
    let decide = Action::new(|(id, paid, reason): &(i64, bool, String)| {
        let (id, paid, reason) = (*id, *paid, reason.clone());
        async move { crate::api::orders::decide_withdrawal(id, paid, reason).await }
    });
    let queue = api_resource(
        move || decide.version().get(),
        |_| crate::api::orders::get_withdrawal_queue(),
    );
    let error = move || {
        decide
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.message(i18n))
    };
    let render = move |items: Vec<shared::wallet::Withdrawal>| {
        if items.is_empty() {
            return view! { <p class="empty" data-testid="withdrawals-empty">{i18n.t("withdrawals-empty")}</p> }.into_any();
        }
        view! {
            <ul class="withdrawal-queue">
                {items.into_iter().map(|w| {
                    let reason = RwSignal::new(String::new());
                    view! {
                        <li data-testid="withdrawal" data-id=w.id>
                            <p><strong>{w.user_name}</strong> " · " <span class="money">{w.amount.to_string()}</span>
                                " · " {w.method} ": " <span dir="ltr">{w.destination}</span></p>
                            <p class="muted small">{crate::components::dates::full_date(i18n, w.created_at)}</p>
                            <button type="button" class="button primary" data-testid="withdrawal-pay"
                                on:click=move |_| { decide.dispatch((w.id, true, String::new())); }>
                                {i18n.t("withdrawal-pay")}
                            </button>
                            <input type="text" data-testid="withdrawal-reason" placeholder=i18n.t("withdrawal-reason")
                                prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
                            <button type="button" class="button" data-testid="withdrawal-reject"
                                on:click=move |_| { decide.dispatch((w.id, false, reason.get_untracked())); }>
                                {i18n.t("withdrawal-reject")}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <Title text=i18n.t("withdrawals-title")/>
        <div class="container">
            <h1>{i18n.t("withdrawals-title")}</h1>
            {move || error().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            <Loaded data=queue render/>
        </div>
    }
}
