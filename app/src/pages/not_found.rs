use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::states::NotFoundNotice;
use crate::i18n::use_i18n;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("not-found-title")/>
        <div class="container"><NotFoundNotice/></div>
    }
}
