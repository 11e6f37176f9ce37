//! `/my/services`: the seller's services with their status, the reason of a rejection,
//! and pause / resume.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::selling::{MyService, PendingEdit, ServiceStatus};

use crate::api::api_resource;
use crate::api::selling::{archive_service, get_my_services, set_service_paused};
use crate::components::states::Loaded;
use crate::i18n::use_i18n;

#[component]
pub fn MyServicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let pause = Action::new(|(id, paused): &(i64, bool)| set_service_paused(*id, *paused));
    let archive = Action::new(|id: &i64| archive_service(*id));
    let services = api_resource(
        move || (pause.version().get(), archive.version().get()),
        |_| get_my_services(),
    );
    let error = move || {
        pause
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| archive.value().get().and_then(Result::err))
            .map(|e| e.message(i18n))
    };
    let render = move |list: Vec<MyService>| {
        if list.is_empty() {
            return view! { <p class="empty" data-testid="no-services">{i18n.t("my-services-empty")}</p> }.into_any();
        }
        view! {
            <ul class="my-services">
                {list.into_iter().map(|s| view! { <MyServiceRow s pause archive/> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <Title text=i18n.t("my-services-title")/>
        <div class="container">
            <div class="page-head">
                <h1>{i18n.t("my-services-title")}</h1>
                <a class="button primary" href="/my/services/new" data-testid="new-service">{i18n.t("nav-new-service")}</a>
            </div>
            {move || error().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            <Loaded data=services render/>
        </div>
    }
}

#[component]
fn MyServiceRow(
    s: MyService,
    pause: Action<(i64, bool), Result<(), crate::error::AppError>>,
    archive: Action<i64, Result<(), crate::error::AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = s.id;
    let confirming = RwSignal::new(false);
    let edit_href = format!("/my/services/{id}/edit");
    let status_class = format!("status status-{}", s.status.as_str());
    let title = if s.status == ServiceStatus::Published {
        view! { <a href=format!("/services/{id}")>{s.title.clone()}</a> }.into_any()
    } else {
        view! { <span>{s.title.clone()}</span> }.into_any()
    };
    view! {
        <li class="my-service" data-testid="my-service" data-status=s.status.as_str()>
            {s.image.map(|src| view! { <img src=src alt="" width="120" height="90"/> })}
            <div class="my-service-body">
                <h2>{title}</h2>
                <p>
                    <span class=status_class data-testid="service-status">{i18n.t(s.status.message_id())}</span>
                    " · "{format!("${}", s.price_dollars)}
                </p>
                {s.rejection_reason.filter(|_| s.status == ServiceStatus::Rejected).map(|r| view! {
                    <p class="notice error"><strong>{i18n.t("rejection-reason")}</strong>" "
                        <span data-testid="rejection-reason">{r}</span></p>
                })}
                {s.edit.map(|e| match e {
                    PendingEdit::InReview => view! {
                        <p class="notice info" data-testid="edit-in-review">{i18n.t("edit-in-review")}</p>
                    }.into_any(),
                    PendingEdit::Rejected { reason } => view! {
                        <p class="notice error"><strong>{i18n.t("edit-rejected")}</strong>" "
                            <span data-testid="rejection-reason">{reason}</span></p>
                    }.into_any(),
                })}
            </div>
            <div class="my-service-actions">
                <a class="button secondary" href=edit_href data-testid="edit-service">{i18n.t("edit")}</a>
                {(s.status == ServiceStatus::Published).then(|| view! {
                    <button type="button" class="button ghost" data-testid="pause-service"
                        on:click=move |_| { pause.dispatch((id, true)); }>{i18n.t("pause")}</button>
                })}
                {(s.status == ServiceStatus::Paused).then(|| view! {
                    <button type="button" class="button ghost" data-testid="resume-service"
                        on:click=move |_| { pause.dispatch((id, false)); }>{i18n.t("resume")}</button>
                })}
                {move || if confirming.get() {
                    view! {
                        <span class="confirm">
                            {i18n.t("archive-confirm")} " "
                            <button type="button" class="button danger" data-testid="archive-confirm"
                                on:click=move |_| { archive.dispatch(id); }>{i18n.t("archive-yes")}</button>
                            <button type="button" class="button ghost" on:click=move |_| confirming.set(false)>{i18n.t("archive-no")}</button>
                        </span>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="button ghost" data-testid="archive-service"
                            on:click=move |_| confirming.set(true)>{i18n.t("archive")}</button>
                    }.into_any()
                }}
            </div>
        </li>
    }
}
