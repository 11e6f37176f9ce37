//! Buyer requests: `/requests` (open ones, filtered), `/requests/new`, `/requests/:id`
//! (the request, and for its buyer the offers to order; for a seller their offer), and
//! `/my/requests`.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::catalog::{CategoryTree, Named};
use shared::requests::{
    check_request, OfferDraft, OfferStatus, RequestCard, RequestDraft, RequestList, RequestOffer,
    RequestPage, RequestQuery, RequestStatus, RequestViewer,
};

use crate::api::api_resource;
use crate::api::get_category_tree;
use crate::api::requests::{
    close_request, get_my_requests, get_request, get_requests, make_offer, post_request,
};
use crate::components::attachments::{AttachFiles, FileLinks};
use crate::components::dates::full_date;
use crate::components::forms::{go_to, ContactWarning, Field, FormNotice, FormState};
use crate::components::level_badge::LevelBadge;
use crate::components::pagination::Pagination;
use crate::components::rating::Rating;
use crate::components::states::{use_id_param, Loaded};
use crate::components::user_state::page_member;
use crate::i18n::use_i18n;
use crate::route::use_query_map;

/// The budget: one amount, or the lowest and the highest, each an isolated amount so the
/// range reads in the page's direction (lowest first).
#[component]
pub fn BudgetRange(card: RequestCard) -> impl IntoView {
    let (min, max) = (card.budget_min, card.budget_max);
    view! {
        <strong data-testid="request-budget">
            <span class="money">{min.to_string()}</span>
            {(max != min).then(|| view! { " – " <span class="money">{max.to_string()}</span> })}
        </strong>
    }
}

/// A request's line in a list.
#[component]
fn RequestLine(card: RequestCard) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <li class="request-line" data-testid="request-line">
            <h3><a href=format!("/requests/{}", card.id) data-testid="request-link">{card.title.clone()}</a></h3>
            <p class="muted small">
                {card.category.name(i18n.lang).to_owned()} " · " {card.buyer.clone()} " · " {full_date(i18n, card.created_at)}
            </p>
            <p class="request-figures">
                <span>{i18n.t("request-budget")} ": " <BudgetRange card=card.clone()/></span>
                <span>{i18n.count("days", u64::from(card.delivery_days))}</span>
                <span data-testid="request-offers">{i18n.count("request-offers-count", u64::from(card.offers))}</span>
                <span class="status" data-status=card.status.as_str()>{i18n.t(card.status.message_id())}</span>
            </p>
        </li>
    }
}

/// `/requests`
#[component]
pub fn RequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let current = move || {
        query.with(|q| RequestQuery {
            q: q.get("q").unwrap_or_default(),
            category: q.get("category").unwrap_or_default(),
            budget: q.get("budget").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        })
    };
    let data = api_resource(current, get_requests);
    let tree = api_resource(|| (), |_| get_category_tree());
    let render = move |list: RequestList| {
        let q = current();
        let href = move |page: u32| {
            let mut parts = vec![];
            for (k, v) in [
                ("q", &q.q),
                ("category", &q.category),
                ("budget", &q.budget),
            ] {
                if !v.is_empty() {
                    parts.push(format!("{k}={}", shared::search::encode(v)));
                }
            }
            if page > 1 {
                parts.push(format!("page={page}"));
            }
            if parts.is_empty() {
                "/requests".to_owned()
            } else {
                format!("/requests?{}", parts.join("&"))
            }
        };
        if list.requests.is_empty() {
            return view! { <p class="empty-state" data-testid="no-requests">{i18n.t("requests-empty")}</p> }.into_any();
        }
        view! {
            <ul class="request-list">
                {list.requests.into_iter().map(|card| view! { <RequestLine card/> }).collect_view()}
            </ul>
            <Pagination page=list.page total_pages=list.pages href/>
        }
        .into_any()
    };
    let filters = move || {
        let q = current();
        view! {
            // A plain GET: the filters are the address, and work without JavaScript.
            <form class="request-filters" method="get" action="/requests" role="search">
                <input type="search" name="q" value=q.q.clone() placeholder=i18n.t("requests-search")
                    aria-label=i18n.t("requests-search") data-testid="requests-q"/>
                <Suspense fallback=|| ()>
                    {move || {
                        let chosen = q.category.clone();
                        Suspend::new(async move {
                            let tree = tree.await.unwrap_or_default();
                            view! { <CategorySelect tree chosen any=true/> }
                        })
                    }}
                </Suspense>
                <input type="text" inputmode="numeric" name="budget" value=q.budget.clone() dir="ltr"
                    placeholder=i18n.t("requests-budget-at-least") aria-label=i18n.t("requests-budget-at-least")/>
                <button type="submit" class="button">{i18n.t("search-button")}</button>
            </form>
        }
    };
    view! {
        <Title text=i18n.t("requests-title")/>
        <div class="container">
            <header class="page-head">
                <h1>{i18n.t("requests-title")}</h1>
                <a class="button primary" href="/requests/new" data-testid="new-request">{i18n.t("requests-new")}</a>
            </header>
            <p class="muted">{i18n.t("requests-lead")}</p>
            {filters}
            <Loaded data render/>
        </div>
    }
}

/// A category choice by slug (the filter) or by id (the form's sub-categories).
#[component]
fn CategorySelect(tree: Vec<CategoryTree>, chosen: String, any: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select name=if any { "category" } else { "category_id" } aria-label=i18n.t("field-category") data-testid="request-category">
            <option value="" selected=chosen.is_empty()>{i18n.t(if any { "requests-any-category" } else { "field-category-choose" })}</option>
            {tree.into_iter().map(|main| {
                let label = main.category.name(i18n.lang).to_owned();
                let main_option = any.then(|| {
                    let selected = main.category.slug == chosen;
                    view! { <option value=main.category.slug.clone() selected=selected>{label.clone()}</option> }
                });
                view! {
                    {main_option}
                    <optgroup label=label>
                        {main.children.iter().map(|c| {
                            let value = if any { c.slug.clone() } else { c.id.to_string() };
                            let selected = value == chosen;
                            view! { <option value=value selected=selected>{c.name(i18n.lang).to_owned()}</option> }
                        }).collect_view()}
                    </optgroup>
                }
            }).collect_view()}
        </select>
    }
}

/// `/requests/new`
#[component]
pub fn NewRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let tree = api_resource(|| (), |_| get_category_tree());
    let me = page_member();
    view! {
        <Title text=i18n.t("requests-new")/>
        <div class="container narrow">
            <h1>{i18n.t("requests-new")}</h1>
            <p class="muted">{i18n.t("requests-new-lead")}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match (me.await.ok().flatten(), tree.await) {
                        (Some(_), Ok(tree)) => view! { <RequestForm tree/> }.into_any(),
                        (Some(_), Err(_)) => ().into_any(),
                        (None, _) => view! {
                            <p class="notice"><a class="button primary" href="/login?next=/requests/new" data-testid="request-login">{i18n.t("requests-log-in")}</a></p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn RequestForm(tree: Vec<CategoryTree>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let budget_min = RwSignal::new(String::new());
    let budget_max = RwSignal::new(String::new());
    let days = RwSignal::new(String::new());
    let draft = move || RequestDraft {
        title: title.get(),
        description: description.get(),
        category_id: category.get().parse().unwrap_or(0),
        budget_min: budget_min.get(),
        budget_max: budget_max.get(),
        delivery_days: days.get(),
    };
    let client = Memo::new(move |_| check_request(&draft()).err().unwrap_or_default());
    let problem =
        move |field: &'static str| Signal::derive(move || form.message(field, &client.get()));
    let action = Action::new(move |d: &RequestDraft| post_request(d.clone()));
    Effect::new(move |_| match action.value().get() {
        Some(Ok(id)) => go_to(&format!("/requests/{id}")),
        Some(Err(e)) => form.failed(&e),
        None => {}
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.attempt();
        if client.get_untracked().is_empty() {
            action.dispatch(draft());
        }
    };
    view! {
        <form class="card-form" on:submit=on_submit novalidate data-testid="request-form">
            <FormNotice form/>
            <Field form name="title" label=i18n.t("request-field-title") value=title problem=problem("title")/>
            <div class="field" class:invalid=move || problem("category_id").get().is_some()
                on:change=move |ev| { category.set(event_target_value(&ev)); form.touch("category_id"); }>
                <label>{i18n.t("field-category")}</label>
                <CategorySelect tree chosen=String::new() any=false/>
                <p class="field-message" data-testid="error-category_id">
                    {move || problem("category_id").get().map(|m| i18n.t(&m))}
                </p>
            </div>
            <Field form name="description" label=i18n.t("request-field-description") value=description
                multiline=true hint=i18n.t("request-field-description-hint") problem=problem("description")/>
            <ContactWarning text=description/>
            <div class="field-row">
                <Field form name="budget_min" label=i18n.t("request-field-budget-min") value=budget_min
                    hint=i18n.t("request-field-budget-hint") problem=problem("budget_min")/>
                <Field form name="budget_max" label=i18n.t("request-field-budget-max") value=budget_max
                    problem=problem("budget_max")/>
                <Field form name="delivery_days" label=i18n.t("field-days") value=days problem=problem("delivery_days")/>
            </div>
            <button type="submit" class="button primary" data-testid="request-submit" disabled=move || action.pending().get()>
                {i18n.t("requests-post")}
            </button>
        </form>
    }
}

/// `/requests/:id`
#[component]
pub fn RequestDetailPage() -> impl IntoView {
    let id = use_id_param();
    let data = api_resource(id, get_request);
    let render = move |page: RequestPage| view! { <RequestView page/> };
    view! {
        <div class="container request-page">
            <Loaded data render/>
        </div>
    }
}

#[component]
fn RequestView(page: RequestPage) -> impl IntoView {
    let i18n = use_i18n();
    let id = page.card.id;
    let page = RwSignal::new(page);
    let close = Action::new(move |delete: &bool| close_request(id, *delete));
    let problem = RwSignal::new(None::<String>);
    // Outlives the offer form, which is drawn again from the page an answer brings.
    let saved = RwSignal::new(false);
    Effect::new(move |_| match close.value().get() {
        Some(Ok(())) => go_to("/my/requests"),
        Some(Err(e)) => problem.set(Some(e.first_message(i18n))),
        None => {}
    });
    let head = move || {
        let p = page.get();
        let card = p.card.clone();
        view! {
            <Title text=card.title.clone()/>
            <header class="request-head">
                <p class="muted"><a href="/requests">{i18n.t("requests-title")}</a> " / " {card.category.name(i18n.lang).to_owned()}</p>
                <h1 data-testid="request-title">{card.title.clone()}</h1>
                <p class="request-figures">
                    <span>{i18n.t("request-budget")} ": " <BudgetRange card=card.clone()/></span>
                    <span>{i18n.count("days", u64::from(card.delivery_days))}</span>
                    <span data-testid="request-offers">{i18n.count("request-offers-count", u64::from(card.offers))}</span>
                    <span class="status" data-testid="request-status" data-status=card.status.as_str()>{i18n.t(card.status.message_id())}</span>
                </p>
                <p class="muted small">
                    {card.buyer.clone()} " · " {full_date(i18n, card.created_at)}
                    {p.expires_at.filter(|_| card.status == RequestStatus::Open).map(|at| view! {
                        " · " {i18n.t_arg("request-open-until", "date", full_date(i18n, at))}
                    })}
                </p>
            </header>
            {p.reject_reason.clone().filter(|_| card.status == RequestStatus::Rejected).map(|r| view! {
                <p class="notice warning" data-testid="request-rejected">{i18n.t("request-rejected-because")} " " {r}</p>
            })}
            {(card.status == RequestStatus::Pending).then(|| view! {
                <p class="notice" data-testid="request-pending">{i18n.t("request-pending-note")}</p>
            })}
            <section class="panel">
                <h2>{i18n.t("request-description")}</h2>
                <p class="prose" data-testid="request-description">{p.description.clone()}</p>
                <FileLinks files=p.files.clone() base=format!("/requests/{}/files", card.id) testid="request-file"/>
            </section>
        }
    };
    let body = move || {
        let p = page.get();
        let open = p.card.status == RequestStatus::Open;
        let attachable = matches!(p.card.status, RequestStatus::Open | RequestStatus::Pending);
        match p.viewer {
            RequestViewer::Owner => view! {
                {attachable.then(|| view! {
                    <section class="panel">
                        <h2>{i18n.t("request-attach-title")}</h2>
                        <AttachFiles upload_url=format!("/requests/{id}/files") attached=RwSignal::new(Vec::new()) hint="request-attach-hint"/>
                    </section>
                })}
                {p.order_id.map(|o| view! {
                    <p class="notice" data-testid="request-order"><a href=format!("/orders/{o}")>{i18n.t_arg("order-number", "id", o.to_string())}</a></p>
                })}
                <section class="offers" data-testid="offers">
                    <h2>{i18n.count("request-offers-count", p.offers.len() as u64)}</h2>
                    {p.offers.is_empty().then(|| view! { <p class="muted">{i18n.t("request-no-offers")}</p> })}
                    <ul class="offer-list">
                        {p.offers.clone().into_iter().map(|offer| view! { <OfferCard offer orderable=open/> }).collect_view()}
                    </ul>
                </section>
                {matches!(p.card.status, RequestStatus::Open | RequestStatus::Pending | RequestStatus::Rejected | RequestStatus::Expired).then(|| view! {
                    <div class="buttons">
                        {(p.card.status != RequestStatus::Expired).then(|| view! {
                            <button type="button" class="button secondary" data-testid="request-close"
                                disabled=move || close.pending().get() on:click=move |_| { close.dispatch(false); }>{i18n.t("request-close")}</button>
                        })}
                        <button type="button" class="button secondary danger" data-testid="request-delete"
                            disabled=move || close.pending().get() on:click=move |_| { close.dispatch(true); }>{i18n.t("request-delete")}</button>
                    </div>
                })}
            }.into_any(),
            RequestViewer::Member => {
                let mine = p.offers.first().cloned();
                view! {
                    {mine.clone().map(|offer| view! {
                        <section class="offers"><h2>{i18n.t("request-your-offer")}</h2>
                            <ul class="offer-list"><OfferCard offer orderable=false/></ul>
                        </section>
                    })}
                    {(open && mine.as_ref().is_none_or(|o| o.status == OfferStatus::Open)).then(|| view! {
                        <OfferForm request=id services=p.my_services.clone() mine page saved/>
                    })}
                }.into_any()
            }
            RequestViewer::Visitor => view! {
                {open.then(|| view! {
                    <p class="notice"><a class="button primary" href=format!("/login?next=/requests/{id}") data-testid="offer-login">{i18n.t("request-log-in-to-offer")}</a></p>
                })}
            }.into_any(),
        }
    };
    view! {
        {head}
        {move || problem.get().map(|e| view! { <p class="notice error" role="alert" data-testid="request-error">{e}</p> })}
        {move || saved.get().then(|| view! { <p class="notice" role="status" data-testid="offer-saved">{i18n.t("offer-saved")}</p> })}
        {body}
    }
}

/// An offer as its request's buyer (or its seller) sees it.
#[component]
fn OfferCard(offer: RequestOffer, orderable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let can_order = orderable && offer.status == OfferStatus::Open;
    view! {
        <li class="offer" data-testid="offer" data-status=offer_status(offer.status)>
            <p class="offer-seller">
                <a href=format!("/sellers/{}", offer.seller.username) data-testid="offer-seller"><strong>{offer.seller.display_name.clone()}</strong></a>
                " " <LevelBadge level=offer.seller.level/> " " <Rating rating=offer.rating/>
            </p>
            <p>
                <a href=format!("/services/{}", offer.service_id)>{offer.service_title.clone()}</a>
                " · " <strong class="money" data-testid="offer-price">{offer.price.to_string()}</strong>
                " · " {i18n.count("days", u64::from(offer.delivery_days))}
            </p>
            <p class="prose">{offer.note.clone()}</p>
            {(offer.status != OfferStatus::Open).then(|| view! {
                <p class="status" data-testid="offer-status">{i18n.t(match offer.status {
                    OfferStatus::Accepted => "offer-status-accepted",
                    _ => "offer-status-closed",
                })}</p>
            })}
            {can_order.then(|| view! {
                <div class="buttons">
                    <a class="button primary" href=format!("/checkout?offer={}", offer.id) data-testid="order-offer">{i18n.t("offer-order")}</a>
                    <a class="button secondary" href=format!("/services/{}/contact", offer.service_id) data-testid="offer-ask">{i18n.t("offer-ask")}</a>
                </div>
            })}
        </li>
    }
}

fn offer_status(status: OfferStatus) -> &'static str {
    match status {
        OfferStatus::Open => "open",
        OfferStatus::Accepted => "accepted",
        OfferStatus::Closed => "closed",
    }
}

/// A seller's offer: one of their services, a price and days for this request (empty:
/// the service's), and a note.
#[component]
fn OfferForm(
    request: i64,
    services: Vec<(i64, String)>,
    mine: Option<RequestOffer>,
    page: RwSignal<RequestPage>,
    saved: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    if services.is_empty() {
        return view! { <p class="notice" data-testid="offer-no-services">{i18n.t("offer-no-services")}</p> }.into_any();
    }
    let editing = mine.is_some();
    let service = RwSignal::new(
        mine.as_ref()
            .map(|o| o.service_id)
            .unwrap_or(services[0].0)
            .to_string(),
    );
    let price = RwSignal::new(
        mine.as_ref()
            .map(|o| o.price.to_string().trim_start_matches('$').replace(',', ""))
            .unwrap_or_default(),
    );
    let days = RwSignal::new(
        mine.as_ref()
            .map(|o| o.delivery_days.to_string())
            .unwrap_or_default(),
    );
    let note = RwSignal::new(mine.map(|o| o.note).unwrap_or_default());
    let problem = RwSignal::new(None::<String>);
    let send = Action::new(move |draft: &OfferDraft| make_offer(request, draft.clone()));
    Effect::new(move |_| match send.value().get() {
        Some(Ok(p)) => {
            page.set(p);
            problem.set(None);
            saved.set(true);
        }
        Some(Err(e)) => {
            saved.set(false);
            problem.set(Some(e.first_message(i18n)));
        }
        None => {}
    });
    view! {
        <form class="panel offer-form" data-testid="offer-form" on:submit=move |ev: SubmitEvent| {
            ev.prevent_default();
            send.dispatch(OfferDraft {
                service_id: service.get_untracked().parse().unwrap_or(0),
                price: price.get_untracked(),
                delivery_days: days.get_untracked(),
                note: note.get_untracked(),
            });
        }>
            <h2>{i18n.t(if editing { "offer-edit" } else { "offer-make" })}</h2>
            {move || problem.get().map(|e| view! { <p class="notice error" role="alert" data-testid="offer-error">{e}</p> })}
            <label class="field">
                <span>{i18n.t("offer-service")}</span>
                <select data-testid="offer-service" on:change=move |ev| service.set(event_target_value(&ev))>
                    {services.into_iter().map(|(id, title)| {
                        let selected = id.to_string() == service.get_untracked();
                        view! { <option value=id.to_string() selected=selected>{title}</option> }
                    }).collect_view()}
                </select>
            </label>
            <div class="field-row">
                <label class="field">
                    <span>{i18n.t("offer-price")}</span>
                    <input type="text" inputmode="numeric" dir="ltr" data-testid="offer-price-input"
                        prop:value=move || price.get() on:input=move |ev| price.set(event_target_value(&ev))/>
                    <span class="muted small">{i18n.t("offer-price-hint")}</span>
                </label>
                <label class="field">
                    <span>{i18n.t("field-days")}</span>
                    <input type="text" inputmode="numeric" dir="ltr" data-testid="offer-days-input"
                        prop:value=move || days.get() on:input=move |ev| days.set(event_target_value(&ev))/>
                </label>
            </div>
            <label class="field">
                <span>{i18n.t("offer-note")}</span>
                <textarea rows="4" data-testid="offer-note" prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                <ContactWarning text=note/>
            </label>
            <button type="submit" class="button primary" data-testid="offer-submit" disabled=move || send.pending().get()>
                {i18n.t(if editing { "offer-save" } else { "offer-send" })}
            </button>
        </form>
    }
    .into_any()
}

/// `/my/requests`
#[component]
pub fn MyRequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = api_resource(|| (), |_| get_my_requests());
    let render = move |cards: Vec<RequestCard>| {
        if cards.is_empty() {
            return view! { <p class="empty-state" data-testid="no-requests">{i18n.t("my-requests-empty")}</p> }.into_any();
        }
        view! {
            <ul class="request-list">
                {cards.into_iter().map(|card| view! { <RequestLine card/> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <Title text=i18n.t("my-requests-title")/>
        <div class="container">
            <header class="page-head">
                <h1>{i18n.t("my-requests-title")}</h1>
                <a class="button primary" href="/requests/new">{i18n.t("requests-new")}</a>
            </header>
            <Loaded data render/>
        </div>
    }
}
