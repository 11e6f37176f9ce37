use std::collections::BTreeSet;

use leptos::prelude::*;
use shared::money::Money;
use shared::pricing::{quote, UpgradeOffer, MAX_QUANTITY, MIN_QUANTITY};

use super::user_state::use_user_state;
use crate::api::cart::AddToCart;
use crate::api::server_action;
use crate::i18n::use_i18n;

/// `/checkout?service=…&upgrades=…&quantity=…`: the "order now" page for one choice.
pub fn order_now_href(service_id: i64, upgrades: &[i64], quantity: u32) -> String {
    // In order, as `shared::pricing::quote` takes them: a set, so the bundle carries
    // one sort, not a second one for this.
    let ids: Vec<String> = upgrades
        .iter()
        .copied()
        .collect::<BTreeSet<i64>>()
        .iter()
        .map(i64::to_string)
        .collect();
    format!(
        "/checkout?service={service_id}&upgrades={}&quantity={quantity}",
        ids.join(",")
    )
}

/// Upgrades as checkboxes and a quantity; the total and the delivery time update as the
/// buyer picks, computed by the same `shared::pricing::quote` the server charges with.
/// "Add to cart" keeps browsing; "order now" goes straight to paying for this choice.
#[island]
pub fn OrderBox(
    service_id: i64,
    price: Money,
    delivery_days: u32,
    upgrades: Vec<UpgradeOffer>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_user_state();
    let add_action = server_action::<AddToCart>();
    let adding = add_action.pending();
    // The answer to "add to cart": Ok(()) shows "added", Err the reason.
    let added = RwSignal::new(None::<Result<(), String>>);
    Effect::new(move |_| match add_action.value().get() {
        Some(Ok(count)) => {
            if let Some(state) = state {
                state.cart_count.set(count);
            }
            added.set(Some(Ok(())));
        }
        Some(Err(e)) => added.set(Some(Err(e.message(i18n)))),
        None => {}
    });
    let selected = RwSignal::new(Vec::<i64>::new());
    let quantity = RwSignal::new(MIN_QUANTITY);
    let offered = StoredValue::new(upgrades.clone());
    let priced = Memo::new(move |_| {
        offered.with_value(|offered| {
            quote(
                price,
                delivery_days,
                offered,
                &selected.get(),
                quantity.get(),
            )
        })
    });
    // Every input comes from this component, so a quote always exists; the fallback only
    // keeps the page whole if the catalog ever held an inconsistent service.
    let total = move || priced.get().map(|q| q.total).unwrap_or(price).to_string();
    let days = move || {
        let d = priced
            .get()
            .map(|q| q.delivery_days)
            .unwrap_or(delivery_days);
        i18n.count("days", u64::from(d))
    };
    let toggle = move |id: i64, on: bool| {
        selected.update(|s| {
            s.retain(|x| *x != id);
            if on {
                s.push(id);
            }
        })
    };

    let add = move |_| {
        if adding.get_untracked() {
            return;
        }
        added.set(None);
        add_action.dispatch(AddToCart {
            service_id,
            upgrades: selected.get_untracked(),
            quantity: quantity.get_untracked(),
        });
    };
    let order_now = move || order_now_href(service_id, &selected.get(), quantity.get());
    let answer = move || {
        added.get().map(|a| match a {
            Ok(()) => view! {
                <p class="notice success" role="status" data-testid="added-to-cart">
                    {i18n.t("cart-added")} " " <a href="/cart">{i18n.t("cart-go")}</a>
                </p>
            }
            .into_any(),
            Err(text) => view! {
                <p class="notice error" role="alert" data-testid="add-error">{text}</p>
            }
            .into_any(),
        })
    };

    view! {
        <form class="order-box" data-testid="order-box" on:submit=|ev| ev.prevent_default()>
            <div class="order-line">
                <span>{i18n.t("service-price")}</span>
                <span class="money">{price.to_string()}</span>
            </div>
            <fieldset class="upgrades">
                <legend>{i18n.t("service-upgrades")}</legend>
                {if upgrades.is_empty() {
                    view! { <p class="muted">{i18n.t("service-no-upgrades")}</p> }.into_any()
                } else {
                    upgrades
                        .into_iter()
                        .map(|u| {
                            let id = u.id;
                            let extra = if u.extra_days == 0 {
                                i18n.t("upgrade-no-extra")
                            } else {
                                i18n.t_arg("upgrade-extra", "days", i18n.count("days", u64::from(u.extra_days)))
                            };
                            view! {
                                <label class="upgrade">
                                    <input type="checkbox" name="upgrade" value=id.to_string()
                                        data-testid=format!("upgrade-{id}")
                                        on:change=move |ev| toggle(id, event_target_checked(&ev))/>
                                    <span class="upgrade-title">{u.title}</span>
                                    <span class="upgrade-price money">"+" {u.price.to_string()}</span>
                                    <span class="upgrade-days muted">{extra}</span>
                                </label>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </fieldset>
            <label class="order-line quantity">
                <span>{i18n.t("service-quantity")}</span>
                <select name="quantity" data-testid="quantity"
                    on:change=move |ev| {
                        if let Ok(q) = event_target_value(&ev).parse::<u32>() {
                            quantity.set(q.clamp(MIN_QUANTITY, MAX_QUANTITY));
                        }
                    }>
                    {(MIN_QUANTITY..=MAX_QUANTITY)
                        .map(|q| view! { <option value=q.to_string()>{q}</option> })
                        .collect_view()}
                </select>
            </label>
            <div class="order-line">
                <span>{i18n.t("service-delivery")}</span>
                <strong data-testid="order-days">{days}</strong>
            </div>
            <div class="order-line total">
                <span>{i18n.t("service-total")}</span>
                <strong class="money" data-testid="order-total">{total}</strong>
            </div>
            <div class="order-actions">
                <a class="button primary" href=order_now data-testid="order-now">{i18n.t("order-now")}</a>
                <button type="button" class="button" data-testid="add-to-cart"
                    disabled=move || adding.get() on:click=add>
                    {i18n.t("cart-add")}
                </button>
            </div>
            {answer}
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::order_now_href;

    #[test]
    fn order_now_lists_the_upgrades_in_order() {
        assert_eq!(
            order_now_href(7, &[12, 3, 9], 2),
            "/checkout?service=7&upgrades=3,9,12&quantity=2"
        );
        assert_eq!(
            order_now_href(7, &[], 1),
            "/checkout?service=7&upgrades=&quantity=1"
        );
    }
}
