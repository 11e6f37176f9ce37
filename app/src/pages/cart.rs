//! `/cart` (edit the lines, then pay), `/checkout` ("order now": one service), and
//! `/receipts/:id` (the confirmation after paying).

use leptos::prelude::*;
use leptos_meta::Title;
use shared::cart::{CartLine, CartView, LineProblem};
use shared::orders::{CheckoutSource, Receipt};
use shared::pricing::{MAX_QUANTITY, MIN_QUANTITY};
use shared::search::encode;

use crate::api::cart::{get_cart, get_order_now, CartPage, RemoveCartLine, UpdateCartLine};
use crate::api::orders::get_receipt;
use crate::api::requests::get_offer_checkout;
use crate::api::{api_resource, server_action};
use crate::components::pay_panel::PayPanel;
use crate::components::states::Loaded;
use crate::components::user_state::use_user_state;
use crate::error::AppError;
use crate::i18n::{use_i18n, I18n};
use crate::route::{use_page_address, use_params_map, use_query_map};

#[component]
pub fn CartPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = api_resource(|| (), |_| get_cart());
    let render = move |page: CartPage| view! { <CartEditor page/> };
    view! {
        <Title text=i18n.t("cart-title")/>
        <div class="container cart-page">
            <h1>{i18n.t("cart-title")}</h1>
            <Loaded data render/>
        </div>
    }
}

/// The lines, editable in place: each change is sent to the server, whose repriced cart
/// replaces the one shown. The pay panel stays put (and keeps what was typed in it).
#[component]
fn CartEditor(page: CartPage) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_user_state();
    let cart = RwSignal::new(page.cart);
    let error = RwSignal::new(None::<String>);
    let apply = Callback::new(move |answer: Result<CartView, AppError>| match answer {
        Ok(view) => {
            if let Some(state) = state {
                state.cart_count.set(view.count());
            }
            cart.set(view);
            error.set(None);
        }
        Err(e) => error.set(Some(e.message(i18n))),
    });
    let source = Signal::derive(move || {
        cart.with(|c| {
            c.payable().then(|| CheckoutSource::Cart {
                fingerprint: c.fingerprint.clone(),
            })
        })
    });
    let total = Signal::derive(move || cart.with(|c| c.total));
    let empty = move || cart.with(|c| c.lines.is_empty());
    let pay = if page.signed_in {
        view! { <PayPanel source total available=page.available sandbox=page.sandbox/> }.into_any()
    } else {
        view! { <LoginToPay/> }.into_any()
    };
    view! {
        <div class="empty" data-testid="cart-empty" hidden=move || !empty()>
            <p>{i18n.t("cart-empty")}</p>
            <a class="button primary" href="/">{i18n.t("cart-browse")}</a>
        </div>
        <div class="cart-layout" hidden=empty>
            <ul class="cart-lines" data-testid="cart-lines">
                {move || cart.get().lines.into_iter().map(|line| view! { <CartLineRow line apply/> }).collect_view()}
            </ul>
            <aside class="cart-summary">
                {move || error.get().map(|e| view! { <p class="notice error" role="alert" data-testid="cart-error">{e}</p> })}
                <p class="cart-total">
                    <span>{i18n.t("cart-total")}</span>
                    <strong class="money" data-testid="cart-total">{move || total.get().to_string()}</strong>
                </p>
                {move || (!cart.with(CartView::payable)).then(|| view! {
                    <p class="notice warning" data-testid="cart-blocked">{i18n.t("cart-fix-lines")}</p>
                })}
                {pay}
            </aside>
        </div>
    }
}

/// A visitor pays after logging in; the cart is kept.
#[component]
fn LoginToPay() -> impl IntoView {
    let i18n = use_i18n();
    let here = use_page_address().path_with_query();
    view! {
        <div class="notice" data-testid="login-to-pay">
            <p>{i18n.t("cart-login-to-pay")}</p>
            <a class="button primary" data-testid="login-to-pay-link"
                href=format!("/login?next={}", encode(&here))>{i18n.t("nav-login")}</a>
        </div>
    }
}

fn problem_text(i18n: I18n, problem: &LineProblem) -> String {
    match problem {
        LineProblem::PriceChanged { was, now } => i18n.t_with(
            problem.message_id(),
            &[
                ("was", was.to_string().into()),
                ("now", now.to_string().into()),
            ],
        ),
        other => i18n.t(other.message_id()),
    }
}

#[component]
fn CartLineRow(line: CartLine, apply: Callback<Result<CartView, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = line.id;
    let selected = line.item.upgrade_ids.clone();
    let quantity = line.item.quantity;
    let update = server_action::<UpdateCartLine>();
    let removal = server_action::<RemoveCartLine>();
    let busy = Signal::derive(move || update.pending().get() || removal.pending().get());
    for answers in [update.value(), removal.value()] {
        Effect::new(move |_| {
            if let Some(answer) = answers.get() {
                apply.run(answer);
            }
        });
    }
    let send = move |upgrades: Vec<i64>, quantity: u32| {
        update.dispatch(UpdateCartLine {
            line_id: id,
            upgrades,
            quantity,
        });
    };
    let remove = move |_| {
        removal.dispatch(RemoveCartLine { line_id: id });
    };
    let on_quantity = {
        let selected = selected.clone();
        move |ev: leptos::ev::Event| {
            if let Ok(q) = event_target_value(&ev).parse::<u32>() {
                send(selected.clone(), q);
            }
        }
    };
    let accept = {
        let selected = selected.clone();
        move |_| send(selected.clone(), quantity)
    };
    let editable = !matches!(line.problem, Some(LineProblem::Unavailable)) && line.seller.is_some();
    let upgrades = line
        .offered
        .iter()
        .map(|u| {
            let uid = u.id;
            let checked = selected.contains(&uid);
            let selected = selected.clone();
            let toggle = move |ev: leptos::ev::Event| {
                let mut next: Vec<i64> = selected.iter().copied().filter(|x| *x != uid).collect();
                if event_target_checked(&ev) {
                    next.push(uid);
                }
                send(next, quantity);
            };
            view! {
                <label class="upgrade">
                    <input type="checkbox" checked=checked disabled=move || busy.get() || !editable
                        data-testid=format!("line-upgrade-{uid}") on:change=toggle/>
                    <span class="upgrade-title">{u.title.clone()}</span>
                    <span class="upgrade-price money">"+" {u.price.to_string()}</span>
                </label>
            }
        })
        .collect_view();
    let title = if line.title.is_empty() {
        i18n.t("cart-gone-title")
    } else {
        line.title.clone()
    };
    let problem = line.problem.clone();
    let price_changed = matches!(problem, Some(LineProblem::PriceChanged { .. }));
    view! {
        <li class="cart-line" class:flagged=problem.is_some() data-testid="cart-line" data-line=id>
            {line.image.clone().map(|src| view! { <img class="cart-thumb" src=src alt="" width="96" height="64"/> })}
            <div class="cart-line-body">
                <a class="cart-line-title" href=format!("/services/{}", line.item.service_id)>{title}</a>
                {line.seller.clone().map(|s| view! { <p class="muted">{s.display_name}</p> })}
                {problem.as_ref().map(|p| view! {
                    <p class="notice warning" data-testid="line-problem">{problem_text(i18n, p)}</p>
                })}
                {(!line.offered.is_empty()).then(|| view! {
                    <fieldset class="upgrades">
                        <legend>{i18n.t("service-upgrades")}</legend>
                        {upgrades}
                    </fieldset>
                })}
                <div class="cart-line-controls">
                    <label class="quantity">
                        <span>{i18n.t("service-quantity")}</span>
                        <select data-testid="line-quantity" disabled=move || busy.get() || !editable on:change=on_quantity>
                            {(MIN_QUANTITY..=MAX_QUANTITY)
                                .map(|q| view! { <option value=q.to_string() selected={q == quantity}>{q}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    {price_changed.then(|| view! {
                        <button type="button" class="button" data-testid="accept-price"
                            disabled=move || busy.get() on:click=accept>{i18n.t("cart-accept-price")}</button>
                    })}
                    <button type="button" class="link-button" data-testid="remove-line"
                        disabled=move || busy.get() on:click=remove>{i18n.t("cart-remove")}</button>
                </div>
            </div>
            <div class="cart-line-figures">
                {line.quote.map(|q| view! {
                    <p class="muted" data-testid="line-days">{i18n.count("days", u64::from(q.delivery_days))}</p>
                    <p class="money" data-testid="line-total">{q.total.to_string()}</p>
                })}
            </div>
        </li>
    }
}

/// `/checkout?service=…&upgrades=…&quantity=…`: pay for one service right away; or
/// `/checkout?offer=…`: order an offer made on the buyer's request.
#[component]
pub fn CheckoutPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    // `?offer=N`: an offer on the buyer's request, at its terms; else one service now.
    let offer = move || query.with(|q| q.get("offer").and_then(|s| s.parse::<i64>().ok()));
    let data = api_resource(
        move || {
            query.with(|q| {
                let service = q
                    .get("service")
                    .and_then(|s| s.parse::<i64>().ok())
                    .unwrap_or(0);
                let upgrades: Vec<i64> = q
                    .get("upgrades")
                    .map(|s| s.split(',').filter_map(|x| x.parse().ok()).collect())
                    .unwrap_or_default();
                let quantity = q
                    .get("quantity")
                    .and_then(|s| s.parse::<u32>().ok())
                    .unwrap_or(MIN_QUANTITY);
                (offer(), service, upgrades, quantity)
            })
        },
        |(offer, service, upgrades, quantity)| async move {
            match offer {
                Some(id) => get_offer_checkout(id).await,
                None => get_order_now(service, upgrades, quantity).await,
            }
        },
    );
    let render = move |page: CartPage| {
        let cart = page.cart;
        let line = cart.lines.first().cloned();
        let source = Signal::stored(
            cart.payable()
                .then(|| {
                    line.as_ref().map(|l| match offer() {
                        Some(id) => CheckoutSource::Offer { id },
                        None => CheckoutSource::Now(l.item.clone()),
                    })
                })
                .flatten(),
        );
        let total = Signal::stored(cart.total);
        view! {
            <div class="cart-layout">
                <ul class="cart-lines">
                    {line.map(|line| view! { <OrderSummary line/> })}
                </ul>
                <aside class="cart-summary">
                    <p class="cart-total">
                        <span>{i18n.t("cart-total")}</span>
                        <strong class="money" data-testid="cart-total">{cart.total.to_string()}</strong>
                    </p>
                    {if page.signed_in {
                        view! { <PayPanel source total available=page.available sandbox=page.sandbox/> }.into_any()
                    } else {
                        view! { <LoginToPay/> }.into_any()
                    }}
                </aside>
            </div>
        }
    };
    view! {
        <Title text=i18n.t("checkout-title")/>
        <div class="container cart-page">
            <h1>{i18n.t("checkout-title")}</h1>
            <Loaded data render/>
        </div>
    }
}

/// One line, read-only.
#[component]
fn OrderSummary(line: CartLine) -> impl IntoView {
    let i18n = use_i18n();
    let chosen: Vec<String> = line
        .offered
        .iter()
        .filter(|u| line.item.upgrade_ids.contains(&u.id))
        .map(|u| format!("{} (+{})", u.title, u.price))
        .collect();
    view! {
        <li class="cart-line" data-testid="cart-line">
            {line.image.clone().map(|src| view! { <img class="cart-thumb" src=src alt="" width="96" height="64"/> })}
            <div class="cart-line-body">
                <a class="cart-line-title" href=format!("/services/{}", line.item.service_id)>{line.title.clone()}</a>
                {line.problem.as_ref().map(|p| view! {
                    <p class="notice warning" data-testid="line-problem">{problem_text(i18n, p)}</p>
                })}
                <ul class="bought-upgrades">
                    {chosen.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                </ul>
                <p>{i18n.t("service-quantity")} ": " {line.item.quantity}</p>
            </div>
            <div class="cart-line-figures">
                {line.quote.map(|q| view! {
                    <p class="muted">{i18n.count("days", u64::from(q.delivery_days))}</p>
                    <p class="money" data-testid="line-total">{q.total.to_string()}</p>
                })}
            </div>
        </li>
    }
}

/// `/receipts/:id`: what was bought, what the sellers need, and what happens next.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let data = api_resource(
        move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0)),
        get_receipt,
    );
    let render = move |receipt: Receipt| {
        let paid = if receipt.paid_by_card > shared::money::Money::ZERO {
            i18n.t_with(
                "receipt-paid-card",
                &[
                    ("total", receipt.total.to_string().into()),
                    ("card", receipt.paid_by_card.to_string().into()),
                ],
            )
        } else {
            i18n.t_arg("receipt-paid-wallet", "total", receipt.total.to_string())
        };
        view! {
            <div class="notice success" role="status" data-testid="receipt">
                <h1>{i18n.t("receipt-title")}</h1>
                <p>{paid}</p>
            </div>
            <ol class="receipt-orders">
                {receipt.orders.into_iter().map(|o| view! {
                    <li class="receipt-order" data-testid="receipt-order">
                        <h2>{i18n.t_arg("order-number", "id", o.id.to_string())} " — " {o.title}</h2>
                        <p class="muted">{i18n.t_arg("receipt-seller", "name", o.seller_name)}
                            " · " {i18n.count("days", u64::from(o.delivery_days))}
                            " · " <span class="money">{o.total.to_string()}</span></p>
                        {(!o.instructions.trim().is_empty()).then(|| view! {
                            <section class="instructions">
                                <h3>{i18n.t("service-instructions")}</h3>
                                <p class="pre-line">{o.instructions.clone()}</p>
                            </section>
                        })}
                    </li>
                }).collect_view()}
            </ol>
            <section class="next-steps">
                <h2>{i18n.t("receipt-next-title")}</h2>
                <p>{i18n.t("receipt-next-text")}</p>
                <a class="button primary" href="/my/purchases" data-testid="to-purchases">{i18n.t("nav-purchases")}</a>
            </section>
        }
    };
    view! {
        <Title text=i18n.t("receipt-title")/>
        <div class="container receipt-page">
            <Loaded data render/>
        </div>
    }
}
