//! `/my/purchases` and `/my/sales`: orders with their status, deadline and amount, each
//! opening its order page; `?status=` narrows the list.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::orders::{OrderRow, OrderStatus};

use crate::api::orders::{get_purchases, get_sales};
use crate::api::{api_resource, ApiResource};
use crate::components::dates::full_date;
use crate::components::states::Loaded;
use crate::i18n::use_i18n;
use crate::route::use_query_map;

#[component]
pub fn PurchasesPage() -> impl IntoView {
    let data = api_resource(|| (), |_| get_purchases());
    view! { <OrderList data title="purchases-title" empty="purchases-empty" other="order-seller"/> }
}

#[component]
pub fn SalesPage() -> impl IntoView {
    let data = api_resource(|| (), |_| get_sales());
    view! { <OrderList data title="sales-title" empty="sales-empty" other="order-buyer"/> }
}

#[component]
fn OrderList(
    data: ApiResource<Vec<OrderRow>>,
    title: &'static str,
    empty: &'static str,
    /// The column naming the other party.
    other: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = move || {
        query
            .read()
            .get("status")
            .and_then(|s| OrderStatus::parse(&s))
    };
    let render = move |orders: Vec<OrderRow>| {
        let orders: Vec<OrderRow> = match filter() {
            Some(status) => orders.into_iter().filter(|o| o.status == status).collect(),
            None => orders,
        };
        if orders.is_empty() {
            return view! { <p class="empty" data-testid="orders-empty">{i18n.t(empty)}</p> }
                .into_any();
        }
        view! {
            <table class="orders" data-testid="orders">
                <thead><tr>
                    <th>{i18n.t("order-col-number")}</th>
                    <th>{i18n.t("order-col-service")}</th>
                    <th>{i18n.t(other)}</th>
                    <th>{i18n.t("order-col-status")}</th>
                    <th>{i18n.t("order-col-total")}</th>
                    <th>{i18n.t("order-col-date")}</th>
                </tr></thead>
                <tbody>
                    {orders.into_iter().map(|o| {
                        let upgrades: Vec<String> = o.upgrades.iter().map(|u| u.title.clone()).collect();
                        view! {
                            <tr id=format!("order-{}", o.id) data-testid="order-row" data-order=o.id>
                                <td><a href=format!("/orders/{}", o.id) data-testid="order-link">{format!("#{}", o.id)}</a></td>
                                <td>
                                    <a href=format!("/orders/{}", o.id)>{o.title}</a>
                                    {(!upgrades.is_empty()).then(|| view! { <p class="muted small">{upgrades.join("، ")}</p> })}
                                    <p class="muted small">{i18n.t("service-quantity")} ": " {o.quantity}
                                        " · " {i18n.count("days", u64::from(o.delivery_days))}</p>
                                </td>
                                <td><a href=format!("/sellers/{}", o.other_username)>{o.other_name}</a></td>
                                <td>
                                    <span class="status" data-testid="order-status">{i18n.t(o.status.message_id())}</span>
                                    {o.deadline.filter(|_| o.status == OrderStatus::InProgress).map(|d| view! {
                                        <p class="muted small">{i18n.t("order-deadline")} ": " {full_date(i18n, d)}</p>
                                    })}
                                </td>
                                <td class="money" data-testid="order-total">{o.total.to_string()}</td>
                                <td>{full_date(i18n, o.created_at)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    let base = if title == "purchases-title" {
        "/my/purchases"
    } else {
        "/my/sales"
    };
    view! {
        <Title text=i18n.t(title)/>
        <div class="container orders-page">
            <h1>{i18n.t(title)}</h1>
            <nav class="status-filter" data-testid="status-filter">
                <a href=base class:active=move || filter().is_none()>{i18n.t("order-filter-all")}</a>
                {OrderStatus::ALL.into_iter().map(|s| view! {
                    " " <a href=format!("{base}?status={}", s.as_str()) class:active=move || filter() == Some(s)>{i18n.t(s.message_id())}</a>
                }).collect_view()}
            </nav>
            <Loaded data render/>
        </div>
    }
}
