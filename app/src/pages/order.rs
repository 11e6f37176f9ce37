//! `/orders/:id`: what was bought, where the order stands and until when, the steps the
//! viewer may take now, and the timeline that is also the order's conversation.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::money::Money;
use shared::orders::lifecycle::{OrderAction, OrderState, Role, Ruling};
use shared::orders::{ActionRequest, Author, OrderDetail, OrderFile, OrderStatus, TimelineEntry};
use shared::reviews::ReviewRequest;

use crate::api::api_resource;
use crate::api::orders::{get_order, order_action, order_message, review_order};
use crate::components::attachments::{AttachFiles, FileLinks};
use crate::components::dates::full_date;
use crate::components::forms::ContactWarning;
use crate::components::rating::Stars;
use crate::components::states::{use_id_param, Loaded};
use crate::error::AppError;
use crate::i18n::{use_i18n, I18n};

#[component]
pub fn OrderPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_id_param();
    let data = api_resource(id, get_order);
    let render = move |detail: OrderDetail| view! { <OrderView detail/> };
    view! {
        <Title text=move || i18n.t_arg("order-number", "id", id().to_string())/>
        <div class="container order-page">
            <Loaded data render/>
        </div>
    }
}

/// "2 days and 3 hours" (or just the hours under a day).
fn span(i18n: I18n, secs: i64) -> String {
    let hours = secs.max(0) / 3600;
    let (days, hours) = (hours / 24, hours % 24);
    if days == 0 {
        i18n.count("hours", hours as u64)
    } else if hours == 0 {
        i18n.count("days", days as u64)
    } else {
        i18n.t_with(
            "order-span",
            &[
                ("days", i18n.count("days", days as u64).into()),
                ("hours", i18n.count("hours", hours as u64).into()),
            ],
        )
    }
}

/// The deadline line: time left, or how late it is.
fn deadline_text(i18n: I18n, state: &OrderState, now: i64) -> Option<String> {
    let deadline = state.deadline?;
    match state.status {
        OrderStatus::InProgress if now > deadline => {
            Some(i18n.t_arg("order-late-by", "time", span(i18n, now - deadline)))
        }
        OrderStatus::InProgress => {
            Some(i18n.t_arg("order-due-in", "time", span(i18n, deadline - now)))
        }
        _ => None,
    }
}

fn action_label(action: OrderAction) -> &'static str {
    match action {
        OrderAction::SendInstructions => "order-do-send-instructions",
        OrderAction::Deliver => "order-do-deliver",
        OrderAction::Accept => "order-do-accept",
        OrderAction::RequestChanges => "order-do-request-changes",
        OrderAction::CancelLate => "order-do-cancel-late",
        OrderAction::Decline => "order-do-decline",
        OrderAction::AskCancel => "order-do-ask-cancel",
        OrderAction::AnswerCancel { agree: true } => "order-do-agree-cancel",
        OrderAction::AnswerCancel { agree: false } => "order-do-refuse-cancel",
        OrderAction::Report => "order-do-report",
        OrderAction::Rule(Ruling::ToSeller) => "order-do-rule-seller",
        OrderAction::Rule(Ruling::ToBuyer) => "order-do-rule-buyer",
        OrderAction::Rule(Ruling::Split { .. }) => "order-do-rule-split",
        OrderAction::AutoAccept | OrderAction::AutoCancel => "order-do-auto",
    }
}

/// The `data-testid` of an action's button.
fn action_test_id(action: OrderAction) -> &'static str {
    &action_label(action)["order-do-".len()..]
}

fn author_label(author: Author) -> &'static str {
    match author {
        Author::Buyer => "order-buyer",
        Author::Seller => "order-seller",
        Author::Admin => "order-admin",
        Author::System => "order-system",
    }
}

#[component]
fn OrderView(detail: OrderDetail) -> impl IntoView {
    let i18n = use_i18n();
    let id = detail.id;
    let detail = RwSignal::new(detail);
    let note = RwSignal::new(String::new());
    let split = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // Seconds since the page's data was made: the countdown ticks in the browser.
    let elapsed = RwSignal::new(0i64);
    // Files uploaded for the next action or message.
    let attached = RwSignal::new(Vec::<OrderFile>::new());
    let act = Action::new(move |request: &ActionRequest| {
        let request = request.clone();
        async move { order_action(id, request).await }
    });
    let send = Action::new(move |(body, files): &(String, Vec<i64>)| {
        let (body, files) = (body.clone(), files.clone());
        async move { order_message(id, body, files).await }
    });
    let busy = Signal::derive(move || act.pending().get() || send.pending().get());
    let apply = move |result: Option<Result<OrderDetail, AppError>>| match result {
        Some(Ok(d)) => {
            detail.set(d);
            elapsed.set(0);
            note.set(String::new());
            attached.set(Vec::new());
            error.set(None);
        }
        // The page has one text box (the note or the message): a field error is about
        // it, and says exactly what is wrong (too long, contact details…).
        Some(Err(e)) => error.set(Some(e.first_message(i18n))),
        None => {}
    };
    Effect::new(move |_| apply(act.value().get()));
    Effect::new(move |_| apply(send.value().get()));
    let take = move |action: OrderAction| {
        if busy.get_untracked() {
            return;
        }
        let action = match action {
            OrderAction::Rule(Ruling::Split { .. }) => {
                match shared::money::parse_amount(&split.get_untracked()) {
                    Some(buyer) => OrderAction::Rule(Ruling::Split { buyer }),
                    None => {
                        error.set(Some(i18n.t("error-order-split-invalid")));
                        return;
                    }
                }
            }
            other => other,
        };
        act.dispatch(ActionRequest {
            action,
            note: note.get_untracked(),
            files: attached.with_untracked(|f| f.iter().map(|f| f.id).collect()),
        });
    };
    Effect::new(move |_| {
        set_interval(
            move || elapsed.update(|e| *e += 30),
            std::time::Duration::from_secs(30),
        );
    });
    let header = move || {
        let d = detail.get();
        let now = d.now + elapsed.get();
        let other = match d.viewer {
            Role::Buyer => ("order-seller", d.seller.clone()),
            _ => ("order-buyer", d.buyer.clone()),
        };
        let upgrades: Vec<String> = d.upgrades.iter().map(|u| u.title.clone()).collect();
        let late = d.state.is_late(now);
        view! {
            <header class="order-header">
                <p class="muted">{i18n.t_arg("order-number", "id", d.id.to_string())}</p>
                <h1><a href=format!("/services/{}", d.service_id)>{d.title.clone()}</a></h1>
                {(!upgrades.is_empty()).then(|| view! { <p class="muted small">{upgrades.join("، ")}</p> })}
                <p>
                    {i18n.t("service-quantity")} ": " {d.quantity} " · "
                    <strong class="money" data-testid="order-total">{d.total.to_string()}</strong>
                </p>
                <p>
                    {i18n.t(other.0)} ": "
                    <a href=format!("/sellers/{}", other.1.username)>{other.1.name}</a>
                </p>
                <p>
                    <span class="status" class:late=late data-testid="order-status" data-status=d.state.status.as_str()>
                        {i18n.t(d.state.status.message_id())}
                    </span>
                    {deadline_text(i18n, &d.state, now).map(|t| view! { " " <span class="deadline" class:late=late data-testid="order-deadline">{t}</span> })}
                </p>
                {(d.refunded > Money::ZERO).then(|| view! {
                    <p data-testid="order-refunded">{i18n.t_arg("order-refunded", "amount", d.refunded.to_string())}</p>
                })}
                {d.state.cancel_request.map(|r| {
                    let who = match r.by {
                        shared::orders::lifecycle::Side::Buyer => "order-buyer",
                        shared::orders::lifecycle::Side::Seller => "order-seller",
                    };
                    view! { <p class="notice" data-testid="cancel-request">{i18n.t_arg("order-cancel-asked-by", "who", i18n.t(who))}</p> }
                })}
            </header>
        }
    };
    let actions = move || {
        let d = detail.get();
        if d.actions.is_empty() {
            return None;
        }
        let needs_note = d
            .actions
            .iter()
            .any(|a| a.needs_note() || matches!(a, OrderAction::Rule(_)));
        let has_split = d
            .actions
            .iter()
            .any(|a| matches!(a, OrderAction::Rule(Ruling::Split { .. })));
        let hint = if d.state.status == OrderStatus::AwaitingInstructions && d.viewer == Role::Buyer
        {
            Some(d.seller_instructions.clone()).filter(|s| !s.is_empty())
        } else {
            None
        };
        Some(view! {
            <section class="order-actions" data-testid="order-actions">
                <h2>{i18n.t("order-actions")}</h2>
                {hint.map(|h| view! { <p class="notice"><strong>{i18n.t("order-seller-instructions")} ": "</strong>{h}</p> })}
                {needs_note.then(|| view! {
                    <label class="field">
                        <span>{i18n.t("order-note")}</span>
                        <textarea rows="4" data-testid="order-note" prop:value=move || note.get()
                            on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                        <ContactWarning text=note/>
                    </label>
                })}
                {has_split.then(|| view! {
                    <label class="field">
                        <span>{i18n.t("order-split-amount")}</span>
                        <input type="text" inputmode="decimal" dir="ltr" data-testid="split-amount"
                            prop:value=move || split.get() on:input=move |ev| split.set(event_target_value(&ev))/>
                    </label>
                })}
                <div class="buttons">
                    {d.actions.iter().map(|a| {
                        let a = *a;
                        let primary = matches!(a, OrderAction::SendInstructions | OrderAction::Deliver | OrderAction::Accept);
                        view! {
                            <button type="button" class:primary=primary class="button" data-testid=format!("action-{}", action_test_id(a))
                                disabled=move || busy.get() on:click=move |_| take(a)>
                                {i18n.t(action_label(a))}
                            </button>
                        }
                    }).collect_view()}
                </div>
            </section>
        })
    };
    let message_box = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(_)) = send.value().get() {
            message_box.set(String::new());
        }
    });
    view! {
        {header}
        {move || error.get().map(|e| view! { <p class="notice error" role="alert" data-testid="order-error">{e}</p> })}
        <AttachFiles upload_url=format!("/orders/{id}/files") attached/>
        {actions}
        <ReviewSection detail/>
        <section class="timeline">
            <h2>{i18n.t("order-timeline")}</h2>
            <ol data-testid="timeline">
                {move || detail.get().timeline.into_iter().map(|e| view! { <TimelineLine order=id entry=e/> }).collect_view()}
            </ol>
            <form class="message-form" on:submit=move |ev| {
                ev.prevent_default();
                if !busy.get_untracked() {
                    let files = attached.with_untracked(|f| f.iter().map(|f| f.id).collect());
                    send.dispatch((message_box.get_untracked(), files));
                }
            }>
                <label class="field">
                    <span>{i18n.t("order-message")}</span>
                    <textarea rows="3" data-testid="message-body" prop:value=move || message_box.get()
                        on:input=move |ev| message_box.set(event_target_value(&ev))></textarea>
                    <ContactWarning text=message_box/>
                </label>
                <button type="submit" class="button" data-testid="message-send" disabled=move || busy.get()>
                    {i18n.t("order-message-send")}
                </button>
            </form>
        </section>
    }
}

#[component]
fn TimelineLine(order: i64, entry: TimelineEntry) -> impl IntoView {
    let i18n = use_i18n();
    let who = if entry.author == Author::System {
        i18n.t("order-system")
    } else {
        format!(
            "{} ({})",
            entry.author_name,
            i18n.t(author_label(entry.author))
        )
    };
    let what = match entry.amount {
        Some(amount) => i18n.t_arg(entry.event.message_id(), "amount", amount.to_string()),
        None => i18n.t_arg(entry.event.message_id(), "amount", String::new()),
    };
    view! {
        <li class="event" data-testid="timeline-event" data-event=entry.event.as_str()>
            <p class="meta"><strong>{who}</strong> " · " <span class="muted">{full_date(i18n, entry.at)}</span></p>
            <p class="what">{what}</p>
            {(!entry.body.is_empty()).then(|| view! { <p class="body" data-testid="event-body">{entry.body.clone()}</p> })}
            <FileLinks files=entry.files.clone() base=format!("/orders/{order}/files") testid="order-file"/>
        </li>
    }
}

/// The order's review: the buyer's form (to rate, or to change the rating within 24
/// hours), the review once written, and the seller's reply form under it.
#[component]
fn ReviewSection(detail: RwSignal<OrderDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let id = detail.with_untracked(|d| d.id);
    let written = detail.with_untracked(|d| d.review.clone());
    let stars = RwSignal::new(written.as_ref().map_or(0u8, |r| r.rating));
    let comment = RwSignal::new(
        written
            .as_ref()
            .map(|r| r.comment.clone())
            .unwrap_or_default(),
    );
    let reply = RwSignal::new(written.and_then(|r| r.reply).unwrap_or_default());
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let write = Action::new(move |request: &ReviewRequest| {
        let request = request.clone();
        async move { review_order(id, request).await }
    });
    Effect::new(move |_| match write.value().get() {
        Some(Ok(d)) => {
            detail.set(d);
            problem.set(None);
            saved.set(true);
        }
        Some(Err(e)) => {
            saved.set(false);
            problem.set(Some(e.first_message(i18n)));
        }
        None => {}
    });
    move || {
        let d = detail.get();
        let options = d.review_options;
        let can_rate = options.rate || options.edit_rating;
        let can_reply = options.reply || options.edit_reply;
        if d.review.is_none() && !can_rate {
            return None;
        }
        let rate_form = can_rate.then(|| view! {
            <form class="review-form" data-testid="review-form" on:submit=move |ev| {
                ev.prevent_default();
                write.dispatch(ReviewRequest::Rate { rating: stars.get_untracked(), comment: comment.get_untracked() });
            }>
                <fieldset class="star-input">
                    <legend>{i18n.t("review-your-rating")}</legend>
                    {(1..=5u8).map(|n| {
                        let lit = move || stars.get() >= n;
                        view! {
                        <label class="star-choice" class:on=lit>
                            <input type="radio" name="rating" value=n class="visually-hidden"
                                data-testid=format!("review-star-{n}")
                                prop:checked=move || stars.get() == n
                                on:change=move |_| stars.set(n)/>
                            <span aria-hidden="true">"★"</span>
                            <span class="visually-hidden">{i18n.t_with("review-stars", &[("stars", n.into())])}</span>
                        </label>
                        }
                    }).collect_view()}
                </fieldset>
                <label class="field">
                    <span>{i18n.t("review-comment")}</span>
                    <textarea rows="4" data-testid="review-comment-input" prop:value=move || comment.get()
                        on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                    <span class="muted small">{i18n.t("review-comment-hint")}</span>
                    <ContactWarning text=comment/>
                </label>
                {options.rate_until.map(|until| view! {
                    <p class="muted small">{i18n.t_arg("review-rate-until", "date", full_date(i18n, until))}</p>
                })}
                {options.edit_rating.then(|| view! { <p class="muted small">{i18n.t("review-edit-until")}</p> })}
                <button type="submit" class="button primary" data-testid="review-submit" disabled=move || write.pending().get()>
                    {i18n.t(if options.edit_rating { "review-save" } else { "review-submit" })}
                </button>
            </form>
        });
        let shown = d.review.clone().map(|r| view! {
            <div class="review order-review" data-testid="order-review">
                <p class="meta"><strong>{i18n.t("review-written")}</strong> " " <Stars stars=r.rating/></p>
                <p class="review-comment" data-testid="order-review-comment">{r.comment.clone()}</p>
                {r.reply.clone().map(|text| view! {
                    <blockquote class="review-reply" data-testid="seller-reply">
                        <strong>{i18n.t("review-seller-reply")}</strong>
                        <p>{text}</p>
                    </blockquote>
                })}
            </div>
        });
        let reply_form = can_reply.then(|| view! {
            <form class="review-form" data-testid="reply-form" on:submit=move |ev| {
                ev.prevent_default();
                write.dispatch(ReviewRequest::Reply { text: reply.get_untracked() });
            }>
                <label class="field">
                    <span>{i18n.t("review-reply")}</span>
                    <textarea rows="3" data-testid="reply-input" prop:value=move || reply.get()
                        on:input=move |ev| reply.set(event_target_value(&ev))></textarea>
                    <ContactWarning text=reply/>
                </label>
                <button type="submit" class="button" data-testid="reply-submit" disabled=move || write.pending().get()>
                    {i18n.t(if options.edit_reply { "review-reply-edit" } else { "review-reply-submit" })}
                </button>
            </form>
        });
        Some(view! {
            <section class="panel review-section" data-testid="review-section">
                <h2>{i18n.t("review-section")}</h2>
                {move || problem.get().map(|e| view! { <p class="notice error" role="alert" data-testid="review-error">{e}</p> })}
                {move || saved.get().then(|| view! { <p class="notice" role="status" data-testid="review-saved">{i18n.t("review-saved")}</p> })}
                {shown}
                {rate_form}
                {reply_form}
            </section>
        })
    }
}
