//! `/my/services/new` and `/my/services/:id/edit`: the seller's service form. Every rule
//! of `shared::service_form` is checked as the seller types; the server checks again.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::catalog::{CategoryTree, Named};
use shared::selling::EditableService;
use shared::service_form::{validate, ServiceDraft, UpgradeDraft, IMAGES_MAX, UPGRADES_MAX};

use crate::api::api_resource;
use crate::api::get_category_tree;
use crate::api::selling::{get_editable_service, save_service};
use crate::components::forms::{go_to, Field, FormNotice, FormState};
use crate::components::image_upload::{ImageUpload, Uploaded};
use crate::components::states::Loaded;
use crate::i18n::use_i18n;
use crate::route::use_params_map;

#[component]
pub fn NewServicePage() -> impl IntoView {
    let i18n = use_i18n();
    let tree = api_resource(|| (), |_| get_category_tree());
    view! {
        <Title text=i18n.t("editor-new-title")/>
        <div class="container narrow">
            <h1>{i18n.t("editor-new-title")}</h1>
            <Loaded data=tree render=|tree| view! { <ServiceEditor tree initial=None/> }/>
        </div>
    }
}

#[component]
pub fn EditServicePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let tree = api_resource(|| (), |_| get_category_tree());
    let service = api_resource(id, get_editable_service);
    let render = move |tree: Vec<CategoryTree>| {
        let inner =
            move |s: EditableService| view! { <ServiceEditor tree=tree.clone() initial=Some(s)/> };
        view! { <Loaded data=service render=inner/> }
    };
    view! {
        <Title text=i18n.t("editor-edit-title")/>
        <div class="container narrow">
            <h1>{i18n.t("editor-edit-title")}</h1>
            <Loaded data=tree render/>
        </div>
    }
}

#[derive(Clone, Copy)]
struct UpgradeRow {
    key: u32,
    title: RwSignal<String>,
    price: RwSignal<String>,
    days: RwSignal<String>,
}

impl UpgradeRow {
    fn new(key: u32, u: &UpgradeDraft) -> Self {
        let number = |n: u32| if n == 0 { String::new() } else { n.to_string() };
        UpgradeRow {
            key,
            title: RwSignal::new(u.title.clone()),
            price: RwSignal::new(number(u.price_dollars)),
            days: RwSignal::new(u.extra_days.to_string()),
        }
    }

    fn draft(&self) -> UpgradeDraft {
        UpgradeDraft {
            title: self.title.get(),
            price_dollars: parse(&self.price.get()),
            extra_days: parse(&self.days.get()),
        }
    }
}

/// Digits only (Arabic-Indic ones too); anything else is 0, which the rules refuse. Only
/// the digits are folded: the search normalization would bring the Unicode NFKC tables
/// into the browser for nothing.
fn parse(s: &str) -> u32 {
    shared::validation::western_digits(s.trim())
        .parse()
        .unwrap_or(0)
}

#[component]
fn ServiceEditor(tree: Vec<CategoryTree>, initial: Option<EditableService>) -> impl IntoView {
    let i18n = use_i18n();
    let id = initial.as_ref().map(|s| s.id);
    let live = initial.as_ref().is_some_and(|s| s.status.is_live());
    let d = initial
        .as_ref()
        .map(|s| s.draft.clone())
        .unwrap_or_else(|| ServiceDraft {
            delivery_days: 3,
            ..Default::default()
        });
    let number = |n: u32| if n == 0 { String::new() } else { n.to_string() };
    let title = RwSignal::new(d.title.clone());
    let description = RwSignal::new(d.description.clone());
    let category = RwSignal::new(if d.category_id > 0 {
        d.category_id.to_string()
    } else {
        String::new()
    });
    let tags = RwSignal::new(d.tags.join("، "));
    let price = RwSignal::new(number(d.price_dollars));
    let days = RwSignal::new(number(d.delivery_days));
    let instructions = RwSignal::new(d.instructions.clone());
    let next_key = StoredValue::new(d.upgrades.len() as u32);
    let upgrades = RwSignal::new(
        d.upgrades
            .iter()
            .enumerate()
            .map(|(i, u)| UpgradeRow::new(i as u32, u))
            .collect::<Vec<_>>(),
    );
    let images = RwSignal::new(
        initial
            .as_ref()
            .map(|s| {
                s.draft
                    .images
                    .iter()
                    .cloned()
                    .zip(s.image_urls.iter().cloned())
                    .map(|(path, url)| Uploaded { path, url })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default(),
    );
    let form = FormState::new();
    let draft = move || ServiceDraft {
        title: title.get(),
        description: description.get(),
        category_id: category.get().parse().unwrap_or(0),
        tags: shared::account::split_list(&tags.get()),
        price_dollars: parse(&price.get()),
        delivery_days: parse(&days.get()),
        instructions: instructions.get(),
        upgrades: upgrades.get().iter().map(UpgradeRow::draft).collect(),
        images: images.get().into_iter().map(|u| u.path).collect(),
    };
    let client = Memo::new(move |_| validate(&draft()).err().unwrap_or_default());
    let problem = move |field: String| Signal::derive(move || form.message(&field, &client.get()));
    let action =
        Action::new(move |(d, submit): &(ServiceDraft, bool)| save_service(id, d.clone(), *submit));
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => go_to("/my/services"),
        Some(Err(e)) => form.failed(&e),
        None => {}
    });
    let send = move |submit: bool| {
        form.attempt();
        if client.get_untracked().is_empty() {
            action.dispatch((draft(), submit));
        }
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        send(true);
    };
    let add_upgrade = move |_: leptos::ev::MouseEvent| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        upgrades.update(|u| {
            u.push(UpgradeRow::new(
                key,
                &UpgradeDraft {
                    extra_days: 0,
                    ..Default::default()
                },
            ))
        });
    };
    let upgrades_full = move || upgrades.read().len() >= UPGRADES_MAX;
    let gallery_full = Signal::derive(move || images.read().len() >= IMAGES_MAX);
    let options = tree
        .iter()
        .map(|main| {
            let label = main.category.name(i18n.lang).to_owned();
            view! {
                <optgroup label=label>
                    {main.children.iter().map(|c| {
                        let value = c.id.to_string();
                        let selected = value == category.get_untracked();
                        view! { <option value=value selected=selected>{c.name(i18n.lang).to_owned()}</option> }
                    }).collect_view()}
                </optgroup>
            }
        })
        .collect_view();
    view! {
        <form class="card-form service-editor" on:submit=on_submit novalidate data-testid="service-editor">
            {live.then(|| view! { <p class="notice info">{i18n.t("editor-live-note")}</p> })}
            <FormNotice form/>
            <Field form name="title" label=i18n.t("field-title") value=title
                hint=i18n.t("field-title-hint") problem=problem("title".into())/>
            <div class="field" class:invalid=move || problem("category_id".into()).get().is_some()>
                <label for="field-category_id">{i18n.t("field-category")}</label>
                <select id="field-category_id" name="category_id" data-testid="category-select"
                    on:change=move |ev| { category.set(event_target_value(&ev)); form.touch("category_id"); }>
                    <option value="" selected=category.get_untracked().is_empty()>{i18n.t("field-category-choose")}</option>
                    {options}
                </select>
                <p class="field-message" data-testid="error-category_id">
                    {move || problem("category_id".into()).get().map(|m| i18n.t(&m))}
                </p>
            </div>
            <Field form name="description" label=i18n.t("field-description") value=description
                multiline=true problem=problem("description".into())/>
            <div class="field-row">
                <Field form name="price_dollars" label=i18n.t("field-price") value=price kind="number"
                    hint=i18n.t("field-price-hint") problem=problem("price_dollars".into())/>
                <Field form name="delivery_days" label=i18n.t("field-days") value=days kind="number"
                    problem=problem("delivery_days".into())/>
            </div>
            <Field form name="tags" label=i18n.t("field-tags") value=tags
                hint=i18n.t("field-tags-hint") problem=problem("tags".into())/>
            <Field form name="instructions" label=i18n.t("field-instructions") value=instructions
                multiline=true hint=i18n.t("field-instructions-hint") problem=problem("instructions".into())/>

            <fieldset class="upgrades-editor">
                <legend>{i18n.t("editor-upgrades")}</legend>
                <p class="muted">{i18n.t("editor-upgrades-lead")}</p>
                <For each=move || upgrades.get() key=|r| r.key let:row>
                    {
                        let index = move || upgrades.read().iter().position(|r| r.key == row.key).unwrap_or(0);
                        view! {
                            <div class="upgrade-row" data-testid="upgrade-row">
                                <Field form name=format!("upgrades.{}.title", index()) label=i18n.t("field-upgrade-title")
                                    value=row.title problem=Signal::derive(move || form.message(&format!("upgrades.{}.title", index()), &client.get()))/>
                                <Field form name=format!("upgrades.{}.price_dollars", index()) label=i18n.t("field-price") value=row.price kind="number"
                                    problem=Signal::derive(move || form.message(&format!("upgrades.{}.price_dollars", index()), &client.get()))/>
                                <Field form name=format!("upgrades.{}.extra_days", index()) label=i18n.t("field-extra-days") value=row.days kind="number"
                                    problem=Signal::derive(move || form.message(&format!("upgrades.{}.extra_days", index()), &client.get()))/>
                                <button type="button" class="button ghost" data-testid="upgrade-remove"
                                    on:click=move |_| upgrades.update(|u| u.retain(|r| r.key != row.key))>
                                    {i18n.t("editor-remove")}
                                </button>
                            </div>
                        }
                    }
                </For>
                <button type="button" class="button secondary" data-testid="upgrade-add"
                    disabled=upgrades_full on:click=add_upgrade>
                    {i18n.t("editor-add-upgrade")}
                </button>
            </fieldset>

            <fieldset class="gallery-editor">
                <legend>{i18n.t("editor-gallery")}</legend>
                <ul class="gallery-thumbs">
                    {move || images.get().into_iter().map(|img| {
                        let path = img.path.clone();
                        view! {
                            <li data-testid="gallery-thumb">
                                <img src=img.url alt="" width="160" height="120"/>
                                <button type="button" class="button ghost"
                                    on:click=move |_| images.update(|list| list.retain(|i| i.path != path))>
                                    {i18n.t("editor-remove")}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <ImageUpload label=i18n.t("editor-add-image")
                    disabled=gallery_full
                    on_uploaded=Callback::new(move |u| images.update(|list| list.push(u)))/>
                <p class="field-message" data-testid="error-images">
                    {move || problem("images".into()).get().map(|m| i18n.t(&m))}
                </p>
            </fieldset>

            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || action.pending().get()
                    data-testid="service-submit">{i18n.t("editor-submit")}</button>
                {(!live).then(|| view! {
                    <button type="button" class="button secondary" disabled=move || action.pending().get()
                        data-testid="service-save-draft" on:click=move |_| send(false)>{i18n.t("editor-save-draft")}</button>
                })}
            </div>
        </form>
    }
}
