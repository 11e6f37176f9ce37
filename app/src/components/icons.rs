//! Inline SVG icons: categories and stars. Inline so they inherit `currentColor` and need
//! no request.

use leptos::prelude::*;

/// A category's icon by the key stored with the category.
#[component]
pub fn CategoryIcon(#[prop(into)] name: String) -> impl IntoView {
    let path = match name.as_str() {
        "pen" => "M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4",
        "palette" => "M12 3a9 9 0 1 0 0 18c1.1 0 1.5-.8 1.5-1.5 0-1-.8-1.4-.8-2.3 0-.9.7-1.7 1.7-1.7H17a4 4 0 0 0 4-4c0-4.7-4-8.5-9-8.5zM7.5 12a1 1 0 1 1 0-.1M10 7.5a1 1 0 1 1 0-.1M15 7.5a1 1 0 1 1 0-.1",
        "code" => "M8 7l-5 5 5 5M16 7l5 5-5 5M14 4l-4 16",
        "megaphone" => "M3 10v4h3l7 4V6L6 10H3zM16 9a4 4 0 0 1 0 6M6 14l1 5h3l-1-4",
        "video" => "M3 6h12v12H3zM15 10l6-3v10l-6-3",
        "briefcase" => "M3 8h18v11H3zM8 8V5h8v3M3 13h18",
        "spark" => "M12 3l2 6 6 2-6 2-2 6-2-6-6-2 6-2zM19 3v4M17 5h4",
        _ => "M4 4h16v16H4z",
    };
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"
            fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
            <path d=path></path>
        </svg>
    }
}

#[component]
pub fn StarIcon() -> impl IntoView {
    view! {
        <svg class="star" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="currentColor">
            <path d="M12 2.5l2.9 6.1 6.6.8-4.9 4.5 1.3 6.6L12 17.2l-5.9 3.3 1.3-6.6L2.5 9.4l6.6-.8z"></path>
        </svg>
    }
}
