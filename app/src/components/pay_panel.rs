//! Paying: the wallet balance, a card for what it does not cover, and the pay button.
//! Used by the cart and by "order now"; the card fields also serve the wallet's top-up.

use leptos::prelude::*;
use shared::card::{
    check_card, CardInput, SANDBOX_CARD_DECLINED, SANDBOX_CARD_NETWORK_ERROR, SANDBOX_CARD_OK,
};
use shared::money::Money;
use shared::orders::{CheckoutRequest, CheckoutSource};

use super::forms::{go_to, Field, FormNotice, FormState};
use crate::api::orders::Checkout;
use crate::api::server_action;
use crate::i18n::use_i18n;

/// A fresh idempotency key for one payment attempt (128 random bits, in hex), made by
/// the browser. `None` without a cryptographic random source: a predictable key (all
/// zeros) would make two different payments look like one retried payment, so paying is
/// refused instead. The server never pays with a key of its own making: `None` there too.
pub fn new_key() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let mut bytes = [0u8; 16];
        let crypto = web_sys::window()?.crypto().ok()?;
        crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
        Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// What the user types into the card fields.
#[derive(Clone, Copy)]
pub struct CardSignals {
    pub number: RwSignal<String>,
    pub expiry: RwSignal<String>,
    pub cvc: RwSignal<String>,
}

impl CardSignals {
    pub fn new() -> Self {
        CardSignals {
            number: RwSignal::new(String::new()),
            expiry: RwSignal::new(String::new()),
            cvc: RwSignal::new(String::new()),
        }
    }

    pub fn input(&self) -> CardInput {
        CardInput {
            number: self.number.get_untracked(),
            expiry: self.expiry.get_untracked(),
            cvc: self.cvc.get_untracked(),
        }
    }

    /// The browser's check (the server checks again, and the expiry date too).
    pub fn problems(&self) -> Vec<shared::validation::FieldError> {
        let input = CardInput {
            number: self.number.get(),
            expiry: self.expiry.get(),
            cvc: self.cvc.get(),
        };
        check_card(&input, None).err().unwrap_or_default()
    }
}

impl Default for CardSignals {
    fn default() -> Self {
        Self::new()
    }
}

/// "Test mode": no real money moves; the test cards and what each does.
#[component]
pub fn SandboxNotice() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice sandbox" role="note" data-testid="sandbox-notice">
            <strong>{i18n.t("sandbox-title")}</strong>
            <p>{i18n.t("sandbox-text")}</p>
            <ul>
                <li><code dir="ltr">{SANDBOX_CARD_OK}</code> " — " {i18n.t("sandbox-card-ok")}</li>
                <li><code dir="ltr">{SANDBOX_CARD_DECLINED}</code> " — " {i18n.t("sandbox-card-declined")}</li>
                <li><code dir="ltr">{SANDBOX_CARD_NETWORK_ERROR}</code> " — " {i18n.t("sandbox-card-network")}</li>
            </ul>
        </div>
    }
}

#[component]
pub fn CardFields(form: FormState, card: CardSignals) -> impl IntoView {
    let i18n = use_i18n();
    let problem =
        move |field: &'static str| Signal::derive(move || form.message(field, &card.problems()));
    view! {
        <fieldset class="card-fields" dir="ltr">
            <legend>{i18n.t("card-title")}</legend>
            <Field form name="card.number" label=i18n.t("card-number") value=card.number
                problem=problem("card.number") autocomplete="cc-number"/>
            <div class="field-row">
                <Field form name="card.expiry" label=i18n.t("card-expiry") value=card.expiry
                    problem=problem("card.expiry") autocomplete="cc-exp" hint="MM/YY"/>
                <Field form name="card.cvc" label=i18n.t("card-cvc") value=card.cvc
                    problem=problem("card.cvc") autocomplete="cc-csc"/>
            </div>
        </fieldset>
    }
}

/// The wallet pays what it can; a card pays the rest (it tops up the wallet first). The
/// key is made once per page, so a double click or a retry pays once.
#[component]
pub fn PayPanel(
    /// What is paid for; `None` while the cart cannot be paid as it is.
    #[prop(into)]
    source: Signal<Option<CheckoutSource>>,
    #[prop(into)] total: Signal<Money>,
    /// The wallet's balance when the page was loaded.
    available: Money,
    sandbox: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let card = CardSignals::new();
    let key = StoredValue::new(new_key());
    let pay_action = server_action::<Checkout>();
    // Stays on after a success too: the page is on its way to the receipt.
    let paying = RwSignal::new(false);
    Effect::new(move |_| match pay_action.value().get() {
        Some(Ok(receipt)) => go_to(&format!("/receipts/{}", receipt.checkout_id)),
        Some(Err(e)) => {
            paying.set(false);
            form.failed(&e);
        }
        None => {}
    });
    let shortfall = move || {
        let t = total.get();
        (t > available).then(|| t - available)
    };
    let pay = move |_| {
        if paying.get_untracked() {
            return;
        }
        let Some(source) = source.get_untracked() else {
            return;
        };
        let Some(key) = key.get_value() else {
            form.notice.set(Some(i18n.t("error-no-secure-random")));
            return;
        };
        form.attempt();
        let card_input = if shortfall().is_some() {
            if !card.problems().is_empty() {
                return;
            }
            Some(card.input())
        } else {
            None
        };
        paying.set(true);
        pay_action.dispatch(Checkout {
            request: CheckoutRequest {
                key,
                source,
                card: card_input,
            },
        });
    };
    let balance = i18n.t_arg("pay-wallet-balance", "amount", available.to_string());
    view! {
        <section class="pay-panel" data-testid="pay-panel">
            <h2>{i18n.t("pay-title")}</h2>
            <p class="pay-line" data-testid="wallet-balance">{balance}</p>
            <div hidden=move || shortfall().is_none()>
                <p class="pay-line" data-testid="card-part">
                    {move || shortfall().map(|short| i18n.t_arg("pay-card-part", "amount", short.to_string()))}
                </p>
                {sandbox.then(|| view! { <SandboxNotice/> })}
                <CardFields form card/>
            </div>
            <FormNotice form/>
            <button type="button" class="button primary large" data-testid="pay"
                disabled=move || paying.get() || source.get().is_none()
                on:click=pay>
                {move || if paying.get() {
                    i18n.t("pay-paying")
                } else {
                    i18n.t_arg("pay-button", "amount", total.get().to_string())
                }}
            </button>
        </section>
    }
}
