use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use shared::catalog::{Named, RatingSummary, ServiceDetail};
use shared::reviews::ReviewPage;

use crate::api::api_resource;
use crate::api::{get_service_detail, get_service_reviews};
use crate::components::favorite_button::FavoriteButton;
use crate::components::order_box::OrderBox;
use crate::components::pagination::Pagination;
use crate::components::rating::Rating;
use crate::components::review::ReviewList;
use crate::components::seller_card::SellerCardView;
use crate::components::states::{Loaded, NotFoundNotice};
use crate::i18n::use_i18n;
use crate::route::{use_params_map, use_query_map};

/// `/services/:id`
#[component]
pub fn ServicePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let data = api_resource(id, |id| async move {
        match id {
            Some(id) => get_service_detail(id).await.map(Some),
            None => Ok(None),
        }
    });
    let render = |service: Option<ServiceDetail>| match service {
        Some(service) => view! { <ServiceView service/> }.into_any(),
        None => view! { <NotFoundNotice/> }.into_any(),
    };
    view! {
        <div class="container">
            <Loaded data render/>
        </div>
    }
}

#[component]
fn ServiceView(service: ServiceDetail) -> impl IntoView {
    let i18n = use_i18n();
    let summary: String = service.description.chars().take(160).collect();
    view! {
        <Title text=format!("{} — {}", service.title, i18n.t("site-name"))/>
        <Meta name="description" content=summary/>
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <a href="/">{i18n.t("nav-home")}</a>
            <span aria-hidden="true">" / "</span>
            <a href=format!("/categories/{}", service.main_category.slug)>
                {service.main_category.name(i18n.lang).to_owned()}
            </a>
            {(service.category.id != service.main_category.id).then(|| view! {
                <span aria-hidden="true">" / "</span>
                <a href=format!("/categories/{}", service.category.slug)>
                    {service.category.name(i18n.lang).to_owned()}
                </a>
            })}
        </nav>
        // Three areas: on phones head, then the order box, then the details; on wide
        // screens the order box is a sticky column beside both.
        <div class="service-layout">
            <header class="service-head">
                <h1 data-testid="service-title">{service.title.clone()}</h1>
                <p class="service-stats">
                    <Rating rating=service.rating/>
                    <span class="muted">{i18n.count("orders-count", u64::from(service.orders_count))}</span>
                    <FavoriteButton service_id=service.id large=true/>
                </p>
                <Gallery images=service.images.clone() title=service.title.clone()/>
            </header>
            <aside class="service-aside">
                <OrderBox service_id=service.id price=service.price delivery_days=service.delivery_days upgrades=service.upgrades.clone()/>
                <SellerCardView card=service.seller.clone()/>
                <a class="button secondary block" href=format!("/services/{}/contact", service.id) data-testid="contact-seller">
                    {i18n.t("messages-contact-seller")}
                </a>
            </aside>
            <article class="service-body">
                <section class="panel">
                    <h2>{i18n.t("service-description")}</h2>
                    <p class="prose" data-testid="service-description">{service.description.clone()}</p>
                    {(!service.tags.is_empty()).then(|| view! {
                        <ul class="tags" aria-label=i18n.t("service-tags")>
                            {service.tags.iter().map(|t| view! { <li class="chip">{t.clone()}</li> }).collect_view()}
                        </ul>
                    })}
                </section>
                <section class="panel">
                    <h2>{i18n.t("service-instructions")}</h2>
                    <p class="prose" data-testid="service-instructions">{service.instructions.clone()}</p>
                </section>
                <ServiceReviews service_id=service.id rating=service.rating/>
            </article>
        </div>
    }
}

/// The first image large, the others as a strip below; plain images, no script needed.
#[component]
fn Gallery(images: Vec<shared::catalog::GalleryImage>, title: String) -> impl IntoView {
    let i18n = use_i18n();
    let mut images = images.into_iter();
    let first = images.next();
    let rest: Vec<_> = images.collect();
    view! {
        <section class="gallery" aria-label=i18n.t("service-gallery")>
            {match first {
                Some(img) => view! {
                    // The page's largest paint: fetched first, never deferred.
                    <img class="gallery-main" src=img.url alt=title width="800" height="600"
                        loading="eager" fetchpriority="high" data-testid="gallery-main"/>
                }.into_any(),
                None => view! { <span class="gallery-main image-placeholder"></span> }.into_any(),
            }}
            {(!rest.is_empty()).then(|| view! {
                <div class="gallery-strip">
                    {rest.into_iter().map(|img| view! {
                        <img src=img.url alt=img.alt loading="lazy" width="200" height="150"/>
                    }).collect_view()}
                </div>
            })}
        </section>
    }
}

/// The service's reviews, newest first, a page at a time (`?reviews=N`, so pages work
/// without JavaScript), under the average and how many gave each number of stars.
#[component]
fn ServiceReviews(service_id: i64, rating: RatingSummary) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = move || {
        query
            .read()
            .get("reviews")
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(1)
    };
    let data = api_resource(page, move |page| get_service_reviews(service_id, page));
    let render = move |reviews: ReviewPage| {
        let histogram = reviews.histogram;
        view! {
            {(histogram.total() > 0).then(|| view! {
                <div class="review-summary">
                    <p class="review-average" data-testid="review-average">
                        {rating.average_in(i18n.lang)}
                    </p>
                    <ul class="star-histogram" data-testid="star-histogram">
                        {(1..=5u8).rev().map(|stars| {
                            let n = histogram.counts[usize::from(stars - 1)];
                            let label = i18n.t_with(
                                "review-histogram-row",
                                &[("stars", stars.into()), ("count", n.into())],
                            );
                            view! {
                                <li aria-label=label data-stars=stars data-count=n>
                                    <span class="histogram-stars">{stars} "★"</span>
                                    <span class="histogram-bar"><span style=format!("inline-size: {}%", histogram.percent(stars))></span></span>
                                    <span class="histogram-count muted">{n}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            })}
            <ReviewList reviews=reviews.reviews empty=i18n.t("service-no-reviews")/>
            <Pagination page=reviews.page total_pages=reviews.pages
                href=move |p| format!("/services/{service_id}?reviews={p}#reviews")/>
        }
    };
    view! {
        <section class="panel" id="reviews" data-testid="service-reviews">
            <h2>
                {i18n.t("service-reviews")}
                <span class="muted">" · " {i18n.count("reviews-count", u64::from(rating.count))}</span>
            </h2>
            <Loaded data render/>
        </section>
    }
}
