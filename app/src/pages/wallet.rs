//! `/wallet`: balances, top-up by card, and every movement explained.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::wallet::{
    parse_top_up, Balance, PayoutMethod, TxKind, Wallet, WalletLine, WithdrawalRequest,
};

use crate::api::orders::{get_wallet, TopUp, WalletPage as WalletData};
use crate::api::{api_resource, server_action};
use crate::components::dates::full_date;
use crate::components::forms::{Field, FormNotice, FormState};
use crate::components::pay_panel::{new_key, CardFields, CardSignals, SandboxNotice};
use crate::components::states::Loaded;
use crate::i18n::{use_i18n, I18n};

#[component]
pub fn WalletPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = api_resource(|| (), |_| get_wallet());
    let render = move |page: WalletData| view! { <WalletView page/> };
    view! {
        <Title text=i18n.t("wallet-title")/>
        <div class="container wallet-page">
            <h1>{i18n.t("wallet-title")}</h1>
            <Loaded data render/>
        </div>
    }
}

#[component]
fn WalletView(page: WalletData) -> impl IntoView {
    let i18n = use_i18n();
    let wallet = RwSignal::new(page.wallet);
    view! {
        <div class="wallet-balances">
            <div class="balance">
                <span>{i18n.t("wallet-available")}</span>
                <strong class="money" data-testid="balance-available">{move || wallet.with(|w| w.available.to_string())}</strong>
            </div>
            <div class="balance">
                <span>{i18n.t("wallet-pending")}</span>
                <strong class="money" data-testid="balance-pending">{move || wallet.with(|w| w.pending.to_string())}</strong>
            </div>
            <div class="balance">
                <span>{i18n.t("wallet-held")}</span>
                <strong class="money" data-testid="balance-held">{move || wallet.with(|w| w.held.to_string())}</strong>
            </div>
        </div>
        {move || {
            let items = wallet.with(|w| w.pending_earnings.clone());
            (!items.is_empty()).then(|| view! {
                <h2>{i18n.t("wallet-pending-earnings")}</h2>
                <ul class="pending-earnings" data-testid="pending-earnings">
                    {items.into_iter().map(|p| view! {
                        <li data-testid="pending-earning">
                            <span class="money">{p.amount.to_string()}</span> " — "
                            <a href=format!("/orders/{}", p.order_id)>{i18n.t_arg("order-number", "id", p.order_id.to_string())}</a>
                            " · " {i18n.t_arg("wallet-clears-on", "date", full_date(i18n, p.clears_at))}
                        </li>
                    }).collect_view()}
                </ul>
            })
        }}
        <TopUpForm wallet sandbox=page.sandbox/>
        <WithdrawForm wallet/>
        {move || {
            let items = wallet.with(|w| w.withdrawals.clone());
            (!items.is_empty()).then(|| view! {
                <h2>{i18n.t("wallet-withdrawals")}</h2>
                <ul class="withdrawals" data-testid="withdrawals">
                    {items.into_iter().map(|w| view! {
                        <li data-testid="withdrawal-line" data-status=w.status.as_str()>
                            <span class="money">{w.amount.to_string()}</span> " · " <span dir="ltr">{w.destination}</span>
                            " · " <span class="status">{i18n.t(w.status.message_id())}</span>
                            {(!w.reason.is_empty()).then(|| view! { " — " {w.reason}})}
                        </li>
                    }).collect_view()}
                </ul>
            })
        }}
        <h2>{i18n.t("wallet-history")}</h2>
        {move || {
            let history = wallet.with(|w: &Wallet| w.history.clone());
            if history.is_empty() {
                view! { <p class="empty" data-testid="wallet-empty">{i18n.t("wallet-history-empty")}</p> }.into_any()
            } else {
                view! {
                    <table class="wallet-history" data-testid="wallet-history">
                        <thead><tr>
                            <th>{i18n.t("wallet-col-date")}</th>
                            <th>{i18n.t("wallet-col-what")}</th>
                            <th>{i18n.t("wallet-col-amount")}</th>
                        </tr></thead>
                        <tbody>
                            {history.into_iter().map(|line| view! { <HistoryRow line/> }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }
        }}
    }
}

fn describe(i18n: I18n, line: &WalletLine) -> String {
    let id = line.order_id.map(|i| i.to_string()).unwrap_or_default();
    let text = match (line.kind, line.balance, line.amount.is_negative()) {
        // The three movements of a withdrawal: held, paid out, given back.
        (TxKind::Withdrawal, Balance::Held, true) => i18n.t("wallet-tx-withdrawal-paid"),
        (TxKind::Withdrawal, Balance::Available, false) => i18n.t("wallet-tx-withdrawal-returned"),
        _ => i18n.t_arg(line.kind.message_id(), "order", id),
    };
    match line.balance {
        Balance::Available => text,
        Balance::Pending => format!("{text} ({})", i18n.t("wallet-pending")),
        Balance::Held => format!("{text} ({})", i18n.t("wallet-held")),
    }
}

#[component]
fn HistoryRow(line: WalletLine) -> impl IntoView {
    let i18n = use_i18n();
    let what = describe(i18n, &line);
    let incoming = !line.amount.is_negative();
    let amount = if incoming {
        format!("+{}", line.amount)
    } else {
        line.amount.to_string()
    };
    let link = line.order_id.map(|id| {
        let href = format!("/orders/{id}");
        view! { " " <a href=href data-testid="history-order-link">{i18n.t_arg("order-number", "id", id.to_string())}</a> }
    });
    view! {
        <tr data-testid="history-line" data-kind=line.kind.as_str()>
            <td>{full_date(i18n, line.at)}</td>
            <td>{what}{link}</td>
            <td class="money" class:credit=incoming class:debit=!incoming dir="ltr" data-testid="history-amount">{amount}</td>
        </tr>
    }
}

#[component]
fn TopUpForm(wallet: RwSignal<Wallet>, sandbox: bool) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let card = CardSignals::new();
    let amount = RwSignal::new(String::new());
    let key = StoredValue::new(new_key());
    let top_up_action = server_action::<TopUp>();
    let busy = top_up_action.pending();
    let done = RwSignal::new(None::<String>);
    Effect::new(move |_| match top_up_action.value().get() {
        Some(Ok(w)) => {
            wallet.set(w);
            // The next top-up is a new payment.
            key.set_value(new_key());
            amount.set(String::new());
            done.set(Some(i18n.t("wallet-topped-up")));
        }
        Some(Err(e)) => form.failed(&e),
        None => {}
    });
    let amount_problem = Signal::derive(move || {
        let client: Vec<_> = parse_top_up(&amount.get())
            .err()
            .map(|m| shared::validation::FieldError::new("amount", m))
            .into_iter()
            .collect();
        form.message("amount", &client)
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        form.attempt();
        done.set(None);
        if parse_top_up(&amount.get_untracked()).is_err() || !card.problems().is_empty() {
            return;
        }
        let Some(k) = key.get_value() else {
            form.notice.set(Some(i18n.t("error-no-secure-random")));
            return;
        };
        top_up_action.dispatch(TopUp {
            key: k,
            amount: amount.get_untracked(),
            card: card.input(),
        });
    };
    view! {
        <form class="top-up card-box" on:submit=submit data-testid="top-up-form">
            <h2>{i18n.t("wallet-top-up")}</h2>
            {sandbox.then(|| view! { <SandboxNotice/> })}
            <Field form name="amount" label=i18n.t("wallet-amount") value=amount problem=amount_problem
                hint=i18n.t("wallet-amount-hint")/>
            <CardFields form card/>
            <FormNotice form/>
            {move || done.get().map(|t| view! { <p class="notice success" role="status" data-testid="top-up-done">{t}</p> })}
            <button type="submit" class="button primary" data-testid="top-up-submit" disabled=move || busy.get()>
                {i18n.t("wallet-top-up")}
            </button>
        </form>
    }
}

#[component]
fn WithdrawForm(wallet: RwSignal<Wallet>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let amount = RwSignal::new(String::new());
    let bank = RwSignal::new(false);
    let email = RwSignal::new(String::new());
    let iban = RwSignal::new(String::new());
    let holder = RwSignal::new(String::new());
    let done = RwSignal::new(None::<String>);
    let withdraw = Action::new(|request: &WithdrawalRequest| {
        let request = request.clone();
        async move { crate::api::orders::request_withdrawal(request).await }
    });
    let busy = withdraw.pending();
    Effect::new(move |_| match withdraw.value().get() {
        Some(Ok(w)) => {
            wallet.set(w);
            amount.set(String::new());
            done.set(Some(i18n.t("withdrawal-requested")));
        }
        Some(Err(e)) => form.failed(&e),
        None => {}
    });
    let request = move || WithdrawalRequest {
        amount: amount.get(),
        method: if bank.get() {
            PayoutMethod::Bank {
                iban: iban.get(),
                holder: holder.get(),
            }
        } else {
            PayoutMethod::PayPal { email: email.get() }
        },
    };
    let problems = move || {
        shared::wallet::check_withdrawal(&request())
            .err()
            .unwrap_or_default()
    };
    let problem =
        move |field: &'static str| Signal::derive(move || form.message(field, &problems()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        form.attempt();
        done.set(None);
        if !problems().is_empty() {
            return;
        }
        withdraw.dispatch(request());
    };
    view! {
        <form class="withdraw card-box" on:submit=submit data-testid="withdraw-form">
            <h2>{i18n.t("withdrawal-title")}</h2>
            <Field form name="withdrawal-amount" label=i18n.t("withdrawal-amount") value=amount problem=problem("amount")
                hint=i18n.t("withdrawal-minimum-hint")/>
            <fieldset class="payout-method">
                <label><input type="radio" name="method" data-testid="method-paypal" prop:checked=move || !bank.get()
                    on:change=move |_| bank.set(false)/> " PayPal"</label>
                <label><input type="radio" name="method" data-testid="method-bank" prop:checked=move || bank.get()
                    on:change=move |_| bank.set(true)/> " " {i18n.t("withdrawal-bank")}</label>
            </fieldset>
            {move || if bank.get() {
                view! {
                    <Field form name="iban" label="IBAN".to_string() value=iban problem=problem("iban")/>
                    <Field form name="holder" label=i18n.t("withdrawal-holder") value=holder problem=problem("holder")/>
                }.into_any()
            } else {
                view! { <Field form name="email" label=i18n.t("withdrawal-paypal-email") value=email problem=problem("email") kind="email"/> }.into_any()
            }}
            <FormNotice form/>
            {move || done.get().map(|t| view! { <p class="notice success" role="status" data-testid="withdraw-done">{t}</p> })}
            <button type="submit" class="button" data-testid="withdraw-submit" disabled=move || busy.get()>
                {i18n.t("withdrawal-submit")}
            </button>
        </form>
    }
}
