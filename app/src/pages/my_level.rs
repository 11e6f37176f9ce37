//! `/my/level`: the seller's level and exactly why: each criterion of the level they hold
//! and of the next one, their figure, the threshold, met or not, and what counts toward it.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::reviews::localized_number;
use shared::seller_level::{Criterion, MyLevel};

use crate::api::api_resource;
use crate::api::selling::get_my_level;
use crate::components::dates::full_date;
use crate::components::level_badge::LevelBadge;
use crate::components::states::Loaded;
use crate::i18n::{use_i18n, I18n};

#[component]
pub fn MyLevelPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = api_resource(|| (), |_| get_my_level());
    let render = move |my: MyLevel| view! { <LevelView my/> };
    view! {
        <Title text=i18n.t("my-level-title")/>
        <div class="container my-level">
            <h1>{i18n.t("my-level-title")}</h1>
            <Loaded data render/>
        </div>
    }
}

/// "4.5", "87%", "12 h", or a dash when there is no figure yet.
fn figure(i18n: I18n, c: Criterion) -> (String, String) {
    let tenths = |t: u32| localized_number(&format!("{}.{}", t / 10, t % 10), i18n.lang);
    let dash = || "—".to_owned();
    match c {
        Criterion::Clients { have, need } => (have.to_string(), need.to_string()),
        Criterion::Rating { have, need } => (have.map_or_else(dash, tenths), tenths(need)),
        Criterion::Completion { have, need } => (
            have.map_or_else(dash, |h| format!("{h}%")),
            format!("{need}%"),
        ),
        Criterion::Response { have, need } => (
            have.map_or_else(dash, |h| i18n.count("hours", u64::from(h))),
            i18n.count("hours", u64::from(need)),
        ),
    }
}

#[component]
fn CriteriaTable(criteria: Vec<Criterion>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="criteria" data-testid=testid>
            <thead>
                <tr>
                    <th scope="col">{i18n.t("level-criterion")}</th>
                    <th scope="col">{i18n.t("level-yours")}</th>
                    <th scope="col">{i18n.t("level-needed")}</th>
                    <th scope="col">{i18n.t("level-met")}</th>
                </tr>
            </thead>
            <tbody>
                {criteria.into_iter().map(|c| {
                    let (have, need) = figure(i18n, c);
                    let met = c.met();
                    view! {
                        <tr data-testid="criterion" data-criterion=c.message_id() data-met=met.to_string()>
                            <th scope="row">
                                {i18n.t(c.message_id())}
                                <p class="muted small">{i18n.t(c.explanation_id())}</p>
                            </th>
                            <td>{have}</td>
                            <td>{need}</td>
                            <td class:met=met class:unmet=!met>
                                {i18n.t(if met { "level-yes" } else { "level-no" })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn LevelView(my: MyLevel) -> impl IntoView {
    let i18n = use_i18n();
    let level = my.state.level;
    let cap = level.active_service_cap();
    view! {
        <section class="panel">
            <p class="level-now" data-testid="my-level" data-level=level.as_str()>
                {i18n.t("my-level-now")} " " <LevelBadge level/>
            </p>
            <p>{i18n.t_with("my-level-cap", &[("active", my.active_services.into()), ("cap", cap.into())])}</p>
            {my.state.demotion_at().map(|at| view! {
                <p class="notice" data-testid="level-at-risk">
                    {i18n.t_arg("my-level-at-risk", "date", full_date(i18n, at))}
                </p>
            })}
            {(!my.current.is_empty()).then(|| view! {
                <h2>{i18n.t("my-level-keep")}</h2>
                <CriteriaTable criteria=my.current.clone() testid="criteria-current"/>
            })}
        </section>
        {match my.next.clone() {
            Some((next, criteria)) => view! {
                <section class="panel">
                    <h2>{i18n.t_arg("my-level-next", "level", i18n.t(next.message_id()))}</h2>
                    <CriteriaTable criteria testid="criteria-next"/>
                    <p class="muted small">{i18n.t("my-level-how")}</p>
                </section>
            }.into_any(),
            None => view! { <p class="notice" data-testid="level-top">{i18n.t("my-level-top")}</p> }.into_any(),
        }}
    }
}
