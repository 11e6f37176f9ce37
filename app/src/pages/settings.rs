//! `/settings`: profile (name, bio, skills, avatar), email verification, which
//! notification emails arrive, and password.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::account::{password_problem, split_list, validate_profile, Profile};
use shared::notifications::{MailPreferences, MailTopic};
use shared::validation::FieldError;

use crate::api::account::{
    change_password, get_mail_preferences, get_profile, resend_verification, save_mail_preferences,
    update_profile,
};
use crate::api::api_resource;
use crate::components::forms::{go_to, Field, FormNotice, FormState};
use crate::components::image_upload::{ImageUpload, Uploaded};
use crate::components::states::Loaded;
use crate::components::user_state::page_member;
use crate::i18n::use_i18n;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let profile = api_resource(|| (), |_| get_profile());
    view! {
        <Title text=i18n.t("settings-title")/>
        <div class="container narrow">
            <h1>{i18n.t("settings-title")}</h1>
            <VerificationBox/>
            <Loaded data=profile render=|p| view! { <ProfileForm profile=p/> }/>
            <MailPreferencesForm/>
            <PasswordForm/>
        </div>
    }
}

#[component]
fn VerificationBox() -> impl IntoView {
    let i18n = use_i18n();
    let me = page_member();
    let sent = RwSignal::new(false);
    let resend = Action::new(|_: &()| resend_verification());
    Effect::new(move |_| {
        if let Some(Ok(())) = resend.value().get() {
            sent.set(true);
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let unverified = me.await.ok().flatten().is_some_and(|u| !u.email_verified);
                unverified.then(|| view! {
                    <div class="notice warning" data-testid="unverified">
                        <p>{i18n.t("settings-unverified")}</p>
                        <Show when=move || sent.get() fallback=move || view! {
                            <button type="button" class="button secondary"
                                on:click=move |_| { resend.dispatch(()); }>{i18n.t("settings-resend")}</button>
                        }>
                            <p>{i18n.t("settings-resent")}</p>
                        </Show>
                    </div>
                })
            })}
        </Suspense>
    }
}

#[component]
fn ProfileForm(profile: Profile) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(profile.display_name.clone());
    let bio = RwSignal::new(profile.bio.clone());
    let skills = RwSignal::new(profile.skills.join("، "));
    let avatar = RwSignal::new(None::<Uploaded>);
    let current_avatar = profile.avatar.map(|p| format!("/media/{p}"));
    let form = FormState::new();
    let saved = RwSignal::new(false);
    let values = move || Profile {
        display_name: name.get(),
        bio: bio.get(),
        skills: split_list(&skills.get()),
        avatar: avatar.get().map(|a| a.path),
    };
    let client = Memo::new(move |_| validate_profile(&values()).err().unwrap_or_default());
    let problem =
        move |field: &'static str| Signal::derive(move || form.message(field, &client.get()));
    let action = Action::new(|p: &Profile| update_profile(p.clone()));
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => saved.set(true),
        Some(Err(e)) => form.failed(&e),
        None => {}
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.attempt();
        saved.set(false);
        if client.get_untracked().is_empty() {
            action.dispatch(values());
        }
    };
    let avatar_src = move || avatar.get().map(|a| a.url).or(current_avatar.clone());
    view! {
        <form class="card-form" on:submit=submit novalidate data-testid="profile-form">
            <h2>{i18n.t("settings-profile")}</h2>
            <FormNotice form/>
            <div class="avatar-row">
                {move || avatar_src().map(|src| view! { <img class="avatar large" src=src alt="" width="96" height="96"/> })}
                <ImageUpload label=i18n.t("settings-avatar") testid="avatar-upload"
                    on_uploaded=Callback::new(move |u| avatar.set(Some(u)))/>
            </div>
            <Field form name="display_name" label=i18n.t("field-display-name") value=name problem=problem("display_name")/>
            <Field form name="bio" label=i18n.t("field-bio") value=bio multiline=true problem=problem("bio")/>
            <Field form name="skills" label=i18n.t("field-skills") value=skills hint=i18n.t("field-list-hint") problem=problem("skills")/>
            <button type="submit" class="button primary" data-testid="profile-save">{i18n.t("save")}</button>
            {move || saved.get().then(|| view! { <p class="notice success" data-testid="profile-saved">{i18n.t("saved")}</p> })}
        </form>
    }
}

/// Which notification emails arrive: one switch per topic (orders, messages, reviews,
/// wallet). The bell shows everything either way.
#[component]
fn MailPreferencesForm() -> impl IntoView {
    let i18n = use_i18n();
    let data = api_resource(|| (), |_| get_mail_preferences());
    let render = move |saved: MailPreferences| {
        let choice = RwSignal::new(saved);
        let done = RwSignal::new(false);
        let save = Action::new(move |p: &MailPreferences| save_mail_preferences(*p));
        Effect::new(move |_| {
            if let Some(result) = save.value().get() {
                done.set(result.is_ok());
            }
        });
        view! {
            <form class="panel" data-testid="mail-preferences" on:submit=move |ev: SubmitEvent| {
                ev.prevent_default();
                save.dispatch(choice.get_untracked());
            }>
                <h2>{i18n.t("settings-mail-title")}</h2>
                <p class="muted">{i18n.t("settings-mail-hint")}</p>
                {MailTopic::ALL.into_iter().map(|topic| view! {
                    <label class="check-line">
                        <input type="checkbox" data-testid=format!("mail-{}", topic.column())
                            prop:checked=move || choice.get().wants(topic)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                choice.update(|c| c.set(topic, on));
                                done.set(false);
                            }/>
                        {i18n.t(topic.message_id())}
                    </label>
                }).collect_view()}
                <button type="submit" class="button" data-testid="mail-save" disabled=move || save.pending().get()>
                    {i18n.t("settings-mail-save")}
                </button>
                {move || done.get().then(|| view! { <p class="notice" role="status" data-testid="mail-saved">{i18n.t("settings-mail-saved")}</p> })}
            </form>
        }
    };
    view! { <Loaded data render/> }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let form = FormState::new();
    let client = Memo::new(move |_| {
        password_problem(&new.get())
            .map(|p| vec![FieldError::new("new_password", p)])
            .unwrap_or_default()
    });
    let action = Action::new(|(c, n): &(String, String)| change_password(c.clone(), n.clone()));
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => go_to("/settings?password=changed"),
        Some(Err(e)) => form.failed(&e),
        None => {}
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.attempt();
        if client.get_untracked().is_empty() {
            action.dispatch((current.get(), new.get()));
        }
    };
    view! {
        <form class="card-form" on:submit=submit novalidate data-testid="password-form">
            <h2>{i18n.t("settings-password")}</h2>
            <p class="muted">{i18n.t("settings-password-lead")}</p>
            <FormNotice form/>
            <Field form name="current_password" label=i18n.t("field-current-password") value=current
                kind="password" autocomplete="current-password"
                problem=Signal::derive(move || form.message("current_password", &[]))/>
            <Field form name="new_password" label=i18n.t("field-new-password") value=new
                kind="password" autocomplete="new-password"
                problem=Signal::derive(move || form.message("new_password", &client.get()))/>
            <button type="submit" class="button primary" data-testid="password-save">{i18n.t("settings-password-save")}</button>
        </form>
    }
}
