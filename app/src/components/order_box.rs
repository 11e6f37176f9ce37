use leptos::prelude::*;
use shared::money::Money;
use shared::pricing::{quote, UpgradeOffer, MAX_QUANTITY, MIN_QUANTITY};

use crate::i18n::use_i18n;

/// Upgrades as checkboxes and a quantity; the total and the delivery time update as the
/// buyer picks, computed by the same `shared::pricing::quote` the server charges with.
#[component]
pub fn OrderBox(price: Money, delivery_days: u32, upgrades: Vec<UpgradeOffer>) -> impl IntoView {
    let i18n = use_i18n();
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
        </form>
    }
}
