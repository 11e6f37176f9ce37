//! The frame of every page: header (logo, search, categories, language) and footer.

use leptos::prelude::*;
use shared::catalog::{CategoryTree, Named};

use super::user_state::use_user_state;
use crate::api::ApiResource;
use crate::i18n::use_i18n;

pub type TreeResource = ApiResource<Vec<CategoryTree>>;

#[component]
pub fn Header(tree: TreeResource) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{i18n.t("skip-to-content")}</a>
        <header class="site-header">
            <div class="container header-row">
                <a class="logo" href="/" data-testid="logo">
                    <span class="logo-mark" aria-hidden="true">"خ"</span>
                    <span class="logo-text">{i18n.t("site-name")}</span>
                </a>
                // A plain GET: results are a URL, and the box works without JavaScript.
                <form class="search" action="/search" method="get" role="search">
                    <input type="search" name="q" placeholder=i18n.t("search-placeholder")
                        aria-label=i18n.t("search-button") data-testid="search-input"/>
                    <button type="submit" class="button primary">{i18n.t("search-button")}</button>
                </form>
                <LanguageSwitch/>
                <CartLink/>
                <UserMenu/>
            </div>
            <nav class="category-nav" aria-label=i18n.t("nav-categories")>
                <div class="container">
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            tree.await.ok().map(|tree| view! { <CategoryMenu tree/> })
                        })}
                    </Suspense>
                </div>
            </nav>
        </header>
    }
}

/// The class of the element holding [`UserMenu`], and nothing else of the page that
/// depends on who is asking. The server keeps a catalog page as a visitor sees it and
/// gives it to a member with this element's content cut from a page rendered for them.
/// (`display: contents`: its children are the header grid's items.)
pub const ACCOUNT_MENU_CLASS: &str = "account-menu";

/// Log in / sign up for visitors; the member's menu (a `<details>`, no script needed)
/// with a logout form (POST) otherwise.
#[component]
fn UserMenu() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_user_state();
    view! {
        <div class=ACCOUNT_MENU_CLASS>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let me = match state {
                        Some(s) => s.me.await.ok().flatten(),
                        None => None,
                    };
                    match me {
                        // The bell is a member's, so it renders with the menu, once the user is
                        // known, on the server and in the browser alike.
                        Some(user) => view! {
                            <MessagesLink/>
                            <NotificationBell/>
                            <details class="user-menu">
                                <summary data-testid="user-menu">{user.display_name.clone()}</summary>
                                <ul class="submenu">
                                    <li><a href="/my/purchases" data-testid="nav-purchases">{i18n.t("nav-purchases")}</a></li>
                                    <li><a href="/messages" data-testid="nav-messages">{i18n.t("nav-messages")}</a></li>
                                    <li><a href="/my/requests" data-testid="nav-my-requests">{i18n.t("nav-my-requests")}</a></li>
                                    <li><a href="/my/sales" data-testid="nav-sales">{i18n.t("nav-sales")}</a></li>
                                    <li><a href="/wallet" data-testid="nav-wallet">{i18n.t("nav-wallet")}</a></li>
                                    <li><a href="/favorites" data-testid="nav-favorites">{i18n.t("nav-favorites")}</a></li>
                                    <li><a href="/my/services" data-testid="nav-my-services">{i18n.t("nav-my-services")}</a></li>
                                    <li><a href="/my/services/new">{i18n.t("nav-new-service")}</a></li>
                                    <li><a href="/my/level" data-testid="nav-my-level">{i18n.t("nav-my-level")}</a></li>
                                    <li><a href=format!("/sellers/{}", user.username)>{i18n.t("nav-my-page")}</a></li>
                                    <li><a href="/settings" data-testid="nav-settings">{i18n.t("nav-settings")}</a></li>
                                    {user.is_admin().then(|| view! {
                                        <li><a href="/admin/review" data-testid="nav-admin-review">{i18n.t("nav-admin-review")}</a></li>
                                        <li><a href="/admin/users">{i18n.t("nav-admin-users")}</a></li>
                                        <li><a href="/admin/disputes" data-testid="nav-admin-disputes">{i18n.t("nav-admin-disputes")}</a></li>
                                        <li><a href="/admin/withdrawals" data-testid="nav-admin-withdrawals">{i18n.t("nav-admin-withdrawals")}</a></li>
                                    })}
                                    <li>
                                        <form action="/logout" method="post">
                                            <button type="submit" class="link-button" data-testid="logout">{i18n.t("nav-logout")}</button>
                                        </form>
                                    </li>
                                </ul>
                            </details>
                        }.into_any(),
                        None => view! {
                            <nav class="auth-links">
                                <a href="/login" data-testid="login-link">{i18n.t("nav-login")}</a>
                                <a class="button primary" href="/signup" data-testid="signup-link">{i18n.t("nav-signup")}</a>
                            </nav>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The cart, with the number of lines (updated at once by "add to cart").
#[island]
fn CartLink() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_user_state();
    let count = move || state.map_or(0, |s| s.cart_count.get());
    let label = move || i18n.count("cart-link-label", u64::from(count()));
    view! {
        <a class="cart-link" href="/cart" data-testid="cart-link" aria-label=label title=label>
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                <path d="M3 4h2l2.4 10.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 2-1.5L21 8H6.2"/>
                <circle cx="10" cy="20" r="1.5"/><circle cx="17" cy="20" r="1.5"/>
            </svg>
            <span class="badge" data-testid="cart-count" class:empty=move || count() == 0>{count}</span>
        </a>
    }
}

/// The bell, with the number of unread notifications (filled in the browser, like the
/// cart's count).
#[island]
fn NotificationBell() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_user_state();
    let count = move || state.map_or(0, |s| s.badges.get().notifications);
    let label = move || i18n.count("notifications-label", u64::from(count()));
    view! {
        <a class="cart-link bell" href="/notifications" data-testid="notification-bell" aria-label=label title=label>
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                <path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0"/>
            </svg>
            <span class="badge" data-testid="unread-count" class:empty=move || count() == 0>{count}</span>
        </a>
    }
}

/// The envelope: the inbox, with the number of conversations holding unread messages
/// (kept current live).
#[island]
fn MessagesLink() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_user_state();
    let count = move || state.map_or(0, |s| s.badges.get().messages);
    let label = move || i18n.count("messages-label", u64::from(count()));
    view! {
        <a class="cart-link envelope" href="/messages" data-testid="messages-link" aria-label=label title=label>
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                <path d="M3 6h18v12H3zM3 6l9 7 9-7"/>
            </svg>
            <span class="badge" data-testid="messages-count" class:empty=move || count() == 0>{count}</span>
        </a>
    }
}

/// Main categories in a row; each opens its sub-categories (a `<details>`, so it works
/// without JavaScript and on touch screens).
#[component]
fn CategoryMenu(tree: Vec<CategoryTree>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="category-menu" data-testid="category-menu">
            {tree
                .into_iter()
                .map(|main| {
                    let name = main.category.name(i18n.lang).to_owned();
                    let href = format!("/categories/{}", main.category.slug);
                    view! {
                        <li>
                            <details>
                                <summary>{name}</summary>
                                <ul class="submenu">
                                    <li><a href=href>{i18n.t("category-all")}</a></li>
                                    {main.children.into_iter().map(|c| {
                                        let href = format!("/categories/{}", c.slug);
                                        view! { <li><a href=href>{c.name(i18n.lang).to_owned()}</a></li> }
                                    }).collect_view()}
                                </ul>
                            </details>
                        </li>
                    }
                })
                .collect_view()}
            // The other half of the market: needs no service covers yet.
            <li class="menu-link"><a href="/requests" data-testid="nav-requests">{i18n.t("nav-requests")}</a></li>
        </ul>
    }
}

/// A form POST to the server, which writes the language cookie and sends the user back
/// to the same page, now rendered (and laid out) in the other language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let next = crate::route::use_page_address().path_with_query();
    let other = i18n.lang.other();
    view! {
        <form class="lang-switch" action="/lang" method="post">
            <input type="hidden" name="lang" value=other.code()/>
            <input type="hidden" name="next" value=next/>
            <button type="submit" class="button ghost" lang=other.code() data-testid="lang-switch"
                title=i18n.t("lang-switch-label")>
                {i18n.t("lang-switch")}
            </button>
        </form>
    }
}

#[component]
pub fn Footer(tree: TreeResource) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <div class="container footer-grid">
                <section>
                    <p class="logo-text">{i18n.t("site-name")}</p>
                    <p class="muted">{i18n.t("footer-about")}</p>
                </section>
                <section>
                    <h2>{i18n.t("footer-categories")}</h2>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            tree.await.ok().map(|tree| view! {
                                <ul class="footer-links">
                                    {tree.into_iter().map(|main| {
                                        let href = format!("/categories/{}", main.category.slug);
                                        view! { <li><a href=href>{main.category.name(i18n.lang).to_owned()}</a></li> }
                                    }).collect_view()}
                                </ul>
                            })
                        })}
                    </Suspense>
                </section>
            </div>
            <p class="container copyright muted">{i18n.t("footer-rights")}</p>
        </footer>
    }
}
