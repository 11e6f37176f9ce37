use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Previous / "page 2 of 5" / next, as plain links: pages are URLs (`?page=N`), so they
/// work without JavaScript and can be shared.
#[component]
pub fn Pagination(
    page: u32,
    total_pages: u32,
    href: impl Fn(u32) -> String + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = i18n.t_with(
        "page-of",
        &[("page", page.into()), ("total", total_pages.into())],
    );
    let label = status.clone();
    (total_pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=label>
                {(page > 1).then(|| view! {
                    <a class="button secondary" rel="prev" href=href(page - 1) data-testid="page-previous">
                        {i18n.t("page-previous")}
                    </a>
                })}
                <span class="pagination-status">{status}</span>
                {(page < total_pages).then(|| view! {
                    <a class="button secondary" rel="next" href=href(page + 1) data-testid="page-next">
                        {i18n.t("page-next")}
                    </a>
                })}
            </nav>
        }
    })
}
